//! Happenings and decisions in words, once, from the translation catalog: the control room's
//! feed, ticker and log, the seats and the after-action report all word them here, in the
//! language of the `I18n` they are given.

use std::fmt::Write as _;

use super::I18n;
use crate::scenario::Scenario;
use crate::sim::command::Action;
use crate::sim::interventions::{CATALOG, Scope};
use crate::sim::{Happening, World};

/// Inject `seq`'s description in `tr`'s language (empty when the scenario has no such inject).
pub fn inject_text(tr: &I18n, scenario: &Scenario, seq: u32) -> String {
    scenario
        .injects
        .iter()
        .find(|i| i.seq == seq)
        .map_or(String::new(), |i| {
            scenario.inject_in(tr.code(), i).0.to_string()
        })
}

/// One line per happening, in `tr`'s language.
pub fn happening(tr: &I18n, scenario: &Scenario, world: &World, h: &Happening) -> String {
    let name = |d: u16| {
        world
            .region
            .districts
            .get(d as usize)
            .map_or(String::new(), |x| x.name.clone())
    };
    if let Some(text) = people(tr, &name, h)
        .or_else(|| events(tr, &name, h))
        .or_else(|| organisation(tr, h))
    {
        return text;
    }
    match h {
        Happening::Decision { team, entry, verb } => super::decision_text(tr, *team, verb, *entry),
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
        Happening::InjectFired { seq } => tr.f(
            "event.inject",
            &[
                ("seq", seq.to_string()),
                ("text", inject_text(tr, scenario, *seq)),
            ],
        ),
        Happening::AdHocInject { description } => {
            tr.f("event.adhoc", &[("text", description.clone())])
        }
        // Worded above by people, events and organisation.
        Happening::Attacks { .. }
        | Happening::Detentions { .. }
        | Happening::Reprisals { .. }
        | Happening::HavenFull { .. }
        | Happening::PeacekeepersArrived { .. }
        | Happening::ShellingStarted { .. }
        | Happening::Displacement { .. }
        | Happening::Incident { .. }
        | Happening::AlertIssued { .. }
        | Happening::ShutdownStarted { .. }
        | Happening::ShutdownEnded { .. }
        | Happening::LegitimacyShock { .. }
        | Happening::StateMediaCampaign { .. }
        | Happening::HashtagDrive { .. }
        | Happening::Doxxing { .. }
        | Happening::HackingWave
        | Happening::Flooding { .. }
        | Happening::Retaliation { .. }
        | Happening::RumoursResurfaced { .. }
        | Happening::AccountsBanned { .. }
        | Happening::AccountsRegistered { .. }
        | Happening::AccountsCompromised { .. }
        | Happening::EffortShifted { .. } => String::new(),
    }
}

