use std::path::PathBuf;
use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Node, Secret, Service, ServiceAccount};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::Api;
use kube::api::ListParams;
use serde::Serialize;
use sk_api::v1::{ExportFilters, ExportRequest};

use crate::cluster::client::connect;
use crate::cluster::kube_error;
use crate::cluster::prep::{CTRL_NS, sk_ctrl_settings};
use crate::cluster::staged::load_prepared;
use crate::cluster::tracer::{TRACER_SVC, Timeouts, answer_error, export_answer};
use crate::cluster::wait::{Phase, Retries, retry_api};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::fsutil::sha256_file;
use crate::step::preflight;
use crate::trace::time::now;

#[derive(Debug, clap::Args)]
#[command(after_help = "Checks the cluster's SimKube install and, with --ns/--trace/--deploy, the seven ways a step \
fails before a pod appears. A check the cluster refuses or does not answer (forbidden, unreachable, \
sk-tracer silent for 10s) is shown as `? cannot check: <reason>`, never as missing. Exit 3 if the API server \
does not answer; else 1 if any check fails, else 3 if any could not be made.\n\
-n NS: the driver namespace to check, the same as --ns.")]
pub struct Args {
    /// The driver namespace to check (ServiceAccount, Secrets, staged trace; default: -n if given)
    #[arg(long, value_name = "NS")]
    pub ns: Option<String>,
    /// The trace to check (parses, timestamps, Deployment present)
    #[arg(long, value_name = "FILE")]
    pub trace: Option<PathBuf>,
    /// The Deployment the step will observe
    #[arg(long, value_name = "NAME")]
    pub deploy: Option<String>,
    /// sk-tracer's address (default: through the cluster)
    #[arg(long, env = "SKSTEP_TRACER_URL")]
    pub tracer: Option<String>,
    /// How long doctor's calls to the API server may take in all, transient errors (unreachable,
    /// 5xx, 429) retried with backoff or after the server's Retry-After; what is left is `? cannot check`
    #[arg(long, default_value = "60s", value_parser = crate::trace::time::parse_std_duration)]
    pub api_timeout: Duration,
}

/// A check's verdict. `CannotCheck` is an API or I/O error on the way to the answer: it says
/// nothing about the thing checked, so it is never shown as "missing" or as a count of zero.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    Ok,
    Failed,
    CannotCheck,
}

#[derive(Debug, Serialize)]
struct Check {
    check: String,
    /// Kept for scripts that read `ok`: true only for `status: ok`.
    ok: bool,
    status: Status,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<String>,
}

struct Checks(Vec<Check>);

impl Checks {
    fn check(&mut self, name: &str, ok: bool, detail: impl Into<String>, fix: Option<String>) {
        let status = if ok { Status::Ok } else { Status::Failed };
        self.0.push(Check { check: name.into(), ok, status, detail: detail.into(), fix: if ok { None } else { fix } });
    }

    fn cannot(&mut self, name: &str, e: &Error) {
        self.0.push(Check {
            check: name.into(),
            ok: false,
            status: Status::CannotCheck,
            detail: format!("cannot check: {e}"),
            fix: e.hint().map(String::from),
        });
    }

    /// Preflight's verdict: passed with its detail, or failed with the error and its fix.
    fn verdict(&mut self, name: &str, v: Result<String>) {
        match v {
            Ok(detail) => self.check(name, true, detail, None),
            Err(e) => self.check(name, false, e.to_string(), e.hint().map(String::from)),
        }
    }

    /// `ok(value)` decides the verdict on an answer; an error is "cannot check".
    fn answer<T>(&mut self, name: &str, r: Result<T>, verdict: impl FnOnce(&mut Self, T)) {
        match r {
            Ok(v) => verdict(self, v),
            Err(e) => self.cannot(name, &e),
        }
    }
}

