//! Preparing a namespace for SimKube's driver, idempotently (server-side apply, field manager
//! `kubectl-skstep`): the namespace, the driver's ServiceAccount and what it may do
//! (`cluster::rbac`: the least privilege sk-driver needs, unless `--cluster-role`), copies of the
//! driver's Secrets, and the trace staged where the driver's hostPath reads it. What was staged is
//! recorded in `cluster::staged`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Namespace, Secret, ServiceAccount};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Api;
use kube::api::{ListParams, Patch, PatchParams};
use serde::Serialize;

use super::kube_error;
use super::rbac::RoleChoice;
use super::stage::{Method, Place, stage};
use super::staged::{Staged, annotate, save_staged};
use crate::error::{Error, Result};
use crate::fsutil::sha256_file;

pub const FIELD_MANAGER: &str = "kubectl-skstep";
pub const CTRL_NS: &str = "simkube";
pub const DEFAULT_SA: &str = "sk-ctrl-sa";
pub use super::simulation::MANAGED_BY;

#[derive(Debug, Clone)]
pub struct Options {
    pub namespace: String,
    pub trace: Option<PathBuf>,
    pub secrets: Option<Vec<String>>,
    /// `--cluster-role`: bind this ClusterRole; `None`: the least privilege (`cluster::rbac`).
    pub cluster_role: Option<String>,
    pub stage: Option<Method>,
    pub dry_run: bool,
    /// Where SimKube runs (sk-ctrl's settings and the Secrets to copy).
    pub simkube_ns: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub kind: String,
    pub name: String,
    /// `created`, `updated`, `unchanged`, `would create`, `would update`, `staged`, `would stage`.
    pub action: String,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
    pub staged: Staged,
    pub cluster_role_note: String,
    /// With `--stage pods`: every node and whether the trace went there.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<super::stage_pods::NodeChoice>,
}

/// The ServiceAccount sk-ctrl gives driver pods, and the Secrets it passes them (`--driver-secrets`),
/// read from its Deployment in `simkube`.
pub async fn sk_ctrl_settings(client: &kube::Client) -> Result<(String, Vec<String>, Option<String>)> {
    sk_ctrl_settings_in(client, CTRL_NS).await
}

/// `sk_ctrl_settings` for SimKube installed in namespace `simkube_ns`.
pub async fn sk_ctrl_settings_in(
    client: &kube::Client,
    simkube_ns: &str,
) -> Result<(String, Vec<String>, Option<String>)> {
    let deps: Api<Deployment> = Api::namespaced(client.clone(), simkube_ns);
    let list = deps
        .list(&ListParams::default())
        .await
        .map_err(|e| kube_error("list", &format!("deployments in namespace {simkube_ns}"), e))?;
    let ctrl = list.items.into_iter().find(|d| d.metadata.name.as_deref().is_some_and(|n| n.contains("sk-ctrl")));
    let Some(ctrl) = ctrl else {
        return Ok((DEFAULT_SA.into(), vec![], None));
    };
    let pod = ctrl.spec.and_then(|s| s.template.spec);
    let container = pod.as_ref().and_then(|p| p.containers.first());
    let env_sa = container
        .and_then(|c| c.env.as_ref())
        .and_then(|env| env.iter().find(|e| e.name == "POD_SVC_ACCOUNT"))
        .and_then(|e| e.value.clone());
    let sa = env_sa
        .or_else(|| pod.as_ref().and_then(|p| p.service_account_name.clone()))
        .unwrap_or_else(|| DEFAULT_SA.into());
    let args: Vec<String> = container.and_then(|c| c.args.clone()).unwrap_or_default();
    let mut secrets = vec![];
    for (i, a) in args.iter().enumerate() {
        if let Some(v) = a.strip_prefix("--driver-secrets=") {
            secrets.extend(v.split(',').map(String::from));
        } else if a == "--driver-secrets"
            && let Some(v) = args.get(i + 1)
        {
            secrets.extend(v.split(',').map(String::from));
        }
    }
    let image = container.and_then(|c| c.image.clone());
    Ok((sa, secrets, image))
}

