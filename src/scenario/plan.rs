//! Plan files: a list of timed commands (enable / disable / set an intervention) with team,
//! scope and rationale. `run --plan`, `check`, the app's decision log export and replay use them.
//!
//! ```ron
//! Plan(
//!     name: "Slow the rumours, keep warnings flowing",
//!     commands: [
//!         (turn: 2, team: "platform", enable: "forwarding_limits", params: {"max_chats": 5},
//!          rationale: "Mass forwarding of the militia rumour"),
//!         (turn: 6, team: "crisis_leadership", enable: "disable_hashtags", confirm_break_glass: true,
//!          districts: ["Upper Vale"], rationale: "The call to attack trends under a hashtag"),
//!         (turn: 10, team: "platform", disable: "forwarding_limits", rationale: "Attacks have begun"),
//!     ],
//! )
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Checker, LoadError, Scenario, parse_ron, read_limited};
use crate::sim::command::{Action, Command};
use crate::sim::interventions::{self, Active, CATALOG, Scope, ScopeKind, Team};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename = "Plan", deny_unknown_fields)]
pub struct PlanSpec {
    #[serde(default)]
    pub name: String,
    pub commands: Vec<CommandSpec>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename = "Command", deny_unknown_fields)]
pub struct CommandSpec {
    pub turn: i64,
    pub team: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, f64>,
    /// Empty: the whole region.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub districts: Vec<String>,
    #[serde(default)]
    pub rationale: String,
    /// Required `true` to enable a break-glass measure.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirm_break_glass: bool,
    /// Facilitator: fire, skip or delay the scenario inject with this sequence number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fire_inject: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_inject: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_inject: Option<u32>,
    /// With delay_inject: by how many turns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turns: Option<i64>,
    /// Facilitator: an ad-hoc inject (its description), with an optional effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adhoc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<super::EventKind>,
    /// Facilitator: lift (`true`) or restore (`false`) the teams' capacity budgets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waive_budgets: Option<bool>,
    /// Facilitator: hand the red cell to `"automatic"` (the automatic adversary) or `"players"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub red_cell: Option<String>,
    /// Red cell (team `perpetrators`): a perpetrator move (`breakglass catalog --red`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub red: Option<String>,
    /// With `red: "shift_effort"`: the channels effort moves from and to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// Read and validate a plan against the scenario it will run on.
pub fn load_plan(path: &Path, scenario: &Scenario) -> Result<Vec<Command>, LoadError> {
    let text = read_limited(path)?;
    plan_from_str(&path.display().to_string(), &text, scenario)
}

pub fn plan_from_str(
    file: &str,
    text: &str,
    scenario: &Scenario,
) -> Result<Vec<Command>, LoadError> {
    let spec: PlanSpec = parse_ron(file, text)?;
    let (commands, problems) = validate_plan(&spec, scenario);
    if problems.is_empty() {
        return Ok(commands);
    }
    Err(super::located(file, text, problems))
}

/// Levenshtein distance in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Closest catalog id by edit distance, for "did you mean".
pub(crate) fn suggest(id: &str) -> Option<&'static str> {
    CATALOG
        .iter()
        .map(|e| (edit_distance(id, e.id), e.id))
        .min()
        .filter(|(d, _)| *d <= 4)
        .map(|(_, id)| id)
}

/// Every problem of a plan (as path, message), and the commands when there are none.
pub fn validate_plan(
    spec: &PlanSpec,
    scenario: &Scenario,
) -> (Vec<Command>, Vec<(String, String)>) {
    let mut c = Checker::default();
    let district_names: Vec<&str> = scenario.districts.iter().map(|d| d.name.as_str()).collect();
    let commands: Vec<(usize, Command)> = spec
        .commands
        .iter()
        .enumerate()
        .filter_map(|(i, cs)| {
            command_from_spec(i, cs, scenario, &district_names, &mut c).map(|cmd| (i, cmd))
        })
        .collect();
    let mut commands = commands;
    red_sequence(&mut commands, &mut c);
    replay_sequence(&commands, scenario, &mut c);
    (commands.into_iter().map(|(_, c)| c).collect(), c.problems)
}

