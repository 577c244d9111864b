//! A real krew install of what `scripts/release` packs: krew v0.4.3 and its manifest validator,
//! built from the Go module proxy (testcluster/build-krew.sh, cached), and the real kubectl of
//! the test cluster (the multi-call binary of testcluster/build.sh, reached through a symlink
//! named `kubectl`: it dispatches on its own name, and kubectl finds plugins on PATH). No
//! cluster needs to run; only the binaries.
//!
//! Skipped (saying so) with SKSTEP_NO_CLUSTER=1, which opts out of building the test cluster's
//! binaries; otherwise a missing Go toolchain is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a build script that prints the path of what it built (cached by content hash).
fn built(script: &str) -> PathBuf {
    let out = Command::new("bash").arg(root().join(script)).output().unwrap();
    assert!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `validate-krew-manifest` on a manifest, structural checks only: the install half of the tool
/// downloads each platform's URI, which needs the network; the real install below stands in.
fn validate(validator: &Path, manifest: &Path) {
    let o = Command::new(validator).args(["-skip-install", "-manifest"]).arg(manifest).output().unwrap();
    let t = text(&o);
    assert!(o.status.success(), "validate-krew-manifest {}: {t}", manifest.display());
    assert!(t.contains("structural validation OK"), "{t}");
}

#[test]
fn krew_installs_the_release_and_kubectl_runs_and_completes_it() {
    if std::env::var("SKSTEP_NO_CLUSTER").as_deref() == Ok("1") {
        eprintln!("krew: skipped (SKSTEP_NO_CLUSTER=1: the test cluster's kubectl binary is not built)");
        return;
    }
    let krew_dir =
        std::env::var_os("SKSTEP_KREW_DIR").map(PathBuf::from).unwrap_or_else(|| built("testcluster/build-krew.sh"));
    let multi = built("testcluster/build.sh");
    let validator = krew_dir.join("validate-krew-manifest");
    let tmp = tempfile::tempdir().unwrap();

    // The committed manifest passes krew's own structural validation.
    validate(&validator, &root().join("plugin-manifest/skstep.yaml"));

    // scripts/release packs the binary this test run built, and writes its manifest.
    let dist = tmp.path().join("dist");
    let o = Command::new("bash")
        .arg(root().join("scripts/release"))
        .args(["--owner", "example-owner", "--bin", env!("CARGO_BIN_EXE_kubectl-skstep"), "--out"])
        .arg(&dist)
        .output()
        .unwrap();
    assert!(o.status.success(), "scripts/release: {}", text(&o));
    let printed: Vec<PathBuf> = String::from_utf8(o.stdout.clone()).unwrap().lines().map(PathBuf::from).collect();
    let (archive, manifest) = (&printed[0], &printed[1]);
    let version = env!("CARGO_PKG_VERSION");
    let name = archive.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with(&format!("kubectl-skstep-{version}-")) && name.ends_with(".tar.gz"), "{name}");
    validate(&validator, manifest);
    let m: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(manifest).unwrap()).unwrap();
    let platforms = m["spec"]["platforms"].as_sequence().unwrap();
    assert_eq!(platforms.len(), 1, "only the platform built here: {m:?}");
    let sha = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(std::fs::read(archive).unwrap()))
    };
    assert_eq!(platforms[0]["sha256"].as_str(), Some(sha.as_str()), "the manifest carries the archive's real sha256");
    assert_eq!(
        platforms[0]["uri"].as_str().unwrap(),
        format!("https://github.com/example-owner/kubectl-skstep/releases/download/v{version}/{name}")
    );

    // kubectl (the real one, by its own name) and krew (a kubectl plugin) on a PATH of our own.
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(&multi, bin.join("kubectl")).unwrap();
    std::os::unix::fs::symlink(krew_dir.join("kubectl-krew"), bin.join("kubectl-krew")).unwrap();
    let krew_root = tmp.path().join("krew");
    let store = krew_root.join("store/skstep").join(format!("v{version}"));
    // Only our folders and the system's: a kubectl-skstep installed elsewhere must not answer.
    let path =
        std::env::join_paths([bin.clone(), krew_root.join("bin"), store.clone(), "/usr/bin".into(), "/bin".into()])
            .unwrap();
    let kubectl = |args: &[&str]| -> Output {
        Command::new(bin.join("kubectl"))
            .args(args)
            .env_clear()
            .env("PATH", &path)
            .env("HOME", tmp.path())
            .env("KREW_ROOT", &krew_root)
            .env("KREW_NO_UPGRADE_CHECK", "1")
            .env("KUBECONFIG", tmp.path().join("no-kubeconfig"))
            .output()
            .unwrap()
    };

    let manifest_arg = format!("--manifest={}", manifest.display());
    let archive_arg = format!("--archive={}", archive.display());
    let o = kubectl(&["krew", "install", &manifest_arg, &archive_arg]);
    assert!(o.status.success(), "krew install: {}", text(&o));
    assert!(krew_root.join("bin/kubectl-skstep").exists(), "{}", text(&o));
    for f in ["LICENSE", "kubectl_complete-skstep", "completions/kubectl-skstep.bash", "completions/kubectl-skstep.zsh"]
    {
        assert!(store.join(f).is_file(), "{f} not installed in {}", store.display());
    }

    let o = kubectl(&["plugin", "list"]);
    let listed = text(&o);
    assert!(listed.contains(&format!("{}/bin/kubectl-skstep", krew_root.display())), "{listed}");

    let o = kubectl(&["skstep", "version", "-o", "json"]);
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], version);
    assert_eq!(v["simkube"], "2.7.0");

    // kubectl's plugin completion runs kubectl_complete-skstep (from the krew store, on PATH).
    let o = kubectl(&["__complete", "skstep", "tr"]);
    let lines: Vec<String> = String::from_utf8_lossy(&o.stdout).lines().map(String::from).collect();
    assert!(lines.iter().any(|l| l == "trace"), "{}", text(&o));

    // Offline krew refuses to uninstall until its index exists; an empty git repository is one.
    let index = krew_root.join("index/default");
    std::fs::create_dir_all(&index).unwrap();
    let g = Command::new("git").args(["init", "-q"]).arg(&index).output().unwrap();
    assert!(g.status.success(), "git init: {}", text(&g));
    let o = kubectl(&["krew", "uninstall", "skstep"]);
    assert!(o.status.success(), "krew uninstall: {}", text(&o));
    assert!(!krew_root.join("bin/kubectl-skstep").exists());
    let o = kubectl(&["plugin", "list"]);
    assert!(!text(&o).contains("kubectl-skstep"), "{}", text(&o));
    let o = kubectl(&["skstep", "version"]);
    assert!(!o.status.success(), "kubectl skstep still answers after uninstall: {}", text(&o));
}
