//! `scenario generate`: fresh instances from templates, each with its reference solution from the
//! planner. The seed decides everything (SplitMix, the policies' generator), so the same
//! template and seed give byte-identical files. Seeds 0..1,000,000 are the train split and
//! 1,000,000..2,000,000 the test split: an agent trained on the first never saw an answer of the
//! second.

use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};

use super::fit::{Goal, State};
use super::planner::{Plan, Problem, plan};
use super::schema::DEFAULT_IMAGE;
use super::{Neighbour, Split, profile};
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;
use crate::step::policy::{ActionType, SplitMix};
use crate::trace::quantity::{self, Resource};

pub const TRAIN_SEEDS: std::ops::Range<u64> = 0..1_000_000;
pub const TEST_SEEDS: std::ops::Range<u64> = 1_000_000..2_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Template {
    ScaleUp,
    ScaleDown,
    CpuOver,
    MemoryOver,
    Both,
    NoisyNeighbour,
    NodePressure,
    SlowStart,
    Compound,
}

pub const TEMPLATES: [Template; 9] = [
    Template::ScaleUp,
    Template::ScaleDown,
    Template::CpuOver,
    Template::MemoryOver,
    Template::Both,
    Template::NoisyNeighbour,
    Template::NodePressure,
    Template::SlowStart,
    Template::Compound,
];

impl Template {
    pub fn name(self) -> &'static str {
        match self {
            Template::ScaleUp => "scale-up",
            Template::ScaleDown => "scale-down",
            Template::CpuOver => "cpu-over",
            Template::MemoryOver => "memory-over",
            Template::Both => "both",
            Template::NoisyNeighbour => "noisy-neighbour",
            Template::NodePressure => "node-pressure",
            Template::SlowStart => "slow-start",
            Template::Compound => "compound",
        }
    }

    fn problem(self) -> &'static str {
        match self {
            Template::ScaleUp | Template::ScaleDown => "replica_scaling",
            Template::CpuOver | Template::MemoryOver | Template::Both => "resource_contention",
            Template::NoisyNeighbour => "noisy_neighbour",
            Template::NodePressure => "node_pressure",
            Template::SlowStart => "slow_start",
            Template::Compound => "compound",
        }
    }

    fn profile(self) -> &'static str {
        match self {
            Template::NodePressure => "small",
            _ => "simarena",
        }
    }

    /// Most reference steps an instance may take (keeps the suite cheap to play).
    fn max_steps(self) -> u32 {
        match self {
            Template::Both | Template::Compound => 6,
            _ => 4,
        }
    }

    /// Whether a plan is what the template is about.
    fn accepts(self, actions: &[ActionType], start: &Draw) -> bool {
        use ActionType::*;
        let has = |a: ActionType| actions.contains(&a);
        let only = |set: &[ActionType]| actions.iter().all(|a| set.contains(a));
        !actions.is_empty()
            && actions.len() as u32 <= self.max_steps()
            && match self {
                Template::ScaleUp | Template::SlowStart => only(&[ScaleUpReplicas]),
                Template::ScaleDown => only(&[ScaleDownReplicas]),
                Template::CpuOver => only(&[ReduceCpuSmall]),
                Template::MemoryOver => only(&[ReduceMemSmall]),
                Template::Both => has(ReduceCpuSmall) && has(ReduceMemSmall) && only(&[ReduceCpuSmall, ReduceMemSmall]),
                Template::NoisyNeighbour => !start.neighbours.is_empty() && !has(ScaleUpReplicas),
                Template::NodePressure => true,
                Template::Compound => {
                    (has(ScaleUpReplicas) || has(ScaleDownReplicas)) && (has(ReduceCpuSmall) || has(ReduceMemSmall))
                }
            }
    }
}

pub fn split_of(seed: u64) -> Result<Split> {
    if TRAIN_SEEDS.contains(&seed) {
        Ok(Split::Train)
    } else if TEST_SEEDS.contains(&seed) {
        Ok(Split::Test)
    } else {
        Err(Error::usage(
            format!("seed {seed} is in neither split"),
            Some(format!(
                "train seeds are {}..{}, test seeds {}..{}",
                TRAIN_SEEDS.start, TRAIN_SEEDS.end, TEST_SEEDS.start, TEST_SEEDS.end
            )),
        ))
    }
}

/// One draw of a template's parameters.
#[derive(Debug, Clone)]
struct Draw {
    state: State,
    target: u32,
    neighbours: Vec<Neighbour>,
    ready_delay_s: Option<u32>,
}

struct Rng(SplitMix);

impl Rng {
    /// Uniform in lo..=hi (the modulo bias is immaterial for these small ranges).
    fn int(&mut self, lo: i128, hi: i128) -> i128 {
        lo + (self.0.next_u64() % ((hi - lo + 1) as u64)) as i128
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.int(0, v.len() as i128 - 1) as usize]
    }
}

