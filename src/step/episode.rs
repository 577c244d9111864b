//! The one step body, shared by `run`, the pool, the Gymnasium env and bench: one simulation of an
//! episode and its record.
//!
//! Step `s` of an episode is the simulation after `s` actions. Step 0 simulates the initial trace;
//! step `s ≥ 1` first applies its action to the trace of step `s − 1` (with `trace edit`'s
//! safeguards, a blocked action leaves it unchanged) into `step-NNN/trace.msgpack`, then
//! simulates that. Then: observe → reward of the state observed (`blocked` that of the action
//! that led to it; none at step 0) → record. Every simulation is one record, also when it fails
//! or is interrupted (`record::finish`).
//!
//! The simulation itself (preflight, stage, create, wait, observe, clean up) is behind
//! [`Simulator`]: [`OnCluster`] is the real one; the engine's unit tests drive the same body with
//! a scripted sequence of observations.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Map, Value as Json, json};

use super::act::{Move, act};
use super::agent::State;
use super::interrupt::Interrupts;
use super::naming::{self, Seed};
use super::preflight::{Check, preflight, step_dir};
use super::progress::Progress;
use super::record::{Timings, finish};
use super::reward::{Reward, RewardInput, Workload};
use super::simulate::{SimRequest, Trail, simulate_cached};
use super::space::Space;
use crate::cluster::observe::Observation;
use crate::error::{Error, Result};
use crate::fsutil::sha256_file;
use crate::records::jsonl::{Runs, StepRecord};
use crate::trace::edit::Limits;

/// How an episode's simulations run: where, how long, with which driver, how they are rewarded
/// and recorded. `trace`, `episode`, `step` and `seed` are set per episode and step.
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
    pub reward: Reward,
    /// `cost_aware_v2`'s per-step penalty.
    pub step_penalty: f64,
    pub seed: u64,
    /// Leave the Simulation in place after the step.
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
    /// The transition cache (`--cache`), consulted where a trace is simulated (`OnCluster`).
    pub cache: Option<std::sync::Arc<crate::cache::Cache>>,
}

/// Simulates `cfg.trace` (its sha256 `sha`) once and observes the Deployment, filling `trail` as
/// it goes (so a failed simulation still says what it did).
pub trait Simulator {
    fn simulate(
        &mut self,
        cfg: &StepConfig,
        sha: &str,
        progress: &mut Progress,
        interrupts: &mut Interrupts,
        trail: &mut Trail,
    ) -> impl Future<Output = Result<Observation>>;
}

/// The real simulation on a cluster: preflight, then `step::simulate`. It holds the client or a
/// reference to it: the env owns its cluster for its lifetime, an episode borrows the caller's.
pub struct OnCluster<C: Borrow<kube::Client>>(pub C);

impl<C: Borrow<kube::Client>> Simulator for OnCluster<C> {
    async fn simulate(
        &mut self,
        cfg: &StepConfig,
        sha: &str,
        progress: &mut Progress,
        interrupts: &mut Interrupts,
        trail: &mut Trail,
    ) -> Result<Observation> {
        let client: &kube::Client = self.0.borrow();
        let req = sim_request(client, cfg, sha, interrupts).await?;
        trail.virtual_ns = req.virtual_ns.clone();
        trail.timings.lap("preflight");
        simulate_cached(client, cfg.cache.as_deref(), &cfg.context, &req, progress, interrupts, trail).await
    }
}

/// What step `step` starts from.
pub struct StepIn<'a> {
    /// Actions taken before this simulation.
    pub step: u32,
    /// The trace of the previous step (step 0: the initial trace).
    pub trace: &'a Path,
    /// The action that makes this step's trace from `trace`; `None` at step 0.
    pub action: Option<Move>,
    /// The safeguards the action respects (`step::space`).
    pub limits: &'a Limits,
    /// The record's `policy`: the agent's name (`env` for the Gymnasium env).
    pub policy: &'a str,
    /// Labels copied into the record.
    pub tags: &'a BTreeMap<String, String>,
    /// The record's `tool_calls` (an MCP session's; empty for the other agents).
    pub tool_calls: &'a [Json],
    /// The observation space the step's observation must be in (the Gymnasium env's): outside
    /// it the step fails, and its record says so with the value, before it is written.
    pub space: Option<&'a Space>,
}

