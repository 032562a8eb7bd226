//! Bit-field data objects, one table per layout: Terminal Verification Results `95` (also the
//! layout of Issuer Action Codes `9F0D/9F0E/9F0F` and Terminal Action Codes), Transaction Status
//! Information `9B`, Application Interchange Profile `82`, Application Usage Control `9F07`,
//! Terminal Capabilities `9F33` and Additional Terminal Capabilities `9F40`.
//!
//! Bits are numbered as EMV does: byte 1 is the leftmost byte, b8 the most significant bit. A set
//! bit the table does not define is reported as RFU. Where sources disagree, the EMV 4.4 contact
//! meaning is the code and the alternative is named in the text.

use crate::i18n::{Lang, Text};

/// One defined bit of a layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BitDef {
    /// Byte number, 1-based.
    pub byte: u8,
    /// Bit number, 8 (most significant) to 1.
    pub bit: u8,
    /// Stable snake_case code.
    pub code: &'static str,
    /// What the bit means when set.
    pub text: Text,
}

/// A bit-field layout: its name, its fixed length and every defined bit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Short name, e.g. `TVR`.
    pub name: &'static str,
    /// The EMV tag, e.g. `95`.
    pub tag: &'static str,
    /// Length in bytes.
    pub len: usize,
    /// The defined bits; any other set bit is RFU.
    pub bits: &'static [BitDef],
}

/// A bit that is set in a value, with its definition (`None` = RFU).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetBit {
    /// Byte number, 1-based.
    pub byte: u8,
    /// Bit number, 8 to 1.
    pub bit: u8,
    /// The definition, or `None` when the specification leaves the bit RFU.
    pub def: Option<&'static BitDef>,
}

/// The code reported for a set bit that the specification leaves RFU.
pub const RFU_CODE: &str = "rfu";

static RFU_TEXT: Text = Text::new(
    "RFU bit set (reserved for future use)",
    "RFU 位被置位（保留给将来使用）",
);

impl SetBit {
    /// The bit's stable code, `rfu` when undefined.
    pub fn code(&self) -> &'static str {
        self.def.map_or(RFU_CODE, |d| d.code)
    }

    /// The bit's meaning in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        self.def.map_or(RFU_TEXT, |d| d.text).get(lang)
    }
}

/// The value had the wrong number of bytes for its layout.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{name} (tag {tag}) must be {expected} bytes, got {got}")]
pub struct LengthError {
    /// Layout name.
    pub name: &'static str,
    /// Layout tag.
    pub tag: &'static str,
    /// Required length.
    pub expected: usize,
    /// Length given.
    pub got: usize,
}

impl Layout {
    /// The definition of one bit, if the layout defines it.
    pub fn def(&self, byte: u8, bit: u8) -> Option<&'static BitDef> {
        self.bits.iter().find(|d| d.byte == byte && d.bit == bit)
    }

    /// Every set bit of `value`, in order byte 1 b8 … last byte b1.
    pub fn decode(&self, value: &[u8]) -> Result<Vec<SetBit>, LengthError> {
        if value.len() != self.len {
            return Err(LengthError {
                name: self.name,
                tag: self.tag,
                expected: self.len,
                got: value.len(),
            });
        }
        let mut out = Vec::new();
        for (i, b) in value.iter().enumerate() {
            let byte = u8::try_from(i + 1).unwrap_or(u8::MAX);
            for bit in (1..=8u8).rev() {
                if b & (1 << (bit - 1)) != 0 {
                    out.push(SetBit {
                        byte,
                        bit,
                        def: self.def(byte, bit),
                    });
                }
            }
        }
        Ok(out)
    }
}

const fn d(byte: u8, bit: u8, code: &'static str, en: &'static str, zh: &'static str) -> BitDef {
    BitDef {
        byte,
        bit,
        code,
        text: Text::new(en, zh),
    }
}

/// Terminal Verification Results `95` (EMV 4.4 Book 3 Annex C5).
pub static TVR: Layout = Layout {
    name: "TVR",
    tag: "95",
    len: 5,
    bits: TVR_BITS,
};

/// Issuer/Terminal Action Codes (`9F0D`, `9F0E`, `9F0F`, TAC): the TVR layout.
pub static IAC: Layout = Layout {
    name: "IAC/TAC",
    tag: "9F0D/9F0E/9F0F",
    len: 5,
    bits: TVR_BITS,
};

