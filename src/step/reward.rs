//! Reward functions, sim-arena's five (`observe/reward.py`), implemented once for `run` and the
//! Gymnasium environment. T = target; ready, pending, total from the observation; the goal state
//! is ready = total = T and pending = 0.
//!
//! - `base`:   1 at the goal, else 0.
//! - `shaped`: 1 at the goal, else −0.1·|ready−T| −0.05·pending −0.15·(total−T) when over, or
//!   −0.08·(T−total) when under; clamped to [−1, 1].
//! - `scale`:  1 at the goal, else −0.02·pending/T −0.07·(total−T) when over, or
//!   −0.03·(T−total)/T when under; clamped to [−1, 1].
//! - `max_punish`: `base` − 0.5 for each of cpu > 16000m, memory > 32Gi, replicas > 100.
//! - `cost_aware_v2`: health minus resource cost, never above 0 (see [`cost_aware_v2`]), minus
//!   `step_penalty` and 0.12 when the action was blocked; clamped to [−1, 0].

use serde::{Deserialize, Serialize};

use crate::model::Obs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Reward {
    Base,
    Shaped,
    Scale,
    MaxPunish,
    CostAwareV2,
}

/// The Deployment's state in the trace that was simulated: its first container's requests and
/// its replicas. An absent request is 0 (the container requests nothing); absent replicas are 1
/// (the API server's default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workload {
    pub cpu_m: i128,
    pub mem_bytes: i128,
    pub replicas: i64,
}

/// Everything a reward may look at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RewardInput {
    pub obs: Obs,
    pub target: u32,
    pub workload: Workload,
    /// Whether the step's action was blocked by the safeguards.
    pub blocked: bool,
    /// `cost_aware_v2`'s per-step penalty (sim-arena's default 0).
    pub step_penalty: f64,
}

/// sim-arena's `max_punish` thresholds (its safeguard limits).
pub const PUNISH_CPU_M: i128 = 16_000;
pub const PUNISH_MEM_BYTES: i128 = 32 << 30;
pub const PUNISH_REPLICAS: i64 = 100;

pub fn at_goal(o: Obs, target: u32) -> bool {
    o.ready == target && o.total == target && o.pending == 0
}

impl Reward {
    /// The name records and `--reward` use (`cost_aware_v2`).
    pub fn name(self) -> &'static str {
        match self {
            Reward::Base => "base",
            Reward::Shaped => "shaped",
            Reward::Scale => "scale",
            Reward::MaxPunish => "max_punish",
            Reward::CostAwareV2 => "cost_aware_v2",
        }
    }

    pub fn compute(self, i: &RewardInput) -> f64 {
        match self {
            Reward::Base => base(i.obs, i.target),
            Reward::Shaped | Reward::Scale => shaped_or_scale(self, i.obs, i.target),
            Reward::MaxPunish => max_punish(i),
            Reward::CostAwareV2 => cost_aware_v2(i),
        }
    }
}

fn base(o: Obs, target: u32) -> f64 {
    if at_goal(o, target) { 1.0 } else { 0.0 }
}

fn shaped_or_scale(f: Reward, o: Obs, target: u32) -> f64 {
    if at_goal(o, target) {
        return 1.0;
    }
    let (ready, pending, total, t) = (f64::from(o.ready), f64::from(o.pending), f64::from(o.total), f64::from(target));
    let over = (total - t).max(0.0);
    let under = (t - total).max(0.0);
    let r = if f == Reward::Shaped {
        -0.1 * (ready - t).abs() - 0.05 * pending - 0.15 * over - 0.08 * under
    } else {
        let t = t.max(1.0);
        -0.02 * pending / t - 0.07 * over - 0.03 * under / t
    };
    r.clamp(-1.0, 1.0)
}

fn max_punish(i: &RewardInput) -> f64 {
    let w = i.workload;
    let over = [w.cpu_m > PUNISH_CPU_M, w.mem_bytes > PUNISH_MEM_BYTES, w.replicas > PUNISH_REPLICAS];
    base(i.obs, i.target) - 0.5 * over.iter().filter(|&&b| b).count() as f64
}

