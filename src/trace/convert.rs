//! `trace convert`: MessagePack <-> JSON, losslessly.
//!
//! JSON cannot say everything MessagePack can, and SimKube's own traces use some of it
//! (`pod_lifecycles` is keyed by `[gvk, "ns/name"]` arrays, with integer inner keys). The
//! reversible convention, applied only where plain JSON cannot represent a value:
//!
//! | MessagePack                          | JSON                                   |
//! |--------------------------------------|----------------------------------------|
//! | map with a non-string key            | `{"$map": [[key, value], ...]}`        |
//! | binary                               | `{"$bin": "<base64>"}`                 |
//! | extension                            | `{"$ext": [type, "<base64>"]}`         |
//! | string that is not valid UTF-8       | `{"$bytes": "<base64>"}`               |
//! | 32-bit float                         | `{"$f32": number}`                     |
//! | 64-bit NaN / ±infinity               | `{"$f64": "NaN" / "inf" / "-inf"}`     |
//! | 32-bit NaN / ±infinity               | `{"$f32": "NaN" / "inf" / "-inf"}`     |
//!
//! A NaN other than the canonical quiet NaN (sign bit or payload set) is written
//! `"NaN:0x<bits in hex>"`, so its exact bits come back too.
//!
//! A real one-key map whose key is one of those `$` names is written in the `$map` form, so
//! decoding is never ambiguous. Everything else (string-keyed maps, arrays, integers of any
//! size, strings, booleans, nil) is plain JSON.

use std::io::{BufReader, Write};
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use rmpv::Value;
use serde::Serialize;

use super::msgpack::{MAX_DEPTH, write_value};
use super::stream::{Field, RootKey, TraceReader};
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

const TAGS: [&str; 6] = ["$map", "$bin", "$ext", "$bytes", "$f32", "$f64"];

/// The deepest JSON [`read_json`] takes: what [`write_json`] writes for the deepest value the
/// MessagePack reader takes (MAX_DEPTH containers, as SimKube's rmp-serde), when every level is a
/// map with non-string keys (`{"$map": [[key, value]]}`: 3 levels) and the leaf a `$ext` (2).
pub const JSON_MAX_DEPTH: usize = 3 * MAX_DEPTH + 2;

/// The stack a whole-value conversion runs on, allocated for it whatever the calling thread has
/// (the binary's main thread, a 2 MiB tokio worker, a test's): the value's depth is bounded
/// (JSON_MAX_DEPTH), and rmpv's encoder and `Drop` recurse once per level.
const CONVERT_STACK: usize = 64 << 20;
/// The recursive readers and writers here also grow the stack themselves when it runs low.
const RED_ZONE: usize = 256 << 10;
const GROW_BY: usize = 4 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Msgpack,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(match self {
            Format::Json => "json",
            Format::Msgpack => "msgpack",
        })
    }
}

/// JSON starts with `{` or `[` (after whitespace); a MessagePack trace starts with a map head.
pub fn sniff(path: &Path) -> Result<Format> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = [0u8; 64];
    let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
    match buf[..n].iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') => Ok(Format::Json),
        _ => Ok(Format::Msgpack),
    }
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub from: Format,
    pub to: Format,
    pub events: usize,
}

pub fn convert(input: &Path, output: &Path, to: Format, pretty: bool) -> Result<Outcome> {
    stacker::grow(CONVERT_STACK, || convert_on_this_stack(input, output, to, pretty))
}

fn convert_on_this_stack(input: &Path, output: &Path, to: Format, pretty: bool) -> Result<Outcome> {
    let from = sniff(input)?;
    let mut out = AtomicOut::create(output)?;
    let events = match (from, to) {
        (Format::Msgpack, Format::Json) => msgpack_to_json(input, out.writer(), pretty, output)?,
        (Format::Json, Format::Msgpack) => {
            let v = read_json(input)?;
            write_value(out.writer(), &v).map_err(|e| Error::io(output, e))?;
            super::value::get(&v, "events").and_then(Value::as_array).map_or(0, Vec::len)
        }
        (Format::Msgpack, Format::Msgpack) => {
            // Re-encode in canonical (smallest) form; useful after hand edits.
            let v = read_msgpack_whole(input)?;
            write_value(out.writer(), &v).map_err(|e| Error::io(output, e))?;
            super::value::get(&v, "events").and_then(Value::as_array).map_or(0, Vec::len)
        }
        (Format::Json, Format::Json) => {
            let v = read_json(input)?;
            let w = out.writer();
            write_json(w, &v, pretty, 0).and_then(|_| w.write_all(b"\n")).map_err(|e| Error::io(output, e))?;
            super::value::get(&v, "events").and_then(Value::as_array).map_or(0, Vec::len)
        }
    };
    out.commit()?;
    Ok(Outcome { from, to, events })
}

