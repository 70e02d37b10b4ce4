//! What a browser seat sees, as one serialisable value: a team's levers (with costs, lead time,
//! break-glass flag, scope), the injects addressed to it, the scoreboard and charts against the
//! do-nothing baseline, the feed of every district, its decisions, and the decision phase. The
//! evaluator sees every team's decisions and the objectives; an observer sees the shared picture.
//! Built from the same functions as the egui panels (`view`), so both say the same thing.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    BudgetView, CHARTS, I18n, PostView, ScoreRow, Tone, budget, clock, cost_line, effect_tone,
    feed, lever_status, scoreboard,
};
use crate::scenario::Scenario;
use crate::session::SessionFile;
use crate::sim::World;
use crate::sim::command::Action;
use crate::sim::interventions::{CATALOG, ScopeKind, Team};
use crate::sim::metrics::Outcome;

/// Who sits at a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SeatRole {
    /// A playing team: sees and issues its own levers.
    Team(Team),
    /// Sees every team, writes observations and rates objectives; issues no lever.
    Evaluator,
    /// Read-only: the shared picture (scoreboard, charts, public injects).
    Observer,
}

/// How many seats a session has.
pub const SEATS: usize = 7;

impl SeatRole {
    /// Every seat a session has, in the order the console lists them.
    pub const ALL: [SeatRole; SEATS] = [
        SeatRole::Team(Team::Platform),
        SeatRole::Team(Team::CrisisLeadership),
        SeatRole::Team(Team::PolicyMakers),
        SeatRole::Team(Team::CivilSociety),
        SeatRole::Team(Team::Perpetrators),
        SeatRole::Evaluator,
        SeatRole::Observer,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SeatRole::Team(t) => t.id(),
            SeatRole::Evaluator => "evaluator",
            SeatRole::Observer => "observer",
        }
    }

    pub fn from_id(s: &str) -> Option<SeatRole> {
        SeatRole::ALL.into_iter().find(|r| r.id() == s)
    }

    /// The seat's name in the current language.
    pub fn name(self, tr: &I18n) -> String {
        match self {
            SeatRole::Team(t) => tr.t(&format!("team.{}", t.id())),
            other => tr.t(&format!("seat.role.{}", other.id())),
        }
    }
}

/// What the host knows about the room that the world does not: who joined, who is ready.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Room {
    /// Teams with at least one seat connected.
    pub joined: Vec<Team>,
    /// Teams that said they are ready this decision phase.
    pub ready: Vec<Team>,
    pub real_time: bool,
    /// The clock is running (not in a decision phase).
    pub running: bool,
    /// Seconds left on the facilitator's decision timer, if set.
    pub timer_left: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    pub real_time: bool,
    pub running: bool,
    pub finished: bool,
    pub joined: Vec<&'static str>,
    pub ready: Vec<&'static str>,
    /// "Decision phase: waiting for 2 of 4 teams", "The clock is running", ...
    pub text: String,
    pub timer_left: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamView {
    /// The parameter's name, help and unit in the seat's language (`view::param_words`).
    pub name: String,
    pub help: String,
    pub unit: String,
    pub min: f64,
    pub max: f64,
    /// The value in force, or the default.
    pub value: f64,
}

