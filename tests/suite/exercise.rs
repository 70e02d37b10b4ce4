//! Running an exercise: injects (by turn, by condition, contingency), facilitator commands,
//! log → plan → identical replay, rewind and branches, autosave that survives a killed process,
//! the after-action report (rendered in a real browser) and `compare`.

use crate::common;

use std::process::Command as Process;
use std::time::{Duration, Instant};

use breakglass::runner::run_one;
use breakglass::scenario::plan::{plan_from_str, to_ron};
use breakglass::scenario::{EventKind, InjectSpec, InjectType, ObjectiveSpec, Scenario, Trigger};
use breakglass::session::{RatingSpec, SessionFile};
use breakglass::sim::World;
use breakglass::sim::command::{Action, Command};
use breakglass::sim::interventions::{Team, index_of};
use breakglass::sim::spec::Event;

fn inject(seq: u32, trigger: Trigger, expected_ids: &[&str]) -> InjectSpec {
    InjectSpec {
        seq,
        trigger,
        kind: InjectType::Information,
        from: "facilitator".into(),
        to: "platform".into(),
        description: format!("inject {seq}"),
        expected: "act".into(),
        expected_ids: expected_ids.iter().map(|s| s.to_string()).collect(),
        objective: "O1".into(),
        effect: None,
        delivery: String::new(),
        controller: String::new(),
        notes: String::new(),
    }
}

fn exercise() -> Scenario {
    let mut s = common::small();
    for d in &mut s.districts {
        d.legitimacy = 0.45;
    }
    s.objectives.push(ObjectiveSpec {
        id: "O1".into(),
        text: "Slow the rumour".into(),
    });
    s.injects = vec![
        inject(1, Trigger::Turn(2), &["crisis_misinfo_policy"]),
        inject(
            2,
            Trigger::RiskAbove {
                district: "North".into(),
                level: 30.0,
            },
            &[],
        ),
        inject(
            3,
            Trigger::Contingency { seq: 1, within: 2 },
            &["risk_information_sharing"],
        ),
        InjectSpec {
            effect: Some(EventKind::InternetShutdown {
                district: "South".into(),
                turns: 2,
            }),
            ..inject(4, Trigger::Turn(5), &[])
        },
    ];
    s
}

fn enable(turn: u32, id: &str) -> Command {
    common::enable_command(turn, id)
}

fn run_to(w: &mut World, turn: u32) {
    while w.turn < turn {
        w.step();
    }
}

#[test]
fn injects_fire_by_turn_by_condition_and_as_contingency() {
    let s = exercise();
    let mut w = World::new(&s, 1).unwrap();
    run_to(&mut w, 1);
    assert_eq!(
        w.inject_states[0].fired_turn, None,
        "turn 2 has not come yet"
    );
    w.step();
    assert_eq!(w.turn, 2);
    assert_eq!(
        w.inject_states[0].fired_turn,
        Some(2),
        "it reaches the teams before turn 2's decisions"
    );
    // Condition: fires the first turn North's risk is above 30 at the start of a turn.
    let mut check = World::new(&s, 1).unwrap();
    let mut first_risky = None;
    while !check.finished() && first_risky.is_none() {
        if check.districts[0].risk > 30.0 {
            first_risky = Some(check.turn);
        }
        check.step();
    }
    let first_risky = first_risky.expect("North becomes risky");
    assert_eq!(check.inject_states[1].fired_turn, Some(first_risky));
    // Contingency: nobody acted on inject 1, so inject 3 fires two turns after it.
    run_to(&mut w, 6);
    assert_eq!(w.inject_states[2].fired_turn, Some(4));
    assert_eq!(w.expected_met(0), Some(false));
    // An inject's effect happens when it fires.
    assert!(w.districts[1].shutdown_until > 5);
}

#[test]
fn acting_on_an_inject_cancels_its_contingency() {
    let s = exercise();
    let mut w = World::new(&s, 1).unwrap();
    run_to(&mut w, 3);
    w.apply(enable(3, "crisis_misinfo_policy")).unwrap();
    run_to(&mut w, 8);
    assert_eq!(w.expected_action_turn(0), Some(Some(3)));
    assert_eq!(
        w.inject_states[2].fired_turn, None,
        "the contingency is not needed"
    );
}

