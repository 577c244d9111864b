use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use kube::Api;
use sk_api::v1::Simulation;

use crate::cluster::client::connect;
use crate::cluster::observe::{Observation, observe, virtual_namespaces};
use crate::cluster::wait::{Phase, Retries, retry_api};
use crate::cluster::{is_not_found, kube_error};
use crate::commands::Ctx;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = "Counts the pods that the Deployment's own spec.selector picks: ready, pending, total, \
plus running, failed, unscheduled and the nodes used. Terminating and Succeeded pods are not counted.\n\
-n NS: the virtual namespace the Deployment is in, the same as --virtual-ns.")]
pub struct Args {
    /// The Deployment, as named in the trace
    #[arg(long, value_name = "NAME")]
    pub deploy: String,
    /// The Simulation whose virtual namespaces to look in
    #[arg(long, value_name = "SIM", conflicts_with = "virtual_ns")]
    pub sim: Option<String>,
    /// The virtual namespace to look in (e.g. virtual-default; -n does the same)
    #[arg(long, value_name = "NS")]
    pub virtual_ns: Option<String>,
    /// The Deployment's namespace in the trace (default: find it among the virtual namespaces)
    #[arg(long, value_name = "NS")]
    pub source_ns: Option<String>,
    /// Keep printing an observation every --interval until interrupted
    #[arg(long)]
    pub watch: bool,
    #[arg(long, default_value = "2s", value_parser = crate::trace::time::parse_std_duration)]
    pub interval: Duration,
    /// How long one observation's calls to the API server may take, transient errors (unreachable,
    /// 5xx, 429) retried with backoff or after the server's Retry-After, before observe fails
    #[arg(long, default_value = "60s", value_parser = crate::trace::time::parse_std_duration)]
    pub api_timeout: Duration,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(run_async(ctx, args))
}

async fn run_async(ctx: &Ctx, args: &Args) -> Result<()> {
    ctx.out.forbid_file("observe")?;
    crate::commands::one_namespace("--virtual-ns", args.virtual_ns.as_deref(), ctx.global.namespace.as_deref())?;
    let cluster = connect(&ctx.global).await?;
    // The first observation's limit covers finding its namespace too; each later one has its own.
    let mut phase = Phase::new("observe", args.api_timeout, &Retries::default());
    let ns_flag = ctx.global.namespace.as_deref();
    let vns = retry_api(&phase, "find the virtual namespace", || resolve_vns(&cluster.client, args, ns_flag)).await?;
    loop {
        let o = retry_api(&phase, "observe", || observe(&cluster.client, &vns, &args.deploy)).await?;
        print(ctx, &o);
        if !args.watch {
            return Ok(());
        }
        tokio::select! {
            _ = tokio::time::sleep(args.interval) => {},
            _ = tokio::signal::ctrl_c() => return Ok(()),
        }
        phase = Phase::new("observe", args.api_timeout, &phase.retries);
    }
}

fn print(ctx: &Ctx, o: &Observation) {
    if ctx.out.is_json() {
        println!("{}", serde_json::to_string(o).expect("serialises"));
        return;
    }
    let nodes: Vec<String> = o.nodes.iter().map(|(n, c)| format!("{n}={c}")).collect();
    println!(
        "{}/{}: ready {} pending {} total {} (running {}, failed {}, unscheduled {}; desired {}) nodes: {}",
        o.virtual_namespace,
        o.deployment,
        o.ready,
        o.pending,
        o.total,
        o.running,
        o.failed,
        o.unscheduled,
        o.desired_replicas.map_or("-".into(), |r| r.to_string()),
        if nodes.is_empty() { "none".into() } else { nodes.join(", ") }
    );
}

/// `<virtualNsPrefix>-<source ns>`: given, or from the Simulation and the trace namespace, or
/// found by looking for the Deployment among the `<prefix>-*` namespaces.
async fn resolve_vns(client: &kube::Client, args: &Args, ns_flag: Option<&str>) -> Result<String> {
    // As in kubectl, -n is the namespace the Deployment is in: here, the virtual one.
    if let Some(v) = crate::commands::one_namespace("--virtual-ns", args.virtual_ns.as_deref(), ns_flag)? {
        if args.sim.is_some() || args.source_ns.is_some() {
            return Err(Error::usage(
                format!("-n/--virtual-ns {v} names the virtual namespace; --sim and --source-ns find it"),
                Some("give either the virtual namespace or --sim/--source-ns".to_string()),
            ));
        }
        return Ok(v);
    }
    let prefix = match &args.sim {
        Some(sim) => {
            let sims: Api<Simulation> = Api::all(client.clone());
            match sims.get(sim).await {
                Ok(s) => s.spec.driver.virtual_ns_prefix.clone(),
                Err(e) if is_not_found(&e) => {
                    return Err(Error::bad_input(
                        format!("no Simulation {sim:?} in the cluster"),
                        Some("list them with `kubectl get simulations`".into()),
                    ));
                }
                Err(e) => return Err(kube_error("get", "simulations.simkube.io", e)),
            }
        }
        None => "virtual".to_string(),
    };
    if let Some(ns) = &args.source_ns {
        return Ok(format!("{prefix}-{ns}"));
    }
    let candidates = virtual_namespaces(client, &prefix).await?;
    let mut found = vec![];
    for ns in &candidates {
        let d: Api<Deployment> = Api::namespaced(client.clone(), ns);
        match d.get_opt(&args.deploy).await {
            Ok(Some(_)) => found.push(ns.clone()),
            Ok(None) => {}
            Err(e) => return Err(kube_error("get", &format!("deployments in namespace {ns}"), e)),
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::bad_input(
            format!(
                "no Deployment {:?} in any {prefix}-* namespace ({})",
                args.deploy,
                if candidates.is_empty() { "none exist".to_string() } else { format!("these exist: {}", candidates.join(", ")) }
            ),
            Some("the driver creates objects of trace namespace N in <prefix>-N: check `kubectl skstep trace inspect FILE --deploy NAME`".into()),
        )),
        many => Err(Error::usage(
            format!("Deployment {:?} is in several virtual namespaces: {}", args.deploy, many.join(", ")),
            Some("pick one with --virtual-ns or --source-ns".into()),
        )),
    }
}
