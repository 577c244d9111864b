//! Acting: an action applied by editing the trace (with `trace edit`'s safeguards) into the
//! trace the next simulation plays. An action is one of sim-arena's seven, or an absolute
//! setting of replicas and requests (the MCP server's `set_replicas` / `set_resources`), made of
//! the same edits under the same safeguards.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};

use super::policy::ActionType;
use crate::error::{Error, Result};
use crate::trace::edit::{Action as Edit, Limits, Target, edit};
use crate::trace::quantity::{self, Resource};

/// An absolute setting of the Deployment: each given value is set, all or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Setting {
    pub replicas: Option<i64>,
    /// The per-container CPU request, millicores.
    pub cpu_m: Option<i128>,
    pub mem_bytes: Option<i128>,
}

/// What a step does to the trace before it is simulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Action(ActionType),
    Set(Setting),
}

impl From<ActionType> for Move {
    fn from(a: ActionType) -> Move {
        Move::Action(a)
    }
}

impl Move {
    /// The record's `action`: sim-arena's form for its actions; `set_replicas` / `set_resources`
    /// with the values set.
    pub fn record(self, deploy: &str) -> Json {
        match self {
            Move::Action(a) => a.record(deploy),
            Move::Set(s) => {
                let mut m = Map::new();
                let kind = if s.cpu_m.is_none() && s.mem_bytes.is_none() { "set_replicas" } else { "set_resources" };
                m.insert("type".into(), Json::from(kind));
                m.insert("deploy".into(), Json::from(deploy));
                if let Some(r) = s.replicas {
                    m.insert("replicas".into(), Json::from(r));
                }
                if let Some(c) = s.cpu_m {
                    m.insert("cpu".into(), Json::from(quantity::format(c, Resource::Cpu)));
                }
                if let Some(b) = s.mem_bytes {
                    m.insert("memory".into(), Json::from(quantity::format(b, Resource::Memory)));
                }
                Json::Object(m)
            }
        }
    }
}

/// What acting did.
#[derive(Debug)]
pub struct Acted {
    pub action: Move,
    /// The record's `action`.
    pub action_json: Json,
    /// `changed`, and for an edit `blocked`, `reason`, `before`, `after`.
    pub info: Map<String, Json>,
    pub next: PathBuf,
}

/// Applies `action` to Deployment `deploy` of `trace` under the safeguards `limits`, writing
/// `next` (the trace unchanged for noop and for a blocked action).
pub fn act(action: impl Into<Move>, deploy: &str, trace: &Path, next: &Path, limits: &Limits) -> Result<Acted> {
    let action = action.into();
    let next = next.to_path_buf();
    let mut info = Map::new();
    let one = match action {
        Move::Action(a) => a.edit(),
        Move::Set(s) => {
            set(s, deploy, trace, &next, limits, &mut info)?;
            return Ok(Acted { action, action_json: action.record(deploy), info, next });
        }
    };
    match one {
        None => {
            crate::fsutil::copy_file(trace, &next)?;
            info.insert("changed".into(), Json::Bool(false));
        }
        Some(e) => {
            let o = edit(trace, &next, &Target { name: deploy, namespace: None }, &e, limits)?;
            info.insert("changed".into(), Json::Bool(o.changed));
            info.insert("blocked".into(), Json::Bool(o.blocked));
            if let Some(r) = &o.reason {
                info.insert("reason".into(), Json::from(r.clone()));
            }
            info.insert("before".into(), serde_json::to_value(&o.before).expect("serialises"));
            info.insert("after".into(), serde_json::to_value(&o.after).expect("serialises"));
        }
    }
    Ok(Acted { action, action_json: action.record(deploy), info, next })
}

