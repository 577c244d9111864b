//! Deleting a step's Simulation and waiting (watching) until it and its workload are gone, so
//! the next step starts from an empty virtual namespace.

use k8s_openapi::api::apps::v1::Deployment;
use kube::Api;
use sk_api::v1::Simulation;

use super::progress::Progress;
use crate::cluster::simulation as sim;
use crate::cluster::wait::{Phase, await_object, retry};
use crate::error::Result;

pub async fn teardown(
    client: &kube::Client,
    name: &str,
    vns: &str,
    deploy: &str,
    phase: &Phase,
    progress: &mut Progress,
) -> Result<()> {
    retry(phase, &format!("delete Simulation {name}"), || sim::delete(client, name)).await?;
    progress.waiting(format!("waiting for Simulation {name} to go"));
    let sims: Api<Simulation> = Api::all(client.clone());
    await_object(sims, name, &format!("simulations.simkube.io {name}"), phase, |s| s.is_none()).await?;
    // The driver deletes the namespaces it created; one that existed before it (pre-created for
    // RBAC, say) stays, so the workload's own Deployment going is what counts.
    if !vns.is_empty() {
        progress.waiting(format!("waiting for {vns}/{deploy} to go"));
        let deps: Api<Deployment> = Api::namespaced(client.clone(), vns);
        await_object(deps, deploy, &format!("deployments {deploy} in namespace {vns}"), phase, |d| d.is_none()).await?;
    }
    let what = if vns.is_empty() { "its objects".to_string() } else { format!("{vns}/{deploy}") };
    progress.phase("cleanup", format!("Simulation {name} and {what} are gone"));
    Ok(())
}
