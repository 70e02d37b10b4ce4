//! Exercise sessions: the scenario, the seed, every branch's decision log, the facilitator's notes
//! and ratings. Saved atomically (write to a temporary file, then rename) after every turn and
//! every decision, so killing the program loses at most the turn in progress and never the log.
//! A session is replayed from its logs (the model is deterministic), so it stores no world state.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::scenario::plan::{CommandSpec, PlanSpec, to_spec, validate_plan};
use crate::scenario::{self, LoadError, Scenario};
use crate::sim::command::Command;
use crate::sim::{BuildError, World};

/// 2: teams have capacity budgets. Format 1 sessions (recorded before budgets existed) still
/// open: their scenario copy gets unlimited budgets, so every decision they hold replays.
pub const FORMAT: u32 = 2;

/// The name a branch gets when it is made: "Branch 1", "Branch 2 (from Branch 1 at turn 5)".
/// Readers word a branch that still has it in their own language (`view::words::branch`).
pub fn default_branch_name(index: usize, forked: Option<(&str, u32)>) -> String {
    match forked {
        None => format!("Branch {}", index + 1),
        Some((parent, turn)) => format!("Branch {} (from {parent} at turn {turn})", index + 1),
    }
}

/// One timeline of decisions. A branch made by rewinding shares its parent's decisions before
/// `fork_turn`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename = "Branch", deny_unknown_fields)]
pub struct BranchFile {
    pub name: String,
    #[serde(default)]
    pub parent: Option<usize>,
    #[serde(default)]
    pub fork_turn: u32,
    /// Turns played on this branch.
    pub turn: u32,
    #[serde(default)]
    pub commands: Vec<CommandSpec>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename = "Note", deny_unknown_fields)]
pub struct NoteSpec {
    pub branch: usize,
    pub turn: u32,
    pub text: String,
    /// Who wrote it: "" for the facilitator, "evaluator" for an evaluator's observation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// What it is about: "inject 3", "decision 5", or "" for the turn in general.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub about: String,
}

/// The facilitator's rating of an objective (HSEEP): P = performed without challenges, S = with
/// some challenges, M = with major challenges, U = unable to perform.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename = "Rating", deny_unknown_fields)]
pub struct RatingSpec {
    pub objective: String,
    pub rating: String,
    #[serde(default)]
    pub comment: String,
    /// Who rated it: "" for the facilitator, "evaluator" for the evaluator's seat.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

/// A browser seat's join code, kept with the session so seats rejoin after a restart.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename = "Seat", deny_unknown_fields)]
pub struct SeatCodeSpec {
    /// "platform", "crisis_leadership", "policy_makers", "civil_society", "evaluator", "observer".
    pub seat: String,
    pub code: String,
}

pub const RATINGS: [(&str, &str); 4] = [
    ("P", "performed without challenges"),
    ("S", "performed with some challenges"),
    ("M", "performed with major challenges"),
    ("U", "unable to be performed"),
];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename = "Session", deny_unknown_fields)]
pub struct SessionFile {
    pub format: u32,
    /// Where the scenario came from (for people; the copy below is what is replayed).
    #[serde(default)]
    pub scenario_file: String,
    pub scenario: Scenario,
    pub seed: u64,
    /// When the session started (as the facilitator's computer said).
    #[serde(default)]
    pub started: String,
    pub branches: Vec<BranchFile>,
    #[serde(default)]
    pub current: usize,
    #[serde(default)]
    pub notes: Vec<NoteSpec>,
    #[serde(default)]
    pub ratings: Vec<RatingSpec>,
    /// Join codes of the browser seats (once seats were opened).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seats: Vec<SeatCodeSpec>,
}

impl PartialEq for Scenario {
    fn eq(&self, other: &Self) -> bool {
        // Scenarios compare by their serialised form (they hold floats and maps).
        ron::to_string(self).ok() == ron::to_string(other).ok()
    }
}

impl SessionFile {
    pub fn new(scenario_file: &str, scenario: &Scenario, seed: u64, started: String) -> Self {
        SessionFile {
            format: FORMAT,
            scenario_file: scenario_file.to_string(),
            scenario: scenario.clone(),
            seed,
            started,
            branches: vec![BranchFile {
                name: default_branch_name(0, None),
                parent: None,
                fork_turn: 0,
                turn: 0,
                commands: Vec::new(),
            }],
            current: 0,
            notes: Vec::new(),
            ratings: Vec::new(),
            seats: Vec::new(),
        }
    }

    /// Record the current branch's state from its world (decision log and turn).
    pub fn record(&mut self, world: &World) {
        let scenario = &self.scenario;
        let commands = world.log.iter().map(|c| to_spec(c, scenario)).collect();
        if let Some(b) = self.branches.get_mut(self.current) {
            b.commands = commands;
            b.turn = world.turn;
        }
    }

    /// The commands of branch `b`, validated against the scenario.
    pub fn commands(&self, b: usize) -> Result<Vec<Command>, Vec<(String, String)>> {
        let spec = PlanSpec {
            name: String::new(),
            commands: self.branches[b].commands.clone(),
        };
        let (commands, problems) = validate_plan(&spec, &self.scenario);
        if problems.is_empty() {
            Ok(commands)
        } else {
            Err(problems
                .into_iter()
                .map(|(p, m)| (format!("branches[{b}].{p}"), m))
                .collect())
        }
    }

