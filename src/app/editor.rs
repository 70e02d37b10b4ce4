//! The scenario editor's model (drawn by `editor_view.rs`): a draft scenario, checked as it
//! changes with the same `validate` as `breakglass check` (the same messages, by path, so each
//! shows beside its field), undo and redo, and saving as formatted RON into a folder the user
//! picks: never over a library file, never to a path read from a file. A scenario with problems
//! can be saved as a draft, which `check` refuses with its reasons. A file `check` refuses
//! still opens: its problems are listed, nothing crashes.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::scenario::{self, DistrictSpec, Scenario};

/// Undo steps kept.
pub const HISTORY: usize = 200;

#[derive(Debug, Clone)]
pub struct Draft {
    pub scenario: Scenario,
    /// Where it came from (shown; never written to when it is a library file).
    pub source: String,
    /// The state the last undo step recorded (the UI commits edits against it).
    committed: Scenario,
    history: Vec<Scenario>,
    future: Vec<Scenario>,
    /// `validate`'s problems: (path, message).
    pub problems: Vec<(String, String)>,
    /// Save into this folder under this file name.
    pub folder: String,
    pub file_name: String,
    pub status: String,
    /// The district selected on the editor's map.
    pub district: Option<usize>,
}

impl Draft {
    pub fn new(scenario: Scenario, source: &str) -> Draft {
        let stem = Path::new(source)
            .file_stem()
            .map_or("scenario".into(), |s| s.to_string_lossy().into_owned());
        let mut d = Draft {
            committed: scenario.clone(),
            scenario,
            source: source.to_string(),
            history: Vec::new(),
            future: Vec::new(),
            problems: Vec::new(),
            folder: "my_scenarios".into(),
            file_name: format!("{stem}.ron"),
            status: String::new(),
            district: None,
        };
        d.check();
        d
    }

    /// Open a file to edit, even one `check` refuses (only a file that is not RON at all, or
    /// cannot be read, is refused).
    pub fn open_file(path: &Path) -> Result<Draft, String> {
        let text = scenario::read_limited(path).map_err(|e| e.to_string())?;
        let file = path.display().to_string();
        let s: Scenario = scenario::parse_ron(&file, &text).map_err(|e| e.to_string())?;
        Ok(Draft::new(s, &file))
    }

    /// Re-run the checks on the draft.
    pub fn check(&mut self) {
        self.problems = scenario::validate(&self.scenario, crate::sim::DEFAULT_MEMORY_LIMIT_MIB);
    }

    /// One edit, as one undo step.
    pub fn edit(&mut self, f: impl FnOnce(&mut Scenario)) {
        self.commit();
        f(&mut self.scenario);
        self.commit();
    }

    /// Record what changed since the last step as one undo step (the UI calls it when no
    /// widget is being dragged or typed into). Returns whether anything changed.
    pub fn commit(&mut self) -> bool {
        if self.scenario == self.committed {
            return false;
        }
        let before = std::mem::replace(&mut self.committed, self.scenario.clone());
        self.history.push(before);
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
        self.future.clear();
        self.check();
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.history.is_empty() || self.scenario != self.committed
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    pub fn undo(&mut self) {
        self.commit();
        if let Some(prev) = self.history.pop() {
            self.future
                .push(std::mem::replace(&mut self.scenario, prev));
            self.committed = self.scenario.clone();
            self.check();
        }
    }

    pub fn redo(&mut self) {
        if let Some(next) = self.future.pop() {
            self.history
                .push(std::mem::replace(&mut self.scenario, next));
            self.committed = self.scenario.clone();
            self.check();
        }
    }

    /// The problems at `path` or below it (`districts[2]` gives those of district 2).
    pub fn problems_at(&self, path: &str) -> Vec<&str> {
        self.problems
            .iter()
            .filter(|(p, _)| {
                p == path
                    || p.strip_prefix(path)
                        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
            })
            .map(|(_, m)| m.as_str())
            .collect()
    }

    /// A new district on hex `hex`, shared among the groups equally.
    pub fn add_district_at(&mut self, hex: (i32, i32)) {
        let n = self.scenario.districts.len() + 1;
        let groups = self.scenario.groups.len().max(1) as f64;
        let district = DistrictSpec {
            name: format!("District {n}"),
            hex,
            population: 100_000.0,
            groups: self
                .scenario
                .groups
                .iter()
                .map(|g| (g.name.clone(), 1.0 / groups))
                .collect(),
            connectivity: 1.0,
            adoption: 0.5,
            local_media: 0.5,
            civil_society: 0.5,
            legitimacy: 0.5,
            deterrence: 0.04,
            haven: false,
            capacity: None,
            rumour_belief: None,
            border: true,
        };
        self.edit(|s| s.districts.push(district));
        self.district = Some(self.scenario.districts.len() - 1);
    }

    pub fn remove_district(&mut self, i: usize) {
        if i < self.scenario.districts.len() {
            self.edit(|s| {
                s.districts.remove(i);
            });
            self.district = None;
        }
    }

    /// Move district `i` to `hex` (refused when another district is there).
    pub fn move_district(&mut self, i: usize, hex: (i32, i32)) {
        if self.scenario.districts.iter().any(|d| d.hex == hex) {
            return;
        }
        self.edit(|s| {
            if let Some(d) = s.districts.get_mut(i) {
                d.hex = hex;
            }
        });
    }

    /// Where saving writes: the folder and file name the user picked.
    pub fn target(&self) -> PathBuf {
        let mut name = self.file_name.trim().to_string();
        if !name.ends_with(".ron") {
            name.push_str(".ron");
        }
        Path::new(self.folder.trim()).join(name)
    }

    /// Save as formatted RON. `draft`: even with problems (then `check` refuses the file and
    /// says why). Never into the library folder.
    pub fn save(&mut self, draft: bool) -> Result<PathBuf, String> {
        self.commit();
        let path = self.target();
        if self.file_name.trim().is_empty() || path.file_stem().is_none() {
            return Err("give the file a name".into());
        }
        if scenario::is_library(&path) {
            return Err(format!(
                "{} is in the library, which is never overwritten: pick another folder",
                path.display()
            ));
        }
        if !draft && !self.problems.is_empty() {
            return Err(format!(
                "{} problem(s) to fix first (or save as a draft)",
                self.problems.len()
            ));
        }
        let text = scenario::to_text(&self.scenario)?;
        scenario::write_atomic(&path, text.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        self.status = format!("saved {}", path.display());
        Ok(path)
    }
}

/// The editor: closed, or open on a draft.
#[derive(Resource, Debug, Default)]
pub struct Editor {
    pub draft: Option<Draft>,
}

/// Open a scenario file in the editor (from the start screen).
#[derive(Message, Debug, Clone)]
pub struct EditFile(pub PathBuf);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Editor>()
        .add_message::<EditFile>()
        .add_systems(Update, edit_file);
}

fn edit_file(
    mut requests: MessageReader<EditFile>,
    mut editor: ResMut<Editor>,
    start: Option<ResMut<super::start::StartScreen>>,
) {
    let mut error = None;
    for EditFile(path) in requests.read() {
        match Draft::open_file(path) {
            Ok(d) => editor.draft = Some(d),
            Err(e) => error = Some(e),
        }
    }
    if let (Some(e), Some(mut start)) = (error, start) {
        start.error = Some(e);
    }
}
