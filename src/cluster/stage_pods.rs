//! `prep-ns --stage pods`: copying a trace onto every node the driver could land on, for clusters
//! whose nodes have no host folder shared with this machine. One short-lived pod per node, pinned
//! by `nodeName`, mounts the node's `/data` (hostPath); the trace goes in through the exec API's
//! stdin, is checked against its sha256 on the node and only then renamed into place, so a
//! driver never reads half a trace. The pod is deleted whatever happens.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::core::v1::{
    Container, HostPathVolumeSource, Node, Pod, PodSpec, Toleration, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Api;
use kube::api::{AttachParams, DeleteParams, ListParams, PostParams};
use serde::Serialize;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::prep::MANAGED_BY;
use super::wait::{Phase, Retries, await_object};
use super::{is_not_found, kube_error};
use crate::error::{Error, Result};

pub const DEFAULT_IMAGE: &str = "busybox:1.37";
const CONTAINER: &str = "stage";
/// Copies run side by side, but not so many that a large cluster floods the API server.
const PARALLEL: usize = 4;

/// Where a node stands for staging.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NodeChoice {
    pub node: String,
    /// Why it is skipped; `None` when the trace goes there.
    pub skipped: Option<String>,
}

/// Nodes a driver pod (no tolerations, no node selector) can be scheduled to: not cordoned, not
/// one of SimKube's virtual nodes (`type=virtual`), no NoSchedule/NoExecute taint.
pub fn choose(node: &Node) -> NodeChoice {
    let name = node.metadata.name.clone().unwrap_or_default();
    let labels = node.metadata.labels.as_ref();
    let spec = node.spec.as_ref();
    let skipped = if spec.and_then(|s| s.unschedulable).unwrap_or(false) {
        Some("cordoned".to_string())
    } else if labels.and_then(|l| l.get("type")).map(String::as_str) == Some("virtual") {
        Some("a virtual node (type=virtual)".to_string())
    } else {
        spec.and_then(|s| s.taints.as_ref())
            .and_then(|t| t.iter().find(|t| t.effect == "NoSchedule" || t.effect == "NoExecute"))
            .map(|t| format!("tainted {}:{}", t.key, t.effect))
    };
    NodeChoice { node: name, skipped }
}

pub async fn choose_nodes(client: &kube::Client) -> Result<Vec<NodeChoice>> {
    let nodes: Api<Node> = Api::all(client.clone());
    let list = nodes.list(&ListParams::default()).await.map_err(|e| kube_error("list", "nodes", e))?;
    Ok(list.items.iter().map(choose).collect())
}

/// The trace as it reached one node.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NodeCopy {
    pub node: String,
    pub sha256: String,
    /// `false` when the same bytes were already there.
    pub copied: bool,
}

pub struct Request<'a> {
    pub namespace: &'a str,
    pub service_account: &'a str,
    pub image: &'a str,
    pub trace: &'a Path,
    /// File name under the node's /data.
    pub name: &'a str,
    pub sha256: &'a str,
    pub timeout: Duration,
}

/// Copies the trace to every node in `nodes`; the first failure is returned after every pod is gone.
pub async fn stage_on_nodes(client: &kube::Client, req: &Request<'_>, nodes: &[String]) -> Result<Vec<NodeCopy>> {
    if nodes.is_empty() {
        return Err(Error::bad_input(
            "no node to stage the trace on: every node is cordoned, virtual or tainted NoSchedule",
            Some("stage it yourself with --node-dir DIR (a host folder mounted at /data) or --trace-url".into()),
        ));
    }
    let results: Vec<Result<NodeCopy>> =
        futures::stream::iter(nodes.iter().map(|n| stage_on_node(client, req, n))).buffered(PARALLEL).collect().await;
    results.into_iter().collect()
}

/// The label every staging pod carries (its value: the trace's sha256 prefix).
pub const STAGE_LABEL: &str = "skstep.simkube.io/stage";

/// The selector for every staging pod kubectl-skstep made.
pub fn staging_selector() -> String {
    format!("{}={},{STAGE_LABEL}", MANAGED_BY.0, MANAGED_BY.1)
}

