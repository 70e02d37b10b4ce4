//! The host side of the browser seats: opens and closes the seat server, turns what seats say
//! into the same `IssueCommand`s the panels send (and notes and ratings into the session), answers
//! each decision once the session is saved, advances the turn when every joined team is ready or
//! the decision timer runs out, and publishes each seat's view when something it shows changed.
//! The frame never waits for the network: the server's queue is drained without blocking and
//! views are handed over through channels that keep only the newest.

use std::collections::{BTreeSet, VecDeque};
use std::net::SocketAddr;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};

use super::session_io::{AddNote, Rate, Session, SessionSystems};
use super::sim_driver::{CommandApplied, DriverSystems, IssueCommand, Mode, Pause, Sim, StepTurn};
use crate::seats::protocol::{self, ClientMsg, ServerMsg};
use crate::seats::server::{Event, Limits, SeatServer};
use crate::session::RatingSpec;
use crate::sim::command::Command;
use crate::sim::interventions::{CATALOG, Team};
use crate::view::I18n;
use crate::view::seat::{Room, SeatRole, seat_view};

/// How the host opens its seats.
#[derive(Debug, Clone)]
pub struct SeatConfig {
    pub addr: SocketAddr,
    /// Seconds a decision phase lasts before the turn advances anyway (0: no timer).
    pub decision_seconds: u32,
    pub limits: Limits,
}

impl Default for SeatConfig {
    /// This computer only, on the default port, no decision timer.
    fn default() -> Self {
        SeatConfig {
            addr: SocketAddr::new(
                std::net::Ipv4Addr::LOCALHOST.into(),
                crate::DEFAULT_SEAT_PORT,
            ),
            decision_seconds: 0,
            limits: Limits::default(),
        }
    }
}

/// What a seat is waiting to hear back about.
enum Waiting {
    Decision(Command),
    Note,
}

/// The seats of this session.
#[derive(Resource)]
pub struct Seats {
    pub config: SeatConfig,
    server: Option<SeatServer>,
    /// Seat codes, in `SeatRole::ALL` order (kept in the session file when there is one).
    pub codes: Vec<(SeatRole, String)>,
    /// Open connections per seat.
    pub connected: [usize; crate::view::seat::SEATS],
    /// Teams that said they are ready this decision phase.
    pub ready: BTreeSet<Team>,
    /// The facilitator holds the clock: readiness does not advance the turn.
    pub hold: bool,
    /// Shown in the console: the address, or why the server could not open.
    pub status: String,
    waiting: VecDeque<(u64, u64, Waiting)>,
    /// Each connection's language (an index into the translation catalog's languages), as its
    /// last message said: refusals are worded in it.
    languages: std::collections::BTreeMap<u64, usize>,
    /// Turn and time the current decision phase began.
    phase: (u32, f64),
    /// What the views show now, and whether they were built for everyone reading them.
    published: Option<Published>,
    /// Rolling mean time to rebuild and hand over every seat's view (ms; only when one changed).
    pub publish_ms: f32,
}

impl Seats {
    pub fn new(config: SeatConfig) -> Self {
        Seats {
            config,
            server: None,
            codes: Vec::new(),
            connected: [0; crate::view::seat::SEATS],
            ready: BTreeSet::new(),
            hold: false,
            status: String::new(),
            waiting: VecDeque::new(),
            languages: std::collections::BTreeMap::new(),
            phase: (0, 0.0),
            published: None,
            publish_ms: 0.0,
        }
    }

    pub fn is_open(&self) -> bool {
        self.server.is_some()
    }

    /// Where the server listens (once open).
    pub fn address(&self) -> Option<SocketAddr> {
        self.server.as_ref().map(SeatServer::local_addr)
    }

    /// The link a seat opens (its code after the '#', so it never reaches a server log).
    pub fn link(&self, role: SeatRole) -> Option<String> {
        let addr = self.address()?;
        let code = &self.codes.iter().find(|(r, _)| *r == role)?.1;
        Some(format!("http://{addr}/#{code}"))
    }