impl ParamView {
    /// A parameter of `owner` (`catalog.<lever id>` or `move.<move id>`) at `value`.
    pub fn new(
        tr: &I18n,
        owner: &str,
        p: &crate::sim::interventions::ParamSpec,
        value: f64,
    ) -> Self {
        let (name, help, unit) = super::param_words(tr, owner, p);
        ParamView {
            name,
            help,
            unit,
            min: p.min,
            max: p.max,
            value,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectView {
    /// The outcome's name.
    pub label: String,
    /// Direction and strength as the catalog declares it (+2 = strongly up); pages draw arrows.
    pub sign: i8,
    pub tone: Tone,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeverView {
    pub id: &'static str,
    pub name: String,
    pub description: String,
    pub category: String,
    pub break_glass: bool,
    /// Can be limited to districts.
    pub districts_allowed: bool,
    pub on: bool,
    pub status: String,
    pub cost: String,
    /// Fits the team's budget now (or is already on).
    pub fits: bool,
    pub effects: Vec<EffectView>,
    pub side_effects: Vec<EffectView>,
    pub params: Vec<ParamView>,
    /// Districts it is limited to, by name (empty: the whole region).
    pub scope: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InjectView {
    pub seq: u32,
    pub turn: u32,
    pub from: String,
    pub to: String,
    pub text: String,
    pub expected: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartView {
    pub label: String,
    pub share: bool,
    pub ours: Vec<f64>,
    pub base: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionView {
    /// Position in the decision log (evaluators attach observations to it).
    pub index: usize,
    pub turn: u32,
    pub team: String,
    pub text: String,
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveView {
    pub id: String,
    pub text: String,
    /// The evaluator's rating (P/S/M/U), if given.
    pub rating: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservationView {
    pub turn: u32,
    pub about: String,
    pub text: String,
}

/// Everything one seat sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatView {
    pub role: &'static str,
    pub role_name: String,
    pub language: String,
    pub scenario: String,
    pub turn: u32,
    pub turns: u32,
    pub clock: String,
    pub phase: Phase,
    pub budget: Option<BudgetView>,
    /// The evaluator: every team's capacity use.
    pub budgets: Vec<BudgetView>,
    pub levers: Vec<LeverView>,
    pub injects: Vec<InjectView>,
    pub scoreboard: Vec<ScoreRow>,
    pub charts: Vec<ChartView>,
    pub districts: Vec<String>,
    pub feeds: Vec<Vec<PostView>>,
    pub decisions: Vec<DecisionView>,
    pub objectives: Vec<ObjectiveView>,
    pub observations: Vec<ObservationView>,
    /// The red cell's seat: what the organisation knows, its capacity and its moves.
    pub red: Option<super::red::RedView>,
    /// The page's own texts (keys `seat.*`), in the seat's language.
    pub strings: BTreeMap<String, String>,
}

/// The view of `role`, in `tr`'s language.
pub fn seat_view(
    tr: &I18n,
    scenario: &Scenario,
    world: &World,
    baseline: &World,
    room: &Room,
    session: Option<&SessionFile>,
    role: SeatRole,
) -> SeatView {
    let team = match role {
        SeatRole::Team(t) => Some(t),
        _ => None,
    };
    let (day, time) = clock(world.turn, world.spec.turn_hours);
    let sees_world = role != SeatRole::Observer;
    // The red cell sees what the organisation would know, not the platform's view.
    let red_cell = team == Some(Team::Perpetrators);
    let team = team.filter(|_| !red_cell);
    SeatView {
        role: role.id(),
        role_name: role.name(tr),
        language: tr.codes()[tr.current].to_string(),
        scenario: tr.scenario_name(scenario),
        turn: world.turn,
        turns: world.turns(),
        clock: tr.f("seat.clock", &[("day", day.to_string()), ("time", time)]),
        phase: phase(tr, world, room),
        budget: team.map(|t| budget(tr, world, t)),
        budgets: if role == SeatRole::Evaluator {
            Team::PLAYERS
                .iter()
                .map(|&t| budget(tr, world, t))
                .collect()
        } else {
            Vec::new()
        },
        levers: team.map_or(Vec::new(), |t| levers(tr, world, t)),
        injects: injects(scenario, world, role, tr.code()),
        scoreboard: if red_cell {
            Vec::new()
        } else {
            scoreboard(tr, &scenario.key_outcomes, world, baseline)
        },
        charts: if red_cell {
            Vec::new()
        } else {
            charts(tr, &scenario.key_outcomes, world, baseline)
        },
        districts: world
            .region
            .districts
            .iter()
            .map(|d| d.name.clone())
            .collect(),
        feeds: if sees_world {
            (0..world.region.districts.len())
                .map(|d| feed(tr, world, d))
                .collect()
        } else {
            Vec::new()
        },
        decisions: if sees_world && !red_cell {
            decisions(tr, world, team)
        } else {
            Vec::new()
        },
        objectives: if role == SeatRole::Evaluator {
            objectives(scenario, session, tr.code())
        } else {
            Vec::new()
        },
        observations: match (role, session) {
            (SeatRole::Evaluator, Some(s)) => s
                .notes
                .iter()
                .filter(|n| n.branch == s.current && n.author == SeatRole::Evaluator.id())
                .map(|n| ObservationView {
                    turn: n.turn,
                    about: n.about.clone(),
                    text: n.text.clone(),
                })
                .collect(),
            _ => Vec::new(),
        },
        red: red_cell.then(|| super::red::red_view(tr, world)),
        strings: tr.with_prefix("seat."),
    }
}

fn phase(tr: &I18n, world: &World, room: &Room) -> Phase {
    let playing = room.joined.len();
    let ready = room
        .ready
        .iter()
        .filter(|t| room.joined.contains(t))
        .count();
    let text = if world.finished() {
        tr.t("seat.phase.finished")
    } else if room.real_time && room.running {
        tr.t("seat.phase.real_time")
    } else if room.running {
        tr.t("seat.phase.running")
    } else if playing == 0 {
        // No team plays from a seat: they decide at the control room (an observer's view).
        tr.t("seat.phase.room")
    } else if ready == playing {
        tr.t("seat.phase.all_ready")
    } else {
        tr.f(
            "seat.phase.waiting",
            &[
                ("waiting", (playing - ready).to_string()),
                ("teams", playing.to_string()),
            ],
        )
    };
    Phase {
        real_time: room.real_time,
        running: room.running,
        finished: world.finished(),
        joined: room.joined.iter().map(|t| t.id()).collect(),
        ready: room.ready.iter().map(|t| t.id()).collect(),
        text,
        timer_left: room.timer_left,
    }
}

fn effects(tr: &I18n, list: &[(Outcome, i8)]) -> Vec<EffectView> {
    list.iter()
        .map(|&(o, sign)| EffectView {
            label: tr.outcome(o),
            sign,
            tone: effect_tone(o, sign),
        })
        .collect()
}

/// The team's levers in catalog order, break-glass measures last.
fn levers(tr: &I18n, world: &World, team: Team) -> Vec<LeverView> {
    let mut order: Vec<usize> = (0..CATALOG.len())
        .filter(|&i| CATALOG[i].team == team)
        .collect();
    order.sort_by_key(|&i| (CATALOG[i].break_glass, CATALOG[i].category as u8));
    order
        .into_iter()
        .map(|i| {
            let e = &CATALOG[i];
            let active = world.active.iter().find(|a| a.entry == i);
            let (status, on) = lever_status(tr, world, i);
            let (cost, fits) = cost_line(tr, world, i);
            LeverView {
                id: e.id,
                name: tr.entry_name(e),
                description: tr.entry_description(e),
                category: tr.t(&format!("category.{}", e.category.id())),
                break_glass: e.break_glass,
                districts_allowed: e.scope != ScopeKind::Region,
                on,
                status,
                cost,
                fits,
                effects: effects(tr, e.effects),
                side_effects: effects(tr, e.side_effects),
                params: e
                    .params
                    .iter()
                    .enumerate()
                    .map(|(k, p)| {
                        let value = active.and_then(|a| a.params.get(k).copied());
                        ParamView::new(
                            tr,
                            &format!("catalog.{}", e.id),
                            p,
                            value.unwrap_or(p.default),
                        )
                    })
                    .collect(),
                scope: match active.map(|a| &a.scope) {
                    Some(crate::sim::interventions::Scope::Districts(ds)) => ds
                        .iter()
                        .filter_map(|&d| world.region.districts.get(d as usize))
                        .map(|d| d.name.clone())
                        .collect(),
                    _ => Vec::new(),
                },
            }
        })
        .collect()
}

/// Fired injects the seat receives (a team: its own and those to everyone; the evaluator: all;
/// observers: those to everyone), newest first.
fn injects(scenario: &Scenario, world: &World, role: SeatRole, lang: &str) -> Vec<InjectView> {
    let mut out: Vec<InjectView> = scenario
        .injects
        .iter()
        .zip(&world.inject_states)
        .filter_map(|(spec, state)| {
            let turn = state.fired_turn?;
            let to_me = match role {
                SeatRole::Team(t) => spec.to == t.id() || spec.to == "all",
                SeatRole::Evaluator => true,
                SeatRole::Observer => spec.to == "all",
            };
            let (text, expected) = scenario.inject_in(lang, spec);
            to_me.then(|| InjectView {
                seq: spec.seq,
                turn,
                from: spec.from.clone(),
                to: spec.to.clone(),
                text: text.to_string(),
                expected: if role == SeatRole::Evaluator {
                    expected.to_string()
                } else {
                    String::new()
                },
            })
        })
        .collect();
    out.extend(world.adhoc.iter().map(|a| InjectView {
        seq: 0,
        turn: a.turn,
        from: "facilitator".into(),
        to: "all".into(),
        text: a.description.clone(),
        expected: String::new(),
    }));
    out.sort_by(|a, b| b.turn.cmp(&a.turn).then(b.seq.cmp(&a.seq)));
    out
}

fn charts(tr: &I18n, keys: &[String], world: &World, baseline: &World) -> Vec<ChartView> {
    crate::sim::metrics::key_first(keys, &CHARTS)
        .into_iter()
        .map(|o| ChartView {
            label: tr.outcome(o),
            share: o.unit() == "share",
            ours: world.series.iter().map(|v| v[o]).collect(),
            base: baseline.series.iter().map(|v| v[o]).collect(),
        })
        .collect()
}

/// Lever decisions in the log (a team sees its own; the evaluator every team's), newest first.
fn decisions(tr: &I18n, world: &World, team: Option<Team>) -> Vec<DecisionView> {
    let mut out: Vec<DecisionView> = world
        .log
        .iter()
        .enumerate()
        .filter(|(_, c)| team.is_none_or(|t| c.team == t))
        .filter_map(|(index, c)| {
            let entry = c.action.intervention()?;
            let confirmed = matches!(
                c.action,
                Action::Enable {
                    confirmed: true,
                    ..
                }
            );
            let mut text = super::decision_text(tr, c.team, c.action.verb(), entry);
            if confirmed {
                text.push_str(" ⚠");
            }
            Some(DecisionView {
                index,
                turn: c.turn,
                team: c.team.id().to_string(),
                text,
                rationale: c.rationale.clone(),
            })
        })
        .collect();
    out.reverse();
    out
}

fn objectives(
    scenario: &Scenario,
    session: Option<&SessionFile>,
    lang: &str,
) -> Vec<ObjectiveView> {
    scenario
        .objectives
        .iter()
        .map(|o| ObjectiveView {
            id: o.id.clone(),
            text: scenario.objective_in(lang, o).to_string(),
            rating: session.and_then(|s| {
                s.ratings
                    .iter()
                    .find(|r| r.objective == o.id && r.by == SeatRole::Evaluator.id())
                    .map(|r| r.rating.clone())
            }),
        })
        .collect()
}

/// A rehearsal of one inject: what every seat receives if inject `seq` fires now (and, with
/// `play_turn`, once the turn after it has been played), computed on copies of the worlds so
/// the session is left exactly as it was. Each seat's view before and after, in
/// `SeatRole::ALL` order.
pub fn rehearsal(
    tr: &I18n,
    scenario: &Scenario,
    world: &World,
    baseline: &World,
    seq: u32,
    play_turn: bool,
) -> Result<Vec<(SeatView, SeatView)>, String> {
    use crate::sim::command::Command;
    let room = Room::default();
    let before: Vec<SeatView> = SeatRole::ALL
        .iter()
        .map(|&r| seat_view(tr, scenario, world, baseline, &room, None, r))
        .collect();
    let (mut w, mut b) = (world.clone(), baseline.clone());
    w.apply(Command {
        turn: w.turn,
        team: Team::Facilitator,
        action: Action::FireInject { seq },
        rationale: "rehearsal".into(),
    })
    .map_err(|e| e.to_string())?;
    if play_turn && !w.finished() {
        w.step();
        b.step();
    }
    Ok(SeatRole::ALL
        .iter()
        .zip(before)
        .map(|(&r, was)| (was, seat_view(tr, scenario, &w, &b, &room, None, r)))
        .collect())
}
