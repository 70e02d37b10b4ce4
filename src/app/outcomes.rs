//! Outcomes: a compact scoreboard (the teams' world, the do-nothing baseline, the gap) and charts
//! of the headline outcomes over time, each drawn against the baseline. When a lever is hovered,
//! the outcomes it pushes are highlighted (teal = good for the players, orange = bad, with arrows).

use bevy_egui::egui;
use egui_plot::{Line, LineStyle, Plot, PlotPoints, Polygon};

use super::bands::Bands;
use super::levers::{effect_colour, tone_colour};
use super::session_io::Session;
use super::sim_driver::Sim;
use crate::sim::interventions::{CATALOG, Entry};
use crate::sim::metrics::{Outcome, Values};
use crate::view::{CHARTS, I18n, ScoreRow, arrow};

/// What the outcomes panel reads: the translations, the worlds and their scenario, the bands
/// around the curves, the session (for other branches) and the lever under the pointer.
pub(super) struct Charts<'a> {
    pub tr: &'a I18n,
    pub sim: &'a Sim,
    pub bands: &'a Bands,
    pub session: Option<&'a Session>,
    pub hovered_entry: Option<usize>,
}

/// The scenario's key outcomes (valid names, in its order).
fn keys(s: &Charts) -> Vec<Outcome> {
    s.sim
        .scenario
        .key_outcomes
        .iter()
        .filter_map(|n| crate::sim::metrics::by_name(n))
        .collect()
}

/// `list` with the scenario's key outcomes first (each once).
fn key_first(s: &Charts, list: &[Outcome]) -> Vec<Outcome> {
    crate::sim::metrics::key_first(&s.sim.scenario.key_outcomes, list)
}

pub(super) fn panel(ui: &mut egui::Ui, s: &Charts) {
    // The same rows the browser seats show.
    let rows = crate::view::scoreboard(
        s.tr,
        &s.sim.scenario.key_outcomes,
        &s.sim.world,
        &s.sim.baseline,
    );
    let hovered = s.hovered_entry.map(|i| &CATALOG[i]);
    scoreboard(ui, s.tr, &rows, hovered);
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| charts(ui, s));
}

/// The scoreboard from its rows; a hovered lever's effects are marked on the rows it pushes.
fn scoreboard(ui: &mut egui::Ui, tr: &I18n, rows: &[ScoreRow], hovered: Option<&Entry>) {
    // Fixed column widths: long (translated) outcome names wrap onto a second line (never cut,
    // on a 1280x720 screen in French too), so the numbers always line up.
    let width = ui.available_width();
    let cols = [width * 0.46, width * 0.17, width * 0.17, width * 0.17];
    let row = |ui: &mut egui::Ui, cells: [egui::RichText; 4], hover: Option<&str>| {
        ui.horizontal(|ui| {
            for (i, cell) in cells.into_iter().enumerate() {
                let centred = egui::Layout::top_down(egui::Align::Center);
                let r = ui
                    .allocate_ui_with_layout(egui::vec2(cols[i], 18.0), centred, |ui| {
                        ui.set_width(cols[i]);
                        ui.add(egui::Label::new(cell).wrap())
                    })
                    .inner;
                if i == 0
                    && let Some(h) = hover
                {
                    r.on_hover_text(h);
                }
            }
        });
    };
    row(
        ui,
        [
            egui::RichText::new(""),
            egui::RichText::new(tr.t("score.teams")).strong(),
            egui::RichText::new(tr.t("score.baseline")).strong(),
            egui::RichText::new(tr.t("score.gap")).strong(),
        ],
        None,
    );
    for r in rows {
        let Some(o) = crate::sim::metrics::by_name(r.name) else {
            continue;
        };
        let pushed = hovered.and_then(|e| {
            e.effects
                .iter()
                .chain(e.side_effects)
                .find(|(x, _)| *x == o)
                .map(|(_, sign)| *sign)
        });
        // The scenario's key outcomes carry a star (and stay bold): what this exercise is about.
        let starred = if r.key {
            format!("★ {}", r.label)
        } else {
            r.label.clone()
        };
        let label = match pushed {
            Some(sign) => egui::RichText::new(format!("{} {starred}", arrow(sign)))
                .strong()
                .color(effect_colour(o, sign)),
            None if r.key => egui::RichText::new(starred).strong(),
            None => egui::RichText::new(starred),
        };
        let hover = format!("{}: {}", r.label, o.description());
        row(
            ui,
            [
                label,
                egui::RichText::new(&r.ours).monospace().strong(),
                egui::RichText::new(&r.base).monospace().weak(),
                egui::RichText::new(&r.gap).color(tone_colour(r.tone)),
            ],
            Some(&hover),
        );
    }
}

fn compact(v: f64) -> String {
    if v.abs() >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if v.abs() >= 1e3 {
        format!("{:.0}k", v / 1e3)
    } else if v.abs() < 1.0 && v != 0.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.0}")
    }
}

fn series(values: &[Values], o: Outcome) -> Vec<[f64; 2]> {
    std::iter::once([0.0, 0.0])
        .filter(|_| o.unit() != "share")
        .chain(
            values
                .iter()
                .enumerate()
                .map(|(t, v)| [(t + 1) as f64, v[o]]),
        )
        .collect()
}

/// Three large charts for the briefing view.
pub(super) fn briefing_charts(ui: &mut egui::Ui, s: &Charts) {
    let turns = s.sim.world.turns() as f64;
    let height = (ui.available_height() / 3.0 - 40.0).max(80.0);
    legend(ui, s);
    for o in [
        Outcome::CiviliansHarmed,
        Outcome::WarningReach,
        Outcome::HarmfulImpressions,
    ] {
        ui.label(egui::RichText::new(s.tr.outcome(o)).size(22.0).strong());
        plot(ui, s, o, height, turns);
    }
}

