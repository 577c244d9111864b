//! The acceptance test of `trace validate`: its accept/reject verdict equals SimKube 2.7.0's
//! parser (`sk_store::ExportedTrace::import`) on every fixture and on a generated set of
//! mutations of them.

mod common;

use rmpv::Value;
use skstep::trace::validate::{Options, scan};

fn encode(v: &Value) -> Vec<u8> {
    let mut out = vec![];
    rmpv::encode::write_value(&mut out, v).unwrap();
    out
}

fn decode(bytes: &[u8]) -> Value {
    rmpv::decode::read_value(&mut &bytes[..]).unwrap()
}

fn s(x: &str) -> Value {
    Value::from(x)
}

fn map(pairs: Vec<(&str, Value)>) -> Value {
    Value::Map(pairs.into_iter().map(|(k, v)| (s(k), v)).collect())
}

fn samples() -> Vec<(&'static str, Value)> {
    vec![
        ("nil", Value::Nil),
        ("bool", Value::Boolean(true)),
        ("int", Value::from(7)),
        ("negint", Value::from(-7)),
        ("float", Value::F64(1.5)),
        ("str", s("x")),
        ("bin", Value::Binary(b"x".to_vec())),
        ("ext", Value::Ext(1, vec![0])),
        ("emptyarray", Value::Array(vec![])),
        ("emptymap", Value::Map(vec![])),
    ]
}

fn get_mut<'a>(v: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    match v {
        Value::Map(pairs) => pairs.iter_mut().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v),
        _ => None,
    }
}

fn remove(v: &mut Value, key: &str) {
    if let Value::Map(pairs) = v {
        pairs.retain(|(k, _)| k.as_str() != Some(key));
    }
}

fn set(v: &mut Value, key: &str, new: Value) {
    match get_mut(v, key) {
        Some(slot) => *slot = new,
        None => {
            if let Value::Map(pairs) = v {
                pairs.push((s(key), new))
            }
        }
    }
}

/// A mutation: a name and the function that changes the trace.
type Mutation = (String, Box<dyn Fn(&mut Value)>);

