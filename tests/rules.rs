//! SimKube's own trace rules (skctl 2.7.0's W0000, E0001–E0005) and `trace fix`, checked
//! against the real `skctl validate check` (installed by testcluster/install-skctl.sh): the same
//! count per code on every fixture, on a trace with the cases of SimKube's validation trace, and
//! on generated variants; after `trace fix`, skctl finds nothing and SimKube parses the result.
//! Without skctl these tests fail, unless SKSTEP_NO_SKCTL=1 says to skip them (they say so).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use rmpv::Value;
use serde_json::{Value as J, json};
use skstep::trace::fix::fix;
use skstep::trace::rules::RULES;
use skstep::trace::validate::{Options, scan};

type Counts = BTreeMap<String, usize>;

fn skctl(test: &str) -> Option<PathBuf> {
    if std::env::var("SKSTEP_NO_SKCTL").as_deref() == Ok("1") {
        eprintln!("{test}: skipped (SKSTEP_NO_SKCTL=1, no skctl to compare with)");
        return None;
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    let path = std::env::var_os("PATH").unwrap_or_default();
    let candidates =
        std::iter::once(home.join("bin/skctl")).chain(std::env::split_paths(&path).map(|d| d.join("skctl")));
    for c in candidates {
        if c.is_file() {
            let v = Command::new(&c).arg("--version").output().expect("run skctl --version");
            let v = String::from_utf8_lossy(&v.stdout);
            assert!(v.contains("2.7.0"), "{test}: {} is `{}`, not skctl 2.7.0", c.display(), v.trim());
            return Some(c);
        }
    }
    panic!(
        "{test}: skctl 2.7.0 not found: run testcluster/install-skctl.sh (scripts/test does), \
         or set SKSTEP_NO_SKCTL=1 to skip the comparison with skctl"
    );
}

/// `skctl validate check FILE`'s count per code, or its error when it cannot read the trace.
fn skctl_counts(bin: &Path, file: &Path) -> Result<Counts, String> {
    let out = Command::new(bin).args(["validate", "check"]).arg(file).output().expect("run skctl");
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("{}{}", stdout, String::from_utf8_lossy(&out.stderr)));
    }
    let mut counts = Counts::new();
    for line in stdout.lines() {
        // `service_account_missing (E0001) ........ 26`
        if let (Some(open), Some(close)) = (line.find(" ("), line.find(") ")) {
            let code = &line[open + 2..close];
            let n: usize = line.rsplit(' ').next().unwrap().parse().unwrap_or_else(|e| panic!("{line}: {e}"));
            counts.insert(code.to_string(), n);
        }
    }
    assert!(stdout.contains("Validation errors found:"), "unexpected skctl output: {stdout}");
    Ok(counts)
}

/// The validator's fast path reaches the exact path's report and summary, word for word.
fn same_as_exact(file: &Path) {
    let opts = Options { max_gap: 3600, now: 1_800_000_000 };
    let fast = scan(file, &opts).unwrap();
    let exact = skstep::trace::validate::scan_exact(file, &opts).unwrap();
    let j = |r: &(skstep::trace::validate::Report, skstep::trace::validate::Summary)| {
        (serde_json::to_value(&r.0).unwrap(), serde_json::to_value(&r.1).unwrap())
    };
    assert_eq!(j(&fast), j(&exact), "{}: the fast path's report differs from the exact path's", file.display());
}

/// Our verdict and count per code (codes with findings only).
fn our_counts(file: &Path) -> (bool, Counts) {
    let (report, _) = scan(file, &Options { max_gap: i64::MAX, now: 0 }).unwrap();
    let counts = report.rule_counts.iter().filter(|(_, n)| **n > 0).map(|(c, n)| (c.to_string(), *n)).collect();
    (report.parses, counts)
}

fn write_msgpack(dir: &Path, name: &str, trace: &J) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, rmp_serde::to_vec_named(trace).unwrap()).unwrap();
    p
}

fn read_value(p: &Path) -> Value {
    rmpv::decode::read_value(&mut std::fs::read(p).unwrap().as_slice()).unwrap()
}

fn events(v: &Value) -> &Vec<Value> {
    let m = v.as_map().unwrap();
    m.iter().find(|(k, _)| k.as_str() == Some("events")).unwrap().1.as_array().unwrap()
}

