//! The observation space and the safeguards of one episode's start: sim-arena's five values, with
//! bounds that hold for every state an episode can reach from its initial trace.
//!
//! sim-arena's safeguard limits (cpu ≤ 16000m, memory ≤ 32Gi, replicas ≤ 100) are where the
//! edits stop, but a scenario may *start* above them (sim-arena's own cpu-heavy asks 20,000m,
//! cpu-slight 17,000m): its agent must be able to bring the workload back down, and its
//! observations must stay in the declared space. So the limits of an episode are the safeguard
//! limits widened to the initial trace's values ([`Space::for_start`]): an edit never takes a
//! value beyond max(safeguard, start) (reductions from 20,000m pass, a bump above it is blocked),
//! and the declared bounds are those widened limits over sim-arena's scales. With a start inside
//! the safeguards, nothing changes: the bounds are `[4, 8, 40, 20, 1]`.

use std::path::Path;

use serde::Serialize;

use super::reward::Workload;
use crate::error::{Error, Result};
use crate::model::Obs;
use crate::trace::edit::Limits;

pub const OBS_NAMES: [&str; 5] = ["cpu_m/4000", "mem_Mi/4096", "pending/5", "(target-total)/5", "min(1,replicas/8)"];

/// The largest target an env or episode takes: the safeguards' replica limit, so
/// (target − total)/5 ≤ 20.
pub const MAX_TARGET: u32 = 100;

const MI: f64 = (1u64 << 20) as f64;

/// One episode's safeguards and the observation bounds they imply.
#[derive(Debug, Clone, Serialize)]
pub struct Space {
    /// What the edits respect: the safeguards, widened to the start.
    pub limits: Limits,
    /// The most pods an observation may count: the replica limit with a 100% rolling-update
    /// surge. More is refused as an error, never clipped.
    pub max_pods: u32,
    pub low: [f32; 5],
    pub high: [f32; 5],
}

impl PartialEq for Space {
    fn eq(&self, o: &Space) -> bool {
        let (a, b) = (&self.limits, &o.limits);
        (a.min_cpu_m, a.max_cpu_m, a.min_mem, a.max_mem, a.min_replicas, a.max_replicas)
            == (b.min_cpu_m, b.max_cpu_m, b.min_mem, b.max_mem, b.min_replicas, b.max_replicas)
            && (self.max_pods, self.low, self.high) == (o.max_pods, o.low, o.high)
    }
}

impl Default for Space {
    /// The space of a start inside the safeguards.
    fn default() -> Space {
        Space::from_limits(Limits::default())
    }
}

impl Space {
    /// The space of an episode starting at `w`: the safeguards widened to its values. A start
    /// that is not a state at all (negative replicas or requests) is refused, naming the trace.
    pub fn for_start(trace: &Path, deploy: &str, w: Workload) -> Result<Space> {
        let bad = [
            (w.cpu_m < 0, format!("cpu request {}m is negative", w.cpu_m)),
            (w.mem_bytes < 0, format!("memory request {} bytes is negative", w.mem_bytes)),
            (w.replicas < 0, format!("replicas {} is negative", w.replicas)),
            // u32 pods and f32 bounds must stay exact enough: 10,000 replicas is far beyond any
            // scenario and any KWOK cluster here.
            (w.replicas > 10_000, format!("replicas {} is above 10000", w.replicas)),
        ];
        if let Some((_, why)) = bad.iter().find(|(b, _)| *b) {
            return Err(Error::bad_input(
                format!("{}: Deployment {deploy}: {why}", trace.display()),
                Some(format!("kubectl skstep trace edit {} -o FIXED.msgpack --deploy {deploy} …", trace.display())),
            ));
        }
        let d = Limits::default();
        Ok(Space::from_limits(Limits {
            max_cpu_m: d.max_cpu_m.max(w.cpu_m),
            max_mem: d.max_mem.max(w.mem_bytes),
            max_replicas: d.max_replicas.max(w.replicas),
            ..d
        }))
    }

