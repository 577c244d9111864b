use std::path::PathBuf;

use clap::Subcommand;

use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::trace::edit::{Action, Limits, Target, edit};
use crate::trace::quantity::{self, Resource};

#[derive(Debug, clap::Args)]
#[command(after_help = "Applies to every applied occurrence of the Deployment. A blocked action (outside the \
safeguards) writes the trace unchanged, says why, and exits 0 with \"blocked\": true in -o json.\n\
-n NS: the Deployment's namespace in the trace (default: every namespace).")]
pub struct Args {
    /// The trace (MessagePack)
    pub input: PathBuf,
    /// The Deployment to edit (restrict to a namespace with -n)
    #[arg(long, value_name = "NAME")]
    pub deploy: String,
    #[command(subcommand)]
    pub action: EditAction,
    /// Smallest CPU request allowed
    #[arg(long, default_value = "50m", global = true)]
    pub min_cpu: String,
    /// Largest CPU request allowed
    #[arg(long, default_value = "16", global = true)]
    pub max_cpu: String,
    /// Smallest memory request allowed
    #[arg(long, default_value = "64Mi", global = true)]
    pub min_mem: String,
    /// Largest memory request allowed
    #[arg(long, default_value = "32Gi", global = true)]
    pub max_mem: String,
    /// Fewest replicas allowed
    #[arg(long, default_value_t = 1, global = true, value_parser = clap::value_parser!(i64).range(0..=i64::from(i32::MAX)))]
    pub min_replicas: i64,
    /// Most replicas allowed (at most 2147483647: spec.replicas is an int32)
    #[arg(long, default_value_t = 100, global = true, value_parser = clap::value_parser!(i64).range(0..=i64::from(i32::MAX)))]
    pub max_replicas: i64,
}

#[derive(Debug, Subcommand)]
pub enum EditAction {
    /// Change spec.replicas
    ScaleReplicas {
        /// Add this many replicas (negative to remove)
        #[arg(long, allow_negative_numbers = true, conflicts_with = "replicas", required_unless_present = "replicas")]
        delta: Option<i64>,
        /// Set replicas to this
        #[arg(long)]
        replicas: Option<i64>,
    },
    /// Change every container's CPU request by a step (e.g. 500m, -250m, 1)
    BumpCpu {
        #[arg(long, allow_hyphen_values = true)]
        step: String,
    },
    /// Change every container's memory request by a step (e.g. 256Mi, -128Mi)
    BumpMem {
        #[arg(long, allow_hyphen_values = true)]
        step: String,
    },
}

fn q(s: &str, res: Resource, flag: &str) -> Result<i128> {
    quantity::parse(s, res).map_err(|e| Error::usage(format!("{flag}: {e}"), None))
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let out_file = ctx.out.require_file("trace edit")?;
    super::require_input(&args.input)?;
    let action = match &args.action {
        EditAction::ScaleReplicas { delta: Some(d), .. } => Action::ScaleBy(*d),
        EditAction::ScaleReplicas { replicas: Some(n), .. } => Action::ScaleTo(*n),
        EditAction::ScaleReplicas { .. } => {
            return Err(Error::usage("scale-replicas needs --delta N or --replicas N", None));
        }
        EditAction::BumpCpu { step } => Action::BumpCpu(q(step, Resource::Cpu, "--step")?),
        EditAction::BumpMem { step } => Action::BumpMem(q(step, Resource::Memory, "--step")?),
    };
    let limits = Limits {
        min_cpu_m: q(&args.min_cpu, Resource::Cpu, "--min-cpu")?,
        max_cpu_m: q(&args.max_cpu, Resource::Cpu, "--max-cpu")?,
        min_mem: q(&args.min_mem, Resource::Memory, "--min-mem")?,
        max_mem: q(&args.max_mem, Resource::Memory, "--max-mem")?,
        min_replicas: args.min_replicas,
        max_replicas: args.max_replicas,
    };
    let target = Target { name: &args.deploy, namespace: ctx.global.namespace.as_deref() };
    let o = edit(&args.input, &out_file, &target, &action, &limits)?;
    if ctx.out.is_json() {
        ctx.out.json(&o);
    } else if o.blocked {
        println!("blocked: {} (wrote {} unchanged)", o.reason.as_deref().unwrap_or(""), out_file.display());
    } else {
        let show = |s: &crate::trace::edit::Snapshot| {
            format!(
                "replicas {}, cpu {}, memory {}",
                s.replicas.map_or("-".into(), |r| r.to_string()),
                s.cpu.as_deref().unwrap_or("-"),
                s.memory.as_deref().unwrap_or("-")
            )
        };
        println!("edited {} occurrence(s) of {} -> {}", o.occurrences, args.deploy, out_file.display());
        println!("  before: {}", show(&o.before));
        println!("  after:  {}", show(&o.after));
    }
    Ok(())
}
