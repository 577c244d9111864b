//! The planner: the minimum sequence of sim-arena's seven actions that takes a scenario's start
//! to its goal, over the scheduling model of its profile's nodes (`fit`).
//!
//! An action's effect is `trace edit`'s own (`trace::edit::apply` on a Deployment holding the
//! state, with the default safeguards: floors 50m / 64Mi / 1, limits 16000m / 32Gi / 100), so the
//! planner and the env can never disagree on what an action does or whether it is blocked.
//! Breadth first, so the first goal found is at the minimum depth; actions are tried in
//! `ALL_ACTIONS` order, so the plan is deterministic. `noop` and blocked actions never change the
//! state and are never part of a minimum.

use std::collections::{HashMap, VecDeque};

use rmpv::Value;

use super::fit::{Goal, State, goal_met};
use super::{Neighbour, Profile};
use crate::step::policy::{ALL_ACTIONS, ActionType};
use crate::trace::edit::{Limits, apply, snapshot};
use crate::trace::quantity::{self, Resource};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// The minimum: `actions.len()` steps (0 when the start already meets the goal).
    Found { actions: Vec<ActionType> },
    /// No sequence of at most `max_depth` actions reaches the goal.
    Unreachable { max_depth: u32 },
}

impl Plan {
    pub fn steps(&self) -> Option<u32> {
        match self {
            Plan::Found { actions } => Some(actions.len() as u32),
            _ => None,
        }
    }
}

/// What the planner is asked.
pub struct Problem<'a> {
    pub profile: &'a Profile,
    pub neighbours: &'a [Neighbour],
    pub start: State,
    pub goal: Goal,
    pub max_depth: u32,
}

/// A Deployment holding the state, as `trace edit` sees one.
fn deployment(s: State) -> Value {
    let requests = Value::Map(vec![
        (Value::from("cpu"), Value::from(quantity::format(s.cpu_m, Resource::Cpu))),
        (Value::from("memory"), Value::from(quantity::format(s.mem_bytes, Resource::Memory))),
    ]);
    let container = Value::Map(vec![
        (Value::from("name"), Value::from("web")),
        (Value::from("resources"), Value::Map(vec![(Value::from("requests"), requests)])),
    ]);
    let pod = Value::Map(vec![(Value::from("containers"), Value::Array(vec![container]))]);
    Value::Map(vec![(
        Value::from("spec"),
        Value::Map(vec![
            (Value::from("replicas"), Value::from(s.replicas)),
            (Value::from("template"), Value::Map(vec![(Value::from("spec"), pod)])),
        ]),
    )])
}

/// The state after `action`, or None when the safeguards block it (or it is noop).
pub fn step(s: State, action: ActionType) -> Option<State> {
    let edit = action.edit()?;
    let mut d = deployment(s);
    apply(&mut d, &edit, &Limits::default()).ok()?;
    let snap = snapshot(&d);
    let parse = |v: Option<String>, r| v.and_then(|t| quantity::parse(&t, r).ok());
    Some(State {
        replicas: u32::try_from(snap.replicas?).ok()?,
        cpu_m: parse(snap.cpu, Resource::Cpu)?,
        mem_bytes: parse(snap.memory, Resource::Memory)?,
    })
}

/// Each action changes one dimension and its effect depends only on that dimension's value, so
/// `apply` is asked once per (action, value).
#[derive(Default)]
struct Moves(HashMap<(u8, i128), Option<i128>>);

impl Moves {
    fn next(&mut self, s: State, a: ActionType) -> Option<State> {
        let dim = match a {
            ActionType::Noop => return None,
            ActionType::BumpCpuSmall | ActionType::ReduceCpuSmall => s.cpu_m,
            ActionType::BumpMemSmall | ActionType::ReduceMemSmall => s.mem_bytes,
            ActionType::ScaleUpReplicas | ActionType::ScaleDownReplicas => i128::from(s.replicas),
        };
        let v = (*self.0.entry((a as u8, dim)).or_insert_with(|| {
            step(s, a).map(|n| match a {
                ActionType::BumpCpuSmall | ActionType::ReduceCpuSmall => n.cpu_m,
                ActionType::BumpMemSmall | ActionType::ReduceMemSmall => n.mem_bytes,
                _ => i128::from(n.replicas),
            })
        }))?;
        Some(match a {
            ActionType::BumpCpuSmall | ActionType::ReduceCpuSmall => State { cpu_m: v, ..s },
            ActionType::BumpMemSmall | ActionType::ReduceMemSmall => State { mem_bytes: v, ..s },
            _ => State { replicas: u32::try_from(v).ok()?, ..s },
        })
    }
}

