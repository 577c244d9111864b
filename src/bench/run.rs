//! The bench's loop on the engine: each (scenario, repeat) not yet in the journal is a job of the
//! pool (`step::pool::run_jobs`, one worker per context, each one Simulation at a time); each job
//! is one engine episode (`step::engine::run_episode`, stop at the goal, the scenario's budget),
//! its records tagged scenario / suite / bench_run / repeat / agent; a finished episode becomes a
//! [`Run`] kept in the journal at once. Nothing here simulates, records or loops over steps itself.

use std::collections::BTreeMap;
use std::time::Instant;

use super::agents::{AgentKind, Heuristic, Reference, SharedChannel, Stdio};
use super::heuristic::Nodes;
use super::journal::Journal;
use super::metrics::{Capacity, End, Run, over_provisioning};
use crate::error::{Error, Result};
use crate::scenario::fit::State as Shape;
use crate::scenario::{Profile, Scenario, planner};
use crate::step::agent::Agent;
use crate::step::engine::{EpisodeEnd, EpisodeSpec, run_episode};
use crate::step::episode::StepConfig;
use crate::step::interrupt::Interrupts;
use crate::step::policy::{Policy, SplitMix, agent};
use crate::step::pool::{Member, run_jobs};
use crate::step::progress::Progress;
use crate::step::reward::Workload;

/// What every job shares.
pub struct Plan<'a> {
    pub scenarios: &'a [Scenario],
    /// Each scenario's profile, by name.
    pub profiles: &'a BTreeMap<String, Profile>,
    pub suite: String,
    pub agent: AgentKind,
    pub seed: u64,
    pub bench_run: String,
    /// Settings of every step; the job sets trace, deploy, target, duration, speed, cluster.
    pub base: StepConfig,
    pub duration_s: Option<i64>,
    pub speed: Option<f64>,
    pub channel: Option<SharedChannel>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    pub scenario: usize,
    /// 1-based.
    pub repeat: u32,
}

/// The seed of one (scenario, repeat): the same whatever order or context the jobs run in, so a
/// resumed bench plays what an uninterrupted one would.
pub fn job_seed(seed: u64, scenario: &str, repeat: u32) -> u64 {
    let h = scenario.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    SplitMix::new(seed ^ h ^ u64::from(repeat).rotate_left(32)).next_u64()
}

fn make_agent(p: &Plan, s: &Scenario, profile: &Profile, repeat: u32, seed: u64) -> Result<Box<dyn Agent>> {
    Ok(match p.agent {
        AgentKind::Noop => agent(Policy::Noop, seed),
        AgentKind::Random => agent(Policy::Random, seed),
        AgentKind::Reference => Box::new(Reference { actions: s.reference.clone() }),
        AgentKind::Heuristic => {
            Box::new(Heuristic { nodes: nodes(profile), max_cpu_m: s.max_cpu_m, max_mem_bytes: s.max_mem_bytes })
        }
        AgentKind::Stdio => Box::new(Stdio {
            channel: p.channel.clone().ok_or_else(|| Error::usage("--agent stdio needs its channel", None))?,
            scenario: s.id.clone(),
            repeat,
            trace: s.trace.clone(),
            deploy: s.deploy.clone(),
            space: None,
        }),
    })
}

pub fn nodes(p: &Profile) -> Nodes {
    Nodes { count: p.virtual_nodes, cpu_m: p.cpu_m, mem_bytes: p.memory_bytes, pods: p.pods }
}

/// The Deployment's state after the reference solution (blocked actions change nothing).
pub fn reference_end(s: &Scenario) -> Workload {
    let start = Shape { replicas: s.start.replicas, cpu_m: s.start.cpu_m, mem_bytes: s.start.mem_bytes };
    let end = s.reference.iter().fold(start, |st, &a| planner::step(st, a).unwrap_or(st));
    Workload { cpu_m: end.cpu_m, mem_bytes: end.mem_bytes, replicas: i64::from(end.replicas) }
}

/// Plays `jobs` over `members`; every finished run is in the journal before this returns. The
/// result: the runs finished now, and the first failure (an interrupt wins).
pub async fn play(
    members: &[Member],
    plan: &Plan<'_>,
    jobs: Vec<Job>,
    journal: &Journal,
    interrupts: &Interrupts,
) -> (Vec<Run>, Result<()>) {
    let done = run_jobs(members, jobs, interrupts, |m, job, mut interrupts| {
        let (m, job) = (m.clone(), *job);
        async move { one(&m, plan, job, journal, &mut interrupts).await }
    })
    .await;
    let mut runs = vec![];
    let mut first: Option<Error> = None;
    for d in done {
        match d.output {
            Ok(r) => runs.push(r),
            Err(e) if e.is_interrupt() => first = Some(Error::Interrupted),
            Err(e) => {
                if !first.as_ref().is_some_and(Error::is_interrupt) && first.is_none() {
                    first = Some(e.context(format!("context {}", d.context)));
                }
            }
        }
    }
    (runs, first.map_or(Ok(()), Err))
}

