//! Answer To Reset (ISO/IEC 7816-3 §8.2): TS convention, T0, every interface byte TAi/TBi/TCi/TDi,
//! the protocols offered, Fi/Di/fmax, guard time, IFSC, the historical bytes (ISO/IEC 7816-4 §8.1.1,
//! category indicator and COMPACT-TLV) and the check byte TCK.
//!
//! Naming a card from pcsc-tools' `smartcard_list.txt` is [`names_from_list`], which takes the
//! file's text: this module never reads files.

use crate::i18n::{Lang, Text};

/// The bit convention announced by TS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convention {
    /// TS = `3B`.
    Direct,
    /// TS = `3F` (as reported by PC/SC, already converted).
    Inverse,
}

impl Convention {
    /// `direct` or `inverse`.
    pub fn as_str(self) -> &'static str {
        match self {
            Convention::Direct => "direct",
            Convention::Inverse => "inverse",
        }
    }
}

/// One interface byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InterfaceByte {
    /// `A`, `B`, `C` or `D`.
    pub letter: char,
    /// Group number i (1-based).
    pub index: u8,
    /// The byte.
    pub value: u8,
    /// The protocol the group applies to: `None` for group 1 and the global bytes TA2/TB2,
    /// otherwise the T named by TD(i−1).
    pub protocol: Option<u8>,
    /// Offset of the byte in the ATR.
    pub offset: usize,
}

impl InterfaceByte {
    /// The name, e.g. `TA1`.
    pub fn name(&self) -> String {
        format!("T{}{}", self.letter, self.index)
    }
}

/// The check byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tck {
    /// Present and the XOR of T0…TCK is zero.
    Ok,
    /// Present but the XOR of T0…TCK is not zero.
    Bad {
        /// The TCK byte found.
        found: u8,
        /// The TCK that would make the XOR zero.
        expected: u8,
    },
    /// Not present: only T=0 offered, or a card that omits a required TCK (see
    /// [`Atr::tck_required`]).
    Absent,
}

impl Tck {
    /// `ok`, `bad` or `absent`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tck::Ok => "ok",
            Tck::Bad { .. } => "bad",
            Tck::Absent => "absent",
        }
    }
}

/// Most bytes in an ATR: TS and at most 32 more (ISO/IEC 7816-3 §8.2.1).
pub const MAX_ATR_LEN: usize = 33;

/// Why an ATR could not be parsed. Offsets count bytes from 0 (TS).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AtrError {
    /// No bytes.
    #[error("ATR is empty")]
    Empty,
    /// TS is neither `3B` nor `3F`.
    #[error("ATR byte 0 (TS) is {0:02X}: must be 3B (direct) or 3F (inverse convention)")]
    BadTs(u8),
    /// The ATR ends before a byte that T0/TDi announced.
    #[error("ATR ends at offset {offset}: {missing} is missing")]
    Truncated {
        /// Offset where the missing byte should be.
        offset: usize,
        /// Which byte is missing, e.g. `TB2`, `historical byte 3`, `TCK`.
        missing: String,
    },
    /// Longer than ISO/IEC 7816-3 allows (TS and at most 32 more bytes).
    #[error("ATR is {0} bytes long: an ATR has at most {MAX_ATR_LEN} (ISO/IEC 7816-3)")]
    TooLong(usize),
    /// Bytes after the end of the ATR.
    #[error("ATR has {count} unexpected byte(s) from offset {offset} after its end")]
    Trailing {
        /// Offset of the first extra byte.
        offset: usize,
        /// How many extra bytes.
        count: usize,
    },
}

/// A parsed ATR.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Atr {
    /// TS.
    pub convention: Convention,
    /// T0 (Y1 in b8–b5, K in b4–b1).
    pub t0: u8,
    /// Every interface byte in order.
    pub interface: Vec<InterfaceByte>,
    /// The protocols offered, sorted (T=0 implicit when TD1 is absent; T=15 is not a protocol).
    pub protocols: Vec<u8>,
    /// The K historical bytes.
    pub historical: Vec<u8>,
    /// The check byte.
    pub tck: Tck,
    /// Whether ISO/IEC 7816-3 requires TCK (a protocol other than T=0 is indicated); an ATR
    /// without the required TCK parses with [`Tck::Absent`], as some cards omit it.
    pub tck_required: bool,
}