fn read_msgpack_whole(input: &Path) -> Result<Value> {
    let f = std::fs::File::open(input).map_err(|e| Error::io(input, e))?;
    let len = f.metadata().map_err(|e| Error::io(input, e))?.len();
    let mut r = super::msgpack::MsgReader::new(BufReader::new(f), Some(len));
    r.read_value(0).map_err(|e| super::stream::decode_error(input, "(root)", e))
}

/// Reads a JSON trace (plain, or written by `convert` with the `$` convention), at most
/// JSON_MAX_DEPTH deep (deeper is an error with its line and column).
pub fn read_json(input: &Path) -> Result<Value> {
    let f = std::fs::File::open(input).map_err(|e| Error::io(input, e))?;
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(256 * 1024, f));
    // serde_json's own limit (128) is far below what we write; ours replaces it.
    de.disable_recursion_limit();
    let v: Value = serde::de::DeserializeSeed::deserialize(Depth(0), &mut de).map_err(|e| Error::BadTrace {
        file: input.into(),
        path: format!("line {} column {}", e.line(), e.column()),
        message: format!("invalid JSON: {e}"),
        hint: None,
    })?;
    de.end().map_err(|e| Error::BadTrace {
        file: input.into(),
        path: format!("line {}", e.line()),
        message: "trailing data after the JSON document".into(),
        hint: None,
    })?;
    decode_tags(v).map_err(|(path, message)| Error::BadTrace { file: input.into(), path, message, hint: None })
}

/// A JSON value as MessagePack, `.0` containers deep already.
struct Depth(usize);

impl<'de> serde::de::DeserializeSeed<'de> for Depth {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        // serde_json recurses once per level, with frames far larger in debug builds.
        stacker::maybe_grow(RED_ZONE, GROW_BY, || d.deserialize_any(self))
    }
}

impl<'de> serde::de::Visitor<'de> for Depth {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> std::result::Result<Value, E> {
        Ok(Value::Boolean(b))
    }
    fn visit_i64<E>(self, i: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(i))
    }
    fn visit_u64<E>(self, u: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(u))
    }
    fn visit_f64<E>(self, f: f64) -> std::result::Result<Value, E> {
        Ok(Value::F64(f))
    }
    fn visit_str<E>(self, s: &str) -> std::result::Result<Value, E> {
        Ok(Value::from(s))
    }
    fn visit_string<E>(self, s: String) -> std::result::Result<Value, E> {
        Ok(Value::from(s))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Nil)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element_seed(Depth(inner))? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(k) = map.next_key::<String>()? {
            pairs.push((Value::from(k), map.next_value_seed(Depth(inner))?));
        }
        Ok(Value::Map(pairs))
    }
}

impl Depth {
    fn enter<E: serde::de::Error>(&self) -> std::result::Result<usize, E> {
        if self.0 >= JSON_MAX_DEPTH {
            return Err(E::custom(format!(
                "nesting deeper than {JSON_MAX_DEPTH} levels (the most `trace convert` writes for a trace SimKube reads)"
            )));
        }
        Ok(self.0 + 1)
    }
}

