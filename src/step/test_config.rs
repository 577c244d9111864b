//! The step settings the engine's and the env's unit tests start from (one literal, so a new
//! `StepConfig` field is given its test value once). Each test overrides what it is about.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::episode::StepConfig;
use super::reward::Reward;

/// Settings for a scripted simulation: no cluster is reached, so the timeouts are short and the
/// names only have to be present; the records go to `runs`.
pub(crate) fn step_config(runs: &Path) -> StepConfig {
    StepConfig {
        trace: PathBuf::new(),
        ns: "drv".into(),
        deploy: String::new(),
        target: 1,
        duration_s: 10,
        grace_s: 30,
        speed: None,
        driver_image: "img".into(),
        driver_image_source: "test".into(),
        port: 8888,
        reward: Reward::Base,
        step_penalty: 0.0,
        seed: 0,
        keep: false,
        force: false,
        lease_timeout: Duration::from_secs(1),
        driver_timeout: Duration::from_secs(1),
        runs_dir: runs.into(),
        context: "ctx".into(),
        episode: String::new(),
        step: 0,
        api_timeout: Duration::from_secs(1),
        fast_start: true,
        simkube_ns: "simkube".into(),
        virtual_ns_prefix: "virtual".into(),
        cache: None,
    }
}
