//! Situations as shop owners and technicians tell them, walked through the main guide.
//!
//! Each situation is written from the source article, `shared/domain/REFERENCE.md` and what
//! real shops meet, not from the guide's branches: a story, the facts the person knows (short
//! phrases in the person's own language), what fixes it on the spot, and the cause a technician
//! would name. A simulated person answers every question by the answer that fits the most facts
//! (or "not sure" when none fits), says whether a step helped by whether the step does what
//! fixes it, and lets EMV Doctor's checks run for real where the situation has the thing to
//! check: a virtual card for the card probe, a server on 127.0.0.1 for the host check, an SNTP
//! server on 127.0.0.1 for the clock. Each walk must reach the expected cause in at most ten
//! steps and give no unsafe advice on the way.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod net_support;

use chrono::{DateTime, FixedOffset};
use emv_doctor::card::probe::{self, ProbeOptions};
use emv_doctor::card::sim::scenarios::Scenario;
use emv_doctor::checks::{self as run, CheckContext, Outcome as Ran};
use emv_doctor::guide::checks::{CheckRequest, CheckResult};
use emv_doctor::guide::model::{Node, Tag};
use emv_doctor::guide::{Guide, Session, builtin};
use emv_doctor::i18n::{BiText, Lang};
use emv_doctor::net::clock::NtpServer;
use emv_doctor::system::{SystemInfo, SystemKind};
use std::collections::BTreeMap;
use std::net::TcpListener;

/// What the payment host looks like from the shop.
#[derive(Clone, Copy, Debug)]
enum Host {
    /// Answers at once (a server on 127.0.0.1 that accepts).
    Up,
    /// The address answers but nothing listens on the port.
    Refused,
}

/// One situation.
struct Situation {
    /// As the person tells it.
    story: &'static str,
    /// The language the person reads the guide in.
    lang: Lang,
    /// What the person knows, as short phrases.
    facts: &'static [&'static str],
    /// What fixes it on the spot (phrases of what a step must tell the person to do).
    fixed_by: &'static [&'static str],
    /// The virtual card the customer hands over, when the card can be put in a reader.
    card: Option<Scenario>,
    /// The payment host, when the technician can test it from the shop.
    host: Option<Host>,
    /// This computer's clock against a time server (ms ahead), when a time server is reachable.
    clock_offset_ms: Option<i64>,
    /// The terminal is outside mainland China.
    abroad: bool,
    /// The system of the shop's computer, for the reader guide's `system.os` check.
    system: Option<SystemKind>,
    /// The cause a technician would name.
    cause: &'static str,
}

const S: Situation = Situation {
    story: "",
    lang: Lang::En,
    facts: &[],
    fixed_by: &[],
    card: None,
    host: None,
    clock_offset_ms: None,
    abroad: false,
    system: None,
    cause: "",
};

const NOT_SURE: &[&str] = &[
    "not sure",
    "don't know",
    "不确定",
    "不知道",
    "no other card",
];

