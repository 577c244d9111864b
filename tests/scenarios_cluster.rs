//! Proof on the test cluster: every scenario's reference solution, played through the real
//! `kubectl skstep env --stdio` (reset = the initial simulation, one `step` per reference action)
//! on a test cluster with the scenario's profile, reaches the goal after its last action and at
//! no state before it. A reference that falls short, or that meets the goal early, fails.
//!
//! The test starts its own clusters (`scripts/testcluster up --profile P`, two at a time, each
//! one Simulation at a time) and tears them down. `scripts/verify-scenarios` runs the ignored
//! `verify_many` with more generated instances.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Instant;

use serde_json::{Value as Json, json};
use skstep::scenario::generate::{TEMPLATES, TEST_SEEDS, generate};
use skstep::scenario::{Scenario, load_file, load_suite};
use skstep::step::env::ACTIONS;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One test cluster of a profile, torn down when dropped.
struct Cluster {
    name: String,
    profile: String,
    state: PathBuf,
    kubeconfig: String,
    node_dir: String,
}

impl Cluster {
    fn up(name: &str, profile: &str) -> Cluster {
        let t = Instant::now();
        let state = tempfile::Builder::new().prefix(&format!("skstep-{name}-")).tempdir().unwrap().keep();
        let out = Command::new("bash")
            .arg(root().join("scripts/testcluster"))
            .args(["up", "--name", name, "--profile", profile, "--state-dir"])
            .arg(&state)
            .output()
            .unwrap();
        assert!(out.status.success(), "testcluster up --profile {profile}: {}", String::from_utf8_lossy(&out.stderr));
        let exports = String::from_utf8(out.stdout).unwrap();
        let var = |k: &str| {
            exports
                .lines()
                .find_map(|l| l.strip_prefix(&format!("export {k}=")))
                .unwrap_or_else(|| panic!("no {k} in {exports}"))
                .to_string()
        };
        let c = Cluster {
            name: name.into(),
            profile: profile.into(),
            state,
            kubeconfig: var("KUBECONFIG"),
            node_dir: var("SKSTEP_NODE_DATA_DIR"),
        };
        eprintln!("[{name}] up with profile {profile} in {:.0?}", t.elapsed());
        c
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kubectl-skstep"));
        c.env("KUBECONFIG", &self.kubeconfig)
            .env("SKSTEP_STATE_DIR", self.state.join("skstep-state"))
            .args(["--context", &format!("{}-admin", self.name)]);
        c
    }