/// One plan line as a command, or `None` with its problems pushed.
/// A command's turn (inside the exercise) and team (one that exists).
fn turn_and_team(i: usize, cs: &CommandSpec, scenario: &Scenario, c: &mut Checker) -> Option<Team> {
    let at = |f: &str| format!("commands[{i}].{f}");
    if cs.turn < 0 || cs.turn >= scenario.turns {
        c.push(
            at("turn"),
            format!(
                "turn {} is past the end of the exercise (turns 0..{})",
                cs.turn,
                scenario.turns - 1
            ),
        );
    }
    let team = Team::from_id(&cs.team);
    if team.is_none() {
        c.push(
            at("team"),
            format!(
                "unknown team \"{}\" (teams: platform, crisis_leadership, policy_makers, civil_society, facilitator, perpetrators)",
                cs.team
            ),
        );
    }
    team
}

fn command_from_spec(
    i: usize,
    cs: &CommandSpec,
    scenario: &Scenario,
    district_names: &[&str],
    c: &mut Checker,
) -> Option<Command> {
    let at = |f: &str| format!("commands[{i}].{f}");
    let before = c.problems.len();
    let team = turn_and_team(i, cs, scenario, c);
    let facilitator_verbs = [
        ("fire_inject", cs.fire_inject.is_some()),
        ("skip_inject", cs.skip_inject.is_some()),
        ("delay_inject", cs.delay_inject.is_some()),
        ("adhoc", cs.adhoc.is_some()),
        ("waive_budgets", cs.waive_budgets.is_some()),
        ("red_cell", cs.red_cell.is_some()),
    ];
    let verbs: Vec<(&str, &String)> = [
        ("enable", &cs.enable),
        ("disable", &cs.disable),
        ("set", &cs.set),
    ]
    .into_iter()
    .filter_map(|(v, id)| id.as_ref().map(|id| (v, id)))
    .collect();
    let n_facilitator = facilitator_verbs.iter().filter(|(_, on)| *on).count();
    let n_red = usize::from(cs.red.is_some());
    if verbs.len() + n_facilitator + n_red != 1 {
        c.push(
            format!("commands[{i}]"),
            if verbs.len() + n_facilitator + n_red == 0 {
                "needs one of enable, disable, set, red, fire_inject, skip_inject, delay_inject, adhoc, waive_budgets or red_cell"
            } else {
                "give only one of enable, disable, set, red, fire_inject, skip_inject, delay_inject, adhoc, waive_budgets or red_cell per command"
            },
        );
        return None;
    }
    if let Some(id) = &cs.red {
        return red_command(i, cs, id, team, scenario, district_names, c, before);
    }
    if n_facilitator == 1 {
        if team.is_some_and(|t| t != Team::Facilitator) {
            c.push(
                at("team"),
                "only the facilitator can fire, skip or delay injects, write ad-hoc ones, waive budgets or hand the red cell over",
            );
        }
        let action = facilitator_action(i, cs, scenario, district_names, c);
        return (c.problems.len() == before).then(|| Command {
            turn: cs.turn as u32,
            team: Team::Facilitator,
            action,
            rationale: cs.rationale.clone(),
        });
    }
    let (verb, id) = verbs[0];
    lever_command(i, cs, (verb, id), team, district_names, c, before)
}

