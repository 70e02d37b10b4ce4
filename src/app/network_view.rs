//! The perpetrator network: the organisation's accounts (organisers inside, amplifiers, then fake
//! accounts outside) and the ties between them. Banned accounts show as grey crosses; accounts
//! registered to replace them appear on the outer ring as the organisation evades bans.

use bevy_egui::egui;

use crate::sim::actors::{Role, flag};
use crate::sim::adversary::Channel;
use crate::sim::{Happening, World};
use crate::view::I18n;

/// At most this many nodes are drawn (evenly sampled), so the view stays fast at any scale.
const MAX_NODES: usize = 360;

const ORGANISER: egui::Color32 = egui::Color32::from_rgb(0xd9, 0x5f, 0x02);
const AMPLIFIER: egui::Color32 = egui::Color32::from_rgb(0x75, 0x70, 0xb3);
const FAKE: egui::Color32 = egui::Color32::from_rgb(0xe7, 0x29, 0x8a);

/// The perpetrator network as the room sees it: its accounts, what the platform caught, where
/// its effort went.
pub(super) fn panel(ui: &mut egui::Ui, tr: &I18n, w: &World) {
    let mut members: Vec<(u32, Role, bool)> = Vec::new();
    for u in 0..w.n_accounts() {
        let role = w.acc.role[u];
        if !role.is_perpetrator() || w.acc.has(u, flag::DORMANT) {
            continue;
        }
        members.push((u as u32, role, w.acc.live(u)));
    }
    let count = |r: Role, live: bool| {
        members
            .iter()
            .filter(|(_, x, l)| *x == r && *l == live)
            .count()
    };
    let registered: u32 = w
        .happenings
        .iter()
        .filter(|(t, _)| *t + 1 == w.turn)
        .map(|(_, h)| match h {
            Happening::AccountsRegistered { count, .. } => *count,
            _ => 0,
        })
        .sum();
    counts(ui, tr, w, &count, registered);
    effort_bars(ui, tr, w);
    drawing(ui, w, members);
}

/// How many organisers, amplifiers and fake accounts are live and banned, the new
/// registrations of the last turn, and a flooding drive.
fn counts(
    ui: &mut egui::Ui,
    tr: &I18n,
    w: &World,
    count: &dyn Fn(Role, bool) -> usize,
    registered: u32,
) {
    ui.horizontal_wrapped(|ui| {
        for (role, colour, key) in [
            (Role::Organiser, ORGANISER, "network.organisers"),
            (Role::Amplifier, AMPLIFIER, "network.amplifiers"),
            (Role::Inauthentic, FAKE, "network.fakes"),
        ] {
            ui.colored_label(
                colour,
                tr.f(
                    key,
                    &[
                        ("live", count(role, true).to_string()),
                        ("banned", count(role, false).to_string()),
                    ],
                ),
            );
        }
    });
    ui.label(tr.f("network.registered", &[("count", registered.to_string())]));
    // Flooding: how many posts each fake account puts out a turn (the scenario's habit plus a
    // drive), and how long a drive has left.
    let flood = w.flood_posts_at(w.turn);
    if flood > 0.0 {
        let text = if w.turn < w.org.flood_until && w.org.flood_posts > 0.0 {
            tr.f(
                "network.flooding_drive",
                &[
                    ("posts", format!("{flood:.0}")),
                    ("turns", (w.org.flood_until - w.turn).to_string()),
                ],
            )
        } else {
            tr.f("network.flooding", &[("posts", format!("{flood:.0}"))])
        };
        ui.colored_label(FAKE, text);
    }
}