    fn prep(&self, ns: &str, trace: &Path) {
        let out =
            self.cmd().args(["prep-ns", ns, "--node-dir", &self.node_dir, "--trace"]).arg(trace).output().unwrap();
        assert!(out.status.success(), "prep-ns: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(root().join("scripts/testcluster"))
            .args(["down", "--state-dir"])
            .arg(&self.state)
            .output();
    }
}

fn goal_met(info: &Json, target: u32) -> bool {
    let n = |k: &str| info[k].as_u64().unwrap_or(u64::MAX);
    n("ready") == u64::from(target) && n("total") == u64::from(target) && n("pending") == 0
}

/// Plays one scenario's reference through `env --stdio`; Err says where it went wrong.
fn play(c: &Cluster, ns: &str, s: &Scenario, runs: &Path) -> Result<(), String> {
    let duration = format!("{}s", s.duration_s.unwrap_or(2));
    let mut child = c
        .cmd()
        .args(["env", "--stdio", "--ns", ns, "--deploy", &s.deploy, "--target", &s.target.to_string()])
        .args(["--duration", &duration, "--grace", "10s", "--max-steps", &s.budget.to_string(), "--trace"])
        .arg(&s.trace)
        .arg("--runs-dir")
        .arg(runs)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut ask = |req: Json| -> Result<Json, String> {
        writeln!(stdin, "{req}").map_err(|e| e.to_string())?;
        let mut line = String::new();
        stdout.read_line(&mut line).map_err(|e| e.to_string())?;
        let doc: Json = serde_json::from_str(&line).map_err(|e| format!("{e}: {line:?}"))?;
        doc.get("ok").cloned().ok_or_else(|| format!("{req} answered {doc}"))
    };
    let result = (|| {
        let reset = ask(json!({"op": "reset", "seed": 0}))?;
        let at_start = goal_met(&reset["info"], s.target);
        if at_start != s.reference.is_empty() {
            return Err(format!("at reset the goal is {}met: {}", if at_start { "" } else { "not " }, reset["info"]));
        }
        for (i, a) in s.reference.iter().enumerate() {
            let idx = ACTIONS.iter().position(|x| x == a).unwrap();
            let r = ask(json!({"op": "step", "action": idx}))?;
            let last = i + 1 == s.reference.len();
            let met = goal_met(&r["info"], s.target);
            if r["info"]["blocked"] == json!(true) {
                return Err(format!("step {} ({a:?}) was blocked: {}", i + 1, r["info"]["reason"]));
            }
            if met != last || r["terminated"] != json!(last) {
                return Err(format!(
                    "after step {} of {} ({a:?}) the goal is {}met, terminated {}: {}",
                    i + 1,
                    s.reference.len(),
                    if met { "" } else { "not " },
                    r["terminated"],
                    r["info"]
                ));
            }
        }
        Ok(())
    })();
    let _ = ask(json!({"op": "close"}));
    drop(stdin);
    let _ = child.wait();
    result
}

/// Plays `jobs` over two clusters, each restarted with another profile when its own profile's
/// jobs are done; returns the failures.
fn prove(jobs: Vec<Scenario>) -> Vec<String> {
    let t0 = Instant::now();
    let total = jobs.len();
    let queue = Mutex::new(jobs);
    let failures = Mutex::new(vec![]);
    let runs = tempfile::tempdir().unwrap();
    std::thread::scope(|sc| {
        for w in 0..2 {
            let (queue, failures, runs) = (&queue, &failures, runs.path());
            sc.spawn(move || {
                let mut cluster: Option<Cluster> = None;
                let ns = format!("scp{w}");
                loop {
                    let job = {
                        let mut q = queue.lock().unwrap();
                        let mine = cluster.as_ref().and_then(|c| q.iter().position(|s| s.profile == c.profile));
                        match mine.or(if q.is_empty() { None } else { Some(0) }) {
                            Some(i) => q.remove(i),
                            None => break,
                        }
                    };
                    if cluster.as_ref().is_none_or(|c| c.profile != job.profile) {
                        drop(cluster.take());
                        let c = Cluster::up(&format!("scp{w}"), &job.profile);
                        c.prep(&ns, &job.trace);
                        cluster = Some(c);
                    }
                    let c = cluster.as_ref().unwrap();
                    let t = Instant::now();
                    let r = play(c, &ns, &job, &runs.join(&job.id));
                    eprintln!(
                        "[{}] {} ({} steps): {} in {:.0?}",
                        c.name,
                        job.id,
                        job.reference_steps,
                        if r.is_ok() { "solved in exactly its steps" } else { "FAILED" },
                        t.elapsed()
                    );
                    if let Err(e) = r {
                        failures.lock().unwrap().push(format!("{} ({}): {e}", job.id, job.source.display()));
                    }
                }
            });
        }
    });
    eprintln!("{total} scenario(s) played in {:.0?}", t0.elapsed());
    failures.into_inner().unwrap()
}

fn generated(per_template: u64, dir: &Path) -> Vec<Scenario> {
    let mut out = vec![];
    for t in TEMPLATES {
        for f in generate(t, TEST_SEEDS.start, per_template, dir).unwrap() {
            out.push(load_file(&f).unwrap());
        }
    }
    out
}

fn cluster_available(test: &str) -> bool {
    if std::env::var("SKSTEP_NO_CLUSTER").as_deref() == Ok("1") {
        eprintln!("{test}: skipped (SKSTEP_NO_CLUSTER=1, no test cluster)");
        return false;
    }
    true
}

#[test]
fn every_reference_solves_its_scenario_in_exactly_its_steps_and_a_short_one_fails_on_the_test_cluster() {
    let name = "every_reference_solves_its_scenario_in_exactly_its_steps_and_a_short_one_fails_on_the_test_cluster";
    if !cluster_available(name) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut jobs = load_suite("simarena", None).unwrap();
    assert_eq!(jobs.len(), 12);
    // A reference that falls short must fail: cpu-slight with one of its two reductions (16500m
    // pods still do not fit 16-CPU nodes).
    let mut short = jobs.iter().find(|s| s.id == "cpu-slight").unwrap().clone();
    short.id = "cpu-slight-one-step-short".into();
    short.reference.pop();
    short.reference_steps -= 1;
    jobs.push(short);
    jobs.extend(generated(2, dir.path()));
    // The longest first, so the two clusters finish together.
    jobs.sort_by_key(|s| std::cmp::Reverse(s.reference_steps));
    let failures = prove(jobs);
    assert_eq!(failures.len(), 1, "exactly the short reference should fail:\n{}", failures.join("\n"));
    assert!(
        failures[0].starts_with("cpu-slight-one-step-short") && failures[0].contains("after step 1 of 1"),
        "{failures:?}"
    );
}

/// `scripts/verify-scenarios`: SKSTEP_VERIFY_PER_TEMPLATE (default 20) generated instances of
/// every template, from the first test seed.
#[test]
#[ignore]
fn verify_many() {
    let n = std::env::var("SKSTEP_VERIFY_PER_TEMPLATE").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    let mut jobs = generated(n, dir.path());
    jobs.sort_by_key(|s| std::cmp::Reverse(s.reference_steps));
    let failures = prove(jobs);
    assert!(
        failures.is_empty(),
        "{} reference(s) do not solve their scenario:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
