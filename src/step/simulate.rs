//! Simulating one trace and observing the workload, without acting, rewarding or recording:
//! stage the trace → create the Simulation → wait for the driver (and SimKube's lease) → wait the
//! simulated duration → observe → delete the Simulation and wait until its workload is gone.
//! `run` builds a step on it; a Gymnasium env can build its `step()` on it too.

use std::path::PathBuf;
use std::time::Duration;

use tokio::time::Instant;

use super::driver::{self, FastStart, Watch, Watches};
use super::interrupt::Interrupts;
use super::naming::Naming;
use super::progress::Progress;
use super::record::{Timings, round_ms};
use super::teardown::{Target, leftovers, removal_hint, teardown};
use crate::cluster::observe::{Observation, observe};
use crate::cluster::simulation as sim;
use crate::cluster::stage;
use crate::cluster::staged::Staged;
use crate::cluster::wait::{Phase, Retries, await_object, retry};
use crate::error::{Error, Result};
use k8s_openapi::api::coordination::v1::Lease;
use kube::Api;
use sk_api::v1::Simulation;

/// One simulation to run.
#[derive(Debug, Clone)]
pub struct SimRequest {
    pub trace: PathBuf,
    /// The trace's sha256 (`fsutil::sha256_file`): staged traces are named by it.
    pub trace_sha256: String,
    /// What `prep-ns` recorded for the driver namespace (`step::preflight` returns it).
    pub staged: Staged,
    /// The driver namespace.
    pub ns: String,
    /// The Deployment to observe, as named in the trace.
    pub deploy: String,
    /// Where its pods land (`step::preflight` returns it).
    pub virtual_ns: String,
    pub virtual_ns_prefix: String,
    /// Simulated seconds to wait before observing.
    pub duration_s: i64,
    /// Extra Simulation time after the observation, so the driver does not tear down first.
    pub grace_s: i64,
    /// SimKube's `spec.speed`; `None` leaves it unset (1).
    pub speed: Option<f64>,
    pub driver_image: String,
    pub port: i32,
    /// The Simulation's name and labels (`step::naming::choose`).
    pub naming: Naming,
    /// Leave the Simulation in place (after success or failure; an interrupt still removes it).
    pub keep: bool,
    pub simkube_ns: String,
    pub lease_timeout: Duration,
    pub driver_timeout: Duration,
    /// How long a short phase (create, observe, cleanup) may retry transient API errors.
    pub api_timeout: Duration,
    /// Create only once SimKube's lease is free, and nudge sk-ctrl past its timers (see
    /// `step::driver::FastStart`); `false`: SimKube's own pace.
    pub fast_start: bool,
}

/// What is known about a simulation, also when it failed part way.
#[derive(Debug, Clone, Default)]
pub struct Trail {
    pub sim_name: String,
    pub sim_uid: String,
    pub virtual_ns: String,
    /// The Simulation's `tracePath`.
    pub trace_path: String,
    /// `stage`, `create`, `driver_start`, `lease_wait`, `wait`, `observe`, `cleanup` (seconds).
    pub timings: Timings,
    /// Seconds spent blocked on SimKube's lease.
    pub lease_wait_s: f64,
    /// Transient API errors retried on the way.
    pub retries: u32,
    /// When the driver container started (RFC 3339).
    pub driver_started: Option<String>,
    /// Seconds between the driver's start and the observation.
    pub observed_after_driver_start_s: Option<f64>,
    /// Whether the Simulation was left in place (`keep`).
    pub kept: bool,
    /// What a failed or interrupted cleanup left in the cluster.
    pub left: Vec<String>,
    /// `off`, `on (nudged: cert, ca_bundle)`, or `fell back to SimKube's pace: <why>`.
    pub fast_start: String,
    /// What the transition cache did (`--cache`); a hit ran no Simulation.
    pub cache: Option<crate::cache::Note>,
}

/// A simulation that ran and was observed.
#[derive(Debug, Clone)]
pub struct SimOutcome {
    pub observation: Observation,
    pub trail: Trail,
}

/// Simulates `req` once and observes; the Simulation is deleted (unless `keep`) on every path.
/// An interrupt ends it with `Error::Interrupted` after cleanup.
pub async fn simulate(
    client: &kube::Client,
    req: &SimRequest,
    progress: &mut Progress,
    interrupts: &mut Interrupts,
) -> Result<SimOutcome> {
    let mut trail = Trail::default();
    let observation = simulate_traced(client, req, progress, interrupts, &mut trail).await?;
    Ok(SimOutcome { observation, trail })
}

