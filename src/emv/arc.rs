//! Authorisation Response Code `8A` (ISO 8583 field 39, two ASCII characters). Three tables:
//! the codes an EMV terminal makes up itself (`Y1`, `Z1`, `Y2`, `Z2`, `Y3`, `Z3`; EMV 4.4 Book 4
//! §6.3.7), the common ISO 8583:1987 host codes, and the China UnionPay POS table（银联 POS 应答码）.
//! Networks redefine codes, so every meaning says which table it came from and the raw code is
//! always shown.

use crate::i18n::{Lang, Text};

/// Which table a meaning comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Table {
    /// Terminal-generated EMV codes.
    Emv,
    /// Common ISO 8583:1987 host codes.
    Iso8583,
    /// China UnionPay POS response codes.
    UnionPay,
}

impl Table {
    /// Stable name used in JSON: `emv`, `iso8583`, `unionpay`.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Emv => "emv",
            Table::Iso8583 => "iso8583",
            Table::UnionPay => "unionpay",
        }
    }

    /// The table's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Table::Emv => Text::new("EMV terminal", "EMV 终端"),
            Table::Iso8583 => Text::new("ISO 8583", "ISO 8583"),
            Table::UnionPay => Text::new("UnionPay", "银联"),
        }
        .get(lang)
    }
}

/// One response code in one table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArcDef {
    /// The two-character code.
    pub code: &'static str,
    /// Whether the transaction is approved (fully or partly).
    pub approved: bool,
    /// What it means.
    pub meaning: Text,
    /// What the shop does about it (empty when nothing is needed).
    pub action: Text,
}

const fn a(code: &'static str, approved: bool, meaning: Text, action: Text) -> ArcDef {
    ArcDef {
        code,
        approved,
        meaning,
        action,
    }
}

const NONE: Text = Text::new("", "");
const ANOTHER_CARD: Text = Text::new("Ask for another card.", "请顾客换卡。");
const CALL_BANK: Text = Text::new("The customer calls the bank.", "请持卡人联系发卡银行。");
const ACQUIRER: Text = Text::new(
    "Call the acquirer (your card-payment provider).",
    "联系收单机构。",
);
const ACQUIRER_RULES: Text = Text::new(
    "Keep the card if safe and follow the acquirer's rules.",
    "按收单机构规定处理（可安全时留卡）。",
);
const RETRY_LATER: Text = Text::new(
    "Retry later; if it persists, call the acquirer.",
    "稍后重试；持续出现请联系收单机构。",
);
const RE_SIGN_IN: Text = Text::new(
    "Sign the terminal in again (logon), then retry.",
    "终端重新签到后重试。",
);
const INSERT_PIN: Text = Text::new("Insert the card and enter the PIN.", "请插卡并输入密码。");
const REENTER: Text = Text::new(
    "Check the amount/card and try again.",
    "核对金额或卡号后重试。",
);

/// Terminal-generated codes (EMV 4.4 Book 4).
pub static EMV: &[ArcDef] = &[
    a("Y1", true, Text::new("Offline approved", "脱机批准"), NONE),
    a(
        "Z1",
        false,
        Text::new("Offline declined", "脱机拒绝"),
        ANOTHER_CARD,
    ),
    a(
        "Y2",
        true,
        Text::new(
            "Approved after card-initiated referral",
            "卡片发起参考后批准",
        ),
        NONE,
    ),
    a(
        "Z2",
        false,
        Text::new(
            "Declined after card-initiated referral",
            "卡片发起参考后拒绝",
        ),
        CALL_BANK,
    ),
    a(
        "Y3",
        true,
        Text::new(
            "Unable to go online, offline approved",
            "无法联机，脱机批准",
        ),
        NONE,
    ),
    a(
        "Z3",
        false,
        Text::new(
            "Unable to go online, offline declined (often a network or host outage shown as \"declined by card\")",
            "无法联机，脱机拒绝（常为网络或主机故障，终端却显示“卡片拒绝”）",
        ),
        Text::new(
            "Check the terminal's network connection, then retry.",
            "检查终端网络连接后重试。",
        ),
    ),
];

