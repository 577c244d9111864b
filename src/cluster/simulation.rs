//! The Simulation a step creates, and what can be read about its driver while it runs.

use std::collections::BTreeMap;

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Event, Namespace, Pod};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Api;
use kube::api::{DeleteParams, ListParams, LogParams, PostParams};
use sk_api::v1::{Simulation, SimulationDriverConfig, SimulationSpec, SimulationState};

use super::{is_not_found, kube_error};
use crate::error::{Error, Result};

pub const STEP_LABEL: &str = "skstep.io/step";
pub const EPISODE_LABEL: &str = "skstep.io/episode";
/// Set on every object kubectl-skstep creates (`cleanup` finds them by it).
pub const MANAGED_BY: (&str, &str) = ("app.kubernetes.io/managed-by", "kubectl-skstep");
pub const SK_LEASE: &str = "sk-lease";
/// sk-driver 2.7 starts its webhook, then sleeps 5 s before it replays the first event
/// (`main.rs`: "Give the mutation handler … a bit of time"). Simulated time starts after that.
pub const DRIVER_WARMUP: std::time::Duration = std::time::Duration::from_secs(5);

pub struct SimParams<'a> {
    pub name: &'a str,
    pub driver_ns: &'a str,
    pub image: &'a str,
    pub port: i32,
    pub trace_path: &'a str,
    pub duration_s: i64,
    pub secrets: &'a [String],
    pub labels: BTreeMap<String, String>,
}

pub fn build(p: &SimParams) -> Simulation {
    let mut labels = p.labels.clone();
    labels.insert(MANAGED_BY.0.into(), MANAGED_BY.1.into());
    Simulation {
        metadata: ObjectMeta { name: Some(p.name.into()), labels: Some(labels), ..Default::default() },
        spec: SimulationSpec {
            driver: SimulationDriverConfig {
                image: p.image.into(),
                namespace: p.driver_ns.into(),
                port: p.port,
                trace_path: p.trace_path.into(),
                secrets: (!p.secrets.is_empty()).then(|| p.secrets.to_vec()),
                virtual_ns_prefix: "virtual".into(),
                cert_manager_issuer: "selfsigned".into(),
                ..Default::default()
            },
            duration: Some(format!("{}s", p.duration_s)),
            repetitions: Some(1),
            ..Default::default()
        },
        status: None,
    }
}

pub fn driver_job_name(sim: &str) -> String {
    format!("sk-{sim}-driver")
}

pub async fn crd_installed(client: &kube::Client) -> Result<bool> {
    let crds: Api<CustomResourceDefinition> = Api::all(client.clone());
    crds.get_opt("simulations.simkube.io")
        .await
        .map(|c| c.is_some())
        .map_err(|e| kube_error("get", "customresourcedefinitions simulations.simkube.io", e))
}

/// Creates `sim`. A create retried after a lost answer finds its own object already there
/// (409): that object, with the same name and labels, is ours and is returned.
pub async fn create(client: &kube::Client, sim: &Simulation) -> Result<Simulation> {
    let api: Api<Simulation> = Api::all(client.clone());
    let name = sim.metadata.name.clone().unwrap_or_default();
    match api.create(&PostParams::default(), sim).await {
        Ok(s) => Ok(s),
        Err(kube::Error::Api(r)) if r.code == 409 => match get(client, &name).await? {
            Some(found) if found.metadata.labels == sim.metadata.labels => Ok(found),
            _ => Err(Error::Cluster {
                message: format!("a Simulation named {name} already exists and is not this step's"),
                hint: Some("run the step again: it picks a new name".into()),
            }),
        },
        Err(e) => Err(kube_error("create", "simulations.simkube.io", e)),
    }
}

pub async fn get(client: &kube::Client, name: &str) -> Result<Option<Simulation>> {
    let api: Api<Simulation> = Api::all(client.clone());
    api.get_opt(name).await.map_err(|e| kube_error("get", &format!("simulations.simkube.io {name}"), e))
}

