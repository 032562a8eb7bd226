//! Times as people read them. Stored times keep the offset they were recorded with (UTC from
//! the network checks, the shop's offset in reports); everything a person reads goes through
//! [`format`], after [`local`] (the window, the CLI) or [`in_zone`] (exports, in the report's
//! own zone, so they read the same wherever they are opened).

use chrono::{DateTime, FixedOffset, Local, TimeZone};

/// How much of a time to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `14:05`.
    Clock,
    /// `14:05:09`.
    ClockSeconds,
    /// `2026-12-06 14:05`.
    DateTime,
    /// `2026-12-06 14:05:09 (UTC+08:00)`: exports and technical details, read by people in
    /// other time zones.
    WithOffset,
}

/// `t` as written in its own offset, in `style`.
pub fn format(t: &DateTime<FixedOffset>, style: Style) -> String {
    match style {
        Style::Clock => t.format("%H:%M").to_string(),
        Style::ClockSeconds => t.format("%H:%M:%S").to_string(),
        Style::DateTime => t.format("%Y-%m-%d %H:%M").to_string(),
        Style::WithOffset => format!(
            "{} ({})",
            t.format("%Y-%m-%d %H:%M:%S"),
            offset_name(*t.offset())
        ),
    }
}

/// An offset as people write it: `UTC`, `UTC+08:00`, `UTC−03:30`.
pub fn offset_name(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    if secs == 0 {
        return "UTC".to_owned();
    }
    let sign = if secs < 0 { '−' } else { '+' };
    let m = secs.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// `t` in this computer's time zone (with the offset that zone had at that moment).
pub fn local<Tz: TimeZone>(t: &DateTime<Tz>) -> DateTime<FixedOffset> {
    t.with_timezone(&Local).fixed_offset()
}

/// `t` moved to `zone`.
pub fn in_zone<Tz: TimeZone>(t: &DateTime<Tz>, zone: FixedOffset) -> DateTime<FixedOffset> {
    t.with_timezone(&zone)
}

/// A stored RFC 3339 time (`2026-12-06T06:54:56.898Z`); `None` when it is not one.
pub fn parse(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s.trim()).ok()
}

/// A stored time string shown in this computer's zone in `style`; text that is not an
/// RFC 3339 time (older reports wrote `2026-12-06 14:05:09 +08:00`) is shown as it is.
pub fn shown_local(s: &str, style: Style) -> String {
    parse(s).map_or_else(|| s.to_owned(), |t| format(&local(&t), style))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<FixedOffset> {
        parse(s).unwrap()
    }

    #[test]
    fn styles() {
        let t = utc("2026-12-06T06:54:56.898Z");
        let shanghai = FixedOffset::east_opt(8 * 3600).unwrap();
        let there = in_zone(&t, shanghai);
        assert_eq!(format(&there, Style::Clock), "14:54");
        assert_eq!(format(&there, Style::ClockSeconds), "14:54:56");
        assert_eq!(format(&there, Style::DateTime), "2026-12-06 14:54");
        assert_eq!(
            format(&there, Style::WithOffset),
            "2026-12-06 14:54:56 (UTC+08:00)"
        );
        assert_eq!(format(&t, Style::WithOffset), "2026-12-06 06:54:56 (UTC)");
    }

    #[test]
    fn offsets() {
        let west = FixedOffset::west_opt(3 * 3600 + 1800).unwrap();
        assert_eq!(offset_name(west), "UTC−03:30");
        assert_eq!(offset_name(FixedOffset::east_opt(0).unwrap()), "UTC");
    }

    #[test]
    fn local_keeps_the_instant() {
        let t = utc("2026-12-06T06:54:56Z");
        assert_eq!(local(&t), t);
        assert_eq!(shown_local("not a time", Style::Clock), "not a time");
        assert_eq!(
            shown_local("2026-12-06T06:54:56Z", Style::WithOffset),
            format(&local(&t), Style::WithOffset)
        );
    }
}
