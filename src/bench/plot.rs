//! `report --bench a.json b.json …`: the comparison as an SVG, drawn with plotters as the
//! learning curve is (`records::report`'s helpers): overall pass@1, pass@K and pass^K per agent,
//! then pass@1 per problem type, one bar per agent, in the leaderboard's order.

use std::path::PathBuf;

use plotters::prelude::*;

use super::compare::check_same_suite;
use super::results::Document;
use crate::error::Result;
use crate::records::report::{LIGHT, plot_err};

/// One color per agent (cycled).
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(30, 90, 200),
    RGBColor(230, 130, 0),
    RGBColor(0, 150, 60),
    RGBColor(200, 40, 40),
    RGBColor(120, 60, 170),
    RGBColor(90, 90, 90),
];

/// The bars of one panel: per group (x label), one value per document.
pub struct Panel {
    pub title: String,
    pub groups: Vec<String>,
    /// values[group][doc], in [0, 1]; None: no such runs.
    pub values: Vec<Vec<Option<f64>>>,
}

pub fn panels(docs: &[(PathBuf, Document)]) -> Result<Vec<Panel>> {
    check_same_suite(docs)?;
    let overall = Panel {
        title: "overall".into(),
        groups: vec!["pass@1".into(), "pass@K".into(), "pass^K".into()],
        values: vec![
            docs.iter().map(|(_, d)| Some(d.overall.pass_at_1)).collect(),
            docs.iter().map(|(_, d)| d.overall.pass_at_k).collect(),
            docs.iter().map(|(_, d)| d.overall.pass_hat_k).collect(),
        ],
    };
    let problems: std::collections::BTreeSet<&String> = docs.iter().flat_map(|(_, d)| d.problems.keys()).collect();
    let per = Panel {
        title: "pass@1 per problem type".into(),
        groups: problems.iter().map(|p| p.to_string()).collect(),
        values: problems
            .iter()
            .map(|p| docs.iter().map(|(_, d)| d.problems.get(*p).map(|m| m.pass_at_1)).collect())
            .collect(),
    };
    Ok(vec![overall, per])
}

/// The SVG text.
pub fn svg(docs: &[(PathBuf, Document)]) -> Result<String> {
    let panels = panels(docs)?;
    let names: Vec<String> = docs.iter().map(|(_, d)| d.settings.agent.clone()).collect();
    let (w, h) = (1200u32, 760u32);
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_err)?;
        let (legend, body) = root.split_vertically(40);
        let mut x = 12;
        for (i, n) in names.iter().enumerate() {
            let c = PALETTE[i % PALETTE.len()];
            legend.draw(&Rectangle::new([(x, 12), (x + 16, 28)], c.filled())).map_err(plot_err)?;
            legend.draw(&Text::new(n.clone(), (x + 22, 13), ("sans-serif", 16))).map_err(plot_err)?;
            x += 40 + 9 * n.len() as i32;
        }
        let (top, bottom) = body.split_vertically(300);
        for (p, area) in panels.iter().zip([top, bottom]) {
            draw_panel(p, names.len(), &area)?;
        }
        root.present().map_err(plot_err)?;
    }
    Ok(buf)
}

fn draw_panel<DB: DrawingBackend>(p: &Panel, docs: usize, area: &DrawingArea<DB, plotters::coord::Shift>) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let n = p.groups.len().max(1) as f64;
    let mut c = ChartBuilder::on(area)
        .caption(&p.title, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(48)
        .build_cartesian_2d(0.0..n, 0.0..1.05)
        .map_err(plot_err)?;
    let groups = p.groups.clone();
    c.configure_mesh()
        .disable_x_mesh()
        .x_labels(p.groups.len() * 2 + 1)
        .x_label_formatter(&|x| {
            let i = x.floor() as usize;
            // Label each group once, at its middle.
            if (x - i as f64 - 0.5).abs() < 0.26 { groups.get(i).cloned().unwrap_or_default() } else { String::new() }
        })
        .y_desc("fraction solved")
        .light_line_style(LIGHT)
        .draw()
        .map_err(plot_err)?;
    let bw = 0.8 / docs.max(1) as f64;
    for (g, vals) in p.values.iter().enumerate() {
        for (d, v) in vals.iter().enumerate() {
            let Some(v) = v else { continue };
            let x0 = g as f64 + 0.1 + d as f64 * bw;
            let color = PALETTE[d % PALETTE.len()];
            c.draw_series(std::iter::once(Rectangle::new([(x0, 0.0), (x0 + bw * 0.9, *v)], color.filled())))
                .map_err(plot_err)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::results::tests::doc;

    /// The heights of the filled rectangles of `color`, in drawing order.
    fn bars(svg: &str, color: RGBColor) -> Vec<f64> {
        let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", color.0, color.1, color.2);
        svg.split("<rect").skip(1).filter(|r| r.contains(&fill)).map(|r| attr(r, "height")).collect()
    }

    fn attr(tag: &str, name: &str) -> f64 {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    }

    #[test]
    fn bars_are_the_documents_scores() {
        let full = doc("reference", &[("a", 1, Some(2)), ("a", 2, Some(2)), ("b", 1, Some(1)), ("b", 2, Some(1))]);
        let half = doc("noop", &[("a", 1, Some(0)), ("a", 2, Some(0)), ("b", 1, None), ("b", 2, None)]);
        let docs = vec![("r.json".into(), full), ("n.json".into(), half)];
        let p = panels(&docs).unwrap();
        assert_eq!(p[0].values[0], vec![Some(1.0), Some(0.5)]);
        assert_eq!(p[1].groups, vec!["p-a", "p-b"]);
        assert_eq!(p[1].values[1], vec![Some(1.0), Some(0.0)]);
        let s = svg(&docs).unwrap();
        // The legend's swatch, then overall's 3 bars, then the per-problem 2: heights in ratio.
        let (r, n) = (bars(&s, PALETTE[0]), bars(&s, PALETTE[1]));
        assert_eq!((r.len(), n.len()), (1 + 3 + 2, 1 + 3 + 2), "{s}");
        let unit = r[1];
        assert!(unit > 50.0 && r[2..4].iter().all(|&x| (x - unit).abs() <= 1.0), "{r:?}");
        assert!((n[1] - unit / 2.0).abs() <= 1.0, "noop's pass@1 is half: {n:?}");
        // The second panel has its own scale: reference solves both, noop only p-a.
        assert!((r[4] - r[5]).abs() <= 1.0 && (n[4] - r[4]).abs() <= 1.0 && n[5] <= 1.0, "{r:?} {n:?}");
        assert!(s.contains("pass@1 per problem type") && s.contains("noop") && s.contains("p-b"));
    }
}
