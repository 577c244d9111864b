//! SimKube's own trace rules: the checks of `skctl validate check` (skctl 2.7.0,
//! `sk-cli/src/validation/rules/`), with skctl's codes, for traces that SimKube parses but that
//! play out with missing pods.
//!
//! One file per rule (code, name, what it checks); this module runs them over a trace one event
//! at a time, exactly as skctl does:
//! - Before checking an event's applied objects, every ServiceAccount, Secret and ConfigMap the
//!   event applies is recorded as present and every one it deletes as absent, keyed `ns/name`
//!   (`name` without a namespace). Only `kind` is compared, with any apiVersion; an object
//!   without both apiVersion and kind has no type and is not recorded.
//! - Only applied objects are checked. W0000 flags each one whose `status` is present and not
//!   nil. The other rules look, for each object whose GVK the trace config tracks, under each of
//!   its pod template paths, at the rule's JSON pointers; every string they reach that names no
//!   present resource in the object's namespace is one finding (counted per occurrence: a pod
//!   template naming the same missing ServiceAccount in `serviceAccount` and
//!   `serviceAccountName` is two).
//! - skctl's E0002/E0003 look up `env[].valueFrom.secretKeyRef.key` (the key, not the name) as
//!   the resource's name; we do the same so that the counts agree, and say so in the finding.

pub mod env_configmap;
pub mod env_secret;
pub mod pointer;
pub mod service_account;
pub mod status;
pub mod volume_configmap;
pub mod volume_secret;

use std::collections::{BTreeMap, HashSet};

use rmpv::Value;
use serde::Serialize;

use self::pointer::Tok;
use super::gvk::{Gvk, known_template_paths};
use super::schema::TrackedConfig;
use super::value::get_str;
use super::view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// The kinds a pod template can need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    ServiceAccount,
    Secret,
    ConfigMap,
}

impl Resource {
    pub const ALL: [Resource; 3] = [Resource::ServiceAccount, Resource::Secret, Resource::ConfigMap];

    pub fn kind(self) -> &'static str {
        match self {
            Resource::ServiceAccount => "ServiceAccount",
            Resource::Secret => "Secret",
            Resource::ConfigMap => "ConfigMap",
        }
    }

    /// The resource as the API server and kubelet name it in errors (`secret "x" not found`).
    pub fn lower(self) -> &'static str {
        match self {
            Resource::ServiceAccount => "serviceaccount",
            Resource::Secret => "secret",
            Resource::ConfigMap => "configmap",
        }
    }
}

/// Where a rule looks (relative to a pod template, as skctl's pointers are) and what its fix
/// removes: the first `remove` tokens of the matched path (the field, or the list entry).
#[derive(Debug)]
pub struct Ref {
    pub ptr: &'static str,
    pub remove: usize,
    /// The entry is a volume: its volumeMounts go with it.
    pub volume: bool,
}

#[derive(Debug)]
pub enum Check {
    /// W0000: `status` present and not nil.
    Status,
    /// E0001–E0005: a reference to a resource that is not in the trace.
    Missing { resource: Resource, refs: &'static [Ref] },
}

#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub check: Check,
    /// Why the simulation goes wrong, given the missing resource's name and the object's
    /// namespace: the words the cluster uses.
    pub why: fn(name: &str, ns: &str) -> String,
}

/// skctl's rules, in code order.
pub const RULES: [&Rule; 6] = [
    &status::RULE,
    &service_account::RULE,
    &env_secret::RULE,
    &env_configmap::RULE,
    &volume_secret::RULE,
    &volume_configmap::RULE,
];

pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// One finding as found: which rule, which applied object, and the matched path in it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub rule: &'static Rule,
    pub obj: usize,
    /// The matched field, from the object's root (empty for W0000: the object's `status`).
    pub path: Vec<Tok>,
    /// The missing resource's name (E0001–E0005).
    pub name: String,
    /// How many leading tokens of `path` the fix removes.
    pub remove: usize,
    pub volume: bool,
}

