//! `trace edit`: the actions of an RL step, applied to every applied occurrence of one
//! Deployment in the trace, within safeguards. A blocked action leaves the trace unchanged.

use std::path::Path;

use rmpv::Value;
use serde::Serialize;

use super::msgpack::{write_array_len, write_value};
use super::quantity::{self, Resource};
use super::stream::{Field, RootKey, TraceReader};
use super::value::{get_mut, get_path, get_str, set, str_like};
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Add `delta` replicas (may be negative).
    ScaleBy(i64),
    /// Set replicas.
    ScaleTo(i64),
    /// Add to every container's CPU request, in millicores (may be negative).
    BumpCpu(i128),
    /// Add to every container's memory request, in bytes (may be negative).
    BumpMem(i128),
}

/// The safeguards: edits that would leave these ranges are blocked.
#[derive(Debug, Clone, Serialize)]
pub struct Limits {
    pub min_cpu_m: i128,
    pub max_cpu_m: i128,
    pub min_mem: i128,
    pub max_mem: i128,
    pub min_replicas: i64,
    pub max_replicas: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            min_cpu_m: 50,
            max_cpu_m: 16_000,
            min_mem: 64 << 20,
            max_mem: 32 << 30,
            min_replicas: 1,
            max_replicas: 100,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Snapshot {
    pub replicas: Option<i64>,
    pub cpu: Option<String>,
    pub memory: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub changed: bool,
    pub blocked: bool,
    pub reason: Option<String>,
    pub before: Snapshot,
    pub after: Snapshot,
    /// How many applied occurrences of the Deployment were edited.
    pub occurrences: usize,
}

pub struct Target<'a> {
    pub name: &'a str,
    pub namespace: Option<&'a str>,
}

impl Target<'_> {
    fn matches(&self, obj: &Value) -> bool {
        get_str(obj, &["kind"]) == Some("Deployment")
            && get_str(obj, &["apiVersion"]).is_some_and(|a| a == "apps/v1")
            && get_str(obj, &["metadata", "name"]) == Some(self.name)
            && self.namespace.is_none_or(|ns| get_str(obj, &["metadata", "namespace"]).unwrap_or("default") == ns)
    }
}

/// Applies `action` to one Deployment object. Err(reason) = blocked, object untouched.
pub fn apply(obj: &mut Value, action: &Action, limits: &Limits) -> std::result::Result<(), String> {
    let mut edited = obj.clone();
    match action {
        Action::ScaleBy(_) | Action::ScaleTo(_) => {
            // An absent replicas field means 1, as the API server defaults it.
            let cur = match get_path(&edited, &["spec", "replicas"]) {
                None | Some(Value::Nil) => 1,
                Some(v) => v.as_i64().ok_or_else(|| format!("spec.replicas is {v}, not an integer"))?,
            };
            let new = match action {
                Action::ScaleBy(d) => cur.saturating_add(*d),
                Action::ScaleTo(n) => *n,
                _ => unreachable!(),
            };
            // As sim-arena's safeguards: a step down is checked against the floor, a step up
            // against the limit, so a Deployment that starts outside the range can be brought in.
            let outside = match action {
                Action::ScaleBy(d) => (*d < 0 && new < limits.min_replicas) || (*d > 0 && new > limits.max_replicas),
                _ => new < limits.min_replicas || new > limits.max_replicas,
            };
            if outside {
                return Err(format!(
                    "replicas {cur} -> {new} is outside {}..={}",
                    limits.min_replicas, limits.max_replicas
                ));
            }
            let spec = get_mut(&mut edited, "spec").ok_or("the Deployment has no spec")?;
            set(spec, "replicas", Value::from(new));
        }
        Action::BumpCpu(step) => bump(&mut edited, "cpu", Resource::Cpu, *step, limits.min_cpu_m, limits.max_cpu_m)?,
        Action::BumpMem(step) => bump(&mut edited, "memory", Resource::Memory, *step, limits.min_mem, limits.max_mem)?,
    }
    *obj = edited;
    Ok(())
}

fn bump(
    obj: &mut Value,
    key: &str,
    res: Resource,
    step: i128,
    min: i128,
    max: i128,
) -> std::result::Result<(), String> {
    let fmt = |v: i128| quantity::format(v, res);
    let containers = get_mut(obj, "spec")
        .and_then(|s| get_mut(s, "template"))
        .and_then(|t| get_mut(t, "spec"))
        .and_then(|s| get_mut(s, "containers"))
        .and_then(|c| match c {
            Value::Array(a) => Some(a),
            _ => None,
        })
        .ok_or("the Deployment has no spec.template.spec.containers")?;
    let mut touched = 0;
    for c in containers.iter_mut() {
        let cname = get_str(c, &["name"]).unwrap_or("?").to_string();
        let Some(req) = get_path(c, &["resources", "requests", key]) else { continue };
        let text =
            quantity_text(req).ok_or_else(|| format!("container {cname}: requests.{key} is {req}, not a quantity"))?;
        let cur = quantity::parse(&text, res).map_err(|e| format!("container {cname}: requests.{key}: {e}"))?;
        let new = cur.checked_add(step).ok_or_else(|| format!("container {cname}: {key} request overflows"))?;
        // As sim-arena's safeguards: a reduction is checked against the floor, a bump against
        // the limit, so a request that starts over the limit (sim-arena's cpu-heavy: 20000m) can
        // be reduced into range.
        if (step < 0 && new < min) || (step > 0 && new > max) {
            return Err(format!(
                "container {cname}: {key} request {} -> {} is outside {}..={}",
                fmt(cur),
                fmt(new),
                fmt(min),
                fmt(max)
            ));
        }
        if let Some(limit) = get_path(c, &["resources", "limits", key]).and_then(quantity_text) {
            let limit = quantity::parse(&limit, res).map_err(|e| format!("container {cname}: limits.{key}: {e}"))?;
            if new > limit {
                return Err(format!(
                    "container {cname}: {key} request {} would exceed its limit {}",
                    fmt(new),
                    fmt(limit)
                ));
            }
        }
        let requests = get_mut(c, "resources").and_then(|r| get_mut(r, "requests")).expect("found above");
        set(requests, key, Value::from(fmt(new)));
        touched += 1;
    }
    if touched == 0 {
        return Err(format!("no container of the Deployment requests {key}; there is nothing to bump"));
    }
    Ok(())
}

