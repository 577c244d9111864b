//! Real 429s with Retry-After from the test cluster's real kube-apiserver, through its API Priority
//! and Fairness: a ServiceAccount of the test's own is classified (a FlowSchema) into a priority
//! level with no concurrency of its own and no queue (nominalConcurrencyShares 0, limitResponse
//! Reject), which serves one request at a time and answers every other with 429 and Retry-After.
//! The test holds that one seat with a large LIST it does not read (the server blocks writing
//! it), so every call of kubectl-skstep as that ServiceAccount is refused until the test lets go.
//! No mock: the refusals are the API server's own.
//!
//! Without KUBECONFIG these tests FAIL unless SKSTEP_NO_CLUSTER=1 (then they are skipped).

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use k8s_openapi::api::authentication::v1::TokenRequest;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, ServiceAccount};
use k8s_openapi::api::flowcontrol::v1::{FlowSchema, PriorityLevelConfiguration};
use k8s_openapi::api::rbac::v1::ClusterRoleBinding;
use kube::Client;
use kube::api::{Api, DeleteParams, PostParams};
use serde_json::json;

/// The objects the test makes, removed on drop (whatever the outcome).
struct Throttle {
    admin: Client,
    name: String,
}

impl Drop for Throttle {
    fn drop(&mut self) {
        let (c, n) = (self.admin.clone(), self.name.clone());
        // A fresh runtime: drop may run while the test's runtime is unwinding.
        let _ = std::thread::spawn(move || {
            tokio::runtime::Runtime::new().unwrap().block_on(async {
                let dp = DeleteParams::default();
                let _ = Api::<FlowSchema>::all(c.clone()).delete(&n, &dp).await;
                let _ = Api::<PriorityLevelConfiguration>::all(c.clone()).delete(&n, &dp).await;
                let _ = Api::<ClusterRoleBinding>::all(c.clone()).delete(&n, &dp).await;
                let _ = Api::<Namespace>::all(c).delete(&n, &dp).await;
            })
        })
        .join();
    }
}

fn obj<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).unwrap()
}

