//! The control room without a window: the model is stepped by the driver, pause stops it,
//! a lever's command reaches the model and is logged, the baseline never receives commands.
#![cfg(feature = "gui")]

use crate::common;

use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use breakglass::app::ControlRoomPlugin;
use breakglass::app::sim_driver::{IssueCommand, LastCommand, Mode, Pause, Sim, StepTurn};
use breakglass::sim::World;
use breakglass::sim::command::{Action, Command};
use breakglass::sim::interventions::{CATALOG, Scope, Team, index_of};
use breakglass::sim::metrics::Outcome;
use breakglass::view::I18n;

fn app_with(scenario: &breakglass::scenario::Scenario, world: World) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            250,
        )))
        .insert_resource(Sim::new(scenario.clone(), world))
        .add_plugins(ControlRoomPlugin);
    app
}

fn app() -> App {
    let s = common::small();
    app_with(&s, World::new(&s, 1).unwrap())
}

fn turn(app: &App) -> u32 {
    app.world().resource::<Sim>().world.turn
}

fn friction(turn: u32) -> Command {
    let entry = index_of("reshare_friction").unwrap();
    Command {
        turn,
        team: Team::Platform,
        action: Action::Enable {
            entry,
            params: CATALOG[entry].defaults(),
            scope: Scope::Region,
            confirmed: false,
        },
        rationale: "slow the rumour".into(),
    }
}

#[test]
fn paused_by_default_and_pause_stops_the_model() {
    let mut app = app();
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(turn(&app), 0, "a new session waits for the facilitator");
}

#[test]
fn a_step_request_advances_exactly_one_turn_while_paused() {
    let mut app = app();
    app.update();
    app.world_mut().write_message(StepTurn);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(turn(&app), 1);
    assert_eq!(
        app.world().resource::<Sim>().baseline.turn,
        1,
        "the baseline keeps pace"
    );
}

#[test]
fn in_real_time_running_advances_and_pausing_again_freezes() {
    let mut app = app();
    app.insert_resource(Mode::RealTime);
    app.world_mut().resource_mut::<Sim>().speed = 8.0;
    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause(false));
    for _ in 0..12 {
        app.update();
    }
    let running = turn(&app);
    assert!(running >= 3, "advanced to {running}");
    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause(true));
    app.update();
    let frozen = turn(&app);
    for _ in 0..12 {
        app.update();
    }
    assert_eq!(turn(&app), frozen);
}

#[test]
fn turn_by_turn_the_clock_stops_after_each_turn_for_the_decision_phase() {
    let mut app = app();
    assert_eq!(
        *app.world().resource::<Mode>(),
        Mode::TurnBased,
        "the default"
    );
    app.world_mut().resource_mut::<Sim>().speed = 8.0;
    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause(false));
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(turn(&app), 1, "one turn, then the decision phase");
    assert_eq!(*app.world().resource::<State<Pause>>().get(), Pause(true));
}

#[test]
fn a_lever_command_reaches_the_model_is_logged_and_never_reaches_the_baseline() {
    let mut app = app();
    app.update();
    app.world_mut().write_message(IssueCommand(friction(0)));
    app.update();
    {
        let sim = app.world().resource::<Sim>();
        assert_eq!(sim.world.log, vec![friction(0)]);
        assert!(sim.world.is_active(index_of("reshare_friction").unwrap()));
        assert!(sim.baseline.log.is_empty());
        assert!(sim.baseline.active.is_empty());
        assert_eq!(
            app.world().resource::<LastCommand>().0,
            Some(Ok("enable reshare_friction".into()))
        );
    }
    for _ in 0..6 {
        app.world_mut().write_message(StepTurn);
        app.update();
    }
    let sim = app.world().resource::<Sim>();
    assert_eq!(sim.world.turn, 6);
    let ours = sim.world.series.last().unwrap()[Outcome::HarmfulImpressions];
    let base = sim.baseline.series.last().unwrap()[Outcome::HarmfulImpressions];
    assert!(
        ours < base,
        "friction lowered perpetrator reach: {ours} vs {base}"
    );
}