fn mutations() -> Vec<Mutation> {
    let mut m: Vec<Mutation> = vec![];
    #[allow(non_upper_case_globals)]
    const top: [&str; 5] = ["version", "config", "events", "index", "pod_lifecycles"];
    for f in top {
        m.push((format!("drop {f}"), Box::new(move |t| remove(t, f))));
        for (name, val) in samples() {
            m.push((format!("{f} = {name}"), Box::new(move |t| set(t, f, val.clone()))));
        }
    }
    for (name, v) in [("1", Value::from(1)), ("3", Value::from(3)), ("65538", Value::from(65538)), ("str 2", s("2"))] {
        m.push((format!("version {name}"), Box::new(move |t| set(t, "version", v.clone()))));
    }
    m.push((
        "duplicate version".into(),
        Box::new(|t| {
            if let Value::Map(p) = t {
                p.push((s("version"), Value::from(2)))
            }
        }),
    ));
    m.push(("extra top-level key".into(), Box::new(|t| set(t, "metadata", map(vec![("a", s("b"))])))));
    m.push((
        "int key 0 for version".into(),
        Box::new(|t| {
            remove(t, "version");
            if let Value::Map(p) = t {
                p.push((Value::from(0), Value::from(2)))
            }
        }),
    ));
    m.push((
        "nil key".into(),
        Box::new(|t| {
            if let Value::Map(p) = t {
                p.push((Value::Nil, Value::from(2)))
            }
        }),
    ));
    m.push((
        "root as array".into(),
        Box::new(|t| {
            let vals: Vec<Value> = top.iter().map(|f| get_mut(t, f).map(|v| v.clone()).unwrap_or(Value::Nil)).collect();
            *t = Value::Array(vals);
        }),
    ));
    m.push((
        "root as short array".into(),
        Box::new(|t| {
            let vals: Vec<Value> =
                top[..4].iter().map(|f| get_mut(t, f).map(|v| v.clone()).unwrap_or(Value::Nil)).collect();
            *t = Value::Array(vals);
        }),
    ));

    // config
    let cfg = |f: Box<dyn Fn(&mut Value)>| -> Box<dyn Fn(&mut Value)> {
        Box::new(move |t| {
            if let Some(c) = get_mut(t, "config").and_then(|c| get_mut(c, "trackedObjects")) {
                f(c)
            }
        })
    };
    m.push(("config without trackedObjects".into(), Box::new(|t| set(t, "config", map(vec![])))));
    m.push((
        "config with extra key".into(),
        Box::new(|t| {
            if let Some(c) = get_mut(t, "config") {
                set(c, "other", Value::from(1))
            }
        }),
    ));
    for bad in ["apps/v1/Deployment", "Deployment", "apps/v1.Deploy.ment", "v1Pod", "/v1.Pod", "apps.v1/Deployment"] {
        m.push((
            format!("tracked gvk {bad}"),
            cfg(Box::new(move |c| {
                set(c, bad, map(vec![("podSpecTemplatePaths", Value::Array(vec![s("/spec/template")]))]))
            })),
        ));
    }
    m.push((
        "tracked gvk int key".into(),
        cfg(Box::new(|c| {
            if let Value::Map(p) = c {
                p.push((Value::from(5), map(vec![])))
            }
        })),
    ));
    m.push((
        "tracked unknown field".into(),
        cfg(Box::new(|c| set(c, "apps/v1.Deployment", map(vec![("foo", Value::from(1))])))),
    ));
    m.push((
        "tracked wrong path".into(),
        cfg(Box::new(|c| {
            set(c, "apps/v1.Deployment", map(vec![("podSpecTemplatePaths", Value::Array(vec![s("/spec")]))]))
        })),
    ));
    m.push((
        "tracked deprecated wrong path".into(),
        cfg(Box::new(|c| set(c, "apps/v1.Deployment", map(vec![("podSpecTemplatePath", s("/x"))])))),
    ));
    m.push((
        "tracked empty paths".into(),
        cfg(Box::new(|c| set(c, "apps/v1.Deployment", map(vec![("podSpecTemplatePaths", Value::Array(vec![]))])))),
    ));
    m.push((
        "tracked nil paths".into(),
        cfg(Box::new(|c| set(c, "apps/v1.Deployment", map(vec![("podSpecTemplatePaths", Value::Nil)])))),
    ));
    m.push(("tracked custom gvk no path".into(), cfg(Box::new(|c| set(c, "example.com/v1.Widget", map(vec![]))))));
    m.push((
        "tracked custom gvk with path".into(),
        cfg(Box::new(|c| {
            set(c, "example.com/v1.Widget", map(vec![("podSpecTemplatePaths", Value::Array(vec![s("/spec/t")]))]))
        })),
    ));
    m.push((
        "tracked lifecycle as int".into(),
        cfg(Box::new(|c| set(c, "batch/v1.Job", map(vec![("trackLifecycle", Value::from(1))])))),
    ));
    m.push((
        "tracked as array".into(),
        cfg(Box::new(|c| set(c, "batch/v1.Job", Value::Array(vec![Value::Nil, Value::Nil, Value::Boolean(true)])))),
    ));
    m.push((
        "tracked as short array".into(),
        cfg(Box::new(|c| set(c, "batch/v1.Job", Value::Array(vec![Value::Nil])))),
    ));
    m.push(("tracked pod path".into(), cfg(Box::new(|c| set(c, "v1.Pod", map(vec![]))))));
    m.push((
        "tracked replicaset template path".into(),
        cfg(Box::new(|c| {
            set(c, "apps/v1.ReplicaSet", map(vec![("podSpecTemplatePaths", Value::Array(vec![s("/spec/template")]))]))
        })),
    ));

    // events and objects
    let ev0 = |f: Box<dyn Fn(&mut Value)>| -> Box<dyn Fn(&mut Value)> {
        Box::new(move |t| {
            if let Some(Value::Array(evs)) = get_mut(t, "events") {
                if evs.is_empty() {
                    evs.push(map(vec![
                        ("ts", Value::from(1)),
                        ("applied_objs", Value::Array(vec![])),
                        ("deleted_objs", Value::Array(vec![])),
                    ]));
                }
                f(&mut evs[0])
            }
        })
    };
    for field in ["ts", "applied_objs", "deleted_objs"] {
        m.push((format!("event drop {field}"), ev0(Box::new(move |e| remove(e, field)))));
        for (name, val) in samples() {
            m.push((format!("event {field} = {name}"), ev0(Box::new(move |e| set(e, field, val.clone())))));
        }
    }
    m.push(("event ts u64 max".into(), ev0(Box::new(|e| set(e, "ts", Value::from(u64::MAX))))));
    m.push((
        "event as array".into(),
        ev0(Box::new(|e| {
            let vals = ["ts", "applied_objs", "deleted_objs"].iter().map(|k| get_mut(e, k).unwrap().clone()).collect();
            *e = Value::Array(vals)
        })),
    ));
    let obj = |f: Box<dyn Fn(&mut Value)>| -> Box<dyn Fn(&mut Value)> {
        ev0(Box::new(move |e| {
            if let Some(Value::Array(objs)) = get_mut(e, "applied_objs") {
                if objs.is_empty() {
                    objs.push(map(vec![
                        ("apiVersion", s("v1")),
                        ("kind", s("ConfigMap")),
                        ("metadata", map(vec![("name", s("c")), ("namespace", s("default"))])),
                    ]));
                }
                f(&mut objs[0])
            }
        }))
    };
    for (name, val) in samples() {
        let (v1, v2, v3, v4) = (val.clone(), val.clone(), val.clone(), val.clone());
        m.push((format!("object = {name}"), obj(Box::new(move |o| *o = v1.clone()))));
        m.push((format!("metadata = {name}"), obj(Box::new(move |o| set(o, "metadata", v2.clone())))));
        m.push((format!("spec = {name}"), obj(Box::new(move |o| set(o, "spec", v3.clone())))));
        m.push((format!("apiVersion = {name}"), obj(Box::new(move |o| set(o, "apiVersion", v4.clone())))));
        for mf in [
            "name",
            "namespace",
            "labels",
            "annotations",
            "creationTimestamp",
            "generation",
            "finalizers",
            "ownerReferences",
            "uid",
            "unknownField",
        ] {
            let v2 = val.clone();
            m.push((
                format!("metadata.{mf} = {name}"),
                obj(Box::new(move |o| {
                    if let Some(md) = get_mut(o, "metadata") {
                        set(md, mf, v2.clone())
                    }
                })),
            ));
        }
    }
    m.push(("drop metadata".into(), obj(Box::new(|o| remove(o, "metadata")))));
    m.push((
        "labels int value".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(md, "labels", map(vec![("a", Value::from(1))]))
            }
        })),
    ));
    m.push((
        "creationTimestamp ok".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(md, "creationTimestamp", s("2024-03-20T01:02:03Z"))
            }
        })),
    ));
    m.push((
        "creationTimestamp bad".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(md, "creationTimestamp", s("yesterday"))
            }
        })),
    ));
    m.push((
        "ownerReference missing uid (defaulted)".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(
                    md,
                    "ownerReferences",
                    Value::Array(vec![map(vec![("apiVersion", s("v1")), ("kind", s("X")), ("name", s("n"))])]),
                )
            }
        })),
    ));
    m.push((
        "ownerReference ok".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(
                    md,
                    "ownerReferences",
                    Value::Array(vec![map(vec![
                        ("apiVersion", s("v1")),
                        ("kind", s("X")),
                        ("name", s("n")),
                        ("uid", s("u")),
                        ("controller", Value::Boolean(true)),
                    ])]),
                )
            }
        })),
    ));
    m.push((
        "ownerReference uid int".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(md, "ownerReferences", Value::Array(vec![map(vec![("uid", Value::from(1))])]))
            }
        })),
    ));
    m.push((
        "ownerReference controller str".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(md, "ownerReferences", Value::Array(vec![map(vec![("controller", s("yes"))])]))
            }
        })),
    ));
    m.push((
        "managedFields ok".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(
                    md,
                    "managedFields",
                    Value::Array(vec![map(vec![
                        ("manager", s("k")),
                        ("time", s("2024-03-20T01:02:03Z")),
                        ("fieldsV1", map(vec![("f:spec", map(vec![]))])),
                    ])]),
                )
            }
        })),
    ));
    m.push((
        "managedFields bad time".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(md, "managedFields", Value::Array(vec![map(vec![("time", Value::from(5))])]))
            }
        })),
    ));
    m.push((
        "managedFields bin in fieldsV1".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(md, "managedFields", Value::Array(vec![map(vec![("fieldsV1", Value::Binary(vec![1]))])]))
            }
        })),
    ));
    m.push((
        "metadata int key".into(),
        obj(Box::new(|o| {
            if let Some(Value::Map(p)) = get_mut(o, "metadata") {
                p.push((Value::from(1), Value::from(1)))
            }
        })),
    ));
    m.push((
        "metadata bin name".into(),
        obj(Box::new(|o| {
            if let Some(md) = get_mut(o, "metadata") {
                set(md, "name", Value::Binary(b"web".to_vec()))
            }
        })),
    ));
    m.push((
        "data int key".into(),
        obj(Box::new(|o| {
            if let Value::Map(p) = o {
                p.push((Value::from(1), Value::from(1)))
            }
        })),
    ));
    m.push((
        "nested data int key".into(),
        obj(Box::new(|o| set(o, "spec", Value::Map(vec![(Value::from(1), Value::from(1))])))),
    ));
    m.push((
        "nested bin in data".into(),
        obj(Box::new(|o| set(o, "spec", map(vec![("x", Value::Array(vec![Value::Binary(vec![1])]))])))),
    ));
    m.push((
        "duplicate metadata".into(),
        obj(Box::new(|o| {
            if let Value::Map(p) = o {
                p.push((s("metadata"), map(vec![])))
            }
        })),
    ));
    m.push((
        "deep nesting 2000".into(),
        obj(Box::new(|o| {
            let mut v = Value::Nil;
            for _ in 0..2000 {
                v = Value::Array(vec![v]);
            }
            set(o, "spec", v)
        })),
    ));
    m.push((
        "deep nesting 500".into(),
        obj(Box::new(|o| {
            let mut v = Value::Nil;
            for _ in 0..500 {
                v = Value::Array(vec![v]);
            }
            set(o, "spec", v)
        })),
    ));

    // index
    let idx = |f: Box<dyn Fn(&mut Value)>| -> Box<dyn Fn(&mut Value)> {
        Box::new(move |t| {
            if let Some(i) = get_mut(t, "index") {
                f(i)
            }
        })
    };
    m.push((
        "index bad gvk".into(),
        idx(Box::new(|i| set(i, "apps/v1/Deployment", map(vec![("a/b", Value::from(1))])))),
    ));
    m.push((
        "index negative hash".into(),
        idx(Box::new(|i| set(i, "apps/v1.Deployment", map(vec![("a/b", Value::from(-1))])))),
    ));
    m.push(("index string hash".into(), idx(Box::new(|i| set(i, "apps/v1.Deployment", map(vec![("a/b", s("1"))]))))));
    m.push(("index inner array".into(), idx(Box::new(|i| set(i, "apps/v1.Deployment", Value::Array(vec![]))))));

    // pod lifecycles
    let pl = |entry: Value| -> Box<dyn Fn(&mut Value)> {
        Box::new(move |t| {
            let key = Value::Array(vec![s("batch/v1.CronJob"), s("default/x")]);
            set(
                t,
                "pod_lifecycles",
                Value::Map(vec![(key, Value::Map(vec![(Value::from(42), Value::Array(vec![entry.clone()]))]))]),
            );
        })
    };
    for (name, entry) in [
        ("Empty str", s("Empty")),
        ("Empty map nil", map(vec![("Empty", Value::Nil)])),
        ("Empty index", Value::from(0)),
        ("Running", map(vec![("Running", Value::from(5))])),
        ("Running str", map(vec![("Running", s("5"))])),
        ("Running unit", s("Running")),
        ("Finished", map(vec![("Finished", Value::Array(vec![Value::from(1), Value::from(2)]))])),
        ("Finished short", map(vec![("Finished", Value::Array(vec![Value::from(1)]))])),
        ("Finished long", map(vec![("Finished", Value::Array(vec![Value::from(1), Value::from(2), Value::from(3)]))])),
        ("Finished by index", Value::Map(vec![(Value::from(2), Value::Array(vec![Value::from(1), Value::from(2)]))])),
        ("Bogus", map(vec![("Bogus", Value::from(1))])),
        ("two keys", map(vec![("Running", Value::from(1)), ("Empty", Value::Nil)])),
    ] {
        m.push((format!("lifecycle {name}"), pl(entry)));
    }
    m.push(("lifecycle str key".into(), Box::new(|t| set(t, "pod_lifecycles", map(vec![("x", map(vec![]))])))));
    m.push((
        "lifecycle 3-tuple key".into(),
        Box::new(|t| {
            set(t, "pod_lifecycles", Value::Map(vec![(Value::Array(vec![s("v1.Pod"), s("a/b"), s("c")]), map(vec![]))]))
        }),
    ));
    m.push((
        "lifecycle bad gvk key".into(),
        Box::new(|t| set(t, "pod_lifecycles", Value::Map(vec![(Value::Array(vec![s("Pod"), s("a/b")]), map(vec![]))]))),
    ));
    m.push((
        "lifecycle negative hash".into(),
        Box::new(|t| {
            set(
                t,
                "pod_lifecycles",
                Value::Map(vec![(
                    Value::Array(vec![s("v1.Pod"), s("a/b")]),
                    Value::Map(vec![(Value::from(-3), Value::Array(vec![]))]),
                )]),
            )
        }),
    ));
    m
}