/// Fi and fmax (MHz) for an FI value (ISO/IEC 7816-3 Table 7); `None` for RFU.
pub fn fi_fmax(fi: u8) -> Option<(u16, f64)> {
    Some(match fi {
        0 => (372, 4.0),
        1 => (372, 5.0),
        2 => (558, 6.0),
        3 => (744, 8.0),
        4 => (1116, 12.0),
        5 => (1488, 16.0),
        6 => (1860, 20.0),
        9 => (512, 5.0),
        10 => (768, 7.5),
        11 => (1024, 10.0),
        12 => (1536, 15.0),
        13 => (2048, 20.0),
        _ => return None,
    })
}

/// Di for a DI value (ISO/IEC 7816-3 Table 8); `None` for RFU.
pub fn di_value(di: u8) -> Option<u8> {
    Some(match di {
        1 => 1,
        2 => 2,
        3 => 4,
        4 => 8,
        5 => 16,
        6 => 32,
        7 => 64,
        8 => 12,
        9 => 20,
        _ => return None,
    })
}

impl Atr {
    /// Parses an ATR as PC/SC reports it.
    pub fn parse(b: &[u8]) -> Result<Atr, AtrError> {
        let ts = *b.first().ok_or(AtrError::Empty)?;
        if b.len() > MAX_ATR_LEN {
            return Err(AtrError::TooLong(b.len()));
        }
        let convention = match ts {
            0x3B => Convention::Direct,
            0x3F => Convention::Inverse,
            other => return Err(AtrError::BadTs(other)),
        };
        let missing = |offset: usize, what: String| AtrError::Truncated {
            offset,
            missing: what,
        };
        let t0 = *b.get(1).ok_or_else(|| missing(1, "T0".to_owned()))?;
        let mut interface = Vec::new();
        let mut protocols = Vec::new();
        let mut tck_needed = false;
        let mut y = t0 >> 4;
        let mut off = 2;
        let mut index: u8 = 1;
        let mut protocol: Option<u8> = None;
        loop {
            let mut td = None;
            for (mask, letter) in [(1u8, 'A'), (2, 'B'), (4, 'C'), (8, 'D')] {
                if y & mask == 0 {
                    continue;
                }
                let value = *b
                    .get(off)
                    .ok_or_else(|| missing(off, format!("T{letter}{index}")))?;
                let applies = if index == 2 && letter != 'C' && letter != 'D' {
                    None
                } else {
                    protocol
                };
                interface.push(InterfaceByte {
                    letter,
                    index,
                    value,
                    protocol: applies,
                    offset: off,
                });
                off += 1;
                if letter == 'D' {
                    td = Some(value);
                }
            }
            let Some(td) = td else { break };
            let t = td & 0x0F;
            if t != 0 {
                tck_needed = true;
            }
            if t != 15 && !protocols.contains(&t) {
                protocols.push(t);
            }
            protocol = Some(t);
            y = td >> 4;
            index = index.saturating_add(1);
        }
        if !interface.iter().any(|i| i.letter == 'D') {
            protocols.push(0);
        }
        protocols.sort_unstable();
        let k = usize::from(t0 & 0x0F);
        let historical = match b.get(off..off + k) {
            Some(h) => h.to_vec(),
            None => {
                let have = b.len().saturating_sub(off);
                return Err(missing(
                    b.len(),
                    format!("historical byte {} of {k}", have + 1),
                ));
            }
        };
        off += k;
        let tck = match b.get(off) {
            Some(&found) if tck_needed => {
                let xor = b[1..off].iter().fold(0u8, |acc, x| acc ^ x);
                off += 1;
                if xor == found {
                    Tck::Ok
                } else {
                    Tck::Bad {
                        found,
                        expected: xor,
                    }
                }
            }
            _ => Tck::Absent,
        };
        if off < b.len() {
            return Err(AtrError::Trailing {
                offset: off,
                count: b.len() - off,
            });
        }
        Ok(Atr {
            convention,
            t0,
            interface,
            protocols,
            historical,
            tck,
            tck_required: tck_needed,
        })
    }

