//! E0004 volume_secret_missing: a pod volume needs a Secret the trace never creates. A kubelet
//! would never mount it, so the pod would never start.

use super::{Check, Ref, Resource, Rule, Severity, missing_why};

pub const RULE: Rule = Rule {
    code: "E0004",
    name: "volume_secret_missing",
    severity: Severity::Error,
    check: Check::Missing {
        resource: Resource::Secret,
        refs: &[Ref { ptr: "/spec/volumes/*/secret/secretName", remove: 3, volume: true }],
    },
    why: |name, _| {
        format!(
            "a kubelet would never start the pod (MountVolume.SetUp failed: `{}`)",
            missing_why(Resource::Secret, name)
        )
    },
};
