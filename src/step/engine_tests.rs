//! The episode loop's arithmetic without a cluster: the simulation is a scripted sequence of
//! observations (this is not a Kubernetes mock: nothing here speaks the API; the cluster tests
//! run the real simulation). Everything else is the real thing: the edits write real traces, the
//! workload is read back from them, the rewards are computed and the records appended.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

use super::*;
use crate::cluster::observe::Observation;
use crate::records::jsonl::Runs;
use crate::step::agent::Fixed;
use crate::step::interrupt::Trigger;
use crate::step::policy::{Policy, agent};
use crate::step::simulate::Trail;

enum Next {
    Obs(u32, u32, u32),
    Fail(Error),
    /// Ctrl-C during the simulation: the real simulation cleans up and returns `Interrupted`.
    Interrupt,
}

struct Script {
    next: VecDeque<Next>,
    trigger: Trigger,
    /// The traces simulated, in order.
    seen: Vec<PathBuf>,
}

impl Simulator for Script {
    async fn simulate(
        &mut self,
        cfg: &StepConfig,
        _sha: &str,
        _progress: &mut Progress,
        interrupts: &mut Interrupts,
        trail: &mut Trail,
    ) -> Result<Observation> {
        self.seen.push(cfg.trace.clone());
        trail.sim_name = format!("sim-{}", cfg.step);
        trail.virtual_ns = "virtual-default".into();
        match self.next.pop_front().expect("the script ran out: the loop simulated more than it should") {
            Next::Obs(ready, pending, total) => Ok(Observation {
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
            }),
            Next::Fail(e) => Err(e),
            Next::Interrupt => {
                self.trigger.fire();
                interrupts.next().await;
                Err(Error::Interrupted)
            }
        }
    }
}

/// Counts the calls an agent gets.
struct Counting<A>(A, u32);

impl<A: Agent> Agent for Counting<A> {
    fn name(&self) -> String {
        self.0.name()
    }

    fn act(&mut self, s: &State) -> Result<ActionType> {
        self.1 += 1;
        self.0.act(s)
    }
}

fn web() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces/simarena-demo-deprecated-path.msgpack")
}

fn base(runs: &Path) -> StepConfig {
    StepConfig { deploy: "web".into(), target: 2, ..crate::step::test_config::step_config(runs) }
}

fn spec(budget: u32, stop_at_goal: bool) -> EpisodeSpec {
    EpisodeSpec {
        trace: web(),
        episode: "ep1".into(),
        seed: 7,
        budget,
        stop_at_goal,
        goal: Goal::target(2),
        tags: BTreeMap::from([("scenario".to_string(), "unit".to_string())]),
        propose_next: false,
    }
}

/// Plays `spec` with `agent` over the scripted observations; returns the result, the traces
/// simulated and how often the agent was asked.
fn play_script(
    runs: &Path,
    spec: &EpisodeSpec,
    agent: impl Agent,
    script: Vec<Next>,
) -> (EpisodeResult, Vec<PathBuf>, u32) {
    let (trigger, mut interrupts) = Interrupts::channel();
    let mut sim = Script { next: script.into(), trigger, seen: vec![] };
    let mut agent = Counting(agent, 0);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let res = rt.block_on(play(&mut sim, &base(runs), spec, &mut agent, &mut Progress::new(true), &mut interrupts));
    assert!(sim.next.is_empty(), "the loop simulated less than the script says");
    (res, sim.seen, agent.1)
}

fn steps(r: &EpisodeResult) -> Vec<u32> {
    r.records.iter().map(|r| r.step).collect()
}

#[test]
fn stop_at_goal_at_the_start_simulates_once_and_never_asks_the_agent() {
    let dir = tempfile::tempdir().unwrap();
    let (r, seen, asked) = play_script(dir.path(), &spec(5, true), agent(Policy::Target, 1), vec![Next::Obs(2, 0, 2)]);
    assert!(matches!(r.end, EpisodeEnd::Goal), "{:?}", r.end);
    assert_eq!((r.solved_at, asked, seen.len(), steps(&r)), (Some(0), 0, 1, vec![0]));
    let rec = &r.records[0];
    assert_eq!((rec.action.clone(), rec.reward, rec.outcome.as_str()), (serde_json::Value::Null, Some(1.0), "ok"));
    assert_eq!(rec.trace_in, rec.trace_out, "step 0 simulates the initial trace");
    assert_eq!(r.first, r.last);
}