/// `simulate`, filling `trail` as it goes, so a caller still knows what happened when it fails.
pub async fn simulate_traced(
    client: &kube::Client,
    req: &SimRequest,
    progress: &mut Progress,
    interrupts: &mut Interrupts,
    trail: &mut Trail,
) -> Result<Observation> {
    trail.virtual_ns = req.virtual_ns.clone();
    trail.sim_name = req.naming.name.clone();
    // The create request runs as a task of its own, so an interrupt never drops it half-sent:
    // cleanup waits for its answer, then deletes by the name chosen before it was sent.
    let mut create: Option<CreateTask> = None;
    let retries = Retries::default();
    let res = tokio::select! {
        r = run(client, req, progress, trail, &retries, &mut create) => r,
        _ = interrupts.next() => Err(Error::Interrupted),
    };
    if matches!(res, Err(Error::Interrupted)) {
        match stage::remove_after_interrupt(client, &req.staged, &req.trace_sha256).await {
            Ok(0) => {}
            Ok(n) => progress.phase("cleanup", format!("removed {n} staging pod(s) of the interrupted staging")),
            Err(e) => progress.phase("cleanup", format!("staging pods may be left: {e}")),
        }
    }
    let sent = create.is_some();
    if let Some(task) = create.take()
        && !task.is_finished()
    {
        progress.phase("cleanup", format!("waiting for the answer to the create request of {}", req.naming.name));
        let _ = tokio::time::timeout(CREATE_ANSWER, task).await;
    }
    let mut res = res;
    let keep = req.keep && !matches!(res, Err(Error::Interrupted));
    let target = Target {
        name: &req.naming.name,
        ns: &req.ns,
        simkube_ns: &req.simkube_ns,
        vns: &req.virtual_ns,
        deploy: &req.deploy,
    };
    if sent && !keep {
        progress.phase("cleanup", format!("deleting Simulation {}", req.naming.name));
        let phase = Phase::new("cleanup", req.api_timeout, &retries);
        tokio::select! {
            r = teardown(client, &target, &phase, progress) => {
                if let Err(e) = r {
                    progress.phase("cleanup", format!("could not clean up: {e}"));
                    trail.left = leftovers(client, &target, LEFTOVER_CHECK).await;
                }
            }
            // A second interrupt stops the cleanup at once, saying what is left and how to remove it.
            _ = interrupts.next() => {
                trail.left = leftovers(client, &target, LEFTOVER_CHECK).await;
                progress.phase("cleanup", "interrupted again: cleanup stopped");
                res = Err(Error::Interrupted);
            }
        }
        if !trail.left.is_empty() {
            progress.phase(
                "cleanup",
                format!("left in the cluster: {}; remove with: {}", trail.left.join(", "), removal_hint(&target)),
            );
        }
    } else if sent {
        trail.kept = true;
        progress.phase("cleanup", format!("kept Simulation {} (--keep)", req.naming.name));
    }
    trail.timings.lap("cleanup");
    trail.retries = retries.count();
    res
}

/// `simulate_traced` through the transition cache when there is one (`--cache`): on a hit the
/// stored observation is the answer and no Simulation runs (`trail.sim_name` is then empty);
/// `trail.cache` says what the cache did.
#[allow(clippy::too_many_arguments)]
pub async fn simulate_cached(
    client: &kube::Client,
    cache: Option<&crate::cache::Cache>,
    context: &str,
    req: &SimRequest,
    progress: &mut Progress,
    interrupts: &mut Interrupts,
    trail: &mut Trail,
) -> Result<Observation> {
    let Some(cache) = cache else { return simulate_traced(client, req, progress, interrupts, trail).await };
    let what = crate::cache::Simulation {
        trace_sha256: &req.trace_sha256,
        deploy: &req.deploy,
        duration_s: req.duration_s,
        grace_s: req.grace_s,
        speed: req.speed,
        driver_image: &req.driver_image,
    };
    let since = Instant::now();
    let parts = cache.parts(client, &what).await?;
    let served = cache
        .through(&parts, &req.trace, context, async || {
            let o = simulate_traced(client, req, progress, interrupts, trail).await?;
            Ok((o, trail.sim_name.clone()))
        })
        .await?;
    let n = &served.note;
    if n.hit {
        trail.sim_name.clear();
        trail.virtual_ns = req.virtual_ns.clone();
        trail.timings.set("cache", since.elapsed().as_secs_f64());
    }
    let o = &served.observation;
    progress.phase(
        "cache",
        match (n.hit, n.verified, &n.not_stored) {
            (true, _, _) => format!(
                "hit {}: ready {} pending {} total {} (no Simulation)",
                &n.key[..12],
                o.ready,
                o.pending,
                o.total
            ),
            (false, Some(true), _) => format!("hit {} verified: the simulation agrees", &n.key[..12]),
            (false, Some(false), _) => format!(
                "hit {} DISAGREES with the simulation: key poisoned, logged in {}",
                &n.key[..12],
                cache.store().log_path().display()
            ),
            (false, None, Some(why)) => format!("miss {}: not stored: {why}", &n.key[..12]),
            (false, None, None) => format!("miss {}: stored", &n.key[..12]),
        },
    );
    trail.cache = Some(served.note);
    Ok(served.observation)
}