fn check(name: &str, bytes: &[u8], mismatches: &mut Vec<String>, counts: &mut (usize, usize)) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.msgpack");
    std::fs::write(&path, bytes).unwrap();
    let opts = Options { max_gap: 3600, now: 2_000_000_000 };
    let (report, _) = scan(&path, &opts).unwrap();
    let theirs = common::sk_parses(bytes);
    if theirs.is_ok() {
        counts.0 += 1
    } else {
        counts.1 += 1
    }
    if report.parses != theirs.is_ok() {
        mismatches.push(format!(
            "{name}: ours parses={} {:?} | sk-store: {}",
            report.parses,
            report.rejections.first().map(|f| format!("{}: {}", f.path, f.message)),
            theirs.err().unwrap_or_else(|| "ok".into()).replace('\n', " ")
        ));
    }
}

#[test]
fn fixtures_match_sk_store_verdict() {
    let mut mismatches = vec![];
    let mut counts = (0, 0);
    for f in common::msgpack_fixtures() {
        check(&f.display().to_string(), &std::fs::read(&f).unwrap(), &mut mismatches, &mut counts);
    }
    assert!(mismatches.is_empty(), "verdicts differ:\n{}", mismatches.join("\n"));
    // tests/fixtures/README.md says which fixtures SimKube refuses: three legacy/missing-field traces.
    assert_eq!(counts.1, 3, "expected exactly the three legacy/missing-field fixtures to be refused");
}

