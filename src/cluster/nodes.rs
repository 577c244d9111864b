//! Whether the cluster's virtual nodes are the ones a scenario's profile needs: a scenario's
//! difficulty depends on them (sim-arena's cpu-slight is solved before the agent moves on nodes of
//! 1000 CPU), so a mismatch is refused before anything runs, naming what differs and the fix.

use k8s_openapi::api::core::v1::Node;
use kube::Api;
use kube::api::ListParams;

use super::kube_error;
use crate::error::{Error, Result};
use crate::trace::quantity::{self, Resource};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Taint {
    pub key: String,
    pub value: Option<String>,
    pub effect: String,
}

/// A cluster profile: `virtual_nodes` identical KWOK nodes labelled `type=virtual` (where
/// SimKube's driver puts the simulated pods), each allocating `cpu_m`, `memory_bytes` and `pods`,
/// tainted `taints`. Defined here, with the check, so the cluster layer needs nothing above it;
/// `scenario::profile` reads them from `scenarios/profiles/NAME.json`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Profile {
    pub name: String,
    pub description: String,
    pub virtual_nodes: u32,
    pub cpu_m: i128,
    pub memory_bytes: i128,
    pub pods: u32,
    pub taints: Vec<Taint>,
    pub source: std::path::PathBuf,
}

/// The label SimKube's driver schedules simulated pods by.
pub const VIRTUAL_SELECTOR: &str = "type=virtual";

/// What matters of one virtual node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeView {
    pub name: String,
    pub cpu_m: Option<i128>,
    pub memory_bytes: Option<i128>,
    pub pods: Option<i128>,
    pub taints: Vec<Taint>,
}

