//! Hostile and unlucky input through the real binary: quantities, speeds, timestamps, rewards,
//! nesting and counts at the edges of their types. Each case once panicked, looped or wrote a
//! wrong result; now each is a result or a clear error with its exit code, and no panic.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use rmpv::Value;

fn skstep() -> Command {
    let mut c = Command::cargo_bin("kubectl-skstep").unwrap();
    // No test may hang: a loop is a failure, not a stuck suite.
    c.timeout(Duration::from_secs(60));
    c
}

struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Out {
    let o = cmd.output().unwrap();
    let out = Out {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into(),
        stderr: String::from_utf8_lossy(&o.stderr).into(),
    };
    assert!(!out.stderr.contains("panicked"), "a panic: {}", out.stderr);
    out
}

fn decode(p: &Path) -> Value {
    rmpv::decode::read_value(&mut &std::fs::read(p).unwrap()[..]).unwrap()
}

fn encode(p: &Path, v: &Value) {
    let mut buf = vec![];
    rmpv::encode::write_value(&mut buf, v).unwrap();
    std::fs::write(p, buf).unwrap();
}

fn map_mut(v: &mut Value) -> &mut Vec<(Value, Value)> {
    match v {
        Value::Map(m) => m,
        other => panic!("not a map: {other}"),
    }
}

fn array_mut(v: &mut Value) -> &mut Vec<Value> {
    match v {
        Value::Array(a) => a,
        other => panic!("not an array: {other}"),
    }
}

fn field<'a>(v: &'a mut Value, k: &str) -> &'a mut Value {
    map_mut(v).iter_mut().find(|(key, _)| key.as_str() == Some(k)).map(|(_, v)| v).unwrap()
}

fn events(v: &mut Value) -> &mut Vec<Value> {
    array_mut(field(v, "events"))
}

fn event_ts(p: &Path) -> Vec<i64> {
    let mut v = decode(p);
    events(&mut v).iter_mut().map(|e| field(e, "ts").as_i64().unwrap()).collect()
}

/// `trace new` from flags into `dir/name`, asserting it succeeds.
fn new_trace(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let p = dir.join(name);
    let o = run(skstep().args(["trace", "new", "--deploy", "web", "--at", "0", "-o"]).arg(&p).args(extra));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    p
}

#[test]
fn tiny_quantities_round_up_and_never_divide_by_zero() {
    let dir = tempfile::tempdir().unwrap();
    // trace new --cpu 1e-200: a quantity of 1e-200 cores rounds up to 1m, as the API server does.
    let t = new_trace(dir.path(), "tiny.msgpack", &["--cpu", "1e-200", "--mem", "1e-300"]);
    assert!(common::sk_parses(&std::fs::read(&t).unwrap()).is_ok());
    // A trace whose request is "1e-200": edit reads it (1m) and bumps it.
    let next = dir.path().join("next.msgpack");
    let o = run(skstep()
        .args(["trace", "edit"])
        .arg(&t)
        .args(["--deploy", "web", "--min-cpu", "1m", "-o"])
        .arg(&next)
        .args(["-o", "json", "bump-cpu", "--step", "500m"]));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let j: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(j["after"]["cpu"], "501m", "{j}");
    // --step 1e-200: a step of 1m.
    let o = run(skstep()
        .args(["trace", "edit"])
        .arg(&next)
        .args(["--deploy", "web", "-o"])
        .arg(dir.path().join("n2"))
        .args(["-o", "json", "bump-cpu", "--step", "1e-200"]));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let j: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(j["after"]["cpu"], "502m", "{j}");
    // run/env read the requests through the same parser.
    let w = skstep::step::workload::read(&t, "web").unwrap();
    assert_eq!((w.cpu_m, w.mem_bytes), (1, 1));
    // Exponents at and beyond i32's end.
    for q in ["1e-2147483648", "1e-99999999999", "0e99999999999"] {
        let p = new_trace(dir.path(), "edge.msgpack", &["--cpu", q]);
        assert!(common::sk_parses(&std::fs::read(&p).unwrap()).is_ok(), "{q}");
    }
}

