//! The team panels, built from the catalog: one card per intervention the team owns, grouped by
//! category, with its toggle, parameters, scope (pick districts on the map), lead time and its
//! declared effects and costs. Hovering a card highlights the outcomes it moves. Break-glass
//! measures sit apart and need a confirmation that states the trade-off and asks for a rationale.
//! Every change is one `Command` sent to the driver.

use bevy::prelude::MessageWriter;
use bevy_egui::egui;

use super::desk::Desk;
use super::sim_driver::{IssueCommand, LastCommand, Sim};
use crate::sim::command::{Action, Command};
use crate::sim::interventions::{CATALOG, Category, Entry, Scope, ScopeKind, Team};
use crate::sim::metrics::Outcome;
use crate::view::{I18n, Tone, arrow, cost_line, effect_tone, lever_status};

const GOOD: egui::Color32 = egui::Color32::from_rgb(0x1b, 0x9e, 0x77);
const BAD: egui::Color32 = egui::Color32::from_rgb(0xd9, 0x5f, 0x02);
const GLASS: egui::Color32 = egui::Color32::from_rgb(0xe0, 0x30, 0x30);

/// The colour of a tone (colour-blind safe pair: teal for good, orange for bad).
pub fn tone_colour(tone: Tone) -> egui::Color32 {
    match tone {
        Tone::Good => GOOD,
        Tone::Bad => BAD,
        Tone::Neutral => egui::Color32::GRAY,
    }
}

/// Whether an effect on `o` in direction `sign` is good for the players, as a colour.
pub fn effect_colour(o: Outcome, sign: i8) -> egui::Color32 {
    tone_colour(effect_tone(o, sign))
}

fn team_of(index: usize) -> Team {
    Team::PLAYERS[index.min(3)]
}

/// What the team panels read and write: the translations, the world, the desk (team, drafts,
/// picking, confirmation), the command queue and the last command's result.
pub(super) struct Levers<'a, 'w> {
    pub tr: &'a I18n,
    pub sim: &'a Sim,
    pub desk: &'a mut Desk,
    pub issue: &'a mut MessageWriter<'w, IssueCommand>,
    pub last: &'a LastCommand,
}

pub(super) fn panel(ui: &mut egui::Ui, s: &mut Levers) {
    ui.horizontal_wrapped(|ui| {
        for (i, team) in Team::PLAYERS.iter().enumerate() {
            let label = format!("{} {}", i + 1, s.tr.t(&format!("team.{}", team.id())));
            ui.selectable_value(&mut s.desk.team, i, label);
        }
    });
    if let Some(Err(e)) = &s.last.0 {
        ui.colored_label(BAD, format!("{}: {e}", s.tr.t("lever.refused")));
    }
    if let Some(entry) = s.desk.picking {
        ui.colored_label(
            GOOD,
            s.tr.f(
                "lever.picking",
                &[("name", s.tr.entry_name(&CATALOG[entry]))],
            ),
        );
    }
    let team = team_of(s.desk.team);
    budget_header(ui, s, team);
    ui.separator();
    let mut hovered = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for cat in Category::ALL {
                let entries: Vec<usize> = CATALOG
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.team == team && e.category == cat && !e.break_glass)
                    .map(|(i, _)| i)
                    .collect();
                if entries.is_empty() {
                    continue;
                }
                let title = s.tr.t(&format!("category.{}", cat.id()));
                egui::CollapsingHeader::new(egui::RichText::new(title).strong())
                    .id_salt(cat.id())
                    .default_open(true)
                    .show(ui, |ui| {
                        for i in entries {
                            if card(ui, s, i) {
                                hovered = Some(i);
                            }
                        }
                    });
            }
            let glass: Vec<usize> = CATALOG
                .iter()
                .enumerate()
                .filter(|(_, e)| e.team == team && e.break_glass)
                .map(|(i, _)| i)
                .collect();
            if !glass.is_empty() {
                ui.add_space(8.0);
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(2.0, GLASS))
                    .show(ui, |ui| {
                        ui.label(
                            egui::RichText::new(s.tr.t("lever.break_glass"))
                                .color(GLASS)
                                .strong()
                                .size(18.0),
                        );
                        ui.label(egui::RichText::new(s.tr.t("lever.break_glass_hint")).small());
                        for i in glass {
                            if card(ui, s, i) {
                                hovered = Some(i);
                            }
                        }
                    });
            }
        });
    s.desk.hovered_entry = hovered;
}

