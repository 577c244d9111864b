use std::path::PathBuf;

use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::trace::new::{FromFlags, deployment_from_flags, deployment_from_manifest, write_trace};
use crate::trace::time::{fmt_ts, now, parse_start};

#[derive(Debug, clap::Args)]
#[command(after_help = "A version-2 trace SimKube 2.7 plays: one event applying the Deployment, SimKube's config \
for it, its index, no pod lifecycles. Writes OUT atomically.\n\
Examples:\n  kubectl skstep trace new -o web.msgpack --deploy web --replicas 3 --cpu 500m --mem 512Mi\n  \
kubectl create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml > web.yaml\n  \
kubectl skstep trace new -o web.msgpack -f web.yaml")]
pub struct Args {
    /// The Deployment's name (its pods are labelled app=NAME); its namespace is -n (default `default`)
    #[arg(long, value_name = "NAME", required_unless_present = "filename")]
    pub deploy: Option<String>,
    /// Take the Deployment from a manifest (YAML or JSON, as `kubectl create deployment --dry-run=client -o yaml` prints)
    #[arg(short = 'f', long, value_name = "FILE", conflicts_with_all = ["deploy", "replicas", "cpu", "mem", "image"])]
    pub filename: Option<PathBuf>,
    /// Replicas (0..=2147483647: spec.replicas is an int32)
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(..=i64::from(i32::MAX)))]
    pub replicas: u32,
    /// CPU request of its container
    #[arg(long, default_value = "500m")]
    pub cpu: String,
    /// Memory request of its container
    #[arg(long, default_value = "512Mi")]
    pub mem: String,
    /// Container image (KWOK's fake nodes never pull it)
    #[arg(long, default_value = "nginx:1.27")]
    pub image: String,
    /// The event's time: now, 0, a Unix timestamp or an RFC 3339 time
    #[arg(long, default_value = "now")]
    pub at: String,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let out_file = ctx.out.require_file("trace new")?;
    let ts = parse_start(&args.at, now()).map_err(|e| Error::usage(format!("--at: {e}"), None))?;
    let namespace = ctx.global.namespace.as_deref();
    let deployment = match (&args.filename, &args.deploy) {
        (Some(f), _) => deployment_from_manifest(f, namespace)?,
        (None, Some(name)) => deployment_from_flags(&FromFlags {
            name,
            namespace: namespace.unwrap_or("default"),
            replicas: args.replicas,
            cpu: &args.cpu,
            memory: &args.mem,
            image: &args.image,
        })?,
        (None, None) => return Err(Error::usage("give --deploy NAME or -f MANIFEST", None)),
    };
    let o = write_trace(&out_file, &deployment, ts)?;
    if ctx.out.is_json() {
        ctx.out.json(&o);
        return Ok(());
    }
    println!("wrote {} (version 2): 1 event at {} ({})", o.output, fmt_ts(o.ts), o.ts);
    println!(
        "  deployment: {}/{}: replicas {}, cpu {}, memory {}, image {}",
        o.namespace,
        o.name,
        o.replicas,
        o.cpu.as_deref().unwrap_or("(no request)"),
        o.memory.as_deref().unwrap_or("(no request)"),
        o.image.as_deref().unwrap_or("-")
    );
    println!("  tracked:    {}", o.tracked.join(", "));
    println!("  its pods will land in {} when SimKube plays the trace", o.virtual_namespace);
    Ok(())
}
