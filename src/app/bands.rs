//! Uncertainty on the charts, two kinds kept apart: *chance*, the teams' decisions so far (and
//! doing nothing) replayed over other seeds, drawn as shaded p05–p95 bands; and *what we don't
//! know*, the teams' decisions replayed on the same seed over samples of the assumed parameters
//! (`sensitivity::ASSUMED`, the ranges MODEL.md §19 states), drawn as dashed p05–p95 bounds.
//! Both are computed in the background.

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};

use super::sim_driver::Sim;
use crate::runner::quantile;
use crate::sensitivity::{ASSUMED, params_at};
use crate::sim::World;
use crate::sim::metrics::Outcome;
use crate::view::CHARTS;

/// Seeds per band.
pub const BAND_SEEDS: u64 = 16;
/// Samples of the assumed parameters per "what we don't know" band.
pub const PARAMETER_SAMPLES: u64 = 16;

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
    task: Option<Task<(Band, Band, Band)>>,
    pub teams: Option<Band>,
    pub baseline: Option<Band>,
    /// The teams' decisions on the same seed over samples of the assumed parameters.
    pub unknown: Option<Band>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Bands>()
        .add_systems(Update, refresh.in_set(super::AppSystems::Update));
}

/// p05–p95 per turn of the charted outcomes over `worlds` (each run to `turn` with `commands`).
fn band_of(
    worlds: impl Iterator<Item = Option<World>>,
    commands: &[crate::sim::command::Command],
    turn: u32,
) -> Band {
    let mut runs: Vec<Vec<crate::sim::metrics::Values>> = Vec::new();
    for mut w in worlds.flatten() {
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

/// Chance: other seeds.
fn band(
    scenario: &crate::scenario::Scenario,
    seed: u64,
    commands: &[crate::sim::command::Command],
    turn: u32,
) -> Band {
    let worlds = (1..=BAND_SEEDS).map(|i| World::new(scenario, seed.wrapping_add(i)).ok());
    band_of(worlds, commands, turn)
}

/// What we don't know: the same seed, the assumed parameters drawn uniformly over their ranges
/// (a sample fixed by the seed, so the band does not flicker from turn to turn).
fn unknown_band(
    scenario: &crate::scenario::Scenario,
    seed: u64,
    commands: &[crate::sim::command::Command],
    turn: u32,
) -> Band {
    use rand::SeedableRng;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x5E45);
    let points: Vec<Vec<f64>> = (0..PARAMETER_SAMPLES)
        .map(|_| {
            ASSUMED
                .iter()
                .map(|_| crate::sim::rng::unit(&mut rng))
                .collect()
        })
        .collect();
    let worlds = points.iter().map(|x| {
        let mut s = scenario.clone();
        s.model = params_at(&scenario.model, &ASSUMED, x);
        World::new(&s, seed).ok()
    });
    band_of(worlds, commands, turn)
}

/// Start a background computation when the turn or the decisions changed; collect it when done.
fn refresh(sim: Res<Sim>, mut bands: ResMut<Bands>) {
    if let Some(task) = bands.task.as_mut() {
        if let Some((teams, baseline, unknown)) = check_ready(task) {
            bands.teams = Some(teams);
            bands.baseline = Some(baseline);
            bands.unknown = Some(unknown);
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
    let scenario = sim.scenario.clone();
    let seed = sim.world.seed;
    let commands = sim.world.log.clone();
    let turn = sim.world.turn;
    bands.task = Some(AsyncComputeTaskPool::get().spawn(async move {
        (
            band(&scenario, seed, &commands, turn),
            band(&scenario, seed, &[], turn),
            unknown_band(&scenario, seed, &commands, turn),
        )
    }));
}
