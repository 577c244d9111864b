//! Finding and removing what kubectl-skstep, or a crashed SimKube run, left in a cluster.
//!
//! Ours (always): Simulations labelled `app.kubernetes.io/managed-by=kubectl-skstep`, the driver
//! Jobs of Simulations named `skstep-*`, and staging pods. With `all`: what blocks SimKube's next
//! run whoever made it: finished or failed Simulations still holding `sk-lease`, a lease whose
//! holder is gone, webhook configurations and SimulationRoots whose Simulation is gone.
//! Also ours: what `prep-ns` granted and copied (`cluster::rbac::find`: bindings, the roles it
//! made, copied Secrets) and its record on the namespace, so nothing of ours outlives its use.

use std::collections::BTreeSet;

use k8s_openapi::api::admissionregistration::v1::MutatingWebhookConfiguration;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Namespace, Pod};
use kube::api::{DeleteParams, ListParams, Patch, PatchParams};
use kube::{Api, Resource, ResourceExt};
use serde::Serialize;
use sk_api::v1::{Simulation, SimulationRoot, SimulationState};

use super::simulation::{self as sim, MANAGED_BY};
use super::stage_pods::staging_selector;
use super::staged;
use super::{is_not_found, kube_error};
use crate::error::Result;

/// sk-ctrl's label on everything it makes for a Simulation.
pub const SIMULATION_LABEL: &str = "simkube.io/simulation";

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Leftover {
    /// `simulation`, `job`, `pod`, `lease`, `mutatingwebhookconfiguration`, `simulationroot`;
    /// what prep-ns made: `clusterrolebinding`, `clusterrole`, `rolebinding`, `role`, `secret`,
    /// `preparation` (the namespace's record of what was staged; `name` is the namespace).
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
    /// Why it is removed.
    pub why: String,
    pub finalizers: Vec<String>,
    /// `deleted`, `would delete`, `deleted (finalizers stripped: …)`, `already gone`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub action: String,
}

impl Leftover {
    fn of<K: Resource + ResourceExt>(kind: &str, obj: &K, why: impl Into<String>) -> Leftover {
        Leftover {
            kind: kind.into(),
            namespace: obj.namespace(),
            name: obj.name_any(),
            why: why.into(),
            finalizers: obj.finalizers().to_vec(),
            action: String::new(),
        }
    }

    pub fn display_name(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} {ns}/{}", self.kind, self.name),
            None => format!("{} {}", self.kind, self.name),
        }
    }
}

fn list_err(what: &'static str) -> impl Fn(kube::Error) -> crate::error::Error {
    move |e| kube_error("list", what, e)
}

/// Whether a Simulation is over (its driver finished or failed).
fn is_over(s: &Simulation) -> bool {
    matches!(sim::state(s), Some(SimulationState::Finished | SimulationState::Failed))
}

