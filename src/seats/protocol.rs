//! The seat protocol: JSON messages over one WebSocket per browser tab. A seat's decisions become
//! the same `Command`s as the control room's, checked by the same `World::check` and answered
//! with the same messages. Every text field is bounded; anything malformed is refused with an
//! error and changes nothing.

use serde::{Deserialize, Serialize};

use crate::sim::World;
use crate::sim::command::{Action, Command, CommandError};
use crate::sim::interventions::{self, CATALOG, Scope, Team};

/// The largest message a seat may send (bytes); the WebSocket layer refuses bigger ones.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024;
/// The longest rationale, observation or comment (characters).
pub const MAX_TEXT_CHARS: usize = 2000;
const MAX_NAME_CHARS: usize = 80;
const MAX_LIST: usize = 64;

/// What a seat sends.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// The first message: the seat's join code and the language it reads.
    Join {
        code: String,
        #[serde(default)]
        language: String,
    },
    /// Put a lever in force. `params` default to the catalog's; `districts` (names) limit it.
    Enable {
        id: String,
        #[serde(default)]
        params: Option<Vec<f64>>,
        #[serde(default)]
        districts: Vec<String>,
        /// Break-glass measures need it.
        #[serde(default)]
        confirm: bool,
        #[serde(default)]
        rationale: String,
        /// Echoed in the acknowledgement.
        #[serde(default, rename = "ref")]
        reference: u64,
    },
    Disable {
        id: String,
        #[serde(default)]
        rationale: String,
        #[serde(default, rename = "ref")]
        reference: u64,
    },
    /// New parameters for a lever in force.
    Set {
        id: String,
        params: Vec<f64>,
        #[serde(default)]
        rationale: String,
        #[serde(default, rename = "ref")]
        reference: u64,
    },
    /// The red cell: play a perpetrator move (`breakglass catalog --red`). `params` default to
    /// the move's; `from`/`to` are channels (shift_effort), `district` a district's name.
    Move {
        id: String,
        #[serde(default)]
        params: Option<Vec<f64>>,
        #[serde(default)]
        from: String,
        #[serde(default)]
        to: String,
        #[serde(default)]
        district: String,
        #[serde(default)]
        rationale: String,
        #[serde(default, rename = "ref")]
        reference: u64,
    },
    /// The team is done deciding this turn (or not any more).
    Ready {
        ready: bool,
        #[serde(default, rename = "ref")]
        reference: u64,
    },
    /// Read in another language from now on.
    Language { code: String },
    /// Evaluator: an observation about an inject ("inject 3"), a decision ("decision 5") or the
    /// turn in general ("").
    Observe {
        #[serde(default)]
        about: String,
        text: String,
        #[serde(default, rename = "ref")]
        reference: u64,
    },
    /// Evaluator: rate an objective P, S, M or U.
    Rate {
        objective: String,
        rating: String,
        #[serde(default)]
        comment: String,
        #[serde(default, rename = "ref")]
        reference: u64,
    },
}

impl ClientMsg {
    /// The reference the seat gave (0 when none).
    pub fn reference(&self) -> u64 {
        match self {
            ClientMsg::Enable { reference, .. }
            | ClientMsg::Disable { reference, .. }
            | ClientMsg::Set { reference, .. }
            | ClientMsg::Move { reference, .. }
            | ClientMsg::Ready { reference, .. }
            | ClientMsg::Observe { reference, .. }
            | ClientMsg::Rate { reference, .. } => *reference,
            _ => 0,
        }
    }
}

/// What the host sends besides views.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// After a good join code (the view follows).
    Welcome { role: String },
    /// The answer to a decision, observation or rating: sent once it is saved.
    Ack {
        #[serde(rename = "ref")]
        reference: u64,
        ok: bool,
        message: String,
    },
    /// A message that could not be read or is not allowed; nothing changed.
    Error { message: String },
}

impl ServerMsg {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"type\":\"error\"}".into())
    }
}

