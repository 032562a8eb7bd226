//! Shared helpers for the report tests: a fully populated report and time stamps.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset};
use emv_doctor::i18n::{BiText, Lang};
use emv_doctor::report::{Computer, Report, ShopDetails, Summary};

/// A time in China Standard Time on 1 March 2025.
pub fn at(hh_mm: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2025-03-01T{hh_mm}:00+08:00")).expect("valid time")
}

/// A report with every field filled, both languages, a hostname and tricky text.
pub fn full_report(lang: Lang) -> Report {
    let mut r = Report::new(at("09:12"), lang);
    r.computer = Computer {
        os: "linux".into(),
        arch: "x86_64".into(),
        hostname: Some("counter-laptop-03".into()),
    };
    r.set_shop(
        at("09:14"),
        ShopDetails {
            shop_name: Some("华联超市 Hualian Market #12".into()),
            terminal_make: Some("PAX".into()),
            terminal_model: Some("A920 Pro".into()),
            terminal_serial: Some("1850123456".into()),
            software_version: Some("PayApp 3.2.1".into()),
            firmware_version: Some("PayDroid 8.1 (V1.02.07)".into()),
            acquirer: Some("UnionPay Merchant Services 银联商务".into()),
            region: Some("Shanghai, Pudong".into()),
            support_contact: Some("95516".into()),
        },
    );
    r.add_note(
        at("09:20"),
        "Customer's card fails with \"EMV error\"; other cards work.\nTried twice, reseated card.",
    );
    r.add_note(
        at("09:31"),
        "Tabs\tquotes \" backslash \\ and <script>alert(1)</script> & 中文",
    );
    r.set_summary(
        at("09:40"),
        Summary {
            outcome: BiText::new(
                "The card's chip does not answer; the terminal is fine.",
                "卡片芯片无应答；终端正常。",
            ),
            next_step: BiText::new(
                "Ask the cardholder to pay another way and contact their bank for a new card.",
                "请持卡人改用其他方式支付，并联系发卡银行换卡。",
            ),
        },
    );
    r
}
