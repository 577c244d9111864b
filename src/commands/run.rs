use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cluster::client::connect;
use crate::cluster::defaults::driver_image;
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::records::default_runs_dir;
use crate::records::jsonl::StepRecord;
use crate::step::episode::{StepConfig, run_step};
use crate::step::interrupt::Interrupts;
use crate::step::policy::{ActionType, Policy};
use crate::step::progress::Progress;
use crate::step::reward::{Reward, at_goal};
use crate::trace::time::parse_duration;

#[derive(Debug, clap::Args)]
#[command(after_help = "One reproducible step: preflight, create a Simulation, wait for its driver, wait --duration, \
observe, act (edit the trace into trace-next.msgpack), reward, record, clean up. Ctrl-C or SIGTERM cleans up, \
records `interrupted` and exits 130. Records go to <data dir>/kubectl-skstep/runs/step.jsonl and summary.json.\n\
-n NS: the driver namespace, the same as --ns.")]
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
    /// The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl's image in
    /// --simkube-ns>, else v2.7.0; the choice is printed and recorded)
    #[arg(long, value_name = "IMAGE")]
    pub driver_image: Option<String>,
    /// The driver's webhook port (the Simulation's spec.driver.port, passed to the driver as
    /// --admission-webhook-port)
    #[arg(long, default_value_t = 8888)]
    pub port: i32,
    /// SimKube's speed factor (spec.speed: event gaps divided by F); --duration and --grace are
    /// simulated time, so the step waits duration/F
    #[arg(long, value_name = "F")]
    pub speed: Option<f64>,
    /// The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)
    #[arg(long, default_value = "virtual", value_name = "PREFIX")]
    pub virtual_ns_prefix: String,
    /// The namespace SimKube's controller and its sk-lease run in
    #[arg(long, default_value = crate::cluster::prep::CTRL_NS, value_name = "NS")]
    pub simkube_ns: String,
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
    /// End the episode at the first step whose observation is at the goal (ready = total = --target,
    /// pending = 0), as sim-arena's multi-step runner does
    #[arg(long)]
    pub stop_at_goal: bool,
    /// Leave the Simulation in place after the step
    #[arg(long)]
    pub keep: bool,
    /// Run even when the trace spans far longer than --duration
    #[arg(long)]
    pub force: bool,
    /// How long to wait for another simulation to release SimKube's lease
    #[arg(long, default_value = "10m", value_parser = crate::trace::time::parse_std_duration)]
    pub lease_timeout: Duration,
    /// How long the driver may take to start once the lease is ours
    #[arg(long, default_value = "3m", value_parser = crate::trace::time::parse_std_duration)]
    pub driver_timeout: Duration,
    /// How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails
    #[arg(long, default_value = "60s", value_parser = crate::trace::time::parse_std_duration)]
    pub api_timeout: Duration,
    /// Fast start: create the Simulation only once SimKube's lease is free, and nudge sk-ctrl
    /// past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube's own pace
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub fast_start: bool,
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
        // Resolved per cluster (`resolve_driver_image`) by the caller.
        driver_image: String::new(),
        driver_image_source: String::new(),
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
        fast_start: args.fast_start,
        speed: args.speed,
        simkube_ns: args.simkube_ns.clone(),
        virtual_ns_prefix: args.virtual_ns_prefix.clone(),
    }
}

/// `--driver-image`, else the sk-driver of the cluster's SimKube (sk-ctrl's tag), else v2.7.0;
/// with the reason, which is printed and recorded.
pub(crate) async fn resolve_driver_image(client: &kube::Client, args: &Args) -> (String, String) {
    match &args.driver_image {
        Some(i) => (i.clone(), "--driver-image".to_string()),
        None => {
            let d = driver_image(client, &args.simkube_ns).await;
            (d.image, d.source)
        }
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(async {
        ctx.out.forbid_file("run")?;
        if args.target == 0 || args.steps == 0 || args.episodes == 0 {
            return Err(Error::usage("--target, --steps and --episodes must be at least 1", None));
        }
        if args.speed.is_some_and(|f| !(f.is_finite() && f > 0.0)) {
            return Err(Error::usage("--speed must be a positive number (SimKube's spec.speed)", None));
        }
        if !args.contexts.is_empty() || args.episodes > 1 {
            return crate::commands::pool::run(ctx, args).await;
        }
        // First, so a Ctrl-C from here on is a recorded, cleaned-up interrupt.
        let mut interrupts = Interrupts::from_signals();
        let ns = crate::commands::one_namespace("--ns", args.ns.as_deref(), ctx.global.namespace.as_deref())?;
        let cluster = connect(&ctx.global).await?;
        let ns = ns.unwrap_or_else(|| cluster.namespace.clone());
        let runs_dir = match &args.runs_dir {
            Some(d) => d.clone(),
            None => default_runs_dir()?,
        };
        let (driver_image, driver_image_source) = resolve_driver_image(&cluster.client, args).await;
        eprintln!("driver image {driver_image} ({driver_image_source})");
        let episode = format!("episode-{}", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"));
        let mut progress = Progress::new(false);
        let mut trace = args.trace.clone();
        let mut records = vec![];
        for step in 1..=args.steps {
            let cfg = StepConfig {
                trace: trace.clone(),
                step,
                driver_image: driver_image.clone(),
                driver_image_source: driver_image_source.clone(),
                ..step_config(args, &ns, &runs_dir, &cluster.context, &episode)
            };
            let res = run_step(&cluster.client, &cfg, &mut progress, &mut interrupts).await?;
            if let Some(next) = &res.trace_next {
                trace = next.clone();
            }
            let goal = res.record.obs.is_some_and(|o| at_goal(o, args.target));
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
