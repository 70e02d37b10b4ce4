//! The shell of the control room: top bar (clock, play/pause/step/speed, language, text size,
//! help), bottom ticker and legend, the team levers on the left, the outcome/feed/network/log tabs
//! on the right, the help overlay and the break-glass confirmation. Feature modules draw inside.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::desk::{Desk, Tab, UiInsets};
use super::map::Hovered;
use super::sim_driver::{IssueCommand, LastCommand, Pause, Sim, StepTurn};
use super::third_party::TextScale;
use super::{AppSystems, facilitator, feed, levers, network_view, outcomes, theme};
use crate::view::I18n;
use crate::view::clock;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        keyboard
            .in_set(AppSystems::Input)
            .run_if(super::start::closed),
    )
    .add_systems(EguiPrimaryContextPass, draw.run_if(super::start::closed));
}

/// Space = play/pause, → = one turn, 1-4 = team panels, F1 or H = help, L = large text.
fn keyboard(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<EguiWantsInput>,
    pause: Res<State<Pause>>,
    mut next: ResMut<NextState<Pause>>,
    mut step: MessageWriter<StepTurn>,
    mut desk: ResMut<Desk>,
    mut scale: ResMut<TextScale>,
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
    for (i, key) in [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
    ]
    .into_iter()
    .enumerate()
    {
        if keys.just_pressed(key) {
            desk.team = i;
        }
    }
    if keys.just_pressed(KeyCode::F1) || keys.just_pressed(KeyCode::KeyH) {
        desk.help = !desk.help;
    }
    if keys.just_pressed(KeyCode::KeyL) {
        scale.0 = if scale.0 > 1.0 { 1.0 } else { 1.35 };
    }
    if keys.just_pressed(KeyCode::KeyF) {
        desk.tab = if desk.tab == Tab::Facilitator {
            Tab::Outcomes
        } else {
            Tab::Facilitator
        };
    }
    if keys.just_pressed(KeyCode::KeyB) {
        desk.briefing = !desk.briefing;
    }
    if keys.just_pressed(KeyCode::Escape) {
        desk.picking = None;
        desk.confirm = None;
        desk.help = false;
    }
}

/// "Day 3, 18:00" for the end of turn `turn`.
#[derive(SystemParam)]
pub struct Shell<'w, 's> {
    pub sim: ResMut<'w, Sim>,
    pub pause: Res<'w, State<Pause>>,
    pub next: ResMut<'w, NextState<Pause>>,
    pub step: MessageWriter<'w, StepTurn>,
    pub issue: MessageWriter<'w, IssueCommand>,
    pub last: Res<'w, LastCommand>,
    pub hovered: Res<'w, Hovered>,
    pub insets: ResMut<'w, UiInsets>,
    pub desk: ResMut<'w, Desk>,
    pub tr: ResMut<'w, I18n>,
    pub scale: ResMut<'w, TextScale>,
    pub bands: Res<'w, super::bands::Bands>,
    pub frontier: Res<'w, super::frontier::Frontier>,
    /// The facilitator console (its own state and messages).
    pub console: facilitator::Console<'w, 's>,
}

impl<'w> Shell<'w, '_> {
    /// What the team panels read and write.
    fn levers(&mut self) -> levers::Levers<'_, 'w> {
        levers::Levers {
            tr: &self.tr,
            sim: &self.sim,
            desk: &mut self.desk,
            issue: &mut self.issue,
            last: &self.last,
        }
    }

    /// What the outcomes panel reads.
    fn charts(&self) -> outcomes::Charts<'_> {
        outcomes::Charts {
            tr: &self.tr,
            sim: &self.sim,
            bands: &self.bands,
            session: self.console.session.as_deref(),
            hovered_entry: self.desk.hovered_entry,
        }
    }
}

