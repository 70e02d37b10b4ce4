//! The facilitator console (a tab the facilitator can leave when the screen is projected): the
//! clock mode, the inject list (what fired, what is coming, expected actions and whether the
//! teams took them) with fire / skip / delay, ad-hoc injects, notes, objective ratings, branches
//! and rewind, the report button. Every change to the world is a `Command` from the facilitator.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::egui;

use super::session_io::{AddNote, Rate, Rewind, Session, WriteReport};
use super::sim_driver::{IssueCommand, Mode, Sim};
use crate::scenario::{EventKind, Trigger};
use crate::session::RATINGS;
use crate::sim::command::{Action, Command};
use crate::sim::interventions::Team;

/// The facilitator console's handle on the browser seats.
#[derive(SystemParam)]
pub struct SeatControls<'w> {
    pub seats: Option<ResMut<'w, super::seats::Seats>>,
    pub open: MessageWriter<'w, super::seats::OpenSeats>,
    pub close: MessageWriter<'w, super::seats::CloseSeats>,
    pub new_code: MessageWriter<'w, super::seats::NewCode>,
}

/// The console's own state and what it writes: what it is preparing, the session it notes and
/// rates, the clock mode, the seats, and its messages (notes, ratings, rewind, report,
/// rehearsal). Only the console reads it.
#[derive(SystemParam)]
pub struct Console<'w, 's> {
    pub console: Local<'s, Preparing>,
    pub session: Option<Res<'w, Session>>,
    pub mode: ResMut<'w, Mode>,
    pub seat_controls: SeatControls<'w>,
    pub add_note: MessageWriter<'w, AddNote>,
    pub rate: MessageWriter<'w, Rate>,
    pub rewind: MessageWriter<'w, Rewind>,
    pub report: MessageWriter<'w, WriteReport>,
    pub debrief: MessageWriter<'w, super::session_io::WriteDebrief>,
    pub rehearse: MessageWriter<'w, super::rehearsal::Rehearse>,
}

/// What the console draws with: the translations and the world from the shell, the command
/// queue it shares with the team panels, and its own `Console`.
pub(super) struct Room<'a, 'w, 's> {
    pub tr: &'a crate::view::I18n,
    pub sim: &'a Sim,
    pub issue: &'a mut MessageWriter<'w, IssueCommand>,
    pub c: &'a mut Console<'w, 's>,
}

/// What the console is preparing.
#[derive(Debug, Default, Clone)]
pub struct Preparing {
    pub note: String,
    pub adhoc: String,
    pub adhoc_effect: usize,
    pub adhoc_district: usize,
    pub rewind_to: u32,
    pub comment: String,
    /// The seat whose link the QR code shows.
    pub qr_seat: usize,
    /// Add "what we don't know" to the next report.
    pub uncertainty: bool,
}

/// Security-force density the facilitator's "peacekeepers arrive" adds: as much again as a
/// typical district's own forces (the library's districts use 0.02-0.06).
const ADHOC_PEACEKEEPERS: f64 = 0.04;
/// Posts a turn each fake account adds in the facilitator's "bot flood" effect.
const ADHOC_FLOOD_POSTS: f64 = 5.0;
/// Shelling an ad-hoc inject starts: people harmed per 100 000 exposed a turn (the besieged
/// city's rate, MODEL.md §11).
const ADHOC_SHELLING_PER_100K: f64 = 10.0;

const EFFECTS: [&str; 9] = [
    "console.effect.none",
    "console.effect.shutdown",
    "console.effect.legitimacy",
    "console.effect.incident",
    "console.effect.doxxing",
    "console.effect.hashtag",
    "console.effect.peacekeepers",
    "console.effect.flooding",
    "console.effect.shelling",
];

fn trigger_text(s: &Room, t: &Trigger) -> String {
    match t {
        Trigger::Turn(n) => s.tr.f("console.trigger.turn", &[("turn", n.to_string())]),
        Trigger::RiskAbove { district, level } => s.tr.f(
            "console.trigger.risk",
            &[
                ("district", district.clone()),
                ("level", format!("{level:.0}")),
            ],
        ),
        Trigger::HarmedAbove(x) => {
            s.tr.f("console.trigger.harmed", &[("n", format!("{x:.0}"))])
        }
        Trigger::Contingency { seq, within } => s.tr.f(
            "console.trigger.contingency",
            &[("seq", seq.to_string()), ("within", within.to_string())],
        ),
    }
}