fn meta(name: &str, ns: Option<&str>) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.into()),
        namespace: ns.map(String::from),
        labels: Some(BTreeMap::from([(MANAGED_BY.0.to_string(), MANAGED_BY.1.to_string())])),
        ..Default::default()
    }
}

/// Server-side applies `obj` as ours (prep-ns's objects and its RBAC alike), or with `dry_run`
/// only says whether it would create or apply it.
pub(super) async fn apply<K>(api: &Api<K>, name: &str, obj: &K, dry_run: bool, kind: &str) -> Result<Change>
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + Serialize + std::fmt::Debug,
{
    let existed = api.get_opt(name).await.map_err(|e| kube_error("get", &format!("{kind} {name}"), e))?.is_some();
    // A dry run only looks: a server-side dry run of a namespaced object fails while its
    // namespace is itself only "would create".
    if !dry_run {
        let pp = PatchParams::apply(FIELD_MANAGER).force();
        api.patch(name, &pp, &Patch::Apply(obj))
            .await
            .map_err(|e| kube_error("apply", &format!("{kind} {name}"), e))?;
    }
    let action = match (existed, dry_run) {
        (false, false) => "created",
        (true, false) => "applied",
        (false, true) => "would create",
        (true, true) => "would apply",
    };
    Ok(Change { kind: kind.into(), name: name.into(), action: action.into() })
}

/// Refuses a trace SimKube would refuse, before anything is staged; returns what it holds.
fn validate_for_staging(trace: &Path) -> Result<crate::trace::validate::Summary> {
    let (report, summary) = crate::trace::validate::scan(
        trace,
        &crate::trace::validate::Options { max_gap: i64::MAX, now: crate::trace::time::now() },
    )?;
    if report.parses {
        return Ok(summary);
    }
    let first = report.rejections.first().map(|f| format!("{}: {}", f.path, f.message)).unwrap_or_default();
    Err(Error::BadTrace {
        file: trace.to_path_buf(),
        path: first.split(": ").next().unwrap_or("").into(),
        message: format!("SimKube would refuse this trace ({first}); nothing was staged"),
        hint: Some(format!("kubectl skstep trace upgrade {} -o FIXED.msgpack", trace.display())),
    })
}

