//! `kubectl skstep bench`: score an agent on a scenario suite (`bench::run`), or compare results
//! documents as a Markdown leaderboard (`--compare`).

use std::path::PathBuf;

use std::collections::BTreeMap;

pub use crate::bench::agents::AgentKind;
use crate::bench::agents::Channel;
use crate::bench::compare::leaderboard;
use crate::bench::journal::{self, Header, Journal};
use crate::bench::results::{Document, ScenarioInfo, Settings};
use crate::bench::route::route;
use crate::bench::run::{Job, Plan, play};
use crate::commands::Ctx;
use crate::commands::sim_args::SimFlags;
use crate::error::{Error, Result};
use crate::scenario::{Split, load_suite, profile};
use crate::step::episode::StepConfig;
use crate::step::interrupt::Interrupts;
use crate::trace::time::parse_duration;

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
    /// Kubeconfig contexts to play on (one per cluster; default the current one); each scenario
    /// plays on the contexts whose nodes are its profile's
    #[arg(long, value_name = "CTX,…", value_delimiter = ',')]
    pub contexts: Vec<String>,
    /// Compare these results documents instead: a Markdown leaderboard
    #[arg(long, value_name = "RESULTS", num_args = 1.., conflicts_with_all = ["suite", "split", "contexts"])]
    pub compare: Vec<PathBuf>,
    /// Simulated time per step (default: the scenario's, else 120s)
    #[arg(long, value_parser = parse_duration)]
    pub duration: Option<i64>,
    /// The simulation flags `run` and `env` take (--speed default: the scenario's; --runs-dir
    /// default: <results FILE>.runs/)
    #[command(flatten)]
    pub sim: SimFlags,
}

impl Args {
    /// The usage errors no cluster is needed to see.
    pub fn check(&self) -> Result<()> {
        if self.repeats == 0 {
            return Err(Error::usage("--repeats must be at least 1", None));
        }
        if self.duration.is_some_and(|d| d <= 0) {
            return Err(Error::usage("--duration must be positive", None));
        }
        self.sim.check(self.duration)?;
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
            ctx.out.json(
                &serde_json::json!({ "markdown": md, "documents": docs.iter().map(|d| &d.1).collect::<Vec<_>>() }),
            );
        } else {
            print!("{md}");
        }
        return Ok(());
    }
    args.check()?;
    crate::commands::block_on(bench(ctx, args))
}

