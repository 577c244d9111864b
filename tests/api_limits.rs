//! `--api-timeout` bounds prep-ns and cleanup against an API server that accepts connections and
//! never answers (a real loopback listener that reads nothing: a dead server, not a mock), and
//! the command ends as "unreachable", exit 3, naming the limit.

use std::io::Write;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

/// A listener that accepts every connection and never answers; its port.
fn silent_server() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = vec![];
        for c in l.incoming().flatten() {
            held.push(c);
        }
    });
    port
}

fn kubeconfig(dir: &std::path::Path, port: u16) -> std::path::PathBuf {
    let p = dir.join("kubeconfig");
    let mut f = std::fs::File::create(&p).unwrap();
    write!(
        f,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: https://127.0.0.1:{port}, insecure-skip-tls-verify: true}}\n\
         users:\n- name: u\n  user: {{token: t}}\ncontexts:\n- name: x\n  context: {{cluster: c, user: u}}\ncurrent-context: x\n"
    )
    .unwrap();
    p
}

#[test]
fn prep_ns_and_cleanup_end_at_the_api_timeout_against_a_silent_server() {
    let dir = tempfile::tempdir().unwrap();
    let kc = kubeconfig(dir.path(), silent_server());
    for args in [&["prep-ns", "silent-ns"][..], &["cleanup"][..]] {
        let start = Instant::now();
        let out = std::process::Command::cargo_bin("kubectl-skstep")
            .unwrap()
            .env("SKSTEP_STATE_DIR", dir.path())
            .env_remove("SKSTEP_NODE_DATA_DIR")
            .arg("--kubeconfig")
            .arg(&kc)
            .args(args)
            .args(["--api-timeout", "3s"])
            .output()
            .unwrap();
        let took = start.elapsed();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(err.contains("did not answer within 3s"), "{args:?}: {err}");
        assert!(took < Duration::from_secs(10), "{args:?} took {took:?}: the limit did not bound it");
    }
}
