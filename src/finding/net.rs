//! Network, TLS and clock findings, with stable codes (support scripts and guides branch on them),
//! in the named groups each check can give.

use crate::finding::{FindingDef, finding_def as def};

def!(
    NET_OK,
    "net.ok",
    Ok,
    "The payment host answers quickly and reliably",
    "支付主机响应快速且稳定",
    "The network path to this host is healthy; look elsewhere for the cause.",
    "到该主机的网络正常，请排查其他原因。"
);
def!(
    NET_DNS_FAILED,
    "net.dns_failed",
    Error,
    "The host name cannot be resolved",
    "无法解析主机名",
    "Check the router's internet connection and DNS settings, and that the host name is typed exactly as the acquirer gave it.",
    "检查路由器的互联网连接和DNS设置，并确认主机名与收单机构提供的一致。"
);
def!(
    NET_UNREACHABLE,
    "net.unreachable",
    Error,
    "The payment host cannot be reached",
    "无法连接支付主机",
    "Check the cable or Wi-Fi, the router and any firewall; if other sites work, ask the acquirer whether the host or port changed.",
    "检查网线或Wi-Fi、路由器和防火墙；如其他网站正常，请向收单机构确认主机地址或端口是否变更。"
);
def!(
    NET_REFUSED,
    "net.refused",
    Error,
    "The payment host refused the connection",
    "支付主机拒绝了连接",
    "This network works (the host's address answered), but nothing accepts payments at that port: check the host address and port in the terminal's settings with the acquirer, or ask whether their service is down.",
    "本网络是通的（主机地址有回应），但该端口不接受交易：请和收单机构核对终端里设置的主机地址和端口，或询问对方服务是否中断。"
);
def!(
    NET_LOSS,
    "net.loss",
    Error,
    "Connections to the host are being lost",
    "与主机的连接出现丢包",
    "The connection is unstable: use a wired connection instead of Wi-Fi/4G, move away from interference, or ask the network provider to check the line.",
    "网络不稳定：请改用有线网络代替Wi-Fi/4G，远离干扰源，或请网络运营商检查线路。"
);
def!(
    NET_HIGH_LATENCY,
    "net.high_latency",
    Warning,
    "The host answers slowly",
    "主机响应缓慢",
    "Slow answers make terminals time out (response codes 68/98). Prefer a wired connection and check what else is using the line.",
    "响应慢会导致终端超时（应答码68/98）。建议使用有线网络，并检查是否有其他设备占用带宽。"
);
def!(
    NET_JITTER,
    "net.jitter",
    Warning,
    "The connection's delay varies a lot",
    "网络延迟波动大",
    "An uneven connection causes intermittent timeouts and reversals: prefer a wired connection over Wi-Fi/4G.",
    "网络延迟不稳定会造成间歇性超时和冲正：建议用有线网络代替Wi-Fi/4G。"
);
def!(
    NET_WIRELESS,
    "net.wireless",
    Info,
    "This computer is on a wireless connection",
    "本机正在使用无线网络",
    "If payments fail intermittently, connect the terminal by cable: wired connections are more stable than Wi-Fi or 4G.",
    "如支付间歇性失败，请用网线连接终端：有线网络比Wi-Fi或4G更稳定。"
);
def!(
    TLS_EXPIRED,
    "tls.expired",
    Error,
    "The host's security certificate has expired (or the clock is wrong)",
    "主机的安全证书已过期（或本机时钟错误）",
    "First check the date and time; if they are right, tell the acquirer or terminal vendor their certificate has expired.",
    "先检查日期和时间；如正确，请告知收单机构或终端厂商其证书已过期。"
);
def!(
    TLS_HOSTNAME_MISMATCH,
    "tls.hostname_mismatch",
    Error,
    "The host's certificate is for a different name",
    "主机证书的名称不匹配",
    "Check the host name is exactly as the acquirer gave it; if it is, tell the acquirer (this can also mean the traffic is being intercepted).",
    "确认主机名与收单机构提供的完全一致；如一致，请告知收单机构（也可能是流量被劫持）。"
);
def!(
    TLS_UNTRUSTED,
    "tls.untrusted",
    Error,
    "The host's certificate is not trusted",
    "主机证书不受信任",
    "A proxy, firewall or wrong host may be in the way: connect without the proxy and tell the acquirer or vendor the certificate details.",
    "可能有代理、防火墙或错误的主机：请不经代理直接连接，并将证书详情告知收单机构或厂商。"
);
def!(
    TLS_FAILED,
    "tls.failed",
    Error,
    "The secure connection (TLS) could not be set up",
    "无法建立安全连接（TLS）",
    "Give the error below to the acquirer or terminal vendor; check the date and time and any firewall or proxy first.",
    "请将下方错误信息提供给收单机构或终端厂商；先检查日期时间以及防火墙或代理。"
);
def!(
    TLS_NOT_YET_VALID,
    "tls.not_yet_valid",
    Error,
    "The host's certificate is not valid yet (the clock is probably wrong)",
    "主机证书尚未生效（本机时钟可能错误）",
    "Check this computer's and the terminal's date and time first: a date in the past makes new certificates look not yet valid.",
    "请先检查本机和终端的日期时间：日期偏早会使新证书显示为尚未生效。"
);
def!(
    CLOCK_OK,
    "clock.ok",
    Ok,
    "This computer's clock is right",
    "本机时钟准确",
    "Compare the terminal's date and time with this computer's; they must match.",
    "请对比终端与本机的日期时间，两者应一致。"
);
def!(
    CLOCK_SKEW,
    "clock.skew",
    Error,
    "This computer's clock is wrong",
    "本机时钟不准确",
    "Set the correct date and time (automatic time). A wrong date makes cards look expired and hosts reject transactions; check the terminal's date too.",
    "请设置正确的日期和时间（自动校时）。日期错误会使卡片显示过期、主机拒绝交易；同时检查终端的日期。"
);
def!(
    CLOCK_UNREACHABLE,
    "clock.unreachable",
    Warning,
    "The time server cannot be reached",
    "无法连接时间服务器",
    "The clock could not be checked: compare the terminal's date and time with a phone's by hand.",
    "无法校验时钟：请手动对比终端与手机上的日期时间。"
);

/// What a payment-host check can find: the path to the host and its TLS certificate.
pub const HOST: &[FindingDef] = &[
    NET_OK,
    NET_DNS_FAILED,
    NET_UNREACHABLE,
    NET_REFUSED,
    NET_LOSS,
    NET_HIGH_LATENCY,
    NET_JITTER,
    NET_WIRELESS,
    TLS_EXPIRED,
    TLS_HOSTNAME_MISMATCH,
    TLS_UNTRUSTED,
    TLS_FAILED,
    TLS_NOT_YET_VALID,
];

/// What a clock check can find.
pub const CLOCK: &[FindingDef] = &[CLOCK_OK, CLOCK_SKEW, CLOCK_UNREACHABLE];

/// Every network, TLS and clock finding, group by group.
pub const GROUPS: &[&[FindingDef]] = &[HOST, CLOCK];

/// The definition of a network finding code.
pub fn by_code(code: &str) -> Option<&'static FindingDef> {
    GROUPS
        .iter()
        .flat_map(|g| g.iter())
        .find(|d| d.code == code)
}
