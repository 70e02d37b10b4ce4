//! The report's cautions and the field's findings as experiments (`breakglass lessons`, MODEL.md
//! §14): the quick form passes every row, and the report cites the rows a session touched.

use breakglass::lessons::{self, Effort, Expect, LESSONS};
use breakglass::sim::command::{Action, Command};
use breakglass::sim::interventions::{CATALOG, Scope, index_of};

#[test]
fn every_lesson_holds_in_the_quick_form() {
    let rows = lessons::all(Effort::QUICK).expect("the lessons run");
    assert_eq!(rows.len(), LESSONS.len());
    let failed: Vec<String> = rows
        .iter()
        .filter(|r| !r.pass())
        .map(|r| {
            format!(
                "{}: {} {:+.1}% ± {:.1} (want {})",
                r.id,
                r.measure,
                r.change,
                r.stderr,
                r.expected()
            )
        })
        .collect();
    assert!(failed.is_empty(), "lessons that do not hold: {failed:#?}");
    // Ten lessons at least, each with its source.
    let mut distinct: Vec<&str> = LESSONS.iter().map(|l| l.lesson).collect();
    distinct.dedup();
    assert!(distinct.len() >= 10, "{} lessons", distinct.len());
    assert!(
        LESSONS
            .iter()
            .all(|l| !l.source.is_empty() && !l.levers.is_empty())
    );
}

#[test]
fn an_expectation_fails_the_other_way_and_under_the_threshold() {
    assert!(Expect::Falls.holds(-1.0) && !Expect::Falls.holds(-0.9) && !Expect::Falls.holds(3.0));
    assert!(Expect::Rises.holds(1.0) && !Expect::Rises.holds(0.5) && !Expect::Rises.holds(-3.0));
    assert!(Expect::DoesNotRise.holds(0.9) && Expect::DoesNotRise.holds(-20.0));
    assert!(!Expect::DoesNotRise.holds(1.0));
}

#[test]
fn a_session_that_used_a_lever_touches_its_lessons_once_each() {
    let entry = index_of("proxy_access").unwrap();
    let enable = Command {
        turn: 2,
        team: CATALOG[entry].team,
        action: Action::Enable {
            entry,
            params: CATALOG[entry].defaults(),
            scope: Scope::Region,
            confirmed: false,
        },
        rationale: String::new(),
    };
    let touched = lessons::touched(&[enable.clone(), enable]);
    let texts: Vec<&str> = touched.iter().map(|l| l.lesson).collect();
    assert!(texts.contains(&"Access through shutdowns (proxies) keeps people informed."));
    let mut unique = texts.clone();
    unique.dedup();
    assert_eq!(unique.len(), texts.len(), "{texts:?}");
    assert!(lessons::touched(&[]).is_empty());
}

/// The siege rows play exactly what the besieged city's injects expect, each at its turn: if
/// the scenario's MSEL changes, the lesson must follow it.
#[test]
fn the_siege_rows_play_the_besieged_citys_own_expected_actions() {
    use breakglass::scenario::Trigger;
    let s = breakglass::scenario::load(std::path::Path::new("scenarios/besieged_city.ron"))
        .unwrap()
        .scenario;
    let mut expected = Vec::new();
    for inject in &s.injects {
        let Trigger::Turn(t) = inject.trigger else {
            panic!("inject {} fires on a turn", inject.seq)
        };
        for id in &inject.expected_ids {
            expected.push((id.clone(), t as u32));
        }
    }
    let played: Vec<(String, u32)> = lessons::SIEGE_MSEL
        .iter()
        .map(|step| match *step {
            lessons::Step::Enable(id, t) => (id.to_string(), t),
            other => panic!("the MSEL only enables levers: {other:?}"),
        })
        .collect();
    assert_eq!(played, expected);
}
