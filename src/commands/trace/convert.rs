use std::path::PathBuf;

use crate::commands::Ctx;
use crate::error::Result;
use crate::trace::convert::{Format, convert, sniff};

#[derive(Debug, clap::Args)]
#[command(after_help = "Lossless both ways. Where JSON cannot say what MessagePack does (pod_lifecycles keyed by \
[gvk, \"ns/name\"] arrays, integer keys, binary), a reversible convention is used: \
{\"$map\": [[key, value], ...]}, {\"$bin\": base64}, {\"$ext\": [type, base64]}, {\"$bytes\": base64}, {\"$f32\": n}.")]
pub struct Args {
    /// The trace (MessagePack or JSON; detected from its content)
    pub input: PathBuf,
    /// Output format (default: the other one)
    #[arg(long, value_enum)]
    pub to: Option<To>,
    /// Indent JSON output
    #[arg(long)]
    pub pretty: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum To {
    Json,
    Msgpack,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let out_file = ctx.out.require_file("trace convert")?;
    super::require_input(&args.input)?;
    let to = match args.to {
        Some(To::Json) => Format::Json,
        Some(To::Msgpack) => Format::Msgpack,
        None => match sniff(&args.input)? {
            Format::Json => Format::Msgpack,
            Format::Msgpack => Format::Json,
        },
    };
    let o = convert(&args.input, &out_file, to, args.pretty)?;
    if ctx.out.is_json() {
        ctx.out.json(&o);
    } else {
        println!(
            "converted {} ({:?}) -> {} ({:?}): {} events",
            args.input.display(),
            o.from,
            out_file.display(),
            o.to,
            o.events
        );
    }
    Ok(())
}