/// A lever's command (enable, disable or set `id`), every problem with it named; none if the
/// command has any problem since `before`.
fn lever_command(
    i: usize,
    cs: &CommandSpec,
    (verb, id): (&str, &String),
    team: Option<Team>,
    district_names: &[&str],
    c: &mut Checker,
    before: usize,
) -> Option<Command> {
    let at = |f: &str| format!("commands[{i}].{f}");
    let Some(index) = interventions::index_of(id) else {
        let hint = suggest(id).map_or(String::new(), |s| format!(" (did you mean \"{s}\"?)"));
        c.push(at(verb), format!("unknown intervention \"{id}\"{hint}"));
        return None;
    };
    let entry = &CATALOG[index];
    if let Some(team) = team
        && team != Team::Facilitator
        && team != entry.team
    {
        c.push(
            at("team"),
            format!(
                "\"{}\" belongs to the {} team, not {}",
                entry.id,
                entry.team.id(),
                team.id()
            ),
        );
    }
    let params = lever_params(i, cs, entry, c);
    let districts = lever_districts(i, cs, district_names, c);
    lever_checks(i, cs, verb, entry, c);
    if c.problems.len() > before {
        return None;
    }
    let action = lever_action(verb, index, params, districts, cs.confirm_break_glass);
    Some(Command {
        turn: cs.turn as u32,
        team: team.unwrap_or(Team::Facilitator),
        action,
        rationale: cs.rationale.clone(),
    })
}

/// A facilitator's line (fire, skip or delay an inject, an ad-hoc inject, the budget waiver).
/// What a lever line may not combine: districts other than when enabling (or on a
/// platform-wide lever), a break-glass measure without its confirmation, parameters on a lift.
fn lever_checks(
    i: usize,
    cs: &CommandSpec,
    verb: &str,
    entry: &interventions::Entry,
    c: &mut Checker,
) {
    let at = |f: &str| format!("commands[{i}].{f}");
    if !cs.districts.is_empty() && (verb != "enable" || entry.scope == ScopeKind::Region) {
        c.push(
            at("districts"),
            if verb != "enable" {
                "districts can only be chosen when enabling".to_string()
            } else {
                format!(
                    "\"{}\" acts platform-wide and cannot be limited to districts",
                    entry.id
                )
            },
        );
    }
    if verb == "enable" && entry.break_glass && !cs.confirm_break_glass {
        c.push(
            at(verb),
            format!(
                "\"{}\" is a break-glass measure: add confirm_break_glass: true (and a rationale) to deploy it",
                entry.id
            ),
        );
    }
    if verb == "disable" && !cs.params.is_empty() {
        c.push(at("params"), "disable takes no parameters");
    }
}

/// The action a checked lever line means.
fn lever_action(
    verb: &str,
    index: usize,
    params: Vec<f64>,
    districts: Vec<u16>,
    confirmed: bool,
) -> Action {
    match verb {
        "enable" => Action::Enable {
            entry: index,
            params,
            scope: if districts.is_empty() {
                Scope::Region
            } else {
                Scope::Districts(districts)
            },
            confirmed,
        },
        "disable" => Action::Disable { entry: index },
        _ => Action::Set {
            entry: index,
            params,
        },
    }
}