    /// Teams with a seat connected.
    pub fn joined_teams(&self) -> Vec<Team> {
        SeatRole::ALL
            .iter()
            .zip(self.connected)
            .filter_map(|(r, n)| match r {
                SeatRole::Team(t) if n > 0 => Some(*t),
                _ => None,
            })
            .collect()
    }

    fn say(&self, conn: u64, msg: ServerMsg) {
        if let Some(s) = &self.server {
            s.send(conn, &msg);
        }
    }

    fn answer(&self, conn: u64, reference: u64, ok: bool, message: String) {
        self.say(
            conn,
            ServerMsg::Ack {
                reference,
                ok,
                message,
            },
        );
    }

    fn refuse(&self, conn: u64, reference: u64, message: String) {
        self.answer(conn, reference, false, message);
    }
}

/// The state the seats' views show: what changed it last, its number (the seat server hands
/// a joining seat only views of the current number), who was reading when it was last built,
/// and whether that build has started.
#[derive(Debug, Clone, PartialEq)]
struct Published {
    key: ViewKey,
    state: u64,
    readers: Vec<usize>,
    built: bool,
}

/// What a published view was built from.
#[derive(Debug, Clone, PartialEq)]
struct ViewKey {
    turn: u32,
    decisions: usize,
    world: usize,
    room: Room,
    notes: usize,
    ratings: usize,
    branch: Option<usize>,
    waived: bool,
}

/// Open the seats (the facilitator's button, or `host`).
#[derive(Message, Debug, Clone, Copy)]
pub struct OpenSeats;

/// Close them (connections end; codes stay in the session for next time).
#[derive(Message, Debug, Clone, Copy)]
pub struct CloseSeats;

/// Give a seat a new code: whoever holds the old one is disconnected.
#[derive(Message, Debug, Clone, Copy)]
pub struct NewCode(pub SeatRole);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<OpenSeats>()
        .add_message::<CloseSeats>()
        .add_message::<NewCode>()
        .add_systems(
            FixedUpdate,
            (
                (open_close, intake).chain().before(DriverSystems),
                (acknowledge, advance)
                    .chain()
                    .after(DriverSystems)
                    .after(SessionSystems),
            )
                .run_if(resource_exists::<Seats>),
        )
        .add_systems(Update, publish.run_if(resource_exists::<Seats>));
}

fn open_close(
    mut open: MessageReader<OpenSeats>,
    mut close: MessageReader<CloseSeats>,
    mut renew: MessageReader<NewCode>,
    mut seats: ResMut<Seats>,
    session: Option<ResMut<Session>>,
    tr: Res<I18n>,
) {
    let mut session = session;
    if close.read().count() > 0 {
        seats.server = None;
        seats.connected = [0; crate::view::seat::SEATS];
        seats.status.clear();
    }
    if open.read().count() > 0 && seats.server.is_none() {
        // Codes live in the session, so a resumed session's seats rejoin with the same ones.
        let codes = match session.as_deref_mut() {
            Some(s) => {
                if crate::seats::ensure_codes(&mut s.file.seats) {
                    let _ = s.file.save(&s.path);
                }
                crate::seats::role_codes(&s.file.seats)
            }
            None => {
                let mut specs = Vec::new();
                crate::seats::ensure_codes(&mut specs);
                crate::seats::role_codes(&specs)
            }
        };
        seats.codes = SeatRole::ALL
            .iter()
            .filter_map(|r| codes.iter().find(|(x, _)| x == r).cloned())
            .collect();
        let languages = tr.codes();
        match SeatServer::start(
            seats.config.addr,
            &seats.codes,
            &languages,
            seats.config.limits,
        ) {
            Ok(server) => {
                seats.status = tr.f(
                    "seats.url",
                    &[("url", format!("http://{}/", server.local_addr()))],
                );
                info!("seats open at http://{}/", server.local_addr());
                seats.server = Some(server);
                seats.published = None;
            }
            Err(e) => {
                seats.status = tr.f("seats.failed", &[("error", e.to_string())]);
                error!("{}", seats.status);
            }
        }
    }
    for NewCode(role) in renew.read() {
        let code = crate::seats::new_code();
        if let Some(s) = session.as_deref_mut() {
            if let Some(c) = s.file.seats.iter_mut().find(|c| c.seat == role.id()) {
                c.code = code.clone();
            }
            let _ = s.file.save(&s.path);
        }
        if let Some(c) = seats.codes.iter_mut().find(|(r, _)| r == role) {
            c.1 = code.clone();
        }
        if let Some(server) = &seats.server {
            server.set_code(*role, code);
        }
    }
}

