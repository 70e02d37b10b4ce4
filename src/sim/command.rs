//! Commands: every change a player makes to the world is one `Command`, logged with its turn,
//! team and rationale. Plan files, the app's levers, replay and reports all use this type.

use super::interventions::{self, Active, CATALOG, Scope, ScopeKind, Team};
use super::{Happening, World};

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Put an intervention in force (`params` complete, in catalog order).
    Enable {
        entry: usize,
        params: Vec<f64>,
        scope: Scope,
        /// Break-glass measures need an explicit, logged confirmation.
        confirmed: bool,
    },
    /// Lift an intervention.
    Disable { entry: usize },
    /// Change the parameters of an intervention in force (keeps its lead time).
    Set { entry: usize, params: Vec<f64> },
}

impl Action {
    pub fn entry(&self) -> usize {
        match self {
            Action::Enable { entry, .. }
            | Action::Disable { entry }
            | Action::Set { entry, .. } => *entry,
        }
    }
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Enable { .. } => "enable",
            Action::Disable { .. } => "disable",
            Action::Set { .. } => "set",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    /// The turn before which it takes effect (the decision phase of that turn).
    pub turn: u32,
    pub team: Team,
    pub action: Action,
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CommandError {
    #[error("no intervention number {0} in the catalog")]
    UnknownEntry(usize),
    #[error(
        "\"{id}\" is a break-glass measure: it needs an explicit confirmation (confirm_break_glass: true)"
    )]
    NotConfirmed { id: &'static str },
    #[error("\"{id}\" belongs to the {owner} team; {team} cannot issue it")]
    WrongTeam {
        id: &'static str,
        owner: &'static str,
        team: &'static str,
    },
    #[error("\"{id}\" is already in force")]
    AlreadyActive { id: &'static str },
    #[error("\"{id}\" is not in force")]
    NotActive { id: &'static str },
    #[error("\"{id}\" takes {expected} parameter(s), got {got}")]
    ParamCount {
        id: &'static str,
        expected: usize,
        got: usize,
    },
    #[error("parameter {name} of \"{id}\" must be between {min} and {max}, got {value}")]
    OutOfRange {
        id: &'static str,
        name: &'static str,
        min: f64,
        max: f64,
        value: f64,
    },
    #[error("\"{id}\" acts platform-wide and cannot be limited to districts")]
    ScopeNotAllowed { id: &'static str },
    #[error("district number {0} does not exist")]
    NoSuchDistrict(u16),
    #[error("a command for turn {turn} cannot be applied at turn {now}")]
    WrongTurn { turn: u32, now: u32 },
}

/// Checks that do not depend on what is in force.
pub fn check_static(cmd: &Command, n_districts: usize) -> Result<(), CommandError> {
    let index = cmd.action.entry();
    let entry = CATALOG
        .get(index)
        .ok_or(CommandError::UnknownEntry(index))?;
    if cmd.team != Team::Facilitator && cmd.team != entry.team {
        return Err(CommandError::WrongTeam {
            id: entry.id,
            owner: entry.team.id(),
            team: cmd.team.id(),
        });
    }
    let check_params = |params: &[f64]| -> Result<(), CommandError> {
        if params.len() != entry.params.len() {
            return Err(CommandError::ParamCount {
                id: entry.id,
                expected: entry.params.len(),
                got: params.len(),
            });
        }
        for (spec, &value) in entry.params.iter().zip(params) {
            if !(spec.min..=spec.max).contains(&value) {
                return Err(CommandError::OutOfRange {
                    id: entry.id,
                    name: spec.name,
                    min: spec.min,
                    max: spec.max,
                    value,
                });
            }
        }
        Ok(())
    };
    match &cmd.action {
        Action::Enable {
            params,
            scope,
            confirmed,
            ..
        } => {
            check_params(params)?;
            if entry.break_glass && !confirmed {
                return Err(CommandError::NotConfirmed { id: entry.id });
            }
            if let Scope::Districts(ds) = scope {
                if entry.scope == ScopeKind::Region {
                    return Err(CommandError::ScopeNotAllowed { id: entry.id });
                }
                if let Some(&bad) = ds.iter().find(|&&d| d as usize >= n_districts) {
                    return Err(CommandError::NoSuchDistrict(bad));
                }
            }
        }
        Action::Set { params, .. } => check_params(params)?,
        Action::Disable { .. } => {}
    }
    Ok(())
}

impl World {
    /// Is this catalog entry in force (enabled, whether or not its lead time has passed)?
    pub fn is_active(&self, entry: usize) -> bool {
        self.active.iter().any(|a| a.entry == entry)
    }

    /// Check a command against the current world without applying it.
    pub fn check(&self, cmd: &Command) -> Result<(), CommandError> {
        check_static(cmd, self.region.districts.len())?;
        if cmd.turn != self.turn {
            return Err(CommandError::WrongTurn {
                turn: cmd.turn,
                now: self.turn,
            });
        }
        let index = cmd.action.entry();
        let id = CATALOG[index].id;
        match &cmd.action {
            Action::Enable { .. } if self.is_active(index) => {
                Err(CommandError::AlreadyActive { id })
            }
            Action::Disable { .. } | Action::Set { .. } if !self.is_active(index) => {
                Err(CommandError::NotActive { id })
            }
            _ => Ok(()),
        }
    }

    /// Apply a command now (between turns) and log it. The policy is rebuilt at once, so the
    /// panels show the change; the model feels it from the next `step`.
    pub fn apply(&mut self, cmd: Command) -> Result<(), CommandError> {
        self.check(&cmd)?;
        let t = self.turn;
        match &cmd.action {
            Action::Enable {
                entry,
                params,
                scope,
                ..
            } => {
                let lead = interventions::lead_time(&CATALOG[*entry], &self.active, t);
                self.active.push(Active {
                    entry: *entry,
                    params: params.clone(),
                    scope: scope.clone(),
                    enabled_turn: t,
                    effective_from: t + lead,
                    team: cmd.team,
                });
            }
            Action::Disable { entry } => self.active.retain(|a| a.entry != *entry),
            Action::Set { entry, params } => {
                for a in self.active.iter_mut().filter(|a| a.entry == *entry) {
                    a.params = params.clone();
                }
            }
        }
        self.happenings.push((
            t,
            Happening::Decision {
                team: cmd.team,
                entry: cmd.action.entry(),
                verb: cmd.action.verb(),
            },
        ));
        self.log.push(cmd);
        self.refresh_policy(t);
        Ok(())
    }

    /// Queue commands for their turns (a plan). They are applied at the start of their turn.
    pub fn schedule(&mut self, mut commands: Vec<Command>) {
        commands.sort_by_key(|c| c.turn);
        self.pending.extend(commands);
        self.pending.sort_by_key(|c| c.turn);
    }

    /// Apply queued commands due now; rejected ones are reported, not applied.
    pub(super) fn apply_pending(&mut self, t: u32) -> Vec<(Command, CommandError)> {
        let mut rejected = Vec::new();
        while self.pending.first().is_some_and(|c| c.turn <= t) {
            let mut cmd = self.pending.remove(0);
            cmd.turn = t;
            if let Err(e) = self.apply(cmd.clone()) {
                rejected.push((cmd, e));
            }
        }
        rejected
    }
}
