//! `bench --compare a.json b.json …`: the Markdown leaderboard of results documents of one suite
//! (and split): one row per document, ranked by pass@1, then pass^k, then efficiency, then
//! return; then pass@1 per problem type and per tier, one column per document.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::metrics::Metrics;
use super::results::Document;
use crate::error::{Error, Result};

/// Refuses documents of different suites or splits: their numbers do not compare.
pub fn check_same_suite(docs: &[(PathBuf, Document)]) -> Result<()> {
    let Some((p0, d0)) = docs.first() else {
        return Err(Error::usage("--compare needs at least one results file", None));
    };
    for (p, d) in &docs[1..] {
        let (a, b) = (&d0.settings, &d.settings);
        if (&a.suite, &a.split) != (&b.suite, &b.split) {
            return Err(Error::usage(
                format!(
                    "{} benched suite {} (split {}) but {} benched {} (split {}): scores of different suites do not compare",
                    p0.display(),
                    a.suite,
                    a.split.as_deref().unwrap_or("all"),
                    p.display(),
                    b.suite,
                    b.split.as_deref().unwrap_or("all")
                ),
                Some("compare results of one suite and split".to_string()),
            ));
        }
    }
    Ok(())
}

fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{:.1}", x * 100.0))
}

fn num(x: Option<f64>, digits: usize) -> String {
    x.map_or("–".into(), |x| format!("{x:.digits$}"))
}

/// Sort key: higher is better on each, in order.
fn rank_key(m: &Metrics) -> [f64; 4] {
    [m.pass_at_1, m.pass_hat_k.unwrap_or(0.0), m.efficiency.unwrap_or(0.0), m.mean_return]
}

type Pick = fn(&Document) -> &std::collections::BTreeMap<String, Metrics>;

/// The leaderboard as Markdown.
pub fn leaderboard(docs: &[(PathBuf, Document)]) -> Result<String> {
    check_same_suite(docs)?;
    let d0 = &docs[0].1;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (rank_key(&docs[a].1.overall), rank_key(&docs[b].1.overall));
        kb.iter().zip(ka.iter()).map(|(x, y)| x.total_cmp(y)).find(|o| o.is_ne()).unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut s = format!(
        "## Leaderboard: suite `{}`{}\n\n",
        d0.settings.suite,
        d0.settings.split.as_ref().map_or(String::new(), |x| format!(", split `{x}`"))
    );
    s.push_str(
        "| rank | agent | scenarios | K | pass@1 % | pass@K % | pass^K % | efficiency | steps to solve | return | over-prov. % | sim. steps | wall |\n",
    );
    s.push_str("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (rank, &i) in order.iter().enumerate() {
        let (d, m) = (&docs[i].1, &docs[i].1.overall);
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            rank + 1,
            label(docs, i),
            m.scenarios,
            d.settings.repeats,
            pct(Some(m.pass_at_1)),
            pct(m.pass_at_k),
            pct(m.pass_hat_k),
            num(m.efficiency, 2),
            num(m.mean_steps_to_solve, 1),
            num(Some(m.mean_return), 2),
            pct(m.over_provisioning),
            m.simulated_steps,
            crate::trace::time::fmt_duration(m.wall_s.round() as i64),
        ));
    }
    let problems: Pick = |d| &d.problems;
    let tiers: Pick = |d| &d.tiers;
    for (title, pick) in [("pass@1 % per problem type", problems), ("pass@1 % per tier", tiers)] {
        let keys: BTreeSet<&String> = docs.iter().flat_map(|(_, d)| pick(d).keys()).collect();
        s.push_str(&format!("\n### {title}\n\n| |"));
        for &i in &order {
            s.push_str(&format!(" {} |", label(docs, i)));
        }
        s.push_str(&format!("\n|---|{}\n", "---:|".repeat(order.len())));
        for k in keys {
            s.push_str(&format!("| {k} |"));
            for &i in &order {
                s.push_str(&format!(" {} |", pick(&docs[i].1).get(k).map_or("–".into(), |m| pct(Some(m.pass_at_1)))));
            }
            s.push('\n');
        }
    }
    Ok(s)
}

/// The agent's name, with the file's when two documents share an agent.
fn label(docs: &[(PathBuf, Document)], i: usize) -> String {
    let agent = &docs[i].1.settings.agent;
    if docs.iter().filter(|(_, d)| &d.settings.agent == agent).count() > 1 {
        format!("{agent} ({})", docs[i].0.file_name().map_or(String::new(), |f| f.to_string_lossy().into_owned()))
    } else {
        agent.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::results::tests::doc;

    #[test]
    fn ranks_by_pass_at_1_and_lists_every_problem_type() {
        let noop = doc("noop", &[("a", 1, Some(0)), ("a", 2, Some(0)), ("b", 1, None), ("b", 2, None)]);
        let best = doc("reference", &[("a", 1, Some(0)), ("a", 2, Some(0)), ("b", 1, Some(2)), ("b", 2, Some(2))]);
        let mid = doc("heuristic", &[("a", 1, Some(0)), ("a", 2, Some(0)), ("b", 1, Some(4)), ("b", 2, None)]);
        let docs = vec![("n.json".into(), noop), ("r.json".into(), best), ("h.json".into(), mid)];
        let md = leaderboard(&docs).unwrap();
        let rows: Vec<&str> =
            md.lines().filter(|l| l.starts_with("| 1 ") || l.starts_with("| 2 ") || l.starts_with("| 3 ")).collect();
        assert!(rows[0].starts_with("| 1 | reference | 2 | 2 | 100.0 | 100.0 | 100.0 | 1.00 |"), "{md}");
        assert!(rows[1].starts_with("| 2 | heuristic | 2 | 2 | 75.0 | 100.0 | 50.0 | 0.83 |"), "{md}");
        assert!(rows[2].starts_with("| 3 | noop | 2 | 2 | 50.0 | 50.0 | 50.0 | 1.00 |"), "{md}");
        assert!(md.contains("## Leaderboard: suite `simarena`"), "{md}");
        assert!(md.contains("| p-b | 100.0 | 50.0 | 0.0 |"), "{md}");
        assert!(md.contains("| p-a | 100.0 | 100.0 | 100.0 |"), "{md}");
    }

    #[test]
    fn documents_of_two_suites_are_refused_and_same_agents_are_told_apart() {
        let a = doc("noop", &[("a", 1, Some(0))]);
        let mut b = a.clone();
        b.settings.suite = "mine".into();
        let e = leaderboard(&[("a.json".into(), a.clone()), ("b.json".into(), b)]).unwrap_err();
        assert!(e.to_string().contains("a.json benched suite simarena (split all) but b.json benched mine"), "{e}");
        let md = leaderboard(&[("x.json".into(), a.clone()), ("y.json".into(), a)]).unwrap();
        assert!(md.contains("noop (x.json)") && md.contains("noop (y.json)"), "{md}");
        assert!(leaderboard(&[]).is_err());
    }
}
