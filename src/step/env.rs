//! The Gymnasium environment's semantics (sim-arena's `SimKubeEnv`), served by `env --stdio` and
//! wrapped by the Python package `skstep`:
//!
//! - `reset(seed)` is the engine's step 0 (`episode::run_step`): it simulates the initial trace
//!   and returns the first observation;
//! - `step(a)` is the engine's next step with action `a`: the action edits the current trace
//!   with the safeguards (a blocked action is simulated unchanged and reported), then simulate,
//!   observe, reward of the state *after* the action; terminated at the goal (ready = total =
//!   target, pending = 0), truncated after `max_steps` steps.
//!
//! Both write their record as `run`'s steps do (reset's is step 0, like an episode's initial
//! simulation). The observation vector is sim-arena's layout with bounds that hold for the
//! initial trace's start (`step::space`), declared by `spec`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json, json};

use super::engine::Goal;
use super::episode::{OnCluster, StepConfig, StepIn, Stepped, run_step};
use super::interrupt::Interrupts;
use super::policy::ActionType;
use super::progress::Progress;
use super::space::{MAX_TARGET, OBS_NAMES, Space};
use super::teardown::{Target, teardown};
use crate::cluster::wait::{Phase, Retries};
use crate::error::{Error, Result};
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

#[derive(Debug, Clone)]
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
    /// Declared by `spec` from the initial trace's start (`step::space`): the bounds Python's Box
    /// takes, and the safeguards the actions respect.
    space: Space,
    episode: Option<Episode>,
    episodes: u32,
    kept: Option<Kept>,
}

