//! `scenario list|show|validate|generate|check-profile`: the scenario suites, their files and
//! profiles, fresh instances from templates, and whether a cluster's nodes are a profile's.

use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};

use crate::commands::{Ctx, block_on};
use crate::error::{Error, Result};
use crate::scenario::generate::{Template, generate};
use crate::scenario::planner::{Plan, check_reference, plan_for};
use crate::scenario::{Scenario, Split, load_file, load_suite, profile};
use crate::trace::quantity::{self, Resource};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The scenarios of a suite (default simarena): id, tier, problem, profile, target, reference steps
    List(ListArgs),
    /// One scenario in full, with the planner's minimum
    Show(ShowArgs),
    /// Check scenario files, folders or suites: the schema, the trace, the profile, and that each
    /// reference is the planner's minimum and solves the scenario in the model (exit 1 otherwise)
    Validate(ValidateArgs),
    /// Write instances of a template, each with its reference from the planner (-o DIR). Seeds
    /// 0..1000000 are the train split, 1000000..2000000 the test split
    Generate(GenerateArgs),
    /// Whether the cluster's virtual nodes are a profile's (exit 1, naming what differs and the fix)
    CheckProfile(CheckProfileArgs),
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// A suite under scenarios/ (simarena) or a folder of scenario files
    #[arg(long, default_value = "simarena")]
    pub suite: String,
    #[arg(long, value_enum)]
    pub split: Option<Split>,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A scenario id of the suite, or a scenario file
    pub scenario: String,
    #[arg(long, default_value = "simarena")]
    pub suite: String,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Scenario files, folders, or suite names (default: every suite under scenarios/)
    pub inputs: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    #[arg(long, value_enum)]
    pub template: Template,
    #[arg(long)]
    pub seed: u64,
    #[arg(long, default_value_t = 1)]
    pub count: u64,
}

#[derive(Debug, clap::Args)]
pub struct CheckProfileArgs {
    /// The profile (scenarios/profiles/NAME.json)
    pub profile: String,
}

pub fn run(ctx: &Ctx, cmd: &Command) -> Result<()> {
    match cmd {
        Command::List(a) => list(ctx, a),
        Command::Show(a) => show(ctx, a),
        Command::Validate(a) => validate(ctx, a),
        Command::Generate(a) => {
            let dir = ctx.out.file.clone().ok_or_else(|| {
                Error::usage(
                    "scenario generate writes files: give the folder with -o DIR",
                    Some("e.g. -o gen/test".into()),
                )
            })?;
            let files = generate(a.template, a.seed, a.count, &dir)?;
            if ctx.out.is_json() {
                ctx.out.json(&json!({ "template": a.template, "dir": dir, "files": files }));
            } else {
                println!("wrote {} instance(s) of {} to {}", files.len(), a.template.name(), dir.display());
            }
            Ok(())
        }
        Command::CheckProfile(a) => {
            ctx.out.forbid_file("scenario check-profile")?;
            let p = profile(&a.profile)?;
            block_on(async {
                let c = crate::cluster::client::connect(&ctx.global).await?;
                crate::cluster::nodes::check_profile(&c.client, &p).await
            })?;
            if ctx.out.is_json() {
                ctx.out.json(&json!({ "profile": p.name, "matches": true }));
            } else {
                println!(
                    "✓ the cluster's virtual nodes are profile {}'s ({} × cpu {}, memory {}, pods {})",
                    p.name,
                    p.virtual_nodes,
                    quantity::format(p.cpu_m, Resource::Cpu),
                    quantity::format(p.memory_bytes, Resource::Memory),
                    p.pods
                );
            }
            Ok(())
        }
    }
}

fn summary(s: &Scenario) -> Json {
    json!({
        "id": s.id, "suite": s.suite, "tier": s.tier, "problem": s.problem, "profile": s.profile,
        "deploy": s.deploy, "namespace": s.namespace, "target": s.target, "budget": s.budget,
        "reference_steps": s.reference_steps, "split": s.split, "file": s.source,
    })
}

fn list(ctx: &Ctx, a: &ListArgs) -> Result<()> {
    ctx.out.forbid_file("scenario list")?;
    let all = load_suite(&a.suite, a.split)?;
    if ctx.out.is_json() {
        ctx.out.json(&json!({ "suite": a.suite, "scenarios": all.iter().map(summary).collect::<Vec<_>>() }));
        return Ok(());
    }
    println!(
        "{:<24} {:<7} {:<20} {:<9} {:>6} {:>6} {:>5}",
        "ID", "TIER", "PROBLEM", "PROFILE", "TARGET", "BUDGET", "REF"
    );
    for s in &all {
        println!(
            "{:<24} {:<7} {:<20} {:<9} {:>6} {:>6} {:>5}",
            s.id, s.tier, s.problem, s.profile, s.target, s.budget, s.reference_steps
        );
    }
    Ok(())
}

