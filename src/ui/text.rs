//! Every fixed string the app shows, in English and Simplified Chinese, in one place.

use crate::i18n::Text;

pub const APP_NAME: Text = Text::new("EMV Doctor", "EMV Doctor 刷卡诊断");
pub const TAGLINE: Text = Text::new(
    "Find out why a card terminal says \"EMV error\": test the card, walk through the checks, send support a report.",
    "查明刷卡终端为何提示“EMV错误”:检测银行卡,逐步排查,并向客服发送报告。",
);
pub const VERSION: Text = Text::new("Version", "版本");
pub const LANGUAGE: Text = Text::new("Language", "语言");

pub const TAB_CARD: Text = Text::new("Test the card", "检测银行卡");
pub const TAB_GUIDE: Text = Text::new("Step-by-step help", "逐步排查");
pub const TAB_NETWORK: Text = Text::new("Network & clock", "网络与时钟");
pub const TAB_REPORT: Text = Text::new("Report", "诊断报告");
