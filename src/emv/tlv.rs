//! BER-TLV as EMV uses it (EMV 4.4 Book 3 Annex B; ISO/IEC 7816-4 §5.2): parsing with byte
//! offsets in every error, DOL parsing, encoding, and the masked views (JSON, text, hex) that
//! may leave the program.
//!
//! The parser is hand-written rather than taken from a crate. The closest crate,
//! `iso7816-tlv` (0.4), returns errors without a position, reads the indefinite length `80`
//! as a zero length instead of rejecting it, does not skip `00`/`FF` padding, and recurses
//! without a depth limit; the ASN.1 crates (`der-parser`, `asn1-rs`) model DER/X.509 types,
//! not EMV's padding or its three-byte tag limit. The format is small enough to own: this
//! module is unit-tested against Annex B, property-tested, and fuzzed
//! (`fuzz/fuzz_targets/tlv.rs`).
//!
//! Rules implemented (Annex B):
//! - tags of one to three bytes (b5–b1 of the first byte `11111` = more bytes follow; b8 of a
//!   following byte = another byte follows); b6 of the first byte = constructed;
//! - lengths: one byte `00`–`7F`, or `81`/`82`/`83` followed by one to three length bytes;
//!   `80` (indefinite) and `84`+ are rejected;
//! - constructed values are parsed recursively (depth limited to [`MAX_DEPTH`]);
//! - `00` and `FF` bytes where a tag would start are padding and skipped;
//! - a tag, length or value running past the end is rejected, naming the offset.
//!
//! Sensitive values (see [`tags::is_sensitive`]) never leave this module unmasked through
//! [`to_json`], [`explain`] or [`mask_hex`].

use crate::emv::pan;
use crate::emv::tags::{self, Format};
use crate::i18n::{Lang, Text};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt::{self, Write as _};
use std::str::FromStr;

/// Deepest nesting of constructed objects accepted (real cards use at most four levels).
pub const MAX_DEPTH: usize = 16;

/// A BER-TLV tag: the big-endian number of its one to three bytes (`9F26` = `0x9F26`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag(pub u32);

impl Tag {
    /// Reads exactly one complete tag from `bytes` (EMV 4.4 Book 3 Annex B1).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tag, TlvError> {
        let (tag, len) = read_tag(bytes, 0)?;
        if len != bytes.len() {
            return Err(TlvError::new(len, TlvErrorKind::TrailingBytes));
        }
        Ok(tag)
    }

    /// The tag's bytes on the wire.
    pub fn to_bytes(self) -> Vec<u8> {
        let b = self.0.to_be_bytes();
        let skip = b.iter().take(3).take_while(|&&x| x == 0).count();
        b[skip..].to_vec()
    }

    /// Whether the tag is constructed (b6 of its first byte), i.e. its value is more TLV.
    pub fn is_constructed(self) -> bool {
        self.to_bytes().first().is_some_and(|b| b & 0x20 != 0)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.to_bytes() {
            write!(f, "{b:02X}")?;
        }
        Ok(())
    }
}

impl FromStr for Tag {
    type Err = TlvError;
    /// Parses a tag written in hex (`9F26`, `df 81 29`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = hex::decode(&compact).map_err(|_| TlvError::new(0, TlvErrorKind::NotHex))?;
        Tag::from_bytes(&bytes)
    }
}

impl Serialize for Tag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One parsed data object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tlv {
    /// The tag.
    pub tag: Tag,
    /// Offset of the tag's first byte in the parsed input.
    pub offset: usize,
    /// The value bytes (for a constructed object, the encoded children).
    pub value: Vec<u8>,
    /// The parsed children of a constructed object; `None` for a primitive one.
    pub children: Option<Vec<Tlv>>,
}

impl Tlv {
    /// A primitive object (offset 0; offsets are filled in by [`parse`]).
    pub fn primitive(tag: Tag, value: impl Into<Vec<u8>>) -> Tlv {
        Tlv {
            tag,
            offset: 0,
            value: value.into(),
            children: None,
        }
    }

    /// A constructed object holding `children`.
    pub fn constructed(tag: Tag, children: Vec<Tlv>) -> Tlv {
        Tlv {
            tag,
            offset: 0,
            value: encode(&children),
            children: Some(children),
        }
    }
}

/// What is wrong with a TLV input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TlvErrorKind {
    /// The input ends inside a tag.
    TruncatedTag,
    /// A tag continues past its third byte.
    TagTooLong,
    /// The input ends inside a length field.
    TruncatedLength,
    /// Indefinite length (`80`), which EMV does not allow.
    IndefiniteLength,
    /// A length field of more than three following bytes (`84` and up).
    LengthTooLong,
    /// The value is longer than the bytes left.
    TruncatedValue {
        /// Value length the length field announced.
        needed: usize,
        /// Bytes actually left.
        available: usize,
    },
    /// Constructed objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Bytes left over after a single tag.
    TrailingBytes,
    /// `00` or `FF` where a DOL expects a tag.
    InvalidTag,
    /// Text that is not hexadecimal.
    NotHex,
}

