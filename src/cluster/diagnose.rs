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
    /// sk-ctrl has not reconciled the Simulation at all (no status, no SimulationRoot): it is not
    /// running, or its watch of Simulations has stalled.
    ControllerIdle { simulation: String, simkube_ns: String, waited_s: u64, metaroot: bool },
    /// The API server refused the driver something: its ServiceAccount lacks a permission.
    DriverForbidden { detail: String, namespace: String },
    /// The driver exited with an error; `detail` is its own error or panic message.
    DriverExited { exit_code: i32, detail: String, simulation: String },
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
            Cause::DriverForbidden { detail, .. } => format!("the API server refused the driver: {detail}"),
            Cause::ControllerIdle { simulation, simkube_ns, waited_s, metaroot } => format!(
                "sk-ctrl has not picked up Simulation {simulation} after {waited_s}s: it has no status{}. sk-ctrl in \
                 namespace {simkube_ns} is not running, or it does not see new Simulations (after an API server restart \
                 sk-ctrl 2.7.0 was seen blind for 30 s and more, then reconciling Simulations already deleted)",
                if *metaroot { "" } else { " and no SimulationRoot" }
            ),
            Cause::DriverExited { exit_code, detail, .. } => {
                format!("the driver exited with code {exit_code}: {detail}")
            }
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
            Cause::ControllerIdle { simkube_ns, .. } => format!(
                "restart sk-ctrl: kubectl -n {simkube_ns} rollout restart deployment sk-ctrl-depl, then run the step again \
                 (its log: kubectl -n {simkube_ns} logs deploy/sk-ctrl-depl)"
            ),
            Cause::DriverForbidden { namespace, .. } => format!(
                "kubectl skstep prep-ns {namespace} --trace FILE (grants what the trace's kinds need), or --cluster-role NAME with a role that allows it"
            ),
            Cause::DriverExited { simulation, .. } if simulation.is_empty() => {
                "kubectl skstep logs -n NS for the driver's full log".into()
            }
            Cause::DriverExited { simulation, .. } => {
                format!("kubectl skstep logs {simulation} for the driver's full log")
            }
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
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        return Some(from_log(log_tail, &ns).unwrap_or_else(|| Cause::DriverExited {
            exit_code: t.exit_code,
            detail: driver_error(log_tail),
            simulation: simulation_of(pod),
        }));
    }
    None
}

/// The Simulation a driver pod runs for: its Job is `sk-<sim>-driver` (sk-ctrl's name).
fn simulation_of(pod: &Pod) -> String {
    let labels = pod.metadata.labels.as_ref();
    let job = labels.and_then(|l| l.get("batch.kubernetes.io/job-name").or_else(|| l.get("job-name")));
    job.and_then(|j| j.strip_prefix("sk-")).and_then(|j| j.strip_suffix("-driver")).unwrap_or_default().to_string()
}

/// What the driver's log says went wrong, for causes with a fix of their own.
pub fn from_log(log: &str, namespace: &str) -> Option<Cause> {
    let log = strip_ansi(log);
    if let Some(i) = log.find("could not parse trace file") {
        let tail: String =
            log[i..].lines().take(6).collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
        return Some(Cause::TraceUnparseable { detail: tail });
    }
    // kube's error for a 403: `ApiError: <the API server's message>: Forbidden (ErrorResponse …`.
    let line = log.lines().find(|l| l.contains(" is forbidden: User "))?;
    let start = line.find("ApiError: ").map_or(0, |i| i + "ApiError: ".len());
    let msg = &line[start..];
    let msg = msg.split(" (ErrorResponse").next().unwrap_or(msg).trim();
    Some(Cause::DriverForbidden { detail: clip(msg), namespace: namespace.into() })
}

fn clip(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 400 { format!("{}…", s.chars().take(400).collect::<String>()) } else { s.to_string() }
}

/// Terminal colour codes (`ESC [ … m`), which tracing's formatter writes whatever the output.
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// A line of a backtrace rather than of a message: `  12: frame`, `      at file:1:2`,
/// `-- <skipped 3 frames> --`, and the headers around them.
fn is_backtrace(line: &str) -> bool {
    let t = line.trim();
    let numbered = t.split_once(':').is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    numbered
        || t.starts_with("at ")
        || t.starts_with("-- <skipped")
        || t == "stack backtrace:"
        || t == "Partial Stack Trace:"
        || t.starts_with("note: Some details are omitted")
        || t.starts_with("note: run with `RUST_BACKTRACE")
}