pub fn plan(p: &Problem) -> Plan {
    let met = |s: State| goal_met(p.profile, p.neighbours, &p.goal, s);
    if met(p.start) {
        return Plan::Found { actions: vec![] };
    }
    let mut moves = Moves::default();
    // state -> (previous state, action), for the path back.
    let mut came: HashMap<State, (State, ActionType)> = HashMap::new();
    let mut queue = VecDeque::from([(p.start, 0u32)]);
    let mut found: Option<(State, u32)> = None;
    while let Some((s, depth)) = queue.pop_front() {
        if found.is_some_and(|(_, d)| depth >= d) || depth >= p.max_depth {
            break;
        }
        for a in ALL_ACTIONS {
            let Some(n) = moves.next(s, a) else { continue };
            if n == p.start || came.contains_key(&n) {
                continue;
            }
            came.insert(n, (s, a));
            if !met(n) {
                queue.push_back((n, depth + 1));
            } else if found.is_none() {
                found = Some((n, depth + 1));
            }
        }
    }
    let Some((mut s, _)) = found else { return Plan::Unreachable { max_depth: p.max_depth } };
    let mut actions = vec![];
    while s != p.start {
        let (prev, a) = came[&s];
        actions.push(a);
        s = prev;
    }
    actions.reverse();
    Plan::Found { actions }
}

/// Plays `actions` in the model: the states after each (the first is the start), and whether each
/// meets the goal.
pub fn replay(p: &Problem, actions: &[ActionType]) -> Vec<(State, bool)> {
    let mut s = p.start;
    let mut out = vec![(s, goal_met(p.profile, p.neighbours, &p.goal, s))];
    for &a in actions {
        s = step(s, a).unwrap_or(s);
        out.push((s, goal_met(p.profile, p.neighbours, &p.goal, s)));
    }
    out
}

/// Checks a scenario's stated reference against the model: it is the planner's minimum in
/// length, and playing it meets the goal after its last action and at no state before.
pub fn check_reference(s: &super::Scenario) -> crate::error::Result<()> {
    let prof = super::profile(&s.profile)?;
    let start = State { replicas: s.start.replicas, cpu_m: s.start.cpu_m, mem_bytes: s.start.mem_bytes };
    let goal = Goal { target: s.target, max_cpu_m: s.max_cpu_m, max_mem_bytes: s.max_mem_bytes };
    let problem = Problem { profile: &prof, neighbours: &s.start.neighbours, start, goal, max_depth: s.budget };
    let bad = |m: String, h: &str| super::fields::bad(&s.source, "reference", m, h);
    let names = |a: &[ActionType]| a.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join(", ");
    match plan(&problem) {
        Plan::Unreachable { max_depth } => {
            return Err(bad(
                format!("no sequence of at most {max_depth} actions reaches the goal on profile {}'s nodes", s.profile),
                "change the start, the target or the profile so the goal is reachable within the budget",
            ));
        }
        Plan::Found { actions } if actions.len() as u32 != s.reference_steps => {
            return Err(bad(
                format!(
                    "takes {} step(s), but the minimum is {} ({})",
                    s.reference_steps,
                    actions.len(),
                    names(&actions)
                ),
                "give the planner's minimum as the reference (kubectl skstep scenario show prints it)",
            ));
        }
        Plan::Found { .. } => {}
    }
    let played = replay(&problem, &s.reference);
    let last = played.len() - 1;
    if let Some(i) = played.iter().position(|(_, met)| *met) {
        if i != last {
            return Err(bad(
                format!("the goal is already met after {i} of its {last} action(s)"),
                "drop the actions after it",
            ));
        }
    } else {
        return Err(bad(
            "does not reach the goal".into(),
            "give actions that reach it (the planner's are in scenario show)",
        ));
    }
    Ok(())
}

