//! A bounded fuzz run over every reader and transformer of input: random bytes and mutations of
//! the real fixtures (bit flips, truncation, splices, inflated length prefixes) through the
//! validator (`scan`), `rebase`, `fix`, `convert` (both ways), `edit`, `trace new`'s manifest
//! parser and the env protocol's request parser. Nothing may panic; the validator gives every
//! input a verdict (or a decode rejection), never an I/O error.
//!
//! Each target runs on a thread with the stack the binary gives it: `app::MAIN_STACK` for the
//! commands (main.rs runs them there), a tokio worker's 2 MiB for the env's request parser.
//!
//! `SKSTEP_FUZZ_SECONDS=N` runs for N seconds instead of the default bounded count
//! (`scripts/fuzz` does that and reports the number of inputs).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use skstep::trace::convert::{Format, convert};
use skstep::trace::edit::{Action, Limits, Target, edit};
use skstep::trace::rebase::{Spec, rebase};
use skstep::trace::validate::{Options, scan};

use common::Rng;

/// A tokio worker's default stack: where a request line may be parsed.
const WORKER_STACK: usize = 2 << 20;

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut b = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(6) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            2 => b.truncate(rng.below(b.len() + 1)),
            3 if !b.is_empty() => {
                // Inflate a length prefix: a container or string head claiming far too much.
                let i = rng.below(b.len());
                let head = [0xdd, 0xdf, 0xdb, 0xc6][rng.below(4)];
                b.splice(i..i, [head, 0xff, 0xff, 0xff, 0xf0]);
            }
            4 if b.len() > 2 => {
                let (a, c) = (rng.below(b.len()), rng.below(b.len()));
                let (lo, hi) = (a.min(c), a.max(c));
                let chunk = b[lo..hi].to_vec();
                let at = rng.below(b.len());
                b.splice(at..at, chunk);
            }
            _ => b = (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
        }
    }
    b
}

/// Mutates text: the byte mutations, and some aimed at numbers and nesting.
fn mutate_text(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut b = base.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(b.len() + 1);
        match rng.below(5) {
            0 => {
                let n = ["4294967295", "-9223372036854775809", "1e-200", "1e999", "1.5", "NaN", "\"\\ud800\""];
                b.splice(at..at, n[rng.below(n.len())].bytes());
            }
            1 => {
                let depth = rng.below(4000);
                let open = if rng.below(2) == 0 { b"[" } else { b"{" };
                b.splice(at..at, open.iter().copied().cycle().take(depth));
            }
            _ => b = mutate(rng, &b),
        }
    }
    b
}

#[derive(Default)]
struct Counts {
    inputs: usize,
    rejected: usize,
}

/// The trace commands on one mutated trace. Errors are answers; only a panic fails.
fn trace_commands(rng: &mut Rng, input: &Path, dir: &Path, c: &mut Counts) {
    let out = dir.join("out");
    let spec = Spec {
        start: [None, Some(0), Some(i64::MAX - 5)][rng.below(3)],
        span: [None, Some(60), Some(0)][rng.below(3)],
        max_gap: [None, Some(10), Some(0)][rng.below(3)],
    };
    c.rejected += usize::from(rebase(input, &out, &spec).is_err());
    let rules = skstep::trace::rules::RULES.to_vec();
    c.rejected += usize::from(skstep::trace::fix::fix(input, &out, &rules).is_err());
    let action = match rng.below(4) {
        0 => Action::ScaleBy([1, -1, i64::MAX, i64::MIN][rng.below(4)]),
        1 => Action::ScaleTo([0, 3, i64::from(i32::MAX) + 1][rng.below(3)]),
        2 => Action::BumpCpu([500, -500, i128::from(i64::MAX)][rng.below(3)]),
        _ => Action::BumpMem([256 << 20, -(256 << 20), -i128::from(i64::MAX)][rng.below(3)]),
    };
    let names = ["web", "nginx-thrift", "frontend"];
    let target = Target { name: names[rng.below(names.len())], namespace: None };
    c.rejected += usize::from(edit(input, &out, &target, &action, &Limits::default()).is_err());
    // msgpack -> JSON, then that JSON, and a mutation of it, back.
    let json = dir.join("out.json");
    match convert(input, &json, Format::Json, rng.below(2) == 0) {
        Ok(_) => {
            c.rejected += usize::from(convert(&json, &out, Format::Msgpack, false).is_err());
            let text = std::fs::read(&json).unwrap();
            std::fs::write(&json, mutate_text(rng, &text)).unwrap();
            c.rejected += usize::from(convert(&json, &out, Format::Msgpack, false).is_err());
        }
        Err(_) => c.rejected += 1,
    }
    c.inputs += 6;
}

