//! One RL step, in small parts: `preflight` (what a step needs, checked first), `naming` (the
//! Simulation's name and labels), `simulate` (one trace simulated and observed, cleanup included;
//! waits in `driver` and `teardown`), `act` (policy and trace edit), `reward`, `record` (timings
//! and outcome), `episode` (the step as `run` runs it), `interrupt` (Ctrl-C, SIGTERM); `env` (the
//! Gymnasium environment's semantics), `pool` (episodes over several clusters), `workload` (the
//! Deployment's requests and replicas in a trace, for rewards and observations).

pub mod act;
pub mod driver;
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
pub mod teardown;
pub mod workload;
