//! The edge: parse the command line, run the command, turn errors into messages and exit codes.

use std::io::IsTerminal;

use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command, TraceCommand};
use crate::commands::{self, Ctx};
use crate::error::{Error, exit};
use crate::output::Output;

/// The stack of the thread every command runs on (main.rs spawns it): deeply nested traces are
/// refused at 1023 levels, and the recursion up to there needs room. The fuzz run uses it too.
pub const MAIN_STACK: usize = 64 << 20;

/// A panic is a bug, never an answer to input: it says so, with its message and place, and the
/// process exits `exit::INTERNAL` (main.rs), not a code a script reads as bad input or usage.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let p = info.payload();
        let msg = p.downcast_ref::<&str>().copied().or_else(|| p.downcast_ref::<String>().map(String::as_str));
        let at = info.location().map(|l| format!(" (at {}:{})", l.file(), l.line())).unwrap_or_default();
        eprintln!("error: internal error: {}{at}", msg.unwrap_or("(no message)"));
        eprintln!(
            "  this is a bug in kubectl-skstep {} ({}), please report it with the command you ran and this message",
            crate::commands::version::VERSION.version,
            crate::commands::version::VERSION.commit
        );
        let bt = std::backtrace::Backtrace::capture();
        if bt.status() == std::backtrace::BacktraceStatus::Captured {
            eprintln!("{bt}");
        }
    }));
}

pub fn main() -> i32 {
    // The one deliberate panic, behind a variable no user sets: the test of the panic path.
    match std::env::var("SKSTEP_DEBUG_PANIC").as_deref() {
        Ok("async") => crate::commands::block_on(async { panic!("SKSTEP_DEBUG_PANIC=async is set") }),
        Ok(_) => panic!("SKSTEP_DEBUG_PANIC is set"),
        Err(_) => {}
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { exit::USAGE } else { exit::OK };
        }
    };
    init_logging(cli.global.verbose);
    let out = match Output::parse(&cli.global.output) {
        Ok(o) => o,
        Err(e) => return report(&e),
    };
    if cli.global.namespace.is_some() && !cli.command.takes_namespace() {
        return report(&Error::usage(
            format!("-n/--namespace means nothing to `kubectl skstep {}`", cli.command.name()),
            Some("drop -n (see the command's --help)".to_string()),
        ));
    }
    // Synchronous writers leave no temp file when interrupted (the others handle signals).
    if matches!(&cli.command, Command::Trace(t) if !matches!(t, TraceCommand::Export(_)))
        || matches!(&cli.command, Command::Report(_) | Command::Records(_))
    {
        crate::fsutil::remove_temps_on_signal();
    }
    let ctx = Ctx { global: cli.global.clone(), out };
    let res = match &cli.command {
        Command::Trace(t) => match t {
            TraceCommand::Validate(a) => commands::trace::validate::run(&ctx, a),
            TraceCommand::Inspect(a) => commands::trace::inspect::run(&ctx, a),
            TraceCommand::Fix(a) => commands::trace::fix::run(&ctx, a),
            TraceCommand::Upgrade(a) => commands::trace::upgrade::run(&ctx, a),
            TraceCommand::Rebase(a) => commands::trace::rebase::run(&ctx, a),
            TraceCommand::Convert(a) => commands::trace::convert::run(&ctx, a),
            TraceCommand::Edit(a) => commands::trace::edit::run(&ctx, a),
            TraceCommand::Export(a) => commands::trace::export::run(&ctx, a),
            TraceCommand::New(a) => commands::trace::new::run(&ctx, a),
        },
        Command::PrepNs(a) => commands::prep_ns::run(&ctx, a),
        Command::Run(a) => commands::run::run(&ctx, a),
        Command::Env(a) => commands::env::run(&ctx, a),
        Command::Mcp(a) => commands::mcp::run(&ctx, a),
        Command::Observe(a) => commands::observe::run(&ctx, a),
        Command::Logs(a) => commands::logs::run(&ctx, a),
        Command::Report(a) => commands::report::run(&ctx, a),
        Command::Bench(a) => commands::bench::run(&ctx, a),
        Command::Records(a) => commands::records::run(&ctx, a),
        Command::Cleanup(a) => commands::cleanup::run(&ctx, a),
        Command::Cache(a) => commands::cache::run(&ctx, a),
        Command::Doctor(a) => commands::doctor::run(&ctx, a),
        Command::Scenario(a) => commands::scenario::run(&ctx, a),
        Command::Version(a) => commands::version::run(&ctx, a),
        Command::Completions(a) => commands::completions::run(&ctx, a, Cli::command()),
        Command::Complete(a) => commands::completions::run_complete(&ctx, a, &Cli::command()),
    };
    match res {
        Ok(()) => exit::OK,
        Err(e) => report(&e),
    }
}

fn report(e: &Error) -> i32 {
    // A failed check has already printed its report on stdout; say the verdict on stderr.
    eprintln!("error: {e}");
    if let Some(h) = e.hint() {
        eprintln!("  fix: {h}");
    }
    e.exit_code()
}

fn init_logging(verbose: u8) {
    // kube-client logs its own copy of every failed request; ours names verb and resource.
    let level = match verbose {
        0 => "warn,kube_client=off",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("SKSTEP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(use_colour(std::io::stderr().is_terminal(), std::env::var_os("NO_COLOR")))
        .try_init();
}

/// Colour codes only on a terminal, and not when NO_COLOR is set to anything but "" (no-color.org).
fn use_colour(terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(super::use_colour(true, None));
        assert!(!super::use_colour(false, None));
        assert!(!super::use_colour(true, Some("1".into())));
        assert!(super::use_colour(true, Some("".into())));
    }
}
