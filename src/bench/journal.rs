//! The resume journal: `<results file>.journal/` beside the results, holding `header.json` (what
//! is benched: suite, split, agent, seed, repeats, simulation settings, and each scenario's file
//! digest) and one file per finished run, `runs/<scenario>.r<repeat>.json`, each written
//! atomically when its episode ends. A bench started again with the same `-o` continues: the
//! runs there are not played again, and since a run's file is named by (scenario, repeat) no
//! scenario's repeat is ever counted twice. A header that differs is refused, naming what differs:
//! results of two settings are never mixed. An exclusive lock keeps two benches off one journal.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::metrics::Run;
use super::results::Settings;
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

pub const SCHEMA: &str = "skstep.bench.journal/v1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub schema: String,
    pub bench_run: String,
    pub settings: Settings,
    /// Scenario id → sha256 of its file: an edited scenario is a different bench.
    pub scenarios: BTreeMap<String, String>,
}

pub struct Journal {
    dir: PathBuf,
    _lock: File,
}

/// Where the journal of `results` lives.
pub fn dir_for(results: &Path) -> PathBuf {
    let mut name = results.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "bench".into());
    name.push(".journal");
    results.with_file_name(name)
}

/// A file name for a run: the id's safe characters, then the repeat.
fn run_file(scenario: &str, repeat: u32) -> String {
    let safe: String =
        scenario.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    // Two ids that differ only in unsafe characters must not share a file: add their digest.
    let tag = if safe == scenario { String::new() } else { format!("-{}", &digest(scenario)[..8]) };
    format!("{safe}{tag}.r{repeat:03}.json")
}

