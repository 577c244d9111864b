//! Ctrl-C while `run` stages a step's trace with `--stage pods` (the namespace was prepared with
//! another trace): the staging pod it made is removed before it exits 130. On the test cluster.
//!
//! Without KUBECONFIG these tests FAIL unless SKSTEP_NO_CLUSTER=1 (then they are skipped).

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use k8s_openapi::api::core::v1::{Namespace, Pod};
use kube::api::{Api, DeleteParams, ListParams};

const STAGING: &str = "app.kubernetes.io/managed-by=kubectl-skstep,skstep.simkube.io/stage";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_while_run_restages_removes_the_staging_pod() {
    if !common::have_cluster(&[], "stage-interrupt") {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let runs = tempfile::tempdir().unwrap();
    let cmd = || {
        let mut c = std::process::Command::cargo_bin("kubectl-skstep").unwrap();
        c.env("SKSTEP_STATE_DIR", state.path());
        c
    };
    let c = common::client("admin").await;
    let ns = common::unique("stage-int");
    let prep = cmd()
        .args(["prep-ns", &ns, "--stage", "pods", "--trace"])
        .arg(common::trace("simarena-demo-deprecated-path.msgpack"))
        .output()
        .unwrap();
    assert!(prep.status.success(), "{}", String::from_utf8_lossy(&prep.stderr));
    // Another trace with Deployment web: run stages it the way prep-ns staged the first.
    let mut child = cmd()
        .args(["run", "--ns", &ns, "--deploy", "web", "--target", "3", "--duration", "10s", "--force", "--runs-dir"])
        .arg(runs.path())
        .arg("--trace")
        .arg(common::trace("simarena-demo-cpu-heavy.msgpack"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pods: Api<Pod> = Api::namespaced(c.clone(), &ns);
    let start = Instant::now();
    loop {
        if !pods.list(&ListParams::default().labels(STAGING)).await.unwrap().items.is_empty() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "run made no staging pod");
        assert!(child.try_wait().unwrap().is_none(), "run ended before it staged");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    let left = pods.list(&ListParams::default().labels(STAGING)).await.unwrap().items;
    let live: Vec<_> = left.iter().filter(|p| p.metadata.deletion_timestamp.is_none()).collect();
    assert!(
        live.is_empty(),
        "staging pods left: {:?}\n{err}",
        live.iter().map(|p| &p.metadata.name).collect::<Vec<_>>()
    );
    let undo = cmd().args(["prep-ns", &ns, "--undo"]).output().unwrap();
    assert!(undo.status.success());
    let _ = Api::<Namespace>::all(c.clone()).delete(&ns, &DeleteParams::default()).await;
}
