//! Reading one application: SELECT, FCI, GPO with a filled PDOL (both response formats), READ
//! RECORD for every AFL entry (EMV 4.3 Book 3 §10.2), GET DATA for the counters (§6.5.7).

use super::select::{Candidate, text_of};
use super::{ApplicationReport, Probe, Stop, Unread, pdol};
use crate::card::transport::{Apdu, RawTransport};
use crate::emv::pan::{Pan, parse_track2};
use crate::emv::tlv::{self, Tag, Tlv};
use crate::emv::{loadlog, txlog};
use crate::finding::card as f;

/// RID of China UnionPay: PBOC electronic cash data are read from its applications.
const RID_UNIONPAY: &[u8] = &[0xA0, 0x00, 0x00, 0x03, 0x33];

/// One AFL entry (Book 3 §10.2): SFI, first and last record, records used for ODA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct AflEntry {
    sfi: u8,
    first: u8,
    last: u8,
}

/// Splits and validates an AFL: 4-byte entries, SFI 1–30, 1 ≤ first ≤ last, ODA count within.
fn parse_afl(afl: &[u8]) -> Result<Vec<AflEntry>, String> {
    if afl.is_empty() || !afl.len().is_multiple_of(4) {
        return Err(format!("AFL length {} is not a multiple of 4", afl.len()));
    }
    afl.chunks_exact(4)
        .map(|e| {
            let entry = AflEntry {
                sfi: e[0] >> 3,
                first: e[1],
                last: e[2],
            };
            let ok = e[0] & 0x07 == 0
                && (1..=30).contains(&entry.sfi)
                && entry.first >= 1
                && entry.last >= entry.first
                && e[3] <= entry.last - entry.first + 1;
            if ok {
                Ok(entry)
            } else {
                Err(format!("bad AFL entry {}", hex::encode_upper(e)))
            }
        })
        .collect()
}

/// `YYMMDD` (n6) → `YYYY-MM` and the comparable `YYYYMMDD`; years 00–49 are 20YY, 50–99 19YY
/// (EMV 4.3 Book 4 §6.7.3).
fn date_of(v: &[u8]) -> Option<(String, u32)> {
    let digits = hex::encode(v);
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: u32 = digits[0..2].parse().ok()?;
    let mm: u32 = digits[2..4].parse().ok()?;
    let dd: u32 = digits[4..6].parse().ok()?;
    if !(1..=12).contains(&mm) || dd > 31 {
        return None;
    }
    let year = if yy < 50 { 2000 + yy } else { 1900 + yy };
    Some((format!("{year:04}-{mm:02}"), year * 10_000 + mm * 100 + dd))
}

fn digits_of(v: &[u8]) -> Option<String> {
    let s = hex::encode(v);
    s.bytes().all(|b| b.is_ascii_digit()).then_some(s)
}

/// Reads one application into the report.
pub(crate) fn read<T: RawTransport>(p: &mut Probe<'_, T>, c: Candidate) -> Result<(), Stop> {
    let aid_hex = hex::encode_upper(&c.aid);
    let mut app = ApplicationReport {
        aid: aid_hex.clone(),
        label: c.label.clone(),
        preferred_name: c.preferred_name.clone(),
        priority: c.priority.map(|b| b & 0x0F).filter(|&n| n > 0),
        confirmation_required: c.priority.is_some_and(|b| b & 0x80 != 0),
        found_by: Some(c.found_by),
        ..ApplicationReport::default()
    };
    let result = read_into(p, &c, &mut app);
    p.apps.push(app);
    result
}

