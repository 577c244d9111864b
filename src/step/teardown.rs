//! Deleting a step's Simulation and waiting until its workload is gone, so the next step starts
//! from an empty virtual namespace.

use std::time::{Duration, Instant};

use k8s_openapi::api::apps::v1::Deployment;

use super::progress::Progress;
use crate::cluster::simulation as sim;
use crate::error::Result;

pub async fn teardown(
    client: &kube::Client,
    name: &str,
    vns: &str,
    deploy: &str,
    progress: &mut Progress,
) -> Result<()> {
    sim::delete(client, name).await?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let sim_left = sim::get(client, name).await?.is_some();
        // The driver deletes the namespaces it created; one that existed before it (pre-created
        // for RBAC, say) stays, so the workload's own objects going is what counts there.
        let ns_left =
            !vns.is_empty() && !sim::remaining_virtual_namespaces(client, &[vns.to_string()]).await?.is_empty();
        let deploy_left = ns_left && {
            let api: kube::Api<Deployment> = kube::Api::namespaced(client.clone(), vns);
            api.get_opt(deploy)
                .await
                .map_err(|e| crate::cluster::kube_error("get", &format!("deployments in namespace {vns}"), e))?
                .is_some()
        };
        if !sim_left && !deploy_left {
            let what = if ns_left {
                format!("{vns}/{deploy}")
            } else if vns.is_empty() {
                "its objects".to_string()
            } else {
                vns.to_string()
            };
            progress.phase("cleanup", format!("Simulation {name} and {what} are gone"));
            return Ok(());
        }
        let waiting = if sim_left { name.to_string() } else { format!("{vns}/{deploy}") };
        if Instant::now() > deadline {
            return Err(sim::not_ready(&format!("{waiting} still present 60s after deleting the Simulation")));
        }
        progress.waiting(format!("waiting for {waiting} to go"));
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