static TVR_BITS: &[BitDef] = &[
    d(
        1,
        8,
        "oda_not_performed",
        "Offline data authentication was not performed",
        "未执行脱机数据认证",
    ),
    d(1, 7, "sda_failed", "SDA failed", "静态数据认证（SDA）失败"),
    d(
        1,
        6,
        "icc_data_missing",
        "ICC data missing",
        "IC 卡数据缺失",
    ),
    d(
        1,
        5,
        "card_on_exception_file",
        "Card appears on terminal exception file",
        "卡片在终端异常文件（黑名单）中",
    ),
    d(1, 4, "dda_failed", "DDA failed", "动态数据认证（DDA）失败"),
    d(
        1,
        3,
        "cda_failed",
        "CDA failed",
        "复合动态数据认证（CDA）失败",
    ),
    d(
        1,
        2,
        "sda_selected",
        "SDA selected (Specification Bulletin 113; RFU in the EMV 4.3 base text)",
        "选择了 SDA（规范公告 SB-113;EMV 4.3 原文为 RFU）",
    ),
    d(
        1,
        1,
        "xda_selected",
        "XDA selected (EMV 4.4)",
        "选择了 XDA(EMV 4.4)",
    ),
    d(
        2,
        8,
        "different_application_versions",
        "ICC and terminal have different application versions",
        "卡片与终端的应用版本不同",
    ),
    d(
        2,
        7,
        "expired_application",
        "Expired application",
        "应用已过期",
    ),
    d(
        2,
        6,
        "application_not_yet_effective",
        "Application not yet effective",
        "应用尚未生效",
    ),
    d(
        2,
        5,
        "service_not_allowed",
        "Requested service not allowed for card product",
        "卡片产品不允许所请求的服务",
    ),
    d(2, 4, "new_card", "New card", "新卡"),
    d(
        2,
        2,
        "biometric_performed_ok",
        "Biometric performed successfully (EMV 4.4)",
        "生物特征验证成功（EMV 4.4）",
    ),
    d(
        2,
        1,
        "biometric_template_format_not_supported",
        "Biometric template format not supported (EMV 4.4)",
        "不支持的生物特征模板格式（EMV 4.4）",
    ),
    d(
        3,
        8,
        "cardholder_verification_failed",
        "Cardholder verification was not successful",
        "持卡人验证未成功",
    ),
    d(
        3,
        7,
        "unrecognised_cvm",
        "Unrecognised CVM",
        "无法识别的持卡人验证方法（CVM）",
    ),
    d(
        3,
        6,
        "pin_try_limit_exceeded",
        "PIN Try Limit exceeded",
        "PIN 尝试次数超限",
    ),
    d(
        3,
        5,
        "pin_pad_missing",
        "PIN entry required and PIN pad not present or not working",
        "需要输入 PIN，但密码键盘不存在或不工作",
    ),
    d(
        3,
        4,
        "pin_not_entered",
        "PIN entry required, PIN pad present, but PIN was not entered",
        "需要输入 PIN，密码键盘存在，但未输入 PIN",
    ),
    d(
        3,
        3,
        "online_pin_entered",
        "Online PIN entered (EMV 4.4: online CVM captured)",
        "已输入联机 PIN（EMV 4.4：已采集联机 CVM）",
    ),
    d(
        3,
        2,
        "biometric_capture_device_not_working",
        "Biometric capture device not working (EMV 4.4)",
        "生物特征采集设备不工作（EMV 4.4）",
    ),
    d(
        3,
        1,
        "biometric_subtype_bypassed",
        "Biometric subtype bypassed (EMV 4.4)",
        "生物特征子类型被跳过（EMV 4.4）",
    ),
    d(
        4,
        8,
        "floor_limit_exceeded",
        "Transaction exceeds floor limit",
        "交易超过最低限额",
    ),
    d(
        4,
        7,
        "lower_consecutive_offline_limit_exceeded",
        "Lower consecutive offline limit exceeded",
        "超过连续脱机交易下限",
    ),
    d(
        4,
        6,
        "upper_consecutive_offline_limit_exceeded",
        "Upper consecutive offline limit exceeded",
        "超过连续脱机交易上限",
    ),
    d(
        4,
        5,
        "random_online_selection",
        "Transaction selected randomly for online processing",
        "交易被随机选择联机处理",
    ),
    d(
        4,
        4,
        "merchant_forced_online",
        "Merchant forced transaction online",
        "商户强制交易联机",
    ),
    d(
        4,
        3,
        "biometric_try_limit_exceeded",
        "Biometric try limit exceeded (EMV 4.4)",
        "生物特征尝试次数超限（EMV 4.4）",
    ),
    d(
        4,
        2,
        "biometric_type_not_supported",
        "A selected biometric type not supported (EMV 4.4)",
        "不支持所选的生物特征类型（EMV 4.4）",
    ),
    d(
        4,
        1,
        "xda_signature_failed",
        "XDA signature verification failed (EMV 4.4)",
        "XDA 签名验证失败（EMV 4.4）",
    ),
    d(
        5,
        8,
        "default_tdol_used",
        "Default TDOL used",
        "使用了缺省 TDOL",
    ),
    d(
        5,
        7,
        "issuer_authentication_failed",
        "Issuer authentication failed",
        "发卡行认证失败",
    ),
    d(
        5,
        6,
        "script_failed_before_final_gen_ac",
        "Script processing failed before final GENERATE AC",
        "最终 GENERATE AC 之前脚本处理失败",
    ),
    d(
        5,
        5,
        "script_failed_after_final_gen_ac",
        "Script processing failed after final GENERATE AC",
        "最终 GENERATE AC 之后脚本处理失败",
    ),
    d(
        5,
        4,
        "contactless_reserved_b4",
        "Reserved for contactless use (EMV 4.4); Kernel 2: relay resistance threshold exceeded",
        "保留给非接使用（EMV 4.4）；Kernel 2：超过中继抵抗阈值",
    ),
    d(
        5,
        3,
        "ca_ecc_key_missing",
        "CA ECC key missing (EMV 4.4 contact); Kernel 2 reads this bit as relay resistance time limits exceeded",
        "CA ECC 公钥缺失（EMV 4.4 接触式）；Kernel 2 中此位表示超过中继抵抗时间限制",
    ),
    d(
        5,
        2,
        "ecc_key_recovery_failed",
        "ECC key recovery failed (EMV 4.4 contact); Kernel 2 reads b2–b1 as relay resistance performed",
        "ECC 密钥恢复失败（EMV 4.4 接触式）；Kernel 2 中 b2–b1 表示是否执行了中继抵抗",
    ),
    d(
        5,
        1,
        "contactless_reserved_b1",
        "Reserved for contactless use (EMV 4.4); Kernel 2 reads b2–b1 as relay resistance performed",
        "保留给非接使用（EMV 4.4）；Kernel 2 中 b2–b1 表示是否执行了中继抵抗",
    ),
];

