//! `trace validate` and `trace inspect`: one streaming pass that reaches the verdict SimKube's
//! driver would reach, the warnings that make a simulation useless, and a summary of contents.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use super::fastpath::{self, Stop};
use super::gvk::{Gvk, is_cluster_scoped};
use super::rules::{Checker, RuleFinding, Severity};
use super::schema::{self, Finding, LifecycleOwner, TrackedConfig, check_event, finding};
use super::stream::{Field, RootKey, TraceReader, key_name};
use super::time::{fmt_duration, fmt_ts};
use super::view::View;
use crate::error::{Error, Result};

/// Findings listed per rule code (the counts cover every one).
pub const MAX_LISTED: usize = 200;

pub const UPGRADE_FIX: &str = "run `kubectl skstep trace upgrade FILE -o FIXED.msgpack`";

#[derive(Debug, Clone)]
pub struct Options {
    /// Longest gap between events (and span of the trace) that does not draw a warning, seconds.
    pub max_gap: i64,
    /// "Now", for timestamps in the future.
    pub now: i64,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub file: String,
    pub parses: bool,
    pub rejections: Vec<Finding>,
    pub warnings: Vec<Warning>,
    /// SimKube's own rules (skctl 2.7's codes): how many findings each code has. Empty when
    /// SimKube refuses the trace (skctl cannot check it then either).
    pub rule_counts: BTreeMap<&'static str, usize>,
    /// The findings, at most MAX_LISTED per code, in trace order.
    pub findings: Vec<RuleFinding>,
}

impl Report {
    /// Error findings: each is a pod that will be missing (or never start) in the simulation.
    pub fn rule_errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn rule_warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, sev: Severity) -> usize {
        self.rule_counts
            .iter()
            .filter(|(code, _)| super::rules::rule(code).is_some_and(|r| r.severity == sev))
            .map(|(_, n)| n)
            .sum()
    }

    /// The codes with error findings, for a `trace fix --only` hint.
    pub fn error_codes(&self) -> Vec<&'static str> {
        self.rule_counts
            .iter()
            .filter(|(code, n)| **n > 0 && super::rules::rule(code).is_some_and(|r| r.severity == Severity::Error))
            .map(|(c, _)| *c)
            .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    #[serde(flatten)]
    pub finding: Finding,
    /// How many places share this warning (the path is the first).
    pub count: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub version: Option<u16>,
    pub events: usize,
    pub applied_objects: usize,
    pub deleted_objects: usize,
    pub first_ts: Option<i64>,
    pub last_ts: Option<i64>,
    pub namespaces: BTreeMap<String, usize>,
    pub kinds: BTreeMap<String, usize>,
    pub deployments: BTreeMap<String, Deployment>,
    pub tracked: BTreeMap<String, TrackedConfig>,
    pub index_entries: usize,
    pub lifecycle_owners: Vec<LifecycleOwner>,
    pub extra_keys: Vec<String>,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Deployment {
    pub namespace: String,
    pub name: String,
    pub replicas: Option<i64>,
    pub cpu_request: Option<String>,
    pub memory_request: Option<String>,
    /// Paths of every applied occurrence.
    pub occurrences: Vec<String>,
    pub deleted: usize,
}

#[derive(Default)]
struct Warnings {
    by_class: BTreeMap<String, Warning>,
    order: Vec<String>,
}

impl Warnings {
    fn add(&mut self, class: impl Into<String>, f: Finding) {
        let class = class.into();
        match self.by_class.get_mut(&class) {
            Some(w) => w.count += 1,
            None => {
                self.order.push(class.clone());
                self.by_class.insert(class, Warning { finding: f, count: 1 });
            }
        }
    }

    fn into_vec(mut self) -> Vec<Warning> {
        self.order.iter().filter_map(|c| self.by_class.remove(c)).collect()
    }
}

struct Scan<'o> {
    opts: &'o Options,
    report: Report,
    summary: Summary,
    warnings: Warnings,
    applied_gvks: BTreeMap<Gvk, (String, usize)>,
    prev_ts: Option<(usize, i64)>,
    largest_gap: Option<(usize, i64)>,
    config: Option<BTreeMap<Gvk, TrackedConfig>>,
    /// The rules' state; None until a valid config has been read.
    checker: Option<Checker>,
    /// The events came before the config: the rules need a second pass.
    rules_deferred: bool,
    /// The fast path's projections, per object type.
    tries: fastpath::Tries,
    /// Object types met: apiVersion, kind, GVK, GVK name.
    types: Vec<(String, String, Option<Gvk>, String)>,
    /// A reused buffer for Deployment keys.
    key: String,
    fast: bool,
}

