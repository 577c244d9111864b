//! The flags every command takes, as kubectl's (`--kubeconfig`, `--context`, `-n`, `-o`, `-v`).
//! They live below the CLI, which flattens them into its parser, so the commands and the layers
//! under them use them without importing the CLI.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)
    #[arg(long, global = true, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,

    /// The kubeconfig context to use
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,

    /// A namespace; what it names differs per command and each command's --help says it (driver
    /// namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment's namespace
    /// in the trace for trace edit). Refused by commands it means nothing to.
    #[arg(short = 'n', long, global = true, value_name = "NS")]
    pub namespace: Option<String>,

    /// Output format (`text` or `json`) and, for commands that write a trace, the output file.
    /// Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`.
    #[arg(short = 'o', long = "output", global = true, value_name = "FORMAT|FILE", action = clap::ArgAction::Append)]
    pub output: Vec<String>,

    /// More log output (-v info, -vv debug)
    #[arg(short = 'v', long = "verbose", global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

impl From<&GlobalArgs> for crate::cluster::client::ClientOptions {
    fn from(g: &GlobalArgs) -> Self {
        crate::cluster::client::ClientOptions {
            kubeconfig: g.kubeconfig.clone(),
            context: g.context.clone(),
            namespace: g.namespace.clone(),
        }
    }
}
