//! Writing files so that an error never leaves a half-written one: every output of every
//! command (traces, records, staged copies, state) goes through [`AtomicOut`].
//!
//! The conventions are `cp`'s: a new file gets 0666 less the umask; a file that is replaced keeps
//! its mode (and, where allowed, its owner); a destination that is a symlink is written through
//! to its target (a dangling one is refused, as `cp` refuses it); a destination that is no
//! regular file (`/dev/null`, a FIFO) is written into directly, since it cannot be renamed over.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The temp files being written now, for [`remove_temps_on_signal`].
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(vec![]);

/// An output written to a temporary file beside its destination and renamed into place only
/// when complete: an error never leaves a half-written file behind.
pub struct AtomicOut {
    /// As the caller named it (errors say this).
    dest: PathBuf,
    /// Where it lands: `dest` with symlinks resolved.
    target: PathBuf,
    /// The mode to give the file (the replaced file's, or the caller's), else 0666 less the umask.
    mode: Option<u32>,
    owner: Option<(u32, u32)>,
    // Field order is drop order: the file is closed, then the temp file removed, then forgotten.
    w: Tagged,
    tmp: Option<tempfile::TempPath>,
    _live: Option<Live>,
}

/// A temp file's entry in [`LIVE`] while it exists.
struct Live(PathBuf);

impl Drop for Live {
    fn drop(&mut self) {
        LIVE.lock().unwrap_or_else(PoisonError::into_inner).retain(|p| p != &self.0);
    }
}

impl AtomicOut {
    /// An output with `cp`'s conventions (see the module).
    pub fn create(dest: &Path) -> Result<AtomicOut> {
        AtomicOut::open(dest, None)
    }

    /// An output another user must read (a trace staged for the cluster's pods): 0644 whatever
    /// the umask or the mode of the file it replaces.
    pub fn create_readable(dest: &Path) -> Result<AtomicOut> {
        AtomicOut::open(dest, Some(0o644))
    }

    fn open(dest: &Path, mode: Option<u32>) -> Result<AtomicOut> {
        let target = resolve(dest)?;
        let existing = match std::fs::metadata(&target) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(dest, e)),
        };
        if let Some(m) = &existing {
            if m.is_dir() {
                return Err(Error::usage(
                    format!("{}: is a directory", dest.display()),
                    Some("give the output file's name".to_string()),
                ));
            }
            if !m.is_file() {
                let f = std::fs::OpenOptions::new().write(true).open(&target).map_err(|e| Error::io(dest, e))?;
                return Ok(AtomicOut {
                    dest: dest.into(),
                    target,
                    mode: None,
                    owner: None,
                    w: Tagged::new(f, dest),
                    tmp: None,
                    _live: None,
                });
            }
        }
        let (keep_mode, owner) = existing.as_ref().map_or((None, None), kept);
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut b = tempfile::Builder::new();
        b.prefix(".skstep-").suffix(".tmp");
        // Given at creation, so the kernel applies the umask (tempfile's default is 0600).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            b.permissions(std::fs::Permissions::from_mode(0o666));
        }
        // Created and listed under the lock, so a signal cannot come between the two.
        let mut live = LIVE.lock().unwrap_or_else(PoisonError::into_inner);
        let tmp = b.tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
        let (f, path) = tmp.into_parts();
        live.push(path.to_path_buf());
        drop(live);
        let live = Live(path.to_path_buf());
        Ok(AtomicOut {
            dest: dest.into(),
            target,
            mode: mode.or(keep_mode),
            owner,
            w: Tagged::new(f, dest),
            tmp: Some(path),
            _live: Some(live),
        })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.w
    }

    pub fn io(&self, e: std::io::Error) -> Error {
        Error::io(&self.dest, e)
    }

    pub fn commit(mut self) -> Result<()> {
        let dest = std::mem::take(&mut self.dest);
        self.w.flush().map_err(|e| Error::io(&dest, e))?;
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let f = self.w.w.get_ref();
        set_owner_and_mode(f, self.owner, self.mode).map_err(|e| Error::io(&dest, e))?;
        f.sync_all().map_err(|e| Error::io(&dest, e))?;
        {
            // Under the lock, so a signal either finds the temp file or a complete output.
            let _live = LIVE.lock().unwrap_or_else(PoisonError::into_inner);
            tmp.persist(&self.target).map_err(|e| Error::io(&dest, e.error))?;
        }
        sync_dir(&self.target)
    }
}

/// The file's sha256, hex: staged traces are named by it and records carry it.
pub fn sha256_file(p: &Path) -> Result<String> {
    let mut f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h).map_err(|e| Error::io(p, e))?;
    Ok(format!("{:x}", h.finalize()))
}

/// A write error of an output, carrying the output's name: whichever code reports it (a trace
/// copier that knows only its input, say), `Error::io` names the output.
#[derive(Debug, thiserror::Error)]
#[error("{source}")]
pub struct WriteError {
    pub dest: PathBuf,
    pub source: std::io::Error,
}

