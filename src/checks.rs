//! Runs a guide's automated checks for real: PC/SC readers, the card probe, the network and the
//! clock. Blocking (the GUI calls [`run_check`] on a worker thread; the CLI calls it directly).
//!
//! Which checks exist, their parameters and result codes is [`crate::guide::checks`] (pure);
//! this module only does the I/O and turns what it finds into a
//! [`CheckResult`](crate::guide::checks::CheckResult). A check that cannot run gives the
//! `unavailable` result with the reason, so the user answers by hand; it never guesses.

use crate::guide::checks::{self, CheckResult};
use crate::i18n::BiText;
use std::collections::BTreeMap;

/// Runs check `id` with `params` and returns what it found. Never panics; an unknown check, a
/// bad parameter or a missing backend gives an `unavailable` result saying why.
pub fn run_check(id: &str, params: &BTreeMap<String, String>) -> CheckResult {
    let Some(def) = checks::by_id(id) else {
        return CheckResult::unavailable(
            id,
            params.clone(),
            BiText::new(
                format!("EMV Doctor has no check called {id:?}."),
                format!("EMV Doctor 没有名为 {id:?} 的检查。"),
            ),
        );
    };
    for (name, value) in params {
        if !def.param(name).is_some_and(|p| (p.valid)(value)) {
            return CheckResult::unavailable(
                id,
                params.clone(),
                BiText::new(
                    format!("Parameter {name:?} = {value:?} is not valid for this check."),
                    format!("参数 {name:?} = {value:?} 对此检查无效。"),
                ),
            );
        }
    }
    for p in def.params {
        if p.ask.is_some() && !params.contains_key(p.name) {
            return CheckResult::unavailable(
                id,
                params.clone(),
                BiText::new(
                    format!("No {} was given, so the check did not run.", p.name),
                    format!("未提供 {},未进行检查。", p.name),
                ),
            );
        }
    }
    not_in_this_build(id, params)
}

fn not_in_this_build(id: &str, params: &BTreeMap<String, String>) -> CheckResult {
    CheckResult::unavailable(
        id,
        params.clone(),
        BiText::new(
            format!("The {id} check is not available in this build of EMV Doctor."),
            format!("此版本的 EMV Doctor 暂不支持 {id} 检查。"),
        ),
    )
}