fn read_into<T: RawTransport>(
    p: &mut Probe<'_, T>,
    c: &Candidate,
    app: &mut ApplicationReport,
) -> Result<(), Stop> {
    let aid_hex = app.aid.clone();
    p.step(super::Stage::Select, Some(&aid_hex));
    let r = p.send(&Apdu::select(&c.aid, false))?;
    app.select_sw = Some(format!("{:04X}", r.sw));
    if r.sw == 0x6283 {
        p.add(
            &f::APP_BLOCKED,
            Some(format!("SW 6283 to SELECT {aid_hex}")),
        );
        app.unread.push(Unread::NotSelected);
        return Ok(());
    }
    if r.sw != 0x9000 {
        app.unread.push(Unread::NotSelected);
        return Ok(());
    }
    let fci = match tlv::parse(&r.data) {
        Ok(fci) if fci.first().is_some_and(|o| o.tag == Tag(0x6F)) => fci,
        _ => {
            p.add(
                &f::CARD_DATA_MALFORMED,
                Some(format!("FCI of {aid_hex} is not a 6F template")),
            );
            return Ok(());
        }
    };
    if let Some(v) = tlv::find(&fci, Tag(0x50)).and_then(|o| text_of(&o.value)) {
        app.label = Some(v);
    }
    if let Some(v) = tlv::find(&fci, Tag(0x9F12)).and_then(|o| text_of(&o.value)) {
        app.preferred_name = Some(v);
    }
    if let Some(b) = tlv::find(&fci, Tag(0x87)).and_then(|o| o.value.first().copied()) {
        app.priority = Some(b & 0x0F).filter(|&n| n > 0);
        app.confirmation_required = b & 0x80 != 0;
    }
    let log_entry = tlv::find(&fci, Tag(0x9F4D)).map(|o| o.value.clone());
    app.log_entry = log_entry.as_ref().map(hex::encode_upper);
    let unionpay = c.aid.starts_with(RID_UNIONPAY);
    // The load log is PBOC's: elsewhere DF4D is the issuer's own.
    let load_entry = tlv::find(&fci, Tag(0xDF4D))
        .filter(|_| unionpay)
        .map(|o| o.value.clone());
    app.load_log_entry = load_entry.as_ref().map(hex::encode_upper);
    let pdol_list = match tlv::find(&fci, Tag(0x9F38)).map(|o| tlv::parse_dol(&o.value)) {
        None => Some(Vec::new()),
        Some(Ok(list)) => Some(list),
        Some(Err(e)) => {
            p.add(
                &f::CARD_DATA_MALFORMED,
                Some(format!("PDOL of {aid_hex}: {e}")),
            );
            None
        }
    };

    let mut gpo_objs: Vec<Tlv> = Vec::new();
    let mut records_ok = false;
    let mut pool: Vec<Tlv> = Vec::new();
    if p.options.no_gpo {
        app.unread.push(Unread::RecordsWithoutGpo);
    } else if let Some(pdol_list) = pdol_list {
        p.step(super::Stage::Gpo, Some(&aid_hex));
        let mut un = [0u8; 4];
        // The unpredictable number only needs to vary; a failed RNG leaves zeros.
        let _ = getrandom::fill(&mut un);
        let data = pdol::fill(&pdol_list, p.now, un);
        let r = p.send(&Apdu::gpo(&data))?;
        app.gpo_sw = Some(format!("{:04X}", r.sw));
        if r.sw != 0x9000 {
            p.add(
                &f::GPO_REFUSED,
                Some(format!("SW {:04X} to GPO for {aid_hex}", r.sw)),
            );
            app.unread.push(Unread::RecordsGpoRefused);
        } else {
            match gpo_response(&r.data) {
                Ok((aip, afl, objs)) => {
                    app.aip = Some(hex::encode_upper(&aip));
                    app.afl = Some(hex::encode_upper(&afl));
                    gpo_objs = objs;
                    p.step(super::Stage::Records, Some(&aid_hex));
                    records_ok = read_records(p, &aid_hex, &afl, &mut pool)?;
                }
                Err(why) => p.add(
                    &f::CARD_DATA_MALFORMED,
                    Some(format!("GPO response of {aid_hex}: {why}")),
                ),
            }
        }
    }
    pool.extend(gpo_objs);
    let mandatory_ok = fill_from_records(p, app, &pool, records_ok);
    app.read_end_to_end = records_ok && mandatory_ok;

    p.step(super::Stage::GetData, Some(&aid_hex));
    let logs = Logs {
        transactions: log_entry.is_some(),
        loads: load_entry.is_some(),
    };
    get_data(p, app, &pool, unionpay, logs)?;
    let entry = log_entry.as_deref().and_then(txlog::log_entry);
    let format = app.log_format.as_deref().and_then(|h| hex::decode(h).ok());
    if let (Some(entry), Some(format)) = (entry, format) {
        p.step(super::Stage::Records, Some(&aid_hex));
        app.transaction_log = read_log(p, entry, |r| txlog::decode(&format, r).ok())?
            .unwrap_or_else(|read| {
                app.unread.push(Unread::LogUnreadable);
                read
            });
    }
    let entry = load_entry.as_deref().and_then(txlog::log_entry);
    let format = app
        .load_log_format
        .as_deref()
        .and_then(|h| hex::decode(h).ok());
    if let (Some(entry), Some(format)) = (entry, format) {
        p.step(super::Stage::Records, Some(&aid_hex));
        app.load_log =
            read_log(p, entry, |r| loadlog::decode(&format, r).ok())?.unwrap_or_else(|read| {
                app.unread.push(Unread::LoadLogUnreadable);
                read
            });
    }
    Ok(())
}

