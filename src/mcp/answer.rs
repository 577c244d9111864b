//! How a tool answers: a JSON document, as text and as structured content. A failure is a tool
//! error (`isError: true`), never a protocol error, so the model reads the cause and the fix and
//! the session goes on.

use rmcp::model::CallToolResult;
use serde_json::{Value as Json, json};

use crate::error::Error;

pub type Answer = Result<Json, Refusal>;

/// A tool's failure: what went wrong, how to go on, and anything the call still produced (a
/// blocked action was simulated: its observation comes with the refusal).
#[derive(Debug)]
pub struct Refusal {
    pub cause: String,
    pub fix: Option<String>,
    pub detail: Option<Json>,
}

impl Refusal {
    pub fn new(cause: impl Into<String>, fix: impl Into<String>) -> Refusal {
        Refusal { cause: cause.into(), fix: Some(fix.into()), detail: None }
    }

    pub fn with(mut self, detail: Json) -> Refusal {
        self.detail = Some(detail);
        self
    }
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Refusal {
        Refusal { cause: e.to_string(), fix: e.hint().map(str::to_string), detail: None }
    }
}

pub fn to_result(a: Answer) -> CallToolResult {
    match a {
        Ok(doc) => CallToolResult::structured(doc),
        Err(r) => {
            let mut doc = json!({ "error": r.cause, "fix": r.fix });
            if let Some(d) = r.detail {
                doc["detail"] = d;
            }
            CallToolResult::structured_error(doc)
        }
    }
}
