//! `run --contexts c1,c2 --episodes E`: the pool (`step::pool`) set up from `run`'s flags — one
//! client per context, each context's driver namespace — and its records printed as `run` prints.

use std::collections::BTreeMap;

use crate::cli::GlobalArgs;
use crate::cluster::client::connect;
use crate::commands::Ctx;
use crate::commands::run::{Args, print_records, step_config};
use crate::error::Result;
use crate::step::episode::StepConfig;
use crate::step::interrupt::Interrupts;
use crate::step::pool::{Member, Plan, check_contexts, run_pool, verdict};

pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let contexts = if args.contexts.is_empty() {
        vec![]
    } else {
        check_contexts(&args.contexts)?;
        args.contexts.clone()
    };
    let mut members = vec![];
    if contexts.is_empty() {
        members.push(member(&ctx.global, args, None).await?);
    }
    for c in &contexts {
        members.push(member(&ctx.global, args, Some(c)).await?);
    }
    let runs_dir = args.sim.runs_dir()?;
    let run_id = format!("pool-{}", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"));
    // Each member sets its own namespace, context and driver image on this base.
    let base = StepConfig {
        cache: args.sim.cache()?,
        ..step_config(args, "", &runs_dir, "", &(String::new(), String::new()))
    };
    let plan = Plan { episodes: args.episodes, steps: args.steps, base, run_id };
    let interrupts = Interrupts::from_signals();
    let out = run_pool(&members, &plan, &interrupts).await;
    print_records(ctx, &out.records);
    if !ctx.out.is_json() {
        let mut per: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &out.records {
            *per.entry(r.context.as_str()).or_default() += 1;
        }
        let per: Vec<String> = per.iter().map(|(c, n)| format!("{c} {n}")).collect();
        println!(
            "{} steps of {} episodes over {} ({})",
            out.records.len(),
            args.episodes,
            members.len(),
            per.join(", ")
        );
    }
    verdict(&out)
}

/// The pool member for `context` (None: the current one): its client and driver namespace
/// (--ns, else -n, else the context's namespace).
async fn member(global: &GlobalArgs, args: &Args, context: Option<&String>) -> Result<Member> {
    let g = GlobalArgs { context: context.cloned().or_else(|| global.context.clone()), ..global.clone() };
    let cluster = connect(&g).await?;
    let ns = args.sim.namespace(global.namespace.as_deref())?.unwrap_or_else(|| cluster.namespace.clone());
    let (driver_image, driver_image_source) = args.sim.driver_image(&cluster.client).await;
    eprintln!("context {}: driver image {driver_image} ({driver_image_source})", cluster.context);
    Ok(Member { context: cluster.context, client: cluster.client, ns, driver_image, driver_image_source })
}
