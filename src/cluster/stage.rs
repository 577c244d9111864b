//! Staging a trace where a Simulation's driver reads it (`tracePath`): one stager for `prep-ns`
//! (the first trace) and `run` (every trace an episode makes after it), so both put the same bytes
//! under the same name the same way.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::prep::Change;
use super::stage_pods;
use super::staged::Staged;
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

/// How a trace reaches the nodes.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// Copy into the host folder mounted at /data in the nodes (kind extraMounts).
    NodeDir(PathBuf),
    /// Copy onto every node a driver could land on, through a short-lived pod per node.
    Pods { image: String, timeout: Duration },
    /// Pass a URL through (s3://, gs://, file://); nothing is copied.
    Url(String),
}

impl Method {
    /// How `prep-ns` staged `staged`'s trace, so `run` stages the next one the same way.
    pub fn of(staged: &Staged) -> Option<Method> {
        if let Some(node_file) = &staged.node_file {
            return node_file.parent().map(|d| Method::NodeDir(d.to_path_buf()));
        }
        if let Some(image) = &staged.stage_image {
            return Some(Method::Pods {
                image: image.clone(),
                timeout: Duration::from_secs(staged.stage_timeout_s.unwrap_or(120)),
            });
        }
        staged.trace_path.as_ref().map(|u| Method::Url(u.clone()))
    }

    /// The name `prep-ns --stage` records for it (`node-dir`, `pods`, `url`).
    pub fn label(&self) -> &'static str {
        match self {
            Method::NodeDir(_) => "node-dir",
            Method::Pods { .. } => "pods",
            Method::Url(_) => "url",
        }
    }
}

/// The file name a trace is staged under in the nodes' /data.
pub fn staged_name(sha: &str) -> String {
    format!("skstep-{}.msgpack", &sha[..12])
}

/// The `tracePath` a Simulation uses for a trace staged under `name` in the nodes' /data.
pub fn trace_path(name: &str) -> String {
    format!("file:///data/{name}")
}

/// What staging did.
#[derive(Debug, Clone, Default)]
pub struct Staging {
    /// The Simulation's `tracePath`.
    pub trace_path: String,
    /// With `NodeDir`: where the file went.
    pub node_file: Option<PathBuf>,
    /// With `Pods`: every node and whether the trace went there.
    pub nodes: Vec<stage_pods::NodeChoice>,
    pub changes: Vec<Change>,
}

/// Where the staging pods run and as whom (`Pods` only).
pub struct Place<'a> {
    pub namespace: &'a str,
    pub service_account: &'a str,
}

/// Stages `trace` (whose sha256 is `sha`) by `method`. A dry run says what it would do and
/// touches nothing. Copies are atomic (a file beside, renamed), so a driver never reads half a
/// trace, and skipped when the same bytes are already there.
pub async fn stage(
    client: &kube::Client,
    place: &Place<'_>,
    method: &Method,
    trace: &Path,
    sha: &str,
    dry_run: bool,
) -> Result<Staging> {
    let name = staged_name(sha);
    match method {
        Method::Url(url) => Ok(Staging { trace_path: url.clone(), ..Default::default() }),
        Method::NodeDir(dir) => {
            let dest = dir.join(&name);
            if !dry_run {
                copy_atomic(trace, &dest)?;
            }
            Ok(Staging {
                trace_path: trace_path(&name),
                node_file: Some(dest.clone()),
                changes: vec![Change {
                    kind: "trace".into(),
                    name: format!("{} -> {}", trace.display(), dest.display()),
                    action: if dry_run { "would stage" } else { "staged" }.into(),
                }],
                ..Default::default()
            })
        }
        Method::Pods { image, timeout } => {
            // Nodes come and go: stage on those a driver could land on now.
            let nodes = stage_pods::choose_nodes(client).await?;
            let targets: Vec<String> = nodes.iter().filter(|n| n.skipped.is_none()).map(|n| n.node.clone()).collect();
            let mut changes = vec![];
            if dry_run {
                for n in &targets {
                    changes.push(Change {
                        kind: "trace".into(),
                        name: format!("{name} on node {n}"),
                        action: "would stage".into(),
                    });
                }
            } else {
                let req = stage_pods::Request {
                    namespace: place.namespace,
                    service_account: place.service_account,
                    image,
                    trace,
                    name: &name,
                    sha256: sha,
                    timeout: *timeout,
                };
                for c in stage_pods::stage_on_nodes(client, &req, &targets).await? {
                    changes.push(Change {
                        kind: "trace".into(),
                        name: format!("{name} on node {} (sha256 checked)", c.node),
                        action: if c.copied { "staged" } else { "unchanged" }.into(),
                    });
                }
            }
            Ok(Staging { trace_path: trace_path(&name), nodes, changes, ..Default::default() })
        }
    }
}