fn facilitator_command(s: &Room, action: Action, rationale: String) -> Command {
    Command {
        turn: s.sim.world.turn,
        team: Team::Facilitator,
        action,
        rationale,
    }
}

pub(super) fn panel(ui: &mut egui::Ui, s: &mut Room) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(s.tr.t("console.mode")).strong());
                let mut mode = *s.c.mode;
                ui.selectable_value(
                    &mut mode,
                    super::sim_driver::Mode::TurnBased,
                    s.tr.t("console.turn_based"),
                );
                ui.selectable_value(
                    &mut mode,
                    super::sim_driver::Mode::RealTime,
                    s.tr.t("console.real_time"),
                );
                if mode != *s.c.mode {
                    *s.c.mode = mode;
                }
            });
            ui.separator();
            seats(ui, s);
            ui.separator();
            budgets(ui, s);
            ui.separator();
            red_cell(ui, s);
            ui.separator();
            injects(ui, s);
            ui.separator();
            adhoc(ui, s);
            ui.separator();
            notes(ui, s);
            ui.separator();
            ratings(ui, s);
            ui.separator();
            branches(ui, s);
        });
}

/// The browser seats: open or close them, each seat's code (and a QR code of its link), who is
/// connected and ready, the decision timer, holding the clock.
fn seats(ui: &mut egui::Ui, s: &mut Room) {
    ui.label(egui::RichText::new(s.tr.t("seats.title")).strong());
    let Some(seats) = s.c.seat_controls.seats.as_deref_mut() else {
        return;
    };
    if !seats.is_open() {
        if ui.button(s.tr.t("seats.open")).clicked() {
            s.c.seat_controls.open.write(super::seats::OpenSeats);
        }
        if !seats.status.is_empty() {
            ui.colored_label(egui::Color32::from_rgb(0xd9, 0x5f, 0x02), &seats.status);
        }
        return;
    }
    ui.label(egui::RichText::new(&seats.status).monospace());
    if seats.address().is_some_and(|a| a.ip().is_loopback()) {
        ui.label(
            egui::RichText::new(s.tr.t("seats.local_only"))
                .small()
                .weak(),
        );
    }
    let mut renew = None;
    egui::Grid::new("seat-codes").striped(true).show(ui, |ui| {
        for (i, (role, code)) in seats.codes.iter().enumerate() {
            ui.radio_value(&mut s.c.console.qr_seat, i, role.name(s.tr));
            ui.label(egui::RichText::new(code).monospace().strong().size(18.0));
            let n = seats.connected.get(i).copied().unwrap_or(0);
            let mut state = s.tr.f("seats.connected", &[("n", n.to_string())]);
            if matches!(role, crate::view::seat::SeatRole::Team(t) if seats.ready.contains(t)) {
                state = format!("{state} · {}", s.tr.t("seats.ready"));
            }
            ui.label(state);
            if ui
                .small_button("↻")
                .on_hover_text(s.tr.t("seats.new_code"))
                .clicked()
            {
                renew = Some(*role);
            }
            ui.end_row();
        }
    });
    if let Some((role, _)) = seats.codes.get(s.c.console.qr_seat)
        && let Some(link) = seats.link(*role)
    {
        ui.horizontal(|ui| {
            qr(ui, &link);
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(s.tr.t("seats.qr")).small());
                ui.label(egui::RichText::new(&link).monospace().small());
            });
        });
    }
    if let Some(role) = renew {
        s.c.seat_controls
            .new_code
            .write(super::seats::NewCode(role));
    }
    ui.checkbox(&mut seats.hold, s.tr.t("seats.hold"));
    ui.horizontal(|ui| {
        ui.label(s.tr.t("seats.timer"));
        ui.add(egui::DragValue::new(&mut seats.config.decision_seconds).range(0..=3600));
    });
    if ui.button(s.tr.t("seats.close")).clicked() {
        s.c.seat_controls.close.write(super::seats::CloseSeats);
    }
}

/// A QR code of `text`, black on white with a quiet zone, about 150 points wide.
fn qr(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let size = 150.0;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else {
        return response;
    };
    let width = code.width();
    let modules = code.to_colors();
    let cell = size / (width + 8) as f32;
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    for (k, colour) in modules.iter().enumerate() {
        if *colour == qrcode::Color::Dark {
            let (x, y) = ((k % width) as f32, (k / width) as f32);
            let min = rect.min + egui::vec2((x + 4.0) * cell, (y + 4.0) * cell);
            painter.rect_filled(
                egui::Rect::from_min_size(min, egui::vec2(cell, cell)),
                0.0,
                egui::Color32::BLACK,
            );
        }
    }
    response
}

