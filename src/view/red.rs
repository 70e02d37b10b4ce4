//! What the red cell's seat sees: what the organisation itself would know (its accounts, what
//! was banned, where its reach went, the map's risk, its capacity and its own moves), never the
//! platform's internal view (no levers, no scoreboard, no decision log).

use serde::Serialize;

use super::I18n;
use crate::sim::World;
use crate::sim::red::{Channel, MOVES, TargetKind, channel_open};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelView {
    pub id: &'static str,
    pub name: String,
    /// Share of its effort now and by habit (0..100).
    pub effort: f64,
    pub habit: f64,
    /// What one unit of effort there reached last turn against the open platform (0..100).
    pub yield_pct: f64,
    pub open: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoveView {
    pub id: &'static str,
    pub name: String,
    pub does: &'static str,
    pub cost: u16,
    pub lead: u32,
    /// "none", "channels" or "district".
    pub target: &'static str,
    pub params: Vec<super::seat::ParamView>,
    /// The scenario has what it needs.
    pub available: bool,
    /// Fits what is left of this turn's capacity.
    pub fits: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlayedView {
    pub turn: u32,
    pub effective: u32,
    pub text: String,
    pub automatic: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedView {
    /// The automatic adversary holds the red cell (the seat watches until it is handed over).
    pub automatic: bool,
    pub budget: u32,
    pub spent: u32,
    pub accounts_live: u32,
    pub accounts_start: u32,
    pub banned_last_turn: u32,
    pub channels: Vec<ChannelView>,
    /// Risk per district (0..100), as the map shows everyone.
    pub risk: Vec<f64>,
    pub moves: Vec<MoveView>,
    /// Its moves so far, newest first.
    pub played: Vec<PlayedView>,
}

pub fn red_view(tr: &I18n, world: &World) -> RedView {
    let (budget, spent) = (world.red_budget(), world.red_spent());
    let e = &world.org.effort;
    RedView {
        automatic: world.red.automatic,
        budget,
        spent,
        accounts_live: world.org.live,
        accounts_start: world.org.initial_size,
        banned_last_turn: world.red.banned_last,
        channels: Channel::ALL
            .iter()
            .map(|&c| ChannelView {
                id: c.id(),
                name: tr.t(&format!("channel.{}", c.id())),
                effort: 100.0 * e.share[c as usize],
                habit: 100.0 * e.habit[c as usize],
                yield_pct: 100.0 * world.red.yields[c as usize],
                open: channel_open(world, c),
            })
            .collect(),
        risk: (0..world.region.districts.len())
            .map(|d| world.risk_shown(d))
            .collect(),
        moves: MOVES
            .iter()
            .map(|m| MoveView {
                id: m.id,
                name: tr.or(&format!("red.{}.title", m.id), m.title),
                does: m.does,
                cost: m.cost,
                lead: m.lead,
                target: match m.target {
                    TargetKind::None => "none",
                    TargetKind::Channels => "channels",
                    TargetKind::District => "district",
                },
                params: m
                    .params
                    .iter()
                    .map(|p| {
                        super::seat::ParamView::new(tr, &format!("move.{}", m.id), p, p.default)
                    })
                    .collect(),
                available: crate::sim::red::missing(&world.spec, m.needs).is_none(),
                fits: spent + m.cost as u32 <= budget,
            })
            .collect(),
        played: world
            .red
            .moves
            .iter()
            .rev()
            .map(|p| PlayedView {
                turn: p.turn,
                effective: p.effective,
                text: super::words::red_move(tr, world, p.mv, &p.params, &p.target),
                automatic: p.automatic,
                reason: super::words::red_reason(tr, &p.reason),
            })
            .collect(),
    }
}
