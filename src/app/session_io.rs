//! The exercise session in the app: autosave after every turn and every decision (atomic, in
//! `sessions/`), rewind to an earlier turn as a new branch (the old branch is kept and its
//! series stay on the charts), and the report written from the room.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};

use super::sim_driver::Sim;
use crate::session::{NoteSpec, RatingSpec, SessionFile};
use crate::sim::World;
use crate::sim::metrics::Values;

/// The session being played.
#[derive(Resource)]
pub struct Session {
    pub path: PathBuf,
    pub file: SessionFile,
    /// Each branch's series as far as it was played (for comparison on the charts).
    pub series: Vec<Vec<Values>>,
    /// What the last save did (shown to the facilitator).
    pub status: String,
}

impl Session {
    pub fn new(path: PathBuf, file: SessionFile) -> Self {
        let n = file.branches.len();
        Session {
            path,
            file,
            series: vec![Vec::new(); n],
            status: String::new(),
        }
    }
}

/// Rewind the current branch to a turn, continuing as a new branch.
#[derive(Message, Debug, Clone, Copy)]
pub struct Rewind(pub u32);

/// A note for the current turn: the facilitator's (no author), or an evaluator's observation
/// about an inject or a decision.
#[derive(Message, Debug, Clone, Default)]
pub struct AddNote {
    pub text: String,
    pub author: String,
    pub about: String,
}

/// The facilitator's rating of an objective.
#[derive(Message, Debug, Clone)]
pub struct Rate(pub RatingSpec);

/// Write the after-action report now; with `uncertainty`, add "what we don't know" (a Morris
/// screening of the teams' effect over the assumed parameters: about a minute more).
#[derive(Message, Debug, Clone, Copy)]
pub struct WriteReport {
    pub uncertainty: bool,
}

/// Write the debrief of the groups this console holds: the sessions in its folder that played
/// the same scenario (`breakglass debrief` over them).
#[derive(Message, Debug, Clone, Copy)]
pub struct WriteDebrief;

/// The session's systems: others that must see a decision saved order themselves after them.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionSystems;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Background>()
        .add_message::<Rewind>()
        .add_message::<AddNote>()
        .add_message::<Rate>()
        .add_message::<WriteReport>()
        .add_message::<WriteDebrief>()
        .add_systems(
            FixedUpdate,
            (rewind, notes, autosave, report, debrief)
                .chain()
                .after(super::sim_driver::DriverSystems)
                .in_set(SessionSystems)
                .run_if(resource_exists::<Session>),
        );
}

fn save(session: &mut Session) {
    session.status = match session.file.save(&session.path) {
        Ok(()) => format!("saved {}", session.path.display()),
        Err(e) => {
            error!(
                "could not save the session to {}: {e}",
                session.path.display()
            );
            format!("NOT SAVED: {e}")
        }
    };
}

/// Save whenever the turn or the decision log changed.
fn autosave(
    sim: Res<Sim>,
    mut session: ResMut<Session>,
    mut last: Local<Option<(usize, u32, usize)>>,
) {
    let key = (session.file.current, sim.world.turn, sim.world.log.len());
    if *last == Some(key) {
        return;
    }
    *last = Some(key);
    let current = session.file.current;
    session.file.record(&sim.world);
    if let Some(s) = session.series.get_mut(current) {
        s.clone_from(&sim.world.series);
    }
    save(&mut session);
}

/// A rewind in progress: the branch it starts from, the turn, turns replayed so far, and the
/// task (the new branch's world and the baseline at that turn).
struct RewindTask {
    from: usize,
    turn: u32,
    done: Arc<AtomicU32>,
    task: Task<Result<(World, World), String>>,
}

/// A rewind or report being computed off the frame.
#[derive(Resource, Default)]
pub struct Background {
    rewind: Option<RewindTask>,
    report: Option<Task<String>>,
    debrief: Option<Task<String>>,
}

impl Background {
    pub fn busy(&self) -> bool {
        self.rewind.is_some() || self.report.is_some() || self.debrief.is_some()
    }
}

