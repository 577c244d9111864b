//! The cluster commands (observe, trace export, prep-ns, doctor) through the real binary against
//! the real local control plane (`scripts/testcluster up`). No mocks.
//!
//! Without KUBECONFIG these tests FAIL unless SKSTEP_NO_CLUSTER=1 (then they are skipped).

mod common;

use std::time::{Duration, Instant};

use assert_cmd::Command;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Namespace, Secret, ServiceAccount};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Client;
use kube::api::{Api, DeleteParams, PostParams};

fn skstep(state: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("kubectl-skstep").unwrap();
    c.env("SKSTEP_STATE_DIR", state);
    c
}

/// A Deployment whose pods carry `tier=<name>`, not `app=<name>`: observe must use the selector.
fn deployment(ns: &str, name: &str, replicas: i32) -> Deployment {
    common::kwok_deployment(ns, name, replicas, "tier")
}

async fn ensure_ns(c: &Client, ns: &str) {
    let api: Api<Namespace> = Api::all(c.clone());
    let _ = api
        .create(
            &PostParams::default(),
            &Namespace { metadata: ObjectMeta { name: Some(ns.into()), ..Default::default() }, ..Default::default() },
        )
        .await;
}

fn observe_json(state: &std::path::Path, args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let out = skstep(state).args(["observe", "-o", "json"]).args(args).output().unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code(), doc, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn observe_counts_pods_by_the_deployments_own_selector() {
    if !common::have_cluster(&[], "observe") {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let c = common::client("admin").await;
    let ns = "virtual-default";
    ensure_ns(&c, ns).await;
    let name = common::unique("obs");
    let deps: Api<Deployment> = Api::namespaced(c.clone(), ns);
    deps.create(&PostParams::default(), &deployment(ns, &name, 3)).await.unwrap();
    let start = Instant::now();
    let doc = loop {
        let (code, doc, err) = observe_json(state.path(), &["--deploy", &name, "--virtual-ns", ns]);
        assert_eq!(code, Some(0), "{err}");
        if doc["ready"] == 3 {
            break doc;
        }
        assert!(start.elapsed() < Duration::from_secs(40), "pods never became ready: {doc}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    assert_eq!((doc["total"].as_u64(), doc["pending"].as_u64(), doc["running"].as_u64()), (Some(3), Some(0), Some(3)));
    assert_eq!(doc["selector"], format!("tier={name}"));
    let per_node: u64 = doc["nodes"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(per_node, 3, "every pod is on a node: {doc}");

    // The limited identity may observe (it can get deployments and list pods in virtual-default).
    let (code, doc, err) = observe_json(state.path(), &["--context", "limited", "--deploy", &name, "--virtual-ns", ns]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["total"], 3);
    // …but not in a namespace outside its grant: exit 3, naming verb and resource.
    let (code, _, err) =
        observe_json(state.path(), &["--context", "limited", "--deploy", &name, "--virtual-ns", "kube-system"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("forbidden") && err.contains("deployments in namespace kube-system"), "{err}");

    // A Deployment that is not there: exit 1, naming the virtual namespaces that exist.
    let (code, _, err) = observe_json(state.path(), &["--deploy", "no-such-web", "--virtual-ns", ns]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no Deployment \"no-such-web\"") && err.contains("virtual-default"), "{err}");
    // -n names the namespace the Deployment is in, as in kubectl.
    let (code, doc, err) = observe_json(state.path(), &["--deploy", &name, "-n", ns]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!((doc["virtual_namespace"].as_str(), doc["total"].as_u64()), (Some(ns), Some(3)));
    // Found without naming the namespace.
    let (code, doc, err) = observe_json(state.path(), &["--deploy", &name]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(doc["virtual_namespace"], ns);
    deps.delete(&name, &DeleteParams::default()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn observe_against_a_dead_api_server_is_exit_3_not_zeros() {
    if !common::have_cluster(&[], "observe-dead") {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Same credentials, a port where nothing listens.
    let kc = std::fs::read_to_string(std::env::var("KUBECONFIG").unwrap()).unwrap();
    let dead = regex_free_replace_port(&kc);
    let path = dir.path().join("dead.kubeconfig");
    std::fs::write(&path, dead).unwrap();
    let out = skstep(state.path())
        .args(["observe", "-o", "json", "--deploy", "web", "--virtual-ns", "virtual-default"])
        .env("KUBECONFIG", &path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "no observation may be printed: {}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unreachable"));
}

fn regex_free_replace_port(kc: &str) -> String {
    kc.lines()
        .map(|l| match l.trim_start().strip_prefix("server: https://127.0.0.1:") {
            Some(_) => format!("{}server: https://127.0.0.1:1", &l[..l.len() - l.trim_start().len()]),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trace_export_reaches_the_real_tracer_through_a_port_forward() {
    if !common::have_cluster(&[], "export") {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let c = common::client("admin").await;
    let ns = common::unique("exp");
    ensure_ns(&c, &ns).await;
    let deps: Api<Deployment> = Api::namespaced(c.clone(), &ns);
    deps.create(&PostParams::default(), &deployment(&ns, "api", 1)).await.unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("exported.sktrace");
    // No --tracer: through Service sk-tracer-svc and a port-forward made by the plugin.
    let out = skstep(state.path())
        .env_remove("SKSTEP_TRACER_URL")
        .args(["trace", "export", "--since", "10m", "-o"])
        .arg(&out_file)
        .args(["-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["parses"], true);
    let parsed = common::sk_parses(&std::fs::read(&out_file).unwrap()).expect("SimKube parses the export");
    let names: Vec<String> = parsed
        .events
        .iter()
        .flat_map(|e| e.applied_objs.iter())
        .map(|o| {
            format!(
                "{}/{}",
                o.metadata.namespace.clone().unwrap_or_default(),
                o.metadata.name.clone().unwrap_or_default()
            )
        })
        .collect();
    assert!(names.contains(&format!("{ns}/api")), "{names:?}");
    // Excluding the namespace drops it.
    let out2 = dir.path().join("excluded.sktrace");
    skstep(state.path())
        .args(["trace", "export", "--since", "10m", "--exclude-ns", &ns, "-o"])
        .arg(&out2)
        .assert()
        .code(0);
    let parsed = common::sk_parses(&std::fs::read(&out2).unwrap()).unwrap();
    assert!(
        parsed
            .events
            .iter()
            .flat_map(|e| e.applied_objs.iter())
            .all(|o| o.metadata.namespace.as_deref() != Some(ns.as_str()))
    );
    // A tracer that is not there: exit 3 with the address.
    let out = skstep(state.path())
        .args(["trace", "export", "--tracer", "http://127.0.0.1:1", "-o"])
        .arg(dir.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sk-tracer unreachable"));
    let _ = Api::<Namespace>::all(c.clone()).delete(&ns, &DeleteParams::default()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prep_ns_is_idempotent_and_refuses_bad_traces() {
    if !common::have_cluster(&[], "prep-ns") {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let node_dir = tempfile::tempdir().unwrap();
    let c = common::client("admin").await;
    let ns = common::unique("prep");
    let trace = common::trace("simarena-demo-deprecated-path.msgpack");

    // Dry run changes nothing.
    let out = skstep(state.path())
        .args(["prep-ns", &ns, "--dry-run", "--trace"])
        .arg(&trace)
        .arg("--node-dir")
        .arg(node_dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("would create"));
    assert!(Api::<Namespace>::all(c.clone()).get_opt(&ns).await.unwrap().is_none());
    assert_eq!(std::fs::read_dir(node_dir.path()).unwrap().count(), 0);

    // An invalid trace is refused before anything changes.
    let out = skstep(state.path())
        .args(["prep-ns", &ns, "--trace"])
        .arg(common::trace("simarena-missing-fields.msgpack"))
        .arg("--node-dir")
        .arg(node_dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing field `config`"));
    assert!(Api::<Namespace>::all(c.clone()).get_opt(&ns).await.unwrap().is_none());

    for round in 0..2 {
        let out = skstep(state.path())
            .args(["prep-ns", &ns, "-o", "json", "--trace"])
            .arg(&trace)
            .arg("--node-dir")
            .arg(node_dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(!String::from_utf8_lossy(&out.stdout).contains("c2ltdWxhdGlvbg"), "secret data must never be printed");
        let staged = doc["staged"]["trace_path"].as_str().unwrap();
        let file = node_dir.path().join(staged.trim_start_matches("file:///data/"));
        assert_eq!(std::fs::read(&file).unwrap(), std::fs::read(&trace).unwrap());
    }
    let sa: Api<ServiceAccount> = Api::namespaced(c.clone(), &ns);
    assert!(sa.get_opt("sk-ctrl-sa").await.unwrap().is_some());
    let secrets: Api<Secret> = Api::namespaced(c.clone(), &ns);
    let copied = secrets.get("simkube").await.unwrap();
    let original = Api::<Secret>::namespaced(c.clone(), "simkube").get("simkube").await.unwrap();
    assert_eq!(copied.data, original.data);
    assert_ne!(copied.metadata.uid, original.metadata.uid);

    // doctor agrees the namespace is ready.
    let out = skstep(state.path())
        .args(["doctor", "-o", "json", "--ns", &ns, "--trace"])
        .arg(&trace)
        .args(["--deploy", "web"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for chk in doc["checks"].as_array().unwrap() {
        let name = chk["check"].as_str().unwrap();
        if name.starts_with("driver")
            || name.starts_with("trace")
            || name.starts_with("Deployment")
            || name.starts_with("CRD")
        {
            assert_eq!(chk["ok"], true, "{chk}");
        }
    }
    // SimKube's own rules: the web trace needs no missing ServiceAccount, Secret or ConfigMap.
    let pods = doc["checks"].as_array().unwrap().iter().find(|c| c["check"] == "pods can be created");
    assert_eq!(pods.map(|c| c["ok"].clone()), Some(serde_json::Value::Bool(true)), "{doc}");
    let _ = Api::<Namespace>::all(c.clone()).delete(&ns, &DeleteParams::default()).await;
}

fn doctor_json(state: &std::path::Path, args: &[&str]) -> (Option<i32>, serde_json::Value, String, Duration) {
    let start = Instant::now();
    let out = skstep(state).args(["doctor", "-o", "json"]).args(args).output().unwrap();
    let doc = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("doctor -o json: {e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code(), doc, String::from_utf8_lossy(&out.stderr).into_owned(), start.elapsed())
}

/// With the `limited` context (it may read pods and Deployments in virtual-default, nothing
/// else) every check the API refuses says "cannot check: forbidden …", never "missing", "0
/// node(s)" or "a different trace".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_shows_forbidden_as_cannot_check() {
    if !common::have_cluster(&["SKSTEP_TRACER_URL"], "doctor-limited") {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let trace = common::trace("simarena-demo-deprecated-path.msgpack");
    let trace = trace.to_str().unwrap();
    let (code, doc, err, _) =
        doctor_json(state.path(), &["--context", "limited", "--ns", "default", "--trace", trace, "--deploy", "web"]);
    // What prep-ns staged lives in the namespace's annotation, which `limited` may not read
    // either: every check but reachability and the tracer is a refusal, so exit 3.
    assert_eq!(code, Some(3), "{err}\n{doc:#}");
    assert!(err.contains("9 check(s) could not be made"), "{err}");
    let checks = doc["checks"].as_array().unwrap();
    let by_name = |n: &str| checks.iter().find(|c| c["check"] == n).unwrap_or_else(|| panic!("no check {n}: {doc:#}"));
    assert_eq!(by_name("cluster reachable")["status"], "ok");
    // sk-tracer needs no RBAC through --tracer: it really answers.
    assert_eq!(by_name("tracer answers /export")["status"], "ok", "{doc:#}");
    for name in [
        "CRD simulations.simkube.io",
        "CRD simulationroots.simkube.io",
        "sk-ctrl running",
        "sk-ctrl reconciles",
        "tracer Service",
        "KWOK virtual nodes",
        "driver ServiceAccount",
        "driver Secret simkube",
        "trace staged",
    ] {
        let c = by_name(name);
        assert_eq!(c["status"], "cannot_check", "{c}");
        assert_eq!(c["ok"], false, "{c}");
        let detail = c["detail"].as_str().unwrap();
        assert!(detail.starts_with("cannot check: forbidden: cannot "), "{c}");
        for wrong in ["missing", "0 node(s)", "a different trace", "not found"] {
            assert!(!detail.contains(wrong), "{name} says {wrong:?}: {c}");
        }
    }
    // Only API errors: exit 3.
    let (code, _, err, _) = doctor_json(state.path(), &["--context", "limited"]);
    assert_eq!(code, Some(3), "{err}");
    // The same checks with the admin context do not say "cannot check".
    let (_, doc, _, _) = doctor_json(state.path(), &["--context", "admin"]);
    for c in doc["checks"].as_array().unwrap() {
        assert_ne!(c["status"], "cannot_check", "{c}");
    }
    // The text form marks them `?` and says why.
    let out = skstep(state.path()).args(["doctor", "--context", "limited"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("? KWOK virtual nodes") && l.contains("cannot check: forbidden")),
        "{text}"
    );
}

/// An API server that does not answer: the one check says so and the exit code is 3, as for
/// every command that cannot reach the cluster; nothing else is claimed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_against_a_dead_api_server_is_exit_3() {
    if !common::have_cluster(&[], "doctor-dead") {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let kc = std::fs::read_to_string(std::env::var("KUBECONFIG").unwrap()).unwrap();
    let path = state.path().join("dead.kubeconfig");
    std::fs::write(&path, regex_free_replace_port(&kc)).unwrap();
    let out = skstep(state.path()).args(["doctor", "-o", "json"]).env("KUBECONFIG", &path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let checks = doc["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 1, "{doc:#}");
    assert_eq!(checks[0]["check"], "cluster reachable");
    assert_eq!(checks[0]["status"], "failed");
    assert!(err.contains("cluster unreachable (get /version)"), "{err}");
}

/// A tracer that accepts the connection and never answers: doctor ends within its 10 s tracer
/// timeout and says "cannot check" for that line only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_never_hangs_on_a_silent_tracer() {
    if !common::have_cluster(&[], "doctor-silent-tracer") {
        return;
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/prefix", listener.local_addr().unwrap());
    let held = std::sync::Arc::new(std::sync::Mutex::new(vec![]));
    let keep = held.clone();
    tokio::spawn(async move {
        while let Ok((s, _)) = listener.accept().await {
            keep.lock().unwrap().push(s); // accepted, never read, never answered
        }
    });
    let state = tempfile::tempdir().unwrap();
    let (code, doc, err, took) = doctor_json(state.path(), &["--context", "admin", "--tracer", &url]);
    assert!(took < Duration::from_secs(25), "doctor took {took:?}");
    assert!(!held.lock().unwrap().is_empty(), "doctor never connected to the tracer");
    let c = doc["checks"].as_array().unwrap().iter().find(|c| c["check"] == "tracer answers /export").unwrap().clone();
    assert_eq!(c["status"], "cannot_check", "{c}");
    assert!(c["detail"].as_str().unwrap().contains("no answer within 10s"), "{c}");
    assert_eq!(code, Some(3), "{err}\n{doc:#}");
}

/// `--tracer` with a path prefix keeps it: a tracer behind a path answers at PREFIX/export. A
/// reverse proxy written here forwards /prefix/export to the real sk-tracer's /export and
/// refuses every other path.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tracer_url_path_prefix_is_kept() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    if !common::have_cluster(&["SKSTEP_TRACER_URL"], "tracer-prefix") {
        return;
    }
    let real = std::env::var("SKSTEP_TRACER_URL").unwrap();
    let real_addr = real.trim_start_matches("http://").trim_end_matches('/').to_string();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/sk/tracer/", listener.local_addr().unwrap());
    let paths = std::sync::Arc::new(std::sync::Mutex::new(vec![]));
    let log = paths.clone();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let real_addr = real_addr.clone();
            let log = log.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let n = s.read(&mut buf).await.unwrap();
                let head = String::from_utf8_lossy(&buf[..n]).into_owned();
                let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
                log.lock().unwrap().push(path.clone());
                if path != "/sk/tracer/export" {
                    let _ = s.write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 9\r\n\r\nnot found").await;
                    return;
                }
                let mut up = tokio::net::TcpStream::connect(&real_addr).await.unwrap();
                up.write_all(head.replacen("/sk/tracer/export", "/export", 1).as_bytes()).await.unwrap();
                let _ = tokio::io::copy_bidirectional(&mut s, &mut up).await;
            });
        }
    });
    let state = tempfile::tempdir().unwrap();
    let out = skstep(state.path())
        .args(["trace", "export", "--since", "5m", "--tracer", &url, "-o"])
        .arg(state.path().join("t.msgpack"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(paths.lock().unwrap().as_slice(), ["/sk/tracer/export"]);
}
