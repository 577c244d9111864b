//! `kubectl skstep bench`: score an agent on a scenario suite (`bench::run`), or compare results
//! documents as a Markdown leaderboard (`--compare`).

use std::path::PathBuf;
use std::time::Duration;

use crate::bench::compare::leaderboard;
use crate::bench::results::Document;
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::step::reward::Reward;
use crate::trace::time::{parse_duration, parse_std_duration};

/// The agents `bench` has built in; `stdio` asks a process on the other end of stdin/stdout
/// (the Python `skstep.bench.evaluate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[value(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum AgentKind {
    Noop,
    /// Uniform over the seven actions, seeded per (scenario, repeat) from --seed
    Random,
    /// The rule-based autoscaler (see `bench::heuristic`)
    Heuristic,
    /// The scenario's reference solution, then noop
    Reference,
    /// One JSON line per state on stdout, one action per line back on stdin
    Stdio,
}

impl AgentKind {
    pub fn name(self) -> &'static str {
        match self {
            AgentKind::Noop => "noop",
            AgentKind::Random => "random",
            AgentKind::Heuristic => "heuristic",
            AgentKind::Reference => "reference",
            AgentKind::Stdio => "stdio",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SplitArg {
    Train,
    Test,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Plays every scenario of the suite --repeats times with the agent, each episode on the step \
engine (stop at the goal, the scenario's step budget), scenario-parallel over --contexts (each cluster one \
Simulation at a time), and writes the results document (-o FILE, default ./bench-<suite>-<agent>.json; \
schema skstep.bench/v1): pass@1, pass@K, pass^K, efficiency against the reference, return, over-provisioning, \
simulated steps and wall time, per scenario, tier, problem type and overall. Each finished episode is kept in \
<FILE>.journal/: run the same command again after an interrupt and it continues (a journal of other settings \
is refused). Step records go to --runs-dir (default <FILE>.runs/), tagged scenario, suite, bench_run, repeat \
and agent.\n`bench --compare a.json b.json …` prints the Markdown leaderboard; `report --bench a.json b.json` \
draws it.\n-n NS: the driver namespace on every context, the same as --ns.")]
pub struct Args {
    /// `simarena` (the repo's scenarios/simarena) or a folder of scenario files
    #[arg(long, value_name = "simarena|DIR", required_unless_present = "compare")]
    pub suite: Option<String>,
    /// Only the scenarios of this split (generated suites)
    #[arg(long, value_enum)]
    pub split: Option<SplitArg>,
    #[arg(long, value_enum, default_value = "heuristic")]
    pub agent: AgentKind,
    /// Episodes per scenario (K of pass@K)
    #[arg(long, default_value_t = 1)]
    pub repeats: u32,
    /// Kubeconfig contexts to play on (one per cluster; default the current one)
    #[arg(long, value_name = "CTX,…", value_delimiter = ',')]
    pub contexts: Vec<String>,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Compare these results documents instead: a Markdown leaderboard
    #[arg(long, value_name = "RESULTS", num_args = 1.., conflicts_with_all = ["suite", "split", "contexts"])]
    pub compare: Vec<PathBuf>,
    /// The driver namespace on each context, prepared with `prep-ns` (default: -n, else the context's)
    #[arg(long, value_name = "NS")]
    pub ns: Option<String>,
    /// Simulated time per step (default: the scenario's, else 120s)
    #[arg(long, value_parser = parse_duration)]
    pub duration: Option<i64>,
    /// SimKube's speed factor (default: the scenario's)
    #[arg(long, value_name = "F")]
    pub speed: Option<f64>,
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub grace: i64,
    #[arg(long, value_enum, default_value = "base")]
    pub reward: Reward,
    #[arg(long, value_name = "IMAGE")]
    pub driver_image: Option<String>,
    #[arg(long, default_value_t = 8888)]
    pub port: i32,
    #[arg(long, default_value = "virtual", value_name = "PREFIX")]
    pub virtual_ns_prefix: String,
    #[arg(long, default_value = crate::cluster::prep::CTRL_NS, value_name = "NS")]
    pub simkube_ns: String,
    #[arg(long, default_value = "10m", value_parser = parse_std_duration)]
    pub lease_timeout: Duration,
    #[arg(long, default_value = "3m", value_parser = parse_std_duration)]
    pub driver_timeout: Duration,
    #[arg(long, default_value = "60s", value_parser = parse_std_duration)]
    pub api_timeout: Duration,
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub fast_start: bool,
    /// Where the step records go (default: <results FILE>.runs/)
    #[arg(long, value_name = "DIR")]
    pub runs_dir: Option<PathBuf>,
}

impl Args {
    /// The usage errors no cluster is needed to see.
    pub fn check(&self) -> Result<()> {
        if self.repeats == 0 {
            return Err(Error::usage("--repeats must be at least 1", None));
        }
        if self.speed.is_some_and(|f| !(f.is_finite() && f > 0.0)) {
            return Err(Error::usage("--speed must be a positive number (SimKube's spec.speed)", None));
        }
        if self.duration.is_some_and(|d| d <= 0) {
            return Err(Error::usage("--duration must be positive", None));
        }
        if self.contexts.is_empty() { Ok(()) } else { crate::step::pool::check_contexts(&self.contexts) }
    }

    /// `-o FILE`, else `./bench-<suite>[-<split>]-<agent>.json`.
    pub fn results_path(&self, file: Option<&PathBuf>) -> PathBuf {
        if let Some(f) = file {
            return f.clone();
        }
        let suite = self.suite.as_deref().unwrap_or("suite");
        let base = std::path::Path::new(suite).file_name().map_or("suite".into(), |s| s.to_string_lossy().into_owned());
        let split = match self.split {
            Some(SplitArg::Train) => "-train",
            Some(SplitArg::Test) => "-test",
            None => "",
        };
        PathBuf::from(format!("bench-{base}{split}-{}.json", self.agent.name()))
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if !args.compare.is_empty() {
        ctx.out.forbid_file("bench --compare")?;
        let docs = args.compare.iter().map(|p| Ok((p.clone(), Document::read(p)?))).collect::<Result<Vec<_>>>()?;
        let md = leaderboard(&docs)?;
        if ctx.out.is_json() {
            ctx.out.json(&serde_json::json!({ "markdown": md, "documents": docs.iter().map(|d| &d.1).collect::<Vec<_>>() }));
        } else {
            print!("{md}");
        }
        return Ok(());
    }
    args.check()?;
    crate::bench::run::run(ctx, args)
}
