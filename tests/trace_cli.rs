//! The `trace` subcommands end to end, through the real binary, on the fixtures in tests/fixtures. Every
//! trace we write is checked with SimKube 2.7.0's own parser.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rmpv::Value;

fn skstep() -> Command {
    Command::cargo_bin("kubectl-skstep").unwrap()
}

fn decode(p: &Path) -> Value {
    rmpv::decode::read_value(&mut &std::fs::read(p).unwrap()[..]).unwrap()
}

fn get<'a>(v: &'a Value, k: &str) -> &'a Value {
    v.as_map().unwrap().iter().find(|(key, _)| key.as_str() == Some(k)).map(|(_, v)| v).unwrap_or(&Value::Nil)
}

fn objects(t: &Value) -> Vec<Value> {
    get(t, "events")
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            let mut v = get(e, "applied_objs").as_array().unwrap().clone();
            v.extend(get(e, "deleted_objs").as_array().unwrap().clone());
            v
        })
        .collect()
}

fn event_ts(t: &Value) -> Vec<i64> {
    get(t, "events").as_array().unwrap().iter().map(|e| get(e, "ts").as_i64().unwrap()).collect()
}

fn out_in(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

fn no_leftovers(dir: &tempfile::TempDir, expect: &[&str]) {
    let mut names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut expect: Vec<String> = expect.iter().map(|s| s.to_string()).collect();
    expect.sort();
    assert_eq!(names, expect, "unexpected files (half-written output or temp files left behind)");
}

#[test]
fn validate_exit_codes_and_messages() {
    let out =
        skstep().args(["trace", "validate"]).arg(common::trace("simarena-missing-fields.msgpack")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("missing field `config`") && text.contains("trace upgrade"), "{text}");

    skstep().args(["trace", "validate"]).arg(common::trace("simkube-cronjob.sktrace")).assert().code(0);

    let out = skstep()
        .args(["trace", "validate", "-o", "json"])
        .arg(common::trace("simarena-exported-far-future.msgpack"))
        .output()
        .unwrap();
    // It parses, but SimKube's own rules find pods that would be missing (tests/rules.rs).
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["parses"], true);
    assert_eq!(doc["rule_counts"]["E0001"], 26);
    let msgs: Vec<String> =
        doc["warnings"].as_array().unwrap().iter().map(|w| w["message"].as_str().unwrap().to_string()).collect();
    assert!(msgs.iter().any(|m| m.contains("56 years between events 0 and 1")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("at or before the Unix epoch")), "{msgs:?}");

    skstep()
        .args(["trace", "validate", "--strict"])
        .arg(common::trace("simarena-exported-far-future.msgpack"))
        .assert()
        .code(1);
    let deprecated = skstep()
        .args(["trace", "validate", "--strict"])
        .arg(common::trace("simarena-demo-deprecated-path.msgpack"))
        .output()
        .unwrap();
    assert_eq!(deprecated.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&deprecated.stdout).contains("podSpecTemplatePath is deprecated"));

    let missing = skstep().args(["trace", "validate", "/nonexistent/trace.msgpack"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/trace.msgpack"));
    skstep().args(["trace", "validate", "--bogus"]).assert().code(2);
}

#[test]
fn hostile_input_is_a_clear_error_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = vec![0x81, 0xa6];
    deep.extend_from_slice(b"events");
    deep.extend(std::iter::repeat_n(0x91, 10_000));
    deep.push(0xc0);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("root-int.msgpack", vec![0x05], "not a map"),
        ("empty.msgpack", vec![], "truncated"),
        (
            "truncated.msgpack",
            std::fs::read(common::trace("simkube-cronjob.sktrace")).unwrap()[..700].to_vec(),
            "truncated",
        ),
        (
            "huge-array.msgpack",
            vec![0x81, 0xa6, b'e', b'v', b'e', b'n', b't', b's', 0xdd, 0xff, 0xff, 0xff, 0xff],
            "4294967295",
        ),
        (
            "huge-string.msgpack",
            vec![0x81, 0xa7, b'v', b'e', b'r', b's', b'i', b'o', b'n', 0xdb, 0x80, 0, 0, 0, b'x'],
            "2147483648",
        ),
        ("deep.msgpack", deep, "nesting deeper than"),
    ];
    for (name, bytes, needle) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let out = skstep().args(["trace", "validate"]).arg(&p).output().unwrap();
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{name}: {all}");
        assert!(all.contains(needle), "{name}: expected {needle:?} in {all}");
        assert!(!all.contains("panicked"), "{name}: {all}");
        // Writers refuse it too, and leave nothing behind.
        let o = dir.path().join(format!("{name}.out"));
        let w =
            skstep().args(["trace", "rebase"]).arg(&p).arg("-o").arg(&o).args(["--max-gap", "1s"]).output().unwrap();
        assert_eq!(w.status.code(), Some(1), "{name}: {}", String::from_utf8_lossy(&w.stderr));
        assert!(!o.exists(), "{name}: a half-written output was left");
    }
}