/// Transaction Status Information `9B` (EMV 4.4 Book 3 Annex C6).
pub static TSI: Layout = Layout {
    name: "TSI",
    tag: "9B",
    len: 2,
    bits: &[
        d(
            1,
            8,
            "oda_performed",
            "Offline data authentication was performed",
            "已执行脱机数据认证",
        ),
        d(
            1,
            7,
            "cardholder_verification_performed",
            "Cardholder verification was performed",
            "已执行持卡人验证",
        ),
        d(
            1,
            6,
            "card_risk_management_performed",
            "Card risk management was performed",
            "已执行卡片风险管理",
        ),
        d(
            1,
            5,
            "issuer_authentication_performed",
            "Issuer authentication was performed",
            "已执行发卡行认证",
        ),
        d(
            1,
            4,
            "terminal_risk_management_performed",
            "Terminal risk management was performed",
            "已执行终端风险管理",
        ),
        d(
            1,
            3,
            "script_processing_performed",
            "Script processing was performed",
            "已执行脚本处理",
        ),
    ],
};

/// Application Interchange Profile `82` (EMV 4.4 Book 3 Annex C1; contactless bits from the
/// contactless kernels, RFU for contact).
pub static AIP: Layout = Layout {
    name: "AIP",
    tag: "82",
    len: 2,
    bits: &[
        d(
            1,
            8,
            "xda_supported",
            "XDA supported (EMV 4.4)",
            "支持 XDA(EMV 4.4)",
        ),
        d(1, 7, "sda_supported", "SDA supported", "支持 SDA"),
        d(1, 6, "dda_supported", "DDA supported", "支持 DDA"),
        d(
            1,
            5,
            "cardholder_verification_supported",
            "Cardholder verification is supported",
            "支持持卡人验证",
        ),
        d(
            1,
            4,
            "terminal_risk_management_required",
            "Terminal risk management is to be performed",
            "需要执行终端风险管理",
        ),
        d(
            1,
            3,
            "issuer_authentication_supported",
            "Issuer authentication is supported",
            "支持发卡行认证",
        ),
        d(
            1,
            2,
            "on_device_cvm_supported",
            "On-device cardholder verification supported (contactless kernels; RFU for contact)",
            "支持设备上持卡人验证（非接内核；接触式为 RFU）",
        ),
        d(1, 1, "cda_supported", "CDA supported", "支持 CDA"),
        d(
            2,
            8,
            "emv_mode_supported",
            "EMV mode supported (contactless kernels; RFU for contact)",
            "支持 EMV 模式（非接内核；接触式为 RFU）",
        ),
        d(
            2,
            7,
            "mobile_device",
            "Mobile device (contactless kernels; RFU for contact)",
            "移动设备（非接内核；接触式为 RFU）",
        ),
        d(
            2,
            6,
            "contactless_transaction",
            "Contactless transaction (contactless kernels; RFU for contact)",
            "非接交易（非接内核；接触式为 RFU）",
        ),
        d(
            2,
            1,
            "relay_resistance_supported",
            "Relay resistance protocol supported (Kernel 2; RFU for contact)",
            "支持中继抵抗协议（Kernel 2；接触式为 RFU）",
        ),
    ],
};