fn draw(mut contexts: EguiContexts, mut s: Shell) -> Result {
    let started = std::time::Instant::now();
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let wide = ctx.viewport_rect().width() >= 1600.0;
    if s.desk.briefing {
        briefing(&mut root, &mut s);
        finish(&mut s, started);
        return Ok(());
    }

    let top = egui::Panel::top("top")
        .show(&mut root, |ui| top_bar(ui, &mut s))
        .response
        .rect
        .height();
    let bottom = egui::Panel::bottom("bottom")
        .show(&mut root, |ui| bottom_bar(ui, &s))
        .response
        .rect
        .height();
    let left = egui::Panel::left("levers")
        .exact_size(if wide { 430.0 } else { 320.0 })
        .resizable(false)
        .show(&mut root, |ui| levers::panel(ui, &mut s.levers()))
        .response
        .rect
        .width();
    let right = egui::Panel::right("tabs")
        .exact_size(if wide { 560.0 } else { 430.0 })
        .resizable(false)
        .show(&mut root, |ui| tabs(ui, &mut s))
        .response
        .rect
        .width();
    *s.insets = UiInsets {
        left,
        right,
        top,
        bottom,
    };

    if let Some(d) = s.hovered.0 {
        district_tooltip(&ctx, &s, d);
    }
    levers::confirmation(&ctx, &mut s.levers());
    if s.desk.help {
        help(&ctx, &mut s);
    }
    finish(&mut s, started);
    Ok(())
}

/// The right-hand panel: the tab bar and the tab on show.
fn tabs(ui: &mut egui::Ui, s: &mut Shell) {
    ui.horizontal(|ui| {
        for (tab, key) in [
            (Tab::Outcomes, "tab.outcomes"),
            (Tab::Feed, "tab.feed"),
            (Tab::Network, "tab.network"),
            (Tab::Log, "tab.log"),
            (Tab::Facilitator, "tab.facilitator"),
        ] {
            ui.selectable_value(&mut s.desk.tab, tab, s.tr.t(key));
        }
    });
    ui.separator();
    match s.desk.tab {
        Tab::Outcomes => outcomes::panel(ui, &s.charts()),
        Tab::Feed => {
            let world = std::sync::Arc::clone(&s.sim.world);
            feed::panel(ui, &s.tr, &world, &mut s.desk.feed_district)
        }
        Tab::Network => network_view::panel(ui, &s.tr, &s.sim.world),
        Tab::Log => feed::log(ui, &s.tr, &s.sim.scenario, &s.sim.world),
        Tab::Facilitator => facilitator::panel(
            ui,
            &mut facilitator::Room {
                tr: &s.tr,
                sim: &s.sim,
                issue: &mut s.issue,
                c: &mut s.console,
            },
        ),
    }
}

fn finish(s: &mut Shell, started: std::time::Instant) {
    let ms = started.elapsed().as_secs_f32() * 1000.0;
    s.desk.ui_ms = if s.desk.ui_ms == 0.0 {
        ms
    } else {
        0.95 * s.desk.ui_ms + 0.05 * ms
    };
}

/// "Your plan against the frontier" in one line (computed in the background).
fn frontier_line(s: &Shell) -> String {
    let Some(d) = &s.frontier.debrief else {
        return s.tr.t(if s.frontier.pending() {
            "brief.frontier_pending"
        } else {
            "brief.frontier_none"
        });
    };
    let verdict = match d.dominated_by() {
        0 => s.tr.t("brief.on_frontier"),
        n => s.tr.f("brief.dominated", &[("n", n.to_string())]),
    };
    s.tr.f(
        if d.plan.0 >= 0.0 {
            "brief.frontier_better"
        } else {
            "brief.frontier_worse"
        },
        &[
            ("key", s.tr.outcome(d.key)),
            ("gain", format!("{:.0}%", d.plan.0.abs())),
            ("cost", format!("{:.0}%", d.plan.1)),
            ("verdict", verdict),
        ],
    )
}