/// What to remove; `all` adds what a crashed SimKube run leaves. `ns` narrows kubectl-skstep's
/// own objects to one driver namespace (others' steps on the same cluster are left alone).
pub async fn find(client: &kube::Client, all: bool, simkube_ns: &str, ns: Option<&str>) -> Result<Vec<Leftover>> {
    let in_scope = |n: Option<&str>| ns.is_none_or(|want| n == Some(want));
    let mut out = vec![];
    let sims_api: Api<Simulation> = Api::all(client.clone());
    let sims = sims_api.list(&ListParams::default()).await.map_err(list_err("simulations.simkube.io"))?.items;
    let names: BTreeSet<String> = sims.iter().map(|s| s.name_any()).collect();
    let ours = |s: &Simulation| s.labels().get(MANAGED_BY.0).map(String::as_str) == Some(MANAGED_BY.1);
    let lease = Api::<Lease>::namespaced(client.clone(), simkube_ns)
        .get_opt(sim::SK_LEASE)
        .await
        .map_err(|e| kube_error("get", &format!("leases {} in namespace {simkube_ns}", sim::SK_LEASE), e))?;
    let holder = lease.as_ref().and_then(|l| l.spec.as_ref()).and_then(|s| s.holder_identity.clone());
    for s in &sims {
        if ours(s) && in_scope(Some(s.spec.driver.namespace.as_str())) {
            out.push(Leftover::of("simulation", s, "made by kubectl-skstep"));
        } else if all && is_over(s) && holder.as_deref() == Some(s.name_any().as_str()) {
            out.push(Leftover::of(
                "simulation",
                s,
                format!("{:?} but still holds {}", sim::state(s).expect("over"), sim::SK_LEASE),
            ));
        }
    }
    let jobs = Api::<Job>::all(client.clone())
        .list(&ListParams::default().labels(SIMULATION_LABEL))
        .await
        .map_err(list_err("jobs"))?
        .items;
    for j in &jobs {
        let of = j.labels().get(SIMULATION_LABEL).cloned().unwrap_or_default();
        if of.starts_with("skstep-") && in_scope(j.namespace().as_deref()) {
            out.push(Leftover::of("job", j, format!("driver Job of kubectl-skstep's Simulation {of}")));
        } else if all && !names.contains(&of) {
            out.push(Leftover::of("job", j, format!("driver Job of Simulation {of}, which is gone")));
        }
    }
    let pods = Api::<Pod>::all(client.clone())
        .list(&ListParams::default().labels(&staging_selector()))
        .await
        .map_err(list_err("pods"))?;
    for p in pods.items.iter().filter(|p| in_scope(p.namespace().as_deref())) {
        out.push(Leftover::of("pod", p, "a prep-ns staging pod"));
    }
    out.extend(prep_made(client, ns, simkube_ns).await?);
    if all {
        if let (Some(l), Some(h)) = (&lease, &holder)
            && !names.contains(h)
        {
            out.push(Leftover::of("lease", l, format!("held by Simulation {h}, which is gone")));
        }
        let hooks = Api::<MutatingWebhookConfiguration>::all(client.clone())
            .list(&ListParams::default().labels(SIMULATION_LABEL))
            .await
            .map_err(list_err("mutatingwebhookconfigurations"))?;
        for h in &hooks.items {
            let of = h.labels().get(SIMULATION_LABEL).cloned().unwrap_or_default();
            if !names.contains(&of) {
                out.push(Leftover::of("mutatingwebhookconfiguration", h, format!("its Simulation {of} is gone")));
            }
        }
        let roots = Api::<SimulationRoot>::all(client.clone())
            .list(&ListParams::default())
            .await
            .map_err(list_err("simulationroots.simkube.io"))?;
        for r in &roots.items {
            let owner = r.owner_references().iter().find(|o| o.kind == "Simulation").map(|o| o.name.clone());
            match owner {
                Some(o) if names.contains(&o) => {}
                Some(o) => out.push(Leftover::of("simulationroot", r, format!("its Simulation {o} is gone"))),
                None => out.push(Leftover::of("simulationroot", r, "owned by no Simulation")),
            }
        }
    }
    // Removing a Simulation removes what it owns: list those only when they would stay.
    out.dedup_by(|a, b| a.kind == b.kind && a.namespace == b.namespace && a.name == b.name);
    Ok(out)
}

/// What prep-ns made for `ns` (or every namespace) that grants or records something.
async fn prep_made(client: &kube::Client, ns: Option<&str>, simkube_ns: &str) -> Result<Vec<Leftover>> {
    let mut out = preparations(client, ns).await?;
    for (kind, namespace, name, why) in super::rbac::find(client, ns, simkube_ns).await? {
        out.push(Leftover { kind: kind.into(), namespace, name, why, finalizers: vec![], action: String::new() });
    }
    Ok(out)
}

/// The annotations `prep-ns` records on a namespace (`preparation` items).
const PREP_ANNOTATIONS: [&str; 4] = [
    staged::PREPARED_ANNOTATION,
    staged::TRACE_PATH_ANNOTATION,
    staged::TRACE_SHA_ANNOTATION,
    staged::METHOD_ANNOTATION,
];

/// Namespaces (`ns`, or all) carrying `prep-ns`'s record of what it staged.
async fn preparations(client: &kube::Client, ns: Option<&str>) -> Result<Vec<Leftover>> {
    let api = Api::<Namespace>::all(client.clone());
    let found = match ns {
        Some(n) => {
            api.get_opt(n).await.map_err(|e| kube_error("get", &format!("namespaces {n}"), e))?.into_iter().collect()
        }
        None => {
            api.list(&ListParams::default().labels(&format!("{}={}", MANAGED_BY.0, MANAGED_BY.1)))
                .await
                .map_err(list_err("namespaces"))?
                .items
        }
    };
    Ok(found
        .iter()
        .filter(|n| n.annotations().contains_key(staged::PREPARED_ANNOTATION))
        .map(|n| Leftover {
            kind: "preparation".into(),
            namespace: None,
            name: n.name_any(),
            why: format!("prep-ns's record on the namespace (annotation {})", staged::PREPARED_ANNOTATION),
            finalizers: vec![],
            action: String::new(),
        })
        .collect())
}

/// Whether SimKube's controller runs (so the finalizers it set will be honoured).
pub async fn controller_running(client: &kube::Client, simkube_ns: &str) -> Result<bool> {
    let deps = Api::<Deployment>::namespaced(client.clone(), simkube_ns)
        .list(&ListParams::default())
        .await
        .map_err(|e| kube_error("list", &format!("deployments in namespace {simkube_ns}"), e))?;
    Ok(deps.items.iter().any(|d| {
        d.name_any().contains("sk-ctrl") && d.status.as_ref().and_then(|s| s.available_replicas).is_some_and(|n| n > 0)
    }))
}