/// Common ISO 8583:1987 host codes.
pub static ISO8583: &[ArcDef] = &[
    a("00", true, Text::new("Approved", "批准"), NONE),
    a(
        "01",
        false,
        Text::new("Refer to card issuer", "请联系发卡行"),
        CALL_BANK,
    ),
    a(
        "02",
        false,
        Text::new(
            "Refer to card issuer, special condition",
            "请联系发卡行（特殊条件）",
        ),
        CALL_BANK,
    ),
    a(
        "03",
        false,
        Text::new("Invalid merchant", "无效商户"),
        ACQUIRER,
    ),
    a(
        "04",
        false,
        Text::new("Pick up card", "没收卡"),
        ACQUIRER_RULES,
    ),
    a(
        "05",
        false,
        Text::new("Do not honour", "不予承兑"),
        ANOTHER_CARD,
    ),
    a("06", false, Text::new("Error", "出错"), RETRY_LATER),
    a(
        "07",
        false,
        Text::new("Pick up card, special condition", "没收卡（特殊条件）"),
        ACQUIRER_RULES,
    ),
    a(
        "08",
        true,
        Text::new("Honour with identification", "核实身份后承兑"),
        Text::new("Check the customer's ID.", "核对顾客身份证件。"),
    ),
    a(
        "10",
        true,
        Text::new("Approved for partial amount", "部分金额批准"),
        Text::new("Collect the rest another way.", "其余金额另行收取。"),
    ),
    a("11", true, Text::new("Approved (VIP)", "批准（VIP）"), NONE),
    a(
        "12",
        false,
        Text::new("Invalid transaction", "无效交易"),
        REENTER,
    ),
    a(
        "13",
        false,
        Text::new("Invalid amount", "无效金额"),
        REENTER,
    ),
    a(
        "14",
        false,
        Text::new("Invalid card number", "无效卡号"),
        ANOTHER_CARD,
    ),
    a(
        "15",
        false,
        Text::new("No such issuer", "无此发卡方"),
        ANOTHER_CARD,
    ),
    a(
        "19",
        false,
        Text::new("Re-enter transaction", "请重新交易"),
        REENTER,
    ),
    a(
        "1A",
        false,
        Text::new(
            "Strong customer authentication required (Visa/Amex)",
            "需要强客户认证（Visa/Amex）",
        ),
        INSERT_PIN,
    ),
    a(
        "30",
        false,
        Text::new("Format error", "报文格式错误"),
        Text::new(
            "Terminal software problem: call the vendor or acquirer.",
            "终端软件问题：联系厂商或收单机构。",
        ),
    ),
    a(
        "33",
        false,
        Text::new("Expired card, pick up", "过期卡，没收"),
        ACQUIRER_RULES,
    ),
    a(
        "34",
        false,
        Text::new("Suspected fraud, pick up", "疑似欺诈，没收"),
        ACQUIRER_RULES,
    ),
    a(
        "41",
        false,
        Text::new("Lost card, pick up", "挂失卡，没收"),
        ACQUIRER_RULES,
    ),
    a(
        "43",
        false,
        Text::new("Stolen card, pick up", "被盗卡，没收"),
        ACQUIRER_RULES,
    ),
    a(
        "51",
        false,
        Text::new("Insufficient funds", "余额不足"),
        ANOTHER_CARD,
    ),
    a(
        "54",
        false,
        Text::new("Expired card", "过期卡"),
        ANOTHER_CARD,
    ),
    a(
        "55",
        false,
        Text::new("Incorrect PIN", "密码错误"),
        Text::new(
            "Let the customer re-enter the PIN.",
            "请持卡人重新输入密码。",
        ),
    ),
    a(
        "57",
        false,
        Text::new(
            "Transaction not permitted to cardholder",
            "不允许持卡人进行此交易",
        ),
        ANOTHER_CARD,
    ),
    a(
        "58",
        false,
        Text::new(
            "Transaction not permitted to terminal",
            "不允许终端进行此交易",
        ),
        ACQUIRER,
    ),
    a(
        "59",
        false,
        Text::new("Suspected fraud", "疑似欺诈"),
        CALL_BANK,
    ),
    a(
        "61",
        false,
        Text::new("Exceeds withdrawal amount limit", "超出金额限制"),
        Text::new("Try a lower amount.", "请降低金额。"),
    ),
    a(
        "62",
        false,
        Text::new("Restricted card", "受限制的卡"),
        CALL_BANK,
    ),
    a(
        "65",
        false,
        Text::new(
            "Exceeds withdrawal frequency limit; Mastercard: SCA soft decline",
            "超出次数限制；万事达卡：需强认证的软拒绝",
        ),
        INSERT_PIN,
    ),
    a(
        "68",
        false,
        Text::new("Response received too late", "应答超时"),
        RETRY_LATER,
    ),
    a(
        "70",
        false,
        Text::new(
            "PIN required (Visa/Mastercard soft decline)",
            "需要密码（Visa/万事达卡软拒绝）",
        ),
        INSERT_PIN,
    ),
    a(
        "75",
        false,
        Text::new("Allowable number of PIN tries exceeded", "密码错误次数超限"),
        Text::new(
            "The customer has the bank unblock the PIN.",
            "请持卡人到银行解锁密码。",
        ),
    ),
    a(
        "91",
        false,
        Text::new("Issuer or switch inoperative", "发卡方或交换中心不能操作"),
        RETRY_LATER,
    ),
    a(
        "92",
        false,
        Text::new(
            "Routing error: institution cannot be found",
            "路由错误：找不到机构",
        ),
        ACQUIRER,
    ),
    a(
        "94",
        false,
        Text::new("Duplicate transmission", "重复交易"),
        Text::new(
            "Check whether the first attempt went through before retrying.",
            "重试前先核实第一笔是否成功。",
        ),
    ),
    a(
        "96",
        false,
        Text::new("System malfunction", "系统故障"),
        RETRY_LATER,
    ),
];

