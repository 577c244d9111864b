//! `cargo bench --bench records_append [-- N…]`: the cost of one `Runs::append` into a runs
//! folder that already holds N records (default 1,000, 5,000 and 15,000), side by side in one
//! run: summary.json counted on from the bytes it has counted (what an append does now) and
//! rebuilt from all the records (what it did before, and still does when summary.json cannot
//! be trusted; forced here by zeroing `records_bytes` before each append). A benchmark, not a
//! test: it prints milliseconds per append and the ratio.

use std::time::Instant;

use skstep::records::jsonl::{Runs, StepRecord};
use skstep::records::summary::Summary;

/// A record the size of a training step's (about 1.5 KB of JSON, as the env writes them).
fn rec(i: u64) -> StepRecord {
    StepRecord {
        timestamp: "2026-12-02T14:21:03Z".into(),
        namespace: "bench".into(),
        trace_in: format!("/tmp/runs-cache/env-20261202T142039.798Z-p4252-29/step-{i:03}/trace.msgpack"),
        trace_out: format!("/tmp/runs-cache/env-20261202T142039.798Z-p4252-29/step-{:03}/trace.msgpack", i + 1),
        action: serde_json::json!({"deploy": "web", "step": "500m", "type": "bump_cpu_small"}),
        action_info: serde_json::json!({
            "after": {"cpu": "17250m", "memory": "1Gi", "replicas": 3},
            "before": {"cpu": "17250m", "memory": "1Gi", "replicas": 3},
            "blocked": true, "changed": false, "failed": 0, "nodes": {},
            "reason": "container web: cpu request 17250m -> 17750m is outside 50m..=17250m",
            "running": 0, "unscheduled": 3}),
        reward: Some(-0.45),
        duration_s: 0.019,
        policy: "env".into(),
        context: "bc3-admin".into(),
        step: (i % 10) as u32,
        outcome: "ok".into(),
        cached: true,
        cache: Some(
            serde_json::json!({"key": "b66e773799dc3218657c84535a8f0172dc8d9cc24bfd41b0a114dde1d4e77853", "hit": true}),
        ),
        ..Default::default()
    }
}

fn zero_records_bytes(runs: &Runs) {
    let mut s: Summary = serde_json::from_slice(&std::fs::read(runs.summary_path()).unwrap()).unwrap();
    s.records_bytes = 0;
    std::fs::write(runs.summary_path(), serde_json::to_vec(&s).unwrap()).unwrap();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this file without it, and
    // then one small size only checks that the summary stays exact (no figures taken there).
    let bench = args.iter().any(|a| a == "--bench");
    let sizes: Vec<u64> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = match (sizes.is_empty(), bench) {
        (false, _) => sizes,
        (true, true) => vec![1_000, 5_000, 15_000],
        (true, false) => vec![50],
    };
    let appends: u64 = if bench { 40 } else { 4 };
    println!("| records already there | counted on, ms/append | rebuilt, ms/append | rebuilt / counted on |");
    println!("|---|---|---|---|");
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        let runs = Runs::open(dir.path()).unwrap();
        for i in 0..n {
            runs.append(&rec(i)).unwrap();
        }
        // Alternating, so both see the same file sizes and the same page cache.
        let (mut on, mut re) = (0.0, 0.0);
        for i in 0..appends {
            let t = Instant::now();
            runs.append(&rec(n + 2 * i)).unwrap();
            on += t.elapsed().as_secs_f64();
            zero_records_bytes(&runs);
            let t = Instant::now();
            runs.append(&rec(n + 2 * i + 1)).unwrap();
            re += t.elapsed().as_secs_f64();
        }
        let all = Summary::from_records(&runs.read_all().unwrap());
        let last: Summary = serde_json::from_slice(&std::fs::read(runs.summary_path()).unwrap()).unwrap();
        assert!(last.disagreements(&all).is_empty(), "the summary must stay exact");
        let (on, re) = (on * 1e3 / appends as f64, re * 1e3 / appends as f64);
        println!("| {n} | {on:.2} | {re:.2} | {:.1}x |", re / on);
    }
}
