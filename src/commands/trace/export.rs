use std::path::PathBuf;

use sk_api::v1::{ExportFilters, ExportRequest};

use crate::cluster::client::connect;
use crate::cluster::tracer::{DEFAULT_EXCLUDED, Timeouts, export};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;
use crate::trace::time::{fmt_ts, now, parse_duration, parse_start};
use crate::trace::validate::{Options, scan};

#[derive(Debug, clap::Args)]
#[command(after_help = "Reaches sk-tracer through --tracer URL, or Service sk-tracer-svc in namespace simkube via a \
port-forward this command makes itself. Sends sk-api's ExportRequest (start_ts, end_ts, export_path, filters). \
The result is validated; the default output goes under the user's data directory.")]
pub struct Args {
    /// Export this much recent history (e.g. 30m)
    #[arg(long, value_parser = parse_duration, conflicts_with_all = ["start", "end"])]
    pub since: Option<i64>,
    /// Start: Unix time, RFC 3339, or now
    #[arg(long)]
    pub start: Option<String>,
    /// End: Unix time, RFC 3339, or now (default now)
    #[arg(long)]
    pub end: Option<String>,
    /// Namespaces to leave out (comma-separated; repeatable). Default: the system ones
    #[arg(long = "exclude-ns", value_delimiter = ',')]
    pub exclude_ns: Vec<String>,
    /// sk-tracer's address, e.g. http://localhost:7777 (default: through the cluster)
    #[arg(long, env = "SKSTEP_TRACER_URL")]
    pub tracer: Option<String>,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(run_async(ctx, args))
}

async fn run_async(ctx: &Ctx, args: &Args) -> Result<()> {
    let t_now = now();
    let end = args
        .end
        .as_deref()
        .map(|s| parse_start(s, t_now))
        .transpose()
        .map_err(|e| Error::usage(e, None))?
        .unwrap_or(t_now);
    let start = match (&args.start, args.since) {
        (Some(s), _) => parse_start(s, t_now).map_err(|e| Error::usage(e, None))?,
        (None, Some(since)) => end - since,
        (None, None) => end - 30 * 60,
    };
    if start > end {
        return Err(Error::usage(format!("--start {} is after --end {}", fmt_ts(start), fmt_ts(end)), None));
    }
    let excluded = if args.exclude_ns.is_empty() {
        DEFAULT_EXCLUDED.iter().map(|s| s.to_string()).collect()
    } else {
        args.exclude_ns.clone()
    };
    let out_file = match &ctx.out.file {
        Some(f) => f.clone(),
        None => default_path(t_now)?,
    };
    let req = ExportRequest::new(
        start,
        end,
        "file:///skstep-export.sktrace".into(),
        ExportFilters::new(excluded.clone(), vec![]),
    );
    let cluster = match &args.tracer {
        Some(_) => None,
        None => Some(connect(&ctx.global).await?),
    };
    // Ctrl-C/SIGTERM while the tracer answers: drop the request and its port-forward, write nothing.
    let mut interrupts = crate::step::interrupt::Interrupts::from_signals();
    let data = tokio::select! {
        r = export(cluster.as_ref().map(|c| &c.client), args.tracer.as_deref(), &req, Timeouts::EXPORT) => r?,
        _ = interrupts.next() => return Err(Error::Interrupted),
    };
    if data.is_empty() {
        return Err(Error::Cluster { message: "sk-tracer returned an empty body".into(), hint: None });
    }
    let mut out = AtomicOut::create(&out_file)?;
    std::io::Write::write_all(out.writer(), &data).map_err(|e| out.io(e))?;
    out.commit()?;

    let (report, summary) = scan(&out_file, &Options { max_gap: 3600, now: t_now })?;
    let workloads = summary.kinds.iter().filter(|(k, _)| !k.ends_with(".Pod")).map(|(_, n)| n).sum::<usize>();
    let mut warnings: Vec<String> =
        report.warnings.iter().map(|w| format!("{}: {}", w.finding.path, w.finding.message)).collect();
    if summary.events == 0 {
        warnings.push("the trace is empty: no events between start and end".into());
    } else if workloads == 0 {
        warnings.push("the trace holds no workloads (check --exclude-ns and the tracer's config)".into());
    }
    if ctx.out.is_json() {
        ctx.out.json(&serde_json::json!({
            "file": out_file, "bytes": data.len(), "start_ts": start, "end_ts": end, "excluded_namespaces": excluded,
            "events": summary.events, "objects": summary.applied_objects, "namespaces": summary.namespaces,
            "parses": report.parses, "warnings": warnings,
        }));
    } else {
        println!("exported {} .. {} ({} bytes) -> {}", fmt_ts(start), fmt_ts(end), data.len(), out_file.display());
        println!(
            "  events {}, objects {}, namespaces: {}",
            summary.events,
            summary.applied_objects,
            summary.namespaces.keys().cloned().collect::<Vec<_>>().join(", ")
        );
        for w in &warnings {
            println!("  ! {w}");
        }
    }
    if !report.parses {
        return Err(Error::CheckFailed(format!(
            "{}: the exported trace would not parse in SimKube",
            out_file.display()
        )));
    }
    Ok(())
}

fn default_path(t: i64) -> Result<PathBuf> {
    let dir = dirs::data_dir()
        .ok_or_else(|| Error::usage("no user data directory; pass -o FILE", None))?
        .join("kubectl-skstep")
        .join("exports");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    Ok(dir.join(format!("trace-{t}.sktrace")))
}
