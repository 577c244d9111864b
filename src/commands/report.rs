use std::path::PathBuf;

use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::records::default_runs_dir;
use crate::records::report::{build, load, svg};

#[derive(Debug, clap::Args)]
#[command(after_help = "Reads <runs dir>/step.jsonl (as `run` and the Gymnasium env write it) and draws the \
return per episode, the reward per step, and ready/pending/total against the target over the steps of each \
episode into an SVG (-o FILE, default <runs dir>/report.svg); prints a short summary (-o json: as JSON).")]
pub struct Args {
    /// Where the records are (default: <data dir>/kubectl-skstep/runs)
    #[arg(long, value_name = "DIR")]
    pub runs_dir: Option<PathBuf>,
    /// Draw these bench results documents side by side instead (-o FILE, default bench-compare.svg)
    #[arg(long, value_name = "RESULTS", num_args = 1.., conflicts_with = "runs_dir")]
    pub bench: Vec<PathBuf>,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if !args.bench.is_empty() {
        return bench(ctx, &args.bench);
    }
    let dir = match &args.runs_dir {
        Some(d) => d.clone(),
        None => default_runs_dir()?,
    };
    let report = build(&load(&dir)?);
    let out = ctx.out.file.clone().unwrap_or_else(|| dir.join("report.svg"));
    write_svg(&out, &svg(&report)?)?;
    if ctx.out.is_json() {
        ctx.out.json(&serde_json::json!({ "svg": out, "report": report }));
    } else {
        print!("{}", report.summary());
        println!("svg: {}", out.display());
    }
    Ok(())
}

fn write_svg(out: &std::path::Path, text: &str) -> Result<()> {
    let mut f = crate::fsutil::AtomicOut::create(out)?;
    std::io::Write::write_all(f.writer(), text.as_bytes()).map_err(|e| Error::io(out, e))?;
    f.commit()
}

/// `report --bench a.json b.json`: the comparison of bench results as an SVG.
fn bench(ctx: &Ctx, files: &[PathBuf]) -> Result<()> {
    let docs =
        files.iter().map(|p| Ok((p.clone(), crate::bench::results::Document::read(p)?))).collect::<Result<Vec<_>>>()?;
    let out = ctx.out.file.clone().unwrap_or_else(|| PathBuf::from("bench-compare.svg"));
    write_svg(&out, &crate::bench::plot::svg(&docs)?)?;
    if ctx.out.is_json() {
        ctx.out.json(&serde_json::json!({ "svg": out }));
    } else {
        println!("svg: {}", out.display());
    }
    Ok(())
}
