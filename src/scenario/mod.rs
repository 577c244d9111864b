//! Scenarios: one file per problem an agent should solve (a trace, a target, a budget, the nodes
//! it needs and a reference solution), suites of them, the cluster profiles they name, the
//! planner that finds the minimum reference and the generator of fresh instances.
//!
//! The file format is documented in `scenarios/README.md`; `schema` reads it, `load` resolves
//! traces (materialising `trace new` recipes into a cache) and suites.

pub mod fields;
pub mod fit;
pub mod generate;
pub mod load;
pub mod planner;
pub mod profile;
pub mod schema;

use std::path::PathBuf;

use serde::Serialize;

pub use load::{load_file, load_suite};
pub use profile::{Profile, Taint, profile};

use crate::step::policy::ActionType;

/// Which half of a generated suite a scenario is in: disjoint seed ranges (see `generate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    Train,
    Test,
}

/// Another Deployment in the trace, taking capacity on the same nodes (noisy neighbour).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbour {
    pub deploy: String,
    pub replicas: u32,
    pub cpu_m: i128,
    pub mem_bytes: i128,
}

/// The target Deployment as the trace starts it, and what else shares its nodes: what the
/// planner plans from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Start {
    pub replicas: u32,
    pub cpu_m: i128,
    pub mem_bytes: i128,
    pub neighbours: Vec<Neighbour>,
    /// KWOK's ready delay for the target's pods (`simkube.io/kwok-stage-ready-delay`), seconds.
    pub ready_delay_s: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scenario {
    pub id: String,
    pub suite: String,
    pub description: String,
    pub tier: String,
    /// The problem type (results are grouped by it).
    pub problem: String,
    pub profile: String,
    /// The trace to play: the suite's file, or the materialised `trace new` recipe.
    pub trace: PathBuf,
    pub namespace: String,
    pub deploy: String,
    pub target: u32,
    /// Most actions an agent may take.
    pub budget: u32,
    /// Success ceilings on the target's per-pod requests (first container).
    pub max_cpu_m: Option<i128>,
    pub max_mem_bytes: Option<i128>,
    pub reference: Vec<ActionType>,
    pub reference_steps: u32,
    /// Simulated duration of one step, and the driver's speed.
    pub duration_s: Option<i64>,
    pub speed: Option<f64>,
    /// The scenario's own file.
    pub source: PathBuf,
    pub start: Start,
    pub split: Option<Split>,
    /// Generated instances: the template and seed they came from.
    pub template: Option<String>,
    pub seed: Option<u64>,
    /// Where it comes from, and how it differs from its origin.
    pub provenance: Option<String>,
    pub differs: Vec<String>,
}

impl Scenario {
    /// The success condition the engine checks: ready = total = target, pending 0, and the
    /// scenario's request ceilings.
    pub fn goal(&self) -> crate::step::engine::Goal {
        crate::step::engine::Goal { target: self.target, max_cpu_m: self.max_cpu_m, max_mem_bytes: self.max_mem_bytes }
    }

    /// The step settings of playing this scenario on `member`: `base` (the command's flags) with the
    /// scenario's trace, Deployment and target, its duration and speed unless the command set
    /// them (`duration_s`, `speed`), and the member's context and driver. One place, so `bench`
    /// and `mcp` play a scenario the same way.
    pub fn step_config(
        &self,
        base: &crate::step::episode::StepConfig,
        member: &crate::step::pool::Member,
        duration_s: Option<i64>,
        speed: Option<f64>,
        seed: u64,
    ) -> crate::step::episode::StepConfig {
        crate::step::episode::StepConfig {
            trace: self.trace.clone(),
            ns: member.ns.clone(),
            deploy: self.deploy.clone(),
            target: self.target,
            duration_s: duration_s.or(self.duration_s).unwrap_or(120),
            speed: speed.or(self.speed),
            context: member.context.clone(),
            driver_image: member.driver_image.clone(),
            driver_image_source: member.driver_image_source.clone(),
            seed,
            ..base.clone()
        }
    }
}