fn quantity_text(v: &Value) -> Option<String> {
    match v {
        Value::Integer(i) => Some(i.to_string()),
        Value::F64(f) => Some(f.to_string()),
        other => str_like(other).map(String::from),
    }
}

pub fn snapshot(obj: &Value) -> Snapshot {
    let first =
        get_path(obj, &["spec", "template", "spec", "containers"]).and_then(Value::as_array).and_then(|c| c.first());
    let req = |k: &str| first.and_then(|c| get_path(c, &["resources", "requests", k])).and_then(quantity_text);
    Snapshot {
        replicas: get_path(obj, &["spec", "replicas"]).and_then(Value::as_i64),
        cpu: req("cpu"),
        memory: req("memory"),
    }
}

/// Edits `input` into `output` (atomically). The Deployment must occur in the trace.
pub fn edit(input: &Path, output: &Path, target: &Target, action: &Action, limits: &Limits) -> Result<Outcome> {
    let mut out = AtomicOut::create(output)?;
    let mut tr = TraceReader::open(input)?;
    let mut outcome = Outcome {
        changed: false,
        blocked: false,
        reason: None,
        before: Snapshot::default(),
        after: Snapshot::default(),
        occurrences: 0,
    };
    let mut deployments_seen: Vec<String> = vec![];
    // Decide once, on the first occurrence, whether the action is blocked: a step is all or nothing.
    let mut decided: Option<std::result::Result<(), String>> = None;
    {
        let w = out.writer();
        let io = |e: std::io::Error| Error::io(output, e);
        tr.write_root_head(w, output)?;
        while let Some(key) = tr.next_key()? {
            tr.write_key(w, &key, output)?;
            let RootKey::Field(Field::Events) = key else {
                tr.msg.copy_value(w).map_err(|e| tr.decode(&key.path(), e))?;
                continue;
            };
            let n = tr.events_len()?;
            write_array_len(w, n).map_err(io)?;
            for i in 0..n as usize {
                let path = format!("events[{i}]");
                let mut ev = tr.msg.read_value(2).map_err(|e| tr.decode(&path, e))?;
                if let Some(Value::Array(objs)) = get_mut(&mut ev, "applied_objs") {
                    for obj in objs.iter_mut() {
                        if get_str(obj, &["kind"]) == Some("Deployment") {
                            let d = super::value::ns_name(obj);
                            if !deployments_seen.contains(&d) {
                                deployments_seen.push(d);
                            }
                        }
                        if !target.matches(obj) {
                            continue;
                        }
                        outcome.occurrences += 1;
                        if outcome.occurrences == 1 {
                            outcome.before = snapshot(obj);
                        }
                        let res = match &decided {
                            Some(Err(_)) => continue,
                            _ => apply(obj, action, limits),
                        };
                        if decided.is_none() {
                            outcome.after = snapshot(obj);
                            decided = Some(res);
                        }
                    }
                }
                write_value(w, &ev).map_err(io)?;
            }
        }
    }
    match decided {
        None => {
            let ns = target.namespace.map(|n| format!(" in namespace {n}")).unwrap_or_default();
            let have = if deployments_seen.is_empty() { "none".to_string() } else { deployments_seen.join(", ") };
            return Err(Error::bad_input(
                format!("{}: no Deployment {:?}{ns} in the trace (it has: {have})", input.display(), target.name),
                Some("check the name with `kubectl skstep trace inspect FILE`".to_string()),
            ));
        }
        Some(Err(reason)) => {
            // Blocked: the output is the input, byte for byte.
            drop(out);
            let mut out = AtomicOut::create(output)?;
            let mut src = std::fs::File::open(input).map_err(|e| Error::io(input, e))?;
            std::io::copy(&mut src, out.writer()).map_err(|e| Error::io(output, e))?;
            out.commit()?;
            outcome.blocked = true;
            outcome.reason = Some(reason);
            outcome.after = outcome.before.clone();
            outcome.occurrences = 0;
        }
        Some(Ok(())) => {
            out.commit()?;
            outcome.changed = outcome.before != outcome.after;
        }
    }
    Ok(outcome)
}
