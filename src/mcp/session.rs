//! One MCP connection's state: at most one episode at a time. An episode is a scenario played
//! through the engine's step body (`run_step`: act → simulate → observe → reward → record), as
//! bench plays it: the scenario's trace, target, ceilings and budget, stop at the goal. Each
//! Simulation is kept until the next action, so the read-only tools see its pods; the session
//! holds its context's lease from `start` to `submit`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Value as Json, json};

use super::answer::{Answer, Refusal};
use super::play::{Job, drop_kept, simulate};
use super::scenarios::Chosen;
use super::server::{Lease, Shared};

use crate::bench::metrics::{End, score};
use crate::bench::run::{Played, job_seed, scored};
use crate::records::jsonl::StepRecord;
use crate::step::act::Move;
use crate::step::agent::State;
use crate::step::engine::Goal;
use crate::step::episode::{StepConfig, Stepped};
use crate::step::space::Space;
use crate::trace::edit::Limits;

/// The episode being played.
pub struct Episode {
    pub chosen: Chosen,
    /// Step settings: cluster, durations, the episode's name and seed; `keep` on.
    pub cfg: StepConfig,
    pub goal: Goal,
    /// The most actions.
    pub budget: u32,
    pub space: Space,
    /// Actions taken (also those undone by rollback): the next step's number is this + 1.
    pub actions: u32,
    /// The trace and state the next action starts from.
    pub trace: PathBuf,
    pub state: State,
    pub last: Stepped,
    /// The trace after each step, step 0 first (rollback's targets), with the step's number.
    pub history: Vec<(u32, PathBuf, State)>,
    pub records: Vec<StepRecord>,
    pub solved_at: Option<u32>,
    /// Why no action is taken any more (solved, budget spent, a step failed).
    pub over: Option<String>,
    pub tags: BTreeMap<String, String>,
    pub started: Instant,
    pub lease: Lease,
    /// The Simulation left in place for the read-only tools: (name, virtual namespace).
    pub kept: Option<(String, String)>,
}

pub struct Session {
    pub id: String,
    pub shared: Arc<Shared>,
    /// Tool calls since the previous action (the next step record's `tool_calls`).
    pub calls: Vec<Json>,
    pub episode: Option<Episode>,
    pub episodes: u32,
}

/// Calls that are not counted against the tool-call budget of a step: the scenario's and the actions.
pub const UNCOUNTED: [&str; 7] =
    ["list_scenarios", "start", "step", "set_replicas", "set_resources", "submit", "rollback"];

fn no_episode() -> Refusal {
    Refusal::new("no episode is running", "call start(scenario_id=...) first (list_scenarios names them)")
}

impl Session {
    pub fn new(shared: Arc<Shared>) -> Session {
        let id = shared.next_session_id();
        Session { id, shared, calls: vec![], episode: None, episodes: 0 }
    }

    /// Calls since the last action that count against the tool-call budget.
    pub fn counted_calls(&self) -> usize {
        self.calls.iter().filter(|c| !c["tool"].as_str().is_some_and(|t| UNCOUNTED.contains(&t))).count()
    }

    pub fn episode(&self) -> Result<&Episode, Refusal> {
        self.episode.as_ref().ok_or_else(no_episode)
    }

    /// Whether the tool-call budget of this step is spent (only while an episode runs).
    pub fn calls_spent(&self) -> Option<Refusal> {
        let max = self.shared.settings.max_tool_calls;
        let n = self.counted_calls();
        (self.episode.is_some() && n >= max as usize).then(|| {
            Refusal::new(
                format!("the tool-call budget of this step is spent ({n} of {max} calls since the last action)"),
                "act now: step(action), set_replicas(n) or set_resources(cpu, memory); or submit()",
            )
        })
    }

    /// Refuses a start while an episode runs.
    pub fn can_start(&self) -> Result<(), Refusal> {
        match &self.episode {
            Some(ep) => Err(Refusal::new(
                format!("an episode is running (scenario {}, {} action(s) taken)", ep.chosen.scenario.id, ep.actions),
                "submit() it first; then start another",
            )),
            None => Ok(()),
        }
    }

