//! The learning curve from the step records: the data series (taken from the records as they
//! are, never recomputed), a short text summary, and an SVG drawn with plotters.

use std::collections::BTreeMap;
use std::path::Path;

use plotters::prelude::*;
use serde::Serialize;

use super::jsonl::{Runs, StepRecord};
use crate::error::{Error, Result};

/// One step as drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub step: u32,
    pub reward: Option<f64>,
    pub ready: Option<u32>,
    pub pending: Option<u32>,
    pub total: Option<u32>,
    pub action: String,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Episode {
    pub episode: String,
    pub context: String,
    pub target: Option<u32>,
    pub steps: Vec<Point>,
    /// The sum of the rewards of its steps (failed steps have none).
    pub ret: f64,
    /// The first step observed at the goal (ready = total = target, pending = 0).
    pub reached_target_at: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub episodes: Vec<Episode>,
    /// Every rewarded step in file order: (index from 1, reward).
    pub reward_per_step: Vec<(u32, f64)>,
    pub mean_return: f64,
    pub steps: usize,
    pub actions: BTreeMap<String, u64>,
    pub contexts: BTreeMap<String, u64>,
}

/// Reads the records of `dir`; none is an error, and so is a line that is not a record (naming
/// the file and line).
pub fn load(dir: &Path) -> Result<Vec<StepRecord>> {
    let runs = Runs::open_existing(dir)?;
    let recs = runs.read_all()?;
    if let Some(p) = runs.summary_problem(&recs) {
        tracing::warn!("{p} (the report reads the records; `kubectl skstep records check --fix` rewrites it)");
    }
    if recs.is_empty() {
        return Err(Error::bad_input(
            format!("{}: no step records", runs.jsonl_path().display()),
            Some("run `kubectl skstep run …` or the Gymnasium env first, or pass --runs-dir DIR".into()),
        ));
    }
    Ok(recs)
}

/// Groups the records into episodes (in order of first appearance) and gathers the series.
pub fn build(recs: &[StepRecord]) -> Report {
    let mut order: Vec<(String, String)> = vec![];
    let mut by: BTreeMap<(String, String), Episode> = BTreeMap::new();
    let mut reward_per_step = vec![];
    let mut actions: BTreeMap<String, u64> = BTreeMap::new();
    let mut contexts: BTreeMap<String, u64> = BTreeMap::new();
    for (i, r) in recs.iter().enumerate() {
        // A record without an episode (a lone `run` step) is an episode of its own.
        let ep = r.episode.clone().unwrap_or_else(|| format!("step-{}", i + 1));
        let key = (r.context.clone(), ep.clone());
        let e = by.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Episode {
                episode: ep,
                context: r.context.clone(),
                target: r.target,
                steps: vec![],
                ret: 0.0,
                reached_target_at: None,
            }
        });
        let action = r.action.get("type").and_then(|t| t.as_str()).unwrap_or("none").to_string();
        *actions.entry(action.clone()).or_default() += 1;
        *contexts.entry(r.context.clone()).or_default() += 1;
        if let Some(x) = r.reward {
            reward_per_step.push((reward_per_step.len() as u32 + 1, x));
            e.ret += x;
        }
        if let (Some(o), Some(t)) = (r.obs, e.target)
            && e.reached_target_at.is_none()
            && o.ready == t
            && o.total == t
            && o.pending == 0
        {
            e.reached_target_at = Some(r.step);
        }
        e.steps.push(Point {
            step: r.step,
            reward: r.reward,
            ready: r.obs.map(|o| o.ready),
            pending: r.obs.map(|o| o.pending),
            total: r.obs.map(|o| o.total),
            action,
            outcome: r.outcome.clone(),
        });
    }
    let episodes: Vec<Episode> = order.into_iter().map(|k| by.remove(&k).expect("inserted above")).collect();
    let mean_return =
        if episodes.is_empty() { 0.0 } else { episodes.iter().map(|e| e.ret).sum::<f64>() / episodes.len() as f64 };
    Report { episodes, reward_per_step, mean_return, steps: recs.len(), actions, contexts }
}