fn find(suite: &str, which: &str) -> Result<Scenario> {
    if Path::new(which).is_file() {
        return load_file(Path::new(which));
    }
    let all = load_suite(suite, None)?;
    let ids: Vec<String> = all.iter().map(|s| s.id.clone()).collect();
    all.into_iter().find(|s| s.id == which).ok_or_else(|| {
        Error::usage(format!("suite {suite} has no scenario {which:?}"), Some(format!("one of: {}", ids.join(", "))))
    })
}

fn show(ctx: &Ctx, a: &ShowArgs) -> Result<()> {
    ctx.out.forbid_file("scenario show")?;
    let s = find(&a.suite, &a.scenario)?;
    let plan = match plan_for(&s)? {
        Plan::Found { actions } => json!({ "steps": actions.len(), "actions": actions }),
        Plan::Unreachable { max_depth } => json!({ "unreachable_within": max_depth }),
    };
    if ctx.out.is_json() {
        let mut doc = serde_json::to_value(&s).expect("serialises");
        doc["planner"] = plan;
        ctx.out.json(&doc);
        return Ok(());
    }
    let cpu = |v| quantity::format(v, Resource::Cpu);
    let mem = |v| quantity::format(v, Resource::Memory);
    println!("{} ({} suite, file {})", s.id, s.suite, s.source.display());
    println!("  {}", s.description);
    println!("  tier {}, problem {}, profile {}", s.tier, s.problem, s.profile);
    println!("  trace:     {}", s.trace.display());
    println!(
        "  start:     {}/{}: {} replica(s) of {} / {}",
        s.namespace,
        s.deploy,
        s.start.replicas,
        cpu(s.start.cpu_m),
        mem(s.start.mem_bytes)
    );
    for n in &s.start.neighbours {
        println!("  neighbour: {}: {} replica(s) of {} / {}", n.deploy, n.replicas, cpu(n.cpu_m), mem(n.mem_bytes));
    }
    if let Some(d) = s.start.ready_delay_s {
        println!("  pods Ready {d}s after they start");
    }
    let mut goal = format!("ready = total = {}, pending 0", s.target);
    if let Some(c) = s.max_cpu_m {
        goal += &format!(", cpu ≤ {}", cpu(c));
    }
    if let Some(m) = s.max_mem_bytes {
        goal += &format!(", memory ≤ {}", mem(m));
    }
    println!("  goal:      {goal}, within {} action(s)", s.budget);
    let names: Vec<String> =
        s.reference.iter().map(|a| serde_json::to_value(a).unwrap().as_str().unwrap().to_string()).collect();
    println!(
        "  reference: {} step(s): {}",
        s.reference_steps,
        if names.is_empty() { "none (solved at the start)".into() } else { names.join(", ") }
    );
    println!("  planner:   {plan}");
    for d in &s.differs {
        println!("  differs:   {d}");
    }
    Ok(())
}

fn validate(ctx: &Ctx, a: &ValidateArgs) -> Result<()> {
    ctx.out.forbid_file("scenario validate")?;
    let inputs: Vec<String> = if a.inputs.is_empty() {
        let root = crate::scenario::profile::scenarios_root();
        let mut v: Vec<String> = std::fs::read_dir(&root)
            .map_err(|e| Error::io(&root, e))?
            .flatten()
            .filter(|e| e.path().is_dir() && e.file_name() != "profiles")
            .map(|e| e.path().display().to_string())
            .collect();
        v.sort();
        v
    } else {
        a.inputs.clone()
    };
    let mut checked = vec![];
    for i in &inputs {
        let scenarios = if Path::new(i).is_file() { vec![load_file(Path::new(i))?] } else { load_suite(i, None)? };
        for s in scenarios {
            check_reference(&s)?;
            checked.push(s.source.clone());
        }
    }
    let profiles: Vec<PathBuf> =
        crate::scenario::profile::names().iter().map(|n| profile(n).map(|p| p.source)).collect::<Result<_>>()?;
    if ctx.out.is_json() {
        ctx.out.json(&json!({ "valid": true, "scenarios": checked, "profiles": profiles }));
    } else {
        println!(
            "✓ {} scenario(s) valid, each reference the planner's minimum; {} profile(s) valid",
            checked.len(),
            profiles.len()
        );
    }
    Ok(())
}
