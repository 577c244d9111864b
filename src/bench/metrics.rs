//! The bench's scores, from finished episodes (runs): per scenario, then per tier, per problem
//! type and overall.
//!
//! - pass@1: the fraction of a scenario's runs that solved it; pass@k: the unbiased estimator of
//!   Chen et al. 2021 (`1 − C(n−c, k)/C(n, k)`, n runs, c solved, k = the repeats asked for),
//!   computed as a product so it never overflows; pass^k: the chance that k runs drawn from the
//!   n all solve it, `C(c, k)/C(n, k)` (τ-bench's estimator; with n = k, "all K solved").
//!   A group's pass@1, pass@k and pass^k are the means over its scenarios (each counts once).
//! - efficiency of a solved run: `reference_steps / steps_to_solve`. A run solved at the start
//!   (0 actions) scores 1.0: nothing was needed beyond what it did, whatever the reference says
//!   (0/0 for a scenario whose reference is empty). Above 1.0 means the agent beat the reference,
//!   which is reported as is (the reference is the planner's minimum, so it flags a cluster that
//!   behaved differently). A group's efficiency is the mean over its solved runs; none: `null`.
//! - over-provisioning: requests above what the target needs, from the final state: the
//!   requested total (replicas × per-pod request) above the reference solution's final total,
//!   as a fraction of the profile's allocatable, cpu and memory averaged (0 = no more than the
//!   reference asks for).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::step::reward::Workload;

/// How a finished episode ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum End {
    /// The goal was met (the episode stops there).
    Goal,
    /// The step budget ran out first.
    Budget,
}

/// One finished episode of one scenario: what the journal keeps and the document lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub scenario: String,
    pub tier: String,
    pub problem: String,
    /// 1-based.
    pub repeat: u32,
    pub context: String,
    pub end: End,
    /// Actions applied before the first observation meeting the goal (0: solved at the start).
    pub steps_to_solve: Option<u32>,
    pub reference_steps: u32,
    /// Actions the agent took.
    pub actions: u32,
    /// Simulations run (the initial one included): one step record each.
    pub simulated_steps: u32,
    /// The sum of the rewards of the steps after an action.
    #[serde(rename = "return")]
    pub ret: f64,
    pub over_provisioning: Option<f64>,
    /// The Deployment's final state in the trace.
    pub final_workload: Option<Workload>,
    pub wall_s: f64,
}

impl Run {
    pub fn solved(&self) -> bool {
        self.end == End::Goal
    }

    /// See the module's doc; None when not solved.
    pub fn efficiency(&self) -> Option<f64> {
        let s = self.steps_to_solve.filter(|_| self.solved())?;
        Some(if s == 0 { 1.0 } else { f64::from(self.reference_steps) / f64::from(s) })
    }
}

/// pass@k's unbiased estimator: 1 − C(n−c, k)/C(n, k) = 1 − ∏_{i=n−c+1}^{n} (1 − k/i).
/// None when k is 0 or above n (not estimable from n runs).
pub fn pass_at_k(n: u32, c: u32, k: u32) -> Option<f64> {
    if k == 0 || k > n || c > n {
        return None;
    }
    if n - c < k {
        return Some(1.0);
    }
    let p: f64 = (n - c + 1..=n).map(|i| 1.0 - f64::from(k) / f64::from(i)).product();
    Some(1.0 - p)
}

/// pass^k: C(c, k)/C(n, k) = ∏_{i=0}^{k−1} (c−i)/(n−i); None when k is 0 or above n.
pub fn pass_hat_k(n: u32, c: u32, k: u32) -> Option<f64> {
    if k == 0 || k > n || c > n {
        return None;
    }
    if c < k {
        return Some(0.0);
    }
    Some((0..k).map(|i| f64::from(c - i) / f64::from(n - i)).product())
}

/// The scores of a set of runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub scenarios: u32,
    pub runs: u32,
    pub solved: u32,
    pub pass_at_1: f64,
    /// pass@k with k = `k`.
    pub pass_at_k: Option<f64>,
    pub pass_hat_k: Option<f64>,
    pub k: u32,
    pub efficiency: Option<f64>,
    pub mean_steps_to_solve: Option<f64>,
    pub mean_return: f64,
    pub over_provisioning: Option<f64>,
    pub simulated_steps: u64,
    pub wall_s: f64,
}

fn mean(xs: impl Iterator<Item = f64>) -> Option<f64> {
    let (n, s) = xs.fold((0u32, 0.0), |(n, s), x| (n + 1, s + x));
    (n > 0).then(|| s / f64::from(n))
}

