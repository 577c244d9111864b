//! A bounded, streaming MessagePack reader.
//!
//! Traces can be hundreds of megabytes and may be hostile, so nothing here trusts a declared
//! length: lengths are checked against the bytes that remain, containers never pre-allocate more
//! than a small chunk, nesting is capped, and skipping/copying a value is iterative (no recursion,
//! no allocation), so a 10,000-deep or 4-billion-element declaration fails cleanly.

use std::io::{self, BufRead, Read, Write};

use rmpv::{Integer, Utf8String, Value};

/// rmp-serde (and therefore SimKube's driver) starts a depth counter at 1024 and fails when
/// entering a container takes it to 0: at most 1023 nested arrays/maps. A container at depth
/// index >= MAX_DEPTH (the root being 0) is refused.
pub const MAX_DEPTH: usize = 1023;
/// Largest single string/binary we materialise in memory.
pub const MAX_BLOB: u64 = 256 * 1024 * 1024;
/// Never reserve more than this many elements ahead of actually reading them.
const PREALLOC_CAP: usize = 1024;

#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("the file ends early (truncated) at byte {offset}")]
    Truncated { offset: u64 },
    #[error("byte 0xc1 at byte {offset} is not valid MessagePack")]
    Reserved { offset: u64 },
    #[error("nesting deeper than {MAX_DEPTH} levels at byte {offset}")]
    TooDeep { offset: u64 },
    #[error("declares a {what} of {declared} but only {remaining} bytes remain (byte {offset})")]
    TooLong { what: &'static str, declared: u64, remaining: u64, offset: u64 },
    #[error("a {what} of {declared} bytes at byte {offset} exceeds the {MAX_BLOB}-byte limit")]
    TooBig { what: &'static str, declared: u64, offset: u64 },
    #[error("I/O error at byte {offset}: {source}")]
    Io { offset: u64, source: io::Error },
}

impl DecodeError {
    pub fn offset(&self) -> u64 {
        match self {
            Self::Truncated { offset }
            | Self::Reserved { offset }
            | Self::TooDeep { offset }
            | Self::TooLong { offset, .. }
            | Self::TooBig { offset, .. }
            | Self::Io { offset, .. } => *offset,
        }
    }
}

/// The head of one MessagePack value, with its payload (for scalars) already decoded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Head {
    Nil,
    Bool(bool),
    UInt(u64),
    Int(i64),
    F32(f32),
    F64(f64),
    Str(u32),
    Bin(u32),
    Ext(i8, u32),
    Array(u32),
    Map(u32),
}

impl Head {
    pub fn kind(&self) -> &'static str {
        match self {
            Head::Nil => "nil",
            Head::Bool(_) => "a boolean",
            Head::UInt(_) | Head::Int(_) => "an integer",
            Head::F32(_) | Head::F64(_) => "a float",
            Head::Str(_) => "a string",
            Head::Bin(_) => "binary data",
            Head::Ext(..) => "an extension value",
            Head::Array(_) => "an array",
            Head::Map(_) => "a map",
        }
    }
}

pub struct MsgReader<R> {
    inner: R,
    pos: u64,
    /// Total input length when known (files): lets us refuse impossible declared lengths at once.
    len: Option<u64>,
    /// The raw bytes of the last head, so copy_value can pass them through untouched.
    head_buf: [u8; 9],
    head_len: usize,
}

impl<R: BufRead> MsgReader<R> {
    pub fn new(inner: R, len: Option<u64>) -> Self {
        MsgReader { inner, pos: 0, len, head_buf: [0; 9], head_len: 0 }
    }

    /// A reader whose first byte is at offset `pos` of an input of `len` bytes: positions and
    /// length checks are then those of the whole input.
    pub fn at(inner: R, len: Option<u64>, pos: u64) -> Self {
        MsgReader { inner, pos, len, head_buf: [0; 9], head_len: 0 }
    }

    pub fn position(&self) -> u64 {
        self.pos
    }

    /// The buffered bytes not yet consumed (refilled only when none are left).
    pub fn buffered(&mut self) -> Result<&[u8], DecodeError> {
        self.inner.fill_buf().map_err(|e| DecodeError::Io { offset: self.pos, source: e })
    }

