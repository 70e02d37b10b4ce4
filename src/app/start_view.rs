//! The start screen drawn (the logic is in `start.rs`): cards, recent sessions, a template, a
//! file; Enter opens the highlighted card, arrows move it, a file dropped on the window opens.
//! Ctrl+O brings the screen back over the control room (not while seats are open).

use bevy::prelude::*;
use bevy::window::{FileDragAndDrop, PrimaryWindow};
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::start::{Card, Open, ScenarioOpened, StartScreen};
use super::{AppSystems, theme};
use crate::sim::interventions::CATALOG;
use crate::view::I18n;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            (keyboard, dropped_files).run_if(is_open),
            reopen.run_if(super::start::closed),
        )
            .in_set(AppSystems::Input),
    )
    .add_systems(Update, reset_view.in_set(AppSystems::Update))
    .add_systems(EguiPrimaryContextPass, draw.run_if(is_open));
}

fn is_open(start: Option<Res<StartScreen>>) -> bool {
    start.is_some_and(|s| s.open)
}

fn keyboard(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<EguiWantsInput>,
    mut start: ResMut<StartScreen>,
    mut open: MessageWriter<Open>,
) {
    if wants.wants_any_keyboard_input() || start.cards.is_empty() {
        return;
    }
    let n = start.cards.len();
    let cols = 2;
    let moves = [
        (KeyCode::ArrowRight, 1),
        (KeyCode::ArrowLeft, n - 1),
        (KeyCode::ArrowDown, cols),
        (KeyCode::ArrowUp, n - cols % n),
    ];
    for (key, step) in moves {
        if keys.just_pressed(key) {
            start.selected = (start.selected + step) % n;
        }
    }
    if keys.just_pressed(KeyCode::Enter) {
        let path = start.cards[start.selected.min(n - 1)].path.clone();
        open.write(Open::Scenario(path));
    }
}

fn dropped_files(mut drops: MessageReader<FileDragAndDrop>, mut open: MessageWriter<Open>) {
    for d in drops.read() {
        if let FileDragAndDrop::DroppedFile { path_buf, .. } = d {
            open.write(request_for(path_buf.clone()));
        }
    }
}

/// A session file opens as a session, anything else as a scenario.
fn request_for(path: std::path::PathBuf) -> Open {
    if path.to_string_lossy().ends_with(".session.ron") {
        Open::Session(path)
    } else {
        Open::Scenario(path)
    }
}

fn reopen(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<EguiWantsInput>,
    start: Option<ResMut<StartScreen>>,
    seats: Option<Res<super::seats::Seats>>,
) {
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    if wants.wants_any_keyboard_input() || !ctrl || !keys.just_pressed(KeyCode::KeyO) {
        return;
    }
    if seats.is_some_and(|s| s.is_open()) {
        return;
    }
    if let Some(mut start) = start {
        let folder = std::mem::take(&mut start.folder);
        *start = StartScreen::at_launch();
        if !folder.is_empty() {
            start.folder = folder;
        }
    }
}

/// A new world: the panels' state and background computations of the old one are dropped.
fn reset_view(
    mut opened: MessageReader<ScenarioOpened>,
    mut commands: Commands,
    mut window: Query<&mut Window, With<PrimaryWindow>>,
) {
    for o in opened.read() {
        commands.insert_resource(super::desk::Desk::default());
        commands.insert_resource(super::bands::Bands::default());
        commands.insert_resource(super::frontier::Frontier::default());
        if let Ok(mut w) = window.single_mut() {
            w.title = o.title.clone();
        }
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut start: ResMut<StartScreen>,
    tr: Res<I18n>,
    mut open: MessageWriter<Open>,
    mut edits: MessageWriter<super::editor::EditFile>,
) -> Result {
    let mut edit = None;
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "start".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let fill = egui::Color32::from_rgb(
        (theme::BACKGROUND[0] * 255.0) as u8,
        (theme::BACKGROUND[1] * 255.0) as u8,
        (theme::BACKGROUND[2] * 255.0) as u8,
    );
    root.painter().rect_filled(ctx.viewport_rect(), 0.0, fill);
    let wide = ctx.viewport_rect().width() >= 1500.0;
    egui::Frame::NONE
        .inner_margin(egui::Margin::same(if wide { 28 } else { 14 }))
        .show(&mut root, |ui| {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("BREAKGLASS").size(40.0).strong());
                ui.add_space(16.0);
                ui.label(egui::RichText::new(tr.t("start.tagline")).size(20.0));
            });
            ui.add_space(10.0);
            let right_w = if wide { 520.0 } else { 380.0 };
            let left_w = (ui.available_width() - right_w - 24.0).max(300.0);
            let height = ui.available_height();
            let column = egui::Layout::top_down(egui::Align::Min);
            ui.horizontal_top(|ui| {
                ui.allocate_ui_with_layout(egui::vec2(left_w, height), column, |ui| {
                    ui.set_width(left_w);
                    cards(ui, &mut start, &tr, &mut open, &mut edit, wide);
                });
                ui.add_space(24.0);
                ui.allocate_ui_with_layout(egui::vec2(right_w, height), column, |ui| {
                    ui.set_width(right_w);
                    side(ui, &mut start, &tr, &mut open, &mut edit);
                });
            });
        });
    if let Some(path) = edit {
        edits.write(super::editor::EditFile(path));
    }
    Ok(())
}