/// Scores `runs` (any mix of scenarios) with pass@k at `k`: per-scenario estimates, averaged.
pub fn score(runs: &[&Run], k: u32) -> Metrics {
    let mut by: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for r in runs {
        let e = by.entry(r.scenario.as_str()).or_default();
        e.0 += 1;
        e.1 += u32::from(r.solved());
    }
    let per = |f: fn(u32, u32, u32) -> Option<f64>, k: u32| -> Option<f64> {
        let xs: Option<Vec<f64>> = by.values().map(|&(n, c)| f(n, c, k)).collect();
        mean(xs?.into_iter())
    };
    let solved: Vec<&&Run> = runs.iter().filter(|r| r.solved()).collect();
    Metrics {
        scenarios: by.len() as u32,
        runs: runs.len() as u32,
        solved: solved.len() as u32,
        pass_at_1: per(pass_at_k, 1).unwrap_or(0.0),
        pass_at_k: per(pass_at_k, k),
        pass_hat_k: per(pass_hat_k, k),
        k,
        efficiency: mean(solved.iter().filter_map(|r| r.efficiency())),
        mean_steps_to_solve: mean(solved.iter().filter_map(|r| r.steps_to_solve).map(f64::from)),
        mean_return: mean(runs.iter().map(|r| r.ret)).unwrap_or(0.0),
        over_provisioning: mean(runs.iter().filter_map(|r| r.over_provisioning)),
        simulated_steps: runs.iter().map(|r| u64::from(r.simulated_steps)).sum(),
        wall_s: runs.iter().map(|r| r.wall_s).sum(),
    }
}

/// Groups runs by a key (tier, problem type) and scores each group.
pub fn by_key(runs: &[Run], k: u32, key: fn(&Run) -> &str) -> BTreeMap<String, Metrics> {
    let mut groups: BTreeMap<String, Vec<&Run>> = BTreeMap::new();
    for r in runs {
        groups.entry(key(r).to_string()).or_default().push(r);
    }
    groups.into_iter().map(|(g, rs)| (g, score(&rs, k))).collect()
}

/// The allocatable a profile offers in total: virtual nodes × per-node cpu and memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    pub cpu_m: i128,
    pub mem_bytes: i128,
}

