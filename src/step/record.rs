//! The step's record: what is known before the step starts, the phase timings, and the outcome
//! an error maps to (`ok`, `failed` with its cause and fix, or `interrupted`).

use std::time::Instant;

use serde_json::{Map, Value as Json};

use crate::error::Error;
use crate::records::jsonl::StepRecord;

/// Seconds per phase, rounded to the millisecond, in the record's `timings_s`.
#[derive(Debug, Clone)]
pub struct Timings {
    start: Instant,
    last: Instant,
    pub map: Map<String, Json>,
}

impl Default for Timings {
    fn default() -> Timings {
        Timings::new()
    }
}

impl Timings {
    pub fn new() -> Timings {
        let now = Instant::now();
        Timings { start: now, last: now, map: Map::new() }
    }

    /// Records the time since the previous lap as `phase`.
    pub fn lap(&mut self, phase: &str) {
        self.set(phase, self.last.elapsed().as_secs_f64());
        self.last = Instant::now();
    }

    /// Records a figure measured elsewhere (e.g. `lease_wait`).
    pub fn set(&mut self, key: &str, secs: f64) {
        self.map.insert(key.into(), Json::from(round_ms(secs)));
    }

    /// Adds another part's timings (a simulation's) to these.
    pub fn merge(&mut self, other: &Timings) {
        self.map.extend(other.map.clone());
        self.last = Instant::now();
    }

    pub fn total(&self) -> f64 {
        round_ms(self.start.elapsed().as_secs_f64())
    }
}

pub fn round_ms(secs: f64) -> f64 {
    (secs * 1000.0).round() / 1000.0
}

/// Sets `outcome` and `cause` from how the step ended.
pub fn settle<T>(rec: &mut StepRecord, outcome: &Result<T, Error>) {
    match outcome {
        Ok(_) => {
            rec.outcome = "ok".into();
            rec.cause = None;
        }
        Err(Error::Interrupted) => {
            rec.outcome = "interrupted".into();
            rec.cause = Some("interrupted by signal".into());
        }
        Err(e) => {
            rec.outcome = "failed".into();
            rec.cause = Some(match e.hint() {
                Some(h) => format!("{e} (fix: {h})"),
                None => e.to_string(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_and_causes() {
        let mut r = StepRecord::default();
        settle::<()>(&mut r, &Ok(()));
        assert_eq!((r.outcome.as_str(), r.cause.as_deref()), ("ok", None));
        settle::<()>(&mut r, &Err(Error::Interrupted));
        assert_eq!((r.outcome.as_str(), r.cause.as_deref()), ("interrupted", Some("interrupted by signal")));
        let e = Error::Simulation { message: "driver exited".into(), hint: Some("kubectl skstep logs X".into()) };
        settle::<()>(&mut r, &Err(e));
        assert_eq!(r.outcome, "failed");
        assert_eq!(r.cause.as_deref(), Some("driver exited (fix: kubectl skstep logs X)"));
        settle::<()>(&mut r, &Err(Error::Cluster { message: "unreachable".into(), hint: None }));
        assert_eq!(r.cause.as_deref(), Some("unreachable"));
    }

    #[test]
    fn timings_round_to_the_millisecond_and_merge() {
        let mut t = Timings::new();
        t.set("lease_wait", 1.23456);
        assert_eq!(t.map["lease_wait"], 1.235);
        t.lap("create");
        assert!(t.map["create"].as_f64().unwrap() < 1.0);
        let mut other = Timings::new();
        other.set("wait", 10.0);
        t.merge(&other);
        assert_eq!(t.map.len(), 3);
        assert!(t.total() >= 0.0);
    }
}