impl fmt::Display for TlvErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TlvErrorKind::TruncatedTag => f.write_str("data ends inside a tag"),
            TlvErrorKind::TagTooLong => f.write_str("tag longer than 3 bytes"),
            TlvErrorKind::TruncatedLength => f.write_str("data ends inside a length field"),
            TlvErrorKind::IndefiniteLength => {
                f.write_str("indefinite length (80) is not allowed in EMV")
            }
            TlvErrorKind::LengthTooLong => f.write_str("length field longer than 4 bytes"),
            TlvErrorKind::TruncatedValue { needed, available } => {
                write!(
                    f,
                    "value needs {needed} bytes but only {available} are left"
                )
            }
            TlvErrorKind::TooDeep => write!(f, "templates nested deeper than {MAX_DEPTH} levels"),
            TlvErrorKind::TrailingBytes => f.write_str("extra bytes after the tag"),
            TlvErrorKind::InvalidTag => f.write_str("00 or FF is not a tag"),
            TlvErrorKind::NotHex => f.write_str("not hexadecimal"),
        }
    }
}

/// A TLV error and the byte offset (from the start of the input) where it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("bad TLV at byte offset {offset}: {kind}")]
pub struct TlvError {
    /// Offset of the byte where parsing failed.
    pub offset: usize,
    /// What is wrong.
    pub kind: TlvErrorKind,
}

impl TlvError {
    fn new(offset: usize, kind: TlvErrorKind) -> Self {
        TlvError { offset, kind }
    }
}

/// Reads a tag starting at `pos`; returns it and its length in bytes.
fn read_tag(data: &[u8], pos: usize) -> Result<(Tag, usize), TlvError> {
    let first = *data
        .get(pos)
        .ok_or(TlvError::new(pos, TlvErrorKind::TruncatedTag))?;
    let mut value = u32::from(first);
    let mut len = 1;
    if first & 0x1F == 0x1F {
        loop {
            let b = *data
                .get(pos + len)
                .ok_or(TlvError::new(pos + len, TlvErrorKind::TruncatedTag))?;
            value = (value << 8) | u32::from(b);
            len += 1;
            if b & 0x80 == 0 {
                break;
            }
            if len == 3 {
                return Err(TlvError::new(pos, TlvErrorKind::TagTooLong));
            }
        }
    }
    Ok((Tag(value), len))
}

/// Reads a length field starting at `pos`; returns the value length and the field's size.
fn read_len(data: &[u8], pos: usize) -> Result<(usize, usize), TlvError> {
    let first = *data
        .get(pos)
        .ok_or(TlvError::new(pos, TlvErrorKind::TruncatedLength))?;
    match first {
        0x00..=0x7F => Ok((usize::from(first), 1)),
        0x80 => Err(TlvError::new(pos, TlvErrorKind::IndefiniteLength)),
        0x81..=0x83 => {
            let n = usize::from(first & 0x7F);
            let bytes = data
                .get(pos + 1..pos + 1 + n)
                .ok_or(TlvError::new(data.len(), TlvErrorKind::TruncatedLength))?;
            let len = bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            Ok((len, 1 + n))
        }
        _ => Err(TlvError::new(pos, TlvErrorKind::LengthTooLong)),
    }
}

/// The header of one object: its tag and where its value lies in the input.
struct Header {
    tag: Tag,
    offset: usize,
    value_start: usize,
    value_end: usize,
}

/// Reads the header of the object at `pos`, checking that its value fits before `end`.
fn read_header(data: &[u8], pos: usize, end: usize) -> Result<Header, TlvError> {
    let window = &data[..end];
    let (tag, tag_len) = read_tag(window, pos)?;
    let (len, len_len) = read_len(window, pos + tag_len)?;
    let value_start = pos + tag_len + len_len;
    let available = end - value_start;
    if len > available {
        return Err(TlvError::new(
            value_start,
            TlvErrorKind::TruncatedValue {
                needed: len,
                available,
            },
        ));
    }
    Ok(Header {
        tag,
        offset: pos,
        value_start,
        value_end: value_start + len,
    })
}

/// Iterates over the objects in `data[start..end]`, skipping `00`/`FF` padding, and calls
/// `visit` with each header and the depth.
fn walk(
    data: &[u8],
    start: usize,
    end: usize,
    depth: usize,
    visit: &mut impl FnMut(&Header, usize) -> Result<(), TlvError>,
) -> Result<(), TlvError> {
    let mut pos = start;
    while pos < end {
        if matches!(data[pos], 0x00 | 0xFF) {
            pos += 1;
            continue;
        }
        let h = read_header(data, pos, end)?;
        visit(&h, depth)?;
        pos = h.value_end;
    }
    Ok(())
}

