//! `trace rebase`: move a trace's timeline. Objects are copied byte for byte; only event
//! timestamps and pod lifecycle timestamps are rewritten, so this runs at copy speed in
//! constant memory (plus 8 bytes per event for the timeline).

use std::path::Path;

use rmpv::Value;
use serde::Serialize;

use super::msgpack::{Head, write_array_len, write_i64, write_value};
use super::stream::{Field, RootKey, TraceReader};
use super::value::str_like;
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// New timestamp of the first event (default: unchanged).
    pub start: Option<i64>,
    /// Total length of the new trace, gaps scaled proportionally.
    pub span: Option<i64>,
    /// Longest idle gap kept between consecutive events.
    pub max_gap: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineStats {
    pub events: usize,
    pub first_ts: Option<i64>,
    pub last_ts: Option<i64>,
    /// Wider than i64 when the events sit at both ends of it.
    pub span_s: u64,
    pub largest_gap_s: u64,
}

impl TimelineStats {
    fn of(ts: &[i64]) -> TimelineStats {
        let first = ts.iter().min().copied();
        let last = ts.iter().max().copied();
        TimelineStats {
            events: ts.len(),
            first_ts: first,
            last_ts: last,
            span_s: last.zip(first).map_or(0, |(l, f)| l.abs_diff(f)),
            largest_gap_s: ts.windows(2).map(|w| if w[1] > w[0] { w[1].abs_diff(w[0]) } else { 0 }).max().unwrap_or(0),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub before: TimelineStats,
    pub after: TimelineStats,
    pub lifecycle_timestamps: usize,
}

/// Why a timeline cannot be rebased: the message and the fix. Both come from the input (its
/// timestamps), so the command exits 1 with them.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineError {
    pub message: String,
    pub hint: String,
}

type Tl<T> = std::result::Result<T, TimelineError>;

fn negative_start(start: i64) -> TimelineError {
    TimelineError {
        message: format!("the first event is at {start}, a negative timestamp, and stays there without --start"),
        hint: "give --start 0 (or --start now)".into(),
    }
}

fn overflow(what: &str) -> TimelineError {
    TimelineError {
        message: format!("{what} would land beyond a 64-bit timestamp (9223372036854775807)"),
        hint: "compress the timeline: --max-gap 30s or --span 60s".into(),
    }
}

/// A monotone piecewise-linear map from old to new timestamps, anchored at the distinct event
/// timestamps.
#[derive(Debug)]
pub struct Timeline {
    old: Vec<i64>,
    new: Vec<i64>,
    max_gap: Option<i64>,
}

impl Timeline {
    /// All arithmetic in i128 (the gap between two i64 timestamps can exceed i64); a result an
    /// i64 cannot hold is an error, never a wrapped or saturated timestamp.
    pub fn build(event_ts: &[i64], spec: &Spec) -> Tl<Timeline> {
        let mut old: Vec<i64> = event_ts.to_vec();
        old.sort_unstable();
        old.dedup();
        let Some(&first) = old.first() else {
            return Ok(Timeline { old, new: vec![], max_gap: spec.max_gap });
        };
        let start = spec.start.unwrap_or(first);
        if start < 0 {
            return Err(negative_start(start));
        }
        let max_gap = spec.max_gap.map_or(i128::MAX, |g| i128::from(g.max(0)));
        let gaps: Vec<i128> = old.windows(2).map(|w| (i128::from(w[1]) - i128::from(w[0])).min(max_gap)).collect();
        // Consecutive gaps of sorted timestamps: the sum is at most last - first < 2^64.
        let total: i128 = gaps.iter().sum();
        let span = spec.span.map(|s| i128::from(s.max(0)));
        let mut new = Vec::with_capacity(old.len());
        new.push(start);
        let mut cum: i128 = 0;
        for g in &gaps {
            cum += g;
            // Scale the cumulative offset, not each gap, so rounding never drifts and the last
            // event lands exactly on start + span.
            // cum <= total <= last - first < 2^64 and span < 2^63: the product fits an i128.
            let off = match span {
                Some(span) if total > 0 => (cum * span + total / 2) / total,
                _ => cum,
            };
            let t = i128::from(start) + off;
            new.push(i64::try_from(t).map_err(|_| overflow("the rebased timeline"))?);
        }
        Ok(Timeline { old, new, max_gap: spec.max_gap })
    }

