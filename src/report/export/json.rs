//! The JSON export for support tooling. The schema is documented in `docs/report.md`; it is
//! versioned by `schema_version` and only grows (new keys) within a version. Keys are sorted,
//! so the same report always gives the same bytes.

use super::{ExportOptions, finish, gated};
use crate::emv::decode::{Kind, decode_with_list};
use crate::guide::checks::Recorded;
use crate::guide::model::Contact;
use crate::guide::session::ChosenBy;
use crate::i18n::Lang;
use crate::report::model::{CardProbe, Report};
use crate::report::network::{NetCheck, NetResult};
use crate::report::privacy::GateError;
use crate::report::verdict::verdict;
use crate::report::walk::GuideWalk;
use serde_json::{Map, Value, json};

/// Version of the JSON export's schema (see `docs/report.md`).
pub const SCHEMA_VERSION: u32 = 1;

/// The report as pretty-printed JSON (one object, a trailing newline).
pub fn export(report: &Report, options: &ExportOptions) -> Result<String, GateError> {
    let value = to_value(report, options)?;
    let mut text =
        serde_json::to_string_pretty(&value).map_err(|e| GateError::Unreadable(e.to_string()))?;
    text.push('\n');
    finish(&text, "JSON export", true)
}

/// The report as a JSON value, after the privacy gate.
pub fn to_value(report: &Report, options: &ExportOptions) -> Result<Value, GateError> {
    let r = gated(report, options)?;
    let lang = options.lang;
    let v = verdict(&r, lang);
    let shop: Map<String, Value> = r
        .shop
        .fields()
        .into_iter()
        .filter(|(field, _)| !(options.redact_shop && field.identifies_shop()))
        .map(|(field, value)| (field.key().to_owned(), json!(value)))
        .collect();
    let notes: Vec<Value> = r
        .notes
        .iter()
        .map(|n| json!({ "at": n.at.to_rfc3339(), "text": n.text }))
        .collect();
    let summary = r.summary.as_ref().map(|s| {
        json!({
            "outcome": { "en": s.outcome.en, "zh-CN": s.outcome.zh },
            "next_step": { "en": s.next_step.en, "zh-CN": s.next_step.zh },
        })
    });
    let walks: Vec<Value> = r.guide_walks.iter().map(|w| walk(w, lang)).collect();
    let findings: Vec<Value> = r.findings().iter().map(|f| f.to_json(lang)).collect();
    Ok(json!({
        "schema": "emv-doctor.report",
        "schema_version": SCHEMA_VERSION,
        "format_version": r.format_version,
        "app_version": r.app_version,
        "lang": lang.tag(),
        "created": r.created.to_rfc3339(),
        "updated": r.updated.to_rfc3339(),
        "redacted_shop": options.redact_shop,
        "computer": {
            "os": r.computer.os,
            "arch": r.computer.arch,
            "hostname": r.computer.hostname,
        },
        "shop": shop,
        "verdict": {
            "severity": v.severity.map(|s| s.as_str()),
            "what": v.what,
            "detail": v.detail,
            "next": v.next,
            "who": v.who,
        },
        "summary": summary,
        "findings": findings,
        "card_probes": r.card_probes.iter().map(|p| probe(p, lang)).collect::<Vec<_>>(),
        "guide_walks": walks,
        "net_checks": r.net_checks.iter().map(|c| net_check(c, lang)).collect::<Vec<_>>(),
        "monitoring": r.monitoring.iter().map(|m| serde_json::json!({
            "at": m.at.to_rfc3339(),
            "analysis": m.report.to_json(lang),
        })).collect::<Vec<_>>(),
        "notes": notes,
    }))
}

fn walk(w: &GuideWalk, lang: Lang) -> Value {
    let text = |id: &str| {
        w.text_of(id)
            .map_or_else(|| id.to_owned(), |t| t.get(lang).to_owned())
    };
    let steps: Vec<Value> = w
        .session
        .steps
        .iter()
        .map(|v| {
            json!({
                "node": v.node,
                "text": text(&v.node),
                "entered": v.entered.to_rfc3339(),
                "answer": v.choice.as_ref().map(|c| json!({
                    "label": c.label.get(lang),
                    "to": c.to,
                    "by": match c.by { ChosenBy::User => "user", ChosenBy::Check => "check" },
                    "at": c.at.to_rfc3339(),
                })),
                "check": v.check.as_ref().map(|c| {
                    let mut check = json!({
                        "check": c.check,
                        "params": c.params,
                        "summary": c.summary.get(lang),
                        "findings": c.findings.iter().map(|f| f.to_json(lang)).collect::<Vec<_>>(),
                    });
                    match c.recorded {
                        Some(Recorded::CardProbe(i)) => check["recorded"] = json!({ "card_probe": i }),
                        Some(Recorded::NetCheck(i)) => check["recorded"] = json!({ "net_check": i }),
                        None => {}
                    }
                    check
                }),
            })
        })
        .collect();
    let notes: Vec<Value> = w
        .session
        .notes
        .iter()
        .map(|n| json!({ "node": n.node, "at": n.at.to_rfc3339(), "text": n.text }))
        .collect();
    let outcome = w.outcome.as_ref().map(|o| {
        json!({
            "node": o.node,
            "text": o.text.get(lang),
            "covers": o.covers,
            "hand_over": o.hand_over.as_ref().map(|h| json!({
                "to": contact_key(h.to),
                "to_name": h.to.name().get(lang),
                "tell": h.tell.get(lang),
            })),
        })
    });
    json!({
        "guide": w.session.guide,
        "guide_version": w.session.guide_version,
        "title": w.title.get(lang),
        "started": w.session.started.to_rfc3339(),
        "finished": w.outcome.is_some(),
        "steps": steps,
        "notes": notes,
        "outcome": outcome,
        "training": w.training,
    })
}

/// A probe as `emv-doctor probe --json` prints it (`CardReport::to_json`), stamped with its
/// time; the ATR is decoded without the machine's `smartcard_list.txt` so the export does not
/// depend on the computer it was made on.
fn probe(p: &CardProbe, lang: Lang) -> Value {
    let mut value = p.report.to_json(lang);
    let atr = hex::decode(&p.report.atr)
        .ok()
        .filter(|b| !b.is_empty())
        .map(|b| match decode_with_list(Kind::Atr, &b, lang, None) {
            Ok(d) => d.json,
            Err(e) => json!({ "hex": p.report.atr, "error": e.to_string() }),
        });
    if let Some(obj) = value.as_object_mut() {
        obj.insert("atr".to_owned(), atr.unwrap_or(Value::Null));
    }
    json!({ "at": p.at.to_rfc3339(), "probe": value, "training": p.training })
}

fn net_check(c: &NetCheck, lang: Lang) -> Value {
    let (kind, detail) = match &c.result {
        NetResult::Host(h) => ("host", serde_json::to_value(h)),
        NetResult::Clock(k) => ("clock", serde_json::to_value(k)),
    };
    let mut detail = detail.unwrap_or(Value::Null);
    if let Some(obj) = detail.as_object_mut() {
        obj.insert(
            "findings".to_owned(),
            c.result
                .findings()
                .iter()
                .map(|f| f.to_json(lang))
                .collect(),
        );
    }
    json!({ "kind": kind, "at": c.at.to_rfc3339(), "result": detail })
}

/// The stable JSON key of a contact.
fn contact_key(c: Contact) -> &'static str {
    match c {
        Contact::Acquirer => "acquirer",
        Contact::Issuer => "issuer",
        Contact::Vendor => "vendor",
        Contact::NetworkProvider => "network_provider",
        Contact::ItSupport => "it_support",
    }
}