#[test]
fn quantities_beyond_every_range_are_errors_naming_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    for q in ["1e2147483647", "1e39", "99999999999999999999E", "1e99999999999", "9223372036854775.808"] {
        let o = run(skstep().args(["trace", "new", "--deploy", "web", "--cpu", q, "-o"]).arg(dir.path().join("x")));
        assert_eq!(o.code, Some(2), "--cpu {q}: {}", o.stderr);
        assert!(o.stderr.contains("--cpu"), "--cpu {q}: {}", o.stderr);
    }
    let t = new_trace(dir.path(), "t.msgpack", &[]);
    for step in ["1e30", "9Ei", "-1e2147483647"] {
        let o = run(skstep()
            .args(["trace", "edit"])
            .arg(&t)
            .args(["--deploy", "web", "-o"])
            .arg(dir.path().join("e"))
            .args(["bump-mem", "--step", step]));
        assert!(matches!(o.code, Some(0 | 2)), "--step {step}: {:?} {}", o.code, o.stderr);
    }
    // The largest limits the flags take, and a step that would overflow past them: blocked, not wrapped.
    let o = run(skstep()
        .args(["trace", "edit"])
        .arg(&t)
        .args(["--deploy", "web", "--max-cpu", "9223372036854775807m", "-o"])
        .arg(dir.path().join("e"))
        .args(["-o", "json", "bump-cpu", "--step", "9223372036854775807m"]));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let j: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(j["blocked"], true, "{j}");
}

#[test]
fn speed_is_bounded_at_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let t = new_trace(dir.path(), "t.msgpack", &[]);
    for speed in ["1e-20", "1e300", "0", "-1", "NaN", "inf"] {
        let o = run(skstep()
            .env("KUBECONFIG", dir.path().join("no-such-kubeconfig"))
            .args(["run", "--deploy", "web", "--target", "1", "--trace"])
            .arg(&t)
            .arg(format!("--speed={speed}")));
        assert_eq!(o.code, Some(2), "--speed {speed}: {}", o.stderr);
        assert!(o.stderr.contains("--speed"), "--speed {speed}: {}", o.stderr);
    }
    // A speed in range, but a duration it would stretch past 100 years of waiting.
    let o = run(skstep()
        .env("KUBECONFIG", dir.path().join("no-such-kubeconfig"))
        .args(["run", "--deploy", "web", "--target", "1", "--duration", "99y", "--trace"])
        .arg(&t)
        .args(["--speed", "0.01"]));
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(o.stderr.contains("--speed") && o.stderr.contains("--duration"), "{}", o.stderr);
}

/// A trace SimKube parses, with its two events at `ts` (and a pod lifecycle at each).
fn trace_with_ts(dir: &Path, ts: [i64; 2]) -> PathBuf {
    let mut v = decode(&common::trace("simarena-exported-far-future.msgpack"));
    for (e, t) in events(&mut v).iter_mut().zip(ts) {
        *field(e, "ts") = Value::from(t);
    }
    let p = dir.join(format!("ts-{}-{}.msgpack", ts[0], ts[1]));
    encode(&p, &v);
    assert!(common::sk_parses(&std::fs::read(&p).unwrap()).is_ok(), "SimKube parses it");
    p
}

#[test]
fn rebase_never_wraps_a_timestamp() {
    let dir = tempfile::tempdir().unwrap();
    let t = trace_with_ts(dir.path(), [-9_000_000_000_000_000_000, 9_000_000_000_000_000_000]);
    let out = dir.path().join("out.msgpack");
    // The timeline spans 1.8e19 s: from 0 it cannot be represented; a clear error, nothing written.
    let o = run(skstep().args(["trace", "rebase"]).arg(&t).args(["--start", "0", "-o"]).arg(&out));
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    assert!(o.stderr.contains("64-bit") && o.stderr.contains("--max-gap"), "{}", o.stderr);
    assert!(!out.exists());
    // Without --start the first event stays at -9e18: negative, said so.
    let o = run(skstep().args(["trace", "rebase"]).arg(&t).args(["--max-gap", "10s", "-o"]).arg(&out));
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    assert!(o.stderr.contains("negative") && o.stderr.contains("--start"), "{}", o.stderr);
    // With a gap limit it fits: in order, non-negative.
    for extra in [&["--max-gap", "10s"][..], &["--span", "60s"][..]] {
        let o = run(skstep().args(["trace", "rebase"]).arg(&t).args(["--start", "0", "-o"]).arg(&out).args(extra));
        assert_eq!(o.code, Some(0), "{extra:?}: {}", o.stderr);
        let ts = event_ts(&out);
        assert!(ts[0] == 0 && ts[1] > 0 && ts[1] <= 60, "{extra:?}: {ts:?}");
        assert!(common::sk_parses(&std::fs::read(&out).unwrap()).is_ok());
    }
    // The stats of a span wider than i64 are right, not wrapped.
    let o = run(skstep()
        .args(["trace", "rebase"])
        .arg(&t)
        .args(["--start", "0", "--max-gap", "1", "-o", "json", "-o"])
        .arg(&out));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let j: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(j["before"]["span_s"], serde_json::json!(18_000_000_000_000_000_000u64), "{j}");
    assert_eq!(j["after"]["span_s"], 1, "{j}");
    // Negative --start is refused at the flag.
    let o = run(skstep().args(["trace", "rebase"]).arg(&t).args(["--start", "-5", "-o"]).arg(&out));
    assert_eq!(o.code, Some(2), "{}", o.stderr);
}

