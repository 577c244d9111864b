//! A bounded fuzz run over the trace reader and the validator: random bytes and mutations of
//! the real fixtures (bit flips, truncation, splices, inflated length prefixes). Nothing may
//! panic, and every input gets a verdict (or a decode rejection), never an I/O error.
//!
//! `SKSTEP_FUZZ_SECONDS=N` runs for N seconds instead of the default bounded count
//! (`scripts/fuzz` does that and reports the number of inputs).

mod common;

use std::time::{Duration, Instant};

use skstep::trace::validate::{Options, scan};

use common::Rng;

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

fn run(seconds: Option<u64>, count: usize) -> usize {
    let bases: Vec<Vec<u8>> = common::msgpack_fixtures().iter().map(|p| std::fs::read(p).unwrap()).collect();
    let seed = std::env::var("SKSTEP_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_u64);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.msgpack");
    let opts = Options { max_gap: 3600, now: 2_000_000_000 };
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let mut n = 0;
    let mut rejected = 0;
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
        n += 1;
    }
    eprintln!("fuzz: {n} inputs, {rejected} rejected, 0 panics (seed {seed})");
    n
}

#[test]
fn reader_and_validator_never_panic() {
    let seconds = std::env::var("SKSTEP_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok());
    let body = move || run(seconds, 3000);
    let n = std::thread::Builder::new().stack_size(256 << 20).spawn(body).unwrap().join().expect("no panic");
    assert!(n >= 100, "ran only {n} inputs");
}
