//! The whole SimKube loop in the REAL test cluster: SimKube's own sk-ctrl reconciles a
//! Simulation into a driver Job, the Job's pod is scheduled, the real sk-driver (run by the
//! test cluster's driver runner, testcluster/simkube/runner) replays the trace into
//! `virtual-<ns>` namespaces whose pods KWOK makes Ready. No mocks.
//!
//!     eval "$(scripts/testcluster up)"          # includes scripts/testcluster-simkube up
//!     cargo test --test simkube_loop
//!     scripts/testcluster down
//!
//! Without KUBECONFIG / SKSTEP_NODE_DATA_DIR these tests FAIL, unless SKSTEP_NO_CLUSTER=1.
//! SimKube runs one Simulation at a time per cluster (lease `simkube/sk-lease`); the tests of
//! this file take turns through a process-wide lock so each one's timing is its own, and
//! still tolerate queueing behind Simulations of other test binaries.

mod common;

use std::collections::BTreeMap;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{Event, Namespace, Pod, Secret, ServiceAccount};
use k8s_openapi::api::rbac::v1::{ClusterRoleBinding, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Client;
use kube::api::{Api, DeleteParams, ListParams, LogParams, PostParams};
use sk_api::v1::{Simulation, SimulationDriverConfig, SimulationSpec, SimulationState};

/// SimKube queues Simulations on one lease; a test may wait behind others for a while.
const QUEUE_TIMEOUT: Duration = Duration::from_secs(300);
static ONE_AT_A_TIME: LazyLock<tokio::sync::Mutex<()>> = LazyLock::new(|| tokio::sync::Mutex::new(()));

struct Env {
    node_data: std::path::PathBuf,
}

fn cluster_env(test: &str) -> Option<Env> {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], test) {
        return None;
    }
    let node_data = std::path::PathBuf::from(std::env::var("SKSTEP_NODE_DATA_DIR").unwrap());
    assert!(node_data.is_dir(), "{test}: SKSTEP_NODE_DATA_DIR {} is not a directory", node_data.display());
    Some(Env { node_data })
}

fn meta(name: &str, ns: Option<&str>) -> ObjectMeta {
    ObjectMeta { name: Some(name.into()), namespace: ns.map(Into::into), ..Default::default() }
}

/// One Simulation with its driver namespace, as a user prepares it.
struct Sim {
    client: Client,
    name: String,
    ns: String,
    trace_file: Option<std::path::PathBuf>,
}

struct Prep {
    service_account: bool,
    secret: bool,
    trace: Option<&'static str>,
}

const DURATION_60S: Option<&str> = Some("60s");

impl Sim {
    async fn create(env: &Env, prefix: &str, prep: Prep) -> (Sim, Instant) {
        Self::create_with_duration(env, prefix, prep, DURATION_60S).await
    }

