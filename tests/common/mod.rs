//! Shared helpers for the integration tests: fixtures live in ../shared/fixtures (never copied).
#![allow(dead_code)]

use std::path::PathBuf;

pub fn fixtures_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("SKSTEP_FIXTURES").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/fixtures"));
    assert!(dir.join("traces").is_dir(), "fixtures not found at {} (set SKSTEP_FIXTURES)", dir.display());
    dir
}

pub fn trace(name: &str) -> PathBuf {
    fixtures_dir().join("traces").join(name)
}

/// Every msgpack/sktrace fixture.
pub fn msgpack_fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("traces"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("msgpack" | "sktrace")))
        .collect();
    v.sort();
    assert!(v.len() >= 10, "expected the shared trace fixtures, found {}", v.len());
    v
}

/// SimKube 2.7.0's own verdict: the driver's parser.
pub fn sk_parses(bytes: &[u8]) -> Result<sk_store::ExportedTrace, String> {
    sk_store::ExportedTrace::import(bytes.to_vec(), None).map_err(|e| format!("{e:#}"))
}