/// The pointers one object type is checked at: (rule index, tokens from the object's root, ref),
/// in skctl's order (template path, then the rule's pointers).
type Compiled = std::rc::Rc<Vec<(usize, Vec<String>, &'static Ref)>>;

/// The rules' state over a trace: what exists so far, and the tracked pod template paths.
pub struct Checker {
    templates: BTreeMap<Gvk, Vec<Vec<String>>>,
    seen: [HashSet<String>; 3],
    /// Compiled pointers of each rule (template-relative tokens).
    refs: Vec<Vec<(Vec<String>, &'static Ref)>>,
    /// Per (apiVersion, kind) met so far: a trace has few types, so a short list beats hashing.
    by_type: Vec<(String, String, Compiled)>,
}

impl Checker {
    /// `config`: the trace's tracked objects, normalised as sk-core does (a config SimKube
    /// refuses never reaches the rules).
    pub fn new(config: &BTreeMap<Gvk, TrackedConfig>) -> Checker {
        let templates = config
            .iter()
            .map(|(gvk, c)| {
                let paths = match c.effective_paths() {
                    Some(p) if !p.is_empty() => p,
                    _ => known_template_paths(gvk).unwrap_or_default().iter().map(|s| s.to_string()).collect(),
                };
                (gvk.clone(), paths.iter().map(|p| pointer::tokens(p)).collect())
            })
            .collect();
        let refs = RULES
            .iter()
            .map(|r| match &r.check {
                Check::Status => vec![],
                Check::Missing { refs, .. } => refs.iter().map(|x| (pointer::tokens(x.ptr), x)).collect(),
            })
            .collect();
        Checker { templates, seen: Default::default(), refs, by_type: vec![] }
    }

    /// Every field the rules read of an object of `gvk` (pointer tokens from the object's root,
    /// `*` for every array element): for the validator's fast path, which keeps only these.
    pub fn patterns(&self, gvk: &Gvk) -> Vec<Vec<String>> {
        let mut out = vec![];
        for (_, mut p, _) in self.compile(Some(gvk)) {
            out.push(p.clone());
            // A key ref's finding also names the ref's `name`.
            if p.last().is_some_and(|l| l == "key") {
                p.pop();
                p.push("name".into());
                out.push(p);
            }
        }
        out
    }

    fn compile(&self, gvk: Option<&Gvk>) -> Vec<(usize, Vec<String>, &'static Ref)> {
        let mut out = vec![];
        for t in gvk.and_then(|g| self.templates.get(g)).into_iter().flatten() {
            for (ri, refs) in self.refs.iter().enumerate() {
                for (toks, r) in refs {
                    out.push((ri, t.iter().chain(toks.iter()).cloned().collect(), *r));
                }
            }
        }
        out
    }

    fn compiled(&mut self, obj: &View) -> Option<Compiled> {
        let (a, k) = (obj.api_version?, obj.kind?);
        if let Some((_, _, c)) = self.by_type.iter().find(|(x, y, _)| x == a && y == k) {
            return Some(c.clone());
        }
        let c: Compiled = std::rc::Rc::new(self.compile(Gvk::from_api_version(a, k).as_ref()));
        self.by_type.push((a.to_string(), k.to_string(), c.clone()));
        Some(c)
    }

    /// Checks one event (its applied and deleted objects) and returns its findings in skctl's
    /// order: by rule, then by object, then by pointer and match.
    pub fn event(&mut self, applied: &[Value], deleted: &[Value]) -> Vec<Hit> {
        let applied: Vec<View> = applied.iter().map(View::of).collect();
        let deleted: Vec<View> = deleted.iter().map(View::of).collect();
        self.event_views(&applied, &deleted)
    }

    /// `event`, on the objects' views.
    pub fn event_views(&mut self, applied: &[View], deleted: &[View]) -> Vec<Hit> {
        let mut key = String::new();
        for obj in applied {
            if let Some(r) = resource_key(obj, &mut key)
                && !self.seen[r as usize].contains(&key)
            {
                self.seen[r as usize].insert(key.clone());
            }
        }
        for obj in deleted {
            if let Some(r) = resource_key(obj, &mut key) {
                self.seen[r as usize].remove(&key);
            }
        }
        let mut hits = vec![];
        if applied.iter().all(|o| !o.status && o.body.is_none()) {
            return hits;
        }
        // Only an object with a body can match a pointer.
        let compiled: Vec<Option<Compiled>> =
            applied.iter().map(|o| if o.body.is_some() { self.compiled(o) } else { None }).collect();
        for (ri, rule) in RULES.iter().enumerate() {
            for (oi, obj) in applied.iter().enumerate() {
                match &rule.check {
                    Check::Status => {
                        if obj.status {
                            hits.push(Hit {
                                rule,
                                obj: oi,
                                path: vec![Tok::Key("status".into())],
                                name: String::new(),
                                remove: 1,
                                volume: false,
                            });
                        }
                    }
                    Check::Missing { resource, .. } => {
                        let (Some(c), Some(body)) = (&compiled[oi], obj.body()) else { continue };
                        self.missing(ri, rule, *resource, oi, obj.namespace.unwrap_or(""), body, c, &mut hits)
                    }
                }
            }
        }
        hits
    }

    #[allow(clippy::too_many_arguments)]
    fn missing(
        &self,
        ri: usize,
        rule: &'static Rule,
        res: Resource,
        oi: usize,
        ns: &str,
        body: &Value,
        compiled: &[(usize, Vec<String>, &'static Ref)],
        hits: &mut Vec<Hit>,
    ) {
        for (_, full, r) in compiled.iter().filter(|(i, ..)| *i == ri) {
            for (path, v) in pointer::matches(full, body) {
                // skctl unwraps the value as a string; anything else would make it panic.
                let Some(name) = v.as_str() else { continue };
                if !self.seen[res as usize].contains(&format!("{ns}/{name}")) {
                    let remove = full.len() - pointer::tokens(r.ptr).len() + r.remove;
                    hits.push(Hit { rule, obj: oi, path, name: name.to_string(), remove, volume: r.volume });
                }
            }
        }
    }
}

/// The object's GVK from its apiVersion and kind, as kube's TypeMeta gives it.
pub fn gvk_of(obj: &Value) -> Option<Gvk> {
    Gvk::from_api_version(get_str(obj, &["apiVersion"])?, get_str(obj, &["kind"])?)
}

/// A ServiceAccount, Secret or ConfigMap object's kind, with its `ns/name` key written to `key`
/// (sk-core's `namespaced_name`: the name, or generateName, prefixed with the namespace when it
/// has one).
fn resource_key(obj: &View, key: &mut String) -> Option<Resource> {
    obj.api_version?;
    let kind = obj.kind?;
    let r = Resource::ALL.into_iter().find(|r| r.kind() == kind)?;
    let name = obj.name.or(obj.generate_name).unwrap_or("");
    key.clear();
    if let Some(ns) = obj.namespace {
        key.push_str(ns);
        key.push('/');
    }
    key.push_str(name);
    Some(r)
}

/// `Deployment default/web`, for messages.
pub fn object_name(obj: &View) -> String {
    let kind = obj.kind.unwrap_or("object");
    let name = obj.name.unwrap_or("");
    match obj.namespace {
        Some(ns) if !ns.is_empty() => format!("{kind} {ns}/{name}"),
        _ => format!("{kind} {name}"),
    }
}

/// The shared text of the missing-resource findings.
pub fn missing_why(res: Resource, name: &str) -> String {
    format!("{} \"{name}\" not found", res.lower())
}

/// A finding as reported: the rule, the object, the field, why the simulation goes wrong, and
/// the fix.
#[derive(Debug, Clone, Serialize)]
pub struct RuleFinding {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub object: String,
    pub path: String,
    pub message: String,
    pub fix: String,
}

pub const FIX_CMD: &str = "kubectl skstep trace fix FILE -o FIXED.msgpack";

impl Hit {
    /// The finding, for the applied object `obj` found at `obj_path` (`events[i].applied_objs[j]`).
    pub fn describe(&self, obj: &View, obj_path: &str) -> RuleFinding {
        let rule = self.rule;
        let field = pointer::display(&self.path);
        let ns = obj.namespace.unwrap_or("");
        let message = match &rule.check {
            Check::Status => format!("status is populated: {}", (rule.why)("", ns)),
            Check::Missing { resource, .. } => {
                let mut m = format!(
                    "needs {} \"{}\", which is not in the trace: {}",
                    resource.kind(),
                    self.name,
                    (rule.why)(&self.name, ns)
                );
                // skctl looks up a key ref's key as the name: say what the ref really names.
                if matches!(self.path.last(), Some(Tok::Key(k)) if k == "key") {
                    let named = obj
                        .body()
                        .and_then(|b| pointer::at(b, &self.path[..self.path.len() - 1]))
                        .and_then(|r| get_str(r, &["name"]))
                        .unwrap_or("");
                    m.push_str(&format!(
                        " (skctl 2.7 looks up the ref's key as the {}'s name; the ref names \"{named}\")",
                        resource.kind()
                    ));
                }
                m
            }
        };
        let removed = pointer::display(&self.path[..self.remove.min(self.path.len())]);
        let mounts = if self.volume { " and the volumeMounts of that volume" } else { "" };
        RuleFinding {
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            object: object_name(obj),
            path: format!("{obj_path}.{field}"),
            message,
            fix: format!("run `{FIX_CMD} --only {}` (removes {removed}{mounts})", rule.code),
        }
    }
}
