use serde::Serialize;

use crate::commands::Ctx;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {}

/// The crate version, the commit it was built from ("unknown" outside a git checkout), the target
/// it was built for, and the SimKube release whose trace parser `trace validate` matches.
#[derive(Debug, Serialize)]
pub struct Version {
    pub version: &'static str,
    pub commit: &'static str,
    pub target: &'static str,
    pub simkube: &'static str,
}

pub const VERSION: Version = Version {
    version: env!("CARGO_PKG_VERSION"),
    commit: env!("SKSTEP_GIT_COMMIT"),
    target: env!("SKSTEP_TARGET"),
    simkube: crate::SIMKUBE_VERSION,
};

/// `--version`'s line (clap prints "kubectl-skstep " before it).
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("SKSTEP_GIT_COMMIT"),
    ", ",
    env!("SKSTEP_TARGET"),
    "; SimKube ",
    crate::simkube_version!(),
    " trace parser)"
);

pub fn run(ctx: &Ctx, _args: &Args) -> Result<()> {
    ctx.out.forbid_file("version")?;
    if ctx.out.is_json() {
        ctx.out.json(&VERSION);
    } else {
        println!("kubectl-skstep {}", VERSION.version);
        println!("  commit:  {}", VERSION.commit);
        println!("  target:  {}", VERSION.target);
        println!("  simkube: {} (its trace parser is the one `trace validate` matches)", VERSION.simkube);
    }
    Ok(())
}