    async fn create_with_duration(env: &Env, prefix: &str, prep: Prep, duration: Option<&str>) -> (Sim, Instant) {
        let client = common::client("admin").await;
        let name = common::unique(prefix);
        let ns = format!("{name}-drv");
        let trace_name = format!("{name}.msgpack");
        let trace_file = prep.trace.map(|fixture| {
            let dst = env.node_data.join(&trace_name);
            std::fs::copy(common::trace(fixture), &dst).expect("copy trace into the node data dir");
            dst
        });
        Api::<Namespace>::all(client.clone())
            .create(&PostParams::default(), &Namespace { metadata: meta(&ns, None), ..Default::default() })
            .await
            .expect("create driver namespace");
        if prep.service_account {
            Api::<ServiceAccount>::namespaced(client.clone(), &ns)
                .create(
                    &PostParams::default(),
                    &ServiceAccount { metadata: meta("sk-ctrl-sa", Some(&ns)), ..Default::default() },
                )
                .await
                .expect("create ServiceAccount");
            // SimKube binds only simkube/sk-ctrl-sa to cluster-admin; the driver runs as
            // sk-ctrl-sa of ITS namespace, so a driver namespace of its own needs the same.
            let crb = ClusterRoleBinding {
                metadata: meta(&ns, None),
                role_ref: RoleRef {
                    api_group: "rbac.authorization.k8s.io".into(),
                    kind: "ClusterRole".into(),
                    name: "cluster-admin".into(),
                },
                subjects: Some(vec![Subject {
                    kind: "ServiceAccount".into(),
                    name: "sk-ctrl-sa".into(),
                    namespace: Some(ns.clone()),
                    ..Default::default()
                }]),
            };
            Api::<ClusterRoleBinding>::all(client.clone())
                .create(&PostParams::default(), &crb)
                .await
                .expect("create ClusterRoleBinding");
        }
        if prep.secret {
            let secret = Secret {
                metadata: meta("simkube", Some(&ns)),
                string_data: Some(BTreeMap::from([("AWS_REGION".to_string(), "us-east-1".to_string())])),
                ..Default::default()
            };
            Api::<Secret>::namespaced(client.clone(), &ns)
                .create(&PostParams::default(), &secret)
                .await
                .expect("create Secret simkube");
        }
        let spec = SimulationSpec {
            driver: SimulationDriverConfig {
                image: "quay.io/appliedcomputing/sk-driver:v2.7.0".into(),
                namespace: ns.clone(),
                port: 8888,
                trace_path: format!("file:///data/{trace_name}"),
                secrets: Some(vec!["simkube".into()]),
                virtual_ns_prefix: "virtual".into(),
                cert_manager_issuer: "selfsigned".into(),
                ..Default::default()
            },
            duration: duration.map(Into::into),
            ..Default::default()
        };
        let created = Instant::now();
        Api::<Simulation>::all(client.clone())
            .create(&PostParams::default(), &Simulation::new(&name, spec))
            .await
            .expect("create Simulation");
        (Sim { client, name, ns, trace_file }, created)
    }

    fn driver_job(&self) -> String {
        format!("sk-{}-driver", self.name)
    }