/// The team's capacity this turn: a bar of what its measures use, the unit it is counted in, and
/// whether the facilitator waived budgets or the team is spread thin (the seats' budget too).
fn budget_header(ui: &mut egui::Ui, s: &Levers, team: Team) {
    let b = crate::view::budget(s.tr, &s.sim.world, team);
    ui.label(egui::RichText::new(&b.title).strong());
    let share = if b.budget > 0 {
        (b.spent as f32 / b.budget as f32).min(1.0)
    } else {
        1.0
    };
    let colour = if b.spent > b.budget { BAD } else { GOOD };
    ui.add(
        egui::ProgressBar::new(share).fill(colour).text(
            egui::RichText::new(&b.text)
                .color(egui::Color32::WHITE)
                .strong(),
        ),
    );
    for warning in [&b.waived, &b.thin].into_iter().flatten() {
        ui.colored_label(BAD, warning);
    }
}

/// One card. Returns whether the pointer is over it.
fn card(ui: &mut egui::Ui, s: &mut Levers, index: usize) -> bool {
    let e: &'static Entry = &CATALOG[index];
    let (state, on) = lever_status(s.tr, &s.sim.world, index);
    let (cost, fits) = cost_line(s.tr, &s.sim.world, index);
    let frame = egui::Frame::group(ui.style()).fill(if on {
        egui::Color32::from_rgb(0x1f, 0x33, 0x2c)
    } else {
        ui.visuals().extreme_bg_color
    });
    let response = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let mut checked = on;
                // Over budget: the box cannot be ticked (the model would refuse it anyway).
                let toggle = ui.add_enabled(on || fits, egui::Checkbox::new(&mut checked, ""));
                ui.label(egui::RichText::new(s.tr.entry_name(e)).strong().size(16.0));
                if toggle.changed() {
                    toggled(s, index, checked);
                }
            });
            ui.label(egui::RichText::new(state).small().weak());
            ui.label(egui::RichText::new(cost).small().color(if fits {
                ui.visuals().text_color()
            } else {
                BAD
            }));
            effects(ui, s.tr, e);
            if !e.params.is_empty() {
                params(ui, s, index);
            }
            if e.scope == ScopeKind::Districts && !on {
                scope(ui, s, index);
            }
            ui.add(
                egui::TextEdit::singleline(&mut s.desk.draft(index).rationale)
                    .hint_text(s.tr.t("lever.rationale"))
                    .desired_width(f32::INFINITY),
            );
        })
        .response;
    let hovered = response.hovered() || ui.rect_contains_pointer(response.rect);
    if hovered {
        response.on_hover_text(s.tr.entry_description(e));
    }
    hovered
}

/// A lever's declared effects and side effects, coloured by whether they are good for civilians.
fn effects(ui: &mut egui::Ui, tr: &I18n, e: &Entry) {
    ui.horizontal_wrapped(|ui| {
        for (o, sign) in e.effects {
            ui.colored_label(
                effect_colour(*o, *sign),
                format!("{} {}", tr.outcome(*o), arrow(*sign)),
            );
        }
    });
    if !e.side_effects.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(tr.t("lever.cost")).small());
            for (o, sign) in e.side_effects {
                ui.colored_label(
                    effect_colour(*o, *sign),
                    format!("{} {}", tr.outcome(*o), arrow(*sign)),
                );
            }
        });
    }
}

/// A lever's parameters: drafts before enabling, "apply" while in force.
fn params(ui: &mut egui::Ui, s: &mut Levers, index: usize) {
    let e: &'static Entry = &CATALOG[index];
    let current = s
        .sim
        .world
        .active
        .iter()
        .find(|a| a.entry == index)
        .map(|a| a.params.clone());
    let draft = s.desk.draft(index);
    if let Some(c) = &current
        && draft.params.len() != c.len()
    {
        draft.params = c.clone();
    }
    for (k, p) in e.params.iter().enumerate() {
        let v = &mut draft.params[k];
        let (name, help, _) = crate::view::param_words(s.tr, &format!("catalog.{}", e.id), p);
        ui.add(egui::Slider::new(v, p.min..=p.max).text(name))
            .on_hover_text(help);
    }
    let params = draft.params.clone();
    if let Some(c) = current
        && c != params
        && ui.button(s.tr.t("lever.apply")).clicked()
    {
        let cmd = command(
            s,
            index,
            Action::Set {
                entry: index,
                params,
            },
        );
        s.issue.write(IssueCommand(cmd));
    }
}