#[test]
fn upgrade_makes_every_refused_fixture_parse_with_objects_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut upgraded = 0;
    for f in common::msgpack_fixtures() {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let out = out_in(&dir, &format!("{name}.up"));
        skstep().args(["trace", "upgrade"]).arg(&f).arg("-o").arg(&out).assert().code(0);
        let bytes = std::fs::read(&out).unwrap();
        let parsed =
            common::sk_parses(&bytes).unwrap_or_else(|e| panic!("{name}: sk-store refuses the upgraded trace: {e}"));
        let before = decode(&f);
        let after = decode(&out);
        assert_eq!(objects(&before), objects(&after), "{name}: objects changed");
        assert_eq!(get(&after, "version").as_u64(), Some(2));
        assert_eq!(parsed.events.len(), get(&before, "events").as_array().unwrap().len());
        // The deprecated field is gone from the config.
        assert!(!String::from_utf8_lossy(&bytes).contains("podSpecTemplatePath\""), "{name}");
        // Upgrade fixes format problems, not timelines: only timestamp warnings may remain.
        let v = skstep().args(["trace", "validate", "-o", "json"]).arg(&out).output().unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&v.stdout).unwrap();
        for w in doc["warnings"].as_array().unwrap() {
            let path = w["path"].as_str().unwrap();
            assert!(path.ends_with(".ts"), "{name}: unexpected warning after upgrade: {w}");
        }
        upgraded += 1;
    }
    assert!(upgraded >= 10);
}

#[test]
fn upgrade_rebuilds_the_index_exactly_as_sk_tracer_hashes_it() {
    // Drop the index of a real exported trace; the rebuilt one must equal what sk-tracer wrote.
    let dir = tempfile::tempdir().unwrap();
    let src = common::trace("simkube-dsb-scaling.sktrace");
    let mut t = decode(&src);
    let original_index = get(&t, "index").clone();
    if let Value::Map(pairs) = &mut t {
        pairs.retain(|(k, _)| k.as_str() != Some("index"));
    }
    let stripped = out_in(&dir, "stripped.msgpack");
    let mut buf = vec![];
    rmpv::encode::write_value(&mut buf, &t).unwrap();
    std::fs::write(&stripped, buf).unwrap();
    let out = out_in(&dir, "up.msgpack");
    skstep().args(["trace", "upgrade"]).arg(&stripped).arg("-o").arg(&out).assert().code(0);
    let sort = |v: &Value| {
        let mut entries: Vec<(String, String, u64)> =
            v.as_map()
                .unwrap()
                .iter()
                .flat_map(|(g, m)| {
                    m.as_map().unwrap().iter().map(move |(n, h)| {
                        (g.as_str().unwrap().into(), n.as_str().unwrap().into(), h.as_u64().unwrap())
                    })
                })
                .collect();
        entries.sort();
        entries
    };
    let rebuilt = sort(get(&decode(&out), "index"));
    assert_eq!(rebuilt, sort(&original_index));
    assert!(rebuilt.len() >= 20);
}

