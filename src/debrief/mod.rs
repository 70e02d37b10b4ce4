//! `breakglass debrief`: several groups that played the same scenario, side by side, telling
//! their decisions from their luck.
//!
//! Each group is a session file (the desktop control room, `run --session`, or a server's
//! group). Its current branch is replayed on the seed it played (what happened that day) and its
//! decision log on `seeds` other seeds, the same for every group, each beside nobody acting on
//! that seed. Because the model's randomness is coupled (a log differs from nobody acting only
//! where its decisions act), the per-seed differences measure the decisions; their spread over
//! seeds is the chance a decision cannot control. Leaving one decision out of the log on those
//! seeds measures what that decision did.
//!
//! `compare` does the runs (plain Rust over rayon, deterministic); `document.rs` words them.

mod document;
mod runs;

use std::path::{Path, PathBuf};

use crate::scenario::Scenario;
use crate::session::SessionFile;
use crate::sim::World;
use crate::sim::command::{Action, Command};
use crate::sim::interventions::Team;
use crate::sim::metrics::{Outcome, Values, key_first, summarise};

pub use runs::{Band, Chance};

/// Replays per group when none is asked for.
pub const DEFAULT_SEEDS: u64 = 16;
/// The decisions of each group that the debrief names as mattering most.
pub const TOP_DECISIONS: usize = 3;

/// One group: a session, its decision log and what happened on the day.
pub struct Group {
    /// The session file's name without `.session.ron`.
    pub name: String,
    pub path: PathBuf,
    pub session: SessionFile,
    /// The current branch's commands (decisions, injects fired, red moves), as replayed.
    pub log: Vec<Command>,
    /// The current branch replayed on the seed it was played on.
    pub played: World,
    /// Nobody acting on the same seed, to the same turn.
    pub baseline: World,
}

impl Group {
    /// The turns it played.
    pub fn turns(&self) -> u32 {
        self.played.turn
    }

    /// Its outcomes summarised over the turns it played (as the report's summary).
    pub fn summary(&self) -> Values {
        summarise(&self.played.series[..self.turns() as usize])
    }

    pub fn baseline_summary(&self) -> Values {
        summarise(&self.baseline.series[..self.turns() as usize])
    }

    /// The decisions a leave-one-out replay weighs: the player teams' levers.
    pub fn decisions(&self) -> Vec<usize> {
        (0..self.log.len())
            .filter(|&i| {
                let c = &self.log[i];
                c.team != Team::Perpetrators
                    && c.team != Team::Facilitator
                    && matches!(
                        c.action,
                        Action::Enable { .. } | Action::Disable { .. } | Action::Set { .. }
                    )
            })
            .collect()
    }
}

/// A session that could not be compared, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// What one decision did for its group: the mean change, over the other seeds, when the log is
/// replayed without it (positive: the outcome would have been higher without it).
#[derive(Debug, Clone)]
pub struct Attribution {
    /// Index into the group's log.
    pub index: usize,
    pub without: Band,
    /// The same for harm.
    pub harm_without: Band,
}

/// Each group's decisions over the other seeds.
#[derive(Debug, Clone)]
pub struct Measured {
    /// Effect against nobody acting, per outcome compared.
    pub effects: Vec<Band>,
    /// The decisions that mattered most on the first outcome, largest first.
    pub attributions: Vec<Attribution>,
    /// Its log's outcomes on each other seed (for the pairs).
    pub per_seed: Vec<Values>,
}

/// Two groups' paired difference on the first outcome (`a` minus `b`, on the same seeds).
#[derive(Debug, Clone)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub difference: Band,
}

