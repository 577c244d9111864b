//! `kubectl skstep run` end to end on the test cluster with SimKube's real controller and driver
//! (scripts/testcluster up). Each failure the seed hit by hand is reproduced for real and must
//! be recognised with its cause. SimKube runs one simulation at a time, so these queue on its
//! lease; durations are short.
//!
//! Without KUBECONFIG these tests FAIL unless SKSTEP_NO_CLUSTER=1 (then they are skipped).

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use assert_cmd::cargo::CommandCargoExt;
use k8s_openapi::api::core::v1::{Namespace, Secret, ServiceAccount};
use kube::api::{Api, DeleteParams, ListParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};
use serde_json::Value;
use sk_api::v1::Simulation;

/// A test's private records and staged-trace state.
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

    /// A `run` of the web trace in `ns` for `duration`, its stderr piped: the step the interrupt
    /// tests signal.
    fn spawn_web_run(&self, ns: &str, duration: &str) -> std::process::Child {
        self.cmd()
            .args(["run", "--ns", ns, "--deploy", "web", "--target", "2", "--duration", duration, "--runs-dir"])
            .arg(self.runs.path())
            .arg("--trace")
            .arg(web_trace())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    fn prep(&self, ns: &str, trace: &Path) {
        let out = self.cmd().args(["prep-ns", ns, "--trace"]).arg(trace).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "prep-ns: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Runs one step; returns (exit code, stderr, the records written).
    fn run(&self, ns: &str, trace: &Path, extra: &[&str]) -> (Option<i32>, String, Vec<Value>) {
        let out = self
            .cmd()
            .args(["run", "--ns", ns, "--deploy", "web", "--target", "2", "--runs-dir"])
            .arg(self.runs.path())
            .arg("--trace")
            .arg(trace)
            .args(extra)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned(), self.records())
    }

    /// `trace new`: Deployment web asking for 3 replicas of 250m / 256Mi, in `dir`.
    fn three_replicas(&self, dir: &Path) -> PathBuf {
        let trace = dir.join("fresh.msgpack");
        let out = self
            .cmd()
            .args(["trace", "new", "--deploy", "web", "--replicas", "3", "--cpu", "250m", "--mem", "256Mi", "-o"])
            .arg(&trace)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        trace
    }

    fn records(&self) -> Vec<Value> {
        match std::fs::read_to_string(self.runs.path().join("step.jsonl")) {
            Ok(t) => t.lines().map(|l| serde_json::from_str(l).unwrap()).collect(),
            Err(_) => vec![],
        }
    }
}

fn web_trace() -> PathBuf {
    common::trace("simarena-demo-deprecated-path.msgpack")
}

async fn sims_left(c: &Client, ns: &str) -> Vec<String> {
    let api: Api<Simulation> = Api::all(c.clone());
    api.list(&ListParams::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|s| s.spec.driver.namespace == ns)
        .filter_map(|s| s.metadata.name)
        .collect()
}