    /// The interface byte with this letter and group, if present.
    pub fn byte(&self, letter: char, index: u8) -> Option<u8> {
        self.interface
            .iter()
            .find(|i| i.letter == letter && i.index == index)
            .map(|i| i.value)
    }

    /// Fi from TA1 (372 when TA1 is absent; `None` for an RFU value).
    pub fn fi(&self) -> Option<u16> {
        self.byte('A', 1)
            .map_or(Some(372), |ta1| fi_fmax(ta1 >> 4).map(|(f, _)| f))
    }

    /// Di from TA1 (1 when TA1 is absent; `None` for an RFU value).
    pub fn di(&self) -> Option<u8> {
        self.byte('A', 1)
            .map_or(Some(1), |ta1| di_value(ta1 & 0x0F))
    }

    /// Maximum clock frequency in MHz from TA1 (5 when TA1 is absent; `None` for RFU).
    pub fn fmax_mhz(&self) -> Option<f64> {
        self.byte('A', 1)
            .map_or(Some(5.0), |ta1| fi_fmax(ta1 >> 4).map(|(_, f)| f))
    }

    /// Extra guard time N from TC1 (0 when absent; 255 = minimum guard time).
    pub fn extra_guard_time(&self) -> u8 {
        self.byte('C', 1).unwrap_or(0)
    }

    /// IFSC: the first TAi (i ≥ 3) for T=1; 32 by default when T=1 is offered.
    pub fn ifsc(&self) -> Option<u8> {
        let first = self
            .interface
            .iter()
            .find(|i| i.letter == 'A' && i.index >= 3 && i.protocol == Some(1))
            .map(|i| i.value);
        first.or_else(|| self.protocols.contains(&1).then_some(32))
    }

