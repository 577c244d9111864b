//! The pool's members from the command line: one client per kubeconfig context (`--contexts`, or
//! the current context alone), each with its driver namespace and its SimKube's driver image.
//! `run` plays its episodes over them (`step::pool::run_jobs`); so can any command that plays jobs.

use crate::cluster::client::connect;
use crate::commands::sim_args::SimFlags;
use crate::error::Result;
use crate::global::GlobalArgs;
use crate::step::pool::{Member, check_contexts};

/// The members for `contexts` (empty: the current context), each checked reachable.
pub async fn members(global: &GlobalArgs, sim: &SimFlags, contexts: &[String]) -> Result<Vec<Member>> {
    if contexts.is_empty() {
        return Ok(vec![member(global, sim, None).await?]);
    }
    check_contexts(contexts)?;
    let mut out = vec![];
    for c in contexts {
        out.push(member(global, sim, Some(c)).await?);
    }
    Ok(out)
}

/// The pool member for `context` (None: the current one): its client and driver namespace
/// (--ns, else -n, else the context's namespace).
async fn member(global: &GlobalArgs, sim: &SimFlags, context: Option<&String>) -> Result<Member> {
    let g = GlobalArgs { context: context.cloned().or_else(|| global.context.clone()), ..global.clone() };
    let ns = sim.namespace(global.namespace.as_deref())?;
    let cluster = connect(&g).await?;
    let ns = ns.unwrap_or_else(|| cluster.namespace.clone());
    let (driver_image, driver_image_source) = sim.driver_image(&cluster.client).await?;
    let prefix = if context.is_some() { format!("context {}: ", cluster.context) } else { String::new() };
    eprintln!("{prefix}driver image {driver_image} ({driver_image_source})");
    Ok(Member { context: cluster.context, client: cluster.client, ns, driver_image, driver_image_source })
}