fn msgpack_to_json(input: &Path, w: &mut dyn Write, pretty: bool, output: &Path) -> Result<usize> {
    let mut tr = TraceReader::open(input)?;
    let io = |e: std::io::Error| Error::io(output, e);
    let nl = if pretty { "\n" } else { "" };
    let mut events = 0;
    if tr.is_positional() {
        return Err(tr.bad(
            "(root)",
            "a trace written as an array cannot be converted to JSON".into(),
            Some("convert it to msgpack first: `trace convert IN -o OUT --to msgpack`".into()),
        ));
    }
    w.write_all(b"{").map_err(io)?;
    let mut first = true;
    while let Some(key) = tr.next_key()? {
        let key = match key {
            RootKey::Field(f) => Value::from(f.name()),
            RootKey::Other(k) | RootKey::Invalid(k) => k,
        };
        let name = key
            .as_str()
            .ok_or_else(|| tr.bad("(root)", format!("a non-string top-level key {key}"), None))?
            .to_string();
        write!(w, "{}{nl}{}", if first { "" } else { "," }, if pretty { "  " } else { "" }).map_err(io)?;
        first = false;
        serde_json::to_writer(&mut *w, &name).map_err(|e| io(e.into()))?;
        w.write_all(if pretty { b": " } else { b":" }).map_err(io)?;
        if name == Field::Events.name() {
            let n = tr.events_len()?;
            w.write_all(b"[").map_err(io)?;
            for i in 0..n as usize {
                let ev = tr.msg.read_value(2).map_err(|e| tr.decode(&format!("events[{i}]"), e))?;
                write!(w, "{}{nl}{}", if i == 0 { "" } else { "," }, if pretty { "    " } else { "" }).map_err(io)?;
                write_json(w, &ev, pretty, 2).map_err(io)?;
                events += 1;
            }
            write!(w, "{nl}{}]", if pretty && n > 0 { "  " } else { "" }).map_err(io)?;
        } else {
            let v = tr.msg.read_value(1).map_err(|e| tr.decode(&name, e))?;
            write_json(w, &v, pretty, 1).map_err(io)?;
        }
    }
    writeln!(w, "{nl}}}").map_err(io)?;
    Ok(events)
}

fn indent(w: &mut dyn Write, pretty: bool, level: usize) -> std::io::Result<()> {
    if pretty {
        w.write_all(b"\n")?;
        for _ in 0..level {
            w.write_all(b"  ")?;
        }
    }
    Ok(())
}

fn tagged(w: &mut dyn Write, tag: &str, inner: &dyn Fn(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    write!(w, "{{\"{tag}\":")?;
    inner(w)?;
    w.write_all(b"}")
}

/// Writes one value as JSON with the reversible convention.
pub fn write_json(w: &mut dyn Write, v: &Value, pretty: bool, level: usize) -> std::io::Result<()> {
    stacker::maybe_grow(RED_ZONE, GROW_BY, || write_json_here(w, v, pretty, level))
}

fn write_json_here(w: &mut dyn Write, v: &Value, pretty: bool, level: usize) -> std::io::Result<()> {
    let js = |w: &mut dyn Write, s: &str| serde_json::to_writer(w, s).map_err(std::io::Error::from);
    match v {
        Value::Nil => w.write_all(b"null"),
        Value::Boolean(b) => write!(w, "{b}"),
        Value::Integer(i) => write!(w, "{i}"),
        Value::F64(f) if f.is_finite() => {
            let n = serde_json::Number::from_f64(*f).expect("finite");
            write!(w, "{n}")
        }
        Value::F64(f) => tagged(w, "$f64", &|w| js(w, &nonfinite(*f, f.to_bits(), f64::NAN.to_bits()))),
        Value::F32(f) if f.is_finite() => {
            let n = serde_json::Number::from_f64(f64::from(*f)).expect("finite");
            tagged(w, "$f32", &|w| write!(w, "{n}"))
        }
        Value::F32(f) => tagged(w, "$f32", &|w| {
            js(w, &nonfinite(f64::from(*f), u64::from(f.to_bits()), u64::from(f32::NAN.to_bits())))
        }),
        Value::String(s) => match s.as_str() {
            Some(s) => js(w, s),
            None => tagged(w, "$bytes", &|w| js(w, &B64.encode(s.as_bytes()))),
        },
        Value::Binary(b) => tagged(w, "$bin", &|w| js(w, &B64.encode(b))),
        Value::Ext(t, b) => tagged(w, "$ext", &|w| {
            write!(w, "[{t},").and_then(|_| js(w, &B64.encode(b))).and_then(|_| w.write_all(b"]"))
        }),
        Value::Array(items) => {
            w.write_all(b"[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    w.write_all(b",")?;
                }
                indent(w, pretty, level + 1)?;
                write_json(w, item, pretty, level + 1)?;
            }
            if !items.is_empty() {
                indent(w, pretty, level)?;
            }
            w.write_all(b"]")
        }
        Value::Map(pairs) => {
            let plain = pairs.iter().all(|(k, _)| k.as_str().is_some())
                && !(pairs.len() == 1 && pairs[0].0.as_str().is_some_and(|k| TAGS.contains(&k)));
            if !plain {
                // `{"$map": [[key, value], ...]}`, written as that array would be, without
                // building it (a copy of the subtree at every level of a deep value).
                w.write_all(b"{\"$map\":[")?;
                for (i, (k, val)) in pairs.iter().enumerate() {
                    if i > 0 {
                        w.write_all(b",")?;
                    }
                    indent(w, pretty, level + 1)?;
                    w.write_all(b"[")?;
                    indent(w, pretty, level + 2)?;
                    write_json(w, k, pretty, level + 2)?;
                    w.write_all(b",")?;
                    indent(w, pretty, level + 2)?;
                    write_json(w, val, pretty, level + 2)?;
                    indent(w, pretty, level + 1)?;
                    w.write_all(b"]")?;
                }
                if !pairs.is_empty() {
                    indent(w, pretty, level)?;
                }
                return w.write_all(b"]}");
            }
            w.write_all(b"{")?;
            for (i, (k, val)) in pairs.iter().enumerate() {
                if i > 0 {
                    w.write_all(b",")?;
                }
                indent(w, pretty, level + 1)?;
                js(w, k.as_str().expect("checked"))?;
                w.write_all(if pretty { b": " } else { b":" })?;
                write_json(w, val, pretty, level + 1)?;
            }
            if !pairs.is_empty() {
                indent(w, pretty, level)?;
            }
            w.write_all(b"}")
        }
    }
}