fn objs<'a>(ev: &'a Value, list: &str) -> &'a Vec<Value> {
    ev.as_map().unwrap().iter().find(|(k, _)| k.as_str() == Some(list)).unwrap().1.as_array().unwrap()
}

/// Checks ours against skctl on `file`, then fixes it (all rules, and only `only`) and checks
/// that skctl and we find nothing of what was fixed, SimKube parses the result, and every
/// object without a finding is unchanged.
fn check_and_fix(bin: &Path, file: &Path, only: &[&str]) -> Counts {
    let name = file.display().to_string();
    same_as_exact(file);
    let (parses, ours) = our_counts(file);
    let theirs = skctl_counts(bin, file);
    if !parses {
        assert!(theirs.is_err(), "{name}: SimKube refuses it, yet skctl checked it: {theirs:?}");
        return ours;
    }
    let theirs = theirs.unwrap_or_else(|e| panic!("{name}: skctl failed on a trace SimKube parses: {e}"));
    assert_eq!(ours, theirs, "{name}: our counts per code differ from skctl's");

    let dir = tempfile::tempdir().unwrap();
    let fixed = dir.path().join("fixed.msgpack");
    fix(file, &fixed, &RULES).unwrap();
    assert_eq!(skctl_counts(bin, &fixed).unwrap(), Counts::new(), "{name}: skctl still finds something after the fix");
    assert_eq!(our_counts(&fixed), (true, Counts::new()), "{name}: we still find something after the fix");
    common::sk_parses(&std::fs::read(&fixed).unwrap())
        .unwrap_or_else(|e| panic!("{name}: SimKube refuses the fix: {e}"));

    // Objects without a finding are unchanged; objects with one are changed.
    let (before, after) = (read_value(file), read_value(&fixed));
    let (report, _) = scan(file, &Options { max_gap: i64::MAX, now: 0 }).unwrap();
    let flagged: std::collections::BTreeSet<String> = report
        .findings
        .iter()
        .map(|f| {
            // `events[i].applied_objs[j].…` -> `events[i].applied_objs[j]`
            let at = f.path.find(".applied_objs[").unwrap();
            let end = at + f.path[at..].find(']').unwrap() + 1;
            f.path[..end].to_string()
        })
        .collect();
    let listed_all = report.rule_counts.values().all(|n| *n <= skstep::trace::validate::MAX_LISTED);
    for (i, (eb, ea)) in events(&before).iter().zip(events(&after)).enumerate() {
        assert_eq!(objs(eb, "deleted_objs"), objs(ea, "deleted_objs"), "{name}: events[{i}] deleted_objs changed");
        for (j, (ob, oa)) in objs(eb, "applied_objs").iter().zip(objs(ea, "applied_objs")).enumerate() {
            let key = format!("events[{i}].applied_objs[{j}]");
            if flagged.contains(&key) {
                assert_ne!(ob, oa, "{name}: {key} has a finding but was not changed");
            } else if listed_all {
                assert_eq!(ob, oa, "{name}: {key} has no finding but was changed");
            }
        }
    }

    if !only.is_empty() {
        let rules: Vec<_> = only.iter().map(|c| skstep::trace::rules::rule(c).unwrap()).collect();
        let part = dir.path().join("part.msgpack");
        fix(file, &part, &rules).unwrap();
        // What was fixed is gone; the rest can only shrink (an envFrom entry naming both a
        // Secret and a ConfigMap goes with either fix), and skctl agrees with us on it.
        let (theirs, after) = (skctl_counts(bin, &part).unwrap(), our_counts(&part).1);
        assert_eq!(theirs, after, "{name}: after fix --only {only:?}, skctl and we differ");
        for (c, n) in &after {
            assert!(!only.contains(&c.as_str()), "{name}: {c} is left after fix --only {only:?}");
            assert!(ours.get(c).is_some_and(|before| n <= before), "{name}: {c} grew after fix --only {only:?}");
        }
    }
    ours
}

#[test]
fn rules_agree_with_skctl_on_every_fixture_and_fix_clears_them() {
    let Some(bin) = skctl("rules_agree_with_skctl_on_every_fixture_and_fix_clears_them") else { return };
    for f in common::msgpack_fixtures() {
        let counts = check_and_fix(&bin, &f, &["E0001", "W0000"]);
        if f.ends_with("simarena-exported-far-future.msgpack") {
            // The figures: skctl finds these, and so must we.
            let want: Counts = [("W0000", 14), ("E0001", 26), ("E0002", 1), ("E0004", 4), ("E0005", 6)]
                .into_iter()
                .map(|(c, n)| (c.to_string(), n))
                .collect();
            assert_eq!(counts, want);
        }
    }
}