fn parse_range(data: &[u8], start: usize, end: usize, depth: usize) -> Result<Vec<Tlv>, TlvError> {
    let mut out = Vec::new();
    walk(data, start, end, depth, &mut |h, depth| {
        let children = if h.tag.is_constructed() {
            if depth >= MAX_DEPTH {
                return Err(TlvError::new(h.offset, TlvErrorKind::TooDeep));
            }
            Some(parse_range(data, h.value_start, h.value_end, depth + 1)?)
        } else {
            None
        };
        out.push(Tlv {
            tag: h.tag,
            offset: h.offset,
            value: data[h.value_start..h.value_end].to_vec(),
            children,
        });
        Ok(())
    })?;
    Ok(out)
}

/// Parses BER-TLV data (EMV 4.4 Book 3 Annex B); offsets in the result and in errors count
/// from the start of `data`. An empty input gives an empty list.
pub fn parse(data: &[u8]) -> Result<Vec<Tlv>, TlvError> {
    parse_range(data, 0, data.len(), 0)
}

/// The first object with `tag`, searching depth-first (parents before their children).
pub fn find(objs: &[Tlv], tag: Tag) -> Option<&Tlv> {
    for o in objs {
        if o.tag == tag {
            return Some(o);
        }
        if let Some(found) = o.children.as_deref().and_then(|c| find(c, tag)) {
            return Some(found);
        }
    }
    None
}

/// Every object with `tag`, depth-first (e.g. all `61` entries of a PSE/PPSE directory).
pub fn find_all(objs: &[Tlv], tag: Tag) -> Vec<&Tlv> {
    let mut out = Vec::new();
    for o in objs {
        if o.tag == tag {
            out.push(o);
        }
        if let Some(children) = &o.children {
            out.extend(find_all(children, tag));
        }
    }
    out
}

/// Parses a Data Object List (PDOL `9F38`, CDOL1/2 `8C`/`8D`, DDOL `9F49`, TDOL `97`): a list
/// of tag and length pairs with no values (EMV 4.4 Book 3 §5.4).
pub fn parse_dol(data: &[u8]) -> Result<Vec<(Tag, usize)>, TlvError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        if matches!(data[pos], 0x00 | 0xFF) {
            return Err(TlvError::new(pos, TlvErrorKind::InvalidTag));
        }
        let (tag, tag_len) = read_tag(data, pos)?;
        let (len, len_len) = read_len(data, pos + tag_len)?;
        out.push((tag, len));
        pos += tag_len + len_len;
    }
    Ok(out)
}

/// Encodes objects as BER-TLV with minimal lengths (children of a constructed object are
/// encoded from `children`, not from `value`).
pub fn encode(objs: &[Tlv]) -> Vec<u8> {
    let mut out = Vec::new();
    for o in objs {
        let value = match &o.children {
            Some(children) => encode(children),
            None => o.value.clone(),
        };
        out.extend(o.tag.to_bytes());
        let n = value.len();
        match n {
            0..=0x7F => out.push(n as u8),
            0x80..=0xFF => out.extend([0x81, n as u8]),
            0x100..=0xFFFF => out.extend([0x82, (n >> 8) as u8, n as u8]),
            _ => out.extend([0x83, (n >> 16) as u8, (n >> 8) as u8, n as u8]),
        }
        out.extend(value);
    }
    out
}

/// How a sensitive value is masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mask {
    /// Keep the first 6 and last 4 digits of the leading PAN; every other digit becomes `*`
    /// (`5A`, `57`, `9F6B`).
    Pan,
    /// Every hex digit becomes `*`.
    All,
}

fn mask_of(tag: Tag) -> Option<Mask> {
    match tag.0 {
        0x5A | 0x57 | 0x9F6B => Some(Mask::Pan),
        _ if tags::is_sensitive(tag) => Some(Mask::All),
        _ => None,
    }
}

/// Upper-case hex of `value` with the masking of `mask` applied.
fn masked_value_hex(value: &[u8], mask: Mask) -> String {
    let hex = hex::encode_upper(value);
    match mask {
        Mask::All => "*".repeat(hex.len()),
        Mask::Pan => {
            // The PAN is the leading run of decimal digits (ended by F padding or the D
            // separator of track 2); everything after it is masked too.
            let pan_len = hex.bytes().take_while(u8::is_ascii_digit).count().min(19);
            let (head, tail) = pan::visible_digits(pan_len);
            let only_padding_follows = hex[pan_len..].bytes().all(|b| b == b'F');
            let mut out = String::with_capacity(hex.len());
            for (i, c) in hex.chars().enumerate() {
                let keep = if i < pan_len {
                    i < head || i >= pan_len - tail
                } else {
                    // F padding of a bare PAN (5A) reveals nothing; track data after the
                    // PAN is masked in full.
                    only_padding_follows
                };
                out.push(if keep { c } else { '*' });
            }
            out
        }
    }
}

