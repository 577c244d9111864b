//! Loading scenarios: a file (checked whole, its profile and trace resolved) or a suite (a name
//! under `scenarios/`, or a folder), with a `trace new` recipe materialised into a cache keyed by
//! the recipe's content, so the same recipe is always the same trace file.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use super::fields::bad;
use super::profile::{profile, scenarios_root};
use super::schema::{Parsed, RECIPE_TS, TraceSpec, parse_file};
use super::{Scenario, Split, Start};
use crate::error::{Error, Result};
use crate::trace::new::{FromFlags, deployment_from_flags, write_events};
use crate::trace::quantity::{self, Resource};

/// Loads and checks one scenario file. The suite is the name of its folder.
pub fn load_file(path: &Path) -> Result<Scenario> {
    let p = parse_file(path)?;
    profile(&p.profile)
        .map_err(|e| bad(path, "profile", e.to_string(), e.hint().unwrap_or("name an existing profile").to_string()))?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if stem != p.id {
        return Err(bad(
            path,
            "id",
            format!("is {:?} but the file is {stem}.json", p.id),
            "name the file after the id",
        ));
    }
    let suite = path
        .canonicalize()
        .ok()
        .and_then(|c| c.parent().and_then(|d| d.file_name()).map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let (trace, start) = match &p.trace {
        TraceSpec::File(rel) => {
            let f = path.parent().unwrap_or(Path::new(".")).join(rel);
            if !f.is_file() {
                return Err(bad(
                    path,
                    "trace.file",
                    format!("{} does not exist", f.display()),
                    "give a trace file relative to the scenario's folder, or a trace.new recipe",
                ));
            }
            let w = crate::step::workload::read(&f, &p.deploy)
                .map_err(|e| bad(path, "trace.file", e.to_string(), e.hint().unwrap_or("fix the trace").to_string()))?;
            let replicas = u32::try_from(w.replicas).unwrap_or(0);
            (f, Start { replicas, cpu_m: w.cpu_m, mem_bytes: w.mem_bytes, neighbours: vec![], ready_delay_s: None })
        }
        TraceSpec::New { image } => {
            let start = p.start.clone().expect("a recipe has its start");
            (materialise(path, &p, &start, image)?, start)
        }
    };
    Ok(build(p, suite, trace, start, path))
}

fn build(p: Parsed, suite: String, trace: PathBuf, start: Start, source: &Path) -> Scenario {
    Scenario {
        id: p.id,
        suite,
        description: p.description,
        tier: p.tier,
        problem: p.problem,
        profile: p.profile,
        trace,
        namespace: p.namespace,
        deploy: p.deploy,
        target: p.target,
        budget: p.budget,
        max_cpu_m: p.max_cpu_m,
        max_mem_bytes: p.max_mem_bytes,
        reference: p.reference,
        reference_steps: p.reference_steps,
        duration_s: p.duration_s,
        speed: p.speed,
        source: source.to_path_buf(),
        start,
        split: p.split,
        template: p.template,
        seed: p.seed,
        provenance: p.provenance,
        differs: p.differs,
    }
}

/// Seconds between a recipe's neighbours and its target: the driver applies the neighbours first
/// and the scheduler has placed them (KWOK binds in well under a second) when the target's pods
/// come, so `fit` can model them as placed first.
pub const NEIGHBOUR_LEAD_S: i64 = 2;

/// The events a recipe makes: the neighbours (if any) at `RECIPE_TS`, then the target.
pub fn recipe_events(namespace: &str, deploy: &str, start: &Start, image: &str) -> Result<Vec<(i64, Vec<Json>)>> {
    let one = |name: &str, replicas: u32, cpu: i128, mem: i128| {
        deployment_from_flags(&FromFlags {
            name,
            namespace,
            replicas,
            cpu: &quantity::format(cpu, Resource::Cpu),
            memory: &quantity::format(mem, Resource::Memory),
            image,
        })
    };
    let mut target = one(deploy, start.replicas, start.cpu_m, start.mem_bytes)?;
    if let Some(d) = start.ready_delay_s {
        // SimKube's KWOK pod-ready stage reads this annotation as its delay.
        target["spec"]["template"]["metadata"]["annotations"] =
            serde_json::json!({ "simkube.io/kwok-stage-ready-delay": format!("{d}s") });
    }
    if start.neighbours.is_empty() {
        return Ok(vec![(RECIPE_TS, vec![target])]);
    }
    let mut first = vec![];
    for n in &start.neighbours {
        first.push(one(&n.deploy, n.replicas, n.cpu_m, n.mem_bytes)?);
    }
    Ok(vec![(RECIPE_TS, first), (RECIPE_TS + NEIGHBOUR_LEAD_S, vec![target])])
}

/// Where materialised recipes go: `$SKSTEP_SCENARIO_CACHE`, else the user's cache folder.
fn cache_dir() -> Result<PathBuf> {
    match std::env::var_os("SKSTEP_SCENARIO_CACHE") {
        Some(d) => Ok(PathBuf::from(d)),
        None => Ok(dirs::cache_dir()
            .ok_or_else(|| Error::usage("no user cache directory", Some("set SKSTEP_SCENARIO_CACHE".into())))?
            .join("kubectl-skstep")
            .join("scenario-traces")),
    }
}

fn materialise(file: &Path, p: &Parsed, start: &Start, image: &str) -> Result<PathBuf> {
    let events = recipe_events(&p.namespace, &p.deploy, start, image)
        .map_err(|e| bad(file, "trace.new", e.to_string(), e.hint().unwrap_or("fix the recipe").to_string()))?;
    // The key covers what is written and the writer's version: a new writer makes new files.
    let key = serde_json::to_string(&(env!("CARGO_PKG_VERSION"), &events)).expect("serialises");
    let sha = format!("{:x}", Sha256::digest(key.as_bytes()));
    let dir = cache_dir()?;
    let out = dir.join(format!("{}-{}.msgpack", p.id, &sha[..16]));
    if !out.is_file() {
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        write_events(&out, &events)?;
    }
    Ok(out)
}

/// The folder a suite name means: an existing folder as given, else `scenarios/NAME`.
pub fn suite_dir(suite_or_dir: &str) -> Result<PathBuf> {
    let as_dir = PathBuf::from(suite_or_dir);
    if as_dir.is_dir() {
        return Ok(as_dir);
    }
    let named = scenarios_root().join(suite_or_dir);
    let plain = !suite_or_dir.is_empty() && !suite_or_dir.contains(['/', '.']) && suite_or_dir != "profiles";
    if plain && named.is_dir() {
        return Ok(named);
    }
    let suites: Vec<String> = std::fs::read_dir(scenarios_root())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir() && e.file_name() != "profiles")
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    Err(Error::usage(
        format!("no suite {suite_or_dir:?}: neither a folder nor a suite under {}", scenarios_root().display()),
        Some(format!("give a folder of scenario files, or one of: {}", suites.join(", "))),
    ))
}

/// Every `*.json` scenario of a suite (sorted by file name), checked; with `split`, only that
/// split's. Ids must be unique.
pub fn load_suite(suite_or_dir: &str, split: Option<Split>) -> Result<Vec<Scenario>> {
    let dir = suite_dir(suite_or_dir)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| Error::io(&dir, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    let mut out: Vec<Scenario> = vec![];
    for f in &files {
        let s = load_file(f)?;
        if let Some(other) = out.iter().find(|o| o.id == s.id) {
            return Err(bad(
                f,
                "id",
                format!("{:?} is also the id of {}", s.id, other.source.display()),
                "give each scenario its own id",
            ));
        }
        out.push(s);
    }
    if out.is_empty() {
        return Err(Error::bad_input(format!("{}: no scenario files (*.json)", dir.display()), None));
    }
    if let Some(sp) = split {
        out.retain(|s| s.split == Some(sp));
        if out.is_empty() {
            return Err(Error::bad_input(
                format!("{}: no scenario is in the {sp:?} split", dir.display()),
                Some("generated suites have splits (scenario generate); leave --split out for this one".into()),
            ));
        }
    }
    Ok(out)
}