const MANIFEST: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  \
selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      \
containers:\n      - name: web\n        image: nginx\n        ports:\n        - containerPort: 80\n        \
resources:\n          requests: {cpu: 500m, memory: 0.5Gi}\n";

const REQUESTS: [&str; 4] =
    [r#"{"op":"spec"}"#, r#"{"op":"reset","seed":3,"options":{}}"#, r#"{"op":"step","action":2}"#, r#"{"op":"close"}"#];

fn run(seconds: Option<u64>, count: usize) -> usize {
    let bases: Vec<Vec<u8>> = common::msgpack_fixtures().iter().map(|p| std::fs::read(p).unwrap()).collect();
    let seed = std::env::var("SKSTEP_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_u64);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.msgpack");
    let manifest = dir.path().join("fuzz.yaml");
    let opts = Options { max_gap: 3600, now: 2_000_000_000 };
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let mut n = 0;
    let mut rejected = 0;
    let mut other = Counts::default();
    loop {
        match deadline {
            Some(d) if Instant::now() >= d => break,
            None if n >= count => break,
            _ => {}
        }
        let base = &bases[rng.below(bases.len())];
        let input = mutate(&mut rng, base);
        std::fs::write(&path, &input).unwrap();
        match scan(&path, &opts) {
            Ok((report, _)) => rejected += usize::from(!report.parses),
            Err(skstep::error::Error::BadTrace { .. }) => rejected += 1,
            Err(e) => panic!("input #{n} (seed {seed}) gave a non-verdict error: {e}"),
        }
        // The slower targets on every 10th input: the count stays bounded in debug builds.
        if n % 10 == 0 {
            trace_commands(&mut rng, &path, dir.path(), &mut other);
            std::fs::write(&manifest, mutate_text(&mut rng, MANIFEST.as_bytes())).unwrap();
            other.rejected += usize::from(skstep::trace::new::deployment_from_manifest(&manifest, None).is_err());
            other.inputs += 1;
        }
        n += 1;
    }
    eprintln!(
        "fuzz: {n} inputs to the validator, {rejected} rejected; {} to rebase/fix/edit/convert/manifest, {} rejected; 0 panics (seed {seed})",
        other.inputs, other.rejected
    );
    n
}

/// The env's request parser, on the stack of a tokio worker.
fn requests(seconds: Option<u64>, count: usize) -> usize {
    let seed = std::env::var("SKSTEP_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_u64);
    let mut rng = Rng(seed ^ 0xe4);
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let (mut n, mut rejected) = (0, 0);
    loop {
        match deadline {
            Some(d) if Instant::now() >= d => break,
            None if n >= count => break,
            _ => {}
        }
        let base = REQUESTS[rng.below(REQUESTS.len())];
        let line = mutate_text(&mut rng, base.as_bytes());
        let text = String::from_utf8_lossy(&line);
        rejected += usize::from(serde_json::from_str::<skstep::step::env::Request>(&text).is_err());
        n += 1;
    }
    eprintln!("fuzz: {n} env request lines, {rejected} rejected; 0 panics (seed {seed})");
    n
}

fn on_stack<T: Send + 'static>(size: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(size).spawn(f).unwrap().join().expect("no panic")
}

#[test]
fn readers_and_transformers_never_panic() {
    let seconds = std::env::var("SKSTEP_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok());
    let n = on_stack(skstep::app::MAIN_STACK, move || run(seconds, 3000));
    assert!(n >= 100, "ran only {n} inputs");
}

#[test]
fn env_request_parser_never_panics() {
    let seconds = std::env::var("SKSTEP_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok());
    let n = on_stack(WORKER_STACK, move || requests(seconds, 3000));
    assert!(n >= 100, "ran only {n} inputs");
}
