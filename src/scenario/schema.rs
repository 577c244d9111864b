//! The scenario file (JSON), read field by field: every error names the file and the field path.
//! The format is documented in `scenarios/README.md`.

use std::path::Path;

use serde_json::Value as Json;

use super::fields::{Obj, read_json};
use super::{Neighbour, Split, Start};
use crate::error::Result;
use crate::step::policy::{ALL_ACTIONS, ActionType};
use crate::trace::edit::Limits;
use crate::trace::quantity::Resource;

pub const TIERS: [&str; 4] = ["none", "low", "medium", "high"];
pub const PROBLEMS: [&str; 7] = [
    "baseline",
    "replica_scaling",
    "resource_contention",
    "noisy_neighbour",
    "node_pressure",
    "slow_start",
    "compound",
];
/// The fixed timestamp of a recipe's single event (sim-arena's demo traces use it), so the same
/// recipe is always the same bytes.
pub const RECIPE_TS: i64 = 1_730_390_400;
pub const DEFAULT_IMAGE: &str = "ghcr.io/example/web:1.0";

/// Where the trace comes from.
#[derive(Debug, Clone)]
pub enum TraceSpec {
    /// A trace file, relative to the scenario's file.
    File(std::path::PathBuf),
    /// A `trace new` recipe (the target Deployment from `start`, plus neighbours and a ready delay).
    New { image: String },
}

/// A scenario file as written, before its trace is resolved.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub id: String,
    pub description: String,
    pub tier: String,
    pub problem: String,
    pub profile: String,
    pub trace: TraceSpec,
    /// For a recipe, what it makes; for a file, read from the file by `load`.
    pub start: Option<Start>,
    pub namespace: String,
    pub deploy: String,
    pub target: u32,
    pub budget: u32,
    pub max_cpu_m: Option<i128>,
    pub max_mem_bytes: Option<i128>,
    pub reference: Vec<ActionType>,
    pub reference_steps: u32,
    pub duration_s: Option<i64>,
    pub speed: Option<f64>,
    pub split: Option<Split>,
    pub template: Option<String>,
    pub seed: Option<u64>,
    pub provenance: Option<String>,
    pub differs: Vec<String>,
}

fn one_of(o: &Obj, key: &str, v: &str, set: &[&str]) -> Result<()> {
    if set.contains(&v) {
        Ok(())
    } else {
        Err(o.err(key, format!("is {v:?}"), format!("use one of: {}", set.join(", "))))
    }
}

fn names(o: &Obj, key: &str, v: &str) -> Result<()> {
    let ok = v.len() <= 63
        && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !v.starts_with('-')
        && !v.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(o.err(key, format!("{v:?} is not a Kubernetes name"), "use lowercase letters, digits and '-'"))
    }
}

pub fn parse_file(file: &Path) -> Result<Parsed> {
    let doc = read_json(file)?;
    parse(file, &doc)
}

