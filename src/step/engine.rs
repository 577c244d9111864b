//! The one episode loop, driven by `run` (one episode, `--episodes`, `--contexts`) and bench; the
//! Gymnasium env drives the same step body (`episode::run_step`) one request at a time.
//!
//! An episode first simulates its initial trace and observes: step 0, the state after 0 actions.
//! Then, up to `budget` times: the agent picks an action from the last state → the action edits
//! the trace (with `trace edit`'s safeguards, widened to the start by `step::space`; blocked =
//! unchanged) → simulate → observe → reward of the state after the action → record. With
//! `stop_at_goal` the episode ends at the first state meeting the goal, the initial one too.
//! Every simulation is one record, carrying the episode's tags. A failed or interrupted
//! simulation ends the episode (its record says so).
//!
//! With `propose_next`, the agent also picks the action after the last state and the edit is
//! written, unsimulated, to `trace-next.msgpack` in the last step's folder: `run` gives it so a
//! later `run --trace` continues the episode where this one stopped.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::act::act;
use super::agent::{Agent, State};
use super::episode::{OnCluster, Simulator, StepConfig, StepIn, run_step};
use super::interrupt::Interrupts;
use super::policy::ActionType;
use super::preflight::step_dir;
use super::progress::Progress;
use super::reward::Workload;
use super::space::Space;
use crate::error::{Error, Result};
use crate::model::Obs;
use crate::records::jsonl::StepRecord;
use crate::trace::edit::Limits;

/// When an episode is solved: ready = total = target, no pod pending, and the requests within the
/// ceilings where there are any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Goal {
    pub target: u32,
    /// The Deployment's (first container's) CPU request must not exceed this, in millicores.
    pub max_cpu_m: Option<i128>,
    pub max_mem_bytes: Option<i128>,
}

impl Goal {
    /// The goal of `run` and the env: the target alone.
    pub fn target(target: u32) -> Goal {
        Goal { target, max_cpu_m: None, max_mem_bytes: None }
    }

    pub fn met(&self, obs: Obs, w: Workload) -> bool {
        super::reward::at_goal(obs, self.target)
            && self.max_cpu_m.is_none_or(|m| w.cpu_m <= m)
            && self.max_mem_bytes.is_none_or(|m| w.mem_bytes <= m)
    }
}

/// One episode to play. The rest (cluster, namespace, durations, reward, runs folder) is the
/// `StepConfig` it is played with.
#[derive(Debug, Clone)]
pub struct EpisodeSpec {
    pub trace: PathBuf,
    /// The episode's name in records and in the runs folder (`<runs>/<episode>/step-NNN`).
    pub episode: String,
    /// Recorded; the built-in agents are seeded with it by their maker (`policy::agent`).
    pub seed: u64,
    /// The most actions.
    pub budget: u32,
    pub stop_at_goal: bool,
    pub goal: Goal,
    /// Labels copied into every record (a scenario's id, a bench run, the repeat, …).
    pub tags: BTreeMap<String, String>,
    /// Also pick the action after the last state and write it to `trace-next.msgpack`.
    pub propose_next: bool,
}

#[derive(Debug)]
pub enum EpisodeEnd {
    /// At the goal, with `stop_at_goal`.
    Goal,
    /// `budget` actions taken.
    Budget,
    /// A step failed (or the agent did): the error, with its variant and source.
    Failed(Error),
    Interrupted,
}

/// The action proposed after the last state (`propose_next`).
#[derive(Debug, Clone, Serialize)]
pub struct Next {
    pub action: ActionType,
    pub trace: PathBuf,
    pub blocked: bool,
}

#[derive(Debug)]
pub struct EpisodeResult {
    /// One per simulation, in order (step 0 first), as appended to the runs folder.
    pub records: Vec<StepRecord>,
    pub end: EpisodeEnd,
    /// Actions applied before the first observation meeting the goal; 0 = solved at the start.
    pub solved_at: Option<u32>,
    /// The state after 0 actions, and the last one observed.
    pub first: Option<State>,
    pub last: Option<State>,
    /// The space the episode's actions and observations stay in (from its start).
    pub space: Option<Space>,
    pub next: Option<Next>,
}

impl EpisodeResult {
    /// The failure or interrupt that ended it, as an error (`Ok` for goal and budget).
    pub fn into_error(self) -> Result<Vec<StepRecord>> {
        match self.end {
            EpisodeEnd::Goal | EpisodeEnd::Budget => Ok(self.records),
            EpisodeEnd::Failed(e) => Err(e),
            EpisodeEnd::Interrupted => Err(Error::Interrupted),
        }
    }
}

