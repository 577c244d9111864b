use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cluster::client::connect;
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::records::default_runs_dir;
use crate::records::jsonl::StepRecord;
use crate::step::episode::{StepConfig, run_step};
use crate::step::interrupt::Interrupts;
use crate::step::policy::{ActionType, Policy};
use crate::step::progress::Progress;
use crate::step::reward::Reward;
use crate::trace::time::parse_duration;

#[derive(Debug, clap::Args)]
#[command(after_help = "One reproducible step: preflight, create a Simulation, wait for its driver, wait --duration, \
observe, act (edit the trace into trace-next.msgpack), reward, record, clean up. Ctrl-C or SIGTERM cleans up, \
records `interrupted` and exits 130. Records go to <data dir>/kubectl-skstep/runs/step.jsonl and summary.json.")]
pub struct Args {
    /// The trace to simulate (staged in --ns by `prep-ns`)
    #[arg(long, value_name = "FILE")]
    pub trace: PathBuf,
    /// The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context's namespace)
    #[arg(long, value_name = "NS")]
    pub ns: Option<String>,
    /// The Deployment to observe and act on, as named in the trace
    #[arg(long, value_name = "NAME")]
    pub deploy: String,
    /// The number of ready replicas the step aims for
    #[arg(long)]
    pub target: u32,
    /// Simulated time to wait before observing
    #[arg(long, default_value = "120s", value_parser = parse_duration)]
    pub duration: i64,
    /// Extra Simulation time after the observation, so the driver does not tear down first
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub grace: i64,
    #[arg(long, default_value = "quay.io/appliedcomputing/sk-driver:v2.4.1")]
    pub driver_image: String,
    /// The driver's webhook port
    #[arg(long, default_value_t = 8888)]
    pub port: i32,
    #[arg(long, value_enum, default_value = "heuristic", conflicts_with = "action")]
    pub policy: Policy,
    /// Take this action instead of asking a policy
    #[arg(long, value_enum)]
    pub action: Option<ActionType>,
    #[arg(long, value_enum, default_value = "base")]
    pub reward: Reward,
    /// `cost_aware_v2`'s penalty subtracted every step (sim-arena's default 0)
    #[arg(long, default_value_t = 0.0)]
    pub step_penalty: f64,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Run an episode of K steps, each on the previous step's trace-next
    #[arg(long, default_value_t = 1)]
    pub steps: u32,
    /// Leave the Simulation in place after the step
    #[arg(long)]
    pub keep: bool,
    /// Run even when the trace spans far longer than --duration
    #[arg(long)]
    pub force: bool,
    /// How long to wait for another simulation to release SimKube's lease
    #[arg(long, default_value = "10m", value_parser = humantime::parse_duration)]
    pub lease_timeout: Duration,
    /// How long the driver may take to start once the lease is ours
    #[arg(long, default_value = "3m", value_parser = humantime::parse_duration)]
    pub driver_timeout: Duration,
    /// How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails
    #[arg(long, default_value = "60s", value_parser = humantime::parse_duration)]
    pub api_timeout: Duration,
    /// Where records go (default: <data dir>/kubectl-skstep/runs)
    #[arg(long, value_name = "DIR")]
    pub runs_dir: Option<PathBuf>,
    /// Run the episodes over these kubeconfig contexts (one per cluster) concurrently, each one
    /// Simulation at a time; every record names its context and episode
    #[arg(long, value_name = "CTX,…", value_delimiter = ',', conflicts_with_all = ["keep"])]
    pub contexts: Vec<String>,
    /// Episodes to run (of --steps steps each), over --contexts or the current context
    #[arg(long, default_value_t = 1)]
    pub episodes: u32,
}

/// A step of this command's settings; the caller sets where and which.
pub(crate) fn step_config(args: &Args, ns: &str, runs_dir: &Path, context: &str, episode: &str) -> StepConfig {
    StepConfig {
        trace: args.trace.clone(),
        ns: ns.into(),
        deploy: args.deploy.clone(),
        target: args.target,
        duration_s: args.duration,
        grace_s: args.grace,
        driver_image: args.driver_image.clone(),
        port: args.port,
        policy: args.policy,
        action: args.action,
        reward: args.reward,
        step_penalty: args.step_penalty,
        seed: args.seed,
        keep: args.keep,
        force: args.force,
        lease_timeout: args.lease_timeout,
        driver_timeout: args.driver_timeout,
        runs_dir: runs_dir.into(),
        context: context.into(),
        episode: episode.into(),
        step: 1,
        api_timeout: args.api_timeout,
        speed: None,
        simkube_ns: crate::cluster::prep::CTRL_NS.into(),
        virtual_ns_prefix: "virtual".into(),
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(async {
        ctx.out.forbid_file("run")?;
        if args.target == 0 || args.steps == 0 || args.episodes == 0 {
            return Err(Error::usage("--target, --steps and --episodes must be at least 1", None));
        }
        if !args.contexts.is_empty() || args.episodes > 1 {
            return crate::commands::pool::run(ctx, args).await;
        }
        // First, so a Ctrl-C from here on is a recorded, cleaned-up interrupt.
        let mut interrupts = Interrupts::from_signals();
        let cluster = connect(&ctx.global).await?;
        let ns = args.ns.clone().unwrap_or_else(|| cluster.namespace.clone());
        let runs_dir = match &args.runs_dir {
            Some(d) => d.clone(),
            None => default_runs_dir()?,
        };
        let episode = format!("episode-{}", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"));
        let mut progress = Progress::new(false);
        let mut trace = args.trace.clone();
        let mut records = vec![];
        for step in 1..=args.steps {
            let cfg = StepConfig {
                trace: trace.clone(),
                step,
                ..step_config(args, &ns, &runs_dir, &cluster.context, &episode)
            };
            let res = run_step(&cluster.client, &cfg, &mut progress, &mut interrupts).await?;
            if let Some(next) = &res.trace_next {
                trace = next.clone();
            }
            records.push(res.record);
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
