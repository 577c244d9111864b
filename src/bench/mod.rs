//! `kubectl skstep bench`: every scenario of a suite played K times by an agent on the step
//! engine, scored (`metrics`), kept finished run by finished run (`journal`, so a bench resumes),
//! written as a versioned document (`results`), compared as a Markdown leaderboard (`compare`)
//! and an SVG (`plot`). `heuristic` is the built-in rule-based autoscaler.

pub mod agents;
pub mod compare;
pub mod heuristic;
pub mod journal;
pub mod metrics;
pub mod plot;
pub mod results;
pub mod route;
pub mod run;
