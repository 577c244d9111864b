//! Recognising why a SimKube driver did not start or did not finish, from what the cluster
//! says about its Job and pod (events, container states) and from the driver's own log. Each
//! cause has a one-line explanation and the command that fixes it.

use k8s_openapi::api::core::v1::{Event, Pod};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum Cause {
    /// The Job cannot create its pod: the driver's ServiceAccount is missing in its namespace.
    ServiceAccountMissing { service_account: String, namespace: String },
    /// The trace is not where the driver pod's hostPath volume points.
    TraceNotStaged { detail: String, namespace: String },
    /// A Secret the driver pod needs is missing.
    SecretMissing { secret: String, namespace: String },
    /// The driver could not parse the trace.
    TraceUnparseable { detail: String },
    /// The driver image could not be pulled.
    ImagePull { image: String, detail: String },
    /// The driver exited with an error.
    DriverExited { exit_code: i32, detail: String },
}

impl Cause {
    pub fn message(&self) -> String {
        match self {
            Cause::ServiceAccountMissing { service_account, namespace } => {
                format!(
                    "serviceaccount \"{service_account}\" not found in namespace {namespace}: the driver Job cannot create its pod"
                )
            }
            Cause::TraceNotStaged { detail, .. } => format!("the trace is not on the node: {detail}"),
            Cause::SecretMissing { secret, namespace } => {
                format!("secret \"{secret}\" not found in namespace {namespace}")
            }
            Cause::TraceUnparseable { detail } => format!("the driver could not parse the trace: {detail}"),
            Cause::ImagePull { image, detail } => format!("the driver image {image} cannot be pulled: {detail}"),
            Cause::DriverExited { exit_code, detail } => format!("the driver exited with code {exit_code}: {detail}"),
        }
    }

    pub fn fix(&self) -> String {
        match self {
            Cause::ServiceAccountMissing { namespace, .. } => format!("kubectl skstep prep-ns {namespace}"),
            Cause::TraceNotStaged { namespace, .. } => {
                format!(
                    "kubectl skstep prep-ns {namespace} --trace FILE --stage pods (or --node-dir DIR, the host folder mounted at /data in the nodes)"
                )
            }
            Cause::SecretMissing { secret, namespace } => {
                format!("kubectl skstep prep-ns {namespace} --secret {secret}")
            }
            Cause::TraceUnparseable { .. } => {
                "kubectl skstep trace validate FILE, then kubectl skstep trace upgrade FILE -o FIXED".into()
            }
            Cause::ImagePull { .. } => {
                "pass --driver-image with an image your nodes can pull (by default the sk-driver of sk-ctrl's version, e.g. quay.io/appliedcomputing/sk-driver:v2.7.0)".into()
            }
            Cause::DriverExited { .. } => "kubectl skstep logs SIM for the driver's full log".into(),
        }
    }
}

fn quoted_after<'a>(msg: &'a str, what: &str) -> Option<&'a str> {
    let start = msg.find(&format!("{what} \""))? + what.len() + 2;
    let rest = &msg[start..];
    Some(&rest[..rest.find('"')?])
}

/// What the events say (Job events first, then pod events).
pub fn from_events(events: &[Event], namespace: &str) -> Option<Cause> {
    for e in events {
        let msg = e.message.as_deref().unwrap_or("");
        let reason = e.reason.as_deref().unwrap_or("");
        if msg.contains("serviceaccount") && msg.contains("not found") {
            let sa = quoted_after(msg, "serviceaccount").unwrap_or("?");
            return Some(Cause::ServiceAccountMissing { service_account: sa.into(), namespace: namespace.into() });
        }
        if msg.contains("hostPath type check failed") {
            return Some(Cause::TraceNotStaged { detail: msg.trim().into(), namespace: namespace.into() });
        }
        if msg.contains("secret") && msg.contains("not found") {
            let s = quoted_after(msg, "secret").unwrap_or("?");
            return Some(Cause::SecretMissing { secret: s.into(), namespace: namespace.into() });
        }
        if matches!(reason, "ErrImagePull" | "ImagePullBackOff" | "InspectFailed" | "ErrImageNeverPull")
            || msg.contains("Failed to pull image")
        {
            // The kubelet names the image: `Failed to pull image "X": …`, `Back-off pulling image "X"`.
            let image = quoted_after(msg, "pull image").or_else(|| quoted_after(msg, "pulling image")).unwrap_or("?");
            return Some(Cause::ImagePull { image: image.into(), detail: msg.trim().into() });
        }
    }
    None
}

