//! Timestamps and durations as users type and read them.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// A Unix timestamp as RFC 3339 UTC, or the raw number when out of chrono's range.
pub fn fmt_ts(ts: i64) -> String {
    match DateTime::<Utc>::from_timestamp(ts, 0) {
        Some(t) => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        None => format!("@{ts}"),
    }
}

/// A span in seconds, short and readable: `45s`, `2m5s`, `3h4m`, `2d3h`, `56 years`.
pub fn fmt_duration(secs: i64) -> String {
    let neg = if secs < 0 { "-" } else { "" };
    format!("{neg}{}", fmt_span(secs.unsigned_abs()))
}

/// [`fmt_duration`] of a span that may be wider than i64 (between two i64 timestamps).
pub fn fmt_span(s: u64) -> String {
    const YEAR: u64 = 31_557_600;
    match s {
        _ if s >= YEAR => {
            let y = s as f64 / YEAR as f64;
            if y >= 10.0 { format!("{y:.0} years") } else { format!("{y:.1} years") }
        }
        _ if s >= 86_400 => two(s / 86_400, "d", (s % 86_400) / 3600, "h"),
        _ if s >= 3600 => two(s / 3600, "h", (s % 3600) / 60, "m"),
        _ if s >= 60 => two(s / 60, "m", s % 60, "s"),
        _ => format!("{s}s"),
    }
}

fn two(a: u64, ua: &str, b: u64, ub: &str) -> String {
    if b == 0 { format!("{a}{ua}") } else { format!("{a}{ua}{b}{ub}") }
}

/// The longest duration any flag takes. Far beyond any simulation or trace gap, and far below
/// what makes `Instant + d`, chrono or a Simulation's duration overflow.
pub const MAX_DURATION: Duration = Duration::from_secs(100 * 31_557_600);

/// The one duration parser of every flag: `10s`, `1h30m`, `2d`, `500ms`, or a bare number of
/// seconds (`90` = `90s`). Negative, unparseable or longer than 100 years: an error (clap turns
/// it into a usage error, exit 2).
pub fn parse_std_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let d = if t.starts_with('-') {
        return Err(format!("negative duration {s:?}"));
    } else if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        // A bare number is seconds; one too big for u64 is simply too long.
        Duration::from_secs(t.parse::<u64>().map_err(|_| too_long(s))?)
    } else {
        humantime::parse_duration(t).map_err(|e| match e {
            humantime::DurationError::NumberOverflow => too_long(s),
            e => format!("invalid duration {s:?} ({e}); use e.g. 90 (seconds), 30s, 10m, 1h"),
        })?
    };
    if d > MAX_DURATION {
        return Err(too_long(s));
    }
    Ok(d)
}

fn too_long(s: &str) -> String {
    format!("duration {s:?} is too long: at most 100 years")
}

/// [`parse_std_duration`] in whole seconds (sub-second parts are dropped).
pub fn parse_duration(s: &str) -> Result<i64, String> {
    parse_std_duration(s).map(|d| d.as_secs() as i64)
}

/// Parses a start time: `now`, a Unix timestamp, or an RFC 3339 date. Before 1970 (negative) is
/// an error: no trace timestamp we write goes negative.
pub fn parse_start(s: &str, now: i64) -> Result<i64, String> {
    let t = if s == "now" {
        now
    } else if let Ok(n) = s.parse::<i64>() {
        n
    } else {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.timestamp())
            .map_err(|_| format!("invalid start {s:?}; use 0, now, a Unix timestamp or an RFC 3339 time"))?
    };
    if t < 0 {
        return Err(format!("start {s:?} is before 1970 (a negative timestamp); use 0, now or a later time"));
    }
    Ok(t)
}

pub fn now() -> i64 {
    Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        assert_eq!(fmt_duration(1_769_672_195), "56 years");
        assert_eq!(fmt_duration(125), "2m5s");
        assert_eq!(fmt_duration(3600), "1h");
        assert_eq!(fmt_duration(30), "30s");
        assert_eq!(parse_duration("30s"), Ok(30));
        assert_eq!(parse_duration("1h 30m"), Ok(5400));
        assert_eq!(parse_duration("90"), Ok(90));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_std_duration("500ms"), Ok(Duration::from_millis(500)));
    }

    #[test]
    fn a_bare_number_is_seconds_for_every_flag() {
        assert_eq!(parse_std_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_std_duration("90"), parse_std_duration("90s"));
        assert_eq!(parse_duration("90"), Ok(90));
        assert_eq!(parse_duration(" 90 "), Ok(90));
    }

    #[test]
    fn huge_and_negative_durations_are_errors_not_panics() {
        for s in ["999999999999h", "99999999999999999999999", "18446744073709551616s", "101y", "3155760001"] {
            let e = parse_std_duration(s).unwrap_err();
            assert!(e.contains("too long"), "{s}: {e}");
            assert!(parse_duration(s).is_err());
        }
        assert_eq!(parse_std_duration("100y"), Ok(MAX_DURATION));
        assert_eq!(parse_std_duration("3155760000"), Ok(MAX_DURATION));
        for s in ["-5", "-5s", "", "5 parsecs"] {
            assert!(parse_std_duration(s).is_err(), "{s}");
        }
        assert_eq!(parse_start("now", 7), Ok(7));
        assert_eq!(parse_start("2024-01-01T00:00:00Z", 0), Ok(1_704_067_200));
        assert_eq!(fmt_ts(0), "1970-01-01T00:00:00Z");
        for s in ["-1", "-9223372036854775808", "1969-12-31T23:59:59Z"] {
            assert!(parse_start(s, 0).unwrap_err().contains("before 1970"), "{s}");
        }
        assert_eq!(fmt_span(u64::MAX), "584542046091 years");
        assert_eq!(fmt_duration(i64::MIN), "-292271023045 years");
    }
}
