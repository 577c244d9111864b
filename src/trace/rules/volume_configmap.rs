//! E0005 volume_configmap_missing: a pod volume needs a ConfigMap the trace never creates. A
//! kubelet would never mount it, so the pod would never start.

use super::{Check, Ref, Resource, Rule, Severity, missing_why};

pub const RULE: Rule = Rule {
    code: "E0005",
    name: "volume_configmap_missing",
    severity: Severity::Error,
    check: Check::Missing {
        resource: Resource::ConfigMap,
        refs: &[Ref { ptr: "/spec/volumes/*/configMap/name", remove: 3, volume: true }],
    },
    why: |name, _| {
        format!(
            "a kubelet would never start the pod (MountVolume.SetUp failed: `{}`)",
            missing_why(Resource::ConfigMap, name)
        )
    },
};
