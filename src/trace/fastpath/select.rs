//! What the fast path keeps of an object beyond its metadata: the rules' projection (the fields
//! their JSON pointers read) and a Deployment's replicas and requests for the summary.

use std::borrow::Cow;

use rmpv::Value;

use super::bytes::{
    K, Step, as_i64, decode, is_rule_key, json_end, json_end_, json_end_at, key_at, peek, raw_get, skip_end, str_at,
};
use super::{R, Stop};
use crate::trace::gvk::Gvk;
use crate::trace::msgpack::MAX_DEPTH;
use crate::trace::rules::Checker;
use crate::trace::view::{DeploymentView, quantity_text};

/// The fields to keep, as a tree of pointer tokens (`*`: every element of an array).
#[derive(Debug, Default)]
pub struct Trie {
    kids: Vec<(String, Trie)>,
    wild: Option<Box<Trie>>,
    leaf: bool,
    /// A pattern under a field the skeleton keeps in its own way (metadata, status, …): objects
    /// of this type take the exact path.
    pub slow: bool,
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

    pub fn kid(&self, key: &[u8]) -> Option<&Trie> {
        self.kids.iter().find(|(k, _)| k.as_bytes() == key).map(|(_, t)| t)
    }
}

/// The rules' projection of each object type, built on first sight. A trace has few types, so
/// a short list beats hashing (and allocates nothing per object); the last type found is tried
/// first, as a trace's objects come in runs of one type.
#[derive(Default)]
pub struct Tries {
    by_type: Vec<(String, String, Trie)>,
    last: usize,
}

impl Tries {
    pub fn get(&mut self, api_version: &str, kind: &str, checker: Option<&Checker>) -> &Trie {
        let same = |(a, k, _): &(String, String, Trie)| a == api_version && k == kind;
        if !self.by_type.get(self.last).is_some_and(same) {
            self.last = match self.by_type.iter().position(same) {
                Some(i) => i,
                None => {
                    self.by_type.push((
                        api_version.to_string(),
                        kind.to_string(),
                        Self::build(api_version, kind, checker),
                    ));
                    self.by_type.len() - 1
                }
            };
        }
        &self.by_type[self.last].2
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

/// Where a Deployment's `spec` keeps what the summary reads: (replicas, the first container's
/// resources.requests), positions in the buffer.
pub type SpecFacts = (Option<usize>, Option<usize>);

const REQUESTS: [Step; 5] =
    [Step::Key(b"spec"), Step::Key(b"containers"), Step::First, Step::Key(b"resources"), Step::Key(b"requests")];

/// Checks a Deployment's `spec` at `b[i]` (as `json_end`) and finds its facts on the way, so the
/// spec (most of a Deployment's bytes) is walked once.
pub fn deployment_spec(b: &[u8], i: usize, depth: usize, rule_keys: &mut bool) -> R<(usize, SpecFacts)> {
    let (k, hl, n) = peek(b, i)?;
    if k != K::Map {
        return Ok((json_end(b, i, depth, rule_keys)?, (None, None)));
    }
    if n > 0 && depth + 2 >= MAX_DEPTH {
        return Err(Stop::Slow);
    }
    let (mut pos, mut replicas, mut requests) = (i + hl, None, None);
    for _ in 0..n {
        let (key, after) = key_at(b, pos)?;
        *rule_keys |= is_rule_key(key);
        pos = match key {
            b"replicas" => {
                replicas = Some(after);
                json_end(b, after, depth + 1, rule_keys)?
            }
            b"template" => {
                let (end, found) = json_end_at(b, after, depth + 1, rule_keys, &REQUESTS)?;
                requests = found;
                end
            }
            _ => json_end(b, after, depth + 1, rule_keys)?,
        };
    }
    Ok((pos, (replicas, requests)))
}

/// The facts of the (already checked) `spec` at `b[spec]`, found by walking it again: for a
/// Deployment whose apiVersion and kind come after its spec.
pub fn spec_facts(b: &[u8], spec: usize) -> R<SpecFacts> {
    let replicas = raw_get(b, spec, b"replicas")?;
    let mut at = Some(spec);
    for step in [Step::Key(b"template")].iter().chain(&REQUESTS) {
        at = match (at, step) {
            (Some(p), Step::Key(key)) => raw_get(b, p, key)?,
            (Some(p), Step::First) => match peek(b, p)? {
                (K::Arr, hl, n) if n > 0 => Some(p + hl),
                _ => None,
            },
            (None, _) => None,
        };
    }
    Ok((replicas, at))
}

/// What the summary reads of a Deployment, from its spec's facts: as `view::View::of` reads it
/// from the decoded object. `depth`: the nesting level of the requests' values.
pub fn deployment(b: &[u8], (replicas, requests): SpecFacts, depth: usize) -> R<DeploymentView<'_>> {
    let replicas = replicas.and_then(|p| as_i64(b, p));
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

/// The value at `b[i]` reduced to the fields `trie` names; with `check`, also checked to be
/// JSON-shaped whole (without, the caller has checked it).
pub fn project(b: &[u8], i: usize, trie: &Trie, depth: usize, check: bool) -> R<(usize, Value)> {
    let end_of = |b: &[u8], i: usize, depth: usize| if check { json_end_(b, i, depth) } else { skip_end(b, i) };
    if trie.leaf {
        let end = end_of(b, i, depth)?;
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
                    None => end_of(b, pos, depth + 1)?,
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
                        let end = end_of(b, pos, depth + 1)?;
                        (end, decode(b, pos, end, depth + 1)?)
                    }
                    (Some(t), None) | (None, Some(t)) => project(b, pos, t, depth + 1, check)?,
                    (None, None) => (end_of(b, pos, depth + 1)?, Value::Nil),
                };
                out.push(v);
                pos = end;
            }
            Ok((pos, Value::Array(out)))
        }
        _ => {
            let end = end_of(b, i, depth)?;
            Ok((end, decode(b, i, end, depth)?))
        }
    }
}