/// The planner's minimum for a scenario (for `scenario show`).
pub fn plan_for(s: &super::Scenario) -> crate::error::Result<Plan> {
    let prof = super::profile(&s.profile)?;
    let start = State { replicas: s.start.replicas, cpu_m: s.start.cpu_m, mem_bytes: s.start.mem_bytes };
    let goal = Goal { target: s.target, max_cpu_m: s.max_cpu_m, max_mem_bytes: s.max_mem_bytes };
    Ok(plan(&Problem { profile: &prof, neighbours: &s.start.neighbours, start, goal, max_depth: s.budget }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ActionType::*;

    const GI: i128 = 1 << 30;
    const MI: i128 = 1 << 20;

    fn solve(profile: &str, start: State, target: u32) -> Plan {
        let p = super::super::profile(profile).unwrap();
        let goal = Goal { target, max_cpu_m: None, max_mem_bytes: None };
        plan(&Problem { profile: &p, neighbours: &[], start, goal, max_depth: 40 })
    }

    fn s(replicas: u32, cpu_m: i128, mem_bytes: i128) -> State {
        State { replicas, cpu_m, mem_bytes }
    }

    #[test]
    fn the_actions_are_trace_edits_with_its_safeguards() {
        assert_eq!(step(s(3, 500, GI), ReduceCpuSmall), None, "500m - 500m = 0 is under the 50m floor");
        assert_eq!(step(s(3, 16_000, GI), BumpCpuSmall), None, "over 16000m");
        assert_eq!(step(s(1, 500, GI), ScaleDownReplicas), None);
        assert_eq!(step(s(100, 500, GI), ScaleUpReplicas), None);
        assert_eq!(step(s(3, 500, GI), BumpMemSmall), Some(s(3, 500, GI + 256 * MI)));
        assert_eq!(step(s(3, 500, GI), Noop), None);
    }

    #[test]
    fn over_the_limit_a_reduction_is_allowed_as_in_sim_arena() {
        // sim-arena's safeguards check a reduction against the floor only.
        assert_eq!(step(s(3, 20_000, GI), ReduceCpuSmall), Some(s(3, 19_500, GI)));
        assert_eq!(step(s(3, 500, 33 * GI), ReduceMemSmall), Some(s(3, 500, 33 * GI - 256 * MI)));
    }

    #[test]
    fn worked_cases_on_sim_arenas_nodes() {
        // 3 × 33Gi on 32Gi nodes: four 256Mi reductions reach 32Gi, which fits exactly.
        assert_eq!(solve("simarena", s(3, 500, 33 * GI), 3), Plan::Found { actions: vec![ReduceMemSmall; 4] });
        // 3 × 20000m on 16-CPU nodes: eight 500m reductions.
        assert_eq!(solve("simarena", s(3, 20_000, 2 * GI), 3).steps(), Some(8));
        // Both over: two cpu and four memory reductions, in either order; six in all.
        assert_eq!(solve("simarena", s(3, 17_000, 33 * GI), 3).steps(), Some(6));
        // Replicas: the difference, nothing else.
        assert_eq!(solve("simarena", s(5, 500, 512 * MI), 3), Plan::Found { actions: vec![ScaleDownReplicas; 2] });
        assert_eq!(solve("simarena", s(2, 500, 512 * MI), 10).steps(), Some(8));
        assert_eq!(solve("simarena", s(2, 500, 512 * MI), 2), Plan::Found { actions: vec![] });
    }

    #[test]
    fn scaling_up_onto_full_nodes_needs_smaller_pods_first() {
        // 8000m pods: two per 16-CPU node, six on three nodes. A seventh needs three per node,
        // so pods of at most 5333m: six reductions to 5000m, then one more replica.
        let plan = solve("simarena", s(6, 8000, GI), 7);
        assert_eq!(plan.steps(), Some(7), "{plan:?}");
        let Plan::Found { actions } = plan else { unreachable!() };
        assert_eq!(actions.iter().filter(|a| **a == ReduceCpuSmall).count(), 6);
        assert_eq!(actions.iter().filter(|a| **a == ScaleUpReplicas).count(), 1);
    }

    #[test]
    fn an_unreachable_goal_says_so() {
        // 101 replicas are beyond the 100-replica safeguard.
        assert_eq!(solve("simarena", s(99, 50, 64 * MI), 101), Plan::Unreachable { max_depth: 40 });
    }

    #[test]
    fn replay_shows_the_goal_met_only_after_the_last_action() {
        let p = super::super::profile("simarena").unwrap();
        let goal = Goal { target: 3, max_cpu_m: None, max_mem_bytes: None };
        let pr = Problem { profile: &p, neighbours: &[], start: s(3, 17_000, 2 * GI), goal, max_depth: 10 };
        let r = replay(&pr, &[ReduceCpuSmall, ReduceCpuSmall]);
        assert_eq!(r.iter().map(|x| x.1).collect::<Vec<_>>(), vec![false, false, true]);
    }
}