/// What seats said: decisions become commands (the driver applies them next), notes and
/// ratings go to the session, readiness is noted.
/// The evaluator's observation: about something the world has, with text; a note once saved.
fn observe(
    seats: &mut Seats,
    sim: &Sim,
    notes: &mut MessageWriter<AddNote>,
    (conn, reference): (u64, u64),
    about: &str,
    text: &str,
) {
    match check_about(sim, about) {
        Err(e) => seats.refuse(conn, reference, e),
        Ok(()) if text.trim().is_empty() => {
            seats.refuse(conn, reference, "an observation needs text".into())
        }
        Ok(()) => {
            notes.write(AddNote {
                text: text.to_string(),
                author: SeatRole::Evaluator.id().into(),
                about: about.to_string(),
            });
            seats.waiting.push_back((conn, reference, Waiting::Note));
        }
    }
}

/// The evaluator's rating of an objective the scenario has, on the P/S/M/U scale.
fn rate(
    seats: &mut Seats,
    sim: &Sim,
    rates: &mut MessageWriter<Rate>,
    (conn, reference): (u64, u64),
    objective: &str,
    (rating, comment): (&str, &str),
) {
    let known = sim.scenario.objectives.iter().any(|o| o.id == objective);
    if !known {
        seats.refuse(conn, reference, format!("no objective \"{objective}\""));
    } else if !crate::session::RATINGS.iter().any(|(r, _)| *r == rating) {
        seats.refuse(conn, reference, "a rating is P, S, M or U".into());
    } else {
        rates.write(Rate(RatingSpec {
            objective: objective.to_string(),
            rating: rating.to_string(),
            comment: comment.trim().to_string(),
            by: SeatRole::Evaluator.id().into(),
        }));
        seats.waiting.push_back((conn, reference, Waiting::Note));
    }
}

fn intake(
    mut seats: ResMut<Seats>,
    sim: Res<Sim>,
    mut issue: MessageWriter<IssueCommand>,
    mut notes: MessageWriter<AddNote>,
    mut rates: MessageWriter<Rate>,
    tr: Res<crate::view::I18n>,
) {
    let Some(server) = &seats.server else {
        return;
    };
    let inbound = server.poll(256);
    if inbound.is_empty() {
        return;
    }
    seats.connected = server.connected();
    for m in inbound {
        let (conn, role) = (m.conn, m.role);
        let msg = match m.event {
            Event::Left => {
                seats.languages.remove(&conn);
                continue;
            }
            Event::Joined => {
                seats.languages.insert(conn, m.language);
                continue;
            }
            Event::Message(msg) => msg,
        };
        seats.languages.insert(conn, m.language);
        let mut tr = tr.clone();
        tr.current = m.language;
        let reference = msg.reference();
        match (role, &msg) {
            (SeatRole::Team(team), _) if protocol::is_decision(&msg) => {
                if sim.busy() {
                    let text = tr.t("refusal.busy");
                    seats.refuse(conn, reference, text);
                    continue;
                }
                match protocol::to_command(&sim.world, team, &msg) {
                    Ok(cmd) => {
                        issue.write(IssueCommand(cmd.clone()));
                        seats
                            .waiting
                            .push_back((conn, reference, Waiting::Decision(cmd)));
                    }
                    Err(e) => seats.refuse(conn, reference, e.in_language(&tr)),
                }
            }
            (SeatRole::Team(team), ClientMsg::Ready { ready, .. }) => {
                if *ready {
                    seats.ready.insert(team);
                } else {
                    seats.ready.remove(&team);
                }
            }
            (SeatRole::Evaluator, ClientMsg::Observe { about, text, .. }) => {
                observe(&mut seats, &sim, &mut notes, (conn, reference), about, text)
            }
            (
                SeatRole::Evaluator,
                ClientMsg::Rate {
                    objective,
                    rating,
                    comment,
                    ..
                },
            ) => rate(
                &mut seats,
                &sim,
                &mut rates,
                (conn, reference),
                objective,
                (rating, comment),
            ),
            _ => {
                let message = format!(
                    "the {} seat cannot do that (a seat acts only as its own team)",
                    role.id()
                );
                seats.say(conn, ServerMsg::Error { message });
            }
        }
    }
}

