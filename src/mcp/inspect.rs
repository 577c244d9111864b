//! The read-only tools: sim-arena's four (`get_pods`, `describe_deployment`, `get_events`,
//! `get_pod_logs`, same names and arguments) and `explain_pending`, on the Simulation the session
//! keeps until its next action; and the trace tools on the session's traces. They read only the
//! session's virtual and driver namespaces and its own traces.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Event, Pod};
use kube::Api;
use kube::api::{ListParams, LogParams};
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{ErrorData, tool, tool_router};
use serde_json::{Value as Json, json};

use super::answer::{Answer, Refusal, to_result};
use super::params;
use super::session::Episode;
use super::tools::Skstep;
use crate::cluster::kube_error;

/// The namespaces a session may read: the virtual namespace of its kept Simulation and its
/// driver namespace.
fn allowed<'a>(ep: &'a Episode, ns: &str) -> Result<&'a str, Refusal> {
    let vns = ep.last.trail.virtual_ns.as_str();
    let ok = [vns, ep.cfg.ns.as_str()];
    if !ok.contains(&ns) || ns.is_empty() {
        return Err(Refusal::new(
            format!("namespace {ns:?} is not this session's: it may read {vns} (virtual) and {} (driver)", ep.cfg.ns),
            format!("give namespace {vns}"),
        ));
    }
    if ns == vns && ep.kept.is_none() {
        return Err(Refusal::new(
            format!(
                "the Simulation of this state is gone (rolled back, or the episode's last one was deleted): {vns} holds no pods now"
            ),
            "take an action: its Simulation stays in place for the read-only tools until the next one",
        ));
    }
    Ok(ep.cfg.ns.as_str())
}