fn facilitator_action(
    i: usize,
    cs: &CommandSpec,
    scenario: &Scenario,
    district_names: &[&str],
    c: &mut Checker,
) -> Action {
    let at = |f: &str| format!("commands[{i}].{f}");
    let known_seq = |c: &mut Checker, field: &str, seq: u32| {
        if !scenario.injects.iter().any(|x| x.seq == seq) {
            c.push(at(field), format!("the scenario has no inject {seq}"));
        }
    };
    if let Some(seq) = cs.fire_inject {
        known_seq(c, "fire_inject", seq);
        Action::FireInject { seq }
    } else if let Some(seq) = cs.skip_inject {
        known_seq(c, "skip_inject", seq);
        Action::SkipInject { seq }
    } else if let Some(seq) = cs.delay_inject {
        known_seq(c, "delay_inject", seq);
        let turns = cs.turns.unwrap_or(1);
        if !(1..=1000).contains(&turns) {
            c.push(
                at("turns"),
                format!("a delay must be 1 to 1000 turns, got {turns}"),
            );
        }
        Action::DelayInject {
            seq,
            turns: turns.clamp(1, 1000) as u32,
        }
    } else if let Some(waived) = cs.waive_budgets {
        Action::WaiveBudgets { waived }
    } else if let Some(who) = &cs.red_cell {
        if who != "automatic" && who != "players" {
            c.push(
                at("red_cell"),
                format!("red_cell is \"automatic\" or \"players\", got \"{who}\""),
            );
        }
        Action::RedCell {
            automatic: who == "automatic",
        }
    } else {
        // Ad-hoc effects change the world like scenario events: the same checks.
        // An effect with a problem is not lowered (the plan is refused with the problem).
        let effect = cs.effect.as_ref().and_then(|effect| {
            let before = c.problems.len();
            let known = super::district_check(district_names);
            super::check_event(c, &at("effect"), effect, &known);
            (c.problems.len() == before).then(|| super::lower::event(effect, scenario))
        });
        Action::AdHoc {
            description: cs.adhoc.clone().unwrap_or_default(),
            effect,
        }
    }
}

/// A lever's parameters: the catalog's defaults with the plan's values, each checked.
fn lever_params(
    i: usize,
    cs: &CommandSpec,
    entry: &interventions::Entry,
    c: &mut Checker,
) -> Vec<f64> {
    named_params(i, cs, (entry.id, entry.params), c)
}

/// Parameters `specs` of `id` (a lever or a move): defaults with the plan's values by name, each
/// checked against its range; an unknown name is a problem naming the ones there are.
fn named_params(
    i: usize,
    cs: &CommandSpec,
    (id, specs): (&str, &[interventions::ParamSpec]),
    c: &mut Checker,
) -> Vec<f64> {
    let mut params: Vec<f64> = specs.iter().map(|p| p.default).collect();
    for (name, value) in &cs.params {
        match specs.iter().position(|p| p.name == name) {
            Some(k) => {
                let spec = &specs[k];
                if !(spec.min..=spec.max).contains(value) {
                    c.push(
                        format!("commands[{i}].params.{name}"),
                        format!(
                            "{name} of \"{id}\" must be between {} and {}, got {value}",
                            spec.min, spec.max
                        ),
                    );
                }
                params[k] = *value;
            }
            None => {
                let known: Vec<&str> = specs.iter().map(|p| p.name).collect();
                c.push(
                    format!("commands[{i}].params.{name}"),
                    if known.is_empty() {
                        format!("\"{id}\" takes no parameters")
                    } else {
                        format!(
                            "\"{id}\" has no parameter {name} (it has: {})",
                            known.join(", ")
                        )
                    },
                );
            }
        }
    }
    params
}

/// The districts a lever is limited to, by index.
fn lever_districts(
    i: usize,
    cs: &CommandSpec,
    district_names: &[&str],
    c: &mut Checker,
) -> Vec<u16> {
    let mut districts = Vec::new();
    for (k, name) in cs.districts.iter().enumerate() {
        match district_names.iter().position(|d| d == name) {
            Some(d) => districts.push(d as u16),
            None => c.push(
                format!("commands[{i}].districts[{k}]"),
                format!(
                    "unknown district \"{name}\" (known: {})",
                    district_names.join(", ")
                ),
            ),
        }
    }
    districts
}

