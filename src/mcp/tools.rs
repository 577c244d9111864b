//! The tools of a session: scenario (`list_scenarios`, `start`, `submit`), observe (`observe`,
//! and the read-only tools of `inspect`), act (`step`, `set_replicas`, `set_resources`,
//! `rollback`). Every call is logged for the next step's record and counted against the
//! tool-call budget of the step (actions, start and submit are not counted).

use std::sync::Arc;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::tool::ToolCallContext;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, Implementation, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, tool, tool_router};
use serde_json::json;
use tokio::sync::Mutex;

use super::answer::{Refusal, to_result};
use super::params;
use super::scenarios;
use super::server::Shared;
use super::session::{Session, UNCOUNTED};
use crate::step::act::{Move, Setting};
use crate::step::env::ACTIONS;
use crate::step::policy::ActionType;
use crate::trace::quantity::{self, Resource};

const INSTRUCTIONS: &str = "SimKube scenarios as an episode: a Kubernetes Deployment in a simulated cluster must \
reach its target (ready = total = target, nothing pending, requests within the scenario's ceilings). \
list_scenarios → start(scenario_id) → observe() and the read-only tools (get_pods, describe_deployment, \
get_events, get_pod_logs, explain_pending, inspect_trace, validate_trace, diff_trace) → act with step(action), \
set_replicas(n) or set_resources(cpu, memory): each action edits the trace within the safeguards and simulates \
it, and returns the new observation → repeat until solved or the step budget is spent → submit() returns the \
score (bench's metrics). Errors come back as tool errors with the cause and the fix; the session goes on.";

/// One MCP session (a stdio process, or one HTTP session) and the tools it answers.
#[derive(Clone)]
pub struct Skstep {
    pub session: Arc<Mutex<Session>>,
    pub shared: Arc<Shared>,
    tool_router: ToolRouter<Skstep>,
}

fn ok(a: super::answer::Answer) -> Result<CallToolResult, ErrorData> {
    Ok(to_result(a))
}

fn parse_action(a: &params::ActionArg) -> Result<ActionType, Refusal> {
    let names: Vec<String> = ACTIONS
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{i} {}", serde_json::json!(a).as_str().unwrap_or("?")))
        .collect();
    let fix = || format!("give sim-arena's index or name: {}", names.join(", "));
    match a {
        params::ActionArg::Index(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| ACTIONS.get(i).copied())
            .ok_or_else(|| Refusal::new(format!("action {i} is not one of sim-arena's seven (0..=6)"), fix())),
        params::ActionArg::Name(n) => serde_json::from_value(json!(n))
            .map_err(|_| Refusal::new(format!("action {n:?} is not an action's name"), fix())),
    }
}

fn parse_quantity(field: &str, v: &Option<String>, res: Resource) -> Result<Option<i128>, Refusal> {
    v.as_deref()
        .map(|s| {
            quantity::parse(s, res).map_err(|e| {
                Refusal::new(
                    format!("{field} {s:?} is not a quantity: {e}"),
                    "write it as Kubernetes does: 750m or 1.5 (cpu), 512Mi or 1Gi (memory)",
                )
            })
        })
        .transpose()
}

/// A warning to the client as a log message: the protocol versions with the handshake (which
/// this server's sessions negotiate) have logging; SEP-2577 deprecates it for later ones.
#[allow(deprecated)]
async fn tell(ctx: &RequestContext<RoleServer>, msg: String) {
    use rmcp::model::{LoggingLevel, LoggingMessageNotificationParam};
    let note = LoggingMessageNotificationParam::new(LoggingLevel::Warning, json!(msg)).with_logger("skstep");
    // A client that cannot take it still gets the answer's `queued`.
    let _ = ctx.peer.notify_logging_message(note).await;
}

#[tool_router]
impl Skstep {
    pub fn new(shared: Arc<Shared>) -> Skstep {
        let session = Arc::new(Mutex::new(Session::new(shared.clone())));
        Skstep { session, shared, tool_router: Self::tool_router() + Self::inspect_router() + Self::trace_router() }
    }

    #[tool(description = "List the scenarios of a suite: each one's id, description, tier, problem type, \
    Deployment, target replicas, step budget and the length of its reference solution. Suites: `simarena` \
    (default), `generated` (templates; start one with a seed), or a folder of scenario files.")]
    async fn list_scenarios(
        &self,
        Parameters(p): Parameters<params::ListScenarios>,
    ) -> Result<CallToolResult, ErrorData> {
        ok(scenarios::list(p.suite.as_deref(), p.split.as_deref()))
    }

