//! The fast path's byte-level reading: heads, strings, integers, and the walk that checks a whole
//! value to be JSON-shaped (as the exact path checks it) without building it.
//!
//! These run once per MessagePack item of a trace (about a million per 10 MB), so they are
//! written for that: the short forms a trace is made of (fixstr keys and values, small integers,
//! fixmaps) are decided on the marker byte before the general head table, and strings are checked
//! for UTF-8 by a word test that settles short ASCII strings in a few instructions.
//!
//! Lengths come from the input: every slice is taken with `get`, so a declared length past the
//! bytes at hand is `Incomplete`, never a panic. Positions are sums of an in-buffer position, a
//! head of at most 5 bytes and a length of at most 2^32 - 1 (four length bytes at most), so they
//! cannot overflow a 64-bit `usize`.

use rmpv::Value;

use super::{R, Stop};
use crate::trace::msgpack::{MAX_DEPTH, MsgReader};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum K {
    Scalar,
    Str,
    Arr,
    Map,
    /// Binary, extension, or the reserved byte: never JSON.
    Other,
}

/// The head at `b[i]`: its kind, header length, and string length or item count.
#[inline(always)]
pub fn peek(b: &[u8], i: usize) -> R<(K, usize, usize)> {
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

/// Valid UTF-8. Nearly every string in a trace is short ASCII: OR-ing its bytes a word at a time
/// (the last word overlapping) and testing the high bits settles it without a call; a string
/// with any other byte, or a long one, goes to simdutf8.
#[inline(always)]
pub fn utf8(s: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = s.len();
    let acc = if n >= 8 {
        if n > 32 {
            return simdutf8::basic::from_utf8(s).is_ok();
        }
        let word =
            |i: usize| s.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()).map_or(HIGH, u64::from_ne_bytes);
        let mut acc = word(n - 8);
        let mut i = 0;
        while i + 8 < n {
            acc |= word(i);
            i += 8;
        }
        acc
    } else if n >= 4 {
        let half = |i: usize| {
            s.get(i..i + 4).and_then(|w| <[u8; 4]>::try_from(w).ok()).map_or(HIGH, |w| u64::from(u32::from_ne_bytes(w)))
        };
        half(0) | half(n - 4)
    } else {
        // 0 to 3 bytes: the first, middle and last cover them all.
        match (s.first(), s.get(n / 2), s.last()) {
            (Some(a), Some(m), Some(z)) => u64::from(a | m | z),
            _ => 0,
        }
    };
    acc & HIGH == 0 || simdutf8::basic::from_utf8(s).is_ok()
}

/// The string at `b[i]`: its payload's start and length; `Slow` for anything but a string.
#[inline(always)]
fn str_head(b: &[u8], i: usize) -> R<(usize, usize)> {
    let m = *b.get(i).ok_or(Stop::Incomplete)?;
    if m & 0xe0 == 0xa0 {
        return Ok((i + 1, usize::from(m & 0x1f)));
    }
    match peek(b, i)? {
        (K::Str, hl, n) => Ok((i + hl, n)),
        _ => Err(Stop::Slow),
    }
}

/// The string at `b[i]` (valid UTF-8, else `Slow`) and the position after it.
#[inline]
pub fn str_at(b: &[u8], i: usize) -> R<(&str, usize)> {
    let (s, n) = str_head(b, i)?;
    let bytes = b.get(s..s + n).ok_or(Stop::Incomplete)?;
    let text = std::str::from_utf8(bytes).map_err(|_| Stop::Slow)?;
    Ok((text, s + n))
}

/// A map key at `b[i]`: its bytes (a valid UTF-8 string, else `Slow`) and the position after it.
#[inline(always)]
pub fn key_at(b: &[u8], i: usize) -> R<(&[u8], usize)> {
    let (s, n) = str_head(b, i)?;
    let bytes = b.get(s..s + n).ok_or(Stop::Incomplete)?;
    if !utf8(bytes) {
        return Err(Stop::Slow);
    }
    Ok((bytes, s + n))
}

/// Nesting the fast path follows below the value it starts at; deeper values go to the exact path.
const STACK: usize = 48;

/// Every rule pointer goes through a map key that starts with one of these (`serviceAccountName`,
/// `secretKeyRef`, `configMapRef`, …). A field none of whose keys does cannot match a rule
/// (msgpack keeps keys as plain UTF-8), so it needs no projection.
const RULE_KEYS: [&[u8]; 3] = [b"serviceAccount", b"secret", b"configMap"];

#[inline(always)]
pub fn is_rule_key(k: &[u8]) -> bool {
    k.len() >= 6 && matches!(&k[..4], b"serv" | b"secr" | b"conf") && RULE_KEYS.iter().any(|r| k.starts_with(r))
}

/// The end of the JSON-shaped value at `b[i]` (nesting level `depth`): strings valid UTF-8,
/// map keys strings, no binary or extension values. Sets `rule_keys` when a map key in it starts
/// as a rule's key does. Iterative, allocation-free.
pub fn json_end(b: &[u8], i: usize, depth: usize, rule_keys: &mut bool) -> R<usize> {
    let mut pos = i;
    // The open containers' items left (pairs, for a map) and whether each is a map; the
    // current one is (left, map), starting as a virtual array holding the one value.
    let mut stack = [(0u32, false); STACK];
    let mut sp = 0usize;
    let (mut left, mut map) = (1u32, false);
    let mut rk = false;
    loop {
        if map {
            let (key, after) = key_at(b, pos)?;
            rk |= is_rule_key(key);
            pos = after;
        }
        let m = *b.get(pos).ok_or(Stop::Incomplete)?;
        // The short forms first: a fixstr, or a one-byte scalar.
        let (k, hl, n) = match m {
            0xa0..=0xbf => (K::Str, 1, usize::from(m & 0x1f)),
            0x00..=0x7f | 0xe0..=0xff | 0xc0 | 0xc2 | 0xc3 => {
                pos += 1;
                (K::Scalar, 0, 0)
            }
            _ => peek(b, pos)?,
        };
        match k {
            K::Str => {
                let s = pos + hl;
                let bytes = b.get(s..s + n).ok_or(Stop::Incomplete)?;
                if !utf8(bytes) {
                    return Err(Stop::Slow);
                }
                pos = s + n;
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
                *rule_keys |= rk;
                return Ok(pos);
            }
            sp -= 1;
            (left, map) = stack[sp];
        }
    }
}

