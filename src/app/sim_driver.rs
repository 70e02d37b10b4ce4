//! Steps the model in `FixedUpdate` while the clock runs; pause, step and speed.

use bevy::prelude::*;

use crate::sim::World;

/// The model, as the app sees it.
#[derive(Resource)]
pub struct Sim {
    pub world: World,
    /// Turns per second while running.
    pub speed: f32,
    /// Time accumulated towards the next turn while running.
    since_last: f32,
}

impl Sim {
    pub fn new(world: World) -> Self {
        Sim {
            world,
            speed: 1.0,
            since_last: 0.0,
        }
    }
}

/// The facilitator's clock: paused or running.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pause(pub bool);

impl Default for Pause {
    fn default() -> Self {
        Pause(true)
    }
}

/// Ask for exactly one turn, whether paused or not.
#[derive(Message, Debug, Clone, Copy)]
pub struct StepTurn;

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Pause>()
        .add_message::<StepTurn>()
        .add_systems(
            FixedUpdate,
            (step_requested, run_clock.run_if(in_state(Pause(false)))).chain(),
        );
}

fn step_requested(mut requests: MessageReader<StepTurn>, mut sim: ResMut<Sim>) {
    // Several presses in one tick still step once each.
    for _ in requests.read() {
        sim.world.step();
    }
}

fn run_clock(time: Res<Time>, mut sim: ResMut<Sim>, mut next: ResMut<NextState<Pause>>) {
    if sim.world.finished() {
        next.set(Pause(true));
        return;
    }
    sim.since_last += time.delta_secs();
    if sim.since_last * sim.speed >= 1.0 {
        sim.since_last = 0.0;
        // One turn per tick at most: the frame never waits for more than one turn of the model.
        sim.world.step();
    }
}
