//! `env --stdio` on hostile input, through the real binary (no cluster needed: the setup failure
//! or success does not matter to how a bad line is answered): every bad line gets an `error`
//! answer naming the problem and quoting a short prefix only, and the server goes on serving.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};

/// A kubeconfig whose one context points at a closed port.
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
fn every_bad_line_is_answered_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::cargo_bin("kubectl-skstep")
        .unwrap()
        .arg("--kubeconfig")
        .arg(kubeconfig(dir.path()))
        .args(["env", "--stdio", "--deploy", "web", "--target", "2", "--runs-dir"])
        .arg(dir.path().join("runs"))
        .arg("--trace")
        .arg(common::trace("simarena-demo-deprecated-path.msgpack"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut ask = |req: &[u8]| -> Value {
        stdin.write_all(req).unwrap();
        stdin.write_all(b"\n").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        assert!(
            !line.is_empty(),
            "the server ended without an answer to {:?}",
            String::from_utf8_lossy(&req[..40.min(req.len())])
        );
        assert!(line.len() < 1000, "an answer of {} bytes", line.len());
        serde_json::from_str(&line).unwrap()
    };
    let message = |a: &Value| a["error"]["message"].as_str().unwrap_or_else(|| panic!("not an error: {a}")).to_string();

    let a = ask(b"{\"op\":\"sp\xffec\"}");
    let m = message(&a);
    assert!(m.contains("not UTF-8") && m.contains("offset 9"), "{m}");
    assert_eq!(a["error"]["exit_code"], 2);

    let long = format!("{{\"op\":\"spec\",\"pad\":\"{}\"}}", "p".repeat(3 << 20));
    let m = message(&ask(long.as_bytes()));
    assert!(m.contains(&format!("{} bytes", long.len())) && m.contains("limit of 1048576 bytes"), "{m}");

    let garbage = format!("{{\"op\":\"{}\"}}", "jump".repeat(10_000));
    let a = ask(garbage.as_bytes());
    let m = message(&a);
    assert!(m.starts_with("not a request") && m.len() < 300, "{m}");
    assert!(a["error"]["hint"].as_str().unwrap().contains("{\"op\":\"spec\"}"));

    let m = message(&ask(b"not json at all"));
    assert!(m.contains("the line starts \"not json at all\""), "{m}");

    // Still serving: a good request after all that is handled as one.
    assert_eq!(ask(br#"{"op":"close"}"#), json!({"ok": {}}));
    assert!(child.wait().unwrap().success());
}

/// The scenario options without a cluster: wrong combinations are usage errors (exit 2) before
/// anything runs, and a bad scenario file is the answer to every request, naming the file and
/// the field (exit code 1), before any cluster is asked.
#[test]
fn scenario_options_refuse_bad_combinations_and_name_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let web = common::trace("simarena-demo-deprecated-path.msgpack");
    let suite = dir.path().join("suite");
    std::fs::create_dir(&suite).unwrap();
    for (args, want) in [
        (vec!["--suite", "simarena", "--trace", web.to_str().unwrap()], "--trace"),
        (vec!["--scenario", "x.json", "--suite", "simarena"], "--suite"),
        (vec!["--split", "train", "--trace", web.to_str().unwrap(), "--deploy", "web", "--target", "2"], "--suite"),
        (vec![], "--trace"),
    ] {
        let out = Command::cargo_bin("kubectl-skstep").unwrap().args(["env", "--stdio"]).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    std::fs::write(suite.join("bad.json"), r#"{"id": "bad", "tier": "low"}"#).unwrap();
    let mut child = Command::cargo_bin("kubectl-skstep")
        .unwrap()
        .arg("--kubeconfig")
        .arg(kubeconfig(dir.path()))
        .args(["env", "--stdio", "--suite"])
        .arg(&suite)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"{\"op\":\"spec\"}\n{\"op\":\"close\"}\n").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let first: Value = serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    let msg = first["error"]["message"].as_str().unwrap_or_else(|| panic!("not an error: {first}"));
    assert!(msg.contains("bad.json"), "{msg}");
    assert_eq!(first["error"]["exit_code"], json!(1), "{first}");
    assert!(first["error"]["hint"].is_string(), "with the fix: {first}");
}
