//! `emv-doctor guide`: list, check, draw and walk the troubleshooting guides.

use anyhow::Context;
use emv_doctor::checks::CheckContext;
use emv_doctor::guide::checks::{self, CheckRequest, CheckResult};
use emv_doctor::guide::library::{self, Library, Source};
use emv_doctor::guide::model::{Node, NodeKind};
use emv_doctor::guide::session::Session;
use emv_doctor::guide::{Guide, GuideErrors, builtin, graph, load, stats};
use emv_doctor::i18n::{Lang, Text};
use serde_json::json;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `emv-doctor guide`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, clap::Subcommand)]
enum Cmd {
    /// List the guides: built-in ones and those in the user's guide folder.
    List {
        /// One JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate guide files (the built-in guides when none is given) and print figures.
    ///
    /// Exit 1 with `file:line:column` messages when any guide has a problem.
    Check {
        /// Guide files (`*.ron`).
        files: Vec<PathBuf>,
        /// One JSON array instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print a guide's whole tree, as Graphviz DOT or JSON.
    Graph {
        /// A guide id (see `guide list`) or a path to a `.ron` guide file.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: GraphFormat,
    },
    /// Walk a guide in the terminal: type an answer's number per line, `b` back, `n` note, `q` quit.
    Walk {
        /// A guide id (see `guide list`) or a path to a `.ron` guide file.
        id: String,
        /// Write a session report holding this walk to this file at the end (`*.emvdoc.ron`;
        /// open it with `emv-doctor report show|export` or in the app).
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum GraphFormat {
    Dot,
    Json,
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    match args.command {
        Cmd::List { json } => list(json, lang),
        Cmd::Check { files, json } => check(&files, json, lang),
        Cmd::Graph { id, format } => {
            let guide = find(&id, lang)?;
            match format {
                GraphFormat::Json => super::print_json(&graph::to_json(&guide))?,
                GraphFormat::Dot => super::print(&graph::to_dot(&guide, lang))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Walk { id, save } => {
            let guide = find(&id, lang)?;
            walk(&guide, save.as_deref(), lang)
        }
    }
}

fn library(lang: Lang) -> Library {
    let lib = library::load_all(emv_doctor::paths::guides_dir().as_deref());
    for e in &lib.errors {
        eprintln!("{}: {e}", SKIPPED.get(lang));
    }
    lib
}

const SKIPPED: Text = Text::new("warning: guide skipped", "警告：已跳过指南");

/// A guide by id, or by path when `id` names a file.
fn find(id: &str, lang: Lang) -> anyhow::Result<Guide> {
    let path = Path::new(id);
    if id.ends_with(".ron") || path.is_file() {
        return match library::load_file(path) {
            Ok(g) => Ok(g),
            Err(library::LibraryError::Invalid(errs)) => Err(anyhow::anyhow!(show(&errs, lang))),
            Err(e) => Err(e.into()),
        };
    }
    library(lang).get(id).cloned().with_context(|| {
        Text::new(
            "no such guide (see `emv-doctor guide list`)",
            "没有该指南（参见 `emv-doctor guide list`）",
        )
        .get(lang)
        .to_owned()
            + ": "
            + id
    })
}

fn show(errs: &GuideErrors, lang: Lang) -> String {
    errs.0
        .iter()
        .map(|e| e.display(lang))
        .collect::<Vec<_>>()
        .join("\n")
}

fn list(json: bool, lang: Lang) -> anyhow::Result<ExitCode> {
    let lib = library(lang);
    if json {
        let rows: Vec<_> = lib
            .entries
            .iter()
            .map(|e| {
                json!({
                    "id": e.guide.id,
                    "version": e.guide.version,
                    "title": e.guide.title.to_bitext(),
                    "nodes": e.guide.nodes.len(),
                    "source": source(&e.source),
                })
            })
            .collect();
        super::print_json(&json!(rows))?;
    } else {
        let mut out = String::new();
        for e in &lib.entries {
            out.push_str(&format!(
                "{:<20} v{:<3} {:>4} {}  {}  [{}]\n",
                e.guide.id,
                e.guide.version,
                e.guide.nodes.len(),
                Text::new("nodes", "个节点").get(lang),
                e.guide.title.get(lang),
                source(&e.source),
            ));
        }
        if lib.entries.is_empty() {
            out.push_str(Text::new("No guides.", "没有指南。").get(lang));
        }
        super::print(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn source(s: &Source) -> String {
    match s {
        Source::BuiltIn(_) => "built-in".to_owned(),
        Source::User(p) => p.display().to_string(),
    }
}

fn check(files: &[PathBuf], json: bool, lang: Lang) -> anyhow::Result<ExitCode> {
    let inputs: Vec<(String, Result<String, std::io::Error>)> = if files.is_empty() {
        builtin::SOURCES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), Ok((*text).to_owned())))
            .collect()
    } else {
        files
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read_to_string(p)))
            .collect()
    };
    let mut failed = false;
    let mut rows = Vec::new();
    let mut text = String::new();
    for (name, content) in inputs {
        let content = match content {
            Ok(c) => c,
            Err(e) => {
                failed = true;
                let msg = format!("{name}: {e}");
                rows.push(json!({"file": name, "ok": false, "errors": [{"message": msg}]}));
                text.push_str(&msg);
                text.push('\n');
                continue;
            }
        };
        match load(&name, &content) {
            Ok(g) => {
                let s = stats::stats(&g);
                let langs = [Lang::En.tag(), Lang::ZhCn.tag()];
                rows.push(json!({
                    "file": name,
                    "ok": true,
                    "id": g.id,
                    "version": g.version,
                    "nodes": s.nodes,
                    "questions": s.count(NodeKind::Question),
                    "checks": s.count(NodeKind::Check),
                    "steps": s.count(NodeKind::Step),
                    "outcomes": s.count(NodeKind::Outcome),
                    "deepest_path": s.deepest_path,
                    "causes": s.causes,
                    "languages": langs,
                }));
                let line = match lang {
                    Lang::En => format!(
                        "{name}: ok: {} v{}: {} nodes ({} questions, {} checks, {} steps, {} outcomes), deepest path {}, {} causes covered: {}; languages {}\n",
                        g.id,
                        g.version,
                        s.nodes,
                        s.count(NodeKind::Question),
                        s.count(NodeKind::Check),
                        s.count(NodeKind::Step),
                        s.count(NodeKind::Outcome),
                        s.deepest_path,
                        s.causes.len(),
                        s.causes.join(", "),
                        langs.join(", ")
                    ),
                    Lang::ZhCn => format!(
                        "{name}：正常：{} v{}:{} 个节点（{} 个问题、{} 个检查、{} 个步骤、{} 个结果），最深路径 {}，覆盖 {} 个原因：{}；语言 {}\n",
                        g.id,
                        g.version,
                        s.nodes,
                        s.count(NodeKind::Question),
                        s.count(NodeKind::Check),
                        s.count(NodeKind::Step),
                        s.count(NodeKind::Outcome),
                        s.deepest_path,
                        s.causes.len(),
                        s.causes.join(", "),
                        langs.join(", ")
                    ),
                };
                text.push_str(&line);
            }
            Err(errs) => {
                failed = true;
                let list: Vec<_> = errs
                    .0
                    .iter()
                    .map(|e| {
                        json!({"line": e.line, "column": e.column, "message": e.kind.message(lang)})
                    })
                    .collect();
                rows.push(json!({"file": name, "ok": false, "errors": list}));
                text.push_str(&show(&errs, lang));
                text.push('\n');
            }
        }
    }
    if json {
        super::print_json(&json!(rows))?;
    } else if !text.is_empty() {
        super::print(&text)?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

// ---- walk ----

const PROMPT: Text = Text::new(
    "Type a number, b (back), n (add a note) or q (quit):",
    "请输入编号，或 b（返回）、n（添加备注）、q（退出）：",
);
const CHECK_PROMPT: Text = Text::new(
    "Press Enter to run the check, or answer by hand with a number; b (back), n (note), q (quit):",
    "按回车运行检查，或输入编号手动回答；b（返回）、n（备注）、q（退出）：",
);
const RUNNING: Text = Text::new("Running check", "正在检查");
const FOUND: Text = Text::new("Found", "结果");
const FOLLOWING: Text = Text::new("So:", "因此：");
const NOTE_PROMPT: Text = Text::new("Note (one line):", "备注（一行）：");
const NOTED: Text = Text::new("Note added.", "已添加备注。");
const AT_START: Text = Text::new("Already at the first question.", "已经是第一个问题。");
const BAD_INPUT: Text = Text::new(
    "Please type one of the numbers shown, b, n or q.",
    "请输入上面显示的编号，或 b、n、q。",
);
const OUTCOME: Text = Text::new("Outcome", "结论");
const SOLVED: Text = Text::new("Solved.", "已解决。");
const HAND_OVER: Text = Text::new("Hand over to", "请联系");
const TELL: Text = Text::new("Tell them", "告知对方");
const COVERS: Text = Text::new("Cause", "原因");
const QUIT: Text = Text::new("Walk stopped.", "已停止。");
const SAVED: Text = Text::new("Report saved to", "报告已保存到");

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

enum Input {
    Line(String),
    Eof,
}

fn read_line(lines: &mut impl Iterator<Item = std::io::Result<String>>) -> anyhow::Result<Input> {
    match lines.next() {
        Some(l) => Ok(Input::Line(l?.trim().to_owned())),
        None => Ok(Input::Eof),
    }
}

fn walk(guide: &Guide, save: Option<&Path>, lang: Lang) -> anyhow::Result<ExitCode> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut session = Session::start(guide, now());
    // Holds the full results of the checks run on the way, saved with the walk.
    let mut report = emv_doctor::report::Report::new(session.started, lang);
    super::print(&format!("== {} ==", guide.title.get(lang)))?;
    loop {
        let node = session.current_node(guide)?;
        if let Node::Outcome(o) = node {
            let c = lang.colon();
            let mut out = format!("\n{}{c}{}\n", OUTCOME.get(lang), o.text.get(lang));
            match &o.hand_over {
                None => out.push_str(&format!("{}\n", SOLVED.get(lang))),
                Some(h) => out.push_str(&format!(
                    "{}{c}{}\n{}{c}{}\n",
                    HAND_OVER.get(lang),
                    h.to.name().get(lang),
                    TELL.get(lang),
                    h.tell.get(lang)
                )),
            }
            out.push_str(&format!("{}{c}{}", COVERS.get(lang), o.covers.join(", ")));
            super::print(&out)?;
            break;
        }
        let mut out = format!("\n{}\n", node.text().get(lang));
        if let Some(h) = node.help() {
            out.push_str(&format!("  ({})\n", h.get(lang)));
        }
        for (i, e) in session.options(guide).iter().enumerate() {
            out.push_str(&format!("  {}) {}\n", i + 1, e.label.get(lang)));
        }
        let is_check = matches!(node, Node::Check(_));
        out.push_str(if is_check {
            CHECK_PROMPT.get(lang)
        } else {
            PROMPT.get(lang)
        });
        super::print(&out)?;

        let line = match read_line(&mut lines)? {
            Input::Line(l) => l,
            Input::Eof => {
                super::print(QUIT.get(lang))?;
                break;
            }
        };
        match line.as_str() {
            "q" => {
                super::print(QUIT.get(lang))?;
                break;
            }
            "b" => {
                if !session.back() {
                    super::print(AT_START.get(lang))?;
                }
            }
            "n" => {
                super::print(NOTE_PROMPT.get(lang))?;
                if let Input::Line(note) = read_line(&mut lines)? {
                    match emv_doctor::report::check_note(&note) {
                        Ok(()) => {
                            session.add_note(&note, now());
                            super::print(NOTED.get(lang))?;
                        }
                        Err(e) => super::print(&e.message(lang))?,
                    }
                }
            }
            "" if is_check => {
                if let Node::Check(c) = node {
                    let mut given = std::collections::BTreeMap::new();
                    for p in CheckRequest::asks(c) {
                        if let Some(ask) = p.ask {
                            super::print(ask.get(lang))?;
                            if let Input::Line(v) = read_line(&mut lines)? {
                                given.insert(p.name.to_owned(), v);
                            }
                        }
                    }
                    let def_title = checks::by_id(&c.check).map_or("", |d| d.title.get(lang));
                    super::print(&format!("{} {}: {def_title} …", RUNNING.get(lang), c.check))?;
                    let result = match CheckRequest::for_node(c, &given) {
                        Ok(request) => {
                            let (result, outcome) =
                                emv_doctor::checks::run(&request, &CheckContext::default());
                            CheckResult {
                                recorded: outcome.and_then(|o| {
                                    emv_doctor::checks::record(&mut report, now(), o)
                                }),
                                ..result
                            }
                        }
                        Err(unavailable) => *unavailable,
                    };
                    super::print(&describe(&result, lang))?;
                    let index = session.branch_for(guide, &result)?;
                    let label = session.options(guide)[index].label.get(lang).to_owned();
                    super::print(&format!("{} {label}", FOLLOWING.get(lang)))?;
                    session.apply_check_result(guide, result, now())?;
                }
            }
            other => match other.parse::<usize>() {
                Ok(n) if n >= 1 && n <= session.options(guide).len() => {
                    session.answer(guide, n - 1, now())?;
                }
                _ => super::print(BAD_INPUT.get(lang))?,
            },
        }
    }
    if let Some(path) = save {
        report.add_session(now(), guide, session);
        emv_doctor::report::store::save(&report, path)
            .with_context(|| format!("cannot save the report to {}", path.display()))?;
        super::print(&format!("{} {}", SAVED.get(lang), path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(result: &CheckResult, lang: Lang) -> String {
    let mut out = format!(
        "{}{}{}",
        FOUND.get(lang),
        lang.colon(),
        result.summary.get(lang)
    );
    for f in &result.findings {
        out.push_str(&format!(
            "\n  - [{}] {} ({})",
            f.severity.label(lang),
            f.title(lang),
            f.code
        ));
        if let Some(d) = &f.detail {
            out.push_str(&format!(": {d}"));
        }
    }
    out
}
