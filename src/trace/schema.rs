//! The structural rules of SimKube 2.7.0's trace parser (`sk_store::ExportedTrace::import`),
//! checked on MessagePack values so that every rejection names its field path and a fix.
//!
//! The rules mirror the serde derives behind the parser: rmp-serde accepts a struct as a map
//! (string/binary names or field indexes as keys) or as an array; unknown keys are ignored except
//! in a tracked-object config; Kubernetes objects go through serde's buffered "flatten" path,
//! where `metadata` must be a well-typed ObjectMeta and every other value must be JSON-shaped.

use std::collections::BTreeMap;

use rmpv::Value;
use serde::Serialize;

use super::gvk::{Gvk, known_template_paths};
use super::stream::{KeyClass, classify_key};
use super::value::{describe, str_like, strict_str};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub path: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

pub type Check<T = ()> = Result<T, Finding>;

pub fn finding(path: impl Into<String>, message: impl Into<String>) -> Finding {
    Finding { path: path.into(), message: message.into(), fix: None }
}

impl Finding {
    pub fn fix(mut self, fix: impl Into<String>) -> Finding {
        self.fix = Some(fix.into());
        self
    }
}

fn expected(path: &str, what: &str, v: &Value) -> Finding {
    finding(path, format!("expected {what}, found {}", describe(v)))
}

pub fn expect_string<'a>(v: &'a Value, path: &str) -> Check<&'a str> {
    str_like(v).ok_or_else(|| expected(path, "a string", v))
}

pub fn expect_i64(v: &Value, path: &str) -> Check<i64> {
    v.as_i64().ok_or_else(|| match v {
        Value::Integer(_) => finding(path, format!("{v} does not fit a signed 64-bit integer")),
        _ => expected(path, "an integer", v),
    })
}

fn expect_u64(v: &Value, path: &str) -> Check<u64> {
    v.as_u64().ok_or_else(|| match v {
        Value::Integer(_) => finding(path, format!("{v} is not an unsigned 64-bit integer")),
        _ => expected(path, "an unsigned integer", v),
    })
}

fn expect_bool(v: &Value, path: &str) -> Check<bool> {
    v.as_bool().ok_or_else(|| expected(path, "a boolean", v))
}

pub fn expect_array<'a>(v: &'a Value, path: &str) -> Check<&'a [Value]> {
    match v {
        Value::Array(a) => Ok(a),
        _ => Err(expected(path, "an array", v)),
    }
}

fn expect_map<'a>(v: &'a Value, path: &str) -> Check<&'a [(Value, Value)]> {
    match v {
        Value::Map(m) => Ok(m),
        _ => Err(expected(path, "a map", v)),
    }
}

fn opt<T>(v: &Value, f: impl FnOnce(&Value) -> Check<T>) -> Check<Option<T>> {
    if v.is_nil() { Ok(None) } else { f(v).map(Some) }
}

/// A serde-derived struct: its field names, how many leading fields an array form must have
/// (fields without a default), and whether unknown keys are refused.
pub struct StructSpec {
    pub fields: &'static [&'static str],
    pub min_seq: usize,
    pub deny_unknown: bool,
}

/// Splits a struct value into its fields as rmp-serde would, or says why it cannot.
pub fn struct_fields<'a>(v: &'a Value, spec: &StructSpec, path: &str) -> Check<Vec<Option<&'a Value>>> {
    let mut out: Vec<Option<&Value>> = vec![None; spec.fields.len()];
    match v {
        Value::Map(pairs) => {
            for (k, val) in pairs {
                let idx: Vec<usize> = (0..spec.fields.len()).collect();
                match classify_key(k, &idx, |i| spec.fields[i]) {
                    KeyClass::Known(i) => {
                        if out[i].is_some() {
                            return Err(finding(path, format!("duplicate field `{}`", spec.fields[i])));
                        }
                        out[i] = Some(val);
                    }
                    KeyClass::Unknown if spec.deny_unknown => {
                        return Err(finding(
                            path,
                            format!(
                                "unknown field `{}`, expected one of: {}",
                                super::stream::key_name(k),
                                spec.fields.join(", ")
                            ),
                        ));
                    }
                    KeyClass::Unknown => {}
                    KeyClass::Invalid => {
                        return Err(finding(path, format!("a key that is {}, not a field name", describe(k))));
                    }
                }
            }
        }
        Value::Array(items) => {
            if items.len() < spec.min_seq || items.len() > spec.fields.len() {
                return Err(finding(
                    path,
                    format!(
                        "an array of {} elements where a struct of {} fields is expected",
                        items.len(),
                        spec.fields.len()
                    ),
                ));
            }
            for (i, item) in items.iter().enumerate() {
                out[i] = Some(item);
            }
        }
        other => return Err(expected(path, "a map", other)),
    }
    Ok(out)
}