    /// Where `t` (an event's or a pod lifecycle's timestamp) goes. Before the first event it
    /// is shifted and clamped at 0; after the last, an offset that leaves i64 is an error.
    pub fn map(&self, t: i64) -> Tl<i64> {
        let (Some(&first), Some(&last), Some(&new_first), Some(&new_last)) =
            (self.old.first(), self.old.last(), self.new.first(), self.new.last())
        else {
            return Ok(t);
        };
        let clamp = |d: i128| self.max_gap.map_or(d, |g| d.min(i128::from(g.max(0))));
        let wide = i128::from;
        if t <= first {
            let m = (wide(new_first) - clamp(wide(first) - wide(t))).max(0);
            // Between 0 and new_first: fits.
            return i64::try_from(m).map_err(|_| overflow(&format!("timestamp {t}")));
        }
        if t >= last {
            let m = wide(new_last) + clamp(wide(t) - wide(last));
            return i64::try_from(m).map_err(|_| overflow(&format!("pod lifecycle timestamp {t}")));
        }
        let i = match self.old.binary_search(&t) {
            Ok(i) => return Ok(self.new[i]),
            Err(i) => i - 1,
        };
        let (o0, o1, n0, n1) = (wide(self.old[i]), wide(self.old[i + 1]), wide(self.new[i]), wide(self.new[i + 1]));
        // t - o0 < 2^64 and 0 <= n1 - n0 < 2^63: the product fits an i128; the result lies
        // between n0 and n1.
        let m = n0 + (wide(t) - o0) * (n1 - n0) / (o1 - o0);
        i64::try_from(m).map_err(|_| overflow(&format!("timestamp {t}")))
    }
}

/// Rebases `input` into `output` (written atomically). Without `--span`, and with events in
/// order, the new timeline is known event by event, so one streaming pass suffices; otherwise a
/// first pass reads every `ts` (skipping objects) to build it.
pub fn rebase(input: &Path, output: &Path, spec: &Spec) -> Result<Outcome> {
    if spec.span.is_none() {
        let mut m = Mapping::Streaming(Streaming { spec: spec.clone(), prev: None, old: vec![], new: vec![] });
        if let Some(o) = write_rebased(input, output, &mut m)? {
            return Ok(o);
        }
    }
    let ts = read_event_timestamps(input)?;
    let timeline = Timeline::build(&ts, spec).map_err(|e| Error::BadTrace {
        file: input.into(),
        path: "events".into(),
        message: e.message,
        hint: Some(e.hint),
    })?;
    let mut m = Mapping::Fixed(timeline);
    write_rebased(input, output, &mut m)?.ok_or_else(|| Error::usage("internal: a fixed timeline cannot fail", None))
}

/// How event timestamps are mapped while writing.
enum Mapping {
    /// Known in advance (two passes).
    Fixed(Timeline),
    /// Built as events stream by; gives up (None) on an event out of order.
    Streaming(Streaming),
}

struct Streaming {
    spec: Spec,
    prev: Option<(i64, i64)>,
    old: Vec<i64>,
    new: Vec<i64>,
}

impl Mapping {
    fn event(&mut self, t: i64) -> Tl<Option<i64>> {
        match self {
            Mapping::Fixed(tl) => tl.map(t).map(Some),
            Mapping::Streaming(s) => {
                let n = match s.prev {
                    None => {
                        let n = s.spec.start.unwrap_or(t);
                        if n < 0 {
                            return Err(negative_start(n));
                        }
                        n
                    }
                    Some((po, _)) if t < po => return Ok(None),
                    Some((po, pn)) => {
                        let gap = (i128::from(t) - i128::from(po))
                            .min(s.spec.max_gap.map_or(i128::MAX, |g| i128::from(g.max(0))));
                        i64::try_from(i128::from(pn) + gap).map_err(|_| overflow("the rebased timeline"))?
                    }
                };
                if s.prev.is_none_or(|(po, _)| po != t) {
                    s.old.push(t);
                    s.new.push(n);
                }
                s.prev = Some((t, n));
                Ok(Some(n))
            }
        }
    }