/// The ServiceAccount's own kubeconfig (its token, the cluster's address and CA), mode 0600.
fn kubeconfig(dir: &std::path::Path, server: &str, ca: &str, token: &str) -> std::path::PathBuf {
    use std::os::unix::fs::OpenOptionsExt;
    let p = dir.join("throttled.kubeconfig");
    let doc = json!({
        "apiVersion": "v1", "kind": "Config", "current-context": "throttled",
        "clusters": [{"name": "c", "cluster": {"server": server, "certificate-authority-data": ca}}],
        "users": [{"name": "throttled", "user": {"token": token}}],
        "contexts": [{"name": "throttled", "context": {"cluster": "c", "user": "throttled", "namespace": "default"}}],
    });
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&p).unwrap();
    std::io::Write::write_all(&mut f, doc.to_string().as_bytes()).unwrap();
    p
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttled_api_server_is_retried_after_its_retry_after_until_the_api_timeout() {
    if !common::have_cluster(&[], "api-throttle") {
        return;
    }
    // The kubeconfig's current context is the cluster's admin (`admin`, or `NAME-admin`).
    let kc = kube::config::Kubeconfig::read().unwrap();
    let admin_ctx = kc.current_context.clone().unwrap();
    let admin = common::client(&admin_ctx).await;
    let name = common::unique("skstep-apf");
    let guard = Throttle { admin: admin.clone(), name: name.clone() };
    let pp = PostParams::default();
    let ns = name.as_str();
    Api::<Namespace>::all(admin.clone()).create(&pp, &obj(json!({"metadata": {"name": ns}}))).await.unwrap();
    let sas: Api<ServiceAccount> = Api::namespaced(admin.clone(), ns);
    sas.create(&pp, &obj(json!({"metadata": {"name": "throttled"}}))).await.unwrap();
    let crb = json!({
        "metadata": {"name": ns},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
        "subjects": [{"kind": "ServiceAccount", "name": "throttled", "namespace": ns}],
    });
    Api::<ClusterRoleBinding>::all(admin.clone()).create(&pp, &obj(crb)).await.unwrap();
    // What observe will look at, and ~20 MB of ConfigMaps: a LIST of them the test does not read
    // keeps the API server writing, and so holds the priority level's one seat.
    let deploy = "throttled-web";
    let deps = Api::namespaced(admin.clone(), ns);
    deps.create(&pp, &common::kwok_deployment(ns, deploy, 1, "app")).await.unwrap();
    let cms: Api<ConfigMap> = Api::namespaced(admin.clone(), ns);
    let filler = "x".repeat(900 * 1024);
    for i in 0..24 {
        cms.create(&pp, &obj(json!({"metadata": {"name": format!("filler-{i}")}, "data": {"x": filler}})))
            .await
            .unwrap();
    }
    let pl = json!({
        "metadata": {"name": ns},
        "spec": {"type": "Limited", "limited": {
            "nominalConcurrencyShares": 0, "lendablePercent": 0, "borrowingLimitPercent": 0,
            "limitResponse": {"type": "Reject"}}},
    });
    let pl: PriorityLevelConfiguration = Api::all(admin.clone()).create(&pp, &obj(pl)).await.unwrap();
    let fs = json!({
        "metadata": {"name": ns},
        "spec": {
            "priorityLevelConfiguration": {"name": ns}, "matchingPrecedence": 50,
            "distinguisherMethod": {"type": "ByUser"},
            "rules": [{
                "subjects": [{"kind": "ServiceAccount", "serviceAccount": {"name": "throttled", "namespace": ns}}],
                "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "clusterScope": true, "namespaces": ["*"]}],
                "nonResourceRules": [{"verbs": ["*"], "nonResourceURLs": ["*"]}],
            }],
        },
    });
    Api::<FlowSchema>::all(admin.clone()).create(&pp, &obj(fs)).await.unwrap();

    let tr: TokenRequest = obj(json!({"spec": {"audiences": [], "expirationSeconds": 3600}}));
    let token = sas.create_token_request("throttled", &pp, &tr).await.unwrap().status.unwrap().token;
    let cluster = kc.clusters.iter().find_map(|c| c.cluster.clone()).unwrap();
    let (server, ca) = (cluster.server.unwrap(), cluster.certificate_authority_data.unwrap());
    let dir = tempfile::tempdir().unwrap();
    let kubeconfig = kubeconfig(dir.path(), &server, &ca, &token);
    let opts = kube::config::KubeConfigOptions { context: Some(admin_ctx), ..Default::default() };
    let admin_cfg = kube::Config::from_custom_kubeconfig(kc.clone(), &opts).await.unwrap();
    let ca_der = admin_cfg.root_cert.unwrap().remove(0);
    let http = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_der(&ca_der).unwrap())
        .build()
        .unwrap();
    let get = |path: String| http.get(format!("{server}{path}")).bearer_auth(&token).send();

    // The API server applies the new flow control within a second or so: wait until it
    // classifies the ServiceAccount into our level.
    let pl_uid = pl.metadata.uid.unwrap();
    common::eventually("our priority level classifies the ServiceAccount", Duration::from_secs(30), || async {
        let r = get(format!("/api/v1/namespaces/{ns}/configmaps?limit=1")).await.map_err(|e| e.to_string())?;
        let uid = r.headers().get("X-Kubernetes-PF-PriorityLevel-UID").and_then(|v| v.to_str().ok()).unwrap_or("");
        Ok((uid == pl_uid).then_some(()))
    })
    .await;
    // The seat is free only while nothing else of the level runs (the probe's request may still be
    // finishing): try for it a few times.
    let mut held = get(format!("/api/v1/namespaces/{ns}/configmaps")).await.unwrap();
    for _ in 0..20 {
        if held.status() == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        held = get(format!("/api/v1/namespaces/{ns}/configmaps")).await.unwrap();
    }
    assert_eq!(held.status(), 200, "the big LIST never got the level's seat");
    let refused = get("/version".into()).await.unwrap();
    assert_eq!(refused.status(), 429, "the held LIST does not hold the level's seat");
    let retry_after = refused.headers().get("Retry-After").and_then(|v| v.to_str().ok()).map(String::from);
    assert!(retry_after.is_some(), "APF's 429 carries Retry-After");

    let cmd = |args: &[&str]| {
        let mut c = std::process::Command::cargo_bin("kubectl-skstep").unwrap();
        c.env("KUBECONFIG", &kubeconfig).env("SKSTEP_STATE_DIR", dir.path()).arg("-v").args(args);
        c
    };

    // 1. Throttled throughout: doctor retries its first call after each Retry-After until
    // --api-timeout, then ends, exit 3, with the API server's own answer.
    let start = Instant::now();
    let out = cmd(&["doctor", "-o", "json", "--api-timeout", "4s"]).output().unwrap();
    let took = start.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("the API server answered 429"), "{err}");
    assert!(err.contains("(the API server's Retry-After)"), "the wait followed Retry-After: {err}");
    assert!(err.contains("still failing after 4s of retries"), "{err}");
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(12), "doctor took {took:?}");

    // 2. Throttled, then let go: observe retries after the Retry-After it was given and succeeds.
    let mut child = cmd(&["observe", "-o", "json", "--virtual-ns", ns, "--deploy", deploy, "--api-timeout", "30s"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("(the API server's Retry-After)") {
                let _ = tx.send(());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    let throttled = rx.recv_timeout(Duration::from_secs(20)).is_ok();
    drop(held);
    let out = child.wait_with_output().unwrap();
    let err = reader.join().unwrap();
    assert!(throttled, "observe was never told to retry after: {err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["deployment"], deploy, "{doc}");
    assert!(err.contains("the API server answered 429"), "{err}");
    drop(guard);
}