#[test]
fn rebase_fixes_the_far_future_trace_and_keeps_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = out_in(&dir, "r.msgpack");
    let res = skstep()
        .args(["trace", "rebase"])
        .arg(common::trace("simarena-exported-far-future.msgpack"))
        .arg("-o")
        .arg(&out)
        .args(["--max-gap", "10s", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(0), "{}", String::from_utf8_lossy(&res.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    assert_eq!(doc["before"]["span_s"], 1_769_672_195i64);
    assert_eq!(doc["after"]["span_s"], 10);
    let parsed = common::sk_parses(&std::fs::read(&out).unwrap()).unwrap();
    let ts: Vec<i64> = parsed.events.iter().map(|e| e.ts).collect();
    assert_eq!(ts.last().unwrap() - ts.first().unwrap(), 10, "the driver finishes in seconds: {ts:?}");
    assert_eq!(objects(&decode(&out)), objects(&decode(&common::trace("simarena-exported-far-future.msgpack"))));
    no_leftovers(&dir, &["r.msgpack"]);
}

#[test]
fn rebase_handles_events_out_of_order_and_lifecycles_before_events() {
    // Out-of-order events and pod_lifecycles written before events force the two-pass path;
    // the result must equal the timeline rules all the same.
    let dir = tempfile::tempdir().unwrap();
    let mut t = decode(&common::trace("simkube-bare-pods.sktrace"));
    if let Value::Map(pairs) = &mut t {
        pairs.sort_by_key(|(k, _)| k.as_str() != Some("pod_lifecycles"));
        let evs = pairs.iter_mut().find(|(k, _)| k.as_str() == Some("events")).unwrap();
        if let Value::Array(evs) = &mut evs.1 {
            evs.swap(1, 2);
        }
    }
    let src = out_in(&dir, "shuffled.msgpack");
    let mut buf = vec![];
    rmpv::encode::write_value(&mut buf, &t).unwrap();
    std::fs::write(&src, buf).unwrap();
    let out = out_in(&dir, "r.msgpack");
    skstep()
        .args(["trace", "rebase"])
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .args(["--start", "0", "--max-gap", "5s"])
        .assert()
        .code(0);
    let (before, after) = (event_ts(&decode(&src)), event_ts(&decode(&out)));
    let mut sorted = before.clone();
    sorted.sort();
    sorted.dedup();
    for (b, a) in before.iter().zip(&after) {
        let rank = sorted.iter().position(|x| x == b).unwrap() as i64;
        assert_eq!(*a, rank * 5, "every distinct gap here exceeds 5s: {before:?} -> {after:?}");
    }
    common::sk_parses(&std::fs::read(&out).unwrap()).unwrap();
}

#[test]
fn rebase_moves_lifecycles_with_events_and_scales_span() {
    let dir = tempfile::tempdir().unwrap();
    let src = common::trace("simkube-bare-pods.sktrace");
    let out = out_in(&dir, "r.msgpack");
    skstep().args(["trace", "rebase"]).arg(&src).arg("-o").arg(&out).args(["--start", "1000"]).assert().code(0);
    let (before, after) = (decode(&src), decode(&out));
    let shift = event_ts(&after)[0] - event_ts(&before)[0];
    assert_eq!(event_ts(&after)[0], 1000);
    assert!(event_ts(&before).iter().zip(event_ts(&after)).all(|(b, a)| a - b == shift));
    let lifecycle_ts = |t: &Value| -> Vec<i64> {
        let mut v = vec![];
        for (_, by_hash) in get(t, "pod_lifecycles").as_map().unwrap() {
            for (_, list) in by_hash.as_map().unwrap() {
                for item in list.as_array().unwrap() {
                    for (_, data) in item.as_map().unwrap() {
                        match data {
                            Value::Array(a) => v.extend(a.iter().map(|x| x.as_i64().unwrap())),
                            x => v.push(x.as_i64().unwrap()),
                        }
                    }
                }
            }
        }
        v
    };
    let (lb, la) = (lifecycle_ts(&before), lifecycle_ts(&after));
    assert!(!lb.is_empty());
    assert!(lb.iter().zip(&la).all(|(b, a)| a - b == shift), "lifecycles must move with events: {lb:?} -> {la:?}");
    common::sk_parses(&std::fs::read(&out).unwrap()).unwrap();

    let out2 = out_in(&dir, "span.msgpack");
    skstep()
        .args(["trace", "rebase"])
        .arg(common::trace("simkube-dsb-scaling.sktrace"))
        .arg("-o")
        .arg(&out2)
        .args(["--start", "now", "--span", "60s"])
        .assert()
        .code(0);
    let ts = event_ts(&decode(&out2));
    assert_eq!(ts.last().unwrap() - ts.first().unwrap(), 60);
    assert!(ts.windows(2).all(|w| w[0] <= w[1]), "order kept: {ts:?}");
    skstep()
        .args(["trace", "rebase"])
        .arg(&src)
        .arg("-o")
        .arg(out_in(&dir, "x"))
        .args(["--start", "-5"])
        .assert()
        .code(2);
}

#[test]
fn convert_roundtrips_every_fixture_losslessly() {
    let dir = tempfile::tempdir().unwrap();
    for f in common::msgpack_fixtures() {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let json = out_in(&dir, &format!("{name}.json"));
        let back = out_in(&dir, &format!("{name}.back"));
        skstep().args(["trace", "convert"]).arg(&f).arg("-o").arg(&json).arg("--pretty").assert().code(0);
        serde_json::from_slice::<serde_json::Value>(&std::fs::read(&json).unwrap()).expect("valid JSON");
        skstep().args(["trace", "convert"]).arg(&json).arg("-o").arg(&back).assert().code(0);
        assert_eq!(decode(&f), decode(&back), "{name}: content changed in the round trip");
        assert_eq!(
            common::sk_parses(&std::fs::read(&f).unwrap()).is_ok(),
            common::sk_parses(&std::fs::read(&back).unwrap()).is_ok()
        );
    }
    // sim-arena/SimKube plain JSON becomes a trace SimKube parses.
    let out = out_in(&dir, "large.msgpack");
    skstep()
        .args(["trace", "convert"])
        .arg(common::trace("simkube-large-trace.json"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let parsed = common::sk_parses(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(parsed.events.len(), 89);
}

#[test]
fn convert_roundtrips_nonfinite_floats_of_both_widths() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = rmpv::decode::read_value(
        &mut std::fs::read(common::trace("simarena-exported-far-future.msgpack")).unwrap().as_slice(),
    )
    .unwrap();
    let floats = Value::Array(vec![
        Value::F32(f32::NAN),
        Value::F32(1.5),
        Value::F32(f32::INFINITY),
        Value::F32(f32::NEG_INFINITY),
        Value::F32(f32::from_bits(0xffc0_0001)),
        Value::F64(f64::NAN),
        Value::F64(f64::NEG_INFINITY),
        Value::F64(-f64::NAN),
    ]);
    if let Value::Map(pairs) = &mut v {
        pairs.push((Value::from("extra"), floats));
    }
    let src = out_in(&dir, "floats.msgpack");
    let mut bytes = vec![];
    rmpv::encode::write_value(&mut bytes, &v).unwrap();
    std::fs::write(&src, &bytes).unwrap();
    let json = out_in(&dir, "floats.json");
    let back = out_in(&dir, "floats.back");
    skstep().args(["trace", "convert"]).arg(&src).arg("-o").arg(&json).assert().code(0);
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.contains(r#"[{"$f32":"NaN"},{"$f32":1.5},{"$f32":"inf"},{"$f32":"-inf"},{"$f32":"NaN:0xffc00001"},{"$f64":"NaN"},{"$f64":"-inf"},{"$f64":"NaN:0xfff8000000000000"}]"#), "{}", &text[text.len().saturating_sub(300)..]);
    skstep().args(["trace", "convert"]).arg(&json).arg("-o").arg(&back).assert().code(0);
    // Byte for byte: NaN != NaN as a value, and its width and bits must survive.
    let mut want = vec![];
    rmpv::encode::write_value(&mut want, &v).unwrap();
    let mut got = vec![];
    rmpv::encode::write_value(&mut got, &decode(&back)).unwrap();
    assert!(got == want, "the round trip changed the trace");
}

#[test]
fn edit_applies_actions_and_blocks_within_safeguards() {
    let dir = tempfile::tempdir().unwrap();
    let src = common::trace("simarena-demo-deprecated-path.msgpack");
    let cpu = out_in(&dir, "cpu.msgpack");
    skstep()
        .args(["trace", "edit"])
        .arg(&src)
        .arg("-o")
        .arg(&cpu)
        .args(["--deploy", "web", "bump-cpu", "--step", "500m"])
        .assert()
        .code(0);
    let mem = out_in(&dir, "mem.msgpack");
    let res = skstep()
        .args(["trace", "edit"])
        .arg(&cpu)
        .arg("-o")
        .arg(&mem)
        .args(["-o", "json", "--deploy", "web", "bump-mem", "--step", "256Mi"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    assert_eq!(doc["changed"], true);
    assert_eq!(doc["before"]["cpu"], "1");
    assert_eq!(doc["after"]["memory"], "768Mi");
    let scaled = out_in(&dir, "scaled.msgpack");
    skstep()
        .args(["trace", "edit"])
        .arg(&mem)
        .arg("-o")
        .arg(&scaled)
        .args(["--deploy", "web", "scale-replicas", "--delta", "-1"])
        .assert()
        .code(0);
    let parsed = common::sk_parses(&std::fs::read(&scaled).unwrap()).unwrap();
    let web = &parsed.events[0].applied_objs[0];
    assert_eq!(web.data["spec"]["replicas"], 1);
    assert_eq!(web.data["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]["cpu"], "1");

    // Below the minimum: blocked, output byte-identical to input, reason given.
    let blocked = out_in(&dir, "blocked.msgpack");
    let res = skstep()
        .args(["trace", "edit"])
        .arg(&scaled)
        .arg("-o")
        .arg(&blocked)
        .args(["-o", "json", "--deploy", "web", "scale-replicas", "--delta", "-1"])
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    assert_eq!((doc["blocked"].as_bool(), doc["changed"].as_bool()), (Some(true), Some(false)));
    assert!(doc["reason"].as_str().unwrap().contains("outside 1..=100"));
    assert_eq!(std::fs::read(&blocked).unwrap(), std::fs::read(&scaled).unwrap());
    let res = skstep()
        .args(["trace", "edit"])
        .arg(&src)
        .arg("-o")
        .arg(out_in(&dir, "cap.msgpack"))
        .args(["-o", "json", "--deploy", "web", "--max-cpu", "600m", "bump-cpu", "--step", "500m"])
        .output()
        .unwrap();
    assert!(
        serde_json::from_slice::<serde_json::Value>(&res.stdout).unwrap()["reason"]
            .as_str()
            .unwrap()
            .contains("outside 50m..=600m")
    );

    // Unknown Deployment: exit 1 naming what the trace has; nothing written.
    let none = out_in(&dir, "none.msgpack");
    let res = skstep()
        .args(["trace", "edit"])
        .arg(&src)
        .arg("-o")
        .arg(&none)
        .args(["--deploy", "api", "bump-cpu", "--step", "1"])
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&res.stderr).contains("default/web"));
    assert!(!none.exists());
    skstep()
        .args(["trace", "edit"])
        .arg(&src)
        .arg("-o")
        .arg(&none)
        .args(["--deploy", "web", "bump-cpu", "--step", "lots"])
        .assert()
        .code(2);
}

#[test]
fn inspect_reports_deployments_and_virtual_namespace() {
    let res = skstep()
        .args(["trace", "inspect", "-o", "json", "--deploy", "web"])
        .arg(common::trace("simarena-demo-replicas-over.msgpack"))
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    assert_eq!(doc["deploy"]["matches"][0]["virtual_namespace"], "virtual-default");
    assert_eq!(doc["summary"]["deployments"]["default/web"]["replicas"], 5);
    let res = skstep()
        .args(["trace", "inspect", "--deploy", "web"])
        .arg(common::trace("simarena-exported-far-future.msgpack"))
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(1));
    let text = String::from_utf8_lossy(&res.stdout);
    assert!(text.contains("no Deployment \"web\"") && text.contains("monitoring"), "{text}");
}

#[test]
fn output_flag_conflicts_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let src = common::trace("simkube-cronjob.sktrace");
    skstep().args(["trace", "rebase"]).arg(&src).args(["--max-gap", "1s"]).assert().code(2);
    skstep().args(["trace", "validate"]).arg(&src).arg("-o").arg(dir.path().join("x")).assert().code(2);
    skstep()
        .args(["trace", "convert"])
        .arg(&src)
        .arg("-o")
        .arg(dir.path().join("a"))
        .arg("-o")
        .arg(dir.path().join("b"))
        .assert()
        .code(2);
    no_leftovers(&dir, &[]);
}

/// One duration parser for every flag: a bare number is seconds everywhere, and a huge value is a
/// usage error (exit 2) naming the flag, never a panic.
#[test]
fn durations_parse_the_same_on_every_flag() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = common::trace("simkube-cronjob.sktrace");
    let no_cluster = |c: &mut Command| {
        c.env("KUBECONFIG", dir.path().join("none")).env("HOME", dir.path()).env_remove("KUBERNETES_SERVICE_HOST");
    };
    let run = ["run", "--trace", "t.msgpack", "--deploy", "web", "--target", "1"];
    for flag in ["--duration", "--grace", "--lease-timeout", "--driver-timeout"] {
        for (value, ok) in [("90", true), ("90s", true), ("1m30s", true), ("999999999999h", false), ("-3", false)] {
            let mut c = skstep();
            no_cluster(&mut c);
            let out = c.args(run).arg(format!("{flag}={value}")).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!err.contains("panicked"), "{flag} {value}: {err}");
            if ok {
                // Parsed; it goes on to look for a cluster (there is none here: exit 3).
                assert_eq!(out.status.code(), Some(3), "{flag} {value}: {err}");
            } else {
                assert_eq!(out.status.code(), Some(2), "{flag} {value}: {err}");
                assert!(err.contains(flag), "{flag} {value}: the error names the flag: {err}");
            }
        }
    }
    for args in [
        &["trace", "validate", "--max-gap", "999999999999h"][..],
        &["trace", "rebase", "-o", "x.msgpack", "--span", "999999999999h"][..],
        &["trace", "rebase", "-o", "x.msgpack", "--max-gap", "99999999999999999999999"][..],
    ] {
        let out = skstep().args(args).arg(&fixture).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("too long: at most 100 years"), "{args:?}: {err}");
    }
    for args in [
        &["observe", "--deploy", "web", "--interval", "999999999999h"][..],
        &["prep-ns", "ns", "--stage", "pods", "--stage-timeout", "999999999999h"][..],
        &["trace", "export", "--since", "999999999999h"][..],
    ] {
        let mut c = skstep();
        no_cluster(&mut c);
        let out = c.args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("too long"), "{args:?}: {err}");
    }
    // A bare number on rebase is seconds too: --span 10 spreads the trace over 10 s.
    let out = dir.path().join("r.msgpack");
    let o = skstep().args(["trace", "rebase", "--span", "10", "-o"]).arg(&out).arg(&fixture).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let ts = event_ts(&decode(&out));
    assert_eq!(ts.last().unwrap() - ts.first().unwrap(), 10);
}

#[test]
fn trace_new_from_flags_is_a_trace_sk_store_imports() {
    let dir = tempfile::tempdir().unwrap();
    let out = out_in(&dir, "web.msgpack");
    skstep()
        .args(["-n", "demo", "trace", "new", "--deploy", "web", "--replicas", "4", "--cpu", "250m", "--mem", "1Gi"])
        .args(["--image", "nginx:1.27", "--at", "1700000000", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    no_leftovers(&dir, &["web.msgpack"]);
    let t = common::sk_parses(&std::fs::read(&out).unwrap()).expect("SimKube 2.7.0 imports trace new's output");
    assert_eq!(t.version, 2);
    let config = serde_json::to_value(&t.config).unwrap();
    assert_eq!(
        config["trackedObjects"]["apps/v1.Deployment"]["podSpecTemplatePaths"],
        serde_json::json!(["/spec/template"]),
        "{config}"
    );
    assert_eq!(t.events.len(), 1);
    assert_eq!(t.events[0].ts, 1_700_000_000);
    assert!(t.events[0].deleted_objs.is_empty());
    let dep = serde_json::to_value(&t.events[0].applied_objs[0]).unwrap();
    assert_eq!((dep["kind"].as_str(), dep["metadata"]["namespace"].as_str()), (Some("Deployment"), Some("demo")));
    assert_eq!(dep["spec"]["replicas"], 4);
    assert_eq!(dep["spec"]["selector"]["matchLabels"], serde_json::json!({"app": "web"}));
    assert_eq!(dep["spec"]["template"]["metadata"]["labels"], serde_json::json!({"app": "web"}));
    let c = &dep["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(c["resources"]["requests"], serde_json::json!({"cpu": "250m", "memory": "1Gi"}));
    assert_eq!(t.index.flattened_keys(), vec!["apps/v1.Deployment:demo/web".to_string()]);
    assert!(t.pod_lifecycles.is_empty());

    // The index is the one `trace upgrade` rebuilds (tested above to equal sk-tracer's hashes).
    let mut raw = decode(&out);
    let built_index = get(&raw, "index").clone();
    if let Value::Map(pairs) = &mut raw {
        pairs.retain(|(k, _)| k.as_str() != Some("index"));
    }
    let stripped = out_in(&dir, "stripped.msgpack");
    let mut buf = vec![];
    rmpv::encode::write_value(&mut buf, &raw).unwrap();
    std::fs::write(&stripped, buf).unwrap();
    let up = out_in(&dir, "up.msgpack");
    skstep().args(["trace", "upgrade"]).arg(&stripped).arg("-o").arg(&up).assert().code(0);
    assert_eq!(get(&decode(&up), "index"), &built_index);

    // Bad flags are usage errors that write nothing.
    for bad in [["--deploy", "Web"], ["--cpu", "lots"], ["--mem", "-"], ["--at", "soon"]] {
        let mut args = vec!["trace", "new", "-o", "x.msgpack"];
        if bad[0] != "--deploy" {
            args.extend(["--deploy", "web"]);
        }
        args.extend(bad);
        let o = skstep().current_dir(dir.path()).args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stderr).contains(bad[0]), "{bad:?}");
    }
    no_leftovers(&dir, &["web.msgpack", "stripped.msgpack", "up.msgpack"]);
}

/// What `kubectl create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml`
/// prints (kubectl 1.36), with the `creationTimestamp: null` older kubectls add.
const KUBECTL_DEPLOYMENT_YAML: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
";

#[test]
fn trace_new_from_a_kubectl_manifest_and_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = out_in(&dir, "web.yaml");
    std::fs::write(&yaml, KUBECTL_DEPLOYMENT_YAML).unwrap();
    let out = out_in(&dir, "web.msgpack");
    skstep().args(["-n", "shop", "trace", "new", "-f"]).arg(&yaml).arg("-o").arg(&out).assert().code(0);
    let t = common::sk_parses(&std::fs::read(&out).unwrap()).expect("SimKube 2.7.0 imports it");
    let dep = serde_json::to_value(&t.events[0].applied_objs[0]).unwrap();
    assert_eq!(dep["metadata"]["namespace"], "shop");
    assert_eq!(dep["spec"]["replicas"], 3);
    // Cleaned as sk-tracer cleans what it records; no status.
    assert!(dep["metadata"].get("creationTimestamp").is_none() && dep.get("status").is_none(), "{dep}");
    assert_eq!(t.index.flattened_keys(), vec!["apps/v1.Deployment:shop/web".to_string()]);

    // Each refusal names the file and the field path, exits 1, and writes nothing.
    let cases: &[(&str, &str, &str)] = &[
        ("kind: Deployment", "kind: StatefulSet", "kind"),
        ("apiVersion: apps/v1", "apiVersion: extensions/v1beta1", "apiVersion"),
        ("  name: web\n", "  generateName: web-\n", "metadata.name"),
        ("  replicas: 3", "  replicas: -2", "spec.replicas"),
        ("    matchLabels:\n      app: web", "    matchLabels:\n      app: api", "spec.selector.matchLabels.app"),
        (
            "        resources: {}",
            "        resources: {requests: {cpu: lots}}",
            "spec.template.spec.containers[0].resources.requests.cpu",
        ),
        ("        name: nginx", "        nme: nginx", "spec.template.spec.containers[0].name"),
    ];
    for (from, to, path) in cases {
        assert!(KUBECTL_DEPLOYMENT_YAML.contains(from), "{from}");
        let bad = out_in(&dir, "bad.yaml");
        let text = KUBECTL_DEPLOYMENT_YAML.replacen(from, to, 1);
        std::fs::write(&bad, text).unwrap();
        let o = skstep()
            .args(["trace", "new", "-f"])
            .arg(&bad)
            .arg("-o")
            .arg(out_in(&dir, "bad.msgpack"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{path}: {err}");
        assert!(err.contains(&format!("bad.yaml: {path}:")), "{path}: {err}");
        assert!(err.contains("fix:"), "{err}");
    }
    // A namespace that disagrees with -n, broken YAML, two documents.
    let o = skstep()
        .args(["-n", "other", "trace", "new", "-f"])
        .arg(&yaml)
        .arg("-o")
        .arg(out_in(&dir, "bad.msgpack"))
        .output();
    let o = o.unwrap();
    assert_eq!(o.status.code(), Some(0), "no namespace in the manifest: -n fills it");
    std::fs::remove_file(out_in(&dir, "bad.msgpack")).unwrap();
    let with_ns = out_in(&dir, "ns.yaml");
    std::fs::write(&with_ns, KUBECTL_DEPLOYMENT_YAML.replacen("  name: web\n", "  name: web\n  namespace: shop\n", 1))
        .unwrap();
    let o = skstep()
        .args(["-n", "other", "trace", "new", "-f"])
        .arg(&with_ns)
        .arg("-o")
        .arg(out_in(&dir, "bad.msgpack"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("metadata.namespace") && err.contains("-n shop"), "{err}");
    for (name, text, needle) in [
        ("broken.yaml", "spec: [\n", "not valid YAML (line"),
        ("two.yaml", "a: 1\n---\nb: 2\n", "2 YAML documents"),
        ("empty.yaml", "", "no manifest"),
    ] {
        let f = out_in(&dir, name);
        std::fs::write(&f, text).unwrap();
        let o =
            skstep().args(["trace", "new", "-f"]).arg(&f).arg("-o").arg(out_in(&dir, "bad.msgpack")).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(&format!("{name}: (document): ")) && err.contains(needle), "{name}: {err}");
    }
    assert!(!out_in(&dir, "bad.msgpack").exists(), "a refused manifest wrote a trace");
}

/// A msgpack trace of `fields` (name, value) at the root.
fn root_map(dir: &tempfile::TempDir, name: &str, fields: Vec<(&str, Value)>) -> PathBuf {
    let v = Value::Map(fields.into_iter().map(|(k, v)| (Value::from(k), v)).collect());
    let p = dir.path().join(name);
    let mut buf = vec![];
    rmpv::encode::write_value(&mut buf, &v).unwrap();
    std::fs::write(&p, buf).unwrap();
    p
}

#[test]
fn inspect_fails_on_a_file_that_is_no_trace_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_trace = root_map(&dir, "cfg.msgpack", vec![("name", Value::from("web")), ("port", Value::from(80))]);
    let res = skstep().args(["trace", "inspect"]).arg(&not_a_trace).output().unwrap();
    let err = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(1), "{err}");
    assert!(err.contains("cfg.msgpack: not a trace SimKube 2.7 reads") && err.contains("missing field"), "{err}");
    // A real trace still inspects with exit 0.
    skstep().args(["trace", "inspect"]).arg(common::trace("simkube-cronjob.sktrace")).assert().code(0);
}

#[test]
fn validate_of_a_json_file_says_it_is_json_and_how_to_convert_it() {
    let dir = tempfile::tempdir().unwrap();
    let json = out_in(&dir, "t.json");
    skstep()
        .args(["trace", "convert"])
        .arg(common::trace("simkube-cronjob.sktrace"))
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    for cmd in ["validate", "inspect"] {
        let res = skstep().args(["trace", cmd]).arg(&json).output().unwrap();
        // validate reports it as the rejection (stdout), inspect as its error (stderr).
        let err = format!("{}{}", String::from_utf8_lossy(&res.stdout), String::from_utf8_lossy(&res.stderr));
        assert_eq!(res.status.code(), Some(1), "{cmd}: {err}");
        assert!(
            err.contains("looks like JSON") && err.contains("trace convert") && err.contains("--to msgpack"),
            "{cmd}: {err}"
        );
        assert!(!err.contains("integer"), "{cmd}: {err}");
    }
}

#[test]
fn rebase_of_a_trace_without_events_fails_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let t = decode(&common::trace("simkube-cronjob.sktrace"));
    let fields: Vec<(&str, Value)> =
        ["version", "config", "index", "pod_lifecycles"].iter().map(|k| (*k, get(&t, k).clone())).collect();
    let no_events = root_map(&dir, "no-events.msgpack", fields);
    let out = out_in(&dir, "out.msgpack");
    let res =
        skstep().args(["trace", "rebase"]).arg(&no_events).args(["--start", "0", "-o"]).arg(&out).output().unwrap();
    let err = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(1), "{err}");
    assert!(err.contains("no-events.msgpack: events: missing"), "{err}");
    assert!(!out.exists());
    no_leftovers(&dir, &["no-events.msgpack"]);
}
