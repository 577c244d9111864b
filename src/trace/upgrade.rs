//! `trace upgrade`: make a legacy trace (version 1, version 2 missing `config`/`index`/
//! `pod_lifecycles`, deprecated `podSpecTemplatePath`) into one SimKube 2.7 parses.
//!
//! Objects are never changed. The output is written in SimKube's own field order: version,
//! config, events, index, pod_lifecycles, then (unless `--drop-extra`) any extra top-level keys
//! such as sim-arena's `metadata`, which SimKube ignores and sim-arena's tools read.
//!
//! The index is rebuilt when missing or unreadable, exactly as sk-tracer builds it: for every
//! object of a tracked kind that still exists at the end of the trace, `"ns/name"` maps to
//! sk-core's `hash_option(obj.spec)`: std's `DefaultHasher` (SipHash-1-3, zero keys) over the
//! JSON `spec`, feeding strings, numbers and booleans as Rust's `Hash` does, arrays item by
//! item and objects key-sorted key-then-value, and `None::<()>` for null or a missing spec.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use rmpv::Value;
use serde::Serialize;

use super::gvk::{Gvk, known_template_paths};
use super::msgpack::{write_array_len, write_map_len, write_str, write_value};
use super::schema::{self, TrackedConfig};
use super::stream::{Field, RootKey, TraceReader, key_name};
use super::value::{get, get_str, ns_name, set, str_like};
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    pub input_version: Option<u64>,
    pub output_version: u16,
    /// Fields that were missing or unreadable and were built.
    pub built: Vec<String>,
    pub tracked: Vec<String>,
    /// Changes to the existing config, one line each.
    pub config_changes: Vec<String>,
    pub events: usize,
    pub objects: usize,
    pub kept_extra: Vec<String>,
    pub dropped_extra: Vec<String>,
}

struct Gathered {
    version: Option<u64>,
    config: Option<Value>,
    index: Option<Value>,
    lifecycles: Option<Value>,
    extras: Vec<(Value, Value)>,
    events: u32,
    objects: usize,
    /// GVKs of applied objects, in first-seen order.
    applied: Vec<Gvk>,
    /// (gvk, ns/name) -> spec hash of objects still present at the end.
    live: BTreeMap<(Gvk, String), u64>,
}

pub fn upgrade(input: &Path, output: &Path, drop_extra: bool) -> Result<Outcome> {
    let g = gather(input)?;
    let mut out = Outcome {
        input_version: g.version,
        output_version: 2,
        events: g.events as usize,
        objects: g.objects,
        ..Default::default()
    };

    let config = build_config(g.config.as_ref(), &g.applied, &mut out.config_changes);
    out.tracked = config.keys().map(Gvk::to_string).collect();

    let index = match g.index.as_ref().filter(|v| schema::check_index(v).is_ok()) {
        Some(v) => v.clone(),
        None => {
            out.built.push("index".into());
            index_value(&g.live, &config)
        }
    };
    let lifecycles = match g.lifecycles.as_ref().filter(|v| schema::check_pod_lifecycles(v).is_ok()) {
        Some(v) => v.clone(),
        None => {
            out.built.push("pod_lifecycles".into());
            Value::Map(vec![])
        }
    };
    if g.config.is_none() {
        out.built.insert(0, "config".into());
    }
    for (k, _) in &g.extras {
        if drop_extra { out.dropped_extra.push(key_name(k)) } else { out.kept_extra.push(key_name(k)) }
    }

    let extras: &[(Value, Value)] = if drop_extra { &[] } else { &g.extras };
    let parts = V2Parts { config: &config_value(&config), index: &index, lifecycles: &lifecycles, extras };
    write_v2(output, &parts, |wr| copy_events(input, wr, g.events, output))?;
    Ok(out)
}

/// What a version-2 trace holds besides its events.
pub(crate) struct V2Parts<'a> {
    pub config: &'a Value,
    pub index: &'a Value,
    pub lifecycles: &'a Value,
    /// Top-level keys SimKube ignores, written after its own.
    pub extras: &'a [(Value, Value)],
}