/// China UnionPay POS response codes (the common set embedded in POS applications).
pub static UNIONPAY: &[ArcDef] = &[
    a(
        "00",
        true,
        Text::new("Approved or transaction successful", "承兑或交易成功"),
        NONE,
    ),
    a(
        "01",
        false,
        Text::new(
            "Cardholder should contact the issuing bank",
            "请持卡人与发卡银行联系",
        ),
        CALL_BANK,
    ),
    a(
        "03",
        false,
        Text::new("Invalid merchant", "无效商户"),
        ACQUIRER,
    ),
    a(
        "04",
        false,
        Text::new("Pick up card", "没收卡"),
        ACQUIRER_RULES,
    ),
    a(
        "05",
        false,
        Text::new("Cardholder verification failed", "持卡人认证失败"),
        ANOTHER_CARD,
    ),
    a(
        "10",
        true,
        Text::new("Partial approval", "部分批准"),
        Text::new("Collect the rest another way.", "其余金额另行收取。"),
    ),
    a(
        "11",
        true,
        Text::new("Approved (VIP)", "成功，VIP 客户"),
        NONE,
    ),
    a(
        "12",
        false,
        Text::new("Invalid transaction", "无效交易"),
        REENTER,
    ),
    a(
        "13",
        false,
        Text::new("Invalid amount", "无效金额"),
        REENTER,
    ),
    a(
        "14",
        false,
        Text::new("Invalid card number", "无效卡号"),
        ANOTHER_CARD,
    ),
    a(
        "15",
        false,
        Text::new("No such issuer", "无此发卡方"),
        ANOTHER_CARD,
    ),
    a(
        "21",
        false,
        Text::new("Card not initialised or dormant", "卡未初始化或睡眠卡"),
        Text::new(
            "The customer has the bank activate the card.",
            "请持卡人到银行激活卡片。",
        ),
    ),
    a(
        "22",
        false,
        Text::new(
            "Operation error or allowed days exceeded (some lists: POS state mismatch, sign in again)",
            "操作有误或超出允许天数（部分列表：POS 状态不符，需重新签到）",
        ),
        RE_SIGN_IN,
    ),
    a(
        "25",
        false,
        Text::new("Original transaction not found", "没有原始交易"),
        ACQUIRER,
    ),
    a(
        "30",
        false,
        Text::new("Format error, retry", "请重试（格式错）"),
        RETRY_LATER,
    ),
    a(
        "34",
        false,
        Text::new("Fraudulent card, pick up", "作弊卡，没收"),
        ACQUIRER_RULES,
    ),
    a(
        "38",
        false,
        Text::new("PIN tries exceeded", "密码错误次数超限"),
        Text::new(
            "The customer has the bank unblock the PIN.",
            "请持卡人到银行解锁密码。",
        ),
    ),
    a(
        "40",
        false,
        Text::new("Transaction type not supported", "不支持的交易类型"),
        ACQUIRER,
    ),
    a(
        "41",
        false,
        Text::new("Lost card, pick up", "挂失卡"),
        ACQUIRER_RULES,
    ),
    a(
        "43",
        false,
        Text::new("Stolen card, pick up", "被窃卡"),
        ACQUIRER_RULES,
    ),
    a(
        "45",
        false,
        Text::new(
            "Fallback not allowed: a chip card was swiped; use the chip",
            "不允许降级交易：芯片卡不可刷磁条，请插卡",
        ),
        Text::new(
            "Insert the chip; if the chip is broken the customer needs a new card.",
            "请插入芯片；芯片损坏需换新卡。",
        ),
    ),
    a(
        "51",
        false,
        Text::new("Insufficient funds", "余额不足"),
        ANOTHER_CARD,
    ),
    a(
        "54",
        false,
        Text::new("Expired card", "过期卡"),
        ANOTHER_CARD,
    ),
    a(
        "55",
        false,
        Text::new("Incorrect PIN", "密码错"),
        Text::new(
            "Let the customer re-enter the PIN.",
            "请持卡人重新输入密码。",
        ),
    ),
    a(
        "57",
        false,
        Text::new("Transaction not permitted to this card", "不允许此卡交易"),
        ANOTHER_CARD,
    ),
    a(
        "58",
        false,
        Text::new(
            "Transaction not permitted to this terminal",
            "不允许终端交易",
        ),
        ACQUIRER,
    ),
    a(
        "59",
        false,
        Text::new("Card verification error", "卡片校验错"),
        CALL_BANK,
    ),
    a(
        "61",
        false,
        Text::new("Exceeds amount limit", "超出金额限制"),
        Text::new("Try a lower amount.", "请降低金额。"),
    ),
    a(
        "62",
        false,
        Text::new("Restricted card", "受限制的卡"),
        CALL_BANK,
    ),
    a(
        "65",
        false,
        Text::new("Exceeds frequency limit", "超出取款次数限制"),
        ANOTHER_CARD,
    ),
    a(
        "68",
        false,
        Text::new("Transaction timed out", "交易超时"),
        Text::new("Retry; check the network.", "重试；检查网络。"),
    ),
    a(
        "75",
        false,
        Text::new("PIN tries exceeded", "密码错误次数超限"),
        Text::new(
            "The customer has the bank unblock the PIN.",
            "请持卡人到银行解锁密码。",
        ),
    ),
    a(
        "77",
        false,
        Text::new(
            "Batch mismatch: the terminal must sign in to the network centre again",
            "需要向网络中心签到（批次不符，请重新签到）",
        ),
        RE_SIGN_IN,
    ),
    a(
        "90",
        false,
        Text::new("Cut-over in progress", "日切中"),
        RETRY_LATER,
    ),
    a(
        "91",
        false,
        Text::new("Issuer cannot operate", "发卡方不能操作"),
        RETRY_LATER,
    ),
    a(
        "92",
        false,
        Text::new("Line fault", "线路异常"),
        RETRY_LATER,
    ),
    a(
        "94",
        false,
        Text::new("Duplicate transaction", "重复交易"),
        Text::new(
            "Check whether the first attempt went through before retrying.",
            "重试前先核实第一笔是否成功。",
        ),
    ),
    a(
        "96",
        false,
        Text::new("Switch centre fault", "交换中心异常"),
        RETRY_LATER,
    ),
    a(
        "97",
        false,
        Text::new("Terminal not registered or closed", "终端未登记"),
        ACQUIRER,
    ),
    a(
        "98",
        false,
        Text::new("Issuer timed out", "发卡方超时"),
        Text::new("Retry; check the network.", "重试；检查网络。"),
    ),
    a(
        "99",
        false,
        Text::new(
            "PIN format error: PIN key out of sync, sign in again",
            "PIN 格式错，请重新签到",
        ),
        Text::new(
            "Sign the terminal in again; if it persists the acquirer must re-key it.",
            "终端重新签到；持续出现请收单机构重新灌装密钥。",
        ),
    ),
    a(
        "A0",
        false,
        Text::new(
            "MAC check failed: working keys out of sync, sign in again",
            "MAC 校验错，请重新签到",
        ),
        Text::new(
            "Sign the terminal in again; if it persists call the acquirer (master key).",
            "终端重新签到；持续出现请联系收单机构（主密钥）。",
        ),
    ),
    a(
        "A2",
        true,
        Text::new(
            "Approved, confirm with the issuer",
            "交易成功，请向发卡行确认",
        ),
        Text::new("Keep the slip.", "保留签购单。"),
    ),
    a(
        "A4",
        true,
        Text::new(
            "Approved, confirm with the issuer",
            "交易成功，请向发卡行确认",
        ),
        Text::new("Keep the slip.", "保留签购单。"),
    ),
    a(
        "A5",
        true,
        Text::new(
            "Approved, confirm with the issuer",
            "交易成功，请向发卡行确认",
        ),
        Text::new("Keep the slip.", "保留签购单。"),
    ),
    a(
        "A6",
        true,
        Text::new(
            "Approved, confirm with the issuer",
            "交易成功，请向发卡行确认",
        ),
        Text::new("Keep the slip.", "保留签购单。"),
    ),
    a(
        "A7",
        false,
        Text::new("Security processing failed", "安全处理失败"),
        ACQUIRER,
    ),
];

