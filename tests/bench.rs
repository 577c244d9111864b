//! `kubectl skstep bench` on the real test cluster, on a tiny suite this test writes: `at-goal`
//! (2 replicas, target 2: solved before any action, reference empty) and `one-up` (1 replica,
//! target 2: one scale-up). The scenarios use the cluster's profile ($SKSTEP_TESTCLUSTER_PROFILE).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value as Json, json};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kubectl-skstep"))
}

fn context() -> String {
    std::env::var("SKSTEP_BENCH_CONTEXT").unwrap_or_else(|_| "admin".into())
}

fn cluster_profile() -> String {
    std::env::var("SKSTEP_TESTCLUSTER_PROFILE").unwrap_or_else(|_| "default".into())
}

fn scenario(id: &str, tier: &str, replicas: u32, reference: &[&str]) -> Json {
    json!({
        "id": id, "description": format!("bench test: {id}"), "tier": tier, "problem": if reference.is_empty() { "baseline" } else { "replica_scaling" },
        "profile": cluster_profile(),
        "trace": {"new": {"replicas": replicas, "cpu": "250m", "memory": "256Mi", "image": "ghcr.io/example/web:1.0"}},
        "target": {"deploy": "web", "namespace": "default", "replicas": 2},
        "budget": 2, "reference": reference, "reference_steps": reference.len(), "sim": {"duration": "5s"},
    })
}

fn suite(dir: &Path) -> PathBuf {
    let s = dir.join("suite");
    std::fs::create_dir_all(&s).unwrap();
    std::fs::write(s.join("at-goal.json"), scenario("at-goal", "low", 2, &[]).to_string()).unwrap();
    std::fs::write(s.join("one-up.json"), scenario("one-up", "medium", 1, &["scale_up_replicas"]).to_string()).unwrap();
    s
}

fn prep(ns: &str) {
    prep_on(ns, &context(), &std::env::var("SKSTEP_NODE_DATA_DIR").unwrap(), None);
}

fn prep_on(ns: &str, context: &str, node_dir: &str, kubeconfig: Option<&str>) {
    let mut c = Command::new(bin());
    if let Some(k) = kubeconfig {
        c.env("KUBECONFIG", k);
    }
    let out = c
        .args(["--context", context, "prep-ns", ns, "--trace"])
        .arg(common::trace("simarena-demo-deprecated-path.msgpack"))
        .arg("--node-dir")
        .arg(node_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "prep-ns on {context}: {}", String::from_utf8_lossy(&out.stderr));
}

fn bench_cmd(suite: &Path, agent: &str, ns: &str, out: &Path) -> Command {
    let mut c = Command::new(bin());
    c.args(["--context", &context(), "bench", "--suite"])
        .arg(suite)
        .args(["--agent", agent, "--ns", ns, "--duration", "5s", "--seed", "3", "-o"])
        .arg(out);
    c
}