/// What the driver pod's container state and log say.
pub fn from_pod(pod: &Pod, log_tail: &str) -> Option<Cause> {
    let image = pod.spec.as_ref().and_then(|s| s.containers.first()).and_then(|c| c.image.clone()).unwrap_or_default();
    let st = pod.status.as_ref()?.container_statuses.as_ref()?.first()?.state.as_ref()?;
    if let Some(w) = &st.waiting {
        let reason = w.reason.as_deref().unwrap_or("");
        if matches!(reason, "ErrImagePull" | "ImagePullBackOff" | "InvalidImageName" | "ErrImageNeverPull") {
            return Some(Cause::ImagePull {
                image,
                detail: format!("{reason}: {}", w.message.as_deref().unwrap_or("")),
            });
        }
        if reason == "CreateContainerConfigError" {
            let msg = w.message.as_deref().unwrap_or("");
            if let Some(s) = quoted_after(msg, "secret") {
                let ns = pod.metadata.namespace.clone().unwrap_or_default();
                return Some(Cause::SecretMissing { secret: s.into(), namespace: ns });
            }
        }
    }
    if let Some(t) = &st.terminated
        && t.exit_code != 0
    {
        return Some(
            from_log(log_tail)
                .unwrap_or_else(|| Cause::DriverExited { exit_code: t.exit_code, detail: last_line(log_tail) }),
        );
    }
    None
}

pub fn from_log(log: &str) -> Option<Cause> {
    let i = log.find("could not parse trace file")?;
    let tail: String =
        log[i..].lines().take(6).collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Cause::TraceUnparseable { detail: tail })
}

fn last_line(log: &str) -> String {
    log.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("(no log)").trim().chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{ContainerState, ContainerStateTerminated, ContainerStatus, PodStatus};

    use super::*;

    fn ev(reason: &str, msg: &str) -> Event {
        Event { reason: Some(reason.into()), message: Some(msg.into()), ..Default::default() }
    }

    #[test]
    fn recognises_the_seed_failures_from_real_messages() {
        let sa = ev(
            "FailedCreate",
            "Error creating: pods \"sk-x-driver-\" is forbidden: error looking up service account test-ns/sk-ctrl-sa: serviceaccount \"sk-ctrl-sa\" not found",
        );
        assert_eq!(
            from_events(&[sa], "test-ns"),
            Some(Cause::ServiceAccountMissing { service_account: "sk-ctrl-sa".into(), namespace: "test-ns".into() })
        );
        let hp = ev(
            "FailedMount",
            "MountVolume.SetUp failed for volume \"trace-data\" : hostPath type check failed: /data/trace is not a file",
        );
        assert!(matches!(from_events(&[hp], "ns"), Some(Cause::TraceNotStaged { .. })));
        let sec = ev("Failed", "Error: secret \"simkube\" not found");
        assert_eq!(
            from_events(&[sec], "ns"),
            Some(Cause::SecretMissing { secret: "simkube".into(), namespace: "ns".into() })
        );
        assert_eq!(from_events(&[ev("Scheduled", "Successfully assigned")], "ns"), None);
        let pull = ev(
            "Failed",
            "Failed to pull image \"quay.io/appliedcomputing/sk-driver:v9.9.9\": rpc error: code = NotFound desc = failed to pull and unpack image \"quay.io/appliedcomputing/sk-driver:v9.9.9\": not found",
        );
        match from_events(&[pull], "ns") {
            Some(c @ Cause::ImagePull { .. }) => {
                assert!(
                    c.message()
                        .starts_with("the driver image quay.io/appliedcomputing/sk-driver:v9.9.9 cannot be pulled")
                );
                assert!(c.fix().contains("--driver-image") && c.fix().contains("sk-driver:v2.7.0"), "{}", c.fix());
            }
            other => panic!("{other:?}"),
        }
        let c = Cause::SecretMissing { secret: "simkube".into(), namespace: "ns".into() };
        assert_eq!(c.fix(), "kubectl skstep prep-ns ns --secret simkube");
    }

    #[test]
    fn driver_exit_reads_the_log() {
        let pod = Pod {
            status: Some(PodStatus {
                container_statuses: Some(vec![ContainerStatus {
                    state: Some(ContainerState {
                        terminated: Some(ContainerStateTerminated { exit_code: 1, ..Default::default() }),
                        ..Default::default()
                    }),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        };
        let log = "INFO starting\nError: could not parse trace file\n\nCaused by:\n    missing field `config`\n";
        match from_pod(&pod, log) {
            Some(Cause::TraceUnparseable { detail }) => assert!(detail.contains("missing field `config`"), "{detail}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(from_pod(&pod, "boom\n"), Some(Cause::DriverExited { exit_code: 1, detail: "boom".into() }));
    }
}