// One entry per situation: a table, not logic.
#[allow(clippy::too_many_lines)]
fn situations() -> Vec<Situation> {
    vec![
        // ---- English ----
        Situation {
            story: "A customer's card shows 'EMV error'. I wiped it and pushed it in properly and it went through.",
            facts: &["EMV error"],
            fixed_by: &["dry cloth"],
            cause: "staff.training",
            ..S
        },
        Situation {
            story: "One customer's card keeps failing at the chip slot; my own card works. The card is old and the chip looks scratched.",
            facts: &[
                "EMV error",
                "only the customer's card fails",
                "has a chip",
                "scratched",
            ],
            card: Some(Scenario::Mute),
            cause: "card.damaged",
            ..S
        },
        Situation {
            story: "A tourist's card fails; our reader on the laptop says the chip has a memory fault.",
            facts: &["EMV error", "only the customer's card fails", "has a chip"],
            card: Some(Scenario::ChipFault),
            cause: "card.damaged",
            ..S
        },
        Situation {
            story: "The terminal says 'card expired'. I checked: the terminal's date is right and the card's date is last year.",
            facts: &["card expired", "date and time are right", "it has passed"],
            clock_offset_ms: Some(0),
            cause: "card.expired_or_blocked",
            ..S
        },
        Situation {
            story: "Since the power cut this morning every card is declined, it says card expired. The terminal's screen shows 2000-01-01.",
            facts: &["card expired", "date or time is wrong", "wrong"],
            fixed_by: &["date and time"],
            clock_offset_ms: Some(0),
            cause: "config.terminal",
            ..S
        },
        Situation {
            story: "The terminal says the card is blocked; the customer admits they typed the wrong PIN many times.",
            facts: &["card blocked"],
            card: Some(Scenario::PinExhausted),
            cause: "card.expired_or_blocked",
            ..S
        },
        Situation {
            story: "Code 51 on the slip for a large amount.",
            facts: &["response code", "51"],
            cause: "issuer.risk_control",
            ..S
        },
        Situation {
            story: "The slip says 77 this morning; yesterday we did not settle. After settling and signing in it worked.",
            facts: &["response code", "77"],
            fixed_by: &["sign in"],
            cause: "host.sign_in",
            ..S
        },
        Situation {
            story: "Every card gets 96 'system malfunction' since lunch, on both our terminals.",
            facts: &["response code", "96"],
            cause: "host.outage",
            ..S
        },
        Situation {
            story: "Every card fails with 'connect failed'. The last payment was not taken. I tested the host from the laptop on the same router: the connection is refused.",
            facts: &[
                "no clear message",
                "other cards fail too",
                "every terminal",
                "timeouts",
                "no such payment",
            ],
            host: Some(Host::Refused),
            cause: "host.outage",
            ..S
        },
        Situation {
            story: "Our only terminal times out on every card since this morning; no payment went through. From the laptop on the same router the host answers fine. Signing in again fixed it.",
            facts: &[
                "no clear message",
                "other cards fail too",
                "only terminal",
                "nothing works",
                "timeout",
                "no such payment",
                "same router",
            ],
            fixed_by: &["sign in again"],
            host: Some(Host::Up),
            cause: "host.sign_in",
            ..S
        },
        Situation {
            story: "New foreign cards (a JCB) say 'card not supported'; UnionPay cards work. Nobody ever opened foreign cards for us.",
            facts: &["card not supported", "only foreign cards", "not sure"],
            cause: "card.not_supported",
            ..S
        },
        Situation {
            story: "The PIN pad on a cable shows CHECK PINPAD. We settle every night; last night too. Replugging the cable fixed it.",
            facts: &["check pinpad", "separate pin pad", "settled just now"],
            fixed_by: &["plug it back"],
            cause: "reader.connection",
            ..S
        },
        Situation {
            story: "Our old terminal has not been updated for years and chip cards fail on it, tap works. We settled an hour ago; the vendor pushed an update and it was fine.",
            facts: &[
                "no clear message",
                "other cards fail too",
                "only terminal",
                "tap",
                "old",
                "settled just now",
            ],
            fixed_by: &["update"],
            cause: "firmware.outdated",
            ..S
        },
        Situation {
            story: "Chip read errors have been growing for two weeks on many different cards at one counter; cleaning the slot with a cleaning card stopped them.",
            facts: &["keep growing", "chip read errors get more frequent"],
            fixed_by: &["cleaning card"],
            cause: "reader.hardware",
            ..S
        },
        Situation {
            story: "Declines are creeping up over the month, mostly cards of one bank. What should I look at?",
            facts: &["keep growing", "declines get more frequent"],
            cause: "monitoring",
            ..S
        },
        Situation {
            story: "The acquirer phoned: our payments are held for risk review after some large sales.",
            facts: &["risk review", "held for risk review"],
            cause: "acquirer.risk_policy",
            ..S
        },
        // ---- 中文 ----
        Situation {
            story: "顾客的卡一插就提示读卡失败，我让他芯片朝上插到底、等提示再拔，就成功了。",
            lang: Lang::ZhCn,
            facts: &["读卡失败"],
            fixed_by: &["干布"],
            cause: "staff.training",
            ..S
        },
        Situation {
            story: "一张卡总是读卡失败，别的卡都正常。电脑上的读卡器检测说芯片没反应，卡上有芯片，擦了也不行。",
            lang: Lang::ZhCn,
            facts: &["读卡失败", "只有顾客这张卡不行", "有芯片"],
            card: Some(Scenario::Mute),
            cause: "card.damaged",
            ..S
        },
        Situation {
            story: "终端提示卡已过期，可是卡面上的有效期还没到。后来发现POS的日期是2099年，改对就好了。",
            lang: Lang::ZhCn,
            facts: &["卡已过期", "不对"],
            fixed_by: &["日期时间"],
            clock_offset_ms: Some(0),
            cause: "config.terminal",
            ..S
        },
        Situation {
            story: "提示卡片已锁定，顾客说前几天在别处被吞过卡，银行把卡锁了。",
            lang: Lang::ZhCn,
            facts: &["卡片已锁定"],
            card: Some(Scenario::CardBlocked),
            cause: "card.expired_or_blocked",
            ..S
        },
        Situation {
            story: "签购单上显示应答码55，顾客说密码可能输错了，慢慢重输一次就成功了。",
            lang: Lang::ZhCn,
            facts: &["应答码", "55"],
            fixed_by: &["再输一次密码"],
            cause: "staff.training",
            ..S
        },
        Situation {
            story: "应答码75，顾客密码错了好几次，电脑读卡器上检测密码次数已用完。",
            lang: Lang::ZhCn,
            facts: &["应答码", "75"],
            card: Some(Scenario::PinExhausted),
            cause: "card.expired_or_blocked",
            ..S
        },
        Situation {
            story: "刷卡时终端显示交易超时，顾客问钱扣了没有。查了最后一笔，显示交易成功。",
            lang: Lang::ZhCn,
            facts: &["应答码", "交易超时", "这笔显示成功"],
            cause: "monitoring",
            ..S
        },
        Situation {
            story: "应答码97，终端未登记。我们上个月把POS搬到了新店。",
            lang: Lang::ZhCn,
            facts: &["应答码", "97"],
            cause: "acquirer.risk_policy",
            ..S
        },
        Situation {
            story: "应答码45，顾客的卡芯片读不出来，他问能不能刷磁条。我们在上海。",
            lang: Lang::ZhCn,
            facts: &["应答码", "45", "中国大陆"],
            cause: "card.chip_magstripe_mismatch",
            ..S
        },
        Situation {
            story: "一升级完POS，所有插卡都提示“请先更新IC卡参数”。重新签到、下载IC卡参数和公钥以后就好了。",
            lang: Lang::ZhCn,
            facts: &["请先更新IC卡参数", "所有芯片卡"],
            fixed_by: &["IC卡参数下载"],
            cause: "config.terminal",
            ..S
        },
        Situation {
            story: "终端隔一会儿就死机，收款程序卡住。今天早上刚结算过，重启以后就正常了。",
            lang: Lang::ZhCn,
            facts: &["死机", "刚刚结算过"],
            fixed_by: &["关机"],
            cause: "software.outdated",
            ..S
        },
        Situation {
            story: "打印机不出纸，签购单打不出来。纸装反了，换过来就好了。",
            lang: Lang::ZhCn,
            facts: &["打印机", "打印机不打印"],
            fixed_by: &["纸卷"],
            cause: "reader.hardware",
            ..S
        },
        Situation {
            story: "收单机构说我们的交易在做风控审核，钱压着不给结算，问我要营业执照。",
            lang: Lang::ZhCn,
            facts: &["风控审核", "在做风控审核"],
            cause: "acquirer.risk_policy",
            ..S
        },
        Situation {
            story: "这个月外卡越来越多被拒，国内卡都正常，外卡是联机以后被拒的，有应答码。",
            lang: Lang::ZhCn,
            facts: &["越来越多", "很多外卡被拒", "外卡被拒", "联机以后被拒"],
            cause: "issuer.risk_control",
            ..S
        },
        Situation {
            story: "昨晚停电，今天换了电池以后每张卡都被拒。POS上的日期变成了2000年。",
            lang: Lang::ZhCn,
            facts: &[
                "没有明确提示",
                "别的卡也不行",
                "只有这一台",
                "都不行",
                "停电",
                "不对",
            ],
            fixed_by: &["日期时间"],
            cause: "config.terminal",
            ..S
        },
        Situation {
            story: "店里所有POS都连不上，显示超时。查了最后一笔没有这笔交易。路由器亮红灯，重新插电以后就好了。",
            lang: Lang::ZhCn,
            facts: &[
                "没有明确提示",
                "别的卡也不行",
                "所有POS都不行",
                "超时",
                "没有这笔",
                "亮红灯",
            ],
            fixed_by: &["路由器"],
            cause: "network.unstable",
            ..S
        },
        Situation {
            story: "外地客人的芯片卡读不出来，终端让他刷磁条。我们在香港。",
            lang: Lang::ZhCn,
            facts: &["应答码", "45", "中国大陆以外"],
            fixed_by: &["磁条"],
            abroad: true,
            cause: "card.damaged",
            ..S
        },
    ]
}

