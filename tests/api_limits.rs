//! `--api-timeout` bounds prep-ns, cleanup, observe, doctor and run (its driver-image read and
//! preflight) against an API server that accepts connections and never answers (a real loopback
//! listener that reads nothing: a dead server, not a mock), and the command ends as
//! "unreachable", exit 3, naming the limit.

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
fn every_cluster_command_ends_at_the_api_timeout_against_a_silent_server() {
    let dir = tempfile::tempdir().unwrap();
    let kc = kubeconfig(dir.path(), silent_server());
    let trace = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/traces/simarena-demo-deprecated-path.msgpack");
    let runs = dir.path().join("runs");
    let run = ["run", "--ns", "silent-ns", "--deploy", "web", "--target", "2", "--trace", trace.to_str().unwrap()];
    // With --driver-image, sk-ctrl's version is not read: the first call is preflight's.
    let run_preflight = [&run[..], &["--driver-image", "quay.io/appliedcomputing/sk-driver:v2.7.0"]].concat();
    let observe = ["observe", "--deploy", "web", "--virtual-ns", "virtual-default"];
    let all =
        [&["prep-ns", "silent-ns"][..], &["cleanup"][..], &observe[..], &["doctor"][..], &run[..], &run_preflight[..]];
    for args in all {
        let runs_dir = if args[0] == "run" { vec!["--runs-dir", runs.to_str().unwrap()] } else { vec![] };
        let start = Instant::now();
        let out = std::process::Command::cargo_bin("kubectl-skstep")
            .unwrap()
            .env("SKSTEP_STATE_DIR", dir.path())
            .env_remove("SKSTEP_NODE_DATA_DIR")
            .arg("--kubeconfig")
            .arg(&kc)
            .args(args)
            .args(&runs_dir)
            .args(["--api-timeout", "3s"])
            .output()
            .unwrap();
        let took = start.elapsed();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(err.contains("did not answer within 3s"), "{args:?}: {err}");
        if args.contains(&"--driver-image") {
            assert!(err.contains("(phase preflight)"), "{err}");
        }
        assert!(took < Duration::from_secs(10), "{args:?} took {took:?}: the limit did not bound it");
    }
}