fn required<'a>(f: Option<&'a Value>, path: &str, name: &str) -> Check<&'a Value> {
    f.ok_or_else(|| finding(path, format!("missing field `{name}`")))
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

// ---------------------------------------------------------------------------------------------
// version

pub fn check_version(v: &Value) -> Check<u16> {
    match v.as_u64() {
        Some(n) if n <= u64::from(u16::MAX) => Ok(n as u16),
        _ => Err(expected("version", "an unsigned 16-bit integer", v)),
    }
}

// ---------------------------------------------------------------------------------------------
// config

#[derive(Debug, Clone, Default, Serialize)]
pub struct TrackedConfig {
    #[serde(rename = "podSpecTemplatePaths", skip_serializing_if = "Option::is_none")]
    pub paths: Option<Vec<String>>,
    #[serde(rename = "podSpecTemplatePath", skip_serializing_if = "Option::is_none")]
    pub deprecated_path: Option<String>,
    #[serde(rename = "trackLifecycle")]
    pub track_lifecycle: bool,
    #[serde(rename = "skipOwned")]
    pub skip_owned: bool,
}

impl TrackedConfig {
    /// The paths after sk-core's deprecated-field conversion: the new field wins when non-empty.
    pub fn effective_paths(&self) -> Option<Vec<String>> {
        match (&self.paths, &self.deprecated_path) {
            (Some(p), _) if !p.is_empty() => Some(p.clone()),
            (_, Some(d)) => Some(vec![d.clone()]),
            (p, None) => p.clone(),
        }
    }
}

const TRACER_CONFIG: StructSpec = StructSpec { fields: &["trackedObjects"], min_seq: 1, deny_unknown: false };
const TRACKED_OBJECT: StructSpec = StructSpec {
    fields: &["podSpecTemplatePath", "podSpecTemplatePaths", "trackLifecycle", "skipOwned"],
    min_seq: 2,
    deny_unknown: true,
};

/// Parses `config` into tracked GVKs; later duplicates replace earlier ones, as a HashMap does.
pub fn check_config(v: &Value) -> Check<BTreeMap<Gvk, TrackedConfig>> {
    let f = struct_fields(v, &TRACER_CONFIG, "config")?;
    let objs = required(f[0], "config", "trackedObjects")?;
    let mut out = BTreeMap::new();
    for (k, val) in expect_map(objs, "config.trackedObjects")? {
        let gvk = gvk_key(k, "config.trackedObjects")?;
        let path = format!("config.trackedObjects[\"{gvk}\"]");
        let f = struct_fields(val, &TRACKED_OBJECT, &path).map_err(|e| {
            e.fix(
                "allowed keys are podSpecTemplatePaths, trackLifecycle, skipOwned (podSpecTemplatePath is deprecated)",
            )
        })?;
        let cfg = TrackedConfig {
            deprecated_path: match f[0] {
                Some(p) => opt(p, |p| expect_string(p, &join(&path, "podSpecTemplatePath")).map(String::from))?,
                None => None,
            },
            paths: match f[1] {
                Some(p) => opt(p, |p| {
                    let p_path = join(&path, "podSpecTemplatePaths");
                    expect_array(p, &p_path)?
                        .iter()
                        .enumerate()
                        .map(|(i, s)| expect_string(s, &format!("{p_path}[{i}]")).map(String::from))
                        .collect::<Check<Vec<_>>>()
                })?,
                None => None,
            },
            track_lifecycle: match f[2] {
                Some(b) => expect_bool(b, &join(&path, "trackLifecycle"))?,
                None => false,
            },
            skip_owned: match f[3] {
                Some(b) => expect_bool(b, &join(&path, "skipOwned"))?,
                None => false,
            },
        };
        out.insert(gvk, cfg);
    }
    Ok(out)
}

