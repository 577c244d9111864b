//! One module per subcommand: `Args` (clap) and `run`.

pub mod completions;
pub mod trace;

use crate::cli::GlobalArgs;
use crate::output::Output;

/// What every command gets besides its own arguments.
pub struct Ctx {
    pub global: GlobalArgs,
    pub out: Output,
}
