//! Who picks the actions: an [`Agent`] looks at the last [`State`] of an episode and names one of
//! sim-arena's seven actions. The built-in policies are agents (`policy::agent`), `--action`'s
//! fixed action is one ([`Fixed`]), and bench's agents and a Python policy are others.

use serde_json::{Map, Value as Json};

use super::policy::ActionType;
use super::reward::Workload;
use crate::error::Result;
use crate::model::Obs;

/// What an agent sees: the observation of the last simulation and the Deployment's requests and
/// replicas in the trace simulated.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub obs: Obs,
    pub workload: Workload,
    pub target: u32,
    /// Actions taken so far in this episode (0: the initial trace).
    pub step: u32,
    /// The rest of the observation and where it came from: `running`, `failed`,
    /// `unscheduled`, `nodes`, `sim_name`, `virtual_namespace`, and after an action `action`,
    /// `blocked`, `reason`.
    pub info: Map<String, Json>,
}

pub trait Agent: Send {
    /// The name records carry in `policy`.
    fn name(&self) -> String;
    /// The next action from state `s`. An error ends the episode as failed.
    fn act(&mut self, s: &State) -> Result<ActionType>;
}

impl<A: Agent + ?Sized> Agent for Box<A> {
    fn name(&self) -> String {
        (**self).name()
    }

    fn act(&mut self, s: &State) -> Result<ActionType> {
        (**self).act(s)
    }
}

/// Always the same action (`run --action`); recorded as policy `action`.
#[derive(Debug, Clone, Copy)]
pub struct Fixed(pub ActionType);

impl Agent for Fixed {
    fn name(&self) -> String {
        "action".into()
    }

    fn act(&mut self, _: &State) -> Result<ActionType> {
        Ok(self.0)
    }
}
