//! Appending step records: one JSON object per line, appended whole under an exclusive lock.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read as _, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::summary::{Summary, SummaryState};
use crate::error::{Error, Result};

/// One step, with sim-arena's field names first (its users' analysis scripts read these), then
/// ours.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct StepRecord {
    pub timestamp: String,
    pub sim_name: String,
    pub sim_uid: String,
    pub namespace: String,
    pub trace_in: String,
    pub trace_out: String,
    pub obs: Option<crate::model::Obs>,
    pub action: serde_json::Value,
    pub action_info: serde_json::Value,
    pub reward: Option<f64>,
    pub duration_s: f64,
    pub seed: u64,
    pub policy: String,
    // ours
    pub context: String,
    pub virtual_namespace: String,
    pub trace_in_sha256: String,
    pub trace_out_sha256: String,
    pub reward_fn: String,
    pub driver_image: String,
    pub timings_s: serde_json::Map<String, serde_json::Value>,
    /// `ok`, `failed` or `interrupted`.
    pub outcome: String,
    pub cause: Option<String>,
    pub episode: Option<String>,
    pub step: u32,
    /// Transient API errors (unreachable, 5xx, 429) retried during the step.
    #[serde(default)]
    pub retries: u32,
    /// `off`, `on (nudged: …)` or why it fell back to SimKube's own pace (see README, fast start).
    #[serde(default)]
    pub fast_start: String,
    /// Why `driver_image` was chosen: `--driver-image`, sk-ctrl's version, or the fallback and why.
    #[serde(default)]
    pub driver_image_source: String,
    /// SimKube's speed factor, when set.
    #[serde(default)]
    pub speed: Option<f64>,
    /// The target the reward was computed against (absent in records written before it was).
    #[serde(default)]
    pub target: Option<u32>,
    /// Labels of the episode the step belongs to (a scenario's id, a bench run, …), copied into
    /// every record of it; absent when there are none.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub tags: std::collections::BTreeMap<String, String>,
    /// Answered from the transition cache (`--cache`): no Simulation ran for this observation.
    #[serde(default)]
    pub cached: bool,
    /// What the cache did with `--cache`: key, hit, verified, poisoned, stored or why not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<serde_json::Value>,
    /// An MCP session's tool calls since its previous action (name, arguments, error or not),
    /// the step's action last; absent for other agents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tool_calls: Vec<serde_json::Value>,
}

pub struct Runs {
    dir: PathBuf,
}

