//! What people see: a sample of this turn's posts as a user in a chosen district sees them (with
//! labels, interstitials, blurred graphic content and "think before you share" prompts when those
//! interventions are on), the event ticker, and the decision log.

use bevy_egui::egui;

use super::hud::Shell;
use crate::sim::interventions::CATALOG;
use crate::sim::{Happening, World};
use crate::view::{Body, I18n, PostView};

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

/// One line per happening, translated.
pub fn describe(s: &Shell, world: &World, h: &Happening) -> String {
    let name = |d: u16| {
        world
            .region
            .districts
            .get(d as usize)
            .map_or(String::new(), |x| x.name.clone())
    };
    let tr = &s.tr;
    match h {
        Happening::Attacks {
            district,
            attacks,
            harmed,
        } => tr.f(
            "event.attacks",
            &[
                ("district", name(*district)),
                ("attacks", attacks.to_string()),
                ("harmed", format!("{harmed:.0}")),
            ],
        ),
        Happening::Detentions { district, people } => tr.f(
            "event.detentions",
            &[
                ("district", name(*district)),
                ("people", format!("{people:.0}")),
            ],
        ),
        Happening::Reprisals {
            district,
            attacks,
            harmed,
        } => tr.f(
            "event.reprisals",
            &[
                ("district", name(*district)),
                ("attacks", attacks.to_string()),
                ("harmed", format!("{harmed:.0}")),
            ],
        ),
        Happening::HavenFull { district } => {
            tr.f("event.haven_full", &[("district", name(*district))])
        }
        Happening::RumoursResurfaced {
            count,
            district,
            first_seen,
        } => tr.f(
            "event.resurfaced",
            &[
                ("count", count.to_string()),
                ("district", name(*district)),
                ("turn", first_seen.to_string()),
            ],
        ),
        Happening::PeacekeepersArrived { district, turns } => tr.f(
            "event.peacekeepers",
            &[("district", name(*district)), ("turns", turns.to_string())],
        ),
        Happening::ShellingStarted { district, turns } => tr.f(
            "event.shelling",
            &[("district", name(*district)), ("turns", turns.to_string())],
        ),
        Happening::ShutdownStarted { district, turns } => tr.f(
            "event.shutdown",
            &[("district", name(*district)), ("turns", turns.to_string())],
        ),
        Happening::ShutdownEnded { district } => {
            tr.f("event.shutdown_end", &[("district", name(*district))])
        }
        Happening::LegitimacyShock { district, .. } => tr.f(
            "event.legitimacy",
            &[(
                "district",
                district.map_or_else(|| tr.t("event.everywhere"), name),
            )],
        ),
        Happening::StateMediaCampaign { turns } => {
            tr.f("event.state_media", &[("turns", turns.to_string())])
        }
        Happening::HashtagDrive { tag } => tr.f("event.hashtag", &[("tag", tag.clone())]),
        Happening::Doxxing { district, share } => tr.f(
            "event.doxxing",
            &[
                ("district", name(*district)),
                ("share", format!("{:.0}", share * 100.0)),
            ],
        ),
        Happening::HackingWave => tr.t("event.hacking"),
        Happening::Flooding { posts, turns } => tr.f(
            "event.flooding",
            &[
                ("posts", format!("{posts:.0}")),
                ("turns", turns.to_string()),
            ],
        ),
        Happening::AccountsBanned { count } => {
            tr.f("event.banned", &[("count", count.to_string())])
        }
        Happening::AccountsRegistered { count, blocked } => tr.f(
            "event.registered",
            &[
                ("count", count.to_string()),
                ("blocked", blocked.to_string()),
            ],
        ),
        Happening::AccountsCompromised { count } => {
            tr.f("event.compromised", &[("count", count.to_string())])
        }
        Happening::EffortShifted { from, to, points } => tr.f(
            "event.effort_shifted",
            &[
                ("points", format!("{points:.0}")),
                ("from", tr.t(&format!("channel.{}", from.id()))),
                ("to", tr.t(&format!("channel.{}", to.id()))),
            ],
        ),
        Happening::AlertIssued { district } => {
            tr.f("event.alert", &[("district", name(*district))])
        }
        Happening::Displacement { district, people } => tr.f(
            "event.displacement",
            &[
                ("district", name(*district)),
                ("people", format!("{people:.0}")),
            ],
        ),
        Happening::Incident { district, harmed } => tr.f(
            "event.incident",
            &[
                ("district", name(*district)),
                ("harmed", format!("{harmed:.0}")),
            ],
        ),
        Happening::Decision { team, entry, verb } => {
            crate::view::decision_text(tr, *team, verb, *entry)
        }
        Happening::CommandRejected {
            verb,
            entry,
            reason,
        } => tr.f(
            "event.rejected",
            &[
                (
                    "name",
                    entry.map_or_else(
                        || tr.t(&format!("verb.{verb}")),
                        |e| tr.entry_name(&CATALOG[e]),
                    ),
                ),
                ("reason", reason.clone()),
            ],
        ),
        Happening::InjectFired { seq } => {
            let text = s
                .sim
                .scenario
                .injects
                .iter()
                .find(|i| i.seq == *seq)
                .map_or(String::new(), |i| i.description.clone());
            tr.f("event.inject", &[("seq", seq.to_string()), ("text", text)])
        }
        Happening::AdHocInject { description } => {
            tr.f("event.adhoc", &[("text", description.clone())])
        }
        Happening::Retaliation { district } => {
            tr.f("event.retaliation", &[("district", name(*district))])
        }
    }
}