#[test]
fn stop_at_goal_mid_episode_ends_at_the_first_state_at_the_goal() {
    let dir = tempfile::tempdir().unwrap();
    let script = vec![Next::Obs(3, 0, 3), Next::Obs(2, 1, 3), Next::Obs(2, 0, 2)];
    let (r, seen, asked) = play_script(dir.path(), &spec(5, true), agent(Policy::Target, 1), script);
    assert!(matches!(r.end, EpisodeEnd::Goal), "{:?}", r.end);
    assert_eq!((r.solved_at, asked, steps(&r)), (Some(2), 2, vec![0, 1, 2]));
    // Each action edits the previous step's trace, and that edit is what the next step simulates.
    assert_eq!(seen[0], web());
    for (i, rec) in r.records.iter().enumerate().skip(1) {
        assert_eq!(rec.trace_in, r.records[i - 1].trace_out, "step {i}");
        assert_eq!(PathBuf::from(&rec.trace_out), seen[i]);
        assert!(rec.trace_out.ends_with(&format!("ep1/step-00{i}/trace.msgpack")), "{}", rec.trace_out);
    }
    // Target policy: total 3 > 2 → scale down; pending → reduce cpu. The reward is that of the
    // state after the action.
    let kinds: Vec<&str> = r.records[1..].iter().map(|r| r.action["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["scale_down_replicas", "scale_down_replicas"]);
    assert_eq!(r.records.iter().map(|r| r.reward.unwrap()).collect::<Vec<_>>(), [0.0, 0.0, 1.0]);
    // The edits are real: the replicas went 2 → 1, then were blocked at the floor of 1.
    assert_eq!(r.last.as_ref().unwrap().workload.replicas, 1);
    assert_eq!(r.records[2].action_info["blocked"], true);
    assert_eq!(r.records[2].trace_in_sha256, r.records[2].trace_out_sha256, "blocked = unchanged");
    assert_eq!(r.last.as_ref().unwrap().info["blocked"], true);
    // Every record carries the tags, and the runs folder holds exactly what was returned.
    assert!(r.records.iter().all(|x| x.tags["scenario"] == "unit" && x.episode.as_deref() == Some("ep1")));
    assert_eq!(Runs::open(dir.path()).unwrap().read_all().unwrap(), r.records);
}

#[test]
fn the_budget_bounds_the_actions_and_without_stop_at_goal_the_episode_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let never = vec![Next::Obs(1, 0, 1), Next::Obs(1, 0, 1), Next::Obs(1, 1, 2), Next::Obs(1, 1, 2)];
    let (r, seen, asked) = play_script(dir.path(), &spec(3, true), Fixed(ActionType::Noop), never);
    assert!(matches!(r.end, EpisodeEnd::Budget), "{:?}", r.end);
    assert_eq!((r.solved_at, asked, seen.len(), steps(&r)), (None, 3, 4, vec![0, 1, 2, 3]));
    assert!(r.records.iter().all(|x| x.policy == "action"));

    let dir = tempfile::tempdir().unwrap();
    let passes = vec![Next::Obs(1, 0, 1), Next::Obs(2, 0, 2), Next::Obs(3, 0, 3)];
    let (r, _, _) = play_script(dir.path(), &spec(2, false), Fixed(ActionType::ScaleUpReplicas), passes);
    assert!(matches!(r.end, EpisodeEnd::Budget), "{:?}", r.end);
    assert_eq!(r.solved_at, Some(1), "the first state at the goal counts, though the episode went past it");

    let dir = tempfile::tempdir().unwrap();
    let (r, seen, asked) = play_script(dir.path(), &spec(0, false), Fixed(ActionType::Noop), vec![Next::Obs(0, 2, 2)]);
    assert!(matches!(r.end, EpisodeEnd::Budget));
    assert_eq!((asked, seen.len()), (0, 1), "budget 0: the initial observation only");
}

#[test]
fn a_failed_step_ends_the_episode_with_its_error_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let e = Error::Simulation { message: "driver exited 1".into(), hint: Some("kubectl skstep logs".into()) };
    let script = vec![Next::Obs(1, 0, 1), Next::Obs(1, 0, 1), Next::Fail(e)];
    let (r, _, asked) = play_script(dir.path(), &spec(5, true), Fixed(ActionType::ScaleUpReplicas), script);
    let EpisodeEnd::Failed(e) = &r.end else { panic!("{:?}", r.end) };
    assert!(matches!(e, Error::Simulation { .. }), "the variant is kept: {e:?}");
    assert_eq!((e.exit_code(), e.hint()), (4, Some("kubectl skstep logs")));
    assert_eq!((asked, steps(&r)), (2, vec![0, 1, 2]));
    let last = r.records.last().unwrap();
    assert_eq!(last.outcome, "failed");
    assert_eq!(last.cause.as_deref(), Some("driver exited 1 (fix: kubectl skstep logs)"));
    assert_eq!((last.reward, last.obs), (None, None), "a failure is never an observation of zeros");
    assert_eq!(r.last.as_ref().unwrap().step, 1, "the last state observed");

    // A failure of the initial simulation: one record, no state.
    let dir = tempfile::tempdir().unwrap();
    let script = vec![Next::Fail(Error::bad_input("namespace drv is not prepared", None))];
    let (r, _, asked) = play_script(dir.path(), &spec(5, true), Fixed(ActionType::Noop), script);
    assert!(matches!(&r.end, EpisodeEnd::Failed(Error::BadInput { .. })), "{:?}", r.end);
    assert_eq!((asked, r.records.len(), r.first.is_none()), (0, 1, true));
    assert!(r.into_error().is_err());
}