/// A trace with the cases of SimKube's `testutils/data/validation_trace.json` (written here, not
/// copied): one Deployment whose pod template needs a ConfigMap and a Secret through env key
/// refs, a ConfigMap and a Secret through one envFrom entry, a ServiceAccount under both keys, a
/// ConfigMap and a Secret volume (with an emptyDir beside them), and a populated status.
fn validation_trace() -> J {
    let deployment = json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "test-deployment", "namespace": "default"},
        "spec": {"template": {"metadata": {"labels": {"app": "test"}}, "spec": {
            "containers": [{
                "name": "c",
                "env": [
                    {"name": "e0", "valueFrom": {"configMapKeyRef": {"name": "cm-a", "key": "cm-key"}}},
                    {"name": "e1", "value": "plain"},
                    {"name": "e2", "valueFrom": {"secretKeyRef": {"name": "secret-a", "key": "secret-key"}}},
                ],
                "envFrom": [{"configMapRef": {"name": "cm-b"}, "secretRef": {"name": "secret-b"}}],
                "volumeMounts": [
                    {"name": "cm-vol", "mountPath": "/a"},
                    {"name": "scratch", "mountPath": "/b"},
                    {"name": "secret-vol", "mountPath": "/c"},
                ],
            }],
            "serviceAccountName": "the-sa",
            "serviceAccount": "the-sa",
            "volumes": [
                {"name": "scratch", "emptyDir": {}},
                {"name": "cm-vol", "configMap": {"name": "the-cm"}},
                {"name": "secret-vol", "secret": {"secretName": "the-secret"}},
            ],
        }}},
        "status": {"replicas": 2, "readyReplicas": 2},
    });
    json!({
        "version": 2,
        "config": {"trackedObjects": {"apps/v1.Deployment": {"podSpecTemplatePaths": ["/spec/template"]}}},
        "events": [{"ts": 1709241485, "applied_objs": [deployment], "deleted_objs": []}],
        "index": {"apps/v1.Deployment": {"default/test-deployment": 1u64}},
        "pod_lifecycles": {},
    })
}

#[test]
fn rules_agree_with_skctl_on_the_validation_trace_cases() {
    let Some(bin) = skctl("rules_agree_with_skctl_on_the_validation_trace_cases") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = write_msgpack(dir.path(), "validation.msgpack", &validation_trace());
    let counts = check_and_fix(&bin, &file, &["E0004"]);
    // skctl 2.7's own snapshot of its validation trace has these counts.
    let want: Counts = [("W0000", 1), ("E0001", 2), ("E0002", 2), ("E0003", 2), ("E0004", 1), ("E0005", 1)]
        .into_iter()
        .map(|(c, n)| (c.to_string(), n))
        .collect();
    assert_eq!(counts, want);

    // The fix removes the secret volume and its mount, and keeps the emptyDir and its mount.
    let fixed = dir.path().join("fixed.msgpack");
    fix(&file, &fixed, &[skstep::trace::rules::rule("E0004").unwrap()]).unwrap();
    let v: J = rmp_serde::from_slice(&std::fs::read(&fixed).unwrap()).unwrap();
    let spec = &v["events"][0]["applied_objs"][0]["spec"]["template"]["spec"];
    let vols: Vec<&str> = spec["volumes"].as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(vols, ["scratch", "cm-vol"]);
    let mounts: Vec<&str> =
        spec["containers"][0]["volumeMounts"].as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(mounts, ["cm-vol", "scratch"]);
    assert_eq!(v["events"][0]["applied_objs"][0]["status"]["replicas"], 2, "--only E0004 keeps the status");

    // The config after the events (the rules then take a second pass): the same counts.
    let mut v = read_value(&file);
    if let Value::Map(pairs) = &mut v {
        pairs.sort_by_key(|(k, _)| k.as_str() != Some("events"));
        assert_eq!(pairs[0].0.as_str(), Some("events"));
    }
    let late = dir.path().join("config-last.msgpack");
    let mut bytes = vec![];
    rmpv::encode::write_value(&mut bytes, &v).unwrap();
    std::fs::write(&late, bytes).unwrap();
    assert_eq!(check_and_fix(&bin, &late, &[]), want);
    // The index before the events: the fix still recomputes the hash of the fixed Deployment.
    if let Value::Map(pairs) = &mut v {
        pairs.sort_by_key(|(k, _)| k.as_str() != Some("index"));
    }
    let early = dir.path().join("index-first.msgpack");
    let mut bytes = vec![];
    rmpv::encode::write_value(&mut bytes, &v).unwrap();
    std::fs::write(&early, bytes).unwrap();
    let out = dir.path().join("index-first-fixed.msgpack");
    let o = fix(&early, &out, &RULES).unwrap();
    assert_eq!(o.index_updated, ["apps/v1.Deployment default/test-deployment"]);
    let j: J = rmp_serde::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_ne!(j["index"]["apps/v1.Deployment"]["default/test-deployment"], 1);

    // `run`'s preflight: an error for the Deployment whose pods would be missing, none for others.
    let (report, _) = scan(&file, &Options { max_gap: i64::MAX, now: 0 }).unwrap();
    let e = skstep::trace::validate::missing_pods_error(&report, &file, "test-deployment").expect("an error");
    assert!(e.to_string().contains("serviceaccount \"the-sa\" not found"), "{e}");
    assert!(format!("{e:?}").contains("--only E0001 E0002 E0003 E0004 E0005"), "{e:?}");
    assert!(skstep::trace::validate::missing_pods_error(&report, &file, "other").is_none());
}

