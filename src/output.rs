//! How results are printed: `-o text|json`, and the output file given with `-o FILE`.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Output {
    pub format: Format,
    /// `-o FILE`, for commands that write one.
    pub file: Option<PathBuf>,
}

impl Output {
    /// Splits the repeatable `-o` values into the format and at most one file.
    pub fn parse(values: &[String]) -> Result<Output> {
        let mut out = Output { format: Format::Text, file: None };
        for v in values {
            match v.as_str() {
                "json" => out.format = Format::Json,
                "text" => out.format = Format::Text,
                _ => {
                    if out.file.is_some() {
                        return Err(Error::usage(
                            format!(
                                "-o given two files ({} and {v})",
                                out.file.as_ref().map(|p| p.display().to_string()).unwrap_or_default()
                            ),
                            Some("give one output file, and optionally -o json".to_string()),
                        ));
                    }
                    out.file = Some(PathBuf::from(v));
                }
            }
        }
        Ok(out)
    }

    pub fn require_file(&self, cmd: &str) -> Result<PathBuf> {
        self.file.clone().ok_or_else(|| {
            Error::usage(
                format!("{cmd} writes a trace: give the output file with -o OUT"),
                Some(format!("e.g. kubectl skstep {cmd} IN -o OUT.msgpack")),
            )
        })
    }

    pub fn forbid_file(&self, cmd: &str) -> Result<()> {
        match &self.file {
            Some(f) => Err(Error::usage(
                format!("{cmd} does not write a file; -o takes text or json here (got {})", f.display()),
                None,
            )),
            None => Ok(()),
        }
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    pub fn json<T: Serialize>(&self, doc: &T) {
        println!("{}", serde_json::to_string_pretty(doc).expect("report serialises"));
    }
}
