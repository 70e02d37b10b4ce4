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
    /// Facilitator: fire a scenario inject now.
    FireInject { seq: u32 },
    /// Facilitator: drop a scenario inject.
    SkipInject { seq: u32 },
    /// Facilitator: hold a scenario inject back for some turns.
    DelayInject { seq: u32, turns: u32 },
    /// Facilitator: an inject written on the spot, with an optional effect on the world.
    AdHoc {
        description: String,
        effect: Option<super::spec::Event>,
    },
    /// Facilitator: lift (or restore) the teams' capacity budgets for the rest of the exercise.
    WaiveBudgets { waived: bool },
    /// Facilitator: hand the red cell to the automatic adversary (`true`) or to players.
    RedCell { automatic: bool },
    /// Red cell: play perpetrator move `mv` (`red::MOVES`, `params` complete, in order).
    Red {
        mv: usize,
        params: Vec<f64>,
        target: super::red::Target,
    },
}

impl Action {
    /// Enable catalog entry `entry` with its default parameters, region-wide, break-glass
    /// confirmed: how the experiments (lever table, lessons, portfolios) switch a lever on.
    pub fn enable_defaults(entry: usize) -> Action {
        Action::Enable {
            entry,
            params: CATALOG[entry].defaults(),
            scope: Scope::Region,
            confirmed: true,
        }
    }

    /// The catalog entry it is about (facilitator actions have none).
    pub fn intervention(&self) -> Option<usize> {
        match self {
            Action::Enable { entry, .. }
            | Action::Disable { entry }
            | Action::Set { entry, .. } => Some(*entry),
            _ => None,
        }
    }
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Enable { .. } => "enable",
            Action::Disable { .. } => "disable",
            Action::Set { .. } => "set",
            Action::FireInject { .. } => "fire_inject",
            Action::SkipInject { .. } => "skip_inject",
            Action::DelayInject { .. } => "delay_inject",
            Action::AdHoc { .. } => "adhoc",
            Action::WaiveBudgets { .. } => "waive_budgets",
            Action::RedCell { .. } => "red_cell",
            Action::Red { .. } => "red",
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
    #[error("only the facilitator can {0}")]
    FacilitatorOnly(&'static str),
    #[error(transparent)]
    Red(#[from] super::red::RedError),
    #[error("no inject with sequence number {0}")]
    NoSuchInject(u32),
    #[error("inject {0} has already fired or been skipped")]
    InjectDone(u32),
    #[error(
        "\"{id}\" needs {needed} point(s) of the {team} team's capacity this turn ({deploy} to deploy, {upkeep} per turn) but only {available} of {budget} are left; lift another of its measures first, or the facilitator can waive budgets"
    )]
    OverBudget {
        id: &'static str,
        team: &'static str,
        needed: u32,
        deploy: u16,
        upkeep: u16,
        available: u32,
        budget: u32,
    },
}

/// Checks that do not depend on what is in force.
pub fn check_static(cmd: &Command, n_districts: usize) -> Result<(), CommandError> {
    if let Action::Red { .. } = cmd.action {
        if cmd.team != Team::Perpetrators {
            return Err(super::red::RedError::NotRedCell(cmd.team.id()).into());
        }
        return Ok(());
    }
    let Some(index) = cmd.action.intervention() else {
        if cmd.team != Team::Facilitator {
            return Err(CommandError::FacilitatorOnly(match &cmd.action {
                Action::AdHoc { .. } => "write an ad-hoc inject",
                Action::WaiveBudgets { .. } => "waive the teams' budgets",
                Action::RedCell { .. } => "hand the red cell to players or the automatic adversary",
                _ => "fire, skip or delay injects",
            }));
        }
        return Ok(());
    };
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
        interventions::check_values(entry.params, params).map_err(|p| match p {
            interventions::ParamProblem::Count { expected, got } => CommandError::ParamCount {
                id: entry.id,
                expected,
                got,
            },
            interventions::ParamProblem::Range { spec, value } => CommandError::OutOfRange {
                id: entry.id,
                name: spec.name,
                min: spec.min,
                max: spec.max,
                value,
            },
        })
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
        _ => {}
    }
    Ok(())
}

impl World {
    /// Team `team`'s capacity this turn (its base budget plus capacity levers in force).
    pub fn budget(&self, team: Team) -> u32 {
        interventions::budget(&self.spec.budgets, &self.active, team, self.turn)
    }

