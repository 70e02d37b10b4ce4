//! Rehearsal: the facilitator fires one inject on a copy of the session and sees, side by
//! side, what each seat receives (every seat's view in one window), with "and play the turn"
//! to see what it does to the scoreboard. The copy is dropped when the window closes: the
//! session, its log and the seats are untouched (a dry run of the exercise's script).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::sim_driver::Sim;
use crate::view::I18n;
use crate::view::seat::{SeatView, rehearsal};

/// Rehearse inject `seq` (from the facilitator's inject list).
#[derive(Message, Debug, Clone, Copy)]
pub struct Rehearse(pub u32);

#[derive(Resource, Default)]
pub struct Rehearsal {
    pub seq: Option<u32>,
    pub play_turn: bool,
    /// Each seat's view (before, after).
    pub views: Vec<(SeatView, SeatView)>,
    pub error: Option<String>,
}

impl Rehearsal {
    /// Compute the views for `seq` against the room's worlds.
    pub fn run(&mut self, tr: &I18n, sim: &Sim, seq: u32) {
        self.seq = Some(seq);
        match rehearsal(
            tr,
            &sim.scenario,
            &sim.world,
            &sim.baseline,
            seq,
            self.play_turn,
        ) {
            Ok(v) => {
                self.views = v;
                self.error = None;
            }
            Err(e) => {
                self.views.clear();
                self.error = Some(e);
            }
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Rehearsal>()
        .add_message::<Rehearse>()
        .add_systems(Update, requested);
}

pub(super) fn view_plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw);
}

fn requested(
    mut requests: MessageReader<Rehearse>,
    mut r: ResMut<Rehearsal>,
    tr: Res<I18n>,
    sim: Res<Sim>,
) {
    for Rehearse(seq) in requests.read() {
        r.run(&tr, &sim, *seq);
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut r: ResMut<Rehearsal>,
    tr: Res<I18n>,
    sim: Res<Sim>,
) -> Result {
    let Some(seq) = r.seq else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let mut open = true;
    let size = ctx.viewport_rect().size();
    egui::Window::new(tr.f("rehearsal.title", &[("seq", seq.to_string())]))
        .id(egui::Id::new("rehearsal"))
        .open(&mut open)
        .default_size([size.x * 0.9, size.y * 0.7])
        .collapsible(false)
        .show(&ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(tr.t("rehearsal.note"));
                let mut play = r.play_turn;
                if ui
                    .checkbox(&mut play, tr.t("rehearsal.play_turn"))
                    .changed()
                {
                    r.play_turn = play;
                    r.run(&tr, &sim, seq);
                }
            });
            if let Some(e) = &r.error {
                ui.colored_label(egui::Color32::from_rgb(0xf0, 0x8a, 0x4b), e);
            }
            ui.separator();
            let n = r.views.len().max(1);
            ui.columns(n, |cols| {
                for (col, (before, after)) in cols.iter_mut().zip(&r.views) {
                    seat_column(col, &tr, before, after, seq);
                }
            });
        });
    if !open {
        *r = Rehearsal::default();
    }
    Ok(())
}

fn seat_column(ui: &mut egui::Ui, tr: &I18n, before: &SeatView, after: &SeatView, seq: u32) {
    ui.label(egui::RichText::new(&after.role_name).size(20.0).strong());
    let new: Vec<_> = after
        .injects
        .iter()
        .filter(|i| {
            !before
                .injects
                .iter()
                .any(|b| b.seq == i.seq && b.turn == i.turn)
        })
        .collect();
    if new.is_empty() {
        ui.label(egui::RichText::new(tr.t("rehearsal.nothing")).weak());
    }
    for i in new {
        egui::Frame::group(ui.style())
            .fill(egui::Color32::from_rgb(0x1f, 0x3d, 0x3a))
            .show(ui, |ui| {
                ui.label(
                    egui::RichText::new(tr.f("rehearsal.receives", &[("seq", i.seq.to_string())]))
                        .strong(),
                );
                ui.label(&i.text);
                if !i.expected.is_empty() {
                    ui.label(
                        egui::RichText::new(
                            tr.f("console.expected", &[("text", i.expected.clone())]),
                        )
                        .italics(),
                    );
                }
            });
    }
    if after.turn != before.turn {
        ui.label(
            egui::RichText::new(tr.f("rehearsal.after_turn", &[("turn", after.turn.to_string())]))
                .strong(),
        );
        for (row, was) in after.scoreboard.iter().zip(&before.scoreboard).take(5) {
            ui.label(format!("{}: {} → {}", row.label, was.ours, row.ours));
        }
    }
    let others = after.injects.iter().filter(|i| i.seq != seq).count();
    ui.label(egui::RichText::new(tr.f("rehearsal.earlier", &[("n", others.to_string())])).weak());
}
