//! The control room: Bevy + egui. One plugin per feature, each `pub(super) fn plugin(app)`.
//!
//! The model lives in the [`sim_driver::Sim`] resource and is stepped in `FixedUpdate`; every
//! other plugin reads it. Nothing here changes the world except through the driver.

mod bands;
pub mod editor;
mod editor_view;
mod facilitator;
mod feed;
mod frontier;
mod hud;
mod levers;
mod map;
mod network_view;
mod outcomes;
pub mod rehearsal;
mod screenshot;
pub mod seats;
pub mod session_io;
pub mod sim_driver;
pub mod start;
mod start_view;
mod theme;
mod third_party;

use bevy::prelude::*;
use bevy::window::WindowResolution;

use crate::cli::PlayArgs;
use crate::sim::World;

/// Ordering of the app's per-frame work, in one place.
#[derive(SystemSet, Debug, Clone, Copy, Eq, PartialEq, Hash)]
pub enum AppSystems {
    /// Read keyboard and mouse.
    Input,
    /// Bring visuals up to date with the model.
    Update,
}

/// Every feature of the control room (without window or renderer: tests add it to a headless App).
pub struct ControlRoomPlugin;

impl Plugin for ControlRoomPlugin {
    fn build(&self, app: &mut App) {
        app.configure_sets(Update, (AppSystems::Input, AppSystems::Update).chain());
        app.init_resource::<crate::view::I18n>();
        app.add_plugins((
            sim_driver::plugin,
            session_io::plugin,
            seats::plugin,
            start::plugin,
            editor::plugin,
            rehearsal::plugin,
        ));
    }
}

/// The visual features, which need a window and a renderer.
struct ViewPlugin;

impl Plugin for ViewPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins((
            third_party::plugin,
            map::plugin,
            hud::plugin,
            screenshot::plugin,
            bands::plugin,
            frontier::plugin,
            start_view::plugin,
            editor_view::plugin,
            rehearsal::view_plugin,
        ));
    }
}

pub fn parse_size(s: &str) -> anyhow::Result<(u32, u32)> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| anyhow::anyhow!("--size must look like 1280x720, got \"{s}\""))?;
    let w: u32 = w.trim().parse()?;
    let h: u32 = h.trim().parse()?;
    if !(320..=7680).contains(&w) || !(240..=4320).contains(&h) {
        anyhow::bail!("--size {w}x{h} is outside 320x240..7680x4320");
    }
    Ok((w, h))
}

/// What the window opens with: a world, its baseline when resumed, the session recording it.
pub(crate) struct Opening {
    world: World,
    baseline: Option<World>,
    session: Option<session_io::Session>,
    title: String,
}

fn seat_config(args: &crate::cli::SeatArgs) -> seats::SeatConfig {
    seats::SeatConfig {
        addr: std::net::SocketAddr::new(args.bind, args.port),
        decision_seconds: args.decision_seconds,
        limits: crate::seats::server::Limits::default(),
    }
}

/// Open the window and run until it is closed (or the screenshot is taken). Without a
/// scenario named (and not taking a screenshot of the control room) it opens on the start
/// screen, with the default scenario behind it.
pub fn run(args: PlayArgs) -> anyhow::Result<()> {
    let seats = crate::cli::SeatArgs {
        port: 7878,
        bind: std::net::Ipv4Addr::LOCALHOST.into(),
        decision_seconds: 0,
    };
    let start_screen = args.scenario.is_none() && args.plan.is_none() && args.tab.is_none();
    start(args, &seats, false, start_screen)
}

/// The control room with the browser seats open.
pub fn host(args: crate::cli::HostArgs) -> anyhow::Result<()> {
    start(args.play, &args.seats, true, false)
}

fn start(
    args: PlayArgs,
    seat_args: &crate::cli::SeatArgs,
    open_seats: bool,
    start_screen: bool,
) -> anyhow::Result<()> {
    // Every interactive session is saved as it goes (screenshots and the start screen's
    // stand-in world are not sessions).
    let record = args.screenshot.is_none() && !start_screen;
    let opening = scenario_opening(
        args.scenario.as_deref(),
        args.seed,
        args.plan.as_deref(),
        record,
    )?;
    open(
        opening,
        &args,
        seat_config(seat_args),
        open_seats,
        start_screen,
    )
}

/// A scenario's world (the default scenario when `path` is None), with a plan scheduled and a
/// new session recorded when `record`.
pub(crate) fn scenario_opening(
    path: Option<&std::path::Path>,
    seed: Option<u64>,
    plan: Option<&std::path::Path>,
    record: bool,
) -> anyhow::Result<Opening> {
    let scenario = crate::cli::load_scenario(path, crate::sim::DEFAULT_MEMORY_LIMIT_MIB)?;
    let seed = seed.unwrap_or(scenario.seed);
    let mut world = World::new(&scenario, seed)?;
    if let Some(plan) = plan {
        // A prepared plan replays its decisions as the clock reaches them.
        world.schedule(crate::scenario::plan::load_plan(plan, &scenario)?);
    }
    let session = record.then(|| {
        let (started, stamp) = crate::session::now_utc();
        let file = crate::session::SessionFile::new(
            &path.map_or(crate::DEFAULT_SCENARIO_PATH.to_string(), |p| {
                p.display().to_string()
            }),
            &scenario,
            seed,
            started,
        );
        let path = crate::session::new_path(std::path::Path::new("sessions"), &scenario, &stamp);
        session_io::Session::new(path, file)
    });
    Ok(Opening {
        world,
        baseline: None,
        session,
        title: format!("Breakglass — {}", scenario.name),
    })
}

