//! The Gymnasium environment's semantics (sim-arena's `SimKubeEnv`), served by `env --stdio` and
//! wrapped by the Python package `skstep`:
//!
//! - `reset(seed)` simulates the initial trace and returns the first observation;
//! - `step(a)` applies action `a` to the current trace with `trace edit`'s safeguards (a blocked
//!   action is simulated unchanged and reported), simulates, observes and rewards the state
//!   *after* the action; terminated at the goal (ready = total = target, pending = 0), truncated
//!   after `max_steps` steps. Every step appends a record as `run` does.
//!
//! The observation vector is sim-arena's layout with bounds that hold (see [`OBS_LOW`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json, json};

use super::act::{Choice, act};
use super::episode::{StepConfig, sim_request, start_record};
use super::interrupt::Interrupts;
use super::policy::ActionType;
use super::preflight::step_dir;
use super::progress::Progress;
use super::record::{Timings, settle};
use super::reward::{RewardInput, Workload, at_goal};
use super::simulate::{Trail, simulate_cached};
use super::teardown::{Target, teardown};
use crate::cluster::prep::sha256_file;
use crate::cluster::wait::{Phase, Retries};
use crate::error::{Error, Result};
use crate::model::Obs;
use crate::records::jsonl::{Runs, StepRecord};
use crate::trace::edit::Limits;

/// sim-arena's action indices (its `Discrete(7)`): note the order differs from `run --action`'s list.
pub const ACTIONS: [ActionType; 7] = [
    ActionType::Noop,
    ActionType::BumpCpuSmall,
    ActionType::BumpMemSmall,
    ActionType::ScaleUpReplicas,
    ActionType::ReduceCpuSmall,
    ActionType::ReduceMemSmall,
    ActionType::ScaleDownReplicas,
];

pub const OBS_NAMES: [&str; 5] = ["cpu_m/4000", "mem_Mi/4096", "pending/5", "(target-total)/5", "min(1,replicas/8)"];

/// The most pods an observation may count: a Deployment at the replica limit (100) during a
/// rolling update with maxSurge 100%. More is refused as an error, never clipped.
pub const MAX_PODS: u32 = 2 * 100;

/// Lower bounds. cpu and memory requests are never negative; (target − total)/5 is negative
/// whenever more pods exist than the target (sim-arena declares 0 there, which does not hold).
pub const OBS_LOW: [f32; 5] = [0.0, 0.0, 0.0, -(MAX_PODS as f32) / 5.0, 0.0];

/// Upper bounds, from the safeguard limits: cpu ≤ 16000m → 4; memory ≤ 32Gi = 32768Mi → 8;
/// pending ≤ MAX_PODS → 40; target ≤ 100 replicas → 20; min(1, ·) ≤ 1. The edits cannot leave
/// these limits, and `reset` refuses a trace that starts outside them.
pub const OBS_HIGH: [f32; 5] = [4.0, 8.0, MAX_PODS as f32 / 5.0, 100.0 / 5.0, 1.0];

/// sim-arena's observation: cpu_m/4000, mem_Mi/4096, pending/5, (target−total)/5,
/// min(1, replicas/8). An observation outside the declared bounds is an error naming the value.
pub fn obs_vector(o: Obs, target: u32, w: Workload) -> Result<[f32; 5]> {
    let v = [
        w.cpu_m as f64 / 4000.0,
        w.mem_bytes as f64 / f64::from(1u32 << 20) / 4096.0,
        f64::from(o.pending) / 5.0,
        (f64::from(target) - f64::from(o.total)) / 5.0,
        (w.replicas as f64 / 8.0).min(1.0),
    ];
    let out = v.map(|x| x as f32);
    for (i, x) in out.iter().enumerate() {
        if !(OBS_LOW[i]..=OBS_HIGH[i]).contains(x) {
            return Err(Error::Simulation {
                message: format!(
                    "observation {} = {x} is outside the declared space [{}, {}] (ready {}, pending {}, total {}, {w:?})",
                    OBS_NAMES[i], OBS_LOW[i], OBS_HIGH[i], o.ready, o.pending, o.total
                ),
                hint: Some("keep the Deployment within the safeguard limits (cpu ≤ 16000m, memory ≤ 32Gi, replicas ≤ 100) and maxSurge ≤ 100%".into()),
            });
        }
    }
    Ok(out)
}

