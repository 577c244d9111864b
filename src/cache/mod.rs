//! The transition cache (`--cache DIR`): a simulation's observation, stored under a key of
//! everything it depends on ([`key::KeyParts`]: the trace bytes, the Deployment, duration,
//! speed, SimKube's and the driver's versions, the cluster's node profile), and served instead of
//! a Simulation the next time the same key is simulated.
//!
//! It stays honest three ways:
//! - only a *settled* observation is stored ([`unsettled`]): no pod terminating, starting, or
//!   waiting for the scheduler's first try, and as many pods as the Deployment's replicas; an
//!   observation taken while pods move would depend on timing, not on the key;
//! - `--cache-verify P` simulates a fraction P of hits anyway (drawn from the seed, the key and
//!   the hit's number) and compares; a disagreement is logged and poisons the key: it is never
//!   served (nor stored) again ([`store::Store::record_disagreement`]);
//! - concurrent writers lose nothing: one file per key, written whole and renamed into place; the
//!   log is appended under a lock ([`store`]).
//!
//! The step engine calls [`Cache::through`] where it simulates a trace, with the simulation as a
//! closure: the cache decides whether it runs.

pub mod key;
pub mod store;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use key::{KeyParts, NodeProfile, node_profile};
pub use store::{Disagreement, Entry, Lookup, Store};

use crate::cluster::observe::Observation;
use crate::error::{Error, Result};

/// A cache opened for a run: where, and how often hits are checked against a real simulation.
#[derive(Debug)]
pub struct Cache {
    store: Store,
    verify: f64,
    seed: u64,
    hits: AtomicU64,
}

/// What a record says about the cache (`cache` in the record; `cached` is `hit`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Note {
    pub key: String,
    /// Served from the cache: no Simulation ran.
    pub hit: bool,
    /// A hit simulated anyway (`--cache-verify`): whether the two agreed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// The key is poisoned (it disagreed once, now or before): simulated, never served.
    pub poisoned: bool,
    /// The observation was stored (a miss whose observation was settled).
    pub stored: bool,
    /// Why a fresh observation was not stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_stored: Option<String>,
}

/// An observation, from the cache or a simulation, and how it came.
#[derive(Debug, Clone)]
pub struct Served {
    pub observation: Observation,
    pub note: Note,
}

/// What is simulated, as the step engine's request has it.
#[derive(Debug, Clone, Copy)]
pub struct Simulation<'a> {
    pub trace_sha256: &'a str,
    pub deploy: &'a str,
    pub duration_s: i64,
    pub grace_s: i64,
    pub speed: Option<f64>,
    pub driver_image: &'a str,
}

/// What the simulation closure returns: the observation and the Simulation's name.
pub type Simulated = (Observation, String);

impl Cache {
    /// `verify`: the fraction of hits to simulate again, 0..=1; `seed` draws which.
    pub fn open(dir: &Path, verify: f64, seed: u64) -> Result<Cache> {
        if !(0.0..=1.0).contains(&verify) {
            return Err(Error::usage(
                format!("--cache-verify {verify}: the fraction of hits to simulate again must be within 0..=1"),
                Some("e.g. --cache-verify 0.05 re-simulates one hit in twenty".to_string()),
            ));
        }
        Ok(Cache { store: Store::open(dir)?, verify, seed, hits: AtomicU64::new(0) })
    }

