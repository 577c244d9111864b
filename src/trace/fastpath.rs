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
//! one iterative walk that allocates nothing.

use std::borrow::Cow;

use rmpv::Value;

use super::gvk::Gvk;
use super::msgpack::{MAX_DEPTH, MsgReader};
use super::rules::Checker;
use super::schema;
use super::view::{DeploymentView, View, quantity_text};

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

/// The rules' projection of each object type, built on first sight. A trace has few types, so
/// a short list beats hashing (and allocates nothing per object).
#[derive(Default)]
pub struct Tries {
    by_type: Vec<(String, String, Trie)>,
}

/// Every rule pointer goes through a map key that starts with one of these (`serviceAccountName`,
/// `secretKeyRef`, `configMapRef`, …). A field none of whose keys does cannot match a rule
/// (msgpack keeps keys as plain UTF-8), so it needs no projection.
const RULE_KEYS: [&[u8]; 3] = [b"serviceAccount", b"secret", b"configMap"];

#[inline(always)]
fn is_rule_key(k: &[u8]) -> bool {
    k.len() >= 6 && matches!(&k[..4], b"serv" | b"secr" | b"conf") && RULE_KEYS.iter().any(|r| k.starts_with(r))
}

impl Tries {
    fn get(&mut self, api_version: &str, kind: &str, checker: Option<&Checker>) -> &Trie {
        let i = match self.by_type.iter().position(|(a, k, _)| a == api_version && k == kind) {
            Some(i) => i,
            None => {
                self.by_type.push((api_version.to_string(), kind.to_string(), Self::build(api_version, kind, checker)));
                self.by_type.len() - 1
            }
        };
        &self.by_type[i].2
    }

    fn build(api_version: &str, kind: &str, checker: Option<&Checker>) -> Trie {
        let mut t = Trie::default();
        if let (Some(c), Some(gvk)) = (checker, Gvk::from_api_version(api_version, kind)) {
            for p in c.patterns(&gvk) {
                t.slow |= p.first().is_none_or(|f| matches!(f.as_str(), "metadata" | "status" | "apiVersion" | "kind"));
                t.insert(&p);
            }
        }
        t
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

/// Valid UTF-8: short ASCII strings (nearly all of a trace) are settled by a word test.
#[inline(always)]
fn utf8(bytes: &[u8]) -> bool {
    bytes.is_ascii() || simdutf8::basic::from_utf8(bytes).is_ok()
}

/// A map key at `b[i]`: its bytes (a valid UTF-8 string, else `Slow`) and the position after it.
#[inline(always)]
fn key_at(b: &[u8], i: usize) -> R<(&[u8], usize)> {
    let (k, hl, n) = peek(b, i)?;
    if k != K::Str {
        return Err(Stop::Slow);
    }
    let bytes = b.get(i + hl..i + hl + n).ok_or(Stop::Incomplete)?;
    if !utf8(bytes) {
        return Err(Stop::Slow);
    }
    Ok((bytes, i + hl + n))
}

/// Nesting the fast path follows; deeper values go to the exact path.
const STACK: usize = 96;

/// The end of the JSON-shaped value at `b[i]` (nesting level `depth`): strings valid UTF-8,
/// map keys strings, no binary or extension values. Sets `rule_keys` when a map key in it starts
/// as a rule's key does. Iterative, allocation-free.
fn json_end(b: &[u8], i: usize, depth: usize, rule_keys: &mut bool) -> R<usize> {
    let mut pos = i;
    // The open containers' items left (pairs, for a map) and whether each is a map; the
    // current one is (left, map), starting as a virtual array holding the one value.
    let mut stack = [(0u32, false); STACK];
    let mut sp = 0usize;
    let (mut left, mut map) = (1u32, false);
    loop {
        if map {
            let (key, after) = key_at(b, pos)?;
            *rule_keys |= is_rule_key(key);
            pos = after;
        }
        let (k, hl, n) = peek(b, pos)?;
        match k {
            K::Str => {
                let bytes = b.get(pos + hl..pos + hl + n).ok_or(Stop::Incomplete)?;
                if !utf8(bytes) {
                    return Err(Stop::Slow);
                }
                pos += hl + n;
            }
            K::Other => return Err(Stop::Slow),
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
                if n > 0 {
                    if sp == STACK || depth + sp + 2 >= MAX_DEPTH {
                        return Err(Stop::Slow);
                    }
                    stack[sp] = (left, map);
                    sp += 1;
                    // At most 2^32 - 1: peek reads four length bytes at most.
                    (left, map) = (n as u32, k == K::Map);
                    continue;
                }
            }
        }
        // A value is complete: close every container it completes.
        loop {
            left -= 1;
            if left > 0 {
                break;
            }
            if sp == 0 {
                return Ok(pos);
            }
            sp -= 1;
            (left, map) = stack[sp];
        }
    }
}

/// `json_end` where the caller needs no rule-key test.
fn json_end_(b: &[u8], i: usize, depth: usize) -> R<usize> {
    json_end(b, i, depth, &mut false)
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

/// The integer at `b[i]` as `Value::as_i64` reads it: None for anything else, or one too big.
fn as_i64(b: &[u8], i: usize) -> Option<i64> {
    let m = *b.get(i)?;
    let be = |n: usize| b.get(i + 1..i + 1 + n).map(|s| s.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x)));
    match m {
        0x00..=0x7f => Some(i64::from(m)),
        0xe0..=0xff => Some(i64::from(m as i8)),
        0xcc..=0xcf => i64::try_from(be(1 << (m - 0xcc))?).ok(),
        0xd0..=0xd3 => {
            let n = 1usize << (m - 0xd0);
            let shift = 64 - 8 * n as u32;
            Some(((be(n)? << shift) as i64) >> shift)
        }
        _ => None,
    }
}