#[test]
fn the_facilitator_fires_skips_delays_and_writes_ad_hoc_injects() {
    let s = exercise();
    let mut w = World::new(&s, 1).unwrap();
    let facilitator = |turn, action| Command {
        turn,
        team: Team::Facilitator,
        action,
        rationale: String::new(),
    };
    w.apply(facilitator(0, Action::FireInject { seq: 4 }))
        .unwrap();
    assert_eq!(w.inject_states[3].fired_turn, Some(0));
    assert!(
        w.districts[1].shutdown_until > 0,
        "its effect applies at once"
    );
    w.apply(facilitator(0, Action::SkipInject { seq: 1 }))
        .unwrap();
    w.apply(facilitator(0, Action::DelayInject { seq: 2, turns: 6 }))
        .unwrap();
    w.apply(facilitator(
        0,
        Action::AdHoc {
            description: "A journalist calls the platform".into(),
            effect: Some(Event::Incident {
                district: w.region.district_index("North").unwrap(),
                harmed: 5.0,
            }),
        },
    ))
    .unwrap();
    assert_eq!(w.totals.harmed, 5.0);
    run_to(&mut w, 8);
    assert_eq!(w.inject_states[0].fired_turn, None, "skipped");
    assert!(
        w.inject_states[1].fired_turn.is_none_or(|t| t >= 6),
        "delayed to turn 6"
    );
    // Players cannot fire injects.
    let err = w
        .apply(Command {
            turn: w.turn,
            team: Team::Platform,
            action: Action::FireInject { seq: 3 },
            rationale: String::new(),
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "only the facilitator can fire, skip or delay injects"
    );
}

#[test]
fn a_decision_log_exported_as_a_plan_replays_bit_for_bit() {
    let s = exercise();
    // A live session: decisions and facilitator actions taken between turns.
    let mut live = World::new(&s, 9).unwrap();
    run_to(&mut live, 1);
    live.apply(enable(1, "forwarding_limits")).unwrap();
    live.apply(Command {
        turn: 1,
        team: Team::Facilitator,
        action: Action::FireInject { seq: 4 },
        rationale: "early shutdown".into(),
    })
    .unwrap();
    run_to(&mut live, 3);
    live.apply(enable(3, "reshare_friction")).unwrap();
    run_to(&mut live, 6);
    live.apply(Command {
        turn: 6,
        team: Team::Platform,
        action: Action::Disable {
            entry: index_of("reshare_friction").unwrap(),
        },
        rationale: "violence has begun".into(),
    })
    .unwrap();
    live.run();
    // Export, parse back, replay headless.
    let text = to_ron("live session", &live.log, &s);
    let plan = plan_from_str("log.plan.ron", &text, &s).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(plan, live.log);
    let replayed = run_one(&s, 9, breakglass::sim::DEFAULT_MEMORY_LIMIT_MIB, &plan).unwrap();
    let bits = |v: &[breakglass::sim::metrics::Values]| -> Vec<u64> {
        v.iter()
            .flat_map(|x| x.0.iter().map(|f| f.to_bits()))
            .collect()
    };
    assert_eq!(bits(&replayed.series), bits(&live.series));
}

#[test]
fn rewinding_starts_a_new_branch_and_keeps_the_old_one() {
    let s = exercise();
    let mut session = SessionFile::new("test", &s, 5, "today".into());
    let mut w = World::new(&s, 5).unwrap();
    w.apply(enable(0, "crisis_misinfo_policy")).unwrap();
    run_to(&mut w, 4);
    w.apply(enable(4, "reshare_friction")).unwrap();
    run_to(&mut w, 8);
    session.record(&w);
    // How fast a rewind is lives in benches/model.rs (rewind_default_to_turn_10), not here.
    let b = session.branch(0, 3);
    let rewound = session.replay(b, Some(3)).unwrap();
    assert_eq!(rewound.turn, 3);
    assert_eq!(
        rewound.series[..],
        w.series[..3],
        "the new branch shares the past"
    );
    assert_eq!(
        rewound.log.len(),
        1,
        "decisions after the fork are not carried over"
    );
    assert_eq!(session.branches[0].turn, 8, "the old branch is kept");
    assert_eq!(session.replay(0, None).unwrap().series, w.series);
    // Play the new branch differently; both can be compared.
    let mut other = rewound;
    other.apply(enable(3, "emergency_alerts")).unwrap();
    run_to(&mut other, 8);
    session.record(&other);
    assert_ne!(
        session.replay(1, None).unwrap().series,
        session.replay(0, None).unwrap().series
    );
}

fn bin() -> Process {
    Process::new(env!("CARGO_BIN_EXE_breakglass"))
}

fn tmp(name: &str) -> tempfile::TempDir {
    common::scratch(&format!("ex-{name}"))
}

#[test]
fn autosave_survives_a_killed_process() {
    let dir = tmp("kill");
    let dir = dir.path();
    let plan = dir.join("p.plan.ron");
    std::fs::write(
        &plan,
        r#"Plan(commands: [
            (turn: 0, team: "platform", enable: "forwarding_limits", rationale: "first"),
            (turn: 1, team: "platform", enable: "crisis_misinfo_policy", rationale: "second"),
        ])"#,
    )
    .unwrap();
    let session = dir.join("s.session.ron");
    let mut child = bin()
        .args(["run", "scenarios/default.ron", "--plan"])
        .arg(&plan)
        .arg("--session")
        .arg(&session)
        .args(["--turn-delay-ms", "150"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until a few turns are saved, then kill it without warning.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(s) = SessionFile::load(&session)
            && s.branches[0].turn >= 3
        {
            break;
        }
        assert!(Instant::now() < deadline, "no autosave appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let saved = SessionFile::load(&session).expect("the file is whole");
    let b = &saved.branches[0];
    assert!(
        b.turn >= 3 && b.turn < 28,
        "stopped mid-run at turn {}",
        b.turn
    );
    assert_eq!(b.commands.len(), 2, "the decision log is intact");
    assert_eq!(b.commands[1].rationale, "second");
    // Resume: replay reaches the same turn.
    let w = saved.replay(0, None).unwrap();
    assert_eq!(w.turn, b.turn);
    assert!(!dir.join("s.session.ron.tmp").exists() || b.turn > 0);
}

/// The report in French: headings, tables, the summaries and every happening from the
/// translation catalog in French, and the scenario's own French texts (briefing, injects,
/// objectives); an unknown language is refused before anything is written.
#[test]
fn the_report_can_be_written_in_french() {
    let dir = tmp("report-fr");
    let dir = dir.path();
    let s = breakglass::scenario::load(std::path::Path::new("scenarios/besieged_city.ron"))
        .unwrap()
        .scenario;
    let mut session = SessionFile::new(
        "scenarios/besieged_city.ron",
        &s,
        s.seed,
        "2026-12-03".into(),
    );
    let mut w = World::new(&s, s.seed).unwrap();
    run_to(&mut w, 3);
    w.apply(Command {
        turn: 3,
        team: Team::PolicyMakers,
        action: Action::enable_defaults(index_of("shutdown_pressure").unwrap()),
        rationale: "garder les lignes ouvertes".into(),
    })
    .unwrap();
    run_to(&mut w, 8);
    session.record(&w);
    let path = dir.join("s.session.ron");
    session.save(&path).unwrap();
    let out = dir.join("fr");
    let report = |out: &std::path::Path, language: &str| {
        bin()
            .arg("report")
            .arg(&path)
            .arg("--out")
            .arg(out)
            .args(["--language", language])
            .output()
            .unwrap()
    };
    assert!(report(&out, "fr").status.success());
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for heading in [
        "# Rapport après action : Tarn Hollow : le siège",
        "## 1. Vue d'ensemble",
        "## 2. Synthèse",
        "## 3. Chronologie des injects et des décisions",
        "## 4. Injects : l'action attendue et ce qu'ont fait les équipes",
        "## 5. Objectifs et évaluations",
        "## 6. Points forts",
        "## 7. Axes d'amélioration",
        "## 8. Plan d'amélioration",
        "| résultat | Branche 1 | personne n'agit | écart |",
        "Qui a été touché, et qui reste en danger",
        "Ce que la plateforme a vu",
        "Où l'organisation est allée",
    ] {
        assert!(md.contains(heading), "{heading}\n{md}");
    }
    for english in [
        "Overview",
        "Executive summary",
        "Timeline of",
        "Strengths",
        "Improvement plan",
        "nobody acts",
        "Who was harmed",
        "What the platform saw",
        "Rationale",
        "Internet shut down",
    ] {
        assert!(!md.contains(english), "English left: {english}");
    }
    // The scenario's own texts in French, and the decision worded as the feed words it.
    assert!(md.contains(s.briefing_in("fr")));
    let fired = &s.injects[0];
    assert!(
        md.contains(s.inject_in("fr", fired).0),
        "inject 1 in French"
    );
    assert!(md.contains(s.objective_in("fr", &s.objectives[0])));
    assert!(
        md.contains(
            "activé Pression contre les coupures (intensité 0.6). Motif : garder les lignes ouvertes"
        ),
        "{md}"
    );
    assert!(
        md.contains("Internet coupé à"),
        "the shutdown, as the French feed says it"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.starts_with("<!doctype html><html lang=\"fr\">"));
    // A language the catalog does not have: refused, nothing written.
    let bad = dir.join("de");
    let refused = report(&bad, "de");
    assert!(!refused.status.success());
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr).trim(),
        "error: --language de: the report can be written in en, fr"
    );
    assert!(!bad.exists());
}

