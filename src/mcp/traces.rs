//! The trace tools, on the session's own traces only (the one the next action starts from, and
//! the episode's first): `trace inspect`'s summary, `trace validate`'s verdict (SimKube's rules),
//! and what the session changed since its start.

use rmcp::model::CallToolResult;
use rmcp::{ErrorData, tool, tool_router};
use serde_json::{Value as Json, json};

use super::answer::{Answer, Refusal, to_result};
use super::session::Episode;
use super::tools::Skstep;
use crate::trace::time::now;
use crate::trace::validate::{Options, scan};

/// `trace validate`'s default gap (an hour) does not matter to a session's short traces.
const MAX_GAP_S: i64 = 3600;

fn summary(ep: &Episode) -> Answer {
    let (report, summary) = scan(&ep.trace, &Options { max_gap: MAX_GAP_S, now: now() })?;
    let d = summary.deployments.values().find(|d| d.name == ep.cfg.deploy);
    Ok(json!({
        "trace": ep.trace, "events": summary.events, "applied_objects": summary.applied_objects,
        "kinds": summary.kinds, "namespaces": summary.namespaces, "deployment": d,
        "span_s": summary.first_ts.zip(summary.last_ts).map(|(a, b)| b - a),
        "simkube_accepts": report.parses && report.rejections.is_empty(),
    }))
}

fn verdict(ep: &Episode) -> Answer {
    let (report, _) = scan(&ep.trace, &Options { max_gap: MAX_GAP_S, now: now() })?;
    let ok = report.parses && report.rejections.is_empty() && report.rule_errors() == 0;
    Ok(json!({
        "trace": ep.trace, "valid": ok, "rule_errors": report.rule_errors(), "rule_warnings": report.rule_warnings(),
        "report": report,
    }))
}

fn diff(ep: &Episode) -> Answer {
    let first = ep.history.first().map(|h| h.2.workload).ok_or_else(|| Refusal::new("no start", "start()"))?;
    let now = ep.state.workload;
    let q = |w: crate::step::reward::Workload| {
        json!({
            "replicas": w.replicas,
            "cpu": crate::trace::quantity::format(w.cpu_m, crate::trace::quantity::Resource::Cpu),
            "memory": crate::trace::quantity::format(w.mem_bytes, crate::trace::quantity::Resource::Memory),
        })
    };
    let mut changed = vec![];
    if first.replicas != now.replicas {
        changed.push(format!("replicas {} -> {}", first.replicas, now.replicas));
    }
    if first.cpu_m != now.cpu_m {
        changed.push(format!("cpu request {}m -> {}m", first.cpu_m, now.cpu_m));
    }
    if first.mem_bytes != now.mem_bytes {
        changed.push(format!("memory request {} -> {} bytes", first.mem_bytes, now.mem_bytes));
    }
    let actions: Vec<Json> = ep
        .records
        .iter()
        .filter(|r| r.step > 0)
        .map(|r| {
            json!({ "step": r.step, "action": r.action,
        "blocked": r.action_info.get("blocked") })
        })
        .collect();
    Ok(json!({
        "deploy": ep.cfg.deploy, "start": q(first), "now": q(now), "changed": changed, "actions": actions,
        "start_trace": ep.history[0].1, "trace": ep.trace,
    }))
}

impl Skstep {
    async fn on_episode(&self, f: fn(&Episode) -> Answer) -> Result<CallToolResult, ErrorData> {
        let s = self.session.lock().await;
        Ok(to_result(s.episode().and_then(f)))
    }
}

#[tool_router(router = trace_router, vis = "pub")]
impl Skstep {
    #[tool(description = "Summarise the trace the next action starts from: events, objects by kind and \
    namespace, the Deployment's replicas and requests as the trace has them, its time span, and whether \
    SimKube accepts it.")]
    async fn inspect_trace(&self) -> Result<CallToolResult, ErrorData> {
        self.on_episode(summary).await
    }

    #[tool(description = "Validate the session's current trace with SimKube's rules (skctl's codes): \
    whether it is valid, its rule errors (pods that would be missing) and warnings.")]
    async fn validate_trace(&self) -> Result<CallToolResult, ErrorData> {
        self.on_episode(verdict).await
    }

    #[tool(description = "What the session changed since its start: the Deployment's replicas and requests at \
    the start and now, and every action taken (blocked ones marked).")]
    async fn diff_trace(&self) -> Result<CallToolResult, ErrorData> {
        self.on_episode(diff).await
    }
}
