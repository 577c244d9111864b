//! Stamps the git commit into the binary for `kubectl skstep version`. Outside a git checkout
//! (a crates.io package, a source tarball) the commit reads "unknown": a display string only.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn main() {
    let commit = git(&["rev-parse", "HEAD"]);
    println!("cargo:rustc-env=SKSTEP_GIT_COMMIT={}", commit.as_deref().unwrap_or("unknown"));
    println!("cargo:rustc-env=SKSTEP_TARGET={}", std::env::var("TARGET").unwrap_or_else(|_| "unknown".into()));
    // Rebuild when HEAD moves: HEAD itself (a branch switch) and the branch it points at (a
    // commit). In a worktree these live in different git folders; --git-path finds each.
    println!("cargo:rerun-if-changed=build.rs");
    // A path that does not exist would make cargo rerun this script on every build: skip those.
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    for path in ["HEAD", "packed-refs"].into_iter().chain(branch.as_deref()) {
        if let Some(p) = git(&["rev-parse", "--git-path", path])
            && std::path::Path::new(&p).exists()
        {
            println!("cargo:rerun-if-changed={p}");
        }
    }
}