#[test]
fn the_report_has_every_section_the_decisions_and_the_baseline_and_renders_in_a_browser() {
    let dir = tmp("report");
    let dir = dir.path();
    let s = exercise();
    let mut session = SessionFile::new("small.ron", &s, 3, "2026-11-28".into());
    let mut w = World::new(&s, 3).unwrap();
    run_to(&mut w, 2);
    w.apply(Command {
        rationale: "the militia rumour is spreading".into(),
        ..enable(2, "crisis_misinfo_policy")
    })
    .unwrap();
    w.run();
    session.record(&w);
    session.ratings.push(RatingSpec {
        objective: "O1".into(),
        rating: "S".into(),
        comment: "late but decisive".into(),
        by: String::new(),
    });
    let path = dir.join("s.session.ron");
    session.save(&path).unwrap();
    let out = dir.join("out");
    let status = bin()
        .arg("report")
        .arg(&path)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    for f in [
        "report.md",
        "report.html",
        "timeline.csv",
        "decisions.csv",
        "chart-civilians_harmed.png",
        "chart-warning_reach.png",
    ] {
        assert!(
            out.join(f)
                .metadata()
                .map(|m| m.len() > 100)
                .unwrap_or(false),
            "{f}"
        );
    }
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for section in [
        "## 1. Overview",
        "## 2. Executive summary",
        "## 3. Timeline of injects and decisions",
        "## 4. Injects: expected action against what the teams did",
        "## 5. Objectives and ratings",
        "## 6. Strengths",
        "## 7. Areas for improvement",
        "## 8. Improvement plan",
    ] {
        assert!(md.contains(section), "{section}");
    }
    assert!(md.contains("| outcome | Branch 1 | nobody acts | gap |"));
    assert!(md.contains(
        "enabled Crisis misinformation policy. Rationale: the militia rumour is spreading"
    ));
    assert!(
        md.contains("| O1: Slow the rumour | #1, #2, #3, #4 | 1 of 1 | S | late but decisive |"),
        "{md}"
    );
    let decisions = std::fs::read_to_string(out.join("decisions.csv")).unwrap();
    assert!(decisions.contains(
        "Branch 1,2,platform,enable,crisis_misinfo_policy,,,the militia rumour is spreading"
    ));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("<svg") && html.contains("nobody acts"),
        "charts are inline"
    );
    assert!(!html.contains("src=\"chart-"), "self-contained");

    // A real browser renders it.
    common::chromium_screenshot(&out.join("report.html"), dir, "1200,2400");
}

