//! What `prep-ns` staged for a driver namespace: recorded in the cluster (the namespace's
//! annotations, so `run` and `doctor` from another machine or user see the same state) and cached
//! in a local file under the state directory (`SKSTEP_STATE_DIR`, else the data directory).

use std::path::PathBuf;

use k8s_openapi::api::core::v1::Namespace;
use kube::Api;
use kube::api::{Patch, PatchParams};
use serde::{Deserialize, Serialize};

use super::kube_error;
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

/// What `run` needs to know about a prepared namespace; kept under the data dir.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Staged {
    pub context: String,
    pub namespace: String,
    pub service_account: String,
    pub secrets: Vec<String>,
    /// The Simulation's `tracePath`.
    pub trace_path: Option<String>,
    pub trace_sha256: Option<String>,
    pub trace_source: Option<String>,
    pub node_file: Option<PathBuf>,
    /// Set when staged with `--stage pods`: the image of the staging pods, and the nodes copied to.
    pub stage_image: Option<String>,
    pub stage_timeout_s: Option<u64>,
    pub stage_nodes: Vec<String>,
}

/// The namespace annotation holding what `prep-ns` staged (the whole record, JSON), so `run` and
/// `doctor` from another machine or user see the same state; the local file is a cache.
pub const PREPARED_ANNOTATION: &str = "skstep.io/prepared";
/// Readable summaries beside it.
pub const TRACE_PATH_ANNOTATION: &str = "skstep.io/trace-path";
pub const TRACE_SHA_ANNOTATION: &str = "skstep.io/trace-sha256";
pub const METHOD_ANNOTATION: &str = "skstep.io/stage-method";

pub(crate) async fn annotate(
    client: &kube::Client,
    staged: &Staged,
    method: Option<&super::stage::Method>,
) -> Result<()> {
    let record = Staged { context: String::new(), ..staged.clone() };
    let patch = serde_json::json!({"metadata": {"annotations": {
        PREPARED_ANNOTATION: serde_json::to_string(&record).expect("serialises"),
        TRACE_PATH_ANNOTATION: staged.trace_path,
        TRACE_SHA_ANNOTATION: staged.trace_sha256,
        METHOD_ANNOTATION: method.map(|m| m.label()),
    }}});
    let api: Api<Namespace> = Api::all(client.clone());
    api.patch(&staged.namespace, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .map_err(|e| kube_error("patch", &format!("namespaces {}", staged.namespace), e))?;
    Ok(())
}

/// What `prep-ns` staged for `ns`, as the cluster says (the namespace's annotation; cached in
/// the local file), else as the local file says (a namespace prepared before annotations).
pub async fn load_prepared(client: &kube::Client, context: &str, ns: &str) -> Result<Option<Staged>> {
    let api: Api<Namespace> = Api::all(client.clone());
    let found = api.get_opt(ns).await.map_err(|e| kube_error("get", &format!("namespaces {ns}"), e))?;
    let Some(found) = found else { return Ok(None) };
    match found.metadata.annotations.as_ref().and_then(|a| a.get(PREPARED_ANNOTATION)) {
        Some(json) => {
            let mut s: Staged = serde_json::from_str(json).map_err(|e| {
                Error::bad_input(
                    format!("namespace {ns}: annotation {PREPARED_ANNOTATION} is not readable ({e})"),
                    Some(format!("re-run kubectl skstep prep-ns {ns}")),
                )
            })?;
            s.context = context.into();
            s.namespace = ns.into();
            if load_staged(context, ns)?.as_ref() != Some(&s) {
                save_staged(&s)?;
            }
            Ok(Some(s))
        }
        None => load_staged(context, ns),
    }
}

fn staged_path(context: &str, ns: &str) -> Result<PathBuf> {
    let base = match std::env::var_os("SKSTEP_STATE_DIR") {
        Some(d) => PathBuf::from(d),
        None => dirs::data_dir().ok_or_else(|| Error::usage("no user data directory", None))?.join("kubectl-skstep"),
    };
    let safe = |s: &str| {
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' }).collect::<String>()
    };
    Ok(base.join("staged").join(safe(context)).join(format!("{}.json", safe(ns))))
}

pub fn save_staged(s: &Staged) -> Result<()> {
    let p = staged_path(&s.context, &s.namespace)?;
    let dir = p.parent().expect("has parent");
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = AtomicOut::create(&p)?;
    std::io::Write::write_all(out.writer(), serde_json::to_string_pretty(s).expect("serialises").as_bytes())
        .map_err(|e| out.io(e))?;
    out.commit()
}

pub fn load_staged(context: &str, ns: &str) -> Result<Option<Staged>> {
    let p = staged_path(context, ns)?;
    match std::fs::read(&p) {
        Ok(b) => serde_json::from_slice(&b).map(Some).map_err(|e| {
            Error::bad_input(
                format!("{}: unreadable ({e})", p.display()),
                Some(format!("re-run kubectl skstep prep-ns {ns}")),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&p, e)),
    }
}
