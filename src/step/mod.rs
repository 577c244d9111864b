//! The pieces of one RL step that need no cluster: observations, actions, policies, rewards.

pub mod machine;
pub mod policy;
pub mod progress;
pub mod reward;
pub mod workload;

use serde::{Deserialize, Serialize};

/// What `observe` reads for the workload: sim-arena's `obs` plus detail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obs {
    pub ready: u32,
    pub pending: u32,
    pub total: u32,
}