#[test]
fn report_returns_on_huge_rewards() {
    use skstep::records::jsonl::{Runs, StepRecord};
    let dir = tempfile::tempdir().unwrap();
    let runs = Runs::open(dir.path()).unwrap();
    for (i, (ep, r)) in
        [("a", 1e308), ("a", 1e308), ("b", -1e308), ("c", f64::MIN_POSITIVE), ("c", -0.0)].iter().enumerate()
    {
        runs.append(&StepRecord {
            timestamp: format!("2026-11-26T00:00:{i:02}Z"),
            episode: Some(ep.to_string()),
            step: i as u32 + 1,
            outcome: "ok".into(),
            reward: Some(*r),
            action: serde_json::json!({"type": "noop"}),
            ..Default::default()
        })
        .unwrap();
    }
    let svg = dir.path().join("r.svg");
    let o = run(skstep().args(["report", "--runs-dir"]).arg(dir.path()).arg("-o").arg(&svg));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    // Step numbers at the ends of u32.
    let runs2 = tempfile::tempdir().unwrap();
    let r2 = Runs::open(runs2.path()).unwrap();
    for step in [0, u32::MAX] {
        r2.append(&StepRecord {
            episode: Some("e".into()),
            step,
            outcome: "ok".into(),
            reward: Some(1.0),
            action: serde_json::json!({"type": "noop"}),
            ..Default::default()
        })
        .unwrap();
    }
    let o = run(skstep().args(["report", "--runs-dir"]).arg(runs2.path()).arg("-o").arg(&svg));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
}

/// A trace SimKube parses with `depth` nested arrays in its object's spec; `depth` is the
/// container depth of the innermost array, the root map being 1 (rmp-serde's count).
fn deep_trace(dir: &Path, depth: usize) -> PathBuf {
    let mut v = decode(&common::trace("simarena-demo-normalized.msgpack"));
    // root map (1) > events (2) > event (3) > applied_objs (4) > object (5) > spec (6) > x (7..)
    let mut inner = Value::Array(vec![]);
    for _ in 7..depth {
        inner = Value::Array(vec![inner]);
    }
    let e = &mut events(&mut v)[0];
    let obj = &mut array_mut(field(e, "applied_objs"))[0];
    let spec = map_mut(field(obj, "spec"));
    spec.push((Value::from("x"), inner));
    let p = dir.join(format!("deep-{depth}.msgpack"));
    encode(&p, &v);
    p
}

/// Runs `f` where the test's own deep helpers (rmpv, SimKube's rmp-serde parser) have room; the
/// code under test gets its stack from the binary or chooses it itself.
fn big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(256 << 20).spawn(f).unwrap().join().unwrap();
}

#[test]
fn convert_roundtrips_the_deepest_trace_simkube_accepts() {
    big_stack(convert_roundtrip);
}

fn convert_roundtrip() {
    let dir = tempfile::tempdir().unwrap();
    let deepest = deep_trace(dir.path(), 1023);
    assert!(common::sk_parses(&std::fs::read(&deepest).unwrap()).is_ok(), "SimKube accepts depth 1023");
    assert!(common::sk_parses(&std::fs::read(deep_trace(dir.path(), 1024)).unwrap()).is_err(), "and refuses 1024");
    let (json, back, canon) =
        (dir.path().join("d.json"), dir.path().join("back.msgpack"), dir.path().join("c.msgpack"));
    for pretty in [false, true] {
        let mut c = skstep();
        c.args(["trace", "convert"]).arg(&deepest).args(["--to", "json", "-o"]).arg(&json);
        if pretty {
            c.arg("--pretty");
        }
        let o = run(&mut c);
        assert_eq!(o.code, Some(0), "{}", o.stderr);
        let o = run(skstep().args(["trace", "convert"]).arg(&json).args(["--to", "msgpack", "-o"]).arg(&back));
        assert_eq!(o.code, Some(0), "{}", o.stderr);
        let o = run(skstep().args(["trace", "convert"]).arg(&deepest).args(["--to", "msgpack", "-o"]).arg(&canon));
        assert_eq!(o.code, Some(0), "{}", o.stderr);
        assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(&canon).unwrap(), "lossless (pretty {pretty})");
    }
    // A hostile nesting far deeper than anything convert writes: refused with a position, no crash.
    let hostile = dir.path().join("hostile.json");
    std::fs::write(&hostile, format!("{{\"events\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000))).unwrap();
    let o = run(skstep().args(["trace", "convert"]).arg(&hostile).args(["--to", "msgpack", "-o"]).arg(&back));
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    assert!(o.stderr.contains("nest") && o.stderr.contains("line 1"), "{}", o.stderr);
}

#[test]
fn convert_library_works_on_a_tokio_worker_sized_stack() {
    big_stack(convert_on_small_stack);
}

fn convert_on_small_stack() {
    let dir = tempfile::tempdir().unwrap();
    let deepest = deep_trace(dir.path(), 1023);
    let (json, back) = (dir.path().join("d.json"), dir.path().join("back.msgpack"));
    let (j2, b2) = (json.clone(), back.clone());
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            use skstep::trace::convert::{Format, convert};
            convert(&deepest, &j2, Format::Json, true).unwrap();
            convert(&j2, &b2, Format::Msgpack, false).unwrap();
        })
        .unwrap()
        .join()
        .expect("no stack overflow, no panic");
    assert!(common::sk_parses(&std::fs::read(&back).unwrap()).is_ok());
}

