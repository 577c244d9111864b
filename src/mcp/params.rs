//! The tools' arguments: their JSON schemas (schemars) are what the model reads, so every field
//! says what it means and what values it takes.

use rmcp::schemars::{self, JsonSchema};
use serde::Deserialize;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListScenarios {
    /// `simarena` (sim-arena's twelve scenarios), `generated` (the templates of `scenario
    /// generate`; start one with its id and a seed), or a folder of scenario files. Default: simarena.
    #[serde(default)]
    pub suite: Option<String>,
    /// Only scenarios of this split: `train` or `test` (generated suites; seeds 0..1000000 are
    /// train, 1000000..2000000 test).
    #[serde(default)]
    pub split: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Start {
    /// A scenario id from list_scenarios (e.g. `replica-tiny-scale`; for the generated suite a
    /// template id such as `generated/scale-up`, with `seed`). Leave out to start from `trace`.
    #[serde(default)]
    pub scenario_id: Option<String>,
    /// The suite the scenario is in (default: simarena; `generated` for templates).
    #[serde(default)]
    pub suite: Option<String>,
    /// The seed of a generated scenario (0..2000000: the split follows the seed).
    #[serde(default)]
    pub seed: Option<u64>,
    /// Instead of a scenario: a trace file (msgpack) on the server's machine...
    #[serde(default)]
    pub trace: Option<String>,
    /// ...the Deployment in it to act on...
    #[serde(default)]
    pub deployment: Option<String>,
    /// ...and the replicas it must reach (ready = total = target, nothing pending).
    #[serde(default)]
    pub target: Option<u32>,
    /// The kubeconfig context to play on, one the server was started with (default: the first
    /// free one).
    #[serde(default)]
    pub context: Option<String>,
}

/// sim-arena's action: its index or its name.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ActionArg {
    /// 0 noop, 1 bump_cpu_small (+500m), 2 bump_mem_small (+256Mi), 3 scale_up_replicas (+1),
    /// 4 reduce_cpu_small (-500m), 5 reduce_mem_small (-256Mi), 6 scale_down_replicas (-1).
    Index(i64),
    /// The action's name, e.g. `scale_up_replicas`.
    Name(String),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The action: sim-arena's index 0-6 (0 noop, 1 bump_cpu_small, 2 bump_mem_small,
    /// 3 scale_up_replicas, 4 reduce_cpu_small, 5 reduce_mem_small, 6 scale_down_replicas) or its name.
    pub action: ActionArg,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetReplicas {
    /// The Deployment's replicas (within the safeguards: 1..=100, or up to where it started).
    pub n: i64,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetResources {
    /// The per-pod CPU request as a Kubernetes quantity (`750m`, `1.5`); leave out to keep it.
    #[serde(default)]
    pub cpu: Option<String>,
    /// The per-pod memory request as a Kubernetes quantity (`512Mi`, `1Gi`); leave out to keep it.
    #[serde(default)]
    pub memory: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Namespace {
    /// The session's virtual namespace (observe() names it, e.g. `virtual-default`) or its driver namespace.
    pub namespace: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    /// The session's virtual namespace (observe() names it).
    pub namespace: String,
    /// The Deployment's name (e.g. `web`).
    pub deploy: String,
}

fn twenty() -> u32 {
    20
}

fn fifty() -> u32 {
    50
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Events {
    /// The session's virtual or driver namespace.
    pub namespace: String,
    /// Only events about this Deployment, its ReplicaSets and pods (optional).
    #[serde(default)]
    pub deploy: Option<String>,
    /// The most events to return (default 20, at most 200); warnings first.
    #[serde(default = "twenty")]
    pub last_n: u32,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PodLogs {
    /// The session's virtual or driver namespace.
    pub namespace: String,
    /// The pod's full name (from get_pods).
    pub pod_name: String,
    /// Lines from the end (default 50, at most 1000).
    #[serde(default = "fifty")]
    pub tail_lines: u32,
    /// The container (default: the pod's first).
    #[serde(default)]
    pub container: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rollback {
    /// How many actions to undo (1 = back to the trace before the last action).
    pub n: u32,
}