/// The groups compared.
pub struct Comparison {
    pub groups: Vec<Group>,
    pub skipped: Vec<Skipped>,
    pub scenario: Scenario,
    /// The outcomes compared: the scenario's key outcomes, then harm.
    pub outcomes: Vec<Outcome>,
    /// The other seeds every log was replayed on.
    pub seeds: Vec<u64>,
    /// Per group, in `groups`' order.
    pub measured: Vec<Measured>,
    /// Groups by their decisions' effect on the first outcome, best for civilians first.
    pub ranking: Vec<usize>,
    pub pairs: Vec<Pair>,
    /// `breakglass explore`'s frontier against each group's plan (`--frontier`).
    pub frontier: Vec<crate::experiments::Debrief>,
}

/// Why the groups cannot be compared at all.
#[derive(Debug, thiserror::Error)]
pub enum DebriefError {
    #[error("no session to compare: {0}")]
    NoGroup(String),
    #[error("{0}")]
    DifferentScenarios(String),
}

/// Load and replay every session; those that fail are set aside with their reason.
pub fn load(paths: &[PathBuf]) -> (Vec<Group>, Vec<Skipped>) {
    let mut groups = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        match group(path) {
            Ok(g) => groups.push(g),
            Err(reason) => skipped.push(Skipped {
                path: path.clone(),
                reason,
            }),
        }
    }
    (groups, skipped)
}

fn group(path: &Path) -> Result<Group, String> {
    let session = SessionFile::load(path).map_err(|e| e.to_string())?;
    let b = session.current;
    let log = session.commands(b).map_err(|problems| {
        let first = problems.first().map(|(p, m)| format!("{p}: {m}"));
        format!(
            "its decision log does not replay ({})",
            first.unwrap_or_default()
        )
    })?;
    let played = session.replay(b, None).map_err(|e| e.to_string())?;
    let baseline = session.baseline(played.turn).map_err(|e| e.to_string())?;
    if played.turn == 0 {
        return Err("no turn was played".into());
    }
    let name = path
        .file_name()
        .map(|f| {
            f.to_string_lossy()
                .trim_end_matches(".session.ron")
                .to_string()
        })
        .unwrap_or_default();
    Ok(Group {
        name,
        path: path.to_path_buf(),
        session,
        log,
        played,
        baseline,
    })
}

/// The groups must have played one scenario: the same world, the same version. Returns what
/// differs, naming the files, when they did not. Seeds may differ; translations do not count.
pub fn same_scenario(groups: &[Group]) -> Result<(), DebriefError> {
    let Some(first) = groups.first() else {
        return Ok(());
    };
    let reference = world_of(&first.session.scenario);
    for g in &groups[1..] {
        let other = world_of(&g.session.scenario);
        if other == reference {
            continue;
        }
        let differ = match crate::shard::differing_keys(&reference, &other) {
            keys if keys.is_empty() => vec!["the whole scenario".to_string()],
            keys => keys,
        };
        return Err(DebriefError::DifferentScenarios(format!(
            "{} and {} played different scenarios (\"{}\" and \"{}\"): they differ in {}; a \
             debrief compares groups that played the same scenario",
            first.path.display(),
            g.path.display(),
            first.session.scenario.name,
            g.session.scenario.name,
            differ.join(", ")
        )));
    }
    Ok(())
}

/// What makes two scenarios the same exercise: every field but its seed and its texts in other
/// languages.
fn world_of(s: &Scenario) -> serde_json::Value {
    let mut v = serde_json::to_value(s).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.remove("translations");
        o.remove("seed");
    }
    v
}

/// The session files in `folder` that played the same scenario as `session` (the groups a
/// console holds: its sessions folder), by name.
pub fn sessions_like(folder: &Path, session: &SessionFile) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let reference = world_of(&session.scenario);
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".session.ron"))
        .filter(|p| SessionFile::load(p).is_ok_and(|other| world_of(&other.scenario) == reference))
        .collect();
    found.sort();
    found
}