/// Where a district lever acts: the whole region, or the districts picked on the map.
fn scope(ui: &mut egui::Ui, s: &mut Levers, index: usize) {
    ui.horizontal_wrapped(|ui| {
        let districts = &s.desk.draft(index).districts;
        let label = if districts.is_empty() {
            s.tr.t("lever.scope_region")
        } else {
            districts
                .iter()
                .map(|&d| s.sim.world.region.districts[d as usize].name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        };
        ui.label(egui::RichText::new(label).small());
        let picking = s.desk.picking == Some(index);
        if ui.selectable_label(picking, s.tr.t("lever.pick")).clicked() {
            s.desk.picking = if picking { None } else { Some(index) };
        }
    });
}

fn command(s: &mut Levers, index: usize, action: Action) -> Command {
    let rationale = s.desk.draft(index).rationale.clone();
    Command {
        turn: s.sim.world.turn,
        team: CATALOG[index].team,
        action,
        rationale,
    }
}

fn toggled(s: &mut Levers, index: usize, on: bool) {
    let e = &CATALOG[index];
    if !on {
        let cmd = command(s, index, Action::Disable { entry: index });
        s.issue.write(IssueCommand(cmd));
        return;
    }
    if e.break_glass {
        // Deploying needs the confirmation dialog.
        s.desk.confirm = Some(index);
        return;
    }
    let cmd = enable_command(s.sim.world.turn, s.desk, index, false);
    s.issue.write(IssueCommand(cmd));
    s.desk.picking = None;
}

fn enable_command(turn: u32, desk: &mut Desk, index: usize, confirmed: bool) -> Command {
    let draft = desk.draft(index).clone();
    Command {
        turn,
        team: CATALOG[index].team,
        action: Action::Enable {
            entry: index,
            params: draft.params,
            scope: if draft.districts.is_empty() {
                Scope::Region
            } else {
                Scope::Districts(draft.districts)
            },
            confirmed,
        },
        rationale: draft.rationale,
    }
}

/// The break-glass confirmation: states the trade-off, asks for a rationale, logs the confirmation.
pub(super) fn confirmation(ctx: &egui::Context, s: &mut Levers) {
    let Some(index) = s.desk.confirm else {
        return;
    };
    let e = &CATALOG[index];
    let mut close = false;
    egui::Window::new(
        egui::RichText::new(s.tr.t("glass.title"))
            .color(GLASS)
            .strong(),
    )
    .collapsible(false)
    .resizable(false)
    .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
    .show(ctx, |ui| {
        ui.label(egui::RichText::new(s.tr.entry_name(e)).strong().size(20.0));
        ui.label(s.tr.entry_description(e));
        ui.separator();
        ui.label(egui::RichText::new(s.tr.t("glass.tradeoff")).strong());
        for (o, sign) in e.side_effects {
            ui.colored_label(
                effect_colour(*o, *sign),
                format!("{} {}", s.tr.outcome(*o), arrow(*sign)),
            );
        }
        ui.separator();
        ui.label(s.tr.t("glass.rationale"));
        ui.add(
            egui::TextEdit::multiline(&mut s.desk.draft(index).rationale)
                .desired_rows(2)
                .desired_width(420.0),
        );
        let ready = !s.desk.draft(index).rationale.trim().is_empty();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    ready,
                    egui::Button::new(egui::RichText::new(s.tr.t("glass.confirm")).color(GLASS)),
                )
                .clicked()
            {
                let cmd = enable_command(s.sim.world.turn, s.desk, index, true);
                s.issue.write(IssueCommand(cmd));
                close = true;
            }
            if ui.button(s.tr.t("glass.cancel")).clicked() {
                close = true;
            }
        });
    });
    if close {
        s.desk.confirm = None;
        s.desk.picking = None;
    }
}
