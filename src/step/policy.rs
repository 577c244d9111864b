//! Actions as sim-arena records them, and the policies that pick them.

use serde::{Deserialize, Serialize};

use super::agent::{Agent, State};
use crate::error::Result;
use crate::model::Obs;
use crate::trace::edit::Action as Edit;

/// sim-arena's seven action types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum ActionType {
    Noop,
    BumpCpuSmall,
    ReduceCpuSmall,
    BumpMemSmall,
    ReduceMemSmall,
    ScaleUpReplicas,
    ScaleDownReplicas,
}

pub const ALL_ACTIONS: [ActionType; 7] = [
    ActionType::Noop,
    ActionType::BumpCpuSmall,
    ActionType::ReduceCpuSmall,
    ActionType::BumpMemSmall,
    ActionType::ReduceMemSmall,
    ActionType::ScaleUpReplicas,
    ActionType::ScaleDownReplicas,
];

const CPU_STEP_M: i128 = 500;
const MEM_STEP: i128 = 256 << 20;

impl ActionType {
    /// The trace edit this action makes, or None for noop.
    pub fn edit(self) -> Option<Edit> {
        Some(match self {
            ActionType::Noop => return None,
            ActionType::BumpCpuSmall => Edit::BumpCpu(CPU_STEP_M),
            ActionType::ReduceCpuSmall => Edit::BumpCpu(-CPU_STEP_M),
            ActionType::BumpMemSmall => Edit::BumpMem(MEM_STEP),
            ActionType::ReduceMemSmall => Edit::BumpMem(-MEM_STEP),
            ActionType::ScaleUpReplicas => Edit::ScaleBy(1),
            ActionType::ScaleDownReplicas => Edit::ScaleBy(-1),
        })
    }

