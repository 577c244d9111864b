//! Typed errors. Each carries a one-line cause (Display) and, where we know it, the fix.

use std::path::PathBuf;

/// Exit codes, documented in `--help` and the README.
pub mod exit {
    pub const OK: i32 = 0;
    pub const BAD_INPUT: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const CLUSTER: i32 = 3;
    pub const SIMULATION: i32 = 4;
    /// A bug (a panic): sysexits' EX_SOFTWARE, "internal software error".
    pub const INTERNAL: i32 = 70;
    /// 128 + SIGINT, as shells report a Ctrl-C'd command.
    pub const INTERRUPTED: i32 = 130;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input trace is malformed or would be refused by SimKube.
    #[error("{}: {path}: {message}", file.display())]
    BadTrace { file: PathBuf, path: String, message: String, hint: Option<String> },

    /// Input that is not a trace problem but still bad (an action that cannot apply, …).
    #[error("{message}")]
    BadInput { message: String, hint: Option<String> },

    /// A check ran and failed (e.g. `trace validate` found rejections); the report says why.
    #[error("{0}")]
    CheckFailed(String),

    #[error("{message}")]
    Usage { message: String, hint: Option<String> },

    #[error("{}: {source}", file.display())]
    Io { file: PathBuf, source: std::io::Error },

    /// The cluster could not be reached, or refused the request.
    #[error("{message}")]
    Cluster { message: String, hint: Option<String> },

    /// The API server could not answer for now (unreachable, 5xx, 429): worth retrying until the
    /// phase's own timeout, then exit 3 like `Cluster`. `retry_after`: how long the API server
    /// asked us to wait (its `Retry-After`), which the retry honours instead of its backoff.
    #[error("{message}")]
    Unavailable { message: String, hint: Option<String>, retry_after: Option<std::time::Duration> },

    /// The simulation ran and failed; the message names the cause.
    #[error("{message}")]
    Simulation { message: String, hint: Option<String> },

    /// Ctrl-C / SIGTERM: cleaned up, recorded as interrupted.
    #[error("interrupted")]
    Interrupted,

    /// An error that crossed a boundary (a pool member, an env request) with where it happened:
    /// its exit code, hint and variant stay the source's ([`Error::root`]).
    #[error("{context}: {source}")]
    Context { context: String, source: Box<Error> },
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Context { source, .. } => source.exit_code(),
            Error::BadTrace { .. } | Error::BadInput { .. } | Error::CheckFailed(_) => exit::BAD_INPUT,
            Error::Usage { .. } | Error::Io { .. } => exit::USAGE,
            Error::Cluster { .. } | Error::Unavailable { .. } => exit::CLUSTER,
            Error::Simulation { .. } => exit::SIMULATION,
            Error::Interrupted => exit::INTERRUPTED,
        }
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::BadTrace { hint, .. }
            | Error::BadInput { hint, .. }
            | Error::Usage { hint, .. }
            | Error::Cluster { hint, .. }
            | Error::Unavailable { hint, .. }
            | Error::Simulation { hint, .. } => hint.as_deref(),
            Error::Context { source, .. } => source.hint(),
            _ => None,
        }
    }

    /// How long the API server asked us to wait before trying again, if it said.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self.root() {
            Error::Unavailable { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Whether trying again later may succeed (see `Unavailable`).
    pub fn is_transient(&self) -> bool {
        matches!(self.root(), Error::Unavailable { .. })
    }

    /// The error itself, under any [`Error::Context`] wrappers.
    pub fn root(&self) -> &Error {
        match self {
            Error::Context { source, .. } => source.root(),
            e => e,
        }
    }

    /// Whether this is (or wraps) an interrupt.
    pub fn is_interrupt(&self) -> bool {
        matches!(self.root(), Error::Interrupted)
    }

    /// Wraps `self` with where it happened, keeping its variant, exit code and hint.
    pub fn context(self, context: impl Into<String>) -> Error {
        Error::Context { context: context.into(), source: Box::new(self) }
    }

    pub fn io(file: impl Into<PathBuf>, source: std::io::Error) -> Self {
        // A failed write of an output names the output, even where only the input is known
        // (a full disk reported by a trace copier).
        if source.get_ref().is_some_and(|e| e.is::<crate::fsutil::WriteError>()) {
            let kind = source.kind();
            if let Some(Ok(w)) = source.into_inner().map(|e| e.downcast::<crate::fsutil::WriteError>()) {
                return Error::Io { file: w.dest, source: w.source };
            }
            return Error::Io { file: file.into(), source: kind.into() };
        }
        Error::Io { file: file.into(), source }
    }

    pub fn usage(message: impl Into<String>, hint: impl Into<Option<String>>) -> Self {
        Error::Usage { message: message.into(), hint: hint.into() }
    }

    pub fn bad_input(message: impl Into<String>, hint: impl Into<Option<String>>) -> Self {
        Error::BadInput { message: message.into(), hint: hint.into() }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_error_keeps_its_variant_exit_code_hint_and_source() {
        let e = Error::Simulation { message: "driver exited".into(), hint: Some("kubectl skstep logs".into()) }
            .context("episode e001")
            .context("context c2");
        assert_eq!(e.to_string(), "context c2: episode e001: driver exited");
        assert_eq!((e.exit_code(), e.hint()), (exit::SIMULATION, Some("kubectl skstep logs")));
        assert!(matches!(e.root(), Error::Simulation { .. }));
        assert!(std::error::Error::source(&e).is_some(), "the source is kept, not rebuilt");
        let i = Error::Interrupted.context("context c1");
        assert!(i.is_interrupt() && i.exit_code() == exit::INTERRUPTED);
        let t = Error::Unavailable { message: "down".into(), hint: None, retry_after: None }.context("x");
        assert!(t.is_transient() && t.exit_code() == exit::CLUSTER);
        let io = Error::io("f", std::io::Error::other("disk")).context("env reset");
        assert!(matches!(io.root(), Error::Io { .. }) && io.exit_code() == exit::USAGE);
    }
}