#[test]
fn mutations_match_sk_store_verdict() {
    // Deep-nesting mutations recurse ~1000 levels in serde (theirs) and in our reader.
    std::thread::Builder::new().stack_size(256 << 20).spawn(mutations_body).unwrap().join().unwrap();
}

fn mutations_body() {
    let mut mismatches = vec![];
    let mut counts = (0, 0);
    let bases = ["simkube-cronjob.sktrace", "simarena-demo-deprecated-path.msgpack", "simkube-bare-pods.sktrace"];
    let muts = mutations();
    for base in bases {
        let original = decode(&std::fs::read(common::trace(base)).unwrap());
        for (name, f) in &muts {
            let mut t = original.clone();
            f(&mut t);
            check(&format!("{base}: {name}"), &encode(&t), &mut mismatches, &mut counts);
        }
        let bytes = encode(&original);
        // Truncations at many points, and trailing garbage.
        for cut in (1..bytes.len()).step_by((bytes.len() / 40).max(1)) {
            check(&format!("{base}: truncated at {cut}"), &bytes[..cut], &mut mismatches, &mut counts);
        }
        let mut trailing = bytes.clone();
        trailing.extend_from_slice(&[0xc1, 0xff, 0x00]);
        check(&format!("{base}: trailing bytes"), &trailing, &mut mismatches, &mut counts);
    }
    eprintln!("{} mutated traces: {} accepted, {} refused by sk-store", counts.0 + counts.1, counts.0, counts.1);
    assert!(
        mismatches.is_empty(),
        "{} of {} verdicts differ:\n{}",
        mismatches.len(),
        counts.0 + counts.1,
        mismatches.join("\n")
    );
    assert!(counts.0 > 50 && counts.1 > 100, "the mutation set must exercise both verdicts: {counts:?}");
}
