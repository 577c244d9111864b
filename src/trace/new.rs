//! `trace new`: a version-2 trace made from scratch, holding one Deployment applied at one
//! instant, so scenarios can be made without a tracer (sim-arena scripts its demo traces).
//!
//! The Deployment comes from flags (name, replicas, requests, image) or from a manifest as
//! `kubectl create deployment --dry-run=client -o yaml` prints it. A manifest is checked for
//! what the API server would refuse when SimKube's driver applies it (the run would then show no
//! pods and no reason), and its metadata is cleaned as sk-tracer cleans what it records
//! (sk-core's `sanitize_obj`; no `status`). The config, index and empty `pod_lifecycles` are
//! built by `trace upgrade`'s own builders, so both write what SimKube 2.7.0 expects.

use std::collections::BTreeMap;
use std::path::Path;

use rmpv::Value;
use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::gvk::Gvk;
use super::msgpack::{write_array_len, write_value};
use super::quantity::{self, Resource};
use super::upgrade::{V2Parts, build_config, config_value, index_value, spec_hash, write_v2};
use super::value::ns_name;
use crate::error::{Error, Result};

/// A Deployment described by `trace new`'s flags.
#[derive(Debug, Clone)]
pub struct FromFlags<'a> {
    pub name: &'a str,
    pub namespace: &'a str,
    pub replicas: u32,
    pub cpu: &'a str,
    pub memory: &'a str,
    pub image: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub output: String,
    pub namespace: String,
    pub name: String,
    pub replicas: i64,
    /// The first container's requests, as written.
    pub cpu: Option<String>,
    pub memory: Option<String>,
    pub image: Option<String>,
    pub ts: i64,
    pub tracked: Vec<String>,
    /// Where SimKube's driver will create the Deployment.
    pub virtual_namespace: String,
}

/// Kubernetes object names: a DNS-1123 subdomain (names) or label (namespaces).
fn check_dns(what: &str, s: &str, label: bool) -> std::result::Result<(), String> {
    let max = if label { 63 } else { 253 };
    let part_ok = |p: &str| {
        !p.is_empty()
            && p.len() <= 63
            && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !p.starts_with('-')
            && !p.ends_with('-')
    };
    let ok = s.len() <= max && if label { part_ok(s) } else { s.split('.').all(part_ok) };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{what} {s:?} is not a valid Kubernetes name (lowercase letters, digits and '-', starting and ending \
             with a letter or digit, at most {max} characters)"
        ))
    }
}

/// The Deployment the flags describe: `app: NAME` labels and selector, one container `NAME`.
pub fn deployment_from_flags(f: &FromFlags) -> Result<Json> {
    let usage = |m: String| Error::usage(m, None);
    check_dns("--deploy", f.name, false).map_err(usage)?;
    check_dns("-n", f.namespace, true).map_err(usage)?;
    quantity::parse(f.cpu, Resource::Cpu).map_err(|e| Error::usage(format!("--cpu: {e}"), None))?;
    quantity::parse(f.memory, Resource::Memory).map_err(|e| Error::usage(format!("--mem: {e}"), None))?;
    if f.image.trim().is_empty() {
        return Err(Error::usage("--image is empty", Some("give an image, e.g. --image nginx:1.27".into())));
    }
    Ok(serde_json::json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": { "name": f.name, "namespace": f.namespace, "labels": { "app": f.name } },
        "spec": {
            "replicas": f.replicas,
            "selector": { "matchLabels": { "app": f.name } },
            "template": {
                "metadata": { "labels": { "app": f.name } },
                "spec": {
                    "containers": [{
                        "name": f.name,
                        "image": f.image,
                        "resources": { "requests": { "cpu": f.cpu, "memory": f.memory } }
                    }]
                }
            }
        }
    }))
}

