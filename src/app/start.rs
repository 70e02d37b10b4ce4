//! The start screen: what the app shows when it opens without a scenario named. The library as
//! cards (name, briefing, length, key outcomes, and the tools that matter most there as the
//! decisive-tools experiment measured them), the recent sessions with their turn and date, "new
//! from a template" (a copy of a library scenario in a folder the user picks, never the library
//! file itself) and "open a file" (a path typed or a file dropped on the window). Enter opens the
//! highlighted card: the default scenario is one key away.
//!
//! Opening is one message ([`Open`]) handled off the view, so a headless App can drive it: the
//! new world replaces [`Sim`], a new session is recorded, and [`ScenarioOpened`] tells the view
//! to rebuild what belongs to the old world (the map's hexes, the panels' state).

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use super::session_io::Session;
use super::sim_driver::{Pause, Sim};

/// One library scenario as a card.
#[derive(Debug, Clone)]
pub struct Card {
    pub path: PathBuf,
    pub name: String,
    pub briefing: String,
    pub turns: i64,
    pub turn_hours: f64,
    pub key_outcomes: Vec<String>,
    /// The tools that matter most there (the decisive-tools experiment's set).
    pub tools: Vec<&'static str>,
    pub translations: std::collections::BTreeMap<String, crate::scenario::TextsSpec>,
}

impl Card {
    /// The name in the interface's language.
    pub fn name_in(&self, tr: &crate::view::I18n) -> String {
        let own = self
            .translations
            .get(tr.code())
            .and_then(|t| t.name.as_deref());
        tr.name_of_scenario(&self.name, own)
    }

    /// The briefing in the interface's language.
    pub fn briefing_in(&self, tr: &crate::view::I18n) -> String {
        self.translations
            .get(tr.code())
            .and_then(|t| t.briefing.clone())
            .unwrap_or_else(|| tr.or(&format!("briefing.{}", self.name), &self.briefing))
    }
}

/// A saved session.
#[derive(Debug, Clone)]
pub struct Recent {
    pub path: PathBuf,
    pub scenario: String,
    /// The scenario's texts in other languages (its name among them).
    pub names: std::collections::BTreeMap<String, crate::scenario::TextsSpec>,
    pub turn: u32,
    pub turns: i64,
    pub started: String,
}

#[derive(Resource, Debug, Default)]
pub struct StartScreen {
    pub open: bool,
    pub cards: Vec<Card>,
    pub recent: Vec<Recent>,
    /// The highlighted card (Enter opens it).
    pub selected: usize,
    /// "Open a file": the path typed.
    pub path: String,
    /// "New from a template": the new scenario's name and the folder it is written to.
    pub new_name: String,
    pub folder: String,
    /// What went wrong with the last request (shown on the screen).
    pub error: Option<String>,
}

impl StartScreen {
    /// The screen, open, with the library and the sessions found from the current folder.
    pub fn at_launch() -> Self {
        let cards = library_cards(Path::new("scenarios"));
        // The default scenario is highlighted: Enter plays it.
        let default = Path::new(crate::DEFAULT_SCENARIO_PATH).file_name();
        let selected = cards
            .iter()
            .position(|c| c.path.file_name() == default)
            .unwrap_or(0);
        StartScreen {
            open: true,
            selected,
            cards,
            recent: recent_sessions(Path::new("sessions"), 8),
            folder: "my_scenarios".into(),
            ..StartScreen::default()
        }
    }
}

/// What the user asked to open.
#[derive(Message, Debug, Clone)]
pub enum Open {
    Scenario(PathBuf),
    Session(PathBuf),
    /// Copy `from` as a new scenario called `name` into `folder`, then open the copy.
    Template {
        from: PathBuf,
        name: String,
        folder: PathBuf,
    },
}

/// A new world is in [`Sim`]: the view drops what belonged to the old one.
#[derive(Message, Debug, Clone)]
pub struct ScenarioOpened {
    pub title: String,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<StartScreen>()
        .add_message::<Open>()
        .add_message::<ScenarioOpened>()
        .add_systems(Update, open_requested.in_set(super::AppSystems::Input));
}

