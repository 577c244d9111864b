//! One line per phase on stderr; while waiting, a spinner with the current phase when stderr is a
//! terminal, plain periodic lines when it is not.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

pub struct Progress {
    started: Instant,
    spinner: Option<ProgressBar>,
    tty: bool,
    last_plain: Option<Instant>,
    quiet: bool,
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        Progress {
            started: Instant::now(),
            spinner: None,
            tty: std::io::stderr().is_terminal(),
            last_plain: None,
            quiet,
        }
    }

    /// A phase line: `[  3.2s] create   Simulation skstep-… created`.
    pub fn phase(&mut self, phase: &str, msg: impl AsRef<str>) {
        self.clear();
        if !self.quiet {
            eprintln!("[{:>6.1}s] {phase:<8} {}", self.started.elapsed().as_secs_f64(), msg.as_ref());
        }
    }

    /// Shows what we are waiting for; call repeatedly with updates.
    pub fn waiting(&mut self, msg: impl AsRef<str>) {
        if self.quiet {
            return;
        }
        if self.tty {
            let sp = self.spinner.get_or_insert_with(|| {
                let sp = ProgressBar::new_spinner();
                sp.set_style(ProgressStyle::with_template("{spinner} {elapsed:>4} {msg}").expect("valid template"));
                sp.enable_steady_tick(Duration::from_millis(120));
                sp
            });
            sp.set_message(msg.as_ref().to_string());
        } else if self.last_plain.is_none_or(|t| t.elapsed() >= Duration::from_secs(10)) {
            self.last_plain = Some(Instant::now());
            eprintln!("[{:>6.1}s] waiting  {}", self.started.elapsed().as_secs_f64(), msg.as_ref());
        }
    }

    pub fn clear(&mut self) {
        if let Some(sp) = self.spinner.take() {
            sp.finish_and_clear();
        }
        self.last_plain = None;
    }
}