/// A finished episode of a scenario, as the engine (or an MCP session) played it.
pub struct Played<'a> {
    pub context: &'a str,
    pub repeat: u32,
    pub end: End,
    /// Actions before the first observation at the goal.
    pub solved_at: Option<u32>,
    /// Its step records, step 0 first.
    pub records: &'a [crate::records::jsonl::StepRecord],
    /// The Deployment's state in the last trace simulated.
    pub last: Option<Workload>,
    pub wall_s: f64,
}

/// The bench's [`Run`] of an episode of `s`: the one place a played episode becomes what the
/// metrics score (bench's jobs and MCP's `submit`). Over-provisioning needs the profile's nodes.
pub fn scored(s: &Scenario, profile: Option<&Profile>, p: &Played) -> Run {
    let cap = profile.map(|profile| Capacity {
        cpu_m: profile.cpu_m.saturating_mul(i128::from(profile.virtual_nodes)),
        mem_bytes: profile.memory_bytes.saturating_mul(i128::from(profile.virtual_nodes)),
    });
    Run {
        scenario: s.id.clone(),
        tier: s.tier.clone(),
        problem: s.problem.clone(),
        repeat: p.repeat,
        context: p.context.to_string(),
        end: p.end,
        steps_to_solve: p.solved_at,
        reference_steps: s.reference_steps,
        actions: p.records.len().saturating_sub(1) as u32,
        simulated_steps: p.records.len() as u32,
        ret: p.records.iter().filter(|r| r.step > 0).filter_map(|r| r.reward).sum(),
        over_provisioning: p.last.zip(cap).and_then(|(w, cap)| over_provisioning(w, reference_end(s), cap)),
        final_workload: p.last,
        wall_s: p.wall_s,
    }
}

async fn one(m: &Member, p: &Plan<'_>, job: Job, journal: &Journal, interrupts: &mut Interrupts) -> Result<Run> {
    let s = &p.scenarios[job.scenario];
    let profile = p
        .profiles
        .get(&s.profile)
        .ok_or_else(|| Error::bad_input(format!("profile {} not loaded", s.profile), None))?;
    let seed = job_seed(p.seed, &s.id, job.repeat);
    let cfg = s.step_config(&p.base, m, p.duration_s, p.speed, seed);
    let tags = BTreeMap::from([
        ("scenario".to_string(), s.id.clone()),
        ("suite".to_string(), p.suite.clone()),
        ("bench_run".to_string(), p.bench_run.clone()),
        ("repeat".to_string(), job.repeat.to_string()),
        ("agent".to_string(), p.agent.name().to_string()),
    ]);
    let spec = EpisodeSpec {
        trace: s.trace.clone(),
        episode: format!("{}-{}-r{:03}", p.bench_run, s.id, job.repeat),
        seed,
        budget: s.budget,
        stop_at_goal: true,
        goal: s.goal(),
        tags,
        propose_next: false,
    };
    let mut agent = make_agent(p, s, profile, job.repeat, seed)?;
    let mut progress = Progress::new(false);
    progress.phase("bench", format!("{} repeat {} on {}", s.id, job.repeat, m.context));
    let t0 = Instant::now();
    let res = run_episode(&m.client, &cfg, &spec, agent.as_mut(), &mut progress, interrupts).await;
    let end = match res.end {
        EpisodeEnd::Goal => End::Goal,
        EpisodeEnd::Budget => End::Budget,
        EpisodeEnd::Failed(e) => return Err(e.context(format!("scenario {} repeat {}", s.id, job.repeat))),
        EpisodeEnd::Interrupted => return Err(Error::Interrupted),
    };
    let played = Played {
        context: &m.context,
        repeat: job.repeat,
        end,
        solved_at: res.solved_at,
        records: &res.records,
        last: res.last.as_ref().map(|st| st.workload),
        wall_s: crate::step::record::round_ms(t0.elapsed().as_secs_f64()),
    };
    let run = scored(s, Some(profile), &played);
    journal.record(&run)?;
    Ok(run)
}