/// Upper-case hex of a raw card response with every sensitive value masked, for the APDU
/// log. The value bytes of sensitive tags anywhere in the TLV tree are replaced by `*` (PAN
/// tags keep the first 6 and last 4 digits of the PAN). If `data` is not valid TLV, it is
/// scanned defensively: every place a sensitive tag could start masks the rest of its value
/// (or the rest of the data when its length cannot be read), and every run of 12 or more
/// decimal digits (BCD or ASCII) is masked, so that a malformed response never leaks a PAN.
pub fn mask_hex(data: &[u8]) -> String {
    let mut out: Vec<u8> = hex::encode_upper(data).into_bytes();
    let mut spans: Vec<(usize, usize, Mask)> = Vec::new();
    let parsed = walk_masks(data, 0, data.len(), 0, &mut spans);
    if parsed.is_err() {
        spans.clear();
        defensive_spans(data, &mut spans);
    }
    for (start, end, mask) in spans {
        let masked = masked_value_hex(&data[start..end], mask);
        out[start * 2..end * 2].copy_from_slice(masked.as_bytes());
    }
    if parsed.is_err() {
        mask_digit_runs(data, &mut out);
    }
    String::from_utf8(out).unwrap_or_default()
}

fn walk_masks(
    data: &[u8],
    start: usize,
    end: usize,
    depth: usize,
    spans: &mut Vec<(usize, usize, Mask)>,
) -> Result<(), TlvError> {
    walk(data, start, end, depth, &mut |h, depth| {
        if let Some(mask) = mask_of(h.tag) {
            spans.push((h.value_start, h.value_end, mask));
        } else if h.tag.is_constructed() {
            if depth >= MAX_DEPTH {
                return Err(TlvError::new(h.offset, TlvErrorKind::TooDeep));
            }
            walk_masks(data, h.value_start, h.value_end, depth + 1, spans)?;
        }
        Ok(())
    })
}

/// Sensitive spans of data that is not valid TLV: wherever a sensitive tag could start.
fn defensive_spans(data: &[u8], spans: &mut Vec<(usize, usize, Mask)>) {
    for pos in 0..data.len() {
        let Ok((tag, tag_len)) = read_tag(data, pos) else {
            continue;
        };
        if mask_of(tag).is_none() {
            continue;
        }
        let value_start = (pos + tag_len).min(data.len());
        let value_end = match read_len(data, pos + tag_len) {
            Ok((len, len_len)) => (value_start + len_len + len).min(data.len()),
            Err(_) => data.len(),
        };
        spans.push((value_start, value_end, Mask::All));
    }
}

/// Masks, in the hex `out`, every run of 12+ decimal digits: BCD nibbles or ASCII `0`–`9`.
fn mask_digit_runs(data: &[u8], out: &mut [u8]) {
    const MIN_RUN: usize = 12;
    // BCD: nibble positions in the hex string.
    let mut run_start = 0;
    for i in 0..=out.len() {
        let digit = i < out.len() && out[i].is_ascii_digit();
        if !digit {
            if i - run_start >= MIN_RUN {
                out[run_start..i].fill(b'*');
            }
            run_start = i + 1;
        }
    }
    // ASCII digits: byte positions in the data, two hex characters each.
    let mut run_start = 0;
    for i in 0..=data.len() {
        let digit = i < data.len() && data[i].is_ascii_digit();
        if !digit {
            if i - run_start >= MIN_RUN {
                out[run_start * 2..i * 2].fill(b'*');
            }
            run_start = i + 1;
        }
    }
}

/// The JSON of `emv-doctor decode tlv`: `{"objects":[…]}` where each object is
/// `{"tag","length","name","children"}` (constructed) or `{"tag","length","name","value"}`
/// (primitive, value in upper-case hex, sensitive values masked).
pub fn to_json(objs: &[Tlv], lang: Lang) -> serde_json::Value {
    serde_json::json!({ "objects": objects_json(objs, lang) })
}

fn objects_json(objs: &[Tlv], lang: Lang) -> Vec<serde_json::Value> {
    objs.iter()
        .map(|o| {
            let mut m = serde_json::Map::new();
            m.insert("tag".into(), o.tag.to_string().into());
            m.insert("length".into(), o.value.len().into());
            m.insert("name".into(), tags::name(o.tag).get(lang).into());
            match (&o.children, mask_of(o.tag)) {
                (Some(children), None) => {
                    m.insert("children".into(), objects_json(children, lang).into());
                }
                (_, mask) => {
                    m.insert("value".into(), display_hex(o, mask).into());
                }
            }
            serde_json::Value::Object(m)
        })
        .collect()
}

/// A primitive value as shown: masked when sensitive, and masked by tag when it parses as
/// TLV itself (a `5A` PAN behind a byte taken as padding or inside an unknown tag).
fn display_hex(o: &Tlv, mask: Option<Mask>) -> String {
    match mask {
        Some(mask) => masked_value_hex(&o.value, mask),
        None if parse(&o.value).is_ok() => mask_hex(&o.value),
        None => hex::encode_upper(&o.value),
    }
}

