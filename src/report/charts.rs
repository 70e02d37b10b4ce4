//! Report charts with plotters: one outcome over time, every branch against the baseline.
//! The same drawing code writes PNG files and the SVG inlined in report.html.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Report;
use crate::sim::metrics::Outcome;

/// Okabe-Ito colours (colour-blind safe) for branches.
const BRANCH: [RGBColor; 5] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
];
const BASELINE: RGBColor = RGBColor(120, 120, 120);

static FONT: Once = Once::new();

/// plotters draws text with a registered TTF: the one egui ships.
fn register_font() {
    FONT.call_once(|| {
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            epaint_default_fonts::UBUNTU_LIGHT,
        );
    });
}

/// The chart's extent: turns played on the longest branch, and the highest value of `o` on
/// any branch or the baseline (shares in percent; at least 1).
fn extent(report: &Report, o: Outcome) -> (f64, f64) {
    let turns = report
        .branches
        .iter()
        .map(|w| w.turn)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let value = |v: f64| if o.unit() == "share" { v * 100.0 } else { v };
    let mut top: f64 = 1.0;
    for w in report
        .branches
        .iter()
        .chain(std::iter::once(&report.baseline))
    {
        for v in &w.series {
            top = top.max(value(v[o]));
        }
    }
    (turns, top)
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    report: &Report,
    o: Outcome,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let value = |v: f64| if o.unit() == "share" { v * 100.0 } else { v };
    let (turns, top) = extent(report, o);
    let label = if o.unit() == "share" {
        format!("{} (%)", report.tr.outcome(o))
    } else {
        report.tr.outcome(o)
    };
    let mut chart = ChartBuilder::on(root)
        .caption(&label, ("sans-serif", 22))
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(64)
        .build_cartesian_2d(0.0..turns, 0.0..top * 1.08)?;
    chart
        .configure_mesh()
        .x_desc(report.tr.t("report.col.turn"))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .label_style(("sans-serif", 15))
        .y_label_formatter(&|v| {
            if *v >= 1e6 {
                format!("{:.1}M", v / 1e6)
            } else if *v >= 1e4 {
                format!("{:.0}k", v / 1e3)
            } else {
                format!("{v:.0}")
            }
        })
        .draw()?;
    let points = |w: &crate::sim::World, until: u32| -> Vec<(f64, f64)> {
        std::iter::once((0.0, 0.0))
            .filter(|_| o.unit() != "share")
            .chain(
                w.series
                    .iter()
                    .take(until as usize)
                    .enumerate()
                    .map(|(t, v)| ((t + 1) as f64, value(v[o]))),
            )
            .collect()
    };
    chart
        .draw_series(LineSeries::new(
            points(&report.baseline, turns as u32),
            BASELINE.stroke_width(2),
        ))?
        .label(report.tr.t("report.col.baseline"))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], BASELINE.stroke_width(2)));
    for (b, w) in report.branches.iter().enumerate() {
        let colour = BRANCH[b % BRANCH.len()];
        chart
            .draw_series(LineSeries::new(points(w, w.turn), colour.stroke_width(3)))?
            .label(crate::view::words::branch(&report.tr, &report.session, b))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .draw()?;
    root.present()?;
    Ok(())
}

pub fn png(report: &Report, o: Outcome, path: &Path) -> Result<(), String> {
    register_font();
    let root = BitMapBackend::new(path, (800, 460)).into_drawing_area();
    draw(&root, report, o).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn svg(report: &Report, o: Outcome) -> Result<String, String> {
    register_font();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (800, 460)).into_drawing_area();
        draw(&root, report, o).map_err(|e| e.to_string())?;
    }
    // Scale with the page (the viewBox keeps the proportions).
    Ok(out.replacen("width=\"800\" height=\"460\"", "width=\"100%\"", 1))
}