/// Plays `spec` on the cluster of `client`.
pub async fn run_episode(
    client: &kube::Client,
    base: &StepConfig,
    spec: &EpisodeSpec,
    agent: &mut dyn Agent,
    progress: &mut Progress,
    interrupts: &mut Interrupts,
) -> EpisodeResult {
    play(&mut OnCluster(client), base, spec, agent, progress, interrupts).await
}

/// The episode loop, over any [`Simulator`].
pub async fn play<S: Simulator>(
    sim: &mut S,
    base: &StepConfig,
    spec: &EpisodeSpec,
    agent: &mut dyn Agent,
    progress: &mut Progress,
    interrupts: &mut Interrupts,
) -> EpisodeResult {
    let cfg = StepConfig {
        trace: spec.trace.clone(),
        episode: spec.episode.clone(),
        seed: spec.seed,
        step: 0,
        ..base.clone()
    };
    let policy = agent.name();
    let mut out = EpisodeResult {
        records: vec![],
        end: EpisodeEnd::Budget,
        solved_at: None,
        first: None,
        last: None,
        space: None,
        next: None,
    };
    let initial = Limits::default();
    let input = StepIn {
        step: 0,
        trace: &spec.trace,
        action: None,
        limits: &initial,
        policy: &policy,
        tags: &spec.tags,
        tool_calls: &[],
        space: None,
    };
    let (rec, first) = run_step(sim, &cfg, &input, progress, interrupts).await;
    out.records.extend(rec);
    let first = match first {
        Ok(f) => f,
        Err(e) => return ended(out, e),
    };
    let space = match Space::for_start(&first.trace, &cfg.deploy, first.state.workload) {
        Ok(s) => s,
        Err(e) => return ended(out, e),
    };
    let mut trace = first.trace.clone();
    let mut state = first.state.clone();
    out.first = Some(first.state);
    loop {
        if spec.goal.met(state.obs, state.workload) {
            out.solved_at.get_or_insert(state.step);
            if spec.stop_at_goal {
                if state.step < spec.budget {
                    progress.phase(
                        "episode",
                        format!(
                            "at the goal after {} of at most {} action(s): stopping (stop at goal)",
                            state.step, spec.budget
                        ),
                    );
                }
                out.end = EpisodeEnd::Goal;
                break;
            }
        }
        if state.step >= spec.budget {
            out.end = EpisodeEnd::Budget;
            break;
        }
        let action = match agent.act(&state) {
            Ok(a) => a,
            Err(e) => {
                out.last = Some(state);
                return ended(out, e.context(format!("agent {policy}")));
            }
        };
        let input = StepIn {
            step: state.step + 1,
            trace: &trace,
            action: Some(action.into()),
            limits: &space.limits,
            policy: &policy,
            tags: &spec.tags,
            tool_calls: &[],
            space: None,
        };
        let (rec, stepped) = run_step(sim, &cfg, &input, progress, interrupts).await;
        out.records.extend(rec);
        match stepped {
            Ok(s) => {
                trace = s.trace;
                state = s.state;
            }
            Err(e) => {
                out.last = Some(state);
                out.space = Some(space);
                return ended(out, e);
            }
        }
    }
    if spec.propose_next {
        match propose(&cfg, &trace, &state, agent, &space.limits) {
            Ok(n) => {
                progress.phase("next", format!("{} -> {}", serde_json::json!(n.action), n.trace.display()));
                out.next = Some(n);
            }
            Err(e) => {
                out.last = Some(state);
                out.space = Some(space);
                return ended(out, e);
            }
        }
    }
    out.last = Some(state);
    out.space = Some(space);
    out
}

/// The action after the last state, written (not simulated) beside the last step's files.
fn propose(cfg: &StepConfig, trace: &std::path::Path, s: &State, agent: &mut dyn Agent, l: &Limits) -> Result<Next> {
    let action = agent.act(s)?;
    let next = step_dir(&cfg.runs_dir, &cfg.episode, s.step).join("trace-next.msgpack");
    let acted = act(action, &cfg.deploy, trace, &next, l)?;
    let blocked = acted.info.get("blocked").and_then(serde_json::Value::as_bool) == Some(true);
    Ok(Next { action, trace: acted.next, blocked })
}

fn ended(mut out: EpisodeResult, e: Error) -> EpisodeResult {
    out.end = if e.is_interrupt() { EpisodeEnd::Interrupted } else { EpisodeEnd::Failed(e) };
    out
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
