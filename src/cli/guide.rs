//! `emv-doctor guide`: list, check, draw and walk the troubleshooting guides.

use anyhow::Context;
use emv_doctor::guide::library::{self, Library, Source};
use emv_doctor::guide::model::NodeKind;
use emv_doctor::guide::{Guide, GuideErrors, builtin, graph, load, stats};
use emv_doctor::i18n::{Lang, Text, error_chain};
use serde_json::json;
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
    ///
    /// Every answer is saved at once (to `--save FILE`, else to a file in the data folder whose
    /// name is printed), so Ctrl-C or a closed terminal loses nothing; `--resume FILE` goes on.
    Walk {
        /// A guide id (see `guide list`) or a path to a `.ron` guide file; with `--resume`, the
        /// guide is the one the saved walk used. A `*.emvdoc.ron` file here means `--resume` it.
        #[arg(required_unless_present = "resume")]
        id: Option<String>,
        /// Keep the session report holding this walk in this file (`*.emvdoc.ron`; open it with
        /// `emv-doctor report show|export` or in the app), saved after every answer.
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Go on with the last unfinished walk in this report file (saved back into it).
        #[arg(long, value_name = "FILE")]
        resume: Option<PathBuf>,
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
        Cmd::Walk { id, save, resume } => {
            let (id, resume) = match (id, resume) {
                (Some(id), None) if id.ends_with(".emvdoc.ron") => (None, Some(PathBuf::from(id))),
                other => other,
            };
            walk::run(id.as_deref(), save, resume, lang)
        }
    }
}

fn library(lang: Lang) -> Library {
    let lib = library::load_all(emv_doctor::paths::guides_dir().as_deref());
    for e in &lib.errors {
        eprintln!("{}: {}", SKIPPED.get(lang), error_chain(e));
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
    let inputs: Vec<(String, Result<String, library::LibraryError>)> = if files.is_empty() {
        builtin::SOURCES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), Ok((*text).to_owned())))
            .collect()
    } else {
        files
            .iter()
            .map(|p| (p.display().to_string(), library::read_file(p)))
            .collect()
    };
    let mut failed = false;
    let mut rows = Vec::new();
    let mut text = String::new();
    for (name, content) in inputs {
        let content = match content {
            Ok(c) => c,
            Err(library::LibraryError::Invalid(errs)) => {
                failed = true;
                errors_out(&name, &errs, lang, &mut rows, &mut text);
                continue;
            }
            Err(e) => {
                failed = true;
                let msg = format!("{name}: {}", error_chain(&e));
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
                    "routes": s.routes.total,
                    "longest_route": s.routes.longest,
                    "routes_over_10": s.routes.over_long,
                    "outcomes_with_hand_over": g.outcomes().filter(|o| o.hand_over.is_some()).count(),
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
                text.push_str(&routes_line(&name, &s.routes, lang));
            }
            Err(errs) => {
                failed = true;
                errors_out(&name, &errs, lang, &mut rows, &mut text);
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

fn errors_out(
    name: &str,
    errs: &GuideErrors,
    lang: Lang,
    rows: &mut Vec<serde_json::Value>,
    text: &mut String,
) {
    let list: Vec<_> = errs
        .0
        .iter()
        .map(|e| json!({"line": e.line, "column": e.column, "message": e.kind.message(lang)}))
        .collect();
    rows.push(json!({"file": name, "ok": false, "errors": list}));
    text.push_str(&show(errs, lang));
    text.push('\n');
}

/// The route-length figures, with a warning when routes are longer than ten steps.
fn routes_line(name: &str, r: &stats::Routes, lang: Lang) -> String {
    let long = stats::LONG_ROUTE_STEPS;
    let mut line = match lang {
        Lang::En => format!(
            "{name}: routes: {} from the start to an outcome, longest {} steps, {} over {long} steps\n",
            r.total, r.longest, r.over_long
        ),
        Lang::ZhCn => format!(
            "{name}：路线：从起点到结果共 {} 条，最长 {} 步，超过 {long} 步的 {} 条\n",
            r.total, r.longest, r.over_long
        ),
    };
    if r.over_long > 0 {
        line.push_str(&match lang {
            Lang::En => format!(
                "{name}: warning: {} routes take more than {long} steps; a person at the counter may give up\n",
                r.over_long
            ),
            Lang::ZhCn => format!(
                "{name}：警告：有 {} 条路线超过 {long} 步，柜台上的人可能坚持不下来\n",
                r.over_long
            ),
        });
    }
    line
}

mod walk;