impl Report {
    /// The text summary: episodes, mean return, steps to reach the target, actions used.
    pub fn summary(&self) -> String {
        let reached: Vec<u32> = self.episodes.iter().filter_map(|e| e.reached_target_at).collect();
        let to_target = if reached.is_empty() {
            "never reached".to_string()
        } else {
            format!(
                "{} of {} episodes reached it, after {:.1} steps on average (first at step {})",
                reached.len(),
                self.episodes.len(),
                reached.iter().map(|&s| f64::from(s)).sum::<f64>() / reached.len() as f64,
                reached.iter().min().expect("not empty")
            )
        };
        let list = |m: &BTreeMap<String, u64>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
        format!(
            "episodes: {}\nsteps: {} ({} rewarded)\nmean return: {:.3}\ntarget: {to_target}\nactions: {}\ncontexts: {}\n",
            self.episodes.len(),
            self.steps,
            self.reward_per_step.len(),
            self.mean_return,
            list(&self.actions),
            list(&self.contexts),
        )
    }
}

pub const LIGHT: RGBColor = RGBColor(238, 238, 238);
pub const READY: RGBColor = RGBColor(0, 150, 60);
pub const PENDING: RGBColor = RGBColor(230, 130, 0);
pub const TOTAL: RGBColor = RGBColor(30, 90, 200);

/// The most episode panels drawn; the last ones are shown when there are more.
pub const MAX_PANELS: usize = 12;

pub fn plot_err(e: impl std::fmt::Display) -> Error {
    Error::bad_input(format!("drawing the report failed: {e}"), None)
}

/// The largest magnitude an axis shows. plotters' tick search loops forever on a range whose
/// width is not finite (rewards of ±1e308 give `hi - lo = inf`), so values are clamped to
/// ±AXIS_MAX: the width and its padding then stay finite. Non-finite values (a return that
/// summed past f64) are drawn at the edge.
const AXIS_MAX: f64 = f64::MAX / 4.0;

fn to_axis(v: f64) -> f64 {
    if v.is_nan() { 0.0 } else { v.clamp(-AXIS_MAX, AXIS_MAX) }
}

fn range(vals: impl Iterator<Item = f64>, pad: f64) -> std::ops::Range<f64> {
    let (lo, hi) = vals
        .filter(|v| !v.is_nan())
        .map(to_axis)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return -1.0..1.0;
    }
    // pad <= 0.25: lo - pad * width stays within f64.
    let pad = pad.clamp(0.0, 0.25);
    if (hi - lo).abs() < 1e-9 { (lo - 0.5)..(hi + 0.5) } else { (lo - pad * (hi - lo))..(hi + pad * (hi - lo)) }
}

