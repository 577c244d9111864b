//! Waiting on the cluster as kube-rs's own controllers do: watches (kube-runtime's `watcher`, with
//! its default backoff) instead of polling, each wait bounded by its phase's limit, and transient
//! API errors (unreachable, 5xx, 429, the API server restarting) retried with backoff until that
//! limit, counted, and only then reported.

use std::fmt::Debug;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use futures::{Stream, StreamExt};
use kube::runtime::WatchStreamExt;
use kube::runtime::watcher::{self, DefaultBackoff};
use kube::{Api, Resource};
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use super::kube_error;
use crate::error::{Error, Result};
use crate::trace::time::fmt_duration;

/// Transient errors retried, over a whole step (shared by its phases).
#[derive(Debug, Clone, Default)]
pub struct Retries(Arc<AtomicU32>);

impl Retries {
    pub fn count(&self) -> u32 {
        self.0.load(Ordering::Relaxed)
    }

    fn add(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// One phase of a step: its name (for messages), its limit, and where its retries are counted.
#[derive(Debug, Clone)]
pub struct Phase {
    pub name: String,
    pub limit: Duration,
    pub deadline: Instant,
    pub retries: Retries,
}

impl Phase {
    pub fn new(name: impl Into<String>, limit: Duration, retries: &Retries) -> Phase {
        Phase { name: name.into(), limit, deadline: Instant::now() + limit, retries: retries.clone() }
    }

    /// The error a phase ends with when its limit passes. The last transient error, if any, says
    /// why (and keeps exit code 3); otherwise the phase simply took too long.
    pub fn timed_out(&self, what: &str, last: Option<Error>) -> Error {
        let limit = fmt_duration(self.limit.as_secs() as i64);
        match last {
            Some(Error::Unavailable { message, hint, .. }) => Error::Unavailable {
                message: format!(
                    "{message} (phase {}: still failing after {limit} of retries, {} retried in all)",
                    self.name,
                    self.retries.count()
                ),
                hint,
                retry_after: None,
            },
            Some(other) => other,
            None => Error::Simulation {
                message: format!("{what}: not done within {limit} (phase {})", self.name),
                hint: None,
            },
        }
    }

    /// Counts a retry and says it, with the pause when we choose it (a watch's is its backoff's).
    fn note(&self, e: &Error, pause: Option<Duration>) {
        self.retries.add();
        let when = match pause {
            Some(p) if e.retry_after().is_some() => {
                format!(" in {:.1}s (the API server's Retry-After)", p.as_secs_f64())
            }
            Some(p) => format!(" in {:.1}s", p.as_secs_f64()),
            None => String::new(),
        };
        tracing::info!("phase {}: retrying{when} after a transient error: {e}", self.name);
    }
}

/// Runs `f` until it succeeds, fails for good, or the phase's limit passes; transient errors are
/// retried with kube-runtime's default backoff (0.8 s doubling to 30 s, jittered), or after the
/// wait the API server asked for (`Retry-After`, see throttle.rs), as client-go does.
pub async fn retry<T, F, Fut>(phase: &Phase, what: &str, mut f: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut backoff = DefaultBackoff::default();
    loop {
        let attempt = tokio::time::timeout_at(phase.deadline, f()).await;
        match attempt {
            Err(_) => return Err(phase.timed_out(what, None)),
            Ok(Err(e)) if e.is_transient() => {
                let pause = match e.retry_after() {
                    Some(asked) => asked,
                    None => backoff.next().unwrap_or(Duration::from_secs(30)),
                };
                if Instant::now().checked_add(pause).is_none_or(|t| t >= phase.deadline) {
                    return Err(phase.timed_out(what, Some(e)));
                }
                phase.note(&e, Some(pause));
                tokio::time::sleep(pause).await;
            }
            Ok(r) => return r,
        }
    }
}

/// `retry` for a command's calls to the API server (prep-ns, cleanup): the limit bounds a call
/// that hangs too (a server that accepts and never answers), which is then "unreachable", exit 3.
pub async fn retry_api<T, F, Fut>(phase: &Phase, what: &str, f: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let hung = Instant::now() >= phase.deadline;
    match tokio::time::timeout_at(phase.deadline, retry(phase, what, f)).await {
        Ok(Err(Error::Simulation { message, .. })) if message.ends_with(&format!("(phase {})", phase.name)) || hung => {
            Err(unanswered(phase, what))
        }
        Ok(r) => r,
        Err(_) => Err(unanswered(phase, what)),
    }
}

fn unanswered(phase: &Phase, what: &str) -> Error {
    Error::Unavailable {
        message: format!(
            "cluster unreachable ({what}): the API server did not answer within {} (phase {})",
            fmt_duration(phase.limit.as_secs() as i64),
            phase.name
        ),
        hint: Some("check that the API server is up and answers; raise --api-timeout for a slow one".into()),
        retry_after: None,
    }
}

/// A watch error as our error: lost connections and expired resource versions are transient.
pub fn watch_error(e: watcher::Error, what: &str) -> Error {
    match e {
        watcher::Error::InitialListFailed(k) | watcher::Error::WatchStartFailed(k) | watcher::Error::WatchFailed(k) => {
            kube_error("watch", what, k)
        }
        watcher::Error::WatchError(r) if r.code == 410 => Error::Unavailable {
            message: format!("watch {what}: the API server's history moved on ({})", r.message),
            hint: None,
            retry_after: None,
        },
        watcher::Error::WatchError(r) => kube_error("watch", what, kube::Error::Api(r)),
        other @ watcher::Error::NoResourceVersion => {
            Error::Cluster { message: format!("watch {what}: {other}"), hint: None }
        }
    }
}

/// A watch that retries transient errors with backoff and counts them in `phase`; a lasting error
/// (forbidden, not found) ends it.
pub fn resilient<S, T>(stream: S, phase: &Phase, what: String) -> impl Stream<Item = Result<T>> + Send + use<S, T>
where
    S: Stream<Item = std::result::Result<T, watcher::Error>> + Send,
    T: Send,
{
    let phase = phase.clone();
    stream.default_backoff().map(move |r| match r {
        Ok(v) => Ok(v),
        Err(e) => {
            let e = watch_error(e, &what);
            if e.is_transient() {
                phase.note(&e, None);
            }
            Err(e)
        }
    })
}

/// Waits until object `name` satisfies `done` (it is given `None` once the object is gone),
/// watching it; returns what it last saw.
pub async fn await_object<K>(
    api: Api<K>,
    name: &str,
    what: &str,
    phase: &Phase,
    mut done: impl FnMut(Option<&K>) -> bool,
) -> Result<Option<K>>
where
    K: Resource + Clone + DeserializeOwned + Debug + Send + 'static,
{
    let stream = resilient(watcher::watch_object(api, name), phase, what.to_string());
    let mut stream = std::pin::pin!(stream);
    let mut last_err = None;
    loop {
        match tokio::time::timeout_at(phase.deadline, stream.next()).await {
            Err(_) => return Err(phase.timed_out(what, last_err)),
            Ok(None) => return Err(Error::Cluster { message: format!("watch {what}: the stream ended"), hint: None }),
            Ok(Some(Ok(obj))) => {
                if done(obj.as_ref()) {
                    return Ok(obj);
                }
            }
            Ok(Some(Err(e))) if e.is_transient() => last_err = Some(e),
            Ok(Some(Err(e))) => return Err(e),
        }
    }
}

/// Waits until no object of `api` selected by `cfg` satisfies `pending` (watching them: a
/// reflector's store, judged after every change once listed); returns how many it waited for.
pub async fn await_none<K>(
    api: Api<K>,
    cfg: watcher::Config,
    what: &str,
    phase: &Phase,
    pending: impl Fn(&K) -> bool,
) -> Result<usize>
where
    K: Resource<DynamicType = ()> + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
{
    let (reader, writer) = kube::runtime::reflector::store();
    let stream = resilient(watcher::watcher(api, cfg).reflect(writer), phase, what.to_string());
    let mut stream = std::pin::pin!(stream);
    let (mut listed, mut most, mut last_err) = (false, 0, None);
    loop {
        match tokio::time::timeout_at(phase.deadline, stream.next()).await {
            Err(_) => return Err(phase.timed_out(what, last_err)),
            Ok(None) => return Err(Error::Cluster { message: format!("watch {what}: the stream ended"), hint: None }),
            Ok(Some(Ok(watcher::Event::InitDone))) => listed = true,
            Ok(Some(Ok(_))) => {}
            Ok(Some(Err(e))) if e.is_transient() => last_err = Some(e),
            Ok(Some(Err(e))) => return Err(e),
        }
        if listed {
            let left = reader.state().iter().filter(|o| pending(o)).count();
            most = most.max(left);
            if left == 0 {
                return Ok(most);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unavailable() -> Error {
        Error::Unavailable {
            message: "cluster unreachable (get x): connection refused".into(),
            hint: None,
            retry_after: None,
        }
    }

    #[tokio::test]
    async fn transient_errors_are_retried_until_success() {
        let retries = Retries::default();
        let phase = Phase::new("observe", Duration::from_secs(20), &retries);
        let mut n = 0;
        let got = retry(&phase, "x", || {
            n += 1;
            let r = if n < 3 { Err(unavailable()) } else { Ok(n) };
            async move { r }
        })
        .await
        .unwrap();
        assert_eq!((got, retries.count()), (3, 2));
    }

    #[tokio::test]
    async fn lasting_errors_are_not_retried_and_the_limit_ends_transient_ones() {
        let retries = Retries::default();
        let phase = Phase::new("create", Duration::from_secs(5), &retries);
        let e =
            retry(&phase, "x", || async { Err::<(), _>(Error::Cluster { message: "forbidden".into(), hint: None }) })
                .await
                .unwrap_err();
        assert_eq!((e.to_string().as_str(), retries.count()), ("forbidden", 0));
        let short = Phase::new("observe", Duration::from_millis(1500), &retries);
        let e = retry(&short, "x", || async { Err::<(), _>(unavailable()) }).await.unwrap_err();
        assert!(e.is_transient(), "{e}");
        assert!(e.to_string().contains("phase observe: still failing after"), "{e}");
        assert!(retries.count() >= 1);
    }

    #[tokio::test]
    async fn a_hung_command_call_is_unreachable_at_the_limit() {
        let phase = Phase::new("prep-ns", Duration::from_millis(100), &Retries::default());
        let e = retry_api(&phase, "prep-ns", std::future::pending::<Result<()>>).await.unwrap_err();
        assert!(e.is_transient(), "{e}");
        assert!(e.to_string().contains("did not answer within"), "{e}");
    }

    #[tokio::test]
    async fn a_hung_call_ends_at_the_limit() {
        let phase = Phase::new("cleanup", Duration::from_millis(100), &Retries::default());
        let e = retry(&phase, "Simulation x gone", std::future::pending::<Result<()>>).await.unwrap_err();
        assert_eq!(e.to_string(), "Simulation x gone: not done within 0s (phase cleanup)");
    }
}
