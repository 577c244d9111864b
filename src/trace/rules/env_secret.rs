//! E0002 envvar_secret_missing: a container's env var (`valueFrom.secretKeyRef`) or `envFrom`
//! (`secretRef`) needs a Secret the trace never creates. A kubelet would not start the container.

use super::{Check, Ref, Resource, Rule, Severity, missing_why};

pub const RULE: Rule = Rule {
    code: "E0002",
    name: "envvar_secret_missing",
    severity: Severity::Error,
    check: Check::Missing {
        resource: Resource::Secret,
        refs: &[
            // skctl 2.7 looks up the key (not the name) of a secretKeyRef as the Secret's name.
            Ref { ptr: "/spec/containers/*/env/*/valueFrom/secretKeyRef/key", remove: 5, volume: false },
            Ref { ptr: "/spec/containers/*/envFrom/*/secretRef/name", remove: 5, volume: false },
        ],
    },
    why: |name, _| {
        format!(
            "a kubelet would not start the container (CreateContainerConfigError: `{}`)",
            missing_why(Resource::Secret, name)
        )
    },
};