/// READ RECORD for each record of a log (EMV Book 3 Annex D; the PBOC load log alike), until
/// the card says there are no more (`6A83`) or a record does not decode. `Ok(Err(read))` when
/// a record did not decode: the entries before it.
fn read_log<T: RawTransport, E>(
    p: &mut Probe<'_, T>,
    (sfi, count): (u8, u8),
    decode: impl Fn(&[u8]) -> Option<E>,
) -> Result<Result<Vec<E>, Vec<E>>, Stop> {
    let mut read = Vec::new();
    for record in 1..=count {
        let r = p.send(&Apdu::read_record(sfi, record))?;
        if r.sw != 0x9000 {
            break;
        }
        match decode(&r.data) {
            Some(entry) => read.push(entry),
            None => return Ok(Err(read)),
        }
    }
    Ok(Ok(read))
}

/// Which logs the FCI names, so GET DATA asks for their formats.
#[derive(Clone, Copy)]
struct Logs {
    /// Log Entry `9F4D`: ask for the log format `9F4F`.
    transactions: bool,
    /// Load Log Entry `DF4D` of a UnionPay application: ask for the load log format `DF4F`.
    loads: bool,
}

/// AIP, AFL and any other objects of a GPO response in format 1 (`80`) or 2 (`77`).
/// AIP, AFL and the other objects of a GPO response.
type GpoParts = (Vec<u8>, Vec<u8>, Vec<Tlv>);

fn gpo_response(data: &[u8]) -> Result<GpoParts, String> {
    let objs = tlv::parse(data).map_err(|e| e.to_string())?;
    match objs.first() {
        Some(o) if o.tag == Tag(0x80) && o.value.len() >= 2 => {
            Ok((o.value[..2].to_vec(), o.value[2..].to_vec(), Vec::new()))
        }
        Some(o) if o.tag == Tag(0x77) => {
            let children = o.children.clone().unwrap_or_default();
            let aip = tlv::find(&children, Tag(0x82)).map(|x| x.value.clone());
            let afl = tlv::find(&children, Tag(0x94)).map(|x| x.value.clone());
            match (aip, afl) {
                (Some(aip), Some(afl)) if aip.len() == 2 => Ok((aip, afl, children)),
                _ => Err("format 2 without AIP 82 or AFL 94".to_owned()),
            }
        }
        _ => Err("neither format 1 (80) nor format 2 (77)".to_owned()),
    }
}