/// Run condition: the start screen is not covering the control room.
pub fn closed(start: Option<Res<StartScreen>>) -> bool {
    start.is_none_or(|s| !s.open)
}

/// The library's scenarios, in the decisive-tools experiment's order, then any other `.ron`
/// scenario in the folder.
pub fn library_cards(dir: &Path) -> Vec<Card> {
    let mut files: Vec<PathBuf> = crate::experiments::LIBRARY
        .iter()
        .map(|f| dir.join(Path::new(f.file).file_name().unwrap_or_default()))
        .collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut more: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ron") && !files.contains(p))
            .collect();
        more.sort();
        files.extend(more);
    }
    files
        .into_iter()
        .filter_map(|path| {
            let s = crate::scenario::load(&path).ok()?.scenario;
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            let tools = crate::experiments::LIBRARY
                .iter()
                .find(|f| crate::experiments::stem(f.file) == stem)
                .map(|f| f.tools.to_vec())
                .unwrap_or_default();
            Some(Card {
                name: s.name.clone(),
                briefing: s.briefing.clone(),
                turns: s.turns,
                turn_hours: s.turn_hours,
                key_outcomes: s.key_outcomes.clone(),
                tools,
                translations: s.translations.clone(),
                path,
            })
        })
        .collect()
}

/// The `max` most recently saved sessions in `dir`.
pub fn recent_sessions(dir: &Path, max: usize) -> Vec<Recent> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".session.ron"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    files
        .into_iter()
        .filter_map(|(_, path)| {
            let f = crate::session::SessionFile::load(&path).ok()?;
            Some(Recent {
                turn: f.branches.get(f.current).map_or(0, |b| b.turn),
                turns: f.scenario.turns,
                scenario: f.scenario.name.clone(),
                names: f.scenario.translations.clone(),
                started: f.started.clone(),
                path,
            })
        })
        .take(max)
        .collect()
}

/// Write a copy of the scenario at `from` named `name` into `folder` (a new file: an existing
/// one is never overwritten, the library never written to). Returns the copy's path.
pub fn copy_template(from: &Path, name: &str, folder: &Path) -> Result<PathBuf, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("give the new scenario a name".into());
    }
    let text = crate::scenario::read_limited(from).map_err(|e| e.to_string())?;
    let old = crate::scenario::from_str(&from.display().to_string(), &text)
        .map_err(|e| e.to_string())?
        .name;
    let quoted = |s: &str| ron::to_string(&s).unwrap_or_default();
    let text = text.replacen(
        &format!("name: {}", quoted(&old)),
        &format!("name: {}", quoted(name)),
        1,
    );
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let mut path = folder.join(format!("{slug}.ron"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{slug}_{n}.ron"));
        n += 1;
    }
    if crate::scenario::is_library(&path) {
        return Err(format!(
            "{} is the library folder: pick another folder",
            folder.display()
        ));
    }
    crate::scenario::write_atomic(&path, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

fn open_requested(
    mut requests: MessageReader<Open>,
    mut commands: Commands,
    mut start: ResMut<StartScreen>,
    mut pause: ResMut<NextState<Pause>>,
    mut opened: MessageWriter<ScenarioOpened>,
) {
    for request in requests.read() {
        let opening = match request {
            Open::Scenario(path) => super::scenario_opening(Some(path), None, None, true),
            Open::Session(path) => super::session_opening(path),
            Open::Template { from, name, folder } => copy_template(from, name, folder)
                .map_err(anyhow::Error::msg)
                .and_then(|path| super::scenario_opening(Some(&path), None, None, true)),
        };
        match opening {
            Ok(o) => {
                let mut sim = Sim::new(o.scenario, o.world);
                if let Some(b) = o.baseline {
                    sim.baseline = std::sync::Arc::new(b);
                }
                commands.insert_resource(sim);
                match o.session {
                    Some(session) => commands.insert_resource(session),
                    None => commands.remove_resource::<Session>(),
                }
                pause.set(Pause(true));
                start.open = false;
                start.error = None;
                opened.write(ScenarioOpened { title: o.title });
            }
            Err(e) => start.error = Some(format!("{e:#}")),
        }
    }
}