/// Stages a step's trace as `prep-ns` staged the namespace's first one; returns its `tracePath`.
/// A trace already staged (same sha256) is not copied again; a URL-staged namespace can only run
/// the trace at that URL.
pub async fn restage(client: &kube::Client, staged: &Staged, trace: &Path, sha: &str) -> Result<String> {
    if staged.trace_sha256.as_deref() == Some(sha) {
        return staged.trace_path.clone().ok_or_else(|| {
            Error::bad_input(
                format!("namespace {} records a staged trace but no trace path", staged.namespace),
                Some(format!("kubectl skstep prep-ns {} --trace {} --stage pods", staged.namespace, trace.display())),
            )
        });
    }
    let method = match Method::of(staged) {
        Some(m @ (Method::NodeDir(_) | Method::Pods { .. })) => m,
        _ => {
            return Err(Error::bad_input(
                format!(
                    "{} is not the trace staged for namespace {} and it was staged by URL",
                    trace.display(),
                    staged.namespace
                ),
                Some(format!("kubectl skstep prep-ns {} --trace {} --stage pods", staged.namespace, trace.display())),
            ));
        }
    };
    if let Method::NodeDir(dir) = &method
        && dir.join(staged_name(sha)).exists()
    {
        return Ok(trace_path(&staged_name(sha)));
    }
    let place = Place { namespace: &staged.namespace, service_account: &staged.service_account };
    Ok(stage(client, &place, &method, trace, sha, false).await?.trace_path)
}

/// After an interrupt that may have come while `restage` ran: removes the staging pods of the
/// trace `sha` in the namespace (`--stage pods` only; the other methods leave nothing half-made).
/// Returns how many it removed.
pub async fn remove_after_interrupt(client: &kube::Client, staged: &Staged, sha: &str) -> Result<usize> {
    if !matches!(Method::of(staged), Some(Method::Pods { .. })) || staged.trace_sha256.as_deref() == Some(sha) {
        return Ok(0);
    }
    let selector = stage_pods::staging_selector_for(sha);
    // Twice: a create request in flight when the interrupt came may land after the first round.
    let limit = Duration::from_secs(30);
    let first = stage_pods::remove_selected(client, &staged.namespace, &selector, limit).await?;
    Ok(first + stage_pods::remove_selected(client, &staged.namespace, &selector, limit).await?)
}

fn copy_atomic(src: &Path, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    // The driver's pod reads it, maybe as another user: 0644 whatever the umask.
    let mut out = AtomicOut::create_readable(dest)?;
    let mut f = std::fs::File::open(src).map_err(|e| Error::io(src, e))?;
    std::io::copy(&mut f, out.writer()).map_err(|e| Error::io(dest, e))?;
    out.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged() -> Staged {
        Staged { namespace: "ns".into(), service_account: "sa".into(), ..Default::default() }
    }

    #[test]
    fn run_stages_the_way_prep_did() {
        let by_dir = Staged { node_file: Some("/d/skstep-0.msgpack".into()), ..staged() };
        assert_eq!(Method::of(&by_dir), Some(Method::NodeDir("/d".into())));
        let by_pods = Staged { stage_image: Some("busybox".into()), stage_timeout_s: Some(7), ..staged() };
        assert_eq!(
            Method::of(&by_pods),
            Some(Method::Pods { image: "busybox".into(), timeout: Duration::from_secs(7) })
        );
        let by_url = Staged { trace_path: Some("s3://b/t".into()), ..staged() };
        assert_eq!(Method::of(&by_url), Some(Method::Url("s3://b/t".into())));
        assert_eq!(Method::of(&staged()), None);
    }

    #[test]
    fn names_are_by_content() {
        let sha = "0123456789abcdef0123";
        assert_eq!(staged_name(sha), "skstep-0123456789ab.msgpack");
        assert_eq!(trace_path(&staged_name(sha)), "file:///data/skstep-0123456789ab.msgpack");
    }

    #[tokio::test]
    async fn node_dir_copies_atomically_and_restage_reuses_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("t.msgpack");
        std::fs::write(&src, b"trace bytes").unwrap();
        let nodes = dir.path().join("nodes");
        // No cluster is needed for a node folder; a client that points nowhere proves it.
        let client = offline_client();
        let place = Place { namespace: "ns", service_account: "sa" };
        let sha = crate::fsutil::sha256_file(&src).unwrap();
        let dry = stage(&client, &place, &Method::NodeDir(nodes.clone()), &src, &sha, true).await.unwrap();
        assert_eq!(dry.changes[0].action, "would stage");
        assert!(!nodes.exists(), "a dry run copied");
        let s = stage(&client, &place, &Method::NodeDir(nodes.clone()), &src, &sha, false).await.unwrap();
        let dest = s.node_file.unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"trace bytes");
        assert_eq!(std::fs::read_dir(&nodes).unwrap().count(), 1, "no temp file left beside it");
        let prepared = Staged { node_file: Some(dest.clone()), trace_sha256: Some("other".into()), ..staged() };
        assert_eq!(restage(&client, &prepared, &src, &sha).await.unwrap(), s.trace_path);
        let by_url = Staged { trace_path: Some("s3://b/t".into()), trace_sha256: Some("other".into()), ..staged() };
        let e = restage(&client, &by_url, &src, &sha).await.unwrap_err();
        assert!(e.to_string().contains("staged by URL"), "{e}");
    }

    fn offline_client() -> kube::Client {
        let cfg = kube::Config::new("https://127.0.0.1:9".parse().unwrap());
        kube::Client::try_from(cfg).unwrap()
    }
}
