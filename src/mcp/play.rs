//! Running the engine's step body for a session, and deleting the Simulation it keeps.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value as Json;

use super::answer::Refusal;
use super::server::Shared;
use super::session::Episode;
use crate::cluster::wait::{Phase, Retries};
use crate::error::Error;
use crate::records::jsonl::StepRecord;
use crate::step::act::Move;
use crate::step::episode::{OnCluster, StepConfig, StepIn, Stepped, run_step};
use crate::step::interrupt::Interrupts;
use crate::step::progress::Progress;
use crate::step::teardown::{Target, teardown};
use crate::trace::edit::Limits;

/// One step of the engine's body, owned, so it can run where the MCP service wants it.
pub struct Job {
    pub client: kube::Client,
    pub cfg: StepConfig,
    pub trace: PathBuf,
    pub action: Option<Move>,
    pub limits: Limits,
    pub tags: BTreeMap<String, String>,
    pub tool_calls: Vec<Json>,
}

/// Runs `run_step` on a blocking thread of the runtime: rmcp wants a tool's future `Send`, and the
/// step's is not provably so (the simulator trait's futures), so the step is driven to its end
/// there, the answer sent back.
pub async fn simulate(job: Job, mut interrupts: Interrupts) -> (Option<StepRecord>, crate::error::Result<Stepped>) {
    let rt = tokio::runtime::Handle::current();
    let ran = tokio::task::spawn_blocking(move || {
        rt.block_on(async move {
            let input = StepIn {
                step: job.cfg.step,
                trace: &job.trace,
                action: job.action,
                limits: &job.limits,
                policy: "mcp",
                tags: &job.tags,
                tool_calls: &job.tool_calls,
                space: None,
            };
            run_step(&mut OnCluster(&job.client), &job.cfg, &input, &mut progress(), &mut interrupts).await
        })
    })
    .await;
    ran.unwrap_or_else(|e| {
        (None, Err(Error::Simulation { message: format!("the step's task failed: {e}"), hint: None }))
    })
}

fn progress() -> Progress {
    Progress::new(false)
}

/// Deletes the Simulation kept for the read-only tools (before the next one, and at the end).
pub async fn drop_kept(shared: &Shared, ep: &mut Episode) -> Result<(), Refusal> {
    let Some((name, vns)) = ep.kept.take() else { return Ok(()) };
    let c = &ep.cfg;
    let t = Target { name: &name, ns: &c.ns, simkube_ns: &c.simkube_ns, vns: &vns, deploy: &c.deploy };
    let phase = Phase::new("cleanup", c.api_timeout, &Retries::default());
    let client = &shared.slots[ep.lease.slot].member.client;
    teardown(client, &t, &phase, &mut progress()).await.map_err(|e| {
        ep.kept = Some((name.clone(), vns.clone()));
        Refusal::from(e.context(format!("deleting the kept Simulation {name}")))
    })
}
