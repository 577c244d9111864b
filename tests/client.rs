//! The client connects as kubectl does: proxies from HTTPS_PROXY/NO_PROXY through a real CONNECT
//! proxy (written here, tunnelling to the real API server of `scripts/testcluster up`), loopback
//! servers never proxied. (What needs no cluster is in tests/cli.rs.)
//!
//! Without KUBECONFIG these tests FAIL unless SKSTEP_NO_CLUSTER=1 (then they are skipped).

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A name in the test API server's certificate (SANs) that does not resolve on this machine:
/// only a proxy that knows where the API server is can reach it, as in a corporate network.
const PROXIED_HOST: &str = "kubernetes.default.svc";

const PROXY_VARS: [&str; 6] = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"];

fn skstep(state: &Path) -> Command {
    let mut c = Command::cargo_bin("kubectl-skstep").unwrap();
    c.env("SKSTEP_STATE_DIR", state);
    for v in PROXY_VARS.iter().chain(&["ALL_PROXY", "all_proxy"]) {
        c.env_remove(v);
    }
    c
}

/// An HTTP CONNECT proxy on loopback: records each CONNECT target, resolves `PROXIED_HOST` to
/// 127.0.0.1 (its own hosts table) and everything else as usual, answers 200 and copies bytes
/// both ways until either side closes.
async fn connect_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(vec![]));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut client, _)) = listener.accept().await else { return };
            let log = log.clone();
            tokio::spawn(async move {
                let mut head = vec![];
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if client.read_exact(&mut byte).await.is_err() {
                        return;
                    }
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let mut words = head.split_whitespace();
                let (Some("CONNECT"), Some(target)) = (words.next(), words.next()) else {
                    let _ = client.write_all(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n").await;
                    return;
                };
                log.lock().unwrap().push(target.to_string());
                let (host, port) = target.rsplit_once(':').unwrap();
                let host = if host == PROXIED_HOST { "127.0.0.1" } else { host };
                let Ok(mut upstream) = TcpStream::connect((host, port.parse::<u16>().unwrap())).await else {
                    let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
                    return;
                };
                client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").await.unwrap();
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            });
        }
    });
    (url, seen)
}

/// $KUBECONFIG with every `server: https://127.0.0.1:PORT` turned into `https://<host>:PORT`.
fn kubeconfig_with_host(dir: &Path, host: &str) -> (PathBuf, u16) {
    let kc = std::fs::read_to_string(std::env::var("KUBECONFIG").unwrap()).unwrap();
    let mut port = 0;
    let out: Vec<String> = kc
        .lines()
        .map(|l| match l.trim_start().strip_prefix("server: https://127.0.0.1:") {
            Some(p) => {
                port = p.trim().parse().unwrap();
                format!("{}server: https://{host}:{p}", &l[..l.len() - l.trim_start().len()])
            }
            None => l.to_string(),
        })
        .collect();
    assert!(port > 0, "no loopback server in $KUBECONFIG");
    let path = dir.join(format!("{host}.kubeconfig"));
    std::fs::write(&path, out.join("\n")).unwrap();
    (path, port)
}

/// `observe` of a Deployment that does not exist: exit 1 with "no Deployment" means the API
/// server answered; exit 3 means it was not reached.
fn observe(state: &Path, kubeconfig: &Path, env: &[(&str, &str)]) -> (Option<i32>, String) {
    let out = skstep(state)
        .args(["observe", "--context", "admin", "--deploy", "absent-web", "--virtual-ns", "default"])
        .env("KUBECONFIG", kubeconfig)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_proxy_is_used_through_a_real_connect_proxy() {
    if !common::have_cluster(&[], "proxy") {
        return;
    }
    assert!(
        tokio::net::lookup_host((PROXIED_HOST, 443)).await.is_err(),
        "{PROXIED_HOST} resolves on this machine; the test needs a name only the proxy knows"
    );
    let state = tempfile::tempdir().unwrap();
    let (kc, port) = kubeconfig_with_host(state.path(), PROXIED_HOST);
    let (proxy, seen) = connect_proxy().await;

    let (code, err) = observe(state.path(), &kc, &[("HTTPS_PROXY", &proxy)]);
    assert_eq!(code, Some(1), "through the proxy the API server must answer: {err}");
    assert!(err.contains("no Deployment \"absent-web\""), "{err}");
    let connects = seen.lock().unwrap().clone();
    assert!(
        connects.contains(&format!("{PROXIED_HOST}:{port}")),
        "the proxy saw no CONNECT to the API server: {connects:?}"
    );

    // The lower-case variable is read too (Go reads HTTPS_PROXY, then https_proxy).
    let before = seen.lock().unwrap().len();
    let (code, err) = observe(state.path(), &kc, &[("https_proxy", &proxy)]);
    assert_eq!(code, Some(1), "{err}");
    assert!(seen.lock().unwrap().len() > before, "https_proxy was not used");

    // Without the proxy the same kubeconfig cannot reach the server: the proxy was really needed.
    let (code, err) = observe(state.path(), &kc, &[]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("unreachable"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_proxy_is_honoured() {
    if !common::have_cluster(&[], "no-proxy") {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let (kc, _) = kubeconfig_with_host(state.path(), PROXIED_HOST);
    let (proxy, seen) = connect_proxy().await;
    for no in [PROXIED_HOST, ".default.svc", "10.0.0.0/8,default.svc", "*"] {
        let (code, err) = observe(state.path(), &kc, &[("HTTPS_PROXY", &proxy), ("NO_PROXY", no)]);
        // Straight to a name that does not resolve: unreachable, and the proxy saw nothing.
        assert_eq!(code, Some(3), "NO_PROXY={no}: {err}");
        assert!(seen.lock().unwrap().is_empty(), "NO_PROXY={no}: the proxy was used: {:?}", seen.lock().unwrap());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_loopback_api_server_is_never_proxied() {
    if !common::have_cluster(&[], "loopback") {
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let kc = PathBuf::from(std::env::var("KUBECONFIG").unwrap());
    // Port 1 on loopback: a dead proxy. kubectl works here, and so must we.
    let dead = "http://127.0.0.1:1";
    for env in [
        vec![("HTTPS_PROXY", dead)],
        vec![("HTTPS_PROXY", dead), ("NO_PROXY", "127.0.0.1,localhost")],
        vec![("https_proxy", dead), ("HTTP_PROXY", dead)],
    ] {
        let (code, err) = observe(state.path(), &kc, &env);
        assert_eq!(code, Some(1), "{env:?}: the loopback API server must be reached directly: {err}");
        assert!(err.contains("no Deployment \"absent-web\""), "{env:?}: {err}");
    }
    // localhost as the server name is loopback too.
    let (kc, _) = kubeconfig_with_host(state.path(), "localhost");
    let (code, err) = observe(state.path(), &kc, &[("HTTPS_PROXY", dead)]);
    assert_eq!(code, Some(1), "{err}");
    // And the dead proxy is really dead: a server that is not loopback fails through it.
    let (kc, _) = kubeconfig_with_host(state.path(), PROXIED_HOST);
    let (code, err) = observe(state.path(), &kc, &[("HTTPS_PROXY", dead)]);
    assert_eq!(code, Some(3), "{err}");
}
