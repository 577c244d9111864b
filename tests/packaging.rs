//! The committed completion scripts and the krew manifest stay in step with the code.

use std::path::PathBuf;

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
            committed == skstep::commands::completions::script(shell),
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
    use skstep::commands::completions::candidates;
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
    let mut seen = vec![];
    for p in spec["platforms"].as_sequence().unwrap() {
        let l = &p["selector"]["matchLabels"];
        seen.push(format!("{}/{}", l["os"].as_str().unwrap(), l["arch"].as_str().unwrap()));
        assert_eq!(p["bin"], "kubectl-skstep");
        assert!(p["uri"].as_str().unwrap().contains(&format!("v{}", env!("CARGO_PKG_VERSION"))));
        assert_eq!(p["sha256"].as_str().unwrap().len(), 64);
    }
    seen.sort();
    assert_eq!(seen, ["darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64"]);
}
