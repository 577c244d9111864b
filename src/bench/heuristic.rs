//! `heuristic`: a rule-based autoscaler worth beating. It reads what an operator reads — pending,
//! total and unscheduled pods, the Deployment's replicas and per-pod requests — and holds the
//! requests against the node profile (how many pods of that size fit a node, and all nodes):
//!
//! 1. at the goal: noop;
//! 2. a pod asks for more cpu (memory) than one node allocates, or more than the scenario's
//!    ceiling: reduce it (no node could ever take it);
//! 3. more replicas than the target: scale down; fewer: scale up;
//! 4. the target does not fit the nodes at these requests: reduce the resource that binds;
//! 5. pods the scheduler could not place although the model says they fit (a neighbour took the
//!    room): reduce the request that takes the larger share of a node;
//! 6. otherwise (pods starting, a rolling update): wait (noop).
//!
//! A reduction that the safeguard floors would block (cpu 50m, memory 64Mi) is not tried.

use crate::model::Obs;
use crate::step::policy::ActionType;
use crate::step::reward::Workload;

const CPU_STEP_M: i128 = 500;
const MEM_STEP: i128 = 256 << 20;
const MIN_CPU_M: i128 = 50;
const MIN_MEM: i128 = 64 << 20;

/// The nodes a scenario's profile makes: how many, and what each allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nodes {
    pub count: u32,
    pub cpu_m: i128,
    pub mem_bytes: i128,
    pub pods: u32,
}

/// What the rule looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub obs: Obs,
    pub target: u32,
    pub workload: Workload,
    /// Pods with no node (None: not observed).
    pub unscheduled: Option<u32>,
    pub nodes: Nodes,
    pub max_cpu_m: Option<i128>,
    pub max_mem_bytes: Option<i128>,
}

/// How many pods of `w`'s size one node takes (pods, cpu and memory all bound it).
pub fn per_node(w: Workload, n: Nodes) -> u64 {
    let fit = |have: i128, each: i128| if each <= 0 { u64::MAX } else { u64::try_from(have / each).unwrap_or(0) };
    fit(n.cpu_m, w.cpu_m).min(fit(n.mem_bytes, w.mem_bytes)).min(u64::from(n.pods))
}

pub fn decide(v: &View) -> ActionType {
    let w = v.workload;
    let can_cpu = w.cpu_m - CPU_STEP_M >= MIN_CPU_M;
    let can_mem = w.mem_bytes - MEM_STEP >= MIN_MEM;
    let within = v.max_cpu_m.is_none_or(|m| w.cpu_m <= m) && v.max_mem_bytes.is_none_or(|m| w.mem_bytes <= m);
    let o = v.obs;
    if o.ready == v.target && o.total == v.target && o.pending == 0 && within {
        return ActionType::Noop;
    }
    if can_cpu && (w.cpu_m > v.nodes.cpu_m || v.max_cpu_m.is_some_and(|m| w.cpu_m > m)) {
        return ActionType::ReduceCpuSmall;
    }
    if can_mem && (w.mem_bytes > v.nodes.mem_bytes || v.max_mem_bytes.is_some_and(|m| w.mem_bytes > m)) {
        return ActionType::ReduceMemSmall;
    }
    let target = i64::from(v.target);
    if w.replicas > target {
        return ActionType::ScaleDownReplicas;
    }
    if w.replicas < target {
        return ActionType::ScaleUpReplicas;
    }
    let fits = per_node(w, v.nodes).saturating_mul(u64::from(v.nodes.count));
    // Shares of a node, compared without division: cpu/ncpu against mem/nmem.
    let cpu_binds = w.cpu_m.saturating_mul(v.nodes.mem_bytes) >= w.mem_bytes.saturating_mul(v.nodes.cpu_m);
    let shrink = |cpu_first: bool| match (cpu_first, can_cpu, can_mem) {
        (true, true, _) | (false, true, false) => ActionType::ReduceCpuSmall,
        (_, _, true) => ActionType::ReduceMemSmall,
        _ => ActionType::Noop,
    };
    if fits < u64::from(v.target) {
        return shrink(cpu_binds);
    }
    if o.pending > 0 && v.unscheduled.unwrap_or(o.pending) > 0 {
        return shrink(cpu_binds);
    }
    ActionType::Noop
}

#[cfg(test)]
mod tests {
    use super::*;

    const GI: i128 = 1 << 30;
    /// sim-arena's kind nodes: 16 CPU / 32Gi.
    const SIMARENA: Nodes = Nodes { count: 4, cpu_m: 16_000, mem_bytes: 32 * GI, pods: 110 };

    fn view(obs: (u32, u32, u32), target: u32, w: (i128, i128, i64)) -> View {
        View {
            obs: Obs { ready: obs.0, pending: obs.1, total: obs.2 },
            target,
            workload: Workload { cpu_m: w.0, mem_bytes: w.1, replicas: w.2 },
            unscheduled: Some(obs.1),
            nodes: SIMARENA,
            max_cpu_m: None,
            max_mem_bytes: None,
        }
    }

