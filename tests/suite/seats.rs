//! Browser seats on loopback: a headless control room hosts the seat server; WebSocket clients
//! play the seats. A team's decision reaches the decision log, the session file and the report;
//! a seat cannot act as another team; hostile messages change nothing; readiness advances the
//! turn; evaluators' notes and ratings are recorded; reconnecting gets the state back; a load of
//! 4 teams and 40 observers with reconnects loses no decision. Every connection is to 127.0.0.1,
//! every loop bounded.
#![cfg(feature = "gui")]

use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use breakglass::app::ControlRoomPlugin;
use breakglass::app::seats::{NewCode, OpenSeats, SeatConfig, Seats};
use breakglass::app::session_io::Session;
use breakglass::app::sim_driver::Sim;
use breakglass::seats::server::{Limits, SeatServer};
use breakglass::session::SessionFile;
use breakglass::sim::World;
use breakglass::sim::interventions::Team;
use breakglass::view::seat::SeatRole;
use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

type Client = WebSocket<TcpStream>;

/// A control room without a window, its session saved in a temporary folder, seats open on a
/// port the system picks on 127.0.0.1.
fn control_room(world: World, session: Session, limits: Limits) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            50,
        )))
        .insert_resource(Sim::new(session.file.scenario.clone(), world))
        .insert_resource(session)
        .insert_resource(Seats::new(SeatConfig {
            addr: "127.0.0.1:0".parse().unwrap(),
            decision_seconds: 0,
            limits,
        }))
        .add_plugins(ControlRoomPlugin);
    app.update();
    app.world_mut().write_message(OpenSeats);
    for _ in 0..3 {
        app.update();
    }
    let seats = app.world().resource::<Seats>();
    assert!(seats.is_open(), "{}", seats.status);
    app
}

struct Host {
    app: App,
    dir: PathBuf,
}

impl Host {
    fn new(name: &str) -> Host {
        Host::with(name, Limits::default())
    }

    fn with(name: &str, limits: Limits) -> Host {
        let dir =
            std::env::temp_dir().join(format!("breakglass-seats-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let loaded = breakglass::scenario::load(std::path::Path::new("scenarios/tutorial.ron"))
            .expect("the tutorial loads");
        let scenario = loaded.scenario;
        let world = World::new(&scenario, scenario.seed).unwrap();
        let file = SessionFile::new(
            "scenarios/tutorial.ron",
            &scenario,
            scenario.seed,
            "test".into(),
        );
        let app = control_room(world, Session::new(dir.join("s.session.ron"), file), limits);
        Host { app, dir }
    }

    /// The host restarted after a crash: the session on disk replayed into a new control room.
    fn resume(mut old: Host) -> Host {
        let dir = std::mem::take(&mut old.dir);
        drop(old);
        let path = dir.join("s.session.ron");
        let file = SessionFile::load(&path).unwrap();
        let world = file.replay(file.current, None).unwrap();
        let app = control_room(world, Session::new(path, file), Limits::default());
        Host { app, dir }
    }

    /// The facilitator hands the red cell to players (`false`) or the automatic adversary.
    fn hand_red_cell(&mut self, automatic: bool) {
        let turn = self.world().turn;
        self.app
            .world_mut()
            .write_message(breakglass::app::sim_driver::IssueCommand(
                breakglass::sim::command::Command {
                    turn,
                    team: Team::Facilitator,
                    action: breakglass::sim::command::Action::RedCell { automatic },
                    rationale: "hand over".into(),
                },
            ));
        self.pump(5);
        assert_eq!(self.world().red.automatic, automatic);
    }

    fn seats(&self) -> &Seats {
        self.app.world().resource::<Seats>()
    }

    fn code(&self, role: SeatRole) -> String {
        self.seats()
            .codes
            .iter()
            .find(|(r, _)| *r == role)
            .unwrap()
            .1
            .clone()
    }

    fn world(&self) -> &World {
        &self.app.world().resource::<Sim>().world
    }

    fn session(&self) -> SessionFile {
        SessionFile::load(&self.dir.join("s.session.ron")).expect("the session on disk loads")
    }

    fn connect(&self) -> Client {
        connect_to(self.seats().address().unwrap())
    }

    /// Connect and join with `role`'s code; waits for the welcome.
    fn join(&mut self, role: SeatRole) -> Client {
        self.join_in(role, "en")
    }

    /// Join in a language.
    fn join_in(&mut self, role: SeatRole, language: &str) -> Client {
        let mut c = self.connect();
        let code = self.code(role);
        send(
            &mut c,
            json!({"type": "join", "code": code, "language": language}),
        );
        self.until(&mut c, |m| m["type"] == "welcome");
        c
    }

    /// Pump the app and read `c` until a message satisfies `pred` (bounded: 10 s).
    fn until(&mut self, c: &mut Client, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            self.app.update();
            while let Some(m) = read(c) {
                if pred(&m) {
                    return m;
                }
            }
        }
        panic!("no matching message within 10 s");
    }

    fn pump(&mut self, frames: usize) {
        for _ in 0..frames {
            self.app.update();
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        if !self.dir.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A WebSocket client of the seat server at `addr` (reads give up after 5 ms).
fn connect_to(addr: std::net::SocketAddr) -> Client {
    let stream = TcpStream::connect(addr).unwrap();
    let (ws, _) = tungstenite::client(format!("ws://{addr}/ws"), stream).unwrap();
    ws.get_ref()
        .set_read_timeout(Some(Duration::from_millis(5)))
        .unwrap();
    ws
}

fn send(c: &mut Client, v: Value) {
    c.send(Message::text(v.to_string())).unwrap();
}

fn read(c: &mut Client) -> Option<Value> {
    match c.read() {
        Ok(Message::Text(t)) => serde_json::from_str(t.as_str()).ok(),
        _ => None,
    }
}

fn ack(host: &mut Host, c: &mut Client, reference: u64) -> Value {
    host.until(c, |m| m["type"] == "ack" && m["ref"] == reference)
}

const PLATFORM: SeatRole = SeatRole::Team(Team::Platform);
const RED: SeatRole = SeatRole::Team(Team::Perpetrators);
const POLICY: SeatRole = SeatRole::Team(Team::PolicyMakers);

#[test]
fn a_team_decision_reaches_the_log_the_session_file_and_the_report() {
    let mut host = Host::new("decision");
    let mut seat = host.join(PLATFORM);
    let view = host.until(&mut seat, |m| m["type"] == "view");
    let levers = view["view"]["levers"].as_array().unwrap();
    assert!(
        levers.iter().any(|l| l["id"] == "reshare_friction"),
        "the platform sees its own levers"
    );
    assert!(
        !levers.iter().any(|l| l["id"] == "shutdown_pressure"),
        "and not the policy makers'"
    );
    send(
        &mut seat,
        json!({"type": "enable", "id": "reshare_friction", "rationale": "slow the rumour from seat 1", "ref": 7}),
    );
    let a = ack(&mut host, &mut seat, 7);
    assert_eq!(a["ok"], true, "{a}");
    let log = &host.world().log;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].team, Team::Platform);
    assert_eq!(log[0].rationale, "slow the rumour from seat 1");
    // Saved before it was acknowledged.
    let file = host.session();
    let saved = &file.branches[0].commands;
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].rationale, "slow the rumour from seat 1");
    let report = breakglass::report::Report::build(&file).unwrap().markdown();
    assert!(
        report.contains("slow the rumour from seat 1"),
        "the report quotes the rationale"
    );
    // The next view shows it in force.
    let v = host.until(&mut seat, |m| {
        m["type"] == "view"
            && m["view"]["levers"].as_array().is_some_and(|ls| {
                ls.iter()
                    .any(|l| l["id"] == "reshare_friction" && l["on"] == true)
            })
    });
    assert_eq!(
        v["view"]["decisions"][0]["rationale"],
        "slow the rumour from seat 1"
    );
}