    fn from_limits(limits: Limits) -> Space {
        let max_pods = u32::try_from(limits.max_replicas.saturating_mul(2)).unwrap_or(u32::MAX);
        let low = [0.0, 0.0, 0.0, -(max_pods as f32) / 5.0, 0.0];
        let high = [
            (limits.max_cpu_m as f64 / 4000.0) as f32,
            (limits.max_mem as f64 / MI / 4096.0) as f32,
            max_pods as f32 / 5.0,
            MAX_TARGET as f32 / 5.0,
            1.0,
        ];
        Space { limits, max_pods, low, high }
    }

    /// Refuses a start this space does not hold (a trace changed since the space was declared).
    pub fn check_start(&self, trace: &Path, deploy: &str, w: Workload) -> Result<()> {
        let l = &self.limits;
        let bad = [
            (w.cpu_m > l.max_cpu_m, format!("cpu request {}m > {}m", w.cpu_m, l.max_cpu_m)),
            (w.mem_bytes > l.max_mem, format!("memory request {} bytes > {} bytes", w.mem_bytes, l.max_mem)),
            (
                w.replicas > l.max_replicas || w.replicas < 0,
                format!("replicas {} outside 0..={}", w.replicas, l.max_replicas),
            ),
        ];
        match bad.iter().find(|(b, _)| *b) {
            Some((_, why)) => Err(Error::bad_input(
                format!(
                    "{}: Deployment {deploy}: {why}: outside the observation space declared when the env was made",
                    trace.display()
                ),
                Some("make the env again from this trace (its space follows the trace's start)".into()),
            )),
            None => Ok(()),
        }
    }

