//! One RL step on a real SimKube install: preflight → simulate and observe (`step::simulate`) →
//! act → reward → record. Every outcome is recorded, failures with their cause and fix.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value as Json;

use super::act::{Choice, act, choose};
use super::interrupt::Interrupts;
use super::naming::{self, Seed};
use super::policy::{ActionType, Policy};
use super::preflight::{Check, preflight, step_dir};
use super::progress::Progress;
use super::record::{Timings, settle};
use super::reward::{Reward, RewardInput};
use super::simulate::{SimRequest, Trail, simulate_cached};
use crate::cluster::prep::sha256_file;
use crate::error::{Error, Result};
use crate::records::jsonl::{Runs, StepRecord};

#[derive(Debug, Clone)]
pub struct StepConfig {
    pub trace: PathBuf,
    pub ns: String,
    pub deploy: String,
    pub target: u32,
    pub duration_s: i64,
    pub grace_s: i64,
    pub speed: Option<f64>,
    pub driver_image: String,
    /// Why this image (`--driver-image`, sk-ctrl's version, or the fallback and why).
    pub driver_image_source: String,
    pub port: i32,
    pub policy: Policy,
    pub action: Option<ActionType>,
    pub reward: Reward,
    /// `cost_aware_v2`'s per-step penalty.
    pub step_penalty: f64,
    pub seed: u64,
    pub keep: bool,
    pub force: bool,
    pub lease_timeout: Duration,
    pub driver_timeout: Duration,
    pub runs_dir: PathBuf,
    pub context: String,
    pub episode: String,
    pub step: u32,
    pub api_timeout: Duration,
    pub fast_start: bool,
    pub simkube_ns: String,
    pub virtual_ns_prefix: String,
    /// The transition cache (`--cache`): consulted where a trace is simulated.
    pub cache: Option<std::sync::Arc<crate::cache::Cache>>,
}

/// What a finished step produced.
#[derive(Debug)]
pub struct StepResult {
    pub record: StepRecord,
    pub trace_next: Option<PathBuf>,
}

/// The record as known before the step starts.
pub fn start_record(cfg: &StepConfig, trace_sha: &str) -> StepRecord {
    StepRecord {
        timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        namespace: cfg.ns.clone(),
        trace_in: cfg.trace.display().to_string(),
        seed: cfg.seed,
        policy: match cfg.action {
            Some(_) => "action".into(),
            None => cfg.policy.name().into(),
        },
        context: cfg.context.clone(),
        trace_in_sha256: trace_sha.into(),
        reward_fn: cfg.reward.name().into(),
        driver_image: cfg.driver_image.clone(),
        driver_image_source: cfg.driver_image_source.clone(),
        speed: cfg.speed,
        episode: Some(cfg.episode.clone()),
        step: cfg.step,
        target: Some(cfg.target),
        action: Json::Null,
        action_info: Json::Null,
        ..Default::default()
    }
}

/// Runs one step; an interrupt cleans up and records `interrupted`.
pub async fn run_step(
    client: &kube::Client,
    cfg: &StepConfig,
    progress: &mut Progress,
    interrupts: &mut Interrupts,
) -> Result<StepResult> {
    let mut t = Timings::new();
    let runs = Runs::open(&cfg.runs_dir)?;
    let dir = step_dir(&cfg.runs_dir, &cfg.episode, cfg.step);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let trace_sha = sha256_file(&cfg.trace)?;
    let mut rec = start_record(cfg, &trace_sha);
    progress.phase(
        "start",
        format!(
            "step {} of episode {} in {} ({}; deploy {}, target {})",
            cfg.step, cfg.episode, cfg.ns, cfg.context, cfg.deploy, cfg.target
        ),
    );
    let mut trail = Trail::default();
    let outcome = body(client, cfg, progress, interrupts, &mut t, &mut rec, &trace_sha, &dir, &mut trail).await;
    rec.sim_name = trail.sim_name.clone();
    rec.sim_uid = trail.sim_uid.clone();
    rec.retries = trail.retries;
    rec.fast_start = trail.fast_start.clone();
    t.merge(&trail.timings);
    rec.timings_s = t.map.clone();
    rec.duration_s = t.total();
    settle(&mut rec, &outcome);
    if !trail.left.is_empty() {
        let cause = rec.cause.take().map_or(String::new(), |c| format!("{c}; "));
        rec.cause = Some(format!("{cause}left in the cluster: {}", trail.left.join(", ")));
    }
    let summary = runs.append(&rec)?;
    progress.phase(
        "summary",
        format!(
            "outcome {}; reward {}; {} steps recorded in {} (mean reward {:.3})",
            rec.outcome,
            rec.reward.map_or("-".into(), |r| format!("{r:.3}")),
            summary.total_steps,
            runs.dir().display(),
            summary.mean_reward
        ),
    );
    outcome.map(|next| StepResult { record: rec, trace_next: next })
}

