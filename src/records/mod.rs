//! Where results go: `<data dir>/kubectl-skstep/runs/` (or `--runs-dir`), one JSON line per step
//! in `step.jsonl` and running totals in `summary.json`, both updated under a file lock so that
//! concurrent runs never lose or corrupt a record.

pub mod jsonl;
pub mod report;
pub mod summary;

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The default runs folder, under the user's data directory (XDG on Linux).
pub fn default_runs_dir() -> Result<PathBuf> {
    dirs::data_dir().map(|d| d.join("kubectl-skstep").join("runs")).ok_or_else(|| {
        Error::usage("no user data directory (set HOME or XDG_DATA_HOME)", Some("or pass --runs-dir DIR".into()))
    })
}