    /// sim-arena's observation: cpu_m/4000, mem_Mi/4096, pending/5, (target−total)/5,
    /// min(1, replicas/8). An observation outside the declared bounds is an error naming the value.
    pub fn vector(&self, o: Obs, target: u32, w: Workload) -> Result<[f32; 5]> {
        let v = [
            w.cpu_m as f64 / 4000.0,
            w.mem_bytes as f64 / MI / 4096.0,
            f64::from(o.pending) / 5.0,
            (f64::from(target) - f64::from(o.total)) / 5.0,
            (w.replicas as f64 / 8.0).min(1.0),
        ];
        let out = v.map(|x| x as f32);
        for (i, x) in out.iter().enumerate() {
            if !(self.low[i]..=self.high[i]).contains(x) {
                return Err(Error::Simulation {
                    message: format!(
                        "observation {} = {x} is outside the declared space [{}, {}] (ready {}, pending {}, total {}, {w:?})",
                        OBS_NAMES[i], self.low[i], self.high[i], o.ready, o.pending, o.total
                    ),
                    hint: Some(format!(
                        "keep the Deployment within the episode's limits (cpu ≤ {}m, memory ≤ {} bytes, replicas ≤ {}) and maxSurge ≤ 100%",
                        self.limits.max_cpu_m, self.limits.max_mem, self.limits.max_replicas
                    )),
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::step::workload;

    const MI: i128 = 1 << 20;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces").join(name)
    }

    #[test]
    fn the_vector_is_sim_arenas_layout() {
        let s = Space::default();
        let w = Workload { cpu_m: 1000, mem_bytes: 512 * MI, replicas: 3 };
        // 1000/4000, 512/4096, 1/5, (2−3)/5, 3/8.
        let v = s.vector(Obs { ready: 2, pending: 1, total: 3 }, 2, w).unwrap();
        assert_eq!(v, [0.25, 0.125, 0.2, -0.2, 0.375]);
        // min(1, 20/8) = 1.
        let v = s.vector(Obs::default(), 2, Workload { replicas: 20, ..w }).unwrap();
        assert_eq!(v[4], 1.0);
    }

    #[test]
    fn inside_the_safeguards_the_bounds_are_sim_arenas_limits() {
        let s =
            Space::for_start(Path::new("t"), "web", Workload { cpu_m: 500, mem_bytes: 512 * MI, replicas: 2 }).unwrap();
        assert_eq!(s, Space::default());
        assert_eq!((s.low, s.high), ([0.0, 0.0, 0.0, -40.0, 0.0], [4.0, 8.0, 40.0, 20.0, 1.0]));
        let l = Limits::default();
        let top = Workload { cpu_m: l.max_cpu_m, mem_bytes: l.max_mem, replicas: l.max_replicas };
        let v = s.vector(Obs { ready: 0, pending: s.max_pods, total: s.max_pods }, 1, top).unwrap();
        assert_eq!(&v[..3], &s.high[..3]);
        assert!(v[3] >= s.low[3] && v[3] < 0.0, "{v:?}");
        assert_eq!(s.vector(Obs::default(), MAX_TARGET, top).unwrap()[3], s.high[3]);
        let e = s.vector(Obs { ready: 0, pending: 0, total: s.max_pods + 10 }, 1, top).unwrap_err();
        assert!(e.to_string().contains("(target-total)/5"), "{e}");
        let e = s.check_start(Path::new("t.msgpack"), "web", Workload { cpu_m: 16_500, ..top }).unwrap_err();
        assert!(e.to_string().contains("cpu request 16500m > 16000m"), "{e}");
    }

    /// sim-arena's cpu-heavy starts at 20,000m, above the 16,000m safeguard: the space holds its
    /// start, a reduction is allowed and a bump past the start is blocked.
    #[test]
    fn a_start_above_the_safeguards_widens_the_space_and_the_edits_respect_it() {
        let trace = fixture("simarena-demo-cpu-heavy.msgpack");
        let w = workload::read(&trace, "web").unwrap();
        assert_eq!(w.cpu_m, 20_000, "the fixture is sim-arena's cpu-heavy start");
        let s = Space::for_start(&trace, "web", w).unwrap();
        assert_eq!(s.limits.max_cpu_m, 20_000);
        assert_eq!(s.high[0], 5.0);
        let v = s.vector(Obs { ready: 0, pending: 3, total: 3 }, 3, w).unwrap();
        assert_eq!(v[0], 5.0, "the start is inside the declared space");
        s.check_start(&trace, "web", w).unwrap();
        // The edits under these limits: down passes, up past the start is blocked.
        let dir = tempfile::tempdir().unwrap();
        let target = crate::trace::edit::Target { name: "web", namespace: None };
        let down = dir.path().join("down.msgpack");
        let o = crate::trace::edit::edit(&trace, &down, &target, &crate::trace::edit::Action::BumpCpu(-500), &s.limits)
            .unwrap();
        assert!(o.changed && !o.blocked, "{o:?}");
        assert_eq!(workload::read(&down, "web").unwrap().cpu_m, 19_500);
        let up = dir.path().join("up.msgpack");
        let o = crate::trace::edit::edit(&trace, &up, &target, &crate::trace::edit::Action::BumpCpu(500), &s.limits)
            .unwrap();
        assert!(o.blocked, "{o:?}");
        // sim-arena's plain safeguards check a reduction against the floor only (trace::edit), so
        // the reduction passes there too; the widened limits matter for the declared space.
        let o = crate::trace::edit::edit(
            &trace,
            &down,
            &target,
            &crate::trace::edit::Action::BumpCpu(-500),
            &Limits::default(),
        )
        .unwrap();
        assert!(o.changed && !o.blocked, "{o:?}");
    }

    #[test]
    fn a_start_that_is_no_state_is_refused() {
        let e = Space::for_start(Path::new("t.msgpack"), "web", Workload { cpu_m: 1, mem_bytes: 1, replicas: -1 })
            .unwrap_err();
        assert!(e.to_string().contains("t.msgpack: Deployment web: replicas -1 is negative"), "{e}");
        let big = Space::for_start(Path::new("t"), "web", Workload { cpu_m: 1, mem_bytes: 1, replicas: 300 }).unwrap();
        assert_eq!((big.max_pods, big.low[3], big.high[2]), (600, -120.0, 120.0));
    }
}
