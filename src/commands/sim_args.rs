//! The flags every command that simulates shares (`run`, `env`, `bench`): what to simulate, where,
//! how long, with which driver, and how each step is rewarded; and how they become a `StepConfig`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cluster::defaults::driver_image;
use crate::error::{Error, Result};
use crate::records::default_runs_dir;
use crate::step::episode::StepConfig;
use crate::step::reward::Reward;
use crate::trace::time::{parse_duration, parse_std_duration};

/// What one command simulates (`run`, `env`): the trace, its Deployment and target, and how long a
/// step is; every other simulation flag is in [`SimFlags`], which `bench` shares.
#[derive(Debug, Clone, clap::Args)]
pub struct SimArgs {
    /// The trace to simulate (staged in --ns by `prep-ns`)
    #[arg(long, value_name = "FILE")]
    pub trace: PathBuf,
    /// The Deployment to observe and act on, as named in the trace
    #[arg(long, value_name = "NAME")]
    pub deploy: String,
    /// The number of ready replicas aimed for
    #[arg(long)]
    pub target: u32,
    /// Simulated time to wait before observing (per step)
    #[arg(long, default_value = "120s", value_parser = parse_duration)]
    pub duration: i64,
    /// `cost_aware_v2`'s penalty subtracted every step (sim-arena's default 0)
    #[arg(long, default_value_t = 0.0)]
    pub step_penalty: f64,
    /// Run even when the trace spans far longer than --duration
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub flags: SimFlags,
}

/// The flags of every command that simulates (`run`, `env`, `bench`): where (driver namespace,
/// SimKube's namespace), with which driver, at what speed, how each step is rewarded, the
/// timeouts, fast start, the transition cache and where records go. One struct, flattened into
/// each command, so the flags, defaults and checks are the same everywhere.
#[derive(Debug, Clone, clap::Args)]
pub struct SimFlags {
    /// The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context's
    /// namespace); with several contexts, the same on each
    #[arg(long, value_name = "NS")]
    pub ns: Option<String>,
    /// Extra Simulation time after the observation, so the driver does not tear down first
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub grace: i64,
    /// The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl's image in
    /// --simkube-ns>, else v2.7.0; the choice is printed and recorded)
    #[arg(long, value_name = "IMAGE")]
    pub driver_image: Option<String>,
    /// The driver's webhook port (the Simulation's spec.driver.port, passed to the driver as
    /// --admission-webhook-port)
    #[arg(long, default_value_t = 8888)]
    pub port: i32,
    /// SimKube's speed factor (spec.speed: event gaps divided by F), from 0.001 to 1000; --duration
    /// and --grace are simulated time, so the step waits duration/F
    #[arg(long, value_name = "F")]
    pub speed: Option<f64>,
    /// The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)
    #[arg(long, default_value = "virtual", value_name = "PREFIX")]
    pub virtual_ns_prefix: String,
    /// The namespace SimKube's controller and its sk-lease run in
    #[arg(long, default_value = crate::cluster::prep::CTRL_NS, value_name = "NS")]
    pub simkube_ns: String,
    #[arg(long, value_enum, default_value = "base")]
    pub reward: Reward,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// How long to wait for another simulation to release SimKube's lease
    #[arg(long, default_value = "10m", value_parser = parse_std_duration)]
    pub lease_timeout: Duration,
    /// How long the driver may take to start once the lease is ours
    #[arg(long, default_value = "3m", value_parser = parse_std_duration)]
    pub driver_timeout: Duration,
    /// How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails
    #[arg(long, default_value = "60s", value_parser = parse_std_duration)]
    pub api_timeout: Duration,
    /// Fast start: create the Simulation only once SimKube's lease is free, and nudge sk-ctrl
    /// past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube's own pace
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub fast_start: bool,
    /// The transition cache: a simulation whose key (the trace's bytes, --deploy, --duration,
    /// --grace, --speed, SimKube's and the driver's versions, the cluster's node profile) was
    /// simulated before is answered from DIR without a Simulation (recorded `cached: true`); only
    /// settled observations are stored (see README)
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that
    /// ever disagrees is logged in DIR/disagreements.jsonl and never served again
    #[arg(long, value_name = "P", default_value_t = 0.0, requires = "cache")]
    pub cache_verify: f64,
    /// Where records go (default: <data dir>/kubectl-skstep/runs; bench: <results FILE>.runs/)
    #[arg(long, value_name = "DIR")]
    pub runs_dir: Option<PathBuf>,
}

impl SimArgs {
    /// The usage errors no cluster is needed to see.
    pub fn check(&self) -> Result<()> {
        if self.target == 0 {
            return Err(Error::usage("--target must be at least 1", None));
        }
        self.flags.check(Some(self.duration))
    }