#[test]
fn a_seat_cannot_issue_another_teams_lever_or_a_facilitator_power() {
    let mut host = Host::new("wrong-team");
    let mut seat = host.join(PLATFORM);
    send(
        &mut seat,
        json!({"type": "enable", "id": "shutdown_pressure", "rationale": "x", "ref": 1}),
    );
    let a = ack(&mut host, &mut seat, 1);
    assert_eq!(a["ok"], false);
    assert_eq!(
        a["message"],
        "\"shutdown_pressure\" belongs to the policy_makers team; platform cannot issue it"
    );
    // A French seat hears the same refusal in French, levers and teams by their French names;
    // a refusal after the world's own check (a measure already in force) too.
    let mut fr = host.join_in(PLATFORM, "fr");
    send(
        &mut fr,
        json!({"type": "enable", "id": "shutdown_pressure", "rationale": "x", "ref": 2}),
    );
    assert_eq!(
        ack(&mut host, &mut fr, 2)["message"],
        "Pression contre les coupures relève de l'équipe Décideurs publics ; Confiance et sécurité ne peut pas la décider"
    );
    send(
        &mut fr,
        json!({"type": "disable", "id": "reshare_friction", "rationale": "x", "ref": 3}),
    );
    assert_eq!(
        ack(&mut host, &mut fr, 3)["message"],
        "Friction au partage n'est pas en vigueur"
    );
    // No message type reaches the facilitator's powers (injects, budgets): they do not exist here.
    send(&mut seat, json!({"type": "waive_budgets", "waived": true}));
    let e = host.until(&mut seat, |m| m["type"] == "error");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("not a seat message"),
        "{e}"
    );
    assert!(host.world().log.is_empty());
    assert!(!host.world().budgets_waived);
}

#[test]
fn a_break_glass_measure_needs_the_seats_confirmation_and_a_rationale() {
    let mut host = Host::new("glass");
    let mut seat = host.join(SeatRole::Team(Team::CrisisLeadership));
    send(
        &mut seat,
        json!({"type": "enable", "id": "disable_hashtags", "ref": 1}),
    );
    let a = ack(&mut host, &mut seat, 1);
    assert_eq!(
        a["message"],
        "\"disable_hashtags\" is a break-glass measure: tick the confirmation and give a rationale"
    );
    send(
        &mut seat,
        json!({"type": "enable", "id": "disable_hashtags", "confirm": true, "rationale": "the tag is organising raids", "ref": 2}),
    );
    assert_eq!(ack(&mut host, &mut seat, 2)["ok"], true);
    assert_eq!(host.world().log.len(), 1);
}