/// Writes a version-2 trace atomically in SimKube's own field order; `events` writes the events
/// array (head included).
pub(crate) fn write_v2(
    output: &Path,
    parts: &V2Parts,
    events: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<()> {
    let mut w = AtomicOut::create(output)?;
    {
        let io = |e: std::io::Error| Error::io(output, e);
        let wr = w.writer();
        write_map_len(wr, 5 + parts.extras.len() as u32).map_err(io)?;
        write_str(wr, "version").and_then(|_| write_value(wr, &Value::from(2))).map_err(io)?;
        write_str(wr, "config").and_then(|_| write_value(wr, parts.config)).map_err(io)?;
        write_str(wr, "events").map_err(io)?;
        events(wr)?;
        write_str(wr, "index").and_then(|_| write_value(wr, parts.index)).map_err(io)?;
        write_str(wr, "pod_lifecycles").and_then(|_| write_value(wr, parts.lifecycles)).map_err(io)?;
        for (k, v) in parts.extras {
            write_value(wr, k).and_then(|_| write_value(wr, v)).map_err(io)?;
        }
    }
    w.commit()
}

/// SimKube's index as sk-tracer builds it: for each tracked GVK, `"ns/name"` -> spec hash of the
/// objects alive at the end of the trace.
pub(crate) fn index_value(live: &BTreeMap<(Gvk, String), u64>, tracked: &BTreeMap<Gvk, TrackedConfig>) -> Value {
    let mut by_gvk: BTreeMap<String, Vec<(Value, Value)>> = BTreeMap::new();
    for ((gvk, name), hash) in live {
        if tracked.contains_key(gvk) {
            by_gvk.entry(gvk.to_string()).or_default().push((Value::from(name.as_str()), Value::from(*hash)));
        }
    }
    Value::Map(by_gvk.into_iter().map(|(k, v)| (Value::from(k), Value::Map(v))).collect())
}

fn gather(input: &Path) -> Result<Gathered> {
    let mut tr = TraceReader::open(input)?;
    let mut g = Gathered {
        version: None,
        config: None,
        index: None,
        lifecycles: None,
        extras: vec![],
        events: 0,
        objects: 0,
        applied: vec![],
        live: BTreeMap::new(),
    };
    while let Some(key) = tr.next_key()? {
        match key {
            RootKey::Field(Field::Events) => {
                g.events = tr.events_len()?;
                for i in 0..g.events as usize {
                    let path = format!("events[{i}]");
                    let ev = tr.msg.read_value(2).map_err(|e| tr.decode(&path, e))?;
                    let ev = normalize_event(&ev).map_err(|m| tr.bad(&path, m, None))?;
                    for (list, applied) in [("applied_objs", true), ("deleted_objs", false)] {
                        for obj in get(&ev, list).and_then(Value::as_array).into_iter().flatten() {
                            g.objects += 1;
                            let Some(gvk) = Gvk::from_api_version(
                                get_str(obj, &["apiVersion"]).unwrap_or(""),
                                get_str(obj, &["kind"]).unwrap_or(""),
                            ) else {
                                continue;
                            };
                            let key = (gvk.clone(), ns_name(obj));
                            if applied {
                                if !g.applied.contains(&gvk) {
                                    g.applied.push(gvk);
                                }
                                g.live.insert(key, spec_hash(get(obj, "spec")));
                            } else {
                                g.live.remove(&key);
                            }
                        }
                    }
                }
            }
            RootKey::Field(f) => {
                let v = tr.msg.read_value(1).map_err(|e| tr.decode(f.name(), e))?;
                match f {
                    Field::Version => g.version = v.as_u64(),
                    Field::Config => g.config = Some(v),
                    Field::Index => g.index = Some(v),
                    Field::PodLifecycles => g.lifecycles = Some(v),
                    Field::Events => unreachable!(),
                }
            }
            RootKey::Other(k) | RootKey::Invalid(k) => {
                let v = tr.msg.read_value(1).map_err(|e| tr.decode(&key_name(&k), e))?;
                g.extras.push((k, v));
            }
        }
    }
    Ok(g)
}

/// An event as SimKube expects it: a map with `ts`, `applied_objs`, `deleted_objs`.
fn normalize_event(ev: &Value) -> std::result::Result<Value, String> {
    let mut ev = match ev {
        Value::Array(items) => {
            let names = ["ts", "applied_objs", "deleted_objs"];
            Value::Map(items.iter().zip(names).map(|(v, k)| (Value::from(k), v.clone())).collect())
        }
        Value::Map(_) => ev.clone(),
        other => return Err(format!("an event must be a map, found {}", super::value::describe(other))),
    };
    let ts = get(&ev, "ts").ok_or("missing field `ts`: an event without a timestamp cannot be upgraded")?;
    let ts = ts.as_i64().ok_or_else(|| format!("ts must be an integer, found {ts}"))?;
    let mut out = vec![(Value::from("ts"), Value::from(ts))];
    for list in ["applied_objs", "deleted_objs"] {
        match get(&ev, list) {
            Some(Value::Array(a)) => out.push((Value::from(list), Value::Array(a.clone()))),
            None | Some(Value::Nil) => out.push((Value::from(list), Value::Array(vec![]))),
            Some(other) => return Err(format!("{list} must be an array, found {}", super::value::describe(other))),
        }
    }
    // Keep any other keys the event had; SimKube ignores them.
    if let Value::Map(pairs) = &mut ev {
        for (k, v) in pairs.drain(..) {
            if !matches!(str_like(&k), Some("ts" | "applied_objs" | "deleted_objs")) {
                out.push((k, v));
            }
        }
    }
    Ok(Value::Map(out))
}

fn copy_events(input: &Path, w: &mut dyn std::io::Write, n: u32, output: &Path) -> Result<()> {
    let mut tr = TraceReader::open(input)?;
    write_array_len(w, n).map_err(|e| Error::io(output, e))?;
    while let Some(key) = tr.next_key()? {
        if let RootKey::Field(Field::Events) = key {
            let n = tr.events_len()?;
            for i in 0..n as usize {
                let path = format!("events[{i}]");
                let ev = tr.msg.read_value(2).map_err(|e| tr.decode(&path, e))?;
                let ev = normalize_event(&ev).map_err(|m| tr.bad(&path, m, None))?;
                write_value(w, &ev).map_err(|e| Error::io(output, e))?;
            }
            return Ok(());
        }
        tr.msg.skip_value().map_err(|e| tr.decode("(root)", e))?;
    }
    Ok(())
}

/// Keeps what is valid in the existing config, repairs what is not, and tracks every applied
/// workload kind SimKube knows a pod template path for. Each change is said in `changes`.
pub(crate) fn build_config(
    existing: Option<&Value>,
    applied: &[Gvk],
    changes: &mut Vec<String>,
) -> BTreeMap<Gvk, TrackedConfig> {
    let mut cfg: BTreeMap<Gvk, TrackedConfig> = BTreeMap::new();
    if let Some(objs) = existing.and_then(|c| get(c, "trackedObjects")).and_then(Value::as_map) {
        for (k, v) in objs {
            let Some(gvk) = k.as_str().and_then(Gvk::parse) else {
                changes.push(format!("dropped unreadable GVK {k}"));
                continue;
            };
            let paths = lenient_paths(v);
            let mut c = TrackedConfig {
                paths: None,
                deprecated_path: None,
                track_lifecycle: get(v, "trackLifecycle").and_then(Value::as_bool).unwrap_or(false),
                skip_owned: get(v, "skipOwned").and_then(Value::as_bool).unwrap_or(false),
            };
            if get(v, "podSpecTemplatePath").is_some() {
                changes.push(format!("{gvk}: podSpecTemplatePath -> podSpecTemplatePaths"));
            }
            match (known_template_paths(&gvk), paths) {
                (Some(d), Some(p)) if p.iter().map(String::as_str).ne(d.iter().copied()) => {
                    changes.push(format!("{gvk}: path {p:?} -> {d:?} (the only one SimKube accepts)"));
                    c.paths = Some(d.iter().map(|s| s.to_string()).collect());
                }
                (Some(d), _) => c.paths = Some(d.iter().map(|s| s.to_string()).collect()),
                (None, Some(p)) => c.paths = Some(p),
                (None, None) => {
                    changes.push(format!("{gvk}: dropped, it has no pod template path"));
                    continue;
                }
            }
            cfg.insert(gvk, c);
        }
    }
    for gvk in applied {
        if cfg.contains_key(gvk) {
            continue;
        }
        let Some(d) = known_template_paths(gvk) else { continue };
        let is_pod = gvk.kind == "Pod";
        cfg.insert(
            gvk.clone(),
            TrackedConfig {
                paths: Some(d.iter().map(|s| s.to_string()).collect()),
                deprecated_path: None,
                // Bare pods are tracked as SimKube's own bare-pods example does: with lifecycles,
                // skipping pods that a tracked workload owns.
                track_lifecycle: is_pod,
                skip_owned: is_pod,
            },
        );
        changes.push(format!("{gvk}: now tracked (applied in the trace)"));
    }
    cfg
}

fn lenient_paths(v: &Value) -> Option<Vec<String>> {
    let new: Option<Vec<String>> = get(v, "podSpecTemplatePaths")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|s| str_like(s).map(String::from)).collect::<Vec<_>>())
        .filter(|p| !p.is_empty());
    new.or_else(|| get(v, "podSpecTemplatePath").and_then(str_like).map(|s| vec![s.to_string()]))
}