/// Colour of the "what we don't know" bounds (Okabe-Ito reddish purple).
const UNKNOWN: egui::Color32 = egui::Color32::from_rgb(0xcc, 0x79, 0xa7);

fn legend(ui: &mut egui::Ui, s: &Charts) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(
            egui::Color32::from_rgb(0x56, 0xb4, 0xe9),
            format!("—— {}", s.tr.t("score.teams")),
        );
        ui.colored_label(
            egui::Color32::from_gray(170),
            format!("- - {}", s.tr.t("score.baseline")),
        );
        if s.bands.teams.is_some() {
            ui.label(
                egui::RichText::new(
                    s.tr.f("score.band", &[("n", super::bands::BAND_SEEDS.to_string())]),
                )
                .small()
                .weak(),
            );
        }
        if s.bands.unknown.is_some() {
            ui.label(
                egui::RichText::new(s.tr.f(
                    "score.unknown",
                    &[("n", super::bands::PARAMETER_SAMPLES.to_string())],
                ))
                .small()
                .color(UNKNOWN),
            );
        }
        if let Some(session) = s.session
            && session.file.branches.len() > 1
        {
            ui.colored_label(
                egui::Color32::from_rgb(0xe6, 0x9f, 0x00),
                format!("··· {}", s.tr.t("score.other_branches")),
            );
        }
    });
}

fn plot(ui: &mut egui::Ui, s: &Charts, o: Outcome, height: f32, turns: f64) {
    let ours = series(&s.sim.world.series, o);
    let base = series(&s.sim.baseline.series, o);
    let others: Vec<Vec<[f64; 2]>> = s
        .session
        .as_ref()
        .map(|session| {
            session
                .series
                .iter()
                .enumerate()
                .filter(|(i, v)| *i != session.file.current && !v.is_empty())
                .map(|(_, v)| series(v, o))
                .collect()
        })
        .unwrap_or_default();
    Plot::new(o.name())
        .height(height)
        .include_x(0.0)
        .include_x(turns)
        .include_y(0.0)
        // A small positive extent, so an empty chart (turn 0) shows 0 upwards, not -10..10.
        .include_y(if o.unit() == "share" { 0.05 } else { 1.0 })
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .y_axis_formatter(|mark, _| compact(mark.value))
        .show(ui, |plot| {
            // p05–p95 over other seeds (computed in the background).
            for (band, colour) in [
                (
                    s.bands.baseline.as_ref(),
                    egui::Color32::from_white_alpha(18),
                ),
                (
                    s.bands.teams.as_ref(),
                    egui::Color32::from_rgba_unmultiplied(0x56, 0xb4, 0xe9, 45),
                ),
            ] {
                if let Some(range) = band.and_then(|b| b.of(o)) {
                    // One trapezoid per turn: egui fills convex polygons only.
                    for (t, w) in range.windows(2).enumerate() {
                        let (x0, x1) = ((t + 1) as f64, (t + 2) as f64);
                        let quad = vec![[x0, w[0].0], [x1, w[1].0], [x1, w[1].1], [x0, w[0].1]];
                        plot.polygon(
                            Polygon::new("p05–p95", PlotPoints::from(quad))
                                .fill_color(colour)
                                .stroke(egui::Stroke::NONE)
                                .allow_hover(false),
                        );
                    }
                }
            }
            // What we don't know: p05 and p95 over the assumed parameters, dashed.
            if let Some(range) = s.bands.unknown.as_ref().and_then(|b| b.of(o)) {
                for bound in [0, 1] {
                    let points: Vec<[f64; 2]> = range
                        .iter()
                        .enumerate()
                        .map(|(t, r)| [(t + 1) as f64, if bound == 0 { r.0 } else { r.1 }])
                        .collect();
                    plot.line(
                        Line::new("p05–p95 over the assumptions", PlotPoints::from(points))
                            .color(UNKNOWN)
                            .style(LineStyle::dashed_dense())
                            .width(1.5)
                            .allow_hover(false),
                    );
                }
            }
            plot.line(
                Line::new(s.tr.t("score.baseline"), PlotPoints::from(base))
                    .color(egui::Color32::from_gray(170))
                    .style(LineStyle::dashed_loose())
                    .width(2.0),
            );
            for (k, other) in others.into_iter().enumerate() {
                plot.line(
                    Line::new(format!("branch {k}"), PlotPoints::from(other))
                        .color(egui::Color32::from_rgb(0xe6, 0x9f, 0x00))
                        .style(LineStyle::dotted_dense())
                        .width(2.0),
                );
            }
            plot.line(
                Line::new(s.tr.t("score.teams"), PlotPoints::from(ours))
                    .color(egui::Color32::from_rgb(0x56, 0xb4, 0xe9))
                    .width(3.0),
            );
        });
}

fn charts(ui: &mut egui::Ui, s: &Charts) {
    let turns = s.sim.world.turns() as f64;
    let height = ((ui.available_height() - 60.0) / CHARTS.len() as f32).clamp(90.0, 180.0);
    legend(ui, s);
    let key = keys(s);
    for o in key_first(s, &CHARTS) {
        let name = s.tr.outcome(o);
        let title = if key.contains(&o) {
            format!("★ {name}")
        } else {
            name
        };
        ui.label(egui::RichText::new(title).strong());
        plot(ui, s, o, height, turns);
    }
}
