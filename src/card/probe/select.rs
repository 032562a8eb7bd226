//! Building the candidate list (EMV 4.3 Book 1 §12.3): the PSE directory, then the PPSE
//! directory, then the registered AIDs — each only when the previous method found nothing.

use super::{FoundBy, Probe, Stop};
use crate::card::transport::{Apdu, RawTransport};
use crate::emv::tlv::{self, Tag, Tlv};
use crate::finding::card as f;

const PSE: &[u8] = b"1PAY.SYS.DDF01";
const PPSE: &[u8] = b"2PAY.SYS.DDF01";
/// Directory records read at most (a safety cap; real directories hold a handful).
const MAX_DIRECTORY_RECORDS: u8 = 16;
/// SELECT NEXT repeated at most per registered AID.
const MAX_SELECT_NEXT: usize = 8;

/// One application to read.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub aid: Vec<u8>,
    pub label: Option<String>,
    pub preferred_name: Option<String>,
    /// Raw `87`.
    pub priority: Option<u8>,
    pub found_by: FoundBy,
}

/// Printable text of an `an`/`ans` value (anything else dropped), `None` when empty.
pub(crate) fn text_of(v: &[u8]) -> Option<String> {
    let s: String = v
        .iter()
        .filter(|b| b.is_ascii_graphic() || **b == b' ')
        .map(|&b| char::from(b))
        .collect();
    let s = s.trim().to_owned();
    (!s.is_empty()).then_some(s)
}

fn child(objs: &[Tlv], tag: u32) -> Option<&Tlv> {
    objs.iter().find(|o| o.tag == Tag(tag))
}

/// The application entries (`61` templates with a `4F`) among `objs`.
fn entries(objs: &[Tlv], found_by: FoundBy) -> Vec<Candidate> {
    let mut out = Vec::new();
    for o in objs {
        match (&o.children, o.tag.0) {
            (Some(children), 0x61) => {
                if let Some(aid) = child(children, 0x4F) {
                    out.push(Candidate {
                        aid: aid.value.clone(),
                        label: child(children, 0x50).and_then(|v| text_of(&v.value)),
                        preferred_name: child(children, 0x9F12).and_then(|v| text_of(&v.value)),
                        priority: child(children, 0x87).and_then(|v| v.value.first().copied()),
                        found_by,
                    });
                }
            }
            (Some(children), _) => out.extend(entries(children, found_by)),
            _ => {}
        }
    }
    out
}

/// Priority order (EMV Book 1 §12.4): priorities 1…15 first, lowest number first, then
/// entries without priority, each group in card order.
fn order(mut list: Vec<Candidate>) -> Vec<Candidate> {
    list.sort_by_key(|c| match c.priority.map(|p| p & 0x0F) {
        Some(p) if p > 0 => p,
        _ => 16,
    });
    list
}

/// Selects a payment system directory; `Ok(None)` when the card has none. `6A81` records
/// `card.blocked`.
fn select_directory<T: RawTransport>(
    p: &mut Probe<'_, T>,
    name: &[u8],
) -> Result<Option<Vec<Tlv>>, Stop> {
    let r = p.send(&Apdu::select(name, false))?;
    match r.sw {
        0x6A81 => {
            let which = String::from_utf8_lossy(name).into_owned();
            p.add(&f::CARD_BLOCKED, Some(format!("SW 6A81 to SELECT {which}")));
            Ok(None)
        }
        0x9000 => Ok(tlv::parse(&r.data).ok()),
        _ => Ok(None),
    }
}

fn pse<T: RawTransport>(p: &mut Probe<'_, T>) -> Result<Vec<Candidate>, Stop> {
    p.step(super::Stage::Pse, None);
    let Some(fci) = select_directory(p, PSE)? else {
        return Ok(Vec::new());
    };
    let Some(sfi) = tlv::find(&fci, Tag(0x88)).and_then(|o| o.value.first().copied()) else {
        return Ok(Vec::new());
    };
    if !(1..=30).contains(&sfi) {
        p.add(
            &f::CARD_DATA_MALFORMED,
            Some(format!("PSE directory SFI {sfi} out of range")),
        );
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for record in 1..=MAX_DIRECTORY_RECORDS {
        let r = p.send(&Apdu::read_record(sfi, record))?;
        if r.sw != 0x9000 {
            break; // 6A83: end of the directory
        }
        match tlv::parse(&r.data) {
            Ok(objs) if objs.first().is_some_and(|o| o.tag == Tag(0x70)) => {
                found.extend(entries(&objs, FoundBy::Pse));
            }
            _ => {
                p.add(
                    &f::CARD_DATA_MALFORMED,
                    Some(format!(
                        "PSE directory record {record} is not a 70 template"
                    )),
                );
                break;
            }
        }
    }
    Ok(found)
}

fn ppse<T: RawTransport>(p: &mut Probe<'_, T>) -> Result<Vec<Candidate>, Stop> {
    p.step(super::Stage::Ppse, None);
    let Some(fci) = select_directory(p, PPSE)? else {
        return Ok(Vec::new());
    };
    Ok(tlv::find(&fci, Tag(0xBF0C))
        .and_then(|o| o.children.as_deref())
        .map(|c| entries(c, FoundBy::Ppse))
        .unwrap_or_default())
}

/// The list-of-AIDs method (Book 1 §12.3.3): SELECT each registered AID, then SELECT NEXT
/// while the card keeps answering with further applications under that AID.
fn aid_list<T: RawTransport>(p: &mut Probe<'_, T>) -> Result<Vec<Candidate>, Stop> {
    p.step(super::Stage::AidList, None);
    let mut found: Vec<Candidate> = Vec::new();
    for (n, registered) in crate::emv::aid::REGISTERED.iter().enumerate() {
        let mut next = false;
        for _ in 0..MAX_SELECT_NEXT {
            let r = p.send(&Apdu::select(registered.aid, next))?;
            if r.sw == 0x6A81 && n == 0 && !next {
                p.add(
                    &f::CARD_BLOCKED,
                    Some("SW 6A81 to the first SELECT".to_owned()),
                );
                return Ok(found);
            }
            if r.sw != 0x9000 && r.sw != 0x6283 {
                break;
            }
            let fci = tlv::parse(&r.data).unwrap_or_default();
            let aid = tlv::find(&fci, Tag(0x84))
                .map(|o| o.value.clone())
                .filter(|a| a.starts_with(registered.aid))
                .unwrap_or_else(|| registered.aid.to_vec());
            if found.iter().any(|c| c.aid == aid) {
                break;
            }
            found.push(Candidate {
                aid,
                label: tlv::find(&fci, Tag(0x50)).and_then(|v| text_of(&v.value)),
                preferred_name: tlv::find(&fci, Tag(0x9F12)).and_then(|v| text_of(&v.value)),
                priority: tlv::find(&fci, Tag(0x87)).and_then(|v| v.value.first().copied()),
                found_by: FoundBy::AidList,
            });
            next = true;
        }
    }
    Ok(found)
}

/// The applications to read, in priority order. Stops early (empty) on a blocked card.
pub(crate) fn candidates<T: RawTransport>(p: &mut Probe<'_, T>) -> Result<Vec<Candidate>, Stop> {
    let found = pse(p)?;
    if !found.is_empty() || p.has(f::CARD_BLOCKED.code) {
        return Ok(order(found));
    }
    let found = ppse(p)?;
    if !found.is_empty() || p.has(f::CARD_BLOCKED.code) {
        return Ok(order(found));
    }
    Ok(order(aid_list(p)?))
}
