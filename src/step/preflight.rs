//! Everything a step needs, checked before it costs a simulation; each failure names the fix.
//! The one answer to "will this step fail": `run`, the env and bench call [`preflight`], which
//! stops at the first failing verdict; `doctor` shows the same verdicts as a table
//! ([`trace_verdicts`], [`staging_verdict`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cluster::simulation as sim;
use crate::cluster::staged::{Staged, load_prepared};
use crate::cluster::wait::{Phase, Retries, retry_api};
use crate::error::{Error, Result};
use crate::trace::time::{fmt_duration, now};
use crate::trace::validate::{Options as ValidateOptions, Report, Summary, scan};

/// What a step is about to run.
pub struct Check<'a> {
    pub context: &'a str,
    pub ns: &'a str,
    pub trace: &'a Path,
    pub trace_sha256: &'a str,
    pub deploy: &'a str,
    pub duration_s: i64,
    pub force: bool,
    pub virtual_ns_prefix: &'a str,
    /// How long its calls to the API server may retry (and hang) in all: `--api-timeout`.
    pub api_timeout: Duration,
}

/// What preflight found.
#[derive(Debug, Clone)]
pub struct Ready {
    pub staged: Staged,
    /// Where the driver will create the Deployment's pods.
    pub virtual_ns: String,
}

/// One check's answer: the detail when it passes, the error (with its fix) when the step would
/// fail because of it.
#[derive(Debug)]
pub struct Verdict {
    pub check: String,
    pub result: Result<String>,
}

impl Verdict {
    fn new(check: impl Into<String>, result: Result<String>) -> Verdict {
        Verdict { check: check.into(), result }
    }
}

/// What is checked of a trace.
pub struct TraceCheck<'a> {
    pub trace: &'a Path,
    /// The Deployment the step observes (doctor may not name one).
    pub deploy: Option<&'a str>,
    /// The step's simulated duration (doctor has none): a trace far longer is refused.
    pub duration_s: Option<i64>,
    pub force: bool,
    pub virtual_ns_prefix: &'a str,
    /// Gaps beyond this are warnings in the report (doctor's "timestamps sane").
    pub max_gap: i64,
}

/// The verdicts on a trace, in the order preflight applies them, and what they were read from.
pub struct TraceVerdicts {
    pub verdicts: Vec<Verdict>,
    pub report: Report,
    pub summary: Summary,
    /// Where the Deployment's pods land, when it was named and found.
    pub virtual_ns: Option<String>,
}

/// An unreadable trace is an error of its own; every other problem is a failing verdict.
pub fn trace_verdicts(c: &TraceCheck<'_>) -> Result<TraceVerdicts> {
    let (report, summary) = scan(c.trace, &ValidateOptions { max_gap: c.max_gap, now: now() })?;
    let mut v = vec![];
    let first = report.rejections.first().map(|f| format!("{}: {}", f.path, f.message));
    v.push(Verdict::new(
        "trace parses",
        if report.parses {
            Ok("SimKube 2.7 parses it".into())
        } else {
            Err(Error::bad_input(
                format!(
                    "{}: SimKube would refuse this trace ({})",
                    c.trace.display(),
                    first.as_deref().unwrap_or("no reason given")
                ),
                Some(format!("kubectl skstep trace upgrade {} -o FIXED.msgpack", c.trace.display())),
            ))
        },
    ));
    // SimKube's own rules: pods the cluster would refuse to create (the Deployment's, when named).
    v.push(match c.deploy {
        Some(d) => Verdict::new(
            "pods can be created",
            match crate::trace::validate::missing_pods_error(&report, c.trace, d) {
                Some(e) => Err(e),
                None => Ok("no missing ServiceAccount, Secret or ConfigMap".into()),
            },
        ),
        None => {
            let codes = report.error_codes();
            Verdict::new(
                "pods can be created",
                if codes.is_empty() {
                    Ok("no missing ServiceAccount, Secret or ConfigMap".into())
                } else {
                    Err(Error::bad_input(
                        format!("{} finding(s) {}: see `trace validate`", report.rule_errors(), codes.join(", ")),
                        Some(format!(
                            "kubectl skstep trace fix {} -o FIXED.msgpack --only {}",
                            c.trace.display(),
                            codes.join(" ")
                        )),
                    ))
                },
            )
        }
    });
    let mut vns = None;
    if let Some(d) = c.deploy {
        let found = deployment_namespace(&summary, d, c.trace).map(|ns| {
            let x = virtual_ns(c.virtual_ns_prefix, &ns);
            vns = Some(x.clone());
            format!("{}/{d} -> pods in {x}", if ns.is_empty() { "default" } else { &ns })
        });
        v.push(Verdict::new(format!("Deployment {d} in the trace"), found));
    }
    if let Some(duration_s) = c.duration_s {
        v.push(Verdict::new(
            "trace span",
            check_span(&summary, duration_s, c.force, c.trace).map(|()| "within the step's duration".into()),
        ));
    }
    Ok(TraceVerdicts { verdicts: v, report, summary, virtual_ns: vns })
}