/// Presentation mode: the map, three charts, the decisions that mattered most; big type, no
/// controls (B toggles it).
fn briefing(root: &mut egui::Ui, s: &mut Shell) {
    let world = s.sim.world.clone();
    let (day, time) = clock(world.turn, world.spec.turn_hours);
    let top = egui::Panel::top("brief-top")
        .show(root, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(&s.sim.scenario.name)
                        .size(30.0)
                        .strong(),
                );
                ui.separator();
                ui.label(
                    egui::RichText::new(
                        s.tr.f("clock.day", &[("day", day.to_string()), ("time", time)]),
                    )
                    .size(30.0),
                );
            });
        })
        .response
        .rect
        .height();
    let wide = root.ctx().viewport_rect().width() >= 1600.0;
    let bottom = egui::Panel::bottom("brief-decisions")
        .show(root, |ui| {
            ui.label(
                egui::RichText::new(s.tr.t("brief.decisions"))
                    .size(24.0)
                    .strong(),
            );
            for line in key_decisions(s, &world)
                .into_iter()
                .take(if wide { 5 } else { 3 })
            {
                ui.label(egui::RichText::new(line).size(20.0));
            }
            ui.label(egui::RichText::new(frontier_line(s)).size(20.0).strong());
        })
        .response
        .rect
        .height();
    let right = egui::Panel::right("brief-charts")
        .exact_size(if wide { 700.0 } else { 470.0 })
        .resizable(false)
        .show(root, |ui| outcomes::briefing_charts(ui, &s.charts()))
        .response
        .rect
        .width();
    *s.insets = UiInsets {
        left: 0.0,
        right,
        top,
        bottom,
    };
}

/// The decisions that mattered most: break-glass measures first, then the measures whose declared
/// effects target the outcomes where the teams are furthest from the baseline.
fn key_decisions(s: &Shell, world: &crate::sim::World) -> Vec<String> {
    use crate::sim::command::Action;
    use crate::sim::interventions::CATALOG;
    let ours = world.series.last().copied().unwrap_or_default();
    let base = s
        .sim
        .baseline
        .series
        .get(world.series.len().saturating_sub(1))
        .copied()
        .unwrap_or_default();
    let mut scored: Vec<(f64, String)> = world
        .log
        .iter()
        .filter_map(|c| match &c.action {
            Action::Enable { entry, .. } => {
                let e = &CATALOG[*entry];
                let weight: f64 = e
                    .effects
                    .iter()
                    .map(|(o, k)| {
                        let b = base[*o].abs().max(1e-9);
                        ((ours[*o] - base[*o]).abs() / b).min(5.0) * k.unsigned_abs() as f64
                    })
                    .sum::<f64>()
                    + if e.break_glass { 100.0 } else { 0.0 };
                let why = if c.rationale.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", c.rationale)
                };
                Some((
                    weight,
                    format!(
                        "T{}  {}: {}{}",
                        c.turn,
                        s.tr.t(&format!("team.{}", c.team.id())),
                        s.tr.entry_name(e),
                        why
                    ),
                ))
            }
            _ => None,
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    if scored.is_empty() {
        return vec![s.tr.t("brief.none")];
    }
    scored.into_iter().map(|(_, l)| l).collect()
}

fn top_bar(ui: &mut egui::Ui, s: &mut Shell) {
    let (turn, turns, name) = (
        s.sim.world.turn,
        s.sim.world.turns(),
        s.sim.scenario.name.clone(),
    );
    let (day, time) = clock(turn, s.sim.world.spec.turn_hours);
    let paused = s.pause.get().0;
    let wide = ui.available_width() >= 1500.0;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("BREAKGLASS").strong().size(20.0));
        if wide {
            ui.label(egui::RichText::new(name).size(18.0));
        }
        ui.separator();
        ui.label(
            egui::RichText::new(s.tr.f(
                "clock.turn",
                &[("turn", turn.to_string()), ("turns", turns.to_string())],
            ))
            .size(28.0)
            .strong(),
        );
        ui.label(
            egui::RichText::new(s.tr.f("clock.day", &[("day", day.to_string()), ("time", time)]))
                .size(20.0),
        );
        ui.separator();
        let label = if paused {
            s.tr.t("clock.play")
        } else {
            s.tr.t("clock.pause")
        };
        if ui
            .add_sized([92.0, 30.0], egui::Button::new(label))
            .on_hover_text(s.tr.t("help.key.space"))
            .clicked()
        {
            s.next.set(Pause(!paused));
        }
        if ui
            .add_sized([92.0, 30.0], egui::Button::new(s.tr.t("clock.step")))
            .on_hover_text(s.tr.t("help.key.right"))
            .clicked()
        {
            s.step.write(StepTurn);
        }
        let mut speed = s.sim.speed;
        ui.spacing_mut().slider_width = 70.0;
        ui.add(
            egui::Slider::new(&mut speed, 0.25..=8.0)
                .logarithmic(true)
                .max_decimals(2)
                .text(s.tr.t("clock.speed")),
        );
        if speed != s.sim.speed {
            s.sim.speed = speed;
        }
        if s.sim.busy() {
            ui.spinner();
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            view_menu(ui, s)
        });
    });
}

