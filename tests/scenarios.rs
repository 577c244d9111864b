//! Scenario files, suites and the generator, offline: the simarena suite's references are the
//! planner's minimum, a bad file is refused naming the file, the field path and the fix (exit 1),
//! and the same seed writes the same bytes.

use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value as Json, json};
use skstep::scenario::planner::{Plan, check_reference, plan_for};
use skstep::scenario::{Split, load_suite};

fn skstep() -> Command {
    Command::cargo_bin("kubectl-skstep").unwrap()
}

/// A change to the good document.
type Edit = Box<dyn Fn(&mut Json)>;

fn good() -> Json {
    json!({
        "id": "s", "description": "d", "tier": "low", "problem": "replica_scaling", "profile": "simarena",
        "trace": { "new": { "replicas": 1, "cpu": "500m", "memory": "512Mi" } },
        "target": { "deploy": "web", "replicas": 2 },
        "budget": 10, "reference": ["scale_up_replicas"], "reference_steps": 1
    })
}

/// Writes `doc` as s.json in a fresh folder and runs `scenario validate` on it.
fn validate(doc: &Json) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.json");
    std::fs::write(&f, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    let out = skstep()
        .env("SKSTEP_SCENARIO_CACHE", dir.path().join("cache"))
        .args(["scenario", "validate"])
        .arg(&f)
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_simarena_references_are_the_planners_minimum_and_solve_in_the_model() {
    let all = load_suite("simarena", None).unwrap();
    let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    for id in [
        "mem-slight",
        "cpu-slight",
        "cpu-heavy",
        "cpu-mem-both",
        "replicas-over",
        "scale-up",
        "scale-up-v2",
        "baseline-normalized",
        "baseline-dev",
        "replica-tiny-scale",
        "replica-small-scale",
        "replica-medium-scale",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert_eq!(all.len(), 12);
    for s in &all {
        let Plan::Found { actions } = plan_for(s).unwrap() else { panic!("{}: unreachable", s.id) };
        assert_eq!(s.reference_steps as usize, actions.len(), "{}: reference_steps vs the planner's minimum", s.id);
        check_reference(s).unwrap_or_else(|e| panic!("{}: {e}", s.id));
        assert!(s.reference_steps <= s.budget);
        assert!(s.trace.is_file(), "{}: {}", s.id, s.trace.display());
    }
    let steps = |id: &str| all.iter().find(|s| s.id == id).unwrap().reference_steps;
    assert_eq!((steps("mem-slight"), steps("cpu-heavy"), steps("cpu-slight"), steps("cpu-mem-both")), (4, 8, 2, 6));
    assert!(load_suite("simarena", Some(Split::Test)).is_err(), "simarena has no splits");
}

#[test]
fn a_bad_scenario_file_names_the_file_the_field_and_the_fix() {
    let (code, err) = validate(&good());
    assert_eq!(code, 0, "{err}");
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|d| d["budgte"] = json!(3)), "s.json: budgte: is not a field of this schema"),
        (Box::new(|d| d["budget"] = json!("ten")), "s.json: budget: is a string, not a whole number"),
        (Box::new(|d| d["budget"] = json!(0)), "s.json: budget: is 0, outside 1..=1000"),
        (Box::new(|d| d["target"]["replicas"] = json!(0)), "s.json: target.replicas: is 0, outside 1..=100"),
        (
            Box::new(|d| d["reference"][0] = json!("scale_up")),
            "s.json: reference[0]: \"scale_up\" is not one of the 7 actions",
        ),
        (Box::new(|d| d["profile"] = json!("huge")), "s.json: profile: there is no cluster profile \"huge\""),
        (Box::new(|d| d["trace"] = json!({ "file": "nope.msgpack" })), "s.json: trace.file:"),
        (Box::new(|d| d["trace"]["new"]["cpu"] = json!("lots")), "s.json: trace.new.cpu: invalid quantity"),
        (Box::new(|d| d["reference_steps"] = json!(2)), "s.json: reference_steps: is 2 but reference has 1"),
        (Box::new(|d| d["tier"] = json!("extreme")), "s.json: tier: is \"extreme\""),
        (
            Box::new(|d| {
                d["reference"] = json!(["scale_up_replicas", "scale_up_replicas"]);
                d["reference_steps"] = json!(2);
            }),
            "s.json: reference: takes 2 step(s), but the minimum is 1",
        ),
        (
            Box::new(|d| {
                d["reference"] = json!(["bump_cpu_small"]);
            }),
            "s.json: reference: does not reach the goal",
        ),
    ];
    for (edit, want) in cases {
        let mut d = good();
        edit(&mut d);
        let (code, err) = validate(&d);
        assert_eq!(code, 1, "{want}: {err}");
        assert!(err.contains(want), "want {want:?} in:\n{err}");
        assert!(err.contains("hint") || err.contains("fix") || err.lines().count() > 1, "no fix in {err}");
    }
}

#[test]
fn generate_writes_the_same_bytes_for_the_same_seed_and_the_files_validate() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [a.path(), b.path()] {
        let out = skstep()
            .args(["scenario", "generate", "--template", "compound", "--seed", "1000000", "--count", "3", "-o"])
            .arg(dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let read = |d: &Path, n: &str| std::fs::read(d.join(n)).unwrap();
    for n in ["compound-1000000.json", "compound-1000001.json", "compound-1000002.json"] {
        assert_eq!(read(a.path(), n), read(b.path(), n), "{n}");
    }
    let out = skstep().args(["scenario", "validate"]).arg(a.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list =
        skstep().args(["scenario", "list", "-o", "json", "--split", "test", "--suite"]).arg(a.path()).output().unwrap();
    let doc: Json = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(doc["scenarios"].as_array().unwrap().len(), 3);
    // A train seed range that crosses into the test split is refused, and writes nothing.
    let c = tempfile::tempdir().unwrap();
    let out = skstep()
        .args(["scenario", "generate", "--template", "scale-up", "--seed", "999999", "--count", "2", "-o"])
        .arg(c.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!c.path().join("x").exists());
}

#[test]
fn list_and_show_print_stable_json() {
    let out = skstep().args(["scenario", "show", "cpu-heavy", "-o", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["reference_steps"], 8);
    assert_eq!(doc["planner"]["steps"], 8);
    assert_eq!(doc["start"]["cpu_m"], 20000);
    let out = skstep().args(["scenario", "show", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mem-slight"));
}