use common::Rng;

const NAMES: [&str; 4] = ["alpha", "beta", "gamma", "k"];
const NAMESPACES: [&str; 2] = ["default", "team"];

fn pod_spec(rng: &mut Rng) -> J {
    let mut spec = serde_json::Map::new();
    let mut volumes = vec![];
    for v in 0..rng.below(4) {
        let name = format!("v{v}");
        let vol = match rng.below(4) {
            0 => json!({"name": name, "secret": {"secretName": rng.pick(&NAMES)}}),
            1 => json!({"name": name, "configMap": {"name": rng.pick(&NAMES)}}),
            2 => json!({"name": name, "secret": {}}),
            _ => json!({"name": name, "emptyDir": {}}),
        };
        volumes.push(vol);
    }
    let container = |rng: &mut Rng, cname: String| {
        let mut env = vec![];
        for e in 0..rng.below(4) {
            let (kind, _) = if rng.chance(50) { ("secretKeyRef", 0) } else { ("configMapKeyRef", 1) };
            env.push(match rng.below(3) {
                0 => json!({"name": format!("E{e}"), "value": "x"}),
                _ => json!({"name": format!("E{e}"), "valueFrom": {kind: {"name": rng.pick(&NAMES), "key": rng.pick(&NAMES)}}}),
            });
        }
        let mut env_from = vec![];
        for _ in 0..rng.below(3) {
            let mut entry = serde_json::Map::new();
            if rng.chance(60) {
                entry.insert("secretRef".into(), json!({"name": rng.pick(&NAMES)}));
            }
            if rng.chance(60) {
                entry.insert("configMapRef".into(), json!({"name": rng.pick(&NAMES)}));
            }
            env_from.push(J::Object(entry));
        }
        let mounts: Vec<J> =
            (0..rng.below(4)).map(|m| json!({"name": format!("v{m}"), "mountPath": format!("/m{m}")})).collect();
        json!({"name": cname, "image": "busybox", "env": env, "envFrom": env_from, "volumeMounts": mounts})
    };
    let containers: Vec<J> = (0..1 + rng.below(2)).map(|i| container(rng, format!("c{i}"))).collect();
    spec.insert("containers".into(), J::Array(containers));
    if rng.chance(40) {
        spec.insert("initContainers".into(), json!([container(rng, "init".into())]));
    }
    if rng.chance(50) {
        spec.insert("serviceAccountName".into(), json!(rng.pick(&NAMES)));
    }
    if rng.chance(30) {
        spec.insert("serviceAccount".into(), json!(rng.pick(&NAMES)));
    }
    spec.insert("volumes".into(), J::Array(volumes));
    J::Object(spec)
}

