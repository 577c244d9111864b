//! Ctrl-C and SIGTERM as a stream a step can wait on more than once: the first interrupt stops the
//! step and starts its cleanup, a second one stops the cleanup.

use tokio::sync::watch;

/// Counts interrupts; each `next()` resolves at one not yet seen.
#[derive(Clone)]
pub struct Interrupts {
    rx: watch::Receiver<u32>,
    seen: u32,
}

/// Fires interrupts by hand (a library user's own cancel, or a test).
#[derive(Clone)]
pub struct Trigger(std::sync::Arc<watch::Sender<u32>>);

impl Trigger {
    pub fn fire(&self) {
        self.0.send_modify(|n| *n += 1);
    }
}

impl Interrupts {
    pub fn channel() -> (Trigger, Interrupts) {
        let (tx, rx) = watch::channel(0);
        (Trigger(std::sync::Arc::new(tx)), Interrupts { rx, seen: 0 })
    }

    /// Interrupts that never come.
    pub fn never() -> Interrupts {
        Interrupts::channel().1
    }

    /// SIGINT and SIGTERM of this process. Needs a tokio runtime; from then on these signals no
    /// longer end the process by themselves.
    pub fn from_signals() -> Interrupts {
        let (trigger, rx) = Interrupts::channel();
        // Registered here, before returning, so no signal slips through to the default action.
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match (signal(SignalKind::interrupt()), signal(SignalKind::terminate())) {
                (Ok(mut int), Ok(mut term)) => {
                    tokio::spawn(async move {
                        loop {
                            tokio::select! {
                                _ = int.recv() => {},
                                _ = term.recv() => {},
                            }
                            trigger.fire();
                        }
                    });
                }
                _ => tracing::warn!("cannot listen for SIGINT/SIGTERM: Ctrl-C ends the process without cleanup"),
            }
        }
        #[cfg(not(unix))]
        tokio::spawn(async move {
            while tokio::signal::ctrl_c().await.is_ok() {
                trigger.fire();
            }
        });
        rx
    }

    /// Whether an interrupt came that `next()` has not returned yet.
    pub fn pending(&self) -> bool {
        *self.rx.borrow() > self.seen
    }

    /// Resolves at the next interrupt not yet seen. Cancel-safe.
    pub async fn next(&mut self) {
        loop {
            let n = *self.rx.borrow_and_update();
            if n > self.seen {
                self.seen += 1;
                return;
            }
            if self.rx.changed().await.is_err() {
                // No trigger left: no interrupt will ever come.
                std::future::pending::<()>().await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn each_interrupt_is_seen_once() {
        let (t, mut i) = Interrupts::channel();
        assert!(!i.pending());
        t.fire();
        t.fire();
        assert!(i.pending());
        tokio::time::timeout(Duration::from_secs(1), i.next()).await.expect("first");
        tokio::time::timeout(Duration::from_secs(1), i.next()).await.expect("second");
        assert!(tokio::time::timeout(Duration::from_millis(50), i.next()).await.is_err(), "no third");
        let mut never = Interrupts::never();
        assert!(tokio::time::timeout(Duration::from_millis(50), never.next()).await.is_err());
    }
}