/// Refuses a trace whose Deployment starts outside the safeguard limits: its observations would
/// leave the space, and no action could bring it back (the edits are blocked there).
pub fn check_limits(trace: &Path, deploy: &str, w: Workload) -> Result<()> {
    let l = Limits::default();
    let bad = [
        (w.cpu_m > l.max_cpu_m, format!("cpu request {}m > {}m", w.cpu_m, l.max_cpu_m)),
        (w.mem_bytes > l.max_mem, format!("memory request {} bytes > 32Gi", w.mem_bytes)),
        (
            w.replicas > l.max_replicas || w.replicas < 0,
            format!("replicas {} outside 0..={}", w.replicas, l.max_replicas),
        ),
    ];
    match bad.iter().find(|(b, _)| *b) {
        Some((_, why)) => Err(Error::bad_input(
            format!("{}: Deployment {deploy}: {why}: outside the env's safeguard limits", trace.display()),
            Some(format!("kubectl skstep trace edit {} -o FIXED.msgpack --deploy {deploy} …", trace.display())),
        )),
        None => Ok(()),
    }
}

/// One request line of `env --stdio`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Request {
    /// The spaces and settings, so the adapter declares them as Rust defines them.
    Spec,
    Reset {
        #[serde(default)]
        seed: Option<u64>,
        #[serde(default)]
        options: Option<Map<String, Json>>,
    },
    Step {
        action: i64,
    },
    Close,
}

/// The settings of an env, fixed for its life.
#[derive(Debug, Clone)]
pub struct EnvConfig {
    /// The initial trace, namespace, deploy, target, durations, reward, runs dir, context…;
    /// `trace`, `episode`, `step` and `action` are set per step.
    pub base: StepConfig,
    pub max_steps: u32,
    /// Leave each Simulation in place until the next request (to inspect it with `observe`).
    pub keep_last: bool,
}

struct Episode {
    id: String,
    step: u32,
    trace: PathBuf,
    seed: u64,
    /// Why only `reset` goes on (a step failed, or the episode ended).
    over: Option<String>,
}

/// A Simulation left in place by `keep_last`, deleted before the next one.
struct Kept {
    name: String,
    virtual_ns: String,
}

pub struct Env {
    client: kube::Client,
    cfg: EnvConfig,
    episode: Option<Episode>,
    episodes: u32,
    kept: Option<Kept>,
}

/// One simulated trace: what was observed and where.
struct Seen {
    obs: Obs,
    observation: crate::cluster::observe::Observation,
    trail: Trail,
    /// What the transition cache did (with `--cache`).
    cache: Option<crate::cache::Note>,
}

impl Env {
    pub fn new(client: kube::Client, cfg: EnvConfig) -> Result<Env> {
        let t = cfg.base.target;
        if !(1..=Limits::default().max_replicas as u32).contains(&t) {
            return Err(Error::usage(
                format!(
                    "--target {t}: the env's target must be 1..=100 (the replica limit; the observation space is built on it)"
                ),
                None,
            ));
        }
        if cfg.max_steps == 0 {
            return Err(Error::usage("--max-steps must be at least 1", None));
        }
        Ok(Env { client, cfg, episode: None, episodes: 0, kept: None })
    }

    pub fn spec(&self) -> Json {
        let b = &self.cfg.base;
        json!({
            "actions": ACTIONS.map(|a| serde_json::to_value(a).expect("serialises")),
            "obs_names": OBS_NAMES,
            "obs_low": OBS_LOW,
            "obs_high": OBS_HIGH,
            "max_steps": self.cfg.max_steps,
            "reward": b.reward.name(),
            "target": b.target,
            "deploy": b.deploy,
            "namespace": b.ns,
            "context": b.context,
            "runs_dir": b.runs_dir,
        })
    }

    /// Answers one request: the `ok` document, or an error (sent as `error`).
    pub async fn handle(&mut self, req: Request, progress: &mut Progress, interrupts: &mut Interrupts) -> Result<Json> {
        if !matches!(req, Request::Spec) {
            self.drop_kept(progress).await?;
        }
        match req {
            Request::Spec => Ok(self.spec()),
            Request::Reset { seed, options } => self.reset(seed, options, progress, interrupts).await,
            Request::Step { action } => self.step(action, progress, interrupts).await,
            Request::Close => Ok(json!({})),
        }
    }

