//! The verdicts drawn from what was read: dates against the PC's local date, PIN tries,
//! service code, usage control against the probing terminal's country, offline counters, and
//! finally `card.ok` or `card.not_payment`.

use super::{Probe, pdol::TERMINAL_COUNTRY};
use crate::card::transport::RawTransport;
use crate::finding::card as f;
use crate::finding::{Finding, Severity};
use chrono::Datelike;

/// AUC byte 1 (EMV 4.3 Book 3 Annex C2): domestic goods b6, domestic services b4,
/// international goods b5, international services b3.
const AUC_DOMESTIC_PURCHASE: u8 = 0x20 | 0x08;
const AUC_INTERNATIONAL_PURCHASE: u8 = 0x10 | 0x04;

fn yyyymmdd(text: &str) -> Option<u32> {
    let (y, m) = text.split_once('-')?;
    Some(y.parse::<u32>().ok()? * 100 + m.parse::<u32>().ok()?)
}

/// Adds the data-driven findings, then `card.ok` (a payment application read end to end,
/// the probe finished and no error found) or `card.not_payment` (nothing selectable and no
/// other explanation).
pub(crate) fn conclude<T: RawTransport>(p: &mut Probe<'_, T>, completed: bool) {
    let today_month = (p.now.year() as u32) * 100 + p.now.month();
    let terminal_country = hex::encode(TERMINAL_COUNTRY)[1..].to_owned();
    let apps = p.apps.clone();
    for a in &apps {
        // Expiry is valid through its month (5F24 is normally the month's last day).
        if let Some(exp) = a.expiry.as_deref().and_then(yyyymmdd)
            && exp < today_month
        {
            p.add(
                &f::APP_EXPIRED,
                Some(format!(
                    "{}: expired {}",
                    a.aid,
                    a.expiry.clone().unwrap_or_default()
                )),
            );
        }
        if let Some(eff) = a.effective.as_deref().and_then(yyyymmdd)
            && eff > today_month
        {
            p.add(
                &f::APP_NOT_YET_EFFECTIVE,
                Some(format!(
                    "{}: valid from {}",
                    a.aid,
                    a.effective.clone().unwrap_or_default()
                )),
            );
        }
        match a.pin_tries_left {
            Some(0) => p.add(
                &f::PIN_TRIES_EXHAUSTED,
                Some(format!("{}: 9F17 = 0", a.aid)),
            ),
            Some(1) => p.add(&f::PIN_TRIES_LOW, Some(format!("{}: 9F17 = 1", a.aid))),
            _ => {}
        }
        if a.service_code
            .as_deref()
            .is_some_and(|s| s.starts_with('2') || s.starts_with('6'))
        {
            p.add(
                &f::CARD_CHIP_REQUIRED,
                Some(format!(
                    "service code {}",
                    a.service_code.clone().unwrap_or_default()
                )),
            );
        }
        if let (Some(auc), Some(country)) = (&a.auc, &a.country) {
            let byte1 = hex::decode(auc).ok().and_then(|b| b.first().copied());
            let domestic = *country == terminal_country;
            let needed = if domestic {
                AUC_DOMESTIC_PURCHASE
            } else {
                AUC_INTERNATIONAL_PURCHASE
            };
            if byte1.is_some_and(|b| b & needed == 0) {
                let scope = if domestic {
                    "domestic"
                } else {
                    "international"
                };
                p.add(
                    &f::APP_USAGE_RESTRICTED,
                    Some(format!(
                        "{}: AUC {auc} forbids {scope} purchases (issuer country {country}, terminal {terminal_country})",
                        a.aid
                    )),
                );
            }
        }
        if let (Some(atc), Some(last), Some((_, upper))) =
            (a.atc, a.last_online_atc, a.offline_limits)
            && upper > 0
            && atc.saturating_sub(last) >= u16::from(upper)
        {
            p.add(
                &f::APP_OFFLINE_LIMIT_REACHED,
                Some(format!(
                    "{}: {} transactions since the last online one, upper limit {upper}",
                    a.aid,
                    atc.saturating_sub(last)
                )),
            );
        }
    }
    if p.options.no_gpo && !apps.is_empty() {
        p.add(&f::PROBE_GPO_SKIPPED, None);
    }
    let any_error = p.findings.iter().any(|x| x.severity == Severity::Error);
    let selected = apps.iter().any(|a| a.select_sw.as_deref() == Some("9000"));
    if completed && !selected && p.findings.is_empty() {
        p.add(&f::CARD_NOT_PAYMENT, None);
    }
    if completed && !any_error && apps.iter().any(|a| a.read_end_to_end) {
        p.add(&f::CARD_OK, None);
    }
}

/// Findings most severe first, then in the order of [`f::ALL`].
pub(crate) fn sorted(mut findings: Vec<Finding>) -> Vec<Finding> {
    let rank = |code: &str| {
        f::ALL
            .iter()
            .position(|d| d.code == code)
            .unwrap_or(usize::MAX)
    };
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| rank(&a.code).cmp(&rank(&b.code)))
    });
    findings
}