#[test]
fn an_interrupt_ends_the_episode_as_interrupted_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let script = vec![Next::Obs(1, 0, 1), Next::Interrupt];
    let (r, _, _) = play_script(dir.path(), &spec(5, true), Fixed(ActionType::ScaleUpReplicas), script);
    assert!(matches!(r.end, EpisodeEnd::Interrupted), "{:?}", r.end);
    assert_eq!(steps(&r), vec![0, 1]);
    assert_eq!(r.records[1].outcome, "interrupted");
    assert_eq!(r.into_error().unwrap_err().exit_code(), 130);
}

#[test]
fn an_agent_error_fails_the_episode_naming_the_agent() {
    struct Broken;
    impl Agent for Broken {
        fn name(&self) -> String {
            "broken".into()
        }
        fn act(&mut self, _: &State) -> Result<ActionType> {
            Err(Error::usage("no model loaded", None))
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let (r, _, _) = play_script(dir.path(), &spec(5, true), Broken, vec![Next::Obs(1, 0, 1)]);
    let EpisodeEnd::Failed(e) = &r.end else { panic!("{:?}", r.end) };
    assert_eq!((e.to_string().as_str(), e.exit_code()), ("agent broken: no model loaded", 2));
}

#[test]
fn the_proposed_next_action_is_written_not_simulated() {
    let dir = tempfile::tempdir().unwrap();
    let s = EpisodeSpec { propose_next: true, ..spec(1, true) };
    let (r, seen, asked) =
        play_script(dir.path(), &s, agent(Policy::Target, 1), vec![Next::Obs(1, 0, 1), Next::Obs(1, 0, 1)]);
    assert!(matches!(r.end, EpisodeEnd::Budget));
    assert_eq!((seen.len(), asked), (2, 2));
    let next = r.next.expect("proposed");
    assert_eq!(next.action, ActionType::ScaleUpReplicas);
    assert!(next.trace.ends_with("ep1/step-001/trace-next.msgpack"), "{}", next.trace.display());
    let w = crate::step::workload::read(&next.trace, "web").unwrap();
    assert_eq!(w.replicas, 4, "2 → 3 at step 1, → 4 proposed");
    assert_eq!(r.records.len(), 2, "a proposal is not a simulation, so not a record");
}

#[test]
fn goals_with_ceilings() {
    let w = Workload { cpu_m: 1000, mem_bytes: 1 << 30, replicas: 2 };
    let at = Obs { ready: 2, pending: 0, total: 2 };
    assert!(Goal::target(2).met(at, w));
    assert!(!Goal::target(2).met(Obs { pending: 1, ..at }, w));
    assert!(!Goal::target(3).met(at, w));
    assert!(Goal { max_cpu_m: Some(1000), ..Goal::target(2) }.met(at, w));
    assert!(!Goal { max_cpu_m: Some(999), ..Goal::target(2) }.met(at, w));
    assert!(!Goal { max_mem_bytes: Some(1 << 29), ..Goal::target(2) }.met(at, w));
}
