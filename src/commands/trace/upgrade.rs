use std::path::PathBuf;

use crate::commands::Ctx;
use crate::error::Result;
use crate::trace::upgrade::upgrade;

#[derive(Debug, clap::Args)]
#[command(after_help = "Writes OUT atomically: on any error nothing is left at OUT.")]
pub struct Args {
    /// The legacy trace (MessagePack)
    pub input: PathBuf,
    /// Drop top-level keys SimKube ignores (sim-arena's `metadata`); kept by default
    #[arg(long)]
    pub drop_extra: bool,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let out_file = ctx.out.require_file("trace upgrade")?;
    super::require_input(&args.input)?;
    let o = upgrade(&args.input, &out_file, args.drop_extra)?;
    if ctx.out.is_json() {
        ctx.out.json(&o);
        return Ok(());
    }
    println!(
        "upgraded {} (version {}) -> {} (version 2): {} events, {} objects unchanged",
        args.input.display(),
        o.input_version.map_or("?".into(), |v| v.to_string()),
        out_file.display(),
        o.events,
        o.objects
    );
    if !o.built.is_empty() {
        println!("  built:   {}", o.built.join(", "));
    }
    println!("  tracked: {}", if o.tracked.is_empty() { "nothing".into() } else { o.tracked.join(", ") });
    for c in &o.config_changes {
        println!("  config:  {c}");
    }
    if !o.kept_extra.is_empty() {
        println!("  kept:    {} (ignored by SimKube; --drop-extra removes)", o.kept_extra.join(", "));
    }
    if !o.dropped_extra.is_empty() {
        println!("  dropped: {}", o.dropped_extra.join(", "));
    }
    Ok(())
}