    /// Plays the rule on a model of the cluster until the goal or 20 actions; the actions taken.
    fn play(mut v: View) -> Vec<ActionType> {
        let mut acts = vec![];
        for _ in 0..20 {
            let a = decide(&v);
            if a == ActionType::Noop {
                return acts;
            }
            acts.push(a);
            let w = &mut v.workload;
            match a {
                ActionType::ReduceCpuSmall => w.cpu_m -= CPU_STEP_M,
                ActionType::BumpCpuSmall => w.cpu_m += CPU_STEP_M,
                ActionType::ReduceMemSmall => w.mem_bytes -= MEM_STEP,
                ActionType::BumpMemSmall => w.mem_bytes += MEM_STEP,
                ActionType::ScaleUpReplicas => w.replicas += 1,
                ActionType::ScaleDownReplicas => w.replicas -= 1,
                ActionType::Noop => {}
            }
            let placed = (per_node(*w, v.nodes) * u64::from(v.nodes.count)).min(w.replicas as u64) as u32;
            let total = w.replicas as u32;
            v.obs = Obs { ready: placed, pending: total - placed, total };
            v.unscheduled = Some(total - placed);
        }
        panic!("no goal after 20 actions: {acts:?}");
    }

    #[test]
    fn at_the_goal_it_waits() {
        assert_eq!(decide(&view((3, 0, 3), 3, (500, GI, 3))), ActionType::Noop);
    }

    #[test]
    fn it_solves_sim_arenas_resource_scenarios_in_their_minimum() {
        // cpu-slight: 3 × 17000m on 16-CPU nodes: 2 reductions.
        assert_eq!(play(view((0, 3, 3), 3, (17_000, GI, 3))), vec![ActionType::ReduceCpuSmall; 2]);
        // mem-slight: 3 × 33Gi on 32Gi nodes: 4 reductions of 256Mi.
        assert_eq!(play(view((0, 3, 3), 3, (500, 33 * GI, 3))), vec![ActionType::ReduceMemSmall; 4]);
        // cpu-heavy: 20000m: 8.
        assert_eq!(play(view((0, 3, 3), 3, (20_000, GI, 3))), vec![ActionType::ReduceCpuSmall; 8]);
        // both over: cpu first, then memory.
        let acts = play(view((0, 3, 3), 3, (17_000, 33 * GI, 3)));
        assert_eq!(acts.len(), 6, "{acts:?}");
    }

    #[test]
    fn it_scales_to_the_target() {
        assert_eq!(play(view((5, 0, 5), 3, (500, GI, 5))), vec![ActionType::ScaleDownReplicas; 2]);
        assert_eq!(play(view((1, 0, 1), 4, (500, GI, 1))), vec![ActionType::ScaleUpReplicas; 3]);
    }

    #[test]
    fn it_shrinks_what_binds_when_the_target_does_not_fit_all_nodes() {
        // 2 small nodes of 4 CPU / 8Gi; 6 pods of 3000m / 1Gi: 1 per node, 2 fit; at 2000m, 4 fit;
        // at 1000m, 8: four reductions of the binding resource (cpu), never memory.
        let mut v = view((2, 4, 6), 6, (3000, GI, 6));
        v.nodes = Nodes { count: 2, cpu_m: 4000, mem_bytes: 8 * GI, pods: 110 };
        assert_eq!(play(v), vec![ActionType::ReduceCpuSmall; 4]);
        // Memory binds: 2 nodes of 64 CPU / 4Gi, pods of 1500Mi: 2 per node.
        v.nodes = Nodes { count: 2, cpu_m: 64_000, mem_bytes: 4 * GI, pods: 110 };
        v.workload = Workload { cpu_m: 500, mem_bytes: 1500 << 20, replicas: 6 };
        v.obs = Obs { ready: 4, pending: 2, total: 6 };
        assert_eq!(decide(&v), ActionType::ReduceMemSmall);
    }

    #[test]
    fn it_waits_for_starting_pods_and_shrinks_for_a_neighbour() {
        // Pending but scheduled (slow start through KWOK's stages): wait.
        let mut v = view((1, 2, 3), 3, (500, GI, 3));
        v.unscheduled = Some(0);
        assert_eq!(decide(&v), ActionType::Noop);
        // Unscheduled although the profile has room: a neighbour took it; cpu takes the larger share.
        v.unscheduled = Some(2);
        v.workload.cpu_m = 8000;
        assert_eq!(decide(&v), ActionType::ReduceCpuSmall);
        v.workload = Workload { cpu_m: 100, mem_bytes: 16 * GI, replicas: 3 };
        assert_eq!(decide(&v), ActionType::ReduceMemSmall);
        // At the floors nothing can shrink: wait rather than take a blocked action.
        v.workload = Workload { cpu_m: 50, mem_bytes: 64 << 20, replicas: 3 };
        assert_eq!(decide(&v), ActionType::Noop);
    }

    #[test]
    fn ceilings_are_part_of_the_goal() {
        let mut v = view((3, 0, 3), 3, (2000, GI, 3));
        v.max_cpu_m = Some(1000);
        assert_eq!(play(v), vec![ActionType::ReduceCpuSmall; 2]);
        v.max_cpu_m = None;
        v.max_mem_bytes = Some(GI / 2);
        assert_eq!(play(v), vec![ActionType::ReduceMemSmall; 2]);
    }
}
