use std::path::PathBuf;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::cluster::client::connect;
use crate::commands::Ctx;
use crate::error::{Error, Result, exit};
use crate::records::default_runs_dir;
use crate::step::env::{Env, EnvConfig, Request, error_doc};
use crate::step::episode::StepConfig;
use crate::step::interrupt::Interrupts;
use crate::step::policy::Policy;
use crate::step::progress::Progress;
use crate::step::reward::Reward;
use crate::trace::time::parse_duration;

#[derive(Debug, clap::Args)]
#[command(after_help = "The Gymnasium environment's engine (the Python package `skstep` drives it): one JSON \
request per line on stdin, one answer per line on stdout.\n  {\"op\":\"spec\"} -> the action names and the \
observation space's bounds\n  {\"op\":\"reset\",\"seed\":S} -> simulates the initial trace: {\"ok\":{\"obs\",\"info\"}}\n  \
{\"op\":\"step\",\"action\":A} -> applies action A (sim-arena's order 0..6) to the current trace, simulates it, \
observes and rewards the state after it: {\"ok\":{\"obs\",\"reward\",\"terminated\",\"truncated\",\"info\"}}\n  \
{\"op\":\"close\"}\nA failure is answered {\"error\":{\"message\",\"hint\",\"exit_code\"}}, never as an observation. \
Every step appends a record to the runs folder as `run` does. Progress goes to stderr.")]
pub struct Args {
    /// Serve the protocol on stdin/stdout (the only mode)
    #[arg(long)]
    pub stdio: bool,
    /// The initial trace (staged in --ns by `prep-ns`)
    #[arg(long, value_name = "FILE")]
    pub trace: PathBuf,
    /// The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context's namespace)
    #[arg(long, value_name = "NS")]
    pub ns: Option<String>,
    /// The Deployment to observe and act on, as named in the trace
    #[arg(long, value_name = "NAME")]
    pub deploy: String,
    /// The number of ready replicas aimed for (1..=100)
    #[arg(long)]
    pub target: u32,
    /// Simulated time per reset and step before observing
    #[arg(long, default_value = "120s", value_parser = parse_duration)]
    pub duration: i64,
    /// Extra Simulation time after the observation, so the driver does not tear down first
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub grace: i64,
    /// SimKube's speed factor (spec.speed)
    #[arg(long)]
    pub speed: Option<f64>,
    #[arg(long, value_enum, default_value = "base")]
    pub reward: Reward,
    /// `cost_aware_v2`'s penalty subtracted every step
    #[arg(long, default_value_t = 0.0)]
    pub step_penalty: f64,
    /// Steps after which an episode is truncated
    #[arg(long, default_value_t = 10)]
    pub max_steps: u32,
    /// The seed recorded when reset gives none
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The driver image (default: the sk-driver of the cluster's SimKube, as `run` chooses it)
    #[arg(long, value_name = "IMAGE")]
    pub driver_image: Option<String>,
    /// Fast start as in `run` (`--fast-start=false`: SimKube's own pace)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub fast_start: bool,
    /// The namespace SimKube's controller and its sk-lease run in
    #[arg(long, default_value = crate::cluster::prep::CTRL_NS, value_name = "NS")]
    pub simkube_ns: String,
    /// The prefix of the virtual namespaces the driver creates
    #[arg(long, default_value = "virtual", value_name = "PREFIX")]
    pub virtual_ns_prefix: String,
    /// The driver's webhook port
    #[arg(long, default_value_t = 8888)]
    pub port: i32,
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
    /// Leave each Simulation in place until the next request, to inspect it (`observe --sim`)
    #[arg(long)]
    pub keep_last: bool,
    /// Where records go (default: <data dir>/kubectl-skstep/runs)
    #[arg(long, value_name = "DIR")]
    pub runs_dir: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if !args.stdio {
        return Err(Error::usage("env serves its protocol on stdin/stdout: pass --stdio", None));
    }
    ctx.out.forbid_file("env")?;
    crate::commands::block_on(serve(ctx, args))
}

async fn serve(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut interrupts = Interrupts::from_signals();
    let mut progress = Progress::new(false);
    // A setup failure (no cluster, bad target) is the answer to every request, so the adapter
    // raises it with its cause and fix instead of seeing a process that died.
    let mut env = setup(ctx, args).await;
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let mut stdout = tokio::io::stdout();
    loop {
        let line = tokio::select! {
            l = lines.next_line() => l.map_err(|e| Error::io("(stdin)", e))?,
            _ = interrupts.next() => return Err(Error::Interrupted),
        };
        let Some(line) = line else { return Ok(()) };
        if line.trim().is_empty() {
            continue;
        }
        let req = serde_json::from_str::<Request>(&line).map_err(|e| {
            Error::usage(
                format!("not a request: {e}: {line}"),
                Some("send {\"op\":\"spec|reset|step|close\", …}".into()),
            )
        });
        let close = matches!(req, Ok(Request::Close));
        let answer = match (req, &mut env) {
            (Err(e), _) => Err(e),
            (Ok(req), Ok(env)) => env.handle(req, &mut progress, &mut interrupts).await,
            (Ok(Request::Close), Err(_)) => Ok(serde_json::json!({})),
            (Ok(_), Err(e)) => Err(clone_err(e)),
        };
        let doc = match &answer {
            Ok(ok) => serde_json::json!({ "ok": ok }),
            Err(e) => {
                progress.phase("error", format!("{e}"));
                error_doc(e)
            }
        };
        let mut text = serde_json::to_string(&doc).expect("answer serialises");
        text.push('\n');
        stdout.write_all(text.as_bytes()).await.map_err(|e| Error::io("(stdout)", e))?;
        stdout.flush().await.map_err(|e| Error::io("(stdout)", e))?;
        if close {
            return Ok(());
        }
        if let Err(Error::Interrupted) = answer {
            return Err(Error::Interrupted);
        }
    }
}

/// Errors are not Clone (io::Error); a setup error is answered again with the same text.
fn clone_err(e: &Error) -> Error {
    match e.exit_code() {
        exit::CLUSTER => Error::Cluster { message: e.to_string(), hint: e.hint().map(String::from) },
        exit::BAD_INPUT => Error::bad_input(e.to_string(), e.hint().map(String::from)),
        _ => Error::usage(e.to_string(), e.hint().map(String::from)),
    }
}

async fn setup(ctx: &Ctx, args: &Args) -> Result<Env> {
    if args.speed.is_some_and(|f| !(f.is_finite() && f > 0.0)) {
        return Err(Error::usage("speed must be a positive number (SimKube's spec.speed)", None));
    }
    let cluster = connect(&ctx.global).await?;
    let ns = args.ns.clone().or_else(|| ctx.global.namespace.clone()).unwrap_or_else(|| cluster.namespace.clone());
    let runs_dir = match &args.runs_dir {
        Some(d) => d.clone(),
        None => default_runs_dir()?,
    };
    let (driver_image, driver_image_source) = match &args.driver_image {
        Some(i) => (i.clone(), "--driver-image".to_string()),
        None => {
            let d = crate::cluster::defaults::driver_image(&cluster.client, &args.simkube_ns).await;
            (d.image, d.source)
        }
    };
    let base = StepConfig {
        trace: args.trace.clone(),
        ns,
        deploy: args.deploy.clone(),
        target: args.target,
        duration_s: args.duration,
        grace_s: args.grace,
        speed: args.speed,
        driver_image,
        driver_image_source,
        port: args.port,
        policy: Policy::Noop,
        action: None,
        reward: args.reward,
        step_penalty: args.step_penalty,
        seed: args.seed,
        keep: false,
        force: args.force,
        lease_timeout: args.lease_timeout,
        driver_timeout: args.driver_timeout,
        runs_dir,
        context: cluster.context.clone(),
        episode: String::new(),
        step: 0,
        api_timeout: args.api_timeout,
        fast_start: args.fast_start,
        simkube_ns: args.simkube_ns.clone(),
        virtual_ns_prefix: args.virtual_ns_prefix.clone(),
    };
    Env::new(cluster.client, EnvConfig { base, max_steps: args.max_steps, keep_last: args.keep_last })
}
