use std::cell::Cell;

use super::key::tests::parts;
use super::*;
use crate::cluster::observe::Transient;

fn obs(ready: u32, pending: u32, total: u32) -> Observation {
    Observation {
        ready,
        pending,
        total,
        running: ready,
        failed: 0,
        unscheduled: pending,
        nodes: [("n1".to_string(), ready)].into(),
        virtual_namespace: "virtual-default".into(),
        deployment: "web".into(),
        selector: "app=web".into(),
        desired_replicas: Some(total as i32),
        transient: Transient::default(),
    }
}

fn trace(dir: &Path) -> PathBuf {
    let p = dir.join("t.msgpack");
    std::fs::write(&p, b"trace bytes").unwrap();
    p
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

/// `through` with a simulation that counts its calls and returns `o`.
fn through(cache: &Cache, p: &KeyParts, t: &Path, o: &Observation, calls: &Cell<u32>) -> Served {
    block_on(cache.through(p, t, "ctx", async || {
        calls.set(calls.get() + 1);
        Ok((o.clone(), "sim-1".to_string()))
    }))
    .unwrap()
}

#[test]
fn a_settled_miss_is_stored_and_the_next_lookup_is_served_without_simulating() {
    let dir = tempfile::tempdir().unwrap();
    let t = trace(dir.path());
    let cache = Cache::open(&dir.path().join("c"), 0.0, 1).unwrap();
    let calls = Cell::new(0);
    let first = through(&cache, &parts(), &t, &obs(2, 0, 2), &calls);
    assert!(!first.note.hit && first.note.stored, "{:?}", first.note);
    assert_eq!(calls.get(), 1);
    // Another answer from the "cluster" now: a hit must not ask it.
    let second = through(&cache, &parts(), &t, &obs(0, 2, 2), &calls);
    assert!(second.note.hit && !second.note.stored);
    assert_eq!(calls.get(), 1, "a hit runs no simulation");
    assert_eq!(second.observation, obs(2, 0, 2));
    // The entry is where its key says, with its parts and trace.
    let entry = cache.store().read_entry(&cache.store().entry_path(&parts().key())).unwrap().unwrap();
    assert_eq!((entry.parts, entry.context.as_str(), entry.sim_name.as_str()), (parts(), "ctx", "sim-1"));
    assert_eq!(std::fs::read(cache.store().trace_path(&parts().trace_sha256)).unwrap(), b"trace bytes");
    // Another key misses.
    let other = KeyParts { duration_s: 9, ..parts() };
    assert!(!through(&cache, &other, &t, &obs(2, 0, 2), &calls).note.hit);
    assert_eq!(calls.get(), 2);
}

#[test]
fn an_unsettled_observation_is_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let t = trace(dir.path());
    let cache = Cache::open(dir.path(), 0.0, 1).unwrap();
    let calls = Cell::new(0);
    let starting = Observation { transient: Transient { starting: 1, ..Default::default() }, ..obs(1, 1, 2) };
    let s = through(&cache, &parts(), &t, &starting, &calls);
    assert!(!s.note.stored && s.note.not_stored.as_deref().unwrap().contains("1 starting"), "{:?}", s.note);
    let short = Observation { desired_replicas: Some(3), ..obs(2, 0, 2) };
    let s = through(&cache, &parts(), &t, &short, &calls);
    assert_eq!(s.note.not_stored.as_deref(), Some("not settled: 2 pods for 3 replicas"));
    assert_eq!(calls.get(), 2, "nothing stored, so both simulated");
    assert!(cache.store().entry_files().unwrap().is_empty());
    // Pending pods the scheduler judged unschedulable are settled: they stay as they are.
    assert_eq!(unsettled(&obs(1, 2, 3)), None);
}

