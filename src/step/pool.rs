//! Jobs over a pool of clusters. SimKube runs one Simulation per cluster at a time (its
//! `sk-lease`), so parallelism is clusters: one worker per kubeconfig context takes the next job
//! not yet taken (an episode of `run --episodes`, a (scenario, repeat) pair of bench) and runs it
//! to its end before taking another, so each context runs one Simulation at a time.
//!
//! [`run_jobs`]`(members, jobs, interrupts, f)` calls `f(member, &job, interrupts)` for each job
//! on the member that took it and returns every job that was taken with its output, in the
//! order of `jobs`. An output that [`Outcome::stops_member`] (a failed or interrupted episode,
//! an `Err`) stops its member, whose cluster is likely broken: the other members take the jobs
//! left. Jobs no member took (every member stopped) are not returned; the caller sees which.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::engine::{EpisodeEnd, EpisodeResult};
use super::interrupt::Interrupts;
use crate::error::{Error, Result};

/// One cluster of the pool.
#[derive(Clone)]
pub struct Member {
    pub context: String,
    pub client: kube::Client,
    /// The driver namespace on this cluster (prepared with `prep-ns`).
    pub ns: String,
    /// The sk-driver image for this cluster's SimKube, and why it was chosen.
    pub driver_image: String,
    pub driver_image_source: String,
}

/// Whether a job's output stops the member that ran it.
pub trait Outcome {
    fn stops_member(&self) -> bool;
}

impl Outcome for EpisodeResult {
    fn stops_member(&self) -> bool {
        matches!(self.end, EpisodeEnd::Failed(_) | EpisodeEnd::Interrupted)
    }
}

impl<T> Outcome for Result<T> {
    fn stops_member(&self) -> bool {
        self.is_err()
    }
}

/// A job that ran, where, and what it gave.
pub struct Done<J, T> {
    pub job: J,
    /// The context of the member that ran it.
    pub context: String,
    pub output: T,
}

pub async fn run_jobs<J, T, F, Fut>(members: &[Member], jobs: Vec<J>, interrupts: &Interrupts, f: F) -> Vec<Done<J, T>>
where
    T: Outcome,
    F: Fn(&Member, &J, Interrupts) -> Fut,
    Fut: Future<Output = T>,
{
    let next = AtomicUsize::new(0);
    let (jobs_ref, f_ref, next_ref) = (&jobs, &f, &next);
    let workers = members.iter().map(|m| {
        let interrupts = interrupts.clone();
        async move {
            let mut done = vec![];
            loop {
                // An interrupt that came between jobs: take no more. The first job is always
                // taken, so an interrupt before it is recorded by it (as `interrupted`).
                if !done.is_empty() && interrupts.pending() {
                    return done;
                }
                let i = next_ref.fetch_add(1, Ordering::SeqCst);
                let Some(job) = jobs_ref.get(i) else { return done };
                let output = f_ref(m, job, interrupts.clone()).await;
                let stop = output.stops_member();
                done.push((i, m.context.clone(), output));
                if stop {
                    return done;
                }
            }
        }
    });
    let mut done: Vec<(usize, String, T)> = futures::future::join_all(workers).await.into_iter().flatten().collect();
    done.sort_by_key(|d| d.0);
    let mut jobs: Vec<Option<J>> = jobs.into_iter().map(Some).collect();
    done.into_iter()
        .map(|(i, context, output)| Done { job: jobs[i].take().expect("each job is taken once"), context, output })
        .collect()
}

