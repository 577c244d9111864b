//! The transition cache (`--cache DIR`) on the real test cluster: a hit equals the real
//! simulation and runs none; `--cache-verify` catches a stored entry edited on disk and the key
//! is never served again; a pool over two clusters writes one cache and loses nothing.
//!
//! Without KUBECONFIG these tests FAIL unless SKSTEP_NO_CLUSTER=1 (then they are skipped).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

/// Records, state and cache of one test.
struct Scratch {
    state: tempfile::TempDir,
    runs: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            state: tempfile::tempdir().unwrap(),
            runs: tempfile::tempdir().unwrap(),
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("kubectl-skstep").unwrap();
        c.env("SKSTEP_STATE_DIR", self.state.path());
        c
    }

    fn prep(&self, ns: &str, context: &str, node_dir: &str, kubeconfig: Option<&str>) {
        let mut c = self.cmd();
        if let Some(k) = kubeconfig {
            c.env("KUBECONFIG", k);
        }
        let out = c
            .args(["--context", context, "prep-ns", ns, "--node-dir", node_dir, "--trace"])
            .arg(web_trace())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "prep-ns: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// One noop step of `trace` through the cache, with `extra` flags; the records so far.
    fn step(&self, ns: &str, trace: &Path, extra: &[&str]) -> Vec<Value> {
        let out = self
            .cmd()
            .args(["--context", "admin", "run", "--ns", ns, "--deploy", "web", "--target", "2"])
            .args(["--duration", "5s", "--action", "noop", "--runs-dir"])
            .arg(self.runs.path())
            .arg("--cache")
            .arg(self.cache.path())
            .arg("--trace")
            .arg(trace)
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "run: {}", String::from_utf8_lossy(&out.stderr));
        records(self.runs.path())
    }

    fn cache_cmd(&self, op: &str) -> (Option<i32>, Value) {
        let out = self.cmd().args(["cache", op, "-o", "json", "--cache"]).arg(self.cache.path()).output().unwrap();
        let doc = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("cache {op}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
        (out.status.code(), doc)
    }
}

fn records(runs: &Path) -> Vec<Value> {
    match std::fs::read_to_string(runs.join("step.jsonl")) {
        Ok(t) => t.lines().map(|l| serde_json::from_str(l).unwrap()).collect(),
        Err(_) => vec![],
    }
}

fn web_trace() -> PathBuf {
    common::trace("simarena-demo-deprecated-path.msgpack")
}

fn node_dir() -> String {
    std::env::var("SKSTEP_NODE_DATA_DIR").unwrap()
}

/// The counts the cache compares, from a record's obs and action_info.
fn counts(r: &Value) -> Vec<Value> {
    let o = &r["obs"];
    let i = &r["action_info"];
    vec![
        o["ready"].clone(),
        o["pending"].clone(),
        o["total"].clone(),
        i["running"].clone(),
        i["failed"].clone(),
        i["unscheduled"].clone(),
    ]
}

#[test]
fn a_hit_equals_the_real_simulation_and_runs_none() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "cache-hit") {
        return;
    }
    let s = Scratch::new();
    let ns = common::unique("cache-hit");
    s.prep(&ns, "admin", &node_dir(), None);
    let trace = web_trace();

    let recs = s.step(&ns, &trace, &[]);
    let miss = &recs[0];
    assert_eq!(miss["cached"], false);
    assert_eq!(miss["cache"]["hit"], false);
    assert_eq!(miss["cache"]["stored"], true, "a settled observation is stored: {}", miss["cache"]);
    assert!(miss["sim_name"].as_str().is_some_and(|n| !n.is_empty()));

    let recs = s.step(&ns, &trace, &[]);
    let hit = &recs[1];
    assert_eq!(hit["cached"], true, "{}", hit["cache"]);
    assert_eq!(hit["cache"]["key"], miss["cache"]["key"]);
    assert_eq!(hit["sim_name"], "", "no Simulation ran");
    assert!(
        hit["timings_s"].get("create").is_none() && hit["timings_s"].get("cache").is_some(),
        "{}",
        hit["timings_s"]
    );
    assert_eq!(counts(hit), counts(miss));

    // The real simulation again (every hit verified): it agrees with what was served.
    let recs = s.step(&ns, &trace, &["--cache-verify", "1"]);
    let verified = &recs[2];
    assert_eq!(verified["cached"], false);
    assert_eq!(verified["cache"]["verified"], true, "{}", verified["cache"]);
    assert!(verified["sim_name"].as_str().is_some_and(|n| !n.is_empty()));
    assert_eq!(counts(verified), counts(hit));
    // Everything downstream of the observation is the same too.
    assert_eq!(verified["reward"], hit["reward"]);
    assert_eq!(verified["trace_out_sha256"], hit["trace_out_sha256"]);

    let (code, stats) = s.cache_cmd("stats");
    assert_eq!(code, Some(0));
    assert_eq!((stats["entries"].as_u64(), stats["poisoned"].as_u64()), (Some(1), Some(0)), "{stats}");
}

