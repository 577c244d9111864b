//! What a cached observation depends on, and its key: the sha256 of these parts in a canonical
//! JSON form. Two simulations with equal parts should observe the same thing (the premise the
//! cache is built on, and that `--cache-verify` keeps checking).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Node;
use kube::Api;
use kube::api::ListParams;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cluster::kube_error;
use crate::error::Result;
use crate::trace::quantity::{self, Resource};

/// Bumped when what an entry means changes (the parts, the settled rule, the observation's
/// fields), so older entries are never read as newer ones.
pub const FORMAT: u32 = 1;

/// Everything the observation of one simulation depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyParts {
    pub format: u32,
    /// sha256 of the trace simulated (the bytes after the action).
    pub trace_sha256: String,
    /// The Deployment observed, as named in the trace.
    pub deploy: String,
    /// Simulated seconds before the observation.
    pub duration_s: i64,
    /// Extra Simulation time after it (the driver's end; kept in the key to be safe).
    pub grace_s: i64,
    /// SimKube's `spec.speed` (`None`: unset, 1).
    pub speed: Option<f64>,
    /// The SimKube release this build's Simulation and trace handling match.
    pub simkube: String,
    /// The sk-driver image (its tag is sk-ctrl's version where the cluster shows it).
    pub driver_image: String,
    /// kubectl-skstep's version: how it observes and classifies pods.
    pub skstep: String,
    /// The cluster's node profile ([`NodeProfile::fingerprint`]).
    pub nodes: String,
}

impl KeyParts {
    /// The key: sha256 (hex) of the canonical JSON of the parts (serde_json writes struct fields
    /// in declaration order, so equal parts always give equal bytes).
    pub fn key(&self) -> String {
        let bytes = serde_json::to_vec(self).expect("key parts serialise");
        hex(&Sha256::digest(bytes))
    }
}

/// One node as scheduling sees it; names are left out, so two clusters of the same shape (a
/// pool) share entries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NodeShape {
    /// Allocatable CPU in millicores, memory in bytes, and pods.
    pub cpu_m: i128,
    pub memory_bytes: i128,
    pub pods: String,
    /// `key=value:effect`, sorted.
    pub taints: Vec<String>,
    /// Labels, sorted, less those that name the node itself (`kubernetes.io/hostname` and any
    /// whose value is the node's name).
    pub labels: Vec<String>,
    pub unschedulable: bool,
}

/// The nodes of a cluster, sorted: their number and shapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeProfile {
    pub count: usize,
    pub nodes: Vec<NodeShape>,
}

impl NodeProfile {
    pub fn from_nodes(nodes: &[Node]) -> NodeProfile {
        let mut shapes: Vec<NodeShape> = nodes.iter().map(shape).collect();
        shapes.sort();
        NodeProfile { count: shapes.len(), nodes: shapes }
    }

    /// sha256 (hex) of the profile's canonical JSON.
    pub fn fingerprint(&self) -> String {
        hex(&Sha256::digest(serde_json::to_vec(self).expect("profile serialises")))
    }
}

/// Reads the cluster's nodes (one list call).
pub async fn node_profile(client: &kube::Client) -> Result<NodeProfile> {
    let api: Api<Node> = Api::all(client.clone());
    let list = api.list(&ListParams::default()).await.map_err(|e| kube_error("list", "nodes", e))?;
    Ok(NodeProfile::from_nodes(&list.items))
}

