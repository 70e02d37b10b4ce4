//! What people see: a sample of this turn's posts as a user in a chosen district sees them (with
//! labels, interstitials, blurred graphic content and "think before you share" prompts when those
//! interventions are on), the event ticker, and the decision log.

use bevy_egui::egui;

use crate::scenario::Scenario;
use crate::sim::{Happening, World};
use crate::view::{Body, I18n, PostView, words};

/// The feed of one district, as its users see it (the same posts a seat's feed shows).
pub(super) fn panel(ui: &mut egui::Ui, tr: &I18n, world: &World, district: &mut usize) {
    let n = world.region.districts.len();
    *district = (*district).min(n.saturating_sub(1));
    let d = *district;
    ui.horizontal(|ui| {
        ui.label(tr.t("feed.as_seen_in"));
        egui::ComboBox::from_id_salt("feed-district")
            .selected_text(world.region.districts[d].name.clone())
            .show_ui(ui, |ui| {
                for (i, dist) in world.region.districts.iter().enumerate() {
                    ui.selectable_value(district, i, dist.name.clone());
                }
            });
    });
    let posts = crate::view::feed(tr, world, d);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if posts.is_empty() {
                ui.label(egui::RichText::new(tr.t("feed.empty")).weak());
            }
            for p in &posts {
                post_card(ui, tr, p);
            }
        });
}

const LABEL: egui::Color32 = egui::Color32::from_rgb(0xf0, 0xe4, 0x42);

fn post_card(ui: &mut egui::Ui, tr: &I18n, p: &PostView) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(&p.author).strong());
            if p.sponsored {
                ui.label(
                    egui::RichText::new(tr.t("feed.sponsored"))
                        .small()
                        .italics(),
                );
            }
            if let Some(tag) = &p.hashtag {
                ui.label(
                    egui::RichText::new(tag)
                        .small()
                        .color(egui::Color32::LIGHT_BLUE),
                );
            }
        });
        match &p.body {
            Body::Removed(t) => ui.label(egui::RichText::new(t).strikethrough().weak()),
            Body::Interstitial(t) => ui.label(
                egui::RichText::new(t)
                    .background_color(egui::Color32::from_gray(60))
                    .strong(),
            ),
            Body::Blurred(t) => ui.label(
                egui::RichText::new(t)
                    .background_color(egui::Color32::from_gray(90))
                    .italics(),
            ),
            Body::Text(t) => ui.label(t),
        };
        for text in [&p.label, &p.unverified].into_iter().flatten() {
            ui.colored_label(LABEL, text);
        }
        if let Some(prompt) = &p.prompt {
            ui.label(egui::RichText::new(prompt).small().italics());
        }
        // What the room sees and the platform did not: missed harm, mistaken flags.
        if let Some(note) = &p.note {
            ui.label(
                egui::RichText::new(note)
                    .small()
                    .color(egui::Color32::from_rgb(0xe6, 0x9f, 0x00)),
            );
        }
        ui.label(egui::RichText::new(&p.counts).small().weak());
    });
}

/// Is this happening worth the ticker (the noisy bookkeeping ones are left to the log)?
fn newsworthy(h: &Happening) -> bool {
    !matches!(
        h,
        Happening::AccountsRegistered { .. } | Happening::AccountsCompromised { .. }
    )
}

pub(super) fn ticker(ui: &mut egui::Ui, tr: &I18n, scenario: &Scenario, world: &World) {
    let latest: Vec<String> = world
        .happenings
        .iter()
        .rev()
        .filter(|(_, h)| newsworthy(h))
        .take(3)
        .map(|(t, h)| format!("T{t} {}", words::happening(tr, scenario, world, h)))
        .collect();
    ui.label(egui::RichText::new(latest.join("   •   ")).strong());
}

pub(super) fn log(ui: &mut egui::Ui, tr: &I18n, scenario: &Scenario, world: &World) {
    ui.label(egui::RichText::new(tr.t("log.decisions")).strong());
    egui::ScrollArea::vertical()
        .id_salt("decisions")
        .max_height(ui.available_height() * 0.45)
        .show(ui, |ui| {
            if world.log.is_empty() {
                ui.label(egui::RichText::new(tr.t("log.none")).weak());
            }
            egui::Grid::new("log").striped(true).show(ui, |ui| {
                // The room's shared log: the red cell's moves stay in the facilitator's console
                // (the teams see only their effects).
                let shown = world
                    .log
                    .iter()
                    .rev()
                    .filter(|c| c.team != crate::sim::interventions::Team::Perpetrators);
                for c in shown {
                    ui.label(format!("T{}", c.turn));
                    ui.label(tr.t(&format!("team.{}", c.team.id())));
                    ui.label(words::action(tr, scenario, world, &c.action));
                    ui.label(egui::RichText::new(&c.rationale).italics());
                    ui.end_row();
                }
            });
        });
    ui.separator();
    ui.label(egui::RichText::new(tr.t("log.events")).strong());
    egui::ScrollArea::vertical()
        .id_salt("events")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (t, h) in world.happenings.iter().rev().take(200) {
                ui.label(format!(
                    "T{t}  {}",
                    words::happening(tr, scenario, world, h)
                ));
            }
        });
}
