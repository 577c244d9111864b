use std::net::SocketAddr;
use std::path::PathBuf;

use rmcp::ServiceExt;

use crate::commands::Ctx;
use crate::commands::sim_args::SimFlags;
use crate::error::{Error, Result};
use crate::mcp::answer::Refusal;
use crate::mcp::server::{Settings, Shared};
use crate::mcp::tools::Skstep;
use crate::step::episode::StepConfig;
use crate::trace::time::parse_duration;

#[derive(Debug, clap::Args)]
#[command(after_help = "A Model Context Protocol server (the official Rust SDK, rmcp): an MCP client plays \
SimKube scenarios through tools: list_scenarios, start, observe, step / set_replicas / set_resources, \
rollback, submit (the score: bench's metrics), and read-only get_pods, describe_deployment, get_events, \
get_pod_logs, explain_pending, inspect_trace, validate_trace, diff_trace. Each action is one step of the \
engine, recorded in --runs-dir as `run` records it, with the session, the scenario and the tool calls since \
the previous action.\nstdio by default (one session); --http ADDR serves streamable HTTP at /mcp (one \
session per client; sessions on distinct --contexts run at once, two on one context queue). Binding beyond \
loopback requires --token-file: every request must carry `Authorization: Bearer <token>`.\n-n NS: the driver \
namespace on every context, the same as --ns.")]
pub struct Args {
    /// Serve streamable HTTP on ADDR (e.g. 127.0.0.1:8765) instead of stdio
    #[arg(long, value_name = "ADDR")]
    pub http: Option<SocketAddr>,
    /// A file holding the bearer token HTTP clients must send (required beyond loopback)
    #[arg(long, value_name = "FILE", requires = "http")]
    pub token_file: Option<PathBuf>,
    /// Kubeconfig contexts sessions play on (default the current one)
    #[arg(long, value_name = "CTX,…", value_delimiter = ',')]
    pub contexts: Vec<String>,
    /// Most actions per episode (default: the scenario's budget)
    #[arg(long, value_name = "N")]
    pub max_steps: Option<u32>,
    /// Tool calls allowed between two actions (sim-arena's agent allows 8)
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub max_tool_calls: u32,
    /// The step budget of an episode started from a bare trace
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub trace_budget: u32,
    /// Simulated time per step (default: the scenario's, else 120s)
    #[arg(long, value_parser = parse_duration)]
    pub duration: Option<i64>,
    /// The flags every simulating command shares (`run`, `env`, `bench`): --ns, --speed (default:
    /// the scenario's), --grace, --reward, --seed, --driver-image, the timeouts, --runs-dir
    #[command(flatten)]
    pub sim: SimFlags,
}

impl Args {
    fn check(&self) -> Result<()> {
        if self.max_tool_calls == 0 || self.max_steps == Some(0) || self.trace_budget == 0 {
            return Err(Error::usage("--max-tool-calls, --max-steps and --trace-budget must be at least 1", None));
        }
        if self.duration.is_some_and(|d| d <= 0) {
            return Err(Error::usage("--duration must be positive", None));
        }
        self.sim.check(self.duration)?;
        // The read-only tools look at the step's Simulation, which a cache hit never makes.
        if self.sim.cache.is_some() {
            return Err(Error::usage(
                "--cache: mcp keeps each step's Simulation for the read-only tools (get_pods, get_events, …), \
                 which a cached step would not have",
                Some("drop --cache for mcp; `run`, `env` and `bench` take it".into()),
            ));
        }
        if !self.contexts.is_empty() {
            crate::step::pool::check_contexts(&self.contexts)?;
        }
        if let Some(addr) = self.http
            && !addr.ip().is_loopback()
            && self.token_file.is_none()
        {
            return Err(Error::usage(
                format!("--http {addr} binds beyond loopback: anyone who reaches it could drive your clusters"),
                Some(
                    "give --token-file FILE (clients send `Authorization: Bearer <its contents>`), or bind 127.0.0.1"
                        .into(),
                ),
            ));
        }
        Ok(())
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    args.check()?;
    let token = match &args.token_file {
        Some(f) => Some(crate::mcp::http::read_token(f)?),
        None => None,
    };
    crate::commands::block_on(async {
        let sim = &args.sim;
        let runs_dir = sim.runs_dir()?;
        // No cluster is no reason not to serve: every start answers why (a tool error).
        let (members, setup_error) = match crate::commands::pool::members(&ctx.global, sim, &args.contexts).await {
            Ok(m) => (m, None),
            Err(e) => {
                eprintln!("mcp: no cluster to play on: {e}");
                (vec![], Some(Refusal::from(e)))
            }
        };
        let base = sim.step_config("", &runs_dir, "", &(String::new(), String::new()));
        let settings = Settings {
            base: StepConfig { cache: None, ..base },
            duration_s: args.duration,
            speed: sim.speed,
            max_steps: args.max_steps,
            trace_budget: args.trace_budget,
            max_tool_calls: args.max_tool_calls,
            scratch: runs_dir.join("mcp-scenarios"),
        };
        let shared = Shared::new(settings, members, setup_error);
        match args.http {
            Some(addr) => crate::mcp::http::serve(shared, addr, token).await,
            None => {
                let server = Skstep::new(shared);
                let session = server.session.clone();
                let service = server
                    .serve(rmcp::transport::stdio())
                    .await
                    .map_err(|e| Error::usage(format!("mcp: the client's initialization failed: {e}"), None))?;
                let ended = service.waiting().await;
                // Before the runtime goes: a Simulation kept for the read-only tools is deleted.
                session.lock().await.close().await;
                ended.map_err(|e| Error::usage(format!("mcp: the session ended badly: {e}"), None))?;
                Ok(())
            }
        }
    })
}