/// An evaluator's "about": "" or "inject N" (a scenario inject) or "decision N" (in the log).
fn check_about(sim: &Sim, about: &str) -> Result<(), String> {
    let bad = || format!("\"{about}\" is not an inject or a decision of this session");
    if about.is_empty() {
        return Ok(());
    }
    let (kind, n) = about.split_once(' ').ok_or_else(bad)?;
    let n: usize = n.parse().map_err(|_| bad())?;
    let ok = match kind {
        "inject" => sim.world.inject_index(n as u32).is_some(),
        "decision" => n < sim.world.log.len(),
        _ => false,
    };
    if ok { Ok(()) } else { Err(bad()) }
}

/// Answer seats once what they did was applied and saved (autosave ran before this system).
fn acknowledge(
    mut applied: MessageReader<CommandApplied>,
    mut seats: ResMut<Seats>,
    session: Option<Res<Session>>,
    tr: Res<crate::view::I18n>,
) {
    let saved = session.map_or(String::from(" (no session file)"), |s| {
        if s.status.starts_with("NOT SAVED") {
            format!(" ({})", s.status)
        } else {
            String::new()
        }
    });
    for CommandApplied { command, result } in applied.read() {
        let Some(k) = seats
            .waiting
            .iter()
            .position(|(_, _, w)| matches!(w, Waiting::Decision(c) if c == command))
        else {
            continue;
        };
        let Some((conn, reference, _)) = seats.waiting.remove(k) else {
            continue;
        };
        let (ok, message) = match result {
            Ok(()) => {
                let name = match &command.action {
                    crate::sim::command::Action::Red { mv, .. } => {
                        crate::sim::red::MOVES[*mv].title
                    }
                    action => action.intervention().map_or("", |e| CATALOG[e].name),
                };
                (true, format!("{} {name}{saved}", command.action.verb()))
            }
            Err(e) => {
                let mut tr = tr.clone();
                tr.current = seats.languages.get(&conn).copied().unwrap_or(0);
                (false, crate::seats::protocol::command_refusal(&tr, e))
            }
        };
        seats.answer(conn, reference, ok, message);
    }
    // Notes and ratings were recorded (and saved) by the session's systems this tick.
    while let Some(k) = seats
        .waiting
        .iter()
        .position(|(_, _, w)| matches!(w, Waiting::Note))
    {
        if let Some((conn, reference, _)) = seats.waiting.remove(k) {
            seats.answer(conn, reference, true, format!("recorded{saved}"));
        }
    }
}

/// Turn by turn: the next turn starts when every joined team is ready, or when the decision
/// timer runs out (unless the facilitator holds the clock).
fn advance(
    mut seats: ResMut<Seats>,
    sim: Res<Sim>,
    mode: Res<Mode>,
    pause: Res<State<Pause>>,
    time: Res<Time<Real>>,
    mut step: MessageWriter<StepTurn>,
) {
    let now = time.elapsed_secs_f64();
    if seats.phase.0 != sim.world.turn || !pause.get().0 {
        seats.phase = (sim.world.turn, now);
        seats.ready.clear();
    }
    // A turn was asked for: wait for it before counting again.
    if !seats.is_open()
        || seats.phase.1.is_infinite()
        || seats.hold
        || *mode != Mode::TurnBased
        || !pause.get().0
        || sim.busy()
        || sim.world.finished()
    {
        return;
    }
    let joined = seats.joined_teams();
    let all_ready = !joined.is_empty() && joined.iter().all(|t| seats.ready.contains(t));
    let timer = seats.config.decision_seconds;
    let timed_out = timer > 0 && now - seats.phase.1 >= timer as f64;
    if all_ready || timed_out {
        step.write(StepTurn);
        // Wait for the new turn before counting again.
        seats.phase = (sim.world.turn, f64::INFINITY);
    }
}