    async fn drop_kept(&mut self, progress: &mut Progress) -> Result<()> {
        if let Some(k) = self.kept.take() {
            progress.phase("cleanup", format!("deleting Simulation {} (kept for inspection)", k.name));
            let b = &self.cfg.base;
            let target =
                Target { name: &k.name, ns: &b.ns, simkube_ns: &b.simkube_ns, vns: &k.virtual_ns, deploy: &b.deploy };
            let phase = Phase::new("cleanup", b.api_timeout, &Retries::default());
            teardown(&self.client, &target, &phase, progress).await?;
        }
        Ok(())
    }

    fn step_cfg(&self, trace: &Path, episode: &str, step: u32, seed: u64) -> StepConfig {
        StepConfig {
            trace: trace.into(),
            episode: episode.into(),
            step,
            seed,
            keep: self.cfg.keep_last,
            ..self.cfg.base.clone()
        }
    }

    /// Simulates `cfg.trace` and observes, as a `run` step does before it acts.
    async fn simulate(
        &mut self,
        cfg: &StepConfig,
        trace_sha: &str,
        progress: &mut Progress,
        interrupts: &mut Interrupts,
        trail: &mut Trail,
    ) -> Result<Seen> {
        let req = sim_request(&self.client, cfg, trace_sha, interrupts).await?;
        let (observation, cache) =
            simulate_cached(&self.client, cfg.cache.as_deref(), &cfg.context, &req, progress, interrupts, trail)
                .await?;
        if trail.kept {
            self.kept = Some(Kept { name: trail.sim_name.clone(), virtual_ns: trail.virtual_ns.clone() });
        }
        Ok(Seen { obs: observation.obs(), observation, trail: trail.clone(), cache })
    }