const MI: i128 = 1 << 20;

fn draw(t: Template, rng: &mut Rng) -> Draw {
    let small_cpu = [250, 500, 1000];
    let small_mem = [256 * MI, 512 * MI, 1024 * MI];
    let mut d = Draw {
        state: State { replicas: 1, cpu_m: rng.pick(&small_cpu), mem_bytes: rng.pick(&small_mem) },
        target: 1,
        neighbours: vec![],
        ready_delay_s: None,
    };
    let r = |rng: &mut Rng, lo, hi| rng.int(lo, hi) as u32;
    match t {
        Template::ScaleUp | Template::SlowStart => {
            d.state.replicas = r(rng, 1, 4);
            d.target = d.state.replicas + r(rng, 1, 3);
            if t == Template::SlowStart {
                d.ready_delay_s = Some(r(rng, 2, 4));
            }
        }
        Template::ScaleDown => {
            d.target = r(rng, 1, 4);
            d.state.replicas = d.target + r(rng, 1, 3);
        }
        Template::CpuOver | Template::MemoryOver | Template::Both => {
            d.target = r(rng, 2, 6);
            d.state.replicas = d.target;
            // Per-pod room for the target on 3 × 16 CPU / 32Gi, then a few steps over it.
            let per_node = i128::from(d.target.div_ceil(3));
            if t != Template::MemoryOver {
                d.state.cpu_m = 16_000 / per_node / 500 * 500 + 500 * rng.int(1, 3) - rng.pick(&[0, 250]);
            }
            if t != Template::CpuOver {
                d.state.mem_bytes = (32 << 30) / per_node / (256 * MI) * (256 * MI) + 256 * MI * rng.int(1, 3);
            }
        }
        Template::NoisyNeighbour => {
            // One neighbour pod per node (over half a node each, so LeastAllocated spreads them),
            // then target pods that fit an empty node but not beside it.
            let n_cpu = 500 * rng.int(18, 24);
            d.neighbours = vec![Neighbour { deploy: "noisy".into(), replicas: 3, cpu_m: n_cpu, mem_bytes: 1 << 30 }];
            d.target = r(rng, 2, 3);
            d.state.replicas = d.target;
            d.state.cpu_m = (16_000 - n_cpu) + 500 * rng.int(1, 3);
        }
        Template::NodePressure => {
            // Few small nodes (profile small: 2 × 4 CPU / 8Gi): more or bigger pods than fit.
            d.target = r(rng, 3, 6);
            d.state.replicas = d.target + r(rng, 0, 1);
            d.state.cpu_m = 500 * rng.int(3, 6);
            d.state.mem_bytes = 512 * MI * rng.int(2, 6);
        }
        Template::Compound => {
            d.target = r(rng, 2, 5);
            d.state.replicas = (d.target as i128 + rng.pick(&[-1, 1, 2])).max(1) as u32;
            let per_node = i128::from(d.target.div_ceil(3));
            d.state.cpu_m = 16_000 / per_node / 500 * 500 + 500 * rng.int(1, 2);
        }
    }
    d
}