/// Validates and summarises `file` in one pass. I/O errors are errors; anything SimKube would
/// refuse is a rejection in the report.
pub fn scan(file: &Path, opts: &Options) -> Result<(Report, Summary)> {
    scan_with(file, opts, true)
}

/// `scan` without the fast path (`fastpath`): every event through the exact checks. The tests
/// hold the two to the same report.
pub fn scan_exact(file: &Path, opts: &Options) -> Result<(Report, Summary)> {
    scan_with(file, opts, false)
}

fn scan_with(file: &Path, opts: &Options, fast: bool) -> Result<(Report, Summary)> {
    let mut s = Scan {
        fast,
        opts,
        report: Report { file: file.display().to_string(), ..Default::default() },
        summary: Summary::default(),
        warnings: Warnings::default(),
        applied_gvks: BTreeMap::new(),
        prev_ts: None,
        largest_gap: None,
        config: None,
        checker: None,
        rules_deferred: false,
        tries: fastpath::Tries::default(),
        types: vec![],
        key: String::new(),
    };
    match s.walk(file) {
        Ok(()) => {}
        Err(Error::BadTrace { path, message, hint, .. }) => {
            s.report.rejections.push(Finding { path, message, fix: hint });
        }
        Err(e) => return Err(e),
    }
    s.finish();
    if s.report.parses && s.rules_deferred {
        s.rules_pass(file)?;
    }
    if !s.report.parses {
        s.report.rule_counts.clear();
        s.report.findings.clear();
    }
    Ok((s.report, s.summary))
}

/// The findings of SimKube's own rules on `file` (empty when SimKube refuses the trace: its
/// rejections come first). For `run`'s preflight and `doctor`.
pub fn rule_findings(file: &Path) -> Result<Report> {
    scan(file, &Options { max_gap: i64::MAX, now: super::time::now() }).map(|(r, _)| r)
}