    /// What an interface byte says, in `lang`.
    pub fn explain(&self, ib: &InterfaceByte, lang: Lang) -> String {
        let en = lang == Lang::En;
        let v = ib.value;
        let pick = |e: String, z: String| if en { e } else { z };
        match (ib.letter, ib.index, ib.protocol) {
            ('D', _, _) => {
                let t = v & 0x0F;
                let next: Vec<String> = [(1u8, 'A'), (2, 'B'), (4, 'C'), (8, 'D')]
                    .iter()
                    .filter(|(m, _)| (v >> 4) & m != 0)
                    .map(|(_, l)| format!("T{l}{}", u32::from(ib.index) + 1))
                    .collect();
                let next = if next.is_empty() {
                    "-".to_owned()
                } else {
                    next.join(" ")
                };
                let what = if t == 15 {
                    pick(
                        "global interface bytes follow (T=15)".into(),
                        "后续为全局接口字节（T=15）".into(),
                    )
                } else {
                    pick(format!("protocol T={t}"), format!("协议 T={t}"))
                };
                pick(
                    format!("{what}; next: {next}"),
                    format!("{what}；后续：{next}"),
                )
            }
            ('A', 1, _) => {
                let fi = fi_fmax(v >> 4)
                    .map_or("RFU".to_owned(), |(f, m)| format!("Fi={f}, fmax={m} MHz"));
                let di = di_value(v & 0x0F).map_or("Di=RFU".to_owned(), |d| format!("Di={d}"));
                format!("{fi}, {di}")
            }
            ('B', 1, _) | ('B', 2, _) => pick(
                "programming voltage (VPP/IPP, deprecated; should be 00)".into(),
                "编程电压（VPP/IPP，已废弃；应为 00）".into(),
            ),
            ('C', 1, _) => {
                if v == 0xFF {
                    pick(
                        "extra guard time: minimum (12 etu for T=0, 11 etu for T=1)".into(),
                        "额外保护时间：最小（T=0 为 12 etu,T=1 为 11 etu）".into(),
                    )
                } else {
                    pick(
                        format!("extra guard time N = {v} etu"),
                        format!("额外保护时间 N = {v} etu"),
                    )
                }
            }
            ('A', 2, _) => {
                let changeable = if v & 0x80 != 0 {
                    pick("cannot change mode".into(), "不可切换模式".into())
                } else {
                    pick(
                        "can change to negotiable mode".into(),
                        "可切换到协商模式".into(),
                    )
                };
                let etu = if v & 0x10 != 0 {
                    pick("implicit etu".into(), "隐式 etu".into())
                } else {
                    pick("etu from Fi/Di".into(), "etu 由 Fi/Di 决定".into())
                };
                pick(
                    format!(
                        "specific mode, protocol T={}; {changeable}; {etu}",
                        v & 0x0F
                    ),
                    format!("特定模式，协议 T={};{changeable};{etu}", v & 0x0F),
                )
            }
            ('C', 2, Some(0)) => pick(
                format!("T=0 waiting integer WI = {v} (default 10)"),
                format!("T=0 等待时间整数 WI = {v}（缺省 10）"),
            ),
            ('A', _, Some(1)) => pick(
                format!("T=1 IFSC = {v} bytes"),
                format!("T=1 IFSC = {v} 字节"),
            ),
            ('B', _, Some(1)) => pick(
                format!("T=1 BWI = {}, CWI = {}", v >> 4, v & 0x0F),
                format!("T=1 BWI = {},CWI = {}", v >> 4, v & 0x0F),
            ),
            ('C', _, Some(1)) => {
                if v & 1 != 0 {
                    pick(
                        "T=1 error detection: CRC".into(),
                        "T=1 错误检测：CRC".into(),
                    )
                } else {
                    pick(
                        "T=1 error detection: LRC".into(),
                        "T=1 错误检测：LRC".into(),
                    )
                }
            }
            ('A', _, Some(15)) => {
                let clock = match v >> 6 {
                    0 => Text::new("clock stop not supported", "不支持时钟停止"),
                    1 => Text::new("clock stop in state L", "时钟停止于低电平"),
                    2 => Text::new("clock stop in state H", "时钟停止于高电平"),
                    _ => Text::new("clock stop, no preference", "时钟停止，无偏好"),
                };
                let mut classes = Vec::new();
                for (bit, name) in [(1u8, "A (5 V)"), (2, "B (3 V)"), (4, "C (1.8 V)")] {
                    if v & bit != 0 {
                        classes.push(name);
                    }
                }
                pick(
                    format!("{}; classes {}", clock.en, classes.join(", ")),
                    format!("{}；电压类别 {}", clock.zh, classes.join("、")),
                )
            }
            ('B', _, Some(15)) => pick(
                "use of SPU (standard or proprietary contact C6)".into(),
                "SPU 用法（C6 触点标准或专有用途）".into(),
            ),
            (_, _, Some(t)) => pick(format!("specific to T={t}"), format!("T={t} 专用")),
            _ => pick("global interface byte".into(), "全局接口字节".into()),
        }
    }

    /// The historical bytes decoded by their category indicator, if they follow that format.
    pub fn historical_decoded(&self) -> Option<Historical> {
        Historical::decode(&self.historical)
    }
}

/// One COMPACT-TLV object of the historical bytes (ISO/IEC 7816-4 §8.1.1.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompactObject {
    /// Tag nibble (or `0x4F` for the PC/SC part 3 application identifier presence indicator).
    pub tag: u8,
    /// The value.
    pub value: Vec<u8>,
}

impl CompactObject {
    /// The object's name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        match self.tag {
            0x1 => Text::new("Country code", "国家代码"),
            0x2 => Text::new("Issuer identification number", "发行者标识号"),
            0x3 => Text::new("Card service data", "卡服务数据"),
            0x4 => Text::new("Initial access data", "初始访问数据"),
            0x5 => Text::new("Card issuer's data", "发卡方数据"),
            0x6 => Text::new("Pre-issuing data", "预发行数据"),
            0x7 => Text::new("Card capabilities", "卡片能力"),
            0x8 => Text::new("Status indicator", "状态指示"),
            0xF => Text::new("Application identifier", "应用标识符"),
            0x4F => Text::new(
                "Application identifier presence indicator (PC/SC part 3: RID, standard, card name)",
                "应用标识符存在指示（PC/SC 第 3 部分：RID、标准、卡名）",
            ),
            _ => Text::new("RFU object", "保留对象"),
        }
        .get(lang)
    }
}

