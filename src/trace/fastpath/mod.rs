//! The validator's fast path: one event judged straight from the read buffer, without building
//! the event as a value tree and without allocating per object.
//!
//! It only ever says "this event is fine, and here are the parts the checks need"; whenever an
//! event is anything but plain (an array-form event, a binary or extension value, a non-string
//! key, a duplicate field, deep nesting, a metadata field of the wrong type, …) it stops, and
//! the validator re-reads that event from its first byte with the exact path (`schema`), which
//! words every rejection. So the verdict and every message are the exact path's; this one only
//! makes the common case fast.
//!
//! What it keeps of an object is its view (`view::View`): apiVersion, kind, the names in its
//! metadata (checked as ObjectMeta), whether `status` is set, a Deployment's replicas and
//! requests, all borrowed from the buffer; and, only for a field in which a map key starts as a
//! rule's key does (`serviceAccount…`, `secret…`, `configMap…`: every rule pointer goes through
//! one), a projection along the rules' JSON pointers (arrays keep their length so indexes stay
//! right). Every other byte is still checked to be JSON-shaped, as the exact path checks it, in
//! one walk that allocates nothing and reads each byte once (`bytes`; a Deployment's facts are
//! picked up on the way through its spec, `select`).

mod bytes;
mod select;

use std::borrow::Cow;

use rmpv::Value;

use self::bytes::{K, as_i64, decode, json_end, json_end_, key_at, peek, str_at};
pub use self::select::Tries;
use super::rules::Checker;
use super::schema;
use super::view::View;

/// Why the fast path stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The value runs past the bytes at hand.
    Incomplete,
    /// Only the exact path may judge this.
    Slow,
}

type R<T> = Result<T, Stop>;

/// One event, as the checks need it, borrowed from the bytes it was read from.
pub struct Event<'a> {
    pub ts: i64,
    pub applied: Vec<View<'a>>,
    pub deleted: Vec<View<'a>>,
}

/// Reads the event at the start of `b` if the fast path can judge it: its length and parts.
pub fn walk_event<'b>(b: &'b [u8], tries: &mut Tries, checker: Option<&Checker>) -> R<(usize, Event<'b>)> {
    let (k, hl, n) = peek(b, 0)?;
    if k != K::Map {
        return Err(Stop::Slow);
    }
    let mut pos = hl;
    let (mut ts, mut applied, mut deleted) = (None, None, None);
    for _ in 0..n {
        let (key, after) = key_at(b, pos)?;
        pos = after;
        match key {
            b"ts" if ts.is_none() => {
                let (k, hl, _) = peek(b, pos)?;
                if k != K::Scalar || pos + hl > b.len() {
                    return Err(Stop::Slow);
                }
                ts = Some(as_i64(b, pos).ok_or(Stop::Slow)?);
                pos += hl;
            }
            b"applied_objs" | b"deleted_objs" => {
                let slot = if key == b"applied_objs" { &mut applied } else { &mut deleted };
                if slot.is_some() {
                    return Err(Stop::Slow);
                }
                let (k, hl, m) = peek(b, pos)?;
                if k != K::Arr {
                    return Err(Stop::Slow);
                }
                pos += hl;
                let mut objs = Vec::with_capacity(m.min(1024));
                for _ in 0..m {
                    let (end, obj) = walk_object(b, pos, tries, checker)?;
                    objs.push(obj);
                    pos = end;
                }
                *slot = Some(objs);
            }
            b"ts" => return Err(Stop::Slow),
            _ => pos = json_end_(b, pos, 3)?,
        }
    }
    match (ts, applied, deleted) {
        (Some(ts), Some(applied), Some(deleted)) => Ok((pos, Event { ts, applied, deleted })),
        _ => Err(Stop::Slow),
    }
}

