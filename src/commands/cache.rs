use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::cache::Store;
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::fsutil::sha256_file;

#[derive(Debug, clap::Args)]
#[command(after_help = "The transition cache that `run`, `env` and the Python envs fill with --cache DIR: one \
file per key under DIR/entries (a settled observation and everything it depends on), the traces simulated \
under DIR/traces, poisoned keys (they disagreed once with a real simulation: never served again) under \
DIR/poisoned, and every disagreement in DIR/disagreements.jsonl.")]
pub struct Args {
    #[command(subcommand)]
    pub op: Op,
}

#[derive(Debug, clap::Subcommand)]
pub enum Op {
    /// Entries, traces, poisoned keys and disagreements, and what they take on disk
    Stats(Dir),
    /// Check every entry: it parses, its name is the key of its parts, its trace is there with
    /// that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)
    Verify(Dir),
    /// Remove everything the cache holds (entries, traces, poison marks, the log)
    Clear(Dir),
}

#[derive(Debug, clap::Args)]
pub struct Dir {
    /// The cache folder (as given to --cache)
    #[arg(long, value_name = "DIR")]
    pub cache: PathBuf,
}

#[derive(Debug, Serialize)]
struct Stats {
    dir: PathBuf,
    entries: usize,
    traces: usize,
    poisoned: usize,
    disagreements: usize,
    bytes: u64,
    /// Entries by the context that stored them.
    by_context: BTreeMap<String, usize>,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    ctx.out.forbid_file("cache")?;
    match &args.op {
        Op::Stats(d) => stats(ctx, &Store::open_existing(&d.cache)?),
        Op::Verify(d) => verify(ctx, &Store::open_existing(&d.cache)?),
        Op::Clear(d) => {
            let store = Store::open_existing(&d.cache)?;
            let before = count(&store)?;
            store.clear()?;
            if ctx.out.is_json() {
                ctx.out.json(&serde_json::json!({ "dir": d.cache, "removed": before }));
            } else {
                println!(
                    "removed {} entries, {} traces, {} poisoned keys, {} disagreements from {}",
                    before.entries,
                    before.traces,
                    before.poisoned,
                    before.disagreements,
                    d.cache.display()
                );
            }
            Ok(())
        }
    }
}

fn count(store: &Store) -> Result<Stats> {
    let files = store.entry_files()?;
    let mut by_context = BTreeMap::new();
    let mut bytes = 0;
    for f in &files {
        bytes += std::fs::metadata(f).map_err(|e| Error::io(f, e))?.len();
        if let Some(e) = store.read_entry(f)? {
            *by_context.entry(e.context).or_default() += 1;
        }
    }
    let traces_dir = store.dir().join("traces");
    let mut traces = 0;
    if let Ok(rd) = std::fs::read_dir(&traces_dir) {
        for e in rd {
            let p = e.map_err(|e| Error::io(&traces_dir, e))?.path();
            if p.extension().is_some_and(|x| x == "msgpack") {
                traces += 1;
                bytes += std::fs::metadata(&p).map_err(|e| Error::io(&p, e))?.len();
            }
        }
    }
    Ok(Stats {
        dir: store.dir().into(),
        entries: files.len(),
        traces,
        poisoned: store.poisoned_keys()?.len(),
        disagreements: store.disagreements()?.len(),
        bytes,
        by_context,
    })
}

fn stats(ctx: &Ctx, store: &Store) -> Result<()> {
    let s = count(store)?;
    if ctx.out.is_json() {
        ctx.out.json(&s);
        return Ok(());
    }
    println!("cache: {}", s.dir.display());
    println!("entries: {}", s.entries);
    for (c, n) in &s.by_context {
        println!("  stored from {c}: {n}");
    }
    println!("traces: {}", s.traces);
    println!("poisoned keys: {}", s.poisoned);
    println!("disagreements: {}", s.disagreements);
    println!("size: {} bytes", s.bytes);
    Ok(())
}

fn verify(ctx: &Ctx, store: &Store) -> Result<()> {
    let mut broken = vec![];
    let files = store.entry_files()?;
    for f in &files {
        let problem = match store.read_entry(f) {
            Err(e) => Some(e.to_string()),
            Ok(None) => None,
            Ok(Some(e)) => {
                let tp = store.trace_path(&e.parts.trace_sha256);
                if f.file_stem().and_then(|s| s.to_str()) != Some(e.parts.key().as_str()) || e.key != e.parts.key() {
                    Some(format!("{}: its name is not the key of the parts it holds", f.display()))
                } else if !tp.exists() {
                    Some(format!("{}: its trace {} is missing", f.display(), tp.display()))
                } else if sha256_file(&tp)? != e.parts.trace_sha256 {
                    Some(format!("{}: sha256 differs from the name", tp.display()))
                } else {
                    None
                }
            }
        };
        broken.extend(problem);
    }
    let poisoned = store.poisoned_keys()?;
    let log = store.disagreements()?;
    if ctx.out.is_json() {
        ctx.out.json(&serde_json::json!({
            "entries": files.len(), "broken": broken, "poisoned": poisoned, "disagreements": log,
        }));
    } else {
        println!("{} entries checked, {} broken", files.len(), broken.len());
        for b in &broken {
            println!("  ✗ {b}");
        }
        println!("{} poisoned keys (never served again)", poisoned.len());
        for d in &log {
            println!(
                "  {} {} ({}, {}): {}",
                d.at,
                &d.key[..d.key.len().min(12)],
                d.context,
                d.sim_name,
                d.diff.join(", ")
            );
        }
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(Error::CheckFailed(format!(
            "{} broken cache entries in {}; remove them or run `kubectl skstep cache clear --cache {}`",
            broken.len(),
            store.dir().display(),
            store.dir().display()
        )))
    }
}
