//! `breakglass handbook`: the exercise's documents written from the scenario, in English and
//! French, with nothing for controllers' eyes in the players' documents.

use std::path::Path;
use std::process::Command;

use breakglass::scenario;
use breakglass::sim::interventions::{CATALOG, Team};

use crate::common;

fn handbook(language: &str, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_breakglass"))
        .args(["handbook", "scenarios/besieged_city.ron", "--out"])
        .arg(out)
        .args(["--language", language])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_handbook_gives_controllers_the_msel_and_players_no_spoilers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("en");
    handbook("en", &out);
    let s = scenario::load(Path::new("scenarios/besieged_city.ron"))
        .unwrap()
        .scenario;
    let controller = read(&out, "controller_handbook.md");
    let manual = read(&out, "situation_manual.md");
    for inj in &s.injects {
        assert!(controller.contains(&inj.description), "{}", inj.description);
        assert!(controller.contains(&inj.expected), "{}", inj.expected);
        // The players' manual says nothing of what is coming or what is expected of them.
        assert!(!manual.contains(&inj.description), "{}", inj.description);
        assert!(!manual.contains(&inj.expected), "{}", inj.expected);
    }
    assert!(
        !manual.contains("Internet shut down in"),
        "scripted events are not announced"
    );
    assert!(controller.contains("| 2 | Internet shut down in Old Town for 4 turn(s) |"));
    for o in &s.objectives {
        // An objective is in the manual with its discussion question, and has a rating sheet.
        assert!(manual.contains(&format!("{}: {}", o.id, o.text)));
        assert!(manual.contains(&format!("{}: which of your levers serve it", o.text)));
        assert!(controller.contains(&format!("## {}: {}", o.id, o.text)));
    }
    assert!(
        controller.contains("| Injects that test it | #1, #2, #5 |"),
        "{controller}"
    );
    assert!(manual.contains("| Length | 24 turns of 6 h (6 days of simulated time) |"));
    for team in Team::PLAYERS {
        let card = read(&out, &format!("team_{}.md", team.id()));
        let levers = CATALOG.iter().filter(|e| e.team == team).count();
        // A heading row, the separator, one row per lever of the team.
        let table_rows = card
            .lines()
            .skip_while(|l| !l.starts_with("| Lever |"))
            .take_while(|l| l.starts_with('|'))
            .count();
        assert_eq!(table_rows, levers + 2, "{}", team.id());
        assert!(card.contains(&format!(
            "| Budget per turn (points) | {} |",
            s.budgets.base(team)
        )));
    }
    assert!(!controller.contains('⟦'), "no missing text");
    let html = read(&out, "controller_handbook.html");
    assert!(html.starts_with("<!doctype html><html lang=\"en\">"));
    common::chromium_screenshot(
        &out.join("controller_handbook.html"),
        dir.path(),
        "1400,2000",
    );
}

#[test]
fn the_french_handbook_is_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fr");
    handbook("fr", &out);
    let manual = read(&out, "situation_manual.md");
    assert!(
        manual.starts_with("# Manuel de situation : Tarn Hollow : le siège"),
        "{manual}"
    );
    assert!(manual.contains("## Questions de discussion"));
    // The scenario's own French texts: objectives in the manual, injects in the MSEL.
    assert!(
        manual.contains("- B1: Garder les habitants connectés et informés pendant les coupures")
    );
    let controller = read(&out, "controller_handbook.md");
    assert!(
        controller.contains("| Offrir un accès par proxy |"),
        "{controller}"
    );
    let card = read(&out, "team_platform.md");
    assert!(
        card.contains("| Levier | Catégorie | Déploiement | Entretien par tour | Délai (tours) |")
    );
    for name in std::fs::read_dir(&out).unwrap() {
        let text = std::fs::read_to_string(name.unwrap().path()).unwrap();
        assert!(!text.contains('⟦'), "no missing key");
        assert!(
            !text.contains("[en]"),
            "no English fallback in the French handbook"
        );
    }
    let html = read(&out, "situation_manual.html");
    assert!(html.starts_with("<!doctype html><html lang=\"fr\">"));
    common::chromium_screenshot(&out.join("situation_manual.html"), dir.path(), "1400,2000");
}

