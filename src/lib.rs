//! kubectl-skstep: one SimKube RL step as one kubectl command, and the trace toolkit behind it.

/// The SimKube release whose crates (sk-api, and sk-store's trace parser in the parity tests)
/// this build matches. A macro so `--version`'s line can be built at compile time.
#[macro_export]
macro_rules! simkube_version {
    () => {
        "2.7.0"
    };
}

/// The SimKube release whose trace parser `trace validate` matches (a test checks Cargo.lock).
pub const SIMKUBE_VERSION: &str = simkube_version!();

pub mod app;
pub mod bench;
pub mod cache;
pub mod cli;
pub mod cluster;
pub mod commands;
pub mod error;
pub mod fsutil;
pub mod global;
pub mod line_reader;
pub mod mcp;
pub mod model;
pub mod output;
pub mod records;
pub mod redact;
pub mod scenario;
pub mod step;
pub mod trace;