/// READ RECORD for every record the AFL names; `Ok(true)` when all were read and valid.
fn read_records<T: RawTransport>(
    p: &mut Probe<'_, T>,
    aid_hex: &str,
    afl: &[u8],
    pool: &mut Vec<Tlv>,
) -> Result<bool, Stop> {
    let entries = match parse_afl(afl) {
        Ok(e) => e,
        Err(why) => {
            p.add(&f::CARD_DATA_MALFORMED, Some(format!("{aid_hex}: {why}")));
            return Ok(false);
        }
    };
    let mut all_ok = true;
    for e in entries {
        for record in e.first..=e.last {
            let r = p.send(&Apdu::read_record(e.sfi, record))?;
            let problem = if r.sw != 0x9000 {
                Some(format!("SW {:04X}", r.sw))
            } else {
                match tlv::parse(&r.data) {
                    Ok(objs) if objs.len() == 1 && objs[0].tag == Tag(0x70) => {
                        pool.extend(objs);
                        None
                    }
                    Ok(_) => Some("not a single 70 template".to_owned()),
                    Err(err) => Some(err.to_string()),
                }
            };
            if let Some(why) = problem {
                all_ok = false;
                if r.sw != 0x6581 {
                    p.add(
                        &f::CARD_DATA_MALFORMED,
                        Some(format!("{aid_hex} SFI {} record {record}: {why}", e.sfi)),
                    );
                }
            }
        }
    }
    Ok(all_ok)
}

/// Fills the report from the record data; `false` when a record failed (already reported) or
/// when mandatory data (Book 3 §7.2: PAN,
/// expiry, CDOL1, CDOL2) are missing or invalid, which also records `card.data_malformed`.
fn fill_from_records<T: RawTransport>(
    p: &mut Probe<'_, T>,
    app: &mut ApplicationReport,
    pool: &[Tlv],
    records_ok: bool,
) -> bool {
    if pool.is_empty() {
        return false;
    }
    let get = |tag: u32| tlv::find(pool, Tag(tag)).map(|o| o.value.as_slice());
    let track2 = get(0x57).and_then(|v| parse_track2(v).ok());
    let pan = get(0x5A).and_then(|v| Pan::from_bcd(v).ok());
    let pan_valid = pan.as_ref().or(track2.as_ref().map(|t| &t.pan));
    app.pan = pan_valid.map(Pan::masked);
    app.pan_sequence = get(0x5F34).and_then(|v| v.first().copied());
    let expiry = get(0x5F24).and_then(date_of);
    let effective = get(0x5F25).and_then(date_of);
    app.expiry = expiry.as_ref().map(|e| e.0.clone());
    app.effective = effective.as_ref().map(|e| e.0.clone());
    app.service_code = get(0x5F30)
        .and_then(|v| crate::emv::service_code::ServiceCode::decode(v).ok())
        .map(|s| s.digits_str())
        .or_else(|| track2.as_ref().and_then(|t| t.service_code.clone()));
    app.country = get(0x5F28).and_then(digits_of).map(|s| s[1..].to_owned());
    app.currency = get(0x9F42).and_then(digits_of).map(|s| s[1..].to_owned());
    app.auc = get(0x9F07).map(hex::encode_upper);
    app.cvm_list = get(0x8E).map(hex::encode_upper);
    app.iac_default = get(0x9F0D).map(hex::encode_upper);
    app.iac_denial = get(0x9F0E).map(hex::encode_upper);
    app.iac_online = get(0x9F0F).map(hex::encode_upper);
    if let (Some(lo), Some(hi)) = (get(0x9F14), get(0x9F23)) {
        app.offline_limits = Some((
            lo.first().copied().unwrap_or(0),
            hi.first().copied().unwrap_or(0),
        ));
    }
    if let Some(t) = get(0x9F36).filter(|v| v.len() == 2) {
        app.atc = Some(u16::from_be_bytes([t[0], t[1]]));
    }

    if !records_ok {
        return false;
    }
    let mut missing: Vec<&str> = Vec::new();
    if pan_valid.is_none() {
        missing.push("PAN 5A");
    }
    if expiry.is_none() {
        missing.push("expiry 5F24");
    }
    if get(0x8C).is_none() {
        missing.push("CDOL1 8C");
    }
    if get(0x8D).is_none() {
        missing.push("CDOL2 8D");
    }
    if pan_valid.is_some_and(|pan| !pan.luhn_ok()) {
        missing.push("PAN fails the Luhn check");
    }
    if !missing.is_empty() {
        p.add(
            &f::CARD_DATA_MALFORMED,
            Some(format!(
                "{}: missing or invalid {}",
                app.aid,
                missing.join(", ")
            )),
        );
        return false;
    }
    true
}

