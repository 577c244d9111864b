use std::collections::{BTreeMap, BTreeSet};

use crate::commands::Ctx;
use crate::commands::sim_args::SimArgs;
use crate::error::{Error, Result};
use crate::records::jsonl::StepRecord;
use crate::step::agent::{Agent, Fixed};
use crate::step::engine::{EpisodeEnd, EpisodeResult, EpisodeSpec, Goal, run_episode};
use crate::step::episode::StepConfig;
use crate::step::interrupt::Interrupts;
use crate::step::policy::{self, ActionType, Policy};
use crate::step::pool::{Done, run_jobs, verdict};
use crate::step::progress::Progress;

#[derive(Debug, clap::Args)]
#[command(after_help = "An episode of the step engine: simulate the trace and observe (step 0), then up to \
--steps − 1 times: the policy acts on what it saw (editing the trace into step-NNN/trace.msgpack), simulate, \
observe, reward, record. Each simulation is one record; every Simulation is cleaned up. The action after the last \
observation is written (not simulated) to trace-next.msgpack in the last step's folder, so `run --trace` on it \
continues the episode. Ctrl-C or SIGTERM cleans up, records `interrupted` and exits 130. Records go to \
<data dir>/kubectl-skstep/runs/step.jsonl and summary.json.\n\
-n NS: the driver namespace, the same as --ns.")]
pub struct Args {
    #[command(flatten)]
    pub sim: SimArgs,
    #[arg(long, value_enum, default_value = "heuristic", conflicts_with = "action")]
    pub policy: Policy,
    /// Take this action instead of asking a policy
    #[arg(long, value_enum)]
    pub action: Option<ActionType>,
    /// Simulations in the episode: the initial trace, then one after each of K − 1 actions
    #[arg(long, default_value_t = 1)]
    pub steps: u32,
    /// End the episode at the first observation at the goal (ready = total = --target, pending = 0),
    /// the initial one too, as sim-arena's multi-step runner does
    #[arg(long)]
    pub stop_at_goal: bool,
    /// Leave the last Simulation in place
    #[arg(long)]
    pub keep: bool,
    /// Run the episodes over these kubeconfig contexts (one per cluster) concurrently, each one
    /// Simulation at a time; every record names its context and episode
    #[arg(long, value_name = "CTX,…", value_delimiter = ',', conflicts_with_all = ["keep"])]
    pub contexts: Vec<String>,
    /// Episodes to run (of --steps simulations each), over --contexts or the current context
    #[arg(long, default_value_t = 1)]
    pub episodes: u32,
}

impl Args {
    fn agent(&self, seed: u64) -> Box<dyn Agent> {
        match self.action {
            Some(a) => Box::new(Fixed(a)),
            None => policy::agent(self.policy, seed),
        }
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(async {
        ctx.out.forbid_file("run")?;
        args.sim.check()?;
        if args.steps == 0 || args.episodes == 0 {
            return Err(Error::usage("--steps and --episodes must be at least 1", None));
        }
        // First, so a Ctrl-C from here on is a recorded, cleaned-up interrupt.
        let interrupts = Interrupts::from_signals();
        let members = crate::commands::pool::members(&ctx.global, &args.sim.flags, &args.contexts).await?;
        let runs_dir = args.sim.runs_dir()?;
        let pooled = !args.contexts.is_empty() || args.episodes > 1;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let run_id = if pooled { format!("pool-{stamp}") } else { format!("episode-{stamp}") };
        // Each member sets its own namespace, context and driver image on this base.
        let base = StepConfig {
            keep: args.keep,
            cache: args.sim.cache()?,
            ..args.sim.step_config("", &runs_dir, "", &Default::default())
        };
        let spec = |i: u32| EpisodeSpec {
            trace: args.sim.trace.clone(),
            episode: if pooled { format!("{run_id}-e{:03}", i + 1) } else { run_id.clone() },
            // Episodes of a random policy differ, yet each is reproducible.
            seed: args.sim.flags.seed.wrapping_add(u64::from(i)),
            budget: args.steps - 1,
            stop_at_goal: args.stop_at_goal,
            goal: Goal::target(args.sim.target),
            tags: BTreeMap::new(),
            propose_next: true,
        };
        let done = run_jobs(&members, (0..args.episodes).collect(), &interrupts, |m, &i, mut interrupts| {
            let cfg = StepConfig {
                ns: m.ns.clone(),
                context: m.context.clone(),
                driver_image: m.driver_image.clone(),
                driver_image_source: m.driver_image_source.clone(),
                ..base.clone()
            };
            let (client, spec) = (m.client.clone(), spec(i));
            let mut agent = args.agent(spec.seed);
            async move {
                let mut progress = Progress::new(false);
                let res = run_episode(&client, &cfg, &spec, agent.as_mut(), &mut progress, &mut interrupts).await;
                if let (true, EpisodeEnd::Failed(e)) = (pooled, &res.end) {
                    progress.phase("pool", format!("context {} stops: episode {}: {e}", cfg.context, spec.episode));
                }
                res
            }
        })
        .await;
        print(ctx, &done);
        if pooled && !ctx.out.is_json() {
            let mut per: BTreeMap<&str, usize> = BTreeMap::new();
            for d in &done {
                *per.entry(d.context.as_str()).or_default() += d.output.records.len();
            }
            let per: Vec<String> = per.iter().map(|(c, n)| format!("{c} {n}")).collect();
            let steps: usize = done.iter().map(|d| d.output.records.len()).sum();
            println!("{steps} steps of {} episodes over {} ({})", args.episodes, members.len(), per.join(", "));
        }
        let ran: BTreeSet<u32> = done.iter().map(|d| d.job).collect();
        let left = args.episodes as usize - ran.len();
        // One episode on the current context: its own error, as it is; a pool's names its context.
        let res = if pooled {
            verdict(done)
        } else {
            done.into_iter().next().map_or(Ok(()), |d| d.output.into_error().map(|_| ()))
        };
        if res.is_ok() && left > 0 {
            return Err(Error::Interrupted);
        }
        res
    })
}

fn print(ctx: &Ctx, done: &[Done<u32, EpisodeResult>]) {
    let records: Vec<&StepRecord> = done.iter().flat_map(|d| &d.output.records).collect();
    if ctx.out.is_json() {
        ctx.out.json(&records);
        return;
    }
    print_records(&records);
    for d in done {
        if let Some(n) = &d.output.next {
            println!(
                "next: {}{} -> {}",
                serde_json::json!(n.action).as_str().unwrap_or("?"),
                if n.blocked { " (blocked: the trace is unchanged)" } else { "" },
                n.trace.display()
            );
        }
    }
}

pub(crate) fn print_records(records: &[&StepRecord]) {
    for r in records {
        println!(
            "{}step {}: {} action {} obs {} reward {} ({:.1}s)",
            r.episode
                .as_ref()
                .filter(|_| !r.context.is_empty())
                .map_or(String::new(), |e| format!("{} {e} ", r.context)),
            r.step,
            r.sim_name,
            if r.action.is_null() { "-".to_string() } else { r.action.to_string() },
            r.obs.map_or("-".into(), |o| format!("ready={} pending={} total={}", o.ready, o.pending, o.total)),
            r.reward.map_or("-".into(), |x| format!("{x:.3}")),
            r.duration_s
        );
    }
}