    pub fn dir(&self) -> &Path {
        self.store.dir()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The key parts of simulating `sim` on the cluster `client` reaches (reads its nodes).
    pub async fn parts(&self, client: &kube::Client, sim: &Simulation<'_>) -> Result<KeyParts> {
        Ok(KeyParts {
            format: key::FORMAT,
            trace_sha256: sim.trace_sha256.into(),
            deploy: sim.deploy.into(),
            duration_s: sim.duration_s,
            grace_s: sim.grace_s,
            speed: sim.speed,
            simkube: crate::SIMKUBE_VERSION.into(),
            driver_image: sim.driver_image.into(),
            skstep: env!("CARGO_PKG_VERSION").into(),
            nodes: node_profile(client).await?.fingerprint(),
        })
    }

    /// The observation for `parts`: the stored one on a hit (unless this hit is drawn for
    /// verification), else `simulate()`'s, stored when settled. `trace` is the file simulated
    /// (its sha256 is `parts.trace_sha256`); `context` is recorded with what is stored.
    pub async fn through<F>(&self, parts: &KeyParts, trace: &Path, context: &str, simulate: F) -> Result<Served>
    where
        F: AsyncFnOnce() -> Result<Simulated>,
    {
        let key = parts.key();
        let mut note = Note { key: key.clone(), ..Default::default() };
        match self.store.lookup(parts)? {
            Lookup::Hit(entry) => {
                let n = self.hits.fetch_add(1, Ordering::Relaxed);
                if !draw(self.seed, &key, n, self.verify) {
                    note.hit = true;
                    return Ok(Served { observation: entry.observation, note });
                }
                let (fresh, sim_name) = simulate().await?;
                let diff = differences(&entry.observation, &fresh);
                note.verified = Some(diff.is_empty());
                if !diff.is_empty() {
                    note.poisoned = true;
                    self.store.record_disagreement(&Disagreement {
                        key,
                        at: now(),
                        context: context.into(),
                        sim_name,
                        stored: entry.observation,
                        fresh: fresh.clone(),
                        diff,
                    })?;
                }
                Ok(Served { observation: fresh, note })
            }
            Lookup::Poisoned => {
                note.poisoned = true;
                let (fresh, _) = simulate().await?;
                note.not_stored = Some("the key is poisoned (it disagreed with a simulation once)".into());
                Ok(Served { observation: fresh, note })
            }
            Lookup::Miss => {
                let (fresh, sim_name) = simulate().await?;
                match unsettled(&fresh) {
                    Some(why) => note.not_stored = Some(why),
                    None => {
                        let entry = Entry {
                            key,
                            parts: parts.clone(),
                            observation: fresh.clone(),
                            stored_at: now(),
                            context: context.into(),
                            sim_name,
                        };
                        note.stored = self.store.store(&entry, trace)?;
                        if !note.stored {
                            note.not_stored = Some("the key was poisoned meanwhile".into());
                        }
                    }
                }
                Ok(Served { observation: fresh, note })
            }
        }
    }
}

/// Why an observation is not settled (and must not be stored), or `None`: every pod Running
/// and Ready, Failed, Succeeded, or Pending and judged unschedulable by the scheduler; none
/// terminating; and as many pods as the Deployment asks for (its ReplicaSet is done creating).
pub fn unsettled(o: &Observation) -> Option<String> {
    let t = &o.transient;
    if t.total() > 0 {
        return Some(format!(
            "not settled: {} pods terminating, {} starting, {} not yet tried by the scheduler",
            t.terminating, t.starting, t.unscheduled_untried
        ));
    }
    let desired = o.desired_replicas.unwrap_or(1);
    if i64::from(o.total) != i64::from(desired) {
        return Some(format!("not settled: {} pods for {desired} replicas", o.total));
    }
    None
}

/// What differs between two observations of one key, in the values the env and rewards read
/// and the pod states behind them. Not which node holds which pod: a pool's clusters name their
/// nodes differently, and no observation or reward reads it (a hit's `nodes` is the stored one).
pub fn differences(a: &Observation, b: &Observation) -> Vec<String> {
    let fields = [
        ("ready", a.ready, b.ready),
        ("pending", a.pending, b.pending),
        ("total", a.total, b.total),
        ("running", a.running, b.running),
        ("failed", a.failed, b.failed),
        ("unscheduled", a.unscheduled, b.unscheduled),
        ("terminating", a.transient.terminating, b.transient.terminating),
        ("starting", a.transient.starting, b.transient.starting),
        ("unscheduled_untried", a.transient.unscheduled_untried, b.transient.unscheduled_untried),
    ];
    let mut out: Vec<String> =
        fields.iter().filter(|(_, x, y)| x != y).map(|(n, x, y)| format!("{n} {x} != {y}")).collect();
    if a.desired_replicas != b.desired_replicas {
        out.push(format!("desired_replicas {:?} != {:?}", a.desired_replicas, b.desired_replicas));
    }
    out
}

/// Whether hit number `n` of `key` is simulated again: sha256(seed, key, n) read as a fraction
/// of 2^64, below `p`. Reproducible for a seed, independent between keys.
pub fn draw(seed: u64, key: &str, n: u64, p: f64) -> bool {
    if p <= 0.0 {
        return false;
    }
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    h.update(key.as_bytes());
    h.update(n.to_le_bytes());
    let d = h.finalize();
    let x = u64::from_le_bytes(d[..8].try_into().expect("8 bytes"));
    (x as f64 / 18_446_744_073_709_551_616.0) < p
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// `--cache DIR`'s default-free check: the folder, made absolute so every worker and the
/// records name the same one.
pub fn resolve_dir(dir: &Path) -> Result<PathBuf> {
    std::path::absolute(dir).map_err(|e| Error::io(dir, e))
}

#[cfg(test)]
mod tests;
