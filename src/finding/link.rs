//! Findings about the link this computer uses (wired, wireless, none), given by the
//! `net.interface` check.

use crate::finding::{FindingDef, finding_def as def};

def!(
    LINK_WIRED,
    "link.wired",
    Ok,
    "This computer is on a wired connection",
    "本机正在使用有线网络",
    "A cable is the most stable link; if payments still fail, test the payment host.",
    "有线连接最稳定；如果交易仍失败，请测试支付主机。"
);

def!(
    LINK_NONE,
    "link.none",
    Error,
    "This computer has no network connection",
    "本机没有网络连接",
    "Check the network cable or Wi-Fi and the router: nothing leads to the internet.",
    "请检查网线或Wi-Fi以及路由器：当前没有通往互联网的连接。"
);

def!(
    LINK_UNKNOWN,
    "link.unknown",
    Info,
    "Connected, but the kind of connection could not be told",
    "已联网，但无法判断连接类型",
    "Look at the device: a network cable plugged in means wired, otherwise it is Wi-Fi or 4G.",
    "请查看设备：插着网线即为有线，否则为Wi-Fi或4G。"
);

/// What the `net.interface` check can find (wireless is the network finding
/// [`NET_WIRELESS`](crate::finding::net::NET_WIRELESS)).
pub const LINK: &[FindingDef] = &[
    LINK_WIRED,
    crate::finding::net::NET_WIRELESS,
    LINK_NONE,
    LINK_UNKNOWN,
];