/// A readable rendering of a primitive value in its format, when it has one: text for
/// `an`/`ans` and directory names (`84`, `9D`), digits for `n`/`cn`, dates for the date tags.
/// `None` for other binary values and for sensitive values.
pub fn readable_value(o: &Tlv) -> Option<String> {
    if mask_of(o.tag).is_some() || o.children.is_some() {
        return None;
    }
    let format = tags::lookup(o.tag)?.format;
    let digits = || {
        let h = hex::encode_upper(&o.value);
        h.bytes().all(|b| b.is_ascii_digit()).then_some(h)
    };
    match format {
        Format::An | Format::Ans => {
            let text: String = o
                .value
                .iter()
                .map(|&b| {
                    if (0x20..0x7F).contains(&b) {
                        b as char
                    } else {
                        '.'
                    }
                })
                .collect();
            Some(format!("\"{text}\""))
        }
        Format::N => {
            let d = digits()?;
            if matches!(o.tag.0, 0x5F24 | 0x5F25 | 0x9A) && d.len() == 6 {
                Some(format!("20{}-{}-{}", &d[0..2], &d[2..4], &d[4..6]))
            } else {
                let trimmed = d.trim_start_matches('0');
                Some(if trimmed.is_empty() {
                    "0".into()
                } else {
                    trimmed.into()
                })
            }
        }
        Format::Cn => {
            let h = hex::encode_upper(&o.value);
            let d = h.trim_end_matches('F');
            d.bytes().all(|b| b.is_ascii_digit()).then(|| d.to_owned())
        }
        // A DF/DDF name is binary, but directory names such as `2PAY.SYS.DDF01` are text.
        Format::B if matches!(o.tag.0, 0x84 | 0x9D) => o
            .value
            .iter()
            .all(|b| (0x20..0x7F).contains(b))
            .then(|| format!("\"{}\"", String::from_utf8_lossy(&o.value))),
        Format::B | Format::Var => None,
    }
}

