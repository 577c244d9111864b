//! Whether SimKube's controller reconciles: a probe Simulation, made so that sk-ctrl 2.7.0 gives
//! it a status at its first look and then stops (its metrics namespace does not exist, which
//! sk-ctrl checks before it creates anything in a driver namespace), deleted at once.
//!
//! A running sk-ctrl Deployment says nothing about its watch: after an API server restart,
//! sk-ctrl can run on without seeing new Simulations. Only a Simulation it must answer shows it.

use std::time::Duration;

use kube::Api;
use sk_api::v1::{Simulation, SimulationMetricsConfig};

use super::simulation::{self as sim, SimParams};
use super::wait::{Phase, Retries, await_object, retry};
use crate::error::{Error, Result};

/// The namespace the probe names for its metrics: sk-ctrl refuses the probe there.
pub const PROBE_METRICS_NS: &str = "skstep-probe-no-such-namespace";

/// What the probe saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub simulation: String,
    /// How long sk-ctrl took to give it a status; `None`: not within the limit.
    pub answered_after: Option<Duration>,
}

/// Creates a probe Simulation, waits up to `limit` for sk-ctrl to give it a status, deletes it.
pub async fn probe(client: &kube::Client, limit: Duration) -> Result<Probe> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let name = format!("skstep-probe-{:08x}", nanos ^ std::process::id());
    let mut obj = sim::build(&SimParams {
        name: &name,
        driver_ns: PROBE_METRICS_NS,
        image: "quay.io/appliedcomputing/sk-driver:v2.7.0",
        port: 8888,
        trace_path: "file:///data/skstep-probe.msgpack",
        duration_s: 1,
        secrets: &[],
        labels: Default::default(),
        virtual_ns_prefix: "skstep-probe",
        speed: None,
    });
    obj.spec.metrics = Some(SimulationMetricsConfig { namespace: Some(PROBE_METRICS_NS.into()), ..Default::default() });
    let retries = Retries::default();
    let create = Phase::new("probe", limit, &retries);
    retry(&create, "create the probe Simulation", || sim::create(client, &obj)).await?;
    let start = std::time::Instant::now();
    let phase = Phase::new("probe", limit, &retries);
    let what = format!("simulations.simkube.io {name}");
    let seen = await_object(Api::<Simulation>::all(client.clone()), &name, &what, &phase, |s| {
        s.is_none_or(|s| s.status.is_some())
    })
    .await;
    let answered_after = match seen {
        Ok(Some(_)) => Some(start.elapsed()),
        Ok(None) => None,
        Err(Error::Simulation { .. }) => None,
        Err(e) => {
            let _ = sim::delete(client, &name).await;
            return Err(e);
        }
    };
    let gone = Phase::new("probe", limit, &retries);
    retry(&gone, "delete the probe Simulation", || sim::delete(client, &name)).await?;
    Ok(Probe { simulation: name, answered_after })
}

impl Probe {
    /// doctor's line for it.
    pub fn detail(&self) -> String {
        match self.answered_after {
            Some(d) => format!("probe Simulation {} answered in {} ms (then deleted)", self.simulation, d.as_millis()),
            None => format!(
                "probe Simulation {} got no status: sk-ctrl is not running or its watch of Simulations has stalled",
                self.simulation
            ),
        }
    }

    pub fn fix(&self, simkube_ns: &str) -> String {
        format!(
            "kubectl -n {simkube_ns} rollout restart deployment sk-ctrl-depl (its log: kubectl -n {simkube_ns} logs deploy/sk-ctrl-depl)"
        )
    }
}