/// `json_end` where the caller needs no rule-key test.
pub fn json_end_(b: &[u8], i: usize, depth: usize) -> R<usize> {
    json_end(b, i, depth, &mut false)
}

/// One step of a path `json_end_at` follows: a map key (its last occurrence, as
/// `value::get` finds it), or an array's first element.
#[derive(Clone, Copy)]
pub enum Step {
    Key(&'static [u8]),
    First,
}

/// `json_end`, and on the way the position of the value at `path` in it (None when the path
/// does not lead anywhere): what `raw_get` would find afterwards, without walking the value
/// again.
pub fn json_end_at(b: &[u8], i: usize, depth: usize, rule_keys: &mut bool, path: &[Step]) -> R<(usize, Option<usize>)> {
    let Some((step, rest)) = path.split_first() else {
        return Ok((json_end(b, i, depth, rule_keys)?, Some(i)));
    };
    let (k, hl, n) = peek(b, i)?;
    let mut pos = i + hl;
    let mut found = None;
    match (*step, k) {
        (Step::Key(want), K::Map) => {
            if n > 0 && depth + 2 >= MAX_DEPTH {
                return Err(Stop::Slow);
            }
            for _ in 0..n {
                let (key, after) = key_at(b, pos)?;
                *rule_keys |= is_rule_key(key);
                (pos, found) = if key == want {
                    json_end_at(b, after, depth + 1, rule_keys, rest)?
                } else {
                    (json_end(b, after, depth + 1, rule_keys)?, found)
                };
            }
        }
        (Step::First, K::Arr) if n > 0 => {
            if depth + 2 >= MAX_DEPTH {
                return Err(Stop::Slow);
            }
            (pos, found) = json_end_at(b, pos, depth + 1, rule_keys, rest)?;
            for _ in 1..n {
                pos = json_end(b, pos, depth + 1, rule_keys)?;
            }
        }
        _ => pos = json_end(b, i, depth, rule_keys)?,
    }
    Ok((pos, found))
}

/// The end of the value at `b[i]`, already checked by `json_end`: only walked.
pub fn skip_end(b: &[u8], i: usize) -> R<usize> {
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
pub fn decode(b: &[u8], i: usize, end: usize, depth: usize) -> R<Value> {
    let bytes = b.get(i..end).ok_or(Stop::Incomplete)?;
    MsgReader::new(bytes, None).read_value(depth).map_err(|_| Stop::Slow)
}

/// The integer at `b[i]` as `Value::as_i64` reads it: None for anything else, or one too big.
pub fn as_i64(b: &[u8], i: usize) -> Option<i64> {
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
pub fn raw_get(b: &[u8], i: usize, key: &[u8]) -> R<Option<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_agrees_with_std_at_every_length_and_position() {
        for n in 0..80 {
            let ascii: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(utf8(&ascii), "{n}");
            for at in 0..n {
                for bad in [0x80u8, 0xc3, 0xff] {
                    let mut s = ascii.clone();
                    s[at] = bad;
                    assert_eq!(utf8(&s), std::str::from_utf8(&s).is_ok(), "{n} {at} {bad:#x}");
                }
                // A valid two-byte character ending at `at`.
                if at > 0 {
                    let mut s = ascii.clone();
                    s[at - 1..=at].copy_from_slice("é".as_bytes());
                    assert!(utf8(&s), "{n} {at}");
                }
            }
        }
    }

    #[test]
    fn json_end_at_finds_what_raw_get_finds() {
        // {"a": {"x": 1, "b": [{"c": 2}], "b": [{"c": 3, "c": 4}]}, "z": "s"}: the last "b" wins.
        let v = Value::Map(vec![
            (
                Value::from("a"),
                Value::Map(vec![
                    (Value::from("x"), Value::from(1)),
                    (Value::from("b"), Value::Array(vec![Value::Map(vec![(Value::from("c"), Value::from(2))])])),
                    (
                        Value::from("b"),
                        Value::Array(vec![Value::Map(vec![
                            (Value::from("c"), Value::from(3)),
                            (Value::from("c"), Value::from(4)),
                        ])]),
                    ),
                ]),
            ),
            (Value::from("z"), Value::from("s")),
        ]);
        let mut b = vec![];
        crate::trace::msgpack::write_value(&mut b, &v).unwrap();
        let mut rk = false;
        let path = [Step::Key(b"a"), Step::Key(b"b"), Step::First, Step::Key(b"c")];
        let (end, found) = json_end_at(&b, 0, 0, &mut rk, &path).unwrap();
        assert_eq!(end, b.len());
        assert_eq!(found.and_then(|p| as_i64(&b, p)), Some(4));
        let missing = [Step::Key(b"a"), Step::Key(b"x"), Step::First];
        assert_eq!(json_end_at(&b, 0, 0, &mut rk, &missing).unwrap(), (b.len(), None));
        assert!(!rk);
        for cut in 0..b.len() {
            assert_eq!(json_end_at(&b[..cut], 0, 0, &mut rk, &path), Err(Stop::Incomplete), "{cut}");
        }
    }
}
