use std::path::PathBuf;

use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::trace::rebase::{Spec, TimelineStats, rebase};
use crate::trace::time::{fmt_span, fmt_ts, now, parse_duration, parse_start};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Order is kept and no timestamp goes negative. Pod lifecycle timestamps move with the events.\n\
Example: kubectl skstep trace rebase far-future.msgpack -o fixed.msgpack --max-gap 10s"
)]
pub struct Args {
    /// The trace (MessagePack)
    pub input: PathBuf,
    /// Where the first event goes: 0, now, a Unix timestamp or an RFC 3339 time
    #[arg(long)]
    pub start: Option<String>,
    /// Scale all gaps so the trace lasts this long (e.g. 60s)
    #[arg(long, value_parser = parse_duration)]
    pub span: Option<i64>,
    /// Clamp each idle gap between events to at most this (e.g. 30s)
    #[arg(long, value_parser = parse_duration)]
    pub max_gap: Option<i64>,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let out_file = ctx.out.require_file("trace rebase")?;
    super::require_input(&args.input)?;
    let start = args
        .start
        .as_deref()
        .map(|s| parse_start(s, now()))
        .transpose()
        .map_err(|e| Error::usage(format!("--start: {e}"), None))?;
    if args.start.is_none() && args.span.is_none() && args.max_gap.is_none() {
        return Err(Error::usage("nothing to do: give --start, --span and/or --max-gap", None));
    }
    let o = rebase(&args.input, &out_file, &Spec { start, span: args.span, max_gap: args.max_gap })?;
    if ctx.out.is_json() {
        ctx.out.json(&o);
        return Ok(());
    }
    let line = |label: &str, t: &TimelineStats| {
        println!(
            "  {label}: {} events, {} .. {}, span {}, largest gap {}",
            t.events,
            t.first_ts.map_or("-".into(), fmt_ts),
            t.last_ts.map_or("-".into(), fmt_ts),
            fmt_span(t.span_s),
            fmt_span(t.largest_gap_s)
        )
    };
    println!("rebased {} -> {}", args.input.display(), out_file.display());
    line("before", &o.before);
    line("after ", &o.after);
    if o.lifecycle_timestamps > 0 {
        println!("  moved {} pod lifecycle timestamps with the events", o.lifecycle_timestamps);
    }
    Ok(())
}
