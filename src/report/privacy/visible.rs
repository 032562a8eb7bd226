//! Characters that hide, reorder or drive a terminal, shown instead as `\u{…}`. The gate turns
//! them visible in every field before it scans (what is scanned is what is shown), and every
//! export does it once more to its finished text.

/// `text` with every control character (other than line feed and tab) and every bidi
/// control shown as `\u{…}`, so nothing hides, reorders or drives a terminal.
pub fn visible_controls(text: &str, json: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let hidden = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        match (hidden, json) {
            (false, _) => out.push(c),
            (true, false) => out.push_str(&format!("\\u{{{:X}}}", u32::from(c))),
            (true, true) => out.push_str(&format!("\\\\u{{{:X}}}", u32::from(c))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_shown_and_line_breaks_kept() {
        assert_eq!(
            visible_controls("a\u{1b}b\u{202E}c\n\td", false),
            "a\\u{1B}b\\u{202E}c\n\td"
        );
        assert_eq!(visible_controls("\0", true), "\\\\u{0}");
    }
}
