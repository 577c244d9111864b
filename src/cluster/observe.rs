//! Observing the workload a simulation creates: its Deployment in the virtual namespace, and
//! the pods its own `spec.selector` picks (not an assumed `app=NAME` label). An API error is an
//! error, never an observation of zeros.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Namespace, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use kube::api::ListParams;
use kube::core::Selector;
use kube::{Api, Resource};
use serde::{Deserialize, Serialize};

use super::podproto::{PodView, decode_pod_list};
use super::{is_not_found, kube_error};
use crate::error::{Error, Result};
use crate::model::Obs;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Observation {
    pub ready: u32,
    pub pending: u32,
    pub total: u32,
    pub running: u32,
    pub failed: u32,
    pub unscheduled: u32,
    /// Pods per node.
    pub nodes: BTreeMap<String, u32>,
    pub virtual_namespace: String,
    pub deployment: String,
    pub selector: String,
    /// The Deployment's own view, for comparison.
    pub desired_replicas: Option<i32>,
    /// Pods still on their way somewhere ([`Transient`]): an observation with any is not settled.
    #[serde(default)]
    pub transient: Transient,
}

/// Pods in a state that changes by itself without any new event: what makes an observation
/// depend on when it was taken (the transition cache stores only observations without them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transient {
    /// Being deleted.
    pub terminating: u32,
    /// Placed on a node but not yet Running and Ready (the container "starting"), or Running
    /// and not Ready.
    pub starting: u32,
    /// Pending without a node and not (yet) judged unschedulable by the scheduler.
    pub unscheduled_untried: u32,
}

impl Transient {
    pub fn of(pods: &[PodView]) -> Transient {
        let mut t = Transient::default();
        for p in pods {
            let phase = p.phase.as_deref().unwrap_or("Pending");
            if p.deleting {
                t.terminating += 1;
            } else if phase == "Succeeded" || phase == "Failed" {
                continue;
            } else if p.node.is_some() {
                if !(phase == "Running" && p.ready) {
                    t.starting += 1;
                }
            } else if !p.unschedulable {
                t.unscheduled_untried += 1;
            }
        }
        t
    }

    pub fn total(&self) -> u32 {
        self.terminating + self.starting + self.unscheduled_untried
    }
}

impl Observation {
    pub fn obs(&self) -> Obs {
        Obs { ready: self.ready, pending: self.pending, total: self.total }
    }
}

/// `matchLabels` and `matchExpressions` as the API's label selector string, by kube's own
/// `Selector`; an operator it does not know is an error naming the Deployment.
pub fn selector_string(sel: &LabelSelector, what: &str) -> Result<String> {
    let s = Selector::try_from(sel.clone()).map_err(|e| {
        Error::bad_input(
            format!("{what}: spec.selector cannot be used: {}", e.0),
            Some("operators are In, NotIn, Exists and DoesNotExist (In/NotIn need values)".to_string()),
        )
    })?;
    Ok(s.to_string())
}

impl From<&Pod> for PodView {
    fn from(p: &Pod) -> Self {
        let status = p.status.as_ref();
        PodView {
            deleting: p.metadata.deletion_timestamp.is_some(),
            phase: status.and_then(|s| s.phase.clone()),
            ready: status
                .and_then(|s| s.conditions.as_ref())
                .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True")),
            node: p.spec.as_ref().and_then(|s| s.node_name.clone()),
            unschedulable: status
                .and_then(|s| s.conditions.as_ref())
                .is_some_and(|c| c.iter().any(|c| c.type_ == "PodScheduled" && c.status == "False")),
        }
    }
}