impl Env {
    pub fn new(client: kube::Client, cfg: EnvConfig) -> Result<Env> {
        let t = cfg.base.target;
        if !(1..=MAX_TARGET).contains(&t) {
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
        let b = &cfg.base;
        let space = Space::for_start(&b.trace, &b.deploy, super::workload::read(&b.trace, &b.deploy)?)?;
        Ok(Env { client, cfg, space, episode: None, episodes: 0, kept: None })
    }

    pub fn spec(&self) -> Json {
        let b = &self.cfg.base;
        let l = &self.space.limits;
        json!({
            "actions": ACTIONS.map(|a| serde_json::to_value(a).expect("serialises")),
            "obs_names": OBS_NAMES,
            "obs_low": self.space.low,
            "obs_high": self.space.high,
            "limits": { "max_cpu_m": l.max_cpu_m as i64, "max_memory_bytes": l.max_mem as i64, "max_replicas": l.max_replicas },
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

    /// One step of the engine's body: step 0 simulates `trace`; a later one applies `action` to
    /// it first. The record is written by the body, as for `run`.
    async fn run(
        &mut self,
        ep: &Episode,
        step: u32,
        action: Option<ActionType>,
        progress: &mut Progress,
        interrupts: &mut Interrupts,
    ) -> Result<Stepped> {
        let cfg = StepConfig {
            trace: ep.trace.clone(),
            episode: ep.id.clone(),
            step,
            seed: ep.seed,
            keep: self.cfg.keep_last,
            ..self.cfg.base.clone()
        };
        let input = StepIn {
            step,
            trace: &ep.trace,
            action: action.map(Into::into),
            limits: if action.is_some() { &self.space.limits } else { &Limits::default() },
            policy: "env",
            tags: &BTreeMap::new(),
            tool_calls: &[],
        };
        let (_, stepped) = run_step(&mut OnCluster(&self.client), &cfg, &input, progress, interrupts).await;
        let stepped = stepped?;
        if stepped.trail.kept {
            self.kept =
                Some(Kept { name: stepped.trail.sim_name.clone(), virtual_ns: stepped.trail.virtual_ns.clone() });
        }
        Ok(stepped)
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
        let (trace, deploy, target) = (self.cfg.base.trace.clone(), self.cfg.base.deploy.clone(), self.cfg.base.target);
        self.space.check_start(&trace, &deploy, super::workload::read(&trace, &deploy)?)?;
        progress.phase("reset", format!("episode {id}: simulating the initial trace {}", trace.display()));
        let ep = Episode { id, step: 0, trace, seed, over: None };
        let seen = self.run(&ep, 0, None, progress, interrupts).await?;
        let vector = self.space.vector(seen.state.obs, target, seen.state.workload)?;
        let info = self.info(&ep, &seen);
        self.episode = Some(Episode { trace: seen.trace, ..ep });
        Ok(json!({ "obs": vector, "info": info }))
    }

    async fn step(&mut self, action: i64, progress: &mut Progress, interrupts: &mut Interrupts) -> Result<Json> {
        let Some(ep) = self.episode.take() else {
            return Err(Error::usage("step before reset: call reset first", None));
        };
        if let Some(why) = &ep.over {
            let e = Error::usage(format!("the episode is over ({why}): call reset"), None);
            self.episode = Some(ep);
            return Err(e);
        }
        let Some(&act_type) = usize::try_from(action).ok().and_then(|i| ACTIONS.get(i)) else {
            self.episode = Some(ep);
            return Err(Error::usage(format!("action {action} is not in Discrete(7) (0..=6)"), None));
        };
        let step = ep.step + 1;
        progress.phase("start", format!("env step {step} of episode {}", ep.id));
        let res = self.run(&ep, step, Some(act_type), progress, interrupts).await;
        let target = self.cfg.base.target;
        let answer = res.and_then(|seen| {
            let vector = self.space.vector(seen.state.obs, target, seen.state.workload)?;
            let terminated = Goal::target(target).met(seen.state.obs, seen.state.workload);
            let truncated = !terminated && step >= self.cfg.max_steps;
            Ok((vector, terminated, truncated, seen))
        });
        match answer {
            Ok((vector, terminated, truncated, seen)) => {
                let mut info = self.info(&ep, &seen);
                info.insert("step".into(), json!(step));
                info.insert("trace".into(), json!(seen.trace));
                let over = (terminated || truncated).then(|| format!("it ended at step {step}"));
                self.episode = Some(Episode { step, trace: seen.trace.clone(), over, ..ep });
                Ok(json!({
                    "obs": vector, "reward": seen.reward, "terminated": terminated, "truncated": truncated, "info": info,
                }))
            }
            Err(e) => {
                self.episode = Some(Episode { step, over: Some(format!("step {step} failed")), ..ep });
                Err(e)
            }
        }
    }

    /// Gymnasium's `info`: the raw values behind the observation, and where they came from.
    fn info(&self, ep: &Episode, seen: &Stepped) -> Map<String, Json> {
        let (s, w) = (&seen.state, seen.state.workload);
        let mut m = Map::new();
        for (k, v) in [
            ("ready", json!(s.obs.ready)),
            ("pending", json!(s.obs.pending)),
            ("total", json!(s.obs.total)),
            ("replicas", json!(w.replicas)),
            ("cpu_m", json!(w.cpu_m as i64)),
            ("memory_bytes", json!(w.mem_bytes as i64)),
            ("target", json!(self.cfg.base.target)),
            ("sim_name", json!(seen.trail.sim_name)),
            ("virtual_namespace", json!(seen.trail.virtual_ns)),
            ("context", json!(self.cfg.base.context)),
            ("cached", json!(seen.trail.cache.as_ref().is_some_and(|n| n.hit))),
            ("timings_s", Json::Object(seen.trail.timings.map.clone())),
            ("episode", json!(ep.id)),
            ("step", json!(s.step)),
        ] {
            m.insert(k.into(), v);
        }
        for k in ["action", "blocked", "reason"] {
            if let Some(v) = s.info.get(k) {
                m.insert(k.into(), v.clone());
            }
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
    fn requests_parse_and_unknown_ones_are_refused() {
        let r: Request = serde_json::from_str(r#"{"op":"reset","seed":3}"#).unwrap();
        assert_eq!(r, Request::Reset { seed: Some(3), options: None });
        let r: Request = serde_json::from_str(r#"{"op":"step","action":2}"#).unwrap();
        assert_eq!(r, Request::Step { action: 2 });
        assert!(serde_json::from_str::<Request>(r#"{"op":"jump"}"#).is_err());
        assert!(serde_json::from_str::<Request>(r#"{"op":"step","action":1,"x":1}"#).is_err());
    }
}