/// Historical bytes that follow the category-indicator format (ISO/IEC 7816-4 §8.1.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Historical {
    /// Category `00` or `80`: COMPACT-TLV objects; `00` ends with a 3-byte status indicator
    /// (life cycle status, SW1, SW2).
    Compact {
        /// The category indicator, `00` or `80`.
        category: u8,
        /// The objects, in order.
        objects: Vec<CompactObject>,
        /// The trailing status indicator of category `00`.
        status: Option<Vec<u8>>,
        /// Offset within the historical bytes where the COMPACT-TLV became malformed.
        malformed_at: Option<usize>,
    },
    /// Category `10`: a DIR data reference follows.
    DirReference(Vec<u8>),
}

impl Historical {
    /// Decodes historical bytes; `None` when empty or not in category-indicator format.
    pub fn decode(h: &[u8]) -> Option<Historical> {
        let (&category, rest) = h.split_first()?;
        match category {
            0x10 => Some(Historical::DirReference(rest.to_vec())),
            0x00 | 0x80 => {
                let (body, status) = if category == 0x00 {
                    let cut = rest.len().checked_sub(3)?;
                    (&rest[..cut], Some(rest[cut..].to_vec()))
                } else {
                    (rest, None)
                };
                let mut objects = Vec::new();
                let mut malformed_at = None;
                let mut i = 0;
                while i < body.len() {
                    let b = body[i];
                    let (tag, len, start) = if b == 0x4F && category == 0x80 {
                        match body.get(i + 1) {
                            Some(&l) => (0x4F, usize::from(l), i + 2),
                            None => {
                                malformed_at = Some(i + 1);
                                break;
                            }
                        }
                    } else {
                        (b >> 4, usize::from(b & 0x0F), i + 1)
                    };
                    match body.get(start..start + len) {
                        Some(v) => objects.push(CompactObject {
                            tag,
                            value: v.to_vec(),
                        }),
                        None => {
                            malformed_at = Some(i + 1);
                            break;
                        }
                    }
                    i = start + len;
                }
                Some(Historical::Compact {
                    category,
                    objects,
                    status,
                    malformed_at,
                })
            }
            _ => None,
        }
    }
}

/// Names for `atr` from the text of pcsc-tools' `smartcard_list.txt`: pattern lines (hex with
/// `.` wildcards, `[..]` classes and `*`) followed by tab-indented descriptions. Every matching
/// pattern's descriptions are returned, in file order.
pub fn names_from_list(atr: &[u8], list_text: &str) -> Vec<String> {
    let subject: String = atr
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut names = Vec::new();
    let mut matching = false;
    for line in list_text.lines() {
        if let Some(desc) = line.strip_prefix('\t') {
            if matching {
                names.push(desc.trim().to_owned());
            }
        } else if line.trim().is_empty() || line.starts_with('#') {
            matching = false;
        } else {
            matching = pattern_matches(line.trim(), &subject);
        }
    }
    names
}

#[derive(Debug)]
enum Atom {
    Any,
    Lit(u8),
    Class(Vec<u8>),
}

impl Atom {
    fn matches(&self, c: u8) -> bool {
        match self {
            Atom::Any => true,
            Atom::Lit(l) => *l == c,
            Atom::Class(set) => set.contains(&c),
        }
    }
}

/// Compiles the small regular-expression subset smartcard_list.txt uses; `None` if malformed.
fn compile(pattern: &str) -> Option<Vec<(Atom, bool)>> {
    let p = pattern.to_ascii_uppercase().into_bytes();
    let mut out: Vec<(Atom, bool)> = Vec::new();
    let mut i = 0;
    while i < p.len() {
        let atom = match p[i] {
            b'.' => Atom::Any,
            b'*' => {
                let last = out.last_mut()?;
                last.1 = true;
                i += 1;
                continue;
            }
            b'[' => {
                let end = i + p[i..].iter().position(|&c| c == b']')?;
                let inner = &p[i + 1..end];
                let mut set = Vec::new();
                let mut j = 0;
                while j < inner.len() {
                    if inner.get(j + 1) == Some(&b'-') && j + 2 < inner.len() {
                        set.extend(inner[j]..=inner[j + 2]);
                        j += 3;
                    } else {
                        set.push(inner[j]);
                        j += 1;
                    }
                }
                i = end;
                Atom::Class(set)
            }
            c => Atom::Lit(c),
        };
        out.push((atom, false));
        i += 1;
    }
    Some(out)
}

