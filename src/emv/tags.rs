//! The tag dictionary: every data object of EMV 4.4 Book 3 Annex A, the ISO/IEC 7816-4/-6
//! interindustry tags a payment card returns, and the common scheme tags (Visa, Mastercard,
//! Amex contactless, PBOC/UnionPay), each with its name in English and Simplified Chinese, its
//! format, where it comes from and whether its value is sensitive.
//!
//! This module owns the facts about tags; it does no parsing (see [`super::tlv`]) and no I/O.
//! Where schemes give one tag two meanings (e.g. `9F6B` is Track 2 Data for Mastercard and the
//! Card CVM Limit for Visa) the name gives both and the more sensitive reading wins.

use crate::emv::tlv::Tag;
use crate::i18n::{Lang, Text};
use serde::Serialize;
use std::fmt::Write as _;

/// Format of a data element value (EMV 4.4 Book 3 §4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `b`: binary.
    B,
    /// `n`: numeric, BCD, right-justified with leading zeros.
    N,
    /// `cn`: compressed numeric, BCD, left-justified, padded with trailing `F`.
    Cn,
    /// `an`: alphanumeric (letters and digits).
    An,
    /// `ans`: alphanumeric and special characters (ISO/IEC 8859 common character set).
    Ans,
    /// `var`: a template or a value whose layout is defined elsewhere (scheme or issuer).
    Var,
}

impl Format {
    /// The code used in EMV tables and in JSON (`b`, `n`, `cn`, `an`, `ans`, `var`).
    pub fn code(self) -> &'static str {
        match self {
            Format::B => "b",
            Format::N => "n",
            Format::Cn => "cn",
            Format::An => "an",
            Format::Ans => "ans",
            Format::Var => "var",
        }
    }

    /// A short description of the format.
    pub fn text(self) -> Text {
        match self {
            Format::B => Text::new("binary", "二进制"),
            Format::N => Text::new("numeric (BCD)", "数字型（BCD）"),
            Format::Cn => Text::new(
                "compressed numeric (BCD, F-padded)",
                "压缩数字型（BCD，右补 F）",
            ),
            Format::An => Text::new("alphanumeric", "字母数字型"),
            Format::Ans => Text::new("alphanumeric special", "字母数字特殊字符型"),
            Format::Var => Text::new(
                "variable (template or scheme-defined)",
                "可变（模板或卡组织定义）",
            ),
        }
    }
}

/// Where a data element comes from (the "Source" column of EMV 4.4 Book 3 Annex A).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The card (ICC).
    Card,
    /// The terminal.
    Terminal,
    /// The issuer, through the authorisation response.
    Issuer,
    /// The card or the terminal, depending on the context.
    CardOrTerminal,
    /// The issuer, or the terminal when it decides itself (e.g. `8A` for offline decisions).
    IssuerOrTerminal,
    /// Not defined by EMV: a proprietary tag whose owner decides.
    Unspecified,
}

impl Source {
    /// A short description of the source.
    pub fn text(self) -> Text {
        match self {
            Source::Card => Text::new("card", "卡片"),
            Source::Terminal => Text::new("terminal", "终端"),
            Source::Issuer => Text::new("issuer", "发卡行"),
            Source::CardOrTerminal => Text::new("card or terminal", "卡片或终端"),
            Source::IssuerOrTerminal => Text::new("issuer or terminal", "发卡行或终端"),
            Source::Unspecified => Text::new("not defined by EMV", "EMV 未定义"),
        }
    }
}

/// One dictionary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TagInfo {
    /// The tag, as the big-endian number of its bytes (`0x9F26`).
    pub tag: u32,
    /// Name in English and Simplified Chinese.
    pub name: Text,
    /// Value format.
    pub format: Format,
    /// Where the value comes from.
    pub source: Source,
    /// The value carries a PAN, track data, a cardholder name or other personal data and must
    /// be masked wherever it is shown or stored.
    pub sensitive: bool,
}

const fn e(
    tag: u32,
    en: &'static str,
    zh: &'static str,
    format: Format,
    source: Source,
) -> TagInfo {
    TagInfo {
        tag,
        name: Text::new(en, zh),
        format,
        source,
        sensitive: false,
    }
}

const fn secret(
    tag: u32,
    en: &'static str,
    zh: &'static str,
    format: Format,
    source: Source,
) -> TagInfo {
    TagInfo {
        tag,
        name: Text::new(en, zh),
        format,
        source,
        sensitive: true,
    }
}

use Format::{An, Ans, B, Cn, N, Var};
use Source::{Card, CardOrTerminal, Issuer, IssuerOrTerminal, Terminal};