    /// Replay branch `b` to `turn` (its own end when `None`).
    pub fn replay(&self, b: usize, turn: Option<u32>) -> Result<World, SessionError> {
        self.replay_counting(b, turn, &std::sync::atomic::AtomicU32::new(0))
    }

    /// `replay`, counting the turns replayed so far in `done` (for a progress display).
    pub fn replay_counting(
        &self,
        b: usize,
        turn: Option<u32>,
        done: &std::sync::atomic::AtomicU32,
    ) -> Result<World, SessionError> {
        let commands = self.commands(b).map_err(SessionError::BadLog)?;
        let mut world = World::new(&self.scenario, self.seed)?;
        world.schedule(commands);
        let until = turn.unwrap_or(self.branches[b].turn).min(world.turns());
        while world.turn < until {
            world.step();
            done.store(world.turn, std::sync::atomic::Ordering::Relaxed);
        }
        // Decisions taken in the decision phase of the turn reached are applied too.
        world.apply_due();
        Ok(world)
    }

    /// The do-nothing baseline stepped to `turn`.
    pub fn baseline(&self, turn: u32) -> Result<World, SessionError> {
        let mut world = World::new(&self.scenario, self.seed)?;
        while world.turn < turn.min(world.turns()) {
            world.step();
        }
        Ok(world)
    }

    /// Start a new branch from branch `from` at `turn`: it keeps the decisions made before that
    /// turn. Returns the new branch's index; the old branch is kept as it was.
    pub fn branch(&mut self, from: usize, turn: u32) -> usize {
        let parent = &self.branches[from];
        let kept: Vec<CommandSpec> = parent
            .commands
            .iter()
            .filter(|c| (c.turn as u32) < turn)
            .cloned()
            .collect();
        let index = self.branches.len();
        self.branches.push(BranchFile {
            name: default_branch_name(index, Some((&parent.name, turn))),
            parent: Some(from),
            fork_turn: turn,
            turn,
            commands: kept,
        });
        self.current = index;
        index
    }

    /// Write atomically: a temporary file in the same folder, flushed, then renamed over.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(
            self,
            ron::ser::PrettyConfig::new()
                .struct_names(true)
                .extensions(ron::extensions::Extensions::IMPLICIT_SOME),
        )
        .map_err(std::io::Error::other)?;
        scenario::write_atomic(path, text.as_bytes())
    }

    pub fn load(path: &Path) -> Result<SessionFile, SessionError> {
        let text = scenario::read_limited(path)?;
        let file = path.display().to_string();
        let mut session: SessionFile = scenario::parse_ron(&file, &text)?;
        if session.format == 1 {
            session.scenario.budgets = crate::sim::interventions::Budgets::UNLIMITED;
            session.format = FORMAT;
        }
        if session.format != FORMAT {
            return Err(SessionError::Format(session.format));
        }
        let mut problems: Vec<(String, String)> =
            scenario::validate(&session.scenario, crate::sim::DEFAULT_MEMORY_LIMIT_MIB)
                .into_iter()
                .map(|(p, m)| (format!("scenario.{p}"), m))
                .collect();
        if session.branches.is_empty() {
            problems.push((
                "branches".into(),
                "a session needs at least one branch".into(),
            ));
        }
        if session.current >= session.branches.len() {
            problems.push((
                "current".into(),
                format!(
                    "no branch {} (there are {})",
                    session.current,
                    session.branches.len()
                ),
            ));
        }
        for b in 0..session.branches.len() {
            if let Err(p) = session.commands(b) {
                problems.extend(p);
            }
        }
        // The edge list is read last, once everything else is known to be sound, and only from
        // the folder of the scenario the session was started from.
        let edges = session.scenario.graph.edge_list.clone().and_then(|list| {
            let dir = Path::new(&session.scenario_file)
                .parent()
                .unwrap_or(Path::new("."))
                .to_path_buf();
            match scenario::edge_list_path(&dir, &list) {
                Ok(p) => Some(p),
                Err(m) => {
                    problems.push(("scenario.graph.edge_list".into(), m));
                    None
                }
            }
        });
        if !problems.is_empty() {
            return Err(SessionError::Load(scenario::located(
                &file, &text, problems,
            )));
        }
        if let Some(p) = edges {
            scenario::attach_edges(&mut session.scenario, &p)?;
        }
        Ok(session)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("session format {0} is not supported (this version reads format {FORMAT})")]
    Format(u32),
    #[error("{}", .0.iter().map(|(p, m)| format!("{p}: {m}")).collect::<Vec<_>>().join("\n"))]
    BadLog(Vec<(String, String)>),
    #[error("{0}")]
    Build(#[from] BuildError),
}

/// A file name for a new session of `scenario` in `dir`.
pub fn new_path(dir: &Path, scenario: &Scenario, stamp: &str) -> PathBuf {
    let slug: String = scenario
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .take(4)
        .collect::<Vec<_>>()
        .join("-");
    dir.join(format!("{slug}-{stamp}.session.ron"))
}

/// Local time as "YYYY-MM-DD HH:MM:SS" (UTC), from the system clock. Used for file names and the
/// report's date only, never by the model.
pub fn now_utc() -> (String, String) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    let (h, mi, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    (
        format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC"),
        format!("{y:04}{m:02}{d:02}-{h:02}{mi:02}{s:02}"),
    )
}
