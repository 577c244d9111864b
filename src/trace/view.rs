//! What the validator's summary and SimKube's rules read of one object, borrowed where it can be.
//!
//! The exact path takes it from the decoded object (`View::of`, with the lookups' semantics: the
//! last of duplicate keys wins, a nil or non-string field is absent); the fast path
//! (`fastpath`) fills the same fields straight from the read buffer without building the object,
//! so a trace of 100,000 objects costs no allocation per object. The tests hold both to the same
//! report.

use std::borrow::Cow;

use rmpv::Value;

use super::value::{get, get_path, get_str, str_like};

#[derive(Debug, Clone, Default)]
pub struct View<'a> {
    pub api_version: Option<&'a str>,
    pub kind: Option<&'a str>,
    /// metadata.name, .namespace, .generateName (as strings; absent when nil).
    pub name: Option<&'a str>,
    pub namespace: Option<&'a str>,
    pub generate_name: Option<&'a str>,
    /// `status` is present and not nil (W0000).
    pub status: bool,
    /// What the rules' pointers resolve over: the object itself, or (fast path) its projection
    /// onto the fields the rules read. None when no field the rules read can match.
    pub body: Option<Cow<'a, Value>>,
    /// Of an apps/v1 Deployment, for the summary.
    pub deployment: Option<DeploymentView<'a>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeploymentView<'a> {
    /// spec.replicas, when an integer that fits i64.
    pub replicas: Option<i64>,
    /// The first container's resources.requests cpu and memory, as text.
    pub cpu_request: Option<Cow<'a, str>>,
    pub memory_request: Option<Cow<'a, str>>,
}

impl<'a> View<'a> {
    /// The view of a decoded object.
    pub fn of(obj: &'a Value) -> View<'a> {
        let api_version = get_str(obj, &["apiVersion"]);
        let kind = get_str(obj, &["kind"]);
        let deployment = (api_version == Some("apps/v1") && kind == Some("Deployment")).then(|| deployment_of(obj));
        View {
            api_version,
            kind,
            name: get_str(obj, &["metadata", "name"]),
            namespace: get_str(obj, &["metadata", "namespace"]),
            generate_name: get_str(obj, &["metadata", "generateName"]),
            status: super::rules::status::populated(obj),
            body: Some(Cow::Borrowed(obj)),
            deployment,
        }
    }

    pub fn body(&self) -> Option<&Value> {
        self.body.as_deref()
    }
}

fn deployment_of(obj: &Value) -> DeploymentView<'_> {
    let requests = get_path(obj, &["spec", "template", "spec", "containers"])
        .and_then(|c| c.as_array())
        .and_then(|c| c.first())
        .and_then(|c| get_path(c, &["resources", "requests"]));
    let q = |key| requests.and_then(|r| get(r, key)).and_then(quantity_text);
    DeploymentView {
        replicas: get_path(obj, &["spec", "replicas"]).and_then(Value::as_i64),
        cpu_request: q("cpu"),
        memory_request: q("memory"),
    }
}

/// A request as the summary shows it: a number or a string.
pub fn quantity_text(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::Integer(i) => Some(Cow::Owned(i.to_string())),
        Value::F64(f) => Some(Cow::Owned(f.to_string())),
        Value::F32(f) => Some(Cow::Owned(f.to_string())),
        other => str_like(other).map(Cow::Borrowed),
    }
}