pub fn classify(pods: &[PodView]) -> (u32, u32, u32, u32, u32, u32, BTreeMap<String, u32>) {
    let (mut ready, mut pending, mut total, mut running, mut failed, mut unscheduled) = (0, 0, 0, 0, 0, 0);
    let mut nodes = BTreeMap::new();
    for p in pods {
        // Terminating pods are on their way out; the Deployment no longer counts them.
        if p.deleting {
            continue;
        }
        let phase = p.phase.as_deref().unwrap_or("Pending");
        if phase == "Succeeded" {
            continue;
        }
        total += 1;
        match phase {
            "Pending" => pending += 1,
            "Running" => running += 1,
            "Failed" => failed += 1,
            _ => {}
        }
        if p.ready {
            ready += 1;
        }
        match &p.node {
            Some(n) => *nodes.entry(n.clone()).or_default() += 1,
            None => unscheduled += 1,
        }
    }
    (ready, pending, total, running, failed, unscheduled, nodes)
}

/// The pods `selector` picks in `ns`. Asks for protobuf first (several times cheaper for the API
/// server to encode with many pods); any non-success answer or unexpected body is asked again
/// through the typed JSON list, so errors come out as the API server states them.
pub async fn list_pods(client: &kube::Client, ns: &str, selector: &str) -> Result<Vec<PodView>> {
    if let Some(body) = list_pods_protobuf(client, ns, selector).await? {
        if let Some(pods) = decode_pod_list(&body) {
            return Ok(pods);
        }
        tracing::debug!("protobuf pod list not understood; listing as JSON");
    }
    let lp = ListParams::default().labels(selector);
    let what = || format!("pods in namespace {ns}");
    let pods: Api<Pod> = Api::namespaced(client.clone(), ns);
    let list = pods.list(&lp).await.map_err(|e| kube_error("list", &what(), e))?;
    Ok(list.items.iter().map(PodView::from).collect())
}

/// The protobuf body of a pod list, or `None` when the API server answered otherwise (not 2xx,
/// or not protobuf); a transport error is an error.
pub async fn list_pods_protobuf(client: &kube::Client, ns: &str, selector: &str) -> Result<Option<bytes::Bytes>> {
    let lp = ListParams::default().labels(selector);
    let what = || format!("pods in namespace {ns}");
    let mut req = kube::core::Request::new(Pod::url_path(&(), Some(ns)))
        .list(&lp)
        .map_err(|e| kube_error("list", &what(), kube::Error::BuildRequest(e)))?;
    req.headers_mut().insert(http::header::ACCEPT, http::HeaderValue::from_static(PROTOBUF));
    let res = client.send(req.map(kube::client::Body::from)).await.map_err(|e| kube_error("list", &what(), e))?;
    let is_proto =
        res.headers().get(http::header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(PROTOBUF.as_bytes()));
    if !(res.status().is_success() && is_proto) {
        return Ok(None);
    }
    let body = res.into_body().collect_bytes().await.map_err(|e| kube_error("list", &what(), e))?;
    Ok(Some(body))
}

const PROTOBUF: &str = "application/vnd.kubernetes.protobuf";

pub async fn observe(client: &kube::Client, vns: &str, deploy: &str) -> Result<Observation> {
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), vns);
    let d = match deployments.get(deploy).await {
        Ok(d) => d,
        Err(e) if is_not_found(&e) => {
            let prefix = vns.split('-').next().unwrap_or("virtual");
            let others = virtual_namespaces(client, prefix).await;
            let have = match others {
                Ok(v) if v.is_empty() => format!("no {prefix}-* namespaces exist"),
                Ok(v) => format!("{prefix}-* namespaces that exist: {}", v.join(", ")),
                Err(_) => "the virtual namespaces could not be listed (no permission to list namespaces)".into(),
            };
            return Err(Error::bad_input(
                format!("no Deployment {deploy:?} in namespace {vns}; {have}"),
                Some("the driver creates objects of trace namespace N in <prefix>-N: check the trace with `kubectl skstep trace inspect FILE --deploy NAME`".into()),
            ));
        }
        Err(e) => return Err(kube_error("get", &format!("deployments in namespace {vns}"), e)),
    };
    let spec =
        d.spec.as_ref().ok_or_else(|| Error::bad_input(format!("Deployment {vns}/{deploy} has no spec"), None))?;
    let selector = selector_string(&spec.selector, &format!("Deployment {vns}/{deploy}"))?;
    let pods = list_pods(client, vns, &selector).await?;
    let (ready, pending, total, running, failed, unscheduled, nodes) = classify(&pods);
    Ok(Observation {
        ready,
        pending,
        total,
        running,
        failed,
        unscheduled,
        nodes,
        virtual_namespace: vns.to_string(),
        deployment: deploy.to_string(),
        selector,
        desired_replicas: spec.replicas,
        transient: Transient::of(&pods),
    })
}

