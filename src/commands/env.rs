use tokio::io::{AsyncWriteExt, BufReader};

use crate::cluster::client::connect;
use crate::commands::Ctx;
use crate::commands::sim_args::SimArgs;
use crate::error::{Error, Result};
use crate::line_reader::{BoundedLines, Line, MAX_LINE};
use crate::step::env::{Env, EnvConfig, Request, error_doc};
use crate::step::episode::StepConfig;
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
Every step appends a record to the runs folder as `run` does. Progress goes to stderr.")]
pub struct Args {
    /// Serve the protocol on stdin/stdout (the only mode)
    #[arg(long)]
    pub stdio: bool,
    #[command(flatten)]
    pub sim: SimArgs,
    /// Steps after which an episode is truncated
    #[arg(long, default_value_t = 10)]
    pub max_steps: u32,
    /// Leave each Simulation in place until the next request, to inspect it (`observe --sim`)
    #[arg(long)]
    pub keep_last: bool,
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
    Env::new(cluster.client, EnvConfig { base, max_steps: args.max_steps, keep_last: args.keep_last })
}
