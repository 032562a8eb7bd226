//! Monitoring findings: what stands out in a transaction export (`crate::monitor`), with
//! stable codes under `monitor.` (never renamed). Each points at a cause the guides know;
//! `docs/monitoring.md` lists what triggers each.

use crate::finding::{FindingDef, finding_def as def};

def!(
    ERRORS_RISING,
    "monitor.errors_rising",
    Warning,
    "Payment failures are rising",
    "交易失败在增多",
    "See below where the new failures come from, and look at the transaction export every week.",
    "看下面的分析，找出新增的失败来自哪里；以后每周看一次交易明细。"
);
def!(
    ONE_TERMINAL,
    "monitor.terminal",
    Error,
    "Failures come from one terminal",
    "失败集中在一台终端上",
    "Clean that terminal's card slot and test it with a card that works elsewhere; if it still fails, ask the vendor to check or swap its card reader.",
    "清洁这台终端的卡槽，用一张在别处能用的卡试一下；还是失败的话，请厂商检查或更换读卡模块。"
);
def!(
    ONE_SCHEME,
    "monitor.scheme",
    Warning,
    "Failures are concentrated on one card scheme",
    "失败集中在一种卡组织的卡上",
    "Ask the acquirer whether your terminal is set up to accept this scheme; until then ask these customers for another card.",
    "问收单机构这台终端有没有开通这种卡；开通之前请顾客换一张卡。"
);
def!(
    ONE_ISSUER,
    "monitor.issuer",
    Warning,
    "One bank's cards are declined",
    "某一家银行的卡集中被拒",
    "The bank that issued these cards is refusing them, not your terminal: ask customers to call their bank or pay another way, and tell the acquirer if it goes on.",
    "是发卡银行在拒绝这些卡，不是终端的问题：请顾客联系自己的银行或换种方式付款；持续发生就告诉收单机构。"
);
def!(
    NETWORK_HOURS,
    "monitor.network_hours",
    Error,
    "Network failures pile up at certain hours",
    "网络失败集中在某几个时段",
    "Check the network at those hours (shared Wi-Fi, busy broadband, a router that restarts); give the terminal a cable or a 4G backup.",
    "在这几个时段检查网络（共用的无线网络、宽带高峰、路由器重启）；给终端接网线或配4G备用网络。"
);
def!(
    NETWORK,
    "monitor.network",
    Warning,
    "Many payments fail on the network",
    "很多交易因网络失败",
    "Check the terminal's network link and test the connection to the payment host with the network check.",
    "检查终端的网络连接，用网络检测测一下到支付主机的连接。"
);
def!(
    SIGN_IN,
    "monitor.sign_in",
    Error,
    "The terminal had to sign in again（签到）",
    "终端需要重新签到",
    "Do Sign in（签到）on the terminal at the start of each day and after each restart; if these codes keep coming, ask the acquirer to reload the terminal's keys.",
    "每天营业前和每次重启后在终端上做一次签到；这些应答码还是反复出现的话，请收单机构重新下载终端密钥。"
);
def!(
    ONE_CASHIER,
    "monitor.cashier",
    Warning,
    "Chip read failures come with one cashier",
    "读卡失败集中在某位收银员",
    "Show this cashier how to insert a card: chip first and facing up, all the way in, and left in until the terminal says to remove it.",
    "教这位收银员正确插卡：芯片朝上先插入，插到底，等终端提示后再拔卡。"
);
def!(
    NOTHING_STANDS_OUT,
    "monitor.ok",
    Ok,
    "No pattern stands out in the failures",
    "失败没有明显的规律",
    "Keep looking at the export every week; when failures rise, analyse it again.",
    "每周看一次交易明细；失败增多时再分析一次。"
);

/// Every monitoring finding, most specific first.
pub const ALL: &[FindingDef] = &[
    ERRORS_RISING,
    ONE_TERMINAL,
    ONE_SCHEME,
    ONE_ISSUER,
    NETWORK_HOURS,
    NETWORK,
    SIGN_IN,
    ONE_CASHIER,
    NOTHING_STANDS_OUT,
];
