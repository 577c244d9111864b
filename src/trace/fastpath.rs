//! The validator's fast path: one event judged straight from the read buffer, without building
//! the event as a value tree.
//!
//! It only ever says "this event is fine, and here are the parts the checks need"; whenever an
//! event is anything but plain (an array-form event, a binary or extension value, a non-string
//! key, a duplicate field, deep nesting, a metadata field of the wrong type, …) it stops, and
//! the validator re-reads that event from its first byte with the exact path (`schema`), which
//! words every rejection. So the verdict and every message are the exact path's; this one only
//! makes the common case fast.
//!
//! What it keeps of an object is a skeleton: apiVersion, kind, metadata (checked as ObjectMeta),
//! whether `status` is set, and, of the rest, only the fields the rules and the summary read
//! (a projection along their JSON pointers: arrays keep their length so indexes stay right).
//! Every other byte is still checked to be JSON-shaped, as the exact path checks it.

use rmpv::Value;

use super::gvk::Gvk;
use super::msgpack::{MAX_DEPTH, MsgReader};
use super::rules::Checker;
use super::schema;
use super::stream::FileReader;

/// Why the fast path stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The value runs past the bytes at hand.
    Incomplete,
    /// Only the exact path may judge this.
    Slow,
}

type R<T> = Result<T, Stop>;

/// One event, as the checks need it.
pub struct Event {
    pub ts: i64,
    pub applied: Vec<Value>,
    pub deleted: Vec<Value>,
}

/// The fields to keep, as a tree of pointer tokens (`*`: every element of an array).
#[derive(Debug, Default)]
pub struct Trie {
    kids: Vec<(String, Trie)>,
    wild: Option<Box<Trie>>,
    leaf: bool,
    /// A pattern under a field the skeleton keeps in its own way (metadata, status, …): objects
    /// of this type take the exact path.
    slow: bool,
}

impl Trie {
    fn insert(&mut self, toks: &[String]) {
        let Some((t, rest)) = toks.split_first() else {
            self.leaf = true;
            return;
        };
        let next = if t == "*" {
            self.wild.get_or_insert_with(Default::default)
        } else {
            match self.kids.iter().position(|(k, _)| k == t) {
                Some(i) => &mut self.kids[i].1,
                None => {
                    self.kids.push((t.clone(), Trie::default()));
                    &mut self.kids.last_mut().expect("just pushed").1
                }
            }
        };
        next.insert(rest);
    }

    fn kid(&self, key: &[u8]) -> Option<&Trie> {
        self.kids.iter().find(|(k, _)| k.as_bytes() == key).map(|(_, t)| t)
    }
}

/// The projection of each object type, built on first sight. A trace has few types, so a
/// short list beats hashing (and allocates nothing per object).
#[derive(Default)]
pub struct Tries {
    /// apiVersion, kind, the projection with the rules' fields, and without them.
    by_type: Vec<(String, String, Trie, Trie)>,
}

/// Every rule pointer goes through one of these keys. A field whose bytes contain none of them
/// cannot match a rule (msgpack keeps keys as plain UTF-8), so its rule fields need no projection.
const RULE_KEYS: [&[u8]; 3] = [b"serviceAccount", b"secret", b"configMap"];

fn mentions_rule_keys(bytes: &[u8]) -> bool {
    RULE_KEYS.iter().any(|k| memchr::memmem::find(bytes, k).is_some())
}

impl Tries {
    /// The projection for field `key` of an object of this type, whose bytes are `field`.
    fn get(&mut self, api_version: &str, kind: &str, checker: Option<&Checker>, key: &str, field: &[u8]) -> &Trie {
        let i = match self.by_type.iter().position(|(a, k, ..)| a == api_version && k == kind) {
            Some(i) => i,
            None => {
                self.by_type.push((
                    api_version.to_string(),
                    kind.to_string(),
                    Self::build(api_version, kind, checker),
                    Self::build(api_version, kind, None),
                ));
                self.by_type.len() - 1
            }
        };
        let (_, _, full, facts) = &self.by_type[i];
        // Only a field the rules look into is searched for their keys.
        if full.slow || (full.kid(key.as_bytes()).is_some() && mentions_rule_keys(field)) { full } else { facts }
    }

