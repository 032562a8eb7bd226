//! Status words SW1-SW2 (ISO/IEC 7816-4 §5.6, EMV 4.4 Book 1 §11 and Book 3 §6.3.5, plus the PBOC
//! `93xx`/`94xx` words seen on Chinese cards): class, plain meaning and what it means for the shop.

use crate::i18n::{Lang, Text};
use std::fmt;

/// A status word, SW1 in the high byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatusWord(pub u16);

/// The ISO 7816-4 class of a status word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwClass {
    /// `9000`, `61XX`.
    Normal,
    /// `62XX`, `63XX`.
    Warning,
    /// `64XX`–`66XX`, and application-specific `9XXX` other than `9000`.
    ExecutionError,
    /// `67XX`–`6FXX`, and anything that is not a valid status word.
    CheckingError,
}

impl SwClass {
    /// The JSON name: `normal`, `warning`, `execution_error`, `checking_error`.
    pub fn as_str(self) -> &'static str {
        match self {
            SwClass::Normal => "normal",
            SwClass::Warning => "warning",
            SwClass::ExecutionError => "execution_error",
            SwClass::CheckingError => "checking_error",
        }
    }

    /// The class's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SwClass::Normal => Text::new("normal processing", "正常处理"),
            SwClass::Warning => Text::new("warning", "警告"),
            SwClass::ExecutionError => Text::new("execution error", "执行错误"),
            SwClass::CheckingError => Text::new("checking error", "检查错误"),
        }
        .get(lang)
    }
}

/// A status word's meaning and what it means for the shop.
struct SwDef {
    sw: u16,
    meaning: Text,
    shop: Text,
}

const fn s(sw: u16, meaning: Text, shop: Text) -> SwDef {
    SwDef { sw, meaning, shop }
}

const NOT_A_FAULT: Text = Text::new("Not a card fault.", "不是卡片故障。");
const PROBE_BUG: Text = Text::new(
    "Usually a mistake in the command sent, not a card fault.",
    "通常是发送的命令有误，不是卡片故障。",
);
const CARD_FAULT: Text = Text::new(
    "Card fault: retry once; if it repeats, the customer needs a new card.",
    "卡片故障：重试一次；若重复出现，持卡人需换新卡。",
);
const BANK: Text = Text::new(
    "The card needs the issuing bank's attention: the customer contacts the bank.",
    "卡片需发卡银行处理：请持卡人联系银行。",
);
const NOT_EMV: Text = Text::new(
    "The card does not understand the command: it may not be in EMV mode or not an EMV card.",
    "卡片不识别该命令：可能未处于 EMV 模式或不是 EMV 卡。",
);