/// doctor's calls to sk-tracer: it must finish, whatever the tracer does.
const TRACER_TIMEOUTS: Timeouts = Timeouts { connect: Duration::from_secs(5), total: Duration::from_secs(10) };

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(async {
        ctx.out.forbid_file("doctor")?;
        let driver_ns = crate::commands::one_namespace("--ns", args.ns.as_deref(), ctx.global.namespace.as_deref())?;
        let mut checks = Checks(vec![]);
        let c = &mut checks;
        let cluster = connect(&ctx.global).await?;
        let client = &cluster.client;
        // One limit for all of doctor's calls: past it, each is `cannot check` at once.
        let phase = Phase::new("doctor", args.api_timeout, &Retries::default());
        let version = retry_api(&phase, "get /version", || async {
            client.apiserver_version().await.map_err(|e| kube_error("get", "/version", e))
        })
        .await;
        match version {
            Ok(v) => c.check(
                "cluster reachable",
                true,
                format!("context {}, Kubernetes {}", cluster.context, v.git_version),
                None,
            ),
            Err(e) => {
                // Nothing else can be checked: the table says so, and the exit code is 3 as for
                // every command that cannot reach the cluster.
                c.check("cluster reachable", false, e.to_string(), e.hint().map(String::from));
                print(ctx, &checks.0, false);
                return Err(e);
            }
        }
        let crds: Api<CustomResourceDefinition> = Api::all(client.clone());
        for crd in ["simulations.simkube.io", "simulationroots.simkube.io"] {
            let name = format!("CRD {crd}");
            let got = retry_api(&phase, "get customresourcedefinitions", || async {
                crds.get_opt(crd).await.map_err(|e| kube_error("get", "customresourcedefinitions", e))
            })
            .await;
            c.answer(&name, got, |c, found| {
                let ok = found.is_some();
                c.check(
                    &name,
                    ok,
                    if ok { "installed" } else { "missing" },
                    Some("install SimKube (https://simkube.dev)".into()),
                )
            });
        }
        let deps: Api<Deployment> = Api::namespaced(client.clone(), CTRL_NS);
        let listed = retry_api(&phase, "list deployments in namespace simkube", || async {
            deps.list(&ListParams::default())
                .await
                .map_err(|e| kube_error("list", "deployments in namespace simkube", e))
        })
        .await;
        c.answer("sk-ctrl running", listed, |c, l| {
            match l.items.into_iter().find(|d| d.metadata.name.as_deref().is_some_and(|n| n.contains("sk-ctrl"))) {
                Some(d) => {
                    let ready = d.status.as_ref().and_then(|s| s.ready_replicas).unwrap_or(0);
                    let image = d
                        .spec
                        .as_ref()
                        .and_then(|s| s.template.spec.as_ref())
                        .and_then(|p| p.containers.first())
                        .and_then(|c| c.image.clone())
                        .unwrap_or_else(|| "(none)".into());
                    c.check(
                        "sk-ctrl running",
                        ready > 0,
                        format!("{ready} ready replica(s), image {image}"),
                        Some("kubectl -n simkube describe deploy sk-ctrl-depl".into()),
                    )
                }
                None => c.check(
                    "sk-ctrl running",
                    false,
                    "no sk-ctrl Deployment in namespace simkube",
                    Some("install SimKube's controller".into()),
                ),
            }
        });
        let probe = crate::cluster::controller::probe(client, crate::step::driver::PICKUP).await;
        c.answer("sk-ctrl reconciles", probe, |c, p| {
            c.check("sk-ctrl reconciles", p.answered_after.is_some(), p.detail(), Some(p.fix(CTRL_NS)))
        });
        let svcs: Api<Service> = Api::namespaced(client.clone(), CTRL_NS);
        let svc = retry_api(&phase, "get services in namespace simkube", || async {
            svcs.get_opt(TRACER_SVC).await.map_err(|e| kube_error("get", "services in namespace simkube", e))
        })
        .await;
        c.answer("tracer Service", svc, |c, found| {
            let ok = found.is_some();
            c.check(
                "tracer Service",
                ok,
                if ok { "simkube/sk-tracer-svc" } else { "missing" },
                Some("install sk-tracer".into()),
            )
        });
        let t = now();
        let req =
            ExportRequest::new(t - 1, t, "file:///skstep-doctor.sktrace".into(), ExportFilters::new(vec![], vec![]));
        let answer = export_answer(Some(client), args.tracer.as_deref(), &req, TRACER_TIMEOUTS).await;
        c.answer("tracer answers /export", answer, |c, a| {
            if a.status.is_success() {
                c.check("tracer answers /export", true, format!("{} bytes for the last second", a.body.len()), None)
            } else {
                let e = answer_error(&a);
                c.check("tracer answers /export", false, e.to_string(), e.hint().map(String::from))
            }
        });
        let nodes: Api<Node> = Api::all(client.clone());
        let virt = retry_api(&phase, "list nodes", || async {
            nodes.list(&ListParams::default().labels("type=virtual")).await.map_err(|e| kube_error("list", "nodes", e))
        })
        .await;
        c.answer("KWOK virtual nodes", virt, |c, l| {
            let n = l.items.len();
            c.check(
                "KWOK virtual nodes",
                n > 0,
                format!("{n} node(s) labelled type=virtual"),
                Some("install KWOK and SimKube's virtual nodes".into()),
            )
        });

        if let Some(ns) = &driver_ns {
            match retry_api(&phase, "sk-ctrl's settings", || sk_ctrl_settings(client)).await {
                Ok((sa, _, _)) => {
                    let sas: Api<ServiceAccount> = Api::namespaced(client.clone(), ns);
                    let what = format!("serviceaccounts in namespace {ns}");
                    let got = retry_api(&phase, &format!("get {what}"), || async {
                        sas.get_opt(&sa).await.map_err(|e| kube_error("get", &what, e))
                    })
                    .await;
                    c.answer("driver ServiceAccount", got, |c, found| {
                        c.check(
                            "driver ServiceAccount",
                            found.is_some(),
                            format!("{ns}/{sa}{}", if found.is_some() { "" } else { " missing" }),
                            Some(format!("kubectl skstep prep-ns {ns}")),
                        )
                    });
                }
                Err(e) => c.cannot("driver ServiceAccount", &e),
            }
            // What prep-ns staged, as the namespace's annotation says (another machine's prep-ns too).
            let staged =
                retry_api(&phase, "the namespace's prepared state", || load_prepared(client, &cluster.context, ns))
                    .await;
            let secrets: Api<Secret> = Api::namespaced(client.clone(), ns);
            let names = match &staged {
                Ok(Some(s)) => s.secrets.clone(),
                _ => vec!["simkube".into()],
            };
            for s in names {
                let name = format!("driver Secret {s}");
                let what = format!("secrets in namespace {ns}");
                let got = retry_api(&phase, &format!("get {what}"), || async {
                    secrets.get_opt(&s).await.map_err(|e| kube_error("get", &what, e))
                })
                .await;
                c.answer(&name, got, |c, found| {
                    c.check(
                        &name,
                        found.is_some(),
                        format!("{ns}/{s}{}", if found.is_some() { "" } else { " missing" }),
                        Some(format!("kubectl skstep prep-ns {ns} --secret {s}")),
                    )
                });
            }
            // Preflight's verdict on what was staged: the one answer to "will the step fail here".
            match staged {
                Err(e) => c.cannot("trace staged", &e),
                Ok(None) => {
                    let t = args.trace.clone().unwrap_or_else(|| "FILE".into());
                    let e = preflight::not_prepared(ns, &t);
                    c.check("trace staged", false, e.to_string(), e.hint().map(String::from))
                }
                Ok(Some(st)) => {
                    // The trace to compare with: an unreadable one is "cannot check", not "different".
                    let sha = args.trace.as_ref().map(|t| sha256_file(t)).transpose();
                    let t = args.trace.clone().unwrap_or_else(|| "FILE".into());
                    c.answer("trace staged", sha, |c, sha| {
                        c.verdict("trace staged", preflight::staging_verdict(&st, &t, sha.as_deref()))
                    });
                }
            }
        }
        if let Some(trace) = &args.trace {
            // Preflight's verdicts on the trace, in its order; doctor knows no --duration, so the
            // span is judged by the timestamps check below.
            let found = preflight::trace_verdicts(&preflight::TraceCheck {
                trace,
                deploy: args.deploy.as_deref(),
                duration_s: None,
                force: false,
                virtual_ns_prefix: "virtual",
                max_gap: 3600,
            })?;
            for v in found.verdicts {
                c.verdict(&v.check, v.result);
            }
            let ts_warn: Vec<String> = found
                .report
                .warnings
                .iter()
                .filter(|w| w.finding.path.ends_with(".ts") || w.finding.path == "events")
                .map(|w| w.finding.message.clone())
                .collect();
            c.check(
                "timestamps sane",
                ts_warn.is_empty(),
                if ts_warn.is_empty() { "no far-future gaps or epoch timestamps".into() } else { ts_warn.join("; ") },
                Some(format!("kubectl skstep trace rebase {} -o OUT --max-gap 10s", trace.display())),
            );
        }
        finish(ctx, checks)
    })
}