/// Application Usage Control `9F07` (EMV 4.4 Book 3 Annex C2).
pub static AUC: Layout = Layout {
    name: "AUC",
    tag: "9F07",
    len: 2,
    bits: &[
        d(
            1,
            8,
            "domestic_cash",
            "Valid for domestic cash transactions",
            "可用于境内取现",
        ),
        d(
            1,
            7,
            "international_cash",
            "Valid for international cash transactions",
            "可用于境外取现",
        ),
        d(
            1,
            6,
            "domestic_goods",
            "Valid for domestic goods",
            "可用于境内购买商品",
        ),
        d(
            1,
            5,
            "international_goods",
            "Valid for international goods",
            "可用于境外购买商品",
        ),
        d(
            1,
            4,
            "domestic_services",
            "Valid for domestic services",
            "可用于境内购买服务",
        ),
        d(
            1,
            3,
            "international_services",
            "Valid for international services",
            "可用于境外购买服务",
        ),
        d(1, 2, "atm", "Valid at ATMs", "可在 ATM 使用"),
        d(
            1,
            1,
            "non_atm_terminals",
            "Valid at terminals other than ATMs",
            "可在 ATM 以外的终端使用",
        ),
        d(
            2,
            8,
            "domestic_cashback",
            "Domestic cashback allowed",
            "允许境内消费返现",
        ),
        d(
            2,
            7,
            "international_cashback",
            "International cashback allowed",
            "允许境外消费返现",
        ),
    ],
};