async fn delete_ns(c: &Client, ns: &str) {
    let _ = Api::<Namespace>::all(c.clone()).delete(ns, &DeleteParams::default()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prepared_step_observes_acts_rewards_and_cleans_up() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "run") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-ok");
    s.prep(&ns, &web_trace());
    let (code, err, recs) =
        s.run(&ns, &web_trace(), &["--duration", "30s", "--policy", "heuristic", "--reward", "base"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(recs.len(), 1, "one step is one simulation: the initial trace's");
    let r = &recs[0];
    assert_eq!(r["outcome"], "ok", "{r}");
    assert_eq!(r["obs"], serde_json::json!({"ready": 2, "pending": 0, "total": 2}), "{r}");
    assert_eq!(r["reward"], 1.0);
    assert_eq!((r["step"].as_u64(), r["action"].is_null()), (Some(0), true), "no action led to step 0: {r}");
    assert!(r["fast_start"].as_str().unwrap().starts_with("on"), "{r}");
    assert_eq!(r["virtual_namespace"], "virtual-default");
    assert!(r["timings_s"]["wait"].as_f64().unwrap() >= 29.0, "{r}");
    for field in [
        "timestamp",
        "sim_name",
        "sim_uid",
        "namespace",
        "trace_in",
        "trace_out",
        "action_info",
        "duration_s",
        "seed",
        "policy",
    ] {
        assert!(!r[field].is_null(), "sim-arena field {field} missing: {r}");
    }
    // The heuristic's action after what it saw (noop: nothing pending) is written, not simulated,
    // so a later `run --trace` continues from it.
    assert!(err.contains(r#"] next     "noop" -> "#), "{err}");
    let next = s.runs.path().join(r["episode"].as_str().unwrap()).join("step-000/trace-next.msgpack");
    common::sk_parses(&std::fs::read(&next).unwrap()).expect("trace-next parses in SimKube");
    assert!(sims_left(&c, &ns).await.is_empty(), "the Simulation was left behind");
    let summary: Value = serde_json::from_slice(&std::fs::read(s.runs.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!((summary["total_steps"].as_u64(), summary["total_rewards"].as_f64()), (Some(1), Some(1.0)));
    // The step phases are logged, one line each.
    for phase in ["start", "create", "observe", "reward", "summary", "next"] {
        assert!(err.lines().any(|l| l.contains(&format!("] {phase}"))), "phase {phase} not logged:\n{err}");
    }
    delete_ns(&c, &ns).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preflight_refuses_what_would_fail_with_the_fix() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "preflight") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-pre");
    // Not prepared at all.
    let (code, err, recs) = s.run(&ns, &web_trace(), &["--duration", "10s"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("kubectl skstep prep-ns {ns}")), "{err}");
    assert_eq!(recs[0]["outcome"], "failed");
    // Like kubectl, -n names the namespace when --ns is not given.
    let out = s
        .cmd()
        .args(["run", "-n", &ns, "--deploy", "web", "--target", "2", "--duration", "10s", "--runs-dir"])
        .arg(s.runs.path())
        .arg("--trace")
        .arg(web_trace())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("kubectl skstep prep-ns {ns}")), "{err}");
    assert_eq!(s.records()[1]["namespace"], ns.as_str());
    s.prep(&ns, &web_trace());
    // Unparseable trace.
    let (code, err, _) = s.run(&ns, &common::trace("simarena-missing-fields.msgpack"), &["--duration", "10s"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("missing field `config`") && err.contains("trace upgrade"), "{err}");
    // Far-future trace: refused without --force, and it has no web Deployment either.
    let far = common::trace("simarena-exported-far-future.msgpack");
    let (code, err, _) = s.run(&ns, &far, &["--duration", "10s"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no Deployment \"web\""), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let upgraded = dir.path().join("far-web.msgpack");
    // A far-future trace that does contain web: the span check refuses it.
    let t = std::process::Command::cargo_bin("kubectl-skstep")
        .unwrap()
        .args(["trace", "convert"])
        .arg(web_trace())
        .arg("-o")
        .arg(dir.path().join("w.json"))
        .output()
        .unwrap();
    assert!(t.status.success());
    let mut doc: Value = serde_json::from_slice(&std::fs::read(dir.path().join("w.json")).unwrap()).unwrap();
    let mut late = doc["events"][0].clone();
    late["ts"] = Value::from(1_769_672_195i64);
    late["applied_objs"] = Value::Array(vec![]);
    doc["events"][0]["ts"] = Value::from(0);
    doc["events"].as_array_mut().unwrap().push(late);
    std::fs::write(dir.path().join("far.json"), doc.to_string()).unwrap();
    let ok = std::process::Command::cargo_bin("kubectl-skstep")
        .unwrap()
        .args(["trace", "convert"])
        .arg(dir.path().join("far.json"))
        .arg("-o")
        .arg(&upgraded)
        .output()
        .unwrap();
    assert!(ok.status.success());
    let (code, err, _) = s.run(&ns, &upgraded, &["--duration", "10s"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("56 years") && err.contains("trace rebase"), "{err}");
    assert!(sims_left(&c, &ns).await.is_empty());
    delete_ns(&c, &ns).await;
}

async fn expect_driver_failure(s: &Scratch, c: &Client, ns: &str, needle: &str, fix: &str) {
    let (code, err, recs) = s.run(ns, &web_trace(), &["--duration", "10s", "--driver-timeout", "90s"]);
    assert_eq!(code, Some(4), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    assert!(err.contains(fix), "expected the fix {fix:?} in:\n{err}");
    let r = recs.last().unwrap();
    assert_eq!(r["outcome"], "failed");
    assert!(r["cause"].as_str().unwrap().contains(needle), "{r}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !sims_left(c, ns).await.is_empty() {
        assert!(Instant::now() < deadline, "the failed Simulation was not cleaned up");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn driver_failures_are_recognised_live() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "driver-failures") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;

    // 1. The ServiceAccount is gone: the Job cannot create its pod.
    let ns = common::unique("run-sa");
    s.prep(&ns, &web_trace());
    Api::<ServiceAccount>::namespaced(c.clone(), &ns).delete("sk-ctrl-sa", &DeleteParams::default()).await.unwrap();
    expect_driver_failure(
        &s,
        &c,
        &ns,
        "serviceaccount \"sk-ctrl-sa\" not found",
        &format!("kubectl skstep prep-ns {ns}"),
    )
    .await;
    delete_ns(&c, &ns).await;

    // 2. The Secret is gone.
    let ns = common::unique("run-secret");
    s.prep(&ns, &web_trace());
    Api::<Secret>::namespaced(c.clone(), &ns).delete("simkube", &DeleteParams::default()).await.unwrap();
    expect_driver_failure(&s, &c, &ns, "secret \"simkube\" not found", "--secret simkube").await;
    delete_ns(&c, &ns).await;

    // 3. The trace is not on the node. Staged files are named by content and shared, so this
    // test removes a trace of its own (the web trace moved to a unique start time).
    let ns = common::unique("run-staged");
    let own = tempfile::tempdir().unwrap();
    let own_trace = own.path().join("web-own.msgpack");
    let start = (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() % 1_000_000_000).to_string();
    let rebased = s
        .cmd()
        .args(["trace", "rebase"])
        .arg(web_trace())
        .arg("-o")
        .arg(&own_trace)
        .args(["--start", &start])
        .output()
        .unwrap();
    assert!(rebased.status.success());
    s.prep(&ns, &own_trace);
    let staged_dir = std::fs::read_dir(s.state.path().join("staged")).unwrap().next().unwrap().unwrap().path();
    let staged: Value = serde_json::from_slice(&std::fs::read(staged_dir.join(format!("{ns}.json"))).unwrap()).unwrap();
    std::fs::remove_file(staged["node_file"].as_str().unwrap()).unwrap();
    // Where the node folder is visible from here, preflight sees the file is gone (doctor says the
    // same, from the same verdict) and refuses before a Simulation is made.
    let (code, err, recs) = s.run(&ns, &own_trace, &["--duration", "10s"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is missing on the node") && err.contains(&format!("prep-ns {ns}")), "{err}");
    assert_eq!(recs.last().unwrap()["outcome"], "failed");
    assert!(sims_left(&c, &ns).await.is_empty());
    // Prepared from a machine that cannot see the node folder (the record names no node file):
    // only the driver finds the trace missing, and that is recognised live.
    let nss: Api<Namespace> = Api::all(c.clone());
    let annotations = nss.get(&ns).await.unwrap().metadata.annotations.unwrap();
    let mut prepared: Value = serde_json::from_str(&annotations["skstep.io/prepared"]).unwrap();
    prepared["node_file"] = Value::Null;
    let patch = serde_json::json!({"metadata": {"annotations": {"skstep.io/prepared": prepared.to_string()}}});
    nss.patch(&ns, &kube::api::PatchParams::default(), &kube::api::Patch::Merge(&patch)).await.unwrap();
    let (code, err, recs) = s.run(&ns, &own_trace, &["--duration", "10s", "--driver-timeout", "90s"]);
    assert_eq!(code, Some(4), "{err}");
    assert!(err.contains("hostPath type check failed") && err.contains("--node-dir"), "{err}");
    assert!(recs.last().unwrap()["cause"].as_str().unwrap().contains("hostPath type check failed"));
    delete_ns(&c, &ns).await;
}

/// A driver image tag the node does not have is an image pull failure, as on a real node (the
/// harness no longer runs another sk-driver in its place): ErrImagePull then ImagePullBackOff
/// on the pod, and `run` names the image, the cause and the fix.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_driver_image_tag_is_an_image_pull_failure() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "image-pull") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-image");
    s.prep(&ns, &web_trace());
    let image = "quay.io/appliedcomputing/sk-driver:v9.9.9";
    let (code, err, recs) =
        s.run(&ns, &web_trace(), &["--duration", "10s", "--driver-timeout", "90s", "--driver-image", image]);
    assert_eq!(code, Some(4), "{err}");
    assert!(err.contains(&format!("the driver image {image} cannot be pulled")), "{err}");
    assert!(err.contains("not found"), "the kubelet's reason is shown: {err}");
    assert!(err.contains("fix: pass --driver-image") && err.contains("sk-driver:v2.7.0"), "{err}");
    let r = recs.last().unwrap();
    assert_eq!(r["outcome"], "failed", "{r}");
    assert_eq!(r["driver_image"], image, "{r}");
    assert!(r["cause"].as_str().unwrap().contains("cannot be pulled"), "{r}");
    delete_ns(&c, &ns).await;
}

/// The harness plays a node's image pulls: the pod of a missing tag goes Waiting with
/// ErrImagePull, then ImagePullBackOff, with the kubelet's own words; nothing runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_harness_reports_a_missing_image_as_a_kubelet_does() {
    use k8s_openapi::api::batch::v1::{Job, JobSpec};
    use k8s_openapi::api::core::v1::{Container, Pod, PodSpec, PodTemplateSpec};
    use kube::api::{ObjectMeta, PostParams};
    if !common::have_cluster(&[], "harness-image-pull") {
        return;
    }
    let c = common::client("admin").await;
    let ns = common::unique("img-pull");
    Api::<Namespace>::all(c.clone())
        .create(
            &PostParams::default(),
            &Namespace { metadata: ObjectMeta { name: Some(ns.clone()), ..Default::default() }, ..Default::default() },
        )
        .await
        .unwrap();
    let image = "quay.io/appliedcomputing/sk-driver:v0.0.1";
    let job = Job {
        metadata: ObjectMeta { name: Some("driver".into()), ..Default::default() },
        spec: Some(JobSpec {
            backoff_limit: Some(0),
            template: PodTemplateSpec {
                metadata: None,
                spec: Some(PodSpec {
                    restart_policy: Some("Never".into()),
                    containers: vec![Container {
                        name: "driver".into(),
                        image: Some(image.into()),
                        command: Some(vec!["/sk-driver".into()]),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        ..Default::default()
    };
    Api::<Job>::namespaced(c.clone(), &ns).create(&PostParams::default(), &job).await.unwrap();
    let pods: Api<Pod> = Api::namespaced(c.clone(), &ns);
    let waiting = |reason: &'static str| {
        let pods = pods.clone();
        move || {
            let pods = pods.clone();
            async move {
                let list = pods.list(&ListParams::default()).await.map_err(|e| e.to_string())?;
                let w = list.items.first().and_then(|p| {
                    p.status.as_ref()?.container_statuses.as_ref()?.first()?.state.as_ref()?.waiting.clone()
                });
                Ok(w.filter(|w| w.reason.as_deref() == Some(reason)))
            }
        }
    };
    let w = common::eventually("ErrImagePull", Duration::from_secs(60), waiting("ErrImagePull")).await;
    let msg = w.message.unwrap_or_default();
    assert!(
        msg.starts_with("rpc error: code = NotFound desc = failed to pull and unpack image")
            && msg.contains(&format!("{image}: not found")),
        "{msg}"
    );
    let w = common::eventually("ImagePullBackOff", Duration::from_secs(60), waiting("ImagePullBackOff")).await;
    let msg = w.message.unwrap_or_default();
    assert!(msg.starts_with(&format!("Back-off pulling image \"{image}\": ErrImagePull: rpc error")), "{msg}");
    let list = pods.list(&ListParams::default()).await.unwrap();
    assert_eq!(list.items[0].status.as_ref().unwrap().phase.as_deref(), Some("Pending"));
    delete_ns(&c, &ns).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_cleans_up_and_records_interrupted() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "ctrl-c") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-int");
    s.prep(&ns, &web_trace());
    let mut child = s.spawn_web_run(&ns, "120s");
    // Wait until its Simulation exists (it may queue behind other tests on SimKube's lease).
    let start = Instant::now();
    while sims_left(&c, &ns).await.is_empty() {
        assert!(start.elapsed() < Duration::from_secs(600), "the run never created its Simulation");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let sent = Instant::now();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    while !sims_left(&c, &ns).await.is_empty() {
        assert!(sent.elapsed() < Duration::from_secs(10), "Simulation still present 10 s after Ctrl-C");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let recs = s.records();
    assert_eq!(recs.last().unwrap()["outcome"], "interrupted");
    delete_ns(&c, &ns).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_concurrent_runs_queue_on_the_lease_and_all_record() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "eight") {
        return;
    }
    let s = std::sync::Arc::new(Scratch::new());
    let c = common::client("admin").await;
    let namespaces: Vec<String> = (0..8).map(|i| common::unique(&format!("run8-{i}"))).collect();
    for ns in &namespaces {
        s.prep(ns, &web_trace());
    }
    let handles: Vec<_> = namespaces
        .iter()
        .cloned()
        .map(|ns| {
            let s = s.clone();
            std::thread::spawn(move || {
                s.run(&ns, &web_trace(), &["--duration", "5s", "--grace", "10s", "--policy", "target"])
            })
        })
        .collect();
    for h in handles {
        let (code, err, _) = h.join().unwrap();
        assert_eq!(code, Some(0), "{err}");
    }
    let recs = s.records();
    assert_eq!(recs.len(), 8);
    let waited = recs.iter().filter(|r| r["timings_s"]["lease_wait"].as_f64().unwrap_or(0.0) > 1.0).count();
    assert!(
        waited >= 4,
        "most runs must have waited for the lease: {:?}",
        recs.iter().map(|r| &r["timings_s"]).collect::<Vec<_>>()
    );
    let summary: Value = serde_json::from_slice(&std::fs::read(s.runs.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["total_steps"], 8);
    let total: f64 = recs.iter().map(|r| r["reward"].as_f64().unwrap()).sum();
    assert!((summary["total_rewards"].as_f64().unwrap() - total).abs() < 1e-9);
    for ns in &namespaces {
        delete_ns(&c, ns).await;
    }
}

/// A second, private test cluster, for tests that stop or restart its API server; down on drop.
struct PrivateCluster {
    root: PathBuf,
    dir: PathBuf,
    kubeconfig: String,
    node_dir: String,
    _state: tempfile::TempDir,
}

impl PrivateCluster {
    fn up() -> PrivateCluster {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let state = tempfile::Builder::new().prefix("skstep-private-").tempdir().unwrap();
        let dir = state.path().join("cluster");
        let up = std::process::Command::new("bash")
            .arg(root.join("scripts/testcluster"))
            .args(["up", "--state-dir"])
            .arg(&dir)
            .stderr(Stdio::inherit())
            .output()
            .unwrap();
        assert!(up.status.success(), "second cluster did not come up");
        let exports = String::from_utf8(up.stdout).unwrap();
        let env_of = |k: &str| {
            exports
                .lines()
                .find_map(|l| l.strip_prefix(&format!("export {k}=")))
                .map(|v| v.trim_matches(|c| c == '\'' || c == '"').to_string())
                .unwrap()
        };
        let (kubeconfig, node_dir) = (env_of("KUBECONFIG"), env_of("SKSTEP_NODE_DATA_DIR"));
        PrivateCluster { root, dir, kubeconfig, node_dir, _state: state }
    }

    fn cmd(&self, s: &Scratch) -> std::process::Command {
        let mut c = s.cmd();
        c.env("KUBECONFIG", &self.kubeconfig).env("SKSTEP_NODE_DATA_DIR", &self.node_dir);
        c
    }

    async fn client(&self) -> Client {
        let kc = Kubeconfig::read_from(&self.kubeconfig).unwrap();
        let cfg = Config::from_custom_kubeconfig(
            kc,
            &KubeConfigOptions { context: Some("admin".into()), ..Default::default() },
        )
        .await
        .unwrap();
        Client::try_from(cfg).unwrap()
    }

    /// Waits until a pod in `ns` (the driver) runs.
    async fn wait_driver_running(&self, ns: &str) {
        let c2 = self.client().await;
        let start = Instant::now();
        loop {
            let pods: Api<k8s_openapi::api::core::v1::Pod> = Api::namespaced(c2.clone(), ns);
            let running = pods
                .list(&ListParams::default())
                .await
                .map(|l| l.items.iter().any(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running")))
                .unwrap_or(false);
            if running {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "the driver never started in the second cluster");
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }

    fn run_step(&self, s: &Scratch, ns: &str, extra: &[&str]) -> std::process::Child {
        let prep = self.cmd(s).args(["prep-ns", ns, "--trace"]).arg(web_trace()).output().unwrap();
        assert!(prep.status.success(), "{}", String::from_utf8_lossy(&prep.stderr));
        self.cmd(s)
            .args(["run", "--ns", ns, "--deploy", "web", "--target", "2", "--runs-dir"])
            .arg(s.runs.path())
            .arg("--trace")
            .arg(web_trace())
            .args(extra)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let _ = std::process::Command::new("bash")
            .arg(self.root.join("scripts/testcluster"))
            .args(["down", "--state-dir"])
            .arg(&self.dir)
            .output();
    }
}

/// Stops the API server of a second, private test cluster in the middle of a step, for good:
/// the step retries until the phase's limit (--api-timeout), then fails, exit 3, named.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_server_stopped_mid_step_is_exit_3_and_recorded_failed() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "apiserver-stop") {
        return;
    }
    let pc = PrivateCluster::up();
    let s = Scratch::new();
    let ns = common::unique("run-stop");
    let child = pc.run_step(&s, &ns, &["--duration", "20s", "--api-timeout", "15s"]);
    pc.wait_driver_running(&ns).await;
    let pid: i32 = std::fs::read_to_string(pc.dir.join("pids/kube-apiserver.pid")).unwrap().trim().parse().unwrap();
    unsafe { libc::kill(pid, libc::SIGKILL) };
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("unreachable") && err.contains("still failing after"), "{err}");
    let recs = s.records();
    let r = recs.last().unwrap();
    assert_eq!(r["outcome"], "failed");
    assert!(r["obs"].is_null(), "no observation of zeros may be recorded: {r}");
    assert!(r["cause"].as_str().unwrap().contains("unreachable"), "{r}");
    assert!(r["retries"].as_u64().unwrap() > 0, "{r}");
}

/// Restarts the API server of a private test cluster (`scripts/testcluster restart
/// kube-apiserver`, down 5 s) while a step waits: the watches and calls retry, the step ends ok
/// with the right observation, and the record counts the retries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_server_restarted_mid_step_is_retried_and_the_step_ends_ok() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "apiserver-restart") {
        return;
    }
    let pc = PrivateCluster::up();
    let s = Scratch::new();
    let ns = common::unique("run-restart");
    let child = pc.run_step(&s, &ns, &["--duration", "30s"]);
    pc.wait_driver_running(&ns).await;
    // Once the driver has replayed the trace (SimKube's driver itself does not retry an event the
    // API server refused while down), restart the API server during the step's wait.
    let deps: Api<k8s_openapi::api::apps::v1::Deployment> = Api::namespaced(pc.client().await, "virtual-default");
    common::eventually("web to be ready in virtual-default", Duration::from_secs(60), || {
        let deps = deps.clone();
        async move {
            let ready = deps.get_opt("web").await.map_err(|e| e.to_string())?.and_then(|d| d.status?.ready_replicas);
            if ready == Some(2) { Ok(Some(())) } else { Err(format!("ready replicas {ready:?}")) }
        }
    })
    .await;
    let restart = std::process::Command::new("bash")
        .arg(pc.root.join("scripts/testcluster"))
        .args(["restart", "kube-apiserver", "--down-for", "5", "--state-dir"])
        .arg(&pc.dir)
        .output()
        .unwrap();
    assert!(restart.status.success(), "restart: {}", String::from_utf8_lossy(&restart.stderr));
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let recs = s.records();
    let r = recs.last().unwrap();
    assert_eq!(r["outcome"], "ok", "{r}");
    assert_eq!(r["obs"], serde_json::json!({"ready": 2, "pending": 0, "total": 2}), "{r}");
    assert!(r["retries"].as_u64().unwrap() > 0, "the record notes the retries: {r}");
    let c2 = pc.client().await;
    assert!(sims_left(&c2, &ns).await.is_empty(), "the Simulation was left behind");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_finds_the_driver_log_of_a_kept_simulation() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "logs") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-logs");
    s.prep(&ns, &web_trace());
    let (code, err, recs) = s.run(&ns, &web_trace(), &["--duration", "5s", "--grace", "20s", "--keep"]);
    assert_eq!(code, Some(0), "{err}");
    let sim = recs[0]["sim_name"].as_str().unwrap().to_string();
    let out = s.cmd().args(["logs", &sim]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(log.contains("Imported 2 events"), "the driver's own import line:\n{log}");
    let tail = s.cmd().args(["logs", &sim, "--tail", "3"]).output().unwrap();
    assert!(String::from_utf8_lossy(&tail.stdout).lines().count() <= 3);
    let missing = s.cmd().args(["logs", "no-such-sim"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    // Without a name, -n picks the newest Simulation driving that namespace (this one, kept).
    let by_ns = s.cmd().args(["logs", "-n", &ns, "--tail", "50"]).output().unwrap();
    assert_eq!(by_ns.status.code(), Some(0), "{}", String::from_utf8_lossy(&by_ns.stderr));
    assert!(String::from_utf8_lossy(&by_ns.stdout).contains("virtual-default/web"));
    let none = s.cmd().args(["logs", "-n", "no-such-driver-ns"]).output().unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("drives namespace no-such-driver-ns"));
    Api::<Simulation>::all(c.clone()).delete(&sim, &DeleteParams::default()).await.unwrap();
    let start = Instant::now();
    while !sims_left(&c, &ns).await.is_empty() {
        assert!(start.elapsed() < Duration::from_secs(30));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    delete_ns(&c, &ns).await;
}

/// `prep-ns --stage pods`: the trace reaches the node through a pod and the exec API (on KWOK the
/// exec runs locally with the node's /data standing at node-data), its sha256 is checked, the pod
/// goes; then a two-step episode runs on it, its second trace staged the same way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stage_pods_copies_the_trace_to_the_nodes_and_an_episode_runs_on_it() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "stage-pods") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-stage");
    let node_data = PathBuf::from(std::env::var("SKSTEP_NODE_DATA_DIR").unwrap());
    // A trace of its own (a different start), so no other test has staged these bytes.
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("web.msgpack");
    let start = (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos() % 1_000_000).to_string();
    let out =
        s.cmd().args(["trace", "rebase", "--start", &start]).arg(web_trace()).arg("-o").arg(&trace).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sha = sha256_hex(&std::fs::read(&trace).unwrap());
    let staged = node_data.join(format!("skstep-{}.msgpack", &sha[..12]));
    assert!(!staged.exists());

    let prep = |expect: &str| {
        let out =
            s.cmd().args(["prep-ns", &ns, "--stage", "pods", "-o", "json", "--trace"]).arg(&trace).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "prep-ns --stage pods: {}", String::from_utf8_lossy(&out.stderr));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let copies: Vec<&Value> = doc["changes"].as_array().unwrap().iter().filter(|c| c["kind"] == "trace").collect();
        assert_eq!(copies.len(), 1, "one schedulable non-virtual node (kwok-node-0): {doc}");
        assert_eq!(copies[0]["action"], expect, "{doc}");
        assert!(copies[0]["name"].as_str().unwrap().contains("kwok-node-0"), "{doc}");
        let skipped: Vec<&str> = doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| !n["skipped"].is_null())
            .map(|n| n["node"].as_str().unwrap())
            .collect();
        assert_eq!(skipped, ["sk-virtual-node-0", "sk-virtual-node-1"], "{doc}");
        doc
    };
    // A dry run says where it would copy and copies nothing.
    let dry = s.cmd().args(["prep-ns", &ns, "--stage", "pods", "--dry-run", "--trace"]).arg(&trace).output().unwrap();
    assert_eq!(dry.status.code(), Some(0), "{}", String::from_utf8_lossy(&dry.stderr));
    assert!(String::from_utf8_lossy(&dry.stdout).contains("would stage"));
    assert!(!staged.exists(), "a dry run staged the trace");
    let no_trace = s.cmd().args(["prep-ns", &ns, "--stage", "pods"]).output().unwrap();
    assert_eq!(no_trace.status.code(), Some(2), "--stage pods without --trace is a usage error");
    prep("staged");
    assert_eq!(sha256_hex(&std::fs::read(&staged).unwrap()), sha, "the node holds the same bytes");
    let pods: Api<k8s_openapi::api::core::v1::Pod> = Api::namespaced(c.clone(), &ns);
    common::eventually("the staging pod to go", Duration::from_secs(30), || {
        let pods = pods.clone();
        async move {
            let left = pods.list(&ListParams::default()).await.map_err(|e| e.to_string())?.items.len();
            if left == 0 { Ok(Some(())) } else { Err(format!("{left} pods left")) }
        }
    })
    .await;
    // Idempotent: the node already has these bytes (checked by sha256), nothing is copied.
    prep("unchanged");

    // Two steps: step 2's trace (scaled up by step 1) is staged through pods too.
    let out = s
        .cmd()
        .args(["run", "-n", &ns, "--deploy", "web", "--target", "3", "--duration", "10s", "--steps", "2"])
        .args(["--action", "scale_up_replicas", "--runs-dir"])
        .arg(s.runs.path())
        .arg("--trace")
        .arg(&trace)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let recs = s.records();
    assert_eq!(recs.len(), 2, "{err}");
    assert!(recs.iter().all(|r| r["outcome"] == "ok"), "{recs:?}");
    assert_eq!(recs[1]["trace_in"], recs[0]["trace_out"]);
    assert_eq!(recs[1]["action"]["type"], "scale_up_replicas", "{recs:?}");
    assert_eq!(recs[0]["obs"]["total"], 2, "{recs:?}");
    assert_eq!(recs[1]["obs"]["total"], 3, "step 1 ran the scaled-up trace: {recs:?}");
    let next_sha = recs[1]["trace_out_sha256"].as_str().unwrap();
    assert_ne!(next_sha, sha, "step 1 simulated its action's trace");
    let next = node_data.join(format!("skstep-{}.msgpack", &next_sha[..12]));
    assert_eq!(sha256_hex(&std::fs::read(&next).unwrap()), next_sha);
    assert!(sims_left(&c, &ns).await.is_empty());
    let _ = std::fs::remove_file(&staged);
    let _ = std::fs::remove_file(&next);
    delete_ns(&c, &ns).await;
}

/// `trace new` makes a trace SimKube plays: the first step sees exactly --replicas Ready pods.
/// With more replicas than the target, the `target` policy scales down, and --stop-at-goal ends
/// the episode at the first observation at the goal, before --steps runs out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_trace_brings_up_its_replicas_and_stop_at_goal_ends_the_episode() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "trace-new-run") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-new");
    let dir = tempfile::tempdir().unwrap();
    let trace = s.three_replicas(dir.path());
    s.prep(&ns, &trace);
    let (code, err, recs) = s.run(
        &ns,
        &trace,
        &["--duration", "10s", "--policy", "target", "--steps", "4", "--stop-at-goal", "--reward", "base"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(recs.iter().all(|r| r["outcome"] == "ok"), "{recs:?}");
    assert_eq!(recs[0]["obs"], serde_json::json!({"ready": 3, "pending": 0, "total": 3}), "{err}");
    assert_eq!(recs[1]["action"]["type"], "scale_down_replicas", "{recs:?}");
    assert_eq!(recs.len(), 2, "the episode stops at its second simulation, at the goal, not after 4: {err}");
    assert_eq!(recs[1]["obs"], serde_json::json!({"ready": 2, "pending": 0, "total": 2}), "{err}");
    assert_eq!(recs[1]["reward"], 1.0);
    assert!(err.contains("at the goal after 1 of at most 3 action(s)"), "{err}");
    assert!(sims_left(&c, &ns).await.is_empty());
    delete_ns(&c, &ns).await;
}

/// `--episodes 2 --stop-at-goal` on one context: the episodes go through the job pool, and each
/// stops at the goal (the pool's plan used to drop the flag and run all --steps).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_at_goal_ends_each_episode_of_several() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "episodes-stop-at-goal") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-eps");
    let dir = tempfile::tempdir().unwrap();
    let trace = s.three_replicas(dir.path());
    s.prep(&ns, &trace);
    let (code, err, recs) = s.run(
        &ns,
        &trace,
        &["--duration", "5s", "--policy", "target", "--steps", "4", "--episodes", "2", "--stop-at-goal"],
    );
    assert_eq!(code, Some(0), "{err}");
    let episodes: std::collections::BTreeSet<&str> = recs.iter().map(|r| r["episode"].as_str().unwrap()).collect();
    assert_eq!(episodes.len(), 2, "{recs:?}");
    for ep in episodes {
        let steps: Vec<&Value> = recs.iter().filter(|r| r["episode"] == ep).collect();
        let obs: Vec<&Value> = steps.iter().map(|r| &r["obs"]).collect();
        assert_eq!(
            obs,
            [
                &serde_json::json!({"ready": 3, "pending": 0, "total": 3}),
                &serde_json::json!({"ready": 2, "pending": 0, "total": 2})
            ],
            "episode {ep} stops at the goal after one action, not after 4 simulations: {err}"
        );
        assert_eq!(steps.iter().map(|r| r["step"].as_u64().unwrap()).collect::<Vec<_>>(), [0, 1]);
    }
    assert!(
        recs.iter().all(|r| r["outcome"] == "ok" && r["fast_start"].as_str().unwrap().starts_with("on")),
        "{recs:?}"
    );
    assert_eq!(err.matches("at the goal after 1 of at most 3 action(s)").count(), 2, "{err}");
    assert!(sims_left(&c, &ns).await.is_empty());
    delete_ns(&c, &ns).await;
}

/// `env --stdio` plays the same step body as `run`: reset is step 0 and is recorded, every record
/// carries `fast_start`; and sim-arena's cpu-heavy (20,000m, above the 16,000m safeguard) is
/// inside the space `spec` declares, where reducing the CPU is allowed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn env_steps_are_run_steps_and_cpu_heavy_fits_the_space() {
    use std::io::{BufRead, Write};
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "env-cpu-heavy") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("env-heavy");
    let trace = common::trace("simarena-demo-cpu-heavy.msgpack");
    s.prep(&ns, &trace);
    let mut child = s
        .cmd()
        // Target 4: never met by the trace's 3 replicas, so no step ends the episode.
        .args(["env", "--stdio", "--ns", &ns, "--deploy", "web", "--target", "4", "--duration", "5s", "--runs-dir"])
        .arg(s.runs.path())
        .arg("--trace")
        .arg(&trace)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut ask = |req: &str| -> Value {
        writeln!(stdin, "{req}").unwrap();
        let doc: Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
        assert!(doc["error"].is_null(), "{req}: {doc}");
        doc["ok"].clone()
    };
    let spec = ask(r#"{"op":"spec"}"#);
    assert_eq!(spec["obs_high"][0], 5.0, "20,000m / 4000: {spec}");
    assert_eq!(spec["limits"]["max_cpu_m"], 20_000, "{spec}");
    let reset = ask(r#"{"op":"reset","seed":1}"#);
    assert_eq!(reset["obs"][0], 5.0, "{reset}");
    assert_eq!(reset["info"]["cpu_m"], 20_000);
    let step = ask(r#"{"op":"step","action":4}"#);
    assert_eq!(step["info"]["action"], "reduce_cpu_small", "{step}");
    assert_eq!(step["info"]["blocked"], false, "a reduction from above the safeguard passes: {step}");
    assert_eq!(step["info"]["cpu_m"], 19_500, "{step}");
    assert_eq!(step["obs"][0], 4.875, "{step}");
    let up = ask(r#"{"op":"step","action":1}"#);
    assert_eq!(up["info"]["cpu_m"], 20_000, "back to the start: {up}");
    ask(r#"{"op":"close"}"#);
    assert!(child.wait().unwrap().success());
    let recs = s.records();
    assert_eq!(recs.iter().map(|r| r["step"].as_u64().unwrap()).collect::<Vec<_>>(), [0, 1, 2], "{recs:?}");
    assert!(recs.iter().all(|r| r["policy"] == "env" && r["outcome"] == "ok"), "{recs:?}");
    assert!(
        recs.iter().all(|r| r["fast_start"].as_str().unwrap().starts_with("on")),
        "env records carry fast_start: {recs:?}"
    );
    assert_eq!(recs[1]["reward"], step["reward"]);
    assert!(sims_left(&c, &ns).await.is_empty());
    delete_ns(&c, &ns).await;
}

fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(b))
}

/// `trace fix` end to end: a Deployment whose pod template names a ServiceAccount the trace never
/// creates gets no pod in the simulation (the API server's ServiceAccount admission refuses
/// them; the ReplicaSet says why); after `trace fix` the same step brings all of them up Ready.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fixed_trace_brings_up_the_pods_a_missing_service_account_kept_away() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "trace fix run") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-fix");
    let dir = tempfile::tempdir().unwrap();
    let skstep = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::cargo_bin("kubectl-skstep").unwrap().args(args).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
    };
    let json = dir.path().join("web.json");
    let (code, out) =
        skstep(&["trace".as_ref(), "convert".as_ref(), web_trace().as_os_str(), "-o".as_ref(), json.as_os_str()]);
    assert_eq!(code, Some(0), "{out}");
    let mut doc: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let mut named = 0;
    for ev in doc["events"].as_array_mut().unwrap() {
        for obj in ev["applied_objs"].as_array_mut().unwrap() {
            if obj["kind"] == "Deployment" && obj["metadata"]["name"] == "web" {
                obj["spec"]["template"]["spec"]["serviceAccountName"] = Value::from("web-sa");
                named += 1;
            }
        }
    }
    assert!(named > 0, "the web trace has no web Deployment");
    std::fs::write(&json, doc.to_string()).unwrap();
    let broken = dir.path().join("broken.msgpack");
    let (code, out) =
        skstep(&["trace".as_ref(), "convert".as_ref(), json.as_os_str(), "-o".as_ref(), broken.as_os_str()]);
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = skstep(&["trace".as_ref(), "validate".as_ref(), broken.as_os_str()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("E0001") && out.contains("serviceaccount \"web-sa\" not found"), "{out}");

    // Unfixed: `run`'s preflight may refuse it (naming the fix); if it runs, no pod exists.
    s.prep(&ns, &broken);
    let (code, err, recs) = s.run(&ns, &broken, &["--duration", "20s", "--action", "noop"]);
    if code == Some(1) && err.contains("serviceaccount \"web-sa\" not found") {
        assert!(err.contains("kubectl skstep trace fix"), "{err}");
    } else {
        let r = recs.last().unwrap_or_else(|| panic!("no record (exit {code:?}): {err}"));
        assert_eq!(r["obs"]["total"], 0, "pods were created despite the missing ServiceAccount: {r}\n{err}");
        eprintln!("unfixed trace: exit {code:?}, obs {}", r["obs"]);
    }
    assert!(sims_left(&c, &ns).await.is_empty());

    let fixed = dir.path().join("fixed.msgpack");
    let (code, out) = skstep(&[
        "trace".as_ref(),
        "fix".as_ref(),
        broken.as_os_str(),
        "-o".as_ref(),
        fixed.as_os_str(),
        "--only".as_ref(),
        "E0001".as_ref(),
    ]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("E0001 service_account_missing: "), "{out}");
    let (code, out) = skstep(&["trace".as_ref(), "validate".as_ref(), fixed.as_os_str()]);
    assert_eq!(code, Some(0), "{out}");
    s.prep(&ns, &fixed);
    let (code, err, recs) = s.run(&ns, &fixed, &["--duration", "20s", "--action", "noop"]);
    assert_eq!(code, Some(0), "{err}");
    let r = recs.last().unwrap();
    assert_eq!(r["obs"], serde_json::json!({"ready": 2, "pending": 0, "total": 2}), "{r}");
    assert!(sims_left(&c, &ns).await.is_empty());
    delete_ns(&c, &ns).await;
}

/// What of a namespace's Simulations SimKube may leave: the Simulations driving `ns`, the Jobs in
/// `ns`, and the webhook configurations of the Simulations named in `sims`.
async fn leftovers(c: &Client, ns: &str, sims: &[String]) -> Vec<String> {
    let mut left: Vec<String> = sims_left(c, ns).await.into_iter().map(|s| format!("simulation {s}")).collect();
    let jobs: Api<k8s_openapi::api::batch::v1::Job> = Api::namespaced(c.clone(), ns);
    left.extend(
        jobs.list(&ListParams::default())
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|j| format!("job {}", j.metadata.name.unwrap())),
    );
    let hooks: Api<k8s_openapi::api::admissionregistration::v1::MutatingWebhookConfiguration> = Api::all(c.clone());
    for h in hooks.list(&ListParams::default()).await.unwrap().items {
        let name = h.metadata.name.unwrap();
        if sims.iter().any(|s| name == format!("sk-{s}-mutatepods")) {
            left.push(format!("mutatingwebhookconfiguration {name}"));
        }
    }
    left
}

/// Ctrl-C at 20 different moments of a step's first 3 seconds (before, during and after the
/// Simulation's create request): every run records `interrupted` and exits 130, and nothing of
/// theirs is left (no Simulation, driver Job or webhook configuration; the driver never started,
/// so no virtual namespace objects either).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_interrupts_in_the_first_three_seconds_leave_nothing() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "twenty-interrupts") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-int20");
    s.prep(&ns, &web_trace());
    let mut moments = vec![];
    for i in 0..20u64 {
        // Dense early (cubic spacing from 15 ms to 3 s): preflight and the create request take
        // only tens of milliseconds.
        let at = Duration::from_micros(15_000 + (2_985_000.0 * (i as f64 / 19.0).powi(3)) as u64);
        let child = s.spawn_web_run(&ns, "60s");
        std::thread::sleep(at);
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "SIGINT at {at:?}:\n{err}");
        // The phases each run reached, for the report.
        let phases: Vec<String> = err
            .lines()
            .filter_map(|l| l.split("] ").nth(1).and_then(|r| r.split_whitespace().next()).map(String::from))
            .collect();
        moments.push((at.as_millis(), phases));
    }
    let recs = s.records();
    assert_eq!(recs.len(), 20, "one record per run");
    assert!(recs.iter().all(|r| r["outcome"] == "interrupted"), "{recs:?}");
    let sims: Vec<String> =
        recs.iter().filter_map(|r| r["sim_name"].as_str()).filter(|n| !n.is_empty()).map(String::from).collect();
    // The runs interrupted after their create request must be among them.
    assert!(!sims.is_empty(), "no run got as far as its Simulation: {moments:?}");
    let left = leftovers(&c, &ns, &sims).await;
    assert!(left.is_empty(), "left behind: {left:?}");
    eprintln!("twenty interrupts: {} of 20 had named their Simulation; phases seen: {moments:?}", sims.len());
    delete_ns(&c, &ns).await;
}

/// A second Ctrl-C during cleanup stops it at once and says what is left and how to remove it.
/// The test holds the Simulation's deletion with a finalizer of its own, so cleanup is slow.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_ctrl_c_stops_cleanup_and_says_what_is_left() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "second-ctrl-c") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-int2");
    s.prep(&ns, &web_trace());
    let mut child = s.spawn_web_run(&ns, "120s");
    let api: Api<Simulation> = Api::all(c.clone());
    let start = Instant::now();
    let name = loop {
        if let Some(n) = sims_left(&c, &ns).await.pop() {
            break n;
        }
        assert!(start.elapsed() < Duration::from_secs(600), "the run never created its Simulation");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let hold = serde_json::json!({"metadata": {"finalizers": ["skstep.test/hold"]}});
    api.patch(&name, &kube::api::PatchParams::default(), &kube::api::Patch::Merge(&hold)).await.unwrap();
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    // Cleanup now waits for the held Simulation to go.
    tokio::time::sleep(Duration::from_secs(2)).await;
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let sent = Instant::now();
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(sent.elapsed() < Duration::from_secs(4), "exit took {:?} after the second Ctrl-C", sent.elapsed());
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted again"), "{err}");
    assert!(err.contains(&format!("left in the cluster: simulations.simkube.io/{name}")), "{err}");
    assert!(err.contains(&format!("kubectl delete simulations.simkube.io {name}")), "{err}");
    let r = s.records().pop().unwrap();
    assert_eq!(r["outcome"], "interrupted");
    assert!(r["cause"].as_str().unwrap().contains("left in the cluster"), "{r}");
    let release = serde_json::json!({"metadata": {"finalizers": null}});
    api.patch(&name, &kube::api::PatchParams::default(), &kube::api::Patch::Merge(&release)).await.unwrap();
    common::eventually("the released Simulation to go", Duration::from_secs(30), || {
        let c = c.clone();
        let ns = ns.clone();
        async move { if sims_left(&c, &ns).await.is_empty() { Ok(Some(())) } else { Err("still there".into()) } }
    })
    .await;
    delete_ns(&c, &ns).await;
}

/// `--keep` keeps the Simulation when the step fails too: that is when people need to look.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_keeps_a_failed_simulation() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "keep-failed") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-keep");
    s.prep(&ns, &web_trace());
    Api::<ServiceAccount>::namespaced(c.clone(), &ns).delete("sk-ctrl-sa", &DeleteParams::default()).await.unwrap();
    let (code, err, recs) = s.run(&ns, &web_trace(), &["--duration", "10s", "--driver-timeout", "90s", "--keep"]);
    assert_eq!(code, Some(4), "{err}");
    assert!(err.contains("kept Simulation"), "{err}");
    let name = recs.last().unwrap()["sim_name"].as_str().unwrap().to_string();
    assert_eq!(sims_left(&c, &ns).await, vec![name.clone()], "--keep kept the failed Simulation");
    Api::<Simulation>::all(c.clone()).delete(&name, &DeleteParams::default()).await.unwrap();
    delete_ns(&c, &ns).await;
}

/// `prep-ns --stage pods` interrupted while its staging pod runs: the pod is removed, exit 130.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prep_ns_interrupted_leaves_no_staging_pod() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "prep-int") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("prep-int");
    let pods: Api<k8s_openapi::api::core::v1::Pod> = Api::namespaced(c.clone(), &ns);
    // A trace of its own, so the copy really happens (nothing staged under its name yet).
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("web.msgpack");
    let start = (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos() % 1_000_000).to_string();
    let out =
        s.cmd().args(["trace", "rebase", "--start", &start]).arg(web_trace()).arg("-o").arg(&trace).output().unwrap();
    assert!(out.status.success());
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let mut child = s
            .cmd()
            .args(["prep-ns", &ns, "--stage", "pods", "--trace"])
            .arg(&trace)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // As soon as a staging pod exists, interrupt.
        let seen = Instant::now();
        loop {
            let n =
                pods.list(&ListParams::default().labels("skstep.simkube.io/stage")).await.map_or(0, |l| l.items.len());
            if n > 0 {
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break; // staged before we saw the pod: nothing to interrupt this time
            }
            assert!(seen.elapsed() < Duration::from_secs(60), "no staging pod appeared");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        unsafe { libc::kill(child.id() as i32, signal) };
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.code() == Some(0) {
            eprintln!("prep-ns finished before signal {signal} landed; nothing to check this round");
            continue;
        }
        assert_eq!(out.status.code(), Some(130), "{err}");
        assert!(err.contains("nothing half-made is left"), "{err}");
        let left = pods.list(&ListParams::default().labels("skstep.simkube.io/stage")).await.unwrap().items.len();
        assert_eq!(left, 0, "staging pods left after signal {signal}");
        let _ = std::fs::remove_file(
            PathBuf::from(std::env::var("SKSTEP_NODE_DATA_DIR").unwrap())
                .join(format!("skstep-{}.msgpack", &sha256_hex(&std::fs::read(&trace).unwrap())[..12])),
        );
    }
    delete_ns(&c, &ns).await;
}

/// `cleanup` lists and removes what kubectl-skstep left (a kept Simulation and its driver Job, a
/// staging pod) in one driver namespace; `--all` also removes what a crashed SimKube run leaves
/// (a SimulationRoot and a webhook configuration whose Simulation is gone), stripping finalizers
/// where SimKube's controller is gone (here: `--simkube-ns` naming a namespace without it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cleanup_removes_what_was_left_and_all_what_blocks_simkube() {
    use k8s_openapi::api::admissionregistration::v1::MutatingWebhookConfiguration;
    use k8s_openapi::api::core::v1::{Container, Pod, PodSpec};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
    use kube::api::PostParams;
    use sk_api::v1::{SimulationRoot, SimulationRootSpec};
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "cleanup") {
        return;
    }
    let s = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("cleanup");
    s.prep(&ns, &web_trace());
    let (code, err, recs) = s.run(&ns, &web_trace(), &["--duration", "5s", "--grace", "60s", "--keep"]);
    assert_eq!(code, Some(0), "{err}");
    let sim = recs[0]["sim_name"].as_str().unwrap().to_string();
    let pods: Api<Pod> = Api::namespaced(c.clone(), &ns);
    let labels = [("app.kubernetes.io/managed-by", "kubectl-skstep"), ("skstep.simkube.io/stage", "0123456789ab")];
    let pod = Pod {
        metadata: ObjectMeta {
            name: Some("skstep-stage-left".into()),
            labels: Some(labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()),
            ..Default::default()
        },
        spec: Some(PodSpec {
            containers: vec![Container { name: "c".into(), image: Some("busybox".into()), ..Default::default() }],
            ..Default::default()
        }),
        ..Default::default()
    };
    pods.create(&PostParams::default(), &pod).await.unwrap();
    let cleanup = |extra: &[&str]| {
        let out = s.cmd().args(["cleanup", "--ns", &ns]).args(extra).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let dry = cleanup(&["--dry-run"]);
    assert!(dry.contains(&format!("simulation {sim}: made by kubectl-skstep\n  would delete")), "{dry}");
    assert!(dry.contains(&format!("job {ns}/sk-{sim}-driver")), "{dry}");
    assert!(dry.contains(&format!("pod {ns}/skstep-stage-left: a prep-ns staging pod")), "{dry}");
    assert_eq!(sims_left(&c, &ns).await, vec![sim.clone()], "a dry run deleted");
    let done = cleanup(&[]);
    assert!(done.contains(&format!("simulation {sim}: made by kubectl-skstep\n  deleted")), "{done}");
    common::eventually("the kept Simulation and the staging pod to go", Duration::from_secs(30), || {
        let (c, ns, pods) = (c.clone(), ns.clone(), pods.clone());
        async move {
            let p = pods.get_opt("skstep-stage-left").await.map_err(|e| e.to_string())?;
            if sims_left(&c, &ns).await.is_empty() && p.is_none() { Ok(Some(())) } else { Err("left".into()) }
        }
    })
    .await;
    eprintln!("cleanup --ns output:\n{done}");

    // What a crashed SimKube run leaves, with a finalizer nobody will remove.
    let gone = common::unique("skstep-gone");
    let roots: Api<SimulationRoot> = Api::all(c.clone());
    let mut root = SimulationRoot::new(&format!("sk-{gone}-metaroot"), SimulationRootSpec {});
    root.metadata.finalizers = Some(vec!["simkube.io/test-hold".into()]);
    roots.create(&PostParams::default(), &root).await.unwrap();
    let hooks: Api<MutatingWebhookConfiguration> = Api::all(c.clone());
    let hook = MutatingWebhookConfiguration {
        metadata: ObjectMeta {
            name: Some(format!("sk-{gone}-mutatepods")),
            labels: Some([("simkube.io/simulation".to_string(), gone.clone())].into()),
            ..Default::default()
        },
        webhooks: None,
    };
    hooks.create(&PostParams::default(), &hook).await.unwrap();
    let all = cleanup(&["--all", "--simkube-ns", "no-simkube-here"]);
    assert!(all.contains("SimKube's controller is not running in namespace no-simkube-here"), "{all}");
    assert!(
        all.contains(&format!(
            "simulationroot sk-{gone}-metaroot: owned by no Simulation\n  deleted (finalizers stripped: simkube.io/test-hold)"
        )),
        "{all}"
    );
    assert!(
        all.contains(&format!("mutatingwebhookconfiguration sk-{gone}-mutatepods: its Simulation {gone} is gone")),
        "{all}"
    );
    common::eventually("the orphans to go", Duration::from_secs(30), || {
        let (roots, hooks, gone) = (roots.clone(), hooks.clone(), gone.clone());
        async move {
            let r = roots.get_opt(&format!("sk-{gone}-metaroot")).await.map_err(|e| e.to_string())?;
            let h = hooks.get_opt(&format!("sk-{gone}-mutatepods")).await.map_err(|e| e.to_string())?;
            if r.is_none() && h.is_none() { Ok(Some(())) } else { Err("orphans left".into()) }
        }
    })
    .await;
    eprintln!("cleanup --all output:\n{all}");
    delete_ns(&c, &ns).await;
}

/// SimKube-matched defaults and options: the driver image is the sk-driver of sk-ctrl's version
/// (recorded with why); "prepared" is read from the namespace's annotation, so a run from another
/// machine (another state dir) works; --speed sets spec.speed and divides the wait; --port reaches
/// the driver (its webhook, failurePolicy Fail, must answer there for the pods to exist).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn defaults_match_simkube_and_prepared_lives_in_the_cluster() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "defaults") {
        return;
    }
    let here = Scratch::new();
    let elsewhere = Scratch::new();
    let c = common::client("admin").await;
    let ns = common::unique("run-defaults");
    here.prep(&ns, &web_trace());
    let got = Api::<Namespace>::all(c.clone()).get(&ns).await.unwrap();
    let ann = got.metadata.annotations.unwrap_or_default();
    assert_eq!(ann.get("skstep.io/stage-method").map(String::as_str), Some("node-dir"), "{ann:?}");
    assert!(ann.get("skstep.io/trace-path").is_some_and(|p| p.starts_with("file:///data/skstep-")), "{ann:?}");
    assert_eq!(ann.get("skstep.io/trace-sha256").map(String::len), Some(64), "{ann:?}");
    let (code, err, recs) =
        elsewhere.run(&ns, &web_trace(), &["--duration", "20s", "--speed", "2", "--port", "9443", "--grace", "10s"]);
    assert_eq!(code, Some(0), "{err}");
    let r = &recs[0];
    assert_eq!(r["outcome"], "ok", "{r}");
    assert_eq!(r["obs"], serde_json::json!({"ready": 2, "pending": 0, "total": 2}), "{r}");
    assert_eq!(r["driver_image"], "quay.io/appliedcomputing/sk-driver:v2.7.0", "{r}");
    assert!(r["driver_image_source"].as_str().unwrap().contains("sk-ctrl's version"), "{r}");
    assert!(err.contains("driver image quay.io/appliedcomputing/sk-driver:v2.7.0 (sk-ctrl's version"), "{err}");
    assert_eq!(r["speed"], 2.0);
    let wait = r["timings_s"]["wait"].as_f64().unwrap();
    assert!((14.0..18.0).contains(&wait), "20 s at speed 2 is 10 s after the 5 s warm-up: {wait}");
    let bad = elsewhere.run(&ns, &web_trace(), &["--duration", "20s", "--speed", "0"]);
    assert_eq!(bad.0, Some(2), "{}", bad.1);
    delete_ns(&c, &ns).await;
}
