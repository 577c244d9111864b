//! What `-vv` writes to stderr: no URL password (a kubeconfig's `proxy-url` may carry one), and no
//! colour codes when stderr is no terminal (a pipe, a log file) or NO_COLOR is set.

mod common;

use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;

/// A kubeconfig whose cluster (not loopback, so the proxy is used) has a proxy with a password;
/// the proxy is a closed local port, so every call fails at once.
fn kubeconfig(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("kubeconfig");
    std::fs::write(
        &p,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://10.255.0.1:6443', \
         proxy-url: 'http://bob:hunter2@127.0.0.1:1'}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n\
         - name: only\n  context: {cluster: c, user: u}\ncurrent-context: only\n",
    )
    .unwrap();
    p
}

fn stderr_of_env(no_color: Option<&str>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Command::cargo_bin("kubectl-skstep").unwrap();
    c.arg("-vv")
        .arg("--kubeconfig")
        .arg(kubeconfig(dir.path()))
        .args(["env", "--stdio", "--deploy", "web", "--target", "2", "--runs-dir"])
        .arg(dir.path().join("runs"))
        .arg("--trace")
        .arg(common::trace("simarena-demo-deprecated-path.msgpack"))
        .env_remove("SKSTEP_LOG")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(v) = no_color {
        c.env("NO_COLOR", v);
    }
    let out = c.output().unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn verbose_logs_hide_the_proxy_password_and_carry_no_colour_codes_off_a_terminal() {
    for no_color in [None, Some("1")] {
        let err = stderr_of_env(no_color);
        assert!(err.contains("proxy http://bob:xxxxx@127.0.0.1:1"), "the proxy is logged, redacted: {err}");
        assert!(!err.contains("hunter2"), "the password was logged: {err}");
        assert!(!err.contains('\u{1b}'), "colour codes on a pipe: {err:?}");
    }
}
