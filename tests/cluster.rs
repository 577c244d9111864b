//! Integration tests against the REAL local control plane started by
//! `scripts/testcluster up` (etcd, kube-apiserver, kube-controller-manager,
//! kube-scheduler, KWOK, sk-tracer). No mocks.
//!
//!     eval "$(scripts/testcluster up)"
//!     cargo test --test cluster
//!     scripts/testcluster down
//!
//! Without KUBECONFIG / SKSTEP_TRACER_URL these tests FAIL, unless
//! SKSTEP_NO_CLUSTER=1 is set, in which case each returns early (skipped).
//! Every test uses its own resource names so they can run in parallel.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{Container, Event, Node, Pod, PodSpec, PodTemplateSpec};
use k8s_openapi::api::rbac::v1::{ClusterRoleBinding, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Client;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use sk_api::v1::{ExportFilters, ExportRequest, Simulation, SimulationDriverConfig, SimulationSpec};

const NS: &str = "virtual-default";

struct ClusterEnv {
    tracer_url: String,
}

/// The cluster's coordinates, or `None` when the caller asked to skip (SKSTEP_NO_CLUSTER=1).
fn cluster_env(test: &str) -> Option<ClusterEnv> {
    if !common::have_cluster(&["SKSTEP_TRACER_URL"], test) {
        return None;
    }
    let tracer_url = std::env::var("SKSTEP_TRACER_URL").unwrap();
    Some(ClusterEnv { tracer_url: tracer_url.trim_end_matches('/').to_string() })
}

fn now_ts() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

fn web_deployment(name: &str, replicas: i32) -> Deployment {
    common::kwok_deployment(NS, name, replicas, "app")
}

fn pod_ready(p: &Pod) -> bool {
    let status = match &p.status {
        Some(s) => s,
        None => return false,
    };
    status.phase.as_deref() == Some("Running")
        && status.conditions.iter().flatten().any(|c| c.type_ == "Ready" && c.status == "True")
}

/// Wait until exactly `n` pods labelled app=<name> exist, all Running+Ready on KWOK nodes.
async fn wait_ready_pods(client: &Client, name: &str, n: usize) -> Vec<Pod> {
    let pods: Api<Pod> = Api::namespaced(client.clone(), NS);
    let nodes: Api<Node> = Api::all(client.clone());
    let lp = ListParams::default().labels(&format!("app={name}"));
    common::eventually(&format!("{n} Ready pods of {name}"), Duration::from_secs(30), || {
        let (pods, nodes, lp) = (pods.clone(), nodes.clone(), lp.clone());
        async move {
            let list = pods.list(&lp).await.map_err(|e| e.to_string())?;
            let live: Vec<Pod> = list.items.into_iter().filter(|p| p.metadata.deletion_timestamp.is_none()).collect();
            let ready = live.iter().filter(|p| pod_ready(p)).count();
            if live.len() != n || ready != n {
                return Err(format!("{} pods, {ready} ready", live.len()));
            }
            for p in &live {
                let node_name = p.spec.as_ref().and_then(|s| s.node_name.clone()).ok_or("unscheduled pod")?;
                let node = nodes.get(&node_name).await.map_err(|e| e.to_string())?;
                let fake =
                    node.metadata.annotations.as_ref().and_then(|a| a.get("kwok.x-k8s.io/node")).map(String::as_str);
                assert_eq!(fake, Some("fake"), "pod scheduled onto non-KWOK node {node_name}");
            }
            Ok(Some(live))
        }
    })
    .await
}

#[tokio::test]
async fn deployment_pods_are_scheduled_run_scale_and_go_away() {
    let Some(_env) = cluster_env("deployment_pods_are_scheduled_run_scale_and_go_away") else { return };
    let client = common::client("admin").await;
    let deps: Api<Deployment> = Api::namespaced(client.clone(), NS);
    let name = common::unique("web");

    deps.create(&PostParams::default(), &web_deployment(&name, 3)).await.expect("create deployment");
    let pods = wait_ready_pods(&client, &name, 3).await;
    for p in &pods {
        // bound by the real scheduler (there is no nodeName in the template)
        assert!(p.spec.as_ref().unwrap().node_name.is_some());
    }

    let scale = serde_json::json!({"spec": {"replicas": 5}});
    deps.patch(&name, &PatchParams::default(), &Patch::Merge(&scale)).await.expect("scale to 5");
    wait_ready_pods(&client, &name, 5).await;

    deps.delete(&name, &DeleteParams::background()).await.expect("delete deployment");
    let pods: Api<Pod> = Api::namespaced(client.clone(), NS);
    let lp = ListParams::default().labels(&format!("app={name}"));
    common::eventually("deployment and its pods to be gone", Duration::from_secs(30), || {
        let (deps, pods, lp, name) = (deps.clone(), pods.clone(), lp.clone(), name.clone());
        async move {
            let dep_left = deps.get_opt(&name).await.map_err(|e| e.to_string())?.is_some();
            let pods_left = pods.list(&lp).await.map_err(|e| e.to_string())?.items.len();
            if dep_left || pods_left > 0 {
                return Err(format!("deployment present: {dep_left}, pods left: {pods_left}"));
            }
            Ok(Some(()))
        }
    })
    .await;
}

#[tokio::test]
async fn job_with_missing_service_account_reports_failed_create() {
    let Some(_env) = cluster_env("job_with_missing_service_account_reports_failed_create") else { return };
    let client = common::client("admin").await;
    let jobs: Api<Job> = Api::namespaced(client.clone(), NS);
    let name = common::unique("nosa-job");
    let sa = common::unique("no-such-sa");
    let job = Job {
        metadata: ObjectMeta { name: Some(name.clone()), ..Default::default() },
        spec: Some(JobSpec {
            template: PodTemplateSpec {
                metadata: None,
                spec: Some(PodSpec {
                    service_account_name: Some(sa.clone()),
                    restart_policy: Some("Never".into()),
                    containers: vec![Container {
                        name: "main".into(),
                        image: Some("busybox".into()),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        ..Default::default()
    };
    jobs.create(&PostParams::default(), &job).await.expect("create job");

    let events: Api<Event> = Api::namespaced(client.clone(), NS);
    let lp = ListParams::default().fields(&format!("involvedObject.name={name},reason=FailedCreate"));
    let want = format!("serviceaccount \"{sa}\" not found");
    let msg = common::eventually("FailedCreate event from the job controller", Duration::from_secs(30), || {
        let (events, lp, want) = (events.clone(), lp.clone(), want.clone());
        async move {
            let list = events.list(&lp).await.map_err(|e| e.to_string())?;
            let msgs: Vec<String> = list.items.into_iter().filter_map(|e| e.message).collect();
            Ok(msgs.into_iter().find(|m| m.contains(&want)))
        }
    })
    .await;
    assert!(msg.contains(&want), "{msg}");
    jobs.delete(&name, &DeleteParams::background()).await.expect("delete job");
}

#[tokio::test]
async fn simulation_custom_resource_round_trips() {
    let Some(_env) = cluster_env("simulation_custom_resource_round_trips") else { return };
    let client = common::client("admin").await;
    let sims: Api<Simulation> = Api::all(client);
    let name = common::unique("sim");
    let spec = SimulationSpec {
        driver: SimulationDriverConfig {
            image: "quay.io/appliedcomputing/sk-driver:v2.7.0".into(),
            namespace: "simkube".into(),
            port: 8888,
            trace_path: "file:///data/trace".into(),
            virtual_ns_prefix: "virtual".into(),
            cert_manager_issuer: "selfsigned".into(),
            ..Default::default()
        },
        duration: Some("10m".into()),
        repetitions: Some(2),
        speed: Some(1.5),
        ..Default::default()
    };
    sims.create(&PostParams::default(), &Simulation::new(&name, spec)).await.expect("create Simulation");
    let back = sims.get(&name).await.expect("get Simulation");
    assert_eq!(back.spec.driver.image, "quay.io/appliedcomputing/sk-driver:v2.7.0");
    assert_eq!(back.spec.driver.trace_path, "file:///data/trace");
    assert_eq!(back.spec.driver.port, 8888);
    assert_eq!(back.spec.repetitions, Some(2));
    assert_eq!(back.spec.speed, Some(1.5));
    assert_eq!(back.spec.duration.as_deref(), Some("10m"));
    sims.delete(&name, &DeleteParams::default()).await.expect("delete Simulation");
}

#[tokio::test]
async fn limited_context_is_confined_by_rbac() {
    let Some(_env) = cluster_env("limited_context_is_confined_by_rbac") else { return };
    let limited = common::client("limited").await;

    let crbs: Api<ClusterRoleBinding> = Api::all(limited.clone());
    let crb = ClusterRoleBinding {
        metadata: ObjectMeta { name: Some(common::unique("escalate")), ..Default::default() },
        role_ref: RoleRef {
            api_group: "rbac.authorization.k8s.io".into(),
            kind: "ClusterRole".into(),
            name: "cluster-admin".into(),
        },
        subjects: Some(vec![Subject {
            api_group: Some("rbac.authorization.k8s.io".into()),
            kind: "User".into(),
            name: "skstep-limited".into(),
            ..Default::default()
        }]),
    };
    match crbs.create(&PostParams::default(), &crb).await {
        Err(kube::Error::Api(resp)) => assert_eq!(resp.code, 403, "{resp:?}"),
        other => panic!("limited context must get 403 creating a ClusterRoleBinding, got {other:?}"),
    }

    let pods: Api<Pod> = Api::namespaced(limited.clone(), NS);
    pods.list(&ListParams::default()).await.expect("limited context may list pods in virtual-default");
    let deps: Api<Deployment> = Api::namespaced(limited.clone(), NS);
    deps.list(&ListParams::default()).await.expect("limited context may list deployments in virtual-default");

    let elsewhere: Api<Pod> = Api::namespaced(limited, "simkube");
    match elsewhere.list(&ListParams::default()).await {
        Err(kube::Error::Api(resp)) => assert_eq!(resp.code, 403, "{resp:?}"),
        other => panic!("limited context must not list pods in simkube, got {other:?}"),
    }
}

#[tokio::test]
async fn tracer_exports_a_trace_with_the_deployment() {
    let Some(env) = cluster_env("tracer_exports_a_trace_with_the_deployment") else { return };
    let client = common::client("admin").await;
    let deps: Api<Deployment> = Api::namespaced(client.clone(), NS);
    let name = common::unique("web");
    let start_ts = now_ts() - 60;
    deps.create(&PostParams::default(), &web_deployment(&name, 1)).await.expect("create deployment");
    wait_ready_pods(&client, &name, 1).await;

    let http = reqwest::Client::new();
    let url = format!("{}/export", env.tracer_url);
    let req = ExportRequest::new(
        start_ts,
        now_ts() + 60,
        "file:///tmp/skstep-cluster-test-export".into(),
        ExportFilters::new(vec!["kube-system".into()], vec![]),
    );
    let body = serde_json::to_vec(&req).unwrap();

    // the tracer sees the Deployment through its watch: poll briefly for it
    let trace = common::eventually("the Deployment in the exported trace", Duration::from_secs(30), || {
        let (http, url, body, name) = (http.clone(), url.clone(), body.clone(), name.clone());
        async move {
            let resp = http
                .post(&url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = resp.status();
            let bytes = resp.bytes().await.map_err(|e| e.to_string())?;
            if !status.is_success() {
                return Err(format!("HTTP {status}: {}", String::from_utf8_lossy(&bytes)));
            }
            let trace = sk_store::ExportedTrace::import(bytes.to_vec(), None).map_err(|e| format!("{e:#}"))?;
            let found = trace.events.iter().flat_map(|e| e.applied_objs.iter()).any(|o| {
                o.metadata.name.as_deref() == Some(name.as_str()) && o.metadata.namespace.as_deref() == Some(NS)
            });
            Ok(found.then_some(trace))
        }
    })
    .await;
    assert!(!trace.events.is_empty());

    // a request without `filters` does not match the ExportRequest schema
    let bad = serde_json::json!({
        "start_ts": start_ts,
        "end_ts": now_ts() + 60,
        "export_path": "file:///tmp/skstep-cluster-test-export",
    });
    let resp = http.post(&url).json(&bad).send().await.expect("POST /export");
    assert_eq!(resp.status().as_u16(), 422);

    deps.delete(&name, &DeleteParams::background()).await.expect("delete deployment");
}

fn bare_pod(name: &str, label: &str, node_selector: Option<&str>, finalizer: bool) -> Pod {
    Pod {
        metadata: ObjectMeta {
            name: Some(name.into()),
            namespace: Some(NS.into()),
            labels: Some(BTreeMap::from([("probe".to_string(), label.to_string())])),
            finalizers: finalizer.then(|| vec!["skstep.test/hold".to_string()]),
            ..Default::default()
        },
        spec: Some(PodSpec {
            containers: vec![Container { name: "c".into(), image: Some("nginx".into()), ..Default::default() }],
            node_selector: node_selector
                .map(|n| BTreeMap::from([("kubernetes.io/hostname".to_string(), n.to_string())])),
            tolerations: common::kwok_tolerations(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// observe reads pods from the API server's protobuf encoding (cheaper with many pods); it must
/// see exactly what the typed JSON list sees: ready, pending and unscheduled, terminating.
#[tokio::test]
async fn protobuf_pod_list_reads_what_the_json_list_reads() {
    let Some(_env) = cluster_env("protobuf_pod_list_reads_what_the_json_list_reads") else { return };
    let client = common::client("admin").await;
    let pods: Api<Pod> = Api::namespaced(client.clone(), NS);
    let label = common::unique("probe");
    let (running, unscheduled, terminating) =
        (format!("{label}-run"), format!("{label}-unsched"), format!("{label}-term"));
    let pp = PostParams::default();
    pods.create(&pp, &bare_pod(&running, &label, None, false)).await.unwrap();
    pods.create(&pp, &bare_pod(&unscheduled, &label, Some("no-such-node"), false)).await.unwrap();
    // Unbound, so deleted at once, but the finalizer keeps it (KWOK only strips finalizers on its nodes).
    pods.create(&pp, &bare_pod(&terminating, &label, Some("no-such-node"), true)).await.unwrap();
    pods.delete(&terminating, &DeleteParams::default()).await.unwrap();

    let selector = format!("probe={label}");
    let lp = ListParams::default().labels(&selector);
    let json_views = || {
        let (pods, lp) = (pods.clone(), lp.clone());
        async move {
            let mut items = pods.list(&lp).await.unwrap().items;
            items.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
            items.iter().map(skstep::cluster::podproto::PodView::from).collect::<Vec<_>>()
        }
    };
    common::eventually("the running pod to be Ready", Duration::from_secs(30), || {
        let json_views = json_views();
        async move {
            let v = json_views.await;
            if v.iter().any(|p| p.ready) { Ok(Some(())) } else { Err(format!("{v:?}")) }
        }
    })
    .await;

    // Names sort as -run, -term, -unsched; the protobuf list comes back in the same (name) order.
    let proto = skstep::cluster::observe::list_pods(&client, NS, &selector).await.expect("protobuf list");
    let json = json_views().await;
    assert_eq!(proto, json, "protobuf and JSON pod lists disagree");
    assert_eq!(proto.len(), 3);
    assert!(proto[0].ready && proto[0].node.is_some() && proto[0].phase.as_deref() == Some("Running"), "{proto:?}");
    assert!(proto[1].deleting && proto[1].node.is_none(), "{proto:?}");
    assert!(!proto[2].deleting && !proto[2].ready && proto[2].node.is_none(), "{proto:?}");
    assert_eq!(proto[2].phase.as_deref(), Some("Pending"));

    let release = serde_json::json!({"metadata": {"finalizers": null}});
    pods.patch(&terminating, &PatchParams::default(), &Patch::Merge(&release)).await.unwrap();
    for p in [&running, &unscheduled] {
        pods.delete(p, &DeleteParams::default()).await.unwrap();
    }
}