/// What a logged command is about, in words.
pub fn command_subject(s: &Shell, action: &crate::sim::command::Action) -> String {
    use crate::sim::command::Action;
    match action {
        Action::FireInject { seq }
        | Action::SkipInject { seq }
        | Action::DelayInject { seq, .. } => {
            let text = s
                .sim
                .scenario
                .injects
                .iter()
                .find(|i| i.seq == *seq)
                .map_or(String::new(), |i| i.description.clone());
            format!("#{seq} {text}")
        }
        Action::AdHoc { description, .. } => description.clone(),
        Action::WaiveBudgets { waived } => s.tr.t(if *waived {
            "budget.waived"
        } else {
            "budget.restored"
        }),
        other => other
            .intervention()
            .map_or(String::new(), |e| s.tr.entry_name(&CATALOG[e])),
    }
}

/// Is this happening worth the ticker (the noisy bookkeeping ones are left to the log)?
fn newsworthy(h: &Happening) -> bool {
    !matches!(
        h,
        Happening::AccountsRegistered { .. } | Happening::AccountsCompromised { .. }
    )
}

pub(super) fn ticker(ui: &mut egui::Ui, s: &Shell) {
    let world = &s.sim.world;
    let latest: Vec<String> = world
        .happenings
        .iter()
        .rev()
        .filter(|(_, h)| newsworthy(h))
        .take(3)
        .map(|(t, h)| format!("T{t} {}", describe(s, world, h)))
        .collect();
    ui.label(egui::RichText::new(latest.join("   •   ")).strong());
}

pub(super) fn log(ui: &mut egui::Ui, s: &Shell) {
    let world = &s.sim.world;
    ui.label(egui::RichText::new(s.tr.t("log.decisions")).strong());
    egui::ScrollArea::vertical()
        .id_salt("decisions")
        .max_height(ui.available_height() * 0.45)
        .show(ui, |ui| {
            if world.log.is_empty() {
                ui.label(egui::RichText::new(s.tr.t("log.none")).weak());
            }
            egui::Grid::new("log").striped(true).show(ui, |ui| {
                for c in world.log.iter().rev() {
                    ui.label(format!("T{}", c.turn));
                    ui.label(s.tr.t(&format!("team.{}", c.team.id())));
                    ui.label(format!(
                        "{} {}",
                        s.tr.t(&format!("verb.{}", c.action.verb())),
                        command_subject(s, &c.action)
                    ));
                    ui.label(egui::RichText::new(&c.rationale).italics());
                    ui.end_row();
                }
            });
        });
    ui.separator();
    ui.label(egui::RichText::new(s.tr.t("log.events")).strong());
    egui::ScrollArea::vertical()
        .id_salt("events")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (t, h) in world.happenings.iter().rev().take(200) {
                ui.label(format!("T{t}  {}", describe(s, world, h)));
            }
        });
}