/// Reads one Deployment manifest (YAML or JSON). `namespace` is `-n`: it fills a missing
/// `metadata.namespace` and must agree with a present one, as kubectl requires.
pub fn deployment_from_manifest(file: &Path, namespace: Option<&str>) -> Result<Json> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    let bad = |path: &str, message: String, hint: Option<String>| Error::BadInput {
        message: format!("{}: {path}: {message}", file.display()),
        hint,
    };
    let mut docs = vec![];
    for doc in serde_yaml::Deserializer::from_str(&text) {
        let v = <Json as serde::Deserialize>::deserialize(doc).map_err(|e| {
            let at = e.location().map(|l| format!(" (line {}, column {})", l.line(), l.column())).unwrap_or_default();
            bad("(document)", format!("not valid YAML{at}: {e}"), None)
        })?;
        if !v.is_null() {
            docs.push(v);
        }
    }
    let mut dep = match docs.len() {
        1 => docs.pop().expect("one document"),
        0 => return Err(bad("(document)", "the file holds no manifest".into(), Some(MANIFEST_HINT.into()))),
        n => {
            return Err(bad(
                "(document)",
                format!("the file holds {n} YAML documents; trace new takes one Deployment"),
                Some("split the file, or give the Deployment alone".into()),
            ));
        }
    };
    check_manifest(&dep).map_err(|(path, message)| bad(&path, message, Some(MANIFEST_HINT.into())))?;

    let meta = dep["metadata"].as_object_mut().expect("checked: metadata is a map");
    match (meta.get("namespace").and_then(Json::as_str), namespace) {
        (Some(m), Some(n)) if m != n => {
            return Err(bad(
                "metadata.namespace",
                format!("the manifest's namespace {m:?} does not match -n {n:?}"),
                Some(format!("pass -n {m}, or drop metadata.namespace from the manifest")),
            ));
        }
        (Some(_), _) => {}
        (None, n) => {
            meta.insert("namespace".into(), Json::from(n.unwrap_or("default")));
        }
    }
    if let Some(ns) = meta.get("namespace").and_then(Json::as_str) {
        check_dns("namespace", ns, true).map_err(|m| bad("metadata.namespace", m, None))?;
    }
    sanitize(&mut dep);
    Ok(dep)
}

const MANIFEST_HINT: &str = "give an apps/v1 Deployment manifest, e.g. the output of \
`kubectl create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml`";

