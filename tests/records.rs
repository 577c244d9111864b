//! Concurrent runs never lose or corrupt a record: 8 processes' worth of appends at once.

use skstep::records::jsonl::{Runs, StepRecord};

fn rec(i: u32, policy: &str, outcome: &str, reward: Option<f64>) -> StepRecord {
    StepRecord {
        timestamp: format!("2026-11-26T00:00:{i:02}Z"),
        sim_name: format!("skstep-{i}"),
        namespace: format!("ns-{i}"),
        policy: policy.into(),
        outcome: outcome.into(),
        reward,
        action: serde_json::json!({"type": "noop"}),
        step: i,
        ..Default::default()
    }
}

#[test]
fn eight_concurrent_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let handles: Vec<_> = (0..8)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                // Each writer opens its own handle, as separate processes would.
                for i in 0..25 {
                    let runs = Runs::open(&path).unwrap();
                    let policy = if w % 2 == 0 { "heuristic" } else { "target" };
                    let (outcome, reward) = if i % 5 == 0 { ("failed", None) } else { ("ok", Some(1.0)) };
                    runs.append(&rec(w * 100 + i, policy, outcome, reward)).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let runs = Runs::open(&path).unwrap();
    let all = runs.read_all().unwrap();
    assert_eq!(all.len(), 200);
    let mut names: Vec<_> = all.iter().map(|r| r.sim_name.clone()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 200, "a record was lost or duplicated");
    let s: skstep::records::summary::Summary =
        serde_json::from_slice(&std::fs::read(runs.summary_path()).unwrap()).unwrap();
    assert_eq!(s.total_steps, 200);
    assert_eq!(s.rewarded_steps, 160);
    assert_eq!(s.total_rewards, 160.0);
    assert_eq!(s.mean_reward, 1.0);
    assert_eq!(s.by_policy["heuristic"], 100);
    assert_eq!(s.by_outcome["failed"], 40);
    // A corrupted summary is rebuilt from the records, not trusted or zeroed.
    std::fs::write(runs.summary_path(), b"{garbage").unwrap();
    let s = runs.append(&rec(999, "noop", "ok", Some(0.5))).unwrap();
    assert_eq!(s.total_steps, 201);
    assert_eq!(s.total_rewards, 160.5);
}