/// A saved session: every branch is replayed from its log.
pub(crate) fn session_opening(path: &std::path::Path) -> anyhow::Result<Opening> {
    let file = crate::session::SessionFile::load(path)?;
    let current = file.current;
    let world = file.replay(current, None)?;
    let baseline = file.baseline(world.turn)?;
    let mut session = session_io::Session::new(path.to_path_buf(), file);
    for b in 0..session.file.branches.len() {
        if b != current {
            session.series[b] = session.file.replay(b, None)?.series;
        }
    }
    Ok(Opening {
        title: format!("Breakglass — {} (resumed)", world.scenario.name),
        world,
        baseline: Some(baseline),
        session: Some(session),
    })
}

/// Reopen a saved session: every branch is replayed from its log.
pub fn resume(args: crate::cli::ResumeArgs) -> anyhow::Result<()> {
    let opening = session_opening(&args.session)?;
    let open_seats = args.host
        || opening
            .session
            .as_ref()
            .is_some_and(|s| !s.file.seats.is_empty());
    let play = PlayArgs {
        scenario: None,
        seed: None,
        screenshot: args.screenshot.clone(),
        after_turns: 0,
        size: args.size.clone(),
        plan: None,
        language: None,
        tab: None,
        large_text: false,
        measure: false,
    };
    open(opening, &play, seat_config(&args.seats), open_seats, false)
}

fn open(
    opening: Opening,
    args: &PlayArgs,
    seat_config: seats::SeatConfig,
    open_seats: bool,
    start_screen: bool,
) -> anyhow::Result<()> {
    let (w, h) = parse_size(&args.size)?;
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: opening.title.clone(),
            resolution: WindowResolution::new(w, h),
            ..default()
        }),
        ..default()
    }));
    let mut sim = sim_driver::Sim::new(opening.world);
    if let Some(b) = opening.baseline {
        sim.baseline = std::sync::Arc::new(b);
    }
    app.insert_resource(sim);
    if let Some(session) = opening.session {
        app.insert_resource(session);
    }
    app.insert_resource(seats::Seats::new(seat_config));
    if start_screen {
        app.insert_resource(start::StartScreen::at_launch());
    }
    let mut tr = crate::view::I18n::load();
    if let Some(code) = &args.language {
        match tr.codes().iter().position(|c| c == code) {
            Some(i) => tr.current = i,
            None => anyhow::bail!("--language {code}: available are {}", tr.codes().join(", ")),
        }
    }
    app.insert_resource(tr);
    let mut desk = hud::Desk::default();
    if let Some(tab) = &args.tab {
        desk.tab = match tab.as_str() {
            "outcomes" => hud::Tab::Outcomes,
            "feed" => hud::Tab::Feed,
            "network" => hud::Tab::Network,
            "log" => hud::Tab::Log,
            "facilitator" => hud::Tab::Facilitator,
            "briefing" => {
                desk.briefing = true;
                hud::Tab::Outcomes
            }
            "rehearsal" => {
                let world = app.world();
                let sim = world.resource::<sim_driver::Sim>();
                let mut r = rehearsal::Rehearsal::default();
                if let Some(inj) = sim.world.scenario.injects.first() {
                    r.run(world.resource::<crate::view::I18n>(), sim, inj.seq);
                }
                app.insert_resource(r);
                hud::Tab::Facilitator
            }
            "editor" => {
                let source = args
                    .scenario
                    .as_ref()
                    .map_or(crate::DEFAULT_SCENARIO_PATH.to_string(), |p| {
                        p.display().to_string()
                    });
                let scenario = (*app.world().resource::<sim_driver::Sim>().world.scenario).clone();
                app.insert_resource(editor::Editor {
                    draft: Some(editor::Draft::new(scenario, &source)),
                });
                hud::Tab::Outcomes
            }
            other => anyhow::bail!(
                "--tab {other}: one of outcomes, feed, network, log, facilitator, briefing, editor, rehearsal"
            ),
        };
    }
    app.insert_resource(desk);
    if args.large_text {
        app.insert_resource(third_party::TextScale(1.35));
    }
    if let Some(path) = &args.screenshot {
        app.insert_resource(screenshot::ScreenshotPlan::new(
            path.clone(),
            args.after_turns,
            args.measure,
        ));
    }
    app.add_plugins((
        ControlRoomPlugin,
        ViewPlugin,
        bevy::diagnostic::FrameTimeDiagnosticsPlugin::default(),
    ));
    if open_seats {
        app.world_mut().write_message(seats::OpenSeats);
    }
    match app.run() {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => anyhow::bail!("the app exited with code {code}"),
    }
}