/// What the API server would refuse in a Deployment (and what SimKube needs to play it), as
/// `(field path, message)`.
fn check_manifest(dep: &Json) -> std::result::Result<(), (String, String)> {
    let err = |p: &str, m: String| Err((p.to_string(), m));
    let Some(root) = dep.as_object() else {
        return err("(document)", format!("the document is {}, not a Deployment manifest", describe(dep)));
    };
    match root.get("apiVersion").and_then(Json::as_str) {
        Some("apps/v1") => {}
        Some(other) => return err("apiVersion", format!("is {other:?}; trace new takes an apps/v1 Deployment")),
        None => return err("apiVersion", "missing (expected apps/v1)".into()),
    }
    match root.get("kind").and_then(Json::as_str) {
        Some("Deployment") => {}
        Some(other) => return err("kind", format!("is {other:?}; trace new takes a Deployment")),
        None => return err("kind", "missing (expected Deployment)".into()),
    }
    let Some(meta) = root.get("metadata").and_then(Json::as_object) else {
        return err("metadata", "missing or not a map".into());
    };
    match meta.get("name") {
        Some(Json::String(n)) => {
            if let Err(m) = check_dns("name", n, false) {
                return err("metadata.name", m);
            }
        }
        Some(other) => return err("metadata.name", format!("must be a string, found {}", describe(other))),
        None if meta.contains_key("generateName") => {
            return err("metadata.name", "missing: a trace needs a fixed name (generateName is not replayable)".into());
        }
        None => return err("metadata.name", "missing".into()),
    }
    if let Some(ns) = meta.get("namespace").filter(|v| !v.is_string()) {
        return err("metadata.namespace", format!("must be a string, found {}", describe(ns)));
    }
    let Some(spec) = root.get("spec").and_then(Json::as_object) else {
        return err("spec", "missing or not a map".into());
    };
    if let Some(r) = spec.get("replicas")
        && !r.as_i64().is_some_and(|n| (0..=i64::from(i32::MAX)).contains(&n))
    {
        return err("spec.replicas", format!("must be a whole number from 0, found {r}"));
    }
    let template_labels = spec.get("template").and_then(|t| t.get("metadata")).and_then(|m| m.get("labels"));
    let Some(template_labels) = template_labels.and_then(Json::as_object).filter(|l| !l.is_empty()) else {
        return err("spec.template.metadata.labels", "missing: the selector must match the pods' labels".into());
    };
    let Some(selector) = spec.get("selector").and_then(Json::as_object) else {
        return err("spec.selector", "missing: apps/v1 Deployments need a selector".into());
    };
    let match_labels = selector.get("matchLabels").and_then(Json::as_object);
    if match_labels.is_none_or(Map::is_empty) && selector.get("matchExpressions").is_none() {
        return err("spec.selector", "selects nothing: give matchLabels".into());
    }
    for (k, v) in match_labels.into_iter().flatten() {
        if template_labels.get(k) != Some(v) {
            return err(
                &format!("spec.selector.matchLabels.{k}"),
                format!(
                    "{k}={v} is not among spec.template.metadata.labels: the API server refuses a selector that does not match the template"
                ),
            );
        }
    }
    let containers = spec.get("template").and_then(|t| t.get("spec")).and_then(|s| s.get("containers"));
    let Some(containers) = containers.and_then(Json::as_array).filter(|c| !c.is_empty()) else {
        return err("spec.template.spec.containers", "missing or empty: a pod needs a container".into());
    };
    for (i, c) in containers.iter().enumerate() {
        let p = format!("spec.template.spec.containers[{i}]");
        for field in ["name", "image"] {
            if c.get(field).and_then(Json::as_str).is_none_or(str::is_empty) {
                return err(&format!("{p}.{field}"), "missing or not a string".into());
            }
        }
        for part in ["requests", "limits"] {
            for (key, res) in [("cpu", Resource::Cpu), ("memory", Resource::Memory)] {
                let Some(q) = c.get("resources").and_then(|r| r.get(part)).and_then(|r| r.get(key)) else { continue };
                let text = match q {
                    Json::String(s) => s.clone(),
                    Json::Number(n) => n.to_string(),
                    other => return err(&format!("{p}.resources.{part}.{key}"), format!("is {}", describe(other))),
                };
                if let Err(m) = quantity::parse(&text, res) {
                    return err(&format!("{p}.resources.{part}.{key}"), m);
                }
            }
        }
    }
    Ok(())
}

fn describe(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "a map",
    }
}

/// What sk-tracer drops before it records an object (sk-core 2.7.0's `sanitize_obj`), and the
/// status, which a trace never carries.
fn sanitize(dep: &mut Json) {
    let obj = dep.as_object_mut().expect("checked: a map");
    obj.remove("status");
    let meta = obj.get_mut("metadata").and_then(Json::as_object_mut).expect("checked: metadata is a map");
    for k in [
        "creationTimestamp",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "generation",
        "managedFields",
        "resourceVersion",
        "uid",
    ] {
        meta.remove(k);
    }
    if let Some(a) = meta.get_mut("annotations").and_then(Json::as_object_mut) {
        a.remove("kubectl.kubernetes.io/last-applied-configuration");
        a.remove("deployment.kubernetes.io/revision");
    }
}

