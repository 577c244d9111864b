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

fn runs() -> (tempfile::TempDir, Runs) {
    let d = tempfile::tempdir().unwrap();
    let r = Runs::open(d.path()).unwrap();
    (d, r)
}

fn line(r: &StepRecord) -> String {
    serde_json::to_string(r).unwrap()
}

/// The first half of a record's line, as a crash or a full disk leaves it.
fn torn(r: &StepRecord) -> String {
    let l = line(r);
    l[..l.len() / 2].to_string()
}

fn summary(runs: &Runs) -> skstep::records::summary::Summary {
    serde_json::from_slice(&std::fs::read(runs.summary_path()).unwrap()).unwrap()
}

#[test]
fn a_torn_last_line_is_skipped_and_does_not_swallow_the_next_record() {
    let (_d, runs) = runs();
    runs.append(&rec(1, "p", "ok", Some(1.0))).unwrap();
    let mut f = std::fs::OpenOptions::new().append(true).open(runs.jsonl_path()).unwrap();
    std::io::Write::write_all(&mut f, torn(&rec(2, "p", "ok", Some(1.0))).as_bytes()).unwrap();
    // The step after the crash: its record lands whole, on a line of its own.
    let s = runs.append(&rec(3, "p", "failed", None)).unwrap();
    let read = runs.read().unwrap();
    let names: Vec<&str> = read.records.iter().map(|r| r.sim_name.as_str()).collect();
    assert_eq!(names, ["skstep-1", "skstep-3"]);
    assert_eq!(read.torn, [2]);
    assert_eq!((s.total_steps, s.by_outcome["failed"]), (2, 1));
    assert_eq!(runs.read_all().unwrap().len(), 2);
}

#[test]
fn a_torn_line_an_older_version_joined_to_the_next_record_keeps_that_record() {
    let (_d, runs) = runs();
    let text = format!(
        "{}\n{}{}\n{}\n",
        line(&rec(1, "p", "ok", Some(1.0))),
        torn(&rec(2, "p", "ok", Some(1.0))),
        line(&rec(3, "p", "ok", Some(2.0))),
        line(&rec(4, "p", "ok", Some(3.0)))
    );
    std::fs::write(runs.jsonl_path(), text).unwrap();
    let read = runs.read().unwrap();
    let names: Vec<&str> = read.records.iter().map(|r| r.sim_name.as_str()).collect();
    assert_eq!(names, ["skstep-1", "skstep-3", "skstep-4"]);
    assert_eq!(read.torn, [2]);
    // A torn line cut mid-way through a UTF-8 character is torn too, not garbage.
    let mut bytes = format!("{}\n", line(&rec(1, "p", "ok", None))).into_bytes();
    let mut r = rec(5, "p", "ok", None);
    r.cause = Some("é".repeat(50));
    let l = line(&r);
    let cut = l.find('é').unwrap() + 1;
    bytes.extend_from_slice(&l.as_bytes()[..cut]);
    std::fs::write(runs.jsonl_path(), bytes).unwrap();
    assert_eq!(runs.read().unwrap().torn, [2]);
}

#[test]
fn a_line_that_is_no_record_is_still_an_error_naming_it() {
    let (_d, runs) = runs();
    std::fs::write(runs.jsonl_path(), format!("{}\n{{\"a\": 1}}\n", line(&rec(1, "p", "ok", None)))).unwrap();
    let e = runs.read().unwrap_err().to_string();
    assert!(e.contains("line 2: not a step record"), "{e}");
}

#[test]
fn a_missing_summary_and_a_torn_line_do_not_replace_the_steps_own_outcome() {
    let (_d, runs) = runs();
    runs.append(&rec(1, "p", "ok", Some(1.0))).unwrap();
    let mut f = std::fs::OpenOptions::new().append(true).open(runs.jsonl_path()).unwrap();
    std::io::Write::write_all(&mut f, torn(&rec(2, "p", "ok", None)).as_bytes()).unwrap();
    std::fs::remove_file(runs.summary_path()).unwrap();
    let s = runs.append(&rec(3, "p", "failed", None)).expect("the append of a failed step succeeds");
    assert_eq!(s.total_steps, 2);
    assert_eq!(summary(&runs), s);
}

#[test]
fn a_stale_summary_is_put_right_by_the_next_append() {
    let (_d, runs) = runs();
    for i in 0..4 {
        runs.append(&rec(i, "p", "ok", Some(1.0))).unwrap();
    }
    // An edited summary, or one an older version wrote: it says nothing of the bytes it counts.
    let mut stale = summary(&runs);
    stale.total_steps = 2;
    stale.records_bytes = 0;
    std::fs::write(runs.summary_path(), serde_json::to_string(&stale).unwrap()).unwrap();
    let s = runs.append(&rec(9, "p", "ok", Some(1.0))).unwrap();
    assert_eq!((s.total_steps, s.rewarded_steps, s.total_rewards), (5, 5, 5.0));
    // One that counts more than the file holds (the file was cut) is rebuilt as well.
    let mut ahead = summary(&runs);
    ahead.total_steps = 50;
    ahead.records_bytes += 1;
    std::fs::write(runs.summary_path(), serde_json::to_string(&ahead).unwrap()).unwrap();
    assert_eq!(runs.append(&rec(10, "p", "ok", Some(1.0))).unwrap().total_steps, 6);
}

