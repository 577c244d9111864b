//! kubectl-skstep: one SimKube RL step as one kubectl command, and the trace toolkit behind it.

pub mod app;
pub mod cli;
pub mod cluster;
pub mod commands;
pub mod error;
pub mod fsutil;
pub mod model;
pub mod output;
pub mod records;
pub mod step;
pub mod trace;
