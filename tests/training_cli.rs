//! The training commands' edges that need no cluster: `env --stdio` answers every failure as an
//! `error` line (never an observation), `run --contexts` refuses a context given twice, `report`
//! draws what the records say and names a bad file and line. Their cluster behaviour is tested
//! from Python (python/tests) on the real test cluster.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};

fn bin() -> Command {
    Command::cargo_bin("kubectl-skstep").unwrap()
}

/// A kubeconfig with one context, `only`, pointing at a closed port.
fn kubeconfig(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("kubeconfig");
    std::fs::write(
        &p,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\n\
         users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: only\n  context: {cluster: c, user: u}\n\
         current-context: only\n",
    )
    .unwrap();
    p
}

#[test]
fn env_answers_every_failure_as_an_error_line_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args(["--kubeconfig"])
        .arg(kubeconfig(dir.path()))
        .args(["--context", "missing", "env", "--stdio", "--deploy", "web", "--target", "2", "--trace"])
        .arg(common::trace("simarena-demo-deprecated-path.msgpack"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut ask = |req: &str| -> Value {
        writeln!(stdin, "{req}").unwrap();
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        serde_json::from_str(&line).unwrap()
    };
    // The setup failure (no such context) is the answer to spec, reset and step alike.
    for req in [r#"{"op":"spec"}"#, r#"{"op":"reset","seed":1}"#, r#"{"op":"step","action":0}"#] {
        let a = ask(req);
        assert!(a.get("ok").is_none(), "{a}");
        assert!(a["error"]["message"].as_str().unwrap().contains("no context \"missing\""), "{a}");
        assert_eq!(a["error"]["exit_code"], 2, "{a}");
    }
    let a = ask(r#"{"op":"jump"}"#);
    assert!(a["error"]["message"].as_str().unwrap().starts_with("not a request"), "{a}");
    assert_eq!(ask(r#"{"op":"close"}"#), json!({"ok": {}}));
    assert!(child.wait().unwrap().success());
}

#[test]
fn env_without_stdio_and_run_with_a_context_twice_are_usage_errors() {
    let out = bin().args(["env", "--deploy", "web", "--target", "2", "--trace", "t.msgpack"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pass --stdio"));
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["--kubeconfig"])
        .arg(kubeconfig(dir.path()))
        .args(["run", "--contexts", "only,only", "--episodes", "2", "--deploy", "web", "--target", "2"])
        .args(["--runs-dir"])
        .arg(dir.path().join("runs"))
        .arg("--trace")
        .arg(common::trace("simarena-demo-deprecated-path.msgpack"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("names only twice"));
    assert!(!dir.path().join("runs").exists(), "nothing recorded");
}

#[test]
fn report_draws_the_records_and_names_a_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let runs = dir.path().join("runs");
    std::fs::create_dir(&runs).unwrap();
    let out = bin().args(["report", "--runs-dir"]).arg(&runs).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("step.jsonl: no step records"));

    let rec = |ep: &str, step: u32, obs: (u32, u32, u32), reward: f64| {
        json!({"timestamp": "", "sim_name": "", "sim_uid": "", "namespace": "n", "trace_in": "", "trace_out": "",
            "obs": {"ready": obs.0, "pending": obs.1, "total": obs.2}, "action": {"type": "noop"},
            "action_info": null, "reward": reward, "duration_s": 1.0, "seed": 0, "policy": "env", "context": "c1",
            "virtual_namespace": "", "trace_in_sha256": "", "trace_out_sha256": "", "reward_fn": "base",
            "driver_image": "", "timings_s": {}, "outcome": "ok", "cause": null, "episode": ep, "step": step,
            "target": 2})
        .to_string()
    };
    let lines = [rec("e1", 1, (1, 1, 2), 0.0), rec("e1", 2, (2, 0, 2), 1.0), rec("e2", 1, (2, 0, 2), 1.0)];
    std::fs::write(runs.join("step.jsonl"), lines.join("\n")).unwrap();
    let svg = dir.path().join("r.svg");
    let out = bin().args(["report", "--runs-dir"]).arg(&runs).arg("-o").arg(&svg).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("episodes: 2") && text.contains("mean return: 1.000"), "{text}");
    assert!(text.contains("2 of 2 episodes reached it, after 1.5 steps on average"), "{text}");
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));

    let json_out = bin().args(["report", "--runs-dir"]).arg(&runs).args(["-o", "json"]).output().unwrap();
    let doc: Value = serde_json::from_slice(&json_out.stdout).unwrap();
    assert_eq!(doc["report"]["reward_per_step"], json!([[1, 0.0], [2, 1.0], [3, 1.0]]));
    assert!(runs.join("report.svg").exists(), "default output beside the records");

    // A torn line (a record cut short) is skipped with a warning; a line that is no record fails.
    std::fs::write(runs.join("step.jsonl"), format!("{}\n{{\"timestamp\": \n", lines[0])).unwrap();
    let out = bin().args(["report", "--runs-dir"]).arg(&runs).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped 1 torn line(s)"));
    std::fs::write(runs.join("step.jsonl"), format!("{}\n{{\"timestamp\": 3}}\n", lines[0])).unwrap();
    let out = bin().args(["report", "--runs-dir"]).arg(&runs).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("step.jsonl: line 2: not a step record"), "{err}");
}