fn finish(ctx: &Ctx, checks: Checks) -> Result<()> {
    let checks = checks.0;
    let failed = checks.iter().filter(|c| c.status == Status::Failed).count();
    let unknown = checks.iter().filter(|c| c.status == Status::CannotCheck).count();
    print(ctx, &checks, failed + unknown == 0);
    match (failed, unknown) {
        (0, 0) => Ok(()),
        (0, n) => Err(Error::Cluster {
            message: format!("{n} check(s) could not be made (the cluster or sk-tracer refused or did not answer)"),
            hint: Some("see the `cannot check` lines; use a --context with more rights or check the connection".into()),
        }),
        (f, 0) => Err(Error::CheckFailed(format!("{f} check(s) failed"))),
        (f, n) => Err(Error::CheckFailed(format!("{f} check(s) failed, {n} could not be made"))),
    }
}

fn print(ctx: &Ctx, checks: &[Check], ok: bool) {
    if ctx.out.is_json() {
        ctx.out.json(&serde_json::json!({ "ok": ok, "checks": checks }));
        return;
    }
    for c in checks {
        let mark = match c.status {
            Status::Ok => "✓",
            Status::Failed => "✗",
            Status::CannotCheck => "?",
        };
        println!("{mark} {:<32} {}", c.check, c.detail);
        if let Some(f) = &c.fix {
            println!("  {:<32} fix: {f}", "");
        }
    }
}