#[test]
fn verify_catches_a_planted_disagreement_and_the_key_is_never_served_again() {
    let dir = tempfile::tempdir().unwrap();
    let t = trace(dir.path());
    let calls = Cell::new(0);
    let real = obs(2, 0, 2);
    {
        let cache = Cache::open(dir.path(), 0.0, 1).unwrap();
        assert!(through(&cache, &parts(), &t, &real, &calls).note.stored);
    }
    // Plant: edit the stored observation on disk.
    let store = Store::open(dir.path()).unwrap();
    let path = store.entry_path(&parts().key());
    let text = std::fs::read_to_string(&path).unwrap().replace("\"ready\": 2", "\"ready\": 1");
    std::fs::write(&path, text).unwrap();
    assert_eq!(store.read_entry(&path).unwrap().unwrap().observation.ready, 1);

    let cache = Cache::open(dir.path(), 1.0, 1).unwrap();
    let v = through(&cache, &parts(), &t, &real, &calls);
    assert_eq!(calls.get(), 2, "verified: simulated again");
    assert_eq!((v.note.hit, v.note.verified, v.note.poisoned), (false, Some(false), true));
    assert_eq!(v.observation, real, "the fresh observation is the answer");
    let log = cache.store().disagreements().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].diff, ["ready 1 != 2"]);
    assert_eq!(cache.store().poisoned_keys().unwrap(), [parts().key()]);

    // Never served again, also without verification, and never stored again.
    let cache = Cache::open(dir.path(), 0.0, 1).unwrap();
    for _ in 0..3 {
        let s = through(&cache, &parts(), &t, &real, &calls);
        assert!(!s.note.hit && s.note.poisoned && !s.note.stored);
    }
    assert_eq!(calls.get(), 5);
    assert!(!cache.store().store(&cache.store().read_entry(&path).unwrap().unwrap(), &t).unwrap());
}

#[test]
fn an_agreeing_verification_keeps_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let t = trace(dir.path());
    let calls = Cell::new(0);
    let cache = Cache::open(dir.path(), 1.0, 1).unwrap();
    through(&cache, &parts(), &t, &obs(2, 0, 2), &calls);
    let v = through(&cache, &parts(), &t, &obs(2, 0, 2), &calls);
    assert_eq!((v.note.verified, v.note.poisoned, calls.get()), (Some(true), false, 2));
    assert!(cache.store().disagreements().unwrap().is_empty());
    assert!(matches!(cache.store().lookup(&parts()).unwrap(), Lookup::Hit(_)));
}

#[test]
fn a_corrupt_or_misnamed_entry_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let t = trace(dir.path());
    let cache = Cache::open(dir.path(), 0.0, 1).unwrap();
    through(&cache, &parts(), &t, &obs(2, 0, 2), &Cell::new(0));
    let path = cache.store().entry_path(&parts().key());
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &good[..good.len() / 2]).unwrap();
    let e = cache.store().lookup(&parts()).unwrap_err();
    assert!(e.to_string().contains(&path.display().to_string()) && e.to_string().contains("not a cache entry"), "{e}");
    assert!(e.hint().unwrap().contains("cache clear"));
    // Parts edited: the file no longer is what its name says.
    std::fs::write(&path, good.replace("\"deploy\": \"web\"", "\"deploy\": \"api\"")).unwrap();
    let e = cache.store().lookup(&parts()).unwrap_err();
    assert!(e.to_string().contains("other parts than its key"), "{e}");
    assert_eq!(Cache::open(dir.path(), 1.5, 0).unwrap_err().exit_code(), crate::error::exit::USAGE);
}

#[test]
fn the_verify_draw_is_seeded_and_hits_its_fraction() {
    let k = parts().key();
    let picked = |seed| (0..4000).filter(|&n| draw(seed, &k, n, 0.25)).count();
    assert_eq!(picked(7), picked(7), "reproducible");
    let n = picked(7);
    assert!((900..1100).contains(&n), "{n} of 4000 at 0.25");
    assert_ne!(
        (0..64).map(|n| draw(7, &k, n, 0.5)).collect::<Vec<_>>(),
        (0..64).map(|n| draw(8, &k, n, 0.5)).collect::<Vec<_>>()
    );
    assert!((0..100).all(|n| !draw(7, &k, n, 0.0)) && (0..100).all(|n| draw(7, &k, n, 1.0)));
}

