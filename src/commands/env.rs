use std::collections::BTreeMap;
use std::path::PathBuf;

use tokio::io::{AsyncWriteExt, BufReader};

use crate::cluster::client::connect;
use crate::cluster::nodes::check_profile;
use crate::commands::Ctx;
use crate::commands::sim_args::SimArgs;
use crate::error::{Error, Result};
use crate::line_reader::{BoundedLines, Line, MAX_LINE};
use crate::scenario::{Scenario, Split, load_file, load_suite, profile};
use crate::step::engine::Goal;
use crate::step::env::{Env, EnvConfig, Problem, Request, error_doc};
use crate::step::episode::{OnCluster, StepConfig};
use crate::step::interrupt::Interrupts;
use crate::step::progress::Progress;

#[derive(Debug, clap::Args)]
#[command(after_help = "The Gymnasium environment's engine (the Python package `skstep` drives it): one JSON \
request per line on stdin, one answer per line on stdout.\n  {\"op\":\"spec\"} -> the action names and the \
observation space's bounds\n  {\"op\":\"reset\",\"seed\":S} -> simulates the initial trace: {\"ok\":{\"obs\",\"info\"}}\n  \
{\"op\":\"step\",\"action\":A} -> applies action A (sim-arena's order 0..6) to the current trace, simulates it, \
observes and rewards the state after it: {\"ok\":{\"obs\",\"reward\",\"terminated\",\"truncated\",\"info\"}}\n  \
{\"op\":\"close\"}\nA failure is answered {\"error\":{\"message\",\"hint\",\"exit_code\"}}, never as an observation; \
so is a bad line (not JSON, not UTF-8, or over 1 MiB), and the server goes on. \
Every step appends a record to the runs folder as `run` does. Progress goes to stderr.\n\
Scenarios instead of --trace/--deploy/--target: --scenario FILE plays that scenario every episode; --suite \
NAME|DIR [--split train|test] draws one of the suite's scenarios at each reset from the env's generator \
(reset's seed reseeds it: the same seeds play the same scenarios). A scenario gives the trace, Deployment, \
target and ceilings (the goal), its budget (the truncation, unless --max-steps) and its sim.duration and \
sim.speed where it sets them (else --duration, --speed); its profile is checked against the cluster first.")]
#[command(
    mut_arg("trace", |a| a.required(false).required_unless_present_any(["scenario", "suite"]).conflicts_with_all(["scenario", "suite"]).default_value("-").hide_default_value(true)),
    mut_arg("deploy", |a| a.required(false).required_unless_present_any(["scenario", "suite"]).conflicts_with_all(["scenario", "suite"]).default_value("").hide_default_value(true)),
    mut_arg("target", |a| a.required(false).required_unless_present_any(["scenario", "suite"]).conflicts_with_all(["scenario", "suite"]).default_value("1").hide_default_value(true)),
)]
pub struct Args {
    /// Serve the protocol on stdin/stdout (the only mode)
    #[arg(long)]
    pub stdio: bool,
    #[command(flatten)]
    pub sim: SimArgs,
    /// Steps after which an episode is truncated (default: the scenario's budget, else 10)
    #[arg(long)]
    pub max_steps: Option<u32>,
    /// Play this scenario file every episode (instead of --trace, --deploy, --target)
    #[arg(long, value_name = "FILE", conflicts_with = "suite")]
    pub scenario: Option<PathBuf>,
    /// Draw a scenario of this suite (`simarena`, or a folder, e.g. from `scenario generate`) at each reset
    #[arg(long, value_name = "NAME|DIR")]
    pub suite: Option<String>,
    /// Only the suite's scenarios of this split (train seeds 0..1e6, test 1e6..2e6)
    #[arg(long, value_enum, requires = "suite")]
    pub split: Option<Split>,
    /// Leave each Simulation in place until the next request, to inspect it (`observe --sim`)
    #[arg(long)]
    pub keep_last: bool,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if !args.stdio {
        return Err(Error::usage("env serves its protocol on stdin/stdout: pass --stdio", None));
    }
    ctx.out.forbid_file("env")?;
    // clap lets a missing --suite pass when --trace (which conflicts with it) is given.
    if args.split.is_some() && args.suite.is_none() {
        return Err(Error::usage("--split needs --suite (it picks the suite's scenarios of that split)", None));
    }
    crate::commands::block_on(serve(ctx, args))
}