/// A setting as the edits that make it (replicas set, requests moved by their difference from
/// the first container's), applied one after the other; if one is blocked, none is applied and
/// `next` is the trace unchanged.
fn set(
    s: Setting,
    deploy: &str,
    trace: &Path,
    next: &Path,
    limits: &Limits,
    info: &mut Map<String, Json>,
) -> Result<()> {
    let w = super::workload::read(trace, deploy)?;
    let diff = |want: i128, have: i128, what: &str| {
        want.checked_sub(have).ok_or_else(|| Error::usage(format!("{what} {want} is out of range"), None))
    };
    let mut edits = vec![];
    if let Some(r) = s.replicas {
        edits.push(Edit::ScaleTo(r));
    }
    if let Some(c) = s.cpu_m.map(|c| diff(c, w.cpu_m, "cpu")).transpose()?.filter(|d| *d != 0) {
        edits.push(Edit::BumpCpu(c));
    }
    if let Some(m) = s.mem_bytes.map(|m| diff(m, w.mem_bytes, "memory")).transpose()?.filter(|d| *d != 0) {
        edits.push(Edit::BumpMem(m));
    }
    let target = Target { name: deploy, namespace: None };
    let part = next.with_extension("part.msgpack");
    crate::fsutil::copy_file(trace, next)?;
    let mut first = None;
    let mut last = None;
    for e in &edits {
        let o = edit(next, &part, &target, e, limits)?;
        std::fs::rename(&part, next).map_err(|err| Error::io(next, err))?;
        first.get_or_insert_with(|| o.before.clone());
        if o.blocked {
            crate::fsutil::copy_file(trace, next)?;
            info.insert("changed".into(), Json::Bool(false));
            info.insert("blocked".into(), Json::Bool(true));
            info.insert("reason".into(), Json::from(o.reason.unwrap_or_default()));
            let before = serde_json::to_value(first.as_ref()).expect("serialises");
            info.insert("before".into(), before.clone());
            info.insert("after".into(), before);
            return Ok(());
        }
        last = Some(o.after);
    }
    let changed = last.is_some() && first.as_ref() != last.as_ref();
    info.insert("changed".into(), Json::Bool(changed));
    info.insert("blocked".into(), Json::Bool(false));
    if let (Some(b), Some(a)) = (first, last) {
        info.insert("before".into(), serde_json::to_value(b).expect("serialises"));
        info.insert("after".into(), serde_json::to_value(a).expect("serialises"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noop_copies_the_trace_and_an_edit_writes_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let trace =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces/simarena-demo-deprecated-path.msgpack");
        let l = Limits::default();
        let noop = act(ActionType::Noop, "web", &trace, &dir.path().join("a.msgpack"), &l).unwrap();
        assert_eq!(std::fs::read(&noop.next).unwrap(), std::fs::read(&trace).unwrap());
        assert_eq!(noop.info["changed"], false);
        let up = act(ActionType::ScaleUpReplicas, "web", &trace, &dir.path().join("b.msgpack"), &l).unwrap();
        assert_eq!(up.info["changed"], true, "{:?}", up.info);
        assert_ne!(std::fs::read(&up.next).unwrap(), std::fs::read(&trace).unwrap());
        assert_eq!(up.action_json["type"], "scale_up_replicas");
        let tight = Limits { max_replicas: 2, ..l };
        let blocked = act(ActionType::ScaleUpReplicas, "web", &trace, &dir.path().join("c.msgpack"), &tight).unwrap();
        assert_eq!((blocked.info["blocked"].as_bool(), blocked.info["changed"].as_bool()), (Some(true), Some(false)));
    }

    #[test]
    fn a_setting_sets_every_value_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let trace =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces/simarena-demo-deprecated-path.msgpack");
        let l = Limits::default();
        let want = Setting { replicas: Some(4), cpu_m: Some(750), mem_bytes: Some(300 << 20) };
        let out = dir.path().join("s.msgpack");
        let set = act(Move::Set(want), "web", &trace, &out, &l).unwrap();
        assert_eq!(set.info["changed"], true, "{:?}", set.info);
        let w = crate::step::workload::read(&out, "web").unwrap();
        assert_eq!((w.replicas, w.cpu_m, w.mem_bytes), (4, 750, 300 << 20));
        assert_eq!(set.action_json["type"], "set_resources");
        assert_eq!((set.action_json["cpu"].as_str(), set.action_json["replicas"].as_i64()), (Some("750m"), Some(4)));
        // Replicas within the limit but cpu above it: nothing is applied.
        let too_much = Setting { replicas: Some(5), cpu_m: Some(20_000), mem_bytes: None };
        let out = dir.path().join("t.msgpack");
        let b = act(Move::Set(too_much), "web", &trace, &out, &l).unwrap();
        assert_eq!((b.info["blocked"].as_bool(), b.info["changed"].as_bool()), (Some(true), Some(false)));
        assert!(b.info["reason"].as_str().unwrap().contains("cpu"), "{:?}", b.info);
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&trace).unwrap(), "blocked: the trace unchanged");
        let r = act(Move::Set(Setting { replicas: Some(2), ..Default::default() }), "web", &trace, &out, &l).unwrap();
        assert_eq!(r.action_json["type"], "set_replicas");
    }
}
