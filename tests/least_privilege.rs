//! Least privilege on the test cluster with SimKube's real sk-ctrl and sk-driver 2.7.0: the
//! ClusterRole `prep-ns` makes by default lets the driver do a whole step (replay, lease, its own
//! cleanup) with no forbidden error in its log; a narrower role is refused and named; `cleanup`
//! and `prep-ns --undo` leave no binding, role or Secret of ours.
//!
//! Without KUBECONFIG these tests FAIL unless SKSTEP_NO_CLUSTER=1 (then they are skipped).

mod common;

use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use k8s_openapi::api::core::v1::{Namespace, Secret};
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use kube::Client;
use kube::api::{Api, DeleteParams, ListParams};
use sk_api::v1::{Simulation, SimulationState};

struct Scratch {
    state: tempfile::TempDir,
    runs: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch { state: tempfile::tempdir().unwrap(), runs: tempfile::tempdir().unwrap() }
    }

    fn cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::cargo_bin("kubectl-skstep").unwrap();
        c.env("SKSTEP_STATE_DIR", self.state.path());
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn run(&self, ns: &str, extra: &[&str]) -> (Option<i32>, String, serde_json::Value) {
        let out = self
            .cmd()
            .args(["run", "--ns", ns, "--deploy", "web", "--target", "2", "--runs-dir"])
            .arg(self.runs.path())
            .arg("--trace")
            .arg(web_trace())
            .args(extra)
            .output()
            .unwrap();
        let recs = std::fs::read_to_string(self.runs.path().join("step.jsonl")).unwrap_or_default();
        let last = recs.lines().last().map(|l| serde_json::from_str(l).unwrap()).unwrap_or_default();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned(), last)
    }
}

fn web_trace() -> std::path::PathBuf {
    common::trace("simarena-demo-deprecated-path.msgpack")
}

/// Every grant of ours that names driver namespace `ns`, as `kind/name` lines.
async fn grants_of(c: &Client, ns: &str) -> Vec<String> {
    let ours = ListParams::default().labels("app.kubernetes.io/managed-by=kubectl-skstep");
    let mut left = vec![];
    for b in Api::<ClusterRoleBinding>::all(c.clone()).list(&ours).await.unwrap().items {
        if b.subjects.iter().flatten().any(|s| s.namespace.as_deref() == Some(ns)) {
            left.push(format!("clusterrolebinding/{}", b.metadata.name.unwrap()));
        }
    }
    for b in Api::<ClusterRoleBinding>::all(c.clone()).list(&ListParams::default()).await.unwrap().items {
        let name = b.metadata.name.clone().unwrap();
        if name.contains(ns) && !left.contains(&format!("clusterrolebinding/{name}")) {
            left.push(format!("clusterrolebinding/{name}"));
        }
    }
    let by_ns = ListParams::default().labels(&format!("skstep.io/driver-namespace={ns}"));
    for r in Api::<ClusterRole>::all(c.clone()).list(&by_ns).await.unwrap().items {
        left.push(format!("clusterrole/{}", r.metadata.name.unwrap()));
    }
    for r in Api::<Role>::namespaced(c.clone(), "simkube").list(&by_ns).await.unwrap().items {
        left.push(format!("role/{}", r.metadata.name.unwrap()));
    }
    for r in Api::<RoleBinding>::namespaced(c.clone(), "simkube").list(&by_ns).await.unwrap().items {
        left.push(format!("rolebinding/{}", r.metadata.name.unwrap()));
    }
    for s in Api::<Secret>::namespaced(c.clone(), ns).list(&ours).await.unwrap().items {
        left.push(format!("secret/{}", s.metadata.name.unwrap()));
    }
    left
}

