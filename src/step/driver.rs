//! Waiting for a Simulation's driver: through SimKube's lease, until the driver container runs,
//! recognising every known failure on the way; and checking it stays alive while it replays.

use std::time::{Duration, Instant};

use sk_api::v1::SimulationState;

use super::progress::Progress;
use crate::cluster::diagnose::{self, Cause};
use crate::cluster::simulation as sim;
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
    pub poll: Duration,
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

/// Waits until the driver container runs, waiting (visibly) while another simulation holds
/// SimKube's lease.
pub async fn wait_for_driver(client: &kube::Client, w: &Watch<'_>, progress: &mut Progress) -> Result<Started> {
    let start = Instant::now();
    let mut lease_started: Option<Instant> = None;
    let mut lease_wait = Duration::ZERO;
    loop {
        let s = sim::get(client, w.name)
            .await?
            .ok_or_else(|| sim::not_ready("the Simulation disappeared while waiting for its driver"))?;
        match sim::state(&s) {
            Some(SimulationState::Blocked) => {
                let since = *lease_started.get_or_insert_with(Instant::now);
                let holder =
                    sim::lease_holder(client, w.simkube_ns).await?.unwrap_or_else(|| "another simulation".into());
                if since.elapsed() > w.lease_timeout {
                    return Err(Error::Simulation {
                        message: format!(
                            "waited {} for SimKube's lease held by {holder}",
                            fmt_duration(since.elapsed().as_secs() as i64)
                        ),
                        hint: Some(format!("wait for {holder} to finish, or raise --lease-timeout")),
                    });
                }
                progress.waiting(format!(
                    "blocked: SimKube runs one simulation at a time; {holder} holds sk-lease ({}s)",
                    since.elapsed().as_secs()
                ));
                tokio::time::sleep(w.poll).await;
                continue;
            }
            Some(SimulationState::Failed) => {
                if let Some(c) = diagnose_now(client, w).await? {
                    return Err(fail(&c));
                }
                return Err(sim::not_ready("SimKube marked the Simulation Failed"));
            }
            _ => {}
        }
        if let Some(ls) = lease_started.take() {
            lease_wait += ls.elapsed();
        }
        if let Some(c) = diagnose_now(client, w).await? {
            return Err(fail(&c));
        }
        if let Some(pod) = sim::driver_pod(client, w.ns, w.name).await?
            && let Some(at) = sim::driver_started_at(&pod)
        {
            return Ok(Started { at: at.to_rfc3339(), lease_wait });
        }
        if start.elapsed() - lease_wait > w.driver_timeout {
            let job = sim::driver_job(client, w.ns, w.name).await?;
            return Err(Error::Simulation {
                message: match job {
                    None => format!(
                        "sk-ctrl created no driver Job {} in {} within {}",
                        sim::driver_job_name(w.name),
                        w.ns,
                        fmt_duration(w.driver_timeout.as_secs() as i64)
                    ),
                    Some(_) => format!(
                        "the driver pod did not start within {}",
                        fmt_duration(w.driver_timeout.as_secs() as i64)
                    ),
                },
                hint: Some(format!(
                    "kubectl skstep logs {}; kubectl -n {} logs deploy/sk-ctrl-depl",
                    w.name, w.simkube_ns
                )),
            });
        }
        progress.waiting(format!("waiting for the driver of {}", w.name));
        tokio::time::sleep(w.poll).await;
    }
}

/// Why the driver cannot start or has failed, if the cluster says so.
pub async fn diagnose_now(client: &kube::Client, w: &Watch<'_>) -> Result<Option<Cause>> {
    let job_name = sim::driver_job_name(w.name);
    let job_events = sim::events_for(client, w.ns, "Job", &job_name).await?;
    if let Some(c) = diagnose::from_events(&job_events, w.ns) {
        return Ok(Some(c));
    }
    let Some(pod) = sim::driver_pod(client, w.ns, w.name).await? else { return Ok(None) };
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let pod_events = sim::events_for(client, w.ns, "Pod", &pod_name).await?;
    if let Some(c) = diagnose::from_events(&pod_events, w.ns) {
        return Ok(Some(c));
    }
    let terminated = pod
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|c| c.first())
        .and_then(|c| c.state.as_ref())
        .is_some_and(|s| s.terminated.is_some());
    let log = if terminated {
        sim::pod_log(client, w.ns, &pod_name, Some(200))
            .await
            .unwrap_or_else(|e| format!("(the driver log could not be read: {e})"))
    } else {
        String::new()
    };
    Ok(diagnose::from_pod(&pod, &log))
}

/// Waits `duration_s` of simulated time after the driver's warm-up, failing as soon as the
/// driver does.
pub async fn wait_simulated(
    client: &kube::Client,
    w: &Watch<'_>,
    duration_s: i64,
    progress: &mut Progress,
) -> Result<Instant> {
    let started_at = Instant::now();
    let deadline = started_at + sim::DRIVER_WARMUP + Duration::from_secs(duration_s as u64);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(started_at);
        }
        if let Some(c) = diagnose_now(client, w).await? {
            return Err(fail(&c));
        }
        let sim_left = left.min(Duration::from_secs(duration_s as u64));
        if left > sim_left {
            progress
                .waiting(format!("the driver warms up before it replays the trace ({}s)", (left - sim_left).as_secs()));
        } else {
            progress.waiting(format!("simulating: {}s of {}s left", sim_left.as_secs(), duration_s));
        }
        tokio::time::sleep(left.min(w.poll)).await;
    }
}
