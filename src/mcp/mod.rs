//! `kubectl skstep mcp`: SimKube scenarios as Model Context Protocol tools (the official Rust
//! SDK, `rmcp`), so any MCP client plays the scenario suites on the same engine and is scored with
//! bench's metrics.
//!
//! - [`session`]: one connection's state: at most one episode at a time, played through the
//!   engine's step body (`step::episode::run_step`, which writes every step's record), scored on
//!   `submit` by `bench::run::scored` and `bench::metrics::score`;
//! - [`server`]: what the sessions share (the clusters, one lease per context, the settings);
//! - [`tools`]: the tools, their JSON schemas ([`params`]) and descriptions for a model; every
//!   failure is a tool error (`isError`) carrying the cause and the fix ([`answer`]);
//! - [`inspect`]: the read-only tools, restricted to the session's namespaces;
//! - [`traces`]: the trace tools, on the session's own traces;
//! - [`http`]: the streamable HTTP transport, with the bearer-token check.

pub mod answer;
pub mod http;
pub mod inspect;
pub mod params;
pub mod play;
pub mod scenarios;
pub mod server;
pub mod session;
pub mod tools;
pub mod traces;
