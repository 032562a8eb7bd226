//! The built-in guides as content: every file in `guides/` loads through the engine without a
//! problem; scripted walks of the main guide (`emv-error`) end where a field technician would;
//! every cause code is reachable; and the safety rules hold on the graph itself (no restart
//! before the pending-transactions question, no stripe fallback for chip cards in mainland China,
//! the clock checked before a card is called expired, the right party named in each hand-over).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, FixedOffset};
use emv_doctor::finding::Finding;
use emv_doctor::guide::checks::{self, CheckResult};
use emv_doctor::guide::model::{CAUSES, Contact, HELPED, NOT_HELPED, Outcome, Tag};
use emv_doctor::guide::{self, Guide, Node, Session};
use emv_doctor::i18n::{BiText, Lang};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Words that switch a terminal off (and so can lose stored transactions).
const RESTART_WORDS: &[&str] = &[
    "restart",
    "reboot",
    "switch the terminal off",
    "switch off",
    "turn off",
    "power off",
    "factory reset",
    "reset the terminal",
    "重启",
    "关机",
    "断电",
    "恢复出厂",
];

/// Phrases that tell the user to read the stripe of a chip card.
const SWIPE_CHIP_PHRASES: &[&str] = &[
    "swipe the chip card",
    "swipe a chip card",
    "swipe it instead",
    "try swiping",
    "use the stripe instead",
    "改刷磁条",
    "改用磁条",
    "可以刷磁条",
    "请刷磁条",
];

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-11-25T10:00:00+08:00").expect("fixed time")
}

fn guide_files() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guides");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("guides/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    names.sort();
    names
}

fn load(file: &str) -> Guide {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("guides")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("readable guide");
    match guide::load(&format!("guides/{file}"), &text) {
        Ok(g) => g,
        Err(errors) => {
            let lines: Vec<String> = errors.0.iter().map(|e| e.display(Lang::En)).collect();
            panic!("guides/{file} has problems:\n{}", lines.join("\n"))
        }
    }
}

fn main_guide() -> Guide {
    load("emv-error.ron")
}

/// Every text a node shows (text, help, hand-over message), both languages, lower case.
fn node_text(node: &Node) -> String {
    let mut parts = vec![node.text().en.clone(), node.text().zh.clone()];
    if let Some(h) = node.help() {
        parts.push(h.en.clone());
        parts.push(h.zh.clone());
    }
    if let Node::Outcome(Outcome {
        hand_over: Some(h), ..
    }) = node
    {
        parts.push(h.tell.en.clone());
        parts.push(h.tell.zh.clone());
    }
    parts.join("\n").to_lowercase()
}

/// Ids reachable from the start. Nodes for which `stop` holds are reached but not left, and edges
/// for which `cut(from, index)` holds are not followed.
fn reachable(
    g: &Guide,
    stop: impl Fn(&Node) -> bool,
    cut: impl Fn(&Node, usize) -> bool,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![g.start.clone()];
    while let Some(id) = todo.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let node = g.node(&id).expect("validated guide");
        if stop(node) {
            continue;
        }
        for (i, e) in node.edges().iter().enumerate() {
            if !cut(node, i) {
                todo.push(e.to.to_owned());
            }
        }
    }
    seen
}

/// A scripted walk: picks answers by (part of) their English label, feeds check results.
struct Walk {
    guide: Guide,
    session: Session,
}

impl Walk {
    fn new(guide: Guide) -> Walk {
        let session = Session::start(&guide, now());
        Walk { guide, session }
    }

    fn at(&self) -> &str {
        self.session.current()
    }

    fn node(&self) -> &Node {
        self.session
            .current_node(&self.guide)
            .expect("current node")
    }

    /// Takes the way out whose English label contains `label`.
    fn pick(&mut self, label: &str) -> &mut Self {
        let options = self.session.options(&self.guide);
        let labels: Vec<String> = options
            .iter()
            .map(|e| e.label.get(Lang::En).to_owned())
            .collect();
        let index = labels
            .iter()
            .position(|l| l.contains(label))
            .unwrap_or_else(|| {
                panic!(
                    "at {:?} no answer like {label:?}; options: {labels:?}",
                    self.at()
                )
            });
        self.session
            .answer(&self.guide, index, now())
            .expect("answer taken");
        self
    }

    fn helped(&mut self) -> &mut Self {
        self.expect_step();
        self.pick(HELPED.en)
    }

    fn not_helped(&mut self) -> &mut Self {
        self.expect_step();
        self.pick(NOT_HELPED.en)
    }