/// Deletes every staging pod in `ns` and waits (watching) until none is left; a pod whose create
/// request was still in flight is caught by a later round. Returns how many were deleted.
pub async fn remove_staging_pods(client: &kube::Client, ns: &str, limit: Duration) -> Result<usize> {
    remove_selected(client, ns, &staging_selector(), limit).await
}

/// `remove_staging_pods` for the pods `selector` selects.
pub async fn remove_selected(client: &kube::Client, ns: &str, selector: &str, limit: Duration) -> Result<usize> {
    use kube::runtime::WatchStreamExt;
    use kube::runtime::reflector;
    use kube::runtime::watcher::{self, Config, watcher};
    let pods: Api<Pod> = Api::namespaced(client.clone(), ns);
    let lp = ListParams::default().labels(selector);
    let what = format!("pods in namespace {ns}");
    let deadline = tokio::time::Instant::now() + limit;
    let mut deleted = 0;
    loop {
        let dp = DeleteParams { grace_period_seconds: Some(0), ..Default::default() };
        match pods.delete_collection(&dp, &lp).await {
            Ok(either) => deleted += either.left().map_or(0, |l| l.items.len()),
            Err(e) if is_not_found(&e) => {}
            Err(e) => return Err(kube_error("delete", &what, e)),
        }
        let (reader, writer) = reflector::store();
        let stream = watcher(pods.clone(), Config::default().labels(selector)).reflect(writer).default_backoff();
        let mut stream = std::pin::pin!(stream);
        // Done once the list has been seen and the store is empty; a pod that still appears
        // within a few seconds is deleted in the next round.
        let round = (tokio::time::Instant::now() + Duration::from_secs(5)).min(deadline);
        let mut listed = false;
        loop {
            match tokio::time::timeout_at(round, stream.next()).await {
                Err(_) | Ok(None) => break,
                Ok(Some(Ok(watcher::Event::InitDone))) => listed = true,
                Ok(Some(_)) => {}
            }
            if listed && reader.state().is_empty() {
                return Ok(deleted);
            }
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(Error::Cluster {
                message: format!("staging pods still in namespace {ns} after {limit:?}"),
                hint: Some(format!("kubectl -n {ns} delete pods -l {selector}")),
            });
        }
    }
}

/// The selector for the staging pods of one trace (by its sha256).
pub fn staging_selector_for(sha256: &str) -> String {
    format!("{},{STAGE_LABEL}={}", staging_selector(), &sha256[..sha256.len().min(12)])
}

fn short_hash(s: &str) -> String {
    format!("{:x}", Sha256::digest(s.as_bytes()))[..8].to_string()
}

fn stage_pod(req: &Request<'_>, node: &str) -> Pod {
    let labels = BTreeMap::from([
        (MANAGED_BY.0.to_string(), MANAGED_BY.1.to_string()),
        (STAGE_LABEL.to_string(), req.sha256[..12].to_string()),
    ]);
    Pod {
        metadata: ObjectMeta {
            generate_name: Some(format!("skstep-stage-{}-", short_hash(node))),
            namespace: Some(req.namespace.into()),
            labels: Some(labels),
            ..Default::default()
        },
        spec: Some(PodSpec {
            node_name: Some(node.into()),
            restart_policy: Some("Never".into()),
            service_account_name: Some(req.service_account.into()),
            automount_service_account_token: Some(false),
            termination_grace_period_seconds: Some(0),
            // A pod left behind (this process killed) ends by itself.
            active_deadline_seconds: Some(3600),
            // Pinned by nodeName, so only NoExecute taints could still evict it.
            tolerations: Some(vec![Toleration { operator: Some("Exists".into()), ..Default::default() }]),
            containers: vec![Container {
                name: CONTAINER.into(),
                image: Some(req.image.into()),
                command: Some(vec!["sleep".into(), "3600".into()]),
                // The copy script works relative to "/", so it reads `data/…`.
                working_dir: Some("/".into()),
                volume_mounts: Some(vec![VolumeMount {
                    name: "data".into(),
                    mount_path: "/data".into(),
                    ..Default::default()
                }]),
                ..Default::default()
            }],
            volumes: Some(vec![Volume {
                name: "data".into(),
                host_path: Some(HostPathVolumeSource { path: "/data".into(), type_: Some("DirectoryOrCreate".into()) }),
                ..Default::default()
            }]),
            ..Default::default()
        }),
        ..Default::default()
    }
}

