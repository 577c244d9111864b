//! Reading a JSON document field by field, so every error names the file, the field path and the
//! fix, and a field the schema does not know is refused rather than ignored (a typo in `budget`
//! must not silently leave the default).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};

use crate::error::{Error, Result};
use crate::trace::quantity::{self, Resource};

/// The error every schema check raises: `FILE: field.path: message`, with the fix as the hint.
pub fn bad(file: &Path, path: &str, message: impl Into<String>, hint: impl Into<String>) -> Error {
    let at = if path.is_empty() { String::new() } else { format!("{path}: ") };
    Error::BadInput { message: format!("{}: {at}{}", file.display(), message.into()), hint: Some(hint.into()) }
}

fn kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// One JSON object being read; `finish` refuses the keys nobody asked for.
pub struct Obj<'a> {
    file: PathBuf,
    path: String,
    map: &'a Map<String, Json>,
    known: Vec<&'static str>,
}

impl<'a> Obj<'a> {
    pub fn root(file: &Path, v: &'a Json) -> Result<Obj<'a>> {
        Obj::new(file, String::new(), v)
    }

    fn new(file: &Path, path: String, v: &'a Json) -> Result<Obj<'a>> {
        match v {
            Json::Object(map) => Ok(Obj { file: file.to_path_buf(), path, map, known: vec![] }),
            other => Err(bad(file, &path, format!("is {}, not an object", kind(other)), "write a JSON object {…}")),
        }
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The path of `key` below this object.
    pub fn at(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    pub fn err(&self, key: &str, message: impl Into<String>, hint: impl Into<String>) -> Error {
        bad(&self.file, &self.at(key), message, hint)
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Json> {
        self.known.push(key);
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.get(key).is_some_and(|v| !v.is_null())
    }

    fn require(&mut self, key: &'static str, what: &str) -> Result<&'a Json> {
        let path = self.at(key);
        self.get(key).ok_or_else(|| bad(&self.file, &path, "is missing", format!("add \"{key}\": {what}")))
    }

    fn wrong(&self, key: &str, v: &Json, want: &str) -> Error {
        self.err(key, format!("is {}, not {want}", kind(v)), format!("write {want}"))
    }

    pub fn string(&mut self, key: &'static str) -> Result<String> {
        let v = self.require(key, "\"…\"")?;
        self.as_string(key, v)
    }

    pub fn opt_string(&mut self, key: &'static str) -> Result<Option<String>> {
        self.get(key).map(|v| self.as_string(key, v)).transpose()
    }

    fn as_string(&self, key: &str, v: &Json) -> Result<String> {
        match v {
            Json::String(s) if !s.trim().is_empty() => Ok(s.clone()),
            Json::String(_) => Err(self.err(key, "is empty", "write a non-empty string")),
            other => Err(self.wrong(key, other, "a string")),
        }
    }

    /// A whole number in `min..=max`.
    pub fn uint(&mut self, key: &'static str, min: u64, max: u64) -> Result<u64> {
        let v = self.require(key, &format!("a whole number {min}..={max}"))?;
        self.as_uint(key, v, min, max)
    }

    pub fn opt_uint(&mut self, key: &'static str, min: u64, max: u64) -> Result<Option<u64>> {
        self.get(key).map(|v| self.as_uint(key, v, min, max)).transpose()
    }

    fn as_uint(&self, key: &str, v: &Json, min: u64, max: u64) -> Result<u64> {
        let n = match v {
            Json::Number(n) => n.as_u64().ok_or_else(|| {
                self.err(key, format!("is {n}, not a whole number ≥ 0"), format!("write a whole number {min}..={max}"))
            })?,
            other => return Err(self.wrong(key, other, "a whole number")),
        };
        if n < min || n > max {
            return Err(self.err(
                key,
                format!("is {n}, outside {min}..={max}"),
                format!("write a number {min}..={max}"),
            ));
        }
        Ok(n)
    }

    pub fn opt_f64(&mut self, key: &'static str, min_exclusive: f64, max: f64) -> Result<Option<f64>> {
        let Some(v) = self.get(key) else { return Ok(None) };
        match v.as_f64() {
            Some(x) if x.is_finite() && x > min_exclusive && x <= max => Ok(Some(x)),
            Some(x) => {
                Err(self.err(key, format!("is {x}, outside ({min_exclusive}, {max}]"), "write a number in range"))
            }
            None => Err(self.wrong(key, v, "a number")),
        }
    }

    /// A Kubernetes quantity: millicores for CPU, bytes for memory; must be > 0.
    pub fn quantity(&mut self, key: &'static str, res: Resource) -> Result<i128> {
        let s = self.string(key)?;
        self.as_quantity(key, &s, res)
    }

    pub fn opt_quantity(&mut self, key: &'static str, res: Resource) -> Result<Option<i128>> {
        self.opt_string(key)?.map(|s| self.as_quantity(key, &s, res)).transpose()
    }

    fn as_quantity(&self, key: &str, s: &str, res: Resource) -> Result<i128> {
        let example = if res == Resource::Cpu { "\"500m\" or \"16\"" } else { "\"256Mi\" or \"32Gi\"" };
        match quantity::parse(s, res) {
            Ok(v) if v > 0 => Ok(v),
            Ok(v) => {
                Err(self.err(key, format!("is {v}, not above 0"), format!("write a positive quantity, e.g. {example}")))
            }
            Err(e) => Err(self.err(key, e, format!("write a Kubernetes quantity, e.g. {example}"))),
        }
    }

    pub fn obj(&mut self, key: &'static str) -> Result<Obj<'a>> {
        let v = self.require(key, "{…}")?;
        Obj::new(&self.file, self.at(key), v)
    }

    pub fn opt_obj(&mut self, key: &'static str) -> Result<Option<Obj<'a>>> {
        self.get(key).map(|v| Obj::new(&self.file, self.at(key), v)).transpose()
    }

    /// The items of an array, each with its path (`key[i]`).
    pub fn array(&mut self, key: &'static str) -> Result<Vec<(String, &'a Json)>> {
        match self.get(key) {
            None => Ok(vec![]),
            Some(Json::Array(a)) => {
                Ok(a.iter().enumerate().map(|(i, v)| (format!("{}[{i}]", self.at(key)), v)).collect())
            }
            Some(other) => Err(self.wrong(key, other, "an array")),
        }
    }

    /// An array item as an object.
    pub fn item(&self, path: String, v: &'a Json) -> Result<Obj<'a>> {
        Obj::new(&self.file, path, v)
    }

    /// Refuses fields the schema does not know, naming the first and the ones it does.
    pub fn finish(self) -> Result<()> {
        if let Some(k) = self.map.keys().find(|k| !self.known.contains(&k.as_str())) {
            let mut known = self.known.clone();
            known.sort_unstable();
            known.dedup();
            return Err(bad(
                &self.file,
                &self.at(k),
                "is not a field of this schema",
                format!("remove it or fix its spelling; the fields here are: {}", known.join(", ")),
            ));
        }
        Ok(())
    }
}

/// Reads and parses a JSON file; a syntax error names line and column.
pub fn read_json(file: &Path) -> Result<Json> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    serde_json::from_str(&text)
        .map_err(|e| bad(file, "", format!("not valid JSON: {e}"), "fix the JSON syntax at that line and column"))
}
