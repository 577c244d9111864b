//! Everything a step needs, checked before it costs a simulation; each failure names the fix.

use std::path::{Path, PathBuf};

use crate::cluster::prep::{Staged, load_staged};
use crate::cluster::simulation as sim;
use crate::error::{Error, Result};
use crate::trace::time::{fmt_duration, now};
use crate::trace::validate::{Options as ValidateOptions, Summary, scan};

/// What a step is about to run.
pub struct Check<'a> {
    pub context: &'a str,
    pub ns: &'a str,
    pub trace: &'a Path,
    pub deploy: &'a str,
    pub duration_s: i64,
    pub force: bool,
    pub virtual_ns_prefix: &'a str,
}

/// What preflight found.
#[derive(Debug, Clone)]
pub struct Ready {
    pub staged: Staged,
    /// Where the driver will create the Deployment's pods.
    pub virtual_ns: String,
}

pub async fn preflight(client: &kube::Client, c: &Check<'_>) -> Result<Ready> {
    if !sim::crd_installed(client).await? {
        return Err(Error::bad_input(
            "the Simulation CRD (simulations.simkube.io) is not installed in this cluster".to_string(),
            Some("install SimKube (https://simkube.dev), or check --context".into()),
        ));
    }
    let staged = load_staged(c.context, c.ns)?.ok_or_else(|| not_prepared(c.ns, c.trace))?;
    let (report, summary) = scan(c.trace, &ValidateOptions { max_gap: i64::MAX, now: now() })?;
    if !report.parses {
        let f = report.rejections.first().map(|f| format!("{}: {}", f.path, f.message));
        return Err(Error::bad_input(
            format!(
                "{}: SimKube would refuse this trace ({})",
                c.trace.display(),
                f.as_deref().unwrap_or("no reason given")
            ),
            Some(format!("kubectl skstep trace upgrade {} -o FIXED.msgpack", c.trace.display())),
        ));
    }
    let deploy_ns = deployment_namespace(&summary, c.deploy, c.trace)?;
    check_span(&summary, c.duration_s, c.force, c.trace)?;
    Ok(Ready { staged, virtual_ns: virtual_ns(c.virtual_ns_prefix, &deploy_ns) })
}

pub fn not_prepared(ns: &str, trace: &Path) -> Error {
    Error::bad_input(
        format!("namespace {ns} is not prepared for the driver (no ServiceAccount, Secrets or staged trace recorded)"),
        Some(format!("kubectl skstep prep-ns {ns} --trace {} --stage pods (or --node-dir DIR)", trace.display())),
    )
}

/// The driver creates the objects of trace namespace N in `<prefix>-N` (N `default` when unset).
pub fn virtual_ns(prefix: &str, trace_ns: &str) -> String {
    format!("{prefix}-{}", if trace_ns.is_empty() { "default" } else { trace_ns })
}

/// The trace namespace of Deployment `deploy`, or why the simulation would create no such pods.
pub fn deployment_namespace(summary: &Summary, deploy: &str, trace: &Path) -> Result<String> {
    match summary.deployments.values().find(|d| d.name == deploy) {
        Some(d) => Ok(d.namespace.clone()),
        None => {
            let ns: Vec<&str> = summary.namespaces.keys().map(String::as_str).collect();
            Err(Error::bad_input(
                format!(
                    "the trace has no Deployment {deploy:?} (its namespaces: {}): the simulation would create no such pods",
                    ns.join(", ")
                ),
                Some(format!("kubectl skstep trace inspect {} to see what it holds", trace.display())),
            ))
        }
    }
}

/// A trace far longer than the step leaves the driver waiting for events that never come in time.
pub fn check_span(summary: &Summary, duration_s: i64, force: bool, trace: &Path) -> Result<()> {
    let (Some(first), Some(last)) = (summary.first_ts, summary.last_ts) else { return Ok(()) };
    let span = last - first;
    if span > duration_s * 2 && span > duration_s + 60 && !force {
        return Err(Error::bad_input(
            format!(
                "the trace spans {} but the step lasts {}: the driver would sit waiting for events that never come in time",
                fmt_duration(span),
                fmt_duration(duration_s)
            ),
            Some(format!(
                "kubectl skstep trace rebase {} -o REBASED.msgpack --max-gap 10s (or pass --force)",
                trace.display()
            )),
        ));
    }
    Ok(())
}

/// Where a step's files go: `<runs>/<episode>/step-NNN`.
pub fn step_dir(runs: &Path, episode: &str, step: u32) -> PathBuf {
    runs.join(episode).join(format!("step-{step:03}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::validate::Deployment;

    fn summary(span: Option<(i64, i64)>) -> Summary {
        let mut s = Summary::default();
        s.first_ts = span.map(|s| s.0);
        s.last_ts = span.map(|s| s.1);
        s.deployments.insert(
            "apps/v1/Deployment/shop/web".into(),
            Deployment { name: "web".into(), namespace: "shop".into(), ..Default::default() },
        );
        s.namespaces.insert("shop".into(), 1);
        s
    }

    #[test]
    fn finds_the_deployment_and_its_virtual_namespace() {
        let t = Path::new("t.msgpack");
        assert_eq!(deployment_namespace(&summary(None), "web", t).unwrap(), "shop");
        let e = deployment_namespace(&summary(None), "api", t).unwrap_err();
        assert!(e.to_string().contains("no Deployment \"api\" (its namespaces: shop)"), "{e}");
        assert_eq!(virtual_ns("virtual", "shop"), "virtual-shop");
        assert_eq!(virtual_ns("sim", ""), "sim-default");
    }

    #[test]
    fn a_trace_far_longer_than_the_step_is_refused_unless_forced() {
        let t = Path::new("t.msgpack");
        assert!(check_span(&summary(Some((0, 100))), 60, false, t).is_ok(), "under duration + 60 s");
        assert!(check_span(&summary(Some((0, 190))), 100, false, t).is_ok(), "under twice the duration");
        let e = check_span(&summary(Some((0, 3600))), 60, false, t).unwrap_err();
        assert!(e.to_string().contains("spans 1h") && e.hint().unwrap().contains("trace rebase"), "{e}");
        assert!(check_span(&summary(Some((0, 3600))), 60, true, t).is_ok());
        assert!(check_span(&summary(None), 60, false, t).is_ok(), "no events: nothing to compare");
    }

    #[test]
    fn step_dirs() {
        assert_eq!(step_dir(Path::new("/r"), "episode-x", 7), PathBuf::from("/r/episode-x/step-007"));
    }
}