/// Each team's capacity use this turn, and the waiver.
fn budgets(ui: &mut egui::Ui, s: &mut Room) {
    ui.label(
        egui::RichText::new(s.tr.t("console.budgets"))
            .strong()
            .size(17.0),
    );
    let world = &s.sim.world;
    for team in Team::PLAYERS {
        ui.label(format!(
            "{}: {}",
            s.tr.t(&format!("team.{}", team.id())),
            s.tr.f(
                "budget.used",
                &[
                    ("spent", world.spent(team).to_string()),
                    ("budget", world.budget(team).to_string()),
                    (
                        "left",
                        world
                            .budget(team)
                            .saturating_sub(world.spent(team))
                            .to_string()
                    ),
                ],
            )
        ));
    }
    let waived = world.budgets_waived;
    let label = s.tr.t(if waived {
        "console.restore"
    } else {
        "console.waive"
    });
    if ui.button(label).clicked() {
        let cmd = facilitator_command(s, Action::WaiveBudgets { waived: !waived }, String::new());
        s.issue.write(super::sim_driver::IssueCommand(cmd));
    }
}

/// The red cell: who plays the organisation (the automatic adversary or players), handing it
/// over, its capacity this turn and its last moves with their reasons (the facilitator sees
/// them; the teams see only their effects).
fn red_cell(ui: &mut egui::Ui, s: &mut Room) {
    let world = &s.sim.world;
    ui.label(
        egui::RichText::new(s.tr.t("console.red"))
            .strong()
            .size(17.0),
    );
    let automatic = world.red.automatic;
    ui.label(s.tr.f(
        "console.red_state",
        &[
            (
                "who",
                s.tr.t(if automatic {
                    "console.red_automatic"
                } else {
                    "console.red_players"
                }),
            ),
            ("spent", world.red_spent().to_string()),
            ("budget", world.red_budget().to_string()),
        ],
    ));
    let world = s.sim.world.clone();
    for p in world.red.moves.iter().rev().take(4) {
        let text = crate::view::words::red_move(s.tr, &world, p.mv, &p.params, &p.target);
        let who = if p.automatic { "⚙" } else { "👤" };
        let reason = crate::view::words::red_reason(s.tr, &p.reason);
        ui.label(egui::RichText::new(format!("T{} {who} {text} — {reason}", p.turn + 1)).small());
    }
    let label = s.tr.t(if automatic {
        "console.red_to_players"
    } else {
        "console.red_to_automatic"
    });
    if ui.button(label).clicked() {
        let cmd = facilitator_command(
            s,
            Action::RedCell {
                automatic: !automatic,
            },
            String::new(),
        );
        s.issue.write(super::sim_driver::IssueCommand(cmd));
    }
}

fn injects(ui: &mut egui::Ui, s: &mut Room) {
    ui.label(
        egui::RichText::new(s.tr.t("console.injects"))
            .strong()
            .size(17.0),
    );
    let world = s.sim.world.clone();
    let mut issue = Vec::new();
    let scenario = s.sim.scenario.clone();
    for (i, spec) in scenario.injects.iter().enumerate() {
        let state = &world.inject_states[i];
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let status = match (state.fired_turn, state.skipped) {
                (Some(t), _) => s.tr.f("console.fired", &[("turn", t.to_string())]),
                (None, true) => s.tr.t("console.skipped"),
                (None, false) if state.delayed_until > world.turn => s.tr.f(
                    "console.delayed",
                    &[("turn", state.delayed_until.to_string())],
                ),
                (None, false) => trigger_text(s, &spec.trigger),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(format!("#{}", spec.seq)).strong());
                ui.label(egui::RichText::new(status).small());
                ui.label(
                    egui::RichText::new(format!("⏵ {}", s.tr.t(&format!("team.{}", spec.to))))
                        .small(),
                );
            });
            let (description, expected) = scenario.inject_in(s.tr.code(), spec);
            ui.label(description);
            ui.label(
                egui::RichText::new(s.tr.f("console.expected", &[("text", expected.to_string())]))
                    .italics(),
            );
            expected_status(ui, s.tr, world.expected_action_turn(i));
            if state.fired_turn.is_none() && !state.skipped {
                ui.horizontal(|ui| {
                    if ui.button(s.tr.t("console.fire")).clicked() {
                        issue.push(Action::FireInject { seq: spec.seq });
                    }
                    if ui.button(s.tr.t("console.delay")).clicked() {
                        issue.push(Action::DelayInject {
                            seq: spec.seq,
                            turns: 1,
                        });
                    }
                    if ui.button(s.tr.t("console.skip")).clicked() {
                        issue.push(Action::SkipInject { seq: spec.seq });
                    }
                    if ui
                        .button(s.tr.t("console.rehearse"))
                        .on_hover_text(s.tr.t("console.rehearse_help"))
                        .clicked()
                    {
                        s.c.rehearse.write(super::rehearsal::Rehearse(spec.seq));
                    }
                });
            }
        });
    }
    for action in issue {
        let cmd = facilitator_command(s, action, String::new());
        s.issue.write(super::sim_driver::IssueCommand(cmd));
    }
}

