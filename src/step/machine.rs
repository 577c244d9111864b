//! One RL step on a real SimKube install: preflight → create → wait for the driver (and the
//! lease) → wait the simulated duration → observe → act → reward → record → cleanup. Every
//! failure is recognised and reported with its cause and fix; every outcome is recorded.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};
use sk_api::v1::SimulationState;

use super::policy::{ActionType, Policy, SplitMix};
use super::progress::Progress;
use super::reward::{Reward, RewardInput};
use crate::cluster::diagnose::{self, Cause};
use crate::cluster::observe::{Observation, observe};
use crate::cluster::prep::{CTRL_NS, Staged, load_staged, sha256_file, staged_name};
use crate::cluster::simulation as sim;
use crate::cluster::stage_pods;
use crate::error::{Error, Result};
use crate::records::jsonl::{Runs, StepRecord};
use crate::trace::edit::{Limits, Target, edit};
use crate::trace::time::{fmt_duration, now};
use crate::trace::validate::{Options as ValidateOptions, scan};

#[derive(Debug, Clone)]
pub struct StepConfig {
    pub trace: PathBuf,
    pub ns: String,
    pub deploy: String,
    pub target: u32,
    pub duration_s: i64,
    pub grace_s: i64,
    pub driver_image: String,
    pub port: i32,
    pub policy: Policy,
    pub action: Option<ActionType>,
    pub reward: Reward,
    /// `cost_aware_v2`'s per-step penalty.
    pub step_penalty: f64,
    pub seed: u64,
    pub keep: bool,
    pub force: bool,
    pub lease_timeout: Duration,
    pub driver_timeout: Duration,
    pub runs_dir: PathBuf,
    pub context: String,
    pub episode: String,
    pub step: u32,
    pub poll: Duration,
}

/// What a finished step produced.
#[derive(Debug)]
pub struct StepResult {
    pub record: StepRecord,
    pub trace_next: Option<PathBuf>,
}

struct Timings {
    start: Instant,
    last: Instant,
    map: Map<String, Json>,
}

impl Timings {
    fn new() -> Timings {
        let now = Instant::now();
        Timings { start: now, last: now, map: Map::new() }
    }
    fn lap(&mut self, phase: &str) {
        let t = self.last.elapsed().as_secs_f64();
        self.map.insert(phase.into(), Json::from((t * 1000.0).round() / 1000.0));
        self.last = Instant::now();
    }
    fn total(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }
}

fn fail(cause: &Cause) -> Error {
    Error::Simulation { message: cause.message(), hint: Some(cause.fix()) }
}

/// Checks everything a step needs before it costs a simulation; each failure names the fix.
pub async fn preflight(client: &kube::Client, cfg: &StepConfig) -> Result<(Staged, String)> {
    if !sim::crd_installed(client).await? {
        return Err(Error::bad_input(
            "the Simulation CRD (simulations.simkube.io) is not installed in this cluster".to_string(),
            Some("install SimKube (https://simkube.dev), or check --context".into()),
        ));
    }
    let staged = load_staged(&cfg.context, &cfg.ns)?.ok_or_else(|| {
        Error::bad_input(
            format!(
                "namespace {} is not prepared for the driver (no ServiceAccount, Secrets or staged trace recorded)",
                cfg.ns
            ),
            Some(format!(
                "kubectl skstep prep-ns {} --trace {} --stage pods (or --node-dir DIR)",
                cfg.ns,
                cfg.trace.display()
            )),
        )
    })?;
    let (report, summary) = scan(&cfg.trace, &ValidateOptions { max_gap: i64::MAX, now: now() })?;
    if !report.parses {
        let f = report.rejections.first().map(|f| format!("{}: {}", f.path, f.message)).unwrap_or_default();
        return Err(Error::bad_input(
            format!("{}: SimKube would refuse this trace ({f})", cfg.trace.display()),
            Some(format!("kubectl skstep trace upgrade {} -o FIXED.msgpack", cfg.trace.display())),
        ));
    }
    let found: Vec<&crate::trace::validate::Deployment> =
        summary.deployments.values().filter(|d| d.name == cfg.deploy).collect();
    let Some(dep) = found.first() else {
        let ns: Vec<&str> = summary.namespaces.keys().map(String::as_str).collect();
        return Err(Error::bad_input(
            format!(
                "the trace has no Deployment {:?} (its namespaces: {}): the simulation would create no such pods",
                cfg.deploy,
                ns.join(", ")
            ),
            Some(format!("kubectl skstep trace inspect {} to see what it holds", cfg.trace.display())),
        ));
    };
    let vns = format!("virtual-{}", if dep.namespace.is_empty() { "default" } else { &dep.namespace });
    if let (Some(first), Some(last)) = (summary.first_ts, summary.last_ts) {
        let span = last - first;
        if span > cfg.duration_s * 2 && span > cfg.duration_s + 60 && !cfg.force {
            return Err(Error::bad_input(
                format!(
                    "the trace spans {} but the step lasts {}: the driver would sit waiting for events that never come in time",
                    fmt_duration(span),
                    fmt_duration(cfg.duration_s)
                ),
                Some(format!(
                    "kubectl skstep trace rebase {} -o REBASED.msgpack --max-gap 10s (or pass --force)",
                    cfg.trace.display()
                )),
            ));
        }
    }
    Ok((staged, vns))
}