#[test]
fn clear_empties_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let t = trace(dir.path());
    let cache = Cache::open(dir.path(), 0.0, 1).unwrap();
    through(&cache, &parts(), &t, &obs(2, 0, 2), &Cell::new(0));
    assert_eq!(cache.store().entry_files().unwrap().len(), 1);
    cache.store().clear().unwrap();
    assert!(cache.store().entry_files().unwrap().is_empty());
    assert!(matches!(cache.store().lookup(&parts()).unwrap(), Lookup::Miss));
}

/// The environment variable that makes [`concurrent_writer_child`] a writer process.
const CHILD: &str = "SKSTEP_CACHE_TEST_CHILD";
const KEYS: u32 = 40;

/// One of the writer processes of the test below (run only by it): stores KEYS entries, 5 of
/// them shared with every other writer, and logs 10 disagreements.
#[test]
#[ignore = "a writer process of concurrent_writer_processes_lose_nothing, run by it"]
fn concurrent_writer_child() {
    let Ok(spec) = std::env::var(CHILD) else { return };
    let (dir, id) = spec.split_once('|').unwrap();
    let dir = Path::new(dir);
    let t = dir.join(format!("t{id}.msgpack"));
    std::fs::write(&t, format!("trace of writer {id}")).unwrap();
    let store = Store::open(dir).unwrap();
    for i in 0..KEYS {
        // Keys 0..5 are written by every process; the rest are this process's own.
        let p = if i < 5 {
            KeyParts { duration_s: i64::from(i), ..parts() }
        } else {
            KeyParts { duration_s: i64::from(i), deploy: format!("w{id}"), ..parts() }
        };
        let o = obs(i % 7, 0, i % 7);
        let e = Entry {
            key: p.key(),
            parts: p,
            observation: o.clone(),
            stored_at: now(),
            context: id.into(),
            sim_name: format!("s{i}"),
        };
        assert!(store.store(&e, &t).unwrap());
        if i % 4 == 0 {
            store
                .record_disagreement(&Disagreement {
                    key: format!("{id}-{i}"),
                    at: now(),
                    context: id.into(),
                    sim_name: "s".into(),
                    stored: o.clone(),
                    fresh: o,
                    diff: vec![format!("writer {id} line {i}")],
                })
                .unwrap();
        }
    }
}

#[test]
fn concurrent_writer_processes_lose_nothing() {
    if std::env::var(CHILD).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let writers = 4;
    let children: Vec<_> = (0..writers)
        .map(|id| {
            std::process::Command::new(&exe)
                .args(["--exact", "cache::tests::concurrent_writer_child", "--ignored", "--test-threads", "1", "-q"])
                .env(CHILD, format!("{}|{id}", dir.path().display()))
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let store = Store::open_existing(dir.path()).unwrap();
    // 5 shared keys + (KEYS - 5) of each writer's own, every file whole.
    let files = store.entry_files().unwrap();
    assert_eq!(files.len(), 5 + writers * (KEYS as usize - 5));
    for f in &files {
        let e = store.read_entry(f).unwrap().unwrap();
        assert_eq!(f.file_stem().unwrap().to_str().unwrap(), e.parts.key());
    }
    let log = store.disagreements().unwrap();
    assert_eq!(log.len(), writers * 10, "every line of every writer, none torn");
    let mut lines: Vec<String> = log.iter().map(|d| d.diff[0].clone()).collect();
    lines.sort();
    lines.dedup();
    assert_eq!(lines.len(), writers * 10);
    // No temporary file left behind.
    let stray = walk(dir.path()).into_iter().filter(|p| p.to_string_lossy().ends_with(".tmp")).count();
    assert_eq!(stray, 0);
}

fn walk(d: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(d).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}
