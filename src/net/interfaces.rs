//! The computer's network interfaces: wired or wireless, up or down, addresses, which one
//! carries the default route, and the Wi-Fi signal level where the OS reports it.
//!
//! Addresses come from `if-addrs` on every OS. The rest is read on Linux from
//! `/sys/class/net/<if>/` (`wireless`, `operstate`, `type`), `/proc/net/wireless` (signal) and
//! `/proc/net/route`, `/proc/net/ipv6_route` (default route). Other OSes report
//! [`InterfaceKind::Unknown`], `up: None` and no default route rather than a guess.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

/// What kind of link an interface is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InterfaceKind {
    /// Ethernet or another cable.
    Wired,
    /// Wi-Fi.
    Wireless,
    /// The loopback interface.
    Loopback,
    /// A tunnel, bridge or other software interface.
    Virtual,
    /// The OS does not say.
    Unknown,
}

/// One network interface.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interface {
    /// OS name, e.g. `eth0`, `wlan0`.
    pub name: String,
    /// Wired, wireless, …
    pub kind: InterfaceKind,
    /// Operational state when the OS reports it.
    pub up: Option<bool>,
    /// Addresses with prefix length, e.g. `192.168.1.20/24`, sorted.
    pub addresses: Vec<String>,
    /// This interface carries the default route.
    pub default_route: bool,
    /// The default gateway through this interface (IPv4).
    pub gateway: Option<String>,
    /// Wi-Fi signal level, dBm.
    pub signal_dbm: Option<i32>,
    /// Wi-Fi link quality as the driver reports it (scale is driver-specific, often 0–70).
    pub link_quality: Option<f32>,
}

/// The interfaces of this computer, sorted by name. An interface without addresses still
/// appears on Linux (from `/sys/class/net`).
pub fn interfaces() -> Vec<Interface> {
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut loopback: BTreeMap<String, bool> = BTreeMap::new();
    for i in if_addrs::get_if_addrs().unwrap_or_default() {
        let addr = match &i.addr {
            if_addrs::IfAddr::V4(a) => format!("{}/{}", a.ip, a.prefixlen),
            if_addrs::IfAddr::V6(a) => format!("{}/{}", a.ip, a.prefixlen),
        };
        loopback.insert(i.name.clone(), i.is_loopback());
        by_name.entry(i.name).or_default().push(addr);
    }
    for name in os::names() {
        by_name.entry(name).or_default();
    }
    let routes = os::default_routes();
    let wireless = os::wireless_stats();
    by_name
        .into_iter()
        .map(|(name, mut addresses)| {
            addresses.sort();
            addresses.dedup();
            let is_loopback = loopback.get(&name).copied().unwrap_or(false);
            let kind = if is_loopback {
                InterfaceKind::Loopback
            } else {
                os::kind(&name)
            };
            let route = routes.get(&name);
            let w = wireless.get(&name);
            Interface {
                up: os::is_up(&name),
                kind,
                addresses,
                default_route: route.is_some(),
                gateway: route.and_then(|g| g.map(|g| g.to_string())),
                signal_dbm: w.and_then(|w| w.level_dbm),
                link_quality: w.map(|w| w.quality),
                name,
            }
        })
        .collect()
}

/// The interface carrying the default route (the first by name if several do).
pub fn link_in_use() -> Option<Interface> {
    interfaces().into_iter().find(|i| i.default_route)
}

/// One line of `/proc/net/wireless`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WirelessStat {
    /// Link quality.
    pub quality: f32,
    /// Signal level in dBm, when the driver reports dBm (a negative value).
    pub level_dbm: Option<i32>,
}

/// Parses `/proc/net/wireless`: two header lines, then `iface: status link level noise …`.
pub fn parse_proc_wireless(text: &str) -> BTreeMap<String, WirelessStat> {
    text.lines()
        .skip(2)
        .filter_map(|line| {
            let (name, rest) = line.split_once(':')?;
            let mut cols = rest.split_whitespace().skip(1);
            let quality: f32 = cols.next()?.trim_end_matches('.').parse().ok()?;
            let level: f32 = cols.next()?.trim_end_matches('.').parse().ok()?;
            let level_dbm = (level < 0.0).then_some(level.round() as i32);
            Some((name.trim().to_owned(), WirelessStat { quality, level_dbm }))
        })
        .collect()
}

/// Parses `/proc/net/route` (IPv4): interfaces with a default route (destination 0, mask 0,
/// flag RTF_UP) and their gateway (little-endian hex) when RTF_GATEWAY is set.
pub fn parse_proc_route(text: &str) -> BTreeMap<String, Option<Ipv4Addr>> {
    const RTF_UP: u32 = 0x1;
    const RTF_GATEWAY: u32 = 0x2;
    let mut out = BTreeMap::new();
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split_whitespace().collect();
        if c.len() < 8 {
            continue;
        }
        let hex = |s: &str| u32::from_str_radix(s, 16).ok();
        let (Some(dest), Some(gw), Some(flags), Some(mask)) =
            (hex(c[1]), hex(c[2]), hex(c[3]), hex(c[7]))
        else {
            continue;
        };
        if dest == 0 && mask == 0 && flags & RTF_UP != 0 {
            let gateway = (flags & RTF_GATEWAY != 0).then(|| Ipv4Addr::from(gw.swap_bytes()));
            out.entry(c[0].to_owned()).or_insert(gateway);
        }
    }
    out
}

