use std::path::PathBuf;

use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::trace::fix::fix;
use crate::trace::rules::{RULES, Rule, rule};

#[derive(Debug, clap::Args)]
#[command(after_help = "Removes what SimKube's own rules (skctl validate check: W0000, E0001-E0005) find, \
in every tracked pod template kind; everything else is kept byte for byte. Writes OUT atomically: \
on any error nothing is left at OUT.")]
pub struct Args {
    /// The trace (MessagePack)
    pub input: PathBuf,
    /// Fix only these rule codes (default: all of W0000 E0001 E0002 E0003 E0004 E0005)
    #[arg(long, num_args = 1.., value_name = "CODE", value_parser = parse_code)]
    pub only: Vec<&'static Rule>,
}

fn parse_code(s: &str) -> std::result::Result<&'static Rule, String> {
    rule(s).ok_or_else(|| {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        format!("unknown rule code `{s}`: expected one of {}", codes.join(", "))
    })
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let out_file = ctx.out.require_file("trace fix")?;
    super::require_input(&args.input)?;
    if out_file == args.input {
        return Err(Error::Usage {
            message: "trace fix: -o must differ from the input".into(),
            hint: Some("write to a new file, e.g. -o FIXED.msgpack".into()),
        });
    }
    let rules: Vec<&'static Rule> = if args.only.is_empty() { RULES.to_vec() } else { args.only.clone() };
    let o = fix(&args.input, &out_file, &rules)?;
    if ctx.out.is_json() {
        ctx.out.json(&o);
        return Ok(());
    }
    let total: usize = o.fixed.values().sum();
    println!(
        "fixed {} -> {}: {total} finding(s) in {} object(s) of {} event(s) ({} events unchanged, copied byte for byte)",
        args.input.display(),
        out_file.display(),
        o.objects_changed,
        o.events_changed,
        o.events - o.events_changed
    );
    for (code, n) in &o.fixed {
        let name = rule(code).map_or("", |r| r.name);
        println!("  {code} {name}: {n}");
    }
    if !o.index_updated.is_empty() {
        let more = o.index_updated.len().saturating_sub(3);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        println!(
            "  index: recomputed {} spec hash(es): {}{more}",
            o.index_updated.len(),
            o.index_updated.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
        );
    }
    Ok(())
}
