pub mod convert;
pub mod edit;
pub mod export;
pub mod fix;
pub mod inspect;
pub mod new;
pub mod rebase;
pub mod upgrade;
pub mod validate;

use std::path::Path;

use crate::error::{Error, Result};

/// Refuses to start when the input cannot be read, before anything is written.
pub fn require_input(path: &Path) -> Result<()> {
    std::fs::metadata(path).map(|_| ()).map_err(|e| Error::io(path, e))
}
