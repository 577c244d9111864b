//! One module per subcommand: `Args` (clap) and `run`.

pub mod cleanup;
pub mod completions;
pub mod doctor;
pub mod env;
pub mod logs;
pub mod observe;
/// `run --contexts`: not a subcommand of its own.
pub mod pool;
pub mod prep_ns;
pub mod report;
pub mod run;
pub mod trace;

use crate::cli::GlobalArgs;
use crate::output::Output;

/// What every command gets besides its own arguments.
pub struct Ctx {
    pub global: GlobalArgs,
    pub out: Output,
}

/// Runs a cluster command's future on a small runtime (the machine may have 2 cores).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(f)
}