pub fn parse(file: &Path, doc: &Json) -> Result<Parsed> {
    let limits = Limits::default();
    let max_replicas = limits.max_replicas as u64;
    let mut o = Obj::root(file, doc)?;
    let id = o.string("id")?;
    names(&o, "id", &id)?;
    let description = o.string("description")?;
    let tier = o.string("tier")?;
    one_of(&o, "tier", &tier, &TIERS)?;
    let problem = o.string("problem")?;
    one_of(&o, "problem", &problem, &PROBLEMS)?;
    let profile = o.string("profile")?;

    let mut t = o.obj("target")?;
    let deploy = t.string("deploy")?;
    names(&t, "deploy", &deploy)?;
    let namespace = t.opt_string("namespace")?.unwrap_or_else(|| "default".into());
    names(&t, "namespace", &namespace)?;
    let target = t.uint("replicas", 1, max_replicas)? as u32;
    t.finish()?;

    let mut tr = o.obj("trace")?;
    let (trace, start) = match (tr.has("file"), tr.has("new")) {
        (true, false) => (TraceSpec::File(tr.string("file")?.into()), None),
        (false, true) => {
            let mut n = tr.obj("new")?;
            let (spec, start) = recipe(&mut n, &deploy, &namespace)?;
            n.finish()?;
            (spec, Some(start))
        }
        _ => return Err(tr.err("file", "give exactly one of trace.file and trace.new", "a trace file, or a recipe")),
    };
    tr.finish()?;

    let budget = o.uint("budget", 1, 1000)? as u32;
    let (mut max_cpu_m, mut max_mem_bytes) = (None, None);
    if let Some(mut s) = o.opt_obj("success")? {
        max_cpu_m = s.opt_quantity("max_cpu", Resource::Cpu)?;
        max_mem_bytes = s.opt_quantity("max_memory", Resource::Memory)?;
        s.finish()?;
    }

    let mut reference = vec![];
    for (path, v) in o.array("reference")? {
        let a = v.as_str().and_then(|s| serde_json::from_value::<ActionType>(Json::from(s)).ok());
        match a {
            Some(a) => reference.push(a),
            None => {
                let all: Vec<String> = ALL_ACTIONS
                    .iter()
                    .map(|a| serde_json::to_value(a).unwrap().as_str().unwrap().to_string())
                    .collect();
                return Err(super::fields::bad(
                    file,
                    &path,
                    format!("{v} is not one of the 7 actions"),
                    format!("use one of: {}", all.join(", ")),
                ));
            }
        }
    }
    if !o.has("reference") {
        return Err(o.err("reference", "is missing", "add \"reference\": [actions…] ([] when the start is solved)"));
    }
    let reference_steps = o.uint("reference_steps", 0, 1000)? as u32;
    if reference_steps as usize != reference.len() {
        return Err(o.err(
            "reference_steps",
            format!("is {reference_steps} but reference has {} action(s)", reference.len()),
            "make reference_steps the number of reference actions",
        ));
    }
    if reference_steps > budget {
        return Err(o.err(
            "budget",
            format!("is {budget}, below the reference's {reference_steps} step(s)"),
            "give at least the reference's steps",
        ));
    }

    let (mut duration_s, mut speed) = (None, None);
    if let Some(mut s) = o.opt_obj("sim")? {
        if let Some(d) = s.opt_string("duration")? {
            let secs = crate::trace::time::parse_duration(&d).map_err(|e| s.err("duration", e, "write e.g. \"5s\""))?;
            if secs < 1 {
                return Err(s.err("duration", format!("{d:?} is under 1s"), "write at least \"1s\""));
            }
            duration_s = Some(secs);
        }
        speed = s.opt_f64("speed", 0.0, 1000.0)?;
        s.finish()?;
    }
    let split = match o.opt_string("split")?.as_deref() {
        None => None,
        Some("train") => Some(Split::Train),
        Some("test") => Some(Split::Test),
        Some(other) => return Err(o.err("split", format!("is {other:?}"), "use train or test")),
    };
    let template = o.opt_string("template")?;
    let seed = o.opt_uint("seed", 0, u64::MAX)?;
    let provenance = o.opt_string("provenance")?;
    let mut differs = vec![];
    for (path, v) in o.array("differs")? {
        match v.as_str() {
            Some(s) => differs.push(s.to_string()),
            None => {
                return Err(super::fields::bad(file, &path, "is not a string", "write each difference as a string"));
            }
        }
    }
    o.finish()?;
    Ok(Parsed {
        id,
        description,
        tier,
        problem,
        profile,
        trace,
        start,
        namespace,
        deploy,
        target,
        budget,
        max_cpu_m,
        max_mem_bytes,
        reference,
        reference_steps,
        duration_s,
        speed,
        split,
        template,
        seed,
        provenance,
        differs,
    })
}

/// `trace.new`: the target Deployment's start (its name and namespace are `target`'s).
fn recipe(n: &mut Obj, deploy: &str, namespace: &str) -> Result<(TraceSpec, Start)> {
    let limits = Limits::default();
    let replicas = n.uint("replicas", 1, 10_000)? as u32;
    let cpu_m = n.quantity("cpu", Resource::Cpu)?;
    let mem_bytes = n.quantity("memory", Resource::Memory)?;
    let image = n.opt_string("image")?.unwrap_or_else(|| DEFAULT_IMAGE.into());
    let ready_delay_s = match n.opt_string("ready_delay")? {
        None => None,
        Some(d) => {
            let s = crate::trace::time::parse_duration(&d).map_err(|e| n.err("ready_delay", e, "write e.g. \"3s\""))?;
            Some(u32::try_from(s).map_err(|_| n.err("ready_delay", "is too long", "write at most a day"))?)
        }
    };
    let mut neighbours = vec![];
    for (path, v) in n.array("neighbours")? {
        let mut m = n.item(path, v)?;
        let name = m.string("deploy")?;
        names(&m, "deploy", &name)?;
        if name == deploy {
            return Err(m.err("deploy", format!("{name:?} is the target's name"), "give the neighbour its own name"));
        }
        let replicas = m.uint("replicas", 1, limits.max_replicas as u64)? as u32;
        let cpu_m = m.quantity("cpu", Resource::Cpu)?;
        let mem_bytes = m.quantity("memory", Resource::Memory)?;
        m.finish()?;
        neighbours.push(Neighbour { deploy: name, replicas, cpu_m, mem_bytes });
    }
    let _ = namespace;
    Ok((TraceSpec::New { image }, Start { replicas, cpu_m, mem_bytes, neighbours, ready_delay_s }))
}