/// The dictionary, sorted by tag.
pub static TAGS: &[TagInfo] = &[
    e(
        0x42,
        "Issuer Identification Number (IIN)",
        "发卡行识别号（IIN）",
        N,
        Card,
    ),
    e(
        0x4F,
        "Application Dedicated File (ADF) Name (AID)",
        "应用标识符（ADF 名称）",
        B,
        Card,
    ),
    e(0x50, "Application Label", "应用标签", Ans, Card),
    e(
        0x53,
        "Discretionary Data (ISO 7816)",
        "自定义数据（ISO 7816）",
        Var,
        Card,
    ),
    secret(0x56, "Track 1 Data", "磁道 1 数据", Ans, Card),
    secret(0x57, "Track 2 Equivalent Data", "磁道 2 等效数据", B, Card),
    e(
        0x59,
        "Card Expiration Date (ISO 7816-6)",
        "卡片有效期（ISO 7816-6）",
        N,
        Card,
    ),
    secret(
        0x5A,
        "Application Primary Account Number (PAN)",
        "应用主账号（PAN）",
        Cn,
        Card,
    ),
    secret(
        0x5B,
        "Name of an Individual (ISO 7816-6)",
        "个人姓名（ISO 7816-6）",
        Ans,
        Card,
    ),
    e(0x5C, "Tag List", "标签列表", B, CardOrTerminal),
    e(0x61, "Application Template", "应用模板", Var, Card),
    e(
        0x62,
        "File Control Parameters (FCP) Template",
        "文件控制参数（FCP）模板",
        Var,
        Card,
    ),
    e(
        0x64,
        "File Management Data (FMD) Template",
        "文件管理数据（FMD）模板",
        Var,
        Card,
    ),
    e(
        0x6F,
        "File Control Information (FCI) Template",
        "文件控制信息（FCI）模板",
        Var,
        Card,
    ),
    e(
        0x70,
        "READ RECORD Response Message Template",
        "读记录响应报文模板",
        Var,
        Card,
    ),
    e(
        0x71,
        "Issuer Script Template 1",
        "发卡行脚本模板 1",
        Var,
        Issuer,
    ),
    e(
        0x72,
        "Issuer Script Template 2",
        "发卡行脚本模板 2",
        Var,
        Issuer,
    ),
    e(
        0x73,
        "Directory Discretionary Template",
        "目录自定义模板",
        Var,
        Card,
    ),
    e(
        0x77,
        "Response Message Template Format 2",
        "响应报文模板格式 2",
        Var,
        Card,
    ),
    e(
        0x80,
        "Response Message Template Format 1",
        "响应报文模板格式 1",
        Var,
        Card,
    ),
    e(
        0x81,
        "Amount, Authorised (Binary)",
        "授权金额（二进制）",
        B,
        Terminal,
    ),
    e(
        0x82,
        "Application Interchange Profile (AIP)",
        "应用交互特征（AIP）",
        B,
        Card,
    ),
    e(0x83, "Command Template", "命令模板", B, Terminal),
    e(
        0x84,
        "Dedicated File (DF) Name",
        "专用文件（DF）名称",
        B,
        Card,
    ),
    e(0x86, "Issuer Script Command", "发卡行脚本命令", B, Issuer),
    e(
        0x87,
        "Application Priority Indicator",
        "应用优先指示器",
        B,
        Card,
    ),
    e(
        0x88,
        "Short File Identifier (SFI)",
        "短文件标识符（SFI）",
        B,
        Card,
    ),
    e(0x89, "Authorisation Code", "授权码", Ans, Issuer),
    e(
        0x8A,
        "Authorisation Response Code",
        "授权响应码",
        An,
        IssuerOrTerminal,
    ),
    e(
        0x8C,
        "Card Risk Management Data Object List 1 (CDOL1)",
        "卡片风险管理数据对象列表 1（CDOL1）",
        B,
        Card,
    ),
    e(
        0x8D,
        "Card Risk Management Data Object List 2 (CDOL2)",
        "卡片风险管理数据对象列表 2（CDOL2）",
        B,
        Card,
    ),
    e(
        0x8E,
        "Cardholder Verification Method (CVM) List",
        "持卡人验证方法（CVM）列表",
        B,
        Card,
    ),
    e(
        0x8F,
        "Certification Authority Public Key Index (card)",
        "认证中心公钥索引（卡片）",
        B,
        Card,
    ),
    e(
        0x90,
        "Issuer Public Key Certificate",
        "发卡行公钥证书",
        B,
        Card,
    ),
    e(
        0x91,
        "Issuer Authentication Data",
        "发卡行认证数据",
        B,
        Issuer,
    ),
    e(
        0x92,
        "Issuer Public Key Remainder",
        "发卡行公钥余项",
        B,
        Card,
    ),
    e(
        0x93,
        "Signed Static Application Data",
        "签名的静态应用数据",
        B,
        Card,
    ),
    e(
        0x94,
        "Application File Locator (AFL)",
        "应用文件定位器（AFL）",
        Var,
        Card,
    ),
    e(
        0x95,
        "Terminal Verification Results (TVR)",
        "终端验证结果（TVR）",
        B,
        Terminal,
    ),
    e(
        0x97,
        "Transaction Certificate Data Object List (TDOL)",
        "交易证书数据对象列表（TDOL）",
        B,
        Card,
    ),
    e(
        0x98,
        "Transaction Certificate (TC) Hash Value",
        "交易证书（TC）哈希值",
        B,
        Terminal,
    ),
    e(
        0x99,
        "Transaction Personal Identification Number (PIN) Data",
        "交易个人识别码（PIN）数据",
        B,
        Terminal,
    ),
    e(0x9A, "Transaction Date", "交易日期", N, Terminal),
    e(
        0x9B,
        "Transaction Status Information (TSI)",
        "交易状态信息（TSI）",
        B,
        Terminal,
    ),
    e(0x9C, "Transaction Type", "交易类型", N, Terminal),
    e(
        0x9D,
        "Directory Definition File (DDF) Name",
        "目录定义文件（DDF）名称",
        B,
        Card,
    ),
    e(
        0xA5,
        "File Control Information (FCI) Proprietary Template",
        "FCI 专用模板",
        Var,
        Card,
    ),
    secret(0x5F20, "Cardholder Name", "持卡人姓名", Ans, Card),
    e(
        0x5F24,
        "Application Expiration Date",
        "应用失效日期",
        N,
        Card,
    ),
    e(
        0x5F25,
        "Application Effective Date",
        "应用生效日期",
        N,
        Card,
    ),
    e(0x5F28, "Issuer Country Code", "发卡行国家代码", N, Card),
    e(
        0x5F2A,
        "Transaction Currency Code",
        "交易货币代码",
        N,
        Terminal,
    ),
    secret(
        0x5F2B,
        "Date of Birth (ISO 7816-6)",
        "出生日期（ISO 7816-6）",
        N,
        Card,
    ),
    e(0x5F2D, "Language Preference", "首选语言", An, Card),
    e(0x5F30, "Service Code", "服务码", N, Card),
    e(
        0x5F34,
        "Application PAN Sequence Number",
        "应用主账号序列号",
        N,
        Card,
    ),
    e(
        0x5F36,
        "Transaction Currency Exponent",
        "交易货币指数",
        N,
        Terminal,
    ),
    e(0x5F50, "Issuer URL", "发卡行 URL", Ans, Card),
    secret(
        0x5F53,
        "International Bank Account Number (IBAN)",
        "国际银行账号（IBAN）",
        Var,
        Card,
    ),
    e(
        0x5F54,
        "Bank Identifier Code (BIC)",
        "银行识别代码（BIC）",
        Var,
        Card,
    ),
    e(
        0x5F55,
        "Issuer Country Code (alpha2 format)",
        "发卡行国家代码（2 字母）",
        An,
        Card,
    ),
    e(
        0x5F56,
        "Issuer Country Code (alpha3 format)",
        "发卡行国家代码（3 字母）",
        An,
        Card,
    ),
    e(0x5F57, "Account Type", "账户类型", N, Terminal),
    e(0x9F01, "Acquirer Identifier", "收单行标识", N, Terminal),
    e(
        0x9F02,
        "Amount, Authorised (Numeric)",
        "授权金额",
        N,
        Terminal,
    ),
    e(0x9F03, "Amount, Other (Numeric)", "其他金额", N, Terminal),
    e(
        0x9F04,
        "Amount, Other (Binary)",
        "其他金额（二进制）",
        B,
        Terminal,
    ),
    e(
        0x9F05,
        "Application Discretionary Data",
        "应用自定义数据",
        B,
        Card,
    ),
    e(
        0x9F06,
        "Application Identifier (AID) - terminal",
        "应用标识符（AID）- 终端",
        B,
        Terminal,
    ),
    e(
        0x9F07,
        "Application Usage Control (AUC)",
        "应用用途控制（AUC）",
        B,
        Card,
    ),
    e(
        0x9F08,
        "Application Version Number (card)",
        "应用版本号（卡片）",
        B,
        Card,
    ),
    e(
        0x9F09,
        "Application Version Number (terminal)",
        "应用版本号（终端）",
        B,
        Terminal,
    ),
    e(
        0x9F0A,
        "Application Selection Registered Proprietary Data (ASRPD)",
        "应用选择注册专有数据（ASRPD）",
        B,
        Card,
    ),
    secret(
        0x9F0B,
        "Cardholder Name Extended",
        "持卡人姓名扩展",
        Ans,
        Card,
    ),
    e(
        0x9F0C,
        "Issuer Identification Number Extended (IINE)",
        "扩展发卡行识别号（IINE）",
        N,
        Card,
    ),
    e(
        0x9F0D,
        "Issuer Action Code - Default",
        "发卡行行为代码 - 缺省",
        B,
        Card,
    ),
    e(
        0x9F0E,
        "Issuer Action Code - Denial",
        "发卡行行为代码 - 拒绝",
        B,
        Card,
    ),
    e(
        0x9F0F,
        "Issuer Action Code - Online",
        "发卡行行为代码 - 联机",
        B,
        Card,
    ),
    e(
        0x9F10,
        "Issuer Application Data (IAD)",
        "发卡行应用数据（IAD）",
        B,
        Card,
    ),
    e(
        0x9F11,
        "Issuer Code Table Index",
        "发卡行代码表索引",
        N,
        Card,
    ),
    e(
        0x9F12,
        "Application Preferred Name",
        "应用首选名称",
        Ans,
        Card,
    ),
    e(
        0x9F13,
        "Last Online Application Transaction Counter (ATC) Register",
        "上次联机应用交易计数器（ATC）寄存器",
        B,
        Card,
    ),
    e(
        0x9F14,
        "Lower Consecutive Offline Limit",
        "连续脱机交易下限",
        B,
        Card,
    ),
    e(0x9F15, "Merchant Category Code", "商户类别码", N, Terminal),
    e(0x9F16, "Merchant Identifier", "商户标识", Ans, Terminal),
    e(
        0x9F17,
        "Personal Identification Number (PIN) Try Counter",
        "PIN 尝试计数器",
        B,
        Card,
    ),
    e(
        0x9F18,
        "Issuer Script Identifier",
        "发卡行脚本标识",
        B,
        Issuer,
    ),
    e(0x9F19, "Token Requestor ID", "令牌请求方标识", N, Card),
    e(0x9F1A, "Terminal Country Code", "终端国家代码", N, Terminal),
    e(0x9F1B, "Terminal Floor Limit", "终端最低限额", B, Terminal),
    e(0x9F1C, "Terminal Identification", "终端标识", An, Terminal),
    e(
        0x9F1D,
        "Terminal Risk Management Data",
        "终端风险管理数据",
        B,
        Terminal,
    ),
    e(
        0x9F1E,
        "Interface Device (IFD) Serial Number",
        "接口设备（IFD）序列号",
        An,
        Terminal,
    ),
    secret(
        0x9F1F,
        "Track 1 Discretionary Data",
        "磁道 1 自定义数据",
        Ans,
        Card,
    ),
    secret(
        0x9F20,
        "Track 2 Discretionary Data",
        "磁道 2 自定义数据",
        Cn,
        Card,
    ),
    e(0x9F21, "Transaction Time", "交易时间", N, Terminal),
    e(
        0x9F22,
        "Certification Authority Public Key Index (terminal)",
        "认证中心公钥索引（终端）",
        B,
        Terminal,
    ),
    e(
        0x9F23,
        "Upper Consecutive Offline Limit",
        "连续脱机交易上限",
        B,
        Card,
    ),
    e(
        0x9F24,
        "Payment Account Reference (PAR)",
        "支付账户参考号（PAR）",
        An,
        Card,
    ),
    e(0x9F25, "Last 4 Digits of PAN", "主账号后 4 位", N, Card),
    e(0x9F26, "Application Cryptogram", "应用密文", B, Card),
    e(
        0x9F27,
        "Cryptogram Information Data (CID)",
        "密文信息数据（CID）",
        B,
        Card,
    ),
    e(0x9F29, "Extended Selection", "扩展选择", B, Card),
    e(0x9F2A, "Kernel Identifier", "内核标识", B, Card),
    e(
        0x9F2D,
        "ICC PIN Encipherment Public Key Certificate",
        "IC 卡 PIN 加密公钥证书",
        B,
        Card,
    ),
    e(
        0x9F2E,
        "ICC PIN Encipherment Public Key Exponent",
        "IC 卡 PIN 加密公钥指数",
        B,
        Card,
    ),
    e(
        0x9F2F,
        "ICC PIN Encipherment Public Key Remainder",
        "IC 卡 PIN 加密公钥余项",
        B,
        Card,
    ),
    e(
        0x9F32,
        "Issuer Public Key Exponent",
        "发卡行公钥指数",
        B,
        Card,
    ),
    e(0x9F33, "Terminal Capabilities", "终端性能", B, Terminal),
    e(
        0x9F34,
        "Cardholder Verification Method (CVM) Results",
        "持卡人验证方法（CVM）结果",
        B,
        Terminal,
    ),
    e(0x9F35, "Terminal Type", "终端类型", N, Terminal),
    e(
        0x9F36,
        "Application Transaction Counter (ATC)",
        "应用交易计数器（ATC）",
        B,
        Card,
    ),
    e(0x9F37, "Unpredictable Number", "不可预知数", B, Terminal),
    e(
        0x9F38,
        "Processing Options Data Object List (PDOL)",
        "处理选项数据对象列表（PDOL）",
        B,
        Card,
    ),
    e(
        0x9F39,
        "Point-of-Service (POS) Entry Mode",
        "服务点（POS）输入方式",
        N,
        Terminal,
    ),
    e(
        0x9F3A,
        "Amount, Reference Currency",
        "参考货币金额",
        B,
        Terminal,
    ),
    e(
        0x9F3B,
        "Application Reference Currency",
        "应用参考货币",
        N,
        Card,
    ),
    e(
        0x9F3C,
        "Transaction Reference Currency Code",
        "交易参考货币代码",
        N,
        Terminal,
    ),
    e(
        0x9F3D,
        "Transaction Reference Currency Exponent",
        "交易参考货币指数",
        N,
        Terminal,
    ),
    e(
        0x9F40,
        "Additional Terminal Capabilities",
        "附加终端性能",
        B,
        Terminal,
    ),
    e(
        0x9F41,
        "Transaction Sequence Counter",
        "交易序列计数器",
        N,
        Terminal,
    ),
    e(0x9F42, "Application Currency Code", "应用货币代码", N, Card),
    e(
        0x9F43,
        "Application Reference Currency Exponent",
        "应用参考货币指数",
        N,
        Card,
    ),
    e(
        0x9F44,
        "Application Currency Exponent",
        "应用货币指数",
        N,
        Card,
    ),
    e(0x9F45, "Data Authentication Code", "数据认证码", B, Card),
    e(
        0x9F46,
        "ICC Public Key Certificate",
        "IC 卡公钥证书",
        B,
        Card,
    ),
    e(0x9F47, "ICC Public Key Exponent", "IC 卡公钥指数", B, Card),
    e(0x9F48, "ICC Public Key Remainder", "IC 卡公钥余项", B, Card),
    e(
        0x9F49,
        "Dynamic Data Authentication Data Object List (DDOL)",
        "动态数据认证数据对象列表（DDOL）",
        B,
        Card,
    ),
    e(
        0x9F4A,
        "Static Data Authentication Tag List",
        "静态数据认证标签列表",
        B,
        Card,
    ),
    e(
        0x9F4B,
        "Signed Dynamic Application Data",
        "签名的动态应用数据",
        B,
        Card,
    ),
    e(0x9F4C, "ICC Dynamic Number", "IC 卡动态数", B, Card),
    e(0x9F4D, "Log Entry", "交易日志入口", B, Card),
    e(
        0x9F4E,
        "Merchant Name and Location",
        "商户名称和位置",
        Ans,
        Terminal,
    ),
    e(0x9F4F, "Log Format", "交易日志格式", B, Card),
    e(
        0x9F50,
        "Offline Accumulator Balance (Mastercard)",
        "脱机累计余额（万事达）",
        N,
        Card,
    ),
    e(
        0x9F51,
        "Application Currency Code (Visa VIS / PBOC)",
        "应用货币代码（Visa VIS / PBOC）",
        N,
        Card,
    ),
    e(
        0x9F52,
        "Application Default Action (ADA)",
        "应用缺省行为（ADA）",
        B,
        Card,
    ),
    e(
        0x9F53,
        "Consecutive Transaction Limit (International) / Transaction Category Code (Mastercard)",
        "连续交易限制数（国际）/ 交易类别码（万事达）",
        B,
        Card,
    ),
    e(
        0x9F54,
        "Cumulative Total Transaction Amount Limit",
        "累计交易总金额限制",
        N,
        Card,
    ),
    e(0x9F55, "Geographic Indicator", "地区指示器", B, Card),
    e(
        0x9F56,
        "Issuer Authentication Indicator",
        "发卡行认证指示位",
        B,
        Card,
    ),
    e(
        0x9F57,
        "Issuer Country Code (Visa VIS / PBOC)",
        "发卡行国家代码（Visa VIS / PBOC）",
        N,
        Card,
    ),
    e(
        0x9F58,
        "Lower Consecutive Offline Limit (Card Check)",
        "连续脱机交易下限（卡片检查）",
        B,
        Card,
    ),
    e(
        0x9F59,
        "Upper Consecutive Offline Limit (Card Check)",
        "连续脱机交易上限（卡片检查）",
        B,
        Card,
    ),
    e(
        0x9F5A,
        "Application Program Identifier (Visa)",
        "应用计划标识（Visa）",
        B,
        Card,
    ),
    e(
        0x9F5B,
        "Issuer Script Results",
        "发卡行脚本结果",
        B,
        Terminal,
    ),
    e(
        0x9F5C,
        "Cumulative Total Transaction Amount Upper Limit",
        "累计交易总金额上限",
        N,
        Card,
    ),
    e(
        0x9F5D,
        "Available Offline Spending Amount (Visa) / Application Capabilities Information",
        "可用脱机消费金额（Visa）/ 应用能力信息",
        B,
        Card,
    ),
    secret(
        0x9F61,
        "Cardholder ID Number (PBOC) / CVC3 Track 2 (Mastercard)",
        "持卡人证件号（PBOC）/ CVC3 磁道 2（万事达）",
        Var,
        Card,
    ),
    e(
        0x9F62,
        "Cardholder ID Type (PBOC) / PCVC3 Track 1 (Mastercard)",
        "持卡人证件类型（PBOC）/ PCVC3 磁道 1（万事达）",
        B,
        Card,
    ),
    e(
        0x9F63,
        "Product Identification Information (PBOC) / PUNATC Track 1 (Mastercard)",
        "产品标识信息（PBOC）/ PUNATC 磁道 1（万事达）",
        B,
        Card,
    ),
    e(
        0x9F64,
        "NATC Track 1 (Mastercard)",
        "NATC 磁道 1（万事达）",
        B,
        Card,
    ),
    e(
        0x9F65,
        "PCVC3 Track 2 (Mastercard)",
        "PCVC3 磁道 2（万事达）",
        B,
        Card,
    ),
    e(
        0x9F66,
        "Terminal Transaction Qualifiers (TTQ)",
        "终端交易属性（TTQ）",
        B,
        Terminal,
    ),
    e(
        0x9F67,
        "NATC Track 2 (Mastercard) / MSD Offset (Visa)",
        "NATC 磁道 2（万事达）/ MSD 偏移（Visa）",
        B,
        Card,
    ),
    e(
        0x9F68,
        "Card Additional Processes (Visa) / Mag-stripe CVM List (Mastercard)",
        "卡片附加处理（Visa）/ 磁条 CVM 列表（万事达）",
        B,
        Card,
    ),
    e(
        0x9F69,
        "Card Authentication Related Data (Visa fDDA) / UDOL (Mastercard)",
        "卡片认证相关数据（Visa fDDA）/ UDOL（万事达）",
        B,
        Card,
    ),
    e(
        0x9F6A,
        "Unpredictable Number (Numeric)",
        "不可预知数（数字型）",
        N,
        Terminal,
    ),
    secret(
        0x9F6B,
        "Track 2 Data (Mastercard) / Card CVM Limit (Visa)",
        "磁道 2 数据（万事达）/ 卡片 CVM 限额（Visa）",
        B,
        Card,
    ),
    e(
        0x9F6C,
        "Card Transaction Qualifiers (CTQ, Visa) / Mag-stripe Application Version Number (Mastercard)",
        "卡片交易属性（CTQ，Visa）/ 磁条应用版本号（万事达）",
        B,
        Card,
    ),
    e(
        0x9F6D,
        "Electronic Cash Reset Threshold (PBOC) / Contactless Reader Capabilities (Amex)",
        "电子现金重置阈值（PBOC）/ 非接读卡器能力（美国运通）",
        B,
        CardOrTerminal,
    ),
    e(
        0x9F6E,
        "Form Factor Indicator (Visa) / Third Party Data (Mastercard) / Enhanced Contactless Reader Capabilities (Amex)",
        "形态因素指示器（Visa）/ 第三方数据（万事达）/ 增强非接读卡器能力（美国运通）",
        B,
        CardOrTerminal,
    ),
    e(
        0x9F6F,
        "DS Slot Management Control (Mastercard)",
        "数据存储槽管理控制（万事达）",
        B,
        Card,
    ),
    e(
        0x9F70,
        "Protected Data Envelope 1 (Mastercard) / Card Interface Capabilities (Amex)",
        "受保护数据信封 1（万事达）/ 卡片接口能力（美国运通）",
        B,
        Card,
    ),
    e(
        0x9F71,
        "Protected Data Envelope 2 (Mastercard) / Mobile CVM Results (Amex)",
        "受保护数据信封 2（万事达）/ 移动 CVM 结果（美国运通）",
        B,
        Card,
    ),
    e(
        0x9F72,
        "Consecutive Transaction Limit (International - Country)",
        "连续交易限制数（国际 - 国家）",
        B,
        Card,
    ),
    e(
        0x9F73,
        "Currency Conversion Factor",
        "货币转换因子",
        N,
        Card,
    ),
    e(
        0x9F74,
        "Electronic Cash Issuer Authorisation Code (PBOC)",
        "电子现金发卡行授权码（PBOC）",
        An,
        Card,
    ),
    e(
        0x9F75,
        "Cumulative Total Transaction Amount Limit - Dual Currency",
        "累计交易总金额限制 - 双货币",
        N,
        Card,
    ),
    e(
        0x9F76,
        "Secondary Application Currency Code",
        "第二应用货币代码",
        N,
        Card,
    ),
    e(
        0x9F77,
        "Electronic Cash Balance Limit (PBOC)",
        "电子现金余额上限（PBOC）",
        N,
        Card,
    ),
    e(
        0x9F78,
        "Electronic Cash Single Transaction Limit (PBOC)",
        "电子现金单笔交易限额（PBOC）",
        N,
        Card,
    ),
    e(
        0x9F79,
        "Electronic Cash Balance (PBOC)",
        "电子现金余额（PBOC）",
        N,
        Card,
    ),
    e(
        0x9F7A,
        "Electronic Cash Terminal Support Indicator (PBOC)",
        "电子现金终端支持指示器（PBOC）",
        B,
        Terminal,
    ),
    e(
        0x9F7B,
        "Electronic Cash Terminal Transaction Limit (PBOC)",
        "电子现金终端交易限额（PBOC）",
        N,
        Terminal,
    ),
    e(
        0x9F7C,
        "Customer Exclusive Data (Visa) / Merchant Custom Data (Mastercard)",
        "客户专有数据（Visa）/ 商户自定义数据（万事达）",
        B,
        CardOrTerminal,
    ),
    e(
        0x9F7D,
        "DS Summary 1 (Mastercard)",
        "数据存储摘要 1（万事达）",
        B,
        Card,
    ),
    e(
        0x9F7E,
        "Mobile Support Indicator (Mastercard) / Application Life Cycle Data (Visa)",
        "移动支持指示器（万事达）/ 应用生命周期数据（Visa）",
        B,
        CardOrTerminal,
    ),
    e(
        0x9F7F,
        "Card Production Life Cycle (CPLC) History File Identifiers",
        "卡片生产生命周期（CPLC）历史文件标识",
        B,
        Card,
    ),
    e(
        0xBF0C,
        "File Control Information (FCI) Issuer Discretionary Data",
        "FCI 发卡行自定义数据",
        Var,
        Card,
    ),
    e(
        0xDF4D,
        "Load Log Entry (PBOC)",
        "圈存日志入口（PBOC）",
        B,
        Card,
    ),
    e(
        0xDF4F,
        "Load Log Format (PBOC)",
        "圈存日志格式（PBOC）",
        B,
        Card,
    ),
    e(
        0xDF69,
        "SM Algorithm Support Indicator (PBOC)",
        "SM 算法支持指示器（PBOC）",
        B,
        CardOrTerminal,
    ),
    e(
        0xDF8115,
        "Error Indication (Mastercard Kernel 2)",
        "错误指示（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF8116,
        "User Interface Request Data (Mastercard Kernel 2)",
        "用户界面请求数据（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF8117,
        "Card Data Input Capability (Mastercard Kernel 2)",
        "卡片数据输入能力（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF8118,
        "CVM Capability - CVM Required (Mastercard Kernel 2)",
        "CVM 能力 - 需要 CVM（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF8119,
        "CVM Capability - No CVM Required (Mastercard Kernel 2)",
        "CVM 能力 - 无需 CVM（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF811B,
        "Kernel Configuration (Mastercard Kernel 2)",
        "内核配置（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF811E,
        "Mag-stripe CVM Capability - CVM Required (Mastercard Kernel 2)",
        "磁条 CVM 能力 - 需要 CVM（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF811F,
        "Security Capability (Mastercard Kernel 2)",
        "安全能力（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF8120,
        "Terminal Action Code - Default (Mastercard Kernel 2)",
        "终端行为代码 - 缺省（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF8121,
        "Terminal Action Code - Denial (Mastercard Kernel 2)",
        "终端行为代码 - 拒绝（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF8122,
        "Terminal Action Code - Online (Mastercard Kernel 2)",
        "终端行为代码 - 联机（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF8123,
        "Reader Contactless Floor Limit (Mastercard Kernel 2)",
        "读卡器非接最低限额（万事达内核 2）",
        N,
        Terminal,
    ),
    e(
        0xDF8124,
        "Reader Contactless Transaction Limit - No On-device CVM (Mastercard Kernel 2)",
        "读卡器非接交易限额 - 无设备 CVM（万事达内核 2）",
        N,
        Terminal,
    ),
    e(
        0xDF8125,
        "Reader Contactless Transaction Limit - On-device CVM (Mastercard Kernel 2)",
        "读卡器非接交易限额 - 设备 CVM（万事达内核 2）",
        N,
        Terminal,
    ),
    e(
        0xDF8126,
        "Reader CVM Required Limit (Mastercard Kernel 2)",
        "读卡器 CVM 限额（万事达内核 2）",
        N,
        Terminal,
    ),
    e(
        0xDF8129,
        "Outcome Parameter Set (Mastercard Kernel 2)",
        "结果参数集（万事达内核 2）",
        B,
        Terminal,
    ),
    e(
        0xDF812C,
        "Mag-stripe CVM Capability - No CVM Required (Mastercard Kernel 2)",
        "磁条 CVM 能力 - 无需 CVM（万事达内核 2）",
        B,
        Terminal,
    ),
];

