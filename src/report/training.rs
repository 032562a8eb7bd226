//! Practice records (training mode) kept apart from the customer's: a report for support holds
//! only the real probes and walks unless the user includes the practice ones. Pure, no I/O.
//!
//! Guide check steps point at their full result by index ([`Recorded::CardProbe`]); leaving
//! practice probes out renumbers the rest, so every pointer is renumbered with them and a
//! pointer at a left-out probe is dropped (the step keeps its findings and summary).

use super::model::Report;
use crate::guide::checks::Recorded;

/// The reader name of a virtual card probed in process (`card::probe::probe_scenario`).
const VIRTUAL_READER: &str = "sim:";

impl Report {
    /// Whether the report holds any practice probe or walk.
    pub fn has_training(&self) -> bool {
        self.card_probes.iter().any(|p| p.training) || self.guide_walks.iter().any(|w| w.training)
    }

    /// The report without its practice probes and walks, every check step's pointer at a card
    /// probe renumbered to match.
    pub fn without_training(&self) -> Report {
        let mut out = self.clone();
        if !self.has_training() {
            return out;
        }
        // Old index -> new index, for the probes that stay.
        let mut renumber = Vec::with_capacity(self.card_probes.len());
        let mut kept = 0;
        for p in &self.card_probes {
            renumber.push((!p.training).then_some(kept));
            kept += usize::from(!p.training);
        }
        out.card_probes.retain(|p| !p.training);
        out.guide_walks.retain(|w| !w.training);
        let checks = out
            .guide_walks
            .iter_mut()
            .flat_map(|w| w.session.steps.iter_mut())
            .filter_map(|v| v.check.as_mut());
        for check in checks {
            if let Some(Recorded::CardProbe(i)) = check.recorded {
                check.recorded = renumber.get(i).copied().flatten().map(Recorded::CardProbe);
            }
        }
        out
    }

    /// Marks the probes of virtual cards as practice: files written before the mark existed
    /// (format 3 and older) know them only by their reader name, `sim:NAME`.
    pub(crate) fn mark_virtual_cards(&mut self) {
        for p in &mut self.card_probes {
            p.training |= p.report.reader.starts_with(VIRTUAL_READER);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::card::probe::{ProbeOptions, probe_scenario};
    use crate::guide::checks::Recorded;
    use crate::i18n::Lang;
    use crate::report::Report;
    use chrono::DateTime;

    fn now() -> chrono::DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339("2026-12-06T14:00:00+08:00").unwrap()
    }

    /// A practice probe, a real walk whose card check recorded the real probe after it, and a
    /// practice walk.
    fn mixed() -> Report {
        let lib = crate::guide::library::load_all(None);
        let guide = lib.get("emv-error").unwrap();
        let mut r = Report::new(now(), Lang::ZhCn);
        let card = |s: &str| probe_scenario(s.parse().unwrap(), &ProbeOptions::default());
        r.add_training_probe(now(), card("mute"));
        let real = r.add_probe(now(), card("expired"));
        let mut session = crate::guide::Session::start(guide, now());
        let mut result = crate::guide::checks::CheckResult::unavailable(
            "card.probe",
            Default::default(),
            crate::i18n::BiText::new("x", "x"),
        );
        result.recorded = Some(Recorded::CardProbe(real));
        session.steps[0].check = Some(result.clone());
        let w = r.add_session(now(), guide, session.clone());
        // A pointer at the practice probe (a hand-edited file): dropped, not moved.
        result.recorded = Some(Recorded::CardProbe(0));
        session.steps[0].check = Some(result);
        r.add_session(now(), guide, session.clone());
        r.add_training_session(now(), guide, session);
        assert!(r.update_session(now(), w, guide, r.guide_walks[w].session.clone()));
        r
    }

    fn pointer(r: &Report, walk: usize) -> Option<Recorded> {
        r.guide_walks[walk].session.steps[0]
            .check
            .as_ref()
            .unwrap()
            .recorded
    }

    #[test]
    fn practice_records_leave_and_pointers_follow_their_probe() {
        let r = mixed();
        assert!(r.has_training());
        assert!(r.guide_walks[2].training, "the mark survives an update");
        let real = r.without_training();
        assert!(!real.has_training());
        assert_eq!(real.card_probes.len(), 1);
        assert_eq!(real.card_probes[0].report.reader, "sim:expired");
        assert_eq!(real.guide_walks.len(), 2);
        // The step pointed at probe 1; it is probe 0 now, and still the expired card.
        assert_eq!(pointer(&real, 0), Some(Recorded::CardProbe(0)));
        assert_eq!(pointer(&r, 0), Some(Recorded::CardProbe(1)));
        assert_eq!(pointer(&real, 1), None, "no pointer at a left-out probe");
    }

    #[test]
    fn a_report_without_practice_is_left_as_it_is() {
        let mut r = mixed();
        r.card_probes.iter_mut().for_each(|p| p.training = false);
        r.guide_walks.iter_mut().for_each(|w| w.training = false);
        assert_eq!(r.without_training(), r);
    }

    #[test]
    fn old_virtual_card_probes_become_practice() {
        let mut r = mixed();
        r.card_probes.iter_mut().for_each(|p| p.training = false);
        r.mark_virtual_cards();
        assert!(r.card_probes.iter().all(|p| p.training));
    }
}