/// Removes everything `prep-ns` made for driver namespace `ns` (all: `None`) but the namespace
/// and its ServiceAccount (which grant nothing by themselves), and forgets the local record of
/// what it staged. With `dry_run`, only lists.
pub async fn undo_prep(
    client: &kube::Client,
    context: &str,
    ns: Option<&str>,
    simkube_ns: &str,
    dry_run: bool,
) -> Result<Vec<Leftover>> {
    let mut items = prep_made(client, ns, simkube_ns).await?;
    for item in &mut items {
        if dry_run {
            item.action = "would delete".into();
        } else {
            remove(client, item, false).await?;
        }
    }
    if let (Some(n), false) = (ns, dry_run) {
        staged::forget_staged(context, n)?;
    }
    forget_local(context, &items, dry_run)?;
    Ok(items)
}

/// Forgets the local record of every namespace whose `preparation` item was removed.
pub fn forget_local(context: &str, items: &[Leftover], dry_run: bool) -> Result<()> {
    if dry_run {
        return Ok(());
    }
    for i in items.iter().filter(|i| i.kind == "preparation") {
        staged::forget_staged(context, &i.name)?;
    }
    Ok(())
}

/// Deletes `item`; with `strip`, removes its finalizers first (their controller is gone, so they
/// would hold it forever).
pub async fn remove(client: &kube::Client, item: &mut Leftover, strip: bool) -> Result<()> {
    let ns = item.namespace.clone();
    let name = item.name.clone();
    let stripped = strip && !item.finalizers.is_empty();
    macro_rules! go {
        ($api:expr) => {{
            let api = $api;
            let what = item.display_name();
            if stripped {
                let p = serde_json::json!({"metadata": {"finalizers": null}});
                match api.patch(&name, &PatchParams::default(), &Patch::Merge(&p)).await {
                    Ok(_) => {}
                    Err(e) if is_not_found(&e) => {}
                    Err(e) => return Err(kube_error("patch", &what, e)),
                }
            }
            match api.delete(&name, &DeleteParams::background()).await {
                Ok(_) => Ok(true),
                Err(e) if is_not_found(&e) => Ok(false),
                Err(e) => Err(kube_error("delete", &what, e)),
            }
        }};
    }
    let ns_or = |n: &Option<String>| n.clone().unwrap_or_default();
    let existed: Result<bool> = match item.kind.as_str() {
        "clusterrolebinding" | "clusterrole" | "rolebinding" | "role" | "secret" => {
            super::rbac::remove(client, &item.kind, ns.as_deref(), &name).await
        }
        "preparation" => {
            let none: serde_json::Map<String, serde_json::Value> =
                PREP_ANNOTATIONS.iter().map(|a| (a.to_string(), serde_json::Value::Null)).collect();
            let p = serde_json::json!({"metadata": {"annotations": none}});
            match Api::<Namespace>::all(client.clone()).patch(&name, &PatchParams::default(), &Patch::Merge(&p)).await {
                Ok(_) => Ok(true),
                Err(e) if is_not_found(&e) => Ok(false),
                Err(e) => Err(kube_error("patch", &format!("namespaces {name}"), e)),
            }
        }
        "simulation" => go!(Api::<Simulation>::all(client.clone())),
        "simulationroot" => go!(Api::<SimulationRoot>::all(client.clone())),
        "mutatingwebhookconfiguration" => go!(Api::<MutatingWebhookConfiguration>::all(client.clone())),
        "job" => go!(Api::<Job>::namespaced(client.clone(), &ns_or(&ns))),
        "pod" => go!(Api::<Pod>::namespaced(client.clone(), &ns_or(&ns))),
        "lease" => go!(Api::<Lease>::namespaced(client.clone(), &ns_or(&ns))),
        other => unreachable!("no leftover kind {other}"),
    };
    item.action = match (existed?, stripped) {
        (false, _) => "already gone".into(),
        (true, false) => "deleted".into(),
        (true, true) => format!("deleted (finalizers stripped: {})", item.finalizers.join(", ")),
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
    use sk_api::v1::SimulationStatus;

    use super::*;

    #[test]
    fn over_means_finished_or_failed() {
        let with = |state| Simulation {
            metadata: ObjectMeta { name: Some("s".into()), ..Default::default() },
            spec: Default::default(),
            status: Some(SimulationStatus { state, ..Default::default() }),
        };
        assert!(is_over(&with(Some(SimulationState::Finished))));
        assert!(is_over(&with(Some(SimulationState::Failed))));
        assert!(!is_over(&with(Some(SimulationState::Running))));
        assert!(!is_over(&with(None)));
        let l = Leftover::of("simulation", &with(None), "x");
        assert_eq!(l.display_name(), "simulation s");
    }
}
