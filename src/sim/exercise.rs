//! Injects (the Master Scenario Events List): each fires by turn, by a condition on the world, or
//! as a contingency when an earlier inject's expected action was not taken. The facilitator can
//! fire, skip or delay any inject, or write an ad-hoc one, through commands (so replay, rewind and
//! reports see them). Whether the teams took each inject's expected action is tracked.

use super::spec::{Event, Trigger};

use super::command::Action;
use super::rng::{Stream, stream_for};
use super::{Happening, World};

/// What happened to one scenario inject.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InjectState {
    pub fired_turn: Option<u32>,
    pub skipped: bool,
    /// Not before this turn (the facilitator delayed it).
    pub delayed_until: u32,
    /// Fired by the facilitator's hand rather than its trigger.
    pub by_hand: bool,
}

/// An inject the facilitator wrote during the exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct AdHocInject {
    pub turn: u32,
    pub description: String,
    pub effect: Option<Event>,
}

impl World {
    /// Index of the scenario inject with sequence number `seq`.
    pub fn inject_index(&self, seq: u32) -> Option<usize> {
        self.spec.injects.iter().position(|i| i.seq == seq)
    }

    /// Fire the inject now: record it and apply its effect.
    pub(super) fn fire_inject(&mut self, index: usize, t: u32, by_hand: bool) {
        let spec = self.spec.injects[index].clone();
        self.inject_states[index].fired_turn = Some(t);
        self.inject_states[index].by_hand = by_hand;
        self.happenings
            .push((t, Happening::InjectFired { seq: spec.seq }));
        if let Some(effect) = &spec.effect {
            let mut rng = stream_for(self.seed, t, Stream::Events, 1000 + spec.seq as u64);
            self.apply_event(effect, t, &mut rng);
        }
    }

    /// Fire every inject whose trigger holds at the start of turn `t`.
    pub(super) fn evaluate_injects(&mut self, t: u32) {
        for i in 0..self.spec.injects.len() {
            let state = &self.inject_states[i];
            if state.fired_turn.is_some() || state.skipped || state.delayed_until > t {
                continue;
            }
            let due = match &self.spec.injects[i].trigger {
                Trigger::Turn(n) => t >= *n,
                Trigger::RiskAbove { district, level } => self
                    .districts
                    .iter()
                    .enumerate()
                    .any(|(d, s)| district.is_none_or(|x| x == d) && s.risk > *level),
                Trigger::HarmedAbove(x) => self.totals.harmed > *x,
                Trigger::Contingency { seq, within } => {
                    match self
                        .inject_index(*seq)
                        .map(|k| (k, self.inject_states[k].fired_turn))
                    {
                        Some((k, Some(f))) => {
                            f.checked_add(*within).is_some_and(|due| t >= due)
                                && self.expected_met(k) == Some(false)
                        }
                        _ => false,
                    }
                }
            };
            if due {
                self.fire_inject(i, t, false);
            }
        }
    }

    /// For a fired inject: did the teams take the expected action (enable any of its expected
    /// interventions, or have one in force), and on which turn? `None` if not fired or nothing
    /// measurable is expected.
    pub fn expected_met(&self, index: usize) -> Option<bool> {
        self.expected_action_turn(index).map(|t| t.is_some())
    }

    /// The turn the expected action was taken (`Some(None)`: fired, not taken yet).
    pub fn expected_action_turn(&self, index: usize) -> Option<Option<u32>> {
        let spec = &self.spec.injects[index];
        let fired = self.inject_states[index].fired_turn?;
        if spec.expected.is_empty() {
            return None;
        }
        let ids = &spec.expected;
        // Already in force when the inject arrived counts as taken at once.
        let enabled_before = self.log.iter().any(|c| {
            matches!(&c.action, Action::Enable { entry, .. } if ids.contains(entry))
                && c.turn <= fired
        }) && self.active.iter().any(|a| ids.contains(&a.entry));
        if enabled_before {
            return Some(Some(fired));
        }
        let first = self
            .log
            .iter()
            .filter(|c| c.turn >= fired)
            .find(|c| matches!(&c.action, Action::Enable { entry, .. } if ids.contains(entry)))
            .map(|c| c.turn);
        Some(first)
    }
}