fn gvk_key(k: &Value, path: &str) -> Check<Gvk> {
    let s = strict_str(k).ok_or_else(|| {
        finding(path, format!("a key that is {}, not a GVK string", describe(k)))
            .fix("write GVKs as group/version.Kind (core group: v1.Pod)")
    })?;
    Gvk::parse(s).ok_or_else(|| {
        finding(path, format!("invalid GVK \"{s}\""))
            .fix("write GVKs as group/version.Kind, e.g. apps/v1.Deployment (core group: v1.Pod)")
    })
}

/// sk-core's `TracerConfig::normalize`: every tracked GVK needs a pod template path, and a
/// known GVK may only use SimKube's own path for it.
pub fn normalize_config(cfg: &BTreeMap<Gvk, TrackedConfig>) -> Check {
    for (gvk, c) in cfg {
        let path = format!("config.trackedObjects[\"{gvk}\"]");
        let default = known_template_paths(gvk);
        match c.effective_paths() {
            Some(paths) if !paths.is_empty() => {
                if let Some(d) = default
                    && paths.iter().map(String::as_str).ne(d.iter().copied())
                {
                    return Err(finding(path, format!("invalid pod template path {paths:?} for {gvk}"))
                        .fix(format!("SimKube only accepts {d:?} here: use that or drop the field")));
                }
            }
            _ => {
                if default.is_none_or(|d| d.is_empty()) {
                    return Err(finding(path, format!("missing pod spec path for {gvk}"))
                        .fix("add podSpecTemplatePaths (e.g. [\"/spec/template\"]) for this GVK"));
                }
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// events and objects

const TRACE_EVENT: StructSpec =
    StructSpec { fields: &["ts", "applied_objs", "deleted_objs"], min_seq: 3, deny_unknown: false };

pub struct EventParts<'a> {
    pub ts: i64,
    pub applied: &'a [Value],
    pub deleted: &'a [Value],
}

pub fn check_event<'a>(v: &'a Value, path: &str) -> Check<EventParts<'a>> {
    let f = struct_fields(v, &TRACE_EVENT, path)?;
    let ts = expect_i64(required(f[0], path, "ts")?, &join(path, "ts"))?;
    let applied = expect_array(required(f[1], path, "applied_objs")?, &join(path, "applied_objs"))?;
    let deleted = expect_array(required(f[2], path, "deleted_objs")?, &join(path, "deleted_objs"))?;
    for (name, objs) in [("applied_objs", applied), ("deleted_objs", deleted)] {
        for (i, obj) in objs.iter().enumerate() {
            check_object(obj, &format!("{path}.{name}[{i}]"))?;
        }
    }
    Ok(EventParts { ts, applied, deleted })
}

/// A kube `DynamicObject`: a map whose `metadata` is an ObjectMeta and whose other keys
/// (`apiVersion` and `kind` aside, which serde takes leniently) form a JSON object.
pub fn check_object(v: &Value, path: &str) -> Check {
    let pairs = expect_map(v, path)?;
    let mut seen_metadata = false;
    for (k, val) in pairs {
        let name = str_like(k);
        if name == Some("metadata") {
            if seen_metadata {
                return Err(finding(path, "duplicate field `metadata`"));
            }
            seen_metadata = true;
            check_object_meta(val, &join(path, "metadata"))?;
            continue;
        }
        if matches!(name, Some("apiVersion" | "kind")) {
            continue;
        }
        let key = strict_str(k).ok_or_else(|| finding(path, format!("a key that is {}, not a string", describe(k))))?;
        check_json(val, &join(path, key))?;
    }
    Ok(())
}

/// Values that convert to `serde_json::Value`.
pub fn check_json(v: &Value, path: &str) -> Check {
    match v {
        Value::String(s) if !s.is_str() => Err(finding(path, "a string with invalid UTF-8")),
        Value::Binary(_) | Value::Ext(..) => Err(expected(path, "a JSON value", v)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_json(item, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        Value::Map(pairs) => {
            for (k, val) in pairs {
                let key = strict_str(k)
                    .ok_or_else(|| finding(path, format!("a key that is {}, not a string", describe(k))))?;
                check_json(val, &join(path, key))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn check_time(v: &Value, path: &str) -> Check {
    let s = strict_str(v).ok_or_else(|| expected(path, "an RFC 3339 timestamp string", v))?;
    s.parse::<chrono::DateTime<chrono::FixedOffset>>()
        .map(|_| ())
        .map_err(|e| finding(path, format!("\"{s}\" is not an RFC 3339 timestamp ({e})")))
}

fn check_string_map(v: &Value, path: &str) -> Check {
    for (k, val) in expect_map(v, path)? {
        let key = expect_string(k, path)?;
        expect_string(val, &format!("{path}[\"{key}\"]"))?;
    }
    Ok(())
}

fn check_string_list(v: &Value, path: &str) -> Check {
    for (i, item) in expect_array(v, path)?.iter().enumerate() {
        expect_string(item, &format!("{path}[{i}]"))?;
    }
    Ok(())
}

/// Walks a k8s-openapi struct: string keys only, nil values skipped (they are `None`).
fn each_field(v: &Value, path: &str, f: impl Fn(&str, &Value, &str) -> Check) -> Check {
    for (k, val) in expect_map(v, path)? {
        let key = strict_str(k).ok_or_else(|| finding(path, format!("a key that is {}, not a string", describe(k))))?;
        if !val.is_nil() {
            f(key, val, &join(path, key))?;
        }
    }
    Ok(())
}

fn each_item(v: &Value, path: &str, f: impl Fn(&Value, &str) -> Check) -> Check {
    for (i, entry) in expect_array(v, path)?.iter().enumerate() {
        f(entry, &format!("{path}[{i}]"))?;
    }
    Ok(())
}

/// k8s-openapi's ObjectMeta: string keys only, unknown keys ignored, these fields typed.
pub fn check_object_meta(v: &Value, path: &str) -> Check {
    each_field(v, path, |key, val, p| match key {
        "annotations" | "labels" => check_string_map(val, p),
        "creationTimestamp" | "deletionTimestamp" => check_time(val, p),
        "deletionGracePeriodSeconds" | "generation" => expect_i64(val, p).map(|_| ()),
        "finalizers" => check_string_list(val, p),
        "generateName" | "name" | "namespace" | "resourceVersion" | "selfLink" | "uid" => {
            expect_string(val, p).map(|_| ())
        }
        "managedFields" => each_item(val, p, check_managed_fields),
        "ownerReferences" => each_item(val, p, check_owner_reference),
        _ => Ok(()),
    })
}

fn check_managed_fields(v: &Value, path: &str) -> Check {
    each_field(v, path, |key, val, p| match key {
        "apiVersion" | "fieldsType" | "manager" | "operation" | "subresource" => expect_string(val, p).map(|_| ()),
        "fieldsV1" => check_json(val, p),
        "time" => check_time(val, p),
        _ => Ok(()),
    })
}

/// k8s-openapi 0.26 defaults its "required" strings when they are missing or nil.
fn check_owner_reference(v: &Value, path: &str) -> Check {
    each_field(v, path, |key, val, p| match key {
        "apiVersion" | "kind" | "name" | "uid" => expect_string(val, p).map(|_| ()),
        "blockOwnerDeletion" | "controller" => expect_bool(val, p).map(|_| ()),
        _ => Ok(()),
    })
}

// ---------------------------------------------------------------------------------------------
// index and pod lifecycles

/// `index`: `{gvk: {"ns/name": u64 hash}}`. Returns the number of entries.
pub fn check_index(v: &Value) -> Check<usize> {
    let mut n = 0;
    for (k, val) in expect_map(v, "index")? {
        let gvk = gvk_key(k, "index")?;
        let p = format!("index[\"{gvk}\"]");
        for (name, hash) in expect_map(val, &p)? {
            let name = expect_string(name, &p)?;
            expect_u64(hash, &format!("{p}[\"{name}\"]"))?;
            n += 1;
        }
    }
    Ok(n)
}

/// One owner's lifecycles in `pod_lifecycles`.
#[derive(Debug, Clone, Serialize)]
pub struct LifecycleOwner {
    pub gvk: String,
    pub owner: String,
    pub pods: usize,
}

pub fn check_pod_lifecycles(v: &Value) -> Check<Vec<LifecycleOwner>> {
    let mut owners = vec![];
    for (k, val) in expect_map(v, "pod_lifecycles")? {
        let key = match k {
            Value::Array(items) if items.len() == 2 => items,
            other => {
                return Err(finding(
                    "pod_lifecycles",
                    format!("a key that is {}, where a [gvk, \"ns/name\"] pair is expected", describe(other)),
                ));
            }
        };
        let gvk = gvk_key(&key[0], "pod_lifecycles")?;
        let owner = expect_string(&key[1], "pod_lifecycles")?;
        let p = format!("pod_lifecycles[[\"{gvk}\", \"{owner}\"]]");
        let mut pods = 0;
        for (hash, list) in expect_map(val, &p)? {
            let hash = expect_u64(hash, &p)?;
            let lp = format!("{p}[{hash}]");
            for (i, item) in expect_array(list, &lp)?.iter().enumerate() {
                check_lifecycle(item, &format!("{lp}[{i}]"))?;
                pods += 1;
            }
        }
        owners.push(LifecycleOwner { gvk: gvk.to_string(), owner: owner.to_string(), pods });
    }
    Ok(owners)
}

const VARIANTS: [&str; 3] = ["Empty", "Running", "Finished"];

/// sk-core's `PodLifecycleData` enum as rmp-serde encodes it: `"Empty"`, `{"Running": ts}`,
/// `{"Finished": [start, end]}` (variants may also be named by index).
fn check_lifecycle(v: &Value, path: &str) -> Check {
    let variant = |k: &Value| -> Check<usize> {
        let idx: [usize; 3] = [0, 1, 2];
        match classify_key(k, &idx, |i| VARIANTS[i]) {
            KeyClass::Known(i) => Ok(i),
            _ => Err(finding(path, format!("unknown pod lifecycle variant {k}, expected Empty, Running or Finished"))),
        }
    };
    match v {
        Value::Map(pairs) if pairs.len() == 1 => {
            let (k, val) = &pairs[0];
            match variant(k)? {
                0 if val.is_nil() => Ok(()),
                0 => Err(expected(path, "nil for Empty", val)),
                1 => expect_i64(val, &join(path, "Running")).map(|_| ()),
                _ => match val {
                    Value::Array(ts) if ts.len() == 2 => {
                        for (i, t) in ts.iter().enumerate() {
                            expect_i64(t, &format!("{path}.Finished[{i}]"))?;
                        }
                        Ok(())
                    }
                    other => Err(expected(&join(path, "Finished"), "an array [start_ts, end_ts]", other)),
                },
            }
        }
        Value::Map(_) | Value::Array(_) => {
            Err(expected(path, "a pod lifecycle (\"Empty\", {Running: ts} or {Finished: [start, end]})", v))
        }
        scalar => match variant(scalar)? {
            0 => Ok(()),
            i => Err(finding(path, format!("{} needs its timestamps", VARIANTS[i]))),
        },
    }
}