/// Namespaces named `<prefix>-*`.
pub async fn virtual_namespaces(client: &kube::Client, prefix: &str) -> Result<Vec<String>> {
    let ns: Api<Namespace> = Api::all(client.clone());
    let list = ns.list(&ListParams::default()).await.map_err(|e| kube_error("list", "namespaces", e))?;
    let p = format!("{prefix}-");
    Ok(list.items.into_iter().filter_map(|n| n.metadata.name).filter(|n| n.starts_with(&p)).collect())
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{PodCondition, PodSpec, PodStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelectorRequirement, ObjectMeta, Time};

    use super::*;

    fn pod(phase: &str, ready: bool, node: Option<&str>) -> Pod {
        Pod {
            spec: Some(PodSpec { node_name: node.map(String::from), ..Default::default() }),
            status: Some(PodStatus {
                phase: Some(phase.into()),
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: if ready { "True" } else { "False" }.into(),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn classifies_pods() {
        let pods = [
            pod("Running", true, Some("n1")),
            pod("Running", false, Some("n1")),
            pod("Pending", false, None),
            pod("Failed", false, Some("n2")),
            pod("Succeeded", false, Some("n2")),
            Pod {
                metadata: ObjectMeta { deletion_timestamp: Some(Time(Default::default())), ..Default::default() },
                ..pod("Running", true, Some("n1"))
            },
        ];
        let pods: Vec<PodView> = pods.iter().map(PodView::from).collect();
        let (ready, pending, total, running, failed, unscheduled, nodes) = classify(&pods);
        assert_eq!((ready, pending, total, running, failed, unscheduled), (1, 1, 4, 2, 1, 1));
        assert_eq!(nodes["n1"], 2);
    }

    #[test]
    fn transient_pods_are_counted_by_kind() {
        let view = |phase: &str, ready, node: Option<&str>, unschedulable| PodView {
            phase: Some(phase.into()),
            ready,
            node: node.map(String::from),
            unschedulable,
            deleting: false,
        };
        let settled = [
            view("Running", true, Some("n1"), false),
            view("Pending", false, None, true),
            view("Failed", false, Some("n1"), false),
            view("Succeeded", false, Some("n1"), false),
        ];
        assert_eq!(Transient::of(&settled), Transient::default());
        let moving = [
            view("Pending", false, Some("n1"), false),
            view("Running", false, Some("n1"), false),
            view("Pending", false, None, false),
            PodView { deleting: true, ..view("Running", true, Some("n1"), false) },
        ];
        let t = Transient::of(&moving);
        assert_eq!((t.terminating, t.starting, t.unscheduled_untried, t.total()), (1, 2, 1, 4));
    }

    #[test]
    fn selector_strings() {
        let sel = LabelSelector {
            match_labels: Some([("app".to_string(), "web".to_string())].into()),
            match_expressions: Some(vec![
                LabelSelectorRequirement {
                    key: "tier".into(),
                    operator: "In".into(),
                    values: Some(vec!["a".into(), "b".into()]),
                },
                LabelSelectorRequirement { key: "canary".into(), operator: "DoesNotExist".into(), values: None },
            ]),
        };
        assert_eq!(selector_string(&sel, "d").unwrap(), "app=web,tier in (a,b),!canary");
        let bad = LabelSelector {
            match_expressions: Some(vec![LabelSelectorRequirement {
                key: "tier".into(),
                operator: "Near".into(),
                values: Some(vec!["a".into()]),
            }]),
            ..Default::default()
        };
        let e = selector_string(&bad, "Deployment v/web").unwrap_err();
        assert!(e.to_string().starts_with("Deployment v/web: spec.selector cannot be used"), "{e}");
    }
}