/// The dictionary entry for `tag`, if the tag is in the dictionary.
pub fn lookup(tag: Tag) -> Option<&'static TagInfo> {
    TAGS.binary_search_by_key(&tag.0, |info| info.tag)
        .ok()
        .map(|i| &TAGS[i])
}

/// Whether the value of `tag` carries a PAN, track data, a cardholder name or other personal
/// data (`5A`, `57`, `56`, `9F6B`, `5F20`, `9F0B`, `9F1F`, `9F20`, `5F53`, `9F61` …).
pub fn is_sensitive(tag: Tag) -> bool {
    lookup(tag).is_some_and(|info| info.sensitive)
}

/// The range a tag outside the dictionary belongs to, when EMV leaves that range to others
/// (EMV 4.4 Book 3 Annex B: private class, and `9F50`–`9F7F` for the payment systems).
pub fn proprietary_range(tag: Tag) -> Option<Text> {
    let first = tag.to_bytes().first().copied().unwrap_or(0);
    if first & 0xC0 == 0xC0 {
        Some(Text::new(
            "Proprietary data object (private class, issuer or payment-system defined)",
            "专有数据对象（私有类，由发卡行或卡组织定义）",
        ))
    } else if (0x9F50..=0x9F7F).contains(&tag.0) || (0xBF50..=0xBF7F).contains(&tag.0) {
        Some(Text::new(
            "Payment-system proprietary data object",
            "卡组织专有数据对象",
        ))
    } else {
        None
    }
}