/// The verdict over episodes: the first failure, wrapped with its context (its variant, exit code
/// and hint kept); an interrupt wins, so the exit code is 130.
pub fn verdict<J>(done: Vec<Done<J, EpisodeResult>>) -> Result<()> {
    let mut first = None;
    for d in done {
        match d.output.end {
            EpisodeEnd::Interrupted => return Err(Error::Interrupted),
            EpisodeEnd::Failed(e) if e.is_interrupt() => return Err(e),
            EpisodeEnd::Failed(e) if first.is_none() => first = Some(e.context(format!("context {}", d.context))),
            _ => {}
        }
    }
    first.map_or(Ok(()), Err)
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
    use std::sync::Mutex;

    use super::*;

    #[test]
    fn a_context_given_twice_is_refused() {
        let e = check_contexts(&["a".into(), "b".into(), "a".into()]).unwrap_err();
        assert!(e.to_string().contains("names a twice"), "{e}");
        assert!(check_contexts(&["a".into(), "b".into()]).is_ok());
        assert!(check_contexts(&[]).is_err());
    }

    fn result(end: EpisodeEnd) -> EpisodeResult {
        EpisodeResult { records: vec![], end, solved_at: None, first: None, last: None, space: None, next: None }
    }

    fn done(context: &str, end: EpisodeEnd) -> Done<u32, EpisodeResult> {
        Done { job: 0, context: context.into(), output: result(end) }
    }

    #[test]
    fn the_verdict_wraps_the_error_with_its_context_and_keeps_its_variant() {
        let e = Error::Cluster { message: "unreachable".into(), hint: Some("check the VPN".into()) };
        let v = verdict(vec![done("c1", EpisodeEnd::Budget), done("c2", EpisodeEnd::Failed(e))]).unwrap_err();
        assert_eq!(
            (v.to_string().as_str(), v.exit_code(), v.hint()),
            ("context c2: unreachable", 3, Some("check the VPN"))
        );
        assert!(matches!(v.root(), Error::Cluster { .. }));
        let e = Error::io("/runs/step.jsonl", std::io::Error::other("disk full"));
        let v = verdict(vec![done("c1", EpisodeEnd::Failed(e))]).unwrap_err();
        assert!(matches!(v.root(), Error::Io { .. }), "not rebuilt from the exit code: {v:?}");
        let v = verdict(vec![
            done("c1", EpisodeEnd::Failed(Error::bad_input("x", None))),
            done("c2", EpisodeEnd::Interrupted),
        ]);
        assert_eq!(v.unwrap_err().exit_code(), 130);
        assert!(verdict(vec![done("c1", EpisodeEnd::Goal)]).is_ok());
    }

    /// The job queue without a cluster: the members' clients are never used by this `f`.
    #[tokio::test]
    async fn each_job_runs_once_and_a_failing_member_stops_while_the_others_finish() {
        let Ok(client) = kube::Client::try_from(kube::Config::new("http://127.0.0.1:9".parse().unwrap())) else {
            panic!("a client for an address is made without connecting");
        };
        let member = |c: &str| Member {
            context: c.into(),
            client: client.clone(),
            ns: "ns".into(),
            driver_image: String::new(),
            driver_image_source: String::new(),
        };
        let members = [member("good"), member("bad")];
        let ran = Mutex::new(vec![]);
        let done = run_jobs(&members, (0..6).collect(), &Interrupts::never(), |m, j: &u32, _| {
            let ctx = m.context.clone();
            let j = *j;
            ran.lock().unwrap().push((ctx.clone(), j));
            async move {
                tokio::task::yield_now().await;
                if ctx == "bad" { Err(Error::Cluster { message: "down".into(), hint: None }) } else { Ok(j) }
            }
        })
        .await;
        let jobs: Vec<u32> = done.iter().map(|d| d.job).collect();
        assert_eq!(jobs, (0..6).collect::<Vec<_>>(), "every job taken once, in order");
        let bad: Vec<&Done<u32, Result<u32>>> = done.iter().filter(|d| d.context == "bad").collect();
        assert_eq!(bad.len(), 1, "the failing member took one job and stopped");
        assert!(done.iter().filter(|d| d.context == "good").all(|d| d.output.is_ok()));

        // An interrupt before the start: each member takes its first job (which records the
        // interrupt), and no more.
        let (t, i) = Interrupts::channel();
        t.fire();
        let done = run_jobs(&members, vec![1, 2, 3, 4], &i, |_, j: &u32, _| {
            let j = *j;
            async move { Ok::<_, Error>(j) }
        })
        .await;
        assert_eq!(done.iter().map(|d| d.job).collect::<Vec<_>>(), [1, 2]);
    }
}
