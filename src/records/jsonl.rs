//! Appending step records: one JSON object per line, appended whole under an exclusive lock.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::summary::Summary;
use crate::error::{Error, Result};

/// One step, with sim-arena's field names first (its users' analysis scripts read these), then
/// ours.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct StepRecord {
    pub timestamp: String,
    pub sim_name: String,
    pub sim_uid: String,
    pub namespace: String,
    pub trace_in: String,
    pub trace_out: String,
    pub obs: Option<crate::model::Obs>,
    pub action: serde_json::Value,
    pub action_info: serde_json::Value,
    pub reward: Option<f64>,
    pub duration_s: f64,
    pub seed: u64,
    pub policy: String,
    // ours
    pub context: String,
    pub virtual_namespace: String,
    pub trace_in_sha256: String,
    pub trace_out_sha256: String,
    pub reward_fn: String,
    pub driver_image: String,
    pub timings_s: serde_json::Map<String, serde_json::Value>,
    /// `ok`, `failed` or `interrupted`.
    pub outcome: String,
    pub cause: Option<String>,
    pub episode: Option<String>,
    pub step: u32,
    /// Transient API errors (unreachable, 5xx, 429) retried during the step.
    #[serde(default)]
    pub retries: u32,
    /// `off`, `on (nudged: …)` or why it fell back to SimKube's own pace (see README, fast start).
    #[serde(default)]
    pub fast_start: String,
    /// Why `driver_image` was chosen: `--driver-image`, sk-ctrl's version, or the fallback and why.
    #[serde(default)]
    pub driver_image_source: String,
    /// SimKube's speed factor, when set.
    #[serde(default)]
    pub speed: Option<f64>,
    /// The target the reward was computed against (absent in records written before it was).
    #[serde(default)]
    pub target: Option<u32>,
    /// Labels of the episode the step belongs to (a scenario's id, a bench run, …), copied into
    /// every record of it; absent when there are none.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub tags: std::collections::BTreeMap<String, String>,
    /// Answered from the transition cache (`--cache`): no Simulation ran for this observation.
    #[serde(default)]
    pub cached: bool,
    /// What the cache did with `--cache`: key, hit, verified, poisoned, stored or why not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<serde_json::Value>,
}

pub struct Runs {
    dir: PathBuf,
}

impl Runs {
    pub fn open(dir: &Path) -> Result<Runs> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Runs { dir: dir.into() })
    }

    /// A runs folder that must already exist (for reading).
    pub fn open_existing(dir: &Path) -> Result<Runs> {
        if !dir.is_dir() {
            return Err(Error::bad_input(
                format!("{}: no such runs folder", dir.display()),
                Some("pass the --runs-dir the steps were recorded in".to_string()),
            ));
        }
        Ok(Runs { dir: dir.into() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn jsonl_path(&self) -> PathBuf {
        self.dir.join("step.jsonl")
    }

    pub fn summary_path(&self) -> PathBuf {
        self.dir.join("summary.json")
    }

    /// Appends `rec` and folds it into summary.json, all under one exclusive lock.
    pub fn append(&self, rec: &StepRecord) -> Result<Summary> {
        let lock_path = self.dir.join(".lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        lock.lock().map_err(|e| Error::io(&lock_path, e))?;

        let path = self.jsonl_path();
        let mut line = serde_json::to_string(rec).expect("record serialises");
        line.push('\n');
        let mut f = OpenOptions::new().create(true).append(true).open(&path).map_err(|e| Error::io(&path, e))?;
        // One write of the whole line: with O_APPEND it lands intact even if a reader races us.
        f.write_all(line.as_bytes()).and_then(|_| f.sync_data()).map_err(|e| Error::io(&path, e))?;

        let sp = self.summary_path();
        let summary = match std::fs::read(&sp).ok().and_then(|b| serde_json::from_slice::<Summary>(&b).ok()) {
            Some(mut s) => {
                s.add(rec);
                s
            }
            // Missing or unreadable: rebuild from the records, which now include this one.
            None => Summary::from_records(&self.read_all()?),
        };
        summary.write_atomic(&sp)?;
        drop(lock);
        Ok(summary)
    }

    pub fn read_all(&self) -> Result<Vec<StepRecord>> {
        let path = self.jsonl_path();
        let f = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut out = vec![];
        for (i, line) in BufReader::new(f).lines().enumerate() {
            let line = line.map_err(|e| Error::io(&path, e))?;
            if line.trim().is_empty() {
                continue;
            }
            out.push(serde_json::from_str(&line).map_err(|e| {
                Error::bad_input(format!("{}: line {}: not a step record: {e}", path.display(), i + 1), None)
            })?);
        }
        Ok(out)
    }
}