/// Puts this step's trace where the Simulation reads it, as `prep-ns` staged the first one.
async fn stage_trace(client: &kube::Client, staged: &Staged, trace: &Path, sha: &str) -> Result<String> {
    if staged.trace_sha256.as_deref() == Some(sha) {
        return staged.trace_path.clone().ok_or_else(|| Error::bad_input("no trace path recorded", None));
    }
    let name = staged_name(sha);
    if let Some(node_file) = &staged.node_file {
        let dest = node_file.parent().expect("a staged file has a folder").join(&name);
        if !dest.exists() {
            let mut out = crate::trace::stream::AtomicOut::create(&dest)?;
            let mut src = std::fs::File::open(trace).map_err(|e| Error::io(trace, e))?;
            std::io::copy(&mut src, out.writer()).map_err(|e| Error::io(&dest, e))?;
            out.commit()?;
        }
    } else if let Some(image) = &staged.stage_image {
        // Nodes may have come and gone since prep-ns: stage on those a driver could land on now.
        let nodes = stage_pods::choose_nodes(client).await?;
        let targets: Vec<String> = nodes.into_iter().filter(|n| n.skipped.is_none()).map(|n| n.node).collect();
        let req = stage_pods::Request {
            namespace: &staged.namespace,
            service_account: &staged.service_account,
            image,
            trace,
            name: &name,
            sha256: sha,
            timeout: Duration::from_secs(staged.stage_timeout_s.unwrap_or(120)),
        };
        stage_pods::stage_on_nodes(client, &req, &targets).await?;
    } else {
        return Err(Error::bad_input(
            format!(
                "{} is not the trace staged for namespace {} and it was staged by URL",
                trace.display(),
                staged.namespace
            ),
            Some(format!("kubectl skstep prep-ns {} --trace {} --stage pods", staged.namespace, trace.display())),
        ));
    }
    Ok(format!("file:///data/{name}"))
}

pub fn sim_name(trace_sha: &str, cfg: &StepConfig) -> String {
    let mut h = Sha256::new();
    h.update(trace_sha.as_bytes());
    h.update(cfg.ns.as_bytes());
    h.update(cfg.deploy.as_bytes());
    h.update(cfg.step.to_le_bytes());
    h.update(chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default().to_le_bytes());
    format!("skstep-{}", &format!("{:x}", h.finalize())[..10])
}

