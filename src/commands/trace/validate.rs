use std::path::PathBuf;

use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::trace::rules::Severity;
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
    if report.rule_errors() > 0 {
        return Err(Error::CheckFailed(format!(
            "{}: the trace would play out with missing pods ({} finding(s) of SimKube's own rules)",
            report.file,
            report.rule_errors()
        )));
    }
    let warnings = report.warnings.len() + report.rule_warnings();
    if strict && warnings > 0 {
        return Err(Error::CheckFailed(format!("{}: {warnings} warning(s) with --strict", report.file)));
    }
    Ok(())
}

pub fn print_report(report: &Report) {
    if report.parses {
        let warnings = report.warnings.len() + report.rule_warnings();
        println!("✓ {}: SimKube 2.7 parses this trace ({warnings} warning(s))", report.file);
        if report.rule_errors() > 0 {
            println!(
                "✗ {}: but it would play out with missing pods ({} finding(s) of SimKube's own rules, skctl's codes)",
                report.file,
                report.rule_errors()
            );
        }
    } else {
        println!("✗ {}: SimKube 2.7 would refuse this trace (`could not parse trace file`)", report.file);
    }
    for f in &report.rejections {
        println!("  ✗ {}: {}", f.path, f.message);
        if let Some(fix) = &f.fix {
            println!("      fix: {fix}");
        }
    }
    print_findings(report);
    for w in &report.warnings {
        let more = if w.count > 1 { format!(" (and {} more like it)", w.count - 1) } else { String::new() };
        println!("  ! {}: {}{more}", w.finding.path, w.finding.message);
        if let Some(fix) = &w.finding.fix {
            println!("      fix: {fix}");
        }
    }
}

/// SimKube's own rules: per code, the first few findings and the fix.
pub fn print_findings(report: &Report) {
    const SHOWN: usize = 3;
    for (code, n) in &report.rule_counts {
        let Some(rule) = crate::trace::rules::rule(code) else { continue };
        let mark = if rule.severity == Severity::Error { "✗" } else { "!" };
        println!("  {mark} {code} {}: {n} finding(s)", rule.name);
        let listed: Vec<_> = report.findings.iter().filter(|f| f.code == *code).collect();
        for f in listed.iter().take(SHOWN) {
            println!("      {} ({}): {}", f.path, f.object, f.message);
        }
        if *n > SHOWN {
            let listed = if *n > crate::trace::validate::MAX_LISTED {
                format!("the first {}", crate::trace::validate::MAX_LISTED)
            } else {
                "them".to_string()
            };
            println!("      … and {} more (`-o json` lists {listed})", n - SHOWN);
        }
        println!("      fix: run `{} --only {code}`", crate::trace::rules::FIX_CMD);
    }
}