/// Whether the teams took an inject's expected action (and when), if it can be measured.
fn expected_status(ui: &mut egui::Ui, tr: &crate::view::I18n, taken: Option<Option<u32>>) {
    match taken {
        Some(Some(t)) => {
            ui.colored_label(
                egui::Color32::from_rgb(0x1b, 0x9e, 0x77),
                tr.f("console.met", &[("turn", t.to_string())]),
            );
        }
        Some(None) => {
            ui.colored_label(
                egui::Color32::from_rgb(0xd9, 0x5f, 0x02),
                tr.t("console.not_met"),
            );
        }
        None => {}
    }
}

fn adhoc(ui: &mut egui::Ui, s: &mut Room) {
    ui.label(egui::RichText::new(s.tr.t("console.adhoc")).strong());
    ui.add(
        egui::TextEdit::multiline(&mut s.c.console.adhoc)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text(s.tr.t("console.adhoc_hint")),
    );
    let districts: Vec<String> = s
        .sim
        .world
        .region
        .districts
        .iter()
        .map(|d| d.name.clone())
        .collect();
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt("adhoc-effect")
            .selected_text(s.tr.t(EFFECTS[s.c.console.adhoc_effect]))
            .show_ui(ui, |ui| {
                for (i, key) in EFFECTS.iter().enumerate() {
                    let label = s.tr.t(key);
                    ui.selectable_value(&mut s.c.console.adhoc_effect, i, label);
                }
            });
        if matches!(s.c.console.adhoc_effect, 1 | 3 | 4 | 6 | 8) {
            egui::ComboBox::from_id_salt("adhoc-district")
                .selected_text(
                    districts[s.c.console.adhoc_district.min(districts.len() - 1)].clone(),
                )
                .show_ui(ui, |ui| {
                    for (i, d) in districts.iter().enumerate() {
                        ui.selectable_value(&mut s.c.console.adhoc_district, i, d.clone());
                    }
                });
        }
        let ready = !s.c.console.adhoc.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new(s.tr.t("console.send")))
            .clicked()
        {
            let district = districts[s.c.console.adhoc_district.min(districts.len() - 1)].clone();
            let effect = adhoc_effect(s.c.console.adhoc_effect, district);
            let description = s.c.console.adhoc.trim().to_string();
            let cmd = facilitator_command(
                s,
                Action::AdHoc {
                    description,
                    effect: effect.map(|e| crate::scenario::lower::event(&e, &s.sim.scenario)),
                },
                String::new(),
            );
            s.issue.write(super::sim_driver::IssueCommand(cmd));
            s.c.console.adhoc.clear();
        }
    });
}

/// The effect the console's menu names (`EFFECTS[choice]`), in `district` where it has one.
fn adhoc_effect(choice: usize, district: String) -> Option<EventKind> {
    match choice {
        1 => Some(EventKind::InternetShutdown { district, turns: 2 }),
        2 => Some(EventKind::LegitimacyShock {
            district: "*".into(),
            drop: 0.1,
        }),
        3 => Some(EventKind::Incident {
            district,
            harmed: 10.0,
        }),
        4 => Some(EventKind::Doxxing {
            district,
            share: 0.3,
        }),
        5 => Some(EventKind::HashtagDrive {
            tag: "#AdHoc".into(),
            turns: 4,
        }),
        6 => Some(EventKind::Peacekeepers {
            district,
            strength: ADHOC_PEACEKEEPERS,
            turns: 6,
        }),
        7 => Some(EventKind::Flooding {
            posts: ADHOC_FLOOD_POSTS,
            turns: 4,
        }),
        8 => Some(EventKind::Shelling {
            district,
            per_100k: ADHOC_SHELLING_PER_100K,
            turns: 4,
        }),
        _ => None,
    }
}