fn shape(n: &Node) -> NodeShape {
    let name = n.metadata.name.clone().unwrap_or_default();
    let alloc = n.status.as_ref().and_then(|s| s.allocatable.as_ref());
    let get = |k: &str| alloc.and_then(|a| a.get(k)).map(|q| q.0.clone()).unwrap_or_default();
    // A quantity the parser does not take is kept apart as its text (-1): still in the key,
    // never equal to a parsed one.
    let num = |k: &str, r: Resource| quantity::parse(&get(k), r).unwrap_or(-1);
    let spec = n.spec.as_ref();
    let mut taints: Vec<String> = spec
        .and_then(|s| s.taints.as_ref())
        .map(|ts| {
            ts.iter().map(|t| format!("{}={}:{}", t.key, t.value.clone().unwrap_or_default(), t.effect)).collect()
        })
        .unwrap_or_default();
    taints.sort();
    let labels: BTreeMap<String, String> = n.metadata.labels.clone().unwrap_or_default().into_iter().collect();
    let labels = labels
        .into_iter()
        .filter(|(k, v)| k != "kubernetes.io/hostname" && *v != name)
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    NodeShape {
        cpu_m: num("cpu", Resource::Cpu),
        memory_bytes: num("memory", Resource::Memory),
        pods: get("pods"),
        taints,
        labels,
        unschedulable: spec.and_then(|s| s.unschedulable).unwrap_or(false),
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use k8s_openapi::api::core::v1::{NodeSpec, NodeStatus, Taint};
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    use super::*;

    pub fn parts() -> KeyParts {
        KeyParts {
            format: FORMAT,
            trace_sha256: "ab".repeat(32),
            deploy: "web".into(),
            duration_s: 5,
            grace_s: 30,
            speed: None,
            simkube: "2.7.0".into(),
            driver_image: "quay.io/appliedcomputing/sk-driver:v2.7.0".into(),
            skstep: "0.1.0".into(),
            nodes: "cd".repeat(32),
        }
    }

    fn node(name: &str, cpu: &str, mem: &str, taint: Option<&str>) -> Node {
        Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: Some(
                    [
                        ("kubernetes.io/hostname".to_string(), name.to_string()),
                        ("type".to_string(), "virtual".to_string()),
                        ("kwok.x-k8s.io/node".to_string(), name.to_string()),
                    ]
                    .into(),
                ),
                ..Default::default()
            },
            spec: Some(NodeSpec {
                taints: taint.map(|k| vec![Taint { key: k.into(), effect: "NoSchedule".into(), ..Default::default() }]),
                ..Default::default()
            }),
            status: Some(NodeStatus {
                allocatable: Some(
                    [
                        ("cpu".to_string(), Quantity(cpu.into())),
                        ("memory".to_string(), Quantity(mem.into())),
                        ("pods".to_string(), Quantity("110".into())),
                    ]
                    .into(),
                ),
                ..Default::default()
            }),
        }
    }

    #[test]
    fn the_key_is_stable_and_every_part_changes_it() {
        let base = parts();
        assert_eq!(base.key(), parts().key());
        assert_eq!(base.key().len(), 64);
        let variants = [
            KeyParts { trace_sha256: "00".repeat(32), ..parts() },
            KeyParts { deploy: "api".into(), ..parts() },
            KeyParts { duration_s: 6, ..parts() },
            KeyParts { grace_s: 31, ..parts() },
            KeyParts { speed: Some(2.0), ..parts() },
            KeyParts { simkube: "2.6.0".into(), ..parts() },
            KeyParts { driver_image: "quay.io/appliedcomputing/sk-driver:v2.6.0".into(), ..parts() },
            KeyParts { skstep: "0.2.0".into(), ..parts() },
            KeyParts { nodes: "ef".repeat(32), ..parts() },
            KeyParts { format: FORMAT + 1, ..parts() },
        ];
        let mut keys: Vec<String> = variants.iter().map(KeyParts::key).collect();
        keys.push(base.key());
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), variants.len() + 1, "each part is in the key");
    }

    #[test]
    fn the_node_profile_ignores_names_and_order_but_not_shapes() {
        let a = [node("n1", "4", "8Gi", None), node("v1", "32", "256Gi", Some("kwok-provider"))];
        let b = [node("other-v", "32000m", "262144Mi", Some("kwok-provider")), node("x", "4", "8192Mi", None)];
        let pa = NodeProfile::from_nodes(&a);
        assert_eq!(pa.count, 2);
        assert_eq!(pa.fingerprint(), NodeProfile::from_nodes(&b).fingerprint(), "same shapes, other names");
        assert_eq!(pa.nodes[0].labels, ["type=virtual"], "the labels naming the node are left out");
        let bigger = [node("n1", "8", "8Gi", None), node("v1", "32", "256Gi", Some("kwok-provider"))];
        let untainted = [node("n1", "4", "8Gi", None), node("v1", "32", "256Gi", None)];
        let more = [a[0].clone(), a[1].clone(), node("v2", "32", "256Gi", Some("kwok-provider"))];
        for other in [&bigger[..], &untainted[..], &more[..]] {
            assert_ne!(pa.fingerprint(), NodeProfile::from_nodes(other).fingerprint());
        }
    }
}
