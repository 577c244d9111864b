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

    pub fn write_atomic(&self, path: &Path) -> Result<()> {
        let mut out = crate::fsutil::AtomicOut::create(path)?;
        let text = serde_json::to_string_pretty(self).expect("summary serialises");
        std::io::Write::write_all(out.writer(), text.as_bytes()).map_err(|e| out.io(e))?;
        out.commit()
    }
}