/// The instance's file: the same schema as every scenario (see scenarios/README.md).
pub fn instance(t: Template, seed: u64) -> Result<Json> {
    let split = split_of(seed)?;
    let prof = profile(t.profile())?;
    let mut rng = Rng(SplitMix::new(seed ^ (t as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
    for _attempt in 0..10_000 {
        let d = draw(t, &mut rng);
        let goal = Goal { target: d.target, max_cpu_m: None, max_mem_bytes: None };
        let problem =
            Problem { profile: &prof, neighbours: &d.neighbours, start: d.state, goal, max_depth: t.max_steps() };
        let Plan::Found { actions } = plan(&problem) else { continue };
        if !t.accepts(&actions, &d) {
            continue;
        }
        return Ok(document(t, seed, split, &d, &actions));
    }
    Err(Error::CheckFailed(format!("template {} found no instance for seed {seed}", t.name())))
}

fn document(t: Template, seed: u64, split: Split, d: &Draw, actions: &[ActionType]) -> Json {
    let id = format!("{}-{seed}", t.name());
    let steps = actions.len() as u32;
    let tier = match steps {
        0..=2 => "low",
        3..=4 => "medium",
        _ => "high",
    };
    let cpu = |v| quantity::format(v, Resource::Cpu);
    let mem = |v| quantity::format(v, Resource::Memory);
    let mut new = json!({
        "replicas": d.state.replicas, "cpu": cpu(d.state.cpu_m), "memory": mem(d.state.mem_bytes), "image": DEFAULT_IMAGE,
    });
    let mut what = format!(
        "{} replica(s) of {} / {}, target {}",
        d.state.replicas,
        cpu(d.state.cpu_m),
        mem(d.state.mem_bytes),
        d.target
    );
    if !d.neighbours.is_empty() {
        new["neighbours"] = Json::Array(
            d.neighbours
                .iter()
                .map(|n| json!({ "deploy": n.deploy, "replicas": n.replicas, "cpu": cpu(n.cpu_m), "memory": mem(n.mem_bytes) }))
                .collect(),
        );
        let n = &d.neighbours[0];
        what +=
            &format!(", beside {} {} pod(s) of {} taking room on the same nodes", n.replicas, n.deploy, cpu(n.cpu_m));
    }
    // Long enough for the pods to be scheduled (KWOK binds and readies them at once), plus the
    // neighbours' lead and the ready delay: a step must outlast them, or the target is not seen.
    let mut duration = 5;
    if !d.neighbours.is_empty() {
        duration += super::load::NEIGHBOUR_LEAD_S as u32;
    }
    if let Some(s) = d.ready_delay_s {
        new["ready_delay"] = Json::from(format!("{s}s"));
        what += &format!(", pods Ready {s}s after they start");
        duration += s;
    }
    let split_name = if split == Split::Train { "train" } else { "test" };
    json!({
        "id": id,
        "description": format!("{} ({}): {what}.", t.name(), t.problem()),
        "tier": tier,
        "problem": t.problem(),
        "profile": t.profile(),
        "trace": { "new": new },
        "target": { "deploy": "web", "namespace": "default", "replicas": d.target },
        "budget": (steps + 4).max(10),
        "reference": actions,
        "reference_steps": steps,
        "sim": { "duration": format!("{duration}s") },
        "split": split_name,
        "template": t.name(),
        "seed": seed,
        "provenance": format!("kubectl skstep scenario generate --template {} --seed {seed} (kubectl-skstep {})", t.name(), env!("CARGO_PKG_VERSION")),
    })
}

/// Writes `count` instances, seeds `seed..seed+count` (all in one split), into `dir`.
pub fn generate(t: Template, seed: u64, count: u64, dir: &Path) -> Result<Vec<PathBuf>> {
    let last =
        seed.checked_add(count.saturating_sub(1)).ok_or_else(|| Error::usage("--seed + --count overflows", None))?;
    if count == 0 {
        return Err(Error::usage("--count 0 makes nothing", Some("give --count 1 or more".into())));
    }
    if split_of(seed)? != split_of(last)? {
        return Err(Error::usage(
            format!("seeds {seed}..={last} cross from the train split into the test split"),
            Some(format!("keep the seeds under {} (train) or from {} (test)", TRAIN_SEEDS.end, TEST_SEEDS.start)),
        ));
    }
    // Every instance first, so a failure writes nothing.
    let docs: Vec<(String, Json)> = (seed..=last)
        .map(|s| instance(t, s).map(|d| (d["id"].as_str().expect("set").to_string(), d)))
        .collect::<Result<_>>()?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = vec![];
    for (id, doc) in docs {
        let f = dir.join(format!("{id}.json"));
        let mut w = AtomicOut::create(&f)?;
        let text = serde_json::to_string_pretty(&doc).expect("serialises") + "\n";
        std::io::Write::write_all(w.writer(), text.as_bytes()).map_err(|e| w.io(e))?;
        w.commit()?;
        out.push(f);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_makes_instances_in_both_splits_and_the_same_seed_the_same_bytes() {
        for t in TEMPLATES {
            for seed in [0, 1, 7, 1_000_000, 1_000_123] {
                let a = instance(t, seed).unwrap_or_else(|e| panic!("{} {seed}: {e}", t.name()));
                let b = instance(t, seed).unwrap();
                assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
                assert_eq!(a["split"], if seed < 1_000_000 { "train" } else { "test" });
                assert_eq!(a["reference_steps"].as_u64().unwrap() as usize, a["reference"].as_array().unwrap().len());
            }
            let s0 = serde_json::to_string(&instance(t, 0).unwrap()["trace"]).unwrap();
            let differ = (1..20).any(|s| serde_json::to_string(&instance(t, s).unwrap()["trace"]).unwrap() != s0);
            assert!(differ, "{}: twenty seeds give one instance", t.name());
        }
    }

    #[test]
    fn seeds_outside_the_splits_or_across_them_are_refused() {
        assert!(split_of(2_000_000).is_err());
        let dir = tempfile::tempdir().unwrap();
        let e = generate(Template::ScaleUp, 999_999, 2, dir.path()).unwrap_err();
        assert!(e.to_string().contains("cross"), "{e}");
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing written");
    }
}