/// The name to show for any tag: the dictionary name, the proprietary range, or "unknown".
pub fn name(tag: Tag) -> Text {
    match lookup(tag) {
        Some(info) => info.name,
        None => proprietary_range(tag).unwrap_or(Text::new("Unknown tag", "未知标签")),
    }
}

/// The error for a tag that is neither in the dictionary nor in a proprietary range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("tag {0} is not in the EMV/ISO 7816 dictionary")]
pub struct UnknownTag(pub Tag);

/// What is known about `tag`: its entry, or a description of the proprietary range it is in.
fn describe(tag: Tag) -> Result<(Text, Format, Source, bool), UnknownTag> {
    if let Some(info) = lookup(tag) {
        return Ok((info.name, info.format, info.source, info.sensitive));
    }
    proprietary_range(tag)
        .map(|name| (name, Format::Var, Source::Unspecified, false))
        .ok_or(UnknownTag(tag))
}

/// The JSON of `emv-doctor decode tag`:
/// `{"tag":"9F26","name":T,"format":F,"source":S,"sensitive":bool}`.
pub fn tag_json(tag: Tag, lang: Lang) -> Result<serde_json::Value, UnknownTag> {
    let (name, format, source, sensitive) = describe(tag)?;
    Ok(serde_json::json!({
        "tag": tag.to_string(),
        "name": name.get(lang),
        "format": format.code(),
        "source": source,
        "sensitive": sensitive,
    }))
}

