//! Episodes over a pool of clusters. SimKube runs one Simulation per cluster at a time (its
//! `sk-lease`), so parallelism is clusters: one worker per kubeconfig context takes the next
//! episode not yet taken and runs its steps one after another, each a `run` step
//! (`episode::run_step`), so each context runs one Simulation at a time and the records (appended
//! under the runs folder's lock) name their context and episode.

use std::sync::atomic::{AtomicU32, Ordering};

use super::episode::{StepConfig, run_step};
use super::interrupt::Interrupts;
use super::progress::Progress;
use crate::error::{Error, Result};
use crate::records::jsonl::StepRecord;

/// One cluster of the pool.
pub struct Member {
    pub context: String,
    pub client: kube::Client,
    /// The driver namespace on this cluster (prepared with `prep-ns`).
    pub ns: String,
    /// The sk-driver image for this cluster's SimKube, and why it was chosen.
    pub driver_image: String,
    pub driver_image_source: String,
}

pub struct Plan {
    pub episodes: u32,
    pub steps: u32,
    /// Everything but trace/context/ns/episode/step, which the pool sets; `seed` is offset by
    /// the episode's index so episodes of a random policy differ yet are reproducible.
    pub base: StepConfig,
    /// Prefix of the episode names: `<run_id>-e001`, …
    pub run_id: String,
}

/// What the pool did: every record of every step that ran, and the contexts that stopped on
/// an error (with it).
pub struct Outcome {
    pub records: Vec<StepRecord>,
    pub failures: Vec<(String, Error)>,
}

pub async fn run_pool(members: &[Member], plan: &Plan, interrupts: &Interrupts) -> Outcome {
    let next = AtomicU32::new(0);
    let workers = members.iter().map(|m| worker(m, plan, &next, interrupts.clone()));
    let mut out = Outcome { records: vec![], failures: vec![] };
    for (m, (recs, err)) in members.iter().zip(futures::future::join_all(workers).await) {
        out.records.extend(recs);
        if let Some(e) = err {
            out.failures.push((m.context.clone(), e));
        }
    }
    out.records.sort_by(|a, b| (&a.episode, a.step).cmp(&(&b.episode, b.step)));
    out
}

/// Runs episodes on one context until none is left. A failed step ends its episode (it is
/// recorded) and stops this context, whose cluster is likely broken: the other contexts take
/// the episodes left.
async fn worker(
    m: &Member,
    plan: &Plan,
    next: &AtomicU32,
    mut interrupts: Interrupts,
) -> (Vec<StepRecord>, Option<Error>) {
    let mut progress = Progress::new(false);
    let mut recs = vec![];
    loop {
        let i = next.fetch_add(1, Ordering::SeqCst);
        if i >= plan.episodes {
            return (recs, None);
        }
        let episode = format!("{}-e{:03}", plan.run_id, i + 1);
        let mut trace = plan.base.trace.clone();
        for step in 1..=plan.steps {
            let cfg = StepConfig {
                trace: trace.clone(),
                ns: m.ns.clone(),
                context: m.context.clone(),
                driver_image: m.driver_image.clone(),
                driver_image_source: m.driver_image_source.clone(),
                episode: episode.clone(),
                step,
                seed: plan.base.seed.wrapping_add(u64::from(i)),
                ..plan.base.clone()
            };
            match run_step(&m.client, &cfg, &mut progress, &mut interrupts).await {
                Ok(res) => {
                    if let Some(n) = res.trace_next {
                        trace = n;
                    }
                    recs.push(res.record);
                }
                Err(e) => {
                    progress.phase("pool", format!("context {} stops: episode {episode} step {step}: {e}", m.context));
                    return (recs, Some(e));
                }
            }
        }
    }
}

/// The pool's verdict: Ok when every context finished; else the first failure, naming its
/// context (an interrupt wins, so the exit code is 130).
pub fn verdict(out: &Outcome) -> Result<()> {
    if out.failures.iter().any(|(_, e)| matches!(e, Error::Interrupted)) {
        return Err(Error::Interrupted);
    }
    match out.failures.first() {
        None => Ok(()),
        Some((ctx, e)) => {
            let msg = format!("context {ctx}: {e}");
            let hint = e.hint().map(String::from);
            Err(match e.exit_code() {
                crate::error::exit::CLUSTER => Error::Cluster { message: msg, hint },
                crate::error::exit::SIMULATION => Error::Simulation { message: msg, hint },
                crate::error::exit::USAGE => Error::usage(msg, hint),
                _ => Error::bad_input(msg, hint),
            })
        }
    }
}

/// Refuses a context given twice: its two workers would only queue on one cluster's lease.
pub fn check_contexts(contexts: &[String]) -> Result<()> {
    for (i, c) in contexts.iter().enumerate() {
        if contexts[..i].contains(c) {
            return Err(Error::usage(
                format!(
                    "--contexts names {c} twice: SimKube runs one Simulation per cluster, so two workers on one context would only queue"
                ),
                Some("give each cluster's context once".into()),
            ));
        }
    }
    if contexts.is_empty() {
        return Err(Error::usage("--contexts needs at least one context", None));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_context_given_twice_is_refused() {
        let e = check_contexts(&["a".into(), "b".into(), "a".into()]).unwrap_err();
        assert!(e.to_string().contains("names a twice"), "{e}");
        assert!(check_contexts(&["a".into(), "b".into()]).is_ok());
        assert!(check_contexts(&[]).is_err());
    }

    #[test]
    fn the_verdict_names_the_context_and_keeps_the_exit_code() {
        let out = Outcome {
            records: vec![],
            failures: vec![("c2".into(), Error::Cluster { message: "unreachable".into(), hint: None })],
        };
        let e = verdict(&out).unwrap_err();
        assert_eq!((e.to_string().as_str(), e.exit_code()), ("context c2: unreachable", 3));
        let out = Outcome { records: vec![], failures: vec![("c1".into(), Error::Interrupted)] };
        assert_eq!(verdict(&out).unwrap_err().exit_code(), 130);
    }
}