async fn finished(c: &Client, sim: &str) -> Simulation {
    let api: Api<Simulation> = Api::all(c.clone());
    common::eventually(&format!("Simulation {sim} to finish"), Duration::from_secs(120), || {
        let api = api.clone();
        let sim = sim.to_string();
        async move {
            let s = api.get(&sim).await.map_err(|e| e.to_string())?;
            let state = s.status.as_ref().and_then(|st| st.state.clone());
            match state {
                Some(SimulationState::Finished | SimulationState::Failed) => Ok(Some(s)),
                other => Err(format!("state {other:?}")),
            }
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_step_under_the_default_role_has_no_forbidden_error_and_cleanup_leaves_no_grant() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "least-privilege") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("lp");
    let trace = web_trace();
    let prep = s.ok(&["prep-ns", &ns, "--trace", trace.to_str().unwrap()]);
    let role = format!("skstep-driver-{ns}");
    assert!(prep.contains(&format!("is bound to ClusterRole {role}, made for the kinds of trace")), "{prep}");
    assert!(prep.contains("--cluster-role NAME binds another"), "the alternative is said: {prep}");
    let cr = Api::<ClusterRole>::all(c.clone()).get(&role).await.unwrap();
    let rules = cr.rules.unwrap_or_default();
    for r in &rules {
        assert!(!r.verbs.iter().any(|v| v == "*"), "no wildcard verb: {r:?}");
        assert!(!r.resources.iter().flatten().any(|x| x == "*"), "no wildcard resource: {r:?}");
        assert!(!r.resources.iter().flatten().any(|x| x == "secrets"), "secrets are not the driver's: {r:?}");
    }
    assert!(rules.iter().any(|r| r.resources.iter().flatten().any(|x| x == "deployments")), "the trace's kind");
    let crb = Api::<ClusterRoleBinding>::all(c.clone()).get(&format!("skstep-{ns}-sk-ctrl-sa")).await.unwrap();
    assert_eq!(crb.role_ref.name, role, "not cluster-admin");

    // A whole step, kept so the driver runs to its own end (lease update, cleanup of its root).
    let (code, err, rec) = s.run(&ns, &["--duration", "10s", "--grace", "5s", "--keep"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(rec["outcome"], "ok", "{rec}");
    assert_eq!(rec["obs"], serde_json::json!({"ready": 2, "pending": 0, "total": 2}), "{rec}");
    let sim = rec["sim_name"].as_str().unwrap().to_string();
    let done = finished(&c, &sim).await;
    let log = s.ok(&["logs", &sim]);
    assert!(log.contains("Imported 2 events"), "{log}");
    assert!(log.contains("All objects deleted!"), "the driver's own cleanup ran:\n{log}");
    assert!(!log.to_lowercase().contains("forbidden"), "a forbidden error in the driver's log:\n{log}");
    assert_eq!(done.status.and_then(|s| s.state), Some(SimulationState::Finished));
    Api::<Simulation>::all(c.clone()).delete(&sim, &DeleteParams::default()).await.unwrap();

    // cleanup removes every grant, the copied Secret and the namespace's record.
    assert!(!grants_of(&c, &ns).await.is_empty());
    let out = s.ok(&["cleanup", "--ns", &ns]);
    assert!(out.contains(&format!("clusterrole {role}")) && out.contains("no longer prepared"), "{out}");
    assert_eq!(grants_of(&c, &ns).await, Vec::<String>::new(), "left after cleanup:\n{out}");
    let n = Api::<Namespace>::all(c.clone()).get(&ns).await.unwrap();
    assert!(!n.metadata.annotations.unwrap_or_default().contains_key("skstep.io/prepared"));
    // So a step there is refused as unprepared, not run with nothing granted.
    let (code, err, _) = s.run(&ns, &["--duration", "5s"]);
    assert_ne!(code, Some(0), "{err}");
    assert!(err.contains("prep-ns"), "{err}");
    let _ = Api::<Namespace>::all(c.clone()).delete(&ns, &DeleteParams::default()).await;
}

/// `--cluster-role view` (a real, narrower role): the driver is refused at its first call, the
/// step says which permission and that prep-ns grants it; `--undo` removes our binding and
/// Secret but never the role we did not make.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_narrower_role_is_refused_and_named_and_undo_removes_only_ours() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "least-privilege-narrow") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("lp-view");
    let trace = web_trace();
    let prep = s.ok(&["prep-ns", &ns, "--trace", trace.to_str().unwrap(), "--cluster-role", "view"]);
    assert!(prep.contains("is bound to ClusterRole view (--cluster-role)"), "{prep}");
    assert!(Api::<ClusterRole>::all(c.clone()).get_opt(&format!("skstep-driver-{ns}")).await.unwrap().is_none());
    let (code, err, rec) = s.run(&ns, &["--duration", "5s"]);
    assert_eq!(code, Some(4), "{err}");
    assert_eq!(rec["outcome"], "failed", "{rec}");
    assert!(err.contains("the API server refused the driver"), "{err}");
    assert!(err.contains("cannot get resource \"simulations\" in API group \"simkube.io\""), "{err}");
    assert!(err.contains(&format!("kubectl skstep prep-ns {ns} --trace FILE")), "{err}");
    let undo = s.ok(&["prep-ns", &ns, "--undo"]);
    assert!(undo.contains("clusterrolebinding") && undo.contains("secret"), "{undo}");
    assert_eq!(grants_of(&c, &ns).await, Vec::<String>::new(), "left after --undo:\n{undo}");
    assert!(Api::<ClusterRole>::all(c.clone()).get_opt("view").await.unwrap().is_some(), "not ours: kept");
    let again = s.ok(&["prep-ns", &ns, "--undo"]);
    assert!(again.contains("nothing of prep-ns's left"), "{again}");
    let _ = Api::<Namespace>::all(c.clone()).delete(&ns, &DeleteParams::default()).await;
}