    /// The action as sim-arena writes it in its records.
    pub fn record(self, deploy: &str) -> serde_json::Value {
        let name = serde_json::to_value(self).expect("serialises");
        match self {
            ActionType::Noop => serde_json::json!({ "type": name }),
            ActionType::BumpCpuSmall | ActionType::ReduceCpuSmall => {
                serde_json::json!({ "type": name, "deploy": deploy, "step": "500m" })
            }
            ActionType::BumpMemSmall | ActionType::ReduceMemSmall => {
                serde_json::json!({ "type": name, "deploy": deploy, "step": "256Mi" })
            }
            ActionType::ScaleUpReplicas | ActionType::ScaleDownReplicas => {
                serde_json::json!({ "type": name, "deploy": deploy, "delta": 1 })
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Policy {
    Noop,
    /// sim-arena's baseline: pending > 0 -> bump_cpu_small, else noop.
    Heuristic,
    /// Uniform over the seven actions, seeded.
    Random,
    BumpCpu,
    BumpMem,
    ScaleReplicas,
    /// Ours: total < target -> scale up; total > target -> scale down; pending -> reduce CPU.
    Target,
}

impl Policy {
    /// The name records and the command line use (`target`, `bump_cpu`, …).
    pub fn name(self) -> &'static str {
        match self {
            Policy::Noop => "noop",
            Policy::Heuristic => "heuristic",
            Policy::Random => "random",
            Policy::BumpCpu => "bump_cpu",
            Policy::BumpMem => "bump_mem",
            Policy::ScaleReplicas => "scale_replicas",
            Policy::Target => "target",
        }
    }

    pub fn pick(self, obs: Obs, target: u32, rng: &mut SplitMix) -> ActionType {
        match self {
            Policy::Noop => ActionType::Noop,
            Policy::Heuristic if obs.pending > 0 => ActionType::BumpCpuSmall,
            Policy::Heuristic => ActionType::Noop,
            Policy::Random => ALL_ACTIONS[(rng.next_u64() % ALL_ACTIONS.len() as u64) as usize],
            Policy::BumpCpu => ActionType::BumpCpuSmall,
            Policy::BumpMem => ActionType::BumpMemSmall,
            Policy::ScaleReplicas => ActionType::ScaleUpReplicas,
            Policy::Target if obs.total < target => ActionType::ScaleUpReplicas,
            Policy::Target if obs.total > target => ActionType::ScaleDownReplicas,
            Policy::Target if obs.pending > 0 => ActionType::ReduceCpuSmall,
            Policy::Target => ActionType::Noop,
        }
    }
}

/// A built-in policy as an [`Agent`]: its action after `s.step` actions is drawn with the seed
/// `seed ^ (s.step + 1)`, so an episode is reproducible step by step (the numbers `run` used when
/// its k-th action was drawn with `seed ^ k`).
pub fn agent(policy: Policy, seed: u64) -> Box<dyn Agent> {
    Box::new(PolicyAgent { policy, seed })
}

#[derive(Debug, Clone, Copy)]
struct PolicyAgent {
    policy: Policy,
    seed: u64,
}

impl Agent for PolicyAgent {
    fn name(&self) -> String {
        self.policy.name().into()
    }

    fn act(&mut self, s: &State) -> Result<ActionType> {
        let mut rng = SplitMix::new(self.seed ^ u64::from(s.step.saturating_add(1)));
        Ok(self.policy.pick(s.obs, s.target, &mut rng))
    }
}

/// A small seeded generator (SplitMix64) so `--seed` makes a run reproducible.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(ready: u32, pending: u32, total: u32) -> Obs {
        Obs { ready, pending, total }
    }

    #[test]
    fn policies_pick_as_documented() {
        let mut r = SplitMix::new(1);
        assert_eq!(Policy::Heuristic.pick(obs(1, 2, 3), 3, &mut r), ActionType::BumpCpuSmall);
        assert_eq!(Policy::Heuristic.pick(obs(3, 0, 3), 3, &mut r), ActionType::Noop);
        assert_eq!(Policy::Target.pick(obs(1, 0, 1), 3, &mut r), ActionType::ScaleUpReplicas);
        assert_eq!(Policy::Target.pick(obs(5, 0, 5), 3, &mut r), ActionType::ScaleDownReplicas);
        assert_eq!(Policy::Target.pick(obs(1, 2, 3), 3, &mut r), ActionType::ReduceCpuSmall);
        assert_eq!(Policy::Target.pick(obs(3, 0, 3), 3, &mut r), ActionType::Noop);
        assert_eq!(Policy::BumpMem.pick(obs(0, 0, 0), 3, &mut r), ActionType::BumpMemSmall);
    }

    #[test]
    fn random_is_seeded_and_covers_all_seven() {
        let picks = |seed| {
            let mut r = SplitMix::new(seed);
            (0..200).map(|_| Policy::Random.pick(Obs::default(), 3, &mut r)).collect::<Vec<_>>()
        };
        assert_eq!(picks(42), picks(42));
        assert_ne!(picks(42), picks(43));
        for a in ALL_ACTIONS {
            assert!(picks(42).contains(&a), "{a:?} never picked");
        }
    }

    #[test]
    fn records_use_sim_arena_names() {
        assert_eq!(
            ActionType::BumpCpuSmall.record("web"),
            serde_json::json!({"type": "bump_cpu_small", "deploy": "web", "step": "500m"})
        );
        assert_eq!(ActionType::Noop.record("web"), serde_json::json!({"type": "noop"}));
        assert_eq!(ActionType::ScaleDownReplicas.edit(), Some(Edit::ScaleBy(-1)));
        assert_eq!(ActionType::ReduceMemSmall.edit(), Some(Edit::BumpMem(-(256 << 20))));
    }

    #[test]
    fn a_policy_agent_is_the_policy_seeded_per_step() {
        let state =
            |step| State { obs: obs(1, 0, 1), workload: Default::default(), target: 3, step, info: Default::default() };
        let mut a = agent(Policy::Target, 5);
        assert_eq!(a.name(), "target");
        assert_eq!(a.act(&state(0)).unwrap(), ActionType::ScaleUpReplicas);
        let draws = |seed| {
            let mut r = agent(Policy::Random, seed);
            (0..20).map(|i| r.act(&state(i)).unwrap()).collect::<Vec<_>>()
        };
        assert_eq!(draws(9), draws(9));
        let mut rng = SplitMix::new(9 ^ 1);
        assert_eq!(draws(9)[0], Policy::Random.pick(obs(1, 0, 1), 3, &mut rng), "action 1 uses seed ^ 1");
    }

    #[test]
    fn policy_names_are_their_serde_and_cli_names() {
        use clap::ValueEnum;
        for p in Policy::value_variants() {
            assert_eq!(serde_json::to_value(p).unwrap(), p.name());
            assert_eq!(p.to_possible_value().unwrap().get_name(), p.name());
        }
    }
}
