use std::path::PathBuf;

use serde::Serialize;

use crate::commands::Ctx;
use crate::error::Result;
use crate::trace::time::{fmt_duration, fmt_ts, now};
use crate::trace::validate::{Deployment, Options, Report, Summary, scan};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The trace file (MessagePack)
    pub file: PathBuf,
    /// Say where this Deployment appears and which virtual namespace its pods will land in
    #[arg(long, value_name = "NAME")]
    pub deploy: Option<String>,
    /// SimKube's virtual namespace prefix (the Simulation's virtualNsPrefix)
    #[arg(long, default_value = "virtual")]
    pub virtual_prefix: String,
}

#[derive(Serialize)]
struct Doc<'a> {
    file: String,
    summary: &'a Summary,
    verdict: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    deploy: Option<&'a DeployFinding>,
}

#[derive(Serialize)]
struct DeployFinding {
    name: String,
    found: bool,
    matches: Vec<Placement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
}

#[derive(Serialize)]
struct Placement {
    namespace: String,
    virtual_namespace: String,
    #[serde(flatten)]
    deployment: Deployment,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    ctx.out.forbid_file("trace inspect")?;
    super::require_input(&args.file)?;
    let (report, summary) = scan(&args.file, &Options { max_gap: 3600, now: now() })?;
    let deploy = args.deploy.as_ref().map(|name| {
        let matches: Vec<Placement> = summary
            .deployments
            .values()
            .filter(|d| &d.name == name)
            .map(|d| Placement {
                namespace: d.namespace.clone(),
                virtual_namespace: format!("{}-{}", args.virtual_prefix, if d.namespace.is_empty() { "default" } else { &d.namespace }),
                deployment: d.clone(),
            })
            .collect();
        let warning = matches.is_empty().then(|| {
            let ns: Vec<&str> = summary.namespaces.keys().map(String::as_str).collect();
            format!(
                "the trace has no Deployment {name:?}: a simulation of it will create no {name} pods. Namespaces in the trace: {}",
                if ns.is_empty() { "none".into() } else { ns.join(", ") }
            )
        });
        DeployFinding { name: name.clone(), found: !matches.is_empty(), matches, warning }
    });
    if ctx.out.is_json() {
        ctx.out.json(&Doc {
            file: args.file.display().to_string(),
            summary: &summary,
            verdict: &report,
            deploy: deploy.as_ref(),
        });
    } else {
        print_text(&args.file, &summary, &report, deploy.as_ref());
    }
    // What SimKube cannot read is no trace: shown above, and a failure (a map of other things, a
    // legacy trace, one with a broken field).
    if let (false, Some(f)) = (report.parses, report.rejections.first()) {
        return Err(crate::error::Error::bad_input(
            format!("{}: not a trace SimKube 2.7 reads: {}: {}", args.file.display(), f.path, f.message),
            Some(f.fix.clone().unwrap_or_else(|| {
                format!(
                    "`kubectl skstep trace validate {}` lists every reason; `trace upgrade` turns a legacy trace into one",
                    args.file.display()
                )
            })),
        ));
    }
    match deploy {
        Some(d) if !d.found => Err(crate::error::Error::CheckFailed(d.warning.unwrap_or_default())),
        _ => Ok(()),
    }
}

fn print_text(file: &std::path::Path, s: &Summary, report: &Report, deploy: Option<&DeployFinding>) {
    println!("{}", file.display());
    println!("  version:     {}", s.version.map_or("?".into(), |v| v.to_string()));
    println!(
        "  parses:      {}",
        if report.parses {
            "yes (SimKube 2.7)".to_string()
        } else {
            format!("NO: {}", report.rejections.first().map_or(String::new(), |f| format!("{}: {}", f.path, f.message)))
        }
    );
    println!("  events:      {} ({} applied, {} deleted objects)", s.events, s.applied_objects, s.deleted_objects);
    if let (Some(a), Some(b)) = (s.first_ts, s.last_ts) {
        println!("  first event: {} ({a})", fmt_ts(a));
        println!("  last event:  {} ({b})", fmt_ts(b));
        println!("  span:        {}", fmt_duration(b - a));
    }
    let list = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter().map(|(k, v)| format!("{k} ({v})")).collect::<Vec<_>>().join(", ")
    };
    println!("  namespaces:  {}", if s.namespaces.is_empty() { "none".into() } else { list(&s.namespaces) });
    println!("  kinds:       {}", list(&s.kinds));
    if s.deployments.is_empty() {
        println!("  deployments: none");
    } else {
        println!("  deployments:");
        for (k, d) in &s.deployments {
            println!(
                "    {k}: replicas {}, cpu {}, memory {} ({} applied, {} deleted)",
                d.replicas.map_or("-".into(), |r| r.to_string()),
                d.cpu_request.as_deref().unwrap_or("-"),
                d.memory_request.as_deref().unwrap_or("-"),
                d.occurrences.len(),
                d.deleted
            );
        }
    }
    println!("  tracked:");
    for (gvk, c) in &s.tracked {
        println!(
            "    {gvk}: paths {:?}{}{}",
            c.effective_paths().unwrap_or_default(),
            if c.track_lifecycle { ", lifecycles" } else { "" },
            if c.skip_owned { ", skip owned" } else { "" }
        );
    }
    println!("  index:       {} objects", s.index_entries);
    println!("  lifecycles:  {} owners", s.lifecycle_owners.len());
    for o in &s.lifecycle_owners {
        println!("    {} {}: {} pods", o.gvk, o.owner, o.pods);
    }
    if !s.extra_keys.is_empty() {
        println!("  extra keys:  {} (ignored by SimKube)", s.extra_keys.join(", "));
    }
    if let Some(d) = deploy {
        match &d.warning {
            Some(w) => println!("  ! {w}"),
            None => {
                for m in &d.matches {
                    println!(
                        "  deployment {}: in namespace {} at {}; its pods will land in {}",
                        d.name,
                        if m.namespace.is_empty() { "(none)" } else { &m.namespace },
                        m.deployment.occurrences.join(", "),
                        m.virtual_namespace
                    );
                }
            }
        }
    }
    if !report.warnings.is_empty() {
        println!("  warnings:    {} (run `kubectl skstep trace validate` for details)", report.warnings.len());
    }
}