pub async fn prep(client: &kube::Client, context: &str, opts: &Options) -> Result<Report> {
    let ns = opts.namespace.as_str();
    let (sa, ctrl_secrets, _) = sk_ctrl_settings_in(client, &opts.simkube_ns).await?;
    let simkube_ns = opts.simkube_ns.as_str();
    let mut changes = vec![];

    // The trace first: refusing an invalid trace must change nothing in the cluster.
    let mut staged =
        Staged { context: context.into(), namespace: ns.into(), service_account: sa.clone(), ..Default::default() };
    let mut kinds = None;
    match (&opts.trace, &opts.stage) {
        (Some(trace), Some(_)) => {
            kinds = Some(super::rbac::trace_kinds(&validate_for_staging(trace)?));
            staged.trace_sha256 = Some(sha256_file(trace)?);
            staged.trace_source = Some(trace.display().to_string());
        }
        (None, Some(Method::Url(_))) => {}
        (Some(_), None) => {
            return Err(Error::usage(
                "--trace needs a place to stage it: --node-dir DIR, --stage pods or --trace-url URL",
                None,
            ));
        }
        (None, Some(Method::NodeDir(_))) => return Err(Error::usage("--node-dir needs --trace FILE", None)),
        (None, Some(Method::Pods { .. })) => return Err(Error::usage("--stage pods needs --trace FILE", None)),
        (None, None) => {}
    }

    let namespaces: Api<Namespace> = Api::all(client.clone());
    changes.push(
        apply(
            &namespaces,
            ns,
            &Namespace { metadata: meta(ns, None), ..Default::default() },
            opts.dry_run,
            "namespace",
        )
        .await?,
    );
    let sas: Api<ServiceAccount> = Api::namespaced(client.clone(), ns);
    changes.push(
        apply(
            &sas,
            &sa,
            &ServiceAccount { metadata: meta(&sa, Some(ns)), ..Default::default() },
            opts.dry_run,
            "serviceaccount",
        )
        .await?,
    );
    let choice = match (&opts.cluster_role, kinds, &opts.trace) {
        (Some(name), _, _) => RoleChoice::Named(name.clone()),
        (None, Some(kinds), Some(trace)) => RoleChoice::Generated { kinds, from: format!("trace {}", trace.display()) },
        (None, _, _) => RoleChoice::Generated {
            kinds: super::rbac::default_kinds(),
            from: "SimKube's known workload kinds (no --trace given)".into(),
        },
    };
    let granted = super::rbac::grant(client, ns, &sa, simkube_ns, &choice, opts.dry_run).await?;
    changes.extend(granted.changes);

    let src_secrets: Api<Secret> = Api::namespaced(client.clone(), simkube_ns);
    let wanted = match &opts.secrets {
        Some(s) => s.clone(),
        None if !ctrl_secrets.is_empty() => ctrl_secrets,
        None => match src_secrets
            .get_opt("simkube")
            .await
            .map_err(|e| kube_error("get", &format!("secrets simkube in namespace {simkube_ns}"), e))?
        {
            Some(_) => vec!["simkube".into()],
            None => vec![],
        },
    };
    let dst_secrets: Api<Secret> = Api::namespaced(client.clone(), ns);
    for name in &wanted {
        let src = src_secrets
            .get_opt(name)
            .await
            .map_err(|e| kube_error("get", &format!("secrets {name} in namespace {simkube_ns}"), e))?
            .ok_or_else(|| {
                Error::bad_input(
                    format!("secret {name:?} not found in namespace {simkube_ns}, so it cannot be copied to {ns}"),
                    Some("create it there first, or pass --secret with the right name".into()),
                )
            })?;
        // Only what the Secret says, never what the server set on it (uid, resourceVersion, …).
        let copy = Secret {
            metadata: ObjectMeta {
                labels: Some(BTreeMap::from([(MANAGED_BY.0.into(), MANAGED_BY.1.into())])),
                ..meta(name, Some(ns))
            },
            data: src.data,
            type_: src.type_,
            ..Default::default()
        };
        changes.push(apply(&dst_secrets, name, &copy, opts.dry_run, "secret").await?);
    }
    staged.secrets = wanted;
    let mut nodes = vec![];
    match (&opts.trace, &opts.stage) {
        (None, Some(Method::Url(url))) => staged.trace_path = Some(url.clone()),
        (Some(trace), Some(method)) => {
            // Pods need the namespace and ServiceAccount made above; a node folder does not, but
            // one order for every method keeps the report's order the same.
            let sha = staged.trace_sha256.clone().expect("set above");
            let place = Place { namespace: ns, service_account: &sa };
            let done = stage(client, &place, method, trace, &sha, opts.dry_run).await?;
            staged.trace_path = Some(done.trace_path);
            staged.node_file = done.node_file;
            changes.extend(done.changes);
            if let Method::Pods { image, timeout } = method {
                staged.stage_image = Some(image.clone());
                staged.stage_timeout_s = Some(timeout.as_secs());
                staged.stage_nodes =
                    done.nodes.iter().filter(|n| n.skipped.is_none()).map(|n| n.node.clone()).collect();
            }
            nodes = done.nodes;
        }
        _ => {}
    }
    if !opts.dry_run {
        annotate(client, &staged, opts.stage.as_ref()).await?;
        save_staged(&staged)?;
    }
    Ok(Report { changes, staged, cluster_role_note: granted.note, nodes })
}