static TABLE: &[SwDef] = &[
    s(
        0x9000,
        Text::new("Success", "成功"),
        Text::new("OK.", "正常。"),
    ),
    s(
        0x6200,
        Text::new(
            "Warning, no information given (memory unchanged)",
            "警告，无更多信息（存储未改变）",
        ),
        NOT_A_FAULT,
    ),
    s(
        0x6281,
        Text::new(
            "Part of the returned data may be corrupted",
            "返回的部分数据可能已损坏",
        ),
        CARD_FAULT,
    ),
    s(
        0x6282,
        Text::new(
            "End of file or record reached before reading the expected bytes",
            "读到期望字节数之前已到文件或记录末尾",
        ),
        NOT_A_FAULT,
    ),
    s(
        0x6283,
        Text::new(
            "Selected file invalidated: application (or PSE) blocked",
            "所选文件已失效：应用（或 PSE）已锁定",
        ),
        Text::new(
            "The application is blocked by the issuer: the card cannot pay; the customer contacts the bank.",
            "应用已被发卡行锁定，卡片无法支付：请持卡人联系银行。",
        ),
    ),
    s(
        0x6284,
        Text::new(
            "FCI not formatted according to ISO 7816-4",
            "FCI 格式不符合 ISO 7816-4",
        ),
        Text::new(
            "Personalisation oddity; some terminals may reject the card.",
            "个人化数据异常；部分终端可能拒绝该卡。",
        ),
    ),
    s(
        0x6285,
        Text::new("Selected file in termination state", "所选文件处于终止状态"),
        BANK,
    ),
    s(
        0x6286,
        Text::new(
            "No input data available from a sensor on the card",
            "卡上传感器无输入数据",
        ),
        NOT_A_FAULT,
    ),
    s(
        0x6300,
        Text::new(
            "Warning, no information given (memory changed; verification failed)",
            "警告，无更多信息（存储已改变；验证失败）",
        ),
        NOT_A_FAULT,
    ),
    s(
        0x6381,
        Text::new("File filled up by the last write", "最后一次写入已填满文件"),
        NOT_A_FAULT,
    ),
    s(
        0x6400,
        Text::new("Execution error, memory unchanged", "执行错误，存储未改变"),
        CARD_FAULT,
    ),
    s(
        0x6401,
        Text::new(
            "Immediate response required by the card",
            "卡片要求立即响应",
        ),
        CARD_FAULT,
    ),
    s(
        0x6500,
        Text::new("Execution error, memory changed", "执行错误，存储已改变"),
        CARD_FAULT,
    ),
    s(
        0x6581,
        Text::new("Memory failure", "存储器故障"),
        Text::new(
            "The chip is damaged: the customer needs a new card.",
            "芯片已损坏：持卡人需换新卡。",
        ),
    ),
    s(
        0x6600,
        Text::new("Security-related issue", "与安全相关的问题"),
        BANK,
    ),
    s(0x6700, Text::new("Wrong length", "长度错误"), PROBE_BUG),
    s(
        0x6800,
        Text::new("Function in CLA not supported", "不支持 CLA 中的功能"),
        PROBE_BUG,
    ),
    s(
        0x6881,
        Text::new("Logical channel not supported", "不支持逻辑通道"),
        PROBE_BUG,
    ),
    s(
        0x6882,
        Text::new("Secure messaging not supported", "不支持安全报文"),
        PROBE_BUG,
    ),
    s(
        0x6883,
        Text::new(
            "Last command of the chain expected",
            "期望命令链的最后一条命令",
        ),
        PROBE_BUG,
    ),
    s(
        0x6884,
        Text::new("Command chaining not supported", "不支持命令链"),
        PROBE_BUG,
    ),
    s(
        0x6900,
        Text::new(
            "Command not allowed, no information given",
            "命令不允许，无更多信息",
        ),
        PROBE_BUG,
    ),
    s(
        0x6981,
        Text::new(
            "Command incompatible with file structure",
            "命令与文件结构不兼容",
        ),
        Text::new("Card data is inconsistent.", "卡片数据不一致。"),
    ),
    s(
        0x6982,
        Text::new("Security status not satisfied", "安全状态不满足"),
        Text::new(
            "The object is protected; not a fault.",
            "数据受保护；不是故障。",
        ),
    ),
    s(
        0x6983,
        Text::new(
            "Authentication method blocked (PIN blocked)",
            "认证方法已锁定（PIN 已锁）",
        ),
        Text::new(
            "The PIN is blocked: the customer has the bank unblock it.",
            "密码已锁定：请持卡人到银行解锁。",
        ),
    ),
    s(
        0x6984,
        Text::new("Referenced data invalidated", "引用数据已失效"),
        BANK,
    ),
    s(
        0x6985,
        Text::new("Conditions of use not satisfied", "使用条件不满足"),
        Text::new(
            "The card refuses this operation now (after GPO: the application does not accept this transaction).",
            "卡片当前拒绝此操作（GPO 时：应用不接受此交易）。",
        ),
    ),
    s(
        0x6986,
        Text::new(
            "Command not allowed (no current EF)",
            "命令不允许（无当前 EF）",
        ),
        Text::new(
            "Read in the wrong state (e.g. before GET PROCESSING OPTIONS); not a card fault.",
            "在错误的状态下读取（如 GPO 之前）；不是卡片故障。",
        ),
    ),
    s(
        0x6987,
        Text::new(
            "Expected secure messaging data objects missing",
            "缺少期望的安全报文数据对象",
        ),
        PROBE_BUG,
    ),
    s(
        0x6988,
        Text::new(
            "Incorrect secure messaging data objects",
            "安全报文数据对象不正确",
        ),
        PROBE_BUG,
    ),
    s(
        0x6A00,
        Text::new(
            "Wrong parameters P1-P2, no information given",
            "参数 P1-P2 错误，无更多信息",
        ),
        PROBE_BUG,
    ),
    s(
        0x6A80,
        Text::new(
            "Incorrect parameters in the command data field",
            "命令数据域参数不正确",
        ),
        PROBE_BUG,
    ),
    s(
        0x6A81,
        Text::new(
            "Function not supported: card blocked or SELECT not supported",
            "功能不支持：卡片已锁定或不支持 SELECT",
        ),
        Text::new(
            "The card is blocked (or not an EMV card): it cannot pay; the customer contacts the bank.",
            "卡片已锁定（或不是 EMV 卡），无法支付：请持卡人联系银行。",
        ),
    ),
    s(
        0x6A82,
        Text::new("File or application not found", "未找到文件或应用"),
        Text::new(
            "Normal when probing (no PSE, or this application is not on the card).",
            "探测时属正常（无 PSE，或卡上没有该应用）。",
        ),
    ),
    s(
        0x6A83,
        Text::new("Record not found", "未找到记录"),
        Text::new(
            "Normal at the end of a directory; inside the AFL it is a card error.",
            "目录末尾属正常；在 AFL 范围内则为卡片错误。",
        ),
    ),
    s(
        0x6A84,
        Text::new("Not enough memory space in the file", "文件存储空间不足"),
        CARD_FAULT,
    ),
    s(
        0x6A85,
        Text::new("Nc inconsistent with TLV structure", "Nc 与 TLV 结构不一致"),
        PROBE_BUG,
    ),
    s(
        0x6A86,
        Text::new("Incorrect parameters P1-P2", "参数 P1-P2 不正确"),
        PROBE_BUG,
    ),
    s(
        0x6A87,
        Text::new(
            "Nc inconsistent with parameters P1-P2",
            "Nc 与参数 P1-P2 不一致",
        ),
        PROBE_BUG,
    ),
    s(
        0x6A88,
        Text::new("Referenced data not found", "未找到引用数据"),
        Text::new(
            "The card does not offer this data object; normal.",
            "卡片不提供该数据；属正常。",
        ),
    ),
    s(
        0x6A89,
        Text::new("File already exists", "文件已存在"),
        PROBE_BUG,
    ),
    s(
        0x6A8A,
        Text::new("DF name already exists", "DF 名称已存在"),
        PROBE_BUG,
    ),
    s(
        0x6B00,
        Text::new(
            "Wrong parameters P1-P2 (e.g. SFI or record out of range)",
            "参数 P1-P2 错误（如 SFI 或记录超出范围）",
        ),
        PROBE_BUG,
    ),
    s(
        0x6D00,
        Text::new(
            "Instruction code not supported or invalid",
            "不支持或无效的指令码",
        ),
        NOT_EMV,
    ),
    s(
        0x6E00,
        Text::new("Class not supported", "不支持的类别（CLA）"),
        NOT_EMV,
    ),
    s(
        0x6F00,
        Text::new("No precise diagnosis", "无精确诊断"),
        Text::new(
            "Internal card error; an intermittent contact or chip fault is likely: clean the chip and retry.",
            "卡片内部错误，可能是接触不良或芯片故障：清洁芯片后重试。",
        ),
    ),
    s(
        0x9302,
        Text::new("MAC invalid (PBOC)", "MAC 无效（PBOC）"),
        BANK,
    ),
    s(
        0x9303,
        Text::new(
            "Application permanently locked (PBOC)",
            "应用被永久锁定（PBOC）",
        ),
        Text::new(
            "The application is permanently locked: the customer needs the bank.",
            "应用已被永久锁定：请持卡人联系银行。",
        ),
    ),
    s(
        0x9401,
        Text::new("Insufficient amount (PBOC)", "金额不足（PBOC）"),
        Text::new(
            "Not enough balance: ask for another card or top up.",
            "余额不足：请换卡或充值。",
        ),
    ),
    s(
        0x9402,
        Text::new(
            "Transaction counter at maximum (PBOC)",
            "交易计数器达到最大值（PBOC）",
        ),
        Text::new(
            "The card has reached its end of life: the customer needs a new card.",
            "卡片已到使用寿命：持卡人需换新卡。",
        ),
    ),
    s(
        0x9403,
        Text::new("Key index not supported (PBOC)", "密钥索引不支持（PBOC）"),
        BANK,
    ),
    s(
        0x9406,
        Text::new(
            "Required MAC not available (PBOC)",
            "所需 MAC 不可用（PBOC）",
        ),
        BANK,
    ),
];

