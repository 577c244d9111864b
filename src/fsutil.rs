//! Writing files so that an error never leaves a half-written one: every output of every
//! command (traces, records, staged copies, state) goes through [`AtomicOut`].

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// An output written to a temporary file beside its destination and renamed into place only
/// when complete: an error never leaves a half-written file behind.
pub struct AtomicOut {
    dest: PathBuf,
    w: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicOut {
    pub fn create(dest: &Path) -> Result<AtomicOut> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".skstep-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| Error::io(&dir, e))?;
        Ok(AtomicOut { dest: dest.into(), w: BufWriter::with_capacity(256 * 1024, tmp) })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.w
    }

    pub fn io(&self, e: std::io::Error) -> Error {
        Error::io(&self.dest, e)
    }

    pub fn commit(self) -> Result<()> {
        let dest = self.dest;
        let tmp = self.w.into_inner().map_err(|e| Error::io(&dest, e.into_error()))?;
        // Temp files are created 0600; a trace is not a secret and the driver's pod must read it.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let perms = std::fs::Permissions::from_mode(0o644);
            tmp.as_file().set_permissions(perms).map_err(|e| Error::io(&dest, e))?;
        }
        tmp.as_file().sync_all().map_err(|e| Error::io(&dest, e))?;
        tmp.persist(&dest).map_err(|e| Error::io(&dest, e.error))?;
        Ok(())
    }
}

/// The file's sha256, hex: staged traces are named by it and records carry it.
pub fn sha256_file(p: &Path) -> Result<String> {
    let mut f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h).map_err(|e| Error::io(p, e))?;
    Ok(format!("{:x}", h.finalize()))
}