fn match_here(pat: &[(Atom, bool)], s: &[u8]) -> bool {
    match pat.split_first() {
        None => s.is_empty(),
        Some(((atom, true), rest)) => {
            let mut k = 0;
            loop {
                if match_here(rest, &s[k..]) {
                    return true;
                }
                match s.get(k) {
                    Some(&c) if atom.matches(c) => k += 1,
                    _ => return false,
                }
            }
        }
        Some(((atom, false), rest)) => s
            .split_first()
            .is_some_and(|(&c, tail)| atom.matches(c) && match_here(rest, tail)),
    }
}

fn pattern_matches(pattern: &str, subject: &str) -> bool {
    compile(pattern).is_some_and(|p| match_here(&p, subject.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emv::hex::parse_hex;

    fn atr(s: &str) -> Atr {
        Atr::parse(&parse_hex(s).unwrap()).unwrap()
    }

    #[test]
    fn t0_atr_without_tck() {
        let a = atr("3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00");
        assert_eq!(a.convention, Convention::Direct);
        assert_eq!(a.protocols, vec![0]);
        assert_eq!(a.tck, Tck::Absent);
        assert_eq!(
            a.interface
                .iter()
                .map(InterfaceByte::name)
                .collect::<Vec<_>>(),
            ["TB1", "TC1"]
        );
        assert_eq!(
            (a.fi(), a.di(), a.fmax_mhz()),
            (Some(372), Some(1), Some(5.0))
        );
        assert_eq!(a.historical.len(), 14);
        assert_eq!(a.ifsc(), None);
        let Some(Historical::Compact {
            category,
            objects,
            status,
            malformed_at,
        }) = a.historical_decoded()
        else {
            panic!("category 80 expected")
        };
        assert_eq!(category, 0x80);
        assert_eq!(status, None);
        assert_eq!(malformed_at, None);
        assert_eq!(objects.iter().map(|o| o.tag).collect::<Vec<_>>(), [3, 6, 8]);
    }

    /// Appends the TCK that makes the XOR of T0…TCK zero.
    fn with_tck(s: &str) -> Vec<u8> {
        let mut bytes = parse_hex(s).unwrap();
        let xor = bytes[1..].iter().fold(0, |a, b| a ^ b);
        bytes.push(xor);
        bytes
    }

    const T1_ATR: &str = "3B DA 96 FF 81 B1 FE 45 1F 03 80 31 C0 73 D6 21 C0 00 00 00";

    #[test]
    fn t1_atr_with_tck() {
        let a = Atr::parse(&with_tck(T1_ATR)).unwrap();
        assert_eq!(a.protocols, vec![1]);
        assert_eq!(a.fi(), Some(512));
        assert_eq!(a.di(), Some(32));
        assert_eq!(a.fmax_mhz(), Some(5.0));
        assert_eq!(a.extra_guard_time(), 0xFF);
        assert_eq!(a.ifsc(), Some(254));
        assert_eq!(a.tck, Tck::Ok);
        assert_eq!(a.historical.len(), 10);
        let names: Vec<_> = a.interface.iter().map(InterfaceByte::name).collect();
        assert_eq!(
            names,
            ["TA1", "TC1", "TD1", "TD2", "TA3", "TB3", "TD3", "TA4"]
        );
    }

    #[test]
    fn tck_is_checked() {
        let mut bytes = with_tck("3B 8E 80 01 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00");
        assert_eq!(Atr::parse(&bytes).unwrap().tck, Tck::Ok);
        let good = *bytes.last().unwrap();
        *bytes.last_mut().unwrap() ^= 0x55;
        let a = Atr::parse(&bytes).unwrap();
        assert_eq!(
            a.tck,
            Tck::Bad {
                found: good ^ 0x55,
                expected: good
            }
        );
        assert_eq!(a.tck.as_str(), "bad");
    }

    #[test]
    fn inverse_convention() {
        let a = atr("3F 65 25 00 12 34 56 90 00");
        assert_eq!(a.convention, Convention::Inverse);
        assert_eq!(
            a.interface
                .iter()
                .map(InterfaceByte::name)
                .collect::<Vec<_>>(),
            ["TB1", "TC1"]
        );
        assert_eq!((a.fi(), a.di()), (Some(372), Some(1)));
        assert_eq!(a.protocols, vec![0]);
        assert_eq!(a.historical, [0x12, 0x34, 0x56, 0x90, 0x00]);
        assert_eq!(a.historical_decoded(), None);
        let a = atr("3F 15 25 12 34 56 90 00");
        assert_eq!(a.convention, Convention::Inverse);
        assert_eq!(a.fi(), Some(558));
        assert_eq!(a.di(), Some(16));
        assert_eq!(a.fmax_mhz(), Some(6.0));
    }

    #[test]
    fn t0_and_t1_both_offered() {
        let a = Atr::parse(&with_tck("3B 80 80 01")).unwrap();
        assert_eq!(a.protocols, vec![0, 1]);
        assert_eq!(a.tck, Tck::Ok);
        assert_eq!(a.ifsc(), Some(32));
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(Atr::parse(&[]), Err(AtrError::Empty));
        assert_eq!(Atr::parse(&[0x3A, 0x00]), Err(AtrError::BadTs(0x3A)));
        assert_eq!(
            Atr::parse(&[0x3B]),
            Err(AtrError::Truncated {
                offset: 1,
                missing: "T0".into()
            })
        );
        assert_eq!(
            Atr::parse(&[0x3B, 0x20]),
            Err(AtrError::Truncated {
                offset: 2,
                missing: "TB1".into()
            })
        );
        assert_eq!(
            Atr::parse(&[0x3B, 0x02, 0x14]),
            Err(AtrError::Truncated {
                offset: 3,
                missing: "historical byte 2 of 2".into()
            })
        );
        let no_tck = Atr::parse(&[0x3B, 0x80, 0x01]).unwrap();
        assert_eq!((no_tck.tck, no_tck.tck_required), (Tck::Absent, true));
        assert_eq!(
            Atr::parse(&[0x3B, 0x00, 0x00]),
            Err(AtrError::Trailing {
                offset: 2,
                count: 1
            })
        );
    }

    #[test]
    fn interface_texts() {
        let a = Atr::parse(&with_tck(T1_ATR)).unwrap();
        let texts: Vec<String> = a.interface.iter().map(|i| a.explain(i, Lang::En)).collect();
        assert_eq!(texts[0], "Fi=512, fmax=5 MHz, Di=32");
        assert!(texts[1].contains("minimum"));
        assert_eq!(texts[2], "protocol T=1; next: TD2");
        assert_eq!(texts[3], "protocol T=1; next: TA3 TB3 TD3");
        assert_eq!(texts[4], "T=1 IFSC = 254 bytes");
        assert_eq!(texts[5], "T=1 BWI = 4, CWI = 5");
        assert_eq!(texts[6], "global interface bytes follow (T=15); next: TA4");
        assert_eq!(
            texts[7],
            "clock stop not supported; classes A (5 V), B (3 V)"
        );
    }

    #[test]
    fn list_matching() {
        let list = "# comment\n3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00\n\tCard one\n\tsecond line\n\n3B 6E .. 00 80 3[0-1] .*\n\tWildcard card\n\n3B 02 14 50\n\tOther\n";
        let bytes = parse_hex("3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00").unwrap();
        assert_eq!(
            names_from_list(&bytes, list),
            ["Card one", "second line", "Wildcard card"]
        );
        assert!(names_from_list(&[0x3B, 0x02, 0x14], list).is_empty());
        assert_eq!(names_from_list(&[0x3B, 0x02, 0x14, 0x50], list), ["Other"]);
        assert!(pattern_matches(
            "3F 65 35 10 0. 04 [6,E]C 90 00",
            "3F 65 35 10 02 04 EC 90 00"
        ));
        assert!(!pattern_matches(
            "3F 65 35 10 0. 04 [6,E]C 90 00",
            "3F 65 35 10 02 04 7C 90 00"
        ));
        assert!(!pattern_matches("[0-", "3B"));
    }
}