#[test]
fn hostile_messages_get_an_error_and_change_nothing() {
    let mut host = Host::new("hostile");
    let mut seat = host.join(PLATFORM);
    let mut observer = host.join(SeatRole::Observer);
    let long = "x".repeat(3000);
    let hostile = [
        "not json".to_string(),
        "{}".into(),
        r#"{"type":"enable"}"#.into(),
        r#"{"type":"enable","id":"reshare_friction","params":[1e308,-5]}"#.into(),
        r#"{"type":"enable","id":"reshare_friction","params":[0.5],"extra":1}"#.into(),
        r#"{"type":"enable","id":"no_such_lever"}"#.into(),
        r#"{"type":"enable","id":"locked_profiles","districts":["Atlantis"]}"#.into(),
        format!(r#"{{"type":"enable","id":"reshare_friction","rationale":"{long}"}}"#),
        r#"{"type":"disable","id":"reshare_friction"}"#.into(),
        r#"{"type":"set","id":"reshare_friction","params":[]}"#.into(),
        r#"{"type":"rate","objective":"T1","rating":"P"}"#.into(),
        r#"{"type":"observe","text":"I am not the evaluator"}"#.into(),
        r#"{"type":"join","code":"AAAAAAA"}"#.into(),
        r#"{"type":"move","id":"bot_flood"}"#.into(),
        r#"{"type":"move","id":"no_such_move"}"#.into(),
        r#"{"type":"move","id":"shift_effort","from":"feed","to":"telepathy"}"#.into(),
        format!(r#"{{"type":"move","id":"bot_flood","rationale":"{long}"}}"#),
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]".into(),
    ];
    for text in &hostile {
        seat.send(Message::text(text.clone())).unwrap();
    }
    seat.send(Message::binary(vec![0u8, 159, 146, 150]))
        .unwrap();
    // The observer tries to act too.
    send(
        &mut observer,
        json!({"type": "enable", "id": "reshare_friction", "ref": 3}),
    );
    send(&mut observer, json!({"type": "ready", "ready": true}));
    host.pump(60);
    let mut answers = 0;
    while let Some(m) = read(&mut seat) {
        if m["type"] == "error" || (m["type"] == "ack" && m["ok"] == false) {
            answers += 1;
        }
        assert_ne!(m["ok"], true, "nothing hostile is accepted: {m}");
    }
    assert_eq!(
        answers,
        hostile.len() + 1,
        "every hostile message is answered with a refusal"
    );
    assert!(host.world().log.is_empty(), "nothing reached the world");
    assert!(host.seats().ready.is_empty());
    // An oversized frame closes the connection; the server stays up for others.
    let big = "y".repeat(64 * 1024);
    let _ = seat.send(Message::text(big));
    host.pump(20);
    let mut again = host.join(PLATFORM);
    send(
        &mut again,
        json!({"type": "enable", "id": "reshare_friction", "ref": 9}),
    );
    assert_eq!(ack(&mut host, &mut again, 9)["ok"], true);
    // Replaying the accepted decision is refused by the world's own check.
    send(
        &mut again,
        json!({"type": "enable", "id": "reshare_friction", "ref": 10}),
    );
    let a = ack(&mut host, &mut again, 10);
    assert_eq!(a["message"], "\"reshare_friction\" is already in force");
    assert_eq!(host.world().log.len(), 1);
}

#[test]
fn the_red_seat_plays_moves_the_teams_never_see() {
    let mut host = Host::new("red");
    let mut red = host.join(RED);
    let mut platform = host.join(PLATFORM);
    let view = host.until(&mut red, |m| m["type"] == "view");
    let v = &view["view"];
    assert!(
        v["levers"].as_array().unwrap().is_empty(),
        "no platform levers"
    );
    assert!(
        v["scoreboard"].as_array().unwrap().is_empty(),
        "no platform scoreboard"
    );
    assert!(
        v["decisions"].as_array().unwrap().is_empty(),
        "no decision log"
    );
    assert_eq!(v["red"]["automatic"], true);
    assert_eq!(v["red"]["budget"], 6);
    // While the automatic adversary holds the red cell, the seat's move is refused.
    send(
        &mut red,
        json!({"type": "move", "id": "bot_flood", "ref": 1}),
    );
    let a = ack(&mut host, &mut red, 1);
    assert_eq!(a["ok"], false);
    assert!(
        a["message"]
            .as_str()
            .unwrap()
            .contains("automatic adversary"),
        "{a}"
    );
    host.hand_red_cell(false);
    send(
        &mut red,
        json!({"type": "move", "id": "shift_effort", "from": "hashtags", "to": "forwards",
               "params": [10.0], "rationale": "into the chats", "ref": 2}),
    );
    assert_eq!(ack(&mut host, &mut red, 2)["ok"], true);
    send(
        &mut red,
        json!({"type": "move", "id": "bot_flood", "ref": 3}),
    );
    assert_eq!(ack(&mut host, &mut red, 3)["ok"], true);
    // Over its budget (1 + 3 of 6 spent): refused, naming what is left.
    send(
        &mut red,
        json!({"type": "move", "id": "hijack_voices", "ref": 4}),
    );
    let a = ack(&mut host, &mut red, 4);
    assert_eq!(
        a["message"],
        "\"hijack_voices\" needs 3 point(s) of the organisation's capacity but only 2 of 6 are left this turn"
    );
    // A team's seat cannot play a red move; the red seat cannot issue a lever.
    send(
        &mut platform,
        json!({"type": "move", "id": "bot_flood", "ref": 5}),
    );
    let a = ack(&mut host, &mut platform, 5);
    assert_eq!(
        a["message"],
        "only the red cell (team perpetrators) plays the organisation's moves, not platform"
    );
    send(
        &mut red,
        json!({"type": "enable", "id": "reshare_friction", "ref": 6}),
    );
    assert_eq!(ack(&mut host, &mut red, 6)["ok"], false);
    // Logged with team and rationale, saved in the session (and replayed by it).
    let log = &host.world().log;
    let red_log: Vec<_> = log
        .iter()
        .filter(|c| c.team == Team::Perpetrators)
        .collect();
    assert_eq!(red_log.len(), 2);
    assert_eq!(red_log[0].rationale, "into the chats");
    let file = host.session();
    assert!(
        file.branches[0]
            .commands
            .iter()
            .any(|c| c.red.as_deref() == Some("bot_flood"))
    );
    let replayed = file.replay(0, None).unwrap();
    assert_eq!(replayed.red.moves, host.world().red.moves);
    // The red seat sees its moves (a seat joining now gets the current view); the platform's
    // view never names them.
    let mut red = host.join(RED);
    let v = host.until(&mut red, |m| m["type"] == "view");
    assert_eq!(v["view"]["red"]["played"].as_array().unwrap().len(), 2);
    assert_eq!(v["view"]["red"]["spent"], 4);
    let mut platform = host.join(PLATFORM);
    let pv = host.until(&mut platform, |m| m["type"] == "view");
    let text = pv.to_string();
    assert!(
        !text.contains("into the chats") && !text.contains("Bot flood"),
        "{text}"
    );
}

#[test]
fn a_wrong_or_revoked_code_is_refused() {
    let mut host = Host::with(
        "codes",
        Limits {
            wrong_code_delay: Duration::from_millis(10),
            ..Limits::default()
        },
    );
    let mut c = host.connect();
    send(&mut c, json!({"type": "join", "code": "WRONG12"}));
    let e = host.until(&mut c, |m| m["type"] == "error");
    assert_eq!(e["message"], "unknown or revoked seat code");
    let old = host.code(PLATFORM);
    let mut seat = host.join(PLATFORM);
    host.app.world_mut().write_message(NewCode(PLATFORM));
    host.pump(20);
    assert_ne!(host.code(PLATFORM), old);
    assert_eq!(
        host.session()
            .seats
            .iter()
            .find(|s| s.seat == "platform")
            .unwrap()
            .code,
        host.code(PLATFORM),
        "the new code is saved"
    );
    // The old connection was closed; the old code no longer joins.
    let mut closed = false;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        host.app.update();
        match seat.read() {
            Ok(Message::Close(_))
            | Err(tungstenite::Error::ConnectionClosed)
            | Err(tungstenite::Error::AlreadyClosed) => {
                closed = true;
                break;
            }
            Err(tungstenite::Error::Io(e))
                if e.kind() != std::io::ErrorKind::WouldBlock
                    && e.kind() != std::io::ErrorKind::TimedOut =>
            {
                closed = true;
                break;
            }
            _ => {}
        }
    }
    assert!(closed, "the revoked seat is disconnected");
    let mut c = host.connect();
    send(&mut c, json!({"type": "join", "code": old}));
    assert_eq!(
        host.until(&mut c, |m| m["type"] == "error")["message"],
        "unknown or revoked seat code"
    );
}