/// The top bar's right end: help, large text, the interface language.
fn view_menu(ui: &mut egui::Ui, s: &mut Shell) {
    if ui.button(s.tr.t("menu.help")).clicked() {
        s.desk.help = !s.desk.help;
    }
    let large = s.scale.0 > 1.0;
    if ui
        .selectable_label(large, s.tr.t("menu.large_text"))
        .clicked()
    {
        s.scale.0 = if large { 1.0 } else { 1.35 };
    }
    let current = s.tr.current;
    egui::ComboBox::from_id_salt("language")
        .selected_text(s.tr.language_name(current))
        .show_ui(ui, |ui| {
            for i in 0..s.tr.codes().len() {
                let name = s.tr.language_name(i);
                if ui.selectable_label(i == current, name).clicked() {
                    s.tr.current = i;
                }
            }
        });
}

fn bottom_bar(ui: &mut egui::Ui, s: &Shell) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(s.tr.t("legend.risk")).strong());
        for (i, _) in theme::RISK_BANDS.iter().enumerate() {
            let risk = i as f64 * 20.0 + 10.0;
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 16.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 3.0, theme::risk_color32(risk));
            ui.label(format!(
                "{} {}–{}",
                s.tr.t(&format!("band.{}", theme::RISK_BANDS[i])),
                i * 20,
                i * 20 + 20
            ));
        }
        // Where people flee to, when the region has somewhere to go inside it.
        let districts = &s.sim.world.region.districts;
        if districts.iter().any(|d| d.haven || !d.border) {
            ui.separator();
            for (colour, key) in [
                (egui::Color32::from_rgb(0, 158, 115), "legend.flow_haven"),
                (egui::Color32::from_rgb(230, 159, 0), "legend.flow_hosted"),
            ] {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(22.0, 16.0), egui::Sense::hover());
                ui.painter().arrow(
                    rect.left_center(),
                    egui::vec2(rect.width(), 0.0),
                    egui::Stroke::new(3.0, colour),
                );
                ui.label(s.tr.t(key));
            }
        }
        ui.separator();
        feed::ticker(ui, &s.tr, &s.sim.scenario, &s.sim.world);
    });
}

fn district_tooltip(ctx: &egui::Context, s: &Shell, d: usize) {
    let world = &s.sim.world;
    let Some(dist) = world.region.districts.get(d) else {
        return;
    };
    let state = &world.districts[d];
    let target = world.org.target as usize;
    let stock = state.stocks[target];
    egui::Area::new("district-tooltip".into())
        .order(egui::Order::Tooltip)
        .fixed_pos(ctx.pointer_hover_pos().unwrap_or_default() + egui::vec2(18.0, 18.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(egui::RichText::new(&dist.name).strong().size(18.0));
                ui.label(s.tr.f(
                    "district.risk",
                    &[
                        ("risk", format!("{:.0}", world.risk_shown(d))),
                        (
                            "band",
                            s.tr.t(&format!(
                                "band.{}",
                                theme::RISK_BANDS[theme::band(world.risk_shown(d))]
                            )),
                        ),
                        ("baseline", format!("{:.0}", s.sim.baseline.risk_shown(d))),
                    ],
                ));
                ui.label(s.tr.f(
                    "district.population",
                    &[("people", format!("{:.0}", dist.population / 1000.0))],
                ));
                ui.label(s.tr.f(
                    "district.targeted",
                    &[
                        ("group", world.region.groups[target].name.clone()),
                        ("home", format!("{:.0}", stock[0] / 1000.0)),
                        ("shelter", format!("{:.1}", stock[1] / 1000.0)),
                        ("fled", format!("{:.1}", stock[2] / 1000.0)),
                        ("harmed", format!("{:.0}", stock[3])),
                    ],
                ));
                if state.hosted >= 1.0 {
                    ui.label(s.tr.f("map.hosted", &[("n", format!("{:.0}", state.hosted))]));
                }
                if dist.haven {
                    ui.label(s.tr.f("map.in_haven", &[("n", format!("{:.0}", state.in_haven))]));
                    if dist.capacity.is_finite() {
                        ui.label(s.tr.f(
                            "district.room",
                            &[
                                ("room", format!("{:.0}", world.haven_room(d))),
                                ("capacity", format!("{:.0}", dist.capacity)),
                            ],
                        ));
                    }
                }
                tension_lines(ui, s, d);
            });
        });
}