/// Parses `/proc/net/ipv6_route`: interfaces with an IPv6 default route (`::/0`).
pub fn parse_proc_ipv6_route(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let c: Vec<&str> = line.split_whitespace().collect();
            let default =
                c.len() >= 10 && c[0].bytes().all(|b| b == b'0') && c[1] == "00" && c[9] != "lo";
            default.then(|| c[9].to_owned())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(target_os = "linux")]
mod os {
    use super::{InterfaceKind, WirelessStat};
    use std::collections::BTreeMap;
    use std::net::Ipv4Addr;
    use std::path::Path;

    /// ARPHRD_ETHER, from `linux/if_arp.h`.
    const ARPHRD_ETHER: &str = "1";

    pub fn names() -> Vec<String> {
        std::fs::read_dir("/sys/class/net")
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn kind(name: &str) -> InterfaceKind {
        let dir = Path::new("/sys/class/net").join(name);
        if !dir.exists() {
            return InterfaceKind::Unknown;
        }
        if dir.join("wireless").exists() || dir.join("phy80211").exists() {
            return InterfaceKind::Wireless;
        }
        let ether =
            std::fs::read_to_string(dir.join("type")).is_ok_and(|t| t.trim() == ARPHRD_ETHER);
        // Physical NICs have a `device` link; veth, bridges and tunnels do not.
        if ether && dir.join("device").exists() {
            InterfaceKind::Wired
        } else {
            InterfaceKind::Virtual
        }
    }

    pub fn is_up(name: &str) -> Option<bool> {
        let state =
            std::fs::read_to_string(Path::new("/sys/class/net").join(name).join("operstate"))
                .ok()?;
        match state.trim() {
            "up" => Some(true),
            "down" | "lowerlayerdown" | "dormant" | "notpresent" => Some(false),
            // Loopback and some virtual links say "unknown" while working: use the IFF_UP flag.
            _ => {
                let flags =
                    std::fs::read_to_string(Path::new("/sys/class/net").join(name).join("flags"))
                        .ok()?;
                let v = u32::from_str_radix(flags.trim().trim_start_matches("0x"), 16).ok()?;
                Some(v & 0x1 != 0)
            }
        }
    }

    pub fn default_routes() -> BTreeMap<String, Option<Ipv4Addr>> {
        let mut routes = std::fs::read_to_string("/proc/net/route")
            .map(|t| super::parse_proc_route(&t))
            .unwrap_or_default();
        if let Ok(t) = std::fs::read_to_string("/proc/net/ipv6_route") {
            for name in super::parse_proc_ipv6_route(&t) {
                routes.entry(name).or_insert(None);
            }
        }
        routes
    }

    pub fn wireless_stats() -> BTreeMap<String, WirelessStat> {
        std::fs::read_to_string("/proc/net/wireless")
            .map(|t| super::parse_proc_wireless(&t))
            .unwrap_or_default()
    }
}

#[cfg(not(target_os = "linux"))]
mod os {
    use super::{InterfaceKind, WirelessStat};
    use std::collections::BTreeMap;
    use std::net::Ipv4Addr;

    pub fn names() -> Vec<String> {
        Vec::new()
    }
    pub fn kind(_name: &str) -> InterfaceKind {
        InterfaceKind::Unknown
    }
    pub fn is_up(_name: &str) -> Option<bool> {
        None
    }
    pub fn default_routes() -> BTreeMap<String, Option<Ipv4Addr>> {
        BTreeMap::new()
    }
    pub fn wireless_stats() -> BTreeMap<String, WirelessStat> {
        BTreeMap::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_wireless_signal() {
        let text = "Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE\n face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22\n wlp2s0: 0000   54.  -56.  -256        0      0      0      0     12        0\n";
        let m = parse_proc_wireless(text);
        let w = m["wlp2s0"];
        assert_eq!(w.quality, 54.0);
        assert_eq!(w.level_dbm, Some(-56));
    }

    #[test]
    fn proc_route_default_gateway() {
        let text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n\
eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n\
wlan0\t0002A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0\n";
        let r = parse_proc_route(text);
        assert_eq!(r.len(), 1);
        assert_eq!(r["eth0"], Some(Ipv4Addr::new(192, 168, 1, 1)));
    }

    #[test]
    fn proc_ipv6_default() {
        let text = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003 wlan0\n\
00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo\n\
fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 wlan0\n";
        assert_eq!(parse_proc_ipv6_route(text), ["wlan0"]);
    }

    #[test]
    fn this_computer_has_loopback() {
        let all = interfaces();
        assert!(all.windows(2).all(|w| w[0].name <= w[1].name));
        assert!(all.iter().any(|i| i.kind == InterfaceKind::Loopback
            && i.addresses.iter().any(|a| a.starts_with("127.0.0.1"))));
    }
}