    /// Consumes `n` bytes of `buffered()`.
    pub fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.pos += n as u64;
    }

    fn remaining(&self) -> Option<u64> {
        self.len.map(|l| l.saturating_sub(self.pos))
    }

    fn io(&self, e: io::Error) -> DecodeError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            DecodeError::Truncated { offset: self.pos }
        } else {
            DecodeError::Io { offset: self.pos, source: e }
        }
    }

    /// True when no byte is left (used to report trailing data after the root value).
    pub fn at_eof(&mut self) -> Result<bool, DecodeError> {
        let buf = self.inner.fill_buf().map_err(|e| DecodeError::Io { offset: self.pos, source: e })?;
        Ok(buf.is_empty())
    }

    fn fill(&mut self, n: usize) -> Result<(), DecodeError> {
        let start = self.head_len;
        self.inner
            .read_exact(&mut self.head_buf[start..start + n])
            .map_err(|e| DecodeError::Truncated { offset: self.pos + start as u64 }.or_io(e))?;
        self.head_len += n;
        Ok(())
    }

    fn be(&self, from: usize, n: usize) -> u64 {
        self.head_buf[from..from + n].iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
    }

    /// Reads the head of the next value. Str/Bin/Ext payloads and container items are not read.
    pub fn read_head(&mut self) -> Result<Head, DecodeError> {
        self.head_len = 0;
        let at = self.pos;
        self.fill(1)?;
        let m = self.head_buf[0];
        let head = match m {
            0x00..=0x7f => Head::UInt(u64::from(m)),
            0x80..=0x8f => Head::Map(u32::from(m & 0x0f)),
            0x90..=0x9f => Head::Array(u32::from(m & 0x0f)),
            0xa0..=0xbf => Head::Str(u32::from(m & 0x1f)),
            0xc0 => Head::Nil,
            0xc1 => {
                self.pos += 1;
                return Err(DecodeError::Reserved { offset: at });
            }
            0xc2 => Head::Bool(false),
            0xc3 => Head::Bool(true),
            0xc4..=0xc6 => {
                let n = 1 << (m - 0xc4);
                self.fill(n)?;
                Head::Bin(self.be(1, n) as u32)
            }
            0xc7..=0xc9 => {
                let n = 1 << (m - 0xc7);
                self.fill(n + 1)?;
                Head::Ext(self.head_buf[1 + n] as i8, self.be(1, n) as u32)
            }
            0xca => {
                self.fill(4)?;
                Head::F32(f32::from_bits(self.be(1, 4) as u32))
            }
            0xcb => {
                self.fill(8)?;
                Head::F64(f64::from_bits(self.be(1, 8)))
            }
            0xcc..=0xcf => {
                let n = 1 << (m - 0xcc);
                self.fill(n)?;
                Head::UInt(self.be(1, n))
            }
            0xd0..=0xd3 => {
                let n = 1 << (m - 0xd0);
                self.fill(n)?;
                let raw = self.be(1, n);
                let shift = 64 - 8 * n as u32;
                Head::Int(((raw << shift) as i64) >> shift)
            }
            0xd4..=0xd8 => {
                self.fill(1)?;
                Head::Ext(self.head_buf[1] as i8, 1 << (m - 0xd4))
            }
            0xd9..=0xdb => {
                let n = 1 << (m - 0xd9);
                self.fill(n)?;
                Head::Str(self.be(1, n) as u32)
            }
            0xdc | 0xdd => {
                let n = 2 << (m - 0xdc);
                self.fill(n)?;
                Head::Array(self.be(1, n) as u32)
            }
            0xde | 0xdf => {
                let n = 2 << (m - 0xde);
                self.fill(n)?;
                Head::Map(self.be(1, n) as u32)
            }
            0xe0..=0xff => Head::Int(i64::from(m as i8)),
        };
        self.pos += self.head_len as u64;
        // An array or map needs at least one byte per item: refuse impossible counts at once.
        if let (Head::Array(n) | Head::Map(n), Some(rem)) = (head, self.remaining()) {
            let min = if matches!(head, Head::Map(_)) { 2 * u64::from(n) } else { u64::from(n) };
            if min > rem {
                let what = if matches!(head, Head::Map(_)) { "map" } else { "array" };
                return Err(DecodeError::TooLong { what, declared: u64::from(n), remaining: rem, offset: at });
            }
        }
        Ok(head)
    }

    fn check_payload(&self, what: &'static str, n: u64) -> Result<(), DecodeError> {
        match self.remaining() {
            Some(rem) if n > rem => Err(DecodeError::TooLong { what, declared: n, remaining: rem, offset: self.pos }),
            _ => Ok(()),
        }
    }

    /// Reads `n` payload bytes without trusting `n` for the allocation.
    pub fn read_payload(&mut self, what: &'static str, n: u32) -> Result<Vec<u8>, DecodeError> {
        let n = u64::from(n);
        self.check_payload(what, n)?;
        if n > MAX_BLOB {
            return Err(DecodeError::TooBig { what, declared: n, offset: self.pos });
        }
        let mut out = Vec::with_capacity(n.min(64 * 1024) as usize);
        let got = (&mut self.inner).take(n).read_to_end(&mut out).map_err(|e| self.io(e))?;
        self.pos += got as u64;
        if (got as u64) < n {
            return Err(DecodeError::Truncated { offset: self.pos });
        }
        Ok(out)
    }

    fn discard(&mut self, what: &'static str, n: u64, out: &mut Option<&mut dyn Write>) -> Result<(), DecodeError> {
        self.check_payload(what, n)?;
        let mut left = n;
        while left > 0 {
            let buf = self.inner.fill_buf().map_err(|e| DecodeError::Io { offset: self.pos, source: e })?;
            if buf.is_empty() {
                return Err(DecodeError::Truncated { offset: self.pos });
            }
            let k = (buf.len() as u64).min(left) as usize;
            if let Some(w) = out.as_mut() {
                w.write_all(&buf[..k]).map_err(|e| DecodeError::Io { offset: self.pos, source: e })?;
            }
            self.inner.consume(k);
            self.pos += k as u64;
            left -= k as u64;
        }
        Ok(())
    }

    /// Skips one whole value, however deep, in constant memory.
    pub fn skip_value(&mut self) -> Result<(), DecodeError> {
        self.pass_value(None)
    }

    /// Copies one whole value byte for byte to `out`, in constant memory.
    pub fn copy_value(&mut self, out: &mut dyn Write) -> Result<(), DecodeError> {
        self.pass_value(Some(out))
    }

    /// Copies the head just read by `read_head` to `out`.
    pub fn copy_last_head(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.head_buf[..self.head_len])
    }

    fn pass_value(&mut self, mut out: Option<&mut dyn Write>) -> Result<(), DecodeError> {
        let mut pending: u64 = 1;
        while pending > 0 {
            // Fast path: walk whole elements inside the buffered bytes and pass them on in one
            // write. Only an element that straddles the buffer's end takes the slow path below.
            let (used, stuck) = {
                let buf = self.inner.fill_buf().map_err(|e| DecodeError::Io { offset: self.pos, source: e })?;
                if buf.is_empty() {
                    return Err(DecodeError::Truncated { offset: self.pos });
                }
                let mut i = 0usize;
                let mut stuck = false;
                while pending > 0 {
                    match scan_one(&buf[i..]) {
                        Some((n, items)) => {
                            i += n;
                            pending = pending - 1 + items;
                        }
                        None => {
                            stuck = true;
                            break;
                        }
                    }
                }
                if let Some(w) = out.as_mut() {
                    w.write_all(&buf[..i]).map_err(|e| DecodeError::Io { offset: self.pos, source: e })?;
                }
                (i, stuck)
            };
            self.inner.consume(used);
            self.pos += used as u64;
            if stuck && pending > 0 {
                pending -= 1;
                let head = self.read_head()?;
                if let Some(w) = out.as_mut() {
                    self.copy_last_head(&mut **w).map_err(|e| DecodeError::Io { offset: self.pos, source: e })?;
                }
                match head {
                    Head::Str(n) => self.discard("string", u64::from(n), &mut out)?,
                    Head::Bin(n) => self.discard("binary", u64::from(n), &mut out)?,
                    Head::Ext(_, n) => self.discard("extension", u64::from(n), &mut out)?,
                    Head::Array(n) => pending += u64::from(n),
                    Head::Map(n) => pending += 2 * u64::from(n),
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Skips one value like `skip_value`, but refuses nesting beyond MAX_DEPTH as rmp-serde does
    /// even for fields it ignores. `depth` is the nesting level of the value being skipped.
    pub fn skip_value_checked(&mut self, depth: usize) -> Result<(), DecodeError> {
        let mut open: Vec<u64> = Vec::new();
        loop {
            let head = self.read_head()?;
            let mut complete = true;
            match head {
                Head::Str(n) => self.discard("string", u64::from(n), &mut None)?,
                Head::Bin(n) => self.discard("binary", u64::from(n), &mut None)?,
                Head::Ext(_, n) => self.discard("extension", u64::from(n), &mut None)?,
                Head::Array(n) | Head::Map(n) => {
                    if depth + open.len() >= MAX_DEPTH {
                        return Err(DecodeError::TooDeep { offset: self.pos });
                    }
                    let items = if matches!(head, Head::Map(_)) { 2 * u64::from(n) } else { u64::from(n) };
                    if items > 0 {
                        open.push(items);
                        complete = false;
                    }
                }
                _ => {}
            }
            if complete {
                loop {
                    match open.last_mut() {
                        None => return Ok(()),
                        Some(left) => {
                            *left -= 1;
                            if *left > 0 {
                                break;
                            }
                            open.pop();
                        }
                    }
                }
            }
        }
    }

    /// Reads one value into memory. `depth` is the nesting level of the value being read.
    /// Iterative, so a hostile nesting depth costs heap, never stack.
    pub fn read_value(&mut self, depth: usize) -> Result<Value, DecodeError> {
        enum Frame {
            Array(Vec<Value>, u32),
            Map(Vec<(Value, Value)>, u32, Option<Value>),
        }
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            let head = self.read_head()?;
            let mut v = match head {
                Head::Array(n) | Head::Map(n) => {
                    if depth + stack.len() >= MAX_DEPTH {
                        return Err(DecodeError::TooDeep { offset: self.pos });
                    }
                    let cap = (n as usize).min(PREALLOC_CAP);
                    match (head, n) {
                        (Head::Array(_), 0) => Value::Array(vec![]),
                        (Head::Map(_), 0) => Value::Map(vec![]),
                        (Head::Array(_), _) => {
                            stack.push(Frame::Array(Vec::with_capacity(cap), n));
                            continue;
                        }
                        _ => {
                            stack.push(Frame::Map(Vec::with_capacity(cap), n, None));
                            continue;
                        }
                    }
                }
                scalar => self.scalar(scalar)?,
            };
            loop {
                match stack.last_mut() {
                    None => return Ok(v),
                    Some(Frame::Array(items, left)) => {
                        items.push(v);
                        *left -= 1;
                        if *left > 0 {
                            break;
                        }
                        let Some(Frame::Array(items, _)) = stack.pop() else { unreachable!() };
                        v = Value::Array(items);
                    }
                    Some(Frame::Map(items, left, key)) => {
                        match key.take() {
                            None => {
                                *key = Some(v);
                                break;
                            }
                            Some(k) => items.push((k, v)),
                        }
                        *left -= 1;
                        if *left > 0 {
                            break;
                        }
                        let Some(Frame::Map(items, ..)) = stack.pop() else { unreachable!() };
                        v = Value::Map(items);
                    }
                }
            }
        }
    }

    /// Reads the payload of a non-container head.
    fn scalar(&mut self, head: Head) -> Result<Value, DecodeError> {
        Ok(match head {
            Head::Nil => Value::Nil,
            Head::Bool(b) => Value::Boolean(b),
            Head::UInt(u) => Value::Integer(Integer::from(u)),
            Head::Int(i) => Value::Integer(Integer::from(i)),
            Head::F32(f) => Value::F32(f),
            Head::F64(f) => Value::F64(f),
            Head::Str(n) => {
                let bytes = self.read_payload("string", n)?;
                // Keep invalid UTF-8 as-is: rmp-serde treats such a string as bytes, and so do we.
                Value::String(match String::from_utf8(bytes) {
                    Ok(s) => Utf8String::from(s),
                    Err(e) => invalid_utf8(e.into_bytes()),
                })
            }
            Head::Bin(n) => Value::Binary(self.read_payload("binary", n)?),
            Head::Ext(tag, n) => Value::Ext(tag, self.read_payload("extension", n)?),
            Head::Array(_) | Head::Map(_) => unreachable!("containers are handled by read_value"),
        })
    }
}

/// The length of the element at the start of `b` (head and payload) and how many child
/// elements follow it, if all of its own bytes are in `b`.
#[inline]
fn scan_one(b: &[u8]) -> Option<(usize, u64)> {
    let m = *b.first()?;
    let be = |from: usize, n: usize| -> Option<usize> {
        let bytes = b.get(from..from + n)?;
        Some(bytes.iter().fold(0usize, |acc, x| (acc << 8) | usize::from(*x)))
    };
    let (head, payload, items): (usize, usize, u64) = match m {
        0x00..=0x7f | 0xe0..=0xff | 0xc0 | 0xc2 | 0xc3 => (1, 0, 0),
        0x80..=0x8f => (1, 0, 2 * u64::from(m & 0x0f)),
        0x90..=0x9f => (1, 0, u64::from(m & 0x0f)),
        0xa0..=0xbf => (1, usize::from(m & 0x1f), 0),
        0xc1 => return None,
        0xc4 => (2, be(1, 1)?, 0),
        0xc5 => (3, be(1, 2)?, 0),
        0xc6 => (5, be(1, 4)?, 0),
        0xc7 => (3, be(1, 1)?, 0),
        0xc8 => (4, be(1, 2)?, 0),
        0xc9 => (6, be(1, 4)?, 0),
        0xca => (5, 0, 0),
        0xcb => (9, 0, 0),
        0xcc | 0xd0 => (2, 0, 0),
        0xcd | 0xd1 => (3, 0, 0),
        0xce | 0xd2 => (5, 0, 0),
        0xcf | 0xd3 => (9, 0, 0),
        0xd4 => (2, 1, 0),
        0xd5 => (2, 2, 0),
        0xd6 => (2, 4, 0),
        0xd7 => (2, 8, 0),
        0xd8 => (2, 16, 0),
        0xd9 => (2, be(1, 1)?, 0),
        0xda => (3, be(1, 2)?, 0),
        0xdb => (5, be(1, 4)?, 0),
        0xdc => (3, 0, be(1, 2)? as u64),
        0xdd => (5, 0, be(1, 4)? as u64),
        0xde => (3, 0, 2 * be(1, 2)? as u64),
        0xdf => (5, 0, 2 * be(1, 4)? as u64),
    };
    let total = head + payload;
    (total <= b.len()).then_some((total, items))
}

/// rmpv offers no constructor for a str holding invalid UTF-8 except its own decoder.
fn invalid_utf8(bytes: Vec<u8>) -> Utf8String {
    let mut buf = Vec::with_capacity(bytes.len() + 5);
    let _ = rmp::encode::write_str_len(&mut buf, bytes.len() as u32);
    buf.extend_from_slice(&bytes);
    match rmpv::decode::read_value(&mut buf.as_slice()) {
        Ok(Value::String(s)) => s,
        _ => Utf8String::from(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

trait OrIo {
    fn or_io(self, e: io::Error) -> DecodeError;
}

impl OrIo for DecodeError {
    fn or_io(self, e: io::Error) -> DecodeError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            self
        } else {
            DecodeError::Io { offset: self.offset(), source: e }
        }
    }
}

/// Writes `v` in the smallest MessagePack encoding, as rmp-serde does.
pub fn write_value(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    let mut w = out;
    rmpv::encode::write_value(&mut w, v).map_err(io::Error::other)
}

pub fn write_map_len(out: &mut dyn Write, n: u32) -> io::Result<()> {
    let mut w = out;
    rmp::encode::write_map_len(&mut w, n).map(|_| ()).map_err(io::Error::other)
}

pub fn write_array_len(out: &mut dyn Write, n: u32) -> io::Result<()> {
    let mut w = out;
    rmp::encode::write_array_len(&mut w, n).map(|_| ()).map_err(io::Error::other)
}

pub fn write_str(out: &mut dyn Write, s: &str) -> io::Result<()> {
    let mut w = out;
    rmp::encode::write_str(&mut w, s).map_err(io::Error::other)
}

pub fn write_i64(out: &mut dyn Write, i: i64) -> io::Result<()> {
    let mut w = out;
    rmp::encode::write_sint(&mut w, i).map(|_| ()).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(b: &[u8]) -> MsgReader<&[u8]> {
        MsgReader::new(b, Some(b.len() as u64))
    }

    #[test]
    fn huge_declared_array_is_refused_without_allocating() {
        let bytes = [0xdd, 0xff, 0xff, 0xff, 0xff, 0x01];
        let err = reader(&bytes).read_value(0).unwrap_err();
        assert!(matches!(err, DecodeError::TooLong { declared: 4_294_967_295, .. }), "{err}");
    }

    #[test]
    fn huge_declared_string_is_refused() {
        let bytes = [0xdb, 0x80, 0x00, 0x00, 0x00, b'a'];
        assert!(matches!(reader(&bytes).read_value(0).unwrap_err(), DecodeError::TooLong { .. }));
        // Without a known length it is still never allocated: 2 GB is over the blob limit.
        let mut r = MsgReader::new(&bytes[..], None);
        assert!(matches!(r.read_value(0).unwrap_err(), DecodeError::TooBig { .. }));
        let small = [0xda, 0x01, 0x00, b'a'];
        assert!(matches!(MsgReader::new(&small[..], None).read_value(0).unwrap_err(), DecodeError::Truncated { .. }));
    }

    #[test]
    fn deep_nesting_is_refused_by_read_and_skipped_iteratively() {
        let mut bytes = vec![0x91; 10_000];
        bytes.push(0xc0);
        assert!(matches!(reader(&bytes).read_value(0).unwrap_err(), DecodeError::TooDeep { .. }));
        let mut r = reader(&bytes);
        r.skip_value().unwrap();
        assert!(r.at_eof().unwrap());
        assert!(matches!(reader(&bytes).skip_value_checked(0).unwrap_err(), DecodeError::TooDeep { .. }));
        let ok = [0x92, 0x91, 0x90, 0x81, 0xa1, b'k', 0x90];
        let mut r = reader(&ok);
        r.skip_value_checked(0).unwrap();
        assert!(r.at_eof().unwrap());
    }

    #[test]
    fn copy_is_byte_exact_and_roundtrip_matches_rmpv() {
        let v = Value::Map(vec![
            (Value::from("ts"), Value::from(-5i64)),
            (Value::from("big"), Value::from(u64::MAX)),
            (Value::from("f"), Value::F64(1.5)),
            (Value::from("b"), Value::Binary(vec![1, 2, 3])),
            (Value::from("e"), Value::Ext(3, vec![9; 16])),
            (Value::from("a"), Value::Array(vec![Value::Nil, Value::Boolean(true), Value::from("x".repeat(300))])),
        ]);
        let mut bytes = vec![];
        write_value(&mut bytes, &v).unwrap();
        assert_eq!(reader(&bytes).read_value(0).unwrap(), v);
        let mut copied = vec![];
        reader(&bytes).copy_value(&mut copied).unwrap();
        assert_eq!(copied, bytes);
    }

    #[test]
    fn copy_and_skip_are_exact_across_buffer_boundaries() {
        let big = Value::Array(
            (0..500)
                .map(|i| {
                    Value::Map(vec![
                        (Value::from("k"), Value::from("x".repeat(i % 70))),
                        (Value::from(i), Value::Binary(vec![1; i % 300])),
                    ])
                })
                .collect(),
        );
        let mut bytes = vec![];
        write_value(&mut bytes, &big).unwrap();
        bytes.push(0xc3);
        for cap in [1, 2, 3, 7, 64, 1000] {
            let mut r = MsgReader::new(std::io::BufReader::with_capacity(cap, &bytes[..]), Some(bytes.len() as u64));
            let mut copied = vec![];
            r.copy_value(&mut copied).unwrap();
            assert_eq!(copied, bytes[..bytes.len() - 1], "buffer {cap}");
            assert_eq!(r.read_value(0).unwrap(), Value::Boolean(true));
            let mut r = MsgReader::new(std::io::BufReader::with_capacity(cap, &bytes[..]), None);
            r.skip_value().unwrap();
            assert_eq!(r.position(), bytes.len() as u64 - 1);
        }
        let truncated = &bytes[..bytes.len() / 2];
        let mut r = MsgReader::new(std::io::BufReader::with_capacity(16, truncated), None);
        assert!(matches!(r.skip_value().unwrap_err(), DecodeError::Truncated { .. }));
    }

    #[test]
    fn truncation_is_reported_with_offset() {
        let bytes = [0x92, 0xcd, 0x01];
        match reader(&bytes).read_value(0).unwrap_err() {
            DecodeError::Truncated { offset } => assert!(offset >= 2),
            e => panic!("{e}"),
        }
        assert!(matches!(reader(&[0xc1]).read_value(0).unwrap_err(), DecodeError::Reserved { offset: 0 }));
    }
}