#[test]
fn the_turn_advances_when_every_joined_team_is_ready() {
    let mut host = Host::new("ready");
    let mut a = host.join(PLATFORM);
    let mut b = host.join(POLICY);
    host.pump(5);
    send(&mut a, json!({"type": "ready", "ready": true}));
    let v = host.until(&mut a, |m| {
        m["type"] == "view"
            && m["view"]["phase"]["ready"]
                .as_array()
                .is_some_and(|r| r.len() == 1)
    });
    assert_eq!(
        v["view"]["phase"]["text"],
        "Decision phase: waiting for 1 of 2 teams"
    );
    host.pump(20);
    assert_eq!(host.world().turn, 0, "one team of two is not enough");
    send(&mut b, json!({"type": "ready", "ready": true}));
    host.until(&mut b, |m| m["type"] == "view" && m["view"]["turn"] == 1);
    host.pump(40);
    assert_eq!(host.world().turn, 1, "exactly one turn per decision phase");
    assert!(
        host.seats().ready.is_empty(),
        "readiness starts again each decision phase"
    );
}

#[test]
fn the_evaluator_records_observations_and_ratings_into_the_session_and_report() {
    let mut host = Host::new("evaluator");
    let mut team = host.join(PLATFORM);
    send(
        &mut team,
        json!({"type": "enable", "id": "reshare_friction", "rationale": "slow it", "ref": 1}),
    );
    ack(&mut host, &mut team, 1);
    let mut ev = host.join(SeatRole::Evaluator);
    let v = host.until(&mut ev, |m| {
        m["type"] == "view"
            && m["view"]["decisions"]
                .as_array()
                .is_some_and(|d| !d.is_empty())
    });
    assert_eq!(
        v["view"]["objectives"].as_array().unwrap().len(),
        2,
        "the evaluator sees the objectives"
    );
    send(
        &mut ev,
        json!({"type": "enable", "id": "reshare_friction", "ref": 2}),
    );
    let e = host.until(&mut ev, |m| m["type"] == "error");
    assert!(e["message"].as_str().unwrap().contains("cannot do that"));
    send(
        &mut ev,
        json!({"type": "observe", "about": "decision 0", "text": "quick, but no district scope", "ref": 3}),
    );
    assert_eq!(ack(&mut host, &mut ev, 3)["ok"], true);
    send(
        &mut ev,
        json!({"type": "observe", "about": "decision 99", "text": "?", "ref": 4}),
    );
    assert_eq!(ack(&mut host, &mut ev, 4)["ok"], false);
    send(
        &mut ev,
        json!({"type": "rate", "objective": "T1", "rating": "S", "comment": "one team only", "ref": 5}),
    );
    assert_eq!(ack(&mut host, &mut ev, 5)["ok"], true);
    send(
        &mut ev,
        json!({"type": "rate", "objective": "T9", "rating": "S", "ref": 6}),
    );
    assert_eq!(ack(&mut host, &mut ev, 6)["message"], "no objective \"T9\"");
    let file = host.session();
    assert_eq!(file.notes.len(), 1);
    assert_eq!(file.notes[0].author, "evaluator");
    assert_eq!(file.notes[0].about, "decision 0");
    assert_eq!(file.ratings[0].by, "evaluator");
    let report = breakglass::report::Report::build(&file).unwrap().markdown();
    assert!(
        report.contains("On decision 0: quick, but no district scope"),
        "observation in the timeline"
    );
    assert!(
        report.contains("S (evaluator)"),
        "the evaluator's rating in the objectives table"
    );
}