fn cards(
    ui: &mut egui::Ui,
    start: &mut StartScreen,
    tr: &I18n,
    open: &mut MessageWriter<Open>,
    edit: &mut Option<std::path::PathBuf>,
    wide: bool,
) {
    ui.label(
        egui::RichText::new(tr.t("start.library"))
            .size(26.0)
            .strong(),
    );
    ui.label(egui::RichText::new(tr.t("start.keys")).size(16.0).weak());
    ui.add_space(6.0);
    let col_w = (ui.available_width() - 12.0) / 2.0;
    egui::ScrollArea::vertical()
        .id_salt("cards")
        .auto_shrink([false, false])
        .max_height(ui.available_height() - 8.0)
        .show(ui, |ui| {
            let n = start.cards.len();
            for row in 0..n.div_ceil(2) {
                ui.horizontal_top(|ui| {
                    for i in [row * 2, row * 2 + 1].into_iter().filter(|&i| i < n) {
                        let card = start.cards[i].clone();
                        let selected = start.selected == i;
                        let clicked = ui
                            .allocate_ui_with_layout(
                                egui::vec2(col_w, 0.0),
                                egui::Layout::top_down(egui::Align::Min),
                                |ui| {
                                    ui.set_width(col_w);
                                    card_ui(ui, &card, selected, tr, open, edit, wide)
                                },
                            )
                            .inner;
                        if clicked {
                            start.selected = i;
                        }
                    }
                });
                ui.add_space(10.0);
            }
        });
}

/// One card; true when its title was clicked (it becomes the highlighted one).
fn card_ui(
    ui: &mut egui::Ui,
    c: &Card,
    selected: bool,
    tr: &I18n,
    open: &mut MessageWriter<Open>,
    edit: &mut Option<std::path::PathBuf>,
    wide: bool,
) -> bool {
    let stroke = if selected {
        egui::Stroke::new(3.0, egui::Color32::from_rgb(0x4f, 0xc3, 0xb8))
    } else {
        egui::Stroke::new(1.0, egui::Color32::from_gray(90))
    };
    let text = if wide { 16.0 } else { 14.0 };
    let mut clicked = false;
    egui::Frame::group(ui.style())
        .stroke(stroke)
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            clicked = ui
                .add(
                    egui::Label::new(egui::RichText::new(c.name_in(tr)).size(22.0).strong())
                        .sense(egui::Sense::click()),
                )
                .clicked();
            let briefing = c.briefing_in(tr);
            ui.label(egui::RichText::new(shorten(&briefing, 220)).size(text));
            let days = c.turns as f64 * c.turn_hours / 24.0;
            ui.label(
                egui::RichText::new(tr.f(
                    "start.length",
                    &[
                        ("turns", c.turns.to_string()),
                        ("hours", format!("{}", c.turn_hours)),
                        ("days", format!("{days:.0}")),
                    ],
                ))
                .size(text)
                .weak(),
            );
            what_it_tests(ui, c, tr, text);
            ui.horizontal(|ui| {
                if ui
                    .add_sized([140.0, 34.0], egui::Button::new(tr.t("start.play")))
                    .clicked()
                {
                    open.write(Open::Scenario(c.path.clone()));
                }
                if ui
                    .add_sized([120.0, 34.0], egui::Button::new(tr.t("start.edit")))
                    .clicked()
                {
                    *edit = Some(c.path.clone());
                }
            });
        });
    clicked
}

