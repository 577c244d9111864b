//! The env's request handling without a cluster: the simulation is a scripted sequence of
//! observations (not a Kubernetes mock: nothing here speaks the API; tests/env_stdio.rs and the
//! Python tests run the real simulation). The rest is the real thing: the step body, its edits of
//! real traces, the rewards and the records appended to a real runs folder.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

use super::*;
use crate::cluster::observe::Observation;
use crate::records::jsonl::Runs;
use crate::step::simulate::Trail;

/// Each simulation answers the next (ready, pending, total) and notes the trace it was given.
struct Script {
    next: VecDeque<(u32, u32, u32)>,
    seen: Vec<(PathBuf, String, u32)>,
}

impl Simulator for Script {
    async fn simulate(
        &mut self,
        cfg: &StepConfig,
        _sha: &str,
        _progress: &mut Progress,
        _interrupts: &mut Interrupts,
        trail: &mut Trail,
    ) -> Result<Observation> {
        self.seen.push((cfg.trace.clone(), cfg.deploy.clone(), cfg.target));
        trail.sim_name = format!("sim-{}", cfg.step);
        let (ready, pending, total) = self.next.pop_front().expect("the script ran out");
        Ok(Observation {
            ready,
            pending,
            total,
            running: ready,
            failed: 0,
            unscheduled: pending,
            nodes: BTreeMap::new(),
            virtual_namespace: "virtual-default".into(),
            deployment: cfg.deploy.clone(),
            selector: "app=web".into(),
            desired_replicas: None,
            transient: Default::default(),
        })
    }
}

impl EnvSim for Script {
    async fn delete_kept(&mut self, _: &Kept, _: &StepConfig, _: &str, _: &mut Progress) -> Result<()> {
        Ok(())
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces").join(name)
}

fn base(runs: &Path) -> StepConfig {
    crate::step::test_config::step_config(runs)
}

fn problem(id: &str, trace: &str, target: u32, max_steps: u32) -> Problem {
    Problem {
        id: Some(id.into()),
        trace: fixture(trace),
        deploy: "web".into(),
        goal: Goal::target(target),
        max_steps,
        duration_s: 5,
        speed: None,
        tags: BTreeMap::from([("scenario".to_string(), id.to_string())]),
    }
}

fn env(runs: &Path, problems: Vec<Problem>, script: Vec<(u32, u32, u32)>) -> Env<Script> {
    let sim = Script { next: script.into(), seen: vec![] };
    Env::new(sim, EnvConfig { base: base(runs), problems, keep_last: false }).unwrap()
}

async fn ask(env: &mut Env<Script>, req: Request) -> Result<Json> {
    env.handle(req, &mut Progress::new(true), &mut Interrupts::never()).await
}

fn reset(seed: Option<u64>) -> Request {
    Request::Reset { seed, options: None }
}

#[tokio::test]
async fn an_observation_outside_the_space_is_a_failed_record_and_an_error_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut e = env(
        dir.path(),
        vec![problem("a", "simarena-demo-deprecated-path.msgpack", 2, 5)],
        vec![
            (1, 0, 1),
            // 300 pods: (target − total)/5 = −59.6, below the declared −40.
            (0, 0, 300),
        ],
    );
    ask(&mut e, reset(Some(1))).await.unwrap();
    let err = ask(&mut e, Request::Step { action: 0 }).await.unwrap_err();
    assert!(err.to_string().contains("outside the declared space"), "{err}");
    let recs = Runs::open(dir.path()).unwrap().read_all().unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0].outcome, "ok");
    let last = &recs[1];
    assert_eq!(last.outcome, "failed", "the record agrees with the answer: {last:?}");
    let cause = last.cause.as_deref().unwrap_or_default();
    assert!(cause.contains("outside the declared space") && cause.contains("total 300"), "{cause}");
    assert_eq!(last.obs.map(|o| o.total), Some(300), "the record keeps what was observed");
    // The episode is over: a step is refused until a reset.
    let again = ask(&mut e, Request::Step { action: 0 }).await.unwrap_err();
    assert!(again.to_string().contains("call reset"), "{again}");
}

