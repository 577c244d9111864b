//! The agents bench plays besides the engine's policies (`noop`, `random`): `heuristic` (the
//! rule of `bench::heuristic`), `reference` (the scenario's reference actions, then noop) and
//! `stdio` (each state as one JSON line on stdout, the action read back from stdin: how
//! `skstep.bench.evaluate` plays a Python policy on this engine).

use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};

use serde_json::{Value as Json, json};

use super::heuristic::{Nodes, View, decide};
use crate::error::{Error, Result};
use crate::step::agent::{Agent, State};
use crate::step::env::ACTIONS;
use crate::step::policy::ActionType;
use crate::step::space::Space;

/// The agents `bench --agent` names; `stdio` asks a process on the other end of stdin/stdout
/// (the Python `skstep.bench.evaluate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[value(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum AgentKind {
    Noop,
    /// Uniform over the seven actions, seeded per (scenario, repeat) from --seed
    Random,
    /// The rule-based autoscaler (see `bench::heuristic`)
    Heuristic,
    /// The scenario's reference solution, then noop
    Reference,
    /// One JSON line per state on stdout, one action per line back on stdin
    Stdio,
}

impl AgentKind {
    pub fn name(self) -> &'static str {
        match self {
            AgentKind::Noop => "noop",
            AgentKind::Random => "random",
            AgentKind::Heuristic => "heuristic",
            AgentKind::Reference => "reference",
            AgentKind::Stdio => "stdio",
        }
    }
}

/// Plays the reference solution: the action at index `step` (actions taken so far), then noop.
pub struct Reference {
    pub actions: Vec<ActionType>,
}

impl Agent for Reference {
    fn name(&self) -> String {
        "reference".into()
    }

    fn act(&mut self, s: &State) -> Result<ActionType> {
        Ok(self.actions.get(s.step as usize).copied().unwrap_or(ActionType::Noop))
    }
}

/// The rule-based autoscaler on the scenario's nodes and ceilings.
pub struct Heuristic {
    pub nodes: Nodes,
    pub max_cpu_m: Option<i128>,
    pub max_mem_bytes: Option<i128>,
}

impl Agent for Heuristic {
    fn name(&self) -> String {
        "heuristic".into()
    }

    fn act(&mut self, s: &State) -> Result<ActionType> {
        let unscheduled =
            s.info.get("unscheduled").and_then(Json::as_u64).map(|u| u32::try_from(u).unwrap_or(u32::MAX));
        Ok(decide(&View {
            obs: s.obs,
            target: s.target,
            workload: s.workload,
            unscheduled,
            nodes: self.nodes,
            max_cpu_m: self.max_cpu_m,
            max_mem_bytes: self.max_mem_bytes,
        }))
    }
}

/// The two ends of the conversation with the process that answers for `stdio`; shared by the
/// episodes running at once on several contexts, one question and its answer at a time.
pub struct Channel {
    out: Box<dyn Write + Send>,
    input: Box<dyn BufRead + Send>,
}

pub type SharedChannel = Arc<Mutex<Channel>>;

impl Channel {
    pub fn stdio() -> SharedChannel {
        Channel::new(Box::new(std::io::stdout()), Box::new(std::io::BufReader::new(std::io::stdin())))
    }

    pub fn new(out: Box<dyn Write + Send>, input: Box<dyn BufRead + Send>) -> SharedChannel {
        Arc::new(Mutex::new(Channel { out, input }))
    }

    /// Sends one line (e.g. the closing `done`).
    pub fn send(&mut self, doc: &Json) -> Result<()> {
        let mut line = doc.to_string();
        line.push('\n');
        self.out.write_all(line.as_bytes()).and_then(|_| self.out.flush()).map_err(|e| Error::io("<stdout>", e))
    }

    fn ask(&mut self, doc: &Json) -> Result<String> {
        self.send(doc)?;
        let mut line = String::new();
        let n = self.input.read_line(&mut line).map_err(|e| Error::io("<stdin>", e))?;
        if n == 0 {
            return Err(Error::bad_input(
                "bench --agent stdio: stdin closed before the agent answered",
                Some(
                    "answer each {\"op\": \"act\"} line with {\"action\": N} (skstep.bench.evaluate does)".to_string(),
                ),
            ));
        }
        Ok(line)
    }
}