/// A card's key outcomes and the tools that matter most in its world.
fn what_it_tests(ui: &mut egui::Ui, c: &Card, tr: &I18n, text: f32) {
    if !c.key_outcomes.is_empty() {
        let keys: Vec<String> = c
            .key_outcomes
            .iter()
            .filter_map(|k| crate::sim::metrics::by_name(k))
            .map(|o| tr.outcome(o))
            .collect();
        ui.label(
            egui::RichText::new(tr.f("start.key_outcomes", &[("list", keys.join(", "))]))
                .size(text),
        );
    }
    if !c.tools.is_empty() {
        let tools: Vec<String> = c
            .tools
            .iter()
            .filter_map(|id| CATALOG.iter().find(|e| e.id == *id))
            .map(|e| tr.entry_name(e))
            .collect();
        ui.label(
            egui::RichText::new(tr.f("start.tools", &[("list", tools.join(", "))]))
                .size(text)
                .color(egui::Color32::from_rgb(0x9f, 0xd8, 0xd2)),
        );
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

fn side(
    ui: &mut egui::Ui,
    start: &mut StartScreen,
    tr: &I18n,
    open: &mut MessageWriter<Open>,
    edit: &mut Option<std::path::PathBuf>,
) {
    ui.label(
        egui::RichText::new(tr.t("start.recent"))
            .size(26.0)
            .strong(),
    );
    if start.recent.is_empty() {
        ui.label(egui::RichText::new(tr.t("start.no_sessions")).weak());
    }
    for r in start.recent.clone() {
        // The button, then the session's line wrapped in what is left of the column: the
        // column never runs off the window (1280x720 and up).
        ui.horizontal_top(|ui| {
            if ui.button(tr.t("start.resume")).clicked() {
                open.write(Open::Session(r.path.clone()));
            }
            let line = tr.f(
                "start.session",
                &[
                    (
                        "scenario",
                        tr.name_of_scenario(
                            &r.scenario,
                            r.names.get(tr.code()).and_then(|t| t.name.as_deref()),
                        ),
                    ),
                    ("turn", r.turn.to_string()),
                    ("turns", r.turns.to_string()),
                    ("started", r.started.clone()),
                ],
            );
            ui.add(egui::Label::new(egui::RichText::new(line).size(15.0)).wrap());
        });
    }
    ui.add_space(18.0);
    ui.label(
        egui::RichText::new(tr.t("start.template"))
            .size(22.0)
            .strong(),
    );
    let from = start.cards.get(start.selected).map(|c| c.name_in(tr));
    ui.label(tr.f("start.template_from", &[("name", from.unwrap_or_default())]));
    ui.horizontal(|ui| {
        ui.label(tr.t("start.new_name"));
        ui.add(egui::TextEdit::singleline(&mut start.new_name).desired_width(ui.available_width()));
    });
    ui.horizontal(|ui| {
        ui.label(tr.t("start.folder"));
        ui.add(egui::TextEdit::singleline(&mut start.folder).desired_width(ui.available_width()));
    });
    if ui.button(tr.t("start.create")).clicked()
        && let Some(c) = start.cards.get(start.selected)
    {
        open.write(Open::Template {
            from: c.path.clone(),
            name: start.new_name.clone(),
            folder: start.folder.clone().into(),
        });
    }
    ui.add_space(18.0);
    ui.label(
        egui::RichText::new(tr.t("start.open_file"))
            .size(22.0)
            .strong(),
    );
    ui.add(egui::TextEdit::singleline(&mut start.path).desired_width(ui.available_width()));
    ui.horizontal(|ui| {
        if ui.button(tr.t("start.open")).clicked() && !start.path.trim().is_empty() {
            open.write(request_for(start.path.trim().into()));
        }
        if ui.button(tr.t("start.edit")).clicked() && !start.path.trim().is_empty() {
            *edit = Some(start.path.trim().into());
        }
    });
    ui.label(egui::RichText::new(tr.t("start.drop")).weak());
    if let Some(e) = &start.error {
        ui.add_space(12.0);
        ui.label(
            egui::RichText::new(e)
                .color(egui::Color32::from_rgb(0xf0, 0x8a, 0x4b))
                .size(15.0),
        );
    }
}
