//! Which context plays which scenario. A scenario needs its profile's nodes (sim-arena's cpu-slight
//! is solved before the agent moves on nodes of 1000 CPU), and a suite may mix profiles (a
//! generated split: node-pressure needs `small`, every other template `simarena`). Each context's
//! nodes are read once; a scenario goes only to the contexts whose nodes are its profile's, each
//! such group of contexts playing its scenarios over the pool (`step::pool::run_jobs`). A profile
//! no context has is refused before anything is played, naming its scenarios, what each context
//! differs in and the command that starts such a cluster.

use std::collections::BTreeMap;

use crate::cluster::nodes::{fix_hint, profile_differences};
use crate::error::{Error, Result};
use crate::scenario::{Profile, Scenario};
use crate::step::pool::Member;

/// Contexts and the scenarios (indices into the suite) they play.
pub struct Group {
    pub members: Vec<Member>,
    pub scenarios: Vec<usize>,
}

/// The groups of `members` for `scenarios`, or the refusal of a profile no member has.
pub async fn route(
    members: &[Member],
    scenarios: &[Scenario],
    profiles: &BTreeMap<String, Profile>,
) -> Result<Vec<Group>> {
    // profile -> (members whose nodes are its, what each other member differs in)
    let mut matched: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut misses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, p) in profiles {
        for (i, m) in members.iter().enumerate() {
            let diffs =
                profile_differences(&m.client, p).await.map_err(|e| e.context(format!("context {}", m.context)))?;
            if diffs.is_empty() {
                matched.entry(name).or_default().push(i);
            } else {
                misses.entry(name).or_default().push(format!("context {}: {}", m.context, diffs.join("; ")));
            }
        }
    }
    let wanted: Vec<&str> = scenarios.iter().map(|s| s.profile.as_str()).collect();
    if let Some(p) = profiles.values().find(|p| matched.get(p.name.as_str()).is_none_or(Vec::is_empty)) {
        let ids: Vec<&str> = scenarios.iter().filter(|s| s.profile == p.name).map(|s| s.id.as_str()).collect();
        return Err(unmatched(p, &ids, misses.get(p.name.as_str()).map_or(&[][..], Vec::as_slice)));
    }
    for (i, m) in members.iter().enumerate() {
        if !matched.values().any(|ms| ms.contains(&i)) {
            eprintln!(
                "bench: context {}: its nodes are none of the suite's profiles ({}): it plays nothing",
                m.context,
                profiles.keys().cloned().collect::<Vec<_>>().join(", ")
            );
        }
    }
    Ok(groups(&wanted, &matched)
        .into_iter()
        .map(|(ms, scenarios)| Group { members: ms.iter().map(|&i| members[i].clone()).collect(), scenarios })
        .collect())
}

/// Scenarios grouped by the members that can play them. Two profiles a member matches have the
/// same nodes, so every member matching one matches the other: the member sets partition.
fn groups(wanted: &[&str], matched: &BTreeMap<&str, Vec<usize>>) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut by_members: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
    for (i, p) in wanted.iter().enumerate() {
        if let Some(ms) = matched.get(p) {
            by_members.entry(ms.clone()).or_default().push(i);
        }
    }
    by_members.into_iter().collect()
}

fn unmatched(p: &Profile, ids: &[&str], misses: &[String]) -> Error {
    // At most four more by name: a suite of one profile on the wrong cluster names them all.
    let more = match ids.len() {
        0 | 1 => String::new(),
        n if n <= 5 => format!(" (and {} more: {})", n - 1, ids[1..].join(", ")),
        n => format!(" (and {} more: {}, …)", n - 1, ids[1..5].join(", ")),
    };
    Error::CheckFailed(format!(
        "scenario {}{more} needs cluster profile {:?}, and no context's nodes are its:\n  {}\n  fix: {}; then add \
         its context to --contexts (bench plays each scenario on the contexts whose nodes are its profile's), or \
         bench a suite without these scenarios",
        ids.first().copied().unwrap_or("?"),
        p.name,
        misses.join("\n  "),
        fix_hint(p)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scenario_goes_to_the_members_of_its_profile() {
        let wanted = ["simarena", "small", "simarena", "small", "simarena"];
        let matched = BTreeMap::from([("simarena", vec![0, 2]), ("small", vec![1])]);
        assert_eq!(groups(&wanted, &matched), vec![(vec![0, 2], vec![0, 2, 4]), (vec![1], vec![1, 3])]);
        // Two profiles of the same nodes: one group, so no member runs two Simulations at once.
        let same = BTreeMap::from([("simarena", vec![0, 1]), ("small", vec![0, 1])]);
        assert_eq!(groups(&wanted, &same), vec![(vec![0, 1], vec![0, 1, 2, 3, 4])]);
    }

    #[test]
    fn an_unmatched_profile_names_its_scenarios_each_context_and_the_fix() {
        let p = crate::scenario::profile("small").unwrap();
        let e = unmatched(&p, &["np-1", "np-2"], &["context admin: 3 virtual node(s), the profile has 2".into()]);
        let m = e.to_string();
        assert!(m.starts_with("scenario np-1 (and 1 more: np-2) needs cluster profile \"small\""), "{m}");
        assert!(m.contains("context admin: 3 virtual node(s)"), "{m}");
        assert!(m.contains("scripts/testcluster up --profile small") && m.contains("--contexts"), "{m}");
        assert_eq!(e.exit_code(), crate::error::exit::BAD_INPUT);
    }
}