/// Reads `{"action": N}` (sim-arena's index 0–6) or `{"action": "scale_up_replicas"}`.
pub fn parse_answer(line: &str) -> Result<ActionType> {
    let bad = |why: String| {
        Error::bad_input(
            format!("bench --agent stdio: stdin: {why}: {}", line.trim()),
            Some("answer {\"action\": N} with N in 0..=6 (sim-arena's order) or an action's name".to_string()),
        )
    };
    let v: Json = serde_json::from_str(line).map_err(|e| bad(format!("not JSON ({e})")))?;
    match v.get("action") {
        Some(Json::Number(n)) => n
            .as_u64()
            .and_then(|i| ACTIONS.get(usize::try_from(i).ok()?).copied())
            .ok_or_else(|| bad(format!("action {n} is not in 0..=6"))),
        Some(a @ Json::String(_)) => {
            serde_json::from_value(a.clone()).map_err(|_| bad(format!("action {a} is not an action's name")))
        }
        _ => Err(bad("no field `action`".into())),
    }
}

/// Asks the process on stdin/stdout for each action.
pub struct Stdio {
    pub channel: SharedChannel,
    pub scenario: String,
    pub repeat: u32,
    /// The trace and Deployment the episode starts from: its observation space (as the env's).
    pub trace: std::path::PathBuf,
    pub deploy: String,
    pub space: Option<Space>,
}

impl Agent for Stdio {
    fn name(&self) -> String {
        "stdio".into()
    }

    fn act(&mut self, s: &State) -> Result<ActionType> {
        let w = s.workload;
        let mut info = s.info.clone();
        for (k, v) in [
            ("ready", json!(s.obs.ready)),
            ("pending", json!(s.obs.pending)),
            ("total", json!(s.obs.total)),
            ("target", json!(s.target)),
            ("cpu_m", json!(w.cpu_m as f64)),
            ("memory_bytes", json!(w.mem_bytes as f64)),
            ("replicas", json!(w.replicas)),
        ] {
            info.insert(k.into(), v);
        }
        if self.space.is_none() {
            self.space = Some(Space::for_start(&self.trace, &self.deploy, w)?);
        }
        let obs = self.space.as_ref().expect("set above").vector(s.obs, s.target, w)?;
        let doc = json!({
            "op": "act", "scenario": self.scenario, "repeat": self.repeat, "step": s.step, "obs": obs, "info": info,
        });
        let ch = self.channel.clone();
        // The answer blocks this thread: tell the runtime, so the other contexts' episodes go on.
        let line = tokio::task::block_in_place(move || {
            let mut c = ch.lock().map_err(|_| Error::bad_input("bench --agent stdio: the channel broke", None))?;
            c.ask(&doc)
        })?;
        parse_answer(&line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_sim_arena_indices_or_names_and_anything_else_is_refused() {
        assert_eq!(parse_answer("{\"action\": 3}\n").unwrap(), ActionType::ScaleUpReplicas);
        assert_eq!(parse_answer("{\"action\": 4}").unwrap(), ActionType::ReduceCpuSmall, "sim-arena's order");
        assert_eq!(parse_answer("{\"action\": \"reduce_mem_small\"}").unwrap(), ActionType::ReduceMemSmall);
        for (bad, why) in [
            ("{\"action\": 7}", "action 7 is not in 0..=6"),
            ("{\"action\": -1}", "action -1 is not in 0..=6"),
            ("{\"action\": \"jump\"}", "is not an action's name"),
            ("{\"act\": 1}", "no field `action`"),
            ("1,", "not JSON"),
        ] {
            let e = parse_answer(bad).unwrap_err();
            assert!(e.to_string().contains(why), "{bad}: {e}");
            assert_eq!(e.exit_code(), 1);
        }
    }
}
