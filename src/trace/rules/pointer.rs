//! JSON pointers with `*` wildcards over arrays, resolved as json-patch-ext 0.3's `matches` does
//! (the matcher skctl's rules use): `*` expands to every element of an array and matches nothing
//! elsewhere; a token resolves on a map by key (the last duplicate wins, as in a JSON object) and
//! on an array by a canonical decimal index; a pointer that does not resolve matches nothing.

use rmpv::Value;

use crate::trace::value::{get, str_like};

/// One step of a resolved path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tok {
    Key(String),
    Idx(usize),
}

/// The tokens of a pointer such as `/spec/template`, unescaped (`~1` is `/`, `~0` is `~`).
pub fn tokens(ptr: &str) -> Vec<String> {
    ptr.split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~")).collect()
}

/// Every value `toks` reaches in `root`, with its concrete path.
pub fn matches<'a>(toks: &[String], root: &'a Value) -> Vec<(Vec<Tok>, &'a Value)> {
    let mut out = vec![];
    // The path is kept borrowed while walking and copied out only for a match: most pointers
    // match nothing, and this runs for every pointer of every object.
    walk(toks, root, &mut Vec::new(), &mut |at: &[Step], v| {
        let path = at
            .iter()
            .map(|s| match s {
                Step::Key(k) => Tok::Key(k.to_string()),
                Step::Idx(i) => Tok::Idx(*i),
            })
            .collect();
        out.push((path, v));
    });
    out
}

enum Step<'t> {
    Key(&'t str),
    Idx(usize),
}

fn walk<'a, 't>(
    toks: &'t [String],
    v: &'a Value,
    at: &mut Vec<Step<'t>>,
    found: &mut dyn FnMut(&[Step<'t>], &'a Value),
) {
    let Some((t, rest)) = toks.split_first() else {
        found(at, v);
        return;
    };
    if t == "*" {
        if let Value::Array(items) = v {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Idx(i));
                walk(rest, item, at, found);
                at.pop();
            }
        }
        return;
    }
    match v {
        Value::Map(_) => {
            if let Some(next) = get(v, t) {
                at.push(Step::Key(t));
                walk(rest, next, at, found);
                at.pop();
            }
        }
        Value::Array(items) => {
            if let Some(i) = index(t)
                && let Some(next) = items.get(i)
            {
                at.push(Step::Idx(i));
                walk(rest, next, at, found);
                at.pop();
            }
        }
        _ => {}
    }
}

fn index(t: &str) -> Option<usize> {
    let canonical = t == "0" || (!t.is_empty() && !t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit()));
    if canonical { t.parse().ok() } else { None }
}

/// The value at a concrete path.
pub fn at<'a>(root: &'a Value, path: &[Tok]) -> Option<&'a Value> {
    path.iter().try_fold(root, |v, t| match (t, v) {
        (Tok::Key(k), Value::Map(_)) => get(v, k),
        (Tok::Idx(i), Value::Array(items)) => items.get(*i),
        _ => None,
    })
}

pub fn at_mut<'a>(root: &'a mut Value, path: &[Tok]) -> Option<&'a mut Value> {
    path.iter().try_fold(root, |v, t| match (t, v) {
        (Tok::Key(k), v @ Value::Map(_)) => crate::trace::value::get_mut(v, k),
        (Tok::Idx(i), Value::Array(items)) => items.get_mut(*i),
        _ => None,
    })
}

/// `a.b[2].c`, for messages.
pub fn display(path: &[Tok]) -> String {
    let mut s = String::new();
    for t in path {
        match t {
            Tok::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Tok::Idx(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Removes what `path` names: a map key (every duplicate of it) or an array element.
pub fn remove(root: &mut Value, path: &[Tok]) -> bool {
    let Some((last, parent)) = path.split_last() else { return false };
    match (last, at_mut(root, parent)) {
        (Tok::Key(k), Some(Value::Map(pairs))) => {
            let before = pairs.len();
            pairs.retain(|(key, _)| str_like(key) != Some(k.as_str()));
            pairs.len() != before
        }
        (Tok::Idx(i), Some(Value::Array(items))) if *i < items.len() => {
            items.remove(*i);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(j: serde_json::Value) -> Value {
        let bytes = rmp_serde::to_vec_named(&j).unwrap();
        rmpv::decode::read_value(&mut bytes.as_slice()).unwrap()
    }

    #[test]
    fn wildcards_expand_arrays_only_and_unresolved_paths_match_nothing() {
        let obj = v(serde_json::json!({"a": [{"b": "x"}, {"c": 1}, {"b": "y"}], "m": {"*": {"b": "no"}}}));
        let got: Vec<String> = matches(&tokens("/a/*/b"), &obj).into_iter().map(|(p, _)| display(&p)).collect();
        assert_eq!(got, ["a[0].b", "a[2].b"]);
        assert!(matches(&tokens("/m/*/b"), &obj).is_empty(), "`*` on a map matches nothing");
        assert_eq!(matches(&tokens("/a/1/c"), &obj).len(), 1);
        assert!(matches(&tokens("/a/01/c"), &obj).is_empty(), "non-canonical index");
        assert!(matches(&tokens("/nope/*"), &obj).is_empty());
        let mut obj = obj;
        assert!(remove(&mut obj, &[Tok::Key("a".into()), Tok::Idx(1)]));
        assert_eq!(matches(&tokens("/a/*/b"), &obj).len(), 2);
        assert!(remove(&mut obj, &[Tok::Key("m".into())]));
        assert!(at(&obj, &[Tok::Key("m".into())]).is_none());
    }
}