/// Why a response code could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ArcError {
    /// Not two bytes.
    #[error(
        "authorisation response code (tag 8A) must be 2 ASCII bytes (e.g. 30 30 for \"00\"), got {0} bytes"
    )]
    Length(usize),
    /// A byte that is not an ASCII letter or digit.
    #[error(
        "authorisation response code (tag 8A) byte {byte} ({value:02X}) is not an ASCII letter or digit"
    )]
    NotAlphanumeric {
        /// 1-based byte number.
        byte: usize,
        /// The byte.
        value: u8,
    },
}

/// A meaning of a code, with the table it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meaning {
    /// The table.
    pub table: Table,
    /// The entry.
    pub def: &'static ArcDef,
}

/// A decoded Authorisation Response Code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseCode {
    /// The two characters, upper case.
    pub code: String,
}

impl ResponseCode {
    /// Decodes the two ASCII bytes of `8A`.
    pub fn decode(v: &[u8]) -> Result<ResponseCode, ArcError> {
        if v.len() != 2 {
            return Err(ArcError::Length(v.len()));
        }
        if let Some((i, &value)) = v
            .iter()
            .enumerate()
            .find(|(_, b)| !b.is_ascii_alphanumeric())
        {
            return Err(ArcError::NotAlphanumeric { byte: i + 1, value });
        }
        Ok(ResponseCode {
            code: v
                .iter()
                .map(|b| char::from(b.to_ascii_uppercase()))
                .collect(),
        })
    }

