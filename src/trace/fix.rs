//! `trace fix`: applies what skctl 2.7's generated SKEL would for SimKube's own rules
//! (`rules/`), in every pod template kind the trace tracks (skctl's SKEL paths are
//! Deployment-only):
//! - W0000: removes the object's `status`;
//! - E0001: removes `serviceAccount` / `serviceAccountName` naming a missing ServiceAccount;
//! - E0002/E0003: removes the `env` / `envFrom` entries that need a missing Secret / ConfigMap;
//! - E0004/E0005: removes the volumes that need a missing Secret / ConfigMap and every
//!   volumeMount of them (in containers, initContainers and ephemeralContainers: a mount of a
//!   volume that no longer exists would make the API server refuse the pod).
//!
//! Only what a finding names is removed (the SKEL removes every such entry, missing or not).
//! Events without a finding are copied byte for byte, and so are the other objects and fields
//! of an event with one; a changed object is re-encoded as rmp-serde writes it. Where the spec
//! of a tracked object still present at the end changed, its `index` hash is recomputed as
//! `trace upgrade` computes it. The output is written atomically.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use rmpv::Value;
use serde::Serialize;

use super::gvk::Gvk;
use super::msgpack::{MsgReader, write_array_len, write_value};
use super::rules::pointer::{self, Tok};
use super::rules::{Checker, Hit, Rule, gvk_of};
use super::schema::{self, TrackedConfig, check_event};
use super::stream::{Field, KeyClass, RootKey, TraceReader, classify_key};
use super::upgrade::spec_hash;
use super::value::{get, get_str, ns_name, str_like};
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    /// Findings fixed, per rule code.
    pub fixed: BTreeMap<&'static str, usize>,
    pub objects_changed: usize,
    pub events_changed: usize,
    pub events: usize,
    /// `gvk ns/name` of the index entries whose hash was recomputed.
    pub index_updated: Vec<String>,
}