    fn expect_step(&self) {
        assert!(
            matches!(self.node(), Node::Step(_)),
            "{:?} is not a step",
            self.at()
        );
    }

    /// Runs the current check node "for real" with these result codes.
    fn check(&mut self, codes: &[&str]) -> &mut Self {
        let Node::Check(c) = self.node() else {
            panic!("{:?} is not a check node", self.at())
        };
        let check = c.check.clone();
        let findings = codes
            .iter()
            .map(|code| {
                let def = checks::result_def(code)
                    .unwrap_or_else(|| panic!("{code} is no result of any check"));
                Finding::new(def, None)
            })
            .collect();
        let result = CheckResult {
            check,
            params: BTreeMap::new(),
            findings,
            summary: BiText::new("scripted result", "脚本结果"),
            recorded: None,
        };
        self.session
            .apply_check_result(&self.guide, result, now())
            .expect("check result applied");
        self
    }

    /// The check node's check could not run: the unavailable branch.
    fn check_unavailable(&mut self) -> &mut Self {
        let Node::Check(c) = self.node() else {
            panic!("{:?} is not a check node", self.at())
        };
        let result = CheckResult::unavailable(
            &c.check.clone(),
            BTreeMap::new(),
            BiText::new("no reader", "没有读卡器"),
        );
        self.session
            .apply_check_result(&self.guide, result, now())
            .expect("unavailable result applied");
        self
    }

    fn visited(&self, id: &str) -> bool {
        self.session.path().contains(&id)
    }

    /// The walk has ended at `id`, which covers `cause`; returns the outcome.
    fn ends_at(&self, id: &str, cause: &str) -> &Outcome {
        let outcome = self
            .session
            .outcome(&self.guide)
            .unwrap_or_else(|| panic!("walk not finished, at {:?}", self.at()));
        assert_eq!(outcome.id, id, "path: {:?}", self.session.path());
        assert!(
            outcome.covers.iter().any(|c| c == cause),
            "{id} does not cover {cause}: {:?}",
            outcome.covers
        );
        outcome
    }
}

fn handed_to(o: &Outcome) -> Option<Contact> {
    o.hand_over.as_ref().map(|h| h.to)
}

// ------------------------------------------------------------------ every guide loads

#[test]
fn every_guide_file_loads_without_problems() {
    let files = guide_files();
    for f in ["emv-error.ron", "reader-setup.ron", "staff-training.ron"] {
        assert!(files.iter().any(|n| n == f), "guides/{f} is missing");
    }
    for f in &files {
        let g = load(f);
        assert!(g.node(&g.start).is_some(), "{f}: start node");
        assert!(g.outcomes().count() > 0, "{f}: no outcome");
    }
}

#[test]
fn main_guide_has_at_least_sixty_nodes() {
    let g = main_guide();
    assert!(g.nodes.len() >= 60, "only {} nodes", g.nodes.len());
}

#[test]
fn every_cause_is_covered_by_an_outcome_reachable_from_the_start() {
    let g = main_guide();
    let reach = reachable(&g, |_| false, |_, _| false);
    let covered: BTreeSet<&str> = g
        .outcomes()
        .filter(|o| reach.contains(&o.id))
        .flat_map(|o| o.covers.iter().map(String::as_str))
        .collect();
    let all: BTreeSet<&str> = CAUSES.iter().copied().collect();
    let missing: Vec<&&str> = all.difference(&covered).collect();
    assert!(missing.is_empty(), "causes not covered: {missing:?}");
}

#[test]
fn training_guide_ends_in_staff_training() {
    let g = load("staff-training.ron");
    assert!(
        g.outcomes()
            .all(|o| o.covers.iter().any(|c| c == "staff.training"))
    );
    let questions = g
        .nodes
        .iter()
        .filter(|n| n.text().en.contains("What do you do?"))
        .count();
    assert!(questions >= 7, "only {questions} scenarios");
}

#[test]
fn reader_setup_guide_starts_with_the_reader_check() {
    let g = load("reader-setup.ron");
    let Some(Node::Check(c)) = g.node(&g.start) else {
        panic!("reader-setup must start with a check")
    };
    assert_eq!(c.check, "reader.present");
}

// ------------------------------------------------------------------ safety rules on the graph