/// A red cell's line (`red: "<move>"`): its move, team, parameters and target, every problem
/// named; none if the command has any problem since `before`.
#[allow(clippy::too_many_arguments)]
fn red_command(
    i: usize,
    cs: &CommandSpec,
    id: &str,
    team: Option<Team>,
    scenario: &Scenario,
    district_names: &[&str],
    c: &mut Checker,
    before: usize,
) -> Option<Command> {
    use crate::sim::red::{self, MOVES, TargetKind};
    let at = |f: &str| format!("commands[{i}].{f}");
    let Some(mv) = red::index_of(id) else {
        let known: Vec<&str> = MOVES.iter().map(|m| m.id).collect();
        c.push(
            at("red"),
            format!(
                "unknown perpetrator move \"{id}\" (moves: {})",
                known.join(", ")
            ),
        );
        return None;
    };
    let m = &MOVES[mv];
    if team.is_some_and(|t| t != Team::Perpetrators) {
        c.push(
            at("team"),
            format!(
                "\"{id}\" is a perpetrator move: only team \"perpetrators\" (the red cell) plays it, not {}",
                cs.team
            ),
        );
    }
    let spec = crate::sim::spec::WorldSpec::from(scenario);
    if let Some(what) = red::missing(&spec, m.needs) {
        c.push(
            at("red"),
            format!("\"{id}\" needs {what}, which this scenario does not have"),
        );
    }
    let params = named_params(i, cs, (m.id, m.params), c);
    let target = red_target(i, cs, m, (&spec, district_names), c);
    if m.target != TargetKind::Channels && (cs.from.is_some() || cs.to.is_some()) {
        c.push(
            at("from"),
            format!("\"{id}\" moves no effort between channels: from and to are for shift_effort"),
        );
    }
    if m.target != TargetKind::District && !cs.districts.is_empty() {
        c.push(
            at("districts"),
            format!("\"{id}\" is not aimed at a district"),
        );
    }
    if c.problems.len() > before {
        return None;
    }
    Some(Command {
        turn: cs.turn as u32,
        team: Team::Perpetrators,
        action: Action::Red {
            mv,
            params,
            target: target?,
        },
        rationale: cs.rationale.clone(),
    })
}

/// A red line's target: its channels (`from`, `to`) or its one district, each checked.
fn red_target(
    i: usize,
    cs: &CommandSpec,
    m: &crate::sim::red::Move,
    (spec, district_names): (&crate::sim::spec::WorldSpec, &[&str]),
    c: &mut Checker,
) -> Option<crate::sim::red::Target> {
    use crate::sim::red::{Target, TargetKind};
    let at = |f: &str| format!("commands[{i}].{f}");
    match m.target {
        TargetKind::Channels => {
            let from = red_channel((i, "from"), m.id, &cs.from, spec, c);
            let to = red_channel((i, "to"), m.id, &cs.to, spec, c);
            if from.is_some() && from == to {
                c.push(
                    at("to"),
                    format!("\"{}\" moves effort between two different channels", m.id),
                );
            }
            from.zip(to).map(|(from, to)| Target::Channels { from, to })
        }
        TargetKind::District => {
            if cs.districts.len() != 1 {
                c.push(at("districts"), format!("\"{}\" needs one district", m.id));
                None
            } else {
                lever_districts(i, cs, district_names, c)
                    .first()
                    .map(|&d| Target::District(d as usize))
            }
        }
        TargetKind::None => Some(Target::None),
    }
}

/// The channel a red line names in `field`: one there is, and one the scenario has.
fn red_channel(
    (i, field): (usize, &str),
    id: &str,
    name: &Option<String>,
    spec: &crate::sim::spec::WorldSpec,
    c: &mut Checker,
) -> Option<crate::sim::red::Channel> {
    use crate::sim::red::{self, Channel};
    let at = format!("commands[{i}].{field}");
    let known: Vec<&str> = Channel::ALL.iter().map(|c| c.id()).collect();
    let Some(n) = name else {
        c.push(
            at,
            format!("\"{id}\" needs {field}: one of {}", known.join(", ")),
        );
        return None;
    };
    let Some(ch) = Channel::from_id(n) else {
        c.push(
            at,
            format!("unknown channel \"{n}\" (channels: {})", known.join(", ")),
        );
        return None;
    };
    if !red::has_channel(spec, ch) {
        c.push(
            at,
            format!("this scenario's platform or campaign has no {n} channel"),
        );
    }
    Some(ch)
}

