//! The Gymnasium environment's semantics (sim-arena's `SimKubeEnv`), served by `env --stdio` and
//! wrapped by the Python package `skstep`:
//!
//! - `reset(seed)` is the engine's step 0 (`episode::run_step`): it picks the episode's problem
//!   (the one trace, or a scenario drawn from the env's generator, which `reset(seed=…)` reseeds,
//!   so a seeded sequence of resets plays the same scenarios), simulates its initial trace and
//!   returns the first observation;
//! - `step(a)` is the engine's next step with action `a`: the action edits the current trace
//!   with the safeguards (a blocked action is simulated unchanged and reported), then simulate,
//!   observe, reward of the state *after* the action; terminated at the problem's goal (ready =
//!   total = target, pending = 0, within its ceilings), truncated after its `max_steps` steps.
//!
//! Both write their record as `run`'s steps do (reset's is step 0, like an episode's initial
//! simulation). The observation vector is sim-arena's layout with bounds that hold for every
//! problem's initial trace (`step::space`), declared by `spec`; the step body checks each
//! observation against them before it writes the record, so an observation outside is a failed
//! record and an error answer alike.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json, json};

use super::engine::Goal;
use super::episode::{OnCluster, Simulator, StepConfig, StepIn, Stepped, run_step};
use super::interrupt::Interrupts;
use super::policy::{ActionType, SplitMix};
use super::progress::Progress;
use super::reward::Workload;
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

/// One problem an episode may play: `env --trace` makes one, `--scenario` one from its file,
/// `--suite` one per scenario (the commands layer builds them; a scenario's profile is checked
/// against the cluster there).
#[derive(Debug, Clone)]
pub struct Problem {
    /// The scenario's id (none for `--trace`).
    pub id: Option<String>,
    pub trace: PathBuf,
    pub deploy: String,
    pub goal: Goal,
    /// Steps after which an episode is truncated (a scenario's budget unless --max-steps).
    pub max_steps: u32,
    /// Simulated time per step and SimKube's speed.
    pub duration_s: i64,
    pub speed: Option<f64>,
    /// Labels of its records (scenario, suite).
    pub tags: BTreeMap<String, String>,
}

/// The settings of an env, fixed for its life.
#[derive(Debug, Clone)]
pub struct EnvConfig {
    /// The namespace, durations, reward, runs dir, context…; `trace`, `deploy`, `target`,
    /// duration, speed, `episode`, `step` and `action` are set per step from the problem.
    pub base: StepConfig,
    /// At least one; with several, each reset draws one.
    pub problems: Vec<Problem>,
    /// Leave each Simulation in place until the next request (to inspect it with `observe`).
    pub keep_last: bool,
}

#[derive(Debug, Clone)]
struct Episode {
    id: String,
    step: u32,
    trace: PathBuf,
    seed: u64,
    /// Index into the problems.
    problem: usize,
    /// The safeguards of this episode's start (`Space::for_start`).
    limits: Limits,
    /// Why only `reset` goes on (a step failed, or the episode ended).
    over: Option<String>,
}

/// A Simulation left in place by `keep_last`, deleted before the next one.
pub struct Kept {
    pub name: String,
    pub virtual_ns: String,
}

/// What the env simulates on: the step body's [`Simulator`], and the deletion of a Simulation
/// `keep_last` left. [`Cluster`] (the step body's `OnCluster`, owning its client) is the real one.
pub trait EnvSim: Simulator {
    fn delete_kept(
        &mut self,
        k: &Kept,
        base: &StepConfig,
        deploy: &str,
        progress: &mut Progress,
    ) -> impl Future<Output = Result<()>>;
}

/// The env's cluster: the step body's real simulation, and the kept Simulation's cleanup.
pub type Cluster = OnCluster<kube::Client>;

impl EnvSim for Cluster {
    async fn delete_kept(&mut self, k: &Kept, b: &StepConfig, deploy: &str, progress: &mut Progress) -> Result<()> {
        let target = Target { name: &k.name, ns: &b.ns, simkube_ns: &b.simkube_ns, vns: &k.virtual_ns, deploy };
        let phase = Phase::new("cleanup", b.api_timeout, &Retries::default());
        teardown(&self.0, &target, &phase, progress).await
    }
}

pub struct Env<S: EnvSim = Cluster> {
    sim: S,
    cfg: EnvConfig,
    /// Declared by `spec`: bounds that hold for every problem's start (`step::space`), the
    /// bounds Python's Box takes.
    space: Space,
    /// Draws the problem at each reset; `reset(seed)` reseeds it, else it goes on.
    draw: SplitMix,
    episode: Option<Episode>,
    episodes: u32,
    kept: Option<(Kept, String)>,
}

impl<S: EnvSim> Env<S> {
    pub fn new(sim: S, cfg: EnvConfig) -> Result<Env<S>> {
        if cfg.problems.is_empty() {
            return Err(Error::usage("the env has no problem to play (no trace, scenario or suite)", None));
        }
        let mut widest = Workload::default();
        for p in &cfg.problems {
            let t = p.goal.target;
            let what = p.id.as_ref().map_or(String::new(), |id| format!("scenario {id}: "));
            if !(1..=MAX_TARGET).contains(&t) {
                return Err(Error::usage(
                    format!(
                        "{what}target {t}: the env's target must be 1..=100 (the replica limit; the observation space is built on it)"
                    ),
                    None,
                ));
            }
            if p.max_steps == 0 {
                return Err(Error::usage(format!("{what}--max-steps must be at least 1"), None));
            }
            let w = super::workload::read(&p.trace, &p.deploy)?;
            Space::for_start(&p.trace, &p.deploy, w)?;
            widest = Workload {
                cpu_m: widest.cpu_m.max(w.cpu_m),
                mem_bytes: widest.mem_bytes.max(w.mem_bytes),
                replicas: widest.replicas.max(w.replicas),
            };
        }
        let first = &cfg.problems[0];
        let space = Space::for_start(&first.trace, &first.deploy, widest)?;
        let draw = SplitMix::new(cfg.base.seed);
        Ok(Env { sim, cfg, space, draw, episode: None, episodes: 0, kept: None })
    }