/// Whether what `prep-ns` staged serves `trace` (sha256 `sha`): the same bytes, present on the
/// node where the node folder is visible; or a different trace, which the step stages the way
/// the first was, unless that was a URL.
pub fn staging_verdict(st: &Staged, trace: &Path, sha: Option<&str>) -> Result<String> {
    let ns = &st.namespace;
    let fix =
        || Some(format!("kubectl skstep prep-ns {ns} --trace {} --stage pods (or --node-dir DIR)", trace.display()));
    let same = sha.is_none() || st.trace_sha256.as_deref() == sha;
    let path = st.trace_path.clone().unwrap_or_else(|| "none".into());
    if same {
        if st.trace_path.is_none() {
            return Err(Error::bad_input(format!("namespace {ns} records a staged trace but no trace path"), fix()));
        }
        if let Some(f) = st.node_file.as_ref().filter(|f| !f.is_file()) {
            return Err(Error::bad_input(
                format!("the trace staged for namespace {ns} ({path}) is missing on the node: {} is gone", f.display()),
                fix(),
            ));
        }
        return Ok(if st.node_file.is_some() {
            format!("{path} (present)")
        } else if !st.stage_nodes.is_empty() {
            format!("{path} (copied to node {} by prep-ns --stage pods, sha256 checked)", st.stage_nodes.join(", "))
        } else {
            format!("{path} (a URL, not checked from here)")
        });
    }
    if st.node_file.is_some() || !st.stage_nodes.is_empty() {
        return Ok(format!("{path} is another trace: the step stages this one the same way"));
    }
    Err(Error::bad_input(
        format!("{} is not the trace staged for namespace {ns} and it was staged by URL", trace.display()),
        fix(),
    ))
}

/// The namespace's prepared state, or why the step would fail.
pub async fn prepared(client: &kube::Client, context: &str, ns: &str, trace: &Path) -> Result<Staged> {
    load_prepared(client, context, ns).await?.ok_or_else(|| not_prepared(ns, trace))
}

pub async fn preflight(client: &kube::Client, c: &Check<'_>) -> Result<Ready> {
    // Its two reads share one limit; the trace's checks are local and not bounded by it.
    let phase = Phase::new("preflight", c.api_timeout, &Retries::default());
    if !retry_api(&phase, "the Simulation CRD", || sim::crd_installed(client)).await? {
        return Err(Error::bad_input(
            "the Simulation CRD (simulations.simkube.io) is not installed in this cluster".to_string(),
            Some("install SimKube (https://simkube.dev), or check --context".into()),
        ));
    }
    let staged =
        retry_api(&phase, "the namespace's prepared state", || prepared(client, c.context, c.ns, c.trace)).await?;
    let found = trace_verdicts(&TraceCheck {
        trace: c.trace,
        deploy: Some(c.deploy),
        duration_s: Some(c.duration_s),
        force: c.force,
        virtual_ns_prefix: c.virtual_ns_prefix,
        max_gap: i64::MAX,
    })?;
    for v in found.verdicts {
        v.result?;
    }
    staging_verdict(&staged, c.trace, Some(c.trace_sha256))?;
    let virtual_ns = found.virtual_ns.expect("the Deployment verdict passed");
    Ok(Ready { staged, virtual_ns })
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

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces").join(name)
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
    fn the_trace_verdicts_are_preflights_in_its_order() {
        fn check<'a>(trace: &'a Path, deploy: Option<&'a str>) -> TraceCheck<'a> {
            TraceCheck {
                trace,
                deploy,
                duration_s: Some(60),
                force: false,
                virtual_ns_prefix: "virtual",
                max_gap: i64::MAX,
            }
        }
        let web = fixture("simarena-demo-deprecated-path.msgpack");
        let v = trace_verdicts(&check(&web, Some("web"))).unwrap();
        let names: Vec<&str> = v.verdicts.iter().map(|v| v.check.as_str()).collect();
        assert_eq!(names, ["trace parses", "pods can be created", "Deployment web in the trace", "trace span"]);
        assert!(v.verdicts.iter().all(|v| v.result.is_ok()), "{:?}", v.verdicts);
        assert_eq!(v.virtual_ns.as_deref(), Some("virtual-default"));
        let v = trace_verdicts(&check(&web, Some("api"))).unwrap();
        assert!(v.verdicts[2].result.as_ref().is_err_and(|e| e.to_string().contains("no Deployment \"api\"")));
        let bad = trace_verdicts(&check(&fixture("simarena-missing-fields.msgpack"), None)).unwrap();
        let e = bad.verdicts[0].result.as_ref().unwrap_err();
        assert!(e.to_string().contains("SimKube would refuse this trace") && e.hint().unwrap().contains("upgrade"));
        let far = trace_verdicts(&check(&fixture("simarena-exported-far-future.msgpack"), None)).unwrap();
        assert!(far.verdicts[1].result.as_ref().is_err_and(|e| e.hint().unwrap().contains("trace fix")));
        assert!(trace_verdicts(&check(Path::new("/no/such.msgpack"), None)).is_err(), "unreadable is an error");
    }

    #[test]
    fn what_was_staged_serves_the_same_trace_or_one_the_step_can_stage() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("skstep-abc.msgpack");
        std::fs::write(&file, b"x").unwrap();
        let st = Staged {
            namespace: "drv".into(),
            trace_path: Some("file:///data/skstep-abc.msgpack".into()),
            trace_sha256: Some("abc".into()),
            node_file: Some(file.clone()),
            ..Default::default()
        };
        let t = Path::new("t.msgpack");
        assert!(staging_verdict(&st, t, Some("abc")).unwrap().contains("present"));
        assert!(staging_verdict(&st, t, Some("def")).unwrap().contains("stages this one"));
        std::fs::remove_file(&file).unwrap();
        let e = staging_verdict(&st, t, Some("abc")).unwrap_err();
        assert!(e.to_string().contains("missing on the node") && e.hint().unwrap().contains("prep-ns drv"), "{e}");
        let url = Staged { node_file: None, trace_path: Some("s3://b/t".into()), ..st };
        assert!(staging_verdict(&url, t, Some("abc")).unwrap().contains("a URL"));
        assert!(staging_verdict(&url, t, Some("def")).unwrap_err().to_string().contains("staged by URL"));
    }

    #[test]
    fn step_dirs() {
        assert_eq!(step_dir(Path::new("/r"), "episode-x", 7), PathBuf::from("/r/episode-x/step-007"));
    }
}
