//! The results document: `schema: skstep.bench/v1`, the bench's settings, the scores (overall,
//! per tier, per problem type, per scenario) and every run; written atomically, read back with
//! its version checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::metrics::{Metrics, Run, by_key, score};
use crate::error::{Error, Result};
use crate::fsutil::AtomicOut;

pub const SCHEMA: &str = "skstep.bench/v1";

/// What was benched, how: what a resumed bench must match (see `journal`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// `simarena` or the folder given.
    pub suite: String,
    pub split: Option<String>,
    pub agent: String,
    pub seed: u64,
    pub repeats: u32,
    /// Simulation settings that change results (duration, speed, reward, …), as given.
    pub simulation: BTreeMap<String, String>,
}

/// One scenario's line of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioScore {
    pub id: String,
    pub tier: String,
    pub problem: String,
    pub reference_steps: u32,
    #[serde(flatten)]
    pub metrics: Metrics,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema: String,
    /// Names this bench in every step record's tags (`bench_run`); kept across resumes.
    pub bench_run: String,
    #[serde(flatten)]
    pub settings: Settings,
    pub contexts: Vec<String>,
    /// The step records the engine wrote (`<runs dir>/step.jsonl`), tagged with this bench_run.
    pub records: PathBuf,
    pub overall: Metrics,
    pub tiers: BTreeMap<String, Metrics>,
    pub problems: BTreeMap<String, Metrics>,
    pub scenarios: Vec<ScenarioScore>,
    /// Every run, by scenario then repeat.
    pub runs: Vec<Run>,
}

/// The scenario facts the document needs beyond the runs (a scenario may have no run yet).
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioInfo {
    pub id: String,
    pub tier: String,
    pub problem: String,
    pub reference_steps: u32,
}

impl Document {
    /// Scores `runs` (sorted here by scenario then repeat, so the order they finished in does not
    /// matter) with pass@k at k = the repeats.
    pub fn build(
        bench_run: &str,
        settings: Settings,
        contexts: Vec<String>,
        records: PathBuf,
        scenarios: &[ScenarioInfo],
        mut runs: Vec<Run>,
    ) -> Document {
        runs.sort_by(|a, b| (&a.scenario, a.repeat).cmp(&(&b.scenario, b.repeat)));
        let k = settings.repeats;
        let scores = scenarios
            .iter()
            .map(|s| {
                let mine: Vec<&Run> = runs.iter().filter(|r| r.scenario == s.id).collect();
                ScenarioScore {
                    id: s.id.clone(),
                    tier: s.tier.clone(),
                    problem: s.problem.clone(),
                    reference_steps: s.reference_steps,
                    metrics: score(&mine, k),
                }
            })
            .collect();
        let all: Vec<&Run> = runs.iter().collect();
        Document {
            schema: SCHEMA.into(),
            bench_run: bench_run.into(),
            overall: score(&all, k),
            tiers: by_key(&runs, k, |r| &r.tier),
            problems: by_key(&runs, k, |r| &r.problem),
            scenarios: scores,
            runs,
            settings,
            contexts,
            records,
        }
    }

    pub fn write(&self, path: &Path) -> Result<()> {
        let mut out = AtomicOut::create(path)?;
        let text = serde_json::to_string_pretty(self).expect("the document serialises");
        out.writer().write_all(text.as_bytes()).and_then(|_| out.writer().write_all(b"\n")).map_err(|e| out.io(e))?;
        out.commit()
    }

