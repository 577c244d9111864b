use std::path::PathBuf;

use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::trace::time::{now, parse_duration};
use crate::trace::validate::{Options, Report, scan};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The trace file (MessagePack)
    pub file: PathBuf,
    /// Treat warnings as failures (exit 1)
    #[arg(long)]
    pub strict: bool,
    /// Longest gap between events (and trace span) that draws no warning
    #[arg(long, default_value = "1h", value_parser = parse_duration)]
    pub max_gap: i64,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    ctx.out.forbid_file("trace validate")?;
    super::require_input(&args.file)?;
    let (report, _) = scan(&args.file, &Options { max_gap: args.max_gap, now: now() })?;
    if ctx.out.is_json() {
        ctx.out.json(&report);
    } else {
        print_report(&report);
    }
    verdict(&report, args.strict)
}

pub fn verdict(report: &Report, strict: bool) -> Result<()> {
    if !report.parses {
        return Err(Error::CheckFailed(format!("{}: SimKube would refuse this trace", report.file)));
    }
    if strict && !report.warnings.is_empty() {
        return Err(Error::CheckFailed(format!("{}: {} warning(s) with --strict", report.file, report.warnings.len())));
    }
    Ok(())
}

pub fn print_report(report: &Report) {
    if report.parses {
        println!("✓ {}: SimKube 2.7 parses this trace ({} warning(s))", report.file, report.warnings.len());
    } else {
        println!("✗ {}: SimKube 2.7 would refuse this trace (`could not parse trace file`)", report.file);
    }
    for f in &report.rejections {
        println!("  ✗ {}: {}", f.path, f.message);
        if let Some(fix) = &f.fix {
            println!("      fix: {fix}");
        }
    }
    for w in &report.warnings {
        let more = if w.count > 1 { format!(" (and {} more like it)", w.count - 1) } else { String::new() };
        println!("  ! {}: {}{more}", w.finding.path, w.finding.message);
        if let Some(fix) = &w.finding.fix {
            println!("      fix: {fix}");
        }
    }
}