/// A plan's red moves must fit the most capacity the organisation can ever have in a turn; a
/// plan with red moves plays the red cell from turn 0 unless it hands it over itself.
fn red_sequence(commands: &mut Vec<(usize, Command)>, c: &mut Checker) {
    use crate::sim::red::{BUDGET_AT_START, BUDGET_GROWTH_CAP, MOVES};
    let most = (BUDGET_AT_START * BUDGET_GROWTH_CAP).round() as u32;
    let mut per_turn: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
    for (i, cmd) in commands.iter() {
        if let Action::Red { mv, .. } = cmd.action {
            let e = per_turn.entry(cmd.turn).or_insert((0, *i));
            e.0 += MOVES[mv].cost as u32;
            e.1 = *i;
        }
    }
    for (turn, (cost, i)) in per_turn.iter() {
        if *cost > most {
            c.push(
                format!("commands[{i}].red"),
                format!(
                    "the red moves of turn {turn} cost {cost} points; the organisation never has more than {most} in a turn"
                ),
            );
        }
    }
    let plays_red = !per_turn.is_empty();
    let hands_over = commands
        .iter()
        .any(|(_, cmd)| matches!(cmd.action, Action::RedCell { .. }));
    if plays_red && !hands_over {
        commands.insert(
            0,
            (
                usize::MAX,
                Command {
                    turn: 0,
                    team: Team::Facilitator,
                    action: Action::RedCell { automatic: false },
                    rationale: "the plan plays the red cell".into(),
                },
            ),
        );
    }
}

/// Replay the plan's own sequence: enabling twice, lifting what is not in force, or going over
/// a team's budget is an error (with the same lead times and capacity levers as the model).
fn replay_sequence(commands: &[(usize, Command)], scenario: &Scenario, c: &mut Checker) {
    let mut order: Vec<usize> = (0..commands.len()).collect();
    order.sort_by_key(|&k| commands[k].1.turn);
    let mut active: Vec<Active> = scenario
        .prepared
        .iter()
        .filter_map(|p| interventions::index_of(&p.id))
        .map(|entry| Active::planned(entry, 0, 0))
        .collect();
    let mut waived = false;
    for k in order {
        let (i, cmd) = &commands[k];
        if let Action::WaiveBudgets { waived: w } = cmd.action {
            waived = w;
        }
        let Some(entry) = cmd.action.intervention() else {
            continue;
        };
        let id = CATALOG[entry].id;
        let in_force = active.iter().any(|a| a.entry == entry);
        match &cmd.action {
            Action::Enable { .. } => {
                if in_force {
                    c.push(
                        format!("commands[{i}].enable"),
                        format!("\"{id}\" is already in force at turn {}", cmd.turn),
                    );
                } else if let Some((needed, available, budget)) = (!waived)
                    .then(|| {
                        interventions::over_budget(&scenario.budgets, &active, entry, cmd.turn)
                    })
                    .flatten()
                {
                    let e = &CATALOG[entry];
                    c.push(
                        format!("commands[{i}].enable"),
                        format!(
                            "\"{id}\" needs {needed} point(s) of the {} team's capacity at turn {} ({} to deploy, {} per turn) but only {available} of {budget} are left: lift another of its measures first, or add a facilitator command with waive_budgets: true",
                            e.team.id(),
                            cmd.turn,
                            e.cost.deploy,
                            e.cost.upkeep
                        ),
                    );
                } else {
                    let lead = interventions::lead_time(&CATALOG[entry], &active, cmd.turn);
                    active.push(Active::planned(entry, cmd.turn, cmd.turn + lead));
                }
            }
            _ => {
                if !in_force {
                    c.push(
                        format!("commands[{i}].{}", cmd.action.verb()),
                        format!("\"{id}\" is not in force at turn {}", cmd.turn),
                    );
                } else if matches!(cmd.action, Action::Disable { .. }) {
                    active.retain(|a| a.entry != entry);
                }
            }
        }
    }
}