#[test]
fn no_restart_before_the_pending_transactions_question() {
    for file in guide_files() {
        let g = load(&file);
        if file == "staff-training.ron" {
            // Quiz answers name wrong reactions on purpose; the explanations say why they are wrong.
            continue;
        }
        let is_gate = |n: &Node| n.has(Tag::PendingGate);
        for gate in g.nodes.iter().filter(|n| is_gate(n)) {
            let text = node_text(gate);
            assert!(
                text.contains("结算") && text.contains("settlement"),
                "{file}: gate {} must say how to upload（settlement / 结算）",
                gate.id()
            );
        }
        let before_gate = reachable(&g, is_gate, |_, _| false);
        for id in &before_gate {
            let node = g.node(id).expect("node");
            if is_gate(node) {
                continue;
            }
            let text = node_text(node);
            for w in RESTART_WORDS {
                assert!(
                    !text.contains(w),
                    "{file}: {id} says {w:?} but is reachable before any pending-transactions question"
                );
            }
        }
    }
}

#[test]
fn tags_match_what_the_text_says() {
    // The tags carry the safety rules; a step that restarts must say so in its tags.
    for file in guide_files() {
        let g = load(&file);
        for n in g.nodes.iter().filter(|n| matches!(n, Node::Step(_))) {
            let says = RESTART_WORDS
                .iter()
                .any(|w| n.text().en.to_lowercase().contains(w) || n.text().zh.contains(w));
            let restarts_router_only = n.id() == "router_step";
            if says && !restarts_router_only {
                assert!(
                    n.has(Tag::RestartsTerminal),
                    "{file}: step {} restarts the terminal but is not tagged restarts_terminal",
                    n.id()
                );
            }
        }
        for n in &g.nodes {
            let t = node_text(n);
            if SWIPE_CHIP_PHRASES.iter().any(|p| t.contains(p)) {
                assert!(
                    n.has(Tag::Magstripe),
                    "{file}: {} advises the stripe",
                    n.id()
                );
            }
        }
    }
}

#[test]
fn restart_steps_exist_and_sit_behind_gates() {
    // The rule above must have something to bite on: the main guide does restart terminals.
    let g = main_guide();
    let restarting: Vec<&str> = g
        .nodes
        .iter()
        .filter(|n| matches!(n, Node::Step(_)))
        .filter(|n| RESTART_WORDS.iter().any(|w| node_text(n).contains(w)))
        .map(Node::id)
        .collect();
    assert!(restarting.len() >= 3, "restart steps: {restarting:?}");
}

/// Whether way out `index` of `node` is the "outside mainland China" answer of a location question.
fn is_outside_china_answer(node: &Node, index: usize) -> bool {
    let Node::Question(q) = node else {
        return false;
    };
    q.answers.iter().any(|a| a.label.en == "In mainland China")
        && q.answers[index]
            .label
            .en
            .starts_with("Outside mainland China")
}

#[test]
fn no_stripe_fallback_for_chip_cards_unless_outside_mainland_china() {
    let g = main_guide();
    let recommends = |n: &Node| {
        let t = node_text(n);
        SWIPE_CHIP_PHRASES.iter().any(|p| t.contains(p))
    };
    // The phrases do catch the one node that does advise fallback (outside mainland China).
    let advising: Vec<&str> = g
        .nodes
        .iter()
        .filter(|n| recommends(n))
        .map(Node::id)
        .collect();
    assert!(!advising.is_empty(), "the fallback step must exist");
    let without_abroad = reachable(&g, |_| false, is_outside_china_answer);
    for id in &without_abroad {
        assert!(
            !recommends(g.node(id).expect("node")),
            "{id} advises swiping a chip card without the user saying the terminal is outside mainland China"
        );
    }
    // And the mainland-China answer states the rule.
    let mut w = Walk::new(g);
    w.pick("A response code")
        .pick("45")
        .pick("In mainland China");
    let o = w.ends_at("out_china_no_fallback", "card.damaged");
    assert!(o.text.en.contains("1 May 2017") && o.text.zh.contains("2017年5月1日"));
}

#[test]
fn the_clock_is_checked_before_a_card_is_called_expired() {
    let g = main_guide();
    let is_clock = |n: &Node| matches!(n, Node::Check(c) if c.check == "net.clock");
    let before_clock = reachable(&g, is_clock, |_, _| false);
    let expired_outcomes: Vec<&Outcome> = g
        .outcomes()
        .filter(|o| o.covers.iter().any(|c| c == "card.expired_or_blocked"))
        .filter(|o| o.text.en.contains("expired"))
        .collect();
    assert!(!expired_outcomes.is_empty());
    for o in expired_outcomes {
        assert!(
            !before_clock.contains(&o.id),
            "{} calls the card expired without a clock check on the way",
            o.id
        );
    }
}

