//! The command line's client behaviour that needs no cluster: no kubeconfig and no pod, and
//! what `-n` means per command.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn skstep(state: &Path) -> Command {
    let mut c = Command::cargo_bin("kubectl-skstep").unwrap();
    c.env("SKSTEP_STATE_DIR", state);
    c
}

/// With no kubeconfig and not in a pod, the error names both sources.
#[test]
fn no_kubeconfig_and_no_pod_names_both() {
    let state = tempfile::tempdir().unwrap();
    let out = skstep(state.path())
        .args(["observe", "--deploy", "web", "--virtual-ns", "default"])
        .env("KUBECONFIG", state.path().join("none.kubeconfig"))
        .env("HOME", state.path())
        .env_remove("KUBERNETES_SERVICE_HOST")
        .env_remove("KUBERNETES_SERVICE_PORT")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("no kubeconfig") && err.contains("no in-cluster config"), "{err}");
    assert!(err.contains("KUBERNETES_SERVICE_HOST"), "the in-cluster reason is named: {err}");
    assert!(err.contains("fix: pass --kubeconfig FILE"), "{err}");
}

/// `-n` means one thing per command, its --help says which, and a command it
/// means nothing to refuses it (exit 2) instead of ignoring it.
#[test]
fn dash_n_means_one_thing_per_command() {
    let state = tempfile::tempdir().unwrap();
    for (cmd, meaning) in [
        (&["run"][..], "-n NS: the driver namespace, the same as --ns"),
        (&["doctor"][..], "-n NS: the driver namespace to check, the same as --ns"),
        (&["logs"][..], "-n NS: a driver namespace"),
        (&["prep-ns"][..], "-n NS: the same as the NS argument"),
        (&["observe"][..], "-n NS: the virtual namespace the Deployment is in, the same as --virtual-ns"),
        (&["trace", "edit"][..], "-n NS: the Deployment's namespace in the trace"),
    ] {
        let out = skstep(state.path()).args(cmd).arg("--help").output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(help.contains(meaning), "{cmd:?} --help does not say what -n means ({meaning}): {help}");
    }
    let fixture = common::trace("simkube-cronjob.sktrace");
    let out = skstep(state.path()).args(["trace", "validate", "-n", "x"]).arg(&fixture).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("-n/--namespace means nothing to `kubectl skstep trace validate`")
    );
    // Two namespaces that disagree are refused before any cluster is contacted.
    for args in [
        &["doctor", "--ns", "a", "-n", "b"][..],
        &["run", "--ns", "a", "-n", "b", "--trace", "t", "--deploy", "d", "--target", "1"][..],
        &["observe", "--deploy", "d", "--virtual-ns", "a", "-n", "b"][..],
        &["prep-ns", "a", "-n", "b"][..],
    ] {
        let out = skstep(state.path()).args(args).env("KUBECONFIG", state.path().join("none")).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("name different namespaces"), "{args:?}: {err}");
    }
}

/// `trace export` interrupted while sk-tracer has not answered: exit 130, and nothing written
/// (no output file, no temp file beside it).
#[test]
fn trace_export_interrupted_writes_nothing() {
    let state = tempfile::tempdir().unwrap();
    // A tracer that accepts the connection and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let hold = std::thread::spawn(move || {
        let conn = listener.accept();
        std::thread::sleep(std::time::Duration::from_secs(15));
        drop(conn);
    });
    let out_file = state.path().join("out").join("export.sktrace");
    std::fs::create_dir_all(out_file.parent().unwrap()).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kubectl-skstep"))
        .args(["trace", "export", "--since", "5m", "--tracer", &url, "-o"])
        .arg(&out_file)
        .env("SKSTEP_STATE_DIR", state.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    let left: Vec<_> = std::fs::read_dir(out_file.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "written after an interrupt: {left:?}");
    drop(hold);
}