async fn stage_on_node(client: &kube::Client, req: &Request<'_>, node: &str) -> Result<NodeCopy> {
    let pods: Api<Pod> = Api::namespaced(client.clone(), req.namespace);
    let created = pods
        .create(&PostParams::default(), &stage_pod(req, node))
        .await
        .map_err(|e| kube_error("create", &format!("pods in namespace {}", req.namespace), e))?;
    let pod = created.metadata.name.clone().ok_or_else(|| Error::Cluster {
        message: format!("the API server created a staging pod in {} without a name", req.namespace),
        hint: None,
    })?;
    let res = copy_through(&pods, req, node, &pod).await;
    let gone = pods.delete(&pod, &DeleteParams { grace_period_seconds: Some(0), ..Default::default() }).await;
    match gone {
        Ok(_) => {}
        Err(e) if is_not_found(&e) => {}
        Err(e) => tracing::warn!("staging pod {}/{pod} not deleted: {e}", req.namespace),
    }
    res
}

async fn copy_through(pods: &Api<Pod>, req: &Request<'_>, node: &str, pod: &str) -> Result<NodeCopy> {
    wait_running(pods, req, node, pod).await?;
    // Already there with the same bytes: nothing to copy.
    let (ok, out, _) = exec(
        pods,
        req,
        pod,
        &["sh", "-c", r#"cd data && if [ -f "$0" ]; then sha256sum "$0"; fi"#, req.name],
        None,
        CHECK_LIMIT,
    )
    .await?;
    if ok && first_word(&out) == req.sha256 {
        return Ok(NodeCopy { node: node.into(), sha256: req.sha256.into(), copied: false });
    }
    // Written beside, checked, then renamed: a driver never sees a partial trace. Exactly SIZE
    // bytes are read rather than up to EOF: not every runtime passes the close of stdin on.
    const COPY: &str = r#"set -e
cd data
head -c "$2" > ".$0.part"
got=$(sha256sum ".$0.part" | cut -d " " -f 1)
if [ "$got" != "$1" ]; then rm -f ".$0.part"; echo "sha256 on the node is $got" >&2; exit 3; fi
mv -f ".$0.part" "$0"
echo "$got""#;
    let len = std::fs::metadata(req.trace).map_err(|e| Error::io(req.trace, e))?.len();
    let size = len.to_string();
    let (ok, out, err) =
        exec(pods, req, pod, &["sh", "-c", COPY, req.name, req.sha256, &size], Some(req.trace), copy_limit(len))
            .await?;
    let got = first_word(&out);
    if !ok || got != req.sha256 {
        return Err(Error::Cluster {
            message: format!(
                "copying {} to node {node} (pod {}/{pod}) failed: {}",
                req.trace.display(),
                req.namespace,
                if err.trim().is_empty() {
                    format!("got sha256 {got:?}, expected {}", req.sha256)
                } else {
                    err.trim().to_string()
                }
            ),
            hint: Some("check that the node's /data is writable, or stage with --node-dir / --trace-url".into()),
        });
    }
    Ok(NodeCopy { node: node.into(), sha256: got.into(), copied: true })
}

fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

/// What a staging pod's status says: running, or the reason it never will.
fn pod_state(p: &Pod) -> Result<bool, String> {
    let status = p.status.clone().unwrap_or_default();
    let phase = status.phase.clone().unwrap_or_else(|| "Pending".into());
    let waiting = status
        .container_statuses
        .iter()
        .flatten()
        .find_map(|c| c.state.as_ref().and_then(|s| s.waiting.as_ref()))
        .map(|w| (w.reason.clone().unwrap_or_default(), w.message.clone().unwrap_or_default()));
    match (phase.as_str(), &waiting) {
        ("Running", None) => Ok(true),
        ("Failed" | "Succeeded", _) => {
            Err(format!("the staging pod ended ({phase}): {}", status.message.unwrap_or_default()))
        }
        (_, Some((reason, msg)))
            if matches!(
                reason.as_str(),
                "ErrImagePull"
                    | "ImagePullBackOff"
                    | "InvalidImageName"
                    | "CreateContainerConfigError"
                    | "CreateContainerError"
            ) =>
        {
            Err(format!("{reason}: {msg}"))
        }
        _ => Ok(false),
    }
}

/// Waits (watching) for the staging pod's container to run; image pull and config errors end the
/// wait at once.
async fn wait_running(pods: &Api<Pod>, req: &Request<'_>, node: &str, pod: &str) -> Result<()> {
    let phase = Phase::new(format!("staging on {node}"), req.timeout, &Retries::default());
    let what = format!("pod {pod} in namespace {}", req.namespace);
    let seen = await_object(pods.clone(), pod, &what, &phase, |p| p.is_none_or(|p| pod_state(p) != Ok(false))).await;
    match seen {
        Ok(Some(p)) => pod_state(&p).map(|_| ()).map_err(|why| stage_error(req, node, pod, why)),
        Ok(None) => Err(stage_error(req, node, pod, "the staging pod was deleted before it ran".into())),
        Err(Error::Simulation { .. }) => {
            Err(stage_error(req, node, pod, format!("not running after {:?}", req.timeout)))
        }
        Err(e) => Err(e),
    }
}

fn stage_error(req: &Request<'_>, node: &str, pod: &str, why: String) -> Error {
    Error::Cluster {
        message: format!("staging pod {}/{pod} on node {node}: {why}", req.namespace),
        hint: Some(format!(
            "the pod runs image {}; pass --stage-image with one your nodes can pull (it needs sh, cat, sha256sum), or stage with --node-dir / --trace-url",
            req.image
        )),
    }
}

/// How long the check of what is already on the node may take (a sha256 of the trace there).
const CHECK_LIMIT: Duration = Duration::from_secs(120);

/// How long copying `len` bytes in may take: a minute, plus a second per MiB (the exec API
/// through the API server and kubelet is far faster than that; a stalled stream is not).
fn copy_limit(len: u64) -> Duration {
    Duration::from_secs(60).saturating_add(Duration::from_secs(len / (1 << 20)))
}

/// Runs `cmd` in the staging container, feeding `stdin_file` if given, for at most `limit`.
/// Returns (exit 0, stdout, stderr).
async fn exec(
    pods: &Api<Pod>,
    req: &Request<'_>,
    pod: &str,
    cmd: &[&str],
    stdin_file: Option<&Path>,
    limit: Duration,
) -> Result<(bool, String, String)> {
    match tokio::time::timeout(limit, exec_once(pods, req, pod, cmd, stdin_file)).await {
        Ok(r) => r,
        Err(_) => Err(Error::Cluster {
            message: format!(
                "staging pod {}/{pod}: `{}` did not finish within {}s (the exec stream stalled)",
                req.namespace,
                cmd.first().copied().unwrap_or_default(),
                limit.as_secs()
            ),
            hint: Some("check the node and the API server; or stage with --node-dir / --trace-url".into()),
        }),
    }
}

async fn exec_once(
    pods: &Api<Pod>,
    req: &Request<'_>,
    pod: &str,
    cmd: &[&str],
    stdin_file: Option<&Path>,
) -> Result<(bool, String, String)> {
    let ap = AttachParams::default().container(CONTAINER).stdin(stdin_file.is_some()).stdout(true).stderr(true);
    let what = || format!("pods/exec {pod} in namespace {}", req.namespace);
    let mut proc = pods.exec(pod, cmd.iter().copied(), &ap).await.map_err(|e| kube_error("create", &what(), e))?;
    let status = proc.take_status();
    let mut stdout = proc.stdout().expect("stdout requested");
    let mut stderr = proc.stderr().expect("stderr requested");
    let feed = async {
        if let (Some(path), Some(mut stdin)) = (stdin_file, proc.stdin()) {
            let mut f = tokio::fs::File::open(path).await.map_err(|e| Error::io(path, e))?;
            tokio::io::copy(&mut f, &mut stdin).await.map_err(|e| Error::io(path, e))?;
            // Dropping stdin closes it on the far side: `cat` sees the end of the trace.
            stdin.shutdown().await.map_err(|e| Error::io(path, e))?;
        }
        Ok::<(), Error>(())
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let (fed, o, e) = tokio::join!(feed, stdout.read_to_end(&mut out), stderr.read_to_end(&mut err));
    fed?;
    o.and(e).map_err(|e| Error::Cluster { message: format!("reading {}: {e}", what()), hint: None })?;
    let st = match status {
        Some(s) => s.await,
        None => None,
    };
    let _ = proc.join().await;
    let ok = st.as_ref().and_then(|s| s.status.as_deref()) == Some("Success");
    Ok((ok, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned()))
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{NodeSpec, Taint};

    use super::*;

    fn node(name: &str, labels: &[(&str, &str)], taints: &[(&str, &str)], cordoned: bool) -> Node {
        Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: Some(labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()),
                ..Default::default()
            },
            spec: Some(NodeSpec {
                unschedulable: Some(cordoned),
                taints: Some(
                    taints
                        .iter()
                        .map(|(k, e)| Taint { key: k.to_string(), effect: e.to_string(), ..Default::default() })
                        .collect(),
                ),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn stages_where_a_driver_pod_could_run() {
        assert_eq!(choose(&node("a", &[("type", "kwok")], &[("x", "PreferNoSchedule")], false)).skipped, None);
        assert!(choose(&node("b", &[], &[], true)).skipped.unwrap().contains("cordoned"));
        assert!(choose(&node("c", &[("type", "virtual")], &[], false)).skipped.unwrap().contains("virtual"));
        let cp = choose(&node("d", &[], &[("node-role.kubernetes.io/control-plane", "NoSchedule")], false));
        assert_eq!(cp.skipped.as_deref(), Some("tainted node-role.kubernetes.io/control-plane:NoSchedule"));
        assert!(choose(&node("e", &[], &[("node.kubernetes.io/unreachable", "NoExecute")], false)).skipped.is_some());
    }

    #[test]
    fn staging_pod_states() {
        use k8s_openapi::api::core::v1::{ContainerState, ContainerStateWaiting, ContainerStatus, PodStatus};
        let with = |phase: &str, waiting: Option<&str>| Pod {
            status: Some(PodStatus {
                phase: Some(phase.into()),
                container_statuses: Some(vec![ContainerStatus {
                    state: Some(ContainerState {
                        waiting: waiting.map(|r| ContainerStateWaiting { reason: Some(r.into()), message: None }),
                        ..Default::default()
                    }),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(pod_state(&with("Running", None)), Ok(true));
        assert_eq!(pod_state(&with("Pending", Some("ContainerCreating"))), Ok(false));
        assert!(pod_state(&with("Pending", Some("ImagePullBackOff"))).unwrap_err().starts_with("ImagePullBackOff"));
        assert!(pod_state(&with("Failed", None)).unwrap_err().contains("ended (Failed)"));
        assert_eq!(pod_state(&Pod::default()), Ok(false), "no status yet: still waiting");
    }

    #[test]
    fn staging_pod_is_pinned_and_mounts_the_nodes_data() {
        let req = Request {
            namespace: "ns",
            service_account: "sk-ctrl-sa",
            image: DEFAULT_IMAGE,
            trace: Path::new("t.msgpack"),
            name: "skstep-0123456789ab.msgpack",
            sha256: "0123456789abcdef",
            timeout: Duration::from_secs(1),
        };
        let p = stage_pod(&req, "node-1");
        let spec = p.spec.unwrap();
        assert_eq!(spec.node_name.as_deref(), Some("node-1"));
        assert_eq!(spec.volumes.unwrap()[0].host_path.as_ref().unwrap().path, "/data");
        assert_eq!(spec.containers[0].volume_mounts.as_ref().unwrap()[0].mount_path, "/data");
        assert_eq!(spec.automount_service_account_token, Some(false));
        assert!(p.metadata.generate_name.unwrap().starts_with("skstep-stage-"));
    }
}
