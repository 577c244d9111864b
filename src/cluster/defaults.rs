//! Defaults matched to the SimKube the cluster runs: the driver image is the sk-driver of
//! sk-ctrl's own version.

use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use kube::Api;
use kube::api::ListParams;
use serde::Serialize;

use super::kube_error;
use super::wait::{Phase, Retries, retry_api};
use crate::error::Result;

pub const DRIVER_REPO: &str = "quay.io/appliedcomputing/sk-driver";
/// The SimKube version the trace parser is checked against; the default where sk-ctrl's own
/// version cannot be read.
pub const FALLBACK_TAG: &str = "v2.7.0";

/// The driver image chosen, and why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DriverImage {
    pub image: String,
    pub source: String,
}

/// The tag of an image reference (`repo:tag`, `host:port/repo:tag`, `repo:tag@sha256:…`).
pub fn tag_of(image: &str) -> Option<&str> {
    let no_digest = image.split('@').next()?;
    let last = no_digest.rsplit('/').next()?;
    last.split_once(':').map(|(_, t)| t).filter(|t| !t.is_empty())
}

/// `quay.io/appliedcomputing/sk-driver:<tag of sk-ctrl's image in simkube_ns>`, else the
/// fallback with the reason. An API server that does not answer within `limit` (retried as every
/// call is) is an error: no step could run there anyway.
pub async fn driver_image(client: &kube::Client, simkube_ns: &str, limit: Duration) -> Result<DriverImage> {
    let fallback = |why: String| DriverImage {
        image: format!("{DRIVER_REPO}:{FALLBACK_TAG}"),
        source: format!("default {FALLBACK_TAG}: {why}"),
    };
    let deps: Api<Deployment> = Api::namespaced(client.clone(), simkube_ns);
    let phase = Phase::new("driver image", limit, &Retries::default());
    let what = format!("deployments in namespace {simkube_ns}");
    let listed = retry_api(&phase, &format!("list {what}"), || async {
        deps.list(&ListParams::default()).await.map_err(|e| kube_error("list", &what, e))
    })
    .await;
    let list = match listed {
        Ok(l) => l,
        Err(e) if e.is_transient() => return Err(e),
        Err(e) => return Ok(fallback(format!("sk-ctrl's version could not be read ({e})"))),
    };
    let ctrl = list.items.iter().find(|d| d.metadata.name.as_deref().is_some_and(|n| n.contains("sk-ctrl")));
    let image = ctrl
        .and_then(|d| d.spec.as_ref())
        .and_then(|s| s.template.spec.as_ref())
        .and_then(|p| p.containers.first())
        .and_then(|c| c.image.clone());
    Ok(match (ctrl, image.as_deref().and_then(tag_of)) {
        (None, _) => fallback(format!("no sk-ctrl Deployment in namespace {simkube_ns}")),
        (Some(_), None) => fallback(format!("sk-ctrl's image {:?} has no tag", image.unwrap_or_default())),
        (Some(_), Some(tag)) => DriverImage {
            image: format!("{DRIVER_REPO}:{tag}"),
            source: format!("sk-ctrl's version ({} in namespace {simkube_ns})", image.as_deref().unwrap_or_default()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(tag_of("quay.io/appliedcomputing/sk-ctrl:v2.7.0"), Some("v2.7.0"));
        assert_eq!(tag_of("localhost:5000/sk-ctrl:dev"), Some("dev"));
        assert_eq!(tag_of("localhost:5000/sk-ctrl"), None);
        assert_eq!(tag_of("sk-ctrl:v2.6.1@sha256:abc"), Some("v2.6.1"));
        assert_eq!(tag_of("sk-ctrl"), None);
    }
}
