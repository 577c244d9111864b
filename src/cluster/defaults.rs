//! Defaults matched to the SimKube the cluster runs: the driver image is the sk-driver of
//! sk-ctrl's own version.

use k8s_openapi::api::apps::v1::Deployment;
use kube::Api;
use kube::api::ListParams;
use serde::Serialize;

use super::kube_error;

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
/// fallback with the reason.
pub async fn driver_image(client: &kube::Client, simkube_ns: &str) -> DriverImage {
    let fallback = |why: String| DriverImage {
        image: format!("{DRIVER_REPO}:{FALLBACK_TAG}"),
        source: format!("default {FALLBACK_TAG}: {why}"),
    };
    let deps: Api<Deployment> = Api::namespaced(client.clone(), simkube_ns);
    let list = match deps.list(&ListParams::default()).await {
        Ok(l) => l,
        Err(e) => {
            return fallback(format!(
                "sk-ctrl's version could not be read ({})",
                kube_error("list", &format!("deployments in namespace {simkube_ns}"), e)
            ));
        }
    };
    let ctrl = list.items.iter().find(|d| d.metadata.name.as_deref().is_some_and(|n| n.contains("sk-ctrl")));
    let image = ctrl
        .and_then(|d| d.spec.as_ref())
        .and_then(|s| s.template.spec.as_ref())
        .and_then(|p| p.containers.first())
        .and_then(|c| c.image.clone());
    match (ctrl, image.as_deref().and_then(tag_of)) {
        (None, _) => fallback(format!("no sk-ctrl Deployment in namespace {simkube_ns}")),
        (Some(_), None) => fallback(format!("sk-ctrl's image {:?} has no tag", image.unwrap_or_default())),
        (Some(_), Some(tag)) => DriverImage {
            image: format!("{DRIVER_REPO}:{tag}"),
            source: format!("sk-ctrl's version ({} in namespace {simkube_ns})", image.as_deref().unwrap_or_default()),
        },
    }
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