impl StatusWord {
    /// Builds a status word from SW1 and SW2.
    pub fn new(sw1: u8, sw2: u8) -> StatusWord {
        StatusWord(u16::from_be_bytes([sw1, sw2]))
    }

    /// SW1.
    pub fn sw1(self) -> u8 {
        self.0.to_be_bytes()[0]
    }

    /// SW2.
    pub fn sw2(self) -> u8 {
        self.0.to_be_bytes()[1]
    }

    /// The ISO 7816-4 class.
    pub fn class(self) -> SwClass {
        match self.sw1() {
            0x90 if self.sw2() == 0 => SwClass::Normal,
            0x61 => SwClass::Normal,
            0x62 | 0x63 => SwClass::Warning,
            0x64..=0x66 | 0x90..=0x9F => SwClass::ExecutionError,
            _ => SwClass::CheckingError,
        }
    }

    /// `63CX`: verification failed, X tries left.
    pub fn tries_left(self) -> Option<u8> {
        (self.sw1() == 0x63 && self.sw2() & 0xF0 == 0xC0).then_some(self.sw2() & 0x0F)
    }

    /// `61XX`: XX more bytes available with GET RESPONSE (`00` = 256).
    pub fn bytes_available(self) -> Option<u16> {
        (self.sw1() == 0x61).then(|| {
            if self.sw2() == 0 {
                256
            } else {
                u16::from(self.sw2())
            }
        })
    }