    /// The timeline for lifecycle timestamps, once all events have been seen.
    fn timeline(&self, events_done: bool) -> Option<Timeline> {
        match self {
            Mapping::Fixed(tl) => Some(Timeline { old: tl.old.clone(), new: tl.new.clone(), max_gap: tl.max_gap }),
            Mapping::Streaming(s) if events_done => {
                Some(Timeline { old: s.old.clone(), new: s.new.clone(), max_gap: s.spec.max_gap })
            }
            Mapping::Streaming(_) => None,
        }
    }
}

/// Writes the rebased trace; `Ok(None)` when a streaming mapping had to give up (nothing is
/// left at `output` then).
fn write_rebased(input: &Path, output: &Path, mapping: &mut Mapping) -> Result<Option<Outcome>> {
    let mut out = AtomicOut::create(output)?;
    let mut tr = TraceReader::open(input)?;
    let bad = |path: &str, e: TimelineError| Error::BadTrace {
        file: input.into(),
        path: path.into(),
        message: e.message,
        hint: Some(e.hint),
    };
    let mut lifecycle_timestamps = 0;
    let mut old_ts = vec![];
    let mut new_ts = vec![];
    let mut events_done = false;
    {
        let w = out.writer();
        let io = |e: std::io::Error| Error::io(output, e);
        tr.write_root_head(w, output)?;
        while let Some(key) = tr.next_key()? {
            tr.write_key(w, &key, output)?;
            match key {
                RootKey::Field(Field::Events) => {
                    let n = tr.events_len()?;
                    write_array_len(w, n).map_err(io)?;
                    for i in 0..n as usize {
                        let mut gave_up = None;
                        copy_event(&mut tr, w, i, |t| {
                            old_ts.push(t);
                            let m = match mapping.event(t) {
                                Ok(Some(m)) => m,
                                Ok(None) => {
                                    gave_up = Some(None);
                                    t
                                }
                                Err(e) => {
                                    gave_up = Some(Some(bad(&format!("events[{i}].ts"), e)));
                                    t
                                }
                            };
                            new_ts.push(m);
                            m
                        })?;
                        match gave_up {
                            Some(None) => return Ok(None),
                            Some(Some(e)) => return Err(e),
                            None => {}
                        }
                    }
                    events_done = true;
                }
                RootKey::Field(Field::PodLifecycles) => {
                    let Some(tl) = mapping.timeline(events_done) else { return Ok(None) };
                    let mut v = tr.msg.read_value(1).map_err(|e| tr.decode("pod_lifecycles", e))?;
                    lifecycle_timestamps =
                        map_lifecycles(&mut v, &|t| tl.map(t)).map_err(|e| bad("pod_lifecycles", e))?;
                    write_value(w, &v).map_err(io)?;
                }
                k => tr.msg.copy_value(w).map_err(|e| tr.decode(&k.path(), e))?,
            }
        }
    }
    if !events_done {
        return Err(tr.bad("events", "missing: a SimKube trace has an events array".into(), None));
    }
    out.commit()?;
    Ok(Some(Outcome { before: TimelineStats::of(&old_ts), after: TimelineStats::of(&new_ts), lifecycle_timestamps }))
}

/// Pass one: every event's `ts`, skipping the objects without decoding them.
pub fn read_event_timestamps(input: &Path) -> Result<Vec<i64>> {
    let mut tr = TraceReader::open(input)?;
    let mut ts = vec![];
    while let Some(key) = tr.next_key()? {
        if let RootKey::Field(Field::Events) = key {
            let n = tr.events_len()?;
            ts.reserve((n as usize).min(1 << 20));
            for i in 0..n as usize {
                copy_event(&mut tr, &mut std::io::sink(), i, |t| {
                    ts.push(t);
                    t
                })?;
            }
        } else {
            tr.msg.skip_value().map_err(|e| tr.decode("(root)", e))?;
        }
    }
    Ok(ts)
}

/// Copies one event to `w`, passing its `ts` through `f` and every other field through raw.
fn copy_event(tr: &mut TraceReader, w: &mut dyn std::io::Write, i: usize, mut f: impl FnMut(i64) -> i64) -> Result<()> {
    let path = format!("events[{i}]");
    let head = tr.msg.read_head().map_err(|e| tr.decode(&path, e))?;
    let mut seen_ts = false;
    let mut ts_field = |tr: &mut TraceReader, w: &mut dyn std::io::Write| -> Result<()> {
        let v = tr.msg.read_value(3).map_err(|e| tr.decode(&path, e))?;
        let t = v
            .as_i64()
            .ok_or_else(|| tr.bad(&format!("{path}.ts"), format!("expected an integer timestamp, found {v}"), None))?;
        write_i64(w, f(t)).map_err(|e| Error::io(&tr.file, e))?;
        seen_ts = true;
        Ok(())
    };
    match head {
        Head::Map(n) => {
            tr.msg.copy_last_head(w).map_err(|e| Error::io(&tr.file, e))?;
            for _ in 0..n {
                let k = tr.msg.read_value(3).map_err(|e| tr.decode(&path, e))?;
                write_value(w, &k).map_err(|e| Error::io(&tr.file, e))?;
                if str_like(&k) == Some("ts") || k.as_u64() == Some(0) {
                    ts_field(tr, w)?;
                } else {
                    tr.msg.copy_value(w).map_err(|e| tr.decode(&path, e))?;
                }
            }
        }
        Head::Array(n) if n >= 1 => {
            tr.msg.copy_last_head(w).map_err(|e| Error::io(&tr.file, e))?;
            ts_field(tr, w)?;
            for _ in 1..n {
                tr.msg.copy_value(w).map_err(|e| tr.decode(&path, e))?;
            }
        }
        other => return Err(tr.bad(&path, format!("expected an event map, found {}", other.kind()), None)),
    }
    if !seen_ts {
        return Err(tr.bad(&path, "missing field `ts`".into(), None));
    }
    Ok(())
}

/// Rewrites every timestamp in `pod_lifecycles` ({Running: ts} and {Finished: [start, end]});
/// returns how many it moved, or the first that cannot be moved.
pub fn map_lifecycles<E>(v: &mut Value, f: &dyn Fn(i64) -> Result<i64, E>) -> Result<usize, E> {
    let mut n = 0;
    let Value::Map(owners) = v else { return Ok(0) };
    for (_, by_hash) in owners.iter_mut() {
        let Value::Map(by_hash) = by_hash else { continue };
        for (_, list) in by_hash.iter_mut() {
            let Value::Array(list) = list else { continue };
            for item in list.iter_mut() {
                let Value::Map(variant) = item else { continue };
                for (_, data) in variant.iter_mut() {
                    match data {
                        Value::Integer(_) => {
                            if let Some(t) = data.as_i64() {
                                *data = Value::from(f(t)?);
                                n += 1;
                            }
                        }
                        Value::Array(ts) => {
                            for t in ts.iter_mut() {
                                if let Some(x) = t.as_i64() {
                                    *t = Value::from(f(x)?);
                                    n += 1;
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn m(tl: &Timeline, t: i64) -> i64 {
        tl.map(t).unwrap()
    }

    #[test]
    fn max_gap_clamps_and_keeps_order() {
        let tl = Timeline::build(&[0, 1_769_672_195], &Spec { max_gap: Some(10), ..Default::default() }).unwrap();
        assert_eq!((m(&tl, 0), m(&tl, 1_769_672_195)), (0, 10));
        let tl = Timeline::build(
            &[100, 105, 10_000, 10_002],
            &Spec { start: Some(0), max_gap: Some(30), ..Default::default() },
        )
        .unwrap();
        assert_eq!([100, 105, 10_000, 10_002].map(|t| m(&tl, t)), [0, 5, 35, 37]);
        // Lifecycle timestamps inside a clamped gap land inside it, in order.
        let mid = m(&tl, 5_000);
        assert!(mid > 5 && mid < 35, "{mid}");
        assert_eq!(m(&tl, 10_010), 45);
        assert_eq!(m(&tl, 0), 0, "before the first event: shifted, clamped, never negative");
    }

    #[test]
    fn streaming_mapping_equals_the_timeline() {
        let ts = [100, 100, 105, 10_000, 10_002, 20_000];
        let spec = Spec { start: Some(7), max_gap: Some(30), span: None };
        let tl = Timeline::build(&ts, &spec).unwrap();
        let mut s = Mapping::Streaming(Streaming { spec: spec.clone(), prev: None, old: vec![], new: vec![] });
        for t in ts {
            assert_eq!(s.event(t).unwrap(), Some(m(&tl, t)), "ts {t}");
        }
        let st = s.timeline(true).unwrap();
        for t in [0, 50, 102, 5_000, 10_001, 15_000, 30_000] {
            assert_eq!(st.map(t), tl.map(t), "lifecycle ts {t}");
        }
        // Out of order: the streaming mapping gives up (the caller falls back to two passes).
        assert_eq!(s.event(50).unwrap(), None);
    }

    #[test]
    fn span_scales_proportionally() {
        let tl = Timeline::build(&[1000, 1100, 1400], &Spec { span: Some(40), start: Some(50), ..Default::default() })
            .unwrap();
        assert_eq!([1000, 1100, 1400].map(|t| m(&tl, t)), [50, 60, 90]);
        assert!(Timeline::build(&[1], &Spec { start: Some(-1), ..Default::default() }).is_err());
    }

    #[test]
    fn the_ends_of_i64_are_an_error_or_in_order_never_wrapped() {
        let ends = [i64::MIN, -9_000_000_000_000_000_000, 9_000_000_000_000_000_000, i64::MAX];
        // From 0, a span of 1.8e19 s cannot be represented.
        let e = Timeline::build(&ends, &Spec { start: Some(0), ..Default::default() }).unwrap_err();
        assert!(e.message.contains("64-bit") && e.hint.contains("--max-gap"), "{e:?}");
        // Kept where it is, the first event is negative.
        let e = Timeline::build(&ends, &Spec { max_gap: Some(10), ..Default::default() }).unwrap_err();
        assert!(e.message.contains("negative") && e.hint.contains("--start"), "{e:?}");
        let tl = Timeline::build(&ends, &Spec { start: Some(0), max_gap: Some(10), ..Default::default() }).unwrap();
        assert_eq!(ends.map(|t| m(&tl, t)), [0, 10, 20, 30]);
        let tl = Timeline::build(&ends, &Spec { start: Some(0), span: Some(60), ..Default::default() }).unwrap();
        let got = ends.map(|t| m(&tl, t));
        assert!(got.windows(2).all(|w| w[0] <= w[1]) && got[0] == 0 && got[3] == 60, "{got:?}");
        // A lifecycle timestamp past the last event, beyond i64 once moved: an error.
        let tl = Timeline::build(&[0], &Spec { start: Some(i64::MAX - 5), ..Default::default() }).unwrap();
        assert!(tl.map(10).is_err());
        assert_eq!(m(&tl, 5), i64::MAX);
        let stats = TimelineStats::of(&ends);
        assert_eq!((stats.span_s, stats.largest_gap_s), (u64::MAX, 18_000_000_000_000_000_000));
    }

    fn spec() -> impl Strategy<Value = Spec> {
        (
            prop::option::of(prop_oneof![Just(0i64), 0..=i64::MAX, Just(i64::MAX)]),
            prop::option::of(0..=100 * 31_557_600i64),
            prop::option::of(0..=100 * 31_557_600i64),
        )
            .prop_map(|(start, span, max_gap)| Spec { start, span, max_gap })
    }

    fn timestamps() -> impl Strategy<Value = Vec<i64>> {
        let ts =
            prop_oneof![any::<i64>(), -1000..1000i64, Just(i64::MIN), Just(i64::MAX), 1_700_000_000..1_800_000_000i64];
        prop::collection::vec(ts, 0..12)
    }

    proptest! {
        /// For any i64 timestamps: the rebase (fixed or streaming) errors, or keeps order and
        /// puts no timestamp below 0; events, and lifecycle timestamps anywhere.
        #[test]
        fn rebase_keeps_order_and_non_negativity_or_errors(ts in timestamps(), spec in spec(), probes in prop::collection::vec(any::<i64>(), 0..8)) {
            // No events: nothing anchors a timeline, and timestamps stay as they are.
            if !ts.is_empty() && let Ok(tl) = Timeline::build(&ts, &spec) {
                let mut all: Vec<i64> = ts.iter().chain(&probes).copied().collect();
                all.sort_unstable();
                let mapped: Vec<Option<i64>> = all.iter().map(|&t| tl.map(t).ok()).collect();
                for (t, n) in all.iter().zip(&mapped) {
                    // Every event maps; a mapped timestamp is never negative.
                    prop_assert!(n.is_some() || !ts.contains(t), "event {t} did not map");
                    prop_assert!(n.is_none_or(|n| n >= 0), "{t} -> {n:?}");
                }
                let ok: Vec<i64> = mapped.iter().flatten().copied().collect();
                prop_assert!(ok.windows(2).all(|w| w[0] <= w[1]), "order: {all:?} -> {mapped:?}");
                // Distinct events stay distinct unless a gap is clamped to 0 or scaled below 1 s.
                if let (Some(start), None, None) = (spec.start, spec.span, spec.max_gap) {
                    let first = *all.iter().filter(|t| ts.contains(t)).min().unwrap();
                    for &t in &ts {
                        prop_assert_eq!(tl.map(t).unwrap() as i128, start as i128 + t as i128 - first as i128);
                    }
                }
            }
            // The streaming mapping, on events in order, agrees with the timeline or errors too.
            if spec.span.is_none() {
                let mut sorted = ts.clone();
                sorted.sort_unstable();
                let tl = Timeline::build(&sorted, &spec);
                let mut s = Mapping::Streaming(Streaming { spec: spec.clone(), prev: None, old: vec![], new: vec![] });
                let streamed: std::result::Result<Vec<Option<i64>>, _> = sorted.iter().map(|&t| s.event(t)).collect();
                match (tl, streamed) {
                    (Ok(tl), Ok(st)) => {
                        for (t, n) in sorted.iter().zip(st) {
                            prop_assert_eq!(n, Some(tl.map(*t).unwrap()));
                        }
                    }
                    (Err(_), Err(_)) => {}
                    (a, b) => prop_assert!(false, "fixed {:?} vs streaming {:?}", a.is_ok(), b.is_ok()),
                }
            }
        }
    }
}
