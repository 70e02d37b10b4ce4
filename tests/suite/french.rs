//! Every text of the report and the handbook in the reader's language: a French report and
//! handbook carry no English the program wrote (its translation files, the catalog, the lessons,
//! the moves' reasons), and no text that fell back to English (marked `[en]` in debug builds,
//! which tests are). Only what players and the scenario's author wrote stays as written.

use std::path::Path;
use std::process::Command;

use breakglass::sim::adversary::Channel;
use breakglass::sim::interventions::CATALOG;
use breakglass::sim::red::{MOVES, Reason};
use breakglass::view::I18n;
use breakglass::view::words;

fn french() -> I18n {
    let mut tr = I18n::load();
    assert!(tr.set_language("fr"));
    tr
}

/// The literal runs of an English text between its `{placeholders}`, long enough (three words
/// or more) that finding one in French text means English was left there.
fn fragments(text: &str) -> Vec<String> {
    text.split(['{', '}'])
        .step_by(2)
        .map(|f| f.trim_matches(|c: char| c.is_whitespace() || ".,:;()".contains(c)))
        .filter(|f| f.split_whitespace().count() >= 3)
        .map(str::to_string)
        .collect()
}

/// Every English sentence the program writes that French words differently.
fn english_fragments() -> Vec<String> {
    let en = I18n::load();
    let fr = french();
    let mut english: Vec<String> = Vec::new();
    for key in en.keys(0) {
        let (e, f) = (en.t(&key), fr.t(&key));
        if e != f {
            english.extend(fragments(&e));
        }
    }
    for e in CATALOG.iter() {
        english.push(e.name.to_string());
        english.extend(fragments(e.description));
        english.extend(e.params.iter().flat_map(|p| fragments(p.help)));
    }
    for m in MOVES.iter() {
        english.extend(m.params.iter().flat_map(|p| fragments(p.help)));
    }
    for l in breakglass::lessons::LESSONS {
        english.extend(fragments(l.lesson));
        english.extend(fragments(l.experiment));
    }
    english.retain(|s| s.split_whitespace().count() >= 3);
    english.sort();
    english.dedup();
    english
}

fn run(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_breakglass"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn english_left(text: &str, english: &[String]) -> Vec<String> {
    let mut left: Vec<String> = english
        .iter()
        .filter(|e| text.contains(e.as_str()))
        .cloned()
        .collect();
    if text.contains("[en]") {
        left.push("[en] (a text with no French translation)".into());
    }
    left
}

/// The besieged city (its author wrote its texts in French too), played with decisions whose
/// rationales the players wrote in French and a red cell handed to players; its report with
/// the frontier, and its handbook.
#[test]
fn a_french_report_and_handbook_have_no_english_sentence_left() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    std::fs::write(
        &plan,
        r#"Plan(name: "siège", commands: [
            (turn: 0, team: "facilitator", red_cell: "players", rationale: "l'équipe rouge joue"),
            (turn: 1, team: "perpetrators", red: "shift_effort", from: "feed", to: "forwards",
             params: {"points": 10}, rationale: "les publications sont retirées"),
            (turn: 2, team: "platform", enable: "proxy_access", params: {"floor": 0.5},
             rationale: "garder les habitants connectés"),
            (turn: 3, team: "crisis_leadership", enable: "evidence_preservation",
             rationale: "les enquêteurs en ont besoin"),
            (turn: 5, team: "platform", enable: "graphic_content_exception",
             rationale: "les vidéos de bombardements sont des alertes"),
        ])"#,
    )
    .unwrap();
    let library = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let siege = library.join("besieged_city.ron");
    let session = dir.path().join("siege.session.ron");
    let (report, handbook) = (dir.path().join("report"), dir.path().join("handbook"));
    let p = |p: &Path| p.to_str().unwrap().to_string();
    run(&[
        "run",
        &p(&siege),
        "--plan",
        &p(&plan),
        "--session",
        &p(&session),
    ]);
    run(&[
        "report",
        &p(&session),
        "--out",
        &p(&report),
        "--language",
        "fr",
        "--frontier",
    ]);
    run(&[
        "handbook",
        &p(&siege),
        "--out",
        &p(&handbook),
        "--language",
        "fr",
    ]);

    let english = english_fragments();
    assert!(english.len() > 500, "{} fragments", english.len());
    let mut texts = vec![report.join("report.md"), report.join("report.html")];
    for f in std::fs::read_dir(&handbook).unwrap() {
        texts.push(f.unwrap().path());
    }
    for file in &texts {
        let text = std::fs::read_to_string(file).unwrap();
        let left = english_left(&text, &english);
        assert!(
            left.is_empty(),
            "{}: English left: {left:#?}",
            file.display()
        );
    }
    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    for french in [
        "# Rapport après action : Tarn Hollow : le siège",
        "| résultat | Branche 1 | personne n'agit | écart |",
        "activé Accès par proxy (plancher 0.5). Motif : garder les habitants connectés",
        "Retirer sans conserver détruit des preuves.",
        "| **le plan des équipes** |",
        "La Vieille Ville est coupée.",
    ] {
        assert!(md.contains(french), "missing {french:?} in\n{md}");
    }
    // The check finds English where it is: the same report in English has plenty.
    let en_report = dir.path().join("en");
    run(&["report", &p(&session), "--out", &p(&en_report)]);
    let en_md = std::fs::read_to_string(en_report.join("report.md")).unwrap();
    assert!(english_left(&en_md, &english).len() > 20);
}

/// The automatic adversary's reasons (which the report, the console and the red seat show) in
/// French, and every parameter of every lever and move.
#[test]
fn reasons_and_parameters_are_worded_in_french() {
    let fr = french();
    for reason in [
        Reason::Yield {
            from: Channel::Hashtags,
            share: 0.38,
            to: Channel::Feed,
        },
        Reason::TagClosed { turns: 2 },
        Reason::Banned { accounts: 14 },
    ] {
        let said = words::red_reason(&fr, &reason);
        assert!(!said.contains("[en]"), "{said}");
        let english = words::red_reason(&I18n::load(), &reason);
        assert_ne!(said, english);
    }
    let fr_keys = fr.keys(1);
    let owners = CATALOG
        .iter()
        .map(|e| (format!("catalog.{}", e.id), e.params))
        .chain(MOVES.iter().map(|m| (format!("move.{}", m.id), m.params)));
    for (owner, params) in owners {
        for p in params {
            for key in [
                format!("param.{}", p.name),
                format!("{owner}.param.{}", p.name),
                format!("unit.{}", p.unit),
            ] {
                assert!(fr_keys.contains(&key), "no French for {key}");
            }
        }
    }
}