    pub fn spec(&self) -> Json {
        let b = &self.cfg.base;
        let l = &self.space.limits;
        let ps = &self.cfg.problems;
        // One problem: its deploy and target; a suite's vary by episode (info says which).
        let one = |f: &dyn Fn(&Problem) -> Json| if ps.len() == 1 { f(&ps[0]) } else { Json::Null };
        json!({
            "actions": ACTIONS.map(|a| serde_json::to_value(a).expect("serialises")),
            "obs_names": OBS_NAMES,
            "obs_low": self.space.low,
            "obs_high": self.space.high,
            "limits": { "max_cpu_m": l.max_cpu_m as i64, "max_memory_bytes": l.max_mem as i64, "max_replicas": l.max_replicas },
            "max_steps": ps.iter().map(|p| p.max_steps).max(),
            "reward": b.reward.name(),
            "target": one(&|p| json!(p.goal.target)),
            "deploy": one(&|p| json!(p.deploy)),
            "scenarios": ps.iter().filter_map(|p| p.id.clone()).collect::<Vec<_>>(),
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
        if let Some((k, deploy)) = self.kept.take() {
            progress.phase("cleanup", format!("deleting Simulation {} (kept for inspection)", k.name));
            self.sim.delete_kept(&k, &self.cfg.base, &deploy, progress).await?;
        }
        Ok(())
    }

    /// One step of the engine's body: step 0 simulates `trace`; a later one applies `action` to
    /// it first. The record is written by the body, as for `run`, and says when the observation
    /// is outside the declared space.
    async fn run(
        &mut self,
        ep: &Episode,
        step: u32,
        action: Option<ActionType>,
        progress: &mut Progress,
        interrupts: &mut Interrupts,
    ) -> Result<(Stepped, [f32; 5])> {
        let p = &self.cfg.problems[ep.problem];
        let cfg = StepConfig {
            trace: ep.trace.clone(),
            deploy: p.deploy.clone(),
            target: p.goal.target,
            duration_s: p.duration_s,
            speed: p.speed,
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
            limits: if action.is_some() { &ep.limits } else { &Limits::default() },
            policy: "env",
            tags: &p.tags,
            tool_calls: &[],
            space: Some(&self.space),
        };
        let (_, stepped) = run_step(&mut self.sim, &cfg, &input, progress, interrupts).await;
        let stepped = stepped?;
        if stepped.trail.kept {
            let k = Kept { name: stepped.trail.sim_name.clone(), virtual_ns: stepped.trail.virtual_ns.clone() };
            self.kept = Some((k, cfg.deploy.clone()));
        }
        // The body computes the vector whenever it is given a space (as here).
        let vector = stepped.vector.expect("a step with a space returns its vector");
        Ok((stepped, vector))
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
        if let Some(s) = seed {
            self.draw = SplitMix::new(s);
        }
        let n = self.cfg.problems.len();
        // One draw per reset, whatever the number of problems, so a seed means one sequence.
        let problem = (self.draw.next_u64() % n as u64) as usize;
        let seed = seed.unwrap_or(self.cfg.base.seed);
        // The process id too: the envs of a vector env share one runs folder and reset in the
        // same millisecond, and a shared episode id is a shared step folder (one env's edited
        // trace overwritten by another's before it is simulated).
        let id = format!(
            "env-{}-p{}-{}",
            chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"),
            std::process::id(),
            self.episodes
        );
        let p = &self.cfg.problems[problem];
        let (trace, deploy) = (p.trace.clone(), p.deploy.clone());
        let start = super::workload::read(&trace, &deploy)?;
        self.space.check_start(&trace, &deploy, start)?;
        let limits = Space::for_start(&trace, &deploy, start)?.limits;
        let what = p.id.as_ref().map_or(String::new(), |s| format!(" (scenario {s})"));
        progress.phase("reset", format!("episode {id}: simulating the initial trace {}{what}", trace.display()));
        let ep = Episode { id, step: 0, trace, seed, problem, limits, over: None };
        let (seen, vector) = self.run(&ep, 0, None, progress, interrupts).await?;
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
        match self.run(&ep, step, Some(act_type), progress, interrupts).await {
            Ok((seen, vector)) => {
                let p = &self.cfg.problems[ep.problem];
                let terminated = p.goal.met(seen.state.obs, seen.state.workload);
                let truncated = !terminated && step >= p.max_steps;
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
        let p = &self.cfg.problems[ep.problem];
        let mut m = Map::new();
        for (k, v) in [
            ("ready", json!(s.obs.ready)),
            ("pending", json!(s.obs.pending)),
            ("total", json!(s.obs.total)),
            ("replicas", json!(w.replicas)),
            ("cpu_m", json!(w.cpu_m as i64)),
            ("memory_bytes", json!(w.mem_bytes as i64)),
            ("target", json!(p.goal.target)),
            ("scenario", json!(p.id)),
            ("max_steps", json!(p.max_steps)),
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
#[path = "env_tests.rs"]
mod scripted;

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
