//! Small helpers over MessagePack values, with the type rules rmp-serde applies.

use rmpv::Value;

/// A string as serde's `String` accepts it from rmp-serde: valid UTF-8 in a str or bin.
pub fn str_like(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => s.as_str(),
        Value::Binary(b) => std::str::from_utf8(b).ok(),
        _ => None,
    }
}

/// A string as visitors that only implement `visit_str` accept it (GVKs, timestamps, JSON keys).
pub fn strict_str(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => s.as_str(),
        _ => None,
    }
}

pub fn describe(v: &Value) -> &'static str {
    match v {
        Value::Nil => "nil",
        Value::Boolean(_) => "a boolean",
        Value::Integer(_) => "an integer",
        Value::F32(_) | Value::F64(_) => "a float",
        Value::String(s) if s.is_str() => "a string",
        Value::String(_) => "a string with invalid UTF-8",
        Value::Binary(_) => "binary data",
        Value::Array(_) => "an array",
        Value::Map(_) => "a map",
        Value::Ext(..) => "an extension value",
    }
}

/// Looks up a string key in a map value.
pub fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Map(pairs) => pairs.iter().rev().find(|(k, _)| str_like(k) == Some(key)).map(|(_, v)| v),
        _ => None,
    }
}

pub fn get_mut<'a>(v: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    match v {
        Value::Map(pairs) => pairs.iter_mut().rev().find(|(k, _)| str_like(k) == Some(key)).map(|(_, v)| v),
        _ => None,
    }
}

pub fn get_path<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().try_fold(v, |cur, k| get(cur, k))
}

pub fn get_str<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    get_path(v, keys).and_then(str_like)
}

/// Sets `key` in a map value, replacing an existing entry or appending a new one.
pub fn set(v: &mut Value, key: &str, new: Value) -> bool {
    match v {
        Value::Map(pairs) => {
            match pairs.iter_mut().rev().find(|(k, _)| str_like(k) == Some(key)) {
                Some((_, slot)) => *slot = new,
                None => pairs.push((Value::from(key), new)),
            }
            true
        }
        _ => false,
    }
}

/// The `ns/name` SimKube uses to key objects; cluster-scoped objects have no `ns/`.
pub fn ns_name(obj: &Value) -> String {
    let name = get_str(obj, &["metadata", "name"]).unwrap_or("");
    match get_str(obj, &["metadata", "namespace"]) {
        Some(ns) if !ns.is_empty() => format!("{ns}/{name}"),
        _ => name.to_string(),
    }
}