#[test]
fn a_summary_left_behind_by_a_crash_counts_the_records_past_it_and_only_those() {
    let (_d, runs) = runs();
    for i in 0..2 {
        runs.append(&rec(i, "p", "ok", Some(1.0))).unwrap();
    }
    let behind = std::fs::read(runs.summary_path()).unwrap();
    for i in 2..4 {
        runs.append(&rec(i, "q", "failed", None)).unwrap();
    }
    // The crash: records 2 and 3 are in step.jsonl, summary.json is the one after record 1.
    std::fs::write(runs.summary_path(), &behind).unwrap();
    let s = runs.append(&rec(4, "p", "ok", Some(0.5))).unwrap();
    let all = skstep::records::summary::Summary::from_records(&runs.read_all().unwrap());
    assert_eq!(s.disagreements(&all), Vec::<String>::new());
    assert_eq!((s.total_steps, s.rewarded_steps, s.by_outcome["failed"]), (5, 3, 2));
    assert_eq!(s.records_bytes, std::fs::metadata(runs.jsonl_path()).unwrap().len());
    assert_eq!(summary(&runs), s);
    // A line past the counted bytes that is not a record: rebuilt from all of them, which
    // names the bad line (the step's own outcome stands, with the summary of its own record).
    let mut f = std::fs::OpenOptions::new().append(true).open(runs.jsonl_path()).unwrap();
    std::io::Write::write_all(&mut f, b"{\"not\": \"a record\"}\n").unwrap();
    assert_eq!(runs.append(&rec(5, "p", "ok", Some(1.0))).unwrap().total_steps, 1);
}

mod cli {
    use std::path::Path;

    use assert_cmd::Command;

    use super::*;

    fn skstep(args: &[&str]) -> std::process::Output {
        Command::cargo_bin("kubectl-skstep").unwrap().args(args).output().unwrap()
    }

    fn stale_runs() -> (tempfile::TempDir, Runs) {
        let (d, runs) = runs();
        for i in 0..4 {
            runs.append(&rec(i, "p", "ok", Some(1.0))).unwrap();
        }
        let mut stale = summary(&runs);
        stale.total_steps = 2;
        std::fs::write(runs.summary_path(), serde_json::to_string(&stale).unwrap()).unwrap();
        (d, runs)
    }

    fn dir(d: &Path) -> &str {
        d.to_str().unwrap()
    }

    #[test]
    fn records_check_says_where_the_summary_disagrees_and_fix_rewrites_it() {
        let (d, runs) = stale_runs();
        let o = skstep(&["records", "check", "--runs-dir", dir(d.path())]);
        let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert_eq!(o.status.code(), Some(1), "{out}{err}");
        assert!(out.contains("4 records") && out.contains("total_steps: 2 (records: 4)"), "{out}");
        assert!(err.contains("records check --fix"), "{err}");
        assert_eq!(summary(&runs).total_steps, 2, "no --fix, nothing written");

        let o = skstep(&["records", "check", "--fix", "--runs-dir", dir(d.path()), "-o", "json"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!((doc["fixed"].as_bool(), doc["summary"]["state"].as_str()), (Some(true), Some("disagrees")));
        assert_eq!(summary(&runs).total_steps, 4);
        assert!(skstep(&["records", "check", "--runs-dir", dir(d.path())]).status.success());

        std::fs::remove_file(runs.summary_path()).unwrap();
        let o = skstep(&["records", "check", "--runs-dir", dir(d.path())]);
        assert_eq!(o.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&o.stdout).contains("summary.json: missing"));
    }

    #[test]
    fn report_reads_past_a_torn_line_says_so_once_and_names_a_stale_summary() {
        let (d, runs) = stale_runs();
        let mut f = std::fs::OpenOptions::new().append(true).open(runs.jsonl_path()).unwrap();
        std::io::Write::write_all(&mut f, torn(&rec(7, "p", "ok", None)).as_bytes()).unwrap();
        let o = skstep(&["report", "--runs-dir", dir(d.path())]);
        let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert!(o.status.success(), "{err}");
        assert!(out.contains("steps: 4"), "{out}");
        assert_eq!(err.matches("torn line").count(), 1, "{err}");
        assert!(err.contains("line 5") && err.contains("total_steps: 2 (records: 4)"), "{err}");
        // The torn line is reported by records check too, and does not fail it once fixed.
        let o = skstep(&["records", "check", "--fix", "--runs-dir", dir(d.path())]);
        assert!(o.status.success());
        assert!(String::from_utf8_lossy(&o.stdout).contains("skipped 1 torn line(s)"));
    }
}