fn pod_doc(p: &Pod) -> Json {
    let st = p.status.as_ref();
    let spec = p.spec.as_ref();
    let containers: Vec<Json> = st
        .and_then(|s| s.container_statuses.as_ref())
        .map(|cs| {
            cs.iter()
                .map(|c| {
                    let state = c.state.as_ref();
                    json!({
                        "name": c.name, "ready": c.ready, "restarts": c.restart_count,
                        "waiting": state.and_then(|s| s.waiting.as_ref()).and_then(|w| w.reason.clone()),
                        "terminated": state.and_then(|s| s.terminated.as_ref()).and_then(|t| t.reason.clone()),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let requests: Vec<Json> = spec
        .map(|s| {
            s.containers
                .iter()
                .map(|c| json!({ "container": c.name, "requests": c.resources.as_ref().and_then(|r| r.requests.as_ref()) }))
                .collect()
        })
        .unwrap_or_default();
    let unscheduled = st
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "PodScheduled" && c.status == "False"))
        .map(|c| json!({ "reason": c.reason, "message": c.message }));
    json!({
        "name": p.metadata.name, "phase": st.and_then(|s| s.phase.clone()), "node": spec.and_then(|s| s.node_name.clone()),
        "containers": containers, "requests": requests, "unscheduled": unscheduled,
    })
}

impl Skstep {
    async fn read<F, Fut>(&self, ns: &str, f: F) -> Answer
    where
        F: FnOnce(kube::Client, String) -> Fut,
        Fut: std::future::Future<Output = Answer>,
    {
        let (client, ns) = {
            let s = self.session.lock().await;
            let ep = s.episode()?;
            allowed(ep, ns)?;
            (self.shared.slots[ep.lease.slot].member.client.clone(), ns.to_string())
        };
        f(client, ns).await
    }
}

async fn pods(client: &kube::Client, ns: &str) -> Result<Vec<Pod>, Refusal> {
    let api: Api<Pod> = Api::namespaced(client.clone(), ns);
    Ok(api.list(&ListParams::default()).await.map_err(|e| kube_error("list", "pods", e))?.items)
}

#[tool_router(router = inspect_router, vis = "pub")]
impl Skstep {
    #[tool(description = "List the pods of a namespace (the session's virtual namespace, from observe()) with \
    phase, node, container states (waiting reasons such as CrashLoopBackOff), restarts, requests and, for an \
    unscheduled pod, the scheduler's reason. Use it first to see how many pods are healthy and why the others are not.")]
    async fn get_pods(&self, Parameters(p): Parameters<params::Namespace>) -> Result<CallToolResult, ErrorData> {
        Ok(to_result(
            self.read(&p.namespace, |c, ns| async move {
                let items = pods(&c, &ns).await?;
                Ok(json!({ "namespace": ns, "count": items.len(), "pods": items.iter().map(pod_doc).collect::<Vec<_>>() }))
            })
            .await,
        ))
    }

    #[tool(description = "Describe a Deployment: its replicas (desired, ready, available, unavailable), each \
    container's requests and limits, and its conditions. Use it to see what the pods request before bumping, \
    reducing or scaling.")]
    async fn describe_deployment(
        &self,
        Parameters(p): Parameters<params::Deployment>,
    ) -> Result<CallToolResult, ErrorData> {
        let deploy = p.deploy.clone();
        Ok(to_result(
            self.read(&p.namespace, |c, ns| async move {
                let api: Api<Deployment> = Api::namespaced(c, &ns);
                let d = api.get_opt(&deploy).await.map_err(|e| kube_error("get", "deployments", e))?.ok_or_else(|| {
                    Refusal::new(format!("no Deployment {deploy:?} in {ns}"), "observe() names the Deployment (`deploy`)")
                })?;
                let spec = d.spec.as_ref();
                let st = d.status.as_ref();
                let containers: Vec<Json> = spec
                    .and_then(|s| s.template.spec.as_ref())
                    .map(|s| s.containers.iter().map(|c| json!({ "name": c.name, "image": c.image, "resources": c.resources })).collect())
                    .unwrap_or_default();
                Ok(json!({
                    "namespace": ns, "name": deploy,
                    "replicas": { "desired": spec.and_then(|s| s.replicas), "ready": st.and_then(|s| s.ready_replicas),
                        "available": st.and_then(|s| s.available_replicas), "unavailable": st.and_then(|s| s.unavailable_replicas) },
                    "containers": containers,
                    "conditions": st.and_then(|s| s.conditions.as_ref()).map(|cs| cs.iter().map(|c| json!({
                        "type": c.type_, "status": c.status, "reason": c.reason, "message": c.message })).collect::<Vec<_>>()),
                }))
            })
            .await,
        ))
    }

    #[tool(description = "Recent events of a namespace, optionally only those about a Deployment (its \
    ReplicaSets and pods); warnings (FailedScheduling, Insufficient cpu/memory, BackOff) first, at most last_n.")]
    async fn get_events(&self, Parameters(p): Parameters<params::Events>) -> Result<CallToolResult, ErrorData> {
        let (deploy, n) = (p.deploy.clone(), p.last_n.min(200) as usize);
        Ok(to_result(
            self.read(&p.namespace, |c, ns| async move {
                let api: Api<Event> = Api::namespaced(c, &ns);
                let mut evs = api.list(&ListParams::default()).await.map_err(|e| kube_error("list", "events", e))?.items;
                if let Some(d) = &deploy {
                    evs.retain(|e| e.involved_object.name.as_deref().is_some_and(|n| n == d || n.starts_with(&format!("{d}-"))));
                }
                evs.sort_by_key(|e| (e.type_.as_deref() != Some("Warning"), std::cmp::Reverse(e.last_timestamp.clone().map(|t| t.0))));
                let docs: Vec<Json> = evs.iter().take(n).map(|e| json!({
                    "type": e.type_, "reason": e.reason, "object": format!("{}/{}", e.involved_object.kind.clone().unwrap_or_default(),
                    e.involved_object.name.clone().unwrap_or_default()), "message": e.message, "count": e.count,
                })).collect();
                Ok(json!({ "namespace": ns, "count": docs.len(), "events": docs }))
            })
            .await,
        ))
    }

    #[tool(description = "The last tail_lines log lines of a pod's container (default the first). In a SimKube \
    simulation the pods run on KWOK's fake nodes, which run no container: expect no logs (the answer says so), \
    and use get_events and explain_pending instead.")]
    async fn get_pod_logs(&self, Parameters(p): Parameters<params::PodLogs>) -> Result<CallToolResult, ErrorData> {
        let (pod, tail, container) = (p.pod_name.clone(), i64::from(p.tail_lines.min(1000)), p.container.clone());
        Ok(to_result(
            self.read(&p.namespace, |c, ns| async move {
                let api: Api<Pod> = Api::namespaced(c, &ns);
                let lp = LogParams { tail_lines: Some(tail), container: container.clone(), ..Default::default() };
                match api.logs(&pod, &lp).await {
                    Ok(text) => Ok(json!({ "namespace": ns, "pod": pod, "container": container, "lines": text.lines().collect::<Vec<_>>() })),
                    Err(kube::Error::Api(s)) if s.code == 404 => Err(Refusal::new(
                        format!("no pod {pod:?} in {ns}"),
                        "get_pods lists the pods' full names",
                    )),
                    Err(e) => Ok(json!({ "namespace": ns, "pod": pod, "lines": [],
                        "note": format!("no logs: {} (KWOK's fake nodes run no containers)", kube_error("get", "pods/log", e)) })),
                }
            })
            .await,
        ))
    }

    #[tool(description = "Why pods are pending: the scheduler's reasons for the Deployment's unscheduled pods, \
    summarised (e.g. `3 pods: 0/4 nodes are available: 4 Insufficient cpu`), with the requests and the nodes used.")]
    async fn explain_pending(&self) -> Result<CallToolResult, ErrorData> {
        let vns = {
            let s = self.session.lock().await;
            match s.episode() {
                Ok(ep) => ep.last.trail.virtual_ns.clone(),
                Err(r) => return Ok(to_result(Err(r))),
            }
        };
        Ok(to_result(
            self.read(&vns, |c, ns| async move {
                let items = pods(&c, &ns).await?;
                let mut reasons: BTreeMap<String, u32> = BTreeMap::new();
                let mut pending = 0;
                for p in &items {
                    if p.status.as_ref().and_then(|s| s.phase.as_deref()) != Some("Pending") {
                        continue;
                    }
                    pending += 1;
                    let why = p.status.as_ref().and_then(|s| s.conditions.as_ref()).and_then(|cs| {
                        cs.iter()
                            .find(|c| c.type_ == "PodScheduled" && c.status == "False")
                            .map(|c| c.message.clone().or(c.reason.clone()).unwrap_or_else(|| "unschedulable".into()))
                    });
                    *reasons.entry(why.unwrap_or_else(|| "scheduled, not ready yet (starting)".into())).or_default() +=
                        1;
                }
                let summary: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} pod(s): {r}")).collect();
                Ok(json!({ "namespace": ns, "pending": pending, "reasons": summary }))
            })
            .await,
        ))
    }
}