#[test]
fn verify_catches_a_planted_disagreement_and_the_key_is_never_served_again() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "cache-verify") {
        return;
    }
    let s = Scratch::new();
    let ns = common::unique("cache-plant");
    s.prep(&ns, "admin", &node_dir(), None);
    let trace = web_trace();
    let recs = s.step(&ns, &trace, &[]);
    assert_eq!(recs[0]["cache"]["stored"], true, "{}", recs[0]["cache"]);
    let key = recs[0]["cache"]["key"].as_str().unwrap().to_string();

    // Plant: one more ready pod in the stored observation.
    let path = s.cache.path().join("entries").join(&key[..2]).join(format!("{key}.json"));
    let mut entry: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let real_ready = entry["observation"]["ready"].as_u64().unwrap();
    entry["observation"]["ready"] = (real_ready + 1).into();
    std::fs::write(&path, serde_json::to_vec_pretty(&entry).unwrap()).unwrap();
    // Unverified, the planted value is served: the cache trusts its entries...
    let recs = s.step(&ns, &trace, &[]);
    assert_eq!((recs[1]["cached"].as_bool(), recs[1]["obs"]["ready"].as_u64()), (Some(true), Some(real_ready + 1)));

    // ...until a verification simulates it again.
    let recs = s.step(&ns, &trace, &["--cache-verify", "1"]);
    let v = &recs[2];
    assert_eq!((v["cached"].as_bool(), v["cache"]["verified"].as_bool()), (Some(false), Some(false)), "{}", v["cache"]);
    assert_eq!(v["cache"]["poisoned"], true);
    assert_eq!(v["obs"]["ready"].as_u64(), Some(real_ready), "the answer is the real simulation's");

    let (code, doc) = s.cache_cmd("verify");
    assert_eq!(code, Some(0), "the entry itself is well formed: {doc}");
    assert_eq!(doc["poisoned"], serde_json::json!([key]));
    let d = &doc["disagreements"][0];
    assert_eq!(d["key"], key.as_str());
    assert_eq!(d["diff"][0], format!("ready {} != {real_ready}", real_ready + 1));

    // Never served again, even without verification.
    let recs = s.step(&ns, &trace, &[]);
    assert_eq!((recs[3]["cached"].as_bool(), recs[3]["cache"]["poisoned"].as_bool()), (Some(false), Some(true)));
    assert_eq!(recs[3]["obs"]["ready"].as_u64(), Some(real_ready));
}

#[test]
fn a_pool_over_two_clusters_writes_one_cache_and_loses_nothing() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR"], "cache-pool") {
        return;
    }
    let second = common::Second::up("cachepool", None);
    let merged = format!("{}:{}", std::env::var("KUBECONFIG").unwrap(), second.kubeconfig);
    let s = Scratch::new();
    let ns = common::unique("cache-pool");
    s.prep(&ns, "admin", &node_dir(), Some(&merged));
    s.prep(&ns, "cachepool-admin", &second.node_dir, Some(&merged));
    let pool = |runs: &Path| {
        let out = s
            .cmd()
            .env("KUBECONFIG", &merged)
            .args(["run", "--contexts", "admin,cachepool-admin", "--episodes", "4", "--steps", "2", "--ns", &ns])
            .args(["--deploy", "web", "--target", "2", "--duration", "5s", "--policy", "random", "--seed", "5"])
            .arg("--trace")
            .arg(web_trace())
            .arg("--runs-dir")
            .arg(runs)
            .arg("--cache")
            .arg(s.cache.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "pool: {}", String::from_utf8_lossy(&out.stderr));
        records(runs)
    };
    let first = pool(&s.runs.path().join("first"));
    assert_eq!(first.len(), 8);
    let contexts: std::collections::BTreeSet<&str> = first.iter().map(|r| r["context"].as_str().unwrap()).collect();
    assert_eq!(contexts.len(), 2, "both clusters worked");
    // Every settled observation of a key not yet stored was stored, by whichever worker, and
    // every stored key has its whole entry on disk.
    let keys: std::collections::BTreeSet<&str> = first.iter().map(|r| r["cache"]["key"].as_str().unwrap()).collect();
    let stored_or_hit: std::collections::BTreeSet<&str> = first
        .iter()
        .filter(|r| r["cache"]["stored"] == true || r["cached"] == true)
        .map(|r| r["cache"]["key"].as_str().unwrap())
        .collect();
    let (code, stats) = s.cache_cmd("verify");
    assert_eq!(code, Some(0), "{stats}");
    assert_eq!(stats["broken"], serde_json::json!([]));
    assert_eq!(stats["entries"].as_u64(), Some(stored_or_hit.len() as u64), "{stats}");
    assert!(!stored_or_hit.is_empty() && stored_or_hit.len() <= keys.len());

    // The same pool again (same seed, same actions, same traces): every stored key is a hit, on
    // either cluster (their node profiles are equal), with the first run's observation.
    let again = pool(&s.runs.path().join("again"));
    assert_eq!(again.len(), 8);
    for r in &again {
        let k = r["cache"]["key"].as_str().unwrap();
        if stored_or_hit.contains(k) {
            assert_eq!(r["cached"], true, "{r}");
            let before = first.iter().find(|f| f["cache"]["key"] == k).unwrap();
            assert_eq!(r["obs"], before["obs"]);
        }
    }
    assert!(again.iter().any(|r| r["cached"] == true));
}
