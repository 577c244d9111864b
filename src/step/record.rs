//! The step's record: the phase timings, the outcome an error maps to (`ok`, `failed` with its
//! cause and fix, or `interrupted`), and the one finisher every step's record goes through.

use std::time::Instant;

use serde_json::{Map, Value as Json};

use super::progress::Progress;
use super::simulate::Trail;
use crate::error::{Error, Result};
use crate::records::jsonl::{Runs, StepRecord};

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

/// Finishes a step's record, whatever its outcome, and appends it: what the simulation did
/// (`trail`: name, uid, virtual namespace, retries, fast start, its timings, what a failed cleanup
/// left), the step's timings and total, the outcome and cause.
pub fn finish<T>(
    runs: &Runs,
    rec: &mut StepRecord,
    t: &mut Timings,
    trail: &Trail,
    outcome: &Result<T>,
    progress: &mut Progress,
) -> Result<()> {
    rec.sim_name = trail.sim_name.clone();
    rec.sim_uid = trail.sim_uid.clone();
    if !trail.virtual_ns.is_empty() {
        rec.virtual_namespace = trail.virtual_ns.clone();
    }
    rec.retries = trail.retries;
    rec.fast_start = trail.fast_start.clone();
    rec.cached = trail.cache.as_ref().is_some_and(|n| n.hit);
    rec.cache = trail.cache.as_ref().map(|n| serde_json::to_value(n).expect("note serialises"));
    t.merge(&trail.timings);
    rec.timings_s = t.map.clone();
    rec.duration_s = t.total();
    settle(rec, outcome);
    if !trail.left.is_empty() {
        let cause = rec.cause.take().map_or(String::new(), |c| format!("{c}; "));
        rec.cause = Some(format!("{cause}left in the cluster: {}", trail.left.join(", ")));
    }
    let summary = runs.append(rec)?;
    progress.phase(
        "summary",
        format!(
            "outcome {}; reward {}; {} steps recorded in {} (mean reward {:.3})",
            rec.outcome,
            rec.reward.map_or("-".into(), |r| format!("{r:.3}")),
            summary.total_steps,
            runs.dir().display(),
            summary.mean_reward
        ),
    );
    Ok(())
}

/// Sets `outcome` and `cause` from how the step ended.
pub fn settle<T>(rec: &mut StepRecord, outcome: &Result<T, Error>) {
    match outcome {
        Ok(_) => {
            rec.outcome = "ok".into();
            rec.cause = None;
        }
        Err(e) if e.is_interrupt() => {
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
    fn the_finisher_fills_the_record_from_the_trail_and_appends_it() {
        let dir = tempfile::tempdir().unwrap();
        let runs = Runs::open(dir.path()).unwrap();
        let mut trail = Trail {
            sim_name: "skstep-1".into(),
            sim_uid: "u1".into(),
            virtual_ns: "virtual-default".into(),
            retries: 2,
            fast_start: "on (nudged: cert)".into(),
            left: vec!["simulations.simkube.io/skstep-1".into()],
            ..Default::default()
        };
        trail.timings.set("wait", 5.0);
        let mut rec = StepRecord { reward: Some(0.5), ..Default::default() };
        let mut t = Timings::new();
        let failed: Result<()> = Err(Error::Simulation { message: "driver exited".into(), hint: None });
        finish(&runs, &mut rec, &mut t, &trail, &failed, &mut Progress::new(true)).unwrap();
        assert_eq!((rec.sim_name.as_str(), rec.sim_uid.as_str(), rec.retries), ("skstep-1", "u1", 2));
        assert_eq!((rec.virtual_namespace.as_str(), rec.fast_start.as_str()), ("virtual-default", "on (nudged: cert)"));
        assert_eq!(rec.timings_s["wait"], 5.0);
        assert_eq!(rec.outcome, "failed");
        assert_eq!(rec.cause.as_deref(), Some("driver exited; left in the cluster: simulations.simkube.io/skstep-1"));
        let recs = runs.read_all().unwrap();
        assert_eq!(recs, vec![rec.clone()], "the record appended is the one returned");
        // A wrapped interrupt is still an interrupt.
        let mut rec = StepRecord::default();
        finish(
            &runs,
            &mut rec,
            &mut t,
            &Trail::default(),
            &Err::<(), _>(Error::Interrupted.context("c1")),
            &mut Progress::new(true),
        )
        .unwrap();
        assert_eq!(rec.outcome, "interrupted");
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
