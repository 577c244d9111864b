use std::path::PathBuf;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Node, Secret, Service, ServiceAccount};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::Api;
use kube::api::ListParams;
use serde::Serialize;
use sk_api::v1::{ExportFilters, ExportRequest};

use crate::cluster::client::connect;
use crate::cluster::prep::{CTRL_NS, load_staged, sha256_file, sk_ctrl_settings};
use crate::cluster::tracer::{TRACER_SVC, export};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::trace::time::now;
use crate::trace::validate::{Options, scan};

#[derive(Debug, clap::Args)]
#[command(after_help = "Checks the cluster's SimKube install and, with --ns/--trace/--deploy, the seven ways a step \
fails before a pod appears. Exit 1 if any check fails.")]
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
}

#[derive(Debug, Serialize)]
struct Check {
    check: String,
    ok: bool,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<String>,
}

fn check(list: &mut Vec<Check>, name: &str, ok: bool, detail: impl Into<String>, fix: Option<String>) {
    list.push(Check { check: name.into(), ok, detail: detail.into(), fix: if ok { None } else { fix } });
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    crate::commands::block_on(async {
        ctx.out.forbid_file("doctor")?;
        let mut checks = vec![];
        let cluster = connect(&ctx.global).await?;
        let client = &cluster.client;
        match client.apiserver_version().await {
            Ok(v) => check(
                &mut checks,
                "cluster reachable",
                true,
                format!("context {}, Kubernetes {}", cluster.context, v.git_version),
                None,
            ),
            Err(e) => {
                check(
                    &mut checks,
                    "cluster reachable",
                    false,
                    e.to_string(),
                    Some("check --kubeconfig/--context".into()),
                );
                return finish(ctx, checks);
            }
        }
        let crds: Api<CustomResourceDefinition> = Api::all(client.clone());
        for crd in ["simulations.simkube.io", "simulationroots.simkube.io"] {
            let ok = matches!(crds.get_opt(crd).await, Ok(Some(_)));
            check(
                &mut checks,
                &format!("CRD {crd}"),
                ok,
                if ok { "installed" } else { "missing" },
                Some("install SimKube (https://simkube.dev)".into()),
            );
        }
        let deps: Api<Deployment> = Api::namespaced(client.clone(), CTRL_NS);
        let ctrl = deps.list(&ListParams::default()).await.ok().and_then(|l| {
            l.items.into_iter().find(|d| d.metadata.name.as_deref().is_some_and(|n| n.contains("sk-ctrl")))
        });
        match ctrl {
            Some(d) => {
                let ready = d.status.as_ref().and_then(|s| s.ready_replicas).unwrap_or(0);
                let image = d
                    .spec
                    .as_ref()
                    .and_then(|s| s.template.spec.as_ref())
                    .and_then(|p| p.containers.first())
                    .and_then(|c| c.image.clone())
                    .unwrap_or_default();
                check(
                    &mut checks,
                    "sk-ctrl running",
                    ready > 0,
                    format!("{} ready replica(s), image {image}", ready),
                    Some("kubectl -n simkube describe deploy sk-ctrl-depl".into()),
                );
            }
            None => check(
                &mut checks,
                "sk-ctrl running",
                false,
                "no sk-ctrl Deployment in namespace simkube",
                Some("install SimKube's controller".into()),
            ),
        }
        let svcs: Api<Service> = Api::namespaced(client.clone(), CTRL_NS);
        let svc_ok = matches!(svcs.get_opt(TRACER_SVC).await, Ok(Some(_)));
        check(
            &mut checks,
            "tracer Service",
            svc_ok,
            if svc_ok { "simkube/sk-tracer-svc" } else { "missing" },
            Some("install sk-tracer".into()),
        );
        let t = now();
        let req =
            ExportRequest::new(t - 1, t, "file:///skstep-doctor.sktrace".into(), ExportFilters::new(vec![], vec![]));
        match export(Some(client), args.tracer.as_deref(), &req).await {
            Ok(bytes) => check(
                &mut checks,
                "tracer answers /export",
                true,
                format!("{} bytes for the last second", bytes.len()),
                None,
            ),
            Err(e) => check(&mut checks, "tracer answers /export", false, e.to_string(), e.hint().map(String::from)),
        }
        let nodes: Api<Node> = Api::all(client.clone());
        let virt = nodes.list(&ListParams::default().labels("type=virtual")).await.map(|l| l.items.len()).unwrap_or(0);
        check(
            &mut checks,
            "KWOK virtual nodes",
            virt > 0,
            format!("{virt} node(s) labelled type=virtual"),
            Some("install KWOK and SimKube's virtual nodes".into()),
        );

        if let Some(ns) = args.ns.as_ref().or(ctx.global.namespace.as_ref()) {
            let (sa, _, _) = sk_ctrl_settings(client).await?;
            let sas: Api<ServiceAccount> = Api::namespaced(client.clone(), ns);
            let ok = matches!(sas.get_opt(&sa).await, Ok(Some(_)));
            check(
                &mut checks,
                "driver ServiceAccount",
                ok,
                format!("{ns}/{sa}"),
                Some(format!("kubectl skstep prep-ns {ns}")),
            );
            let staged = load_staged(&cluster.context, ns)?;
            let secrets: Api<Secret> = Api::namespaced(client.clone(), ns);
            for s in staged.as_ref().map(|s| s.secrets.clone()).unwrap_or_else(|| vec!["simkube".into()]) {
                let ok = matches!(secrets.get_opt(&s).await, Ok(Some(_)));
                check(
                    &mut checks,
                    &format!("driver Secret {s}"),
                    ok,
                    format!("{ns}/{s}"),
                    Some(format!("kubectl skstep prep-ns {ns} --secret {s}")),
                );
            }
            match &staged {
                Some(st) => {
                    let on_node = st.node_file.as_ref().is_none_or(|f| f.is_file());
                    let same = match (&args.trace, &st.trace_sha256) {
                        (Some(t), Some(sha)) => sha256_file(t).map(|s| &s == sha).unwrap_or(false),
                        _ => true,
                    };
                    check(
                        &mut checks,
                        "trace staged",
                        on_node && same && st.trace_path.is_some(),
                        format!(
                            "{} ({})",
                            st.trace_path.clone().unwrap_or_else(|| "none".into()),
                            if !on_node {
                                "missing on the node".to_string()
                            } else if !same {
                                "a different trace".to_string()
                            } else if st.node_file.is_some() {
                                "present".to_string()
                            } else if !st.stage_nodes.is_empty() {
                                format!(
                                    "copied to node {} by prep-ns --stage pods, sha256 checked",
                                    st.stage_nodes.join(", ")
                                )
                            } else {
                                "a URL, not checked from here".to_string()
                            }
                        ),
                        Some(format!("kubectl skstep prep-ns {ns} --trace FILE --stage pods (or --node-dir DIR)")),
                    );
                }
                None => check(
                    &mut checks,
                    "trace staged",
                    false,
                    "nothing staged for this namespace",
                    Some(format!("kubectl skstep prep-ns {ns} --trace FILE --stage pods (or --node-dir DIR)")),
                ),
            }
        }
        if let Some(trace) = &args.trace {
            let (report, summary) = scan(trace, &Options { max_gap: 3600, now: t })?;
            let first = report.rejections.first().map(|f| format!("{}: {}", f.path, f.message));
            check(
                &mut checks,
                "trace parses",
                report.parses,
                first.unwrap_or_else(|| "SimKube 2.7 parses it".into()),
                Some(format!("kubectl skstep trace upgrade {} -o FIXED.msgpack", trace.display())),
            );
            // SimKube's own rules (skctl's codes): errors are pods that will be missing.
            let codes = report.error_codes();
            check(
                &mut checks,
                "pods can be created",
                codes.is_empty(),
                if codes.is_empty() {
                    "no missing ServiceAccount, Secret or ConfigMap".into()
                } else {
                    format!("{} finding(s) {}: see `trace validate`", report.rule_errors(), codes.join(", "))
                },
                Some(format!(
                    "kubectl skstep trace fix {} -o FIXED.msgpack --only {}",
                    trace.display(),
                    codes.join(" ")
                )),
            );
            let ts_warn: Vec<String> = report
                .warnings
                .iter()
                .filter(|w| w.finding.path.ends_with(".ts") || w.finding.path == "events")
                .map(|w| w.finding.message.clone())
                .collect();
            check(
                &mut checks,
                "timestamps sane",
                ts_warn.is_empty(),
                if ts_warn.is_empty() { "no far-future gaps or epoch timestamps".into() } else { ts_warn.join("; ") },
                Some(format!("kubectl skstep trace rebase {} -o OUT --max-gap 10s", trace.display())),
            );
            if let Some(d) = &args.deploy {
                let hit = summary.deployments.values().find(|x| &x.name == d);
                check(
                    &mut checks,
                    &format!("Deployment {d} in the trace"),
                    hit.is_some(),
                    match hit {
                        Some(x) => format!(
                            "{}/{} -> pods in virtual-{}",
                            x.namespace,
                            x.name,
                            if x.namespace.is_empty() { "default" } else { &x.namespace }
                        ),
                        None => format!(
                            "absent; namespaces: {}",
                            summary.namespaces.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    },
                    Some("record a trace that contains it (kubectl skstep trace export)".into()),
                );
            }
        }
        finish(ctx, checks)
    })
}

fn finish(ctx: &Ctx, checks: Vec<Check>) -> Result<()> {
    let failed = checks.iter().filter(|c| !c.ok).count();
    if ctx.out.is_json() {
        ctx.out.json(&serde_json::json!({ "ok": failed == 0, "checks": checks }));
    } else {
        for c in &checks {
            println!("{} {:<32} {}", if c.ok { "✓" } else { "✗" }, c.check, c.detail);
            if let Some(f) = &c.fix {
                println!("  {:<32} fix: {f}", "");
            }
        }
    }
    if failed > 0 {
        return Err(Error::CheckFailed(format!("{failed} check(s) failed")));
    }
    Ok(())
}