/// One object (nesting level 4) as its view; see the module docs.
fn walk_object<'b>(b: &'b [u8], i: usize, tries: &mut Tries, checker: Option<&Checker>) -> R<(usize, View<'b>)> {
    const DEPTH: usize = 4;
    let (k, hl, n) = peek(b, i)?;
    if k != K::Map {
        return Err(Stop::Slow);
    }
    let mut pos = i + hl;
    let mut view = View::default();
    let mut seen_metadata = false;
    // The last `spec`: its position, and its Deployment facts when they were found on the way
    // (the object read as an apps/v1 Deployment by then, as it nearly always does).
    let mut spec = None;
    // Fields in which a key starts as a rule's key does: (key, start). Empty nearly always, and
    // an empty Vec allocates nothing.
    let mut mentions: Vec<(&str, usize)> = Vec::new();
    for _ in 0..n {
        let (key, after) = key_at(b, pos)?;
        let key_start = pos;
        pos = after;
        pos = match key {
            b"metadata" => {
                if seen_metadata {
                    return Err(Stop::Slow);
                }
                seen_metadata = true;
                walk_metadata(b, pos, DEPTH + 1, &mut view)?
            }
            b"apiVersion" | b"kind" => {
                // serde takes these leniently; anything but a string is the exact path's.
                let (s, end) = str_at(b, pos)?;
                *(if key == b"kind" { &mut view.kind } else { &mut view.api_version }) = Some(s);
                end
            }
            b"status" => {
                let end = json_end_(b, pos, DEPTH + 1)?;
                view.status = b.get(pos) != Some(&0xc0);
                end
            }
            _ => {
                let mut rule_keys = false;
                let end = if key == b"spec" {
                    let deployment = view.api_version == Some("apps/v1") && view.kind == Some("Deployment");
                    let (end, facts) = if deployment {
                        let (end, facts) = select::deployment_spec(b, pos, DEPTH + 1, &mut rule_keys)?;
                        (end, Some(facts))
                    } else {
                        (json_end(b, pos, DEPTH + 1, &mut rule_keys)?, None)
                    };
                    spec = Some((pos, facts));
                    end
                } else {
                    json_end(b, pos, DEPTH + 1, &mut rule_keys)?
                };
                if rule_keys {
                    mentions.push((str_at(b, key_start)?.0, pos));
                }
                end
            }
        };
    }
    if let (Some(a), Some(k)) = (view.api_version, view.kind) {
        let trie = tries.get(a, k, checker);
        if trie.slow {
            return Err(Stop::Slow);
        }
        let mut out = vec![];
        for (key, start) in mentions {
            if let Some(t) = trie.kid(key.as_bytes()) {
                // Checked whole above: the projection only needs to find its way.
                let (_, v) = select::project(b, start, t, DEPTH + 1, false)?;
                out.push((Value::from(key), v));
            }
        }
        if !out.is_empty() {
            view.body = Some(Cow::Owned(Value::Map(out)));
        }
        if a == "apps/v1" && k == "Deployment" {
            let facts = match spec {
                Some((_, Some(facts))) => facts,
                Some((at, None)) => select::spec_facts(b, at)?,
                None => (None, None),
            };
            view.deployment = Some(select::deployment(b, facts, DEPTH + 2)?);
        }
    }
    Ok((pos, view))
}

/// An object's metadata, checked as `schema::check_object_meta` checks it (string keys; nil values
/// skipped; these fields typed) and JSON-shaped whole; its name, namespace and generateName go to
/// `view` (the last of duplicates wins; nil is absent). Returns the position after it. A field's
/// own check reads it whole where it can, so no byte is read twice.
fn walk_metadata<'b>(b: &'b [u8], i: usize, depth: usize, view: &mut View<'b>) -> R<usize> {
    let (k, hl, n) = peek(b, i)?;
    if k != K::Map {
        return Err(Stop::Slow);
    }
    let mut pos = i + hl;
    for _ in 0..n {
        let (key, after) = key_at(b, pos)?;
        pos = after;
        let nil = *b.get(pos).ok_or(Stop::Incomplete)? == 0xc0;
        pos = match key {
            b"generateName" | b"name" | b"namespace" => {
                let (s, end) = if nil { (None, pos + 1) } else { str_at(b, pos).map(|(s, end)| (Some(s), end))? };
                match key {
                    b"name" => view.name = s,
                    b"namespace" => view.namespace = s,
                    _ => view.generate_name = s,
                }
                end
            }
            _ if nil => pos + 1,
            b"annotations" | b"labels" | b"finalizers" => {
                // A map of strings to strings, or a list of strings.
                let (k, hl, n) = peek(b, pos)?;
                let items = match (key == b"finalizers", k) {
                    (true, K::Arr) => n,
                    (false, K::Map) => 2 * n,
                    _ => return Err(Stop::Slow),
                };
                let mut at = pos + hl;
                for _ in 0..items {
                    at = key_at(b, at)?.1;
                }
                at
            }
            b"resourceVersion" | b"selfLink" | b"uid" => key_at(b, pos)?.1,
            b"creationTimestamp" | b"deletionTimestamp" => {
                let (t, end) = str_at(b, pos)?;
                t.parse::<chrono::DateTime<chrono::FixedOffset>>().map_err(|_| Stop::Slow)?;
                end
            }
            b"deletionGracePeriodSeconds" | b"generation" => {
                as_i64(b, pos).ok_or(Stop::Slow)?;
                json_end_(b, pos, depth + 1)?
            }
            b"managedFields" | b"ownerReferences" => {
                // Rarely in traces: the exact check, on this field alone.
                let end = json_end_(b, pos, depth + 1)?;
                let name = if key == b"managedFields" { "managedFields" } else { "ownerReferences" };
                let one = Value::Map(vec![(Value::from(name), decode(b, pos, end, depth + 1)?)]);
                schema::check_object_meta(&one, "").map_err(|_| Stop::Slow)?;
                end
            }
            _ => json_end_(b, pos, depth + 1)?,
        };
    }
    Ok(pos)
}