    async fn reset(
        &mut self,
        seed: Option<u64>,
        options: Option<Map<String, Json>>,
        progress: &mut Progress,
        interrupts: &mut Interrupts,
    ) -> Result<Json> {
        if let Some(k) = options.as_ref().and_then(|o| o.keys().next()) {
            return Err(Error::usage(
                format!("reset: unknown option {k:?} (the env takes no reset options; set them when making it)"),
                None,
            ));
        }
        // The episode is over until this reset succeeds.
        self.episode = None;
        self.episodes += 1;
        let seed = seed.unwrap_or(self.cfg.base.seed);
        let id = format!("env-{}-{}", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"), self.episodes);
        let trace = self.cfg.base.trace.clone();
        let workload = super::workload::read(&trace, &self.cfg.base.deploy)?;
        check_limits(&trace, &self.cfg.base.deploy, workload)?;
        let cfg = self.step_cfg(&trace, &id, 0, seed);
        progress.phase("reset", format!("episode {id}: simulating the initial trace {}", trace.display()));
        let sha = sha256_file(&trace)?;
        let mut trail = Trail::default();
        let seen = self.simulate(&cfg, &sha, progress, interrupts, &mut trail).await?;
        let vector = obs_vector(seen.obs, cfg.target, workload)?;
        let mut info = self.info(&seen, workload);
        info.insert("episode".into(), json!(id));
        info.insert("step".into(), json!(0));
        self.episode = Some(Episode { id, step: 0, trace, seed, over: None });
        Ok(json!({ "obs": vector, "info": info }))
    }

    async fn step(&mut self, action: i64, progress: &mut Progress, interrupts: &mut Interrupts) -> Result<Json> {
        let Some(ep) = &self.episode else {
            return Err(Error::usage("step before reset: call reset first", None));
        };
        if let Some(why) = &ep.over {
            return Err(Error::usage(format!("the episode is over ({why}): call reset"), None));
        }
        let Some(&act_type) = usize::try_from(action).ok().and_then(|i| ACTIONS.get(i)) else {
            return Err(Error::usage(format!("action {action} is not in Discrete(7) (0..=6)"), None));
        };
        let (id, step, trace_in, seed) = (ep.id.clone(), ep.step + 1, ep.trace.clone(), ep.seed);
        let cfg = StepConfig { action: Some(act_type), ..self.step_cfg(&trace_in, &id, step, seed) };
        let mut t = Timings::new();
        let trace_sha = sha256_file(&trace_in)?;
        let mut rec = start_record(&cfg, &trace_sha);
        rec.policy = "env".into();
        rec.target = Some(cfg.target);
        rec.action = act_type.record(&cfg.deploy);
        progress.phase("start", format!("env step {step} of episode {id} in {} ({})", cfg.ns, cfg.context));
        let mut trail = Trail::default();
        let res = self.act_simulate_reward(&cfg, act_type, &mut rec, &mut t, progress, interrupts, &mut trail).await;
        rec.sim_name = trail.sim_name.clone();
        rec.sim_uid = trail.sim_uid.clone();
        rec.retries = trail.retries;
        t.merge(&trail.timings);
        rec.timings_s = t.map.clone();
        rec.duration_s = t.total();
        settle(&mut rec, &res);
        if !trail.left.is_empty() {
            let cause = rec.cause.take().map_or(String::new(), |c| format!("{c}; "));
            rec.cause = Some(format!("{cause}left in the cluster: {}", trail.left.join(", ")));
        }
        Runs::open(&cfg.runs_dir)?.append(&rec)?;
        let ep = self.episode.as_mut().expect("checked above");
        ep.step = step;
        match res {
            Ok((answer, next, done)) => {
                ep.trace = next;
                if done {
                    ep.over = Some(format!("it ended at step {step}"));
                }
                Ok(answer)
            }
            Err(e) => {
                ep.over = Some(format!("step {step} failed"));
                Err(e)
            }
        }
    }

    /// act → simulate → observe → reward, filling `rec`; returns the answer, the new current
    /// trace and whether the episode ended.
    #[allow(clippy::too_many_arguments)]
    async fn act_simulate_reward(
        &mut self,
        cfg: &StepConfig,
        act_type: ActionType,
        rec: &mut StepRecord,
        t: &mut Timings,
        progress: &mut Progress,
        interrupts: &mut Interrupts,
        trail: &mut Trail,
    ) -> Result<(Json, PathBuf, bool)> {
        let dir = step_dir(&cfg.runs_dir, &cfg.episode, cfg.step);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let choice = Choice {
            policy: cfg.policy,
            action: Some(act_type),
            target: cfg.target,
            seed: cfg.seed,
            step: cfg.step,
            deploy: &cfg.deploy,
        };
        let acted = act(&choice, act_type, &cfg.trace, &dir)?;
        let blocked = acted.info.get("blocked").and_then(Json::as_bool) == Some(true);
        let mut info = acted.info;
        rec.action = acted.action_json;
        rec.trace_out = acted.next.display().to_string();
        rec.trace_out_sha256 = sha256_file(&acted.next)?;
        rec.action_info = Json::Object(info.clone());
        t.lap("act");
        progress.phase("action", format!("{} -> {}", rec.action, acted.next.display()));

        // The state after the action: simulate the edited trace.
        let sim_cfg = StepConfig { trace: acted.next.clone(), ..cfg.clone() };
        let sha = rec.trace_out_sha256.clone();
        let seen = self.simulate(&sim_cfg, &sha, progress, interrupts, trail).await?;
        rec.virtual_namespace = seen.trail.virtual_ns.clone();
        rec.obs = Some(seen.obs);
        rec.cached = seen.cache.as_ref().is_some_and(|n| n.hit);
        rec.cache = seen.cache.as_ref().map(|n| json!(n));
        let o = &seen.observation;
        for (k, v) in [
            ("observed_after_driver_start_s", json!(seen.trail.observed_after_driver_start_s)),
            ("running", json!(o.running)),
            ("failed", json!(o.failed)),
            ("unscheduled", json!(o.unscheduled)),
            ("nodes", json!(o.nodes)),
        ] {
            info.insert(k.into(), v);
        }
        rec.action_info = Json::Object(info);

        let workload = super::workload::read(&acted.next, &cfg.deploy)?;
        let vector = obs_vector(seen.obs, cfg.target, workload)?;
        let reward = cfg.reward.compute(&RewardInput {
            obs: seen.obs,
            target: cfg.target,
            workload,
            blocked,
            step_penalty: cfg.step_penalty,
        });
        rec.reward = Some(reward);
        t.lap("reward");
        progress.phase("reward", format!("{} = {reward:.3}", cfg.reward.name()));
        let terminated = at_goal(seen.obs, cfg.target);
        let truncated = !terminated && cfg.step >= self.cfg.max_steps;
        let mut info = self.info(&seen, workload);
        for (k, v) in [
            ("episode", json!(cfg.episode)),
            ("step", json!(cfg.step)),
            ("action", json!(act_type)),
            ("blocked", json!(blocked)),
            ("reason", rec.action_info.get("reason").cloned().unwrap_or(Json::Null)),
            ("trace", json!(acted.next)),
        ] {
            info.insert(k.into(), v);
        }
        let answer = json!({
            "obs": vector, "reward": reward, "terminated": terminated, "truncated": truncated, "info": info,
        });
        Ok((answer, acted.next, terminated || truncated))
    }

    /// Gymnasium's `info`: the raw values behind the observation, and where they came from.
    fn info(&self, seen: &Seen, w: Workload) -> Map<String, Json> {
        let mut m = Map::new();
        for (k, v) in [
            ("ready", json!(seen.obs.ready)),
            ("pending", json!(seen.obs.pending)),
            ("total", json!(seen.obs.total)),
            ("replicas", json!(w.replicas)),
            ("cpu_m", json!(w.cpu_m as i64)),
            ("memory_bytes", json!(w.mem_bytes as i64)),
            ("target", json!(self.cfg.base.target)),
            ("sim_name", json!(seen.trail.sim_name)),
            ("virtual_namespace", json!(seen.trail.virtual_ns)),
            ("context", json!(self.cfg.base.context)),
            ("timings_s", Json::Object(seen.trail.timings.map.clone())),
            ("cached", json!(seen.cache.as_ref().is_some_and(|n| n.hit))),
        ] {
            m.insert(k.into(), v);
        }
        m
    }
}

/// The `error` document an answer carries instead of `ok`.
pub fn error_doc(e: &Error) -> Json {
    json!({ "error": { "message": e.to_string(), "hint": e.hint(), "exit_code": e.exit_code() } })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MI: i128 = 1 << 20;

    #[test]
    fn actions_are_in_sim_arenas_order() {
        let names: Vec<Json> = ACTIONS.iter().map(|a| serde_json::to_value(a).unwrap()).collect();
        assert_eq!(
            names,
            [
                "noop",
                "bump_cpu_small",
                "bump_mem_small",
                "scale_up_replicas",
                "reduce_cpu_small",
                "reduce_mem_small",
                "scale_down_replicas"
            ]
        );
    }

    #[test]
    fn the_vector_is_sim_arenas_layout() {
        let w = Workload { cpu_m: 1000, mem_bytes: 512 * MI, replicas: 3 };
        // 1000/4000, 512/4096, 1/5, (2−3)/5, 3/8.
        let v = obs_vector(Obs { ready: 2, pending: 1, total: 3 }, 2, w).unwrap();
        assert_eq!(v, [0.25, 0.125, 0.2, -0.2, 0.375]);
        // min(1, 20/8) = 1.
        let v = obs_vector(Obs::default(), 2, Workload { replicas: 20, ..w }).unwrap();
        assert_eq!(v[4], 1.0);
    }

    #[test]
    fn bounds_hold_at_the_safeguard_limits_and_an_outlier_is_an_error() {
        let l = Limits::default();
        let top = Workload { cpu_m: l.max_cpu_m, mem_bytes: l.max_mem, replicas: l.max_replicas };
        let v = obs_vector(Obs { ready: 0, pending: MAX_PODS, total: MAX_PODS }, 1, top).unwrap();
        assert_eq!(v[0], OBS_HIGH[0]);
        assert_eq!(v[1], OBS_HIGH[1]);
        assert_eq!(v[2], OBS_HIGH[2]);
        assert!(v[3] >= OBS_LOW[3] && v[3] < 0.0, "{v:?}");
        let v = obs_vector(Obs::default(), 100, top).unwrap();
        assert_eq!(v[3], OBS_HIGH[3]);
        let e = obs_vector(Obs { ready: 0, pending: 0, total: MAX_PODS + 10 }, 1, top).unwrap_err();
        assert!(e.to_string().contains("(target-total)/5"), "{e}");
        let e = check_limits(Path::new("t.msgpack"), "web", Workload { cpu_m: 16_500, ..top }).unwrap_err();
        assert!(e.to_string().contains("cpu request 16500m > 16000m"), "{e}");
    }

    #[test]
    fn requests_parse_and_unknown_ones_are_refused() {
        let r: Request = serde_json::from_str(r#"{"op":"reset","seed":3}"#).unwrap();
        assert_eq!(r, Request::Reset { seed: Some(3), options: None });
        let r: Request = serde_json::from_str(r#"{"op":"step","action":2}"#).unwrap();
        assert_eq!(r, Request::Step { action: 2 });
        assert!(serde_json::from_str::<Request>(r#"{"op":"jump"}"#).is_err());
        assert!(serde_json::from_str::<Request>(r#"{"op":"step","action":1,"x":1}"#).is_err());
    }
}