#[test]
fn an_unknown_language_is_refused() {
    let o = Command::new(env!("CARGO_BIN_EXE_breakglass"))
        .args([
            "handbook",
            "scenarios/tutorial.ron",
            "--out",
            "/nonexistent/x",
            "--language",
            "xx",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "error: --language xx: not one of en, fr"
    );
}

/// Scenario texts per language: a French seat reads the besieged city's injects in French, an
/// English seat in English, and a language without a translation falls back to the scenario's.
#[test]
fn a_seat_reads_the_scenarios_texts_in_its_language() {
    use breakglass::sim::World;
    use breakglass::view::I18n;
    use breakglass::view::seat::{Room, SeatRole, seat_view};
    let s = scenario::load(Path::new("scenarios/besieged_city.ron"))
        .unwrap()
        .scenario;
    let mut w = World::new(&s, 1).unwrap();
    while w.turn < 3 {
        w.step();
    }
    let b = w.clone();
    let mut tr = I18n::load();
    let platform = SeatRole::Team(Team::Platform);
    let view = |tr: &I18n, role| seat_view(tr, &s, &w, &b, &Room::default(), None, role);
    let en = view(&tr, platform);
    assert_eq!(
        en.injects[0].text,
        "Old Town goes dark. Residents ask how to reach the platform."
    );
    assert!(tr.set_language("fr"));
    let fr = view(&tr, platform);
    assert_eq!(
        fr.injects[0].text,
        "La Vieille Ville est coupée. Les habitants demandent comment joindre la plateforme."
    );
    let evaluator = view(&tr, SeatRole::Evaluator);
    let first = evaluator.injects.iter().find(|i| i.seq == 1).unwrap();
    assert_eq!(first.expected, "Offrir un accès par proxy");
    assert_eq!(
        evaluator.objectives[0].text,
        "Garder les habitants connectés et informés pendant les coupures"
    );
    assert!(tr.briefing(&s).starts_with("Tarn Hollow est encerclée."));
    // No German texts: the scenario's own.
    assert_eq!(
        s.inject_in("de", &s.injects[0]).0,
        "Old Town goes dark. Residents ask how to reach the platform."
    );
}

#[test]
fn a_translation_must_name_what_the_scenario_has() {
    let text = std::fs::read_to_string("scenarios/besieged_city.ron")
        .unwrap()
        .replacen("\"B2\": \"Préserver", "\"B9\": \"Préserver", 1)
        .replacen(
            "                5: (description",
            "                7: (description",
            1,
        );
    let err = scenario::from_str("b.ron", &text).unwrap_err().to_string();
    assert!(
        err.contains("translations.fr.objectives.B9: no objective \"B9\""),
        "{err}"
    );
    assert!(
        err.contains("translations.fr.injects.7: no inject with sequence number 7"),
        "{err}"
    );
}

/// An observer's seat while the teams play at the control room (no team has joined a seat)
/// says so, in the seat's language, instead of "waiting for 0 of 0 teams".
#[test]
fn an_observer_seat_says_what_is_happening_when_the_teams_play_at_the_console() {
    use breakglass::sim::World;
    use breakglass::view::I18n;
    use breakglass::view::seat::{Room, SeatRole, seat_view};
    let s = scenario::load(Path::new("scenarios/besieged_city.ron"))
        .unwrap()
        .scenario;
    let w = World::new(&s, 1).unwrap();
    let mut tr = I18n::load();
    let observe = |tr: &I18n, room: &Room| {
        seat_view(tr, &s, &w, &w, room, None, SeatRole::Observer)
            .phase
            .text
    };
    let console = Room::default();
    assert_eq!(
        observe(&tr, &console),
        "Decision phase: the teams are deciding at the control room"
    );
    let seated = Room {
        joined: vec![Team::Platform, Team::CivilSociety],
        ready: vec![Team::Platform],
        ..Room::default()
    };
    assert_eq!(
        observe(&tr, &seated),
        "Decision phase: waiting for 1 of 2 teams"
    );
    assert!(tr.set_language("fr"));
    assert_eq!(
        observe(&tr, &console),
        "Phase de décision : les équipes décident dans la salle de contrôle"
    );
    let view = seat_view(&tr, &s, &w, &w, &console, None, SeatRole::Observer);
    assert_eq!(view.scenario, "Tarn Hollow : le siège");
}