/// Runs one step. `interrupt` resolves on Ctrl-C / SIGTERM.
pub async fn run_step(
    client: &kube::Client,
    cfg: &StepConfig,
    progress: &mut Progress,
    interrupt: &mut (impl std::future::Future<Output = ()> + Unpin),
) -> Result<StepResult> {
    let mut t = Timings::new();
    let runs = Runs::open(&cfg.runs_dir)?;
    let step_dir = cfg.runs_dir.join(&cfg.episode).join(format!("step-{:03}", cfg.step));
    std::fs::create_dir_all(&step_dir).map_err(|e| Error::io(&step_dir, e))?;
    let trace_sha = sha256_file(&cfg.trace)?;
    let mut rec = StepRecord {
        timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        namespace: cfg.ns.clone(),
        trace_in: cfg.trace.display().to_string(),
        seed: cfg.seed,
        policy: match cfg.action {
            Some(_) => "action".into(),
            None => {
                serde_json::to_value(cfg.policy).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
            }
        },
        context: cfg.context.clone(),
        trace_in_sha256: trace_sha.clone(),
        reward_fn: cfg.reward.name().into(),
        driver_image: cfg.driver_image.clone(),
        episode: Some(cfg.episode.clone()),
        step: cfg.step,
        target: Some(cfg.target),
        action: Json::Null,
        action_info: Json::Null,
        ..Default::default()
    };
    progress.phase(
        "start",
        format!(
            "step {} of episode {} in {} ({}; deploy {}, target {})",
            cfg.step, cfg.episode, cfg.ns, cfg.context, cfg.deploy, cfg.target
        ),
    );

    let mut created: Option<String> = None;
    let body = step_body(client, cfg, progress, &mut t, &mut rec, &trace_sha, &step_dir, &mut created);
    let outcome = tokio::select! {
        r = body => r,
        _ = interrupt => Err(Error::Interrupted),
    };

    // Cleanup runs on every path: the Simulation never outlives the step unless --keep.
    if let Some(name) = &created
        && (!cfg.keep || outcome.is_err())
    {
        progress.phase("cleanup", format!("deleting Simulation {name}"));
        if let Err(e) = cleanup(client, name, &rec.virtual_namespace, &cfg.deploy, progress).await {
            progress.phase("cleanup", format!("could not clean up: {e}"));
        }
    }
    t.lap("cleanup");
    rec.timings_s = t.map.clone();
    rec.duration_s = (t.total() * 1000.0).round() / 1000.0;
    match &outcome {
        Ok(_) => rec.outcome = "ok".into(),
        Err(Error::Interrupted) => {
            rec.outcome = "interrupted".into();
            rec.cause = Some("interrupted by signal".into());
        }
        Err(e) => {
            rec.outcome = "failed".into();
            rec.cause = Some(match e.hint() {
                Some(h) => format!("{e} (fix: {h})"),
                None => e.to_string(),
            });
        }
    }
    let summary = runs.append(&rec)?;
    progress.phase(
        "summary",
        format!(
            "outcome {}; reward {}; {} steps recorded in {} (mean reward {:.3})",
            rec.outcome,
            rec.reward.map_or("-".into(), |r| format!("{r:.3}")),
            summary.total_steps,
            runs.dir().display(),
            summary.mean_reward
        ),
    );
    outcome.map(|next| StepResult { record: rec, trace_next: next })
}