/// GET DATA for the counters (skipping what GPO or the records already gave), the log
/// formats of the logs the FCI names, and the PBOC electronic cash balance on UnionPay cards.
fn get_data<T: RawTransport>(
    p: &mut Probe<'_, T>,
    app: &mut ApplicationReport,
    pool: &[Tlv],
    unionpay: bool,
    logs: Logs,
) -> Result<(), Stop> {
    let mut tags: Vec<u16> = vec![0x9F36, 0x9F13, 0x9F17];
    if logs.transactions {
        tags.push(0x9F4F);
    }
    if unionpay {
        tags.push(0x9F79);
    }
    if logs.loads {
        tags.push(0xDF4F);
    }
    for tag in tags {
        if tlv::find(pool, Tag(u32::from(tag))).is_some() {
            continue;
        }
        let r = p.send(&Apdu::get_data(tag))?;
        if r.sw != 0x9000 {
            continue; // 6A88 and friends: the card does not offer it
        }
        let Some(value) = tlv::parse(&r.data)
            .ok()
            .and_then(|objs| tlv::find(&objs, Tag(u32::from(tag))).map(|o| o.value.clone()))
        else {
            p.add(
                &f::CARD_DATA_MALFORMED,
                Some(format!("GET DATA {tag:04X} answer is not TLV")),
            );
            continue;
        };
        let two = || (value.len() == 2).then(|| u16::from_be_bytes([value[0], value[1]]));
        match tag {
            0x9F36 => app.atc = two(),
            0x9F13 => app.last_online_atc = two(),
            0x9F17 => app.pin_tries_left = value.first().copied(),
            0x9F4F => app.log_format = Some(hex::encode_upper(&value)),
            0xDF4F => app.load_log_format = Some(hex::encode_upper(&value)),
            0x9F79 => app.ec_balance = digits_of(&value),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn afl_is_validated() {
        assert_eq!(
            parse_afl(&[0x08, 1, 1, 0, 0x10, 1, 2, 1]).unwrap(),
            vec![
                AflEntry {
                    sfi: 1,
                    first: 1,
                    last: 1
                },
                AflEntry {
                    sfi: 2,
                    first: 1,
                    last: 2
                }
            ]
        );
        assert!(parse_afl(&[0x08, 1, 1]).is_err());
        assert!(parse_afl(&[0x08, 0, 1, 0]).is_err());
        assert!(parse_afl(&[0x08, 2, 1, 0]).is_err());
        assert!(parse_afl(&[0x08, 1, 1, 2]).is_err());
        assert!(parse_afl(&[0xF8, 1, 1, 0]).is_err());
        assert!(parse_afl(&[]).is_err());
    }

    #[test]
    fn dates_use_the_emv_century_rule() {
        assert_eq!(date_of(&[0x29, 0x12, 0x31]).unwrap().0, "2029-12");
        assert_eq!(date_of(&[0x99, 0x01, 0x01]).unwrap().1, 19_990_101);
        assert!(date_of(&[0x29, 0x13, 0x01]).is_none());
    }
}