    /// Reads a document, refusing another schema (naming the file, the field and the fix).
    pub fn read(path: &Path) -> Result<Document> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            Error::bad_input(
                format!("{}: not JSON: {e}", path.display()),
                Some(format!("give a file `bench -o` wrote ({SCHEMA})")),
            )
        })?;
        match v.get("schema").and_then(|s| s.as_str()) {
            Some(SCHEMA) => {}
            other => {
                return Err(Error::bad_input(
                    format!(
                        "{}: schema: {} is not {SCHEMA}",
                        path.display(),
                        other.map_or("missing".to_string(), |s| format!("{s:?}"))
                    ),
                    Some(format!("give a results file written by `kubectl skstep bench -o FILE` ({SCHEMA})")),
                ));
            }
        }
        serde_json::from_value(v).map_err(|e| {
            Error::bad_input(
                format!("{}: not a {SCHEMA} document: {e}", path.display()),
                Some("write it again with `kubectl skstep bench … -o FILE`".to_string()),
            )
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::bench::metrics::tests::run;

    pub(crate) fn settings(agent: &str) -> Settings {
        Settings {
            suite: "simarena".into(),
            split: None,
            agent: agent.into(),
            seed: 7,
            repeats: 2,
            simulation: BTreeMap::from([("duration_s".to_string(), "5".to_string())]),
        }
    }

    pub(crate) fn infos() -> Vec<ScenarioInfo> {
        ["a", "b", "c"]
            .iter()
            .map(|id| ScenarioInfo {
                id: id.to_string(),
                tier: "easy".into(),
                problem: format!("p-{id}"),
                reference_steps: 2,
            })
            .collect()
    }

    pub(crate) fn doc(agent: &str, solved: &[(&str, u32, Option<u32>)]) -> Document {
        let runs = solved
            .iter()
            .map(|&(s, rep, at)| Run { problem: format!("p-{s}"), ..run(s, "easy", rep, at, 2) })
            .collect();
        Document::build("bench-x", settings(agent), vec!["c1".into()], "runs/step.jsonl".into(), &infos(), runs)
    }

    #[test]
    fn the_document_is_the_same_whatever_order_the_runs_finished_in() {
        let a = doc("heuristic", &[("a", 1, Some(2)), ("b", 2, None), ("a", 2, Some(4)), ("b", 1, Some(1))]);
        let b = doc("heuristic", &[("b", 1, Some(1)), ("a", 2, Some(4)), ("b", 2, None), ("a", 1, Some(2))]);
        assert_eq!(a, b);
        assert_eq!(
            a.runs.iter().map(|r| (r.scenario.as_str(), r.repeat)).collect::<Vec<_>>(),
            [("a", 1), ("a", 2), ("b", 1), ("b", 2)]
        );
        assert_eq!(a.scenarios.len(), 3, "c has no run yet, and is listed");
        assert_eq!(a.scenarios[2].metrics.runs, 0);
        assert_eq!(a.scenarios[0].metrics.pass_hat_k, Some(1.0));
        assert_eq!(a.problems["p-b"].pass_at_1, 0.5);
    }

    #[test]
    fn written_and_read_back_with_its_schema_checked() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("r.json");
        let a = doc("noop", &[("a", 1, Some(0)), ("a", 2, None)]);
        a.write(&p).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("\"schema\": \"skstep.bench/v1\"") && text.contains("\"return\":"), "{text}");
        assert_eq!(Document::read(&p).unwrap(), a);

        std::fs::write(&p, text.replace("skstep.bench/v1", "skstep.bench/v9")).unwrap();
        let e = Document::read(&p).unwrap_err();
        assert!(e.to_string().contains("r.json: schema: \"skstep.bench/v9\" is not skstep.bench/v1"), "{e}");
        assert!(e.hint().unwrap().contains("bench -o FILE"));
        std::fs::write(&p, "{\"runs\": []}").unwrap();
        assert!(Document::read(&p).unwrap_err().to_string().contains("schema: missing"));
        std::fs::write(&p, "{\"schema\": \"skstep.bench/v1\"}").unwrap();
        let e = Document::read(&p).unwrap_err();
        assert!(e.to_string().contains("not a skstep.bench/v1 document: missing field"), "{e}");
        std::fs::write(&p, "[1,").unwrap();
        assert!(Document::read(&p).unwrap_err().to_string().contains("r.json: not JSON"));
    }
}
