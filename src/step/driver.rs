//! Waiting for a Simulation's driver, by watching (kube-runtime watchers and reflector stores)
//! the Simulation, SimKube's lease, the driver's pods and the driver namespace's events: through
//! the lease, until the driver container runs, recognising every known failure on the way; then
//! while it replays, failing as soon as it does. What the watches show is judged by `judge`, a
//! pure function.

use std::sync::Arc;
use std::time::Duration;

use futures::stream::{BoxStream, SelectAll};
use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::admissionregistration::v1::MutatingWebhookConfiguration;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Event, Pod, Secret};
use kube::Api;
use kube::runtime::WatchStreamExt;
use kube::runtime::reflector::{self, Store};
use kube::runtime::watcher::{self, Config};
use sk_api::v1::{Simulation, SimulationState};
use tokio::time::Instant;

use super::progress::Progress;
use crate::cluster::diagnose::{self, Cause};
use crate::cluster::simulation as sim;
use crate::cluster::wait::{Phase, Retries, resilient, retry};
use crate::error::{Error, Result};
use crate::trace::time::fmt_duration;

/// The one Simulation being waited for.
pub struct Watch<'a> {
    pub name: &'a str,
    /// The driver namespace.
    pub ns: &'a str,
    pub simkube_ns: &'a str,
    pub lease_timeout: Duration,
    pub driver_timeout: Duration,
    /// How long a short API call may keep failing transiently (reading the driver's log).
    pub api_timeout: Duration,
    pub retries: &'a Retries,
}

/// The driver runs.
pub struct Started {
    /// When its container started (RFC 3339).
    pub at: String,
    /// How long the Simulation was blocked on SimKube's lease.
    pub lease_wait: Duration,
}

pub fn fail(cause: &Cause) -> Error {
    Error::Simulation { message: cause.message(), hint: Some(cause.fix()) }
}

/// What the watches show at one moment.
#[derive(Debug, Default, Clone)]
pub struct View {
    /// `None` once the Simulation is gone.
    pub sim: Option<Arc<Simulation>>,
    pub lease_holder: Option<String>,
    /// The driver Job's pods.
    pub pods: Vec<Arc<Pod>>,
    /// Events in the driver namespace.
    pub events: Vec<Arc<Event>>,
    /// The webhook certificate's Secret exists (cert-manager issued it).
    pub cert_secret: bool,
    /// The webhook configuration exists / has its caBundle injected.
    pub webhook: bool,
    pub ca_bundle: bool,
    /// The driver Job exists.
    pub job: bool,
}

/// What to make of a `View`.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Another simulation holds SimKube's lease.
    Blocked {
        holder: Option<String>,
    },
    Failed(Cause),
    /// SimKube marked it failed, for no reason the cluster shows.
    FailedUnknown(String),
    /// The driver container ended; its log says why.
    Ended {
        pod: String,
    },
    Started(chrono::DateTime<chrono::Utc>),
    Waiting(String),
}

