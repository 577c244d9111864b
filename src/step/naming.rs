//! The Simulation's name and labels, chosen before anything is sent to the cluster, so cleanup can
//! find the object by them whatever happened to the create request.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

pub use crate::cluster::simulation::{EPISODE_LABEL, MANAGED_BY, STEP_LABEL};

/// What identifies one Simulation of one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Naming {
    pub name: String,
    pub labels: BTreeMap<String, String>,
}

/// What the name is made from; `nonce` makes two otherwise equal steps differ.
pub struct Seed<'a> {
    pub trace_sha: &'a str,
    pub ns: &'a str,
    pub deploy: &'a str,
    pub episode: &'a str,
    pub step: u32,
    pub nonce: u128,
}

pub fn choose(s: &Seed) -> Naming {
    let mut h = Sha256::new();
    for part in [s.trace_sha, s.ns, s.deploy, s.episode] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(s.step.to_le_bytes());
    h.update(s.nonce.to_le_bytes());
    let name = format!("skstep-{}", &format!("{:x}", h.finalize())[..10]);
    let labels = BTreeMap::from([
        (MANAGED_BY.0.to_string(), MANAGED_BY.1.to_string()),
        (STEP_LABEL.to_string(), s.step.to_string()),
        (EPISODE_LABEL.to_string(), label_value(s.episode)),
    ]);
    Naming { name, labels }
}

/// A nonce from the clock and the process id: two processes starting the same step in the same
/// nanosecond still differ.
pub fn nonce() -> u128 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the system clock is after 1970")
        .as_nanos();
    t ^ (u128::from(std::process::id()) << 96)
}

/// `s` as a valid label value: at most 63 of `[A-Za-z0-9._-]`, starting and ending alphanumeric.
pub fn label_value(s: &str) -> String {
    let kept: String =
        s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).take(63).collect();
    kept.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(nonce: u128) -> Seed<'static> {
        Seed { trace_sha: "abc", ns: "ns", deploy: "web", episode: "episode-1", step: 2, nonce }
    }

    #[test]
    fn the_name_is_a_valid_object_name_and_depends_on_the_nonce() {
        let a = choose(&seed(1));
        assert_eq!(a.name.len(), "skstep-".len() + 10);
        assert!(a.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        assert_eq!(a, choose(&seed(1)), "the same inputs give the same name");
        assert_ne!(a.name, choose(&seed(2)).name);
        assert_eq!(a.labels[STEP_LABEL], "2");
        assert_eq!(a.labels[EPISODE_LABEL], "episode-1");
        assert_eq!(a.labels[MANAGED_BY.0], MANAGED_BY.1);
    }

    #[test]
    fn label_values_are_valid() {
        assert_eq!(label_value("episode-20260101T000000.123Z"), "episode-20260101T000000.123Z");
        assert_eq!(label_value("-a b:c-"), "abc");
        assert_eq!(label_value(&"x".repeat(80)).len(), 63);
        assert_eq!(label_value("___"), "");
    }
}
