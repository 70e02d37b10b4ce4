//! The side panel: the clock (large), play / pause / step / speed, the headline outcomes, the
//! hovered district's numbers and the risk legend.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::AppSystems;
use super::map::Hovered;
use super::sim_driver::{Pause, Sim, StepTurn};
use super::theme;
use crate::sim::metrics::{Outcome, Values};

/// Screen space (logical px) the panels take on each side; the map fits in the rest.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct UiInsets {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiInsets>()
        .add_systems(Update, keyboard.in_set(AppSystems::Input))
        .add_systems(EguiPrimaryContextPass, panel);
}

/// Space = play/pause, → = one turn.
fn keyboard(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<bevy_egui::input::EguiWantsInput>,
    pause: Res<State<Pause>>,
    mut next: ResMut<NextState<Pause>>,
    mut step: MessageWriter<StepTurn>,
) {
    if wants.wants_any_keyboard_input() {
        return;
    }
    if keys.just_pressed(KeyCode::Space) {
        next.set(Pause(!pause.get().0));
    }
    if keys.just_pressed(KeyCode::ArrowRight) {
        step.write(StepTurn);
    }
}

/// "Day 3, 18:00" for the end of turn `turn`.
pub fn clock(turn: u32, turn_hours: f64) -> String {
    let hours = turn as f64 * turn_hours;
    let day = (hours / 24.0).floor() as u32 + 1;
    let h = hours % 24.0;
    format!(
        "Day {day}, {:02}:{:02}",
        h.floor() as u32,
        ((h.fract()) * 60.0).round() as u32
    )
}

fn fmt_value(o: Outcome, v: f64) -> String {
    match o.unit() {
        "share" => format!("{:.0}%", v * 100.0),
        "index" => format!("{v:.0}"),
        _ if v >= 1e6 => format!("{:.1}M", v / 1e6),
        _ if v >= 1e4 => format!("{:.0}k", v / 1e3),
        _ => format!("{v:.0}"),
    }
}

const HEADLINE: [Outcome; 10] = [
    Outcome::CiviliansHarmed,
    Outcome::CiviliansDisplaced,
    Outcome::CiviliansProtected,
    Outcome::WarningReach,
    Outcome::HarmfulImpressions,
    Outcome::MobilizedBystanders,
    Outcome::AtrocityRiskPeak,
    Outcome::LegitimateContentRemoved,
    Outcome::EvidenceLost,
    Outcome::CivilianCommCapacity,
];

fn panel(
    mut contexts: EguiContexts,
    mut sim: ResMut<Sim>,
    pause: Res<State<Pause>>,
    mut next: ResMut<NextState<Pause>>,
    mut step: MessageWriter<StepTurn>,
    hovered: Res<Hovered>,
    mut insets: ResMut<UiInsets>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let world = &sim.world;
    let turn_hours = world.scenario.turn_hours;
    let latest = world.series.last().copied().unwrap_or_default();
    let name = world.scenario.name.clone();
    let turn = world.turn;
    let turns = world.turns();
    let hovered_info = hovered.0.map(|d| district_lines(world, d));
    let paused = pause.get().0;
    let mut speed = sim.speed;

    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let right = egui::Panel::right("control")
        .exact_size(360.0)
        .resizable(false)
        .show(&mut root, |ui| {
            ui.add_space(6.0);
            ui.label(egui::RichText::new(&name).heading().strong());
            ui.add_space(4.0);
            ui.label(
                egui::RichText::new(format!("Turn {turn} / {turns}"))
                    .size(34.0)
                    .strong(),
            );
            ui.label(egui::RichText::new(clock(turn, turn_hours)).size(22.0));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = if paused { "▶ Play" } else { "⏸ Pause" };
                if ui
                    .add_sized([110.0, 36.0], egui::Button::new(label))
                    .on_hover_text("Space")
                    .clicked()
                {
                    next.set(Pause(!paused));
                }
                if ui
                    .add_sized([110.0, 36.0], egui::Button::new("⏭ Step"))
                    .on_hover_text("→ (right arrow)")
                    .clicked()
                {
                    step.write(StepTurn);
                }
            });
            ui.add(
                egui::Slider::new(&mut speed, 0.25..=8.0)
                    .logarithmic(true)
                    .text("turns / s"),
            );
            ui.separator();
            outcomes(ui, &latest);
            ui.separator();
            match &hovered_info {
                Some(lines) => {
                    for (i, l) in lines.iter().enumerate() {
                        if i == 0 {
                            ui.label(egui::RichText::new(l).strong().size(18.0));
                        } else {
                            ui.label(l);
                        }
                    }
                }
                None => {
                    ui.label(egui::RichText::new("Hover a district for its numbers").weak());
                }
            }
        })
        .response
        .rect
        .width();

    // Legend: colour and word for each risk band.
    let legend = egui::Panel::bottom("legend").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Atrocity risk").strong());
            for (i, word) in theme::RISK_BANDS.iter().enumerate() {
                let risk = i as f64 * 20.0 + 10.0;
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(26.0, 18.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(rect, 3.0, theme::risk_color32(risk));
                ui.label(format!("{word} {}–{}", i * 20, i * 20 + 20));
            }
        });
    });
    *insets = UiInsets {
        left: 0.0,
        right,
        top: 0.0,
        bottom: legend.response.rect.height(),
    };
    if speed != sim.speed {
        sim.speed = speed;
    }
    Ok(())
}

fn outcomes(ui: &mut egui::Ui, v: &Values) {
    egui::Grid::new("outcomes")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for o in HEADLINE {
                ui.label(o.name().replace('_', " "))
                    .on_hover_text(o.description());
                ui.label(egui::RichText::new(fmt_value(o, v[o])).strong().monospace());
                ui.end_row();
            }
        });
}

fn district_lines(world: &crate::sim::World, d: usize) -> Vec<String> {
    let dist = &world.region.districts[d];
    let state = &world.districts[d];
    let target = world.org.target as usize;
    let stock = state.stocks[target];
    vec![
        dist.name.clone(),
        format!(
            "risk {:.0} ({})",
            state.risk,
            theme::RISK_BANDS[theme::band(state.risk)]
        ),
        format!("population {:.0}k", dist.population / 1e3),
        format!("mobilised {:.0}", state.mobilised_people),
        format!(
            "{}: home {:.0}k, sheltering {:.0}k, fled {:.0}k, harmed {:.0}",
            world.region.groups[target].name,
            stock[0] / 1e3,
            stock[1] / 1e3,
            stock[2] / 1e3,
            stock[3]
        ),
        format!(
            "connectivity {:.0}%  harvested data {:.0}%",
            state.connectivity * 100.0,
            state.harvested * 100.0
        ),
    ]
}
