//! Acting: an action applied by editing the trace (with `trace edit`'s safeguards) into the
//! trace the next simulation plays.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};

use super::policy::ActionType;
use crate::error::Result;
use crate::trace::edit::{Limits, Target, edit};

/// What acting did.
#[derive(Debug)]
pub struct Acted {
    pub action: ActionType,
    /// The record's `action`.
    pub action_json: Json,
    /// `changed`, and for an edit `blocked`, `reason`, `before`, `after`.
    pub info: Map<String, Json>,
    pub next: PathBuf,
}

/// Applies `action` to Deployment `deploy` of `trace` under the safeguards `limits`, writing
/// `next` (the trace unchanged for noop and for a blocked action).
pub fn act(action: ActionType, deploy: &str, trace: &Path, next: &Path, limits: &Limits) -> Result<Acted> {
    let next = next.to_path_buf();
    let mut info = Map::new();
    match action.edit() {
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
}