#[test]
fn hand_overs_name_the_right_party() {
    let g = main_guide();
    for o in g.outcomes() {
        let Some(to) = handed_to(o) else { continue };
        let covers = |c: &str| o.covers.iter().any(|x| x == c);
        if covers("card.damaged") || covers("card.expired_or_blocked") {
            assert_eq!(
                to,
                Contact::Issuer,
                "{}: card problems go to the bank",
                o.id
            );
        }
        if covers("host.sign_in") || covers("acquirer.risk_policy") {
            assert_eq!(to, Contact::Acquirer, "{}: keys and merchant set-up", o.id);
        }
        if covers("reader.hardware") || covers("firmware.outdated") {
            assert_eq!(to, Contact::Vendor, "{}: hardware goes to the vendor", o.id);
        }
        assert!(
            !o.hand_over.as_ref().expect("hand-over").tell.en.is_empty(),
            "{}: say what to tell",
            o.id
        );
    }
}

// ------------------------------------------------------------------ scripted scenarios

#[test]
fn every_card_fails_and_the_network_is_down() {
    let mut w = Walk::new(main_guide());
    w.pick("No clear message")
        .pick("No, other cards fail too")
        .pick("No, every terminal in the shop fails")
        .pick("Timeouts")
        .pick("No such payment")
        .check(&["net.unreachable"])
        .not_helped();
    let o = w.ends_at("out_isp", "network.unstable");
    assert_eq!(handed_to(o), Some(Contact::NetworkProvider));
    assert!(w.visited("router_step"));
}

#[test]
fn one_terminal_on_a_shaky_wireless_line_is_put_on_a_cable() {
    let mut w = Walk::new(main_guide());
    w.pick("Chip read error")
        .not_helped()
        .pick("No, other cards fail too")
        .pick("Yes, only this terminal fails")
        .pick("Nothing works")
        .pick("Later")
        .pick("No such payment")
        .check(&["net.loss", "net.wireless"]);
    assert_eq!(w.at(), "wired_step");
    assert!(
        w.node()
            .text()
            .en
            .contains("network cable instead of Wi-Fi or 4G")
    );
    w.helped();
    w.ends_at("out_network_fixed", "network.unstable");
}

#[test]
fn network_check_that_cannot_run_is_answered_by_hand() {
    let mut w = Walk::new(main_guide());
    w.pick("A response code")
        .pick("68, 98")
        .pick("No such payment");
    w.check_unavailable();
    assert_eq!(w.at(), "net_hand");
    w.pick("Wi-Fi or 4G").not_helped();
    w.ends_at("out_isp", "network.unstable");
}

#[test]
fn one_card_with_an_unreadable_chip_is_damaged() {
    let mut w = Walk::new(main_guide());
    w.pick("Chip read error")
        .not_helped()
        .pick("Yes, only the customer's card fails")
        .check(&["card.mute"])
        .pick("Yes, it has a chip")
        .not_helped();
    let o = w.ends_at("out_card_damaged", "card.damaged");
    assert_eq!(handed_to(o), Some(Contact::Issuer));
}

#[test]
fn card_without_a_chip_is_a_chip_magstripe_mismatch() {
    let mut w = Walk::new(main_guide());
    w.pick("Chip read error")
        .not_helped()
        .pick("Yes, only the customer's card fails")
        .check(&["card.mute"])
        .pick("No, there is no chip");
    w.ends_at("out_stripe_only_card", "card.chip_magstripe_mismatch");
}

#[test]
fn probe_finds_the_card_expired() {
    let mut w = Walk::new(main_guide());
    w.pick("Chip read error")
        .not_helped()
        .pick("Yes, only the customer's card fails")
        .check(&["app.expired"]);
    assert_eq!(w.at(), "exp_clock", "the clock comes first");
    w.check(&["clock.ok"])
        .pick("Yes, the terminal's date and time are right")
        .pick("Yes, it has passed");
    let o = w.ends_at("out_card_expired", "card.expired_or_blocked");
    assert_eq!(handed_to(o), Some(Contact::Issuer));
}

#[test]
fn code_54_with_a_wrong_terminal_clock_is_the_terminal_configuration() {
    let mut w = Walk::new(main_guide());
    w.pick("A response code")
        .pick("54")
        .check(&["clock.unreachable"])
        .pick("No, the terminal's date or time is wrong")
        .helped();
    w.ends_at("out_time_fixed", "config.terminal");
}

#[test]
fn probe_finds_the_card_blocked_or_pin_exhausted() {
    let mut w = Walk::new(main_guide());
    w.pick("Card blocked or card expired")
        .pick("Card blocked")
        .check(&["app.blocked"]);
    w.ends_at("out_card_blocked", "card.expired_or_blocked");

    let mut w = Walk::new(main_guide());
    w.pick("A response code")
        .pick("75 or 38")
        .check(&["pin.tries_exhausted"]);
    w.ends_at("out_pin_blocked", "card.expired_or_blocked");
}

