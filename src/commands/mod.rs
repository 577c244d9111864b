//! One module per subcommand: `Args` (clap) and `run`.

pub mod bench;
pub mod cache;
pub mod cleanup;
pub mod completions;
pub mod doctor;
pub mod env;
pub mod logs;
pub mod mcp;
pub mod observe;
/// `run --contexts`: not a subcommand of its own.
pub mod pool;
pub mod prep_ns;
pub mod records;
pub mod report;
pub mod run;
pub mod scenario;
pub mod sim_args;
pub mod trace;
pub mod version;

use crate::error::{Error, Result};
use crate::global::GlobalArgs;
use crate::output::Output;

/// What every command gets besides its own arguments.
pub struct Ctx {
    pub global: GlobalArgs,
    pub out: Output,
}

/// A namespace given twice (a command's own flag and `-n`) must agree: `-n` means one thing.
pub fn one_namespace(flag: &str, own: Option<&str>, n: Option<&str>) -> Result<Option<String>> {
    match (own, n) {
        (Some(a), Some(b)) if a != b => Err(Error::usage(
            format!("{flag} {a} and -n {b} name different namespaces; here -n is the same as {flag}"),
            Some("give one of them, or the same namespace to both".to_string()),
        )),
        (a, b) => Ok(a.or(b).map(str::to_string)),
    }
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
