//! Chinese text uses full-width punctuation: every Chinese string in the sources and the guides
//! is scanned, and an ASCII `, : ? ; ( )` written next to a Chinese character fails the test
//! (an English sentence keeps ASCII; its glosses put the Chinese word in full-width brackets,
//! as in "Sign in（签到）").
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod source_support;

use source_support::{literals, project_sources};

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
        || "“”‘’…—".contains(c)
}

/// Whether a string literal is Chinese text: it has Chinese characters and is not an English
/// sentence with a Chinese gloss in it.
fn is_chinese(s: &str) -> bool {
    let han = s
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let latin = s.chars().filter(char::is_ascii_alphabetic).count();
    let english_pairs = s
        .as_bytes()
        .windows(3)
        .filter(|w| w[0].is_ascii_alphabetic() && w[1] == b' ' && w[2].is_ascii_alphabetic())
        .count();
    han > 0 && (han * 3 >= latin || english_pairs == 0)
}

/// The ASCII marks next to a Chinese character in `s`, each with a little context.
fn half_width_marks(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !",:?;()".contains(c) {
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
            let from = i.saturating_sub(8);
            let to = (i + 8).min(chars.len());
            found.push(chars[from..to].iter().collect());
        }
    }
    found
}

#[test]
fn chinese_text_uses_full_width_punctuation() {
    let paths = project_sources();
    let mut bad = Vec::new();
    let mut chinese = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        for (line, lit) in literals(&text) {
            if !is_chinese(&lit) {
                continue;
            }
            chinese += 1;
            for mark in half_width_marks(&lit) {
                bad.push(format!("{}:{line}: …{mark}…", path.display()));
            }
            if lit.contains("。。") {
                bad.push(format!("{}:{line}: doubled 。", path.display()));
            }
        }
    }
    assert!(chinese > 300, "only {chinese} Chinese strings found");
    assert!(
        bad.is_empty(),
        "ASCII punctuation next to Chinese:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_scan_tells_chinese_from_english_glosses() {
    assert!(is_chinese("重新签到;如果提示先结算"));
    assert!(is_chinese("GnuPG(gpg、Kleopatra、邮件签名)"));
    assert!(!is_chinese("Sign in again (签到); then retry"));
    assert_eq!(half_width_marks("联系:客服(电话)").len(), 3);
    assert!(half_width_marks("联系：客服（电话）").is_empty());
    assert!(half_width_marks("时间 09:50").is_empty());
}