fn bench(suite: &Path, agent: &str, ns: &str, out: &Path) -> Json {
    let o = bench_cmd(suite, agent, ns, out).output().unwrap();
    assert!(o.status.success(), "bench {agent}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

fn scen<'a>(doc: &'a Json, id: &str) -> &'a Json {
    doc["scenarios"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()
}

/// The document without what differs between two plays of the same runs (wall times, names).
fn stable(doc: &Json) -> Json {
    let mut d = doc.clone();
    fn strip(v: &mut Json) {
        match v {
            Json::Object(m) => {
                m.remove("wall_s");
                m.values_mut().for_each(strip);
            }
            Json::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut d);
    d
}

#[test]
fn reference_noop_heuristic_random_resume_and_a_bad_file() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR", "SKSTEP_STATE_DIR"], "bench") {
        return;
    }
    let t0 = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let suite = suite(tmp.path());
    let ns = common::unique("bench");
    prep(&ns);

    // reference: every scenario solved in exactly its reference steps.
    let r = bench(&suite, "reference", &ns, &tmp.path().join("ref.json"));
    assert_eq!(r["schema"], "skstep.bench/v1");
    assert_eq!(r["overall"]["pass_at_1"], 1.0, "{r:#}");
    assert_eq!(r["overall"]["efficiency"], 1.0, "{r:#}");
    assert_eq!(scen(&r, "one-up")["mean_steps_to_solve"], 1.0);
    // Every step record carries the bench's tags.
    let recs = std::fs::read_to_string(tmp.path().join("ref.json.runs/step.jsonl")).unwrap();
    let recs: Vec<Json> = recs.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 1 + 2, "at-goal: 1 simulation; one-up: 2");
    for rec in &recs {
        let tags = &rec["tags"];
        assert_eq!(
            (tags["agent"].as_str(), tags["bench_run"].as_str()),
            (Some("reference"), r["bench_run"].as_str()),
            "{rec}"
        );
        assert!(tags["scenario"].is_string() && tags["repeat"] == "1", "{rec}");
    }

    // noop solves only what needs no action.
    let n = bench(&suite, "noop", &ns, &tmp.path().join("noop.json"));
    assert_eq!(scen(&n, "at-goal")["pass_at_1"], 1.0, "{n:#}");
    assert_eq!(scen(&n, "one-up")["pass_at_1"], 0.0, "{n:#}");
    assert_eq!(n["overall"]["pass_at_1"], 0.5);

    // heuristic solves the scale-up; random runs.
    let h = bench(&suite, "heuristic", &ns, &tmp.path().join("h.json"));
    assert_eq!(h["overall"]["pass_at_1"], 1.0, "{h:#}");
    let rnd = bench(&suite, "random", &ns, &tmp.path().join("rnd.json"));
    assert_eq!(rnd["runs"].as_array().unwrap().len(), 2);

    // Interrupted after the first finished run, then resumed: the same document, nothing twice.
    let out = tmp.path().join("resume.json");
    let mut child =
        bench_cmd(&suite, "reference", &ns, &out).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let runs_dir = tmp.path().join("resume.json.journal/runs");
    let start = Instant::now();
    while std::fs::read_dir(&runs_dir)
        .map_or(0, |d| d.filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".json")).count())
        == 0
    {
        assert!(start.elapsed() < Duration::from_secs(180), "no run finished");
        std::thread::sleep(Duration::from_millis(200));
    }
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let st = child.wait().unwrap();
    assert_eq!(st.code(), Some(130), "an interrupted bench exits 130");
    assert!(!out.exists(), "no document before every run is done");
    let resumed = bench(&suite, "reference", &ns, &out);
    assert_eq!(resumed["runs"].as_array().unwrap().len(), 2, "{resumed:#}");
    let mut a = stable(&resumed);
    let mut b = stable(&r);
    for d in [&mut a, &mut b] {
        for k in ["bench_run", "records"] {
            d.as_object_mut().unwrap().remove(k);
        }
    }
    assert_eq!(a, b, "the resumed document is the uninterrupted one's");
    // A resume with another agent is refused, naming the difference.
    let o = bench_cmd(&suite, "noop", &ns, &out).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("agent: journal reference, now noop"), "{err}");

    // The leaderboard of the four.
    let o = Command::new(bin())
        .args(["bench", "--compare"])
        .args(["ref.json", "noop.json", "h.json", "rnd.json"].map(|f| tmp.path().join(f)))
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && (md.contains("| 1 | reference |") || md.contains("| 1 | heuristic |")), "{md}");
    assert!(
        md.lines().filter(|l| l.starts_with("| ") && l.contains(" | 2 | 1 | ")).count() == 4,
        "four agents ranked: {md}"
    );

    // A bad scenario file: named, with its field; nothing played.
    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let mut s = scenario("broken", "low", 1, &["scale_up_replicas"]);
    s["budget"] = json!("ten");
    std::fs::write(bad.join("broken.json"), s.to_string()).unwrap();
    let o = bench_cmd(&bad, "noop", &ns, &tmp.path().join("bad.json")).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("broken.json") && err.contains("budget"), "{err}");
    assert!(!tmp.path().join("bad.json").exists());
    eprintln!("bench cluster test: {:.0} s", t0.elapsed().as_secs_f64());
}

/// What a document says besides where and when it played: `stable`, without the bench's name,
/// its records' path, and each run's context.
fn placeless(doc: &Json) -> Json {
    let mut d = stable(doc);
    let m = d.as_object_mut().unwrap();
    for k in ["bench_run", "records", "contexts"] {
        m.remove(k);
    }
    for r in m["runs"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("context");
    }
    d
}