/// A step that ran to its observation.
#[derive(Debug, Clone)]
pub struct Stepped {
    /// What the agent sees next.
    pub state: State,
    /// The trace simulated (step 0: the initial one).
    pub trace: PathBuf,
    pub observation: Observation,
    pub reward: f64,
    pub trail: Trail,
    /// The observation vector, when the step had a `space`.
    pub vector: Option<[f32; 5]>,
}

/// Runs step `input.step`: act (from step 1) → simulate → observe → reward → record. The record
/// is appended whatever happens, and returned with the outcome; `cfg.episode` and `cfg.seed` name
/// the episode.
pub async fn run_step<S: Simulator>(
    sim: &mut S,
    cfg: &StepConfig,
    input: &StepIn<'_>,
    progress: &mut Progress,
    interrupts: &mut Interrupts,
) -> (Option<StepRecord>, Result<Stepped>) {
    let mut t = Timings::new();
    let prepared = (|| {
        let runs = Runs::open(&cfg.runs_dir)?;
        let dir = step_dir(&cfg.runs_dir, &cfg.episode, input.step);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok::<_, Error>((runs, dir, sha256_file(input.trace)?))
    })();
    // Nowhere to record (an unwritable runs folder, an unreadable trace): the error is the answer.
    let (runs, dir, sha_in) = match prepared {
        Ok(p) => p,
        Err(e) => return (None, Err(e)),
    };
    let mut rec = start_record(cfg, input, &sha_in);
    progress.phase(
        "start",
        format!(
            "step {} of episode {} in {} ({}; deploy {}, target {})",
            input.step, cfg.episode, cfg.ns, cfg.context, cfg.deploy, cfg.target
        ),
    );
    let mut trail = Trail::default();
    let outcome = body(sim, cfg, input, &dir, &sha_in, &mut rec, &mut t, &mut trail, progress, interrupts).await;
    let outcome = match finish(&runs, &mut rec, &mut t, &trail, &outcome, progress) {
        Ok(()) => outcome,
        // A record that cannot be written fails the step, whatever it observed.
        Err(e) => Err(e),
    };
    let outcome = outcome.map(|(observation, workload, trace, reward, vector)| Stepped {
        state: state(cfg.target, input.step, &observation, workload, &trail, &rec),
        trace,
        observation,
        reward,
        trail,
        vector,
    });
    (Some(rec), outcome)
}

/// The record as known before the step starts.
fn start_record(cfg: &StepConfig, input: &StepIn<'_>, trace_sha: &str) -> StepRecord {
    StepRecord {
        timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        namespace: cfg.ns.clone(),
        trace_in: input.trace.display().to_string(),
        seed: cfg.seed,
        policy: input.policy.into(),
        context: cfg.context.clone(),
        trace_in_sha256: trace_sha.into(),
        reward_fn: cfg.reward.name().into(),
        driver_image: cfg.driver_image.clone(),
        driver_image_source: cfg.driver_image_source.clone(),
        speed: cfg.speed,
        episode: Some(cfg.episode.clone()),
        step: input.step,
        target: Some(cfg.target),
        action: input.action.map_or(Json::Null, |a| a.record(&cfg.deploy)),
        action_info: Json::Null,
        tags: input.tags.clone(),
        tool_calls: input.tool_calls.to_vec(),
        ..Default::default()
    }
}