/// sim-arena's `cost_aware_v2`, term for term:
/// t = max(1, T); ready_frac, pending_frac = ready/t, pending/t clamped to [0, 1];
/// over = max(0, (total−t)/t); under = max(0, (t−total)/t);
/// health = ready_frac² − 0.85·pending_frac − 0.75·under;
/// cap_cpu = max(501, ⌊16000/t⌋)m, cap_mem = max(256Mi+1, ⌊32Gi/t⌋) bytes;
/// cpu_x = min(1, max(0, cpu−500m)/(cap_cpu−500m)), mem_x likewise with 256Mi; waste = min(1, over);
/// cost = 0.45·cpu_x + 0.45·mem_x + 0.60·waste.
/// At the goal r = 0; healthy (ready ≥ t, pending = 0) r = 0.9 − 0.6·cost; otherwise
/// r = health − w·cost (w = 0.08 with pending pods, else 0.12). Off the goal r = max(−1, r−1).
/// Then clamp to [−1, 0], subtract step_penalty (if > 0) and 0.12 if blocked, clamp again.
fn cost_aware_v2(i: &RewardInput) -> f64 {
    const REF_CPU_M: f64 = 500.0;
    const REF_MEM: f64 = (256u64 << 20) as f64;
    let t = f64::from(i.target.max(1));
    let (ready, pending, total) = (f64::from(i.obs.ready), f64::from(i.obs.pending), f64::from(i.obs.total));
    let ready_frac = (ready / t).clamp(0.0, 1.0);
    let pending_frac = (pending / t).clamp(0.0, 1.0);
    let over = ((total - t) / t).max(0.0);
    let under = ((t - total) / t).max(0.0);
    let health = ready_frac * ready_frac - 0.85 * pending_frac - 0.75 * under;

    let cap_cpu = (16_000.0 / t).floor().max(REF_CPU_M + 1.0);
    let cap_mem = ((32u64 << 30) as f64 / t).floor().max(REF_MEM + 1.0);
    let cpu_x = ((i.workload.cpu_m as f64 - REF_CPU_M).max(0.0) / (cap_cpu - REF_CPU_M)).min(1.0);
    let mem_x = ((i.workload.mem_bytes as f64 - REF_MEM).max(0.0) / (cap_mem - REF_MEM)).min(1.0);
    let waste = over.min(1.0);
    let cost = 0.45 * cpu_x + 0.45 * mem_x + 0.60 * waste;

    let goal = ready == t && pending == 0.0 && total == t;
    let mut r = if goal {
        0.0
    } else if ready >= t && pending == 0.0 {
        0.9 - 0.6 * cost
    } else {
        let w = if pending > 0.0 { 0.08 } else { 0.12 };
        health - w * cost
    };
    if !goal {
        r = (r - 1.0).max(-1.0);
    }
    r = r.clamp(-1.0, 0.0);
    if i.step_penalty > 0.0 {
        r -= i.step_penalty;
    }
    if i.blocked {
        r -= 0.12;
    }
    r.clamp(-1.0, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MI: i128 = 1 << 20;
    const GI: i128 = 1 << 30;

    fn o(ready: u32, pending: u32, total: u32) -> Obs {
        Obs { ready, pending, total }
    }

    /// 500m, 256Mi, 2 replicas: sim-arena's reference pod, no cost.
    fn small() -> Workload {
        Workload { cpu_m: 500, mem_bytes: 256 * MI, replicas: 2 }
    }

    fn input(obs: Obs, target: u32, workload: Workload) -> RewardInput {
        RewardInput { obs, target, workload, blocked: false, step_penalty: 0.0 }
    }

    fn r(f: Reward, obs: Obs, target: u32) -> f64 {
        f.compute(&input(obs, target, small()))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn goal_is_one_for_the_first_four_and_zero_for_cost_aware() {
        for f in [Reward::Base, Reward::Shaped, Reward::Scale, Reward::MaxPunish] {
            assert_eq!(r(f, o(2, 0, 2), 2), 1.0, "{f:?}");
        }
        assert_eq!(r(Reward::CostAwareV2, o(2, 0, 2), 2), 0.0);
        assert_eq!(r(Reward::Base, o(1, 1, 2), 2), 0.0);
    }

    #[test]
    fn shaped_and_scale_follow_the_formulas() {
        // Under: 1 ready of target 3, 1 pending, 2 total.
        assert!(close(r(Reward::Shaped, o(1, 1, 2), 3), -0.2 - 0.05 - 0.08));
        // Over: 5 ready, target 3.
        assert!(close(r(Reward::Shaped, o(5, 0, 5), 3), -0.2 - 0.30));
        assert!(close(r(Reward::Scale, o(1, 1, 2), 3), -0.02 / 3.0 - 0.03 / 3.0));
        assert!(close(r(Reward::Scale, o(5, 0, 5), 3), -0.14));
        // Clamped.
        assert_eq!(r(Reward::Shaped, o(0, 40, 40), 3), -1.0);
        assert_eq!(r(Reward::Scale, o(0, 0, 100), 3), -1.0);
    }

    #[test]
    fn max_punish_takes_half_a_point_per_limit_exceeded() {
        let at = |w: Workload, obs| Reward::MaxPunish.compute(&input(obs, 2, w));
        // At the limits is not over them: 16000m, 32Gi, 100 replicas at the goal = base = 1.
        let edge = Workload { cpu_m: 16_000, mem_bytes: 32 * GI, replicas: 100 };
        assert_eq!(at(edge, o(2, 0, 2)), 1.0);
        // One over (cpu 16001m) at the goal: 1 − 0.5.
        assert_eq!(at(Workload { cpu_m: 16_001, ..edge }, o(2, 0, 2)), 0.5);
        // All three over, off the goal: 0 − 1.5.
        let all = Workload { cpu_m: 16_500, mem_bytes: 32 * GI + 1, replicas: 101 };
        assert_eq!(at(all, o(1, 1, 2)), -1.5);
    }

    #[test]
    fn cost_aware_v2_on_worked_values() {
        let f = |obs, target, w, blocked, step_penalty| {
            Reward::CostAwareV2.compute(&RewardInput { obs, target, workload: w, blocked, step_penalty })
        };
        // Healthy but over: target 2, ready 3, pending 0, total 3, reference pod (no cpu/mem cost).
        // over = 0.5, waste = 0.5, cost = 0.6·0.5 = 0.3; r = 0.9 − 0.18 = 0.72; off goal: −0.28.
        assert!(close(f(o(3, 0, 3), 2, small(), false, 0.0), -0.28));
        // Same state, blocked, step_penalty 0.05: −0.28 − 0.05 − 0.12 = −0.45.
        assert!(close(f(o(3, 0, 3), 2, small(), true, 0.05), -0.45));
        // Pending: target 2, ready 1, pending 1, total 2, cpu 1000m, mem 256Mi.
        // ready_frac 0.5, pending_frac 0.5, under 0: health = 0.25 − 0.425 = −0.175.
        // cap_cpu = 8000; cpu_x = 500/7500 = 1/15; cost = 0.45/15 = 0.03; w = 0.08:
        // r = −0.175 − 0.0024 = −0.1774; −1 → −1.1774 → max(−1) = −1.
        assert!(close(f(o(1, 1, 2), 2, Workload { cpu_m: 1000, ..small() }, false, 0.0), -1.0));
        // Under, nothing pending: target 4, ready 3, total 3, mem 1Gi.
        // ready_frac 0.75 → 0.5625; under 0.25 → −0.1875: health 0.375.
        // cap_mem = 8Gi; mem_x = 768Mi/(8Gi−256Mi) = 768/7936; cost = 0.45·768/7936; w = 0.12.
        let cost = 0.45 * 768.0 / 7936.0;
        let want = 0.375 - 0.12 * cost - 1.0;
        assert!(close(f(o(3, 0, 3), 4, Workload { mem_bytes: GI, ..small() }, false, 0.0), want));
        // The goal with a blocked action: 0 − 0.12.
        assert!(close(f(o(2, 0, 2), 2, small(), true, 0.0), -0.12));
        // Costs saturate: cpu 16000m at target 1 → cap 16000 → cpu_x = 1; healthy at goal? no: total 2.
        // over = 1, waste = 1; cost = 0.45 + 0 + 0.6 = 1.05; r = 0.9 − 0.63 = 0.27 → −0.73.
        assert!(close(f(o(2, 0, 2), 1, Workload { cpu_m: 16_000, ..small() }, false, 0.0), -0.73));
    }

    #[test]
    fn names_round_trip_with_clap_and_serde() {
        use clap::ValueEnum;
        for f in Reward::value_variants() {
            let v = f.to_possible_value().unwrap();
            assert_eq!(v.get_name(), f.name());
            assert_eq!(serde_json::to_value(f).unwrap(), serde_json::json!(f.name()));
        }
    }
}
