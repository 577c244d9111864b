//! The data the layers share: what an observation of the workload is. It lives below `step/`,
//! `cluster/` and `records/`, so they depend on it and not on each other.

use serde::{Deserialize, Serialize};

/// What `observe` reads for the workload: sim-arena's `obs`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obs {
    pub ready: u32,
    pub pending: u32,
    pub total: u32,
}