fn view(n: &Node) -> NodeView {
    let alloc = n.status.as_ref().and_then(|s| s.allocatable.as_ref());
    let q = |k: &str, r| alloc.and_then(|a| a.get(k)).and_then(|v| quantity::parse(&v.0, r).ok());
    let mut taints: Vec<Taint> = n
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_ref())
        .map(|ts| {
            ts.iter()
                .map(|t| Taint {
                    key: t.key.clone(),
                    value: t.value.clone().filter(|v| !v.is_empty()),
                    effect: t.effect.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    taints.sort_by(|a, b| (&a.key, &a.effect).cmp(&(&b.key, &b.effect)));
    NodeView {
        name: n.metadata.name.clone().unwrap_or_default(),
        cpu_m: q("cpu", Resource::Cpu),
        memory_bytes: q("memory", Resource::Memory),
        // Pods are a count; the quantity parser reads it as "cores" × 1000.
        pods: q("pods", Resource::Cpu).map(|m| m / 1000),
        taints,
    }
}

fn show(v: Option<i128>, r: Resource) -> String {
    v.map_or("unset".into(), |x| quantity::format(x, r))
}

/// Every difference between the profile and the nodes, one line each (empty = they match).
pub fn differences(p: &Profile, nodes: &[NodeView]) -> Vec<String> {
    let mut out = vec![];
    if nodes.len() != p.virtual_nodes as usize {
        out.push(format!("{} virtual node(s) ({VIRTUAL_SELECTOR}), the profile has {}", nodes.len(), p.virtual_nodes));
    }
    let mut want_taints = p.taints.clone();
    want_taints.sort_by(|a, b| (&a.key, &a.effect).cmp(&(&b.key, &b.effect)));
    for n in nodes {
        if n.cpu_m != Some(p.cpu_m) {
            out.push(format!(
                "{}: allocatable cpu {}, the profile has {}",
                n.name,
                show(n.cpu_m, Resource::Cpu),
                quantity::format(p.cpu_m, Resource::Cpu)
            ));
        }
        if n.memory_bytes != Some(p.memory_bytes) {
            out.push(format!(
                "{}: allocatable memory {}, the profile has {}",
                n.name,
                show(n.memory_bytes, Resource::Memory),
                quantity::format(p.memory_bytes, Resource::Memory)
            ));
        }
        if n.pods != Some(i128::from(p.pods)) {
            out.push(format!(
                "{}: allocatable pods {}, the profile has {}",
                n.name,
                n.pods.map_or("unset".into(), |x| x.to_string()),
                p.pods
            ));
        }
        if n.taints != want_taints {
            let fmt = |ts: &[Taint]| {
                let v: Vec<String> = ts
                    .iter()
                    .map(|t| {
                        format!(
                            "{}{}:{}",
                            t.key,
                            t.value.as_ref().map(|v| format!("={v}")).unwrap_or_default(),
                            t.effect
                        )
                    })
                    .collect();
                if v.is_empty() { "none".into() } else { v.join(",") }
            };
            out.push(format!("{}: taints {}, the profile has {}", n.name, fmt(&n.taints), fmt(&want_taints)));
        }
    }
    out
}

/// The fix for a mismatch.
pub fn fix_hint(p: &Profile) -> String {
    format!(
        "start the test cluster with these nodes: scripts/testcluster up --profile {} (another cluster: give it {} \
         KWOK nodes labelled {VIRTUAL_SELECTOR} allocating cpu {}, memory {}, pods {})",
        p.name,
        p.virtual_nodes,
        quantity::format(p.cpu_m, Resource::Cpu),
        quantity::format(p.memory_bytes, Resource::Memory),
        p.pods
    )
}

/// What differs between the cluster's virtual nodes and the profile's (empty: they are its).
pub async fn profile_differences(client: &kube::Client, p: &Profile) -> Result<Vec<String>> {
    let api: Api<Node> = Api::all(client.clone());
    let list =
        api.list(&ListParams::default().labels(VIRTUAL_SELECTOR)).await.map_err(|e| kube_error("list", "nodes", e))?;
    let mut nodes: Vec<NodeView> = list.items.iter().map(view).collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(differences(p, &nodes))
}

/// Reads the cluster's virtual nodes and refuses them unless they are the profile's.
pub async fn check_profile(client: &kube::Client, p: &Profile) -> Result<()> {
    let diffs = profile_differences(client, p).await?;
    if diffs.is_empty() {
        return Ok(());
    }
    Err(Error::CheckFailed(format!(
        "the cluster's nodes are not profile {:?}'s:\n  {}\n  fix: {}",
        p.name,
        diffs.join("\n  "),
        fix_hint(p)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str, cpu_m: i128, mem: i128) -> NodeView {
        NodeView {
            name: name.into(),
            cpu_m: Some(cpu_m),
            memory_bytes: Some(mem),
            pods: Some(110),
            taints: vec![Taint {
                key: "kwok-provider".into(),
                value: Some("true".into()),
                effect: "NoSchedule".into(),
            }],
        }
    }

    #[test]
    fn matching_nodes_pass_and_each_difference_is_named() {
        let p = Profile {
            name: "simarena".into(),
            description: String::new(),
            virtual_nodes: 3,
            cpu_m: 16_000,
            memory_bytes: 32 << 30,
            pods: 110,
            taints: node("x", 0, 0).taints,
            source: Default::default(),
        };
        let ok: Vec<NodeView> = (0..3).map(|i| node(&format!("n{i}"), 16_000, 32 << 30)).collect();
        assert!(differences(&p, &ok).is_empty());
        let mut bad = ok.clone();
        bad.pop();
        bad[0].cpu_m = Some(1_000_000);
        bad[1].taints.clear();
        let d = differences(&p, &bad);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].contains("2 virtual node(s)") && d[0].contains("has 3"), "{d:?}");
        assert!(d[1].contains("n0: allocatable cpu 1k") || d[1].contains("n0: allocatable cpu 1000"), "{d:?}");
        assert!(d[2].contains("n1: taints none"), "{d:?}");
        assert!(fix_hint(&p).contains("scripts/testcluster up --profile simarena"));
    }
}