/// A random trace: ServiceAccounts, Secrets and ConfigMaps created and deleted over the events
/// (sometimes in the same event as the workloads that need them), and workloads of every tracked
/// pod template kind whose templates name some of them.
fn generated_trace(rng: &mut Rng) -> J {
    let kinds = [
        ("apps/v1", "Deployment", "apps/v1.Deployment"),
        ("apps/v1", "StatefulSet", "apps/v1.StatefulSet"),
        ("apps/v1", "DaemonSet", "apps/v1.DaemonSet"),
        ("batch/v1", "Job", "batch/v1.Job"),
        ("batch/v1", "CronJob", "batch/v1.CronJob"),
        ("v1", "Pod", "v1.Pod"),
        ("apps/v1", "ReplicaSet", "apps/v1.ReplicaSet"),
    ];
    let mut tracked = serde_json::Map::new();
    for (_, _, gvk) in kinds {
        if rng.chance(75) {
            tracked.insert(gvk.into(), json!({}));
        }
    }
    let mut evs = vec![];
    let mut index = serde_json::Map::new();
    for t in 0..1 + rng.below(5) {
        let (mut applied, mut deleted) = (vec![], vec![]);
        for _ in 0..rng.below(4) {
            let kind = rng.pick(&["ServiceAccount", "Secret", "ConfigMap"]);
            let obj = json!({"apiVersion": "v1", "kind": kind,
                "metadata": {"name": rng.pick(&NAMES), "namespace": rng.pick(&NAMESPACES)}});
            if rng.chance(75) { applied.push(obj) } else { deleted.push(obj) }
        }
        for w in 0..rng.below(4) {
            let (api, kind, gvk) = kinds[rng.below(kinds.len())];
            let ns = rng.pick(&NAMESPACES);
            let name = format!("w{t}-{w}");
            let spec = pod_spec(rng);
            let template = json!({"metadata": {"labels": {"app": name}}, "spec": spec});
            let body = match kind {
                "Pod" => spec,
                "CronJob" => json!({"schedule": "* * * * *", "jobTemplate": {"spec": {"template": template}}}),
                _ => json!({"replicas": 1, "template": template}),
            };
            let mut obj =
                json!({"apiVersion": api, "kind": kind, "metadata": {"name": name, "namespace": ns}, "spec": body});
            match rng.below(4) {
                0 => obj["status"] = json!({"replicas": 1}),
                1 => obj["status"] = json!({}),
                2 => obj["status"] = J::Null,
                _ => {}
            }
            if tracked.contains_key(gvk) {
                index.entry(gvk.to_string()).or_insert_with(|| json!({}))[format!("{ns}/{name}")] = json!(7u64);
            }
            applied.push(obj);
        }
        // Resources and the workloads that need them in one event, in either order.
        if rng.chance(50) {
            applied.reverse();
        }
        evs.push(json!({"ts": 1_700_000_000 + t as i64 * 10, "applied_objs": applied, "deleted_objs": deleted}));
    }
    json!({"version": 2, "config": {"trackedObjects": tracked}, "events": evs, "index": index, "pod_lifecycles": {}})
}

#[test]
fn rules_agree_with_skctl_on_generated_traces() {
    let Some(bin) = skctl("rules_agree_with_skctl_on_generated_traces") else { return };
    let seed = std::env::var("SKSTEP_RULES_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed7_u64);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Counts::new();
    for i in 0..60 {
        let file = write_msgpack(dir.path(), &format!("gen-{i}.msgpack"), &generated_trace(&mut rng));
        let only = [RULES[rng.below(6)].code, RULES[rng.below(6)].code];
        let counts = check_and_fix(&bin, &file, &only);
        for (c, n) in counts {
            *seen.entry(c).or_default() += n;
        }
    }
    // The generator must exercise every rule, or agreeing on zeros would prove nothing.
    for r in RULES {
        assert!(seen.get(r.code).is_some_and(|n| *n > 0), "seed {seed}: no trace had a {} finding: {seen:?}", r.code);
    }
    eprintln!("rules: 60 generated traces agree with skctl (seed {seed}): {seen:?}");
}

#[test]
fn fast_path_reports_what_the_exact_path_does_on_mutations() {
    // Byte flips, truncations and insertions in generated traces: whatever the verdict, the fast
    // path must reach the exact path's report (it hands every odd event to the exact path).
    let mut rng = Rng(0xfa57);
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        let mut bytes = rmp_serde::to_vec_named(&generated_trace(&mut rng)).unwrap();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(bytes.len());
            match rng.below(4) {
                0 => bytes[at] = rng.next() as u8,
                1 => bytes.truncate(at.max(1)),
                2 => bytes.insert(at, [0xc4, 0xc1, 0xc0, 0xdc, 0xa1, 0x80][rng.below(6)]),
                _ => bytes[at] ^= 0x80,
            }
        }
        let f = dir.path().join(format!("m{i}.msgpack"));
        std::fs::write(&f, &bytes).unwrap();
        let opts = Options { max_gap: 3600, now: 1_800_000_000 };
        match (scan(&f, &opts), skstep::trace::validate::scan_exact(&f, &opts)) {
            (Ok(_), Ok(_)) => same_as_exact(&f),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("m{i}: fast {:?} vs exact {:?}", a.map(|r| r.0.parses), b.map(|r| r.0.parses)),
        }
    }
}