/// The writer of an [`AtomicOut`]: buffered, and its errors tagged with [`WriteError`].
struct Tagged {
    w: BufWriter<File>,
    dest: PathBuf,
}

impl Tagged {
    fn new(f: File, dest: &Path) -> Tagged {
        Tagged { w: BufWriter::with_capacity(256 * 1024, f), dest: dest.into() }
    }

    fn tag(&self, e: std::io::Error) -> std::io::Error {
        if e.get_ref().is_some_and(|x| x.is::<WriteError>()) {
            return e;
        }
        std::io::Error::new(e.kind(), WriteError { dest: self.dest.clone(), source: e })
    }
}

impl Write for Tagged {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.w.write(buf).map_err(|e| self.tag(e))
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.w.write_all(buf).map_err(|e| self.tag(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush().map_err(|e| self.tag(e))
    }
}

/// `dest` with symlinks followed; a dangling symlink is refused, as `cp` refuses it.
fn resolve(dest: &Path) -> Result<PathBuf> {
    match std::fs::symlink_metadata(dest) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(dest).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                let to = std::fs::read_link(dest).map(|p| p.display().to_string()).unwrap_or_default();
                Error::usage(
                    format!("{}: not writing through a dangling symlink (to {to})", dest.display()),
                    Some("create the link's target's folder, or remove the link".to_string()),
                )
            } else {
                Error::io(dest, e)
            }
        }),
        _ => Ok(dest.to_path_buf()),
    }
}

/// The mode and owner of the file being replaced.
#[cfg(unix)]
fn kept(m: &std::fs::Metadata) -> (Option<u32>, Option<(u32, u32)>) {
    use std::os::unix::fs::MetadataExt;
    (Some(m.mode() & 0o777), Some((m.uid(), m.gid())))
}

#[cfg(not(unix))]
fn kept(_: &std::fs::Metadata) -> (Option<u32>, Option<(u32, u32)>) {
    (None, None)
}

#[cfg(unix)]
fn set_owner_and_mode(f: &File, owner: Option<(u32, u32)>, mode: Option<u32>) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if let Some((uid, gid)) = owner {
        // Only root may give a file away; anyone else's replaced file becomes theirs, as with cp.
        let _ = std::os::unix::fs::fchown(f, Some(uid), Some(gid));
    }
    match mode {
        Some(m) => f.set_permissions(std::fs::Permissions::from_mode(m)),
        None => Ok(()),
    }
}

#[cfg(not(unix))]
fn set_owner_and_mode(_: &File, _: Option<(u32, u32)>, _: Option<u32>) -> std::io::Result<()> {
    Ok(())
}

/// Makes a rename or a new file in `path`'s folder durable (a crash after it keeps the entry).
pub fn sync_dir(path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match File::open(dir).and_then(|d| d.sync_all()) {
        Ok(()) => Ok(()),
        // Some filesystems cannot sync a folder; the rename itself has happened.
        Err(e) if matches!(e.kind(), std::io::ErrorKind::InvalidInput | std::io::ErrorKind::Unsupported) => Ok(()),
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// For commands that write synchronously (the trace commands, `report`): from now on SIGINT and
/// SIGTERM remove the temp files being written and exit 130, leaving every output as it was.
/// (Commands with a tokio runtime handle signals themselves; see `step::interrupt`.)
pub fn remove_temps_on_signal() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let rt = match tokio::runtime::Builder::new_current_thread().enable_io().build() {
                Ok(rt) => rt,
                Err(e) => return tracing::warn!("cannot listen for SIGINT/SIGTERM: {e}"),
            };
            // Registered here, before returning, so no signal slips through to the default action.
            let streams = {
                let _in = rt.enter();
                (signal(SignalKind::interrupt()), signal(SignalKind::terminate()))
            };
            let (Ok(mut int), Ok(mut term)) = streams else {
                return tracing::warn!(
                    "cannot listen for SIGINT/SIGTERM: an interrupted output may leave its temp file"
                );
            };
            std::thread::spawn(move || {
                rt.block_on(async {
                    tokio::select! {
                        _ = int.recv() => {},
                        _ = term.recv() => {},
                    }
                });
                // Held to the end: no commit can rename a temp file in after this.
                let live = LIVE.lock().unwrap_or_else(PoisonError::into_inner);
                for p in live.iter() {
                    let _ = std::fs::remove_file(p);
                }
                eprintln!("error: interrupted; the unfinished output was removed");
                std::process::exit(crate::error::exit::INTERRUPTED);
            });
        }
    });
}

/// Copies `src` to `dest` as an [`AtomicOut`] (not `fs::copy`, which would carry over `src`'s
/// mode and leave a partial copy on error).
pub fn copy_file(src: &Path, dest: &Path) -> Result<()> {
    let mut out = AtomicOut::create(dest)?;
    let mut f = File::open(src).map_err(|e| Error::io(src, e))?;
    std::io::copy(&mut f, out.writer()).map_err(|e| Error::io(dest, e))?;
    out.commit()
}