#[allow(clippy::too_many_arguments)]
async fn step_body(
    client: &kube::Client,
    cfg: &StepConfig,
    progress: &mut Progress,
    t: &mut Timings,
    rec: &mut StepRecord,
    trace_sha: &str,
    step_dir: &Path,
    created: &mut Option<String>,
) -> Result<Option<PathBuf>> {
    let (staged, vns) = preflight(client, cfg).await?;
    rec.virtual_namespace = vns.clone();
    let trace_path = stage_trace(client, &staged, &cfg.trace, trace_sha).await?;
    t.lap("preflight");
    progress
        .phase("preflight", format!("ok: trace {} staged at {trace_path}; pods will land in {vns}", &trace_sha[..12]));

    let name = sim_name(trace_sha, cfg);
    let labels = BTreeMap::from([
        (sim::STEP_LABEL.to_string(), format!("{}", cfg.step)),
        (
            "skstep.io/episode".to_string(),
            cfg.episode.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(63).collect(),
        ),
    ]);
    let obj = sim::build(&sim::SimParams {
        name: &name,
        driver_ns: &cfg.ns,
        image: &cfg.driver_image,
        port: cfg.port,
        trace_path: &trace_path,
        duration_s: cfg.duration_s + cfg.grace_s,
        secrets: &staged.secrets,
        labels,
    });
    let made = sim::create(client, &obj).await?;
    *created = Some(name.clone());
    rec.sim_name = name.clone();
    rec.sim_uid = made.metadata.uid.clone().unwrap_or_default();
    t.lap("create");
    progress.phase(
        "create",
        format!(
            "Simulation {name} (duration {}s = {} + grace {})",
            cfg.duration_s + cfg.grace_s,
            cfg.duration_s,
            cfg.grace_s
        ),
    );

    let driver_started = wait_for_driver(client, cfg, &name, progress, t).await?;
    progress.phase("driver", format!("driver running since {driver_started}"));

    // Simulated time starts after the driver's warm-up; observe `duration` into it, before the
    // driver's own end (duration + grace) tears the virtual namespaces down.
    let started_at = Instant::now();
    let deadline = started_at + sim::DRIVER_WARMUP + Duration::from_secs(cfg.duration_s as u64);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        check_driver_alive(client, cfg, &name).await?;
        let sim_left = left.min(Duration::from_secs(cfg.duration_s as u64));
        if left > sim_left {
            progress
                .waiting(format!("the driver warms up before it replays the trace ({}s)", (left - sim_left).as_secs()));
        } else {
            progress.waiting(format!("simulating: {}s of {}s left", sim_left.as_secs(), cfg.duration_s));
        }
        tokio::time::sleep(left.min(cfg.poll)).await;
    }
    t.lap("wait");
    let obs: Observation = observe(client, &vns, &cfg.deploy).await?;
    rec.obs = Some(obs.obs());
    rec.action_info = serde_json::json!({
        "observed_after_driver_start_s": started_at.elapsed().as_secs_f64(),
        "running": obs.running, "failed": obs.failed, "unscheduled": obs.unscheduled, "nodes": obs.nodes,
    });
    t.lap("observe");
    progress.phase(
        "observe",
        format!("{vns}/{}: ready {} pending {} total {}", cfg.deploy, obs.ready, obs.pending, obs.total),
    );

    let mut rng = SplitMix::new(cfg.seed ^ u64::from(cfg.step));
    let action = cfg.action.unwrap_or_else(|| cfg.policy.pick(obs.obs(), cfg.target, &mut rng));
    let next = step_dir.join("trace-next.msgpack");
    let mut info = rec.action_info.as_object().cloned().unwrap_or_default();
    let mut blocked = false;
    match action.edit() {
        None => {
            std::fs::copy(&cfg.trace, &next).map_err(|e| Error::io(&next, e))?;
            info.insert("changed".into(), Json::Bool(false));
        }
        Some(e) => {
            let o = edit(&cfg.trace, &next, &Target { name: &cfg.deploy, namespace: None }, &e, &Limits::default())?;
            info.insert("changed".into(), Json::Bool(o.changed));
            info.insert("blocked".into(), Json::Bool(o.blocked));
            blocked = o.blocked;
            if let Some(r) = &o.reason {
                info.insert("reason".into(), Json::from(r.clone()));
            }
            info.insert("before".into(), serde_json::to_value(&o.before).expect("serialises"));
            info.insert("after".into(), serde_json::to_value(&o.after).expect("serialises"));
        }
    }
    rec.action = action.record(&cfg.deploy);
    rec.action_info = Json::Object(info);
    rec.trace_out = next.display().to_string();
    rec.trace_out_sha256 = sha256_file(&next)?;
    t.lap("act");
    progress.phase("action", format!("{} -> {}", rec.action, next.display()));

    // The state observed is the simulated trace's; the blocked flag is this step's action's.
    let reward = cfg.reward.compute(&RewardInput {
        obs: obs.obs(),
        target: cfg.target,
        workload: super::workload::read(&cfg.trace, &cfg.deploy)?,
        blocked,
        step_penalty: cfg.step_penalty,
    });
    rec.reward = Some(reward);
    t.lap("reward");
    progress.phase("reward", format!("{} = {reward:.3}", cfg.reward.name()));
    Ok(Some(next))
}