    /// Plays step 0 of `chosen` on the context of `lease` (`queued`: how long it waited for it).
    pub async fn start(&mut self, chosen: Chosen, lease: Lease, queued: Option<Json>) -> Answer {
        self.can_start()?;
        let member = &self.shared.slots[lease.slot].member;
        if let Some(p) = &chosen.profile {
            crate::cluster::nodes::check_profile(&member.client, p)
                .await
                .map_err(|e| Refusal::from(e.context(format!("context {}", member.context))))?;
        }
        self.episodes += 1;
        let s = &chosen.scenario;
        let st = &self.shared.settings;
        let episode = format!("{}-e{}-{}", self.id, self.episodes, s.id.replace('/', "-"));
        let seed = job_seed(st.base.seed, &s.id, 1);
        let cfg = StepConfig {
            episode,
            step: 0,
            keep: true,
            ..s.step_config(&st.base, member, st.duration_s, st.speed, seed)
        };
        let tags = BTreeMap::from([
            ("scenario".to_string(), s.id.clone()),
            ("suite".to_string(), s.suite.clone()),
            ("session".to_string(), self.id.clone()),
            ("agent".to_string(), "mcp".to_string()),
        ]);
        let job = Job {
            client: member.client.clone(),
            cfg: cfg.clone(),
            trace: s.trace.clone(),
            action: None,
            limits: Limits::default(),
            tags: tags.clone(),
            tool_calls: std::mem::take(&mut self.calls),
        };
        let (rec, first) = simulate(job, self.shared.interrupts()).await;
        let first = first.map_err(Refusal::from)?;
        let space = Space::for_start(&first.trace, &cfg.deploy, first.state.workload).map_err(Refusal::from)?;
        let goal = s.goal();
        let budget = st.max_steps.unwrap_or(s.budget);
        let kept = first.trail.kept.then(|| (first.trail.sim_name.clone(), first.trail.virtual_ns.clone()));
        let mut ep = Episode {
            cfg,
            goal,
            budget,
            space,
            actions: 0,
            trace: first.trace.clone(),
            state: first.state.clone(),
            history: vec![(0, first.trace.clone(), first.state.clone())],
            last: first,
            records: rec.into_iter().collect(),
            solved_at: None,
            over: None,
            tags,
            started: Instant::now(),
            lease,
            kept,
            chosen,
        };
        ep.settle();
        let mut doc = ep.observation();
        doc["session"] = json!(self.id);
        doc["scenario"] = scenario_doc(&ep.chosen);
        if let Some(q) = queued {
            doc["queued"] = q;
        }
        self.episode = Some(ep);
        Ok(doc)
    }

    pub async fn act(&mut self, mv: Move) -> Answer {
        let ep = self.episode.as_mut().ok_or_else(no_episode)?;
        if let Some(why) = &ep.over {
            return Err(Refusal::new(
                format!("no more actions in this episode: {why}"),
                "submit() to get its score (observe() and the read-only tools still work)",
            ));
        }
        drop_kept(&self.shared, ep).await?;
        let step = ep.actions + 1;
        let job = Job {
            client: self.shared.slots[ep.lease.slot].member.client.clone(),
            cfg: StepConfig { step, ..ep.cfg.clone() },
            trace: ep.trace.clone(),
            action: Some(mv),
            limits: ep.space.limits.clone(),
            tags: ep.tags.clone(),
            tool_calls: std::mem::take(&mut self.calls),
        };
        let (rec, stepped) = simulate(job, self.shared.interrupts()).await;
        ep.records.extend(rec);
        ep.actions = step;
        let s = match stepped {
            Ok(s) => s,
            Err(e) => {
                ep.over = Some(format!("step {step} failed: {e}"));
                let r = Refusal::from(e);
                let fix = r.fix.clone().map_or(String::new(), |f| format!("{f}; then "));
                return Err(Refusal { fix: Some(format!("{fix}submit() scores what was played; start() again")), ..r });
            }
        };
        ep.kept = s.trail.kept.then(|| (s.trail.sim_name.clone(), s.trail.virtual_ns.clone()));
        ep.trace = s.trace.clone();
        ep.state = s.state.clone();
        ep.history.push((step, s.trace.clone(), s.state.clone()));
        ep.last = s;
        ep.settle();
        let doc = ep.observation();
        if ep.state.info.get("blocked").and_then(Json::as_bool) == Some(true) {
            let reason = ep.state.info.get("reason").and_then(Json::as_str).unwrap_or("a safeguard").to_string();
            return Err(Refusal::new(
                format!("the action was blocked by the safeguards: {reason}"),
                "the step was simulated with the trace unchanged and counts against the budget; choose another action",
            )
            .with(doc));
        }
        Ok(doc)
    }

    pub fn observe(&self) -> Answer {
        let ep = self.episode()?;
        let mut doc = ep.observation();
        doc["tool_calls_left"] =
            json!((self.shared.settings.max_tool_calls as usize).saturating_sub(self.counted_calls()));
        Ok(doc)
    }

    /// Back to the trace and state of `n` actions ago; the actions taken still count.
    pub async fn rollback(&mut self, n: u32) -> Answer {
        let ep = self.episode.as_mut().ok_or_else(no_episode)?;
        if ep.over.is_some() {
            return Err(Refusal::new("the episode is over", "submit() it"));
        }
        let len = ep.history.len();
        if n == 0 || n as usize >= len {
            return Err(Refusal::new(
                format!("rollback({n}): the session has {} earlier trace(s)", len - 1),
                format!("give n in 1..={}", len - 1),
            ));
        }
        drop_kept(&self.shared, ep).await?;
        ep.history.truncate(len - n as usize);
        let (step, trace, state) = ep.history.last().cloned().expect("kept one");
        ep.trace = trace;
        ep.state = state;
        let mut doc = ep.observation();
        doc["rolled_back_to_step"] = json!(step);
        doc["note"] =
            json!("the Simulation of that step is gone: the read-only tools see nothing until the next action");
        Ok(doc)
    }

