//! Checking what a namespace's `skstep.io/prepared` annotation says before `run` or `doctor` act
//! on it. Anyone who may patch the namespace can write it, and `run` writes files where it says
//! (`--node-dir` staging), starts pods with the image it names (`--stage pods`) and points the
//! Simulation at its trace path: each is held to what `prep-ns` itself writes.

use std::path::{Component, Path};

use super::stage::{staged_name, trace_path};
use super::staged::{PREPARED_ANNOTATION, Staged};
use crate::error::{Error, Result};

/// The longest staging-pod start timeout `prep-ns` is given in practice; more is not believed.
const MAX_STAGE_TIMEOUT_S: u64 = 24 * 3600;

/// Checks `s` (read from the annotation of namespace `ns`); `local` is this machine's own record
/// of the same namespace, the only source a local path is believed from.
pub fn check(s: &Staged, local: Option<&Staged>, ns: &str) -> Result<()> {
    let bad = |field: &str, why: String| {
        Error::bad_input(
            format!("namespace {ns}: annotation {PREPARED_ANNOTATION}, field {field}: {why}; nothing was done"),
            Some(format!("re-run kubectl skstep prep-ns {ns} (with the staging you want) to rewrite it")),
        )
    };
    if !is_dns_subdomain(&s.service_account) {
        return Err(bad("service_account", format!("{:?} is not a ServiceAccount name", s.service_account)));
    }
    for (i, n) in s.secrets.iter().enumerate() {
        if !is_dns_subdomain(n) {
            return Err(bad(&format!("secrets[{i}]"), format!("{n:?} is not a Secret name")));
        }
    }
    for (i, n) in s.stage_nodes.iter().enumerate() {
        if !is_dns_subdomain(n) {
            return Err(bad(&format!("stage_nodes[{i}]"), format!("{n:?} is not a node name")));
        }
    }
    if let Some(sha) = &s.trace_sha256
        && !(sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
    {
        return Err(bad("trace_sha256", format!("{sha:?} is not a sha256 (64 lowercase hex digits)")));
    }
    if let Some(file) = &s.node_file {
        let expected = s.trace_sha256.as_deref().map(staged_name);
        let name = file.file_name().and_then(|n| n.to_str());
        if expected.is_none() || name != expected.as_deref() {
            return Err(bad(
                "node_file",
                format!(
                    "{} is not where prep-ns stages the trace (…/{})",
                    file.display(),
                    expected.unwrap_or_default()
                ),
            ));
        }
        if !file.is_absolute() || file.components().any(|c| matches!(c, Component::ParentDir)) {
            return Err(bad("node_file", format!("{} is not an absolute path without `..`", file.display())));
        }
        if !local_dir_believed(file, local) {
            return Err(bad(
                "node_file",
                format!(
                    "{} is a path on the machine that ran prep-ns; this machine's record and $SKSTEP_NODE_DATA_DIR do not name its folder",
                    file.display()
                ),
            ));
        }
    }
    if let Some(p) = &s.trace_path
        && p.starts_with("file://")
    {
        let ok = s.trace_sha256.as_deref().is_some_and(|sha| *p == trace_path(&staged_name(sha)));
        // A file:// URL given with --trace-url is passed on as is; one prep-ns staged is exact.
        if !ok && (s.node_file.is_some() || s.stage_image.is_some()) {
            return Err(bad("trace_path", format!("{p:?} is not the path the staged trace has on the nodes")));
        }
    }
    if let Some(image) = &s.stage_image
        && !is_image_reference(image)
    {
        return Err(bad("stage_image", format!("{image:?} is not an image reference")));
    }
    if let Some(t) = s.stage_timeout_s
        && !(1..=MAX_STAGE_TIMEOUT_S).contains(&t)
    {
        return Err(bad("stage_timeout_s", format!("{t} is not between 1 and {MAX_STAGE_TIMEOUT_S} seconds")));
    }
    Ok(())
}

/// A local folder is believed when this machine's own record names the same file, or it is
/// the node data folder this machine is told of (`$SKSTEP_NODE_DATA_DIR`).
fn local_dir_believed(file: &Path, local: Option<&Staged>) -> bool {
    if local.and_then(|l| l.node_file.as_deref()) == Some(file) {
        return true;
    }
    let env = std::env::var_os("SKSTEP_NODE_DATA_DIR").map(std::path::PathBuf::from);
    env.is_some_and(|d| file.parent() == Some(d.as_path()))
}

/// Kubernetes' DNS-1123 subdomain: what names of ServiceAccounts, Secrets and nodes must be.
pub fn is_dns_subdomain(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|label| {
            !label.is_empty()
                && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// An image reference as the distribution spec writes it: `[host[:port]/]path[:tag][@digest]`,
/// lowercase path components of `[a-z0-9._-]`, a tag of `[A-Za-z0-9_.-]` up to 128.
pub fn is_image_reference(s: &str) -> bool {
    if s.is_empty() || s.len() > 4096 {
        return false;
    }
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        let Some((alg, hex)) = d.split_once(':') else { return false };
        if alg.is_empty()
            || !alg.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            || hex.len() < 32
            || !hex.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return false;
        }
    }
    // A tag follows the last ':' after the last '/' (a ':' before it is a registry port).
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(t) = tag
        && (t.is_empty()
            || t.len() > 128
            || t.starts_with(['.', '-'])
            || !t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-'))
    {
        return false;
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1 && (parts[0].contains(['.', ':']) || parts[0] == "localhost") {
        let host = parts.remove(0);
        let (h, port) = host.split_once(':').unwrap_or((host, "1"));
        if h.is_empty()
            || !h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            || port.is_empty()
            || !port.bytes().all(|b| b.is_ascii_digit())
        {
            return false;
        }
    }
    !parts.is_empty()
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_' || b == b'-')
                && p.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
                && p.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn staged() -> Staged {
        Staged {
            namespace: "ns".into(),
            service_account: "sk-ctrl-sa".into(),
            secrets: vec!["simkube".into()],
            trace_sha256: Some(SHA.into()),
            trace_path: Some(trace_path(&staged_name(SHA))),
            stage_image: Some("busybox:1.37".into()),
            stage_timeout_s: Some(120),
            stage_nodes: vec!["kwok-node-0".into()],
            ..Default::default()
        }
    }

    #[test]
    fn what_prep_ns_writes_passes() {
        check(&staged(), None, "ns").unwrap();
        let dir = Path::new("/var/lib/kind-data");
        let by_dir = Staged { node_file: Some(dir.join(staged_name(SHA))), stage_image: None, ..staged() };
        check(&by_dir, Some(&by_dir), "ns").unwrap();
        let by_url = Staged { trace_path: Some("file:///mnt/t.msgpack".into()), stage_image: None, ..staged() };
        check(&by_url, None, "ns").unwrap();
    }

    #[test]
    fn a_hostile_annotation_is_refused_naming_the_field() {
        let msg = |s: &Staged, local: Option<&Staged>| check(s, local, "ns").unwrap_err().to_string();
        // A local folder the annotation alone names: run would write there.
        let elsewhere = Staged { node_file: Some(Path::new("/home/u/.ssh").join(staged_name(SHA))), ..staged() };
        let m = msg(&elsewhere, None);
        assert!(m.contains("field node_file") && m.contains("this machine's record"), "{m}");
        let other_name = Staged { node_file: Some("/var/lib/kind-data/authorized_keys".into()), ..staged() };
        assert!(msg(&other_name, Some(&other_name)).contains("not where prep-ns stages"));
        let dotdot = Staged { node_file: Some(Path::new("/d/../etc").join(staged_name(SHA))), ..staged() };
        assert!(msg(&dotdot, Some(&dotdot)).contains("without `..`"));
        let image = Staged { stage_image: Some("busybox; rm -rf /".into()), ..staged() };
        assert!(msg(&image, None).contains("field stage_image"));
        let path = Staged { trace_path: Some("file:///etc/shadow".into()), ..staged() };
        assert!(msg(&path, None).contains("field trace_path"));
        let sa = Staged { service_account: "../x".into(), ..staged() };
        assert!(msg(&sa, None).contains("field service_account"));
        let t = Staged { stage_timeout_s: Some(u64::MAX), ..staged() };
        assert!(msg(&t, None).contains("field stage_timeout_s"));
        let sha = Staged { trace_sha256: Some("zz".into()), ..staged() };
        assert!(msg(&sha, None).contains("field trace_sha256"));
    }

    #[test]
    fn image_references() {
        for ok in [
            "busybox",
            "busybox:1.37",
            "quay.io/appliedcomputing/sk-driver:v2.7.0",
            "localhost:5000/a/b:latest",
            "registry.k8s.io/pause@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ] {
            assert!(is_image_reference(ok), "{ok}");
        }
        for bad in
            ["", "Busybox", "busybox:", "a b", "busybox;id", "-x", "x:/y", "host:port/x", "a//b", "busybox@sha256:zz"]
        {
            assert!(!is_image_reference(bad), "{bad}");
        }
    }
}
