//! Acting on an observation: the policy's (or the given) action, applied by editing the trace
//! into the next step's `trace-next.msgpack`.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};

use super::policy::{ActionType, Policy, SplitMix};
use crate::error::Result;
use crate::model::Obs;
use crate::trace::edit::{Limits, Target, edit};

pub struct Choice<'a> {
    pub policy: Policy,
    /// Take this action instead of asking the policy.
    pub action: Option<ActionType>,
    pub target: u32,
    pub seed: u64,
    pub step: u32,
    pub deploy: &'a str,
}

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

/// The action for `obs`: the given one, or the policy's, seeded by seed and step so a step is
/// reproducible.
pub fn choose(c: &Choice, obs: Obs) -> ActionType {
    let mut rng = SplitMix::new(c.seed ^ u64::from(c.step));
    c.action.unwrap_or_else(|| c.policy.pick(obs, c.target, &mut rng))
}

/// Applies `action` to `trace`, writing `<step_dir>/trace-next.msgpack`.
pub fn act(c: &Choice, action: ActionType, trace: &Path, step_dir: &Path) -> Result<Acted> {
    let next = step_dir.join("trace-next.msgpack");
    let mut info = Map::new();
    match action.edit() {
        None => {
            crate::fsutil::copy_file(trace, &next)?;
            info.insert("changed".into(), Json::Bool(false));
        }
        Some(e) => {
            let o = edit(trace, &next, &Target { name: c.deploy, namespace: None }, &e, &Limits::default())?;
            info.insert("changed".into(), Json::Bool(o.changed));
            info.insert("blocked".into(), Json::Bool(o.blocked));
            if let Some(r) = &o.reason {
                info.insert("reason".into(), Json::from(r.clone()));
            }
            info.insert("before".into(), serde_json::to_value(&o.before).expect("serialises"));
            info.insert("after".into(), serde_json::to_value(&o.after).expect("serialises"));
        }
    }
    Ok(Acted { action, action_json: action.record(c.deploy), info, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(action: Option<ActionType>) -> Choice<'static> {
        Choice { policy: Policy::Target, action, target: 3, seed: 1, step: 1, deploy: "web" }
    }

    #[test]
    fn a_given_action_wins_and_policies_are_reproducible() {
        let obs = Obs { ready: 1, pending: 0, total: 1 };
        let given = choice(Some(ActionType::Noop));
        assert_eq!(choose(&given, obs), ActionType::Noop);
        let c = choice(None);
        assert_eq!(choose(&c, obs), choose(&c, obs));
    }

    #[test]
    fn noop_copies_the_trace_and_an_edit_writes_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let trace =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces/simarena-demo-deprecated-path.msgpack");
        let noop = act(&choice(None), ActionType::Noop, &trace, dir.path()).unwrap();
        assert_eq!(std::fs::read(&noop.next).unwrap(), std::fs::read(&trace).unwrap());
        assert_eq!(noop.info["changed"], false);
        let up = act(&choice(None), ActionType::ScaleUpReplicas, &trace, dir.path()).unwrap();
        assert_eq!(up.info["changed"], true, "{:?}", up.info);
        assert_ne!(std::fs::read(&up.next).unwrap(), std::fs::read(&trace).unwrap());
        assert_eq!(up.action_json["type"], "scale_up_replicas");
    }
}