/// Fixes the findings of `rules` in `input` and writes the result to `output`.
pub fn fix(input: &Path, output: &Path, rules: &[&'static Rule]) -> Result<Outcome> {
    let (report, _) = super::validate::scan(input, &super::validate::Options { max_gap: i64::MAX, now: 0 })?;
    if !report.parses {
        let first = report.rejections.first().map(|f| format!("{}: {}", f.path, f.message)).unwrap_or_default();
        return Err(Error::BadTrace {
            file: input.into(),
            path: report.rejections.first().map(|f| f.path.clone()).unwrap_or_else(|| "(root)".into()),
            message: format!("SimKube would refuse this trace, so there is nothing to fix yet ({first})"),
            hint: Some("run `kubectl skstep trace validate FILE` and `trace upgrade` first".into()),
        });
    }
    let (config, index_first) = read_config(input)?;

    // The index may come before the events: then the index changes must be known first.
    let mut changes = BTreeMap::new();
    if index_first {
        let mut tr = TraceReader::open(input)?;
        while let Some(key) = tr.next_key()? {
            if matches!(key, RootKey::Field(Field::Events)) {
                let n = tr.events_len()?;
                changes = fix_events(&mut tr, n, &config, rules, None, output)?.1;
                break;
            }
            tr.msg.skip_value().map_err(|e| tr.decode(&key.path(), e))?;
        }
    }

    let mut out = Outcome::default();
    let mut w = AtomicOut::create(output)?;
    let mut tr = TraceReader::open(input)?;
    let io = |e: std::io::Error| Error::io(output, e);
    tr.write_root_head(w.writer(), output)?;
    while let Some(key) = tr.next_key()? {
        tr.write_key(w.writer(), &key, output)?;
        match key {
            RootKey::Field(Field::Events) => {
                let n = tr.events_len()?;
                write_array_len(w.writer(), n).map_err(io)?;
                let (o, c) = fix_events(&mut tr, n, &config, rules, Some(w.writer()), output)?;
                // The index may have been written (and counted) already.
                out = Outcome { index_updated: std::mem::take(&mut out.index_updated), ..o };
                if !index_first {
                    changes = c;
                }
            }
            RootKey::Field(Field::Index) if !changes.is_empty() => {
                let mut index = tr.msg.read_value(1).map_err(|e| tr.decode("index", e))?;
                out.index_updated = patch_index(&mut index, &changes);
                write_value(w.writer(), &index).map_err(io)?;
            }
            other => tr.msg.copy_value(w.writer()).map_err(|e| tr.decode(&other.path(), e))?,
        }
    }
    w.commit()?;
    Ok(out)
}

/// The trace's config (it parses: scan said so) and whether `index` precedes `events`.
fn read_config(input: &Path) -> Result<(BTreeMap<Gvk, TrackedConfig>, bool)> {
    let mut tr = TraceReader::open(input)?;
    let (mut config, mut seen_index, mut index_first) = (None, false, false);
    while let Some(key) = tr.next_key()? {
        match key {
            RootKey::Field(Field::Config) => {
                let v = tr.msg.read_value(1).map_err(|e| tr.decode("config", e))?;
                config = schema::check_config(&v).ok();
            }
            RootKey::Field(Field::Index) => {
                seen_index = true;
                tr.msg.skip_value().map_err(|e| tr.decode("index", e))?;
            }
            RootKey::Field(Field::Events) => {
                index_first = seen_index;
                tr.msg.skip_value().map_err(|e| tr.decode("events", e))?;
            }
            other => tr.msg.skip_value().map_err(|e| tr.decode(&other.path(), e))?,
        }
    }
    let config = config.ok_or_else(|| tr.bad("config", "no readable config".into(), None))?;
    Ok((config, index_first))
}

type IndexChanges = BTreeMap<(Gvk, String), Option<u64>>;

/// Streams the events, fixing what `rules` find; writes them to `sink` when given. Returns the
/// outcome and, for tracked objects present at the end, the new spec hash where it changed.
fn fix_events(
    tr: &mut TraceReader,
    n: u32,
    config: &BTreeMap<Gvk, TrackedConfig>,
    rules: &[&'static Rule],
    mut sink: Option<&mut dyn Write>,
    output: &Path,
) -> Result<(Outcome, IndexChanges)> {
    let mut checker = Checker::new(config);
    let mut out = Outcome { events: n as usize, ..Default::default() };
    let mut live: IndexChanges = BTreeMap::new();
    let mut buf: Vec<u8> = Vec::new();
    for i in 0..n as usize {
        let path = format!("events[{i}]");
        buf.clear();
        tr.msg.copy_value(&mut buf).map_err(|e| tr.decode(&path, e))?;
        let ev =
            MsgReader::new(buf.as_slice(), Some(buf.len() as u64)).read_value(2).map_err(|e| tr.decode(&path, e))?;
        let parts = check_event(&ev, &path).map_err(|f| tr.bad(&f.path, f.message, f.fix))?;
        let mut by_obj: BTreeMap<usize, Vec<Hit>> = BTreeMap::new();
        for hit in checker.event(parts.applied, parts.deleted) {
            if rules.iter().any(|r| r.code == hit.rule.code) {
                *out.fixed.entry(hit.rule.code).or_default() += 1;
                by_obj.entry(hit.obj).or_default().push(hit);
            }
        }
        let fixed: BTreeMap<usize, Value> =
            by_obj.iter().map(|(oi, hits)| (*oi, apply(&parts.applied[*oi], hits))).collect();
        for (oi, obj) in parts.applied.iter().enumerate() {
            let Some(gvk) = gvk_of(obj).filter(|g| config.contains_key(g)) else { continue };
            let new_spec = fixed.get(&oi).map(|f| get(f, "spec")).filter(|s| *s != get(obj, "spec"));
            live.insert((gvk, ns_name(obj)), new_spec.map(spec_hash));
        }
        for obj in parts.deleted {
            if let Some(gvk) = gvk_of(obj) {
                live.remove(&(gvk, ns_name(obj)));
            }
        }
        if !fixed.is_empty() {
            out.events_changed += 1;
            out.objects_changed += fixed.len();
        }
        if let Some(w) = sink.as_mut() {
            if fixed.is_empty() { w.write_all(&buf) } else { write_event(&buf, &fixed, &mut **w) }
                .map_err(|e| Error::io(output, e))?;
        }
    }
    live.retain(|_, h| h.is_some());
    Ok((out, live))
}

/// The object with what `hits` name removed.
fn apply(obj: &Value, hits: &[Hit]) -> Value {
    let mut removals: BTreeSet<Vec<Tok>> = BTreeSet::new();
    for h in hits {
        let target = h.path[..h.remove.min(h.path.len())].to_vec();
        if h.volume
            && target.len() >= 2
            && let Some(name) = pointer::at(obj, &target).and_then(|v| get_str(v, &["name"]))
        {
            let spec = &target[..target.len() - 2];
            for list in ["containers", "initContainers", "ephemeralContainers"] {
                let mut at = spec.to_vec();
                at.push(Tok::Key(list.into()));
                let Some(Value::Array(cs)) = pointer::at(obj, &at) else { continue };
                for (ci, c) in cs.iter().enumerate() {
                    let Some(Value::Array(mounts)) = get(c, "volumeMounts") else { continue };
                    for (mi, m) in mounts.iter().enumerate() {
                        if get_str(m, &["name"]) == Some(name) {
                            let mut p = at.clone();
                            p.extend([Tok::Idx(ci), Tok::Key("volumeMounts".into()), Tok::Idx(mi)]);
                            removals.insert(p);
                        }
                    }
                }
            }
        }
        removals.insert(target);
    }
    let mut out = obj.clone();
    // Last first: removing an array element never shifts one still to be removed.
    for p in removals.iter().rev() {
        pointer::remove(&mut out, p);
    }
    out
}

/// Re-writes one event: the applied objects in `fixed` re-encoded, every other byte as it was.
fn write_event(buf: &[u8], fixed: &BTreeMap<usize, Value>, w: &mut dyn Write) -> std::io::Result<()> {
    let mut r = MsgReader::new(buf, Some(buf.len() as u64));
    let bad = |e: super::msgpack::DecodeError| std::io::Error::other(e.to_string());
    let head = r.read_head().map_err(bad)?;
    r.copy_last_head(w)?;
    let names = ["ts", "applied_objs", "deleted_objs"];
    let fields = [0usize, 1, 2];
    match head {
        super::msgpack::Head::Map(n) => {
            for _ in 0..n {
                let start = r.position() as usize;
                let key = r.read_value(3).map_err(bad)?;
                w.write_all(&buf[start..r.position() as usize])?;
                if classify_key(&key, &fields, |i| names[i]) == KeyClass::Known(1) {
                    splice_objects(&mut r, fixed, w)?;
                } else {
                    r.copy_value(w).map_err(bad)?;
                }
            }
        }
        super::msgpack::Head::Array(n) => {
            for i in 0..n {
                if i == 1 {
                    splice_objects(&mut r, fixed, w)?;
                } else {
                    r.copy_value(w).map_err(bad)?;
                }
            }
        }
        _ => return Err(std::io::Error::other("an event that is not a map")),
    }
    Ok(())
}

fn splice_objects(r: &mut MsgReader<&[u8]>, fixed: &BTreeMap<usize, Value>, w: &mut dyn Write) -> std::io::Result<()> {
    let bad = |e: super::msgpack::DecodeError| std::io::Error::other(e.to_string());
    let super::msgpack::Head::Array(n) = r.read_head().map_err(bad)? else {
        return Err(std::io::Error::other("applied_objs is not an array"));
    };
    r.copy_last_head(w)?;
    for j in 0..n as usize {
        match fixed.get(&j) {
            Some(v) => {
                r.skip_value().map_err(bad)?;
                write_value(w, v)?;
            }
            None => r.copy_value(w).map_err(bad)?,
        }
    }
    Ok(())
}

/// Sets the new hashes in `index`; returns the entries changed.
fn patch_index(index: &mut Value, changes: &IndexChanges) -> Vec<String> {
    let mut done = vec![];
    let Value::Map(gvks) = index else { return done };
    for (k, names) in gvks.iter_mut() {
        let Some(gvk) = str_like(k).and_then(Gvk::parse) else { continue };
        let Value::Map(entries) = names else { continue };
        for (name, hash) in entries.iter_mut() {
            let Some(name) = str_like(name) else { continue };
            if let Some(Some(h)) = changes.get(&(gvk.clone(), name.to_string())) {
                *hash = Value::from(*h);
                done.push(format!("{gvk} {name}"));
            }
        }
    }
    done
}
