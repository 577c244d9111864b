use std::path::PathBuf;

use crate::cluster::client::connect;
use crate::cluster::prep::{Options, prep};
use crate::cluster::stage::Method as Stage;
use crate::cluster::stage_pods::{remove_staging_pods, staging_selector};
use crate::cluster::wait::{Phase, Retries, retry_api as retry};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::step::interrupt::Interrupts;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Idempotent (server-side apply, field manager kubectl-skstep). Secret values are never printed.\n\
-n NS: the same as the NS argument (they must agree if both are given).\n\
Examples:\n  kubectl skstep prep-ns test-ns --trace web.msgpack --node-dir /var/lib/kind-data   # kind extraMounts\n  kubectl skstep prep-ns test-ns --trace web.msgpack --stage pods   # any cluster: a pod per node copies it"
)]
pub struct Args {
    /// The namespace the driver will run in
    pub ns: String,
    /// The trace to stage (validated first; an invalid trace is refused and nothing changes)
    #[arg(long, value_name = "FILE")]
    pub trace: Option<PathBuf>,
    /// A Secret to copy from namespace simkube (repeatable). Default: sk-ctrl's --driver-secrets, else `simkube`
    #[arg(long = "secret", value_name = "NAME")]
    pub secrets: Vec<String>,
    /// Bind the driver's ServiceAccount to this existing ClusterRole instead of the one prep-ns
    /// makes (only what sk-driver 2.7.0 does, for the trace's kinds)
    #[arg(long, value_name = "NAME")]
    pub cluster_role: Option<String>,
    /// Remove what prep-ns made for NS (bindings, the roles it made, copied Secrets, its record
    /// of the staged trace); the namespace and its ServiceAccount stay
    #[arg(long, conflicts_with_all = ["trace", "secrets", "cluster_role", "stage", "trace_url"])]
    pub undo: bool,
    /// Copy the trace into this host folder, mounted at /data in the nodes (kind extraMounts)
    #[arg(long, value_name = "DIR", env = "SKSTEP_NODE_DATA_DIR", conflicts_with = "trace_url")]
    pub node_dir: Option<PathBuf>,
    /// `pods`: copy the trace onto every schedulable non-virtual node through a short-lived pod
    /// per node (hostPath /data, exec API, sha256 checked). Takes precedence over --node-dir
    #[arg(long, value_enum, value_name = "HOW", conflicts_with = "trace_url")]
    pub stage: Option<StageHow>,
    /// The staging pods' image (needs sh, cat, sha256sum)
    #[arg(long, default_value = crate::cluster::stage_pods::DEFAULT_IMAGE, requires = "stage")]
    pub stage_image: String,
    /// How long a staging pod may take to start
    #[arg(long, default_value = "2m", value_parser = crate::trace::time::parse_std_duration, requires = "stage")]
    pub stage_timeout: std::time::Duration,
    /// Use this trace URL as is (s3://, gs://, file://)
    #[arg(long, value_name = "URL")]
    pub trace_url: Option<String>,
    /// Show what would change; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// How long transient API errors (unreachable, 5xx, 429) are retried, with backoff, before
    /// prep-ns fails (every step of it is idempotent, so it is run again whole)
    #[arg(long, default_value = "60s", value_parser = crate::trace::time::parse_std_duration)]
    pub api_timeout: std::time::Duration,
    /// The namespace SimKube's controller runs in (its settings and Secrets are read there)
    #[arg(long, default_value = crate::cluster::prep::CTRL_NS, value_name = "NS")]
    pub simkube_ns: String,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StageHow {
    Pods,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(async {
        ctx.out.forbid_file("prep-ns")?;
        crate::commands::one_namespace("NS", Some(&args.ns), ctx.global.namespace.as_deref())?;
        let cluster = connect(&ctx.global).await?;
        if args.undo {
            return undo(ctx, args, &cluster).await;
        }
        let stage = match (&args.trace_url, args.stage, &args.node_dir) {
            (Some(u), _, _) => Some(Stage::Url(u.clone())),
            (None, Some(StageHow::Pods), _) => {
                Some(Stage::Pods { image: args.stage_image.clone(), timeout: args.stage_timeout })
            }
            (None, None, Some(d)) if args.trace.is_some() => Some(Stage::NodeDir(d.clone())),
            _ => None,
        };
        let opts = Options {
            namespace: args.ns.clone(),
            trace: args.trace.clone(),
            secrets: (!args.secrets.is_empty()).then(|| args.secrets.clone()),
            cluster_role: args.cluster_role.clone(),
            stage,
            dry_run: args.dry_run,
            simkube_ns: args.simkube_ns.clone(),
        };
        let mut interrupts = Interrupts::from_signals();
        let phase = Phase::new("prep-ns", args.api_timeout, &Retries::default());
        let report = tokio::select! {
            r = retry(&phase, "prep-ns", || prep(&cluster.client, &cluster.context, &opts)) => r?,
            _ = interrupts.next() => {
                // Staging pods are the only thing prep-ns makes that must not stay half-made (the
                // rest is applied idempotently; a node-dir copy is renamed into place whole).
                eprintln!("interrupted: removing staging pods in namespace {}", args.ns);
                let removed = tokio::select! {
                    r = remove_twice(&cluster.client, &args.ns) => r,
                    _ = interrupts.next() => {
                        eprintln!(
                            "interrupted again: staging pods may be left; remove with: kubectl -n {} delete pods -l {}",
                            args.ns,
                            staging_selector()
                        );
                        return Err(Error::Interrupted);
                    }
                };
                match removed {
                    Ok(n) => eprintln!("removed {n} staging pod(s); nothing half-made is left"),
                    Err(e) => eprintln!("could not remove the staging pods: {e}"),
                }
                return Err(Error::Interrupted);
            }
        };
        if ctx.out.is_json() {
            ctx.out.json(&report);
            return Ok(());
        }
        println!("{}namespace {} (context {}):", if args.dry_run { "dry run: " } else { "" }, args.ns, cluster.context);
        for c in &report.changes {
            println!("  {:<13} {:<19} {}", c.action, c.kind, c.name);
        }
        for n in report.nodes.iter().filter(|n| n.skipped.is_some()) {
            println!("  skipped node {}: {}", n.node, n.skipped.as_deref().unwrap_or(""));
        }
        println!("  note: {}", report.cluster_role_note);
        if let Some(p) = &report.staged.trace_path {
            println!("  the Simulation will read the trace from {p}");
        }
        Ok(())
    })
}

async fn undo(ctx: &Ctx, args: &Args, cluster: &crate::cluster::client::Cluster) -> Result<()> {
    let items = crate::cluster::leftovers::undo_prep(
        &cluster.client,
        &cluster.context,
        Some(&args.ns),
        &args.simkube_ns,
        args.dry_run,
    )
    .await?;
    if ctx.out.is_json() {
        ctx.out.json(&items);
        return Ok(());
    }
    println!("{}namespace {} (context {}):", if args.dry_run { "dry run: " } else { "" }, args.ns, cluster.context);
    if items.is_empty() {
        println!("  nothing of prep-ns's left");
    }
    for i in &items {
        println!(
            "  {:<13} {:<19} {}: {}",
            i.action,
            i.kind,
            i.display_name().split_once(' ').map_or("", |x| x.1),
            i.why
        );
    }
    println!("  the namespace and its ServiceAccount stay (they grant nothing); staged traces stay on the nodes");
    Ok(())
}

/// A create request in flight when the interrupt came may land after the first removal: a second
/// one, after it, catches it.
async fn remove_twice(client: &kube::Client, ns: &str) -> Result<usize> {
    let limit = std::time::Duration::from_secs(30);
    let first = remove_staging_pods(client, ns, limit).await?;
    Ok(first + remove_staging_pods(client, ns, limit).await?)
}
