//! E0003 envvar_configmap_missing: a container's env var (`valueFrom.configMapKeyRef`) or
//! `envFrom` (`configMapRef`) needs a ConfigMap the trace never creates. A kubelet would not
//! start the container.

use super::{Check, Ref, Resource, Rule, Severity, missing_why};

pub const RULE: Rule = Rule {
    code: "E0003",
    name: "envvar_configmap_missing",
    severity: Severity::Error,
    check: Check::Missing {
        resource: Resource::ConfigMap,
        refs: &[
            // skctl 2.7 looks up the key (not the name) of a configMapKeyRef as the ConfigMap's name.
            Ref { ptr: "/spec/containers/*/env/*/valueFrom/configMapKeyRef/key", remove: 5, volume: false },
            Ref { ptr: "/spec/containers/*/envFrom/*/configMapRef/name", remove: 5, volume: false },
        ],
    },
    why: |name, _| {
        format!(
            "a kubelet would not start the container (CreateContainerConfigError: `{}`)",
            missing_why(Resource::ConfigMap, name)
        )
    },
};