#[test]
fn a_seat_that_reconnects_gets_its_state_back() {
    let mut host = Host::new("reconnect");
    let mut seat = host.join(PLATFORM);
    send(
        &mut seat,
        json!({"type": "enable", "id": "locked_profiles", "districts": ["Aldwick"], "rationale": "r", "ref": 1}),
    );
    assert_eq!(ack(&mut host, &mut seat, 1)["ok"], true);
    send(
        &mut seat,
        json!({"type": "enable", "id": "security_prompts", "districts": ["Harbour"], "ref": 2}),
    );
    assert_eq!(
        ack(&mut host, &mut seat, 2)["message"],
        "no district named \"Harbour\""
    );
    drop(seat);
    host.pump(5);
    let mut again = host.join(PLATFORM);
    let v = host.until(&mut again, |m| m["type"] == "view");
    let lever = v["view"]["levers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "locked_profiles")
        .cloned()
        .unwrap();
    assert_eq!(lever["on"], true);
    assert_eq!(lever["scope"][0], "Aldwick");
    assert_eq!(
        v["view"]["decisions"].as_array().unwrap().len(),
        host.world().log.len()
    );
}

/// The race behind a reconnecting seat that once saw its own decision missing: views of the
/// state before the decision were still the last published when it joined. The server alone,
/// no control room: a view of an older state is never handed to a seat that joins; the view of
/// the current state is, at once, to every seat that joins after it is built.
#[test]
fn a_joining_seat_is_never_handed_a_view_of_an_older_state() {
    let codes = [(PLATFORM, "PLAT01".to_string())];
    let addr = "127.0.0.1:0".parse().unwrap();
    let server = SeatServer::start(addr, &codes, &["en"], Limits::default()).unwrap();
    let publisher = server.publisher();
    let before = publisher.new_state();
    let old_view = json!({"type": "view", "view": "before the decision"});
    publisher.publish(PLATFORM, 0, before, Arc::from(old_view.to_string()));
    let now = publisher.new_state();
    let join = |name: &str| {
        let mut c = connect_to(server.local_addr());
        send(&mut c, json!({"type": "join", "code": "PLAT01"}));
        let mut got = Vec::new();
        let deadline = std::time::Instant::now() + Duration::from_millis(400);
        while std::time::Instant::now() < deadline {
            got.extend(read(&mut c));
        }
        assert_eq!(got[0]["type"], "welcome", "{name}: {got:?}");
        (c, got)
    };
    let (mut first, got) = join("first");
    assert_eq!(
        got.len(),
        1,
        "only the welcome, no view of the old state: {got:?}"
    );
    let new_view = json!({"type": "view", "view": "after the decision"});
    publisher.publish(PLATFORM, 0, now, Arc::from(new_view.to_string()));
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let mut seen = None;
    while seen.is_none() && std::time::Instant::now() < deadline {
        seen = read(&mut first);
    }
    assert_eq!(
        seen,
        Some(new_view.clone()),
        "the view of the current state"
    );
    let (_second, got) = join("second");
    assert_eq!(got.get(1), Some(&new_view), "{got:?}");
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn after_a_crash_the_resumed_session_reopens_seats_with_the_same_codes() {
    let mut host = Host::new("resume");
    let code = host.code(PLATFORM);
    let mut seat = host.join(PLATFORM);
    send(
        &mut seat,
        json!({"type": "enable", "id": "reshare_friction", "rationale": "before the crash", "ref": 1}),
    );
    assert_eq!(ack(&mut host, &mut seat, 1)["ok"], true);
    drop(seat);
    let mut host = Host::resume(host);
    assert_eq!(host.code(PLATFORM), code, "the same code after the restart");
    let mut again = host.join(PLATFORM);
    let v = host.until(&mut again, |m| m["type"] == "view");
    let lever = v["view"]["levers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "reshare_friction")
        .cloned()
        .unwrap();
    assert_eq!(lever["on"], true, "nothing decided is lost");
    assert_eq!(v["view"]["decisions"][0]["rationale"], "before the crash");
}

#[test]
fn four_teams_and_forty_observers_with_reconnects_lose_no_decision() {
    let mut host = Host::with(
        "load",
        Limits {
            messages_per_second: 50.0,
            ..Limits::default()
        },
    );
    let teams = [
        Team::Platform,
        Team::CrisisLeadership,
        Team::PolicyMakers,
        Team::CivilSociety,
    ];
    let levers = [
        ["reshare_friction", "security_prompts", "reply_prompts"],
        [
            "crisis_info_hub",
            "evidence_preservation",
            "product_use_research",
        ],
        [
            "risk_information_sharing",
            "dedicated_channels",
            "expertise_sharing",
        ],
        [
            "safe_location_posts",
            "deactivation_guidance",
            "community_flagging",
        ],
    ];
    let mut seats: Vec<Client> = teams
        .iter()
        .map(|t| host.join(SeatRole::Team(*t)))
        .collect();
    let mut observers: Vec<Client> = (0..40).map(|_| host.join(SeatRole::Observer)).collect();
    // The room counts connections on its next frames: pump until it has (bounded: 5 s).
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let at = SeatRole::ALL
        .iter()
        .position(|r| *r == SeatRole::Observer)
        .unwrap();
    while host.seats().connected[at] < 40 && std::time::Instant::now() < deadline {
        host.pump(1);
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(host.seats().connected[at], 40);
    let mut accepted = 0;
    let started = std::time::Instant::now();
    for turn in 0..3u32 {
        for (k, seat) in seats.iter_mut().enumerate() {
            let reference = (turn * 10 + k as u32) as u64;
            send(
                seat,
                json!({"type": "enable", "id": levers[k][turn as usize], "rationale": format!("turn {turn}"), "ref": reference}),
            );
        }
        for (k, seat) in seats.iter_mut().enumerate() {
            let reference = (turn * 10 + k as u32) as u64;
            let a = host.until(seat, |m| m["type"] == "ack" && m["ref"] == reference);
            if a["ok"] == true {
                accepted += 1;
            } else {
                // Only the budget may refuse, with its own message.
                assert!(a["message"].as_str().unwrap().contains("capacity"), "{a}");
            }
        }
        // Two teams and ten observers drop and come back mid-exercise.
        for k in [1usize, 3] {
            seats[k] = host.join(SeatRole::Team(teams[k]));
        }
        for o in observers.iter_mut().take(10) {
            *o = host.join(SeatRole::Observer);
        }
        for seat in seats.iter_mut() {
            send(seat, json!({"type": "ready", "ready": true}));
        }
        host.until(&mut seats[0], |m| {
            m["type"] == "view" && m["view"]["turn"] == turn + 1
        });
        // Drain what observers were sent (they would otherwise fill their buffers).
        for o in observers.iter_mut() {
            while read(o).is_some() {}
        }
    }
    let elapsed = started.elapsed();
    assert!(accepted >= 8, "most decisions fit the budgets ({accepted})");
    assert_eq!(host.world().turn, 3);
    assert_eq!(
        host.world().log.len(),
        accepted,
        "every accepted decision is in the log"
    );
    assert_eq!(
        host.session().branches[0].commands.len(),
        accepted,
        "and in the session file"
    );
    eprintln!(
        "load: 4 teams + 40 observers, 3 turns, {accepted} decisions in {elapsed:?}; views rebuilt off the frame in {:.2} ms (rolling mean)",
        host.seats().publish_ms
    );
}

/// Chromium driven through its DevTools protocol (a WebSocket on loopback).
struct Browser {
    child: std::process::Child,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Chromium's helpers (renderer, GPU, crash handler) share its process group: end them
        // all, or they write into the profile after it is removed and leave it behind.
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        for _ in 0..50 {
            if std::fs::remove_dir_all(&self.profile).is_ok() || !self.profile.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Start headless Chromium on `url`; `None` when there is none and it is not
/// required (a machine with only Rust); `.ci/run` installs it and sets BREAKGLASS_REQUIRE_BROWSER.
fn browser(name: &str, url: &str) -> Option<(Browser, u16)> {
    let required = std::env::var_os("BREAKGLASS_REQUIRE_BROWSER").is_some();
    let profile =
        std::env::temp_dir().join(format!("breakglass-chromium-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let child = std::process::Command::new("chromium")
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "--window-size=1280,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn();
    let child = match child {
        Ok(c) => c,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("no chromium on this machine: the browser seat test is skipped");
            return None;
        }
        Err(e) => panic!("chromium is needed for this test (.ci/run installs it): {e}"),
    };
    let b = Browser { child, profile };
    // Chromium writes the port it picked into the profile.
    let file = b.profile.join("DevToolsActivePort");
    for _ in 0..300 {
        if let Ok(text) = std::fs::read_to_string(&file)
            && let Some(port) = text.lines().next().and_then(|l| l.trim().parse().ok())
        {
            return Some((b, port));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("chromium did not open its DevTools port within 30 s");
}

/// One request to Chromium's DevTools HTTP endpoint; the body ("" if it did not answer).
fn devtools(port: u16, method: &str, path: &str) -> String {
    use std::io::{BufRead, BufReader, Read, Write};
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    if s.write_all(request.as_bytes()).is_err() {
        return String::new();
    }
    let mut reader = BufReader::new(s);
    let mut length = 0;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return String::new();
        }
        if line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&body).into_owned()
}

/// Open another tab (headless Chromium takes one URL on its command line).
fn open_tab(port: u16, url: &str) {
    let path = format!("/json/new?{}", url.replace('#', "%23"));
    for _ in 0..50 {
        if devtools(port, "PUT", &path).contains("webSocketDebuggerUrl") {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("could not open a tab for {url}");
}

/// The DevTools WebSocket of the tab showing `fragment` in its URL.
fn tab(port: u16, fragment: &str) -> Client {
    for _ in 0..100 {
        let list: Value =
            serde_json::from_str(&devtools(port, "GET", "/json/list")).unwrap_or(json!([]));
        let found = list.as_array().into_iter().flatten().find(|t| {
            t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.contains(fragment))
        });
        if let Some(t) = found {
            let url = t["webSocketDebuggerUrl"].as_str().unwrap().to_string();
            let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            let (ws, _) = tungstenite::client(url, stream).unwrap();
            ws.get_ref()
                .set_read_timeout(Some(Duration::from_millis(5)))
                .unwrap();
            return ws;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no tab for {fragment}");
}

/// Evaluate JavaScript in a tab (pumping the host meanwhile); the value it returns.
fn eval(host: &mut Host, tab: &mut Client, id: &mut u64, js: &str) -> Value {
    *id += 1;
    let want = *id;
    send(
        tab,
        json!({"id": want, "method": "Runtime.evaluate", "params": {"expression": js, "returnByValue": true}}),
    );
    host.until(tab, |m| m["id"] == want)["result"]["result"]["value"].clone()
}

/// Evaluate `js` until it returns true (bounded: 30 s by the clock).
fn wait_for(host: &mut Host, tab: &mut Client, id: &mut u64, js: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        if eval(host, tab, id, js) == json!(true) {
            return;
        }
        host.pump(5);
    }
    panic!("never true in the browser: {js}");
}

#[test]
fn two_seats_in_a_real_browser() {
    let mut host = Host::new("browser");
    let addr = host.seats().address().unwrap();
    let platform = format!("http://{addr}/#{}", host.code(PLATFORM));
    let policy = format!("http://{addr}/?lang=fr#{}", host.code(POLICY));
    let Some((_browser, port)) = browser("seats", &platform) else {
        return;
    };
    open_tab(port, &policy);
    let mut id = 0;
    let mut p = tab(port, &host.code(PLATFORM));
    let mut q = tab(port, &host.code(POLICY));
    // Each page joined and drew its own team's levers.
    wait_for(
        &mut host,
        &mut p,
        &mut id,
        r#"!!document.querySelector('[data-lever="reshare_friction"] [data-act="enable"]')"#,
    );
    wait_for(
        &mut host,
        &mut q,
        &mut id,
        r#"!!document.querySelector('[data-lever="shutdown_pressure"]')"#,
    );
    assert_eq!(
        eval(
            &mut host,
            &mut q,
            &mut id,
            r#"!!document.querySelector('[data-lever="reshare_friction"]')"#
        ),
        json!(false),
        "the policy seat does not see the platform's levers"
    );
    // The platform ticks a lever with a rationale, as a user would.
    eval(
        &mut host,
        &mut p,
        &mut id,
        r#"(() => { const r = document.getElementById('r-reshare_friction');
            r.value = 'typed in the browser'; r.dispatchEvent(new Event('input'));
            document.querySelector('[data-lever="reshare_friction"] [data-act="enable"]').click(); return true; })()"#,
    );
    wait_for(
        &mut host,
        &mut p,
        &mut id,
        r#"document.getElementById('toast').textContent.startsWith('Saved')"#,
    );
    let log = host.world().log.clone();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].team, Team::Platform);
    assert_eq!(log[0].rationale, "typed in the browser");
    let file = host.session();
    assert_eq!(
        file.branches[0].commands[0].rationale,
        "typed in the browser"
    );
    let report = breakglass::report::Report::build(&file).unwrap().markdown();
    assert!(report.contains("typed in the browser"));
    wait_for(
        &mut host,
        &mut p,
        &mut id,
        r#"document.querySelector('[data-lever="reshare_friction"]').classList.contains('on')"#,
    );
    // The policy seat's page (in French) tries to issue the platform's lever by hand: refused in
    // French, nothing changes.
    eval(
        &mut host,
        &mut q,
        &mut id,
        r#"(send({type: 'disable', id: 'reshare_friction', rationale: 'not ours'}), true)"#,
    );
    wait_for(
        &mut host,
        &mut q,
        &mut id,
        r#"document.getElementById('toast').textContent.includes("Friction au partage relève de l'équipe Confiance et sécurité")"#,
    );
    assert_eq!(host.world().log.len(), 1);
    // Both teams say they are ready in their pages: the turn advances.
    for t in [&mut p, &mut q] {
        eval(
            &mut host,
            t,
            &mut id,
            "(document.getElementById('ready').click(), true)",
        );
    }
    wait_for(
        &mut host,
        &mut p,
        &mut id,
        "document.getElementById('turn').textContent.startsWith('Turn 1 ')",
    );
    assert_eq!(host.world().turn, 1);
    // Pictures of the seats, for people to look at (target/seat-*.png).
    capture(&mut host, &mut p, &mut id, "target/seat-levers.png");
    eval(
        &mut host,
        &mut p,
        &mut id,
        "(document.querySelector('[data-tab=\"outcomes\"]').click(), true)",
    );
    wait_for(
        &mut host,
        &mut p,
        &mut id,
        "!!document.querySelector('[data-outcome]')",
    );
    capture(&mut host, &mut p, &mut id, "target/seat-outcomes.png");
    wait_for(
        &mut host,
        &mut q,
        &mut id,
        "document.documentElement.lang === 'fr'",
    );
    eval(
        &mut host,
        &mut q,
        &mut id,
        "(document.querySelector('[data-tab=\"feed\"]').click(), true)",
    );
    capture(&mut host, &mut q, &mut id, "target/seat-feed-fr.png");
    open_tab(
        port,
        &format!("http://{addr}/#{}", host.code(SeatRole::Evaluator)),
    );
    let mut e = tab(port, &host.code(SeatRole::Evaluator));
    wait_for(
        &mut host,
        &mut e,
        &mut id,
        "!!document.querySelector('[data-rate]')",
    );
    capture(&mut host, &mut e, &mut id, "target/seat-evaluator.png");
}

/// A red seat against a platform seat in a real browser for three turns: each turn the platform
/// decides (or not), the red cell plays a move by clicking its card, both say ready.
#[test]
fn a_red_seat_against_a_platform_seat_for_three_turns_in_a_real_browser() {
    let mut host = Host::new("red-browser");
    host.hand_red_cell(false);
    let addr = host.seats().address().unwrap();
    let platform = format!("http://{addr}/#{}", host.code(PLATFORM));
    let red = format!("http://{addr}/#{}", host.code(RED));
    let Some((_browser, port)) = browser("red", &platform) else {
        return;
    };
    open_tab(port, &red);
    let mut id = 0;
    let mut p = tab(port, &host.code(PLATFORM));
    let mut r = tab(port, &host.code(RED));
    wait_for(
        &mut host,
        &mut r,
        &mut id,
        r#"!!document.querySelector('[data-move="shift_effort"] [data-act="play"]:not([disabled])')"#,
    );
    wait_for(
        &mut host,
        &mut p,
        &mut id,
        r#"!!document.querySelector('[data-lever="forwarding_limits"] [data-act="enable"]')"#,
    );
    // (platform lever or none, red move and how its card is filled in)
    let turns = [
        (
            Some("forwarding_limits"),
            "shift_effort",
            r#"const c = document.querySelector('[data-move="shift_effort"]');
               const f = document.getElementById('mf-shift_effort'); f.value = 'forwards'; f.dispatchEvent(new Event('change'));
               const t = document.getElementById('mt-shift_effort'); t.value = 'feed'; t.dispatchEvent(new Event('change'));"#,
        ),
        (Some("coordinated_network_detection"), "bot_flood", ""),
        (None, "account_wave", ""),
    ];
    for (turn, (lever, mv, fill)) in turns.iter().enumerate() {
        if let Some(lever) = lever {
            eval(
                &mut host,
                &mut p,
                &mut id,
                &format!(
                    r#"(document.querySelector('[data-lever="{lever}"] [data-act="enable"]').click(), true)"#
                ),
            );
            wait_for(
                &mut host,
                &mut p,
                &mut id,
                r#"document.getElementById('toast').textContent.startsWith('Saved')"#,
            );
        }
        eval(
            &mut host,
            &mut r,
            &mut id,
            &format!(
                r#"(() => {{ {fill}
                    const m = document.getElementById('mr-{mv}'); m.value = 'red turn {turn}'; m.dispatchEvent(new Event('input'));
                    document.querySelector('[data-move="{mv}"] [data-act="play"]').click(); return true; }})()"#
            ),
        );
        wait_for(
            &mut host,
            &mut r,
            &mut id,
            r#"document.getElementById('toast').textContent.startsWith('Saved')"#,
        );
        if turn == 2 {
            capture(&mut host, &mut r, &mut id, "target/seat-red.png");
        }
        for t in [&mut p, &mut r] {
            eval(
                &mut host,
                t,
                &mut id,
                "(document.getElementById('toast').textContent = '', document.getElementById('ready').click(), true)",
            );
        }
        let next = turn + 1;
        wait_for(
            &mut host,
            &mut r,
            &mut id,
            &format!("document.getElementById('turn').textContent.startsWith('Turn {next} ')"),
        );
    }
    assert_eq!(host.world().turn, 3);
    let mine: Vec<_> = host
        .world()
        .red
        .moves
        .iter()
        .filter(|m| !m.automatic)
        .map(|m| {
            (
                m.turn,
                breakglass::sim::red::MOVES[m.mv].id,
                breakglass::view::words::red_reason(&breakglass::view::I18n::load(), &m.reason),
            )
        })
        .collect();
    assert_eq!(
        mine,
        vec![
            (0, "shift_effort", "red turn 0".to_string()),
            (1, "bot_flood", "red turn 1".to_string()),
            (2, "account_wave", "red turn 2".to_string()),
        ]
    );
    let moved = &host.world().red.moves[0];
    assert_eq!(
        moved.target,
        breakglass::sim::red::Target::Channels {
            from: breakglass::sim::adversary::Channel::Forwards,
            to: breakglass::sim::adversary::Channel::Feed
        }
    );
    // The platform's page never names a red move; the report's timeline shows both sides.
    assert_eq!(
        eval(
            &mut host,
            &mut p,
            &mut id,
            "document.body.innerText.includes('red turn') || document.body.innerText.includes('Bot flood')"
        ),
        json!(false)
    );
    let report = breakglass::report::Report::build(&host.session())
        .unwrap()
        .markdown();
    assert!(report.contains("red turn 1"), "{report}");
    capture(
        &mut host,
        &mut p,
        &mut id,
        "target/seat-platform-vs-red.png",
    );
}

/// Save a screenshot of a tab (and check it is a drawn page, not a blank one).
fn capture(host: &mut Host, tab: &mut Client, id: &mut u64, path: &str) {
    // A background tab draws no new frames: bring it to the front first.
    *id += 1;
    let front = *id;
    send(tab, json!({"id": front, "method": "Page.bringToFront"}));
    host.until(tab, |m| m["id"] == front);
    *id += 1;
    let want = *id;
    send(
        tab,
        json!({"id": want, "method": "Page.captureScreenshot", "params": {"format": "png"}}),
    );
    let shot = host.until(tab, |m| m["id"] == want);
    let bytes = base64_decode(shot["result"]["data"].as_str().unwrap_or(""));
    assert!(bytes.len() > 20_000, "a drawn page ({} bytes)", bytes.len());
    let _ = std::fs::write(path, bytes);
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(value) {
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

mod protocol_properties {
    use breakglass::seats::protocol::{ClientMsg, is_decision, parse, to_command};
    use breakglass::sim::World;
    use breakglass::sim::command::Action;
    use breakglass::sim::interventions::{CATALOG, Team};
    use breakglass::sim::red::MOVES;
    use proptest::prelude::*;

    fn world() -> &'static World {
        static WORLD: std::sync::OnceLock<World> = std::sync::OnceLock::new();
        WORLD.get_or_init(|| {
            let s = breakglass::scenario::load(std::path::Path::new("scenarios/tutorial.ron"))
                .unwrap()
                .scenario;
            // The red cell in players' hands, so the red seat's moves can pass too.
            let mut w = World::new(&s, s.seed).unwrap();
            w.apply(breakglass::sim::command::Command {
                turn: 0,
                team: Team::Facilitator,
                action: breakglass::sim::command::Action::RedCell { automatic: false },
                rationale: String::new(),
            })
            .unwrap();
            w
        })
    }

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            (0..CATALOG.len()).prop_map(|i| CATALOG[i].id.to_string()),
            (0..MOVES.len()).prop_map(|i| MOVES[i].id.to_string()),
            Just("Brenn".to_string()),
            Just("Aldwick".to_string()),
            "[a-z_]{0,12}",
            ".{0,40}",
        ]
    }

    fn number() -> impl Strategy<Value = String> {
        prop_oneof![
            (0.0f64..1.0).prop_map(|x| format!("{x}")),
            any::<f64>()
                .prop_filter("finite", |x| x.is_finite())
                .prop_map(|x| format!("{x:e}")),
            Just("-1".to_string()),
            Just("1e999".to_string()),
            Just("null".to_string()),
            Just("\"0.5\"".to_string()),
        ]
    }

    /// Messages a seat might send, well-formed or not: known and unknown types and fields,
    /// catalog ids and junk, numbers in and out of range, missing and extra fields, raw text.
    fn message() -> impl Strategy<Value = String> {
        let kind = prop_oneof![
            Just("enable"),
            Just("disable"),
            Just("set"),
            Just("move"),
            Just("ready"),
            Just("join"),
            Just("observe"),
            Just("rate"),
            Just("language"),
            Just("fire_inject"),
            Just("")
        ];
        let field = prop_oneof![
            word().prop_map(|w| format!("\"id\":{}", serde_json::to_string(&w).unwrap())),
            prop::collection::vec(number(), 0..4)
                .prop_map(|v| format!("\"params\":[{}]", v.join(","))),
            prop::collection::vec(word(), 0..3)
                .prop_map(|v| format!("\"districts\":{}", serde_json::to_string(&v).unwrap())),
            any::<bool>().prop_map(|b| format!("\"confirm\":{b}")),
            any::<bool>().prop_map(|b| format!("\"ready\":{b}")),
            word().prop_map(|w| format!("\"rationale\":{}", serde_json::to_string(&w).unwrap())),
            prop::sample::select(vec!["feed", "hashtags", "forwards", "ads", "x"])
                .prop_map(|c| format!("\"from\":\"{c}\"")),
            prop::sample::select(vec!["feed", "groups", "off_platform", ""])
                .prop_map(|c| format!("\"to\":\"{c}\"")),
            any::<u64>().prop_map(|r| format!("\"ref\":{r}")),
            word().prop_map(|w| format!("\"{}\":1", w.replace(['"', '\\'], ""))),
        ];
        // Mostly lawful decisions (any team's lever, maybe a district, maybe confirmed).
        let lawful = (
            prop_oneof![Just("enable"), Just("disable")],
            0..CATALOG.len(),
            prop::option::of(prop::sample::select(vec!["Brenn", "Aldwick"])),
            any::<bool>(),
        )
            .prop_map(|(k, i, d, confirm)| {
                let districts = d.map_or(String::new(), |d| format!(",\"districts\":[\"{d}\"]"));
                format!(
                    "{{\"type\":\"{k}\",\"id\":\"{}\",\"rationale\":\"r\",\"confirm\":{confirm}{districts}}}",
                    CATALOG[i].id
                )
            });
        // Lawful-looking red moves (any move, maybe channels or a district).
        let red = (
            0..MOVES.len(),
            prop::sample::select(vec!["feed", "hashtags", "forwards"]),
            prop::sample::select(vec!["groups", "off_platform", "feed"]),
            prop::sample::select(vec!["Brenn", "Aldwick", "Atlantis"]),
        )
            .prop_map(|(i, from, to, d)| {
                format!(
                    "{{\"type\":\"move\",\"id\":\"{}\",\"from\":\"{from}\",\"to\":\"{to}\",\"district\":\"{d}\",\"rationale\":\"r\"}}",
                    MOVES[i].id
                )
            });
        prop_oneof![
            3 => lawful,
            2 => red,
            4 => (kind, prop::collection::vec(field, 0..6)).prop_map(|(k, fs)| {
                let mut all = vec![format!("\"type\":\"{k}\"")];
                all.extend(fs);
                format!("{{{}}}", all.join(","))
            }),
            1 => ".{0,200}",
        ]
    }

    proptest! {
        // 1024 cases in `cargo test`; SEAT_PROPTEST_CASES=100000 for a longer run.
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("SEAT_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1024)
        ))]

        /// Whatever a seat sends never panics; a decision that becomes a command is one the
        /// world accepts, for the seat's own team only; replaying an accepted "enable" is refused.
        #[test]
        fn seat_messages_never_panic_and_only_lawful_commands_pass(
            text in message(),
            team in prop::sample::select(
                [Team::PLAYERS.as_slice(), &[Team::Perpetrators]].concat()
            ),
        ) {
            let world = world();
            if let Ok(msg) = parse(&text)
                && is_decision(&msg)
                && let Ok(cmd) = to_command(world, team, &msg)
            {
                prop_assert_eq!(cmd.team, team);
                if let Action::Red { .. } = cmd.action {
                    prop_assert_eq!(team, Team::Perpetrators, "only the red cell plays moves");
                    let mut w = world.clone();
                    prop_assert!(w.apply(cmd.clone()).is_ok());
                    prop_assert!(w.red_spent() <= w.red_budget(), "within its budget");
                    return Ok(());
                }
                let entry = cmd.action.intervention().unwrap();
                prop_assert_eq!(CATALOG[entry].team, team, "only the team's own levers");
                let mut w = world.clone();
                prop_assert!(w.apply(cmd.clone()).is_ok());
                if matches!(msg, ClientMsg::Enable { .. }) {
                    prop_assert!(to_command(&w, team, &msg).is_err(), "a replayed enable is refused");
                }
            }
        }
    }
}