/// `bits`/`canonical_nan`: the value's and the canonical quiet NaN's bits, in its own width.
fn nonfinite(f: f64, bits: u64, canonical_nan: u64) -> String {
    if f.is_nan() && bits != canonical_nan {
        format!("NaN:{bits:#x}")
    } else if f.is_nan() {
        "NaN".into()
    } else if f > 0.0 {
        "inf".into()
    } else {
        "-inf".into()
    }
}

/// Undoes the `$` convention on a value parsed from JSON.
pub fn decode_tags(v: Value) -> std::result::Result<Value, (String, String)> {
    decode_at(v, "")
}

fn decode_at(v: Value, path: &str) -> std::result::Result<Value, (String, String)> {
    stacker::maybe_grow(RED_ZONE, GROW_BY, || decode_here(v, path))
}

fn decode_here(v: Value, path: &str) -> std::result::Result<Value, (String, String)> {
    let bad = |m: &str| (if path.is_empty() { "(root)".to_string() } else { path.to_string() }, m.to_string());
    match v {
        Value::Array(items) => Ok(Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, x)| decode_at(x, &format!("{path}[{i}]")))
                .collect::<std::result::Result<_, _>>()?,
        )),
        Value::Map(mut pairs) => {
            if pairs.len() == 1
                && let Some(tag) = pairs[0].0.as_str().filter(|k| TAGS.contains(k)).map(String::from)
            {
                let inner = pairs.pop().expect("one pair").1;
                let b64 = |x: &Value| -> std::result::Result<Vec<u8>, (String, String)> {
                    x.as_str()
                        .and_then(|s| B64.decode(s).ok())
                        .ok_or_else(|| bad(&format!("{tag} needs a base64 string")))
                };
                return match tag.as_str() {
                    "$map" => {
                        let Value::Array(items) = inner else {
                            return Err(bad("$map needs an array of [key, value] pairs"));
                        };
                        let mut out = Vec::with_capacity(items.len());
                        for (i, item) in items.into_iter().enumerate() {
                            match decode_at(item, &format!("{path}.$map[{i}]"))? {
                                Value::Array(mut kv) if kv.len() == 2 => {
                                    let val = kv.pop().expect("2");
                                    let key = kv.pop().expect("2");
                                    out.push((key, val));
                                }
                                _ => return Err(bad("$map needs an array of [key, value] pairs")),
                            }
                        }
                        Ok(Value::Map(out))
                    }
                    "$bin" => Ok(Value::Binary(b64(&inner)?)),
                    "$bytes" => {
                        let bytes = b64(&inner)?;
                        let mut buf = Vec::new();
                        let len = u32::try_from(bytes.len()).map_err(|_| bad("$bytes is longer than 4 GiB"))?;
                        rmp::encode::write_str_len(&mut buf, len).map_err(|_| bad("string too long"))?;
                        buf.extend_from_slice(&bytes);
                        rmpv::decode::read_value(&mut buf.as_slice()).map_err(|_| bad("bad $bytes"))
                    }
                    "$ext" => match inner {
                        Value::Array(ref a) if a.len() == 2 => {
                            let t = a[0]
                                .as_i64()
                                .and_then(|t| i8::try_from(t).ok())
                                .ok_or_else(|| bad("$ext type must be -128..127"))?;
                            Ok(Value::Ext(t, b64(&a[1])?))
                        }
                        _ => Err(bad("$ext needs [type, base64]")),
                    },
                    "$f32" => match inner.as_str() {
                        Some(s) => parse_nonfinite(s)
                            .and_then(|(f, bits)| match bits {
                                Some(b) => u32::try_from(b).ok().map(f32::from_bits),
                                None => Some(f as f32),
                            })
                            .map(Value::F32)
                            .ok_or_else(|| bad("$f32 needs a number, \"NaN\", \"inf\" or \"-inf\"")),
                        None => inner.as_f64().map(|f| Value::F32(f as f32)).ok_or_else(|| bad("$f32 needs a number")),
                    },
                    _ => inner
                        .as_str()
                        .and_then(parse_nonfinite)
                        .map(|(f, bits)| Value::F64(bits.map_or(f, f64::from_bits)))
                        .ok_or_else(|| bad("$f64 needs \"NaN\", \"inf\" or \"-inf\"")),
                };
            }
            let mut out = Vec::with_capacity(pairs.len());
            for (k, val) in pairs {
                let p = format!("{}{}", if path.is_empty() { "" } else { "." }, k.as_str().unwrap_or("?"));
                out.push((k, decode_at(val, &format!("{path}{p}"))?));
            }
            Ok(Value::Map(out))
        }
        other => Ok(other),
    }
}