/// Draws the report as SVG text.
pub fn svg(r: &Report) -> Result<String> {
    let panels: Vec<&Episode> = r.episodes.iter().rev().take(MAX_PANELS).rev().collect();
    let cols = 3usize;
    let rows = panels.len().div_ceil(cols);
    let (w, top_h, panel_h) = (1200u32, 340u32, 240u32);
    let h = top_h + 30 + rows as u32 * panel_h;
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_err)?;
        let (top, bottom) = root.split_vertically(top_h);
        let halves = top.split_evenly((1, 2));

        // Return per episode.
        let n = r.episodes.len() as f64;
        let mut c = ChartBuilder::on(&halves[0])
            .caption("return per episode", ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(48)
            .build_cartesian_2d(0.5..n + 0.5, range(r.episodes.iter().map(|e| e.ret), 0.1))
            .map_err(plot_err)?;
        c.configure_mesh()
            .x_desc("episode")
            .y_desc("return")
            .x_labels(r.episodes.len().min(12))
            .x_label_formatter(&|x| format!("{x:.0}"))
            .light_line_style(LIGHT)
            .draw()
            .map_err(plot_err)?;
        let pts: Vec<(f64, f64)> =
            r.episodes.iter().enumerate().map(|(i, e)| (i as f64 + 1.0, to_axis(e.ret))).collect();
        c.draw_series(LineSeries::new(pts.clone(), BLUE.stroke_width(2))).map_err(plot_err)?;
        c.draw_series(pts.iter().map(|&p| Circle::new(p, 3, BLUE.filled()))).map_err(plot_err)?;

        // Reward per step.
        let m = r.reward_per_step.len() as f64;
        let mut c = ChartBuilder::on(&halves[1])
            .caption("reward per step", ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(48)
            .build_cartesian_2d(0.5..m + 0.5, range(r.reward_per_step.iter().map(|p| p.1), 0.1))
            .map_err(plot_err)?;
        c.configure_mesh()
            .x_desc("step (all episodes, in record order)")
            .y_desc("reward")
            .x_labels(r.reward_per_step.len().min(12))
            .x_label_formatter(&|x| format!("{x:.0}"))
            .light_line_style(LIGHT)
            .draw()
            .map_err(plot_err)?;
        let pts: Vec<(f64, f64)> = r.reward_per_step.iter().map(|&(i, x)| (f64::from(i), to_axis(x))).collect();
        c.draw_series(LineSeries::new(pts.clone(), RED.stroke_width(2))).map_err(plot_err)?;
        c.draw_series(pts.iter().map(|&p| Circle::new(p, 3, RED.filled()))).map_err(plot_err)?;

        // ready / pending / total against the target, one panel per episode.
        let (title, grid) = bottom.split_vertically(30);
        let shown = if panels.len() < r.episodes.len() {
            format!(" (the last {} of {} episodes)", panels.len(), r.episodes.len())
        } else {
            String::new()
        };
        title
            .draw_text(
                &format!("ready (green), pending (orange), total (wide blue) against the target (dashed grey){shown}"),
                &("sans-serif", 16).into_text_style(&title),
                (12, 8),
            )
            .map_err(plot_err)?;
        if rows > 0 {
            let cells = grid.split_evenly((rows, cols));
            for (e, area) in panels.iter().zip(cells.iter()) {
                draw_episode(e, area)?;
            }
        }
        root.present().map_err(plot_err)?;
    }
    Ok(buf)
}

/// Which count of a step a series draws.
type Pick = fn(&Point) -> Option<u32>;

fn draw_episode<DB: DrawingBackend>(e: &Episode, area: &DrawingArea<DB, plotters::coord::Shift>) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let last = e.steps.iter().map(|p| p.step).max().unwrap_or(1).max(1);
    let first = e.steps.iter().map(|p| p.step).min().unwrap_or(1).min(last);
    let ymax =
        e.steps.iter().flat_map(|p| [p.ready, p.pending, p.total]).flatten().chain(e.target).max().unwrap_or(1).max(1);
    let mut c = ChartBuilder::on(area)
        .caption(format!("{} · {}", e.context, short(&e.episode)), ("sans-serif", 13))
        .margin(8)
        .x_label_area_size(36)
        .y_label_area_size(30)
        .build_cartesian_2d(f64::from(first) - 0.3..f64::from(last) + 0.3, 0.0..f64::from(ymax) + 0.5)
        .map_err(plot_err)?;
    c.configure_mesh()
        .x_labels((last - first).saturating_add(1).min(10) as usize)
        .y_labels((ymax as usize + 1).min(6))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .x_desc("step")
        .light_line_style(LIGHT)
        .draw()
        .map_err(plot_err)?;
    if let Some(t) = e.target {
        let t = f64::from(t);
        c.draw_series(DashedLineSeries::new(
            [(f64::from(first) - 0.3, t), (f64::from(last) + 0.3, t)],
            6,
            4,
            RGBColor(120, 120, 120).stroke_width(2),
        ))
        .map_err(plot_err)?;
    }
    // Total first and wide, then ready and pending on top: equal counts stay visible.
    let series: [(Pick, RGBColor, u32); 3] =
        [(|p| p.total, TOTAL, 5), (|p| p.ready, READY, 2), (|p| p.pending, PENDING, 2)];
    for (get, color, width) in series {
        let pts: Vec<(f64, f64)> =
            e.steps.iter().filter_map(|p| get(p).map(|v| (f64::from(p.step), f64::from(v)))).collect();
        let style = if width > 2 { color.mix(0.45).stroke_width(width) } else { color.stroke_width(width) };
        c.draw_series(LineSeries::new(pts.clone(), style)).map_err(plot_err)?;
        c.draw_series(pts.iter().map(|&p| Circle::new(p, width + 1, color.filled()))).map_err(plot_err)?;
    }
    Ok(())
}

