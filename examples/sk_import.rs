//! Benchmark helper for scripts/bench-trace (not part of the plugin): SimKube 2.7.0's own trace
//! parser, `sk_store::ExportedTrace::import` (what sk-driver runs), on one file.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: sk_import TRACE");
        std::process::exit(2);
    };
    let data = match std::fs::read(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match sk_store::ExportedTrace::import(data, None) {
        Ok(t) => println!("{path}: SimKube parses it: {} events", t.events.len()),
        Err(e) => {
            eprintln!("{path}: SimKube refuses it: {e:#}");
            std::process::exit(1);
        }
    }
}