    /// `6CXX`: wrong Le, resend with Le = XX (`00` = 256).
    pub fn correct_le(self) -> Option<u16> {
        (self.sw1() == 0x6C).then(|| {
            if self.sw2() == 0 {
                256
            } else {
                u16::from(self.sw2())
            }
        })
    }

    fn def(self) -> Option<&'static SwDef> {
        TABLE.iter().find(|d| d.sw == self.0)
    }

    /// The plain-language meaning, in `lang`.
    pub fn text(self, lang: Lang) -> String {
        if let Some(d) = self.def() {
            return d.meaning.get(lang).to_owned();
        }
        let x = self.sw2();
        let (en, zh) = if let Some(n) = self.tries_left() {
            (
                format!("Verification failed, {n} tries left"),
                format!("验证失败，还剩 {n} 次尝试"),
            )
        } else if let Some(n) = self.bytes_available() {
            (
                format!("{n} more bytes available (T=0: send GET RESPONSE)"),
                format!("还有 {n} 字节可取（T=0：发送 GET RESPONSE）"),
            )
        } else if let Some(n) = self.correct_le() {
            (
                format!("Wrong Le: resend with Le = {n}"),
                format!("Le 错误：以 Le = {n} 重发"),
            )
        } else {
            match self.sw1() {
                0x62 if (0x02..=0x80).contains(&x) => (
                    "Warning: card-triggered query (data follows via GET RESPONSE)".to_owned(),
                    "警告：卡片触发的查询（数据需用 GET RESPONSE 获取）".to_owned(),
                ),
                0x62 => (
                    "Warning, memory unchanged".to_owned(),
                    "警告，存储未改变".to_owned(),
                ),
                0x63 => (
                    "Warning, memory changed".to_owned(),
                    "警告，存储已改变".to_owned(),
                ),
                0x64 => (
                    "Execution error, memory unchanged".to_owned(),
                    "执行错误，存储未改变".to_owned(),
                ),
                0x65 => (
                    "Execution error, memory changed".to_owned(),
                    "执行错误，存储已改变".to_owned(),
                ),
                0x66 => (
                    "Security-related execution error".to_owned(),
                    "与安全相关的执行错误".to_owned(),
                ),
                0x67 => ("Wrong length".to_owned(), "长度错误".to_owned()),
                0x68 => (
                    "Function in CLA not supported".to_owned(),
                    "不支持 CLA 中的功能".to_owned(),
                ),
                0x69 => ("Command not allowed".to_owned(), "命令不允许".to_owned()),
                0x6A => (
                    "Wrong parameters P1-P2".to_owned(),
                    "参数 P1-P2 错误".to_owned(),
                ),
                0x6B | 0x6D | 0x6E | 0x6F => ("Checking error".to_owned(), "检查错误".to_owned()),
                0x90..=0x9F => (
                    "Application-specific status".to_owned(),
                    "应用自定义状态".to_owned(),
                ),
                _ => (
                    "Not a valid ISO 7816-4 status word".to_owned(),
                    "不是有效的 ISO 7816-4 状态字".to_owned(),
                ),
            }
        };
        match lang {
            Lang::En => en,
            Lang::ZhCn => zh,
        }
    }

    /// What the status word means for the shop, in `lang`.
    pub fn meaning_for_shop(self, lang: Lang) -> &'static str {
        if let Some(d) = self.def() {
            return d.shop.get(lang);
        }
        if self.tries_left().is_some() {
            return Text::new(
                "A PIN was wrong; when no tries are left the PIN is blocked and the customer needs the bank.",
                "密码错误；次数用尽后密码将被锁定，需持卡人联系银行。",
            )
            .get(lang);
        }
        match self.class() {
            SwClass::Normal => Text::new(
                "Transport detail handled by the reader software; not a fault.",
                "由读卡软件处理的传输细节；不是故障。",
            ),
            SwClass::Warning => NOT_A_FAULT,
            SwClass::ExecutionError => CARD_FAULT,
            SwClass::CheckingError => PROBE_BUG,
        }
        .get(lang)
    }
}