#[allow(clippy::too_many_arguments)]
async fn body(
    client: &kube::Client,
    cfg: &StepConfig,
    progress: &mut Progress,
    interrupts: &mut Interrupts,
    t: &mut Timings,
    rec: &mut StepRecord,
    trace_sha: &str,
    dir: &std::path::Path,
    trail: &mut Trail,
) -> Result<Option<PathBuf>> {
    let req = sim_request(client, cfg, trace_sha, interrupts).await?;
    rec.virtual_namespace = req.virtual_ns.clone();
    t.lap("preflight");
    trail.sim_name = req.naming.name.clone();
    let (obs, note) =
        simulate_cached(client, cfg.cache.as_deref(), &cfg.context, &req, progress, interrupts, trail).await?;
    rec.cached = note.as_ref().is_some_and(|n| n.hit);
    rec.cache = note.map(|n| serde_json::to_value(n).expect("note serialises"));
    t.merge(&trail.timings);
    rec.obs = Some(obs.obs());
    let mut info = serde_json::json!({
        "observed_after_driver_start_s": trail.observed_after_driver_start_s,
        "running": obs.running, "failed": obs.failed, "unscheduled": obs.unscheduled, "nodes": obs.nodes,
    });

    let choice = Choice {
        policy: cfg.policy,
        action: cfg.action,
        target: cfg.target,
        seed: cfg.seed,
        step: cfg.step,
        deploy: &cfg.deploy,
    };
    let action = choose(&choice, obs.obs());
    let acted = act(&choice, action, &cfg.trace, dir)?;
    if let Some(m) = info.as_object_mut() {
        m.extend(acted.info);
    }
    rec.action = acted.action_json;
    rec.action_info = info;
    rec.trace_out = acted.next.display().to_string();
    rec.trace_out_sha256 = sha256_file(&acted.next)?;
    t.lap("act");
    progress.phase("action", format!("{} -> {}", rec.action, acted.next.display()));

    // The state observed is the simulated trace's; `blocked` is this step's action's.
    let reward = cfg.reward.compute(&RewardInput {
        obs: obs.obs(),
        target: cfg.target,
        workload: super::workload::read(&cfg.trace, &cfg.deploy)?,
        blocked: rec.action_info.get("blocked").and_then(Json::as_bool) == Some(true),
        step_penalty: cfg.step_penalty,
    });
    rec.reward = Some(reward);
    t.lap("reward");
    progress.phase("reward", format!("{} = {reward:.3}", cfg.reward.name()));
    Ok(Some(acted.next))
}

/// Preflight, then the Simulation request for `cfg.trace` (named for its episode and step): what
/// `run` and the Gymnasium env simulate.
pub async fn sim_request(
    client: &kube::Client,
    cfg: &StepConfig,
    trace_sha: &str,
    interrupts: &mut Interrupts,
) -> Result<SimRequest> {
    let check = Check {
        context: &cfg.context,
        ns: &cfg.ns,
        trace: &cfg.trace,
        deploy: &cfg.deploy,
        duration_s: cfg.duration_s,
        force: cfg.force,
        virtual_ns_prefix: &cfg.virtual_ns_prefix,
    };
    // Preflight changes nothing, so an interrupt there has nothing to clean up; from the
    // simulation on, `simulate` handles interrupts itself.
    let ready = tokio::select! {
        r = preflight(client, &check) => r?,
        _ = interrupts.next() => return Err(Error::Interrupted),
    };
    Ok(SimRequest {
        trace: cfg.trace.clone(),
        trace_sha256: trace_sha.into(),
        staged: ready.staged,
        ns: cfg.ns.clone(),
        deploy: cfg.deploy.clone(),
        virtual_ns: ready.virtual_ns,
        virtual_ns_prefix: cfg.virtual_ns_prefix.clone(),
        duration_s: cfg.duration_s,
        grace_s: cfg.grace_s,
        speed: cfg.speed,
        driver_image: cfg.driver_image.clone(),
        port: cfg.port,
        naming: naming::choose(&Seed {
            trace_sha,
            ns: &cfg.ns,
            deploy: &cfg.deploy,
            episode: &cfg.episode,
            step: cfg.step,
            nonce: naming::nonce(),
        }),
        keep: cfg.keep,
        simkube_ns: cfg.simkube_ns.clone(),
        lease_timeout: cfg.lease_timeout,
        driver_timeout: cfg.driver_timeout,
        api_timeout: cfg.api_timeout,
        fast_start: cfg.fast_start,
    })
}