/// Requests above what the reference's final state asks for, as a fraction of `cap` (cpu and
/// memory averaged). None when a product overflows or the capacity is not positive.
pub fn over_provisioning(last: Workload, need: Workload, cap: Capacity) -> Option<f64> {
    if cap.cpu_m <= 0 || cap.mem_bytes <= 0 {
        return None;
    }
    let total = |w: Workload, per: i128| i128::from(w.replicas.max(0)).checked_mul(per.max(0));
    let over = |have: Option<i128>, want: Option<i128>| Some((have? - want?).max(0));
    let cpu = over(total(last, last.cpu_m), total(need, need.cpu_m))?;
    let mem = over(total(last, last.mem_bytes), total(need, need.mem_bytes))?;
    Some((cpu as f64 / cap.cpu_m as f64 + mem as f64 / cap.mem_bytes as f64) / 2.0)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// C(a, b) exactly, for small values.
    fn choose(a: u64, b: u64) -> f64 {
        if b > a {
            return 0.0;
        }
        (0..b).fold(1.0, |acc, i| acc * (a - i) as f64 / (i + 1) as f64)
    }

    #[test]
    fn pass_at_k_matches_the_binomial_form() {
        for n in 1..=12u32 {
            for c in 0..=n {
                for k in 1..=n {
                    let want = 1.0 - choose(u64::from(n - c), u64::from(k)) / choose(u64::from(n), u64::from(k));
                    let got = pass_at_k(n, c, k).unwrap();
                    assert!((got - want).abs() < 1e-12, "n {n} c {c} k {k}: {got} vs {want}");
                    let hat = choose(u64::from(c), u64::from(k)) / choose(u64::from(n), u64::from(k));
                    assert!((pass_hat_k(n, c, k).unwrap() - hat).abs() < 1e-12, "pass^k n {n} c {c} k {k}");
                }
            }
        }
        assert_eq!(pass_at_k(5, 0, 5), Some(0.0));
        assert_eq!(pass_at_k(5, 1, 5), Some(1.0));
        assert!((pass_at_k(5, 2, 1).unwrap() - 0.4).abs() < 1e-12, "pass@1 = c/n");
        assert_eq!(pass_hat_k(5, 5, 5), Some(1.0), "all K solved");
        assert_eq!(pass_hat_k(5, 4, 5), Some(0.0));
        assert_eq!((pass_at_k(3, 1, 4), pass_at_k(3, 1, 0), pass_at_k(3, 4, 1)), (None, None, None));
    }

    #[test]
    fn pass_at_k_does_not_overflow_where_the_binomials_would() {
        // C(10000, 5000) is far beyond f64; the product form stays in [0, 1].
        let p = pass_at_k(10_000, 17, 5000).unwrap();
        assert!(p.is_finite() && p > 0.99999 && p <= 1.0, "{p}");
        let p = pass_at_k(u32::MAX, 1, 1).unwrap();
        assert!(p.is_finite() && p > 0.0 && p < 1e-9, "{p}");
        assert!(pass_hat_k(10_000, 9_999, 5000).unwrap().is_finite());
    }

    pub(crate) fn run(scenario: &str, tier: &str, repeat: u32, solved_at: Option<u32>, reference: u32) -> Run {
        Run {
            scenario: scenario.into(),
            tier: tier.into(),
            problem: format!("p-{tier}"),
            repeat,
            context: "c1".into(),
            end: if solved_at.is_some() { End::Goal } else { End::Budget },
            steps_to_solve: solved_at,
            reference_steps: reference,
            actions: solved_at.unwrap_or(10),
            simulated_steps: solved_at.unwrap_or(10) + 1,
            ret: if solved_at.is_some() { 1.0 } else { 0.0 },
            over_provisioning: Some(0.0),
            final_workload: None,
            wall_s: 2.0,
        }
    }

    #[test]
    fn efficiency_is_the_reference_over_the_steps_and_one_at_the_start() {
        assert_eq!(run("a", "t", 1, Some(4), 2).efficiency(), Some(0.5));
        assert_eq!(run("a", "t", 1, Some(2), 2).efficiency(), Some(1.0));
        assert_eq!(run("a", "t", 1, Some(0), 0).efficiency(), Some(1.0), "0/0: solved at the start");
        assert_eq!(run("a", "t", 1, Some(0), 3).efficiency(), Some(1.0), "nothing needed doing");
        assert_eq!(run("a", "t", 1, Some(1), 2).efficiency(), Some(2.0), "beating the reference shows");
        assert_eq!(run("a", "t", 1, None, 2).efficiency(), None);
    }

    #[test]
    fn groups_average_over_scenarios_and_runs() {
        // a: 2 of 3 solved (steps 2 and 4, reference 2); b: 0 of 3.
        let runs = vec![
            run("a", "easy", 1, Some(2), 2),
            run("a", "easy", 2, None, 2),
            run("a", "easy", 3, Some(4), 2),
            run("b", "hard", 1, None, 1),
            run("b", "hard", 2, None, 1),
            run("b", "hard", 3, None, 1),
        ];
        let all: Vec<&Run> = runs.iter().collect();
        let m = score(&all, 3);
        assert_eq!((m.scenarios, m.runs, m.solved), (2, 6, 2));
        assert!((m.pass_at_1 - (2.0 / 3.0 + 0.0) / 2.0).abs() < 1e-12);
        assert_eq!(m.pass_at_k, Some(0.5), "a is solved in some 3 of 3, b never");
        assert_eq!(m.pass_hat_k, Some(0.0), "neither is solved all 3 times");
        assert_eq!(m.efficiency, Some(0.75), "mean of 1.0 and 0.5");
        assert_eq!(m.mean_steps_to_solve, Some(3.0));
        assert!((m.mean_return - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!((m.simulated_steps, m.wall_s), (3 + 11 + 5 + 33, 12.0));
        let tiers = by_key(&runs, 3, |r| &r.tier);
        assert_eq!(tiers.keys().collect::<Vec<_>>(), vec!["easy", "hard"]);
        assert_eq!((tiers["easy"].pass_at_k, tiers["hard"].efficiency), (Some(1.0), None));
        // Fewer runs than k: pass@k is not estimable, never a made-up number.
        assert_eq!(score(&all, 4).pass_at_k, None);
    }

    #[test]
    fn over_provisioning_counts_only_requests_above_the_reference() {
        let cap = Capacity { cpu_m: 16_000 * 4, mem_bytes: (32i128 << 30) * 4 };
        let need = Workload { cpu_m: 1000, mem_bytes: 1 << 30, replicas: 3 };
        assert_eq!(over_provisioning(need, need, cap), Some(0.0));
        let more = Workload { replicas: 5, ..need };
        // 2 extra pods: 2000m of 64000m and 2Gi of 128Gi, averaged.
        let want = (2000.0 / 64000.0 + 2.0 / 128.0) / 2.0;
        assert!((over_provisioning(more, need, cap).unwrap() - want).abs() < 1e-12);
        let less = Workload { cpu_m: 500, ..need };
        assert_eq!(over_provisioning(less, need, cap), Some(0.0), "below the reference is not over");
        let huge = Workload { cpu_m: i128::MAX, mem_bytes: 1, replicas: 5 };
        assert_eq!(over_provisioning(huge, need, cap), None, "overflow is no number");
        assert_eq!(over_provisioning(need, need, Capacity { cpu_m: 0, mem_bytes: 1 }), None);
    }
}
