//! The pieces of one RL step that need no cluster: observations, actions, policies, rewards.

pub mod machine;
pub mod policy;
pub mod progress;
pub mod reward;

/// The observation type lives in `crate::model`; re-exported so `step::Obs` still works.
pub use crate::model::Obs;
