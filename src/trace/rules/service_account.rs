//! E0001 service_account_missing: a pod template names a ServiceAccount the trace never
//! creates. The ServiceAccount admission plugin refuses every pod of it, so none is created.

use super::{Check, Ref, Resource, Rule, Severity, missing_why};

pub const RULE: Rule = Rule {
    code: "E0001",
    name: "service_account_missing",
    severity: Severity::Error,
    check: Check::Missing {
        resource: Resource::ServiceAccount,
        refs: &[
            // serviceAccount is deprecated but still honoured
            Ref { ptr: "/spec/serviceAccount", remove: 2, volume: false },
            Ref { ptr: "/spec/serviceAccountName", remove: 2, volume: false },
        ],
    },
    why: |name, ns| {
        format!(
            "its pods are never created: the API server refuses them (`error looking up service account \
             virtual-{ns}/{name}: {}`)",
            missing_why(Resource::ServiceAccount, name)
        )
    },
};
