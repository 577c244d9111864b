//! The step engine, in small parts: `episode` (the one step body: act → simulate → observe →
//! reward → record), `engine` (the one episode loop, its goal and result), `agent` (who picks
//! the actions; `policy` holds the built-in ones), `pool` (jobs over several clusters), `env`
//! (the Gymnasium environment, driving the same body a request at a time), `space` (the
//! observation space and safeguards of an episode's start); under them `preflight` (what a step
//! needs, checked first), `naming` (the Simulation's name and labels), `simulate` (one trace
//! simulated and observed, cleanup included; waits in `driver` and `teardown`), `act` (the trace
//! edit), `reward`, `record` (timings, outcome and the record finisher), `interrupt` (Ctrl-C,
//! SIGTERM), `workload` (the Deployment's requests and replicas in a trace).

pub mod act;
pub mod agent;
pub mod driver;
pub mod engine;
pub mod env;
pub mod episode;
pub mod interrupt;
pub mod naming;
pub mod policy;
pub mod pool;
pub mod preflight;
pub mod progress;
pub mod record;
pub mod reward;
pub mod simulate;
pub mod space;
pub mod teardown;
#[cfg(test)]
mod test_config;
pub mod workload;
