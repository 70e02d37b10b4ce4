//! Uncertainty on the charts: the teams' decisions so far (and doing nothing) replayed over
//! other seeds in the background; the charts draw the p05–p95 band around each line.

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};

use super::sim_driver::Sim;
use crate::runner::quantile;
use crate::sim::World;
use crate::sim::metrics::Outcome;
use crate::view::CHARTS;

/// Seeds per band.
pub const BAND_SEEDS: u64 = 16;

/// p05 and p95 per turn (index 0 = after turn 1) for each charted outcome.
#[derive(Debug, Clone, Default)]
pub struct Band {
    pub outcome: Vec<Outcome>,
    /// [outcome][turn] = (p05, p95)
    pub range: Vec<Vec<(f64, f64)>>,
}

impl Band {
    pub fn of(&self, o: Outcome) -> Option<&[(f64, f64)]> {
        self.outcome
            .iter()
            .position(|x| *x == o)
            .map(|i| self.range[i].as_slice())
    }
}

#[derive(Resource, Default)]
pub struct Bands {
    /// What the bands were computed for: (turn, decisions in the log).
    key: Option<(u32, usize)>,
    task: Option<Task<(Band, Band)>>,
    pub teams: Option<Band>,
    pub baseline: Option<Band>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Bands>()
        .add_systems(Update, refresh.in_set(super::AppSystems::Update));
}

fn band(
    scenario: &crate::scenario::Scenario,
    seed: u64,
    commands: &[crate::sim::command::Command],
    turn: u32,
) -> Band {
    let mut runs: Vec<Vec<crate::sim::metrics::Values>> = Vec::new();
    for i in 1..=BAND_SEEDS {
        let Ok(mut w) = World::new(scenario, seed.wrapping_add(i)) else {
            continue;
        };
        w.schedule(commands.to_vec());
        while w.turn < turn {
            w.step();
        }
        runs.push(w.series);
    }
    let range = CHARTS
        .iter()
        .map(|&o| {
            (0..turn as usize)
                .map(|t| {
                    let mut xs: Vec<f64> =
                        runs.iter().filter_map(|r| r.get(t).map(|v| v[o])).collect();
                    xs.sort_by(f64::total_cmp);
                    (quantile(&xs, 0.05), quantile(&xs, 0.95))
                })
                .collect()
        })
        .collect();
    Band {
        outcome: CHARTS.to_vec(),
        range,
    }
}

/// Start a background computation when the turn or the decisions changed; collect it when done.
fn refresh(sim: Res<Sim>, mut bands: ResMut<Bands>) {
    if let Some(task) = bands.task.as_mut() {
        if let Some((teams, baseline)) = check_ready(task) {
            bands.teams = Some(teams);
            bands.baseline = Some(baseline);
            bands.task = None;
        }
        return;
    }
    let key = (sim.world.turn, sim.world.log.len());
    // Large worlds: replaying 16 more of them per turn would cost more than it shows.
    if bands.key == Some(key)
        || sim.world.turn == 0
        || sim.world.n_accounts() > super::sim_driver::ASYNC_ACCOUNTS
    {
        return;
    }
    bands.key = Some(key);
    let scenario = sim.world.scenario.clone();
    let seed = sim.world.seed;
    let commands = sim.world.log.clone();
    let turn = sim.world.turn;
    bands.task = Some(AsyncComputeTaskPool::get().spawn(async move {
        (
            band(&scenario, seed, &commands, turn),
            band(&scenario, seed, &[], turn),
        )
    }));
}