/// Waits until the driver container runs, recognising every known failure on the way, and
/// waiting (visibly) while another simulation holds SimKube's lease.
async fn wait_for_driver(
    client: &kube::Client,
    cfg: &StepConfig,
    name: &str,
    progress: &mut Progress,
    t: &mut Timings,
) -> Result<String> {
    let start = Instant::now();
    let mut lease_started: Option<Instant> = None;
    let mut lease_wait = Duration::ZERO;
    loop {
        let s = sim::get(client, name)
            .await?
            .ok_or_else(|| sim::not_ready("the Simulation disappeared while waiting for its driver"))?;
        match sim::state(&s) {
            Some(SimulationState::Blocked) => {
                let since = *lease_started.get_or_insert_with(Instant::now);
                let holder = sim::lease_holder(client, CTRL_NS).await?.unwrap_or_else(|| "another simulation".into());
                if since.elapsed() > cfg.lease_timeout {
                    return Err(Error::Simulation {
                        message: format!(
                            "waited {} for SimKube's lease held by {holder}",
                            fmt_duration(since.elapsed().as_secs() as i64)
                        ),
                        hint: Some(format!("wait for {holder} to finish, or raise --lease-timeout")),
                    });
                }
                progress.waiting(format!(
                    "blocked: SimKube runs one simulation at a time; {holder} holds sk-lease ({}s)",
                    since.elapsed().as_secs()
                ));
                tokio::time::sleep(cfg.poll).await;
                continue;
            }
            Some(SimulationState::Failed) => {
                if let Some(c) = diagnose_now(client, cfg, name).await? {
                    return Err(fail(&c));
                }
                return Err(sim::not_ready("SimKube marked the Simulation Failed"));
            }
            _ => {}
        }
        if let Some(ls) = lease_started.take() {
            lease_wait += ls.elapsed();
        }
        if let Some(c) = diagnose_now(client, cfg, name).await? {
            return Err(fail(&c));
        }
        if let Some(pod) = sim::driver_pod(client, &cfg.ns, name).await?
            && let Some(at) = sim::driver_started_at(&pod)
        {
            t.map.insert("lease_wait".into(), Json::from(lease_wait.as_secs_f64()));
            t.lap("driver_start");
            return Ok(at.to_rfc3339());
        }
        if start.elapsed() - lease_wait > cfg.driver_timeout {
            let job = sim::driver_job(client, &cfg.ns, name).await?;
            return Err(Error::Simulation {
                message: match job {
                    None => format!(
                        "sk-ctrl created no driver Job {} in {} within {}",
                        sim::driver_job_name(name),
                        cfg.ns,
                        fmt_duration(cfg.driver_timeout.as_secs() as i64)
                    ),
                    Some(_) => format!(
                        "the driver pod did not start within {}",
                        fmt_duration(cfg.driver_timeout.as_secs() as i64)
                    ),
                },
                hint: Some(format!("kubectl skstep logs {name}; kubectl -n simkube logs deploy/sk-ctrl-depl")),
            });
        }
        progress.waiting(format!("waiting for the driver of {name}"));
        tokio::time::sleep(cfg.poll).await;
    }
}

async fn diagnose_now(client: &kube::Client, cfg: &StepConfig, name: &str) -> Result<Option<Cause>> {
    let job_name = sim::driver_job_name(name);
    let job_events = sim::events_for(client, &cfg.ns, "Job", &job_name).await?;
    if let Some(c) = diagnose::from_events(&job_events, &cfg.ns) {
        return Ok(Some(c));
    }
    let Some(pod) = sim::driver_pod(client, &cfg.ns, name).await? else { return Ok(None) };
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let pod_events = sim::events_for(client, &cfg.ns, "Pod", &pod_name).await?;
    if let Some(c) = diagnose::from_events(&pod_events, &cfg.ns) {
        return Ok(Some(c));
    }
    let terminated = pod
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|c| c.first())
        .and_then(|c| c.state.as_ref())
        .is_some_and(|s| s.terminated.is_some());
    let log = if terminated {
        sim::pod_log(client, &cfg.ns, &pod_name, Some(200))
            .await
            .unwrap_or_else(|e| format!("(the driver log could not be read: {e})"))
    } else {
        String::new()
    };
    Ok(diagnose::from_pod(&pod, &log))
}

async fn check_driver_alive(client: &kube::Client, cfg: &StepConfig, name: &str) -> Result<()> {
    if let Some(c) = diagnose_now(client, cfg, name).await? {
        return Err(fail(&c));
    }
    Ok(())
}

async fn cleanup(client: &kube::Client, name: &str, vns: &str, deploy: &str, progress: &mut Progress) -> Result<()> {
    sim::delete(client, name).await?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let sim_left = sim::get(client, name).await?.is_some();
        // The driver deletes the namespaces it created; one that existed before it (pre-created
        // for RBAC, say) stays, so the workload's own objects going is what counts there.
        let ns_left =
            !vns.is_empty() && !sim::remaining_virtual_namespaces(client, &[vns.to_string()]).await?.is_empty();
        let deploy_left = ns_left && {
            let api: kube::Api<k8s_openapi::api::apps::v1::Deployment> = kube::Api::namespaced(client.clone(), vns);
            api.get_opt(deploy)
                .await
                .map_err(|e| crate::cluster::kube_error("get", &format!("deployments in namespace {vns}"), e))?
                .is_some()
        };
        if !sim_left && !deploy_left {
            let what = if ns_left {
                format!("{vns}/{deploy}")
            } else if vns.is_empty() {
                "its objects".to_string()
            } else {
                vns.to_string()
            };
            progress.phase("cleanup", format!("Simulation {name} and {what} are gone"));
            return Ok(());
        }
        let waiting = if sim_left { name.to_string() } else { format!("{vns}/{deploy}") };
        if Instant::now() > deadline {
            return Err(sim::not_ready(&format!("{waiting} still present 60s after deleting the Simulation")));
        }
        progress.waiting(format!("waiting for {waiting} to go"));
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
