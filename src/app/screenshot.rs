//! `play --screenshot FILE --after-turns N`: run N turns, save a screenshot, exit. Exits with an
//! error when the image is blank (one flat colour), so CI catches a window that drew nothing.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use super::sim_driver::Sim;

#[derive(Resource, Debug)]
pub struct ScreenshotPlan {
    path: PathBuf,
    after_turns: u32,
    frames: u32,
    requested: bool,
    /// Run the clock at full speed for a while first and report frame costs.
    measure: bool,
}

impl ScreenshotPlan {
    pub fn new(path: PathBuf, after_turns: u32, measure: bool) -> Self {
        ScreenshotPlan {
            path,
            after_turns,
            frames: 0,
            requested: false,
            measure,
        }
    }
}

/// Frames of full-speed running measured with `--measure`.
const MEASURE_FRAMES: u32 = 120;

/// What happened to the screenshot, read by the exit system.
#[derive(Resource, Debug, Default, Clone)]
struct Outcome(Option<Result<(), String>>);

/// Most frames to wait for the briefing's frontier debrief before taking the picture anyway.
const FRONTIER_FRAMES: u32 = 20_000;

/// Frames to wait after the turns so pipelines compile and egui lays out twice.
const SETTLE_FRAMES: u32 = 12;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Outcome>()
        .add_systems(Startup, run_turns.run_if(resource_exists::<ScreenshotPlan>))
        .add_systems(
            Update,
            (request, finish)
                .chain()
                .run_if(resource_exists::<ScreenshotPlan>),
        );
}

fn run_turns(plan: Res<ScreenshotPlan>, mut sim: ResMut<Sim>) {
    for _ in 0..plan.after_turns {
        std::sync::Arc::make_mut(&mut sim.world).step();
        std::sync::Arc::make_mut(&mut sim.baseline).step();
    }
}

#[allow(clippy::too_many_arguments)] // a Bevy system: one parameter per resource it reads
fn request(
    mut commands: Commands,
    mut plan: ResMut<ScreenshotPlan>,
    mut sim: ResMut<Sim>,
    mut next: ResMut<NextState<super::sim_driver::Pause>>,
    desk: Res<super::desk::Desk>,
    frontier: Res<super::frontier::Frontier>,
    diagnostics: Res<bevy::diagnostic::DiagnosticsStore>,
    seats: Option<Res<super::seats::Seats>>,
) {
    plan.frames += 1;
    if plan.measure && plan.frames == 1 {
        sim.speed = 8.0;
        next.set(super::sim_driver::Pause(false));
    }
    let wait = if plan.measure {
        MEASURE_FRAMES
    } else {
        SETTLE_FRAMES
    };
    if plan.requested || plan.frames < wait {
        return;
    }
    // The briefing's frontier debrief is computed in the background: wait for it (bounded).
    if desk.briefing && frontier.pending() && plan.frames < FRONTIER_FRAMES {
        return;
    }
    if plan.measure {
        next.set(super::sim_driver::Pause(true));
        let frame = diagnostics
            .get(&bevy::diagnostic::FrameTimeDiagnosticsPlugin::FRAME_TIME)
            .and_then(|d| d.average())
            .unwrap_or(f64::NAN);
        info!(
            "measured over {MEASURE_FRAMES} frames at full speed: UI pass {:.2} ms, model turn (both worlds) {:.2} ms, whole frame {:.1} ms (renderer included)",
            desk.ui_ms, sim.step_ms, frame
        );
        if let Some(seats) = seats.filter(|s| s.is_open()) {
            info!(
                "seats open: the views seats read rebuilt in {:.2} ms off the frame when they change",
                seats.publish_ms
            );
        }
    }
    plan.requested = true;
    let path = plan.path.clone();
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>, mut outcome: ResMut<Outcome>| {
            outcome.0 = Some(save(&path, captured.image.clone()));
        },
    );
}

fn save(path: &std::path::Path, image: Image) -> Result<(), String> {
    let rgb = image
        .try_into_dynamic()
        .map_err(|e| format!("cannot convert the screenshot: {e}"))?
        .to_rgb8();
    let first = rgb.pixels().next().copied();
    let distinct = rgb.pixels().filter(|p| Some(**p) != first).count();
    rgb.save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    if distinct < (rgb.width() * rgb.height() / 100) as usize {
        return Err(format!(
            "the screenshot {} is blank ({} of {} pixels differ from the first)",
            path.display(),
            distinct,
            rgb.width() * rgb.height()
        ));
    }
    Ok(())
}

fn finish(outcome: Res<Outcome>, mut exit: MessageWriter<AppExit>) {
    match &outcome.0 {
        None => {}
        Some(Ok(())) => {
            info!("screenshot saved");
            exit.write(AppExit::Success);
        }
        Some(Err(e)) => {
            error!("{e}");
            exit.write(AppExit::error());
        }
    }
}
