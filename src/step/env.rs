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

use super::Obs;
use super::machine::StepConfig;
use super::policy::ActionType;
use super::progress::Progress;
use super::reward::{RewardInput, Workload, at_goal};
use super::simulate::{Simulated, simulate};
use crate::cluster::prep::sha256_file;
use crate::error::{Error, Result};
use crate::records::jsonl::{Runs, StepRecord};
use crate::trace::edit::{Limits, Target, edit};

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
        (w.replicas > l.max_replicas || w.replicas < 0, format!("replicas {} outside 0..={}", w.replicas, l.max_replicas)),
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
    /// `trace`, `episode`, `step`, `action` and `policy` are set per step.
    pub base: StepConfig,
    pub max_steps: u32,
}

struct Episode {
    id: String,
    step: u32,
    trace: PathBuf,
    seed: u64,
    /// A step failed or the episode ended: only `reset` goes on.
    over: Option<String>,
}

pub struct Env {
    client: kube::Client,
    cfg: EnvConfig,
    episode: Option<Episode>,
    episodes: u32,
}

impl Env {
    pub fn new(client: kube::Client, cfg: EnvConfig) -> Env {
        Env { client, cfg, episode: None, episodes: 0 }
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

    /// Answers one request: the `ok` document, or an error (the caller sends it as `error`).
    pub async fn handle(
        &mut self,
        req: Request,
        progress: &mut Progress,
        interrupt: &mut (impl std::future::Future<Output = ()> + Unpin),
    ) -> Result<Json> {
        match req {
            Request::Spec => Ok(self.spec()),
            Request::Reset { seed, options } => self.reset(seed, options, progress, interrupt).await,
            Request::Step { action } => self.step(action, progress, interrupt).await,
            Request::Close => Ok(json!({})),
        }
    }

    fn step_cfg(&self, trace: &Path, episode: &str, step: u32, seed: u64) -> StepConfig {
        StepConfig {
            trace: trace.into(),
            episode: episode.into(),
            step,
            seed,
            policy: super::policy::Policy::Noop,
            action: None,
            ..self.cfg.base.clone()
        }
    }

    async fn reset(
        &mut self,
        seed: Option<u64>,
        options: Option<Map<String, Json>>,
        progress: &mut Progress,
        interrupt: &mut (impl std::future::Future<Output = ()> + Unpin),
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
        let sim = simulate(&self.client, &cfg, progress, interrupt).await?;
        let obs = sim.observation.obs();
        let vector = obs_vector(obs, cfg.target, workload)?;
        let info = self.info(&sim, workload, None);
        self.episode = Some(Episode { id, step: 0, trace, seed, over: None });
        Ok(json!({ "obs": vector, "info": info }))
    }

    async fn step(
        &mut self,
        action: i64,
        progress: &mut Progress,
        interrupt: &mut (impl std::future::Future<Output = ()> + Unpin),
    ) -> Result<Json> {
        let Some(ep) = &self.episode else {
            return Err(Error::usage("step before reset: call reset first", None));
        };
        if let Some(why) = &ep.over {
            return Err(Error::usage(format!("the episode is over ({why}): call reset"), None));
        }
        let Some(&act) = usize::try_from(action).ok().and_then(|i| ACTIONS.get(i)) else {
            return Err(Error::usage(format!("action {action} is not in Discrete(7) (0..=6)"), None));
        };
        let (id, step, trace_in, seed) = (ep.id.clone(), ep.step + 1, ep.trace.clone(), ep.seed);
        let cfg = self.step_cfg(&trace_in, &id, step, seed);
        let mut t = std::time::Instant::now();
        let mut rec = StepRecord {
            timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            namespace: cfg.ns.clone(),
            trace_in: trace_in.display().to_string(),
            seed,
            policy: "env".into(),
            context: cfg.context.clone(),
            reward_fn: cfg.reward.name().into(),
            driver_image: cfg.driver_image.clone(),
            episode: Some(id.clone()),
            step,
            action: act.record(&cfg.deploy),
            action_info: Json::Null,
            ..Default::default()
        };
        let res = self.act_simulate_reward(&cfg, act, &mut rec, progress, interrupt).await;
        rec.duration_s = (t.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
        t = std::time::Instant::now();
        match &res {
            Ok(_) => rec.outcome = "ok".into(),
            Err(Error::Interrupted) => {
                rec.outcome = "interrupted".into();
                rec.cause = Some("interrupted by signal".into());
            }
            Err(e) => {
                rec.outcome = "failed".into();
                rec.cause = Some(match e.hint() {
                    Some(h) => format!("{e} (fix: {h})"),
                    None => e.to_string(),
                });
            }
        }
        let runs = Runs::open(&cfg.runs_dir)?;
        runs.append(&rec)?;
        let _ = t;
        let ep = self.episode.as_mut().expect("checked above");
        ep.step = step;
        match res {
            Ok((answer, next, done)) => {
                ep.trace = next;
                if done {
                    ep.over = Some("terminated or truncated".into());
                }
                Ok(answer)
            }
            Err(e) => {
                ep.over = Some(format!("step {step} failed"));
                Err(e)
            }
        }
    }

    /// act → simulate → observe → reward; fills `rec`; returns the answer, the new current trace
    /// and whether the episode ended.
    async fn act_simulate_reward(
        &self,
        cfg: &StepConfig,
        act: ActionType,
        rec: &mut StepRecord,
        progress: &mut Progress,
        interrupt: &mut (impl std::future::Future<Output = ()> + Unpin),
    ) -> Result<(Json, PathBuf, bool)> {
        let step_dir = cfg.runs_dir.join(&cfg.episode).join(format!("step-{:03}", cfg.step));
        std::fs::create_dir_all(&step_dir).map_err(|e| Error::io(&step_dir, e))?;
        rec.trace_in_sha256 = sha256_file(&cfg.trace)?;
        let next = step_dir.join("trace-next.msgpack");
        let mut info = Map::new();
        let mut blocked = false;
        match act.edit() {
            None => {
                // Noop: the current trace, unchanged, is what the next step starts from.
                let mut out = crate::trace::stream::AtomicOut::create(&next)?;
                let mut src = std::fs::File::open(&cfg.trace).map_err(|e| Error::io(&cfg.trace, e))?;
                std::io::copy(&mut src, out.writer()).map_err(|e| Error::io(&next, e))?;
                out.commit()?;
                info.insert("changed".into(), Json::Bool(false));
                info.insert("blocked".into(), Json::Bool(false));
            }
            Some(e) => {
                let o = edit(&cfg.trace, &next, &Target { name: &cfg.deploy, namespace: None }, &e, &Limits::default())?;
                blocked = o.blocked;
                info.insert("changed".into(), Json::Bool(o.changed));
                info.insert("blocked".into(), Json::Bool(o.blocked));
                if let Some(r) = &o.reason {
                    info.insert("reason".into(), Json::from(r.clone()));
                }
                info.insert("before".into(), serde_json::to_value(&o.before).expect("serialises"));
                info.insert("after".into(), serde_json::to_value(&o.after).expect("serialises"));
            }
        }
        rec.trace_out = next.display().to_string();
        rec.trace_out_sha256 = sha256_file(&next)?;
        rec.action_info = Json::Object(info.clone());
        progress.phase("action", format!("{} -> {}", rec.action, next.display()));

        let sim_cfg = StepConfig { trace: next.clone(), ..cfg.clone() };
        let sim = simulate(&self.client, &sim_cfg, progress, interrupt).await;
        let sim = sim?;
        rec.sim_name = sim.sim_name.clone();
        rec.sim_uid = sim.sim_uid.clone();
        rec.virtual_namespace = sim.virtual_namespace.clone();
        rec.timings_s = sim.timings_s.clone();
        let o = &sim.observation;
        rec.obs = Some(o.obs());
        for (k, v) in [
            ("running", json!(o.running)),
            ("failed", json!(o.failed)),
            ("unscheduled", json!(o.unscheduled)),
            ("nodes", json!(o.nodes)),
        ] {
            info.insert(k.into(), v);
        }
        rec.action_info = Json::Object(info.clone());

        let workload = super::workload::read(&next, &cfg.deploy)?;
        let vector = obs_vector(o.obs(), cfg.target, workload)?;
        let reward = cfg.reward.compute(&RewardInput {
            obs: o.obs(),
            target: cfg.target,
            workload,
            blocked,
            step_penalty: cfg.step_penalty,
        });
        rec.reward = Some(reward);
        progress.phase("reward", format!("{} = {reward:.3}", cfg.reward.name()));
        let terminated = at_goal(o.obs(), cfg.target);
        let truncated = !terminated && cfg.step >= self.cfg.max_steps;
        let mut info = self.info(&sim, workload, Some(&info));
        info.insert("action".into(), serde_json::to_value(act).expect("serialises"));
        info.insert("step".into(), json!(cfg.step));
        info.insert("blocked".into(), json!(blocked));
        Ok((
            json!({
                "obs": vector, "reward": reward, "terminated": terminated, "truncated": truncated,
                "info": info,
            }),
            next,
            terminated || truncated,
        ))
    }

    /// Gymnasium's `info`: the raw values behind the observation, and where it came from.
    fn info(&self, sim: &Simulated, w: Workload, action_info: Option<&Map<String, Json>>) -> Map<String, Json> {
        let o = &sim.observation;
        let mut m = Map::new();
        for (k, v) in [
            ("ready", json!(o.ready)),
            ("pending", json!(o.pending)),
            ("total", json!(o.total)),
            ("replicas", json!(w.replicas)),
            ("cpu_m", json!(w.cpu_m as i64)),
            ("memory_bytes", json!(w.mem_bytes as i64)),
            ("target", json!(self.cfg.base.target)),
            ("sim_name", json!(sim.sim_name)),
            ("virtual_namespace", json!(sim.virtual_namespace)),
            ("context", json!(self.cfg.base.context)),
            ("timings_s", Json::Object(sim.timings_s.clone())),
        ] {
            m.insert(k.into(), v);
        }
        if let Some(ep) = &self.episode {
            m.insert("episode".into(), json!(ep.id));
        }
        if let Some(a) = action_info {
            m.insert("action_info".into(), Json::Object(a.clone()));
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