/// Parse one message and check its bounds.
pub fn parse(text: &str) -> Result<ClientMsg, String> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(format!(
            "message of {} bytes is over the limit of {MAX_MESSAGE_BYTES}",
            text.len()
        ));
    }
    let msg: ClientMsg =
        serde_json::from_str(text).map_err(|e| format!("not a seat message: {e}"))?;
    let too_long = |what: &str, s: &str, max: usize| {
        (s.chars().count() > max).then(|| format!("{what} is longer than {max} characters"))
    };
    let problem = match &msg {
        ClientMsg::Join { code, language } => {
            too_long("code", code, MAX_NAME_CHARS).or(too_long("language", language, 8))
        }
        ClientMsg::Enable {
            id,
            params,
            districts,
            rationale,
            ..
        } => too_long("id", id, MAX_NAME_CHARS)
            .or(too_long("rationale", rationale, MAX_TEXT_CHARS))
            .or((districts.len() > MAX_LIST).then(|| "too many districts".to_string()))
            .or(districts
                .iter()
                .find_map(|d| too_long("district", d, MAX_NAME_CHARS)))
            .or(params
                .as_ref()
                .filter(|p| p.len() > MAX_LIST)
                .map(|_| "too many parameters".to_string())),
        ClientMsg::Disable { id, rationale, .. } => {
            too_long("id", id, MAX_NAME_CHARS).or(too_long("rationale", rationale, MAX_TEXT_CHARS))
        }
        ClientMsg::Set {
            id,
            params,
            rationale,
            ..
        } => too_long("id", id, MAX_NAME_CHARS)
            .or(too_long("rationale", rationale, MAX_TEXT_CHARS))
            .or((params.len() > MAX_LIST).then(|| "too many parameters".to_string())),
        ClientMsg::Move {
            id,
            params,
            from,
            to,
            district,
            rationale,
            ..
        } => too_long("id", id, MAX_NAME_CHARS)
            .or(too_long("from", from, MAX_NAME_CHARS))
            .or(too_long("to", to, MAX_NAME_CHARS))
            .or(too_long("district", district, MAX_NAME_CHARS))
            .or(too_long("rationale", rationale, MAX_TEXT_CHARS))
            .or(params
                .as_ref()
                .filter(|p| p.len() > MAX_LIST)
                .map(|_| "too many parameters".to_string())),
        ClientMsg::Ready { .. } => None,
        ClientMsg::Language { code } => too_long("language", code, 8),
        ClientMsg::Observe { about, text, .. } => {
            too_long("about", about, MAX_NAME_CHARS).or(too_long("text", text, MAX_TEXT_CHARS))
        }
        ClientMsg::Rate {
            objective,
            rating,
            comment,
            ..
        } => too_long("objective", objective, MAX_NAME_CHARS)
            .or(too_long("rating", rating, 1))
            .or(too_long("comment", comment, MAX_TEXT_CHARS)),
    };
    match problem {
        Some(p) => Err(p),
        None => Ok(msg),
    }
}

