//! Deleting a step's Simulation and waiting (watching) until it and what SimKube made for it are
//! gone: the driver Job, the webhook configuration, the lease, the virtual namespaces the driver
//! made, the workload. The next step then starts from empty virtual namespaces and a free lease.

use std::time::Duration;

use k8s_openapi::api::admissionregistration::v1::MutatingWebhookConfiguration;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::Namespace;
use kube::api::{ApiResource, DynamicObject};
use kube::runtime::watcher;
use kube::{Api, ResourceExt};
use sk_api::v1::Simulation;

use super::progress::Progress;
use crate::cluster::simulation as sim;
use crate::cluster::wait::{Phase, await_none, await_object, retry};
use crate::error::Result;

/// The objects of one Simulation.
pub struct Target<'a> {
    pub name: &'a str,
    /// The driver namespace.
    pub ns: &'a str,
    pub simkube_ns: &'a str,
    /// The workload's virtual namespace and Deployment (`vns` empty: not known yet).
    pub vns: &'a str,
    pub deploy: &'a str,
}

/// sk-ctrl's name for a Simulation's webhook configuration.
pub fn webhook_name(sim: &str) -> String {
    format!("sk-{sim}-mutatepods")
}

pub async fn teardown(client: &kube::Client, t: &Target<'_>, phase: &Phase, progress: &mut Progress) -> Result<()> {
    let name = t.name;
    retry(phase, &format!("delete Simulation {name}"), || sim::delete(client, name)).await?;
    progress.waiting(format!("waiting for Simulation {name} to go"));
    // Kubernetes' garbage collector removes what SimKube made for it (all owned, through its
    // SimulationRoot); each is watched until gone.
    let sims: Api<Simulation> = Api::all(client.clone());
    await_object(sims, name, &format!("simulations.simkube.io {name}"), phase, |s| s.is_none()).await?;
    let job = sim::driver_job_name(name);
    let jobs: Api<Job> = Api::namespaced(client.clone(), t.ns);
    await_object(jobs, &job, &format!("jobs {job} in namespace {}", t.ns), phase, |j| j.is_none()).await?;
    let hook = webhook_name(name);
    let hooks: Api<MutatingWebhookConfiguration> = Api::all(client.clone());
    await_object(hooks, &hook, &format!("mutatingwebhookconfigurations {hook}"), phase, |h| h.is_none()).await?;
    // sk-ctrl names the webhook certificate `sk-driver-cert` in every driver namespace and creates
    // it only when absent: the next Simulation in this namespace waits (in 5 s requeues) until
    // this one's Certificate is gone (the garbage collector can take a while on a new cluster), so
    // wait for it here. Its Secret is not owned (cert-manager leaves it) and is re-issued with
    // the next Simulation's label.
    let certs: Api<DynamicObject> = Api::namespaced_with(client.clone(), t.ns, &certificate_resource());
    let what = format!("certificates.cert-manager.io {DRIVER_CERT} in namespace {}", t.ns);
    // Only the next step's speed depends on this wait, so a cluster without cert-manager's CRD
    // (or without the right to read it) does not fail the cleanup.
    match await_object(certs, DRIVER_CERT, &what, phase, |c| c.is_none_or(|c| !labelled_for(c.labels(), name))).await {
        Err(e) if !e.is_transient() => tracing::info!("not waiting for the driver certificate to go: {e}"),
        r => {
            r?;
        }
    }
    // The lease goes with the SimulationRoot that owns it; once it is not ours, the next
    // Simulation can claim it at once instead of sleeping out its computed remainder.
    let leases: Api<Lease> = Api::namespaced(client.clone(), t.simkube_ns);
    let what = format!("leases {} in namespace {}", sim::SK_LEASE, t.simkube_ns);
    await_object(leases, sim::SK_LEASE, &what, phase, |l| l.is_none_or(|l| !held_by(l, name))).await?;
    // The virtual namespaces the driver created go with its root, emptied by the namespace
    // controller, which takes a while: a next driver that finds one still terminating skips
    // creating it and fails applying into it (`… because it is being terminated`). So the next
    // step starts only once they are gone.
    let namespaces: Api<Namespace> = Api::all(client.clone());
    let cfg = watcher::Config::default().labels(&format!("{VIRTUAL_LABEL}=true"));
    let what = format!("the virtual namespaces of Simulation {name}");
    progress.waiting(format!("waiting for {what} to go"));
    let root_prefix = format!("{}-", sim::driver_job_name(name));
    let waited = await_none(namespaces, cfg, &what, phase, |n| made_by_driver(n, &root_prefix)).await?;
    if waited > 0 {
        tracing::info!("waited for {waited} virtual namespace(s) of {name} to go");
    }
    // One that existed before the driver (pre-created for RBAC, say) stays, so the workload's
    // own Deployment going is what counts there.
    if !t.vns.is_empty() {
        progress.waiting(format!("waiting for {}/{} to go", t.vns, t.deploy));
        let deps: Api<Deployment> = Api::namespaced(client.clone(), t.vns);
        let what = format!("deployments {} in namespace {}", t.deploy, t.vns);
        await_object(deps, t.deploy, &what, phase, |d| d.is_none()).await?;
    }
    let what = if t.vns.is_empty() { "its objects".to_string() } else { format!("{}/{}", t.vns, t.deploy) };
    progress.phase("cleanup", format!("Simulation {name} and {what} are gone"));
    Ok(())
}

/// sk-ctrl's name for the driver's webhook certificate (and its Secret), one per driver namespace.
pub const DRIVER_CERT: &str = "sk-driver-cert";

