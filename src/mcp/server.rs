//! What every session of one server shares: the clusters it plays on (one pool member per
//! kubeconfig context), one lease per context (a session holds its context from `start` to
//! `submit`, so sessions on distinct contexts run at once and two on one context queue), and the
//! settings of every step.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use serde_json::{Value as Json, json};
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::answer::Refusal;
use crate::step::episode::StepConfig;
use crate::step::interrupt::Interrupts;
use crate::step::pool::Member;

/// The server's settings (its command line).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Every step's settings; a session sets the cluster, trace, Deployment, target, durations.
    pub base: StepConfig,
    /// Simulated time per step and speed, over the scenario's.
    pub duration_s: Option<i64>,
    pub speed: Option<f64>,
    /// The most actions an episode takes, over the scenario's budget.
    pub max_steps: Option<u32>,
    /// The budget of a bare trace's episode (no scenario gives one).
    pub trace_budget: u32,
    /// Tool calls allowed between two actions (sim-arena's agent: 8).
    pub max_tool_calls: u32,
    /// Where generated scenarios are written.
    pub scratch: PathBuf,
}

/// One context the server plays on.
pub struct Slot {
    pub member: Member,
    lease: Arc<Mutex<()>>,
    /// The session holding the lease, to tell the ones queued behind it.
    holder: std::sync::Mutex<Option<String>>,
}

pub struct Shared {
    pub settings: Settings,
    pub slots: Vec<Slot>,
    /// Why there is no cluster (the server still answers, every start with this).
    pub setup_error: Option<Refusal>,
    interrupts: Interrupts,
    sessions: AtomicU32,
    started: String,
}

/// A session's hold on a context; released when dropped (submit, or the session closing).
pub struct Lease {
    pub slot: usize,
    shared: Arc<Shared>,
    _guard: OwnedMutexGuard<()>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Ok(mut h) = self.shared.slots[self.slot].holder.lock() {
            *h = None;
        }
    }
}

/// The lease of a context taken by another session: wait for it with [`Shared::wait`].
pub struct Busy {
    pub slot: usize,
    pub holder: String,
}

impl Shared {
    pub fn new(settings: Settings, members: Vec<Member>, setup_error: Option<Refusal>) -> Arc<Shared> {
        let slots = members
            .into_iter()
            .map(|member| Slot { member, lease: Arc::new(Mutex::new(())), holder: std::sync::Mutex::new(None) })
            .collect();
        Arc::new(Shared {
            settings,
            slots,
            setup_error,
            interrupts: Interrupts::from_signals(),
            sessions: AtomicU32::new(0),
            started: chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string(),
        })
    }

    pub fn next_session_id(&self) -> String {
        let n = self.sessions.fetch_add(1, Ordering::Relaxed) + 1;
        format!("mcp-{}-s{n}", self.started)
    }

    pub fn interrupts(&self) -> Interrupts {
        self.interrupts.clone()
    }

    pub fn contexts(&self) -> Vec<String> {
        self.slots.iter().map(|s| s.member.context.clone()).collect()
    }

    /// The lease of `context` (default: the first free one), or who holds it.
    pub fn try_acquire(self: &Arc<Shared>, context: Option<&str>, who: &str) -> Result<Result<Lease, Busy>, Refusal> {
        if let Some(e) = &self.setup_error {
            return Err(Refusal { cause: e.cause.clone(), fix: e.fix.clone(), detail: None });
        }
        let wanted: Vec<usize> = match context {
            Some(c) => vec![self.slots.iter().position(|s| s.member.context == c).ok_or_else(|| {
                Refusal::new(
                    format!("context {c:?} is not one this server plays on"),
                    format!("give one of: {} (or leave context out)", self.contexts().join(", ")),
                )
            })?],
            None => (0..self.slots.len()).collect(),
        };
        for &i in &wanted {
            if let Ok(g) = self.slots[i].lease.clone().try_lock_owned() {
                return Ok(Ok(self.hold(i, g, who)));
            }
        }
        let slot = wanted[0];
        let holder =
            self.slots[slot].holder.lock().ok().and_then(|h| h.clone()).unwrap_or_else(|| "another session".into());
        Ok(Err(Busy { slot, holder }))
    }

    /// Waits for a busy context's lease; says how long and behind whom.
    pub async fn wait(self: &Arc<Shared>, busy: Busy, who: &str) -> (Lease, Json) {
        let t0 = Instant::now();
        let g = self.slots[busy.slot].lease.clone().lock_owned().await;
        let waited = crate::step::record::round_ms(t0.elapsed().as_secs_f64());
        let note =
            json!({ "behind": busy.holder, "context": self.slots[busy.slot].member.context, "waited_s": waited });
        (self.hold(busy.slot, g, who), note)
    }

    fn hold(self: &Arc<Shared>, slot: usize, guard: OwnedMutexGuard<()>, who: &str) -> Lease {
        if let Ok(mut h) = self.slots[slot].holder.lock() {
            *h = Some(who.to_string());
        }
        Lease { slot, shared: self.clone(), _guard: guard }
    }
}