/// Judges `v` for Simulation `name` driving namespace `ns`.
pub fn judge(v: &View, name: &str, ns: &str) -> Verdict {
    let Some(s) = &v.sim else {
        return Verdict::FailedUnknown("the Simulation disappeared while its driver was awaited".into());
    };
    let job = sim::driver_job_name(name);
    let pod = v.pods.iter().max_by_key(|p| p.metadata.creation_timestamp.clone().map(|t| t.0));
    let pod_name = pod.and_then(|p| p.metadata.name.clone());
    let about = |e: &&Arc<Event>| {
        let o = &e.involved_object;
        (o.kind.as_deref() == Some("Job") && o.name.as_deref() == Some(job.as_str()))
            || (o.kind.as_deref() == Some("Pod") && o.name.is_some() && o.name == pod_name)
    };
    let mut events: Vec<Event> = v.events.iter().filter(about).map(|e| e.as_ref().clone()).collect();
    events.sort_by_key(|e| e.last_timestamp.clone().map(|t| t.0).or(e.event_time.clone().map(|t| t.0)));
    // Job events first: a Job that cannot make its pod says so only there.
    let (job_events, pod_events): (Vec<Event>, Vec<Event>) =
        events.into_iter().partition(|e| e.involved_object.kind.as_deref() == Some("Job"));
    if let Some(c) = diagnose::from_events(&job_events, ns).or_else(|| diagnose::from_events(&pod_events, ns)) {
        return Verdict::Failed(c);
    }
    if let Some(p) = pod {
        let ended = p
            .status
            .as_ref()
            .and_then(|s| s.container_statuses.as_ref())
            .and_then(|c| c.first())
            .and_then(|c| c.state.as_ref())
            .is_some_and(|s| s.terminated.is_some());
        if ended {
            return Verdict::Ended { pod: pod_name.unwrap_or_default() };
        }
        if let Some(c) = diagnose::from_pod(p, "") {
            return Verdict::Failed(c);
        }
        if let Some(at) = sim::driver_started_at(p) {
            return Verdict::Started(at);
        }
    }
    match sim::state(s) {
        Some(SimulationState::Blocked) => Verdict::Blocked { holder: v.lease_holder.clone() },
        Some(SimulationState::Failed) => Verdict::FailedUnknown("SimKube marked the Simulation Failed".into()),
        _ => Verdict::Waiting(match pod {
            Some(_) => format!("waiting for the driver pod of {name} to run"),
            None => format!("waiting for sk-ctrl to start the driver of {name}"),
        }),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Source {
    Sim,
    Lease,
    Pods,
    Events,
    Secrets,
    Hooks,
    Jobs,
}

const SOURCES: usize = 7;

/// Fast start: what to nudge sk-ctrl with. sk-ctrl 2.7 reconciles a Simulation on a generation
/// change, else on its own timers (5 s requeues while the webhook certificate is issued and
/// injected; the lease's computed remainder while Blocked). A spec change that means nothing new
/// bumps the generation: `rescheduleInterruptedBarePods` set to `false` (sk-ctrl and sk-driver
/// only act on `Some(true)`, so `false` and unset mean the same), and back to unset.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FastStart {
    pub enabled: bool,
    /// What was nudged, in order (`cert`, `ca_bundle`, `lease`).
    pub nudged: Vec<&'static str>,
    /// Set when a nudge failed: from then on SimKube's own pace.
    pub fallback: Option<String>,
    /// The Simulation's observed generation when the lease was last nudged: nudged again only
    /// once sk-ctrl has seen that nudge and is still blocked on a free lease.
    pub lease_nudged_at: Option<i64>,
    /// When the last nudge was sent. sk-ctrl can take a nudge while it is still reconciling the
    /// previous change and then sleep out its 5 s requeue anyway; a trigger that still holds
    /// after `RENUDGE` is nudged again (at most `MAX_NUDGES` times).
    pub last_at: Option<Instant>,
}

/// How long sk-ctrl may take to reconcile a new Simulation at all (give it a status) before the
/// step says so, with the cause and the fix. It takes well under a second when sk-ctrl runs,
/// watches and is idle. The step still waits to `--driver-timeout` and then fails with that
/// cause: a busy sk-ctrl (eight runs queued on its lease took over 15 s, tests/run_e2e.rs
/// `eight_concurrent_runs…`) and one recovering from an API server restart (over 60 s blind,
/// python/tests' API-server test) do pick the Simulation up later.
pub const PICKUP: Duration = Duration::from_secs(15);

/// Whether sk-ctrl has reconciled the Simulation at least once (or made anything for it).
pub fn picked_up(v: &View) -> bool {
    v.sim.as_ref().is_some_and(|s| s.status.is_some()) || v.job || !v.pods.is_empty() || v.webhook
}

/// How long a nudge is given to show its effect before it is sent again.
pub const RENUDGE: Duration = Duration::from_millis(1500);
const MAX_NUDGES: usize = 4;

/// A nudge to send: the value `rescheduleInterruptedBarePods` gets (`None`: unset).
#[derive(Debug, PartialEq)]
pub struct Nudge {
    pub why: &'static str,
    pub value: Option<bool>,
}

impl FastStart {
    /// The nudge `v` calls for, if any; each trigger nudges once.
    pub fn next(&self, v: &View, name: &str) -> Option<Nudge> {
        if !self.enabled || self.fallback.is_some() {
            return None;
        }
        let s = v.sim.as_ref()?;
        let done = |w| self.nudged.contains(&w);
        let set = s.spec.reschedule_interrupted_bare_pods;
        // Blocked on a lease that has gone (or is no longer any Simulation's): claim it now
        // rather than after SimKube's computed sleep.
        if sim::state(s) == Some(SimulationState::Blocked) && v.lease_holder.as_deref().is_none_or(|h| h == name) {
            let seen = s.status.as_ref().map(|st| st.observed_generation);
            if self.lease_nudged_at.is_none_or(|at| seen.is_some_and(|g| g > at)) {
                return toggle(set).map(|value| Nudge { why: "lease", value });
            }
            return None;
        }
        if v.job {
            return None;
        }
        let again = |w| {
            let n = self.nudged.iter().filter(|x| **x == w).count();
            n == 0 || (n < MAX_NUDGES && self.last_at.is_some_and(|t| t.elapsed() >= RENUDGE))
        };
        if v.ca_bundle && again("ca_bundle") {
            return toggle(set).map(|value| Nudge { why: "ca_bundle", value });
        }
        if v.cert_secret && !v.webhook && again("cert") {
            return toggle(set).map(|value| Nudge { why: "cert", value });
        }
        let _ = done;
        None
    }
}

/// The other of the two equivalent values (unset and false). `true` is read from the cluster
/// (someone else set it, kubectl-skstep never does) and means something: no nudge then, SimKube's
/// own pace.
fn toggle(v: Option<bool>) -> Option<Option<bool>> {
    match v {
        None => Some(Some(false)),
        Some(false) => Some(None),
        Some(true) => None,
    }
}

/// Sends `n`. A failure (no permission to patch, say) is reported and returned, never fatal.
pub async fn nudge(client: &kube::Client, name: &str, n: &Nudge) -> Result<()> {
    let api: Api<Simulation> = Api::all(client.clone());
    let patch = serde_json::json!({"spec": {"rescheduleInterruptedBarePods": n.value}});
    api.patch(name, &kube::api::PatchParams::default(), &kube::api::Patch::Merge(&patch))
        .await
        .map(|_| ())
        .map_err(|e| crate::cluster::kube_error("patch", &format!("simulations.simkube.io {name}"), e))
}

/// The watches behind a `View`, merged into one stream.
pub struct Watches {
    sims: Store<Simulation>,
    leases: Store<Lease>,
    pods: Store<Pod>,
    events: Store<Event>,
    secrets: Store<Secret>,
    hooks: Store<MutatingWebhookConfiguration>,
    jobs: Store<Job>,
    stream: SelectAll<BoxStream<'static, Result<(Source, bool)>>>,
    listed: Vec<Source>,
}

fn watch<K>(
    api: Api<K>,
    cfg: Config,
    source: Source,
    phase: &Phase,
    what: String,
) -> (Store<K>, BoxStream<'static, Result<(Source, bool)>>)
where
    K: kube::Resource<DynamicType = ()> + Clone + serde::de::DeserializeOwned + std::fmt::Debug + Send + Sync + 'static,
{
    let (reader, writer) = reflector::store();
    let s = watcher::watcher(api, cfg).reflect(writer);
    let s = resilient(s, phase, what).map_ok(move |e| (source, matches!(e, watcher::Event::InitDone)));
    (reader, s.boxed())
}

impl Watches {
    pub fn start(client: &kube::Client, w: &Watch<'_>, phase: &Phase) -> Watches {
        let by_name = |n: &str| Config::default().fields(&format!("metadata.name={n}"));
        let (sims, a) = watch(
            Api::<Simulation>::all(client.clone()),
            by_name(w.name),
            Source::Sim,
            phase,
            format!("simulations.simkube.io {}", w.name),
        );
        let (leases, b) = watch(
            Api::<Lease>::namespaced(client.clone(), w.simkube_ns),
            by_name(sim::SK_LEASE),
            Source::Lease,
            phase,
            format!("leases {} in namespace {}", sim::SK_LEASE, w.simkube_ns),
        );
        let (pods, c) = watch(
            Api::<Pod>::namespaced(client.clone(), w.ns),
            Config::default().labels(&format!("job-name={}", sim::driver_job_name(w.name))),
            Source::Pods,
            phase,
            format!("pods in namespace {}", w.ns),
        );
        let (events, d) = watch(
            Api::<Event>::namespaced(client.clone(), w.ns),
            Config::default(),
            Source::Events,
            phase,
            format!("events in namespace {}", w.ns),
        );
        let sim_label = Config::default().labels(&format!("simkube.io/simulation={}", w.name));
        let (secrets, e) = watch(
            Api::<Secret>::namespaced(client.clone(), w.ns),
            sim_label.clone(),
            Source::Secrets,
            phase,
            format!("secrets in namespace {}", w.ns),
        );
        let hook = super::teardown::webhook_name(w.name);
        let (hooks, f) = watch(
            Api::<MutatingWebhookConfiguration>::all(client.clone()),
            by_name(&hook),
            Source::Hooks,
            phase,
            format!("mutatingwebhookconfigurations {hook}"),
        );
        let job = sim::driver_job_name(w.name);
        let (jobs, g) = watch(
            Api::<Job>::namespaced(client.clone(), w.ns),
            by_name(&job),
            Source::Jobs,
            phase,
            format!("jobs {job} in namespace {}", w.ns),
        );
        Watches {
            sims,
            leases,
            pods,
            events,
            secrets,
            hooks,
            jobs,
            stream: futures::stream::select_all([a, b, c, d, e, f, g]),
            listed: vec![],
        }
    }

    pub fn view(&self) -> View {
        View {
            sim: self.sims.state().into_iter().next(),
            lease_holder: self
                .leases
                .state()
                .into_iter()
                .next()
                .and_then(|l| l.spec.as_ref().and_then(|s| s.holder_identity.clone())),
            pods: self.pods.state(),
            events: self.events.state(),
            cert_secret: !self.secrets.state().is_empty(),
            webhook: !self.hooks.state().is_empty(),
            ca_bundle: self.hooks.state().iter().any(|h| {
                h.webhooks
                    .iter()
                    .flatten()
                    .next()
                    .and_then(|w| w.client_config.ca_bundle.as_ref())
                    .is_some_and(|b| !b.0.is_empty())
            }),
            job: !self.jobs.state().is_empty(),
        }
    }

    /// Whether every watch has listed once.
    pub fn listed_all(&self) -> bool {
        self.listed.len() == SOURCES
    }

    /// Waits for the next change, up to `deadline`. `Ok(None)`: the deadline passed. Returns
    /// only once every watch has listed once, so a `View` is never judged half-known.
    /// Transient errors are retried by the watches themselves (and counted); the last one is
    /// kept in `last_err`.
    pub async fn changed(&mut self, deadline: Instant, last_err: &mut Option<Error>) -> Result<Option<()>> {
        loop {
            match tokio::time::timeout_at(deadline, self.stream.next()).await {
                Err(_) => return Ok(None),
                Ok(None) => return Err(Error::Cluster { message: "the watches ended".into(), hint: None }),
                Ok(Some(Err(e))) if e.is_transient() => *last_err = Some(e),
                Ok(Some(Err(e))) => return Err(e),
                Ok(Some(Ok((source, init_done)))) => {
                    if init_done && !self.listed.contains(&source) {
                        self.listed.push(source);
                    }
                    if self.listed.len() == SOURCES {
                        return Ok(Some(()));
                    }
                }
            }
        }
    }
}

async fn ended(client: &kube::Client, w: &Watch<'_>, watches: &mut Watches, pod: &str) -> Error {
    let phase = Phase::new("driver log", w.api_timeout, w.retries);
    let log = retry(&phase, "the driver's log", || sim::pod_log(client, w.ns, pod, Some(200)))
        .await
        .unwrap_or_else(|e| format!("(the driver log could not be read: {e})"));
    let view = watches.view();
    let p = view.pods.iter().find(|p| p.metadata.name.as_deref() == Some(pod));
    match p.and_then(|p| diagnose::from_pod(p, &log)) {
        Some(c) => fail(&c),
        None => sim::not_ready(&format!("the driver pod {pod} ended before the observation")),
    }
}

/// Waits until the driver container runs, waiting (visibly) while another simulation holds
/// SimKube's lease (up to `lease_timeout`); `driver_timeout` counts only the time not blocked.
pub async fn wait_for_driver(
    client: &kube::Client,
    w: &Watch<'_>,
    watches: &mut Watches,
    fast: &mut FastStart,
    progress: &mut Progress,
) -> Result<Started> {
    let start = Instant::now();
    let mut blocked_since: Option<Instant> = None;
    let mut lease_wait = Duration::ZERO;
    let mut last_err = None;
    let mut idle_said = false;
    loop {
        let deadline = match blocked_since {
            Some(b) => b + w.lease_timeout,
            None => start + lease_wait + w.driver_timeout,
        };
        // While fast start may still nudge, look again at least every RENUDGE.
        let mut wake = match fast.enabled && fast.fallback.is_none() {
            true => deadline.min(Instant::now() + RENUDGE),
            false => deadline,
        };
        let pickup = start + PICKUP;
        if Instant::now() < pickup {
            wake = wake.min(pickup);
        }
        let changed = watches.changed(wake, &mut last_err).await?.is_some();
        if !changed && Instant::now() < deadline && !watches.listed_all() {
            continue;
        }
        if !changed && Instant::now() >= deadline {
            return Err(match (blocked_since, last_err) {
                (_, Some(e @ Error::Unavailable { .. })) => {
                    Phase::new("driver", w.driver_timeout, w.retries).timed_out("the driver", Some(e))
                }
                (Some(b), _) => {
                    let holder = watches.view().lease_holder.unwrap_or_else(|| "another simulation".into());
                    Error::Simulation {
                        message: format!(
                            "waited {} for SimKube's lease held by {holder}",
                            fmt_duration(b.elapsed().as_secs() as i64)
                        ),
                        hint: Some(format!("wait for {holder} to finish, or raise --lease-timeout")),
                    }
                }
                (None, _) if watches.listed_all() && !picked_up(&watches.view()) => {
                    controller_idle(client, w, start.elapsed()).await
                }
                (None, _) => not_started(client, w).await,
            });
        }
        let view = watches.view();
        if watches.listed_all() && Instant::now() >= pickup && !picked_up(&view) && !idle_said {
            idle_said = true;
            let e = controller_idle(client, w, start.elapsed()).await;
            progress.waiting(format!(
                "{e} (still waiting up to --driver-timeout; fix: {})",
                e.hint().unwrap_or("restart sk-ctrl")
            ));
        }
        if let Some(n) = fast.next(&view, w.name) {
            fast.nudged.push(n.why);
            fast.last_at = Some(Instant::now());
            if n.why == "lease" {
                fast.lease_nudged_at =
                    view.sim.as_ref().and_then(|s| s.status.as_ref()).map(|st| st.observed_generation);
            }
            if let Err(e) = nudge(client, w.name, &n).await {
                progress.phase("driver", format!("fast start off (SimKube's own pace from here): {e}"));
                fast.fallback = Some(e.to_string());
            }
        }
        let verdict = judge(&view, w.name, w.ns);
        if !matches!(verdict, Verdict::Blocked { .. })
            && let Some(b) = blocked_since.take()
        {
            lease_wait += b.elapsed();
        }
        match verdict {
            Verdict::Blocked { holder } => {
                let since = *blocked_since.get_or_insert_with(Instant::now);
                progress.waiting(format!(
                    "blocked: SimKube runs one simulation at a time; {} holds sk-lease ({}s)",
                    holder.as_deref().unwrap_or("another simulation"),
                    since.elapsed().as_secs()
                ));
            }
            Verdict::Failed(c) => return Err(fail(&c)),
            Verdict::FailedUnknown(m) => return Err(sim::not_ready(&m)),
            Verdict::Ended { pod } => return Err(ended(client, w, watches, &pod).await),
            Verdict::Started(at) => return Ok(Started { at: at.to_rfc3339(), lease_wait }),
            Verdict::Waiting(m) => progress.waiting(m),
        }
    }
}

/// sk-ctrl never reconciled the Simulation: says so, and whether its SimulationRoot exists.
async fn controller_idle(client: &kube::Client, w: &Watch<'_>, waited: Duration) -> Error {
    let phase = Phase::new("driver", w.api_timeout, w.retries);
    let name = format!("sk-{}-metaroot", w.name);
    let roots: Api<sk_api::v1::SimulationRoot> = Api::all(client.clone());
    let metaroot = retry(&phase, "the Simulation's root", || async {
        roots.get_opt(&name).await.map_err(|e| crate::cluster::kube_error("get", &format!("simulationroots {name}"), e))
    })
    .await
    .is_ok_and(|r| r.is_some());
    fail(&Cause::ControllerIdle {
        simulation: w.name.into(),
        simkube_ns: w.simkube_ns.into(),
        waited_s: waited.as_secs(),
        metaroot,
    })
}

async fn not_started(client: &kube::Client, w: &Watch<'_>) -> Error {
    let phase = Phase::new("driver", w.api_timeout, w.retries);
    let job = retry(&phase, "the driver Job", || sim::driver_job(client, w.ns, w.name)).await;
    let limit = fmt_duration(w.driver_timeout.as_secs() as i64);
    Error::Simulation {
        message: match job {
            Ok(None) => {
                format!("sk-ctrl created no driver Job {} in {} within {limit}", sim::driver_job_name(w.name), w.ns)
            }
            Ok(Some(_)) => format!("the driver pod did not start within {limit}"),
            Err(e) => format!("the driver did not start within {limit} ({e})"),
        },
        hint: Some(format!("kubectl skstep logs {}; kubectl -n {} logs deploy/sk-ctrl-depl", w.name, w.simkube_ns)),
    }
}

/// Waits `duration_s` of simulated time after the driver's warm-up, failing as soon as the
/// driver does. Returns when the driver started replaying, as this process saw it.
pub async fn wait_simulated(
    client: &kube::Client,
    w: &Watch<'_>,
    watches: &mut Watches,
    duration_s: i64,
    progress: &mut Progress,
) -> Result<Instant> {
    let started_at = Instant::now();
    // `wall_seconds` bounds it to 100 years; checked again here, where `Instant + d` would panic.
    let sim_wait = u64::try_from(duration_s).ok().map(Duration::from_secs);
    let end = sim_wait.and_then(|d| started_at.checked_add(sim::DRIVER_WARMUP)?.checked_add(d));
    let (Some(sim_wait), Some(end)) = (sim_wait, end) else {
        return Err(Error::usage(format!("a wait of {duration_s}s cannot be timed (at most 100 years)"), None));
    };
    let mut last_err = None;
    loop {
        let left = end.saturating_duration_since(Instant::now());
        let sim_left = left.min(sim_wait);
        if left > sim_left {
            progress
                .waiting(format!("the driver warms up before it replays the trace ({}s)", (left - sim_left).as_secs()));
        } else {
            progress.waiting(format!("simulating: {}s of {}s left", sim_left.as_secs(), duration_s));
        }
        // Wake at least every second for the countdown; the watches wake us on any change.
        let tick = Instant::now().checked_add(Duration::from_secs(1)).map_or(end, |t| t.min(end));
        if watches.changed(tick, &mut last_err).await?.is_none() {
            if Instant::now() >= end {
                return Ok(started_at);
            }
            continue;
        }
        match judge(&watches.view(), w.name, w.ns) {
            Verdict::Failed(c) => return Err(fail(&c)),
            Verdict::FailedUnknown(m) => return Err(sim::not_ready(&m)),
            Verdict::Ended { pod } => return Err(ended(client, w, watches, &pod).await),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{
        ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting, ContainerStatus,
        ObjectReference, PodStatus,
    };
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
    use sk_api::v1::SimulationStatus;

    use super::*;

    fn simulation(state: Option<SimulationState>) -> Arc<Simulation> {
        let mut s = Simulation::new("s1", Default::default());
        s.status = Some(SimulationStatus { state, ..Default::default() });
        Arc::new(s)
    }

    fn pod(state: ContainerState) -> Arc<Pod> {
        Arc::new(Pod {
            metadata: ObjectMeta { name: Some("sk-s1-driver-abc".into()), ..Default::default() },
            status: Some(PodStatus {
                container_statuses: Some(vec![ContainerStatus { state: Some(state), ..Default::default() }]),
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    fn event(kind: &str, name: &str, reason: &str, message: &str) -> Arc<Event> {
        Arc::new(Event {
            involved_object: ObjectReference { kind: Some(kind.into()), name: Some(name.into()), ..Default::default() },
            reason: Some(reason.into()),
            message: Some(message.into()),
            ..Default::default()
        })
    }

    #[test]
    fn blocked_waiting_and_started() {
        let mut v = View { sim: Some(simulation(Some(SimulationState::Blocked))), ..Default::default() };
        v.lease_holder = Some("skstep-other".into());
        assert_eq!(judge(&v, "s1", "ns"), Verdict::Blocked { holder: Some("skstep-other".into()) });
        v.sim = Some(simulation(Some(SimulationState::Running)));
        assert!(matches!(judge(&v, "s1", "ns"), Verdict::Waiting(m) if m.contains("sk-ctrl to start")));
        let running = ContainerState {
            running: Some(ContainerStateRunning { started_at: Some(Time(chrono::DateTime::UNIX_EPOCH)) }),
            ..Default::default()
        };
        v.pods = vec![pod(running)];
        assert_eq!(judge(&v, "s1", "ns"), Verdict::Started(chrono::DateTime::UNIX_EPOCH));
    }

    #[test]
    fn failures_are_recognised_from_events_and_pods() {
        let mut v = View { sim: Some(simulation(Some(SimulationState::Running))), ..Default::default() };
        v.events = vec![
            event("Job", "sk-other-driver", "FailedCreate", "serviceaccount \"x\" not found"),
            event(
                "Job",
                "sk-s1-driver",
                "FailedCreate",
                "pods is forbidden: error looking up serviceaccount ns/sk-ctrl-sa: serviceaccount \"sk-ctrl-sa\" not found",
            ),
        ];
        assert!(matches!(
            judge(&v, "s1", "ns"),
            Verdict::Failed(Cause::ServiceAccountMissing { service_account, .. }) if service_account == "sk-ctrl-sa"
        ));
        v.events = vec![event("Job", "sk-other-driver", "FailedCreate", "serviceaccount \"x\" not found")];
        assert!(matches!(judge(&v, "s1", "ns"), Verdict::Waiting(_)), "another Simulation's events are not ours");
        let pull = ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: Some("ImagePullBackOff".into()),
                message: Some("no such image".into()),
            }),
            ..Default::default()
        };
        v.pods = vec![pod(pull)];
        assert!(matches!(judge(&v, "s1", "ns"), Verdict::Failed(Cause::ImagePull { .. })));
        let ended = ContainerState {
            terminated: Some(ContainerStateTerminated { exit_code: 1, ..Default::default() }),
            ..Default::default()
        };
        v.pods = vec![pod(ended)];
        assert_eq!(judge(&v, "s1", "ns"), Verdict::Ended { pod: "sk-s1-driver-abc".into() });
        v.pods = vec![];
        v.sim = Some(simulation(Some(SimulationState::Failed)));
        assert!(matches!(judge(&v, "s1", "ns"), Verdict::FailedUnknown(_)));
        v.sim = None;
        assert!(matches!(judge(&v, "s1", "ns"), Verdict::FailedUnknown(m) if m.contains("disappeared")));
    }

    #[test]
    fn fast_start_nudges_once_per_trigger_and_only_when_it_helps() {
        let mut fs = FastStart { enabled: true, ..Default::default() };
        let mut v = View { sim: Some(simulation(Some(SimulationState::Initializing))), ..Default::default() };
        assert_eq!(fs.next(&v, "s1"), None, "nothing issued yet");
        v.cert_secret = true;
        assert_eq!(fs.next(&v, "s1"), Some(Nudge { why: "cert", value: Some(false) }));
        fs.nudged.push("cert");
        fs.last_at = Some(Instant::now());
        assert_eq!(fs.next(&v, "s1"), None, "not again at once");
        fs.last_at = Some(Instant::now() - RENUDGE);
        assert_eq!(fs.next(&v, "s1").map(|n| n.why), Some("cert"), "again once the nudge had time to act");
        v.webhook = true;
        v.ca_bundle = true;
        assert_eq!(fs.next(&v, "s1").map(|n| n.why), Some("ca_bundle"));
        fs.nudged.push("ca_bundle");
        v.job = true;
        assert_eq!(fs.next(&v, "s1"), None);
        // Blocked: nudged only while the lease is free, and again only after sk-ctrl saw it.
        let mut blocked = View { sim: Some(simulation(Some(SimulationState::Blocked))), ..Default::default() };
        blocked.lease_holder = Some("skstep-other".into());
        assert_eq!(fs.next(&blocked, "s1"), None, "held by another: wait");
        blocked.lease_holder = None;
        assert_eq!(fs.next(&blocked, "s1").map(|n| n.why), Some("lease"));
        fs.lease_nudged_at = Some(0);
        assert_eq!(fs.next(&blocked, "s1"), None, "sk-ctrl has not seen the nudge yet");
        let mut seen = Simulation::new("s1", Default::default());
        seen.status = Some(SimulationStatus {
            state: Some(SimulationState::Blocked),
            observed_generation: 1,
            ..Default::default()
        });
        blocked.sim = Some(Arc::new(seen));
        assert_eq!(fs.next(&blocked, "s1").map(|n| n.why), Some("lease"));
        let off = FastStart::default();
        assert_eq!(off.next(&blocked, "s1"), None, "off: SimKube's own pace");
        assert_eq!((toggle(None), toggle(Some(false))), (Some(Some(false)), Some(None)));
        // `true`, read from the cluster (set by someone else): no nudge, never a panic.
        assert_eq!(toggle(Some(true)), None);
        let mut set_true = (*blocked.sim.clone().unwrap()).clone();
        set_true.spec.reschedule_interrupted_bare_pods = Some(true);
        blocked.sim = Some(Arc::new(set_true));
        assert_eq!(fs.next(&blocked, "s1"), None);
    }
}
