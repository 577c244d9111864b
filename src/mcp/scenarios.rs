//! What `list_scenarios` lists and `start` plays: a suite's scenario (the scenario loader's), a
//! generated instance (`scenario generate`'s template and seed, written under the runs folder),
//! or a bare trace with a Deployment and a target (no reference: scored without one).

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde_json::{Value as Json, json};

use super::answer::Refusal;
use crate::scenario::generate::{TEMPLATES, TEST_SEEDS, TRAIN_SEEDS, Template, generate};
use crate::scenario::{Profile, Scenario, Split, Start, load_file, load_suite, profile};

/// A scenario to play and its cluster profile (none for a bare trace).
#[derive(Debug, Clone)]
pub struct Chosen {
    pub scenario: Scenario,
    pub profile: Option<Profile>,
}

pub const GENERATED: &str = "generated";

fn split_arg(split: Option<&str>) -> Result<Option<Split>, Refusal> {
    match split {
        None => Ok(None),
        Some(s) => Split::from_str(s, true).map(Some).map_err(|_| {
            Refusal::new(format!("split {s:?} is not a split"), "give `train` or `test`, or leave it out")
        }),
    }
}

pub fn list(suite: Option<&str>, split: Option<&str>) -> Result<Json, Refusal> {
    let suite = suite.unwrap_or("simarena");
    let split = split_arg(split)?;
    if suite == GENERATED {
        let seeds = |r: &std::ops::Range<u64>| json!({ "from": r.start, "to_exclusive": r.end });
        let items: Vec<Json> = TEMPLATES
            .iter()
            .map(|t| {
                json!({
                    "id": format!("{GENERATED}/{}", t.name()),
                    "description": format!("a fresh instance of the {} template; start it with a seed", t.name()),
                    "seeds": match split {
                        Some(Split::Train) => seeds(&TRAIN_SEEDS),
                        Some(Split::Test) => seeds(&TEST_SEEDS),
                        None => json!({ "train": seeds(&TRAIN_SEEDS), "test": seeds(&TEST_SEEDS) }),
                    },
                })
            })
            .collect();
        return Ok(json!({ "suite": suite, "scenarios": items }));
    }
    let all = load_suite(suite, split)?;
    let items: Vec<Json> = all
        .iter()
        .map(|s| {
            json!({
                "id": s.id, "description": s.description, "tier": s.tier, "problem": s.problem,
                "deploy": s.deploy, "target": s.target, "budget": s.budget, "reference_steps": s.reference_steps,
                "split": s.split,
            })
        })
        .collect();
    Ok(json!({ "suite": suite, "scenarios": items }))
}

/// A suite's scenario by id, or a generated one (`generated/<template>` with a seed).
pub fn find(suite: Option<&str>, id: &str, seed: Option<u64>, scratch: &Path) -> Result<Chosen, Refusal> {
    let template = id.strip_prefix("generated/").or((suite == Some(GENERATED)).then_some(id));
    let scenario = match template {
        Some(t) => {
            let t = Template::from_str(t, true).map_err(|_| {
                let names: Vec<&str> = TEMPLATES.iter().map(|t| t.name()).collect();
                Refusal::new(
                    format!("no template {t:?} in the generated suite"),
                    format!(
                        "one of: {}",
                        names.iter().map(|n| format!("generated/{n}")).collect::<Vec<_>>().join(", ")
                    ),
                )
            })?;
            let seed = seed.ok_or_else(|| {
                Refusal::new(
                    format!("generated/{} needs a seed", t.name()),
                    format!(
                        "give seed in {}..{} (train) or {}..{} (test)",
                        TRAIN_SEEDS.start, TRAIN_SEEDS.end, TEST_SEEDS.start, TEST_SEEDS.end
                    ),
                )
            })?;
            let files = generate(t, seed, 1, scratch)?;
            load_file(&files[0])?
        }
        None => {
            let suite = suite.unwrap_or("simarena");
            let all = load_suite(suite, None)?;
            let ids: Vec<String> = all.iter().map(|s| s.id.clone()).collect();
            all.into_iter().find(|s| s.id == id).ok_or_else(|| {
                Refusal::new(
                    format!("no scenario {id:?} in suite {suite}"),
                    format!("one of: {} (list_scenarios lists them)", ids.join(", ")),
                )
            })?
        }
    };
    let profile = profile(&scenario.profile)?;
    Ok(Chosen { scenario, profile: Some(profile) })
}

/// A bare trace: the Deployment and target given, the budget the server's.
pub fn bare(trace: &str, deploy: &str, target: u32, budget: u32) -> Result<Chosen, Refusal> {
    let path = PathBuf::from(trace);
    if !path.is_file() {
        return Err(Refusal::new(
            format!("trace {trace}: no such file on the server's machine"),
            "give the path of a trace file (msgpack) the server can read, or a scenario_id",
        ));
    }
    if !(1..=crate::step::space::MAX_TARGET).contains(&target) {
        return Err(Refusal::new(format!("target {target} is outside 1..=100"), "give a target of 1..=100 replicas"));
    }
    let w = crate::step::workload::read(&path, deploy)?;
    let stem = path.file_stem().map_or("trace".into(), |s| s.to_string_lossy().into_owned());
    let start = Start {
        replicas: u32::try_from(w.replicas.max(0)).unwrap_or(u32::MAX),
        cpu_m: w.cpu_m,
        mem_bytes: w.mem_bytes,
        neighbours: vec![],
        ready_delay_s: None,
    };
    let scenario = Scenario {
        id: format!("trace-{stem}"),
        suite: "trace".into(),
        description: format!("{trace}: Deployment {deploy} to {target} ready replicas"),
        tier: "custom".into(),
        problem: "custom".into(),
        profile: String::new(),
        trace: path.clone(),
        namespace: String::new(),
        deploy: deploy.into(),
        target,
        budget,
        max_cpu_m: None,
        max_mem_bytes: None,
        reference: vec![],
        reference_steps: 0,
        duration_s: None,
        speed: None,
        source: path,
        start,
        split: None,
        template: None,
        seed: None,
        provenance: None,
        differs: vec![],
    };
    Ok(Chosen { scenario, profile: None })
}