/// act → simulate → observe → reward (→ the observation vector, with a space), filling `rec`;
/// returns what was observed, the workload and the trace simulated, the reward and the vector.
#[allow(clippy::too_many_arguments)]
async fn body<S: Simulator>(
    sim: &mut S,
    cfg: &StepConfig,
    input: &StepIn<'_>,
    dir: &Path,
    sha_in: &str,
    rec: &mut StepRecord,
    t: &mut Timings,
    trail: &mut Trail,
    progress: &mut Progress,
    interrupts: &mut Interrupts,
) -> Result<(Observation, Workload, PathBuf, f64, Option<[f32; 5]>)> {
    let mut info = Map::new();
    let (trace, sha) = match input.action {
        None => (input.trace.to_path_buf(), sha_in.to_string()),
        Some(a) => {
            let acted = act(a, &cfg.deploy, input.trace, &dir.join("trace.msgpack"), input.limits)?;
            info.extend(acted.info);
            rec.action = acted.action_json;
            rec.action_info = Json::Object(info.clone());
            let sha = sha256_file(&acted.next)?;
            t.lap("act");
            progress.phase("action", format!("{} -> {}", rec.action, acted.next.display()));
            (acted.next, sha)
        }
    };
    rec.trace_out = trace.display().to_string();
    rec.trace_out_sha256 = sha.clone();
    let blocked = info.get("blocked").and_then(Json::as_bool) == Some(true);
    let sim_cfg = StepConfig { trace: trace.clone(), step: input.step, ..cfg.clone() };
    // The simulation's own timings (preflight, stage, create, …) start here.
    trail.timings = Timings::new();
    let obs = sim.simulate(&sim_cfg, &sha, progress, interrupts, trail).await?;
    t.merge(&trail.timings);
    rec.obs = Some(obs.obs());
    info.insert("observed_after_driver_start_s".into(), json!(trail.observed_after_driver_start_s));
    info.extend(pods(&obs));
    rec.action_info = Json::Object(info);
    let workload = super::workload::read(&trace, &cfg.deploy)?;
    let reward = cfg.reward.compute(&RewardInput {
        obs: obs.obs(),
        target: cfg.target,
        workload,
        blocked,
        step_penalty: cfg.step_penalty,
    });
    rec.reward = Some(reward);
    t.lap("reward");
    progress.phase("reward", format!("{} = {reward:.3}", cfg.reward.name()));
    // Checked here, not by the caller, so the record (its observation kept) and the answer agree.
    let vector = input.space.map(|sp| sp.vector(obs.obs(), cfg.target, workload)).transpose()?;
    Ok((obs, workload, trace, reward, vector))
}

/// The pods observed beyond ready/pending/total, as records and states carry them.
fn pods(o: &Observation) -> Map<String, Json> {
    [
        ("running", json!(o.running)),
        ("failed", json!(o.failed)),
        ("unscheduled", json!(o.unscheduled)),
        ("nodes", json!(o.nodes)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// What the agent sees after a step.
fn state(target: u32, step: u32, o: &Observation, w: Workload, trail: &Trail, rec: &StepRecord) -> State {
    let mut info = pods(o);
    info.insert("sim_name".into(), json!(trail.sim_name));
    info.insert("virtual_namespace".into(), json!(trail.virtual_ns));
    if step > 0 {
        let ai = &rec.action_info;
        info.insert("action".into(), rec.action.get("type").cloned().unwrap_or(Json::Null));
        info.insert("blocked".into(), json!(ai.get("blocked").and_then(Json::as_bool) == Some(true)));
        info.insert("reason".into(), ai.get("reason").cloned().unwrap_or(Json::Null));
    }
    State { obs: o.obs(), workload: w, target, step, info }
}

/// Preflight, then the Simulation request for `cfg.trace` (named for its episode and step).
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
        trace_sha256: trace_sha,
        deploy: &cfg.deploy,
        duration_s: cfg.duration_s,
        force: cfg.force,
        virtual_ns_prefix: &cfg.virtual_ns_prefix,
        api_timeout: cfg.api_timeout,
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
