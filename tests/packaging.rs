//! The committed completion scripts and the krew manifest stay in step with the code.

use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::Shell;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_completions_are_current() {
    for (shell, ext) in [(Shell::Bash, "bash"), (Shell::Zsh, "zsh"), (Shell::Fish, "fish"), (Shell::PowerShell, "ps1")]
    {
        let path = root().join("completions").join(format!("kubectl-skstep.{ext}"));
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == skstep::commands::completions::script(shell, skstep::cli::Cli::command()),
            "{} is stale: run `cargo run -q -- completions {shell} > {}`",
            path.display(),
            path.display()
        );
    }
    let helper = std::fs::read_to_string(root().join("completions/kubectl_complete-skstep")).unwrap();
    assert!(helper.contains("kubectl-skstep __complete"));
}

#[test]
fn plugin_completer_speaks_kubectls_protocol() {
    let cli = skstep::cli::Cli::command();
    let candidates = |words: &[String]| skstep::commands::completions::candidates(words, &cli);
    let w = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(candidates(&w(&["tr"])), (vec!["trace".to_string()], 4));
    let (c, _) = candidates(&w(&["trace", ""]));
    for sub in ["validate", "inspect", "upgrade", "rebase", "convert", "edit"] {
        assert!(c.contains(&sub.to_string()), "{c:?}");
    }
    assert!(candidates(&w(&["trace", "rebase", "--max"])).0.contains(&"--max-gap".to_string()));
    assert!(candidates(&w(&["trace", "validate", "--kube"])).0.contains(&"--kubeconfig".to_string()));
    // A file argument: no candidates, default (file) completion.
    assert_eq!(candidates(&w(&["trace", "validate", "tr"])), (vec![], 0));
}

#[test]
fn krew_manifest_is_complete_and_versioned_like_the_crate() {
    let text = std::fs::read_to_string(root().join("plugin-manifest/skstep.yaml")).unwrap();
    let m: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(m["apiVersion"], "krew.googlecontainertools.github.com/v1alpha2");
    assert_eq!(m["kind"], "Plugin");
    assert_eq!(m["metadata"]["name"], "skstep");
    let spec = &m["spec"];
    assert_eq!(spec["version"].as_str().unwrap(), format!("v{}", env!("CARGO_PKG_VERSION")));
    for f in ["homepage", "shortDescription", "description", "caveats"] {
        assert!(spec[f].as_str().is_some_and(|s| !s.trim().is_empty()), "spec.{f} missing");
    }
    assert!(spec["caveats"].as_str().unwrap().contains("SimKube"));
    // Written by scripts/release: only platforms whose archive it packed, each with that archive's
    // sha256 and the release URI; never a placeholder.
    let mut seen = vec![];
    for p in spec["platforms"].as_sequence().unwrap() {
        let l = &p["selector"]["matchLabels"];
        let (os, arch) = (l["os"].as_str().unwrap(), l["arch"].as_str().unwrap());
        assert!(["linux", "darwin"].contains(&os) && ["amd64", "arm64"].contains(&arch), "{os}/{arch}");
        seen.push(format!("{os}/{arch}"));
        assert_eq!(p["bin"], "kubectl-skstep");
        let v = env!("CARGO_PKG_VERSION");
        let uri = p["uri"].as_str().unwrap();
        assert!(
            uri.starts_with("https://github.com/")
                && uri.ends_with(&format!(
                    "/kubectl-skstep/releases/download/v{v}/kubectl-skstep-{v}-{os}-{arch}.tar.gz"
                )),
            "{uri}"
        );
        let sha = p["sha256"].as_str().unwrap();
        assert!(sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()), "{sha}");
        assert!(sha.bytes().any(|b| b != b'0'), "a placeholder sha256 for {os}/{arch}");
        let files: Vec<&str> = p["files"].as_sequence().unwrap().iter().map(|f| f["from"].as_str().unwrap()).collect();
        for f in ["kubectl-skstep", "kubectl_complete-skstep", "LICENSE", "completions/*"] {
            assert!(files.contains(&f), "{f} missing from {os}/{arch}'s files");
        }
    }
    assert!(!seen.is_empty(), "no platform");
    let mut dedup = seen.clone();
    dedup.dedup();
    assert_eq!(dedup, seen, "a platform twice");
}

/// The version of package `name` in Cargo.lock.
fn locked_version(name: &str) -> String {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    let at = lock.find(&format!("\nname = \"{name}\"\nversion = \"")).unwrap_or_else(|| panic!("{name} not locked"));
    let rest = &lock[at..];
    let v = rest.split("version = \"").nth(1).unwrap();
    v[..v.find('"').unwrap()].to_string()
}

#[test]
fn version_names_the_crate_the_commit_and_the_simkube_it_matches() {
    // The SimKube version we claim is the one whose crates we build and test against.
    assert_eq!(locked_version("sk-api"), skstep::SIMKUBE_VERSION);
    assert_eq!(locked_version("sk-store"), skstep::SIMKUBE_VERSION);
    let out =
        assert_cmd::Command::cargo_bin("kubectl-skstep").unwrap().args(["version", "-o", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["simkube"], "2.7.0");
    let head = std::process::Command::new("git").args(["rev-parse", "HEAD"]).current_dir(root()).output();
    match head {
        Ok(h) if h.status.success() => {
            assert_eq!(v["commit"].as_str().unwrap(), String::from_utf8_lossy(&h.stdout).trim(), "{v}")
        }
        _ => assert_eq!(v["commit"], "unknown", "not a git checkout: {v}"),
    }
    let long = assert_cmd::Command::cargo_bin("kubectl-skstep").unwrap().arg("--version").output().unwrap();
    let line = String::from_utf8_lossy(&long.stdout);
    assert!(
        line.starts_with(&format!(
            "kubectl-skstep {} (commit {}",
            env!("CARGO_PKG_VERSION"),
            v["commit"].as_str().unwrap()
        )) && line.contains("SimKube 2.7.0"),
        "{line}"
    );
}
