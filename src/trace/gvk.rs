//! GroupVersionKind strings as SimKube writes them: `group/version.Kind`, core group `v1.Pod`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gvk {
    pub group: String,
    pub version: String,
    pub kind: String,
}

impl Gvk {
    /// Parses exactly as sk-core 2.7.0's GVK deserializer: at most one `/`, then exactly one `.`.
    pub fn parse(s: &str) -> Option<Gvk> {
        let parts: Vec<&str> = s.split('/').collect();
        let (group, rest) = match parts.as_slice() {
            [g, r] => (*g, *r),
            [r] => ("", *r),
            _ => return None,
        };
        let vk: Vec<&str> = rest.split('.').collect();
        match vk.as_slice() {
            [v, k] => Some(Gvk { group: group.into(), version: (*v).into(), kind: (*k).into() }),
            _ => None,
        }
    }

    /// From an object's `apiVersion` and `kind`.
    pub fn from_api_version(api_version: &str, kind: &str) -> Option<Gvk> {
        let (group, version) = match api_version.split_once('/') {
            Some((g, v)) if !v.contains('/') => (g, v),
            None => ("", api_version),
            _ => return None,
        };
        if version.is_empty() || kind.is_empty() {
            return None;
        }
        Some(Gvk { group: group.into(), version: version.into(), kind: kind.into() })
    }

    pub fn new(group: &str, version: &str, kind: &str) -> Gvk {
        Gvk { group: group.into(), version: version.into(), kind: kind.into() }
    }
}

impl fmt::Display for Gvk {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.group.is_empty() {
            write!(f, "{}.{}", self.version, self.kind)
        } else {
            write!(f, "{}/{}.{}", self.group, self.version, self.kind)
        }
    }
}

/// sk-core 2.7.0's `KNOWN_GVKS_METADATA`: the pod template paths SimKube knows by default. A
/// tracked object config may only name these exact paths for these GVKs (anything else is
/// `Invalid path`), and any other GVK must name its own path (or it is `Missing pod spec path`).
pub fn known_template_paths(gvk: &Gvk) -> Option<&'static [&'static str]> {
    Some(match (gvk.group.as_str(), gvk.version.as_str(), gvk.kind.as_str()) {
        ("batch", "v1", "CronJob") => &["/spec/jobTemplate/spec/template"],
        ("apps", "v1", "DaemonSet") => &["/spec/template"],
        ("apps", "v1", "Deployment") => &["/spec/template"],
        ("batch", "v1", "Job") => &["/spec/template"],
        ("apps", "v1", "ReplicaSet") => &["/spec"],
        ("apps", "v1", "StatefulSet") => &["/spec/template"],
        ("", "v1", "Pod") => &[""],
        _ => return None,
    })
}

/// Kinds that live outside namespaces, so a missing namespace on them is normal.
pub fn is_cluster_scoped(kind: &str) -> bool {
    matches!(
        kind,
        "Namespace"
            | "Node"
            | "PersistentVolume"
            | "ClusterRole"
            | "ClusterRoleBinding"
            | "CustomResourceDefinition"
            | "StorageClass"
            | "PriorityClass"
            | "MutatingWebhookConfiguration"
            | "ValidatingWebhookConfiguration"
            | "APIService"
            | "Simulation"
            | "SimulationRoot"
            | "IngressClass"
            | "RuntimeClass"
            | "CSIDriver"
            | "CSINode"
            | "VolumeAttachment"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_sk_core() {
        assert_eq!(Gvk::parse("apps/v1.Deployment"), Some(Gvk::new("apps", "v1", "Deployment")));
        assert_eq!(Gvk::parse("v1.Pod"), Some(Gvk::new("", "v1", "Pod")));
        assert_eq!(Gvk::parse("/v1.Pod"), Some(Gvk::new("", "v1", "Pod")));
        assert_eq!(Gvk::parse("networking.k8s.io/v1.Ingress").unwrap().group, "networking.k8s.io");
        assert_eq!(Gvk::parse("apps/v1/Deployment"), None);
        assert_eq!(Gvk::parse("apps/v1Deployment"), None);
        assert_eq!(Gvk::parse("apps/v1.Deploy.ment"), None);
        assert_eq!(Gvk::new("", "v1", "Pod").to_string(), "v1.Pod");
        assert_eq!(Gvk::from_api_version("apps/v1", "Deployment").unwrap().to_string(), "apps/v1.Deployment");
        assert_eq!(Gvk::from_api_version("v1", "Pod").unwrap().to_string(), "v1.Pod");
    }
}