/// Situations with the card reader of the shop's computer, walked through the reader guide.
#[allow(clippy::too_many_lines)]
fn reader_situations() -> Vec<Situation> {
    vec![
        Situation {
            story: "EMV Doctor says the card-reader service is not running on our Linux till PC. Our IT person installed the service and switched it on; now the reader is found.",
            facts: &["service is not running"],
            fixed_by: &["install it and switch it on"],
            system: Some(SystemKind::Linux),
            cause: "reader.connection",
            ..S
        },
        Situation {
            story: "We work on the shop's Linux PC from the office over remote desktop; the reader service is said not to run. Running EMV Doctor at the PC itself works.",
            facts: &["service is not running", "from another computer"],
            fixed_by: &["at the computer itself"],
            system: Some(SystemKind::Linux),
            cause: "reader.connection",
            ..S
        },
        Situation {
            story: "The card program on our Linux PC came as a Flatpak and says the card service is not running, although it is installed.",
            facts: &["service is not running", "own screen", "yes"],
            system: Some(SystemKind::Linux),
            cause: "reader.connection",
            ..S
        },
        Situation {
            story: "No reader is listed. Its light is on and the PC beeps when I plug it in. Installing the standard driver fixed it.",
            facts: &["no reader is listed", "the usb device is there"],
            fixed_by: &["standard card-reader driver"],
            system: Some(SystemKind::Linux),
            cause: "reader.connection",
            ..S
        },
        Situation {
            story: "The reader is listed, but the card is not detected. I had pushed it in upside down; chip first it reads.",
            facts: &["cards cannot be read", "card is not detected"],
            fixed_by: &["chip first"],
            cause: "staff.training",
            ..S
        },
        Situation {
            story: "No reader is listed, no light at all, on every USB port and with another cable.",
            facts: &["no reader is listed", "no light"],
            cause: "reader.hardware",
            ..S
        },
        Situation {
            story: "读卡器服务没有运行。插上读卡器等了一会儿还是不行，在“服务”里把Smart Card的启动类型改成手动并启动以后就好了。",
            lang: Lang::ZhCn,
            facts: &["读卡器服务没有运行"],
            fixed_by: &["启动类型"],
            system: Some(SystemKind::Windows),
            cause: "reader.connection",
            ..S
        },
        Situation {
            story: "Mac上提示读卡器服务没运行。把读卡器直接插到Mac上，不用扩展坞，就好了。",
            lang: Lang::ZhCn,
            facts: &["读卡器服务没有运行"],
            fixed_by: &["直接插到Mac上"],
            system: Some(SystemKind::MacOs),
            cause: "reader.connection",
            ..S
        },
        Situation {
            story: "列表里没有读卡器，灯是亮的，插上电脑也有提示音。打开设备管理器装了厂家驱动就好了。",
            lang: Lang::ZhCn,
            facts: &["列表里没有读卡器", "有USB设备"],
            fixed_by: &["设备管理器"],
            system: Some(SystemKind::Windows),
            cause: "reader.connection",
            ..S
        },
        Situation {
            story: "能看到读卡器，但总提示被其他程序占用。电脑上装了GnuPG做邮件签名，注销后重新登录就能用了。",
            lang: Lang::ZhCn,
            facts: &["被占用", "被其他程序占用", "GnuPG"],
            fixed_by: &["注销后重新登录"],
            system: Some(SystemKind::Linux),
            cause: "reader.connection",
            ..S
        },
        Situation {
            story: "读卡器能看到，可是这张卡检测不到，换成我自己的卡就能读出来。",
            lang: Lang::ZhCn,
            facts: &["读不了卡", "检测不到卡", "别的卡可以"],
            cause: "card.damaged",
            ..S
        },
    ]
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-02T10:00:00+08:00").expect("fixed time")
}