impl Scan<'_> {
    fn reject(&mut self, f: Finding) {
        self.report.rejections.push(f);
    }

    fn walk(&mut self, file: &Path) -> Result<()> {
        let mut tr = TraceReader::open(file)?;
        if tr.is_positional() && tr.root_len != 5 {
            self.reject(finding(
                "(root)",
                format!("an array of {} elements where the 5 trace fields are expected", tr.root_len),
            ));
        }
        let mut seen: BTreeSet<&'static str> = BTreeSet::new();
        while let Some(key) = tr.next_key()? {
            let field = match key {
                RootKey::Field(f) => f,
                RootKey::Other(k) => {
                    self.summary.extra_keys.push(key_name(&k));
                    tr.msg.skip_value_checked(1).map_err(|e| tr.decode(&key_name(&k), e))?;
                    continue;
                }
                RootKey::Invalid(k) => {
                    self.reject(finding(
                        "(root)",
                        format!("a key that is {}, not a field name", super::value::describe(&k)),
                    ));
                    tr.msg.skip_value_checked(1).map_err(|e| tr.decode("(root)", e))?;
                    continue;
                }
            };
            if !seen.insert(field.name()) {
                self.reject(finding("(root)", format!("duplicate field `{}`", field.name())));
            }
            if field == Field::Events {
                self.events(&mut tr)?;
                continue;
            }
            let v = tr.msg.read_value(1).map_err(|e| tr.decode(field.name(), e))?;
            let res = match field {
                Field::Version => schema::check_version(&v).map(|n| self.summary.version = Some(n)),
                Field::Config => schema::check_config(&v).map(|c| {
                    if schema::normalize_config(&c).is_ok() {
                        self.checker = Some(Checker::new(&c));
                    }
                    self.config = Some(c)
                }),
                Field::Index => schema::check_index(&v).map(|n| self.summary.index_entries = n),
                Field::PodLifecycles => schema::check_pod_lifecycles(&v).map(|o| self.summary.lifecycle_owners = o),
                Field::Events => unreachable!("handled above"),
            };
            if let Err(f) = res {
                self.reject(f);
            }
        }
        if !tr.msg.at_eof().map_err(|e| tr.decode("(end)", e))? {
            self.warnings.add(
                "trailing",
                finding("(end)", "bytes after the end of the trace are ignored by SimKube")
                    .fix("re-export or convert the trace"),
            );
        }
        for field in super::stream::FIELDS {
            if !seen.contains(field.name()) {
                let f = finding("(root)", format!("missing field `{}`", field.name()));
                self.reject(if field == Field::Events { f } else { f.fix(UPGRADE_FIX) });
            }
        }
        Ok(())
    }

    fn events(&mut self, tr: &mut TraceReader) -> Result<()> {
        let n = tr.events_len()?;
        if self.checker.is_none() {
            self.rules_deferred = true;
        }
        // An event that straddles the read buffer's end is copied out whole (rare: events are small).
        let mut whole = Vec::new();
        for i in 0..n as usize {
            let start = tr.msg.position();
            if self.fast {
                let res = match tr.msg.buffered() {
                    Ok(buf) => fastpath::walk_event(buf, &mut self.tries, self.checker.as_ref()),
                    Err(_) => Err(Stop::Slow),
                };
                match res {
                    Ok((len, ev)) => {
                        self.event(i, ev.ts, &ev.applied, &ev.deleted);
                        tr.msg.consume(len);
                        continue;
                    }
                    Err(Stop::Incomplete) => {
                        whole.clear();
                        if tr.msg.copy_value(&mut whole).is_ok()
                            && let Ok((_, ev)) = fastpath::walk_event(&whole, &mut self.tries, self.checker.as_ref())
                        {
                            self.event(i, ev.ts, &ev.applied, &ev.deleted);
                            continue;
                        }
                    }
                    Err(Stop::Slow) => {}
                }
                // The exact path, from the event's first byte: it words whatever is wrong.
                tr.reopen_at(start)?;
            }
            let path = format!("events[{i}]");
            let ev = tr.msg.read_value(2).map_err(|e| tr.decode(&path, e))?;
            match check_event(&ev, &path) {
                Ok(parts) => {
                    let (applied, deleted) = views(&parts);
                    self.event(i, parts.ts, &applied, &deleted);
                }
                Err(f) => self.reject(f),
            }
        }
        Ok(())
    }

    fn event(&mut self, i: usize, ts: i64, applied: &[View], deleted: &[View]) {
        self.check_rules(i, applied, deleted);
        self.event_facts(i, ts, applied, deleted);
    }

    fn check_rules(&mut self, i: usize, applied: &[View], deleted: &[View]) {
        let Some(checker) = self.checker.as_mut() else { return };
        for hit in checker.event_views(applied, deleted) {
            let n = self.report.rule_counts.entry(hit.rule.code).or_default();
            *n += 1;
            if *n <= MAX_LISTED {
                let obj = &applied[hit.obj];
                self.report.findings.push(hit.describe(obj, &format!("events[{i}].applied_objs[{}]", hit.obj)));
            }
        }
    }

    /// The rules alone, when the config came after the events.
    fn rules_pass(&mut self, file: &Path) -> Result<()> {
        let Some(cfg) = &self.config else { return Ok(()) };
        self.checker = Some(Checker::new(cfg));
        let mut tr = TraceReader::open(file)?;
        while let Some(key) = tr.next_key()? {
            if !matches!(key, RootKey::Field(Field::Events)) {
                tr.msg.skip_value().map_err(|e| tr.decode(&key.path(), e))?;
                continue;
            }
            let n = tr.events_len()?;
            for i in 0..n as usize {
                let path = format!("events[{i}]");
                let ev = tr.msg.read_value(2).map_err(|e| tr.decode(&path, e))?;
                let parts = check_event(&ev, &path).map_err(|f| tr.bad(&f.path, f.message, f.fix))?;
                let (applied, deleted) = views(&parts);
                self.check_rules(i, &applied, &deleted);
            }
        }
        Ok(())
    }

    fn event_facts(&mut self, i: usize, ts: i64, applied: &[View], deleted: &[View]) {
        let path = || format!("events[{i}]");
        let sum = &mut self.summary;
        sum.events += 1;
        sum.applied_objects += applied.len();
        sum.deleted_objects += deleted.len();
        sum.first_ts = Some(sum.first_ts.map_or(ts, |t| t.min(ts)));
        sum.last_ts = Some(sum.last_ts.map_or(ts, |t| t.max(ts)));

        if ts <= 0 {
            self.warnings.add(
                "ts-zero",
                finding(format!("{}.ts", path()), format!("timestamp {ts} is at or before the Unix epoch"))
                    .fix("run `kubectl skstep trace rebase FILE -o OUT --start now --max-gap 30s`"),
            );
        } else if ts > self.opts.now + 60 {
            self.warnings.add(
                "ts-future",
                finding(format!("{}.ts", path()), format!("timestamp {ts} ({}) is in the future", fmt_ts(ts)))
                    .fix("run `kubectl skstep trace rebase FILE -o OUT --start now`"),
            );
        }
        if let Some((pi, pts)) = self.prev_ts {
            if ts < pts {
                self.warnings.add(
                    "order",
                    finding(
                        format!("{}.ts", path()),
                        format!("events out of order: events[{i}] (ts {ts}) comes before events[{pi}] (ts {pts})"),
                    )
                    .fix("SimKube replays events in file order; re-export the trace or sort its events"),
                );
            }
            let gap = ts - pts;
            if self.largest_gap.is_none_or(|(_, g)| gap > g) {
                self.largest_gap = Some((i, gap));
            }
            if gap > self.opts.max_gap {
                self.warnings.add(
                    format!("gap-{i}"),
                    finding(
                        format!("{}.ts", path()),
                        format!("the driver would wait {} between events {pi} and {i}", fmt_duration(gap)),
                    )
                    .fix(format!(
                        "run `kubectl skstep trace rebase FILE -o OUT --max-gap {}`",
                        fmt_duration(self.opts.max_gap.min(30))
                    )),
                );
            }
        }
        self.prev_ts = Some((i, ts));

        for (j, obj) in applied.iter().enumerate() {
            self.object_facts(obj, i, j, true);
        }
        for (j, obj) in deleted.iter().enumerate() {
            self.object_facts(obj, i, j, false);
        }
    }

    fn object_facts(&mut self, obj: &View, i: usize, j: usize, applied: bool) {
        // Paths are written only where they are kept: most objects need none.
        let path = || format!("events[{i}].{}[{j}]", if applied { "applied_objs" } else { "deleted_objs" });
        let api_version = obj.api_version.unwrap_or("");
        let kind = obj.kind.unwrap_or("");
        // A trace has few object types: look them up in a short list rather than allocating a
        // GVK and its name for every object.
        let ti = match self.types.iter().position(|(a, k, ..)| a == api_version && k == kind) {
            Some(i) => i,
            None => {
                let gvk = Gvk::from_api_version(api_version, kind);
                let name = gvk.as_ref().map_or_else(|| format!("{api_version}.{kind}"), Gvk::to_string);
                self.types.push((api_version.to_string(), kind.to_string(), gvk, name));
                self.types.len() - 1
            }
        };
        let (_, _, gvk, gvk_name) = &self.types[ti];
        count(&mut self.summary.kinds, gvk_name);
        let ns = obj.namespace.filter(|n| !n.is_empty());
        match ns {
            Some(ns) => count(&mut self.summary.namespaces, ns),
            None if !is_cluster_scoped(kind) => self.warnings.add(
                "no-namespace",
                finding(
                    format!("{}.metadata", path()),
                    format!("{kind} \"{}\" has no namespace", obj.name.unwrap_or("")),
                )
                .fix("set metadata.namespace: the driver creates objects of namespace N in virtual-N"),
            ),
            None => {}
        }
        if applied && let Some(g) = gvk {
            match self.applied_gvks.get_mut(g) {
                Some(e) => e.1 += 1,
                None => {
                    self.applied_gvks.insert(g.clone(), (path(), 1));
                }
            }
        }
        if kind == "Deployment" && api_version == "apps/v1" {
            let name = obj.name.unwrap_or("");
            let ns = ns.unwrap_or("");
            // Looked up by a reused key: one Deployment is applied many times.
            let key = &mut self.key;
            key.clear();
            key.push_str(ns);
            key.push('/');
            key.push_str(name);
            if !self.summary.deployments.contains_key(key.as_str()) {
                let d = Deployment { namespace: ns.to_string(), name: name.to_string(), ..Default::default() };
                self.summary.deployments.insert(key.clone(), d);
            }
            let Some(d) = self.summary.deployments.get_mut(key.as_str()) else { return };
            if applied {
                d.occurrences.push(path());
                let facts = obj.deployment.clone().unwrap_or_default();
                d.replicas = facts.replicas.or(d.replicas);
                for (q, slot) in
                    [(facts.cpu_request, &mut d.cpu_request), (facts.memory_request, &mut d.memory_request)]
                {
                    if let Some(q) = q
                        && slot.as_deref() != Some(&*q)
                    {
                        *slot = Some(q.into_owned());
                    }
                }
            } else {
                d.deleted += 1;
            }
        }
    }

    fn finish(&mut self) {
        if let Some(cfg) = &self.config {
            if let Err(f) = schema::normalize_config(cfg) {
                self.report.rejections.push(f);
            }
            for (gvk, c) in cfg {
                if c.deprecated_path.is_some() {
                    self.warnings.add(
                        format!("deprecated-{gvk}"),
                        finding(
                            format!("config.trackedObjects[\"{gvk}\"].podSpecTemplatePath"),
                            "podSpecTemplatePath is deprecated",
                        )
                        .fix("run `kubectl skstep trace upgrade FILE -o OUT` to write podSpecTemplatePaths"),
                    );
                }
                self.summary.tracked.insert(gvk.to_string(), c.clone());
            }
            for (gvk, (path, count)) in &self.applied_gvks {
                if !cfg.contains_key(gvk) {
                    let w = Warning {
                        finding: finding(path.clone(), format!("{gvk} objects are applied but the trace config does not track {gvk}"))
                            .fix("add it to config.trackedObjects (`kubectl skstep trace upgrade` tracks every applied workload kind)"),
                        count: *count,
                    };
                    self.warnings.order.push(format!("untracked-{gvk}"));
                    self.warnings.by_class.insert(format!("untracked-{gvk}"), w);
                }
            }
        }
        if let Some(v) = self.summary.version
            && v != 2
        {
            self.report.rejections.push(finding("version", format!("unsupported trace version: {v}")).fix(UPGRADE_FIX));
        }
        if let (Some(first), Some(last)) = (self.summary.first_ts, self.summary.last_ts) {
            let over = self.largest_gap.is_some_and(|(_, g)| g > self.opts.max_gap);
            if last - first > self.opts.max_gap && !over {
                self.warnings.add(
                    "span",
                    finding(
                        "events",
                        format!(
                            "the trace spans {}, longer than --max-gap {}",
                            fmt_duration(last - first),
                            fmt_duration(self.opts.max_gap)
                        ),
                    )
                    .fix("run `kubectl skstep trace rebase FILE -o OUT --span 60s` to compress it"),
                );
            }
        }
        self.report.parses = self.report.rejections.is_empty();
        self.report.warnings = std::mem::take(&mut self.warnings).into_vec();
    }
}