    #[tool(description = "Start an episode: a scenario by id (from list_scenarios; generated ones with a seed), \
    or a trace file with a Deployment and a target. Simulates the initial trace and returns the first \
    observation (ready, pending, total, replicas, requests, budget left). One episode at a time per session; \
    if the cluster is busy with another session the start waits for it and says so (`queued`).")]
    async fn start(
        &self,
        Parameters(p): Parameters<params::Start>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        let mut s = self.session.lock().await;
        ok(async {
            s.can_start()?;
            let st = &self.shared.settings;
            let chosen = match (&p.scenario_id, &p.trace) {
                (Some(id), None) => scenarios::find(p.suite.as_deref(), id, p.seed, &st.scratch)?,
                (None, Some(t)) => {
                    let (Some(d), Some(target)) = (&p.deployment, p.target) else {
                        return Err(Refusal::new(
                            "start(trace=...) needs deployment and target too",
                            "give trace, deployment and target, or a scenario_id",
                        ));
                    };
                    scenarios::bare(t, d, target, st.max_steps.unwrap_or(st.trace_budget))?
                }
                _ => {
                    return Err(Refusal::new(
                        "start needs either scenario_id or trace (not both, not neither)",
                        "give scenario_id (list_scenarios names them), or trace with deployment and target",
                    ));
                }
            };
            let (lease, queued) = match self.shared.try_acquire(p.context.as_deref(), &s.id)? {
                Ok(l) => (l, None),
                Err(busy) => {
                    let msg = format!(
                        "context {} is held by session {}: this start is queued until it submits",
                        self.shared.slots[busy.slot].member.context, busy.holder
                    );
                    // Told at once; the answer says how long it waited.
                    tell(&ctx, msg).await;
                    let (l, q) = self.shared.wait(busy, &s.id).await;
                    (l, Some(q))
                }
            };
            s.start(chosen, lease, queued).await
        }
        .await)
    }

    #[tool(description = "The current observation of the episode: ready, pending and total pods of the \
    Deployment, its replicas and per-pod requests, the target, the step and budget left, whether it is solved, \
    the last action (and whether the safeguards blocked it), and the namespaces the read-only tools may read.")]
    async fn observe(&self) -> Result<CallToolResult, ErrorData> {
        ok(self.session.lock().await.observe())
    }

    #[tool(description = "Take one of sim-arena's seven actions, by index or name: 0 noop, 1 bump_cpu_small \
    (+500m per pod), 2 bump_mem_small (+256Mi), 3 scale_up_replicas (+1), 4 reduce_cpu_small (-500m), \
    5 reduce_mem_small (-256Mi), 6 scale_down_replicas (-1). The trace is edited within the safeguards, \
    simulated, and the new observation returned with its reward. A blocked action is a tool error: the step \
    was still simulated (trace unchanged) and counts against the budget.")]
    async fn step(&self, Parameters(p): Parameters<params::Step>) -> Result<CallToolResult, ErrorData> {
        let mut s = self.session.lock().await;
        ok(async {
            let a = parse_action(&p.action)?;
            s.act(Move::Action(a)).await
        }
        .await)
    }

    #[tool(description = "Set the Deployment's replicas to n (one action: the trace is edited within the \
    safeguards, simulated, and the new observation returned).")]
    async fn set_replicas(&self, Parameters(p): Parameters<params::SetReplicas>) -> Result<CallToolResult, ErrorData> {
        let set = Setting { replicas: Some(p.n), ..Default::default() };
        ok(self.session.lock().await.act(Move::Set(set)).await)
    }

    #[tool(description = "Set the per-pod CPU and/or memory requests (Kubernetes quantities, e.g. cpu `750m`, \
    memory `512Mi`); one action, all or nothing within the safeguards, simulated, the new observation returned.")]
    async fn set_resources(
        &self,
        Parameters(p): Parameters<params::SetResources>,
    ) -> Result<CallToolResult, ErrorData> {
        let mut s = self.session.lock().await;
        ok(async {
            let cpu_m = parse_quantity("cpu", &p.cpu, Resource::Cpu)?;
            let mem_bytes = parse_quantity("memory", &p.memory, Resource::Memory)?;
            if cpu_m.is_none() && mem_bytes.is_none() {
                return Err(Refusal::new("set_resources needs cpu or memory", "give cpu, memory or both"));
            }
            s.act(Move::Set(Setting { replicas: None, cpu_m, mem_bytes })).await
        }
        .await)
    }

    #[tool(description = "Go back n actions: the next action starts from the trace and observation of n \
    actions ago. The actions taken still count against the budget.")]
    async fn rollback(&self, Parameters(p): Parameters<params::Rollback>) -> Result<CallToolResult, ErrorData> {
        ok(self.session.lock().await.rollback(p.n).await)
    }

    #[tool(description = "End the episode and score it with bench's metrics: solved, steps to solve, \
    efficiency against the reference solution, return, over-provisioning. Frees the cluster for other sessions.")]
    async fn submit(&self) -> Result<CallToolResult, ErrorData> {
        ok(self.session.lock().await.submit().await)
    }
}

impl ServerHandler for Skstep {
    #[allow(deprecated)] // logging: see `tell`
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().enable_logging().build())
            .with_server_info(Implementation::new("kubectl-skstep", env!("CARGO_PKG_VERSION")))
            .with_instructions(INSTRUCTIONS)
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        {
            let mut s = self.session.lock().await;
            let spent = if UNCOUNTED.contains(&name.as_str()) { None } else { s.calls_spent() };
            let mut call = json!({ "tool": name, "arguments": request.arguments });
            if let Some(r) = spent {
                call["refused"] = json!(r.cause);
                s.calls.push(call);
                return Ok(to_result(Err(r)).into());
            }
            s.calls.push(call);
        }
        self.tool_router.call(ToolCallContext::new(self, request, context)).await
    }

    async fn list_tools(
        &self,
        _request: Option<rmcp::model::PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<rmcp::model::ListToolsResult, ErrorData> {
        Ok(rmcp::model::ListToolsResult { tools: self.tool_router.list_all(), ..Default::default() })
    }

    fn get_tool(&self, name: &str) -> Option<rmcp::model::Tool> {
        self.tool_router.get(name).cloned()
    }
}