/// Compare the groups: their logs on `seeds` other seeds (in parallel), the decisions that
/// mattered, the pairs. `frontier` runs `explore` against each group's plan (`runs` per
/// portfolio). `progress` is told how many runs are done of how many.
pub fn compare(
    groups: Vec<Group>,
    skipped: Vec<Skipped>,
    seeds: u64,
    frontier: Option<u64>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Comparison, DebriefError> {
    if groups.is_empty() {
        let why: Vec<String> = skipped
            .iter()
            .map(|s| format!("{}: {}", s.path.display(), s.reason))
            .collect();
        return Err(DebriefError::NoGroup(why.join("; ")));
    }
    same_scenario(&groups)?;
    let scenario = groups[0].session.scenario.clone();
    let outcomes = compared_outcomes(&scenario);
    let seeds = other_seeds(scenario.seed, seeds.max(2));
    let measured = runs::measure(&groups, &scenario, &outcomes, &seeds, progress);
    let ranking = rank(&measured, outcomes[0]);
    let pairs = runs::pairs(&measured, outcomes[0], &ranking);
    let frontier = frontier.map_or(Vec::new(), |runs| {
        groups
            .iter()
            .map(|g| crate::experiments::debrief(&scenario, &g.log, runs, FRONTIER_WIDTH))
            .collect()
    });
    Ok(Comparison {
        groups,
        skipped,
        scenario,
        outcomes,
        seeds,
        measured,
        ranking,
        pairs,
        frontier,
    })
}

/// Levers kept after screening when the frontier is explored (as `report --frontier`).
const FRONTIER_WIDTH: usize = 12;

/// The scenario's key outcomes, then harm (and the outcomes of the harm summary).
fn compared_outcomes(s: &Scenario) -> Vec<Outcome> {
    key_first(
        &s.key_outcomes,
        &[
            Outcome::CiviliansHarmed,
            Outcome::LeftAtRisk,
            Outcome::CiviliansProtected,
        ],
    )
}

/// `n` seeds none of the groups is likely to have played: drawn from the scenario's seed by
/// SplitMix64, the same for every group so that their replays are paired.
pub fn other_seeds(seed: u64, n: u64) -> Vec<u64> {
    let mut x = seed ^ 0xDEB1_EF00_0000_0000;
    (0..n)
        .map(|_| {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % 1_000_000_000
        })
        .collect()
}

/// Groups ordered by their decisions' mean effect on `o`, best for civilians first.
fn rank(measured: &[Measured], o: Outcome) -> Vec<usize> {
    let mut order: Vec<usize> = (0..measured.len()).collect();
    let up = o.better() == crate::sim::metrics::Better::Higher;
    order.sort_by(|&a, &b| {
        let (x, y) = (measured[a].effects[0].mean, measured[b].effects[0].mean);
        if up { y.total_cmp(&x) } else { x.total_cmp(&y) }
    });
    order
}

impl Comparison {
    /// The best group (first in the ranking).
    pub fn best(&self) -> usize {
        self.ranking[0]
    }

    /// Levers the best group enabled that no other group did, with the turn it did.
    pub fn only_the_best(&self) -> Vec<(u32, usize)> {
        let enabled = |g: &Group| -> Vec<(u32, usize)> {
            g.log
                .iter()
                .filter_map(|c| match c.action {
                    Action::Enable { entry, .. } => Some((c.turn, entry)),
                    _ => None,
                })
                .collect()
        };
        let best = self.best();
        let others: Vec<usize> = (0..self.groups.len())
            .filter(|&g| g != best)
            .flat_map(|g| enabled(&self.groups[g]).into_iter().map(|(_, e)| e))
            .collect();
        let mut only: Vec<(u32, usize)> = Vec::new();
        for (turn, e) in enabled(&self.groups[best]) {
            // Each lever once, at the turn it was first enabled.
            if !others.contains(&e) && !only.iter().any(|(_, x)| *x == e) {
                only.push((turn, e));
            }
        }
        only
    }

    /// The distinct seeds the groups played on.
    pub fn played_seeds(&self) -> Vec<u64> {
        let mut seeds: Vec<u64> = self.groups.iter().map(|g| g.session.seed).collect();
        seeds.sort_unstable();
        seeds.dedup();
        seeds
    }
}

pub use document::write;