/// Writes a trace of `events`, each (ts, Deployments applied in order), with SimKube's config for
/// their kind and the index as sk-tracer would write it (a scenario's neighbours go in an event
/// before its target's, so the scheduler places them first).
pub fn write_events(output: &Path, events: &[(i64, Vec<Json>)]) -> Result<()> {
    let gvk = Gvk::new("apps", "v1", "Deployment");
    let mut changes = vec![];
    let config = build_config(None, std::slice::from_ref(&gvk), &mut changes);
    let mut live = BTreeMap::new();
    let mut values = Vec::with_capacity(events.len());
    for (ts, deployments) in events {
        let mut objs = Vec::with_capacity(deployments.len());
        for d in deployments {
            let o = rmpv::ext::to_value(d)
                .map_err(|e| Error::bad_input(format!("the Deployment cannot be encoded as MessagePack: {e}"), None))?;
            live.insert((gvk.clone(), ns_name(&o)), spec_hash(super::value::get(&o, "spec")));
            objs.push(o);
        }
        values.push(Value::Map(vec![
            (Value::from("ts"), Value::from(*ts)),
            (Value::from("applied_objs"), Value::Array(objs)),
            (Value::from("deleted_objs"), Value::Array(vec![])),
        ]));
    }
    let index = index_value(&live, &config);
    let parts = V2Parts { config: &config_value(&config), index: &index, lifecycles: &Value::Map(vec![]), extras: &[] };
    write_v2(output, &parts, |w| {
        let io = |e| Error::io(output, e);
        write_array_len(w, values.len() as u32).map_err(io)?;
        values.iter().try_for_each(|v| write_value(w, v).map_err(io))
    })
}

/// Writes the trace: one event at `ts` applying `deployment`, SimKube's config for its kind, the
/// index as sk-tracer would write it, no pod lifecycles.
pub fn write_trace(output: &Path, deployment: &Json, ts: i64) -> Result<Outcome> {
    write_events(output, &[(ts, vec![deployment.clone()])])?;
    let first = &deployment["spec"]["template"]["spec"]["containers"][0];
    let quantity_text = |key: &str| match &first["resources"]["requests"][key] {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let namespace = deployment["metadata"]["namespace"].as_str().expect("set from -n or the manifest").to_string();
    Ok(Outcome {
        output: output.display().to_string(),
        name: deployment["metadata"]["name"].as_str().expect("checked: metadata.name").to_string(),
        virtual_namespace: format!("virtual-{namespace}"),
        namespace,
        // The API server's default when a manifest leaves it out.
        replicas: deployment["spec"]["replicas"].as_i64().unwrap_or(1),
        cpu: quantity_text("cpu"),
        memory: quantity_text("memory"),
        image: first["image"].as_str().map(String::from),
        ts,
        tracked: vec![Gvk::new("apps", "v1", "Deployment").to_string()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_kubernetes_rules() {
        assert!(check_dns("n", "web", false).is_ok());
        assert!(check_dns("n", "web.v2", false).is_ok());
        assert!(check_dns("n", "web.v2", true).is_err());
        assert!(check_dns("n", "Web", false).is_err());
        assert!(check_dns("n", "-web", false).is_err());
        assert!(check_dns("n", "", false).is_err());
        assert!(check_dns("n", &"a".repeat(64), true).is_err());
    }

    #[test]
    fn a_selector_that_misses_the_template_is_named() {
        let mut d = deployment_from_flags(&FromFlags {
            name: "web",
            namespace: "default",
            replicas: 2,
            cpu: "500m",
            memory: "512Mi",
            image: "nginx",
        })
        .unwrap();
        assert_eq!(check_manifest(&d), Ok(()));
        d["spec"]["selector"]["matchLabels"]["app"] = Json::from("api");
        assert_eq!(check_manifest(&d).unwrap_err().0, "spec.selector.matchLabels.app");
        d["spec"]["selector"]["matchLabels"]["app"] = Json::from("web");
        d["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]["cpu"] = Json::from("lots");
        assert_eq!(check_manifest(&d).unwrap_err().0, "spec.template.spec.containers[0].resources.requests.cpu");
        d["spec"]["replicas"] = Json::from(-1);
        assert_eq!(check_manifest(&d).unwrap_err().0, "spec.replicas");
    }
}