#[test]
fn replicas_and_int32_fields_stay_int32() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(skstep()
        .args(["trace", "new", "--deploy", "web", "--replicas", "4294967295", "-o"])
        .arg(dir.path().join("x")));
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(o.stderr.contains("--replicas"), "{}", o.stderr);
    assert!(!dir.path().join("x").exists());
    let t = new_trace(dir.path(), "max.msgpack", &["--replicas", "2147483647"]);
    // trace edit: no flag or step takes replicas past int32.
    let e = dir.path().join("e.msgpack");
    let o = run(skstep()
        .args(["trace", "edit"])
        .arg(&t)
        .args(["--deploy", "web", "--max-replicas", "4294967295", "-o"])
        .arg(&e)
        .args(["scale-replicas", "--delta", "1"]));
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(o.stderr.contains("--max-replicas"), "{}", o.stderr);
    let o = run(skstep()
        .args(["trace", "edit"])
        .arg(&t)
        .args(["--deploy", "web", "--max-replicas", "2147483647", "-o"])
        .arg(&e)
        .args(["-o", "json", "scale-replicas", "--delta", "1"]));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let j: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(j["blocked"], true, "{j}");
    // Manifests: every int32 field of a Deployment, named by its path.
    let base = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n";
    for (extra, path) in [
        ("  revisionHistoryLimit: 4294967296\n", "spec.revisionHistoryLimit"),
        ("  progressDeadlineSeconds: -2147483649\n", "spec.progressDeadlineSeconds"),
        ("  minReadySeconds: 1.5\n", "spec.minReadySeconds"),
        (
            "        ports:\n        - containerPort: 4294967376\n",
            "spec.template.spec.containers[0].ports[0].containerPort",
        ),
        (
            "        readinessProbe:\n          periodSeconds: 99999999999\n",
            "spec.template.spec.containers[0].readinessProbe.periodSeconds",
        ),
    ] {
        let m = dir.path().join("d.yaml");
        let text = if extra.starts_with("  ") && !extra.starts_with("   ") {
            base.replacen("  replicas: 1\n", &format!("  replicas: 1\n{extra}"), 1)
        } else {
            format!("{base}{extra}")
        };
        std::fs::write(&m, text).unwrap();
        let o = run(skstep().args(["trace", "new", "-f"]).arg(&m).arg("-o").arg(dir.path().join("y")));
        assert_eq!(o.code, Some(1), "{path}: {}", o.stderr);
        assert!(o.stderr.contains(path), "{path}: {}", o.stderr);
    }
    // In range: accepted.
    let m = dir.path().join("ok.yaml");
    std::fs::write(&m, base.replacen("  replicas: 1\n", "  replicas: 1\n  revisionHistoryLimit: 2147483647\n", 1))
        .unwrap();
    let o = run(skstep().args(["trace", "new", "-f"]).arg(&m).arg("-o").arg(dir.path().join("y")));
    assert_eq!(o.code, Some(0), "{}", o.stderr);
}

#[test]
fn a_panic_is_a_bug_report_with_its_own_exit_code() {
    // The one deliberate panic, behind a variable no user sets, so the panic path can be tested.
    let o = run(skstep().env("SKSTEP_DEBUG_PANIC", "1").arg("version"));
    assert_eq!(o.code, Some(70), "{}", o.stderr);
    assert!(o.stderr.contains("this is a bug") && o.stderr.contains("SKSTEP_DEBUG_PANIC"), "{}", o.stderr);
    // Inside the async runtime too (a cluster command's future).
    let o = run(skstep().env("SKSTEP_DEBUG_PANIC", "async").env("KUBECONFIG", "/nonexistent").arg("doctor"));
    assert_eq!(o.code, Some(70), "{}", o.stderr);
    assert!(o.stderr.contains("this is a bug"), "{}", o.stderr);
}