    fn build(api_version: &str, kind: &str, checker: Option<&Checker>) -> Trie {
        {
            let mut t = Trie::default();
            if let (Some(c), Some(gvk)) = (checker, Gvk::from_api_version(api_version, kind)) {
                for p in c.patterns(&gvk) {
                    t.slow |=
                        p.first().is_none_or(|f| matches!(f.as_str(), "metadata" | "status" | "apiVersion" | "kind"));
                    t.insert(&p);
                }
            }
            if api_version == "apps/v1" && kind == "Deployment" {
                // What the summary reads of a Deployment.
                for p in ["spec/replicas", "spec/template/spec/containers/*/resources/requests"] {
                    t.insert(&p.split('/').map(String::from).collect::<Vec<_>>());
                }
            }
            t
        }
    }
}

/// Reads the next event from `msg` if the fast path can judge it. On `Err` the reader may have
/// moved: the caller re-reads the event from its first byte.
pub fn next_event(msg: &mut FileReader, tries: &mut Tries, checker: Option<&Checker>) -> Result<Event, Stop> {
    let buf = msg.buffered().map_err(|_| Stop::Slow)?;
    match walk_event(buf, tries, checker) {
        Ok((len, ev)) => {
            msg.consume(len);
            Ok(ev)
        }
        Err(Stop::Incomplete) => {
            // The event straddles the buffer's end: copy it out whole (rare: events are small).
            let mut whole = Vec::new();
            msg.copy_value(&mut whole).map_err(|_| Stop::Slow)?;
            walk_event(&whole, tries, checker).map(|(_, ev)| ev).map_err(|_| Stop::Slow)
        }
        Err(Stop::Slow) => Err(Stop::Slow),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum K {
    Scalar,
    Str,
    Arr,
    Map,
    /// Binary, extension, or the reserved byte: never JSON.
    Other,
}

/// The head at `b[i]`: its kind, header length, and string length or item count.
#[inline(always)]
fn peek(b: &[u8], i: usize) -> R<(K, usize, usize)> {
    let m = *b.get(i).ok_or(Stop::Incomplete)?;
    let be = |n: usize| -> R<usize> {
        let s = b.get(i + 1..i + 1 + n).ok_or(Stop::Incomplete)?;
        Ok(s.iter().fold(0usize, |a, x| (a << 8) | usize::from(*x)))
    };
    Ok(match m {
        0x00..=0x7f | 0xe0..=0xff | 0xc0 | 0xc2 | 0xc3 => (K::Scalar, 1, 0),
        0x80..=0x8f => (K::Map, 1, usize::from(m & 0x0f)),
        0x90..=0x9f => (K::Arr, 1, usize::from(m & 0x0f)),
        0xa0..=0xbf => (K::Str, 1, usize::from(m & 0x1f)),
        0xca => (K::Scalar, 5, 0),
        0xcb => (K::Scalar, 9, 0),
        0xcc | 0xd0 => (K::Scalar, 2, 0),
        0xcd | 0xd1 => (K::Scalar, 3, 0),
        0xce | 0xd2 => (K::Scalar, 5, 0),
        0xcf | 0xd3 => (K::Scalar, 9, 0),
        0xd9 => (K::Str, 2, be(1)?),
        0xda => (K::Str, 3, be(2)?),
        0xdb => (K::Str, 5, be(4)?),
        0xdc => (K::Arr, 3, be(2)?),
        0xdd => (K::Arr, 5, be(4)?),
        0xde => (K::Map, 3, be(2)?),
        0xdf => (K::Map, 5, be(4)?),
        _ => (K::Other, 0, 0),
    })
}

/// A string's bytes at `b[i]` (valid UTF-8) and the position after it.
#[inline]
fn str_at(b: &[u8], i: usize) -> R<(&str, usize)> {
    let (k, hl, n) = peek(b, i)?;
    if k != K::Str {
        return Err(Stop::Slow);
    }
    let bytes = b.get(i + hl..i + hl + n).ok_or(Stop::Incomplete)?;
    let s = std::str::from_utf8(bytes).map_err(|_| Stop::Slow)?;
    Ok((s, i + hl + n))
}

/// Nesting the fast path follows; deeper values go to the exact path.
const STACK: usize = 96;

/// The end of the JSON-shaped value at `b[i]` (nesting level `depth`): strings valid UTF-8,
/// map keys strings, no binary or extension values. Iterative, allocation-free.
fn json_end(b: &[u8], i: usize, depth: usize) -> R<usize> {
    let mut pos = i;
    // Items left in each open container, and whether it is a map (then an even count left means
    // a key comes next).
    let mut stack = [(0usize, false); STACK];
    let mut sp = 0usize;
    loop {
        let is_key = sp > 0 && stack[sp - 1].1 && stack[sp - 1].0 % 2 == 0;
        let (k, hl, n) = peek(b, pos)?;
        match k {
            K::Str => {
                let bytes = b.get(pos + hl..pos + hl + n).ok_or(Stop::Incomplete)?;
                if !bytes.is_ascii() && std::str::from_utf8(bytes).is_err() {
                    return Err(Stop::Slow);
                }
                pos += hl + n;
            }
            K::Other => return Err(Stop::Slow),
            _ if is_key => return Err(Stop::Slow),
            K::Scalar => {
                if pos + hl > b.len() {
                    return Err(Stop::Incomplete);
                }
                pos += hl;
            }
            K::Arr | K::Map => {
                pos += hl;
                if pos > b.len() {
                    return Err(Stop::Incomplete);
                }
                let items = if k == K::Map { 2 * n } else { n };
                if items > 0 {
                    if sp == STACK || depth + sp + 2 >= MAX_DEPTH {
                        return Err(Stop::Slow);
                    }
                    stack[sp] = (items, k == K::Map);
                    sp += 1;
                    continue;
                }
            }
        }
        loop {
            if sp == 0 {
                return Ok(pos);
            }
            stack[sp - 1].0 -= 1;
            if stack[sp - 1].0 > 0 {
                break;
            }
            sp -= 1;
        }
    }
}

/// The end of the value at `b[i]`, already checked by `json_end`: only walked.
fn skip_end(b: &[u8], i: usize) -> R<usize> {
    let mut pos = i;
    let mut pending = 1usize;
    while pending > 0 {
        let (k, hl, n) = peek(b, pos)?;
        pos += hl + if k == K::Str { n } else { 0 };
        pending = pending - 1
            + match k {
                K::Arr => n,
                K::Map => 2 * n,
                _ => 0,
            };
    }
    if pos > b.len() { Err(Stop::Incomplete) } else { Ok(pos) }
}

/// The value at `b[i..end]`, decoded.
fn decode(b: &[u8], i: usize, end: usize, depth: usize) -> R<Value> {
    MsgReader::new(&b[i..end], None).read_value(depth).map_err(|_| Stop::Slow)
}

fn walk_event(b: &[u8], tries: &mut Tries, checker: Option<&Checker>) -> R<(usize, Event)> {
    let (k, hl, n) = peek(b, 0)?;
    if k != K::Map {
        return Err(Stop::Slow);
    }
    let mut pos = hl;
    let (mut ts, mut applied, mut deleted) = (None, None, None);
    for _ in 0..n {
        let (key, after) = str_at(b, pos)?;
        pos = after;
        match key {
            "ts" if ts.is_none() => {
                let end = json_end(b, pos, 3)?;
                ts = Some(decode(b, pos, end, 3)?.as_i64().ok_or(Stop::Slow)?);
                pos = end;
            }
            "applied_objs" | "deleted_objs" => {
                let slot = if key == "applied_objs" { &mut applied } else { &mut deleted };
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
            "ts" => return Err(Stop::Slow),
            _ => pos = json_end(b, pos, 3)?,
        }
    }
    match (ts, applied, deleted) {
        (Some(ts), Some(applied), Some(deleted)) => Ok((pos, Event { ts, applied, deleted })),
        _ => Err(Stop::Slow),
    }
}

/// One object (nesting level 4) as a skeleton; see the module docs.
fn walk_object(b: &[u8], i: usize, tries: &mut Tries, checker: Option<&Checker>) -> R<(usize, Value)> {
    const DEPTH: usize = 4;
    let (k, hl, n) = peek(b, i)?;
    if k != K::Map {
        return Err(Stop::Slow);
    }
    let mut pos = i + hl;
    let mut out: Vec<(Value, Value)> = Vec::with_capacity(6);
    let (mut api_version, mut kind): (Option<String>, Option<String>) = (None, None);
    let mut seen_metadata = false;
    // Fields met before apiVersion and kind were known: projected at the end.
    let mut deferred: Vec<(usize, &str, usize, usize)> = vec![];
    for _ in 0..n {
        let (key, after) = str_at(b, pos)?;
        pos = after;
        let end = match key {
            "metadata" => {
                if seen_metadata {
                    return Err(Stop::Slow);
                }
                seen_metadata = true;
                let (end, meta) = walk_metadata(b, pos, DEPTH + 1)?;
                out.push((Value::from(key), meta));
                end
            }
            "apiVersion" | "kind" => {
                let end = json_end(b, pos, DEPTH + 1)?;
                let v = decode(b, pos, end, DEPTH + 1)?;
                if let Some(s) = v.as_str() {
                    *(if key == "kind" { &mut kind } else { &mut api_version }) = Some(s.to_string());
                }
                out.push((Value::from(key), v));
                end
            }
            "status" => {
                let end = json_end(b, pos, DEPTH + 1)?;
                // The rules only ask whether it is set.
                let set = !matches!(b[pos], 0xc0);
                out.push((Value::from(key), if set { Value::Boolean(true) } else { Value::Nil }));
                end
            }
            _ => match (&api_version, &kind) {
                (Some(a), Some(k)) => {
                    let end = json_end(b, pos, DEPTH + 1)?;
                    let trie = tries.get(a, k, checker, key, &b[pos..end]);
                    if trie.slow {
                        return Err(Stop::Slow);
                    }
                    if let Some(t) = trie.kid(key.as_bytes()) {
                        // Checked whole above: the projection only needs to find its way.
                        let (_, v) = project(b, pos, t, DEPTH + 1, false)?;
                        out.push((Value::from(key), v));
                    }
                    end
                }
                _ => {
                    let end = json_end(b, pos, DEPTH + 1)?;
                    deferred.push((out.len(), key, pos, end));
                    end
                }
            },
        };
        pos = end;
    }
    if !deferred.is_empty() {
        let (Some(a), Some(k)) = (&api_version, &kind) else {
            return Err(Stop::Slow);
        };
        for (at, key, start, end) in deferred.into_iter().rev() {
            let trie = tries.get(a, k, checker, key, &b[start..end]);
            if trie.slow {
                return Err(Stop::Slow);
            }
            if let Some(t) = trie.kid(key.as_bytes()) {
                let (_, v) = project(b, start, t, DEPTH + 1, false)?;
                out.insert(at, (Value::from(key), v));
            }
        }
    }
    Ok((pos, Value::Map(out)))
}

/// An object's metadata, checked as `schema::check_object_meta` checks it (string keys; nil values
/// skipped; these fields typed), kept as the fields the checks read: name, namespace and
/// generateName.
fn walk_metadata(b: &[u8], i: usize, depth: usize) -> R<(usize, Value)> {
    let (k, hl, n) = peek(b, i)?;
    if k != K::Map {
        return Err(Stop::Slow);
    }
    let mut pos = i + hl;
    let mut keep = Vec::with_capacity(2);
    let is = |at: usize, want: K| -> R<()> { if peek(b, at)?.0 == want { Ok(()) } else { Err(Stop::Slow) } };
    for _ in 0..n {
        let (key, after) = str_at(b, pos)?;
        pos = after;
        let end = json_end(b, pos, depth + 1)?;
        if b[pos] != 0xc0 {
            match key {
                "annotations" | "labels" | "finalizers" => {
                    // A map of strings to strings, or a list of strings.
                    let (k, hl, n) = peek(b, pos)?;
                    let items = match (key == "finalizers", k) {
                        (true, K::Arr) => n,
                        (false, K::Map) => 2 * n,
                        _ => return Err(Stop::Slow),
                    };
                    let mut at = pos + hl;
                    for _ in 0..items {
                        is(at, K::Str)?;
                        at = str_at(b, at)?.1;
                    }
                }
                "generateName" | "name" | "namespace" | "resourceVersion" | "selfLink" | "uid" => {
                    is(pos, K::Str)?;
                    if matches!(key, "generateName" | "name" | "namespace") {
                        keep.push((Value::from(key), Value::from(str_at(b, pos)?.0)));
                    }
                }
                "creationTimestamp" | "deletionTimestamp" => {
                    let (t, _) = str_at(b, pos)?;
                    t.parse::<chrono::DateTime<chrono::FixedOffset>>().map_err(|_| Stop::Slow)?;
                }
                "deletionGracePeriodSeconds" | "generation" => {
                    decode(b, pos, end, depth + 1)?.as_i64().ok_or(Stop::Slow)?;
                }
                "managedFields" | "ownerReferences" => {
                    // Rarely in traces: the exact check, on this field alone.
                    let one = Value::Map(vec![(Value::from(key), decode(b, pos, end, depth + 1)?)]);
                    schema::check_object_meta(&one, "").map_err(|_| Stop::Slow)?;
                }
                _ => {}
            }
        } else if matches!(key, "generateName" | "name" | "namespace") {
            keep.push((Value::from(key), Value::Nil));
        }
        pos = end;
    }
    Ok((pos, Value::Map(keep)))
}

/// The value at `b[i]` reduced to the fields `trie` names; with `check`, also checked to be
/// JSON-shaped whole (without, the caller has checked it).
fn project(b: &[u8], i: usize, trie: &Trie, depth: usize, check: bool) -> R<(usize, Value)> {
    let json_end = |b: &[u8], i: usize, depth: usize| if check { json_end(b, i, depth) } else { skip_end(b, i) };
    if trie.leaf {
        let end = json_end(b, i, depth)?;
        return Ok((end, decode(b, i, end, depth)?));
    }
    if depth + 2 >= MAX_DEPTH {
        return Err(Stop::Slow);
    }
    let (k, hl, n) = peek(b, i)?;
    match k {
        K::Map => {
            let mut pos = i + hl;
            let mut out = vec![];
            for _ in 0..n {
                let (key, after) = str_at(b, pos)?;
                pos = after;
                pos = match trie.kid(key.as_bytes()) {
                    Some(t) => {
                        let (end, v) = project(b, pos, t, depth + 1, check)?;
                        out.push((Value::from(key), v));
                        end
                    }
                    None => json_end(b, pos, depth + 1)?,
                };
            }
            Ok((pos, Value::Map(out)))
        }
        K::Arr => {
            let mut pos = i + hl;
            let mut out = Vec::with_capacity(n.min(1024));
            for idx in 0..n {
                let numbered = if trie.kids.is_empty() { None } else { trie.kid(idx.to_string().as_bytes()) };
                let (end, v) = match (trie.wild.as_deref(), numbered) {
                    // Both a `*` and this index: keep the element whole.
                    (Some(_), Some(_)) => {
                        let end = json_end(b, pos, depth + 1)?;
                        (end, decode(b, pos, end, depth + 1)?)
                    }
                    (Some(t), None) | (None, Some(t)) => project(b, pos, t, depth + 1, check)?,
                    (None, None) => (json_end(b, pos, depth + 1)?, Value::Nil),
                };
                out.push(v);
                pos = end;
            }
            Ok((pos, Value::Array(out)))
        }
        _ => {
            let end = json_end(b, i, depth)?;
            Ok((end, decode(b, i, end, depth)?))
        }
    }
}