    /// Every meaning the known tables give, in table order (EMV, ISO 8583, UnionPay).
    pub fn meanings(&self) -> Vec<Meaning> {
        [
            (Table::Emv, EMV),
            (Table::Iso8583, ISO8583),
            (Table::UnionPay, UNIONPAY),
        ]
        .into_iter()
        .filter_map(|(table, defs)| {
            defs.iter()
                .find(|d| d.code == self.code)
                .map(|def| Meaning { table, def })
        })
        .collect()
    }

    /// Whether the first table that knows the code calls it approved; unknown codes are not.
    pub fn approved(&self) -> bool {
        self.meanings().first().is_some_and(|m| m.def.approved)
    }

    /// One line naming each table's meaning, or "unknown code".
    pub fn text(&self, lang: Lang) -> String {
        let meanings = self.meanings();
        if meanings.is_empty() {
            return Text::new(
                "Unknown code: not in the EMV, ISO 8583 or UnionPay tables; ask the acquirer",
                "未知代码：不在 EMV、ISO 8583 或银联代码表中，请咨询收单机构",
            )
            .get(lang)
            .to_owned();
        }
        meanings
            .iter()
            .map(|m| format!("{}: {}", m.table.label(lang), m.def.meaning.get(lang)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rc(s: &str) -> ResponseCode {
        ResponseCode::decode(s.as_bytes()).unwrap()
    }

    #[test]
    fn approvals_and_declines() {
        assert!(rc("00").approved());
        assert!(!rc("05").approved());
        assert!(rc("Y1").approved());
        assert!(!rc("Z3").approved());
        assert!(!rc("77").approved());
        assert!(!rc("A0").approved());
        assert!(rc("A2").approved());
        assert!(!rc("QQ").approved());
    }

    #[test]
    fn tables_are_named() {
        let tables = |c: &str| rc(c).meanings().iter().map(|m| m.table).collect::<Vec<_>>();
        assert_eq!(tables("00"), [Table::Iso8583, Table::UnionPay]);
        assert_eq!(tables("Y1"), [Table::Emv]);
        assert_eq!(tables("Z3"), [Table::Emv]);
        assert_eq!(tables("77"), [Table::UnionPay]);
        assert_eq!(tables("A0"), [Table::UnionPay]);
        assert_eq!(tables("45"), [Table::UnionPay]);
        assert_eq!(tables("97"), [Table::UnionPay]);
        assert_eq!(tables("99"), [Table::UnionPay]);
        assert_eq!(tables("1A"), [Table::Iso8583]);
        assert_eq!(
            rc("05").text(Lang::En),
            "ISO 8583: Do not honour; UnionPay: Cardholder verification failed"
        );
        assert!(rc("77").text(Lang::ZhCn).contains("签到"));
        assert!(rc("y1").meanings()[0].def.approved);
    }

    #[test]
    fn bad_input() {
        assert_eq!(ResponseCode::decode(b"0"), Err(ArcError::Length(1)));
        assert_eq!(
            ResponseCode::decode(&[0x30, 0x00]),
            Err(ArcError::NotAlphanumeric { byte: 2, value: 0 })
        );
    }

    #[test]
    fn codes_unique_per_table() {
        for t in [EMV, ISO8583, UNIONPAY] {
            let mut s = std::collections::BTreeSet::new();
            assert!(t.iter().all(|d| s.insert(d.code)));
        }
    }
}
