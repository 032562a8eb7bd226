//! `emv-doctor guide walk`: one question at a time in the terminal. Every answer is saved at
//! once (the `--save` file, else a file in the data folder), Ctrl-C keeps what was answered, and
//! `--resume` goes on with the last unfinished walk of a report file.

use super::find;
use anyhow::Context;
use emv_doctor::checks::CheckContext;
use emv_doctor::guide::Guide;
use emv_doctor::guide::checks::{self, CheckRequest, CheckResult};
use emv_doctor::guide::model::{Node, Outcome, cause_name};
use emv_doctor::guide::session::Session;
use emv_doctor::i18n::{Lang, Text};
use emv_doctor::report::{Report, store};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

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
const OUTCOME: Text = Text::new("What we found", "结论");
const CONFIRM: Text = Text::new("To make sure it is fixed", "确认是否修好");
const HAND_OVER: Text = Text::new("Who to call", "请联系");
const TELL: Text = Text::new("What to say", "怎么说");
const ATTACH: Text = Text::new("Send along", "一并发送");
const THE_REPORT: Text = Text::new(
    "the report of this walk (export it with `emv-doctor report export`)",
    "本次排查的报告（用 `emv-doctor report export` 导出）",
);
const CAUSE: Text = Text::new("Likely cause", "可能的原因");
const TECH: Text = Text::new("Technical details", "技术详情");
const QUIT: Text = Text::new("Walk stopped.", "已停止。");
const SAVED: Text = Text::new("Report saved to", "报告已保存到");
const AUTOSAVING: Text = Text::new("Every answer is saved to", "每次回答都会自动保存到");
const RESUME_HINT: Text = Text::new(
    "To go on later: emv-doctor guide walk --resume",
    "以后继续：emv-doctor guide walk --resume",
);
const RESUMED: Text = Text::new(
    "Going on from where the walk stopped.",
    "从上次停下的地方继续。",
);
const INTERRUPTED: Text = Text::new(
    "Interrupted; what was answered is saved in",
    "已中断，已回答的内容保存在",
);

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// One typed line, as a command: full-width digits and letters (a Chinese input method) and
/// upper case are read like their ASCII lower-case forms.
fn normalise(line: &str) -> String {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .chars()
        .map(|c| match c {
            '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            }
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// The report the walk lives in (with the full results of the checks run on the way), and
/// the file it is kept in.
struct Keeper {
    path: Option<PathBuf>,
    report: Report,
    index: usize,
}

impl Keeper {
    fn save(&mut self, guide: &Guide, session: &Session) -> anyhow::Result<()> {
        self.report
            .update_session(now(), self.index, guide, session.clone());
        match &self.path {
            Some(path) => store::save(&self.report, path)
                .with_context(|| format!("cannot save the report to {}", path.display())),
            None => Ok(()),
        }
    }
}

/// Fails early (before the first question) when `path` cannot be written: a missing folder, or
/// a folder where a file should be.
fn writable_target(path: &Path) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        anyhow::bail!(
            "{}: {}",
            Text::new(
                "the folder to save in does not exist",
                "要保存到的文件夹不存在"
            )
            .get(Lang::En),
            dir.display()
        );
    }
    if path.is_dir() {
        anyhow::bail!("{} is a folder, not a file", path.display());
    }
    Ok(())
}

/// A file in the data folder for a walk started without `--save`.
fn default_target(guide: &Guide) -> Option<PathBuf> {
    let dir = emv_doctor::paths::data_dir()?.join("walks");
    std::fs::create_dir_all(&dir).ok()?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    Some(dir.join(format!("{}-{stamp}.emvdoc.ron", guide.id)))
}

/// `guide walk`.
pub fn run(
    id: Option<&str>,
    save: Option<PathBuf>,
    resume: Option<PathBuf>,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    if let Some(path) = &save
        && let Err(e) = writable_target(path)
    {
        eprintln!("emv-doctor: {e}");
        return Ok(ExitCode::from(2));
    }
    let (guide, session, keeper) = match resume {
        Some(file) => {
            let loaded = store::open(&file)?;
            let report = loaded.report;
            let Some(index) = report.guide_walks.iter().rposition(|w| w.outcome.is_none()) else {
                anyhow::bail!(
                    "{}: {}",
                    file.display(),
                    Text::new(
                        "no unfinished walk to go on with",
                        "没有未完成的排查可以继续"
                    )
                    .get(lang)
                );
            };
            let session = report.guide_walks[index].session.clone();
            let guide = find(id.unwrap_or(&session.guide), lang)?;
            session.check_resume(&guide).with_context(|| {
                Text::new(
                    "the saved walk does not fit this guide",
                    "保存的排查与该指南版本不符",
                )
                .get(lang)
                .to_owned()
            })?;
            let path = Some(save.unwrap_or(file));
            super::super::print(RESUMED.get(lang))?;
            (
                guide,
                session,
                Keeper {
                    path,
                    report,
                    index,
                },
            )
        }
        None => {
            let Some(id) = id else {
                anyhow::bail!("no guide given");
            };
            let guide = find(id, lang)?;
            let session = Session::start(&guide, now());
            let path = save.or_else(|| default_target(&guide));
            let mut report = Report::new(session.started, lang);
            let index = report.add_session(now(), &guide, session.clone());
            let keeper = Keeper {
                path,
                report,
                index,
            };
            (guide, session, keeper)
        }
    };
    let keeper = Arc::new(Mutex::new(keeper));
    {
        let mut k = keeper.lock().unwrap_or_else(PoisonError::into_inner);
        k.save(&guide, &session)?;
        if let Some(path) = &k.path {
            eprintln!("{} {}", AUTOSAVING.get(lang), path.display());
        }
    }
    let on_interrupt = Arc::clone(&keeper);
    // Every answer is already on disk; holding the lock keeps a save in progress whole.
    let _ = ctrlc::set_handler(move || {
        let guard = on_interrupt.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(path) = &guard.path {
            eprintln!("\n{} {}", INTERRUPTED.get(lang), path.display());
            eprintln!("{} {}", RESUME_HINT.get(lang), path.display());
        }
        std::process::exit(130);
    });
    let session = walk(&guide, session, lang, &keeper)?;
    let guard = keeper.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(path) = &guard.path {
        super::super::print(&format!("{} {}", SAVED.get(lang), path.display()))?;
        if !session.is_finished(&guide) {
            super::super::print(&format!("{} {}", RESUME_HINT.get(lang), path.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn walk(
    guide: &Guide,
    mut session: Session,
    lang: Lang,
    keeper: &Mutex<Keeper>,
) -> anyhow::Result<Session> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut read = || -> anyhow::Result<Option<String>> {
        Ok(match lines.next() {
            Some(l) => Some(l?),
            None => None,
        })
    };
    let keep = |session: &Session| -> anyhow::Result<()> {
        keeper
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .save(guide, session)
    };
    super::super::print(&format!("== {} ==", guide.title.get(lang)))?;
    loop {
        let node = session.current_node(guide)?;
        if let Node::Outcome(o) = node {
            super::super::print(&outcome_text(o, lang))?;
            break;
        }
        let mut out = format!("\n{}\n", node.text().get(lang));
        if let Some(h) = node.help() {
            out.push_str(&match lang {
                Lang::En => format!("  ({})\n", h.get(lang)),
                Lang::ZhCn => format!("  （{}）\n", h.get(lang)),
            });
        }
        if let Some(t) = node.tech() {
            out.push_str(&format!(
                "  {}{}{}\n",
                TECH.get(lang),
                lang.colon(),
                t.get(lang)
            ));
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
        super::super::print(&out)?;

        let Some(line) = read()? else {
            super::super::print(QUIT.get(lang))?;
            break;
        };
        match normalise(&line).as_str() {
            "q" => {
                super::super::print(QUIT.get(lang))?;
                break;
            }
            "b" => {
                if !session.back() {
                    super::super::print(AT_START.get(lang))?;
                }
            }
            "n" => {
                super::super::print(NOTE_PROMPT.get(lang))?;
                if let Some(note) = read()? {
                    match emv_doctor::report::check_note(&note) {
                        Ok(()) => {
                            session.add_note(&note, now());
                            super::super::print(NOTED.get(lang))?;
                        }
                        Err(e) => super::super::print(&e.message(lang))?,
                    }
                }
            }
            "" if is_check => {
                if let Node::Check(c) = node {
                    let mut given = std::collections::BTreeMap::new();
                    for p in CheckRequest::asks(c) {
                        if let Some(ask) = p.ask {
                            super::super::print(ask.get(lang))?;
                            if let Some(v) = read()? {
                                given.insert(p.name.to_owned(), v.trim().to_owned());
                            }
                        }
                    }
                    let title = checks::by_id(&c.check).map_or("", |d| d.title.get(lang));
                    super::super::print(&format!("{} {}: {title} …", RUNNING.get(lang), c.check))?;
                    let result = match CheckRequest::for_node(c, &given) {
                        Ok(request) => {
                            let (result, outcome) =
                                emv_doctor::checks::run(&request, &CheckContext::default());
                            let mut k = keeper.lock().unwrap_or_else(PoisonError::into_inner);
                            CheckResult {
                                recorded: outcome.and_then(|o| {
                                    emv_doctor::checks::record(&mut k.report, now(), o)
                                }),
                                ..result
                            }
                        }
                        Err(unavailable) => *unavailable,
                    };
                    super::super::print(&describe(&result, lang))?;
                    let index = session.branch_for(guide, &result)?;
                    let label = session.options(guide)[index].label.get(lang).to_owned();
                    super::super::print(&format!("{} {label}", FOLLOWING.get(lang)))?;
                    session.apply_check_result(guide, result, now())?;
                }
            }
            other => match other.parse::<usize>() {
                Ok(n) if n >= 1 && n <= session.options(guide).len() => {
                    session.answer(guide, n - 1, now())?;
                }
                _ => {
                    super::super::print(BAD_INPUT.get(lang))?;
                    continue;
                }
            },
        }
        keep(&session)?;
    }
    keep(&session)?;
    Ok(session)
}

/// The end of a walk in words: what was found, how to confirm the fix, who to call and what
/// to say and send; the cause in words (its code stays in the report's technical part).
fn outcome_text(o: &Outcome, lang: Lang) -> String {
    let c = lang.colon();
    let mut out = format!("\n{}{c}{}\n", OUTCOME.get(lang), o.text.get(lang));
    if let Some(confirm) = &o.confirm {
        out.push_str(&format!("{}{c}{}\n", CONFIRM.get(lang), confirm.get(lang)));
    }
    if let Some(h) = &o.hand_over {
        out.push_str(&format!(
            "{}{c}{}\n{}{c}{}\n{}{c}{}",
            HAND_OVER.get(lang),
            h.to.name().get(lang),
            TELL.get(lang),
            h.tell.get(lang),
            ATTACH.get(lang),
            THE_REPORT.get(lang),
        ));
        if let Some(a) = &h.attach {
            let sep = if lang == Lang::ZhCn { "；" } else { "; " };
            out.push_str(&format!("{sep}{}", a.get(lang)));
        }
        out.push('\n');
    }
    if let Some(t) = &o.tech {
        out.push_str(&format!("{}{c}{}\n", TECH.get(lang), t.get(lang)));
    }
    let sep = if lang == Lang::ZhCn { "；" } else { "; " };
    let causes: Vec<&str> = o
        .covers
        .iter()
        .map(|code| cause_name(code).map_or(code.as_str(), |t| t.get(lang)))
        .collect();
    out.push_str(&format!("{}{c}{}", CAUSE.get(lang), causes.join(sep)));
    out
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

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn full_width_and_upper_case_input_is_read() {
        assert_eq!(normalise("３"), "3");
        assert_eq!(normalise("１２"), "12");
        assert_eq!(normalise(" B "), "b");
        assert_eq!(normalise("Ｑ"), "q");
        assert_eq!(normalise("ｎ\u{3000}"), "n");
    }
}