/// Terminal Capabilities `9F33` (EMV 4.4 Book 4 Annex A2).
pub static TERMINAL_CAPABILITIES: Layout = Layout {
    name: "Terminal capabilities",
    tag: "9F33",
    len: 3,
    bits: &[
        d(1, 8, "manual_key_entry", "Manual key entry", "手工键入卡号"),
        d(1, 7, "magnetic_stripe", "Magnetic stripe", "磁条"),
        d(1, 6, "ic_with_contacts", "IC with contacts", "接触式 IC"),
        d(
            2,
            8,
            "plaintext_pin_icc",
            "Plaintext PIN for ICC verification",
            "IC 卡验证明文 PIN",
        ),
        d(
            2,
            7,
            "enciphered_pin_online",
            "Enciphered PIN for online verification",
            "联机验证加密 PIN",
        ),
        d(2, 6, "signature", "Signature (paper)", "签名（纸质）"),
        d(
            2,
            5,
            "enciphered_pin_offline",
            "Enciphered PIN for offline verification",
            "脱机验证加密 PIN",
        ),
        d(2, 4, "no_cvm_required", "No CVM required", "无需持卡人验证"),
        d(
            2,
            3,
            "online_biometric",
            "Online biometric (EMV 4.4)",
            "联机生物特征（EMV 4.4）",
        ),
        d(
            2,
            2,
            "offline_biometric",
            "Offline biometric (EMV 4.4)",
            "脱机生物特征（EMV 4.4）",
        ),
        d(
            2,
            1,
            "ecc_enciphered_pin_offline",
            "ECC enciphered PIN for offline verification (EMV 4.4); PBOC (JR/T 0025) terminals use this bit for cardholder ID verification",
            "ECC 加密脱机 PIN(EMV 4.4);PBOC（JR/T 0025）终端用此位表示持卡人证件验证",
        ),
        d(3, 8, "sda", "SDA", "静态数据认证（SDA）"),
        d(3, 7, "dda", "DDA", "动态数据认证（DDA）"),
        d(3, 6, "card_capture", "Card capture", "吞卡"),
        d(3, 4, "cda", "CDA", "复合动态数据认证（CDA）"),
        d(3, 3, "xda", "XDA (EMV 4.4)", "XDA(EMV 4.4)"),
    ],
};