    async fn driver_pod(&self, timeout: Duration) -> Pod {
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), &self.ns);
        let lp = ListParams::default().labels(&format!("batch.kubernetes.io/job-name={}", self.driver_job()));
        common::eventually(&format!("a pod of Job {}/{}", self.ns, self.driver_job()), timeout, || {
            let pods = pods.clone();
            let lp = lp.clone();
            async move {
                let list = pods.list(&lp).await.map_err(|e| e.to_string())?;
                Ok(list.items.into_iter().find(|p| p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some()))
            }
        })
        .await
    }

    async fn pod_log(&self, pod: &str) -> String {
        Api::<Pod>::namespaced(self.client.clone(), &self.ns)
            .logs(pod, &LogParams::default())
            .await
            .unwrap_or_else(|e| format!("(pods/log failed: {e})"))
    }

    /// Warning events about `kind/name` in the driver namespace, as "reason: message".
    async fn events(&self, kind: &str, name: &str) -> Vec<String> {
        let events: Api<Event> = Api::namespaced(self.client.clone(), &self.ns);
        let lp = ListParams::default().fields(&format!("involvedObject.kind={kind},involvedObject.name={name}"));
        events
            .list(&lp)
            .await
            .map(|l| {
                l.items
                    .into_iter()
                    .map(|e| {
                        format!(
                            "{} {}: {}",
                            e.type_.unwrap_or_default(),
                            e.reason.unwrap_or_default(),
                            e.message.unwrap_or_default()
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn state(&self) -> Option<SimulationState> {
        Api::<Simulation>::all(self.client.clone())
            .get(&self.name)
            .await
            .ok()
            .and_then(|s| s.status)
            .and_then(|s| s.state)
    }

    async fn cleanup(self) {
        let dp = DeleteParams::default();
        let _ = Api::<Simulation>::all(self.client.clone()).delete(&self.name, &dp).await;
        let _ = Api::<ClusterRoleBinding>::all(self.client.clone()).delete(&self.ns, &dp).await;
        let _ = Api::<Namespace>::all(self.client.clone()).delete(&self.ns, &dp).await;
        if let Some(f) = &self.trace_file {
            let _ = std::fs::remove_file(f);
        }
    }
}

fn ready(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

fn waiting_reason(pod: &Pod) -> Option<(String, String)> {
    let cs = pod.status.as_ref()?.container_statuses.as_ref()?.first()?;
    let w = cs.state.as_ref()?.waiting.as_ref()?;
    Some((w.reason.clone().unwrap_or_default(), w.message.clone().unwrap_or_default()))
}

#[tokio::test(flavor = "multi_thread")]
async fn simulation_replays_deployment_into_virtual_namespace() {
    let Some(env) = cluster_env("simulation_replays_deployment_into_virtual_namespace") else { return };
    let _turn = ONE_AT_A_TIME.lock().await;
    let (sim, created) = Sim::create(
        &env,
        "loop",
        Prep { service_account: true, secret: true, trace: Some("simarena-demo-deprecated-path.msgpack") },
    )
    .await;

    let driver = sim.driver_pod(QUEUE_TIMEOUT).await;
    let driver_name = driver.metadata.name.clone().unwrap();
    let queued = created.elapsed();
    eprintln!("driver pod {}/{driver_name} scheduled {queued:?} after the Simulation was created", sim.ns);

    let depls: Api<Deployment> = Api::namespaced(sim.client.clone(), "virtual-default");
    let pods: Api<Pod> = Api::namespaced(sim.client.clone(), "virtual-default");
    let t_scheduled = Instant::now();
    let ready_pods = common::eventually("virtual-default/web with 2 Ready pods", Duration::from_secs(60), || {
        let (depls, pods, sim_name) = (depls.clone(), pods.clone(), sim.name.clone());
        async move {
            let Some(d) = depls.get_opt("web").await.map_err(|e| e.to_string())? else {
                return Err("no Deployment virtual-default/web yet".into());
            };
            let labels = d.metadata.labels.clone().unwrap_or_default();
            if labels.get("simkube.io/simulation") != Some(&sim_name) {
                return Err(format!("web belongs to another simulation: {labels:?}"));
            }
            let lp = ListParams::default().labels(&format!("simkube.io/simulation={sim_name}"));
            let list = pods.list(&lp).await.map_err(|e| e.to_string())?;
            let rdy: Vec<Pod> = list
                .items
                .into_iter()
                .filter(|p| p.metadata.name.as_deref().unwrap_or_default().starts_with("web-"))
                .filter(ready)
                .collect();
            if rdy.len() == 2 { Ok(Some(rdy)) } else { Err(format!("{} Ready pods of web", rdy.len())) }
        }
    })
    .await;
    let total = created.elapsed();
    eprintln!(
        "TIMING simulation created -> 2 Ready virtual pods: {total:?} (of which waiting for the lease/Job/pod: {queued:?}; \
         driver pod scheduled -> Ready pods: {:?})",
        t_scheduled.elapsed()
    );
    for p in &ready_pods {
        let spec = p.spec.as_ref().unwrap();
        assert!(
            spec.node_name.as_deref().unwrap_or_default().starts_with("sk-virtual-node-"),
            "virtual pod {:?} not on a virtual node: {:?}",
            p.metadata.name,
            spec.node_name
        );
        let ann = p.metadata.annotations.clone().unwrap_or_default();
        assert!(
            ann.keys().any(|k| k.starts_with("static.simkube.io/")),
            "virtual pod {:?} was not mutated by the driver's webhook: {ann:?}",
            p.metadata.name
        );
    }

    let log = sim.pod_log(&driver_name).await;
    assert!(log.contains("Imported 2 events between"), "driver log lacks the import line:\n{log}");
    assert!(log.contains("applying apps/v1.Deployment virtual-default/web"), "driver log:\n{log}");

    // Deleting the Simulation takes everything it made with it (SimKube's owner references).
    Api::<Simulation>::all(sim.client.clone())
        .delete(&sim.name, &DeleteParams::default())
        .await
        .expect("delete Simulation");
    let t_del = Instant::now();
    common::eventually("virtual-default/web to go after the Simulation was deleted", Duration::from_secs(60), || {
        let depls = depls.clone();
        async move {
            match depls.get_opt("web").await.map_err(|e| e.to_string())? {
                None => Ok(Some(())),
                Some(_) => Err("web still there".into()),
            }
        }
    })
    .await;
    eprintln!("TIMING simulation deleted -> virtual web gone: {:?}", t_del.elapsed());
    sim.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unparsable_trace_fails_the_driver_pod() {
    let Some(env) = cluster_env("unparsable_trace_fails_the_driver_pod") else { return };
    let _turn = ONE_AT_A_TIME.lock().await;
    let (sim, created) = Sim::create(
        &env,
        "badtrace",
        Prep { service_account: true, secret: true, trace: Some("simarena-missing-fields.msgpack") },
    )
    .await;
    let driver = sim.driver_pod(QUEUE_TIMEOUT).await;
    let driver_name = driver.metadata.name.clone().unwrap();
    let pods: Api<Pod> = Api::namespaced(sim.client.clone(), &sim.ns);
    let failed = common::eventually("the driver pod to fail", Duration::from_secs(60), || {
        let (pods, n) = (pods.clone(), driver_name.clone());
        async move {
            let p = pods.get(&n).await.map_err(|e| e.to_string())?;
            let phase = p.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_default();
            if phase == "Failed" { Ok(Some(p)) } else { Err(format!("phase {phase}")) }
        }
    })
    .await;
    eprintln!("TIMING simulation created -> driver pod Failed: {:?}", created.elapsed());
    let term = failed.status.as_ref().unwrap().container_statuses.as_ref().unwrap()[0]
        .state
        .as_ref()
        .unwrap()
        .terminated
        .clone()
        .expect("terminated container state");
    assert_eq!(term.exit_code, 1, "sk-driver exits 1 on error: {term:?}");
    assert_eq!(term.reason.as_deref(), Some("Error"));

    let log = sim.pod_log(&driver_name).await;
    assert!(log.contains("could not parse trace file"), "driver log:\n{log}");
    assert!(log.contains("If this trace file is older than version 2"), "driver log:\n{log}");
    // sk-driver 2.7.0 logs only the top-level error (sk-core's skerr! prints `{err}` plus a
    // filtered backtrace, not anyhow's "Caused by" chain), so the serde cause ("missing field
    // `config`") is NOT in the pod log. The same parser (sk-store 2.7.0) names it:
    let cause = match common::sk_parses(&std::fs::read(common::trace("simarena-missing-fields.msgpack")).unwrap()) {
        Ok(_) => panic!("simarena-missing-fields.msgpack parsed"),
        Err(e) => e,
    };
    assert!(cause.contains("could not parse trace file") && cause.contains("missing field"), "{cause}");
    assert!(!log.contains("missing field"), "sk-driver 2.7.0 now logs the cause; tighten this test:\n{log}");

    // backoffLimit 0: the Job fails, and sk-ctrl marks the Simulation Failed.
    let jobs: Api<Job> = Api::namespaced(sim.client.clone(), &sim.ns);
    let job_name = sim.driver_job();
    common::eventually("the driver Job to fail", Duration::from_secs(30), || {
        let (jobs, n) = (jobs.clone(), job_name.clone());
        async move {
            let j = jobs.get(&n).await.map_err(|e| e.to_string())?;
            let conds = j.status.and_then(|s| s.conditions).unwrap_or_default();
            if conds.iter().any(|c| c.type_ == "Failed" && c.status == "True") {
                Ok(Some(()))
            } else {
                Err(format!("conditions {conds:?}"))
            }
        }
    })
    .await;
    common::eventually("the Simulation to be Failed", Duration::from_secs(30), || {
        let sim = &sim;
        async move {
            match sim.state().await {
                Some(SimulationState::Failed) => Ok(Some(())),
                s => Err(format!("state {s:?}")),
            }
        }
    })
    .await;
    sim.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_service_account_is_reported_by_the_job_controller() {
    let Some(env) = cluster_env("missing_service_account_is_reported_by_the_job_controller") else { return };
    let _turn = ONE_AT_A_TIME.lock().await;
    let (sim, _) = Sim::create(
        &env,
        "nosa",
        Prep { service_account: false, secret: true, trace: Some("simarena-demo-deprecated-path.msgpack") },
    )
    .await;
    let job = sim.driver_job();
    let ev = common::eventually("a FailedCreate event on the driver Job", QUEUE_TIMEOUT, || {
        let (sim, job) = (&sim, job.clone());
        async move {
            let evs = sim.events("Job", &job).await;
            match evs.iter().find(|e| e.contains("FailedCreate")) {
                Some(e) => Ok(Some(e.clone())),
                None => Err(format!("events: {evs:?}")),
            }
        }
    })
    .await;
    assert!(ev.contains(r#"serviceaccount "sk-ctrl-sa" not found"#), "{ev}");
    sim.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_secret_is_reported_on_the_driver_pod() {
    let Some(env) = cluster_env("missing_secret_is_reported_on_the_driver_pod") else { return };
    let _turn = ONE_AT_A_TIME.lock().await;
    let (sim, _) = Sim::create(
        &env,
        "nosecret",
        Prep { service_account: true, secret: false, trace: Some("simarena-demo-deprecated-path.msgpack") },
    )
    .await;
    let driver = sim.driver_pod(QUEUE_TIMEOUT).await;
    let name = driver.metadata.name.clone().unwrap();
    let ev = common::eventually("a Warning event naming the secret", Duration::from_secs(30), || {
        let (sim, name) = (&sim, name.clone());
        async move {
            let evs = sim.events("Pod", &name).await;
            match evs.iter().find(|e| e.contains(r#"secret "simkube" not found"#)) {
                Some(e) => Ok(Some(e.clone())),
                None => Err(format!("events: {evs:?}")),
            }
        }
    })
    .await;
    assert!(ev.starts_with("Warning Failed: Error: "), "{ev}");
    let pods: Api<Pod> = Api::namespaced(sim.client.clone(), &sim.ns);
    let pod = pods.get(&name).await.unwrap();
    assert_eq!(pod.status.as_ref().unwrap().phase.as_deref(), Some("Pending"));
    let (reason, msg) = waiting_reason(&pod).expect("waiting container");
    assert_eq!(reason, "CreateContainerConfigError");
    assert_eq!(msg, r#"secret "simkube" not found"#);
    sim.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_trace_file_fails_the_hostpath_mount() {
    let Some(env) = cluster_env("missing_trace_file_fails_the_hostpath_mount") else { return };
    let _turn = ONE_AT_A_TIME.lock().await;
    let (sim, _) = Sim::create(&env, "notrace", Prep { service_account: true, secret: true, trace: None }).await;
    let driver = sim.driver_pod(QUEUE_TIMEOUT).await;
    let name = driver.metadata.name.clone().unwrap();
    let want = format!("hostPath type check failed: /data/{}.msgpack is not a file", sim.name);
    let ev = common::eventually("a FailedMount event", Duration::from_secs(30), || {
        let (sim, name, want) = (&sim, name.clone(), want.clone());
        async move {
            let evs = sim.events("Pod", &name).await;
            match evs.iter().find(|e| e.contains(&want)) {
                Some(e) => Ok(Some(e.clone())),
                None => Err(format!("events: {evs:?}")),
            }
        }
    })
    .await;
    assert!(ev.starts_with(r#"Warning FailedMount: MountVolume.SetUp failed for volume "trace-data" : "#), "{ev}");
    let pod = Api::<Pod>::namespaced(sim.client.clone(), &sim.ns).get(&name).await.unwrap();
    assert_eq!(pod.status.as_ref().unwrap().phase.as_deref(), Some("Pending"));
    assert_eq!(waiting_reason(&pod).map(|r| r.0).as_deref(), Some("ContainerCreating"));
    sim.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn far_future_trace_leaves_the_driver_waiting_for_its_second_event() {
    // The trace's first event (ts 0) is EMPTY; all 14 objects (monitoring, cert-manager,
    // kube-system, simkube, local-path-storage) are in the second event at ts 1769672195.
    // Without a duration the real driver sleeps ~56 years before applying anything; with a
    // duration (e.g. 60s) the import drops the second event and nothing is ever applied.
    let Some(env) = cluster_env("far_future_trace_leaves_the_driver_waiting_for_its_second_event") else { return };
    let _turn = ONE_AT_A_TIME.lock().await;
    let (sim, created) = Sim::create_with_duration(
        &env,
        "future",
        Prep { service_account: true, secret: true, trace: Some("simarena-exported-far-future.msgpack") },
        None,
    )
    .await;
    let driver = sim.driver_pod(QUEUE_TIMEOUT).await;
    let driver_name = driver.metadata.name.clone().unwrap();
    let log = common::eventually("the driver to go to sleep", Duration::from_secs(60), || {
        let (sim, n) = (&sim, driver_name.clone());
        async move {
            let log = sim.pod_log(&n).await;
            if log.contains("next event happens in") { Ok(Some(log)) } else { Err(log) }
        }
    })
    .await;
    eprintln!("TIMING simulation created -> far-future driver asleep: {:?}", created.elapsed());
    assert!(log.contains("Imported 2 events between 0 and 1769672195"), "driver log:\n{log}");
    assert!(log.contains("next event happens in 1769672195 seconds, sleeping"), "driver log:\n{log}");
    assert!(!log.contains("applying "), "the driver applied something:\n{log}");

    tokio::time::sleep(Duration::from_secs(2)).await;
    let sim_label = format!("simkube.io/simulation={}", sim.name);
    let pods = Api::<Pod>::all(sim.client.clone()).list(&ListParams::default().labels(&sim_label)).await.unwrap();
    assert!(
        pods.items.is_empty(),
        "virtual pods of the far-future trace: {:?}",
        pods.items.iter().map(|p| p.metadata.namespace.clone()).collect::<Vec<_>>()
    );
    let depls =
        Api::<Deployment>::all(sim.client.clone()).list(&ListParams::default().labels(&sim_label)).await.unwrap();
    assert!(depls.items.is_empty(), "virtual Deployments of the far-future trace: {}", depls.items.len());
    let pod = Api::<Pod>::namespaced(sim.client.clone(), &sim.ns).get(&driver_name).await.unwrap();
    assert_eq!(pod.status.as_ref().unwrap().phase.as_deref(), Some("Running"), "driver should still be waiting");
    assert_eq!(sim.state().await, Some(SimulationState::Running));

    // The driver took the lease for the whole (56-year) trace: SimKube would block every other
    // Simulation behind it. Deleting the Simulation releases it (the lease is owned by the metaroot).
    let leases: Api<k8s_openapi::api::coordination::v1::Lease> = Api::namespaced(sim.client.clone(), "simkube");
    let lease = leases.get("sk-lease").await.expect("sk-lease");
    let spec = lease.spec.unwrap();
    assert_eq!(spec.holder_identity.as_deref(), Some(sim.name.as_str()));
    assert_eq!(spec.lease_duration_seconds, Some(1769672195));
    Api::<Simulation>::all(sim.client.clone()).delete(&sim.name, &DeleteParams::default()).await.unwrap();
    common::eventually("sk-lease to be released", Duration::from_secs(60), || {
        let (leases, name) = (leases.clone(), sim.name.clone());
        async move {
            match leases.get_opt("sk-lease").await.map_err(|e| e.to_string())? {
                None => Ok(Some(())),
                Some(l) if l.spec.as_ref().and_then(|s| s.holder_identity.as_deref()) != Some(name.as_str()) => {
                    Ok(Some(()))
                }
                Some(_) => Err("still held".into()),
            }
        }
    })
    .await;
    sim.cleanup().await;
}
