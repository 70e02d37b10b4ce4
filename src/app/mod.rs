//! The control room: Bevy + egui. One plugin per feature, each `pub(super) fn plugin(app)`.
//!
//! The model lives in the [`sim_driver::Sim`] resource and is stepped in `FixedUpdate`; every
//! other plugin reads it. Nothing here changes the world except through the driver.

mod bands;
mod desk;
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

use std::path::PathBuf;

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
            desk::plugin,
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

/// What the window opens with: a world, its baseline when resumed, the session recording it.
pub(crate) struct Opening {
    /// The scenario the world was built from (its texts, key outcomes, injects).
    scenario: crate::scenario::Scenario,
    world: World,
    baseline: Option<World>,
    session: Option<session_io::Session>,
    title: String,
}

/// What the window opens on.
#[derive(Debug, Clone, PartialEq)]
pub enum Launch {
    /// The start screen, with the default scenario behind it.
    StartScreen,
    /// A scenario (`None`: the default) with a seed (`None`: the scenario's) and a plan whose
    /// decisions are applied as the clock reaches them; recorded as a new session unless the
    /// run only takes a screenshot.
    Scenario {
        path: Option<PathBuf>,
        seed: Option<u64>,
        plan: Option<PathBuf>,
    },
    /// A saved session, every branch replayed.
    Session(PathBuf),
}

/// A screenshot of the window, taken after `after_turns` turns; then the app exits.
#[derive(Debug, Clone, PartialEq)]
pub struct Screenshot {
    pub path: PathBuf,
    pub after_turns: u32,
    /// First run the clock at full speed for 120 frames and log the UI pass, model and frame
    /// times.
    pub measure: bool,
}

/// How the control room opens. The command line fills it; the app reads nothing else.
#[derive(Debug, Clone)]
pub struct Options {
    pub launch: Launch,
    /// Window size in pixels.
    pub size: (u32, u32),
    /// Interface language (`None`: English).
    pub language: Option<String>,
    /// A tab to show on the right (outcomes, feed, network, log, facilitator), the briefing
    /// view, the scenario editor (editor), or the rehearsal of the first inject (rehearsal).
    pub tab: Option<String>,
    /// Large text for projectors.
    pub large_text: bool,
    pub screenshot: Option<Screenshot>,
    /// Where the seats are served when they open.
    pub seats: seats::SeatConfig,
    /// Open the seats at launch (a session that had seats reopens them anyway).
    pub open_seats: bool,
}

impl Options {
    /// The window on `launch` with everything else as a new user gets it.
    pub fn new(launch: Launch) -> Options {
        Options {
            launch,
            size: (1280, 720),
            language: None,
            tab: None,
            large_text: false,
            screenshot: None,
            seats: seats::SeatConfig::default(),
            open_seats: false,
        }
    }
}

/// Open the window and run until it is closed (or the screenshot is taken).
pub fn run(options: Options) -> anyhow::Result<()> {
    let start_screen = options.launch == Launch::StartScreen;
    let opening = match &options.launch {
        // The start screen's stand-in world is not a session.
        Launch::StartScreen => scenario_opening(None, None, None, false)?,
        Launch::Scenario { path, seed, plan } => scenario_opening(
            path.as_deref(),
            *seed,
            plan.as_deref(),
            options.screenshot.is_none(),
        )?,
        Launch::Session(path) => session_opening(path)?,
    };
    let open_seats = options.open_seats
        || opening
            .session
            .as_ref()
            .is_some_and(|s| !s.file.seats.is_empty());
    open(opening, &options, open_seats, start_screen)
}

/// A scenario's world (the default scenario when `path` is None), with a plan scheduled and a
/// new session recorded when `record`.
pub(crate) fn scenario_opening(
    path: Option<&std::path::Path>,
    seed: Option<u64>,
    plan: Option<&std::path::Path>,
    record: bool,
) -> anyhow::Result<Opening> {
    let scenario = crate::scenario::load_or_default(path, crate::sim::DEFAULT_MEMORY_LIMIT_MIB)?;
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
        title: format!("Breakglass — {}", scenario.name),
        scenario,
        world,
        baseline: None,
        session,
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
        title: format!("Breakglass — {} (resumed)", session.file.scenario.name),
        scenario: session.file.scenario.clone(),
        world,
        baseline: Some(baseline),
        session: Some(session),
    })
}

fn open(
    opening: Opening,
    args: &Options,
    open_seats: bool,
    start_screen: bool,
) -> anyhow::Result<()> {
    let (w, h) = args.size;
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: opening.title.clone(),
            resolution: WindowResolution::new(w, h),
            ..default()
        }),
        ..default()
    }));
    let mut sim = sim_driver::Sim::new(opening.scenario, opening.world);
    if let Some(b) = opening.baseline {
        sim.baseline = std::sync::Arc::new(b);
    }
    app.insert_resource(sim);
    if let Some(session) = opening.session {
        app.insert_resource(session);
    }
    app.insert_resource(seats::Seats::new(args.seats.clone()));
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
    let desk = initial_desk(&mut app, args)?;
    app.insert_resource(desk);
    if args.large_text {
        app.insert_resource(third_party::TextScale(1.35));
    }
    if let Some(shot) = &args.screenshot {
        app.insert_resource(screenshot::ScreenshotPlan::new(
            shot.path.clone(),
            shot.after_turns,
            shot.measure,
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

/// The desk the window opens with: the tab `--tab` asks for (the briefing view, the editor on
/// the scenario, the rehearsal of the first inject).
fn initial_desk(app: &mut App, args: &Options) -> anyhow::Result<desk::Desk> {
    let mut desk = desk::Desk::default();
    if let Some(tab) = &args.tab {
        desk.tab = match tab.as_str() {
            "outcomes" => desk::Tab::Outcomes,
            "feed" => desk::Tab::Feed,
            "network" => desk::Tab::Network,
            "log" => desk::Tab::Log,
            "facilitator" => desk::Tab::Facilitator,
            "briefing" => {
                desk.briefing = true;
                desk::Tab::Outcomes
            }
            "rehearsal" => {
                let world = app.world();
                let sim = world.resource::<sim_driver::Sim>();
                let mut r = rehearsal::Rehearsal::default();
                if let Some(inj) = sim.scenario.injects.first() {
                    r.run(world.resource::<crate::view::I18n>(), sim, inj.seq);
                }
                app.insert_resource(r);
                desk::Tab::Facilitator
            }
            "editor" => {
                let source = match &args.launch {
                    Launch::Scenario { path: Some(p), .. } => p.display().to_string(),
                    _ => crate::DEFAULT_SCENARIO_PATH.to_string(),
                };
                let scenario = (*app.world().resource::<sim_driver::Sim>().scenario).clone();
                app.insert_resource(editor::Editor {
                    draft: Some(editor::Draft::new(scenario, &source)),
                });
                desk::Tab::Outcomes
            }
            other => anyhow::bail!(
                "--tab {other}: one of outcomes, feed, network, log, facilitator, briefing, editor, rehearsal"
            ),
        };
    }
    Ok(desk)
}