#[tokio::test]
async fn a_suite_is_drawn_from_resets_seed_and_each_episode_plays_its_scenarios_goal_and_budget() {
    let dir = tempfile::tempdir().unwrap();
    let problems = || {
        vec![
            problem("p0", "simarena-demo-deprecated-path.msgpack", 1, 1),
            problem("p1", "simarena-demo-deprecated-path.msgpack", 2, 2),
            problem("p2", "simarena-demo-cpu-heavy.msgpack", 3, 3),
        ]
    };
    // Ten resets, reseeded at the first only (as SB3 does), twice: the same scenarios.
    let mut drawn = vec![];
    for _ in 0..2 {
        let mut e = env(dir.path(), problems(), vec![(0, 0, 0); 10]);
        let spec = e.spec();
        assert_eq!(spec["scenarios"], json!(["p0", "p1", "p2"]));
        assert_eq!((spec["target"].clone(), spec["max_steps"].clone()), (Json::Null, json!(3)));
        // The space holds every start: cpu-heavy's 20,000m widens the CPU bound to 5.
        assert_eq!(spec["obs_high"][0], json!(5.0));
        let mut ids = vec![];
        for i in 0..10 {
            let ans = ask(&mut e, reset((i == 0).then_some(42))).await.unwrap();
            let id = ans["info"]["scenario"].as_str().unwrap().to_string();
            let p = problems().into_iter().find(|p| p.id.as_deref() == Some(&id)).unwrap();
            assert_eq!(ans["info"]["target"], json!(p.goal.target));
            assert_eq!(ans["info"]["max_steps"], json!(p.max_steps));
            ids.push(id);
        }
        let seen: Vec<_> = e.sim.seen.iter().map(|(t, _, target)| (t.clone(), *target)).collect();
        let want: Vec<_> = ids
            .iter()
            .map(|id| {
                let p = problems().into_iter().find(|p| p.id.as_deref() == Some(id)).unwrap();
                (p.trace, p.goal.target)
            })
            .collect();
        assert_eq!(seen, want, "each reset simulated its scenario's trace with its target");
        drawn.push(ids);
    }
    assert_eq!(drawn[0], drawn[1], "the same seed draws the same scenarios");
    let distinct: std::collections::BTreeSet<_> = drawn[0].iter().collect();
    assert!(distinct.len() > 1, "ten resets drew one scenario only: {:?}", drawn[0]);
    // Another seed, another sequence.
    let mut e = env(dir.path(), problems(), vec![(0, 0, 0); 10]);
    let mut other = vec![];
    for i in 0..10 {
        let ans = ask(&mut e, reset((i == 0).then_some(7))).await.unwrap();
        other.push(ans["info"]["scenario"].as_str().unwrap().to_string());
    }
    assert_ne!(other, drawn[0]);
    // The records carry the scenario's tag.
    let recs = Runs::open(dir.path()).unwrap().read_all().unwrap();
    assert!(recs.iter().all(|r| r.tags.contains_key("scenario")));
}

#[tokio::test]
async fn an_episode_ends_at_its_scenarios_goal_or_budget() {
    let dir = tempfile::tempdir().unwrap();
    // p: target 2, budget 2. Reset (1 ready), step → goal (2 ready of 2).
    let mut e = env(
        dir.path(),
        vec![problem("p", "simarena-demo-deprecated-path.msgpack", 2, 2)],
        vec![(1, 1, 2), (2, 0, 2), (1, 1, 2), (1, 1, 2), (1, 1, 2)],
    );
    ask(&mut e, reset(Some(0))).await.unwrap();
    let a = ask(&mut e, Request::Step { action: 3 }).await.unwrap();
    assert_eq!((a["terminated"].clone(), a["truncated"].clone()), (json!(true), json!(false)));
    ask(&mut e, reset(None)).await.unwrap();
    let a = ask(&mut e, Request::Step { action: 0 }).await.unwrap();
    assert_eq!((a["terminated"].clone(), a["truncated"].clone()), (json!(false), json!(false)));
    let a = ask(&mut e, Request::Step { action: 0 }).await.unwrap();
    assert_eq!((a["terminated"].clone(), a["truncated"].clone()), (json!(false), json!(true)), "budget 2");
}