impl Runs {
    pub fn open(dir: &Path) -> Result<Runs> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Runs { dir: dir.into() })
    }

    /// A runs folder that must already exist (for reading).
    pub fn open_existing(dir: &Path) -> Result<Runs> {
        if !dir.is_dir() {
            return Err(Error::bad_input(
                format!("{}: no such runs folder", dir.display()),
                Some("pass the --runs-dir the steps were recorded in".to_string()),
            ));
        }
        Ok(Runs { dir: dir.into() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn jsonl_path(&self) -> PathBuf {
        self.dir.join("step.jsonl")
    }

    pub fn summary_path(&self) -> PathBuf {
        self.dir.join("summary.json")
    }

    /// Appends `rec` and brings summary.json up to date, all under one exclusive lock.
    pub fn append(&self, rec: &StepRecord) -> Result<Summary> {
        let _lock = self.lock()?;
        let path = self.jsonl_path();
        let mut line = serde_json::to_string(rec).expect("record serialises");
        line.push('\n');
        let mut f =
            OpenOptions::new().create(true).read(true).append(true).open(&path).map_err(|e| Error::io(&path, e))?;
        let before = f.metadata().map_err(|e| Error::io(&path, e))?.len();
        // A torn last line (a crash, a full disk) is ended first, so it cannot swallow this record.
        if !ends_with_newline(&f).map_err(|e| Error::io(&path, e))? {
            tracing::warn!("{}: the last line was torn (no newline); ended it before appending", path.display());
            line.insert(0, '\n');
        }
        // One write of the whole line: with O_APPEND it lands intact even if a reader races us.
        f.write_all(line.as_bytes()).and_then(|_| f.sync_data()).map_err(|e| Error::io(&path, e))?;
        crate::fsutil::sync_dir(&path)?;
        // The summary adds this record (and any other writer's append it has not counted) to the
        // one on disk when that counts a prefix of the file ending on a line's end; otherwise
        // (a crash between the two writes, an edit, an older version's summary) it is rebuilt
        // from all the records. The step's own outcome is never replaced by a problem of the
        // file's older lines: that is a warning, and `records check` says more.
        let mut summary = match self.caught_up(before) {
            Some(mut s) => {
                s.add(rec);
                s
            }
            None => match self.read() {
                Ok(r) => Summary::from_records(&r.records),
                Err(e) => {
                    tracing::warn!("summary.json not updated: {e} (see `kubectl skstep records check`)");
                    return Ok(Summary::from_records(std::slice::from_ref(rec)));
                }
            },
        };
        summary.records_bytes = before + line.len() as u64;
        summary.write_atomic(&self.summary_path())?;
        Ok(summary)
    }

    /// summary.json counted up to `len` bytes of step.jsonl by reading only the lines past the
    /// bytes it counts; `None` when it cannot be trusted to (missing, unreadable, without
    /// `records_bytes`, counting more than the file holds or not up to a line's end, or a line
    /// past it that is not a whole record), and the caller rebuilds it from all the records.
    fn caught_up(&self, len: u64) -> Option<Summary> {
        let mut s: Summary = serde_json::from_slice(&std::fs::read(self.summary_path()).ok()?).ok()?;
        if s.records_bytes == 0 || s.records_bytes > len {
            return None;
        }
        let mut f = File::open(self.jsonl_path()).ok()?;
        // From the byte before the counted ones: it must end a line.
        f.seek(SeekFrom::Start(s.records_bytes - 1)).ok()?;
        let mut tail = vec![];
        f.take(len - s.records_bytes + 1).read_to_end(&mut tail).ok()?;
        let rest = tail.strip_prefix(b"\n")?;
        for line in rest.split(|b| *b == b'\n').filter(|l| !l.trim_ascii().is_empty()) {
            match parse_line(line) {
                Line::Record(r) => s.add(&r),
                Line::Torn(_) | Line::Bad(_) => return None,
            }
        }
        Some(s)
    }

    /// The runs folder's exclusive lock, held until dropped.
    pub fn lock(&self) -> Result<File> {
        let lock_path = self.dir.join(".lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        lock.lock().map_err(|e| Error::io(&lock_path, e))?;
        Ok(lock)
    }

    /// The records, warning once when torn lines were skipped.
    pub fn read_all(&self) -> Result<Vec<StepRecord>> {
        let r = self.read()?;
        if let Some(w) = r.torn_warning(&self.jsonl_path()) {
            tracing::warn!("{w}");
        }
        Ok(r.records)
    }

    /// The records and the torn lines skipped. A torn line is the start of a record cut short
    /// (the JSON ends early); when a record follows it on the same line (written by a version
    /// that did not end torn lines first), that record is kept. Any other line that is not a
    /// record is an error naming it.
    pub fn read(&self) -> Result<Read> {
        let path = self.jsonl_path();
        let f = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Read::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut out = Read::default();
        let mut r = BufReader::new(f);
        let mut buf = vec![];
        for n in 1.. {
            buf.clear();
            if r.read_until(b'\n', &mut buf).map_err(|e| Error::io(&path, e))? == 0 {
                break;
            }
            let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
            if line.trim_ascii().is_empty() {
                continue;
            }
            match parse_line(line) {
                Line::Record(rec) => out.records.push(*rec),
                Line::Torn(kept) => {
                    out.torn.push(n);
                    out.records.extend(kept.map(|r| *r));
                }
                Line::Bad(e) => {
                    return Err(Error::bad_input(
                        format!("{}: line {n}: not a step record: {e}", path.display()),
                        Some("move that line out of the file (or fix it); the other lines are records".to_string()),
                    ));
                }
            }
        }
        Ok(out)
    }
}

/// What `records check` found (and did).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Check {
    pub records: usize,
    pub torn_lines: Vec<usize>,
    pub summary: SummaryState,
    /// The summary as the records give it.
    pub recomputed: Summary,
    /// Whether summary.json was rewritten (`--fix`).
    pub fixed: bool,
}

impl Runs {
    /// Recomputes the summary from the records and compares it with summary.json; `fix`
    /// rewrites summary.json (atomically, under the lock) when it does not agree.
    pub fn check(&self, fix: bool) -> Result<Check> {
        let _lock = self.lock()?;
        let r = self.read()?;
        let recomputed = Summary::from_records(&r.records);
        let summary = SummaryState::of(&self.summary_path(), &recomputed);
        let fixed = fix && summary != SummaryState::Agrees;
        if fixed {
            recomputed.write_atomic(&self.summary_path())?;
        }
        Ok(Check { records: r.records.len(), torn_lines: r.torn, summary, recomputed, fixed })
    }

    /// A warning when summary.json does not agree with `recs` (the records as read).
    pub fn summary_problem(&self, recs: &[StepRecord]) -> Option<String> {
        SummaryState::of(&self.summary_path(), &Summary::from_records(recs)).problem(&self.summary_path())
    }
}

/// What [`Runs::read`] found.
#[derive(Debug, Default)]
pub struct Read {
    pub records: Vec<StepRecord>,
    /// The line numbers (from 1) of torn lines skipped.
    pub torn: Vec<usize>,
}

impl Read {
    pub fn torn_warning(&self, path: &Path) -> Option<String> {
        (!self.torn.is_empty()).then(|| {
            let lines: Vec<String> = self.torn.iter().map(usize::to_string).collect();
            format!(
                "{}: skipped {} torn line(s) (a record cut short by a crash or a full disk): line {}",
                path.display(),
                self.torn.len(),
                lines.join(", ")
            )
        })
    }
}

enum Line {
    Record(Box<StepRecord>),
    /// A record cut short, and the record that followed it on the line if one did.
    Torn(Option<Box<StepRecord>>),
    Bad(String),
}

fn parse_line(line: &[u8]) -> Line {
    let e = match serde_json::from_slice::<StepRecord>(line) {
        Ok(r) => return Line::Record(Box::new(r)),
        Err(e) => e,
    };
    // The JSON ran out (or broke off within its last few bytes, e.g. mid-way through a UTF-8
    // character): the line is the start of something cut short. A whole document that is no
    // record (a data error) is never torn.
    if e.is_eof() || (e.is_syntax() && e.line() == 1 && e.column() + 4 >= line.len()) {
        return Line::Torn(None);
    }
    // A torn record followed by a whole one: records start with their timestamp.
    let start = b"{\"timestamp\":";
    if !line.starts_with(start) {
        return Line::Bad(e.to_string());
    }
    let kept = line
        .windows(start.len())
        .enumerate()
        .skip(1)
        .filter(|(_, w)| *w == start)
        .find_map(|(i, _)| serde_json::from_slice::<StepRecord>(&line[i..]).ok());
    match kept {
        Some(r) => Line::Torn(Some(Box::new(r))),
        None => Line::Bad(e.to_string()),
    }
}

fn ends_with_newline(f: &File) -> std::io::Result<bool> {
    let len = f.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    let mut last = [0u8];
    #[cfg(unix)]
    std::os::unix::fs::FileExt::read_exact_at(f, &mut last, len - 1)?;
    #[cfg(not(unix))]
    {
        use std::io::{Read as _, Seek, SeekFrom};
        let mut f = f;
        f.seek(SeekFrom::Start(len - 1))?;
        f.read_exact(&mut last)?;
    }
    Ok(last[0] == b'\n')
}