fn certificate_resource() -> ApiResource {
    ApiResource {
        group: "cert-manager.io".into(),
        version: "v1".into(),
        api_version: "cert-manager.io/v1".into(),
        kind: "Certificate".into(),
        plural: "certificates".into(),
    }
}

/// Waits until no virtual namespace under `prefix` (`<prefix>-…`) is terminating: another step's
/// (another user's, say) namespaces go some seconds after its lease is free, and a driver that
/// finds one still terminating skips creating it and fails applying into it.
pub async fn await_terminating_virtual_namespaces(
    client: &kube::Client,
    prefix: &str,
    phase: &Phase,
    progress: &mut Progress,
) -> Result<()> {
    let namespaces: Api<Namespace> = Api::all(client.clone());
    let cfg = watcher::Config::default().labels(&format!("{VIRTUAL_LABEL}=true"));
    let what = format!("the terminating virtual namespaces {prefix}-*");
    let start = prefix.to_string() + "-";
    progress.waiting(format!("waiting for {what} to go"));
    let waited = await_none(namespaces, cfg, &what, phase, |n| {
        n.metadata.deletion_timestamp.is_some() && n.metadata.name.as_deref().is_some_and(|x| x.starts_with(&start))
    })
    .await?;
    if waited > 0 {
        progress.phase("preflight", format!("waited for {waited} terminating virtual namespace(s) to go"));
    }
    Ok(())
}

/// SimKube's label on the namespaces its driver creates.
pub const VIRTUAL_LABEL: &str = "simkube.io/virtual";

/// Whether namespace `n` was created by a driver of the Job `<root_prefix>…`: sk-driver owns
/// each one by its SimulationRoot `<driver pod>-root`, the pod named after its Job.
fn made_by_driver(n: &Namespace, root_prefix: &str) -> bool {
    n.owner_references().iter().any(|o| o.kind == "SimulationRoot" && o.name.starts_with(root_prefix))
}

fn labelled_for(labels: &std::collections::BTreeMap<String, String>, sim: &str) -> bool {
    labels.get(crate::cluster::leftovers::SIMULATION_LABEL).map(String::as_str) == Some(sim)
}

pub fn held_by(lease: &Lease, sim: &str) -> bool {
    lease.spec.as_ref().and_then(|s| s.holder_identity.as_deref()) == Some(sim)
}

/// What of `t` is still in the cluster, as `kind/name` lines, read within `limit`; when the
/// cluster cannot say in time, every object that may be left is listed as such.
pub async fn leftovers(client: &kube::Client, t: &Target<'_>, limit: Duration) -> Vec<String> {
    let job = sim::driver_job_name(t.name);
    let hook = webhook_name(t.name);
    let candidates = vec![
        format!("simulations.simkube.io/{}", t.name),
        format!("job {}/{job}", t.ns),
        format!("mutatingwebhookconfiguration {hook}"),
        format!("lease {}/{} (held by {})", t.simkube_ns, sim::SK_LEASE, t.name),
    ];
    let check = async {
        let sim_left = Api::<Simulation>::all(client.clone()).get_opt(t.name).await?.is_some();
        let job_left = Api::<Job>::namespaced(client.clone(), t.ns).get_opt(&job).await?.is_some();
        let hook_left = Api::<MutatingWebhookConfiguration>::all(client.clone()).get_opt(&hook).await?.is_some();
        let lease_left = Api::<Lease>::namespaced(client.clone(), t.simkube_ns)
            .get_opt(sim::SK_LEASE)
            .await?
            .is_some_and(|l| held_by(&l, t.name));
        Ok::<_, kube::Error>([sim_left, job_left, hook_left, lease_left])
    };
    match tokio::time::timeout(limit, check).await {
        Ok(Ok(left)) => candidates.into_iter().zip(left).filter(|(_, l)| *l).map(|(c, _)| c).collect(),
        _ => candidates.into_iter().map(|c| format!("{c} (may be left: the cluster did not answer in time)")).collect(),
    }
}

/// The commands that remove what `leftovers` found.
pub fn removal_hint(t: &Target<'_>) -> String {
    format!(
        "kubectl delete simulations.simkube.io {} (SimKube's objects go with it), or kubectl skstep cleanup",
        t.name
    )
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::coordination::v1::LeaseSpec;

    use super::*;

    #[test]
    fn lease_holders() {
        let l = Lease {
            spec: Some(LeaseSpec { holder_identity: Some("skstep-a".into()), ..Default::default() }),
            ..Default::default()
        };
        assert!(held_by(&l, "skstep-a"));
        assert!(!held_by(&l, "skstep-b"));
        assert!(!held_by(&Lease::default(), "skstep-a"));
        assert_eq!(webhook_name("skstep-a"), "sk-skstep-a-mutatepods");
    }

    #[test]
    fn the_virtual_namespaces_waited_for_are_the_drivers_of_this_simulation() {
        use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
        let owned = |kind: &str, name: &str| Namespace {
            metadata: ObjectMeta {
                owner_references: Some(vec![OwnerReference {
                    kind: kind.into(),
                    name: name.into(),
                    ..Default::default()
                }]),
                ..Default::default()
            },
            ..Default::default()
        };
        let prefix = format!("{}-", sim::driver_job_name("skstep-a-1"));
        assert!(made_by_driver(&owned("SimulationRoot", "sk-skstep-a-1-driver-x7k2p-root"), &prefix));
        assert!(!made_by_driver(&owned("SimulationRoot", "sk-skstep-a-10-driver-x7k2p-root"), &prefix));
        assert!(!made_by_driver(&owned("Deployment", "sk-skstep-a-1-driver-x7k2p-root"), &prefix));
        assert!(!made_by_driver(&Namespace::default(), &prefix), "a pre-created namespace is not waited for");
    }
}