type CreateTask = tokio::task::JoinHandle<Result<Simulation>>;

/// How long listing what a stopped cleanup left may take.
const LEFTOVER_CHECK: Duration = Duration::from_secs(2);

/// How long cleanup waits for an interrupted create request's answer before deleting anyway.
const CREATE_ANSWER: Duration = Duration::from_secs(10);

async fn run(
    client: &kube::Client,
    req: &SimRequest,
    progress: &mut Progress,
    trail: &mut Trail,
    retries: &Retries,
    create: &mut Option<CreateTask>,
) -> Result<Observation> {
    // Before anything is created: a wait no clock can hold leaves no Simulation behind.
    let wall_s =
        wall_seconds(req.duration_s, req.speed).map_err(|e| Error::usage(format!("--speed/--duration: {e}"), None))?;
    let t = &mut trail.timings;
    let trace_path = stage::restage(client, &req.staged, &req.trace, &req.trace_sha256).await?;
    trail.trace_path = trace_path.clone();
    t.lap("stage");
    progress.phase(
        "preflight",
        format!("ok: trace {} staged at {trace_path}; pods will land in {}", &req.trace_sha256[..12], req.virtual_ns),
    );

    let name = req.naming.name.as_str();
    // Fast start: create only once SimKube's lease is free, so sk-ctrl claims it at its first
    // look instead of sleeping out the remainder it computes from the old holder's lease.
    let mut lease_free_wait = Duration::ZERO;
    if req.fast_start {
        let since = Instant::now();
        let leases: Api<Lease> = Api::namespaced(client.clone(), &req.simkube_ns);
        let phase = Phase::new("lease", req.lease_timeout, retries);
        let what =
            format!("leases {} in namespace {} (SimKube runs one Simulation at a time)", sim::SK_LEASE, req.simkube_ns);
        let mut shown = false;
        let free = await_object(leases, sim::SK_LEASE, &what, &phase, |l| {
            let holder = l.and_then(|l| l.spec.as_ref()).and_then(|s| s.holder_identity.clone());
            if let (Some(h), false) = (&holder, shown) {
                progress.waiting(format!("waiting for SimKube's lease, held by {h}"));
                shown = true;
            }
            holder.is_none()
        })
        .await;
        if let Err(e) = free {
            return Err(match e {
                Error::Simulation { .. } => Error::Simulation {
                    message: format!("waited {} for SimKube's lease (sk-lease) to be free", crate::trace::time::fmt_duration(req.lease_timeout.as_secs() as i64)),
                    hint: Some("wait for the running simulation to finish, raise --lease-timeout, or, if its Simulation is gone, kubectl skstep cleanup --all".into()),
                },
                other => other,
            });
        }
        lease_free_wait = since.elapsed();
        t.set("lease_free_wait", lease_free_wait.as_secs_f64());
    }
    // After the lease, which frees before the last step's virtual namespaces are gone.
    let ns_phase = Phase::new("virtual namespaces", req.driver_timeout, retries);
    super::teardown::await_terminating_virtual_namespaces(client, &req.virtual_ns_prefix, &ns_phase, progress).await?;
    let obj = sim::build(&sim::SimParams {
        name,
        driver_ns: &req.ns,
        image: &req.driver_image,
        port: req.port,
        trace_path: &trace_path,
        duration_s: req.duration_s + req.grace_s,
        secrets: &req.staged.secrets,
        labels: req.naming.labels.clone(),
        virtual_ns_prefix: &req.virtual_ns_prefix,
        speed: req.speed,
    });
    let (c, phase) = (client.clone(), Phase::new("create", req.api_timeout, retries));
    let task = create
        .insert(tokio::spawn(async move { retry(&phase, "create the Simulation", || sim::create(&c, &obj)).await }));
    let made = task.await.map_err(|e| sim::not_ready(&format!("the create request of {name} failed: {e}")))??;
    trail.sim_uid = made.metadata.uid.clone().unwrap_or_default();
    t.lap("create");
    progress.phase(
        "create",
        format!(
            "Simulation {name} (duration {}s = {} + grace {})",
            req.duration_s + req.grace_s,
            req.duration_s,
            req.grace_s
        ),
    );

    let w = Watch {
        name,
        ns: &req.ns,
        simkube_ns: &req.simkube_ns,
        lease_timeout: req.lease_timeout,
        driver_timeout: req.driver_timeout,
        api_timeout: req.api_timeout,
        retries,
    };
    // One set of watches from the driver's start to the observation; their own retries are
    // bounded by each wait's deadline.
    let watch_phase = Phase::new("driver", req.lease_timeout + req.driver_timeout, retries);
    let mut watches = Watches::start(client, &w, &watch_phase);
    let mut fast = FastStart { enabled: req.fast_start, ..Default::default() };
    let started = driver::wait_for_driver(client, &w, &mut watches, &mut fast, progress).await;
    trail.fast_start = match (&fast.fallback, fast.enabled) {
        (Some(why), _) => format!("fell back to SimKube's pace: {why}"),
        (None, true) => format!("on (nudged: {})", fast.nudged.join(", ")),
        (None, false) => "off".into(),
    };
    let started = started?;
    trail.lease_wait_s = round_ms((started.lease_wait + lease_free_wait).as_secs_f64());
    t.set("lease_wait", trail.lease_wait_s);
    t.lap("driver_start");
    progress.phase("driver", format!("driver running since {}", started.at));
    trail.driver_started = Some(started.at);

    // Simulated time starts after the driver's warm-up; observe `duration` into it, before the
    // driver's own end (duration + grace) tears the virtual namespaces down.
    // With spec.speed F the driver replays F simulated seconds per second.
    let started_at: Instant = driver::wait_simulated(client, &w, &mut watches, wall_s, progress).await?;
    drop(watches);
    t.lap("wait");
    let phase = Phase::new("observe", req.api_timeout, retries);
    let obs = retry(&phase, "observe", || observe(client, &req.virtual_ns, &req.deploy)).await?;
    trail.observed_after_driver_start_s = Some(round_ms(started_at.elapsed().as_secs_f64()));
    t.lap("observe");
    progress.phase(
        "observe",
        format!("{}/{}: ready {} pending {} total {}", req.virtual_ns, req.deploy, obs.ready, obs.pending, obs.total),
    );
    Ok(obs)
}