impl fmt::Display for StatusWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04X}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let c = |sw| StatusWord(sw).class();
        assert_eq!(c(0x9000), SwClass::Normal);
        assert_eq!(c(0x6110), SwClass::Normal);
        assert_eq!(c(0x6283), SwClass::Warning);
        assert_eq!(c(0x63C2), SwClass::Warning);
        assert_eq!(c(0x6400), SwClass::ExecutionError);
        assert_eq!(c(0x6581), SwClass::ExecutionError);
        assert_eq!(c(0x9303), SwClass::ExecutionError);
        assert_eq!(c(0x6700), SwClass::CheckingError);
        assert_eq!(c(0x6A82), SwClass::CheckingError);
        assert_eq!(c(0x6C10), SwClass::CheckingError);
        assert_eq!(c(0x6F00), SwClass::CheckingError);
        assert_eq!(c(0x1234), SwClass::CheckingError);
        assert_eq!(SwClass::ExecutionError.as_str(), "execution_error");
    }

    #[test]
    fn extras() {
        assert_eq!(StatusWord(0x63C2).tries_left(), Some(2));
        assert_eq!(StatusWord(0x6300).tries_left(), None);
        assert_eq!(StatusWord(0x6110).bytes_available(), Some(16));
        assert_eq!(StatusWord(0x6100).bytes_available(), Some(256));
        assert_eq!(StatusWord(0x6C1D).correct_le(), Some(29));
        assert_eq!(StatusWord(0x9000).correct_le(), None);
        assert_eq!(
            StatusWord(0x63C2).text(Lang::En),
            "Verification failed, 2 tries left"
        );
    }

    #[test]
    fn meanings_for_the_shop() {
        assert!(StatusWord(0x6A81).text(Lang::En).contains("card blocked"));
        assert!(
            StatusWord(0x6A81)
                .meaning_for_shop(Lang::En)
                .contains("blocked")
        );
        assert!(StatusWord(0x6283).text(Lang::En).contains("blocked"));
        assert!(
            StatusWord(0x6581)
                .meaning_for_shop(Lang::En)
                .contains("new card")
        );
        assert!(StatusWord(0x9303).text(Lang::ZhCn).contains("永久锁定"));
        assert_eq!(StatusWord(0x6A82).to_string(), "6A82");
    }

    #[test]
    fn table_is_unique_and_bilingual() {
        let mut seen = std::collections::BTreeSet::new();
        for d in TABLE {
            assert!(seen.insert(d.sw));
            assert!(!d.meaning.zh.is_empty() && !d.shop.zh.is_empty());
        }
        for sw in [
            0x9000, 0x6283, 0x6284, 0x6400, 0x6581, 0x6700, 0x6981, 0x6982, 0x6983, 0x6984, 0x6985,
            0x6986, 0x6A80, 0x6A81, 0x6A82, 0x6A83, 0x6A86, 0x6A88, 0x6B00, 0x6D00, 0x6E00, 0x6F00,
            0x9302, 0x9303, 0x9401, 0x9402, 0x9403, 0x9406,
        ] {
            assert!(seen.contains(&sw), "{sw:04X} missing");
        }
    }
}