/// The option of `labels` the person picks: the one fitting the most facts, else "not sure".
fn pick(sit: &Situation, question: &str, labels: &[String]) -> usize {
    let lower = |s: &str| s.to_lowercase();
    let score = |l: &String| {
        sit.facts
            .iter()
            .filter(|f| lower(l).contains(&lower(f)))
            .count()
    };
    let best = labels
        .iter()
        .enumerate()
        .max_by_key(|(i, l)| (score(l), std::cmp::Reverse(*i)))
        .filter(|(_, l)| score(l) > 0)
        .map(|(i, _)| i);
    best.or_else(|| {
        labels
            .iter()
            .position(|l| NOT_SURE.iter().any(|n| lower(l).contains(n)))
    })
    .unwrap_or_else(|| {
        panic!(
            "{:?}: the person cannot answer {question:?} from the facts; options: {labels:?}",
            sit.story
        )
    })
}

/// Runs the check of node `c` with what the situation has, for real; `unavailable` when the
/// situation has nothing to check.
fn run_check(sit: &Situation, c: &emv_doctor::guide::model::Check) -> CheckResult {
    let unavailable = |why: &str| {
        CheckResult::unavailable(&c.check.to_string(), BTreeMap::new(), BiText::new(why, why))
    };
    let mut given = BTreeMap::new();
    let listener;
    match (c.check.to_string().as_str(), sit.host) {
        ("net.host", Some(Host::Up)) => {
            listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            let addr = listener.local_addr().expect("address");
            given.insert("host".to_owned(), addr.to_string());
            std::thread::spawn(move || {
                for conn in listener.incoming().take(16) {
                    drop(conn);
                }
            });
        }
        ("net.host", Some(Host::Refused)) => {
            given.insert("host".to_owned(), net_support::closed_port().to_string());
        }
        ("net.host", None) => return unavailable("no host to test"),
        _ => {}
    }
    let request = match CheckRequest::for_node(c, &given) {
        Ok(r) => r,
        Err(unavailable) => return *unavailable,
    };
    let sntp;
    let mut context = CheckContext::default();
    match c.check.to_string().as_str() {
        "card.probe" => {
            let Some(card) = sit.card else {
                return unavailable("no card reader here");
            };
            let report = probe::probe_scenario(card, &ProbeOptions::default());
            return run::finish(&request, &Ran::Card(Box::new(report)));
        }
        "net.clock" => {
            let Some(offset) = sit.clock_offset_ms else {
                return unavailable("no time server");
            };
            sntp = net_support::sntp_server(Some(offset));
            context.ntp_server = Some(NtpServer {
                host: "127.0.0.1".to_owned(),
                port: sntp.addr.port(),
            });
        }
        "net.host" => {}
        "system.os" => {
            let Some(kind) = sit.system else {
                return unavailable("no computer in this situation");
            };
            // This computer's system for real; another system as the shop's computer would
            // report it (the check's result is built the same way).
            let this = SystemInfo::detect();
            let system = if this.kind == kind {
                this
            } else {
                SystemInfo {
                    kind,
                    name: format!("{kind:?}"),
                }
            };
            return run::finish(&request, &Ran::System(system));
        }
        _ => return unavailable("not in this situation"),
    }
    run::run(&request, &context).0
}