/// A readable, indented and aligned tree of `objs`: tag, length, name, value in hex (masked
/// when sensitive) and, where the format allows, the value in words.
pub fn explain(objs: &[Tlv], lang: Lang) -> String {
    struct Row {
        left: String,
        name: &'static str,
        value: String,
    }
    fn collect(objs: &[Tlv], depth: usize, lang: Lang, rows: &mut Vec<Row>) {
        for o in objs {
            let mask = mask_of(o.tag);
            let value = match (&o.children, mask) {
                (Some(_), None) => String::new(),
                (_, mask) => {
                    let hex = display_hex(o, mask);
                    match readable_value(o) {
                        Some(r) if r != hex => format!("{hex}  {r}"),
                        _ => hex,
                    }
                }
            };
            rows.push(Row {
                left: format!("{}{} ({})", "  ".repeat(depth), o.tag, o.value.len()),
                name: tags::name(o.tag).get(lang),
                value,
            });
            // A sensitive constructed object is shown masked, without its children.
            if let (Some(children), None) = (&o.children, mask) {
                collect(children, depth + 1, lang, rows);
            }
        }
    }
    if objs.is_empty() {
        return format!(
            "{}\n",
            Text::new("(no data objects)", "（无数据对象）").get(lang)
        );
    }
    let mut rows = Vec::new();
    collect(objs, 0, lang, &mut rows);
    let left_w = rows.iter().map(|r| r.left.len()).max().unwrap_or(0);
    let name_w = rows
        .iter()
        .map(|r| tags::display_width(r.name))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for row in rows {
        let pad = " ".repeat(name_w - tags::display_width(row.name));
        let line = format!("{:<left_w$}  {}{pad}  {}", row.left, row.name, row.value);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s.replace(' ', "")).unwrap()
    }

    const PAN: &str = "4761739001010119";
    const PAN_MIDDLE: &str = "900101";
    const NAME: &str = "SMITH/JOHN Q";
    const TRACK1_DD: &str = "0000123000000";

    /// The children of a Visa READ RECORD response (SFI 1 record 1).
    fn record_children() -> Vec<Tlv> {
        let p = |t: u32, v: &str| Tlv::primitive(Tag(t), h(v));
        vec![
            p(0x57, &format!("{PAN}D22122011143804400000F")),
            p(0x5A, PAN),
            Tlv::primitive(Tag(0x5F20), NAME.as_bytes()),
            p(0x5F24, "221231"),
            p(0x5F25, "190101"),
            p(0x5F28, "0840"),
            p(0x5F34, "01"),
            p(0x8C, "9F02069F03069F1A0295055F2A029A039C019F3704"),
            p(0x8E, "000000000000000042031E031F00"),
            p(0x9F07, "FF00"),
            p(0x9F0D, "F040008800"),
            Tlv::primitive(Tag(0x9F1F), TRACK1_DD.as_bytes()),
            p(0x8F, "09"),
            Tlv::primitive(Tag(0x90), vec![0xA5; 176]),
        ]
    }

    fn record() -> Vec<u8> {
        encode(&[Tlv::constructed(Tag(0x70), record_children())])
    }

    #[test]
    fn padding_between_objects_is_skipped() {
        let objs = parse(&h("00 00 84 02 A000 FF FF 50 01 41 00")).unwrap();
        assert_eq!(objs.len(), 2);
        assert_eq!(
            (objs[0].tag, objs[0].offset, objs[0].value.clone()),
            (Tag(0x84), 2, h("A000"))
        );
        assert_eq!((objs[1].tag, objs[1].offset), (Tag(0x50), 8));
        assert!(parse(&h("00 FF 00")).unwrap().is_empty());
        // Padding inside a template too.
        let nested = parse(&h("70 06 00 5F 34 01 01 FF")).unwrap();
        assert_eq!(nested[0].children.as_ref().unwrap()[0].tag, Tag(0x5F34));
        // Encoding is canonical: padding dropped, minimal lengths.
        assert_eq!(encode(&nested), h("70 04 5F 34 01 01"));
    }

    #[test]
    fn tags_of_one_two_and_three_bytes() {
        let objs = parse(&h("9A 01 25 9F26 01 AA DF8129 02 1234")).unwrap();
        let tags: Vec<Tag> = objs.iter().map(|o| o.tag).collect();
        assert_eq!(tags, [Tag(0x9A), Tag(0x9F26), Tag(0xDF8129)]);
        assert_eq!(objs[2].offset, 7);
        assert_eq!(objs[2].value, h("1234"));
        assert_eq!(
            parse(&h("DF 81 81 81 01 00")).unwrap_err(),
            TlvError::new(0, TlvErrorKind::TagTooLong)
        );
    }

    #[test]
    fn long_lengths_81_82_83() {
        for (len, header) in [
            (0x7F, "7F"),
            (200, "81C8"),
            (300, "82012C"),
            (70_000, "83011170"),
        ] {
            let mut data = h(&format!("90{header}"));
            data.extend(vec![0x11; len]);
            let objs = parse(&data).unwrap();
            assert_eq!(objs[0].value.len(), len);
            assert_eq!(encode(&objs), data, "minimal re-encoding of length {len}");
        }
        // A non-minimal long form is accepted too.
        assert_eq!(parse(&h("50 81 01 41")).unwrap()[0].value, b"A");
        assert_eq!(
            parse(&h("50 84 00 00 00 01 41")).unwrap_err(),
            TlvError::new(1, TlvErrorKind::LengthTooLong)
        );
    }

    #[test]
    fn indefinite_length_is_rejected() {
        let err = parse(&h("70 80 5A 01 12 00 00")).unwrap_err();
        assert_eq!(err, TlvError::new(1, TlvErrorKind::IndefiniteLength));
        assert!(err.to_string().contains("offset 1"), "{err}");
    }

    #[test]
    fn nested_templates_and_depth_first_find() {
        // SELECT PPSE response.
        let fci = h(
            "6F 2D 84 0E 325041592E5359532E4444463031 A5 1B BF0C 18 61 16 4F 07 A0000000031010 50 08 5649534120444542 87 01 01",
        );
        let objs = parse(&fci).unwrap();
        assert_eq!(objs.len(), 1);
        let a5 = &objs[0].children.as_ref().unwrap()[1];
        assert_eq!((a5.tag, a5.offset), (Tag(0xA5), 18));
        let aid = find(&objs, Tag(0x4F)).unwrap();
        assert_eq!((aid.value.clone(), aid.offset), (h("A0000000031010"), 25));
        assert!(aid.children.is_none());
        assert_eq!(
            find(&objs, Tag(0x61))
                .unwrap()
                .children
                .as_ref()
                .unwrap()
                .len(),
            3
        );
        assert!(find(&objs, Tag(0x9F38)).is_none());
        let two = parse(&h("70 0A 61 03 4F 01 01 61 03 4F 01 02")).unwrap();
        let aids: Vec<&[u8]> = find_all(&two, Tag(0x4F))
            .iter()
            .map(|o| o.value.as_slice())
            .collect();
        assert_eq!(aids, [[0x01], [0x02]]);
        assert_eq!(find(&two, Tag(0x4F)).unwrap().value, [0x01]);
        // A constructed child error names the absolute offset.
        let err = parse(&h("6F 04 A5 02 50 05")).unwrap_err();
        assert_eq!(err.offset, 6);
        assert!(matches!(
            err.kind,
            TlvErrorKind::TruncatedValue {
                needed: 5,
                available: 0
            }
        ));
    }

    #[test]
    fn depth_is_limited() {
        let mut data = Vec::new();
        for _ in 0..=MAX_DEPTH {
            data.extend([0x70, 0x00]);
        }
        let n = data.len();
        for i in 0..=MAX_DEPTH {
            data[2 * i + 1] = (n - 2 * i - 2) as u8;
        }
        assert_eq!(parse(&data).unwrap_err().kind, TlvErrorKind::TooDeep);
        assert!(parse(&data[2..]).is_ok());
    }

    #[test]
    fn truncation_at_every_offset_is_an_error_with_offset() {
        let full = record();
        assert!(full.len() > 255, "record should use a long length");
        assert!(parse(&full).is_ok());
        for cut in 1..full.len() {
            let err = parse(&full[..cut]).expect_err("truncated record parsed");
            assert!(err.offset <= cut, "cut {cut}: {err}");
        }
        // The same objects without the 70 wrapper: a cut is an error unless it falls exactly
        // between two objects.
        let body = encode(&record_children());
        let boundaries: Vec<usize> = parse(&body).unwrap().iter().map(|o| o.offset).collect();
        for cut in 1..body.len() {
            match parse(&body[..cut]) {
                Ok(_) => assert!(boundaries.contains(&cut), "cut {cut} parsed"),
                Err(err) => {
                    assert!(!boundaries.contains(&cut), "cut {cut}: {err}");
                    assert!(err.offset <= cut, "cut {cut}: {err}");
                }
            }
        }
    }

    #[test]
    fn dol_lists_tags_and_lengths() {
        let pdol = parse_dol(&h(
            "9F66 04 9F02 06 9F03 06 9F1A 02 95 05 5F2A 02 9A 03 9C 01 9F37 04",
        ))
        .unwrap();
        assert_eq!(pdol.len(), 9);
        assert_eq!(pdol[0], (Tag(0x9F66), 4));
        assert_eq!(pdol[4], (Tag(0x95), 5));
        assert_eq!(pdol.iter().map(|(_, l)| l).sum::<usize>(), 33);
        assert!(parse_dol(&[]).unwrap().is_empty());
        assert_eq!(
            parse_dol(&h("9F66")).unwrap_err().kind,
            TlvErrorKind::TruncatedLength
        );
        assert_eq!(
            parse_dol(&h("9F")).unwrap_err().kind,
            TlvErrorKind::TruncatedTag
        );
        assert_eq!(
            parse_dol(&h("9A 03 00")).unwrap_err(),
            TlvError::new(2, TlvErrorKind::InvalidTag)
        );
    }

    #[test]
    fn tag_representations() {
        let t = Tag(0x9F26);
        assert_eq!(t.to_string(), "9F26");
        assert_eq!(t.to_bytes(), [0x9F, 0x26]);
        assert_eq!(Tag(0x5A).to_string(), "5A");
        assert_eq!(Tag(0xDF8129).to_bytes(), [0xDF, 0x81, 0x29]);
        assert_eq!("df 81 29".parse::<Tag>(), Ok(Tag(0xDF8129)));
        assert_eq!(
            "9F".parse::<Tag>().unwrap_err().kind,
            TlvErrorKind::TruncatedTag
        );
        assert_eq!(
            "5A5A".parse::<Tag>().unwrap_err().kind,
            TlvErrorKind::TrailingBytes
        );
        assert_eq!("zz".parse::<Tag>().unwrap_err().kind, TlvErrorKind::NotHex);
        assert!(Tag(0x6F).is_constructed() && Tag(0xBF0C).is_constructed());
        assert!(!Tag(0x9F26).is_constructed() && !Tag(0x80).is_constructed());
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"9F26\"");
        assert_eq!(serde_json::from_str::<Tag>("\"9F26\"").unwrap(), t);
        let mut sorted = vec![Tag(0x9F26), Tag(0x5A), Tag(0x84)];
        sorted.sort();
        assert_eq!(sorted, [Tag(0x5A), Tag(0x84), Tag(0x9F26)]);
    }

    #[test]
    fn json_has_the_contract_shape() {
        let objs = parse(&h("6F 0D 84 07 A0000000031010 A5 02 87 01")).unwrap_err();
        assert_eq!(
            objs.kind,
            TlvErrorKind::TruncatedValue {
                needed: 1,
                available: 0
            }
        );
        let objs = parse(&h("6F 0E 84 07 A0000000031010 A5 03 87 01 01")).unwrap();
        assert_eq!(
            to_json(&objs, Lang::En),
            serde_json::json!({"objects":[{"tag":"6F","length":14,
                "name":"File Control Information (FCI) Template","children":[
                {"tag":"84","length":7,"name":"Dedicated File (DF) Name","value":"A0000000031010"},
                {"tag":"A5","length":3,"name":"File Control Information (FCI) Proprietary Template",
                 "children":[{"tag":"87","length":1,"name":"Application Priority Indicator","value":"01"}]}
            ]}]})
        );
        assert_eq!(
            to_json(&objs, Lang::ZhCn)["objects"][0]["name"],
            "文件控制信息（FCI）模板"
        );
    }

    fn assert_nothing_leaks(s: &str) {
        assert!(!s.contains(PAN), "full PAN in {s}");
        assert!(!s.contains(PAN_MIDDLE), "PAN middle digits in {s}");
        assert!(!s.contains(&hex::encode_upper(NAME)), "name in {s}");
        assert!(
            !s.contains(&hex::encode_upper(&NAME.as_bytes()[..4])),
            "name in {s}"
        );
        assert!(!s.contains(NAME), "name in {s}");
        assert!(
            !s.contains(&hex::encode_upper(TRACK1_DD)),
            "track 1 data in {s}"
        );
        assert!(
            !s.contains("2212201114380"),
            "track 2 discretionary data in {s}"
        );
    }

    #[test]
    fn mask_hex_hides_pan_track_and_name() {
        let data = record();
        let masked = mask_hex(&data);
        assert_eq!(masked.len(), data.len() * 2);
        assert_nothing_leaks(&masked);
        assert!(masked.contains("5A08476173******0119"), "{masked}");
        assert!(
            masked.contains(&format!("5713476173******0119{}", "*".repeat(22))),
            "{masked}"
        );
        assert!(
            masked.contains(&format!("5F200C{}", "*".repeat(24))),
            "{masked}"
        );
        // Non-sensitive values stay readable.
        assert!(masked.contains("5F2403221231"), "{masked}");
        assert!(masked.contains("9F0702FF00"), "{masked}");
        // F padding of an odd-length PAN is kept, the digits masked.
        assert_eq!(
            mask_hex(&h("5A 08 378282246310005F")),
            "5A08378282*****0005F"
        );
    }

    #[test]
    fn mask_hex_never_leaks_from_broken_data() {
        let data = record();
        for cut in 1..data.len() {
            assert_nothing_leaks(&mask_hex(&data[..cut]));
        }
        // Garbage before the record makes it unparseable as a whole.
        let mut junk = h("6A");
        junk.extend(&data);
        assert_nothing_leaks(&mask_hex(&junk));
        // A bare PAN without any tag, in BCD and in ASCII.
        assert_nothing_leaks(&mask_hex(&h(&format!("6A 85 01 {PAN}"))));
        let mut ascii = h("6A 85 01");
        ascii.extend(PAN.as_bytes());
        assert_nothing_leaks(&mask_hex(&ascii));
    }

    #[test]
    fn json_and_text_never_show_sensitive_values() {
        let objs = parse(&record()).unwrap();
        let json = to_json(&objs, Lang::En).to_string();
        assert_nothing_leaks(&json);
        assert!(json.contains("476173******0119"));
        for lang in Lang::ALL {
            assert_nothing_leaks(&explain(&objs, lang));
        }
    }

    #[test]
    fn explain_is_an_aligned_readable_tree() {
        let objs = parse(&h(
            "6F 16 84 07 A0000000031010 A5 0B 50 04 56495341 5F2D 02 656E 9A 03 250131",
        ))
        .unwrap();
        let text = explain(&objs, Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("6F (22)"), "{text}");
        assert!(lines[1].starts_with("  84 (7)"), "{text}");
        assert!(lines[3].starts_with("    50 (4)"), "{text}");
        assert!(text.contains("56495341  \"VISA\""), "{text}");
        assert!(text.contains("250131  2025-01-31"), "{text}");
        let ppse = parse(&h(
            "84 0E 325041592E5359532E4444463031 84 07 A0000000031010",
        ))
        .unwrap();
        assert_eq!(
            readable_value(&ppse[0]).as_deref(),
            Some("\"2PAY.SYS.DDF01\"")
        );
        assert_eq!(readable_value(&ppse[1]), None);
        let value_col = |l: &str| l.find("A0000000031010").or_else(|| l.find("56495341"));
        assert_eq!(value_col(lines[1]), value_col(lines[3]), "{text}");
        let zh = explain(&objs, Lang::ZhCn);
        assert!(zh.contains("应用标签"), "{zh}");
        assert_eq!(explain(&[], Lang::En), "(no data objects)\n");
    }

    proptest! {
        #[test]
        fn parsers_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
            let parsed = parse(&data);
            let _ = parse_dol(&data);
            let masked = mask_hex(&data);
            prop_assert_eq!(masked.len(), data.len() * 2);
            if let Ok(objs) = parsed {
                let _ = to_json(&objs, Lang::En);
                let _ = explain(&objs, Lang::ZhCn);
                let canonical = encode(&objs);
                let again = parse(&canonical).unwrap();
                prop_assert_eq!(encode(&again), canonical);
            }
        }

        #[test]
        fn tlv_shaped_input_never_panics(
            parts in proptest::collection::vec((any::<u8>(), 0u8..0x85, proptest::collection::vec(any::<u8>(), 0..40)), 0..12)
        ) {
            let mut data = Vec::new();
            for (tag, len, value) in parts {
                data.push(tag);
                data.push(len);
                data.extend(value);
            }
            let _ = parse(&data);
            let _ = parse_dol(&data);
            prop_assert_eq!(mask_hex(&data).len(), data.len() * 2);
        }
    }
}
