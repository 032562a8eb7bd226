//! A plain-text summary for the terminal (`emv-doctor report show`): verdict, shop and
//! terminal, notes, and when the report was made. Passes through the privacy gate like every
//! export.

use super::card;
use super::{ExportOptions, finish, gated, label, when};
use crate::report::model::Report;
use crate::report::privacy::GateError;
use crate::report::verdict::verdict;
use std::fmt::Write;

/// The report as plain text lines.
pub fn export(report: &Report, options: &ExportOptions) -> Result<String, GateError> {
    let r = gated(report, options)?;
    let lang = options.lang;
    let v = verdict(&r, lang);
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", label::TITLE.get(lang), when(&r.created));
    let _ = writeln!(out, "\n{}", label::VERDICT.get(lang));
    let what = match v.severity {
        Some(s) => format!("[{}] {}", s.label(lang), v.what),
        None => v.what.clone(),
    };
    for (l, value) in [
        (label::WHAT, what.as_str()),
        (label::NEXT, v.next.as_str()),
        (label::WHO, v.who.as_str()),
    ] {
        let _ = writeln!(out, "  {}: {}", l.get(lang), one_line(value));
    }
    for p in &r.card_probes {
        let v = card::view(&p.report, lang);
        let _ = writeln!(
            out,
            "\n{}: {} ({} {})",
            card::label::CARD.get(lang),
            one_line(&v.reader),
            card::label::PROBED.get(lang),
            when(&p.at)
        );
        if p.training {
            let _ = writeln!(out, "  {}", label::PRACTICE.get(lang));
        }
        for f in &p.report.findings {
            let detail = f
                .detail
                .as_deref()
                .map(|d| format!(" — {}", one_line(d)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  [{}] {}{detail}",
                f.severity.label(lang),
                one_line(f.title(lang))
            );
        }
        let atr = match v.protocol {
            Some(proto) => format!("{} ({proto})", v.atr),
            None => v.atr.clone(),
        };
        let _ = writeln!(out, "  ATR: {atr}");
        for a in &v.apps {
            let name = [a.scheme.as_deref(), a.label.as_deref()]
                .into_iter()
                .flatten()
                .map(one_line)
                .collect::<Vec<_>>()
                .join(" · ");
            let _ = writeln!(
                out,
                "  {} {} {name}",
                card::label::APPLICATION.get(lang),
                a.aid
            );
            for (k, val) in &a.fields {
                let _ = writeln!(out, "    {k}: {}", one_line(val));
            }
            for (head, lines) in &a.decoded {
                let _ = writeln!(out, "    {}", one_line(head));
                for line in lines {
                    let _ = writeln!(out, "      {}", one_line(line));
                }
            }
            for u in &a.unread {
                let _ = writeln!(out, "    ! {}", one_line(u));
            }
        }
    }
    for w in &r.guide_walks {
        let _ = writeln!(
            out,
            "\n{}: {} ({} {})",
            label::GUIDE.get(lang),
            one_line(w.title.get(lang)),
            label::WALK_STARTED.get(lang),
            when(&w.session.started)
        );
        if w.training {
            let _ = writeln!(out, "  {}", label::PRACTICE.get(lang));
        }
        for visit in &w.session.steps {
            let text = w
                .text_of(&visit.node)
                .map_or(visit.node.as_str(), |t| t.get(lang));
            let answer = visit
                .choice
                .as_ref()
                .map(|c| format!(" → {}", one_line(c.label.get(lang))))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} {}{answer}",
                visit.entered.format("%H:%M"),
                one_line(text)
            );
            for n in w.session.notes.iter().filter(|n| n.node == visit.node) {
                let _ = writeln!(out, "    • {}", one_line(&n.text));
            }
        }
        for n in w.notes_off_path() {
            let _ = writeln!(
                out,
                "  {} ({})",
                one_line(&n.text),
                label::UNDONE_NOTES.get(lang)
            );
        }
    }
    if !r.net_checks.is_empty() {
        let _ = writeln!(out, "\n{}", label::NETWORK.get(lang));
    }
    for c in &r.net_checks {
        let _ = writeln!(
            out,
            "  {} {}: {}",
            c.at.format("%H:%M"),
            one_line(&super::net_title(&c.result, lang)),
            one_line(&super::net_figures(&c.result, lang))
        );
        for f in c.result.findings() {
            let _ = writeln!(
                out,
                "    [{}] {}",
                f.severity.label(lang),
                one_line(f.title(lang))
            );
        }
    }
    let _ = writeln!(out, "\n{}", label::SHOP.get(lang));
    let mut any = false;
    for (field, value) in r.shop.fields() {
        if let Some(value) = value {
            any = true;
            let _ = writeln!(out, "  {}: {}", field.label().get(lang), one_line(value));
        }
    }
    if !any {
        let _ = writeln!(out, "  {}", label::NOT_GIVEN.get(lang));
    }
    let _ = writeln!(out, "\n{}", label::NOTES.get(lang));
    if r.notes.is_empty() {
        let _ = writeln!(out, "  {}", label::NO_NOTES.get(lang));
    }
    for n in &r.notes {
        let _ = writeln!(out, "  {}", when(&n.at));
        for line in n.text.lines() {
            let _ = writeln!(out, "    {}", strip_controls(line));
        }
    }
    let _ = writeln!(
        out,
        "\n{}: {} · {}: {}",
        label::UPDATED.get(lang),
        when(&r.updated),
        label::APP.get(lang),
        r.app_version
    );
    finish(&out, "text summary", false)
}

/// Joins lines and drops control characters, so typed text cannot move the cursor or change
/// terminal colours.
fn one_line(text: &str) -> String {
    strip_controls(&text.replace(['\r', '\n'], " "))
}

fn strip_controls(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_dropped() {
        assert_eq!(one_line("a\x1b[31mred\nb"), "a[31mred b");
    }
}