#[test]
fn fix_keeps_unflagged_bytes_and_updates_the_index() {
    let f = common::trace("simarena-exported-far-future.msgpack");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fixed.msgpack");
    let o = fix(&f, &out, &[skstep::trace::rules::rule("E0001").unwrap()]).unwrap();
    assert_eq!(o.fixed.get("E0001"), Some(&26));
    let raw = |p: &Path| -> Vec<Vec<u8>> {
        // The raw bytes of every applied object, in order.
        let bytes = std::fs::read(p).unwrap();
        let v = read_value(p);
        let mut out = vec![];
        for ev in events(&v) {
            for o in objs(ev, "applied_objs") {
                let mut b = vec![];
                rmpv::encode::write_value(&mut b, o).unwrap();
                out.push(b);
            }
        }
        assert!(!bytes.is_empty());
        out
    };
    let (before, after) = (raw(&f), raw(&out));
    assert_eq!(before.len(), after.len());
    let changed = before.iter().zip(&after).filter(|(a, b)| a != b).count();
    assert_eq!(changed, o.objects_changed);
    // Every unchanged object's encoding appears verbatim in the output file.
    let out_bytes = std::fs::read(&out).unwrap();
    for (a, b) in before.iter().zip(&after) {
        if a == b {
            assert!(out_bytes.windows(a.len()).any(|w| w == a.as_slice()));
        }
    }
    // The index hash of a fixed Deployment is recomputed from its new spec.
    let v: J = rmp_serde::from_slice(&out_bytes).unwrap();
    let orig: J = rmp_serde::from_slice(&std::fs::read(&f).unwrap()).unwrap();
    assert!(o.index_updated.iter().any(|e| e == "apps/v1.Deployment kube-system/coredns"), "{:?}", o.index_updated);
    assert_ne!(
        v["index"]["apps/v1.Deployment"]["kube-system/coredns"],
        orig["index"]["apps/v1.Deployment"]["kube-system/coredns"]
    );
}

#[test]
fn validate_and_fix_cli() {
    let f = common::trace("simarena-exported-far-future.msgpack");
    let out = Command::cargo_bin("kubectl-skstep").unwrap().args(["trace", "validate"]).arg(&f).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("would play out with missing pods"), "{text}");
    assert!(text.contains("serviceaccount \"kube-state-metrics\" not found"), "{text}");
    assert!(text.contains("fix: run `kubectl skstep trace fix FILE -o FIXED.msgpack --only E0001`"), "{text}");

    let out = Command::cargo_bin("kubectl-skstep")
        .unwrap()
        .args(["trace", "validate", "-o", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let j: J = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["rule_counts"]["E0001"], 26);
    let first = &j["findings"][0];
    assert!(first["code"].is_string() && first["path"].is_string() && first["fix"].is_string(), "{first}");

    let dir = tempfile::tempdir().unwrap();
    let fixed = dir.path().join("fixed.msgpack");
    let out = Command::cargo_bin("kubectl-skstep")
        .unwrap()
        .args(["trace", "fix"])
        .arg(&f)
        .arg("-o")
        .arg(&fixed)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::cargo_bin("kubectl-skstep").unwrap().args(["trace", "validate"]).arg(&fixed).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));

    // A bad code is a usage error, and nothing is written.
    let bad = dir.path().join("bad.msgpack");
    let out = Command::cargo_bin("kubectl-skstep")
        .unwrap()
        .args(["trace", "fix"])
        .arg(&f)
        .arg("-o")
        .arg(&bad)
        .args(["--only", "E0009"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule code `E0009`"));
    assert!(!bad.exists());
    // A trace SimKube refuses is not "fixed".
    let out = Command::cargo_bin("kubectl-skstep")
        .unwrap()
        .args(["trace", "fix"])
        .arg(common::trace("simarena-missing-fields.msgpack"))
        .arg("-o")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!bad.exists());
}