/// A readable, aligned description of `tag` (the text output of `emv-doctor decode tag`).
pub fn explain_tag(tag: Tag, lang: Lang) -> String {
    let mut out = String::new();
    let label = |en, zh| Text::new(en, zh).get(lang);
    let rows: Vec<(&str, String)> = match describe(tag) {
        Ok((name, format, source, sensitive)) => vec![
            (label("Tag", "标签"), tag.to_string()),
            (label("Name", "名称"), name.get(lang).to_owned()),
            (
                label("Format", "格式"),
                format!("{} ({})", format.code(), format.text().get(lang)),
            ),
            (
                label("Constructed", "结构型"),
                yes_no(tag.is_constructed(), lang).to_owned(),
            ),
            (label("Source", "来源"), source.text().get(lang).to_owned()),
            (
                label("Sensitive", "敏感"),
                yes_no(sensitive, lang).to_owned(),
            ),
        ],
        Err(_) => vec![
            (label("Tag", "标签"), tag.to_string()),
            (label("Name", "名称"), name(tag).get(lang).to_owned()),
        ],
    };
    let width = rows
        .iter()
        .map(|(l, _)| display_width(l))
        .max()
        .unwrap_or(0);
    for (l, v) in rows {
        let pad = width - display_width(l);
        let _ = writeln!(out, "{l}{}  {v}", " ".repeat(pad));
    }
    out
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b {
        Text::new("yes", "是").get(lang)
    } else {
        Text::new("no", "否").get(lang)
    }
}

