//! The scheduling model: which of a Deployment's pods the scheduler can place on a profile's
//! KWOK nodes. A KWOK node is its allocatable cpu, memory and pods, nothing else (no kubelet
//! reservations, no daemon pods on the virtual nodes); the scheduler's fit predicate
//! (NodeResourcesFit) places a pod where requested + pod ≤ allocatable in every resource.
//!
//! The target's pods are identical, so how many fit does not depend on which node the scheduler
//! picks: each node takes them until one resource runs out. Neighbours are applied in an event of
//! their own before the target's (`load::NEIGHBOUR_LEAD_S`), so the scheduler has placed them when
//! the target's pods come; they are placed as its LeastAllocated scoring spreads them.

use super::{Neighbour, Profile};

/// The target Deployment's state: what the seven actions change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct State {
    pub replicas: u32,
    pub cpu_m: i128,
    pub mem_bytes: i128,
}

/// ready / pending / total as `observe` would count them once the pods have settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub ready: u32,
    pub pending: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Free {
    cpu_m: i128,
    mem: i128,
    pods: i128,
}

/// How many pods of (cpu, mem) fit on `free`.
fn per_node(free: Free, cpu_m: i128, mem: i128) -> i128 {
    let by = |have: i128, need: i128| if need <= 0 { i128::MAX } else { have.max(0) / need };
    by(free.cpu_m, cpu_m).min(by(free.mem, mem)).min(free.pods.max(0))
}

fn nodes(p: &Profile) -> Vec<Free> {
    vec![Free { cpu_m: p.cpu_m, mem: p.memory_bytes, pods: i128::from(p.pods) }; p.virtual_nodes as usize]
}

/// Places `count` pods one at a time as the default scheduler's LeastAllocated scoring would:
/// on the fitting node with the most free capacity (cpu and memory shares; ties: the first).
/// Returns how many were placed.
fn place(nodes: &mut [Free], p: &Profile, count: u32, cpu_m: i128, mem: i128) -> u32 {
    let mut placed = 0;
    for _ in 0..count {
        let score = |f: &Free| f.cpu_m as f64 / p.cpu_m as f64 + f.mem as f64 / p.memory_bytes as f64;
        let best =
            nodes.iter_mut().filter(|f| per_node(**f, cpu_m, mem) >= 1).fold(None::<&mut Free>, |b, f| match b {
                Some(b) if score(b) >= score(f) => Some(b),
                _ => Some(f),
            });
        let Some(f) = best else { break };
        f.cpu_m -= cpu_m;
        f.mem -= mem;
        f.pods -= 1;
        placed += 1;
    }
    placed
}

/// The target's pods once the neighbours are placed.
pub fn observe(p: &Profile, neighbours: &[Neighbour], s: State) -> Seen {
    let mut free = nodes(p);
    for n in neighbours {
        place(&mut free, p, n.replicas, n.cpu_m, n.mem_bytes);
    }
    // Identical pods: every node takes them until it is full, whatever the order.
    let room: i128 = free.iter().map(|f| per_node(*f, s.cpu_m, s.mem_bytes)).sum();
    let ready = u32::try_from(room.min(i128::from(s.replicas))).expect("at most replicas");
    Seen { ready, pending: s.replicas - ready, total: s.replicas }
}

/// The success condition: ready = total = target, pending 0, requests under the ceilings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goal {
    pub target: u32,
    pub max_cpu_m: Option<i128>,
    pub max_mem_bytes: Option<i128>,
}

impl Goal {
    pub fn met(&self, seen: Seen, s: State) -> bool {
        seen.ready == self.target
            && seen.total == self.target
            && seen.pending == 0
            && self.max_cpu_m.is_none_or(|m| s.cpu_m <= m)
            && self.max_mem_bytes.is_none_or(|m| s.mem_bytes <= m)
    }
}

/// Whether `s` meets the goal on the profile's nodes.
pub fn goal_met(p: &Profile, neighbours: &[Neighbour], goal: &Goal, s: State) -> bool {
    goal.met(observe(p, neighbours, s), s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simarena() -> Profile {
        super::super::profile("simarena").unwrap()
    }

    const GI: i128 = 1 << 30;

    #[test]
    fn a_node_takes_a_pod_that_fills_it_exactly_and_not_one_byte_more() {
        let p = simarena();
        let s = |cpu_m, mem| State { replicas: 3, cpu_m, mem_bytes: mem };
        assert_eq!(observe(&p, &[], s(16_000, 32 * GI)), (Seen { ready: 3, pending: 0, total: 3 }));
        assert_eq!(observe(&p, &[], s(16_001, GI)), (Seen { ready: 0, pending: 3, total: 3 }));
        assert_eq!(observe(&p, &[], s(500, 32 * GI + 1)), (Seen { ready: 0, pending: 3, total: 3 }));
        // 8000m: two per node, six on three nodes; the seventh is pending.
        let seven = State { replicas: 7, cpu_m: 8000, mem_bytes: GI };
        assert_eq!(observe(&p, &[], seven), (Seen { ready: 6, pending: 1, total: 7 }));
    }

    #[test]
    fn the_pods_allocatable_binds_too() {
        let mut p = simarena();
        p.pods = 2;
        let s = State { replicas: 10, cpu_m: 50, mem_bytes: 64 << 20 };
        assert_eq!(observe(&p, &[], s), Seen { ready: 6, pending: 4, total: 10 });
    }

    #[test]
    fn neighbours_take_their_room_first() {
        let p = simarena();
        // One 10-CPU neighbour pod per node leaves 6 CPU: a 6-CPU target pod fits beside it…
        let n = vec![Neighbour { deploy: "noisy".into(), replicas: 3, cpu_m: 10_000, mem_bytes: GI }];
        let fits = State { replicas: 3, cpu_m: 6000, mem_bytes: GI };
        assert_eq!(observe(&p, &n, fits), Seen { ready: 3, pending: 0, total: 3 });
        // …an 8-CPU one does not, though it would on empty nodes.
        let big = State { replicas: 3, cpu_m: 8000, mem_bytes: GI };
        assert_eq!(observe(&p, &n, big), Seen { ready: 0, pending: 3, total: 3 });
        assert_eq!(observe(&p, &[], big), Seen { ready: 3, pending: 0, total: 3 });
        // Two neighbour pods of 5 CPU spread over two nodes (LeastAllocated), not stacked on one.
        let two = vec![Neighbour { deploy: "noisy".into(), replicas: 2, cpu_m: 5000, mem_bytes: GI }];
        let eleven = State { replicas: 3, cpu_m: 11_000, mem_bytes: GI };
        assert_eq!(observe(&p, &two, eleven), Seen { ready: 3, pending: 0, total: 3 });
        let goal = Goal { target: 3, max_cpu_m: None, max_mem_bytes: None };
        assert!(!goal_met(&p, &n, &goal, big));
        assert!(goal_met(&p, &n, &goal, fits));
    }

    #[test]
    fn ceilings_are_part_of_the_goal() {
        let goal = Goal { target: 2, max_cpu_m: Some(1000), max_mem_bytes: None };
        let seen = Seen { ready: 2, pending: 0, total: 2 };
        assert!(goal.met(seen, State { replicas: 2, cpu_m: 1000, mem_bytes: GI }));
        assert!(!goal.met(seen, State { replicas: 2, cpu_m: 1500, mem_bytes: GI }));
    }
}