fn digest(s: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Journal {
    /// Opens the journal in `dir` for `want`, creating it if absent. Returns the journal, the
    /// header in force (a resumed one keeps its `bench_run`) and the runs already finished.
    pub fn open(dir: &Path, want: &Header) -> Result<(Journal, Header, Vec<Run>)> {
        std::fs::create_dir_all(dir.join("runs")).map_err(|e| Error::io(dir, e))?;
        let lock_path = dir.join(".lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        if lock.try_lock().is_err() {
            return Err(Error::usage(
                format!("{}: another bench is writing this journal", dir.display()),
                Some("wait for it, or give this bench another -o".to_string()),
            ));
        }
        let header_path = dir.join("header.json");
        let header = match std::fs::read(&header_path) {
            Ok(b) => {
                let have: Header = serde_json::from_slice(&b).map_err(|e| {
                    Error::bad_input(
                        format!("{}: not a bench journal header ({SCHEMA}): {e}", header_path.display()),
                        Some(format!("remove {} to start the bench over", dir.display())),
                    )
                })?;
                refuse_mix(dir, &have, want)?;
                have
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                write_json(&header_path, want)?;
                want.clone()
            }
            Err(e) => return Err(Error::io(&header_path, e)),
        };
        let journal = Journal { dir: dir.into(), _lock: lock };
        let runs = journal.runs(&header)?;
        Ok((journal, header, runs))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keeps a finished run (atomically: a crash leaves it whole or absent).
    pub fn record(&self, run: &Run) -> Result<()> {
        write_json(&self.dir.join("runs").join(run_file(&run.scenario, run.repeat)), run)
    }

    fn runs(&self, header: &Header) -> Result<Vec<Run>> {
        let dir = self.dir.join("runs");
        let mut names = vec![];
        for e in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let name = e.map_err(|e| Error::io(&dir, e))?.file_name();
            let name = name.to_string_lossy().into_owned();
            // AtomicOut's temporary files (`.skstep-*.tmp`) of a run cut short are not runs.
            if name.ends_with(".json") && !name.starts_with('.') {
                names.push(name);
            }
        }
        names.sort();
        let mut out = vec![];
        for name in names {
            let p = dir.join(&name);
            let b = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
            let run: Run = serde_json::from_slice(&b).map_err(|e| {
                Error::bad_input(
                    format!("{}: not a finished run: {e}", p.display()),
                    Some(format!("remove {} to play that run again", p.display())),
                )
            })?;
            let known = header.scenarios.contains_key(&run.scenario);
            if !known
                || run.repeat == 0
                || run.repeat > header.settings.repeats
                || run_file(&run.scenario, run.repeat) != name
            {
                return Err(Error::bad_input(
                    format!(
                        "{}: run {} repeat {} does not belong to this bench ({} scenarios, {} repeats)",
                        p.display(),
                        run.scenario,
                        run.repeat,
                        header.scenarios.len(),
                        header.settings.repeats
                    ),
                    Some(format!("remove {} to play that run again", p.display())),
                ));
            }
            out.push(run);
        }
        Ok(out)
    }
}

fn write_json<T: Serialize>(path: &Path, v: &T) -> Result<()> {
    let mut out = AtomicOut::create(path)?;
    let text = serde_json::to_vec_pretty(v).expect("serialises");
    out.writer().write_all(&text).map_err(|e| out.io(e))?;
    out.commit()
}

/// Refuses to continue a journal of other settings or scenarios, naming every difference.
fn refuse_mix(dir: &Path, have: &Header, want: &Header) -> Result<()> {
    let (h, w) = (&have.settings, &want.settings);
    let mut diffs = vec![];
    let mut diff = |what: &str, a: String, b: String| {
        if a != b {
            diffs.push(format!("{what}: journal {a}, now {b}"));
        }
    };
    diff("schema", have.schema.clone(), want.schema.clone());
    diff("suite", h.suite.clone(), w.suite.clone());
    diff("split", format!("{:?}", h.split), format!("{:?}", w.split));
    diff("agent", h.agent.clone(), w.agent.clone());
    diff("seed", h.seed.to_string(), w.seed.to_string());
    diff("repeats", h.repeats.to_string(), w.repeats.to_string());
    for k in h.simulation.keys().chain(w.simulation.keys().filter(|k| !h.simulation.contains_key(*k))) {
        let get = |m: &BTreeMap<String, String>| m.get(k).cloned().unwrap_or_else(|| "unset".into());
        diff(k, get(&h.simulation), get(&w.simulation));
    }
    for (id, sha) in &have.scenarios {
        match want.scenarios.get(id) {
            None => diffs.push(format!("scenario {id}: in the journal, not in the suite now")),
            Some(s) if s != sha => diffs.push(format!("scenario {id}: its file changed")),
            Some(_) => {}
        }
    }
    for id in want.scenarios.keys().filter(|id| !have.scenarios.contains_key(*id)) {
        diffs.push(format!("scenario {id}: in the suite now, not in the journal"));
    }
    if diffs.is_empty() {
        return Ok(());
    }
    Err(Error::usage(
        format!(
            "{}: this bench's journal was made with other settings, and results are never mixed: {}",
            dir.display(),
            diffs.join("; ")
        ),
        Some(format!(
            "run it with the journal's settings to continue, or give another -o (or remove {})",
            dir.display()
        )),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::metrics::tests::run;
    use crate::bench::results::tests::settings;

    fn header(agent: &str) -> Header {
        Header {
            schema: SCHEMA.into(),
            bench_run: format!("bench-{agent}"),
            settings: settings(agent),
            scenarios: BTreeMap::from([("a".into(), "sha-a".into()), ("b/x".into(), "sha-b".into())]),
        }
    }

    #[test]
    fn a_resumed_journal_keeps_its_runs_and_bench_run_once_each() {
        let d = tempfile::tempdir().unwrap();
        let dir = dir_for(&d.path().join("results.json"));
        assert!(dir.ends_with("results.json.journal"));
        let (j, h, runs) = Journal::open(&dir, &header("noop")).unwrap();
        assert_eq!((h.bench_run.as_str(), runs.len()), ("bench-noop", 0));
        j.record(&run("a", "easy", 1, Some(0), 0)).unwrap();
        j.record(&run("b/x", "easy", 2, None, 1)).unwrap();
        j.record(&run("b/x", "easy", 2, None, 1)).unwrap(); // the same run again replaces, never adds
        // A temporary file left by a crash mid-write is not a run.
        std::fs::write(dir.join("runs/.skstep-123.tmp"), "{").unwrap();
        drop(j);
        let mut again = header("noop");
        again.bench_run = "bench-later".into();
        let (_j, h, runs) = Journal::open(&dir, &again).unwrap();
        assert_eq!(h.bench_run, "bench-noop", "a resumed bench keeps its name");
        assert_eq!(runs.iter().map(|r| (r.scenario.as_str(), r.repeat)).collect::<Vec<_>>(), [("a", 1), ("b/x", 2)]);
    }

    #[test]
    fn another_agent_seed_or_scenario_file_is_refused_naming_the_difference() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("r.json.journal");
        drop(Journal::open(&dir, &header("noop")).unwrap());
        let e = Journal::open(&dir, &header("random")).err().unwrap();
        let msg = e.to_string();
        assert!(msg.contains("agent: journal noop, now random"), "{msg}");
        assert!(e.hint().unwrap().contains("another -o"));
        let mut h = header("noop");
        h.settings.seed = 8;
        h.settings.simulation.insert("speed".into(), "4".into());
        h.scenarios.insert("a".into(), "edited".into());
        h.scenarios.insert("c".into(), "new".into());
        let msg = Journal::open(&dir, &h).err().unwrap().to_string();
        for want in [
            "seed: journal 7, now 8",
            "speed: journal unset, now 4",
            "scenario a: its file changed",
            "scenario c: in the suite now",
        ] {
            assert!(msg.contains(want), "{want}: {msg}");
        }
    }

    #[test]
    fn a_second_bench_on_the_same_journal_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("r.json.journal");
        let _held = Journal::open(&dir, &header("noop")).unwrap();
        let e = Journal::open(&dir, &header("noop")).err().unwrap();
        assert!(e.to_string().contains("another bench is writing this journal"), "{e}");
    }

    #[test]
    fn a_broken_or_foreign_run_file_is_an_error_naming_it() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("r.json.journal");
        drop(Journal::open(&dir, &header("noop")).unwrap());
        std::fs::write(dir.join("runs/a.r001.json"), "{\"scenario\":").unwrap();
        let e = Journal::open(&dir, &header("noop")).err().unwrap();
        assert!(e.to_string().contains("a.r001.json: not a finished run"), "{e}");
        let stray = serde_json::to_vec(&run("zzz", "easy", 1, None, 1)).unwrap();
        std::fs::write(dir.join("runs/a.r001.json"), stray).unwrap();
        let e = Journal::open(&dir, &header("noop")).err().unwrap();
        assert!(e.to_string().contains("run zzz repeat 1 does not belong to this bench"), "{e}");
    }
}
