use crate::cluster::client::connect;
use crate::cluster::leftovers::{controller_running, find, forget_local, remove};
use crate::cluster::wait::{Phase, Retries, retry_api as retry};
use crate::commands::Ctx;
use crate::error::Result;

#[derive(Debug, clap::Args)]
#[command(after_help = "Lists each object, then deletes it (background propagation: what SimKube made for a \
Simulation goes with it). Replaces `kubectl delete simulations --all` and stripping finalizers by hand.\n\
Also removes what prep-ns granted and copied (the driver's bindings, the roles it made, copied Secrets) and its \
record on the namespace: run prep-ns again before the next step there.\n\
Examples:\n  kubectl skstep cleanup --dry-run\n  kubectl skstep cleanup --all")]
pub struct Args {
    /// Also clear what a crashed SimKube run leaves and blocks the next one, whoever made it:
    /// finished or failed Simulations holding sk-lease, a lease whose Simulation is gone, driver
    /// Jobs, MutatingWebhookConfigurations and SimulationRoots whose Simulation is gone
    #[arg(long)]
    pub all: bool,
    /// List what would be deleted; delete nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Only kubectl-skstep's objects driving this namespace (default: all of them); -n is the same
    #[arg(long, value_name = "NS")]
    pub ns: Option<String>,
    /// How long transient API errors (unreachable, 5xx, 429) are retried, with backoff, before
    /// cleanup fails
    #[arg(long, default_value = "60s", value_parser = crate::trace::time::parse_std_duration)]
    pub api_timeout: std::time::Duration,
    /// The namespace SimKube's controller (and its sk-lease) runs in
    #[arg(long, default_value = crate::cluster::prep::CTRL_NS, value_name = "NS")]
    pub simkube_ns: String,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(async {
        ctx.out.forbid_file("cleanup")?;
        let ns = crate::commands::one_namespace("--ns", args.ns.as_deref(), ctx.global.namespace.as_deref())?;
        let cluster = connect(&ctx.global).await?;
        let client = &cluster.client;
        let phase = Phase::new("cleanup", args.api_timeout, &Retries::default());
        let mut items =
            retry(&phase, "list what to clean up", || find(client, args.all, &args.simkube_ns, ns.as_deref())).await?;
        // Finalizers are only stripped where the controller that would honour them is gone.
        let strip = !retry(&phase, "look for sk-ctrl", || controller_running(client, &args.simkube_ns)).await?;
        let text = !ctx.out.is_json();
        if text && items.is_empty() {
            println!("nothing to clean up (context {}{})", cluster.context, if args.all { ", --all" } else { "" });
        }
        if text && strip && items.iter().any(|i| !i.finalizers.is_empty()) {
            println!(
                "note: SimKube's controller is not running in namespace {}: finalizers are stripped before deleting",
                args.simkube_ns
            );
        }
        for item in &mut items {
            if text {
                println!("{}: {}", item.display_name(), item.why);
            }
            if args.dry_run {
                item.action = "would delete".into();
            } else {
                let what = item.display_name();
                let mut one = item.clone();
                retry(&phase, &format!("delete {what}"), || {
                    let mut attempt = one.clone();
                    async move { remove(client, &mut attempt, strip).await.map(|_| attempt) }
                })
                .await
                .map(|done| one = done)?;
                *item = one;
            }
            if text {
                println!("  {}", item.action);
            }
        }
        forget_local(&cluster.context, &items, args.dry_run)?;
        if text {
            for p in items.iter().filter(|i| i.kind == "preparation") {
                println!(
                    "note: namespace {0} is no longer prepared (its grants are gone): kubectl skstep prep-ns {0} before its next step",
                    p.name
                );
            }
        }
        if !text {
            ctx.out.json(&items);
        }
        Ok(())
    })
}
