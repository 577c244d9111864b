//! The cache on disk, safe for concurrent writers (a pool's workers, several envs, several
//! processes):
//!
//! - `entries/<k[..2]>/<key>.json`: one file per key, written whole and renamed into place
//!   (`fsutil::AtomicOut`): a reader sees the old file or the new one, never half of one; two
//!   writers of one key write equal-meaning entries and the last rename wins.
//! - `traces/<sha256>.msgpack`: the trace of each entry (content-addressed, written the same way),
//!   so an entry can be simulated again (`cache verify --resimulate`).
//! - `poisoned/<key>`: a key whose stored observation ever disagreed with a real simulation;
//!   never served again, never stored again.
//! - `disagreements.jsonl`: every disagreement, appended as one line under `.lock`.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::key::KeyParts;
use crate::cluster::observe::Observation;
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

/// A stored observation and what it was stored for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub parts: KeyParts,
    pub observation: Observation,
    /// When, where and by which Simulation it was observed.
    pub stored_at: String,
    pub context: String,
    pub sim_name: String,
}

/// One disagreement between a stored observation and a fresh simulation of its key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub key: String,
    pub at: String,
    pub context: String,
    pub sim_name: String,
    pub stored: Observation,
    pub fresh: Observation,
    /// What differs, e.g. `ready 2 != 1`.
    pub diff: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    Hit(Box<Entry>),
    Miss,
    /// The key disagreed once: simulate, never serve.
    Poisoned,
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// Opens (creating) the cache folder.
    pub fn open(dir: &Path) -> Result<Store> {
        for sub in ["entries", "traces", "poisoned"] {
            let d = dir.join(sub);
            std::fs::create_dir_all(&d).map_err(|e| Error::io(&d, e))?;
        }
        Ok(Store { dir: dir.into() })
    }

    /// A cache folder that must exist (for `cache stats`, `verify`).
    pub fn open_existing(dir: &Path) -> Result<Store> {
        if !dir.join("entries").is_dir() {
            return Err(Error::bad_input(
                format!("{}: not a transition cache (no entries/ folder)", dir.display()),
                Some("pass the DIR given to --cache".to_string()),
            ));
        }
        Ok(Store { dir: dir.into() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn entry_path(&self, key: &str) -> PathBuf {
        let shard = key.get(..2).unwrap_or("xx");
        self.dir.join("entries").join(shard).join(format!("{key}.json"))
    }

    pub fn trace_path(&self, sha256: &str) -> PathBuf {
        self.dir.join("traces").join(format!("{sha256}.msgpack"))
    }

    fn poison_path(&self, key: &str) -> PathBuf {
        self.dir.join("poisoned").join(key)
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.join("disagreements.jsonl")
    }

    pub fn is_poisoned(&self, key: &str) -> bool {
        self.poison_path(key).exists()
    }

    /// The entry for `parts`, unless the key is poisoned. An entry that does not parse, or was
    /// stored for other parts than its name says, is an error naming the file.
    pub fn lookup(&self, parts: &KeyParts) -> Result<Lookup> {
        let key = parts.key();
        if self.is_poisoned(&key) {
            return Ok(Lookup::Poisoned);
        }
        let path = self.entry_path(&key);
        let Some(entry) = self.read_entry(&path)? else { return Ok(Lookup::Miss) };
        if entry.key != key || &entry.parts != parts {
            return Err(Error::bad_input(
                format!("{}: a cache entry stored for other parts than its key names", path.display()),
                Some(format!("remove it (or `kubectl skstep cache clear --cache {}`)", self.dir.display())),
            ));
        }
        Ok(Lookup::Hit(Box::new(entry)))
    }

    pub fn read_entry(&self, path: &Path) -> Result<Option<Entry>> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            Error::bad_input(
                format!("{}: not a cache entry: {e}", path.display()),
                Some(format!("remove it (or `kubectl skstep cache clear --cache {}`)", self.dir.display())),
            )
        })
    }

    /// Stores `entry` (and its trace, once per content), unless its key is poisoned; whether it
    /// was stored.
    pub fn store(&self, entry: &Entry, trace: &Path) -> Result<bool> {
        if self.is_poisoned(&entry.key) {
            return Ok(false);
        }
        let tp = self.trace_path(&entry.parts.trace_sha256);
        if !tp.exists() {
            let bytes = std::fs::read(trace).map_err(|e| Error::io(trace, e))?;
            write_atomic(&tp, &bytes)?;
        }
        let path = self.entry_path(&entry.key);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let mut bytes = serde_json::to_vec_pretty(entry).expect("entry serialises");
        bytes.push(b'\n');
        write_atomic(&path, &bytes)?;
        Ok(true)
    }

    /// Poisons the key (first, so no process serves it from now on) and appends the
    /// disagreement to the log under the cache's lock.
    pub fn record_disagreement(&self, d: &Disagreement) -> Result<()> {
        let mut line = serde_json::to_vec(d).expect("disagreement serialises");
        line.push(b'\n');
        write_atomic(&self.poison_path(&d.key), &line)?;
        let _lock = self.lock()?;
        let path = self.log_path();
        let mut f = OpenOptions::new().create(true).append(true).open(&path).map_err(|e| Error::io(&path, e))?;
        // One write of the whole line, under the lock: lines never interleave.
        f.write_all(&line).and_then(|_| f.sync_data()).map_err(|e| Error::io(&path, e))
    }

    pub fn disagreements(&self) -> Result<Vec<Disagreement>> {
        let path = self.log_path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => return Err(Error::io(&path, e)),
        };
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                serde_json::from_str(l).map_err(|e| {
                    Error::bad_input(format!("{}: line {}: not a disagreement: {e}", path.display(), i + 1), None)
                })
            })
            .collect()
    }

    /// Every entry file (sorted).
    pub fn entry_files(&self) -> Result<Vec<PathBuf>> {
        let mut out = vec![];
        let root = self.dir.join("entries");
        for shard in read_dir(&root)? {
            for f in read_dir(&shard)? {
                if f.extension().is_some_and(|e| e == "json") {
                    out.push(f);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    pub fn poisoned_keys(&self) -> Result<Vec<String>> {
        let mut keys: Vec<String> = read_dir(&self.dir.join("poisoned"))?
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(String::from))
            .filter(|n| !n.starts_with('.'))
            .collect();
        keys.sort();
        Ok(keys)
    }

    /// Removes entries, traces, poison marks and the log (under the lock).
    pub fn clear(&self) -> Result<()> {
        let _lock = self.lock()?;
        for sub in ["entries", "traces", "poisoned"] {
            let d = self.dir.join(sub);
            match std::fs::remove_dir_all(&d) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&d, e)),
            }
            std::fs::create_dir_all(&d).map_err(|e| Error::io(&d, e))?;
        }
        match std::fs::remove_file(self.log_path()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(self.log_path(), e)),
        }
    }

    fn lock(&self) -> Result<File> {
        let path = self.dir.join(".lock");
        let f =
            OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| Error::io(&path, e))?;
        f.lock().map_err(|e| Error::io(&path, e))?;
        Ok(f)
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = AtomicOut::create(path)?;
    out.writer().write_all(bytes).map_err(|e| out.io(e))?;
    out.commit()
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd.map(|e| e.map(|e| e.path()).map_err(|e| Error::io(dir, e))).collect(),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(vec![]),
        Err(e) => Err(Error::io(dir, e)),
    }
}