fn notes(ui: &mut egui::Ui, s: &mut Room) {
    ui.label(egui::RichText::new(s.tr.t("console.notes")).strong());
    ui.add(
        egui::TextEdit::multiline(&mut s.c.console.note)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    );
    if ui.button(s.tr.t("console.add_note")).clicked() {
        let text = std::mem::take(&mut s.c.console.note);
        s.c.add_note.write(super::session_io::AddNote {
            text,
            ..Default::default()
        });
    }
    if let Some(session) = &s.c.session {
        let branch = session.file.current;
        for n in session
            .file
            .notes
            .iter()
            .rev()
            .filter(|n| n.branch == branch)
            .take(5)
        {
            ui.label(egui::RichText::new(format!("T{}: {}", n.turn, n.text)).small());
        }
    }
}

fn ratings(ui: &mut egui::Ui, s: &mut Room) {
    ui.label(egui::RichText::new(s.tr.t("console.ratings")).strong());
    let objectives = s.sim.scenario.objectives.clone();
    let current: Vec<(String, String)> =
        s.c.session
            .as_ref()
            .map(|x| {
                x.file
                    .ratings
                    .iter()
                    .map(|r| (r.objective.clone(), r.rating.clone()))
                    .collect()
            })
            .unwrap_or_default();
    ui.add(
        egui::TextEdit::singleline(&mut s.c.console.comment)
            .hint_text(s.tr.t("console.comment"))
            .desired_width(f32::INFINITY),
    );
    for o in objectives {
        ui.horizontal_wrapped(|ui| {
            let text = s.sim.scenario.objective_in(s.tr.code(), &o);
            ui.label(egui::RichText::new(format!("{}: {}", o.id, text)).small());
            let now = current
                .iter()
                .find(|(id, _)| *id == o.id)
                .map(|(_, r)| r.clone());
            for (code, meaning) in RATINGS {
                let on = now.as_deref() == Some(code);
                if ui
                    .selectable_label(on, code)
                    .on_hover_text(meaning)
                    .clicked()
                {
                    let comment = s.c.console.comment.clone();
                    s.c.rate
                        .write(super::session_io::Rate(crate::session::RatingSpec {
                            objective: o.id.clone(),
                            rating: code.to_string(),
                            comment,
                            by: String::new(),
                        }));
                }
            }
        });
    }
}

fn branches(ui: &mut egui::Ui, s: &mut Room) {
    ui.label(egui::RichText::new(s.tr.t("console.branches")).strong());
    let Some(session) = &s.c.session else {
        ui.label(s.tr.t("console.no_session"));
        return;
    };
    for (i, b) in session.file.branches.iter().enumerate() {
        let marker = if i == session.file.current {
            "▶"
        } else {
            " "
        };
        ui.label(format!(
            "{marker} {} ({} {})",
            b.name,
            b.turn,
            s.tr.t("console.turns")
        ));
    }
    let status = session.status.clone();
    let turn = s.sim.world.turn;
    s.c.console.rewind_to = s.c.console.rewind_to.min(turn);
    ui.horizontal(|ui| {
        ui.add(
            egui::Slider::new(&mut s.c.console.rewind_to, 0..=turn).text(s.tr.t("console.turn")),
        );
        if ui
            .add_enabled(turn > 0, egui::Button::new(s.tr.t("console.rewind")))
            .clicked()
        {
            s.c.rewind
                .write(super::session_io::Rewind(s.c.console.rewind_to));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(s.tr.t("console.report")).clicked() {
            s.c.report.write(super::session_io::WriteReport {
                uncertainty: s.c.console.uncertainty,
            });
        }
        ui.checkbox(&mut s.c.console.uncertainty, s.tr.t("console.uncertainty"));
    });
    if ui
        .button(s.tr.t("console.debrief"))
        .on_hover_text(s.tr.t("console.debrief_help"))
        .clicked()
    {
        s.c.debrief.write(super::session_io::WriteDebrief);
    }
    ui.label(egui::RichText::new(status).small().weak());
}