    pub async fn submit(&mut self) -> Answer {
        let mut ep = self.episode.take().ok_or_else(no_episode)?;
        if let Err(e) = drop_kept(&self.shared, &mut ep).await {
            self.episode = Some(ep);
            return Err(e);
        }
        let end = if ep.solved_at.is_some() { End::Goal } else { End::Budget };
        let context = self.shared.slots[ep.lease.slot].member.context.clone();
        let played = Played {
            context: &context,
            repeat: 1,
            end,
            solved_at: ep.solved_at,
            records: &ep.records,
            last: Some(ep.state.workload),
            wall_s: crate::step::record::round_ms(ep.started.elapsed().as_secs_f64()),
        };
        let run = scored(&ep.chosen.scenario, ep.chosen.profile.as_ref(), &played);
        let metrics = score(&[&run], 1);
        self.calls.clear();
        Ok(json!({
            "session": self.id,
            "episode": ep.cfg.episode,
            "solved": run.solved(),
            "efficiency": run.efficiency(),
            "run": run,
            "metrics": metrics,
            "records": ep.cfg.runs_dir.join("step.jsonl"),
        }))
    }
}

impl Session {
    /// The client is gone: delete the Simulation kept for the read-only tools (the lease goes
    /// with the episode).
    pub async fn close(&mut self) {
        if let Some(mut ep) = self.episode.take()
            && let Err(e) = drop_kept(&self.shared, &mut ep).await
        {
            eprintln!("mcp: session {}: {} ({})", self.id, e.cause, e.fix.unwrap_or_default());
        }
    }
}

impl Drop for Session {
    /// An HTTP session dropped mid-episode: its kept Simulation is deleted in the background.
    fn drop(&mut self) {
        if self.episode.as_ref().is_some_and(|ep| ep.kept.is_some())
            && let Ok(rt) = tokio::runtime::Handle::try_current()
        {
            let mut s = Session {
                id: self.id.clone(),
                shared: self.shared.clone(),
                calls: vec![],
                episode: self.episode.take(),
                episodes: 0,
            };
            rt.spawn(async move { s.close().await });
        }
    }
}

impl Episode {
    /// After a step: solved (the episode stops there, as bench's) or out of budget.
    fn settle(&mut self) {
        if self.goal.met(self.state.obs, self.state.workload) {
            self.solved_at.get_or_insert(self.state.step);
            self.over = Some(format!("solved after {} action(s)", self.actions));
        } else if self.actions >= self.budget {
            self.over = Some(format!("the step budget is spent ({} of {} actions)", self.actions, self.budget));
        }
    }

    pub fn observation(&self) -> Json {
        let (s, w) = (&self.state, self.state.workload);
        let mut doc = json!({
            "ready": s.obs.ready,
            "pending": s.obs.pending,
            "total": s.obs.total,
            "target": s.target,
            "replicas": w.replicas,
            "requests": {
                "cpu": crate::trace::quantity::format(w.cpu_m, crate::trace::quantity::Resource::Cpu),
                "memory": crate::trace::quantity::format(w.mem_bytes, crate::trace::quantity::Resource::Memory),
                "cpu_m": w.cpu_m as i64,
                "memory_bytes": w.mem_bytes as i64,
            },
            "step": self.actions,
            "budget_left": self.budget.saturating_sub(self.actions),
            "solved": self.solved_at.is_some(),
            "over": self.over,
            "reward": (self.actions > 0).then_some(self.last.reward),
            "deploy": self.cfg.deploy,
            "virtual_namespace": self.last.trail.virtual_ns,
            "driver_namespace": self.cfg.ns,
            "context": self.cfg.context,
            "simulation": self.kept.as_ref().map(|k| k.0.clone()),
        });
        for k in ["running", "failed", "unscheduled", "nodes", "action", "blocked", "reason"] {
            if let Some(v) = s.info.get(k) {
                doc[k] = v.clone();
            }
        }
        doc
    }
}

pub fn scenario_doc(c: &Chosen) -> Json {
    let s = &c.scenario;
    json!({
        "id": s.id, "suite": s.suite, "description": s.description, "tier": s.tier, "problem": s.problem,
        "deploy": s.deploy, "target": s.target, "budget": s.budget, "max_cpu_m": s.max_cpu_m.map(|m| m as i64),
        "max_memory_bytes": s.max_mem_bytes.map(|m| m as i64), "seed": s.seed,
    })
}
