//! Command-line interface (clap derive). Global flags follow kubectl's.

use clap::{Parser, Subcommand};

use crate::commands;
use crate::global::GlobalArgs;

pub const EXIT_CODES: &str = "\
Exit codes:
  0  ok
  1  the input is bad or the check failed (a trace SimKube would refuse, a step's preflight, …)
  2  usage or I/O error (bad flag, unreadable file, unwritable output)
  3  cluster unreachable or request forbidden (the message names verb and resource)
  4  simulation failed (the message names the cause and the fix)
  70  internal error: a bug in kubectl-skstep (a panic); please report it with its message
  130  interrupted (Ctrl-C / SIGTERM); the step was cleaned up and recorded, an unfinished output removed";

#[derive(Debug, Parser)]
#[command(
    name = "kubectl-skstep",
    bin_name = "kubectl skstep",
    version = commands::version::LONG_VERSION,
    about = "One SimKube RL step as one command, and the trace toolkit that makes it work",
    after_help = EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check, inspect and transform SimKube trace files
    #[command(subcommand)]
    Trace(TraceCommand),

    /// Prepare a namespace for SimKube's driver: ServiceAccount, Secrets, staged trace
    PrepNs(commands::prep_ns::Args),

    /// One RL step: simulate, observe, act, reward, record, clean up
    Run(commands::run::Args),

    /// The Gymnasium environment's engine: reset/step/close as JSON lines on stdin/stdout
    Env(commands::env::Args),

    /// A Model Context Protocol server: scenarios as tools for LLM agents (stdio or --http)
    Mcp(commands::mcp::Args),

    /// Observe a workload's pods in its virtual namespace: ready, pending, total
    Observe(commands::observe::Args),

    /// The driver's log for a simulation (default: the newest one kubectl-skstep created)
    Logs(commands::logs::Args),

    /// The learning curve: an SVG of returns, rewards and ready/pending/total from the records
    Report(commands::report::Args),

    /// Score an agent on a scenario suite (pass@1, pass@k, efficiency, …), or compare results
    Bench(commands::bench::Args),
    /// The transition cache (--cache DIR): stats, verify, clear
    Cache(commands::cache::Args),
    /// Check the step records: summary.json recomputed from step.jsonl
    #[command(subcommand)]
    Records(commands::records::Command),

    /// Remove what kubectl-skstep left in the cluster (--all: and what a crashed SimKube run left)
    Cleanup(commands::cleanup::Args),

    /// Scenario suites and cluster profiles: list, show, validate, generate, check-profile
    #[command(subcommand)]
    Scenario(commands::scenario::Command),

    /// Check the SimKube install and a step's inputs: a ✓/✗ table with fixes
    Doctor(commands::doctor::Args),

    /// The plugin's version, git commit, target, and the SimKube version its trace parser matches
    Version(commands::version::Args),

    /// Print a shell completion script
    Completions(commands::completions::Args),

    /// Completion candidates for kubectl's plugin completion (used by kubectl_complete-skstep)
    #[command(name = "__complete", hide = true)]
    Complete(commands::completions::CompleteArgs),
}

impl Command {
    /// The command's name for messages, as typed after `kubectl skstep`.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Trace(t) => match t {
                TraceCommand::Validate(_) => "trace validate",
                TraceCommand::Inspect(_) => "trace inspect",
                TraceCommand::Upgrade(_) => "trace upgrade",
                TraceCommand::Rebase(_) => "trace rebase",
                TraceCommand::Convert(_) => "trace convert",
                TraceCommand::Export(_) => "trace export",
                TraceCommand::Edit(_) => "trace edit",
                TraceCommand::Fix(_) => "trace fix",
                TraceCommand::New(_) => "trace new",
            },
            Command::PrepNs(_) => "prep-ns",
            Command::Run(_) => "run",
            Command::Cleanup(_) => "cleanup",
            Command::Cache(_) => "cache",
            Command::Env(_) => "env",
            Command::Mcp(_) => "mcp",
            Command::Report(_) => "report",
            Command::Bench(_) => "bench",
            Command::Records(_) => "records check",
            Command::Observe(_) => "observe",
            Command::Logs(_) => "logs",
            Command::Doctor(_) => "doctor",
            Command::Scenario(s) => match s {
                commands::scenario::Command::List(_) => "scenario list",
                commands::scenario::Command::Show(_) => "scenario show",
                commands::scenario::Command::Validate(_) => "scenario validate",
                commands::scenario::Command::Generate(_) => "scenario generate",
                commands::scenario::Command::CheckProfile(_) => "scenario check-profile",
            },
            Command::Completions(_) => "completions",
            Command::Version(_) => "version",
            Command::Complete(_) => "__complete",
        }
    }

    /// Whether `-n` means something to this command (its --help says what).
    pub fn takes_namespace(&self) -> bool {
        matches!(
            self,
            Command::Trace(TraceCommand::Edit(_) | TraceCommand::New(_))
                | Command::PrepNs(_)
                | Command::Run(_)
                | Command::Bench(_)
                | Command::Cleanup(_)
                | Command::Env(_)
                | Command::Mcp(_)
                | Command::Observe(_)
                | Command::Logs(_)
                | Command::Doctor(_)
                | Command::Complete(_)
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum TraceCommand {
    /// The verdict SimKube's driver will reach on a trace, and why
    Validate(commands::trace::validate::Args),
    /// What a trace contains: events, objects, namespaces, Deployments, config
    Inspect(commands::trace::inspect::Args),
    /// Remove what SimKube's own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)
    Fix(commands::trace::fix::Args),
    /// Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses
    Upgrade(commands::trace::upgrade::Args),
    /// Shift and compress a trace's timeline
    Rebase(commands::trace::rebase::Args),
    /// Convert between MessagePack and JSON, losslessly
    Convert(commands::trace::convert::Args),
    /// Export a trace from sk-tracer (no manual port-forward needed)
    Export(commands::trace::export::Args),
    /// Make a trace from scratch: one Deployment (from flags or a manifest) that SimKube plays
    New(commands::trace::new::Args),
    /// Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace
    Edit(commands::trace::edit::Args),
}
