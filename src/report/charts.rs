//! Report charts with plotters: one outcome over time, every branch (or, in the debrief, every
//! group) against nobody acting.
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

/// One line of a chart: its legend, its values turn by turn (turn 1 first), and whether it is
/// the do-nothing baseline (grey, thinner) or the `n`-th played line (a colour of its own).
pub struct Line {
    pub label: String,
    pub values: Vec<f64>,
    pub baseline: bool,
    pub n: usize,
}

/// An outcome over turns: the report's branches or the debrief's groups, against nobody acting.
pub struct Chart<'a> {
    pub outcome: Outcome,
    pub tr: &'a crate::view::I18n,
    pub lines: Vec<Line>,
}

impl Chart<'_> {
    /// A line of `o` from a world's series, the first `until` turns.
    pub fn line(o: Outcome, w: &crate::sim::World, until: u32) -> Vec<f64> {
        w.series.iter().take(until as usize).map(|v| v[o]).collect()
    }
}

/// The report's chart of `o`: the baseline as far as the longest branch, then each branch.
fn of_report<'a>(report: &'a Report, o: Outcome) -> Chart<'a> {
    let turns = report.branches.iter().map(|w| w.turn).max().unwrap_or(1);
    let mut lines = vec![Line {
        label: report.tr.t("report.col.baseline"),
        values: Chart::line(o, &report.baseline, turns),
        baseline: true,
        n: 0,
    }];
    for (b, w) in report.branches.iter().enumerate() {
        lines.push(Line {
            label: crate::view::words::branch(&report.tr, &report.session, b),
            values: Chart::line(o, w, w.turn),
            baseline: false,
            n: b,
        });
    }
    Chart {
        outcome: o,
        tr: &report.tr,
        lines,
    }
}

/// The chart's extent: the longest line's turns, and the highest value on any line (shares
/// in percent; at least 1).
fn extent(chart: &Chart, value: &dyn Fn(f64) -> f64) -> (f64, f64) {
    let turns = chart
        .lines
        .iter()
        .map(|l| l.values.len())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let top = chart
        .lines
        .iter()
        .flat_map(|l| l.values.iter())
        .map(|&v| value(v))
        .fold(1.0, f64::max);
    (turns, top)
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Chart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let o = c.outcome;
    let value = |v: f64| if o.unit() == "share" { v * 100.0 } else { v };
    let (turns, top) = extent(c, &value);
    let label = if o.unit() == "share" {
        format!("{} (%)", c.tr.outcome(o))
    } else {
        c.tr.outcome(o)
    };
    let mut chart = ChartBuilder::on(root)
        .caption(&label, ("sans-serif", 22))
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(64)
        .build_cartesian_2d(0.0..turns, 0.0..top * 1.08)?;
    chart
        .configure_mesh()
        .x_desc(c.tr.t("report.col.turn"))
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
    for line in &c.lines {
        let points: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .filter(|_| o.unit() != "share")
            .chain(
                line.values
                    .iter()
                    .enumerate()
                    .map(|(t, &v)| ((t + 1) as f64, value(v))),
            )
            .collect();
        let (colour, width) = if line.baseline {
            (BASELINE, 2)
        } else {
            (BRANCH[line.n % BRANCH.len()], 3)
        };
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(width)))?
            .label(line.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(width))
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
    chart_png(&of_report(report, o), path)
}

pub fn svg(report: &Report, o: Outcome) -> Result<String, String> {
    chart_svg(&of_report(report, o))
}

/// A chart as an 800x460 PNG file.
pub fn chart_png(chart: &Chart, path: &Path) -> Result<(), String> {
    register_font();
    let root = BitMapBackend::new(path, (800, 460)).into_drawing_area();
    draw(&root, chart).map_err(|e| format!("{}: {e}", path.display()))
}

/// A chart as SVG that scales with the page.
pub fn chart_svg(chart: &Chart) -> Result<String, String> {
    register_font();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (800, 460)).into_drawing_area();
        draw(&root, chart).map_err(|e| e.to_string())?;
    }
    // Scale with the page (the viewBox keeps the proportions).
    Ok(out.replacen("width=\"800\" height=\"460\"", "width=\"100%\"", 1))
}