/// Publish each seat's view when what it shows changed. The views are built on the async
/// compute pool from shared handles on the world (never in the frame), one build at a time, and
/// only for seats and languages someone is reading.
#[allow(clippy::too_many_arguments)]
fn publish(
    mut seats: ResMut<Seats>,
    sim: Res<Sim>,
    mode: Res<Mode>,
    pause: Res<State<Pause>>,
    time: Res<Time<Real>>,
    session: Option<Res<Session>>,
    tr: Res<I18n>,
    mut building: Local<Option<Task<f32>>>,
) {
    if let Some(task) = building.as_mut()
        && let Some(ms) = check_ready(task)
    {
        seats.publish_ms = if seats.publish_ms == 0.0 {
            ms
        } else {
            0.8 * seats.publish_ms + 0.2 * ms
        };
        *building = None;
    }
    let Some(server) = &seats.server else {
        return;
    };
    let connected = server.connected();
    let publisher = server.publisher();
    seats.connected = connected;
    let timer = seats.config.decision_seconds;
    let timer_left = (timer > 0 && pause.get().0 && seats.phase.1.is_finite()).then(|| {
        (timer as f64 - (time.elapsed_secs_f64() - seats.phase.1))
            .max(0.0)
            .ceil() as u32
    });
    let room = Room {
        joined: seats.joined_teams(),
        ready: seats.ready.iter().copied().collect(),
        real_time: *mode == Mode::RealTime,
        running: !pause.get().0 || sim.busy(),
        timer_left,
    };
    let file = session.as_deref().map(|s| &s.file);
    // Everything a view shows changes with one of these (compared, not formatted, every frame).
    let key = ViewKey {
        turn: sim.world.turn,
        decisions: sim.world.log.len(),
        world: Arc::as_ptr(&sim.world) as usize,
        room: room.clone(),
        notes: file.map_or(0, |f| f.notes.len()),
        ratings: file.map_or(0, |f| f.ratings.len()),
        branch: file.map(|f| f.current),
        waived: sim.world.budgets_waived,
    };
    let readers = publisher.readers();
    // A change to what views show is a new state at once, even while a build is under way:
    // from this frame on a joining seat waits for views of it. A new reader only needs views
    // of the same state that nobody read before.
    let p = match &mut seats.published {
        Some(p) if p.key == key => p,
        slot => slot.insert(Published {
            key,
            state: publisher.new_state(),
            readers: Vec::new(),
            built: false,
        }),
    };
    if p.readers != readers {
        p.readers = readers;
        p.built = false;
    }
    if building.is_some() || p.built {
        return;
    }
    p.built = true;
    let state = p.state;
    let world = Arc::clone(&sim.world);
    let baseline = Arc::clone(&sim.baseline);
    let scenario = Arc::clone(&sim.scenario);
    let file = file.cloned();
    let mut tr = tr.clone();
    *building = Some(AsyncComputeTaskPool::get().spawn(async move {
        let started = std::time::Instant::now();
        let languages: Vec<String> = tr.codes().iter().map(|c| c.to_string()).collect();
        for (language, code) in languages.iter().enumerate() {
            tr.set_language(code);
            for role in SeatRole::ALL {
                if !publisher.wanted(role, language) {
                    continue;
                }
                let view = seat_view(
                    &tr,
                    &scenario,
                    &world,
                    &baseline,
                    &room,
                    file.as_ref(),
                    role,
                );
                let json = serde_json::json!({ "type": "view", "view": view }).to_string();
                publisher.publish(role, language, state, Arc::from(json));
            }
        }
        started.elapsed().as_secs_f32() * 1000.0
    }));
}