fn short(episode: &str) -> String {
    if episode.chars().count() > 40 {
        episode.chars().skip(episode.chars().count() - 40).collect()
    } else {
        episode.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Obs;

    fn rec(ctx: &str, ep: &str, step: u32, obs: (u32, u32, u32), reward: f64, action: &str) -> StepRecord {
        StepRecord {
            context: ctx.into(),
            episode: Some(ep.into()),
            step,
            target: Some(2),
            obs: Some(Obs { ready: obs.0, pending: obs.1, total: obs.2 }),
            reward: Some(reward),
            action: serde_json::json!({ "type": action }),
            outcome: "ok".into(),
            ..Default::default()
        }
    }

    fn sample() -> Vec<StepRecord> {
        vec![
            rec("c1", "e1", 1, (1, 1, 2), -0.5, "scale_up_replicas"),
            rec("c2", "e2", 1, (0, 3, 3), -0.9, "noop"),
            rec("c1", "e1", 2, (2, 0, 2), 1.0, "noop"),
            rec("c2", "e2", 2, (2, 1, 3), -0.25, "scale_down_replicas"),
        ]
    }

    #[test]
    fn axis_ranges_stay_finite_whatever_the_rewards() {
        for vals in [
            vec![1e308, -1e308],
            vec![f64::MAX, f64::MIN],
            vec![f64::INFINITY, 1.0],
            vec![f64::NEG_INFINITY, f64::INFINITY],
            vec![f64::NAN],
            vec![],
            vec![5.0e-324],
        ] {
            let r = range(vals.iter().copied(), 0.1);
            assert!(r.start.is_finite() && r.end.is_finite() && (r.end - r.start).is_finite(), "{vals:?}: {r:?}");
            assert!(r.start < r.end, "{vals:?}: {r:?}");
        }
        let r = range([1.0, 3.0].into_iter(), 0.1);
        assert!((r.start - 0.8).abs() < 1e-12 && (r.end - 3.2).abs() < 1e-12, "{r:?}");
    }

    #[test]
    fn series_come_from_the_records_as_they_are() {
        let r = build(&sample());
        assert_eq!(r.episodes.len(), 2);
        assert_eq!((r.episodes[0].context.as_str(), r.episodes[0].episode.as_str()), ("c1", "e1"));
        assert_eq!(r.episodes[0].ret, 0.5);
        assert_eq!(r.episodes[1].ret, -1.15);
        assert_eq!(r.episodes[0].reached_target_at, Some(2));
        assert_eq!(r.episodes[1].reached_target_at, None);
        assert_eq!(r.reward_per_step, vec![(1, -0.5), (2, -0.9), (3, 1.0), (4, -0.25)]);
        assert_eq!(r.episodes[1].steps.iter().map(|p| p.pending).collect::<Vec<_>>(), vec![Some(3), Some(1)]);
        assert_eq!(r.actions["noop"], 2);
        let s = r.summary();
        assert!(s.contains("episodes: 2") && s.contains("mean return: -0.325"), "{s}");
        assert!(s.contains("1 of 2 episodes reached it, after 2.0 steps"), "{s}");
    }

    /// The points of every polyline drawn in `color` at `width` px (a data series), in order.
    fn polylines_w(svg: &str, color: RGBColor, width: u32) -> Vec<Vec<(f64, f64)>> {
        let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\" stroke-width=\"{width}\"", color.0, color.1, color.2);
        svg.split("<polyline")
            .skip(1)
            .filter(|p| p.split("/>").next().unwrap().contains(&stroke))
            .map(|p| {
                let pts = p.split("points=\"").nth(1).unwrap().split('"').next().unwrap();
                pts.split_whitespace()
                    .map(|xy| {
                        let (x, y) = xy.split_once(',').unwrap();
                        (x.parse().unwrap(), y.parse().unwrap())
                    })
                    .collect()
            })
            .collect()
    }

    fn polylines(svg: &str, color: RGBColor) -> Vec<Vec<(f64, f64)>> {
        polylines_w(svg, color, 2)
    }

    /// y pixels are an affine image of the values: same ratios, inverted axis.
    fn affine(px: &[(f64, f64)], vals: &[f64]) {
        assert_eq!(px.len(), vals.len());
        // The scale from the two points farthest apart in value (pixels are rounded to integers).
        let lo = (0..vals.len()).min_by(|&a, &b| vals[a].total_cmp(&vals[b])).unwrap();
        let hi = (0..vals.len()).max_by(|&a, &b| vals[a].total_cmp(&vals[b])).unwrap();
        let k = (px[hi].1 - px[lo].1) / (vals[hi] - vals[lo]);
        assert!(k < 0.0, "the y axis points up");
        for (p, v) in px.iter().zip(vals) {
            let want = px[lo].1 + k * (v - vals[lo]);
            assert!((p.1 - want).abs() <= 1.0, "pixel {p:?} for value {v} (want y {want})");
        }
        assert!(px.windows(2).all(|w| w[0].0 < w[1].0), "x increases: {px:?}");
    }

    #[test]
    fn the_svg_draws_those_points() {
        let r = build(&sample());
        let svg = svg(&r).unwrap();
        let returns = polylines(&svg, BLUE);
        assert_eq!(returns.len(), 1, "{svg}");
        affine(&returns[0], &[0.5, -1.15]);
        let rewards = polylines(&svg, RED);
        affine(&rewards[0], &[-0.5, -0.9, 1.0, -0.25]);
        // One line per episode per series, in episode order: e1 then e2.
        let (ready, pending, total) = (polylines(&svg, READY), polylines(&svg, PENDING), polylines_w(&svg, TOTAL, 5));
        assert_eq!((ready.len(), pending.len(), total.len()), (2, 2, 2));
        // e1: ready 1 → 2, pending 1 → 0 (one panel, one scale): ready[1] and pending[0] share a pixel row.
        assert_eq!(ready[0][1].1, total[0][0].1, "ready 2 = total 2 in e1");
        assert_eq!(ready[0][0].1, pending[0][0].1, "ready 1 = pending 1 in e1");
        assert!(pending[0][1].1 > pending[0][0].1, "pending falls in e1");
        // e2: pending 3 → 1, total 3 → 3, ready 0 → 2.
        assert_eq!(pending[1][0].1, total[1][0].1);
        assert_eq!(total[1][0].1, total[1][1].1);
        assert!(ready[1][0].1 > pending[1][1].1 && pending[1][1].1 > ready[1][1].1, "0 < 1 < 2 on an upward axis");
        assert!(svg.contains("reward per step") && svg.contains("c2 · e2"), "captions");
    }

    #[test]
    fn empty_and_corrupt_runs_dirs_are_errors_naming_the_file_and_line() {
        let d = tempfile::tempdir().unwrap();
        let e = load(d.path()).unwrap_err();
        assert!(e.to_string().contains("step.jsonl: no step records"), "{e}");
        let mut lines: Vec<String> = sample().iter().map(|r| serde_json::to_string(r).unwrap()).collect();
        lines.insert(2, "{\"timestamp\": 3".into());
        std::fs::write(d.path().join("step.jsonl"), lines.join("\n")).unwrap();
        let e = load(d.path()).unwrap_err();
        assert!(e.to_string().contains("step.jsonl: line 3: not a step record"), "{e}");
        let e = load(&d.path().join("nope")).unwrap_err();
        assert!(e.to_string().contains("nope: no such runs folder"), "{e}");
    }
}