/// The tooltip's second half: who is mobilised, how each side sees public order, the risk of
/// revenge, full feeds, connectivity and harvested data.
fn tension_lines(ui: &mut egui::Ui, s: &Shell, d: usize) {
    let world = &s.sim.world;
    let state = &world.districts[d];
    let target = world.org.target as usize;
    ui.label(s.tr.f(
        "district.mobilised",
        &[("people", format!("{:.0}", state.mobilised_people))],
    ));
    // Violence that answers violence: how each side sees public order, and the
    // risk that the targeted group strikes back.
    ui.label(s.tr.f(
        "district.legitimacy",
        &[
            ("majority", format!("{:.0}", state.legitimacy * 100.0)),
            (
                "targeted",
                format!("{:.0}", state.legitimacy_targeted * 100.0),
            ),
            ("group", world.region.groups[target].name.clone()),
        ],
    ));
    if state.revenge_risk >= 1.0 {
        ui.label(s.tr.f(
            "district.revenge",
            &[("risk", format!("{:.0}", state.revenge_risk))],
        ));
    }
    // Limited attention: where feeds are full, warnings are seen less.
    if state.feeds_full >= 0.01 {
        ui.label(s.tr.f(
            "district.feeds_full",
            &[("share", format!("{:.0}", state.feeds_full * 100.0))],
        ));
    }
    ui.label(s.tr.f(
        "district.connectivity",
        &[
            ("conn", format!("{:.0}", state.connectivity * 100.0)),
            ("data", format!("{:.0}", state.harvested * 100.0)),
        ],
    ));
}

fn help(ctx: &egui::Context, s: &mut Shell) {
    let mut open = true;
    egui::Window::new(s.tr.t("help.title"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            // The scenario first: what the teams are facing and what the exercise tests.
            ui.set_max_width(620.0);
            let scenario = &s.sim.scenario;
            ui.label(egui::RichText::new(&scenario.name).strong().size(18.0));
            if !scenario.briefing.is_empty() {
                ui.label(s.tr.briefing(scenario));
            }
            if !scenario.objectives.is_empty() {
                ui.label(egui::RichText::new(s.tr.t("help.objectives")).strong());
                for o in &scenario.objectives {
                    ui.label(format!(
                        "{}  {}",
                        o.id,
                        scenario.objective_in(s.tr.code(), o)
                    ));
                }
            }
            ui.separator();
            egui::Grid::new("keys").num_columns(2).show(ui, |ui| {
                for (key, what) in [
                    ("Space", "help.key.space"),
                    ("→", "help.key.right"),
                    ("1 – 4", "help.key.teams"),
                    ("F1 / H", "help.key.help"),
                    ("L", "help.key.large"),
                    ("Esc", "help.key.escape"),
                    ("F", "help.key.facilitator"),
                    ("B", "help.key.briefing"),
                    ("drag / wheel", "help.key.map"),
                ] {
                    ui.label(egui::RichText::new(key).strong().monospace());
                    ui.label(s.tr.t(what));
                    ui.end_row();
                }
            });
            ui.separator();
            ui.label(s.tr.t("help.reading"));
            ui.label(
                egui::RichText::new(
                    s.tr.f("help.frame", &[("ms", format!("{:.1}", s.desk.ui_ms))]),
                )
                .small()
                .weak(),
            );
        });
    if !open {
        s.desk.help = false;
    }
}