/// Walks `sit` through `guide`; returns the session at the outcome.
fn walk(sit: &Situation, guide: &Guide) -> Session {
    let mut s = Session::start(guide, now());
    for _ in 0..30 {
        let node = s.current_node(guide).expect("node").clone();
        let text = node.text().get(sit.lang).to_owned();
        match &node {
            Node::Outcome(_) => return s,
            Node::Question(_) => {
                let labels: Vec<String> = s
                    .options(guide)
                    .iter()
                    .map(|e| e.label.get(sit.lang).to_owned())
                    .collect();
                let i = pick(sit, &text, &labels);
                s.answer(guide, i, now()).expect("answer");
            }
            Node::Step(_) => {
                let fixes = sit
                    .fixed_by
                    .iter()
                    .any(|f| text.to_lowercase().contains(&f.to_lowercase()));
                s.answer(guide, if fixes { 0 } else { 1 }, now())
                    .expect("step");
            }
            Node::Check(c) => {
                let result = run_check(sit, c);
                s.apply_check_result(guide, result, now()).expect("check");
            }
        }
    }
    panic!("{:?}: the walk never ended: {:?}", sit.story, s.path())
}

/// Words that switch a terminal off or reset it.
const RESTART: &[&str] = &[
    "restart",
    "reboot",
    "switch the terminal off",
    "switch off",
    "power off",
    "factory reset",
    "重启",
    "关机",
    "断电",
    "恢复出厂",
];
/// Advice to read a chip card's stripe.
const SWIPE: &[&str] = &[
    "swipe the chip card",
    "try swiping",
    "use the stripe",
    "改刷磁条",
    "可以刷磁条",
    "请刷磁条",
];
/// Advice to get round risk control.
const EVADE: &[&str] = &[
    "split the amount into",
    "try another terminal to",
    "分成几笔刷",
    "换台POS再刷",
];