async fn bench(ctx: &Ctx, args: &Args) -> Result<()> {
    let suite = args.suite.clone().expect("clap requires --suite without --compare");
    let split = args.split.map(|s| match s {
        SplitArg::Train => Split::Train,
        SplitArg::Test => Split::Test,
    });
    let scenarios = load_suite(&suite, split)?;
    if scenarios.is_empty() {
        return Err(Error::bad_input(
            format!("suite {suite}: no scenarios{}", split.map_or("", |_| " in that split")),
            None,
        ));
    }
    let mut profiles = BTreeMap::new();
    for s in &scenarios {
        if !profiles.contains_key(&s.profile) {
            profiles.insert(s.profile.clone(), profile(&s.profile)?);
        }
    }
    let results = args.results_path(ctx.out.file.as_ref());
    let runs_dir = args.sim.runs_dir.clone().unwrap_or_else(|| {
        let mut n = results.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        n.push(".runs");
        results.with_file_name(n)
    });
    let simulation = BTreeMap::from([
        ("duration_s".to_string(), args.duration.map_or("scenario's".into(), |d| d.to_string())),
        ("speed".to_string(), args.sim.speed.map_or("scenario's".into(), |f| f.to_string())),
        ("reward".to_string(), args.sim.reward.name().to_string()),
        ("grace_s".to_string(), args.sim.grace.to_string()),
    ]);
    let settings = Settings {
        suite: suite.clone(),
        split: args.split.map(|s| format!("{s:?}").to_lowercase()),
        agent: args.agent.name().into(),
        seed: args.sim.seed,
        repeats: args.repeats,
        simulation,
    };
    let mut digests = BTreeMap::new();
    for s in &scenarios {
        digests.insert(s.id.clone(), crate::fsutil::sha256_file(&s.source)?);
    }
    let want = Header {
        schema: journal::SCHEMA.into(),
        bench_run: format!("bench-{}", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")),
        settings: settings.clone(),
        scenarios: digests,
    };
    // The clusters first: a suite none of them can play is refused before anything is written.
    let members = crate::commands::pool::members(&ctx.global, &args.sim, &args.contexts).await?;
    // Each scenario on the contexts whose nodes are its profile's; a profile none has is refused.
    let groups = route(&members, &scenarios, &profiles).await?;
    let (journal, header, done) = Journal::open(&journal::dir_for(&results), &want)?;
    let mut jobs = vec![];
    for (i, s) in scenarios.iter().enumerate() {
        for repeat in 1..=args.repeats {
            if !done.iter().any(|r| r.scenario == s.id && r.repeat == repeat) {
                jobs.push(Job { scenario: i, repeat });
            }
        }
    }
    let total = scenarios.len() * args.repeats as usize;
    eprintln!(
        "bench {}: {} scenarios × {} repeats of {} with {}: {} done before, {} to play ({})",
        header.bench_run,
        scenarios.len(),
        args.repeats,
        suite,
        args.agent.name(),
        done.len(),
        jobs.len(),
        journal.dir().display()
    );
    let interrupts = Interrupts::from_signals();
    let mut runs = done;
    if !jobs.is_empty() {
        let base = StepConfig {
            cache: args.sim.cache()?,
            ..args.sim.step_config("", &runs_dir, "", &(String::new(), String::new()))
        };
        let plan = Plan {
            scenarios: &scenarios,
            profiles: &profiles,
            suite: suite.clone(),
            agent: args.agent,
            seed: args.sim.seed,
            bench_run: header.bench_run.clone(),
            base,
            duration_s: args.duration,
            speed: args.sim.speed,
            channel: (args.agent == AgentKind::Stdio).then(Channel::stdio),
        };
        let plays = groups.iter().map(|g| {
            let mine = jobs.iter().filter(|j| g.scenarios.contains(&j.scenario)).copied().collect();
            play(&g.members, &plan, mine, &journal, &interrupts)
        });
        let mut verdict = Ok(());
        for (new, v) in futures::future::join_all(plays).await {
            runs.extend(new);
            // An interrupt wins, else the first failure.
            if let Err(e) = v
                && (verdict.is_ok() || e.is_interrupt())
            {
                verdict = Err(e);
            }
        }
        if let Err(e) = verdict {
            eprintln!(
                "bench: {} of {total} runs done and kept in {}; run the same command again to continue",
                runs.len(),
                journal.dir().display()
            );
            return Err(e);
        }
    }
    // The contexts that played (a resumed bench's too).
    let mut contexts: Vec<String> = runs.iter().map(|r| r.context.clone()).collect();
    contexts.sort();
    contexts.dedup();
    let infos: Vec<ScenarioInfo> = scenarios
        .iter()
        .map(|s| ScenarioInfo {
            id: s.id.clone(),
            tier: s.tier.clone(),
            problem: s.problem.clone(),
            reference_steps: s.reference_steps,
        })
        .collect();
    let doc = Document::build(&header.bench_run, settings, contexts, runs_dir.join("step.jsonl"), &infos, runs);
    doc.write(&results)?;
    let m = &doc.overall;
    let line = format!(
        "{}: pass@1 {:.3}, pass@{} {}, pass^{} {}, efficiency {}, mean return {:.3} over {} runs of {} scenarios -> {}",
        args.agent.name(),
        m.pass_at_1,
        m.k,
        m.pass_at_k.map_or("–".into(), |x| format!("{x:.3}")),
        m.k,
        m.pass_hat_k.map_or("–".into(), |x| format!("{x:.3}")),
        m.efficiency.map_or("–".into(), |x| format!("{x:.3}")),
        m.mean_return,
        m.runs,
        m.scenarios,
        results.display()
    );
    if args.agent == AgentKind::Stdio {
        // stdout is the agent's channel: say where the document is, then the summary on stderr.
        Channel::stdio().lock().expect("fresh").send(&serde_json::json!({ "op": "done", "results": results }))?;
        eprintln!("{line}");
    } else if ctx.out.is_json() {
        ctx.out.json(&doc);
    } else {
        println!("{line}");
    }
    Ok(())
}