/// The driver's own words for why it stopped, from its log: a panic's message (`thread '…'
/// panicked at FILE:LINE:COL:` and the line after it), else the error sk-core's `skerr!` logs
/// after `driver failed` (before its stack trace), else the last line that is no backtrace frame.
pub fn driver_error(log: &str) -> String {
    let log = strip_ansi(log);
    let lines: Vec<&str> = log.lines().collect();
    if let Some(i) = lines.iter().position(|l| l.contains("panicked at ")) {
        let at = lines[i].split("panicked at ").nth(1).unwrap_or("").trim_end_matches(':').trim();
        // Since Rust 1.73 the message is on the next line; before, after the location.
        let msg = lines[i + 1..].iter().take_while(|l| !is_backtrace(l) && !l.trim().is_empty()).copied();
        let msg: Vec<&str> = msg.collect();
        return clip(&format!("panicked at {at}: {}", msg.join(" ")));
    }
    if let Some(i) = lines.iter().rposition(|l| l.contains("driver failed")) {
        let msg: Vec<&str> = lines[i + 1..]
            .iter()
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| !l.trim().is_empty() && !is_backtrace(l))
            .map(|l| l.trim())
            .collect();
        if !msg.is_empty() {
            return clip(&msg.join(" "));
        }
    }
    match lines.iter().rev().find(|l| !l.trim().is_empty() && !is_backtrace(l)) {
        Some(l) => clip(l),
        None => "(no log)".into(),
    }
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
        assert_eq!(
            from_pod(&pod, "boom\n"),
            Some(Cause::DriverExited { exit_code: 1, detail: "boom".into(), simulation: String::new() })
        );
    }

    #[test]
    fn the_drivers_own_message_is_quoted_not_a_backtrace_frame() {
        // A panic as Rust prints it with RUST_BACKTRACE=1 (sk-ctrl sets it for the driver).
        let panic = "2026-12-01T21:00:00Z  INFO sk_driver: applying apps/v1.Deployment x/y\n\
thread 'tokio-runtime-worker' panicked at sk-driver/src/runner.rs:190:50:\n\
called `Option::unwrap()` on a `None` value\n\
stack backtrace:\n   0: rust_begin_unwind\n             at /rustc/abc/library/std/src/panicking.rs:1:1\n\
  45: clone3\n             at ./misc/../sysdeps/unix/sysv/linux/x86_64/clone3.S:81:0\n";
        assert_eq!(
            driver_error(panic),
            "panicked at sk-driver/src/runner.rs:190:50: called `Option::unwrap()` on a `None` value"
        );
        // sk-core's skerr!: the error after `driver failed`, then its partial stack trace.
        let skerr = "\u{1b}[2m2026-12-01T21:00:00Z\u{1b}[0m \u{1b}[31mERROR\u{1b}[0m sk_driver: driver failed\n\n\
ApiError: namespaces \"virtual-x\" is being terminated: Conflict (ErrorResponse { status: \"Failure\" })\n\n\
Partial Stack Trace:\n\n   4: sk_driver::runner::run_trace\n             at sk-driver/src/runner.rs:1:1\n      -- <skipped 3 frames> --\n";
        assert_eq!(
            driver_error(skerr),
            "ApiError: namespaces \"virtual-x\" is being terminated: Conflict (ErrorResponse { status: \"Failure\" })"
        );
        assert_eq!(driver_error("one\n  12: frame\n      at x.rs:1:2\n"), "one");
        assert_eq!(driver_error(""), "(no log)");
        let c = Cause::DriverExited { exit_code: 1, detail: "x".into(), simulation: "skstep-a-1".into() };
        assert_eq!(c.fix(), "kubectl skstep logs skstep-a-1 for the driver's full log");
        let mut pod = Pod::default();
        pod.metadata.labels = Some([("job-name".to_string(), "sk-skstep-a-1-driver".to_string())].into());
        assert_eq!(simulation_of(&pod), "skstep-a-1");
    }

    #[test]
    fn a_refused_driver_names_the_permission_and_prep_ns() {
        let log = "ERROR sk_driver: driver failed\n\nApiError: namespaces is forbidden: User \"system:serviceaccount:d:sk-ctrl-sa\" cannot create resource \"namespaces\" in API group \"\" at the cluster scope: Forbidden (ErrorResponse { status: \"Failure\" })\n";
        match from_log(log, "d") {
            Some(c @ Cause::DriverForbidden { .. }) => {
                assert_eq!(
                    c.message(),
                    "the API server refused the driver: namespaces is forbidden: User \"system:serviceaccount:d:sk-ctrl-sa\" cannot create resource \"namespaces\" in API group \"\" at the cluster scope: Forbidden"
                );
                assert!(c.fix().starts_with("kubectl skstep prep-ns d --trace FILE"), "{}", c.fix());
            }
            other => panic!("{other:?}"),
        }
    }
}