/// A command as a plan entry (district indices back to names).
pub fn to_spec(cmd: &Command, scenario: &Scenario) -> CommandSpec {
    let mut spec = CommandSpec {
        turn: cmd.turn as i64,
        team: cmd.team.id().to_string(),
        rationale: cmd.rationale.clone(),
        ..Default::default()
    };
    let Some(entry) = cmd.action.intervention() else {
        match &cmd.action {
            Action::FireInject { seq } => spec.fire_inject = Some(*seq),
            Action::SkipInject { seq } => spec.skip_inject = Some(*seq),
            Action::DelayInject { seq, turns } => {
                spec.delay_inject = Some(*seq);
                spec.turns = Some(*turns as i64);
            }
            Action::AdHoc {
                description,
                effect,
            } => {
                spec.adhoc = Some(description.clone());
                spec.effect = effect
                    .as_ref()
                    .map(|e| super::lower::event_spec(e, scenario));
            }
            Action::WaiveBudgets { waived } => spec.waive_budgets = Some(*waived),
            Action::RedCell { automatic } => {
                spec.red_cell = Some(if *automatic { "automatic" } else { "players" }.into())
            }
            Action::Red { mv, params, target } => {
                red_spec(&mut spec, (*mv, params, target), scenario)
            }
            _ => {}
        }
        return spec;
    };
    let entry = &CATALOG[entry];
    let named = |params: &[f64]| -> BTreeMap<String, f64> {
        entry
            .params
            .iter()
            .zip(params)
            .map(|(p, v)| (p.name.to_string(), *v))
            .collect()
    };
    match &cmd.action {
        Action::Enable {
            params,
            scope,
            confirmed,
            ..
        } => {
            spec.enable = Some(entry.id.to_string());
            spec.params = named(params);
            spec.confirm_break_glass = *confirmed;
            if let Scope::Districts(ds) = scope {
                spec.districts = ds
                    .iter()
                    .filter_map(|&d| scenario.districts.get(d as usize).map(|x| x.name.clone()))
                    .collect();
            }
        }
        Action::Disable { .. } => spec.disable = Some(entry.id.to_string()),
        Action::Set { params, .. } => {
            spec.set = Some(entry.id.to_string());
            spec.params = named(params);
        }
        _ => {}
    }
    spec
}

/// A red move as a plan line: its id, named parameters, channels or district by name.
fn red_spec(
    spec: &mut CommandSpec,
    (mv, params, target): (usize, &[f64], &crate::sim::red::Target),
    scenario: &Scenario,
) {
    use crate::sim::red::{MOVES, Target};
    let m = &MOVES[mv];
    spec.red = Some(m.id.to_string());
    spec.params = m
        .params
        .iter()
        .zip(params)
        .map(|(p, v)| (p.name.to_string(), *v))
        .collect();
    match target {
        Target::Channels { from, to } => {
            spec.from = Some(from.id().into());
            spec.to = Some(to.id().into());
        }
        Target::District(d) => {
            spec.districts = scenario
                .districts
                .get(*d)
                .map(|x| x.name.clone())
                .into_iter()
                .collect();
        }
        Target::None => {}
    }
}

/// A decision log as plan text that `run --plan` replays.
pub fn to_ron(name: &str, commands: &[Command], scenario: &Scenario) -> String {
    let plan = PlanSpec {
        name: name.to_string(),
        commands: commands.iter().map(|c| to_spec(c, scenario)).collect(),
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(&plan, config).unwrap_or_default()
}

/// Does this RON text look like a plan (top-level `Plan(`) rather than a scenario?
pub fn looks_like_plan(text: &str) -> bool {
    let body = text
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//") && !l.starts_with("#!") && !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    body.trim_start().starts_with("Plan")
}