pub(crate) fn config_value(cfg: &BTreeMap<Gvk, TrackedConfig>) -> Value {
    let objs = cfg
        .iter()
        .map(|(gvk, c)| {
            let mut m = Value::Map(vec![]);
            if let Some(p) = &c.paths {
                set(&mut m, "podSpecTemplatePaths", Value::Array(p.iter().map(|s| Value::from(s.as_str())).collect()));
            }
            if c.track_lifecycle {
                set(&mut m, "trackLifecycle", Value::Boolean(true));
            }
            if c.skip_owned {
                set(&mut m, "skipOwned", Value::Boolean(true));
            }
            (Value::from(gvk.to_string()), m)
        })
        .collect();
    Value::Map(vec![(Value::from("trackedObjects"), Value::Map(objs))])
}

/// sk-core's `jsonutils::hash_option(obj.data.get("spec"))`, see the module docs.
pub fn spec_hash(spec: Option<&Value>) -> u64 {
    let mut h = DefaultHasher::new();
    match spec {
        None | Some(Value::Nil) => None::<()>.hash(&mut h),
        Some(v) => hash_json(v, &mut h),
    }
    h.finish()
}

fn hash_json(v: &Value, h: &mut DefaultHasher) {
    match v {
        Value::Nil => None::<()>.hash(h),
        Value::Boolean(b) => b.hash(h),
        Value::Integer(_) | Value::F32(_) | Value::F64(_) => match number(v) {
            Some(n) => n.hash(h),
            None => None::<()>.hash(h),
        },
        Value::String(s) => String::from_utf8_lossy(s.as_bytes()).hash(h),
        Value::Array(a) => a.iter().for_each(|x| hash_json(x, h)),
        Value::Map(pairs) => {
            // serde_json's default Map is a BTreeMap: keys sorted; a later duplicate wins.
            let mut sorted: BTreeMap<String, &Value> = BTreeMap::new();
            for (k, x) in pairs {
                sorted.insert(
                    String::from_utf8_lossy(str_like(k).map(str::as_bytes).unwrap_or_default()).into_owned(),
                    x,
                );
            }
            for (k, x) in sorted {
                k.hash(h);
                hash_json(x, h);
            }
        }
        Value::Binary(_) | Value::Ext(..) => None::<()>.hash(h),
    }
}

fn number(v: &Value) -> Option<serde_json::Number> {
    match v {
        Value::Integer(i) => {
            i.as_u64().map(serde_json::Number::from).or_else(|| i.as_i64().map(serde_json::Number::from))
        }
        Value::F32(f) => serde_json::Number::from_f64(f64::from(*f)),
        Value::F64(f) => serde_json::Number::from_f64(*f),
        _ => None,
    }
}
