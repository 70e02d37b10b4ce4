//! Scenario files: the shipped ones load; every kind of bad input gets a located, exact message.

use crate::common;

use std::path::Path;

use breakglass::scenario::{self, LoadError};

fn errors(text: &str) -> Vec<String> {
    match scenario::from_str("bad.ron", text) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.problems(),
    }
}

#[test]
fn every_shipped_scenario_loads() {
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[test]
fn the_compiled_in_default_matches_the_file() {
    let on_disk = std::fs::read_to_string(breakglass::DEFAULT_SCENARIO_PATH).unwrap();
    assert_eq!(on_disk, breakglass::DEFAULT_SCENARIO_TEXT);
}

#[test]
fn syntax_error_names_line_and_column() {
    let text = common::SMALL.replace("turns: 12,", "turns: 12,,");
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0], "bad.ron:5:15: Expected identifier");
}

#[test]
fn unknown_field_is_a_located_error() {
    let text = common::SMALL.replace("turns: 12,", "turns: 12, turnz: 3,");
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("bad.ron:5:"), "{e:?}");
    assert!(e[0].contains("turnz"), "{e:?}");
}

#[test]
fn semantic_problems_are_all_reported_at_once_with_positions() {
    let text = common::SMALL
        .replace("population: 150000", "population: -5")
        .replace("legitimacy: 0.65", "legitimacy: 1.65")
        .replace("target: \"B\"", "target: \"Q\"");
    let e = errors(&text);
    assert_eq!(
        e,
        vec![
            "bad.ron:11:10: districts[0].legitimacy: must be between 0 and 1, got 1.65",
            "bad.ron:12:38: districts[1].population: must be positive, got -5",
            "bad.ron:16:32: perpetrators.target: unknown group \"Q\" (known: A, B)",
        ],
    );
}

#[test]
fn unknown_district_in_an_event_is_named() {
    let text = common::SMALL.replace(
        "accounts: 3000,",
        "accounts: 3000,\n    events: [(turn: 2, event: InternetShutdown(district: \"Nowhere\", turns: 2))],",
    );
    let e = errors(&text);
    assert_eq!(
        e,
        vec![
            "bad.ron:7:48: events[0].event.district: unknown district \"Nowhere\" (known: North, South)"
        ]
    );
}

#[test]
fn shares_that_do_not_add_up_and_events_past_the_end() {
    let text = common::SMALL
        .replace(
            "groups: {\"A\": 0.6, \"B\": 0.4}",
            "groups: {\"A\": 0.6, \"B\": 0.3}",
        )
        .replace(
            "accounts: 3000,",
            "accounts: 3000,\n    events: [(turn: 40, event: HackingWave(intensity: 2.0))],",
        );
    let e = errors(&text);
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!(
        e[0],
        "bad.ron:7:15: events[0].turn: turn 40 is outside the exercise (0..12)"
    );
    assert_eq!(
        e[1],
        "bad.ron:11:58: districts[0].groups: shares must add up to 1, they add up to 0.900"
    );
}

#[test]
fn a_world_too_large_for_memory_is_refused_before_building() {
    let text = common::SMALL.replace("accounts: 3000,", "accounts: 900000000,");
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("bad.ron:6:5: accounts: 900000000 accounts with avg_degree 20 need about"),
        "{e:?}"
    );
    assert!(e[0].contains("more than the 8192 MiB limit"), "{e:?}");
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let scratch = common::scratch("big");
    let dir = scratch.path();
    let path = dir.join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(scenario::MAX_FILE_BYTES + 1).unwrap(); // sparse: costs no disk
    match scenario::load(&path) {
        Err(LoadError::FileTooLarge { bytes, .. }) => {
            assert_eq!(bytes, scenario::MAX_FILE_BYTES + 1)
        }
        other => panic!("expected FileTooLarge, got {other:?}"),
    }
}

#[test]
fn a_missing_file_names_the_file() {
    let e = scenario::load(Path::new("scenarios/does-not-exist.ron")).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("scenarios/does-not-exist.ron: cannot read:"),
        "{e}"
    );
}

#[test]
fn an_unknown_key_outcome_is_named_with_its_position() {
    let text = common::SMALL.replace(
        "    perpetrators:",
        "    key_outcomes: [\"civilians_harmed\", \"lives_saved\"],\n    perpetrators:",
    );
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("bad.ron:16:40: ")
            && e[0].contains(
                "key_outcomes[1]: unknown outcome \"lives_saved\" (known: civilians_harmed, "
            ),
        "{e:?}"
    );
}

#[test]
fn cascades_across_turns_are_bounded() {
    let text = common::SMALL.trim_end().trim_end_matches(')').to_string()
        + "    model: (freshness_half_life: 1e9, resurface_rate: 1.5),\n)";
    let line = text.lines().count() - 1;
    assert_eq!(
        errors(&text),
        vec![
            format!(
                "bad.ron:{line}:13: model.freshness_half_life: must be between 1 and 2880, got 1000000000"
            ),
            format!("bad.ron:{line}:39: model.resurface_rate: must be between 0 and 1, got 1.5"),
        ]
    );
}

#[test]
fn the_adversary_and_detection_parameters_are_bounded() {
    let text = common::SMALL.trim_end().trim_end_matches(')').to_string()
        + "    model: (habit_pull: 2.0, effort_habit: (0.0, 0.0, 0.0, 0.0, 0.0, 0.0), soft_fp_gain: -1.0),\n)";
    let problems = errors(&text);
    let line = text.lines().count() - 1;
    assert_eq!(
        problems,
        vec![
            format!("bad.ron:{line}:13: model.habit_pull: must be between 0 and 1, got 2"),
            format!(
                "bad.ron:{line}:30: model.effort_habit: at least one channel needs a habitual share above 0"
            ),
            format!("bad.ron:{line}:76: model.soft_fp_gain: must be between 0 and 1000, got -1"),
        ]
    );
}

#[test]
fn a_starting_rumour_belief_is_a_share() {
    let text = common::SMALL.replace(
        "legitimacy: 0.6, deterrence: 0.03)",
        "legitimacy: 0.6, deterrence: 0.03, rumour_belief: 1.5)",
    );
    assert_eq!(
        errors(&text),
        vec!["bad.ron:13:45: districts[1].rumour_belief: must be between 0 and 1, got 1.5"]
    );
}