/// The speed factors a step takes (`--speed`): SimKube's driver divides every event gap by F and
/// truncates to whole seconds, so beyond these a step is either all waiting or no replay at all.
pub const SPEEDS: std::ops::RangeInclusive<f64> = 0.001..=1000.0;

/// Wall-clock seconds the driver takes to replay `duration_s` simulated seconds at `speed`: at
/// most 100 years (MAX_DURATION, what every duration flag takes); beyond, or a speed that is no
/// positive number, an error saying so.
pub fn wall_seconds(duration_s: i64, speed: Option<f64>) -> std::result::Result<i64, String> {
    let max = crate::trace::time::MAX_DURATION.as_secs();
    let Some(f) = speed else {
        return u64::try_from(duration_s)
            .ok()
            .filter(|&d| d <= max)
            .map(|_| duration_s)
            .ok_or_else(|| format!("a duration of {duration_s}s is outside 0..=100 years"));
    };
    if !(f.is_finite() && f > 0.0) {
        return Err(format!("speed {f} is not a positive number"));
    }
    let w = (duration_s as f64 / f).ceil();
    // NaN is in no range.
    if !(0.0..=max as f64).contains(&w) {
        return Err(format!("{duration_s}s of simulated time at speed {f} is {w:e}s of waiting: more than 100 years"));
    }
    // Checked above: a whole number in 0..=MAX_DURATION seconds.
    Ok(w as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_divides_the_wait() {
        assert_eq!(wall_seconds(60, None), Ok(60));
        assert_eq!(wall_seconds(60, Some(2.0)), Ok(30));
        assert_eq!(wall_seconds(10, Some(3.0)), Ok(4));
        assert_eq!(wall_seconds(10, Some(0.5)), Ok(20));
    }

    #[test]
    fn a_wait_beyond_100_years_or_a_speed_that_is_no_number_is_an_error() {
        for (d, f) in
            [(120, Some(1e-20)), (i64::MAX, Some(1.0)), (120, Some(0.0)), (120, Some(f64::NAN)), (-1, Some(1.0))]
        {
            assert!(wall_seconds(d, f).is_err(), "{d} {f:?}");
        }
        assert!(wall_seconds(-1, None).is_err());
        assert!(wall_seconds(i64::MAX, None).is_err());
        assert_eq!(wall_seconds(3_155_760_000, Some(1.0)), Ok(3_155_760_000));
        assert!(wall_seconds(120, Some(1e-300)).unwrap_err().contains("100 years"));
    }
}
