//! Shared helpers for the integration tests. The real traces they read are carried in the repo,
//! under tests/fixtures/ (see its README for where each came from).
#![allow(dead_code)]

use std::path::PathBuf;

pub fn fixtures_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("SKSTEP_FIXTURES").map(PathBuf::from).unwrap_or_else(|| root.join("tests/fixtures"));
    assert!(dir.join("traces").is_dir(), "fixtures not found at {} (set SKSTEP_FIXTURES)", dir.display());
    dir
}

pub fn trace(name: &str) -> PathBuf {
    fixtures_dir().join("traces").join(name)
}

/// Every msgpack/sktrace fixture.
pub fn msgpack_fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("traces"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("msgpack" | "sktrace")))
        .collect();
    v.sort();
    assert!(v.len() >= 10, "expected the trace fixtures, found {}", v.len());
    v
}

/// SimKube 2.7.0's own verdict: the driver's parser.
pub fn sk_parses(bytes: &[u8]) -> Result<sk_store::ExportedTrace, String> {
    sk_store::ExportedTrace::import(bytes.to_vec(), None).map_err(|e| format!("{e:#}"))
}

/// A name unique to this test run: `<prefix>-<pid>-<nanos>`.
pub fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{prefix}-{}-{}", std::process::id() % 10_000, nanos % 100_000)
}

/// True when the test cluster's environment is there; false (the test skips, saying so) with
/// SKSTEP_NO_CLUSTER=1; a failure otherwise.
pub fn have_cluster(vars: &[&str], test: &str) -> bool {
    if std::env::var("SKSTEP_NO_CLUSTER").as_deref() == Ok("1") {
        eprintln!("{test}: skipped (SKSTEP_NO_CLUSTER=1, no test cluster)");
        return false;
    }
    for v in std::iter::once(&"KUBECONFIG").chain(vars) {
        assert!(
            std::env::var(v).is_ok_and(|x| !x.is_empty()),
            "{test}: no test cluster ({v} is not set): run `eval \"$(scripts/testcluster up)\"` first \
             (and `scripts/testcluster down` after), or set SKSTEP_NO_CLUSTER=1 to skip the cluster tests"
        );
    }
    true
}

/// A client for one context of $KUBECONFIG.
pub async fn client(context: &str) -> kube::Client {
    let kubeconfig = kube::config::Kubeconfig::read().expect("read $KUBECONFIG");
    let opts = kube::config::KubeConfigOptions { context: Some(context.to_string()), ..Default::default() };
    let config = kube::Config::from_custom_kubeconfig(kubeconfig, &opts)
        .await
        .unwrap_or_else(|e| panic!("kubeconfig context {context}: {e}"));
    kube::Client::try_from(config).expect("kube client")
}

/// Polls `probe` every 250 ms until it returns `Some`, or panics after `timeout` naming `what`.
pub async fn eventually<T, F, Fut>(what: &str, timeout: std::time::Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>, String>>,
{
    let start = std::time::Instant::now();
    let mut last = String::from("(no observation)");
    loop {
        match probe().await {
            Ok(Some(v)) => return v,
            Ok(None) => {}
            Err(e) => last = e,
        }
        if start.elapsed() > timeout {
            panic!("timed out after {timeout:?} waiting for {what}; last observation: {last}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

/// Lets a pod onto SimKube's virtual nodes (tainted kwok-provider:NoSchedule) as well as the
/// ordinary KWOK node.
pub fn kwok_tolerations() -> Option<Vec<k8s_openapi::api::core::v1::Toleration>> {
    Some(vec![k8s_openapi::api::core::v1::Toleration {
        key: Some("kwok-provider".into()),
        operator: Some("Exists".into()),
        effect: Some("NoSchedule".into()),
        ..Default::default()
    }])
}

/// A Deployment of `replicas` nginx pods on the KWOK nodes whose pods (and selector) carry
/// `<label_key>=<name>`.
pub fn kwok_deployment(ns: &str, name: &str, replicas: i32, label_key: &str) -> k8s_openapi::api::apps::v1::Deployment {
    use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
    use k8s_openapi::api::core::v1::{Container, PodSpec, PodTemplateSpec};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
    let labels = std::collections::BTreeMap::from([(label_key.to_string(), name.to_string())]);
    Deployment {
        metadata: ObjectMeta { name: Some(name.into()), namespace: Some(ns.into()), ..Default::default() },
        spec: Some(DeploymentSpec {
            replicas: Some(replicas),
            selector: LabelSelector { match_labels: Some(labels.clone()), ..Default::default() },
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta { labels: Some(labels), ..Default::default() }),
                spec: Some(PodSpec {
                    containers: vec![Container {
                        name: "nginx".into(),
                        image: Some("nginx:1.27".into()),
                        ..Default::default()
                    }],
                    tolerations: kwok_tolerations(),
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// A small seeded generator for the generated-input tests (xorshift64*: deterministic per seed,
/// so a failure can be replayed).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// A second test cluster (`scripts/testcluster up --name NAME [--profile P]`), named so its
/// contexts (`NAME-admin`) merge with the first's; torn down on drop.
pub struct Second {
    root: PathBuf,
    pub state: String,
    pub kubeconfig: String,
    pub node_dir: String,
}

impl Second {
    pub fn up(name: &str, profile: Option<&str>) -> Second {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut c = std::process::Command::new("bash");
        c.arg(root.join("scripts/testcluster")).args(["up", "--name", name]);
        if let Some(p) = profile {
            c.args(["--profile", p]);
        }
        let up = c.stderr(std::process::Stdio::inherit()).output().unwrap();
        let exports = String::from_utf8(up.stdout).unwrap();
        let env_of = |k: &str| {
            exports
                .lines()
                .find_map(|l| l.strip_prefix(&format!("export {k}=")))
                .map(|v| v.trim_matches(|c| c == '\'' || c == '"').to_string())
                .unwrap_or_default()
        };
        let second = Second {
            root,
            state: env_of("SKSTEP_TESTCLUSTER_STATE"),
            kubeconfig: env_of("KUBECONFIG"),
            node_dir: env_of("SKSTEP_NODE_DATA_DIR"),
        };
        assert!(up.status.success(), "scripts/testcluster up --name {name} failed");
        second
    }
}

impl Drop for Second {
    fn drop(&mut self) {
        if !self.state.is_empty() {
            let _ = std::process::Command::new("bash")
                .arg(self.root.join("scripts/testcluster"))
                .args(["down", "--state-dir", &self.state])
                .output();
        }
    }
}