fn count(map: &mut BTreeMap<String, usize>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// The views of an event's objects, read by the exact path.
fn views<'a>(parts: &schema::EventParts<'a>) -> (Vec<View<'a>>, Vec<View<'a>>) {
    (parts.applied.iter().map(View::of).collect(), parts.deleted.iter().map(View::of).collect())
}

/// For `run`'s preflight: an error when SimKube's own rules find that pods of Deployment
/// `deploy` would be missing (a ServiceAccount, Secret or ConfigMap its template needs is not
/// in the trace), naming each finding and the `trace fix` command. Findings on other objects do
/// not stop a step on `deploy`.
pub fn missing_pods_error(report: &Report, file: &Path, deploy: &str) -> Option<Error> {
    let hits: Vec<&RuleFinding> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| f.object.strip_prefix("Deployment ").is_some_and(|o| o.rsplit('/').next() == Some(deploy)))
        .collect();
    if hits.is_empty() {
        return None;
    }
    let mut codes: Vec<&str> = hits.iter().map(|f| f.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let what: Vec<String> = hits.iter().map(|f| format!("{} {}: {}", f.code, f.path, f.message)).collect();
    Some(Error::bad_input(
        format!(
            "{}: the pods of Deployment {deploy} would be missing in the simulation: {}",
            file.display(),
            what.join("; ")
        ),
        Some(format!("kubectl skstep trace fix {} -o FIXED.msgpack --only {}", file.display(), codes.join(" "))),
    ))
}