/// In the map at `b[i]` (checked by `json_end`), the value of the last `key`, as
/// `value::get` finds it; None when `b[i]` is no map or has no such key.
fn raw_get(b: &[u8], i: usize, key: &[u8]) -> R<Option<usize>> {
    let (k, hl, n) = peek(b, i)?;
    if k != K::Map {
        return Ok(None);
    }
    let mut pos = i + hl;
    let mut found = None;
    for _ in 0..n {
        let (_, khl, kn) = peek(b, pos)?;
        let at = pos + khl + kn;
        if b.get(pos + khl..at) == Some(key) {
            found = Some(at);
        }
        pos = skip_end(b, at)?;
    }
    Ok(found)
}

/// What the summary reads of a Deployment whose last `spec` is at `b[spec]`: as
/// `view::View::of` reads it from the decoded object.
fn deployment(b: &[u8], spec: Option<usize>, depth: usize) -> R<DeploymentView<'_>> {
    let Some(spec) = spec else { return Ok(DeploymentView::default()) };
    let replicas = raw_get(b, spec, b"replicas")?.and_then(|p| as_i64(b, p));
    let mut at = Some(spec);
    for key in [&b"template"[..], b"spec", b"containers"] {
        at = match at {
            Some(p) => raw_get(b, p, key)?,
            None => None,
        };
    }
    // The first container, if `containers` is a non-empty array.
    let first = match at.map(|p| peek(b, p)).transpose()? {
        Some((K::Arr, hl, n)) if n > 0 => at.map(|p| p + hl),
        _ => None,
    };
    let mut requests = first;
    for key in [&b"resources"[..], b"requests"] {
        requests = match requests {
            Some(p) => raw_get(b, p, key)?,
            None => None,
        };
    }
    let quantity = |key: &[u8]| -> R<Option<Cow<'_, str>>> {
        let Some(p) = requests.map(|r| raw_get(b, r, key)).transpose()?.flatten() else { return Ok(None) };
        if peek(b, p)?.0 == K::Str {
            return Ok(Some(Cow::Borrowed(str_at(b, p)?.0)));
        }
        let v = decode(b, p, skip_end(b, p)?, depth)?;
        Ok(quantity_text(&v).map(|q| Cow::Owned(q.into_owned())))
    };
    Ok(DeploymentView { replicas, cpu_request: quantity(b"cpu")?, memory_request: quantity(b"memory")? })
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
                view.status = b[pos] != 0xc0;
                end
            }
            _ => {
                let mut rule_keys = false;
                let end = json_end(b, pos, DEPTH + 1, &mut rule_keys)?;
                if key == b"spec" {
                    spec = Some(pos);
                }
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
                let (_, v) = project(b, start, t, DEPTH + 1, false)?;
                out.push((Value::from(key), v));
            }
        }
        if !out.is_empty() {
            view.body = Some(Cow::Owned(Value::Map(out)));
        }
        if a == "apps/v1" && k == "Deployment" {
            view.deployment = Some(deployment(b, spec, DEPTH + 2)?);
        }
    }
    Ok((pos, view))
}

/// An object's metadata, checked as `schema::check_object_meta` checks it (string keys; nil values
/// skipped; these fields typed); its name, namespace and generateName go to `view` (the last of
/// duplicates wins; nil is absent). Returns the position after it.
fn walk_metadata<'b>(b: &'b [u8], i: usize, depth: usize, view: &mut View<'b>) -> R<usize> {
    let (k, hl, n) = peek(b, i)?;
    if k != K::Map {
        return Err(Stop::Slow);
    }
    let mut pos = i + hl;
    let is = |at: usize, want: K| -> R<()> { if peek(b, at)?.0 == want { Ok(()) } else { Err(Stop::Slow) } };
    for _ in 0..n {
        let (key, after) = key_at(b, pos)?;
        pos = after;
        let end = json_end_(b, pos, depth + 1)?;
        let nil = b[pos] == 0xc0;
        match key {
            b"generateName" | b"name" | b"namespace" => {
                let s = if nil {
                    None
                } else {
                    is(pos, K::Str)?;
                    Some(str_at(b, pos)?.0)
                };
                match key {
                    b"name" => view.name = s,
                    b"namespace" => view.namespace = s,
                    _ => view.generate_name = s,
                }
            }
            _ if nil => {}
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
                    is(at, K::Str)?;
                    at = key_at(b, at)?.1;
                }
            }
            b"resourceVersion" | b"selfLink" | b"uid" => is(pos, K::Str)?,
            b"creationTimestamp" | b"deletionTimestamp" => {
                let (t, _) = str_at(b, pos)?;
                t.parse::<chrono::DateTime<chrono::FixedOffset>>().map_err(|_| Stop::Slow)?;
            }
            b"deletionGracePeriodSeconds" | b"generation" => {
                as_i64(b, pos).ok_or(Stop::Slow)?;
            }
            b"managedFields" | b"ownerReferences" => {
                // Rarely in traces: the exact check, on this field alone.
                let name = if key == b"managedFields" { "managedFields" } else { "ownerReferences" };
                let one = Value::Map(vec![(Value::from(name), decode(b, pos, end, depth + 1)?)]);
                schema::check_object_meta(&one, "").map_err(|_| Stop::Slow)?;
            }
            _ => {}
        }
        pos = end;
    }
    Ok(pos)
}

/// The value at `b[i]` reduced to the fields `trie` names; with `check`, also checked to be
/// JSON-shaped whole (without, the caller has checked it).
fn project(b: &[u8], i: usize, trie: &Trie, depth: usize, check: bool) -> R<(usize, Value)> {
    let json_end = |b: &[u8], i: usize, depth: usize| if check { json_end_(b, i, depth) } else { skip_end(b, i) };
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