/// Why a seat's decision was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SeatError {
    #[error("no intervention \"{0}\" in the catalog")]
    UnknownLever(String),
    #[error("no district named \"{0}\"")]
    UnknownDistrict(String),
    #[error("\"{0}\" is a break-glass measure: tick the confirmation and give a rationale")]
    NeedsConfirmation(&'static str),
    #[error("{0}")]
    Command(#[from] CommandError),
    #[error("only lever decisions become commands")]
    NotADecision,
    #[error("no perpetrator move \"{0}\" (breakglass catalog --red lists them)")]
    UnknownMove(String),
    #[error("no channel \"{0}\" (feed, hashtags, groups, forwards, ads, off_platform)")]
    UnknownChannel(String),
}

/// The `Command` a team's decision means now, or why it cannot be one. The world's own checks
/// (team, budget, parameters, in force or not) run here too, with the control room's messages;
/// only the confirmation is worded for a seat.
pub fn to_command(world: &World, team: Team, msg: &ClientMsg) -> Result<Command, SeatError> {
    let entry_of = |id: &str| {
        interventions::index_of(id).ok_or_else(|| SeatError::UnknownLever(id.to_string()))
    };
    let (action, rationale) = match msg {
        ClientMsg::Enable {
            id,
            params,
            districts,
            confirm,
            rationale,
            ..
        } => (
            enable_action(world, entry_of(id)?, params, districts, *confirm, rationale)?,
            rationale,
        ),
        ClientMsg::Disable { id, rationale, .. } => (
            Action::Disable {
                entry: entry_of(id)?,
            },
            rationale,
        ),
        ClientMsg::Set {
            id,
            params,
            rationale,
            ..
        } => (
            Action::Set {
                entry: entry_of(id)?,
                params: params.clone(),
            },
            rationale,
        ),
        ClientMsg::Move {
            id,
            params,
            from,
            to,
            district,
            rationale,
            ..
        } => (
            red_action(world, id, params, (from, to), district)?,
            rationale,
        ),
        _ => return Err(SeatError::NotADecision),
    };
    let cmd = Command {
        turn: world.turn,
        team,
        action,
        rationale: rationale.trim().to_string(),
    };
    world.check(&cmd)?;
    Ok(cmd)
}

/// An "enable" as an action: the break-glass confirmation worded for a seat, districts by name,
/// the catalog's defaults for parameters not sent.
fn enable_action(
    world: &World,
    entry: usize,
    params: &Option<Vec<f64>>,
    districts: &[String],
    confirm: bool,
    rationale: &str,
) -> Result<Action, SeatError> {
    let e = &CATALOG[entry];
    if e.break_glass && (!confirm || rationale.trim().is_empty()) {
        return Err(SeatError::NeedsConfirmation(e.id));
    }
    let scope = if districts.is_empty() {
        Scope::Region
    } else {
        let mut ds = Vec::with_capacity(districts.len());
        for name in districts {
            let d = world
                .region
                .districts
                .iter()
                .position(|x| x.name == *name)
                .ok_or_else(|| SeatError::UnknownDistrict(name.clone()))?;
            if !ds.contains(&(d as u16)) {
                ds.push(d as u16);
            }
        }
        Scope::Districts(ds)
    };
    let params = params
        .clone()
        .unwrap_or_else(|| e.params.iter().map(|p| p.default).collect());
    Ok(Action::Enable {
        entry,
        params,
        scope,
        confirmed: confirm,
    })
}

/// A red cell's move as an action: its target read from names.
fn red_action(
    world: &World,
    id: &str,
    params: &Option<Vec<f64>>,
    (from, to): (&str, &str),
    district: &str,
) -> Result<Action, SeatError> {
    use crate::sim::red::{self, Channel, MOVES, Target, TargetKind};
    let mv = red::index_of(id).ok_or_else(|| SeatError::UnknownMove(id.to_string()))?;
    let m = &MOVES[mv];
    let channel =
        |c: &str| Channel::from_id(c).ok_or_else(|| SeatError::UnknownChannel(c.to_string()));
    let target = match m.target {
        TargetKind::None => Target::None,
        TargetKind::Channels => Target::Channels {
            from: channel(from)?,
            to: channel(to)?,
        },
        TargetKind::District => Target::District(
            world
                .region
                .districts
                .iter()
                .position(|x| x.name == district)
                .ok_or_else(|| SeatError::UnknownDistrict(district.to_string()))?,
        ),
    };
    Ok(Action::Red {
        mv,
        params: params.clone().unwrap_or_else(|| m.defaults()),
        target,
    })
}

/// Is this message a decision (a lever change or a red move)?
pub fn is_decision(msg: &ClientMsg) -> bool {
    matches!(
        msg,
        ClientMsg::Enable { .. }
            | ClientMsg::Disable { .. }
            | ClientMsg::Set { .. }
            | ClientMsg::Move { .. }
    )
}

/// A lever's name in `tr`'s language, from its catalog id.
fn lever_name(tr: &crate::view::I18n, id: &str) -> String {
    interventions::index_of(id).map_or(id.to_string(), |e| {
        tr.entry_name(&interventions::CATALOG[e])
    })
}

/// A team's name in `tr`'s language, from its id.
fn team_name(tr: &crate::view::I18n, id: &str) -> String {
    tr.t(&format!("team.{id}"))
}

/// A refused command in the seat's language. English keeps the model's own wording (the one
/// plans, `check` and the log use); other languages word it from the translation catalog
/// (`refusal.*`), with levers and teams by their translated names.
pub fn command_refusal(tr: &crate::view::I18n, e: &CommandError) -> String {
    use CommandError as E;
    if tr.current == 0 {
        return e.to_string();
    }
    let s = |v: &dyn ToString| v.to_string();
    match e {
        E::NotConfirmed { id } => tr.f("refusal.not_confirmed", &[("lever", lever_name(tr, id))]),
        E::WrongTeam { id, owner, team } => tr.f(
            "refusal.wrong_team",
            &[
                ("lever", lever_name(tr, id)),
                ("owner", team_name(tr, owner)),
                ("team", team_name(tr, team)),
            ],
        ),
        E::AlreadyActive { id } => tr.f("refusal.already_active", &[("lever", lever_name(tr, id))]),
        E::NotActive { id } => tr.f("refusal.not_active", &[("lever", lever_name(tr, id))]),
        E::OutOfRange {
            id,
            name,
            min,
            max,
            value,
        } => tr.f(
            "refusal.out_of_range",
            &[
                ("lever", lever_name(tr, id)),
                ("name", s(name)),
                ("min", s(min)),
                ("max", s(max)),
                ("value", s(value)),
            ],
        ),
        E::ScopeNotAllowed { id } => tr.f("refusal.scope", &[("lever", lever_name(tr, id))]),
        E::WrongTurn { turn, now } => {
            tr.f("refusal.wrong_turn", &[("turn", s(turn)), ("now", s(now))])
        }
        E::FacilitatorOnly(_) => tr.t("refusal.facilitator_only"),
        E::OverBudget {
            id,
            team,
            needed,
            available,
            budget,
            ..
        } => tr.f(
            "refusal.over_budget",
            &[
                ("lever", lever_name(tr, id)),
                ("team", team_name(tr, team)),
                ("needed", s(needed)),
                ("available", s(available)),
                ("budget", s(budget)),
            ],
        ),
        // Messages a page cannot cause by hand (numbers it never sends): the model's wording.
        other => other.to_string(),
    }
}

impl SeatError {
    /// The refusal in the seat's language (see `command_refusal`).
    pub fn in_language(&self, tr: &crate::view::I18n) -> String {
        if tr.current == 0 {
            return self.to_string();
        }
        match self {
            SeatError::UnknownLever(id) => tr.f("refusal.unknown_lever", &[("lever", id.clone())]),
            SeatError::UnknownDistrict(d) => {
                tr.f("refusal.unknown_district", &[("district", d.clone())])
            }
            SeatError::NeedsConfirmation(id) => tr.f(
                "refusal.needs_confirmation",
                &[("lever", lever_name(tr, id))],
            ),
            SeatError::Command(e) => command_refusal(tr, e),
            SeatError::NotADecision => tr.t("refusal.not_a_decision"),
            SeatError::UnknownMove(_) | SeatError::UnknownChannel(_) => self.to_string(),
        }
    }
}
