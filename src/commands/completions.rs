use clap_complete::Shell;

use crate::commands::Ctx;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

// The command tree comes from the caller (app.rs owns the CLI), so this module never imports
// `cli`: dependencies run from the CLI down, not back up.

/// The script for `shell` of the command tree `cli`, as committed under completions/.
pub fn script(shell: Shell, mut cli: clap::Command) -> Vec<u8> {
    let mut buf = vec![];
    clap_complete::generate(shell, &mut cli, "kubectl-skstep", &mut buf);
    buf
}

pub fn run(_ctx: &Ctx, args: &Args, cli: clap::Command) -> Result<()> {
    use std::io::Write;
    std::io::stdout().write_all(&script(args.shell, cli)).map_err(|e| crate::error::Error::io("(stdout)", e))
}

/// `kubectl skstep __complete ARGS… PARTIAL`: the protocol kubectl (>= 1.26) speaks with a
/// plugin's `kubectl_complete-<name>` helper (cobra's): one candidate per line, then
/// `:<directive>` (4 = no file completion, 0 = default, i.e. files).
#[derive(Debug, clap::Args)]
pub struct CompleteArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub words: Vec<String>,
}

pub fn candidates(words: &[String], root: &clap::Command) -> (Vec<String>, u8) {
    let (partial, done) = match words.split_last() {
        Some((last, rest)) => (last.as_str(), rest),
        None => ("", &[][..]),
    };
    let mut cmd = root;
    for w in done {
        if let Some(sub) = cmd.get_subcommands().find(|s| s.get_name() == w) {
            cmd = sub;
        }
    }
    let mut out: Vec<String> = vec![];
    if partial.starts_with('-') {
        let globals = root.get_arguments().filter(|a| a.is_global_set());
        for a in cmd.get_arguments().chain(globals) {
            if let Some(l) = a.get_long() {
                let flag = format!("--{l}");
                if flag.starts_with(partial) && !out.contains(&flag) {
                    out.push(flag);
                }
            }
        }
    } else {
        out.extend(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| s.get_name().to_string())
                .filter(|n| n.starts_with(partial)),
        );
    }
    let directive = if out.is_empty() { 0 } else { 4 };
    (out, directive)
}

pub fn run_complete(_ctx: &Ctx, args: &CompleteArgs, cli: &clap::Command) -> Result<()> {
    let (c, d) = candidates(&args.words, cli);
    for x in c {
        println!("{x}");
    }
    println!(":{d}");
    Ok(())
}
