//! The Markdown export, for pasting into a support ticket: verdict first, then the details.
//! User text is escaped (CommonMark backslash escapes) so it cannot add links, HTML or
//! formatting of its own.

use super::card;
use super::{ExportOptions, finish, gated, label, net_figures, net_title, when};
use crate::guide::session::ChosenBy;
use crate::i18n::Lang;
use crate::report::model::CardProbe;
use crate::report::model::Report;
use crate::report::privacy::GateError;
use crate::report::verdict::verdict;
use crate::report::walk::GuideWalk;
use std::fmt::Write;

/// The report as Markdown.
pub fn export(report: &Report, options: &ExportOptions) -> Result<String, GateError> {
    let r = gated(report, options)?;
    let lang = options.lang;
    let v = verdict(&r, lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", label::TITLE.get(lang));
    if let Some(name) = &r.shop.shop_name {
        let _ = write!(out, "{} · ", escape(name));
    }
    let _ = writeln!(out, "{}\n", when(&r.created));

    let _ = writeln!(out, "## {}\n", label::VERDICT.get(lang));
    let what = match v.severity {
        Some(s) => format!("**[{}]** {}", s.label(lang), escape(&v.what)),
        None => escape(&v.what),
    };
    let _ = writeln!(out, "- **{}:** {}", label::WHAT.get(lang), what);
    let _ = writeln!(out, "- **{}:** {}", label::NEXT.get(lang), escape(&v.next));
    let _ = writeln!(out, "- **{}:** {}\n", label::WHO.get(lang), escape(&v.who));

    if !r.card_probes.is_empty() {
        let _ = writeln!(out, "## {}\n", card::label::CARD.get(lang));
        for p in &r.card_probes {
            probe(&mut out, p, lang);
        }
    }
    if !r.guide_walks.is_empty() {
        let _ = writeln!(out, "## {}\n", label::GUIDE.get(lang));
        for w in &r.guide_walks {
            walk(&mut out, w, lang);
        }
    }
    if !r.monitoring.is_empty() {
        let _ = writeln!(out, "## {}\n", super::monitor::TITLE.get(lang));
        for m in &r.monitoring {
            super::monitor::markdown(&mut out, m, lang, &super::when(&m.at), escape);
        }
    }
    if !r.net_checks.is_empty() {
        let _ = writeln!(out, "## {}\n", label::NETWORK.get(lang));
        for c in &r.net_checks {
            let _ = writeln!(
                out,
                "- {} **{}** — {}",
                code(&c.at.format("%H:%M:%S").to_string()),
                escape(&net_title(&c.result, lang)),
                escape(&net_figures(&c.result, lang))
            );
            for f in c.result.findings() {
                let _ = writeln!(
                    out,
                    "  - **[{}]** {} ({})",
                    f.severity.label(lang),
                    escape(f.title(lang)),
                    code(&f.code.to_string())
                );
            }
        }
        out.push('\n');
    }
    shop(&mut out, &r, options);
    notes(&mut out, &r, lang);

    let _ = writeln!(out, "## {}\n", label::SESSION.get(lang));
    let _ = writeln!(out, "- {}: {}", label::CREATED.get(lang), when(&r.created));
    let _ = writeln!(out, "- {}: {}", label::UPDATED.get(lang), when(&r.updated));
    let host = r
        .computer
        .hostname
        .as_deref()
        .map(|h| format!("{} ", escape(h)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "- {}: {host}{} {}",
        label::COMPUTER.get(lang),
        escape(&r.computer.os),
        escape(&r.computer.arch)
    );
    let _ = writeln!(
        out,
        "- {}: {}\n",
        label::APP.get(lang),
        escape(&r.app_version)
    );
    let _ = writeln!(out, "_{}_", label::FOOTER.get(lang));
    finish(&out, "Markdown export", false)
}

/// One probe: its findings as a list, then one compact table (ATR, each application's fields
/// and decoded bit fields joined on one line).
fn probe(out: &mut String, p: &CardProbe, lang: Lang) {
    use card::label as l;
    let r = &p.report;
    let v = card::view(r, lang);
    let _ = writeln!(
        out,
        "### {}\n\n_{} {} · {} {}_\n",
        escape(&v.reader),
        l::PROBED.get(lang),
        when(&p.at),
        r.apdus.len(),
        l::EXCHANGES.get(lang)
    );
    if p.training {
        let _ = writeln!(out, "**{}**\n", label::PRACTICE.get(lang));
    }
    for f in &r.findings {
        let detail = f
            .detail
            .as_deref()
            .map(|d| format!(" — {}", escape(d)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- **[{}]** {}{detail} ({}): {}",
            f.severity.label(lang),
            escape(f.title(lang)),
            code(&f.code.to_string()),
            escape(f.advice(lang))
        );
    }
    if !r.findings.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "| | |\n|---|---|");
    let atr = if v.atr.is_empty() {
        format!("_{}_", l::NO_ATR.get(lang))
    } else {
        code(&v.atr)
    };
    let _ = writeln!(out, "| ATR | {atr} |");
    if let Some(proto) = v.protocol {
        let _ = writeln!(out, "| {} | {} |", l::PROTOCOL.get(lang), escape(proto));
    }
    for a in &v.apps {
        let name = [a.scheme.as_deref(), a.label.as_deref()]
            .into_iter()
            .flatten()
            .map(escape)
            .collect::<Vec<_>>()
            .join(" · ");
        let _ = writeln!(
            out,
            "| **{}** | **{}** {name} |",
            l::APPLICATION.get(lang),
            code(&a.aid)
        );
        for (k, val) in &a.fields {
            let _ = writeln!(out, "| {} | {} |", escape(k), escape(val));
        }
        for (head, lines) in &a.decoded {
            let _ = writeln!(out, "| {} | {} |", escape(head), escape(&lines.join("; ")));
        }
        if !a.unread.is_empty() {
            let _ = writeln!(
                out,
                "| {} | {} |",
                l::NOT_READ.get(lang),
                escape(&a.unread.join("; "))
            );
        }
    }
    out.push('\n');
}

fn walk(out: &mut String, w: &GuideWalk, lang: Lang) {
    let text = |id: &str| escape(w.text_of(id).map_or(id, |t| t.get(lang)));
    let _ = writeln!(
        out,
        "### {}\n\n_{} {} · {} v{}_\n",
        escape(w.title.get(lang)),
        label::WALK_STARTED.get(lang),
        when(&w.session.started),
        escape(&w.session.guide),
        w.session.guide_version
    );
    if w.training {
        let _ = writeln!(out, "**{}**\n", label::PRACTICE.get(lang));
    }
    let last = w.session.steps.len().saturating_sub(1);
    for (i, visit) in w.session.steps.iter().enumerate() {
        if i == last && w.outcome.is_some() {
            break;
        }
        let _ = writeln!(
            out,
            "{}. {} {}",
            i + 1,
            code(&visit.entered.format("%H:%M:%S").to_string()),
            text(&visit.node)
        );
        if let Some(c) = &visit.check {
            let _ = writeln!(
                out,
                "   - {} {}: {}",
                label::CHECK.get(lang),
                code(&c.check.to_string()),
                escape(c.summary.get(lang))
            );
            for f in &c.findings {
                let _ = writeln!(
                    out,
                    "     - **[{}]** {} ({})",
                    f.severity.label(lang),
                    escape(f.title(lang)),
                    code(&f.code.to_string())
                );
            }
        }
        match &visit.choice {
            Some(c) => {
                let by = if c.by == ChosenBy::Check {
                    format!(" _({})_", label::BY_CHECK.get(lang))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "   - {}: **{}**{by}",
                    label::ANSWER.get(lang),
                    escape(c.label.get(lang))
                );
            }
            None => {
                let _ = writeln!(out, "   - _{}_", label::CURRENT.get(lang));
            }
        }
        for n in w.session.notes.iter().filter(|n| n.node == visit.node) {
            let _ = writeln!(
                out,
                "   - {} {}",
                code(&n.at.format("%H:%M:%S").to_string()),
                escape(&n.text)
            );
        }
    }
    let undone: Vec<_> = w.notes_off_path().collect();
    if !undone.is_empty() {
        let _ = writeln!(out, "\n_{}:_", label::UNDONE_NOTES.get(lang));
        for n in undone {
            let _ = writeln!(
                out,
                "- {} {}",
                code(&n.at.format("%H:%M:%S").to_string()),
                escape(&n.text)
            );
        }
    }
    out.push('\n');
    match &w.outcome {
        Some(o) => {
            let _ = writeln!(
                out,
                "**{}:** {}\n",
                label::OUTCOME.get(lang),
                escape(o.text.get(lang))
            );
            if let Some(h) = &o.hand_over {
                let _ = writeln!(
                    out,
                    "**{}:** {} — {}: {}\n",
                    label::HAND_OVER.get(lang),
                    h.to.name().get(lang),
                    label::TELL.get(lang),
                    escape(h.tell.get(lang))
                );
            }
            if !o.covers.is_empty() {
                let covers: Vec<String> = o.covers.iter().map(|c| code(&c.to_string())).collect();
                let _ = writeln!(out, "{}: {}\n", label::COVERS.get(lang), covers.join(", "));
            }
        }
        None => {
            let _ = writeln!(out, "_{}_\n", label::NOT_FINISHED.get(lang));
        }
    }
}

fn shop(out: &mut String, r: &Report, options: &ExportOptions) {
    let lang = options.lang;
    let _ = writeln!(out, "## {}\n", label::SHOP.get(lang));
    if options.redact_shop {
        let _ = writeln!(out, "_{}_\n", label::REDACTED.get(lang));
    }
    let _ = writeln!(out, "| | |\n|---|---|");
    for (field, value) in r.shop.fields() {
        if options.redact_shop && field.identifies_shop() {
            continue;
        }
        let value = value.map_or_else(|| format!("_{}_", label::NOT_GIVEN.get(lang)), escape);
        let _ = writeln!(out, "| {} | {} |", field.label().get(lang), value);
    }
    out.push('\n');
}

fn notes(out: &mut String, r: &Report, lang: Lang) {
    let _ = writeln!(out, "## {}\n", label::NOTES.get(lang));
    if r.notes.is_empty() {
        let _ = writeln!(out, "_{}_\n", label::NO_NOTES.get(lang));
        return;
    }
    for n in &r.notes {
        let _ = writeln!(out, "**{}**\n", when(&n.at));
        for line in n.text.lines() {
            let _ = writeln!(out, "> {}", escape(line));
        }
        out.push('\n');
    }
}

/// `text` as an inline code span: the fence is one backtick longer than the longest run of
/// backticks inside, line breaks are flattened, and a space pads a leading or trailing
/// backtick (CommonMark 6.1), so nothing inside can close the span early.
pub fn code(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// Escapes CommonMark's ASCII punctuation with backslashes and flattens line breaks, so text
/// stays literal inside a list item or a table cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '(' | ')' | '#' | '+'
            | '-' | '!' | '|' | '~' | '&' | ':' | '@' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_is_literal() {
        assert_eq!(escape("<b>[x](y)</b>|"), "\\<b\\>\\[x\\]\\(y\\)\\</b\\>\\|");
        assert_eq!(escape("a\nb"), "a b");
    }

    #[test]
    fn code_spans_outlast_any_backtick_run() {
        assert_eq!(code("3B00"), "`3B00`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("``x"), "``` ``x ```");
    }
}
