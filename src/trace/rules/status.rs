//! W0000 status_field_populated: an applied object carries a `status`. Controllers own status;
//! SimKube applies it by hand, which is harmless but noisy (and large). A warning.

use rmpv::Value;

use super::{Check, Rule, Severity};
use crate::trace::value::get;

pub const RULE: Rule = Rule {
    code: "W0000",
    name: "status_field_populated",
    severity: Severity::Warning,
    check: Check::Status,
    why: |_, _| "status is written by controllers; the driver applies it by hand, and it takes space".into(),
};

/// skctl: `data.get("status")` is present and not null.
pub fn populated(obj: &Value) -> bool {
    get(obj, "status").is_some_and(|v| !v.is_nil())
}