    /// The steps of these settings on one cluster (the engine sets trace, episode, step and seed).
    pub fn step_config(&self, ns: &str, runs_dir: &Path, context: &str, driver: &(String, String)) -> StepConfig {
        StepConfig {
            trace: self.trace.clone(),
            deploy: self.deploy.clone(),
            target: self.target,
            duration_s: self.duration,
            step_penalty: self.step_penalty,
            force: self.force,
            ..self.flags.step_config(ns, runs_dir, context, driver)
        }
    }

    pub fn namespace(&self, dash_n: Option<&str>) -> Result<Option<String>> {
        self.flags.namespace(dash_n)
    }

    pub fn cache(&self) -> Result<Option<std::sync::Arc<crate::cache::Cache>>> {
        self.flags.cache()
    }

    pub fn runs_dir(&self) -> Result<PathBuf> {
        self.flags.runs_dir()
    }

    pub async fn driver_image(&self, client: &kube::Client) -> Result<(String, String)> {
        self.flags.driver_image(client).await
    }
}

impl SimFlags {
    /// The usage errors no cluster is needed to see; `duration`: the command's simulated time per
    /// step, when it has one of its own (bench takes each scenario's).
    pub fn check(&self, duration: Option<i64>) -> Result<()> {
        if let Some(f) = self.speed {
            let speeds = crate::step::simulate::SPEEDS;
            if !speeds.contains(&f) {
                return Err(Error::usage(
                    format!(
                        "--speed {f}: SimKube's spec.speed must be from {} to {} here",
                        speeds.start(),
                        speeds.end()
                    ),
                    Some("--speed 1 replays in real time, --speed 10 ten times faster".to_string()),
                ));
            }
        }
        // The wait: --duration simulated seconds at --speed, checked once here (no cluster yet).
        if let Some(d) = duration {
            crate::step::simulate::wall_seconds(d, self.speed)
                .map_err(|e| Error::usage(format!("--speed/--duration: {e}"), None))?;
        }
        Ok(())
    }

    /// `--ns`, else `-n` (they must agree); the caller falls back to the context's namespace.
    pub fn namespace(&self, dash_n: Option<&str>) -> Result<Option<String>> {
        crate::commands::one_namespace("--ns", self.ns.as_deref(), dash_n)
    }

    /// The cache of --cache (opened, created if need be), shared by every step of the command.
    pub fn cache(&self) -> Result<Option<std::sync::Arc<crate::cache::Cache>>> {
        match &self.cache {
            None => Ok(None),
            Some(d) => {
                let dir = crate::cache::resolve_dir(d)?;
                Ok(Some(std::sync::Arc::new(crate::cache::Cache::open(&dir, self.cache_verify, self.seed)?)))
            }
        }
    }

    /// `--runs-dir`, else the data dir's runs folder.
    pub fn runs_dir(&self) -> Result<PathBuf> {
        match &self.runs_dir {
            Some(d) => Ok(d.clone()),
            None => default_runs_dir(),
        }
    }

    /// `--driver-image`, else the sk-driver of the cluster's SimKube (sk-ctrl's tag), else v2.7.0;
    /// with the reason, which is printed and recorded. A cluster that does not answer within
    /// --api-timeout ends the command there.
    pub async fn driver_image(&self, client: &kube::Client) -> Result<(String, String)> {
        match &self.driver_image {
            Some(i) => Ok((i.clone(), "--driver-image".to_string())),
            None => {
                let d = driver_image(client, &self.simkube_ns, self.api_timeout).await?;
                Ok((d.image, d.source))
            }
        }
    }

    /// Steps of these settings on one cluster; what is simulated (trace, deploy, target, duration)
    /// is the caller's to set (`SimArgs::step_config`, or bench per scenario).
    pub fn step_config(&self, ns: &str, runs_dir: &Path, context: &str, driver: &(String, String)) -> StepConfig {
        StepConfig {
            trace: PathBuf::new(),
            ns: ns.into(),
            deploy: String::new(),
            target: 1,
            duration_s: 120,
            grace_s: self.grace,
            driver_image: driver.0.clone(),
            driver_image_source: driver.1.clone(),
            port: self.port,
            reward: self.reward,
            step_penalty: 0.0,
            seed: self.seed,
            keep: false,
            force: false,
            lease_timeout: self.lease_timeout,
            driver_timeout: self.driver_timeout,
            runs_dir: runs_dir.into(),
            context: context.into(),
            episode: String::new(),
            step: 1,
            api_timeout: self.api_timeout,
            fast_start: self.fast_start,
            speed: self.speed,
            simkube_ns: self.simkube_ns.clone(),
            virtual_ns_prefix: self.virtual_ns_prefix.clone(),
            cache: None,
        }
    }
}
