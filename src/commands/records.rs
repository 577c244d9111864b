//! `records check`: step.jsonl read as `report` reads it, and summary.json held against it.

use std::path::PathBuf;

use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::records::default_runs_dir;
use crate::records::jsonl::Runs;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)
    #[command(after_help = "Torn lines (a record cut short by a crash or a full disk) are skipped and \
named; they do not fail the check. Exit 1 when summary.json is missing, unreadable or disagrees with \
the records (unless --fix rewrote it), or when a line is no record at all.")]
    Check(CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Where the records are (default: <data dir>/kubectl-skstep/runs)
    #[arg(long, value_name = "DIR")]
    pub runs_dir: Option<PathBuf>,
    /// Rewrite summary.json from the records (atomically) when it does not agree
    #[arg(long)]
    pub fix: bool,
}

pub fn run(ctx: &Ctx, cmd: &Command) -> Result<()> {
    let Command::Check(args) = cmd;
    ctx.out.forbid_file("records check")?;
    let dir = match &args.runs_dir {
        Some(d) => d.clone(),
        None => default_runs_dir()?,
    };
    let runs = Runs::open_existing(&dir)?;
    let c = runs.check(args.fix)?;
    let problem = c.summary.problem(&runs.summary_path());
    if ctx.out.is_json() {
        ctx.out.json(&c);
    } else {
        println!("{}: {} records", runs.jsonl_path().display(), c.records);
        let torn = crate::records::jsonl::Read { records: vec![], torn: c.torn_lines.clone() };
        if let Some(w) = torn.torn_warning(&runs.jsonl_path()) {
            println!("  {w}");
        }
        match (&problem, c.fixed) {
            (None, _) => println!("{}: agrees with the records", runs.summary_path().display()),
            (Some(p), false) => println!("{p}"),
            (Some(p), true) => println!("{p}\n  rewritten from the records"),
        }
    }
    match problem {
        Some(p) if !c.fixed => Err(Error::bad_input(p, Some("kubectl skstep records check --fix".to_string()))),
        _ => Ok(()),
    }
}
