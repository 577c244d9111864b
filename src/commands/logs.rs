use futures::{AsyncBufReadExt, TryStreamExt};
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::{ListParams, LogParams};
use sk_api::v1::Simulation;

use crate::cluster::client::connect;
use crate::cluster::kube_error;
use crate::cluster::simulation::{self as sim, MANAGED_BY};
use crate::commands::Ctx;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = "Finds the Simulation's driver Job, its pod and container. With no pod yet, prints why \
(the Job's and the pod's events).\n\
-n NS: a driver namespace; without SIM, the newest Simulation whose driver runs there.")]
pub struct Args {
    /// The Simulation (default: the newest one kubectl-skstep created, in -n's driver namespace if given)
    pub sim: Option<String>,
    /// Follow the log until the pod ends
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// Only the last N lines
    #[arg(long)]
    pub tail: Option<i64>,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(async {
        ctx.out.forbid_file("logs")?;
        let cluster = connect(&ctx.global).await?;
        let client = &cluster.client;
        let sims: Api<Simulation> = Api::all(client.clone());
        let s = match &args.sim {
            Some(name) => {
                sims.get_opt(name).await.map_err(|e| kube_error("get", "simulations.simkube.io", e))?.ok_or_else(
                    || {
                        Error::bad_input(
                            format!("no Simulation {name:?}"),
                            Some("list them with `kubectl get simulations`".into()),
                        )
                    },
                )?
            }
            None => {
                let list = sims
                    .list(&ListParams::default().labels(&format!("{}={}", MANAGED_BY.0, MANAGED_BY.1)))
                    .await
                    .map_err(|e| kube_error("list", "simulations.simkube.io", e))?;
                // -n narrows it to the Simulations whose driver runs in that namespace.
                let ns = ctx.global.namespace.as_deref();
                list.items
                    .into_iter()
                    .filter(|s| ns.is_none_or(|n| s.spec.driver.namespace == n))
                    .max_by_key(|s| s.metadata.creation_timestamp.clone().map(|t| t.0))
                    .ok_or_else(|| {
                        Error::bad_input(
                            match ns {
                                Some(n) => format!("no Simulation created by kubectl-skstep drives namespace {n}"),
                                None => "no Simulation created by kubectl-skstep exists".into(),
                            },
                            Some("name one: kubectl skstep logs SIM".into()),
                        )
                    })?
            }
        };
        let name = s.metadata.name.clone().unwrap_or_default();
        let ns = s.spec.driver.namespace.clone();
        let Some(pod) = sim::driver_pod(client, &ns, &name).await? else {
            let job = sim::driver_job_name(&name);
            println!("Simulation {name}: no driver pod yet in {ns} (state {:?})", sim::state(&s));
            let evs = sim::events_for(client, &ns, "Job", &job).await?;
            if evs.is_empty() {
                println!(
                    "  Job {job}: {}",
                    if sim::driver_job(client, &ns, &name).await?.is_some() {
                        "exists, no events"
                    } else {
                        "not created yet"
                    }
                );
            }
            for e in evs {
                println!("  Job {job}: {} {}", e.reason.unwrap_or_default(), e.message.unwrap_or_default().trim());
            }
            return Ok(());
        };
        let pod_name = pod.metadata.name.clone().unwrap_or_default();
        let waiting = pod
            .status
            .as_ref()
            .and_then(|st| st.container_statuses.as_ref())
            .and_then(|c| c.first())
            .and_then(|c| c.state.as_ref())
            .and_then(|s| s.waiting.clone());
        if pod.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Pending") && waiting.is_some() {
            println!(
                "driver pod {ns}/{pod_name} has not started: {}",
                waiting.and_then(|w| w.reason).unwrap_or_default()
            );
            for e in sim::events_for(client, &ns, "Pod", &pod_name).await? {
                println!("  {} {}", e.reason.unwrap_or_default(), e.message.unwrap_or_default().trim());
            }
            return Ok(());
        }
        let pods: Api<Pod> = Api::namespaced(client.clone(), &ns);
        let lp = LogParams {
            follow: args.follow,
            tail_lines: args.tail,
            container: Some("driver".into()),
            ..Default::default()
        };
        if args.follow {
            let stream = pods
                .log_stream(&pod_name, &lp)
                .await
                .map_err(|e| kube_error("get", &format!("pods/log {pod_name} in namespace {ns}"), e))?;
            let mut lines = stream.lines();
            while let Some(line) = lines
                .try_next()
                .await
                .map_err(|e| Error::Cluster { message: format!("log stream: {e}"), hint: None })?
            {
                println!("{line}");
            }
        } else {
            let text = pods
                .logs(&pod_name, &lp)
                .await
                .map_err(|e| kube_error("get", &format!("pods/log {pod_name} in namespace {ns}"), e))?;
            print!("{text}");
        }
        Ok(())
    })
}