async fn serve(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut interrupts = Interrupts::from_signals();
    let mut progress = Progress::new(false);
    // A setup failure (no cluster, bad target) is the answer to every request, so the adapter
    // raises it with its cause and fix instead of seeing a process that died.
    let mut env = setup(ctx, args).await;
    let mut lines = BoundedLines::new(BufReader::new(tokio::io::stdin()), MAX_LINE);
    let mut stdout = tokio::io::stdout();
    let fix = || Some("send one JSON object per line, e.g. {\"op\":\"spec\"} (ops: spec, reset, step, close)".into());
    loop {
        let line = tokio::select! {
            l = lines.next_line() => l.map_err(|e| Error::io("(stdin)", e))?,
            _ = interrupts.next() => return Err(Error::Interrupted),
        };
        let Some(line) = line else { return Ok(()) };
        // A bad line is answered (quoting its start only) and the server goes on.
        let req = match &line {
            Line::Text(t) if t.trim().is_empty() => continue,
            Line::Text(t) => serde_json::from_str::<Request>(t).map_err(|e| {
                // serde's message may quote a value of the line (an unknown op): bounded too.
                let why = crate::line_reader::prefix(e.to_string().as_bytes(), false);
                let start = crate::line_reader::prefix(t.as_bytes(), false);
                Error::usage(format!("not a request: {why} (the line starts {start:?})"), fix())
            }),
            bad => Err(Error::usage(bad.problem(lines.max()).unwrap_or_default(), fix())),
        };
        let close = matches!(req, Ok(Request::Close));
        let answer = match (req, &mut env) {
            (Err(e), _) => Err(Fresh(e)),
            (Ok(req), Ok(env)) => env.handle(req, &mut progress, &mut interrupts).await.map_err(Fresh),
            (Ok(Request::Close), Err(_)) => Ok(serde_json::json!({})),
            // The setup error itself answers every request: its message, hint and exit code.
            (Ok(_), Err(e)) => Err(Answered(e)),
        };
        let doc = match &answer {
            Ok(ok) => serde_json::json!({ "ok": ok }),
            Err(e) => {
                let e = e.error();
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
        if let Err(Fresh(e)) = answer
            && e.is_interrupt()
        {
            return Err(e);
        }
    }
}

/// An answer's error: one of this request (`Fresh`), or the setup error answered again.
enum Failure<'a> {
    Fresh(Error),
    Answered(&'a Error),
}
use Failure::{Answered, Fresh};

impl Failure<'_> {
    fn error(&self) -> &Error {
        match self {
            Fresh(e) => e,
            Answered(e) => e,
        }
    }
}

async fn setup(ctx: &Ctx, args: &Args) -> Result<Env> {
    // The scenarios first: a bad file is named before any cluster is asked.
    let scenarios = scenarios(args)?;
    args.sim.check()?;
    let ns = args.sim.namespace(ctx.global.namespace.as_deref())?;
    let cluster = connect(&ctx.global).await?;
    let ns = ns.unwrap_or_else(|| cluster.namespace.clone());
    let runs_dir = args.sim.runs_dir()?;
    let driver = args.sim.driver_image(&cluster.client).await?;
    // The env counts its own steps (reset is step 0).
    let base = StepConfig {
        step: 0,
        cache: args.sim.cache()?,
        ..args.sim.step_config(&ns, &runs_dir, &cluster.context, &driver)
    };
    let problems = match scenarios {
        None => vec![Problem {
            id: None,
            trace: args.sim.trace.clone(),
            deploy: args.sim.deploy.clone(),
            goal: Goal::target(args.sim.target),
            max_steps: args.max_steps.unwrap_or(10),
            duration_s: args.sim.duration,
            speed: args.sim.flags.speed,
            tags: BTreeMap::new(),
        }],
        Some((suite, list)) => {
            let mut checked = vec![];
            for s in &list {
                if !checked.contains(&s.profile) {
                    let p = profile(&s.profile)?;
                    check_profile(&cluster.client, &p)
                        .await
                        .map_err(|e| e.context(format!("scenario {} (profile {})", s.id, s.profile)))?;
                    checked.push(s.profile.clone());
                }
            }
            list.iter().map(|s| problem(s, &suite, args)).collect()
        }
    };
    Env::new(OnCluster(cluster.client), EnvConfig { base, problems, keep_last: args.keep_last })
}

/// `--scenario` (one) or `--suite [--split]` (all of it, drawn at reset), with the suite's name.
fn scenarios(args: &Args) -> Result<Option<(String, Vec<Scenario>)>> {
    let (suite, list) = match (&args.scenario, &args.suite) {
        (Some(f), _) => {
            let s = load_file(f)?;
            (s.suite.clone(), vec![s])
        }
        (None, Some(suite)) => (suite.clone(), load_suite(suite, args.split)?),
        (None, None) => return Ok(None),
    };
    for s in &list {
        let (d, f) = (s.duration_s.unwrap_or(args.sim.duration), s.speed.or(args.sim.flags.speed));
        crate::step::simulate::wall_seconds(d, f)
            .map_err(|e| Error::bad_input(format!("{}: sim.duration/sim.speed: {e}", s.source.display()), None))?;
    }
    Ok(Some((suite, list)))
}

/// A scenario as the env plays it: its goal and budget, its duration and speed where it sets them.
fn problem(s: &Scenario, suite: &str, args: &Args) -> Problem {
    Problem {
        id: Some(s.id.clone()),
        trace: s.trace.clone(),
        deploy: s.deploy.clone(),
        goal: s.goal(),
        max_steps: args.max_steps.unwrap_or(s.budget),
        duration_s: s.duration_s.unwrap_or(args.sim.duration),
        speed: s.speed.or(args.sim.flags.speed),
        tags: BTreeMap::from([("scenario".to_string(), s.id.clone()), ("suite".to_string(), suite.to_string())]),
    }
}