/// What happened to people: violence, flight, protection.
fn people(tr: &I18n, name: &dyn Fn(u16) -> String, h: &Happening) -> Option<String> {
    Some(match h {
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
        Happening::PeacekeepersArrived { district, turns } => tr.f(
            "event.peacekeepers",
            &[("district", name(*district)), ("turns", turns.to_string())],
        ),
        Happening::ShellingStarted { district, turns } => tr.f(
            "event.shelling",
            &[("district", name(*district)), ("turns", turns.to_string())],
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
        _ => return None,
    })
}

/// The world's events: shutdowns, shocks, campaigns.
fn events(tr: &I18n, name: &dyn Fn(u16) -> String, h: &Happening) -> Option<String> {
    Some(match h {
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
        Happening::Retaliation { district } => {
            tr.f("event.retaliation", &[("district", name(*district))])
        }
        _ => return None,
    })
}

/// The perpetrator organisation on the platform.
fn organisation(tr: &I18n, h: &Happening) -> Option<String> {
    Some(match h {
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
        _ => return None,
    })
}

/// What a logged command did, in words: "enabled Reshare friction (strength 0.4) in Upper
/// Vale", "fired inject #3: ...".
pub fn action(tr: &I18n, scenario: &Scenario, world: &World, action: &Action) -> String {
    let verb = tr.t(&format!("verb.{}", action.verb()));
    let subject = match action {
        Action::Enable {
            entry,
            params,
            scope,
            ..
        } => {
            let mut s = lever_with_params(tr, *entry, params);
            if let Scope::Districts(ds) = scope {
                let names: Vec<&str> = ds
                    .iter()
                    .map(|&d| world.region.districts[d as usize].name.as_str())
                    .collect();
                s = tr.f("words.in", &[("what", s), ("districts", names.join(", "))]);
            }
            s
        }
        Action::Set { entry, params } => lever_with_params(tr, *entry, params),
        Action::Disable { entry } => tr.entry_name(&CATALOG[*entry]),
        Action::FireInject { seq } | Action::SkipInject { seq } => tr.f(
            "words.inject",
            &[
                ("seq", seq.to_string()),
                ("text", inject_text(tr, scenario, *seq)),
            ],
        ),
        Action::DelayInject { seq, turns } => tr.f(
            "words.delayed",
            &[
                ("seq", seq.to_string()),
                ("text", inject_text(tr, scenario, *seq)),
                ("turns", turns.to_string()),
            ],
        ),
        Action::AdHoc { description, .. } => description.clone(),
        Action::Red { mv, params, target } => red_move(tr, world, *mv, params, target),
        Action::RedCell { automatic } => {
            return tr.t(if *automatic {
                "red.to_automatic"
            } else {
                "red.to_players"
            });
        }
        Action::WaiveBudgets { waived } => {
            return tr.t(if *waived {
                "budget.waived"
            } else {
                "budget.restored"
            });
        }
    };
    tr.f("words.action", &[("verb", verb), ("what", subject)])
}

/// A lever's name with its parameters: "Reshare friction (strength 0.4)".
fn lever_with_params(tr: &I18n, entry: usize, params: &[f64]) -> String {
    let e = &CATALOG[entry];
    let mut s = tr.entry_name(e);
    if !params.is_empty() {
        let named: Vec<String> = e
            .params
            .iter()
            .zip(params)
            .map(|(p, v)| format!("{} {v}", tr.or(&format!("param.{}", p.name), p.name)))
            .collect();
        let _ = write!(s, " ({})", named.join(", "));
    }
    s
}

/// A session's branch by name: the name a facilitator gave it, or the name it was made with
/// in the reader's language ("Branche 2 (depuis Branche 1 au tour 5)").
pub fn branch(tr: &I18n, session: &crate::session::SessionFile, b: usize) -> String {
    use crate::session::default_branch_name;
    let Some(branch) = session.branches.get(b) else {
        return String::new();
    };
    let parent = branch
        .parent
        .and_then(|p| session.branches.get(p))
        .map(|p| (p.name.as_str(), branch.fork_turn));
    if branch.name != default_branch_name(b, parent) {
        return branch.name.clone();
    }
    let number = (b + 1).to_string();
    match branch.parent {
        Some(p) if p < b => tr.f(
            "branch.forked",
            &[
                ("number", number),
                ("parent", self::branch(tr, session, p)),
                ("turn", branch.fork_turn.to_string()),
            ],
        ),
        _ => tr.f("branch.name", &[("number", number)]),
    }
}

/// Why a move was played, in words: the red team's rationale as typed, or what the automatic
/// adversary saw ("its hashtag delivered 38% of its open reach: effort moved to public posts").
pub fn red_reason(tr: &I18n, reason: &crate::sim::red::Reason) -> String {
    use crate::sim::red::Reason;
    let channel = |c: &crate::sim::adversary::Channel| tr.t(&format!("channel.{}", c.id()));
    match reason {
        Reason::Rationale(text) => text.clone(),
        Reason::Yield { from, share, to } => tr.f(
            "red.reason.yield",
            &[
                ("from", channel(from)),
                ("share", format!("{:.0}", 100.0 * share)),
                ("to", channel(to)),
            ],
        ),
        Reason::TagClosed { turns } => {
            tr.f("red.reason.tag_closed", &[("turns", turns.to_string())])
        }
        Reason::Banned { accounts } => {
            tr.f("red.reason.banned", &[("accounts", accounts.to_string())])
        }
    }
}

/// A perpetrator move in words: "Move effort between channels: 15 points from its hashtag to
/// private forwards", "Doxx the targeted group in Old Town".
pub fn red_move(
    tr: &I18n,
    world: &World,
    mv: usize,
    params: &[f64],
    target: &crate::sim::red::Target,
) -> String {
    use crate::sim::red::{MOVES, Target};
    let m = &MOVES[mv];
    let title = tr.or(&format!("red.{}.title", m.id), m.title);
    match target {
        Target::Channels { from, to } => tr.f(
            "red.words.channels",
            &[
                ("move", title),
                (
                    "points",
                    format!("{:.0}", params.first().copied().unwrap_or(0.0)),
                ),
                ("from", tr.t(&format!("channel.{}", from.id()))),
                ("to", tr.t(&format!("channel.{}", to.id()))),
            ],
        ),
        Target::District(d) => tr.f(
            "words.in",
            &[
                ("what", title),
                (
                    "districts",
                    world
                        .region
                        .districts
                        .get(*d)
                        .map_or("?".into(), |x| x.name.clone()),
                ),
            ],
        ),
        Target::None => title,
    }
}