/// The safety rules on the path actually walked.
fn assert_safe(sit: &Situation, guide: &Guide, s: &Session) {
    let nodes: Vec<&Node> = s
        .path()
        .iter()
        .map(|id| guide.node(id).expect("node"))
        .collect();
    let text = |n: &Node| format!("{} {}", n.text().en, n.text().zh).to_lowercase();
    let mut gated = false;
    let mut clock = false;
    let mut unclear = false;
    let mut queried = false;
    for (i, n) in nodes.iter().enumerate() {
        gated |= n.has(Tag::PendingGate);
        clock |= n.has(Tag::ChecksClock);
        queried |= n.has(Tag::QueriesLast);
        if n.has(Tag::RestartsTerminal)
            || matches!(n, Node::Step(_)) && RESTART.iter().any(|w| text(n).contains(w))
        {
            assert!(
                gated,
                "{:?}: {} restarts before the pending-transactions question",
                sit.story,
                n.id()
            );
        }
        if !sit.abroad {
            assert!(
                !n.has(Tag::Magstripe) && !SWIPE.iter().any(|w| text(n).contains(w)),
                "{:?}: {} advises the stripe in mainland China",
                sit.story,
                n.id()
            );
        }
        assert!(
            !n.has(Tag::ConcludesExpired) || clock,
            "{:?}: {} calls the card expired before the clock",
            sit.story,
            n.id()
        );
        assert!(
            !n.has(Tag::RetriesPayment) || !unclear || queried,
            "{:?}: {} retries after an unclear result without a query",
            sit.story,
            n.id()
        );
        assert!(
            !n.has(Tag::EvadesRiskControl) && !EVADE.iter().any(|w| text(n).contains(w)),
            "{:?}: {} advises getting round risk control",
            sit.story,
            n.id()
        );
        if let Some(choice) = &s.steps[i].choice
            && let Some(e) = n.edges().get(choice.index)
        {
            unclear |= e.tags.contains(&Tag::UnclearResult) || n.has(Tag::UnclearResult);
        }
    }
}

#[test]
fn at_least_thirty_situations_half_in_chinese() {
    let all = situations();
    assert!(all.len() >= 30, "{}", all.len());
    let zh = all.iter().filter(|s| s.lang == Lang::ZhCn).count();
    assert!(zh * 2 >= all.len(), "{zh} of {} in Chinese", all.len());
}

#[test]
fn every_situation_reaches_its_cause_in_ten_steps_safely() {
    walk_all("emv-error", situations());
}

#[test]
fn every_reader_situation_reaches_its_cause_in_ten_steps_safely() {
    walk_all("reader-setup", reader_situations());
}

/// The reader guide never asks what the app knows: which system this computer runs.
#[test]
fn no_guide_asks_which_system_this_computer_runs() {
    let (guides, errors) = builtin::load_all();
    assert!(errors.is_empty(), "{errors:?}");
    for g in &guides {
        for n in &g.nodes {
            if let Node::Question(_) = n {
                let edges = n.edges();
                let labels: Vec<&str> = edges.iter().map(|e| e.label.get(Lang::En)).collect();
                let systems = ["Linux", "Windows", "macOS"]
                    .iter()
                    .filter(|s| labels.iter().any(|l| l.trim() == **s))
                    .count();
                assert!(
                    systems < 2,
                    "{}: {} asks for the system: {labels:?}",
                    g.id,
                    n.id()
                );
            }
        }
    }
}

/// Walks each situation through guide `id` and checks it ends at its cause, in ten steps,
/// safely.
fn walk_all(id: &str, situations: Vec<Situation>) {
    let (guides, errors) = builtin::load_all();
    assert!(errors.is_empty(), "{errors:?}");
    let guide = guides.into_iter().find(|g| g.id == id).expect("guide");
    let mut failures = Vec::new();
    for sit in situations {
        let s = walk(&sit, &guide);
        let o = s.outcome(&guide).expect("outcome");
        let steps = s.steps.len() - 1;
        if !o.covers.iter().any(|c| c == sit.cause) {
            failures.push(format!(
                "{:?}: ended at {} ({:?}), expected {}; path {:?}",
                sit.story,
                o.id,
                o.covers,
                sit.cause,
                s.path()
            ));
        }
        if steps > 10 {
            failures.push(format!("{:?}: {steps} steps: {:?}", sit.story, s.path()));
        }
        assert!(
            o.hand_over.is_some() || o.confirm.is_some(),
            "{}: no hand-over and no confirmation",
            o.id
        );
        assert_safe(&sit, &guide, &s);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
