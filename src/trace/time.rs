//! Timestamps and durations as users type and read them.

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
    let s = secs.unsigned_abs();
    const YEAR: u64 = 31_557_600;
    let body = match s {
        _ if s >= YEAR => {
            let y = s as f64 / YEAR as f64;
            if y >= 10.0 { format!("{y:.0} years") } else { format!("{y:.1} years") }
        }
        _ if s >= 86_400 => two(s / 86_400, "d", (s % 86_400) / 3600, "h"),
        _ if s >= 3600 => two(s / 3600, "h", (s % 3600) / 60, "m"),
        _ if s >= 60 => two(s / 60, "m", s % 60, "s"),
        _ => format!("{s}s"),
    };
    format!("{neg}{body}")
}

fn two(a: u64, ua: &str, b: u64, ub: &str) -> String {
    if b == 0 { format!("{a}{ua}") } else { format!("{a}{ua}{b}{ub}") }
}

/// Parses `10s`, `1h30m`, `2d`, or a bare number of seconds.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    if let Ok(n) = s.parse::<i64>() {
        return if n >= 0 { Ok(n) } else { Err(format!("negative duration {s:?}")) };
    }
    humantime::parse_duration(s)
        .map_err(|e| format!("invalid duration {s:?} ({e}); use e.g. 30s, 10m, 1h"))
        .and_then(|d| i64::try_from(d.as_secs()).map_err(|_| format!("duration {s:?} is too long")))
}

/// Parses a start time: `now`, a Unix timestamp, or an RFC 3339 date.
pub fn parse_start(s: &str, now: i64) -> Result<i64, String> {
    if s == "now" {
        return Ok(now);
    }
    if let Ok(n) = s.parse::<i64>() {
        return Ok(n);
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.timestamp())
        .map_err(|_| format!("invalid start {s:?}; use 0, now, a Unix timestamp or an RFC 3339 time"))
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
        assert_eq!(parse_start("now", 7), Ok(7));
        assert_eq!(parse_start("2024-01-01T00:00:00Z", 0), Ok(1_704_067_200));
        assert_eq!(fmt_ts(0), "1970-01-01T00:00:00Z");
    }
}