    /// What team `team` spends this turn: upkeep of its measures, deployment of new ones.
    pub fn spent(&self, team: Team) -> u32 {
        interventions::spent(&self.active, team, self.turn)
    }

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
        let Some(index) = cmd.action.intervention() else {
            return match &cmd.action {
                Action::FireInject { seq }
                | Action::SkipInject { seq }
                | Action::DelayInject { seq, .. } => {
                    let i = self
                        .inject_index(*seq)
                        .ok_or(CommandError::NoSuchInject(*seq))?;
                    let state = &self.inject_states[i];
                    if state.fired_turn.is_some() || state.skipped {
                        Err(CommandError::InjectDone(*seq))
                    } else {
                        Ok(())
                    }
                }
                Action::Red { mv, params, target } => {
                    if self.red.automatic {
                        return Err(super::red::RedError::Automatic.into());
                    }
                    Ok(self.check_move(*mv, params, target)?)
                }
                _ => Ok(()),
            };
        };
        let id = CATALOG[index].id;
        match &cmd.action {
            Action::Enable { .. } if self.is_active(index) => {
                Err(CommandError::AlreadyActive { id })
            }
            Action::Enable { .. } if !self.budgets_waived => {
                match interventions::over_budget(&self.spec.budgets, &self.active, index, self.turn)
                {
                    Some((needed, available, budget)) => Err(CommandError::OverBudget {
                        id,
                        team: CATALOG[index].team.id(),
                        needed,
                        deploy: CATALOG[index].cost.deploy,
                        upkeep: CATALOG[index].cost.upkeep,
                        available,
                        budget,
                    }),
                    None => Ok(()),
                }
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
            Action::FireInject { seq } => {
                let i = self.inject_index(*seq).expect("checked");
                self.fire_inject(i, t, true);
            }
            Action::SkipInject { seq } => {
                let i = self.inject_index(*seq).expect("checked");
                self.inject_states[i].skipped = true;
            }
            Action::DelayInject { seq, turns } => {
                let i = self.inject_index(*seq).expect("checked");
                self.inject_states[i].delayed_until = t + turns;
            }
            Action::WaiveBudgets { waived } => self.budgets_waived = *waived,
            Action::RedCell { automatic } => self.red.automatic = *automatic,
            Action::Red { mv, params, target } => {
                let lead = super::red::MOVES[*mv].lead;
                self.play(super::red::Played {
                    turn: t,
                    mv: *mv,
                    params: params.clone(),
                    target: target.clone(),
                    effective: t + lead,
                    automatic: false,
                    reason: super::red::Reason::Rationale(cmd.rationale.clone()),
                });
            }
            Action::AdHoc {
                description,
                effect,
            } => self.adhoc_inject(description, effect.as_ref(), t),
        }
        if let Some(entry) = cmd.action.intervention() {
            self.happenings.push((
                t,
                Happening::Decision {
                    team: cmd.team,
                    entry,
                    verb: cmd.action.verb(),
                },
            ));
        }
        self.log.push(cmd);
        self.refresh_policy(t);
        Ok(())
    }

    /// The facilitator's ad-hoc inject: recorded, told to the room, its effect applied now.
    fn adhoc_inject(&mut self, description: &str, effect: Option<&super::spec::Event>, t: u32) {
        self.adhoc.push(super::exercise::AdHocInject {
            turn: t,
            description: description.to_string(),
            effect: effect.cloned(),
        });
        self.happenings.push((
            t,
            Happening::AdHocInject {
                description: description.to_string(),
            },
        ));
        if let Some(effect) = effect {
            let mut rng = super::rng::stream_for(
                self.seed,
                t,
                super::rng::Stream::Events,
                5000 + self.adhoc.len() as u64,
            );
            self.apply_event(effect, t, &mut rng);
        }
    }

    /// Queue commands for their turns (a plan). They are applied at the start of their turn.
    pub fn schedule(&mut self, mut commands: Vec<Command>) {
        commands.sort_by_key(|c| c.turn);
        self.pending.extend(commands);
        self.pending.sort_by_key(|c| c.turn);
    }

    /// Apply the queued commands of the current turn's decision phase now (replay up to a turn).
    pub fn apply_due(&mut self) {
        let t = self.turn;
        for (cmd, error) in self.apply_pending(t) {
            self.happenings.push((
                t,
                Happening::CommandRejected {
                    verb: cmd.action.verb(),
                    entry: cmd.action.intervention(),
                    reason: error.to_string(),
                },
            ));
        }
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