#[test]
fn compare_prints_a_side_by_side_table_with_quantiles_and_writes_csv() {
    let dir = tmp("compare");
    let dir = dir.path();
    let scenario = dir.join("small.ron");
    std::fs::write(&scenario, common::SMALL).unwrap();
    let a = dir.join("friction.plan.ron");
    std::fs::write(
        &a,
        r#"Plan(commands: [(turn: 0, team: "platform", enable: "reshare_friction")])"#,
    )
    .unwrap();
    let b = dir.join("labels.plan.ron");
    std::fs::write(
        &b,
        r#"Plan(commands: [(turn: 0, team: "platform", enable: "warning_labels")])"#,
    )
    .unwrap();
    let csv = dir.join("cmp.csv");
    let out = bin()
        .arg("compare")
        .arg(&scenario)
        .arg("--plan")
        .arg(&a)
        .arg("--plan")
        .arg(&b)
        .args(["--runs", "3", "--csv"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().nth(1).unwrap();
    assert!(
        header.contains("nobody acts")
            && header.contains("friction.plan")
            && header.contains("labels.plan"),
        "{header}"
    );
    assert_eq!(
        text.lines().count(),
        2 + breakglass::sim::metrics::Outcome::ALL.len()
    );
    let harmful = text
        .lines()
        .find(|l| l.starts_with("harmful_impressions"))
        .unwrap();
    assert_eq!(harmful.matches('[').count(), 3, "{harmful}");
    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(table.starts_with(
        "outcome,nobody acts:mean,nobody acts:p05,nobody acts:p95,friction.plan:mean"
    ));
    assert_eq!(
        table.lines().count(),
        1 + breakglass::sim::metrics::Outcome::ALL.len()
    );
}

/// A session of the exercise played to the end with reshare friction from turn 0.
fn friction_played() -> SessionFile {
    let s = exercise();
    let mut session = SessionFile::new("small.ron", &s, 3, "2026-11-28".into());
    let mut w = World::new(&s, 3).unwrap();
    w.apply(enable(0, "reshare_friction")).unwrap();
    w.run();
    session.record(&w);
    session
}

#[test]
fn the_report_places_the_teams_plan_against_the_frontier() {
    let session = friction_played();
    let report = breakglass::report::Report::build(&session)
        .unwrap()
        .with_frontier(2, 3);
    let d = report.debrief.as_ref().expect("a debrief");
    assert!(!d.frontier.is_empty());
    // No point of the frontier is beaten on both counts by another.
    for (a, ga, ca) in &d.frontier {
        for (b, gb, cb) in &d.frontier {
            assert!(
                !(gb >= ga && cb <= ca && (gb > ga || cb < ca)),
                "{b:?} dominates {a:?}"
            );
        }
    }
    let md = report.markdown();
    assert!(md.contains("## 9. Your plan against the frontier"), "{md}");
    assert!(md.contains("| **the teams' plan** |"), "{md}");
    let html = report.html(&[]);
    assert!(html.contains("<h2>9. Your plan against the frontier</h2>"));
    // Without --frontier the report keeps its eight sections.
    let plain = breakglass::report::Report::build(&session).unwrap();
    assert!(!plain.markdown().contains("## 9."));
}

#[test]
fn a_session_saved_before_budgets_existed_still_opens_and_replays_every_decision() {
    let s = exercise();
    let mut session = SessionFile::new("small.ron", &s, 3, "2026-11-27".into());
    // Five heavy platform measures at turn 0: more than today's default budget allows.
    let mut w = World::new(&s, 3).unwrap();
    w.apply(Command {
        turn: 0,
        team: breakglass::sim::interventions::Team::Facilitator,
        action: breakglass::sim::command::Action::WaiveBudgets { waived: true },
        rationale: String::new(),
    })
    .unwrap();
    for id in [
        "incitement_enforcement",
        "crisis_misinfo_policy",
        "heightened_monitoring",
        "designate_violent_orgs",
        "deplatform_perpetrators",
    ] {
        w.apply(enable(0, id)).unwrap();
    }
    run_to(&mut w, 3);
    session.record(&w);
    // As format 1 wrote it: no budgets in the scenario copy, no waiver in the log.
    session.branches[0].commands.remove(0);
    let text = ron::ser::to_string_pretty(&session, ron::ser::PrettyConfig::default())
        .unwrap()
        .replace("format: 2", "format: 1");
    let dir = tmp("format1");
    let dir = dir.path();
    let path = dir.join("old.session.ron");
    std::fs::write(&path, text).unwrap();
    let loaded = SessionFile::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let replayed = loaded.replay(0, None).unwrap();
    assert_eq!(replayed.active.len(), 5, "every decision replays");
    assert!(
        !replayed
            .happenings
            .iter()
            .any(|(_, h)| matches!(h, breakglass::sim::Happening::CommandRejected { .. }))
    );
}

#[test]
fn the_report_says_where_the_organisation_moved_its_effort() {
    let s = exercise();
    let mut session = SessionFile::new("small.ron", &s, 5, "2026-11-29".into());
    let mut w = World::new(&s, 5).unwrap();
    w.apply(Command {
        rationale: "mass forwarding of the rumour".into(),
        ..enable(0, "disable_forwarding")
    })
    .unwrap();
    w.run();
    session.record(&w);
    let report = breakglass::report::Report::build(&session).unwrap();
    let md = report.markdown();
    assert!(
        md.contains("Where the organisation went: by the end it had moved")
            && md.contains("out of private forwards"),
        "{}",
        report.adversary_summary()
    );
    // The timeline words the shift as the control room's feed does (one wording, from the
    // translation catalog).
    let shifted = w
        .happenings
        .iter()
        .find(|(_, h)| matches!(h, breakglass::sim::Happening::EffortShifted { .. }))
        .map(|(_, h)| {
            breakglass::view::words::happening(&breakglass::view::I18n::load(), &s, &w, h)
        })
        .expect("the organisation shifted its effort");
    assert!(
        shifted.starts_with("The organisation moved") && md.contains(&shifted),
        "the timeline has the shift: {shifted}"
    );
    let html = report.html(&[]);
    assert!(html.contains("out of private forwards"));
    // And what the classifiers got right and wrong.
    assert!(
        md.contains("What the platform saw: its classifiers flagged")
            && md.contains("They mistook legitimate posts for harm:"),
        "{}",
        report.moderation_summary()
    );
    // Rumours that came back are told, exactly when there were some (3 in this world).
    assert!(w.totals.resurfaced > 0);
    assert_eq!(
        md.contains("old rumour(s) never removed were posted again"),
        w.totals.resurfaced > 0,
        "{} resurfaced: {}",
        w.totals.resurfaced,
        report.moderation_summary()
    );

    // Nobody acting: no shift to report.
    let mut quiet = SessionFile::new("small.ron", &s, 5, "2026-11-29".into());
    let mut w = World::new(&s, 5).unwrap();
    w.run();
    quiet.record(&w);
    let quiet = breakglass::report::Report::build(&quiet).unwrap();
    assert!(
        quiet
            .adversary_summary()
            .contains("kept its habitual channels")
    );
}

#[test]
fn the_report_says_which_assumptions_the_teams_effect_rests_on() {
    let session = friction_played();
    let report = breakglass::report::Report::build(&session)
        .unwrap()
        .with_uncertainty(2, 1);
    let u = report.uncertainty.as_ref().expect("screened");
    let harm = u
        .outcomes
        .iter()
        .find(|e| e.outcome == breakglass::sim::metrics::Outcome::CiviliansHarmed)
        .expect("harm is always screened");
    assert_eq!(harm.top.len(), 3);
    assert!(harm.top.windows(2).all(|w| w[0].1 >= w[1].1), "ranked");
    assert!(harm.lowest <= harm.highest && harm.top[0].1 > 0.0);
    let md = report.markdown();
    assert!(md.contains("## 9. What we don't know"), "{md}");
    assert!(md.contains(&format!("`{}`", harm.top[0].0)));
    assert!(report.html(&[]).contains("<h2>9. What we don't know</h2>"));
    // Without it the report keeps its eight sections.
    let plain = breakglass::report::Report::build(&session).unwrap();
    assert!(!plain.markdown().contains("What we don't know"));
}

/// The besieged city with pressure against shutdowns from the start (seed 67: 1 416 harmed
/// with nobody acting, 1 930 with it, measured): the debrief says who was harmed, how the
/// measure cost lives (on the way, in reprisals, where people were), who is still in harm's
/// way, and cites the lessons about the tool.
#[test]
fn the_report_says_how_a_measure_cost_lives_and_who_is_still_at_risk() {
    let s = breakglass::scenario::load(std::path::Path::new("scenarios/besieged_city.ron"))
        .unwrap()
        .scenario;
    let mut session = SessionFile::new("besieged_city.ron", &s, 67, "2026-12-02".into());
    let mut w = World::new(&s, 67).unwrap();
    w.apply(Command {
        rationale: "keep the city online".into(),
        ..enable(0, "shutdown_pressure")
    })
    .unwrap();
    w.run();
    session.record(&w);
    let report = breakglass::report::Report::build(&session).unwrap();
    let summary = report.harm_summary();
    let md = report.markdown();
    assert!(md.contains(&summary));
    assert!(
        summary.starts_with("Who was harmed, and who is still at risk:")
            && summary.contains("of them on the way while fleeing")
            && summary.contains("still in harm's way when play stopped")
            && summary.contains("they are not safe"),
        "{summary}"
    );
    assert!(
        summary.contains("more people than doing nothing:")
            && summary.contains("in reprisals between the communities"),
        "harm rose with the measure, and the summary says how: {summary}"
    );
    let lessons = md
        .split("## Lessons the play touched")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the report cites the lessons the play touched");
    assert!(lessons.contains("Access through shutdowns (proxies) keeps people informed."));
    assert!(
        !lessons.contains("Deplatforming lowers"),
        "only the lessons about the tools used"
    );
}

/// Rehearsal: firing an inject on a copy shows what each seat receives, and the session's
/// worlds are left exactly as they were.
#[test]
fn a_rehearsed_inject_reaches_only_its_seats_and_changes_nothing() {
    use breakglass::view::I18n;
    use breakglass::view::seat::{SeatRole, rehearsal};
    let s = exercise();
    let mut w = World::new(&s, 3).unwrap();
    let mut b = World::new(&s, 3).unwrap();
    run_to(&mut w, 1);
    run_to(&mut b, 1);
    let (w_before, b_before) = (w.series.clone(), b.series.clone());
    let tr = I18n::load();
    let views = rehearsal(&tr, &s, &w, &b, 4, false).unwrap();
    assert_eq!(views.len(), SeatRole::ALL.len());
    for ((before, after), role) in views.iter().zip(SeatRole::ALL) {
        let got = after.injects.iter().any(|i| i.seq == 4);
        let had = before.injects.iter().any(|i| i.seq == 4);
        assert!(!had);
        // Inject 4 goes to the platform: its seat and the evaluator's receive it.
        let expected = matches!(role, SeatRole::Team(Team::Platform) | SeatRole::Evaluator);
        assert_eq!(got, expected, "{}", role.id());
    }
    // The evaluator sees what is expected; a team does not.
    let platform = &views[0].1.injects.iter().find(|i| i.seq == 4).unwrap();
    assert!(platform.expected.is_empty());
    let at = SeatRole::ALL
        .iter()
        .position(|r| *r == SeatRole::Evaluator)
        .unwrap();
    let evaluator = &views[at].1.injects.iter().find(|i| i.seq == 4).unwrap();
    assert_eq!(evaluator.expected, "act");
    // Nothing happened to the session's worlds.
    assert_eq!(w.inject_states[3].fired_turn, None);
    assert_eq!(w.series, w_before);
    assert_eq!(b.series, b_before);
    // With the turn played, the copy moved a turn (the shutdown's effect shows), ours did not.
    let played = rehearsal(&tr, &s, &w, &b, 4, true).unwrap();
    assert_eq!(played[0].1.turn, w.turn + 1);
    assert_eq!(w.turn, 1);
    assert!(
        rehearsal(&tr, &s, &w, &b, 99, false).is_err(),
        "an unknown inject is refused"
    );
}