#[test]
fn codes_77_and_a0_mean_sign_in_again() {
    let mut w = Walk::new(main_guide());
    w.pick("A response code").pick("77, 99 or A0");
    assert_eq!(w.at(), "signin_step");
    assert!(
        w.node().text().zh.contains("先结算再签到"),
        "77: settle first"
    );
    w.helped();
    w.ends_at("out_signin_ok", "host.sign_in");
    let mut w = Walk::new(main_guide());
    w.pick("A response code")
        .pick("77, 99 or A0")
        .not_helped()
        .pick("A0, 99");
    let o = w.ends_at("out_rekey", "host.sign_in");
    assert_eq!(handed_to(o), Some(Contact::Acquirer));
}

#[test]
fn update_ic_parameters_message_is_the_terminal_configuration() {
    let mut w = Walk::new(main_guide());
    w.pick("请先更新IC卡参数").pick("Every chip card");
    let text = &w.node().text().zh;
    assert!(text.contains("IC卡参数下载") && text.contains("公钥下载"));
    w.helped();
    w.ends_at("out_params_ok", "config.terminal");
}

#[test]
fn only_foreign_cards_fail_is_acceptance_not_opened() {
    let mut w = Walk::new(main_guide());
    w.pick("请先更新IC卡参数")
        .pick("Only foreign cards")
        .pick("No, or not sure");
    let o = w.ends_at("out_foreign_not_open", "card.not_supported");
    assert_eq!(handed_to(o), Some(Contact::Acquirer));
}

#[test]
fn healthy_card_the_terminal_does_not_know_goes_to_the_acquirer() {
    let mut w = Walk::new(main_guide());
    w.pick("请先更新IC卡参数")
        .pick("Only one kind of card")
        .check(&["card.ok", "card.chip_required"])
        .not_helped();
    w.ends_at("out_aid_missing", "card.not_supported");
}

#[test]
fn bank_decline_of_a_healthy_card_is_issuer_risk_control() {
    let mut w = Walk::new(main_guide());
    w.pick("A response code")
        .pick("05, 59, 62")
        .pick("Only this card")
        .check(&["card.ok"]);
    let o = w.ends_at("out_issuer_risk", "issuer.risk_control");
    assert_eq!(handed_to(o), Some(Contact::Issuer));
}

#[test]
fn many_declines_after_a_change_are_the_acquirer_risk_policy() {
    let mut w = Walk::new(main_guide());
    w.pick("A response code")
        .pick("05, 59, 62")
        .pick("Many different cards")
        .pick("Yes, something like that");
    w.ends_at("out_acquirer_risk", "acquirer.risk_policy");
}

#[test]
fn pin_pad_check_waits_for_the_upload_and_keeps_the_terminal_on_when_it_fails() {
    let mut w = Walk::new(main_guide());
    w.pick("CHECK PINPAD").pick("Yes, a separate PIN pad");
    assert_eq!(w.at(), "pending_pinpad");
    w.pick("Settlement does not go through");
    w.ends_at("out_keep_on", "network.unstable");

    let mut w = Walk::new(main_guide());
    w.pick("CHECK PINPAD")
        .pick("Yes, a separate PIN pad")
        .pick("We ran Settlement")
        .not_helped()
        .not_helped();
    let o = w.ends_at("out_reader_vendor", "reader.hardware");
    assert_eq!(handed_to(o), Some(Contact::Vendor));
}

#[test]
fn old_terminal_is_updated_after_settlement() {
    let mut w = Walk::new(main_guide());
    w.pick("No clear message")
        .pick("No, other cards fail too")
        .pick("This is our only terminal")
        .pick("Tap（闪付）works")
        .not_helped()
        .pick("The terminal is old")
        .pick("No, or we settled just now")
        .helped();
    let o = w.ends_at("out_updated", "firmware.outdated");
    assert!(o.covers.iter().any(|c| c == "software.outdated"));
}

#[test]
fn back_and_resume_keep_a_scripted_walk_exact() {
    let mut w = Walk::new(main_guide());
    w.pick("Chip read error")
        .not_helped()
        .pick("No other card at hand");
    assert!(w.session.back());
    w.pick("Yes, only the customer's card fails")
        .check(&["card.removed"]);
    assert_eq!(w.at(), "one_hand");
    let saved = ron::to_string(&w.session).expect("session serialises");
    let resumed: Session = ron::from_str(&saved).expect("session deserialises");
    assert_eq!(resumed, w.session);
    resumed.check_resume(&w.guide).expect("resumable");
}
