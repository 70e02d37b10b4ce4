//! Steps the model in `FixedUpdate` while the clock runs; pause, step, speed; applies the teams'
//! commands. A do-nothing baseline (same scenario, same seed, no commands ever) is stepped in
//! lock-step so every chart can show the gap the teams' choices made.
//!
//! Small worlds step inline (a default-scenario turn takes a few milliseconds). Large worlds step
//! on the async compute pool: the frame keeps drawing the last state until the new one is ready.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};

use crate::scenario::Scenario;
use crate::sim::World;
use crate::sim::command::{Command, CommandError};

/// Worlds with more accounts than this step off the main thread.
pub const ASYNC_ACCOUNTS: usize = 150_000;

/// The model, as the app sees it.
#[derive(Resource)]
pub struct Sim {
    /// The scenario the worlds were built from: what people read of it (name, briefing,
    /// objectives, key outcomes, inject texts).
    pub scenario: Arc<Scenario>,
    /// The teams' world.
    pub world: Arc<World>,
    /// The same world with nobody acting.
    pub baseline: Arc<World>,
    /// Turns per second while running.
    pub speed: f32,
    /// Time accumulated towards the next turn while running.
    since_last: f32,
    /// A turn being computed off the main thread.
    pending: Option<Task<(World, World)>>,
    /// Rolling mean main-thread time of a turn (both worlds), ms.
    pub step_ms: f32,
    /// Turn by turn: the turn for this press of Play has been played.
    waiting: bool,
}

impl Sim {
    pub fn new(scenario: Scenario, world: World) -> Self {
        // The baseline is the same world before any decision: no queued plan, no log.
        let mut baseline = world.clone();
        baseline.pending.clear();
        Sim {
            scenario: Arc::new(scenario),
            baseline: Arc::new(baseline),
            world: Arc::new(world),
            speed: 1.0,
            since_last: 0.0,
            pending: None,
            step_ms: 0.0,
            waiting: false,
        }
    }

    /// Is a turn being computed right now?
    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Advance both worlds one turn (inline, or start an off-thread step for large worlds).
    fn advance(&mut self) {
        if self.pending.is_some() || self.world.finished() {
            return;
        }
        if self.world.n_accounts() > ASYNC_ACCOUNTS {
            let world = Arc::clone(&self.world);
            let baseline = Arc::clone(&self.baseline);
            self.pending = Some(AsyncComputeTaskPool::get().spawn(async move {
                let mut w = (*world).clone();
                let mut b = (*baseline).clone();
                w.step();
                b.step();
                (w, b)
            }));
        } else {
            let started = std::time::Instant::now();
            Arc::make_mut(&mut self.world).step();
            Arc::make_mut(&mut self.baseline).step();
            let ms = started.elapsed().as_secs_f32() * 1000.0;
            self.step_ms = if self.step_ms == 0.0 {
                ms
            } else {
                0.8 * self.step_ms + 0.2 * ms
            };
        }
    }
}

/// The driver's systems (others order themselves after them).
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct DriverSystems;

/// Turn-based: the clock stops after every turn for the decision phase. Real time: it runs on.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    TurnBased,
    RealTime,
}

/// The facilitator's clock: paused or running. A new session starts paused.
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

/// A team's decision, to be applied to the teams' world (never to the baseline).
#[derive(Message, Debug, Clone)]
pub struct IssueCommand(pub Command);

/// Every command the driver applied or refused, with the result (seats are answered from it).
#[derive(Message, Debug, Clone)]
pub struct CommandApplied {
    pub command: Command,
    pub result: Result<(), CommandError>,
}

/// What happened to the last command (the panels show refusals).
#[derive(Resource, Debug, Default, Clone)]
pub struct LastCommand(pub Option<Result<String, CommandError>>);

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Pause>()
        .add_message::<StepTurn>()
        .add_message::<IssueCommand>()
        .add_message::<CommandApplied>()
        .init_resource::<LastCommand>()
        .init_resource::<Mode>()
        .add_systems(
            FixedUpdate,
            (
                collect,
                apply_commands,
                step_requested,
                run_clock.run_if(in_state(Pause(false))),
            )
                .chain()
                .in_set(DriverSystems),
        )
        .add_systems(OnEnter(Pause(false)), |mut sim: ResMut<Sim>| {
            sim.waiting = false
        });
}

/// Pick up an off-thread turn when it is done.
fn collect(mut sim: ResMut<Sim>) {
    if let Some(task) = sim.pending.as_mut()
        && let Some((w, b)) = check_ready(task)
    {
        sim.world = Arc::new(w);
        sim.baseline = Arc::new(b);
        sim.pending = None;
    }
}

fn apply_commands(
    mut commands: MessageReader<IssueCommand>,
    mut sim: ResMut<Sim>,
    mut last: ResMut<LastCommand>,
    mut applied: MessageWriter<CommandApplied>,
) {
    for IssueCommand(cmd) in commands.read() {
        if sim.busy() {
            let error = CommandError::WrongTurn {
                turn: cmd.turn,
                now: sim.world.turn + 1,
            };
            last.0 = Some(Err(error.clone()));
            applied.write(CommandApplied {
                command: cmd.clone(),
                result: Err(error),
            });
            continue;
        }
        let id = cmd
            .action
            .intervention()
            .map_or("", |e| crate::sim::interventions::CATALOG[e].id);
        let result = Arc::make_mut(&mut sim.world).apply(cmd.clone());
        applied.write(CommandApplied {
            command: cmd.clone(),
            result: result.clone(),
        });
        last.0 = Some(result.map(|_| format!("{} {id}", cmd.action.verb())));
    }
}

fn step_requested(mut requests: MessageReader<StepTurn>, mut sim: ResMut<Sim>) {
    for _ in requests.read() {
        sim.advance();
    }
}

fn run_clock(
    time: Res<Time>,
    mode: Res<Mode>,
    mut sim: ResMut<Sim>,
    mut next: ResMut<NextState<Pause>>,
) {
    if sim.world.finished() {
        next.set(Pause(true));
        return;
    }
    if sim.waiting {
        return;
    }
    sim.since_last += time.delta_secs();
    if sim.since_last * sim.speed >= 1.0 {
        sim.since_last = 0.0;
        // One turn per tick at most: the frame never waits for more than one turn of the model.
        sim.advance();
        if *mode == Mode::TurnBased {
            // The decision phase: the clock waits for the facilitator.
            sim.waiting = true;
            next.set(Pause(true));
        }
    }
}