/// Width of `s` in terminal columns: CJK characters take two.
pub(crate) fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_is_large_sorted_and_unique() {
        assert!(TAGS.len() >= 150, "only {} tags", TAGS.len());
        for pair in TAGS.windows(2) {
            assert!(
                pair[0].tag < pair[1].tag,
                "{:X} before {:X}",
                pair[0].tag,
                pair[1].tag
            );
        }
    }

    #[test]
    fn every_entry_is_a_well_formed_tag_with_both_names() {
        for info in TAGS {
            let tag = Tag(info.tag);
            let bytes = tag.to_bytes();
            assert_eq!(
                Tag::from_bytes(&bytes),
                Ok(tag),
                "{tag} is not a valid BER tag"
            );
            assert!(
                !info.name.en.is_empty() && !info.name.zh.is_empty(),
                "{tag}"
            );
            assert!(
                info.name.zh.chars().any(|c| c as u32 >= 0x4E00),
                "{tag} has no Chinese name"
            );
            // Templates are constructed and only templates are constructed (80 is format 1,
            // a primitive whose value is raw AIP ‖ AFL).
            if tag.is_constructed() {
                assert_eq!(info.format, Format::Var, "{tag} is constructed");
            }
        }
    }

    #[test]
    fn formats_and_sources_follow_book3_annex_a() {
        let check = |t: u32, f: Format, s: Source| {
            let info = lookup(Tag(t)).unwrap();
            assert_eq!((info.format, info.source), (f, s), "{:X}", t);
        };
        check(0x5A, Format::Cn, Source::Card);
        check(0x57, Format::B, Source::Card);
        check(0x50, Format::Ans, Source::Card);
        check(0x5F24, Format::N, Source::Card);
        check(0x9F02, Format::N, Source::Terminal);
        check(0x9F26, Format::B, Source::Card);
        check(0x95, Format::B, Source::Terminal);
        check(0x8A, Format::An, Source::IssuerOrTerminal);
        check(0x91, Format::B, Source::Issuer);
        check(0x9F1C, Format::An, Source::Terminal);
        // Terminal-sourced data objects are the ones the terminal puts in PDOL/CDOL answers.
        for t in [
            0x9F02, 0x9F03, 0x9F1A, 0x5F2A, 0x9A, 0x9C, 0x9F37, 0x9F35, 0x9F33, 0x9F40, 0x9F66,
        ] {
            assert_eq!(lookup(Tag(t)).unwrap().source, Source::Terminal, "{t:X}");
        }
        // Dates, amounts and currency codes are numeric.
        for t in [
            0x5F24, 0x5F25, 0x9A, 0x9F21, 0x9F02, 0x9F03, 0x5F28, 0x5F2A, 0x9F42, 0x5F30, 0x5F34,
        ] {
            assert_eq!(lookup(Tag(t)).unwrap().format, Format::N, "{t:X}");
        }
    }

    #[test]
    fn sensitive_tags_are_marked() {
        for t in [
            0x5A, 0x57, 0x56, 0x9F6B, 0x5F20, 0x9F0B, 0x9F1F, 0x9F20, 0x5F53, 0x9F61,
        ] {
            assert!(is_sensitive(Tag(t)), "{t:X}");
        }
        for t in [0x50, 0x84, 0x9F26, 0x5F24, 0x9F25, 0x42, 0xDF01] {
            assert!(!is_sensitive(Tag(t)), "{t:X}");
        }
    }

    #[test]
    fn required_scheme_tags_are_present() {
        for t in [
            0x9F6E, 0x9F7C, 0x9F66, 0x9F6C, 0x9F79, 0x9F77, 0x9F78, 0x9F6D, 0x9F7A, 0x9F7B, 0xDF69,
            0x9F2A, 0xBF0C, 0x9F4D, 0x9F4F,
        ] {
            assert!(lookup(Tag(t)).is_some(), "{t:X}");
        }
    }

    #[test]
    fn proprietary_ranges_are_named() {
        let df = tag_json(Tag(0xDF47), Lang::En).unwrap();
        assert_eq!(df["source"], "unspecified");
        assert!(df["name"].as_str().unwrap().contains("Proprietary"));
        assert!(
            tag_json(Tag(0xDF8301), Lang::ZhCn).unwrap()["name"]
                .as_str()
                .unwrap()
                .contains("专有")
        );
        assert!(name(Tag(0x9F5E)).en.contains("Payment-system"));
        assert_eq!(
            tag_json(Tag(0x9F2B), Lang::En),
            Err(UnknownTag(Tag(0x9F2B)))
        );
        assert_eq!(name(Tag(0x9F2B)).en, "Unknown tag");
    }

    #[test]
    fn tag_json_has_the_contract_shape() {
        let j = tag_json(Tag(0x9F26), Lang::En).unwrap();
        assert_eq!(
            j,
            serde_json::json!({"tag":"9F26","name":"Application Cryptogram","format":"b",
                "source":"card","sensitive":false})
        );
        let z = tag_json(Tag(0x5A), Lang::ZhCn).unwrap();
        assert_eq!(z["name"], "应用主账号（PAN）");
        assert_eq!(z["format"], "cn");
        assert_eq!(z["sensitive"], true);
    }

    #[test]
    fn explain_tag_is_aligned_in_both_languages() {
        let en = explain_tag(Tag(0x9F27), Lang::En);
        assert!(en.contains("Cryptogram Information Data"));
        let value_columns: Vec<usize> = en
            .lines()
            .map(|l| l.find("  ").unwrap() + l[l.find("  ").unwrap()..].find(|c| c != ' ').unwrap())
            .collect();
        assert!(value_columns.windows(2).all(|w| w[0] == w[1]), "{en}");
        let zh = explain_tag(Tag(0x9F27), Lang::ZhCn);
        assert!(zh.contains("密文信息数据"));
        assert!(explain_tag(Tag(0x9F2B), Lang::En).contains("Unknown tag"));
    }
}