/// The network drawn: organisers inside, amplifiers, then fake accounts on rings; banned
/// accounts as grey crosses.
fn drawing(ui: &mut egui::Ui, w: &World, members: Vec<(u32, Role, bool)>) {
    let stride = members.len().div_ceil(MAX_NODES).max(1);
    let shown: Vec<(u32, Role, bool)> = members.into_iter().step_by(stride).collect();
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let centre = rect.center();
    let radius = rect.width().min(rect.height()) * 0.46;
    let ring = |r: Role| match r {
        Role::Organiser => 0.3,
        Role::Amplifier => 0.65,
        _ => 1.0,
    };
    let mut positions = std::collections::BTreeMap::new();
    for role in [Role::Organiser, Role::Amplifier, Role::Inauthentic] {
        let nodes: Vec<&(u32, Role, bool)> = shown.iter().filter(|n| n.1 == role).collect();
        let n = nodes.len().max(1) as f32;
        for (i, (u, _, _)) in nodes.iter().enumerate() {
            let angle = i as f32 / n * std::f32::consts::TAU + ring(role) as f32;
            let p = centre + egui::vec2(angle.cos(), angle.sin()) * radius * ring(role) as f32;
            positions.insert(*u, p);
        }
    }
    for (u, _, live) in &shown {
        let Some(&a) = positions.get(u) else { continue };
        for v in w.graph.neighbours(*u) {
            if let Some(&b) = positions.get(v)
                && v > u
            {
                let alpha = if *live { 60 } else { 20 };
                painter.line_segment(
                    [a, b],
                    egui::Stroke::new(0.7, egui::Color32::from_white_alpha(alpha)),
                );
            }
        }
    }
    for (u, role, live) in &shown {
        let Some(&p) = positions.get(u) else { continue };
        let colour = match role {
            Role::Organiser => ORGANISER,
            Role::Amplifier => AMPLIFIER,
            _ => FAKE,
        };
        if *live {
            let size = if *role == Role::Organiser { 5.0 } else { 3.0 };
            painter.circle_filled(p, size, colour);
        } else {
            let d = 3.0;
            let grey = egui::Stroke::new(1.2, egui::Color32::from_gray(120));
            painter.line_segment([p - egui::vec2(d, d), p + egui::vec2(d, d)], grey);
            painter.line_segment([p - egui::vec2(d, -d), p + egui::vec2(d, -d)], grey);
        }
    }
}

/// Where the organisation puts its effort now, against its habit (the tick): one bar per
/// channel, with the points moved in or out.
fn effort_bars(ui: &mut egui::Ui, tr: &I18n, w: &World) {
    let e = &w.org.effort;
    ui.label(egui::RichText::new(tr.t("network.effort")).strong());
    // Room for the channel names and the numbers: the bar takes what is left.
    let width = (ui.available_width() - 360.0).clamp(40.0, 220.0);
    egui::Grid::new("effort_bars")
        .num_columns(3)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            for c in Channel::ALL {
                let (share, habit) = (e.share[c as usize], e.habit[c as usize]);
                if habit <= 0.0 && share <= 0.0 {
                    continue;
                }
                ui.label(tr.t(&format!("channel.{}", c.id())));
                // Rounded (and never "-0").
                let shift = e.shift(c).round() + 0.0;
                let text = format!("{:.0}% ({shift:+.0})", 100.0 * share);
                let colour = if shift.abs() >= 3.0 {
                    egui::Color32::from_rgb(0xf0, 0xe4, 0x42)
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(colour, text);
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(width, 12.0), egui::Sense::hover());
                let painter = ui.painter_at(rect);
                painter.rect_filled(rect, 2.0, egui::Color32::from_gray(50));
                let mut bar = rect;
                bar.set_width(rect.width() * share as f32);
                painter.rect_filled(bar, 2.0, ORGANISER);
                let x = rect.left() + rect.width() * habit as f32;
                painter.line_segment(
                    [
                        egui::pos2(x, rect.top() - 2.0),
                        egui::pos2(x, rect.bottom() + 2.0),
                    ],
                    egui::Stroke::new(2.0, egui::Color32::WHITE),
                );
                ui.end_row();
            }
        });
}
