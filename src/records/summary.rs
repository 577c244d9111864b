//! `summary.json`: sim-arena's `total_steps` and `total_rewards`, plus mean reward and counts
//! per policy and per outcome.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::jsonl::StepRecord;
use crate::error::Result;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub total_steps: u64,
    pub total_rewards: f64,
    /// Mean over the steps that have a reward (failed steps have none).
    pub mean_reward: f64,
    pub rewarded_steps: u64,
    pub by_policy: BTreeMap<String, u64>,
    pub by_outcome: BTreeMap<String, u64>,
    /// How many bytes of step.jsonl this summary counts, when [`Runs::append`] wrote it: the
    /// next append reads only the records past them instead of the whole file, which grew
    /// quadratic over a long training. 0 (a summary from an older version, or from `records
    /// check --fix`): the next append rebuilds it from all the records.
    ///
    /// [`Runs::append`]: super::jsonl::Runs::append
    #[serde(default)]
    pub records_bytes: u64,
}

impl Summary {
    pub fn from_records(recs: &[StepRecord]) -> Summary {
        let mut s = Summary::default();
        for r in recs {
            s.add(r);
        }
        s
    }

    pub fn add(&mut self, r: &StepRecord) {
        self.total_steps += 1;
        if let Some(reward) = r.reward {
            self.total_rewards += reward;
            self.rewarded_steps += 1;
            self.mean_reward = self.total_rewards / self.rewarded_steps as f64;
        }
        *self.by_policy.entry(r.policy.clone()).or_default() += 1;
        *self.by_outcome.entry(r.outcome.clone()).or_default() += 1;
    }

    /// What differs between this summary (as read) and `right` (recomputed from the records),
    /// one `field: this (records: right)` each; empty when they agree. Sums may differ by
    /// rounding only.
    pub fn disagreements(&self, right: &Summary) -> Vec<String> {
        let mut out = vec![];
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
        let mut num = |name: &str, a: f64, b: f64, exact: bool| {
            if (exact && a != b) || !close(a, b) {
                out.push(format!("{name}: {a} (records: {b})"));
            }
        };
        num("total_steps", self.total_steps as f64, right.total_steps as f64, true);
        num("rewarded_steps", self.rewarded_steps as f64, right.rewarded_steps as f64, true);
        num("total_rewards", self.total_rewards, right.total_rewards, false);
        num("mean_reward", self.mean_reward, right.mean_reward, false);
        let counts = |m: &BTreeMap<String, u64>| format!("{m:?}");
        if self.by_policy != right.by_policy {
            out.push(format!("by_policy: {} (records: {})", counts(&self.by_policy), counts(&right.by_policy)));
        }
        if self.by_outcome != right.by_outcome {
            out.push(format!("by_outcome: {} (records: {})", counts(&self.by_outcome), counts(&right.by_outcome)));
        }
        out
    }

    pub fn write_atomic(&self, path: &Path) -> Result<()> {
        let mut out = crate::fsutil::AtomicOut::create(path)?;
        let text = serde_json::to_string_pretty(self).expect("summary serialises");
        std::io::Write::write_all(out.writer(), text.as_bytes()).map_err(|e| out.io(e))?;
        out.commit()
    }
}

/// summary.json against the records.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "detail")]
pub enum SummaryState {
    Agrees,
    Missing,
    Unreadable(String),
    Disagrees(Vec<String>),
}

impl SummaryState {
    /// Reads `path` and compares it with `recomputed`.
    pub fn of(path: &Path, recomputed: &Summary) -> SummaryState {
        match std::fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => SummaryState::Missing,
            Err(e) => SummaryState::Unreadable(e.to_string()),
            Ok(b) => match serde_json::from_slice::<Summary>(&b) {
                Err(e) => SummaryState::Unreadable(format!("not a summary: {e}")),
                Ok(s) => match s.disagreements(recomputed) {
                    d if d.is_empty() => SummaryState::Agrees,
                    d => SummaryState::Disagrees(d),
                },
            },
        }
    }

    /// One line for a person, `None` when it agrees.
    pub fn problem(&self, path: &Path) -> Option<String> {
        match self {
            SummaryState::Agrees => None,
            SummaryState::Missing => Some(format!("{}: missing", path.display())),
            SummaryState::Unreadable(e) => Some(format!("{}: unreadable: {e}", path.display())),
            SummaryState::Disagrees(d) => {
                Some(format!("{}: disagrees with the records: {}", path.display(), d.join("; ")))
            }
        }
    }
}