/// `"NaN"`, `"inf"`, `"-inf"`, or `"NaN:0x<bits>"` (the exact bits of a non-canonical NaN).
fn parse_nonfinite(s: &str) -> Option<(f64, Option<u64>)> {
    match s {
        "NaN" => Some((f64::NAN, None)),
        "inf" => Some((f64::INFINITY, None)),
        "-inf" => Some((f64::NEG_INFINITY, None)),
        _ => {
            let bits = u64::from_str_radix(s.strip_prefix("NaN:0x")?, 16).ok()?;
            Some((f64::NAN, Some(bits)))
        }
    }
}

/// Converts a whole value for callers that need JSON in memory (reports).
pub fn to_json_string(v: &Value) -> String {
    let mut buf = vec![];
    write_json(&mut buf, v, false, 0).expect("writing to memory");
    String::from_utf8(buf).expect("JSON is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_msgpack_shape_roundtrips_through_json() {
        let v = Value::Map(vec![
            (Value::from("plain"), Value::Map(vec![(Value::from("a"), Value::from(1))])),
            (
                Value::from("int keys"),
                Value::Map(vec![(Value::from(u64::MAX), Value::Array(vec![Value::from("Empty")]))]),
            ),
            (
                Value::from("array keys"),
                Value::Map(vec![(Value::Array(vec![Value::from("v1.Pod"), Value::from("a/b")]), Value::Nil)]),
            ),
            (Value::from("bin"), Value::Binary(vec![0, 255])),
            (Value::from("ext"), Value::Ext(-3, vec![1])),
            (Value::from("f32"), Value::F32(1.5)),
            (Value::from("f64"), Value::F64(2.25)),
            (Value::from("nan"), Value::F64(f64::INFINITY)),
            (Value::from("lookalike"), Value::Map(vec![(Value::from("$bin"), Value::from("not base64"))])),
            (Value::from("neg"), Value::from(i64::MIN)),
            (
                Value::from("non-finite"),
                Value::Array(vec![
                    Value::F32(f32::NAN),
                    Value::F32(f32::INFINITY),
                    Value::F32(f32::NEG_INFINITY),
                    Value::F32(-f32::NAN),
                    Value::F32(f32::from_bits(0x7f80_0001)),
                    Value::F32(-0.0),
                    Value::F32(1.5),
                    Value::F64(f64::NAN),
                    Value::F64(f64::INFINITY),
                    Value::F64(f64::NEG_INFINITY),
                    Value::F64(-f64::NAN),
                    Value::F64(f64::from_bits(0x7ff0_0000_0000_0001)),
                    Value::F64(-0.0),
                ]),
            ),
        ]);
        // Compared as MessagePack bytes: NaN != NaN as a value, and the bits must survive.
        let mut want = vec![];
        write_value(&mut want, &v).unwrap();
        for pretty in [false, true] {
            let mut buf = vec![];
            write_json(&mut buf, &v, pretty, 0).unwrap();
            let parsed: Value = serde_json::from_slice(&buf).unwrap();
            let mut got = vec![];
            write_value(&mut got, &decode_tags(parsed).unwrap()).unwrap();
            assert_eq!(got, want, "{}", String::from_utf8_lossy(&buf));
        }
    }

    /// MAX_DEPTH maps with integer keys, an extension at the bottom: the deepest JSON we write.
    fn deepest(levels: usize) -> Value {
        let mut v = Value::Ext(1, vec![0]);
        for _ in 0..levels {
            v = Value::Map(vec![(Value::from(1), v)]);
        }
        v
    }

    fn json_depth(text: &[u8]) -> usize {
        let (mut d, mut max, mut in_str, mut esc) = (0usize, 0, false, false);
        for &b in text {
            match (in_str, esc, b) {
                (true, true, _) => esc = false,
                (true, false, b'\\') => esc = true,
                (true, false, b'"') => in_str = false,
                (false, _, b'"') => in_str = true,
                (false, _, b'[' | b'{') => {
                    d += 1;
                    max = max.max(d);
                }
                (false, _, b']' | b'}') => d -= 1,
                _ => {}
            }
        }
        max
    }

    #[test]
    fn the_deepest_json_we_write_reads_back_and_one_more_level_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        for pretty in [false, true] {
            let v = deepest(MAX_DEPTH);
            let mut text = vec![];
            write_json(&mut text, &v, pretty, 0).unwrap();
            assert_eq!(json_depth(&text), JSON_MAX_DEPTH);
            let p = dir.path().join("deep.json");
            std::fs::write(&p, &text).unwrap();
            let (mut want, mut got) = (vec![], vec![]);
            write_value(&mut want, &v).unwrap();
            write_value(&mut got, &read_json(&p).unwrap()).unwrap();
            assert_eq!(got, want);
        }
        let p = dir.path().join("deeper.json");
        std::fs::write(&p, format!("{}{}", "[".repeat(JSON_MAX_DEPTH + 1), "]".repeat(JSON_MAX_DEPTH + 1))).unwrap();
        let e = read_json(&p).unwrap_err().to_string();
        assert!(e.contains("nesting deeper than 3071") && e.contains("line 1 column 3073"), "{e}");
        std::fs::write(&p, format!("{}{}", "[".repeat(JSON_MAX_DEPTH), "]".repeat(JSON_MAX_DEPTH))).unwrap();
        assert!(read_json(&p).is_ok());
    }

    #[test]
    fn float32_nonfinite_is_tagged_f32() {
        let v = Value::Array(vec![Value::F32(f32::NAN), Value::F32(1.5), Value::F32(f32::NEG_INFINITY)]);
        assert_eq!(to_json_string(&v), r#"[{"$f32":"NaN"},{"$f32":1.5},{"$f32":"-inf"}]"#);
        let v = Value::Array(vec![Value::F64(f64::NAN), Value::F64(f64::INFINITY)]);
        assert_eq!(to_json_string(&v), r#"[{"$f64":"NaN"},{"$f64":"inf"}]"#);
    }
}
