//! "Your plan against the frontier" in the briefing view: while the briefing is open, the
//! scenario's portfolios within budget are explored in the background (`experiments::debrief`,
//! the same computation as the report's section 9) and the teams' decisions placed among them.
//! The frame never waits for it.

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};

use super::desk::Desk;
use super::sim_driver::Sim;
use crate::experiments::Debrief;

/// Runs per portfolio and levers kept after screening (as `report --frontier`).
const RUNS: u64 = 4;
const WIDTH: usize = 12;

#[derive(Resource, Default)]
pub struct Frontier {
    /// What the debrief was computed for: (scenario name, decisions in the log).
    key: Option<(String, usize)>,
    task: Option<Task<Debrief>>,
    pub debrief: Option<Debrief>,
}

impl Frontier {
    /// A computation is under way.
    pub fn pending(&self) -> bool {
        self.task.is_some()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Frontier>()
        .add_systems(Update, refresh.in_set(super::AppSystems::Update));
}

fn refresh(sim: Res<Sim>, desk: Res<Desk>, mut frontier: ResMut<Frontier>) {
    if let Some(task) = frontier.task.as_mut() {
        if let Some(debrief) = check_ready(task) {
            frontier.debrief = Some(debrief);
            frontier.task = None;
        }
        return;
    }
    // Only for the briefing, and not for worlds too large to replay hundreds of times.
    if !desk.briefing || sim.world.n_accounts() > super::sim_driver::ASYNC_ACCOUNTS {
        return;
    }
    let key = (sim.scenario.name.clone(), sim.world.log.len());
    if frontier.key.as_ref() == Some(&key) {
        return;
    }
    frontier.key = Some(key);
    let scenario = sim.scenario.clone();
    let log = sim.world.log.clone();
    frontier.task = Some(
        AsyncComputeTaskPool::get()
            .spawn(async move { crate::experiments::debrief(&scenario, &log, RUNS, WIDTH) }),
    );
}
