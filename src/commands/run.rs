use std::path::Path;

use crate::cluster::client::connect;
use crate::commands::Ctx;
use crate::commands::sim_args::SimArgs;
use crate::error::{Error, Result};
use crate::records::jsonl::StepRecord;
use crate::step::episode::{StepConfig, run_step};
use crate::step::interrupt::Interrupts;
use crate::step::policy::{ActionType, Policy};
use crate::step::progress::Progress;
use crate::step::reward::at_goal;

#[derive(Debug, clap::Args)]
#[command(after_help = "One reproducible step: preflight, create a Simulation, wait for its driver, wait --duration, \
observe, act (edit the trace into trace-next.msgpack), reward, record, clean up. Ctrl-C or SIGTERM cleans up, \
records `interrupted` and exits 130. Records go to <data dir>/kubectl-skstep/runs/step.jsonl and summary.json.\n\
-n NS: the driver namespace, the same as --ns.")]
pub struct Args {
    #[command(flatten)]
    pub sim: SimArgs,
    #[arg(long, value_enum, default_value = "heuristic", conflicts_with = "action")]
    pub policy: Policy,
    /// Take this action instead of asking a policy
    #[arg(long, value_enum)]
    pub action: Option<ActionType>,
    /// Run an episode of K steps, each on the previous step's trace-next
    #[arg(long, default_value_t = 1)]
    pub steps: u32,
    /// End the episode at the first step whose observation is at the goal (ready = total = --target,
    /// pending = 0), as sim-arena's multi-step runner does
    #[arg(long)]
    pub stop_at_goal: bool,
    /// Leave the Simulation in place after the step
    #[arg(long)]
    pub keep: bool,
    /// Run the episodes over these kubeconfig contexts (one per cluster) concurrently, each one
    /// Simulation at a time; every record names its context and episode
    #[arg(long, value_name = "CTX,…", value_delimiter = ',', conflicts_with_all = ["keep"])]
    pub contexts: Vec<String>,
    /// Episodes to run (of --steps steps each), over --contexts or the current context
    #[arg(long, default_value_t = 1)]
    pub episodes: u32,
}

/// A step of this command's settings on one cluster; the caller sets the trace, episode and step.
pub(crate) fn step_config(
    args: &Args,
    ns: &str,
    runs_dir: &Path,
    context: &str,
    driver: &(String, String),
) -> StepConfig {
    StepConfig {
        policy: args.policy,
        action: args.action,
        keep: args.keep,
        ..args.sim.step_config(ns, runs_dir, context, driver)
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(async {
        ctx.out.forbid_file("run")?;
        args.sim.check()?;
        if args.steps == 0 || args.episodes == 0 {
            return Err(Error::usage("--steps and --episodes must be at least 1", None));
        }
        if !args.contexts.is_empty() || args.episodes > 1 {
            return crate::commands::pool::run(ctx, args).await;
        }
        // First, so a Ctrl-C from here on is a recorded, cleaned-up interrupt.
        let mut interrupts = Interrupts::from_signals();
        let ns = args.sim.namespace(ctx.global.namespace.as_deref())?;
        let cluster = connect(&ctx.global).await?;
        let ns = ns.unwrap_or_else(|| cluster.namespace.clone());
        let runs_dir = args.sim.runs_dir()?;
        let driver = args.sim.driver_image(&cluster.client).await;
        eprintln!("driver image {} ({})", driver.0, driver.1);
        let base =
            StepConfig { cache: args.sim.cache()?, ..step_config(args, &ns, &runs_dir, &cluster.context, &driver) };
        let episode = format!("episode-{}", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"));
        let mut progress = Progress::new(false);
        let mut trace = args.sim.trace.clone();
        let mut records = vec![];
        for step in 1..=args.steps {
            let cfg = StepConfig { trace: trace.clone(), episode: episode.clone(), step, ..base.clone() };
            let res = run_step(&cluster.client, &cfg, &mut progress, &mut interrupts).await?;
            if let Some(next) = &res.trace_next {
                trace = next.clone();
            }
            let goal = res.record.obs.is_some_and(|o| at_goal(o, args.sim.target));
            records.push(res.record);
            if args.stop_at_goal && goal {
                if step < args.steps {
                    progress.phase(
                        "episode",
                        format!("at the goal after step {step} of {}: stopping (--stop-at-goal)", args.steps),
                    );
                }
                break;
            }
        }
        print_records(ctx, &records);
        Ok(())
    })
}

pub(crate) fn print_records(ctx: &Ctx, records: &[StepRecord]) {
    if ctx.out.is_json() {
        ctx.out.json(&records);
        return;
    }
    for r in records {
        println!(
            "{}step {}: {} obs {} action {} reward {} ({:.1}s)",
            r.episode
                .as_ref()
                .filter(|_| !r.context.is_empty())
                .map_or(String::new(), |e| format!("{} {e} ", r.context)),
            r.step,
            r.sim_name,
            r.obs.map_or("-".into(), |o| format!("ready={} pending={} total={}", o.ready, o.pending, o.total)),
            r.action,
            r.reward.map_or("-".into(), |x| format!("{x:.3}")),
            r.duration_s
        );
    }
}