/// Scenario-parallel over two clusters (the test cluster and a second one this test starts with
/// the same profile): each scenario is played once, one on each cluster, and the document is the
/// one-context document but for where the runs played. A suite with a scenario whose profile
/// neither cluster has is refused before anything is played or written, naming the scenario, the
/// profile, what each context differs in and the command that starts such a cluster.
#[test]
fn two_contexts_play_each_scenario_once_and_a_profile_no_context_has_is_refused() {
    if !common::have_cluster(&["SKSTEP_NODE_DATA_DIR", "SKSTEP_STATE_DIR"], "bench-two-contexts") {
        return;
    }
    let t0 = Instant::now();
    let profile = cluster_profile();
    let second = common::Second::up("benchtwo", Some(&profile));
    let merged = format!("{}:{}", std::env::var("KUBECONFIG").unwrap(), second.kubeconfig);
    let (one_ctx, two_ctx) = ("benchtwo-admin".to_string(), format!("{},benchtwo-admin", context()));
    let tmp = tempfile::tempdir().unwrap();
    let suite = suite(tmp.path());
    let ns = common::unique("bench-two");
    prep_on(&ns, &context(), &std::env::var("SKSTEP_NODE_DATA_DIR").unwrap(), Some(&merged));
    prep_on(&ns, &one_ctx, &second.node_dir, Some(&merged));
    let over = |contexts: &str, suite: &Path, out: &Path| {
        let mut c = bench_cmd(suite, "reference", &ns, out);
        c.env("KUBECONFIG", &merged).args(["--contexts", contexts]);
        c.output().unwrap()
    };
    let play = |contexts: &str, name: &str| -> Json {
        let out = tmp.path().join(name);
        let o = over(contexts, &suite, &out);
        assert!(o.status.success(), "bench --contexts {contexts}: {}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap()
    };

    // One context (the second cluster alone, which no other test uses), then both.
    let one = play(&one_ctx, "one.json");
    assert_eq!(one["contexts"], json!([one_ctx]));
    let two = play(&two_ctx, "two.json");
    let runs = two["runs"].as_array().unwrap();
    let played: Vec<&str> = runs.iter().map(|r| r["scenario"].as_str().unwrap()).collect();
    assert_eq!(played, ["at-goal", "one-up"], "each scenario once: {two:#}");
    let mut on: Vec<&str> = runs.iter().map(|r| r["context"].as_str().unwrap()).collect();
    on.sort();
    let mut both = vec![context(), one_ctx.clone()];
    both.sort();
    assert_eq!(on, both, "one scenario on each cluster: {two:#}");
    assert_eq!(two["contexts"], json!(both));
    assert_eq!(two["overall"]["pass_at_1"], 1.0, "{two:#}");
    assert_eq!(placeless(&two), placeless(&one), "two contexts give the one-context document");
    let recs = std::fs::read_to_string(tmp.path().join("two.json.runs/step.jsonl")).unwrap();
    let mut rec_contexts: Vec<String> = recs
        .lines()
        .map(|l| serde_json::from_str::<Json>(l).unwrap()["context"].as_str().unwrap().to_string())
        .collect();
    rec_contexts.sort();
    rec_contexts.dedup();
    assert_eq!((recs.lines().count(), rec_contexts), (3, both.clone()), "1 + 2 simulations over both: {recs}");

    // A scenario of another profile: refused before anything runs, naming it, its profile, each
    // context and the fix.
    let other = if profile == "small" { "simarena" } else { "small" };
    let mixed = tmp.path().join("mixed");
    std::fs::create_dir_all(&mixed).unwrap();
    std::fs::write(mixed.join("at-goal.json"), scenario("at-goal", "low", 2, &[]).to_string()).unwrap();
    let mut tight = scenario("tight", "medium", 1, &["scale_up_replicas"]);
    tight["profile"] = json!(other);
    std::fs::write(mixed.join("tight.json"), tight.to_string()).unwrap();
    let out = tmp.path().join("mixed.json");
    let o = over(&two_ctx, &mixed, &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("scenario tight needs cluster profile \"{other}\"")), "{err}");
    for c in &both {
        assert!(err.contains(&format!("context {c}: ")), "names what {c} differs in: {err}");
    }
    assert!(err.contains(&format!("scripts/testcluster up --profile {other}")) && err.contains("--contexts"), "{err}");
    assert!(!out.exists() && !tmp.path().join("mixed.json.journal").exists(), "nothing written");
    eprintln!("bench two-contexts test: {:.0} s", t0.elapsed().as_secs_f64());
}