#[test]
fn a_refused_command_is_reported_and_not_logged() {
    let mut app = app();
    app.update();
    let mut cmd = friction(0);
    cmd.team = Team::PolicyMakers;
    app.world_mut().write_message(IssueCommand(cmd));
    app.update();
    let last = app.world().resource::<LastCommand>().0.clone();
    assert!(matches!(last, Some(Err(_))), "{last:?}");
    assert!(app.world().resource::<Sim>().world.log.is_empty());
}

#[test]
fn a_loaded_plan_drives_the_teams_world_only() {
    let s = common::small();
    let mut world = World::new(&s, 4).unwrap();
    world.schedule(vec![friction(2)]);
    let mut app = app_with(&s, world);
    for _ in 0..4 {
        app.world_mut().write_message(StepTurn);
        app.update();
    }
    let sim = app.world().resource::<Sim>();
    assert_eq!(sim.world.log.len(), 1);
    assert!(sim.baseline.log.is_empty() && sim.baseline.pending.is_empty());
}

#[test]
fn translations_cover_every_outcome_team_category_and_french_keys_exist_in_english() {
    let tr = I18n::load();
    let en = tr.keys(0);
    let fr = tr.keys(1);
    // English catalog texts (levers' names, descriptions and parameters), moves' parameters,
    // lessons and parameter units live in the code, and scenarios' names and briefings in the
    // scenario files, not in en.ron.
    let in_code = [
        "catalog.",
        "briefing.",
        "scenario.",
        "move.",
        "param.",
        "unit.",
        "lesson.",
    ];
    for k in fr
        .iter()
        .filter(|k| !in_code.iter().any(|p| k.starts_with(p)))
    {
        assert!(en.contains(k), "fr has {k} but en does not");
    }
    for o in Outcome::ALL {
        assert!(
            en.contains(&format!("outcome.{}", o.name())),
            "{}",
            o.name()
        );
        assert!(
            fr.contains(&format!("outcome.{}", o.name())),
            "fr: {}",
            o.name()
        );
    }
    for t in Team::PLAYERS {
        assert!(en.contains(&format!("team.{}", t.id())));
    }
    for c in breakglass::sim::interventions::Category::ALL {
        assert!(en.contains(&format!("category.{}", c.id())), "{}", c.id());
    }
    for k in breakglass::sim::content::Kind::ALL {
        assert!(en.contains(&format!("post.{}", k.id())), "{}", k.id());
    }
}

#[test]
fn a_missing_french_key_falls_back_to_english_visibly_in_debug() {
    let mut tr = I18n::load();
    tr.current = 1;
    // A scenario without a French briefing falls back to its English one.
    let english = "A region nobody has translated yet.";
    let briefing = tr.or("briefing.Some new scenario", english);
    if cfg!(debug_assertions) {
        assert!(briefing.starts_with("[en] "), "{briefing}");
    }
    assert!(briefing.ends_with(english));
    // A translated catalog text comes back in French.
    let e = &CATALOG[index_of("forwarding_limits").unwrap()];
    assert!(tr.entry_description(e).starts_with("Limiter le nombre"));
    assert_eq!(tr.t("no.such.key"), "⟦no.such.key⟧");
    assert_eq!(tr.t("clock.play"), "▶ Lecture");
}

#[test]
fn every_intervention_has_a_french_name_and_description() {
    let tr = I18n::load();
    let fr = tr.keys(1);
    for e in CATALOG.iter() {
        assert!(fr.contains(&format!("catalog.{}.name", e.id)), "{}", e.id);
        assert!(
            fr.contains(&format!("catalog.{}.description", e.id)),
            "{}",
            e.id
        );
    }
}

#[test]
fn every_library_scenario_has_a_french_briefing() {
    let tr = I18n::load();
    let fr = tr.keys(1);
    for f in breakglass::experiments::LIBRARY {
        let s = breakglass::scenario::load(std::path::Path::new(f.file))
            .unwrap()
            .scenario;
        assert!(
            fr.contains(&format!("briefing.{}", s.name)),
            "{}: no French briefing",
            f.file
        );
    }
}