/// Rewind: the new branch is replayed on the async compute pool while the room keeps drawing;
/// the session switches to it only once its world exists. A rewind that fails leaves the
/// session exactly as it was.
fn rewind(
    mut requests: MessageReader<Rewind>,
    mut sim: ResMut<Sim>,
    mut session: ResMut<Session>,
    mut background: ResMut<Background>,
    mut next: ResMut<NextState<super::sim_driver::Pause>>,
) {
    if let Some(RewindTask {
        from,
        turn,
        done,
        task,
    }) = background.rewind.as_mut()
    {
        let Some(result) = check_ready(task) else {
            session.status = format!(
                "rewinding to turn {turn}: {} of {turn} turns replayed",
                done.load(Ordering::Relaxed)
            );
            return;
        };
        let (from, turn) = (*from, *turn);
        background.rewind = None;
        match result {
            Ok((world, baseline)) => {
                session.file.record(&sim.world);
                if let Some(s) = session.series.get_mut(from) {
                    s.clone_from(&sim.world.series);
                }
                session.file.branch(from, turn);
                session.series.push(Vec::new());
                sim.world = Arc::new(world);
                sim.baseline = Arc::new(baseline);
                save(&mut session);
            }
            Err(e) => {
                error!("rewind failed: {e}");
                session.status = format!("rewind failed: {e}");
            }
        }
    }
    for Rewind(turn) in requests.read() {
        if sim.busy() || background.rewind.is_some() {
            continue;
        }
        next.set(super::sim_driver::Pause(true));
        let turn = (*turn).min(sim.world.turn);
        let from = session.file.current;
        // The new branch as it will be: the current one's decisions before `turn`.
        let mut file = session.file.clone();
        file.record(&sim.world);
        let branch = file.branch(from, turn);
        let done = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&done);
        let task = AsyncComputeTaskPool::get().spawn(async move {
            let world = file
                .replay_counting(branch, Some(turn), &counter)
                .map_err(|e| e.to_string())?;
            let baseline = file.baseline(turn).map_err(|e| e.to_string())?;
            Ok((world, baseline))
        });
        session.status = format!("rewinding to turn {turn}");
        background.rewind = Some(RewindTask {
            from,
            turn,
            done,
            task,
        });
    }
}

fn notes(
    mut notes: MessageReader<AddNote>,
    mut rates: MessageReader<Rate>,
    sim: Res<Sim>,
    mut session: ResMut<Session>,
) {
    let mut changed = false;
    for note in notes.read() {
        if note.text.trim().is_empty() {
            continue;
        }
        let branch = session.file.current;
        session.file.notes.push(NoteSpec {
            branch,
            turn: sim.world.turn,
            text: note.text.trim().to_string(),
            author: note.author.clone(),
            about: note.about.clone(),
        });
        changed = true;
    }
    for Rate(r) in rates.read() {
        session
            .file
            .ratings
            .retain(|x| x.objective != r.objective || x.by != r.by);
        session.file.ratings.push(r.clone());
        changed = true;
    }
    if changed {
        save(&mut session);
    }
}

/// A document being written off the frame: when it is done, its status goes to the console.
/// True while one is under way (or just finished this tick).
fn finished(task: &mut Option<Task<String>>, session: &mut Session) -> bool {
    let Some(t) = task.as_mut() else {
        return false;
    };
    if let Some(status) = check_ready(t) {
        session.status = status;
        *task = None;
    }
    true
}

/// The report replays every branch: written on the async compute pool, in the console's
/// language.
fn report(
    mut requests: MessageReader<WriteReport>,
    mut session: ResMut<Session>,
    mut background: ResMut<Background>,
    tr: Res<crate::view::I18n>,
) {
    if finished(&mut background.report, &mut session) {
        requests.clear();
        return;
    }
    let Some(request) = requests.read().last().copied() else {
        return;
    };
    let dir = session.path.with_extension("").with_extension("report");
    let file = session.file.clone();
    let language = tr.code().to_string();
    session.status = format!("writing the report to {}", dir.display());
    background.report = Some(AsyncComputeTaskPool::get().spawn(async move {
        let report = crate::report::Report::build(&file).map(|mut r| {
            // The console's language is one the catalog has (else the report stays English).
            let _ = r.set_language(&language);
            if request.uncertainty {
                r.with_uncertainty(10, 1)
            } else {
                r
            }
        });
        match report.map(|r| r.write(&dir)) {
            Ok(Ok(_)) => format!("report written to {}", dir.display()),
            Ok(Err(e)) => format!("report failed: {e}"),
            Err(e) => format!("report failed: {e}"),
        }
    }));
}

/// The debrief replays every group's log on other seeds: found, compared and written on the
/// async compute pool, in the console's language, into `<scenario file stem>.debrief/` beside
/// the sessions.
fn debrief(
    mut requests: MessageReader<WriteDebrief>,
    mut session: ResMut<Session>,
    mut background: ResMut<Background>,
    tr: Res<crate::view::I18n>,
) {
    if finished(&mut background.debrief, &mut session) {
        requests.clear();
        return;
    }
    if requests.read().last().is_none() {
        return;
    }
    let folder = session.path.parent().map_or_else(
        || std::path::PathBuf::from("."),
        std::path::Path::to_path_buf,
    );
    let stem = crate::experiments::stem(&session.file.scenario_file).to_string();
    let dir = folder.join(format!("{stem}.debrief"));
    let file = session.file.clone();
    let tr = tr.clone();
    session.status = format!("writing the debrief to {}", dir.display());
    background.debrief = Some(AsyncComputeTaskPool::get().spawn(async move {
        let paths = crate::debrief::sessions_like(&folder, &file);
        let (groups, skipped) = crate::debrief::load(&paths);
        let seeds = crate::debrief::DEFAULT_SEEDS;
        match crate::debrief::compare(groups, skipped, seeds, None, &|_, _| {}) {
            Ok(c) => match crate::debrief::write(&c, &tr, &dir) {
                Ok(_) => format!(
                    "debrief of {} group(s) written to {}",
                    c.groups.len(),
                    dir.display()
                ),
                Err(e) => format!("debrief failed: {e}"),
            },
            Err(e) => format!("debrief failed: {e}"),
        }
    }));
}