/// Additional Terminal Capabilities `9F40` (EMV 4.4 Book 4 Annex A3).
pub static ADDITIONAL_TERMINAL_CAPABILITIES: Layout = Layout {
    name: "Additional terminal capabilities",
    tag: "9F40",
    len: 5,
    bits: &[
        d(1, 8, "cash", "Transaction type: cash", "交易类型：取现"),
        d(1, 7, "goods", "Transaction type: goods", "交易类型：商品"),
        d(
            1,
            6,
            "services",
            "Transaction type: services",
            "交易类型：服务",
        ),
        d(
            1,
            5,
            "cashback",
            "Transaction type: cashback",
            "交易类型：返现",
        ),
        d(
            1,
            4,
            "inquiry",
            "Transaction type: inquiry",
            "交易类型：查询",
        ),
        d(
            1,
            3,
            "transfer",
            "Transaction type: transfer",
            "交易类型：转账",
        ),
        d(
            1,
            2,
            "payment",
            "Transaction type: payment",
            "交易类型：缴费",
        ),
        d(
            1,
            1,
            "administrative",
            "Transaction type: administrative",
            "交易类型：管理",
        ),
        d(
            2,
            8,
            "cash_deposit",
            "Transaction type: cash deposit",
            "交易类型：存现",
        ),
        d(3, 8, "numeric_keys", "Input: numeric keys", "输入：数字键"),
        d(
            3,
            7,
            "alphabetic_special_keys",
            "Input: alphabetic and special character keys",
            "输入：字母和特殊字符键",
        ),
        d(3, 6, "command_keys", "Input: command keys", "输入：命令键"),
        d(
            3,
            5,
            "function_keys",
            "Input: function keys",
            "输入：功能键",
        ),
        d(
            4,
            8,
            "print_attendant",
            "Output: print, attendant",
            "输出：打印（操作员）",
        ),
        d(
            4,
            7,
            "print_cardholder",
            "Output: print, cardholder",
            "输出：打印（持卡人）",
        ),
        d(
            4,
            6,
            "display_attendant",
            "Output: display, attendant",
            "输出：显示（操作员）",
        ),
        d(
            4,
            5,
            "display_cardholder",
            "Output: display, cardholder",
            "输出：显示（持卡人）",
        ),
        d(
            4,
            2,
            "code_table_10",
            "Code table 10 (ISO/IEC 8859-10)",
            "代码表 10(ISO/IEC 8859-10)",
        ),
        d(
            4,
            1,
            "code_table_9",
            "Code table 9 (ISO/IEC 8859-9)",
            "代码表 9(ISO/IEC 8859-9)",
        ),
        d(
            5,
            8,
            "code_table_8",
            "Code table 8 (ISO/IEC 8859-8)",
            "代码表 8(ISO/IEC 8859-8)",
        ),
        d(
            5,
            7,
            "code_table_7",
            "Code table 7 (ISO/IEC 8859-7)",
            "代码表 7(ISO/IEC 8859-7)",
        ),
        d(
            5,
            6,
            "code_table_6",
            "Code table 6 (ISO/IEC 8859-6)",
            "代码表 6(ISO/IEC 8859-6)",
        ),
        d(
            5,
            5,
            "code_table_5",
            "Code table 5 (ISO/IEC 8859-5)",
            "代码表 5(ISO/IEC 8859-5)",
        ),
        d(
            5,
            4,
            "code_table_4",
            "Code table 4 (ISO/IEC 8859-4)",
            "代码表 4(ISO/IEC 8859-4)",
        ),
        d(
            5,
            3,
            "code_table_3",
            "Code table 3 (ISO/IEC 8859-3)",
            "代码表 3(ISO/IEC 8859-3)",
        ),
        d(
            5,
            2,
            "code_table_2",
            "Code table 2 (ISO/IEC 8859-2)",
            "代码表 2(ISO/IEC 8859-2)",
        ),
        d(
            5,
            1,
            "code_table_1",
            "Code table 1 (ISO/IEC 8859-1)",
            "代码表 1(ISO/IEC 8859-1)",
        ),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Sets exactly one bit and returns the code it decodes to.
    fn code_of(layout: &Layout, byte: u8, bit: u8) -> &'static str {
        let mut v = vec![0u8; layout.len];
        v[usize::from(byte - 1)] = 1 << (bit - 1);
        let set = layout.decode(&v).unwrap();
        assert_eq!(set.len(), 1);
        assert_eq!((set[0].byte, set[0].bit), (byte, bit));
        set[0].code()
    }

    /// Expected codes for every bit of a layout, byte 1 b8 first; `rfu` where undefined.
    fn check_all(layout: &Layout, expected: &[[&str; 8]]) {
        assert_eq!(expected.len(), layout.len);
        for (i, row) in expected.iter().enumerate() {
            for (j, want) in row.iter().enumerate() {
                let byte = u8::try_from(i + 1).unwrap();
                let bit = 8 - u8::try_from(j).unwrap();
                assert_eq!(
                    code_of(layout, byte, bit),
                    *want,
                    "{} byte {byte} b{bit}",
                    layout.name
                );
            }
        }
    }

    #[test]
    fn tvr_every_bit() {
        let rows = [
            [
                "oda_not_performed",
                "sda_failed",
                "icc_data_missing",
                "card_on_exception_file",
                "dda_failed",
                "cda_failed",
                "sda_selected",
                "xda_selected",
            ],
            [
                "different_application_versions",
                "expired_application",
                "application_not_yet_effective",
                "service_not_allowed",
                "new_card",
                "rfu",
                "biometric_performed_ok",
                "biometric_template_format_not_supported",
            ],
            [
                "cardholder_verification_failed",
                "unrecognised_cvm",
                "pin_try_limit_exceeded",
                "pin_pad_missing",
                "pin_not_entered",
                "online_pin_entered",
                "biometric_capture_device_not_working",
                "biometric_subtype_bypassed",
            ],
            [
                "floor_limit_exceeded",
                "lower_consecutive_offline_limit_exceeded",
                "upper_consecutive_offline_limit_exceeded",
                "random_online_selection",
                "merchant_forced_online",
                "biometric_try_limit_exceeded",
                "biometric_type_not_supported",
                "xda_signature_failed",
            ],
            [
                "default_tdol_used",
                "issuer_authentication_failed",
                "script_failed_before_final_gen_ac",
                "script_failed_after_final_gen_ac",
                "contactless_reserved_b4",
                "ca_ecc_key_missing",
                "ecc_key_recovery_failed",
                "contactless_reserved_b1",
            ],
        ];
        check_all(&TVR, &rows);
        check_all(&IAC, &rows);
    }

    #[test]
    fn tsi_every_bit() {
        check_all(
            &TSI,
            &[
                [
                    "oda_performed",
                    "cardholder_verification_performed",
                    "card_risk_management_performed",
                    "issuer_authentication_performed",
                    "terminal_risk_management_performed",
                    "script_processing_performed",
                    "rfu",
                    "rfu",
                ],
                ["rfu"; 8],
            ],
        );
    }

    #[test]
    fn aip_every_bit() {
        check_all(
            &AIP,
            &[
                [
                    "xda_supported",
                    "sda_supported",
                    "dda_supported",
                    "cardholder_verification_supported",
                    "terminal_risk_management_required",
                    "issuer_authentication_supported",
                    "on_device_cvm_supported",
                    "cda_supported",
                ],
                [
                    "emv_mode_supported",
                    "mobile_device",
                    "contactless_transaction",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                    "relay_resistance_supported",
                ],
            ],
        );
    }

    #[test]
    fn auc_every_bit() {
        check_all(
            &AUC,
            &[
                [
                    "domestic_cash",
                    "international_cash",
                    "domestic_goods",
                    "international_goods",
                    "domestic_services",
                    "international_services",
                    "atm",
                    "non_atm_terminals",
                ],
                [
                    "domestic_cashback",
                    "international_cashback",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                ],
            ],
        );
    }

    #[test]
    fn terminal_capabilities_every_bit() {
        check_all(
            &TERMINAL_CAPABILITIES,
            &[
                [
                    "manual_key_entry",
                    "magnetic_stripe",
                    "ic_with_contacts",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                ],
                [
                    "plaintext_pin_icc",
                    "enciphered_pin_online",
                    "signature",
                    "enciphered_pin_offline",
                    "no_cvm_required",
                    "online_biometric",
                    "offline_biometric",
                    "ecc_enciphered_pin_offline",
                ],
                [
                    "sda",
                    "dda",
                    "card_capture",
                    "rfu",
                    "cda",
                    "xda",
                    "rfu",
                    "rfu",
                ],
            ],
        );
    }

    #[test]
    fn additional_terminal_capabilities_every_bit() {
        check_all(
            &ADDITIONAL_TERMINAL_CAPABILITIES,
            &[
                [
                    "cash",
                    "goods",
                    "services",
                    "cashback",
                    "inquiry",
                    "transfer",
                    "payment",
                    "administrative",
                ],
                [
                    "cash_deposit",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                ],
                [
                    "numeric_keys",
                    "alphabetic_special_keys",
                    "command_keys",
                    "function_keys",
                    "rfu",
                    "rfu",
                    "rfu",
                    "rfu",
                ],
                [
                    "print_attendant",
                    "print_cardholder",
                    "display_attendant",
                    "display_cardholder",
                    "rfu",
                    "rfu",
                    "code_table_10",
                    "code_table_9",
                ],
                [
                    "code_table_8",
                    "code_table_7",
                    "code_table_6",
                    "code_table_5",
                    "code_table_4",
                    "code_table_3",
                    "code_table_2",
                    "code_table_1",
                ],
            ],
        );
    }

    #[test]
    fn common_values() {
        let caps = TERMINAL_CAPABILITIES.decode(&[0xE0, 0xF8, 0xC8]).unwrap();
        let codes: Vec<_> = caps.iter().map(SetBit::code).collect();
        assert_eq!(
            codes,
            [
                "manual_key_entry",
                "magnetic_stripe",
                "ic_with_contacts",
                "plaintext_pin_icc",
                "enciphered_pin_online",
                "signature",
                "enciphered_pin_offline",
                "no_cvm_required",
                "sda",
                "dda",
                "cda"
            ]
        );
        assert!(TVR.decode(&[0; 5]).unwrap().is_empty());
        assert_eq!(
            TVR.decode(&[0; 4]).unwrap_err(),
            LengthError {
                name: "TVR",
                tag: "95",
                expected: 5,
                got: 4
            }
        );
    }

    #[test]
    fn codes_are_unique_snake_case_and_bilingual() {
        for layout in [
            &TVR,
            &TSI,
            &AIP,
            &AUC,
            &TERMINAL_CAPABILITIES,
            &ADDITIONAL_TERMINAL_CAPABILITIES,
        ] {
            let mut seen = std::collections::BTreeSet::new();
            for b in layout.bits {
                assert!(seen.insert(b.code), "{} duplicate {}", layout.name, b.code);
                assert!(
                    b.code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                );
                assert!(!b.text.en.is_empty() && !b.text.zh.is_empty());
                assert!(seen.len() <= layout.len * 8);
            }
        }
    }
}