mod rewind_off_the_frame {
    use super::*;
    use breakglass::app::session_io::{Rewind, Session};
    use breakglass::session::SessionFile;

    fn room(name: &str) -> (App, std::path::PathBuf) {
        let dir =
            std::env::temp_dir().join(format!("breakglass-rewind-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let app = played_room(&dir.join("s.session.ron"));
        (app, dir)
    }

    /// The small world's room with a session at `path`: friction enabled, three turns played.
    pub(super) fn played_room(path: &std::path::Path) -> App {
        let s = common::small();
        let file = SessionFile::new("small.ron", &s, 1, "test".into());
        let mut app = app_with(&s, World::new(&s, 1).unwrap());
        app.insert_resource(Session::new(path.to_path_buf(), file));
        app.update();
        app.world_mut().write_message(IssueCommand(friction(0)));
        for _ in 0..3 {
            app.world_mut().write_message(StepTurn);
            for _ in 0..4 {
                app.update();
            }
        }
        assert_eq!(turn(&app), 3);
        app
    }

    /// Pump until the session's status says the rewind ended (bounded: 60 s, generous for a
    /// shared machine; a rewind of this world takes milliseconds).
    fn settle(app: &mut App) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            app.update();
            let status = app.world().resource::<Session>().status.clone();
            if !status.starts_with("rewinding") && !status.starts_with("saved") {
                return status;
            }
            if status.starts_with("saved")
                && app.world().resource::<Session>().file.branches.len() > 1
            {
                return status;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("the rewind never ended");
    }

    #[test]
    fn a_rewind_runs_off_the_frame_and_switches_only_when_its_world_exists() {
        let (mut app, dir) = room("ok");
        app.world_mut().write_message(Rewind(1));
        app.update();
        let status = settle(&mut app);
        assert!(status.starts_with("saved"), "{status}");
        let session = app.world().resource::<Session>();
        assert_eq!(session.file.branches.len(), 2);
        assert_eq!(session.file.current, 1);
        assert_eq!(turn(&app), 1);
        assert_eq!(
            app.world().resource::<Sim>().world.log.len(),
            1,
            "the decision before turn 1 is kept"
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_failed_rewind_leaves_the_session_exactly_as_it_was() {
        let (mut app, dir) = room("fail");
        // The session's copy of the scenario can no longer build a world.
        app.world_mut()
            .resource_mut::<Session>()
            .file
            .scenario
            .accounts = -5;
        let before = app.world().resource::<Session>().file.clone();
        let world_before = app.world().resource::<Sim>().world.series.clone();
        app.world_mut().write_message(Rewind(1));
        app.update();
        let status = settle(&mut app);
        assert!(status.starts_with("rewind failed"), "{status}");
        let session = app.world().resource::<Session>();
        assert_eq!(
            session.file.branches, before.branches,
            "no branch was added"
        );
        assert_eq!(session.file.current, before.current);
        assert_eq!(
            app.world().resource::<Sim>().world.series,
            world_before,
            "the world is the one it was"
        );
        assert_eq!(turn(&app), 3);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_report_button_can_add_what_we_dont_know_off_the_frame() {
        use breakglass::app::session_io::WriteReport;
        let (mut app, dir) = room("report");
        app.world_mut()
            .write_message(WriteReport { uncertainty: true });
        let mut status = String::new();
        for _ in 0..30_000 {
            app.update();
            status = app.world().resource::<Session>().status.clone();
            if status.starts_with("report ") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert!(status.starts_with("report written"), "{status}");
        let md = std::fs::read_to_string(dir.join("s.report").join("report.md")).unwrap();
        assert!(md.contains("What we don't know"), "{md}");
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The console's debrief button compares the sessions in its folder that played the same
/// scenario (another group's, recorded headless, beside the room's own), off the frame.
mod debrief_button {
    use super::*;
    use breakglass::app::session_io::{Session, WriteDebrief};
    use breakglass::session::SessionFile;

    #[test]
    fn the_console_debriefs_the_groups_in_its_folder() {
        let dir = common::scratch("debrief-button");
        let s = common::small();
        // Another group: nobody acting for four turns, saved beside the room's session.
        let mut other = SessionFile::new("small.ron", &s, 1, "test".into());
        let mut w = World::new(&s, 1).unwrap();
        for _ in 0..4 {
            w.step();
        }
        other.record(&w);
        other.save(&dir.path().join("other.session.ron")).unwrap();
        // A session of another scenario in the same folder is not one of the groups.
        let mut tutorial =
            breakglass::scenario::load(std::path::Path::new("scenarios/tutorial.ron"))
                .unwrap()
                .scenario;
        tutorial.turns = 8;
        SessionFile::new("tutorial.ron", &tutorial, 1, "test".into())
            .save(&dir.path().join("tutorial.session.ron"))
            .unwrap();

        let mut app =
            super::rewind_off_the_frame::played_room(&dir.path().join("room.session.ron"));
        app.world_mut().write_message(WriteDebrief);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        let mut status = String::new();
        while std::time::Instant::now() < deadline {
            app.update();
            status = app.world().resource::<Session>().status.clone();
            if status.starts_with("debrief ") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert!(
            status.starts_with("debrief of 2 group(s) written"),
            "{status}"
        );
        let md =
            std::fs::read_to_string(dir.path().join("small.debrief").join("debrief.md")).unwrap();
        assert!(md.contains("| Groups | other, room |"), "{md}");
    }
}

/// The start screen's requests, driven without a window: a library card opens its scenario
/// (a new world, a new session, the screen gone), a bad path is shown and changes nothing, a
/// template is a copy in the user's folder and never the library file.
mod start_screen {
    use super::*;
    use breakglass::app::session_io::Session;
    use breakglass::app::start::{Open, StartScreen, copy_template};

    #[test]
    fn the_library_is_on_cards_with_the_default_scenario_one_key_away() {
        let start = StartScreen::at_launch();
        assert!(start.open);
        assert_eq!(start.cards.len(), 8, "the eight library scenarios");
        let highlighted = &start.cards[start.selected];
        assert_eq!(
            highlighted.path.file_name().unwrap(),
            "default.ron",
            "Enter plays the default scenario"
        );
        assert!(
            start
                .cards
                .iter()
                .all(|c| !c.tools.is_empty() && c.turns > 0)
        );
    }

    #[test]
    fn a_card_opens_its_scenario_and_a_bad_file_changes_nothing() {
        let mut app = app();
        app.insert_resource(StartScreen::at_launch());
        app.update();
        app.world_mut()
            .write_message(Open::Scenario("scenarios/nowhere.ron".into()));
        app.update();
        let start = app.world().resource::<StartScreen>();
        assert!(start.open, "still there");
        let error = start.error.clone().unwrap();
        assert!(
            error.starts_with("scenarios/nowhere.ron: cannot read"),
            "{error}"
        );
        assert_eq!(app.world().resource::<Sim>().scenario.name, "small");

        app.world_mut()
            .write_message(Open::Scenario("scenarios/besieged_city.ron".into()));
        app.update();
        app.update();
        let sim = app.world().resource::<Sim>();
        assert_eq!(sim.scenario.name, "Tarn Hollow: the siege");
        assert_eq!(sim.scenario.name, "Tarn Hollow: the siege");
        assert_eq!(sim.world.turn, 0);
        let session = app.world().resource::<Session>();
        assert_eq!(session.file.scenario_file, "scenarios/besieged_city.ron");
        assert!(!app.world().resource::<StartScreen>().open);
        assert!(app.world().resource::<StartScreen>().error.is_none());
    }

    #[test]
    fn a_template_is_a_renamed_copy_in_the_users_folder() {
        let dir = tempfile::tempdir().unwrap();
        let lib = std::path::Path::new("scenarios/sirens.ron");
        let before = std::fs::read(lib).unwrap();
        let copy = copy_template(lib, "Our sirens drill", dir.path()).unwrap();
        assert_eq!(copy, dir.path().join("our_sirens_drill.ron"));
        let again = copy_template(lib, "Our sirens drill", dir.path()).unwrap();
        assert_eq!(
            again,
            dir.path().join("our_sirens_drill_2.ron"),
            "never overwritten"
        );
        let s = breakglass::scenario::load(&copy).unwrap().scenario;
        assert_eq!(s.name, "Our sirens drill");
        assert_eq!(
            std::fs::read(lib).unwrap(),
            before,
            "the library is untouched"
        );
        assert_eq!(
            copy_template(lib, "  ", dir.path()).unwrap_err(),
            "give the new scenario a name"
        );
        assert!(
            copy_template(lib, "x", std::path::Path::new("scenarios"))
                .unwrap_err()
                .ends_with("is the library folder: pick another folder")
        );

        // Opened from the screen, the copy plays.
        let mut app = app();
        app.insert_resource(StartScreen::at_launch());
        app.world_mut().write_message(Open::Template {
            from: lib.into(),
            name: "Drill two".into(),
            folder: dir.path().into(),
        });
        app.update();
        app.update();
        assert_eq!(app.world().resource::<Sim>().scenario.name, "Drill two");
        assert!(dir.path().join("drill_two.ron").exists());
    }
}

/// The scenario editor driven without a window: add a district, break a field and see the
/// message `check` prints, fix it, undo and redo, save, load what was saved.
mod scenario_editor {
    use super::*;
    use breakglass::app::editor::{Draft, Editor};

    fn check(path: &std::path::Path) -> std::process::Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_breakglass"))
            .arg("check")
            .arg(path)
            .output()
            .unwrap()
    }

    #[test]
    fn add_a_district_break_it_fix_it_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let lib = std::path::Path::new("scenarios/tutorial.ron");
        let mut app = app();
        app.insert_resource(Editor {
            draft: Some(Draft::open_file(lib).unwrap()),
        });
        app.update();
        let edit = |app: &mut App, f: &dyn Fn(&mut Draft)| {
            f(app
                .world_mut()
                .resource_mut::<Editor>()
                .draft
                .as_mut()
                .unwrap());
            app.update();
        };
        let draft = |app: &App| app.world().resource::<Editor>().draft.clone().unwrap();
        let save = |app: &mut App, as_draft: bool| {
            app.world_mut()
                .resource_mut::<Editor>()
                .draft
                .as_mut()
                .unwrap()
                .save(as_draft)
        };
        let before = draft(&app).scenario.districts.len();
        assert!(draft(&app).problems.is_empty());

        edit(&mut app, &|d| d.add_district_at((3, -1)));
        let i = before;
        assert_eq!(draft(&app).scenario.districts.len(), before + 1);
        assert_eq!(draft(&app).scenario.districts[i].hex, (3, -1));
        assert!(
            draft(&app).problems.is_empty(),
            "{:?}",
            draft(&app).problems
        );

        // Break a field: the problem is beside it, worded as `check` words it.
        edit(&mut app, &|d| d.edit(|s| s.districts[i].adoption = 1.7));
        let path = format!("districts[{i}].adoption");
        let shown: Vec<String> = draft(&app)
            .problems_at(&path)
            .iter()
            .map(|m| m.to_string())
            .collect();
        assert_eq!(shown.len(), 1, "{:?}", draft(&app).problems);
        // A draft saves anyway, and `check` refuses it with the same message.
        edit(&mut app, &|d| {
            d.folder = dir.path().display().to_string();
            d.file_name = "ours".into();
        });
        let refused = save(&mut app, false).unwrap_err();
        assert_eq!(refused, "1 problem(s) to fix first (or save as a draft)");
        let saved = save(&mut app, true).unwrap();
        let out = check(&saved);
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{path}: {}", shown[0])),
            "{stderr}\nvs {shown:?}"
        );

        // Fix it; undo brings the problem back, redo fixes it again.
        edit(&mut app, &|d| d.edit(|s| s.districts[i].adoption = 0.4));
        assert!(draft(&app).problems.is_empty());
        edit(&mut app, &|d| d.undo());
        assert_eq!(draft(&app).problems_at(&path).len(), 1);
        edit(&mut app, &|d| d.redo());
        assert!(draft(&app).problems.is_empty());
        edit(&mut app, &|d| {
            d.edit(|s| s.districts[i].name = "Mill Ford".into())
        });

        let saved = save(&mut app, false).unwrap();
        assert_eq!(saved, dir.path().join("ours.ron"));
        assert!(check(&saved).status.success());
        let loaded = breakglass::scenario::load(&saved).unwrap().scenario;
        assert_eq!(loaded.districts.len(), before + 1);
        assert_eq!(loaded.districts[i].name, "Mill Ford");
        assert!(World::new(&loaded, 1).is_ok(), "it plays");

        // The library is never written to.
        let lib_before = std::fs::read(lib).unwrap();
        let err = app
            .world_mut()
            .resource_mut::<Editor>()
            .draft
            .as_mut()
            .map(|d| {
                d.folder = "scenarios".into();
                d.file_name = "tutorial.ron".into();
                d.save(true).unwrap_err()
            })
            .unwrap();
        assert!(
            err.ends_with("is in the library, which is never overwritten: pick another folder"),
            "{err}"
        );
        assert_eq!(std::fs::read(lib).unwrap(), lib_before);
    }

    #[test]
    fn a_scenario_check_refuses_opens_with_its_problems() {
        let dir = tempfile::tempdir().unwrap();
        let broken = dir.path().join("broken.ron");
        let text = std::fs::read_to_string("scenarios/tutorial.ron")
            .unwrap()
            .replacen("turns: 8", "turns: 0", 1);
        std::fs::write(&broken, text).unwrap();
        assert!(breakglass::scenario::load(&broken).is_err());
        let d = Draft::open_file(&broken).unwrap();
        assert_eq!(
            d.problems_at("turns"),
            vec!["must be between 1 and 10000, got 0"]
        );
    }
}

/// Issue 25's whole path for a trainer: a scenario made from a template in the editor, its
/// injects brought in from an .xlsx MSEL, then checked, previewed and played.
#[test]
fn a_template_adapted_in_the_editor_with_an_xlsx_msel_checks_previews_and_plays() {
    use breakglass::app::editor::Draft;
    use breakglass::app::start::copy_template;
    use breakglass::scenario::msel;
    let dir = tempfile::tempdir().unwrap();
    // From a template, adapted in the editor: renamed, a district added.
    let copy = copy_template(
        std::path::Path::new("scenarios/sirens.ron"),
        "Coastal drill",
        dir.path(),
    )
    .unwrap();
    let mut d = Draft::open_file(&copy).unwrap();
    d.add_district_at((4, 4));
    d.edit(|s| s.districts.last_mut().unwrap().name = "Harbour".into());
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    d.folder = dir.path().display().to_string();
    d.file_name = "coastal_drill.ron".into();
    let saved = d.save(false).unwrap();

    // Its MSEL, from a spreadsheet: the library's sirens injects, one of them rewritten in
    // the sheet to go to the new district's people.
    let sirens = breakglass::scenario::load(std::path::Path::new("scenarios/sirens.ron"))
        .unwrap()
        .scenario;
    let mut sheet = msel::to_sheet(&sirens, &breakglass::view::I18n::load().msel_names());
    sheet.rows[1][6] = "Harbour's fishermen report armed boats offshore.".into();
    let xlsx = dir.path().join("msel.xlsx");
    std::fs::write(&xlsx, msel::xlsx_bytes(&sheet).unwrap()).unwrap();
    let written = msel::import_file(
        &xlsx,
        &saved,
        None,
        &[],
        &breakglass::view::I18n::load().msel_names(),
    )
    .unwrap();
    assert_eq!(written.injects, sirens.injects.len());

    // It checks, previews and plays.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_breakglass"))
        .arg("check")
        .arg(&saved)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = breakglass::scenario::load(&saved).unwrap().scenario;
    assert_eq!(s.name, "Coastal drill");
    assert_eq!(
        s.injects[0].description,
        "Harbour's fishermen report armed boats offshore."
    );
    let p = breakglass::preview::preview("Coastal drill", &s, 1).unwrap();
    assert_eq!(p.harmed.len(), s.turns as usize);
    let mut w = World::new(&s, s.seed).unwrap();
    w.run();
    assert!(w.finished());
    assert!(
        w.inject_states[0].fired_turn.is_some(),
        "the imported MSEL fires"
    );
}
