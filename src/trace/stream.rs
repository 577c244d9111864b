//! Reading a trace's top level one field at a time.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use rmpv::Value;

use super::msgpack::{DecodeError, Head, MsgReader};
use crate::error::{Error, Result};

/// The five fields of a SimKube v2 trace, in the order rmp-serde numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Version,
    Config,
    Events,
    Index,
    PodLifecycles,
}

pub const FIELDS: [Field; 5] = [Field::Version, Field::Config, Field::Events, Field::Index, Field::PodLifecycles];

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Version => "version",
            Field::Config => "config",
            Field::Events => "events",
            Field::Index => "index",
            Field::PodLifecycles => "pod_lifecycles",
        }
    }
}

#[derive(Debug)]
pub enum RootKey {
    Field(Field),
    /// A key SimKube ignores (sim-arena's `metadata`, …), with the key itself.
    Other(Value),
    /// A key SimKube's parser cannot read at all (nil, a float, a map, …).
    Invalid(Value),
}

/// Classifies a struct key as rmp-serde's derived field visitors do: a string or binary name, or
/// a field index.
pub fn classify_key<T: Copy>(key: &Value, fields: &[T], name: impl Fn(T) -> &'static str) -> KeyClass<T> {
    let bytes = match key {
        Value::String(s) => Some(s.as_bytes()),
        Value::Binary(b) => Some(b.as_slice()),
        _ => None,
    };
    if let Some(b) = bytes {
        return match fields.iter().find(|f| name(**f).as_bytes() == b) {
            Some(f) => KeyClass::Known(*f),
            None => KeyClass::Unknown,
        };
    }
    match key.as_u64() {
        Some(i) if (i as usize) < fields.len() => KeyClass::Known(fields[i as usize]),
        Some(_) => KeyClass::Unknown,
        None => KeyClass::Invalid,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum KeyClass<T> {
    Known(T),
    Unknown,
    Invalid,
}

pub type FileReader = MsgReader<BufReader<File>>;

pub struct TraceReader {
    pub msg: FileReader,
    pub file: PathBuf,
    left: u32,
    /// Root written as a 5-element array (rmp-serde accepts structs as arrays): next position.
    positional: Option<u32>,
    pub root_len: u32,
}

impl TraceReader {
    pub fn open(file: &Path) -> Result<TraceReader> {
        let f = File::open(file).map_err(|e| Error::io(file, e))?;
        let len = f.metadata().map_err(|e| Error::io(file, e))?.len();
        let mut msg = MsgReader::new(BufReader::with_capacity(256 * 1024, f), Some(len));
        let head = msg.read_head().map_err(|e| decode_error(file, "(root)", e))?;
        let (left, positional) = match head {
            Head::Map(n) => (n, None),
            Head::Array(n) => (n, Some(0)),
            other => {
                // `{` and `[` read as MessagePack are small integers: say what the file is.
                if matches!(super::convert::sniff(file), Ok(super::convert::Format::Json)) {
                    return Err(Error::BadTrace {
                        file: file.into(),
                        path: "(root)".into(),
                        message: "this looks like JSON; SimKube reads MessagePack traces only".into(),
                        hint: Some(format!(
                            "kubectl skstep trace convert {} --to msgpack -o OUT.msgpack",
                            file.display()
                        )),
                    });
                }
                return Err(Error::BadTrace {
                    file: file.into(),
                    path: "(root)".into(),
                    message: format!("the root is {}, not a map: this is not a SimKube trace", other.kind()),
                    hint: Some(
                        "a trace is a MessagePack map with version, config, events, index, pod_lifecycles".into(),
                    ),
                });
            }
        };
        Ok(TraceReader { msg, file: file.into(), left, positional, root_len: left })
    }

    /// Re-reads the file from byte `pos` on (after a fast path gave up part-way through a value).
    pub fn reopen_at(&mut self, pos: u64) -> Result<()> {
        use std::io::{Seek, SeekFrom};
        let mut f = File::open(&self.file).map_err(|e| Error::io(&self.file, e))?;
        let len = f.metadata().map_err(|e| Error::io(&self.file, e))?.len();
        f.seek(SeekFrom::Start(pos)).map_err(|e| Error::io(&self.file, e))?;
        self.msg = MsgReader::at(BufReader::with_capacity(256 * 1024, f), Some(len), pos);
        Ok(())
    }

    pub fn is_positional(&self) -> bool {
        self.positional.is_some()
    }

    /// The next top-level key; its value must then be consumed from `msg`.
    pub fn next_key(&mut self) -> Result<Option<RootKey>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        if let Some(i) = self.positional.as_mut() {
            let idx = *i as usize;
            *i += 1;
            return Ok(Some(match FIELDS.get(idx) {
                Some(f) => RootKey::Field(*f),
                None => RootKey::Other(Value::from(idx as u64)),
            }));
        }
        let key = self.msg.read_value(1).map_err(|e| self.decode("(root key)", e))?;
        Ok(Some(match classify_key(&key, &FIELDS, Field::name) {
            KeyClass::Known(f) => RootKey::Field(f),
            KeyClass::Unknown => RootKey::Other(key),
            KeyClass::Invalid => RootKey::Invalid(key),
        }))
    }

    /// Reads the head of `events`, which must be an array; returns its length.
    pub fn events_len(&mut self) -> Result<u32> {
        match self.msg.read_head().map_err(|e| self.decode("events", e))? {
            Head::Array(n) => Ok(n),
            other => Err(self.bad("events", format!("expected an array of events, found {}", other.kind()), None)),
        }
    }

    /// Writes the root's head as read (map or positional array) to a transformed copy.
    pub fn write_root_head(&self, w: &mut dyn std::io::Write, output: &Path) -> Result<()> {
        let res = if self.is_positional() {
            super::msgpack::write_array_len(w, self.root_len)
        } else {
            super::msgpack::write_map_len(w, self.root_len)
        };
        res.map_err(|e| Error::io(output, e))
    }

    /// Writes `key` to a transformed copy (nothing for a positional root).
    pub fn write_key(&self, w: &mut dyn std::io::Write, key: &RootKey, output: &Path) -> Result<()> {
        if self.is_positional() {
            return Ok(());
        }
        let k = match key {
            RootKey::Field(f) => Value::from(f.name()),
            RootKey::Other(k) | RootKey::Invalid(k) => k.clone(),
        };
        super::msgpack::write_value(w, &k).map_err(|e| Error::io(output, e))
    }

    pub fn decode(&self, path: &str, e: DecodeError) -> Error {
        decode_error(&self.file, path, e)
    }

    pub fn bad(&self, path: &str, message: String, hint: Option<String>) -> Error {
        Error::BadTrace { file: self.file.clone(), path: path.into(), message, hint }
    }
}

pub fn decode_error(file: &Path, path: &str, e: DecodeError) -> Error {
    if let DecodeError::Io { source, .. } = e {
        return Error::io(file, source);
    }
    Error::BadTrace { file: file.into(), path: path.into(), message: e.to_string(), hint: None }
}

impl RootKey {
    /// The key as a field path in messages.
    pub fn path(&self) -> String {
        match self {
            RootKey::Field(f) => f.name().to_string(),
            RootKey::Other(k) | RootKey::Invalid(k) => key_name(k),
        }
    }
}

pub fn key_name(key: &Value) -> String {
    match key {
        Value::String(s) => match s.as_str() {
            Some(s) => s.to_string(),
            None => format!("{:?}", String::from_utf8_lossy(s.as_bytes())),
        },
        other => other.to_string(),
    }
}
