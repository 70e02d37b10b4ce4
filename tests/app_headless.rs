//! The control room without a window: the model is stepped by the driver, pause stops it.
#![cfg(feature = "gui")]

mod common;

use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use breakglass::app::ControlRoomPlugin;
use breakglass::app::sim_driver::{Pause, Sim, StepTurn};
use breakglass::sim::World;

fn app() -> App {
    let s = common::small();
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            250,
        )))
        .insert_resource(Sim::new(World::new(&s, 1).unwrap()))
        .add_plugins(ControlRoomPlugin);
    app
}

fn turn(app: &App) -> u32 {
    app.world().resource::<Sim>().world.turn
}

#[test]
fn paused_by_default_and_pause_stops_the_model() {
    let mut app = app();
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(turn(&app), 0, "a new session waits for the facilitator");
}

#[test]
fn a_step_request_advances_exactly_one_turn_while_paused() {
    let mut app = app();
    app.update();
    app.world_mut().write_message(StepTurn);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(turn(&app), 1);
}

#[test]
fn running_advances_and_pausing_again_freezes() {
    let mut app = app();
    app.world_mut().resource_mut::<Sim>().speed = 8.0;
    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause(false));
    for _ in 0..12 {
        app.update();
    }
    let running = turn(&app);
    assert!(running >= 3, "advanced to {running}");
    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause(true));
    app.update();
    let frozen = turn(&app);
    for _ in 0..12 {
        app.update();
    }
    assert_eq!(turn(&app), frozen);
}