pub async fn delete(client: &kube::Client, name: &str) -> Result<()> {
    let api: Api<Simulation> = Api::all(client.clone());
    match api.delete(name, &DeleteParams::background()).await {
        Ok(_) => Ok(()),
        Err(e) if is_not_found(&e) => Ok(()),
        Err(e) => Err(kube_error("delete", &format!("simulations.simkube.io {name}"), e)),
    }
}

pub fn state(sim: &Simulation) -> Option<SimulationState> {
    sim.status.as_ref().and_then(|s| s.state.clone())
}

/// Who holds SimKube's one-simulation-at-a-time lease (`sk-lease` in the controller namespace).
pub async fn lease_holder(client: &kube::Client, ctrl_ns: &str) -> Result<Option<String>> {
    let api: Api<Lease> = Api::namespaced(client.clone(), ctrl_ns);
    api.get_opt(SK_LEASE)
        .await
        .map(|l| l.and_then(|l| l.spec).and_then(|s| s.holder_identity))
        .map_err(|e| kube_error("get", "leases sk-lease in namespace simkube", e))
}

pub async fn driver_job(client: &kube::Client, ns: &str, sim: &str) -> Result<Option<Job>> {
    let api: Api<Job> = Api::namespaced(client.clone(), ns);
    api.get_opt(&driver_job_name(sim)).await.map_err(|e| kube_error("get", &format!("jobs in namespace {ns}"), e))
}

pub async fn driver_pod(client: &kube::Client, ns: &str, sim: &str) -> Result<Option<Pod>> {
    let api: Api<Pod> = Api::namespaced(client.clone(), ns);
    let list = api
        .list(&ListParams::default().labels(&format!("job-name={}", driver_job_name(sim))))
        .await
        .map_err(|e| kube_error("list", &format!("pods in namespace {ns}"), e))?;
    let mut pods = list.items;
    pods.sort_by_key(|p| p.metadata.creation_timestamp.clone().map(|t| t.0));
    Ok(pods.pop())
}

/// Events about one object, newest last.
pub async fn events_for(client: &kube::Client, ns: &str, kind: &str, name: &str) -> Result<Vec<Event>> {
    let api: Api<Event> = Api::namespaced(client.clone(), ns);
    let list = api
        .list(&ListParams::default().fields(&format!("involvedObject.kind={kind},involvedObject.name={name}")))
        .await
        .map_err(|e| kube_error("list", &format!("events in namespace {ns}"), e))?;
    let mut evs = list.items;
    evs.sort_by_key(|e| e.last_timestamp.clone().map(|t| t.0).or(e.event_time.clone().map(|t| t.0)));
    Ok(evs)
}

pub async fn pod_log(client: &kube::Client, ns: &str, pod: &str, tail: Option<i64>) -> Result<String> {
    let api: Api<Pod> = Api::namespaced(client.clone(), ns);
    let lp = LogParams { tail_lines: tail, ..Default::default() };
    api.logs(pod, &lp).await.map_err(|e| kube_error("get", &format!("pods/log {pod} in namespace {ns}"), e))
}

/// Namespaces named `<prefix>-*` that still exist.
pub async fn remaining_virtual_namespaces(client: &kube::Client, names: &[String]) -> Result<Vec<String>> {
    let api: Api<Namespace> = Api::all(client.clone());
    let mut left = vec![];
    for n in names {
        if api.get_opt(n).await.map_err(|e| kube_error("get", &format!("namespaces {n}"), e))?.is_some() {
            left.push(n.clone());
        }
    }
    Ok(left)
}

/// When the driver container started (its `running.startedAt`, or the pod's start time).
pub fn driver_started_at(pod: &Pod) -> Option<chrono::DateTime<chrono::Utc>> {
    let st = pod.status.as_ref()?;
    let running = st.container_statuses.as_ref()?.first()?.state.as_ref()?.running.as_ref()?;
    running.started_at.as_ref().map(|t| t.0).or(st.start_time.as_ref().map(|t| t.0))
}

pub fn not_ready(what: &str) -> Error {
    Error::Simulation { message: what.into(), hint: None }
}
