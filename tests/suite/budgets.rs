//! Capacity: what each lever costs its team, budgets in plans, commands and the command line,
//! the facilitator's waiver, capacity levers, and measures spread thin when a team over-commits.

use crate::common;

use std::process::Command as Process;

use breakglass::scenario::plan::plan_from_str;
use breakglass::sim::World;
use breakglass::sim::command::{Action, Command, CommandError};
use breakglass::sim::interventions::{self, Budgets, CATALOG, Scope, Team, index_of};
use breakglass::sim::policy::Policy;

fn enable(w: &mut World, id: &str) -> Result<(), CommandError> {
    w.apply(common::enable_command(w.turn, id))
}

fn waive(w: &mut World, waived: bool) {
    w.apply(Command {
        turn: w.turn,
        team: Team::Facilitator,
        action: Action::WaiveBudgets { waived },
        rationale: "exercise design".into(),
    })
    .unwrap();
}

/// Three heavy platform measures (1 + 3 points each) fill the default 12; a lighter one follows.
const HEAVY: &str = r#"Plan(commands: [
    (turn: 0, team: "platform", enable: "incitement_enforcement"),
    (turn: 0, team: "platform", enable: "crisis_misinfo_policy"),
    (turn: 0, team: "platform", enable: "heightened_monitoring"),
    (turn: 1, team: "platform", enable: "deamplify_dehumanizing"),
])"#;

#[test]
fn a_plan_over_budget_is_refused_with_a_located_error_and_lifting_or_waiving_lets_it_through() {
    let s = common::small();
    // 12 points at turn 0: enforcement 4 + misinformation 4 + monitoring 4 = 12 fits exactly.
    assert!(plan_from_str("ok.ron", HEAVY, &s).is_ok());
    // A fifth heavy measure at turn 0 does not fit; the error is located on its line.
    let over = r#"Plan(commands: [
    (turn: 0, team: "platform", enable: "incitement_enforcement"),
    (turn: 0, team: "platform", enable: "crisis_misinfo_policy"),
    (turn: 0, team: "platform", enable: "heightened_monitoring"),
    (turn: 0, team: "platform", enable: "designate_violent_orgs"),
])"#;
    let err = plan_from_str("over.plan.ron", over, &s)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err.trim(),
        "over.plan.ron:5:33: commands[3].enable: \"designate_violent_orgs\" needs 5 point(s) of the platform team's capacity at turn 0 (3 to deploy, 2 per turn) but only 0 of 12 are left: lift another of its measures first, or add a facilitator command with waive_budgets: true"
    );
    // Lifting a measure first frees its upkeep.
    let lifted = over.replace(
        "(turn: 0, team: \"platform\", enable: \"designate_violent_orgs\")",
        "(turn: 2, team: \"platform\", disable: \"heightened_monitoring\"),\n    (turn: 2, team: \"platform\", enable: \"designate_violent_orgs\")",
    );
    assert!(plan_from_str("lifted.ron", &lifted, &s).is_ok());
    // The facilitator's waiver lets it through.
    let waived = over.replace(
        "Plan(commands: [",
        "Plan(commands: [\n    (turn: 0, team: \"facilitator\", waive_budgets: true, rationale: \"show the room\"),",
    );
    assert!(plan_from_str("waived.ron", &waived, &s).is_ok());
    // Only the facilitator can waive.
    let usurped = waived.replace("team: \"facilitator\", waive", "team: \"platform\", waive");
    let err = plan_from_str("usurped.ron", &usurped, &s)
        .unwrap_err()
        .to_string();
    assert!(err.contains("only the facilitator can"), "{err}");
}

#[test]
fn a_command_over_budget_is_refused_and_not_logged_until_the_facilitator_waives() {
    let s = common::small();
    let mut w = World::new(&s, 1).unwrap();
    for id in [
        "incitement_enforcement",
        "crisis_misinfo_policy",
        "heightened_monitoring",
    ] {
        enable(&mut w, id).unwrap();
    }
    assert_eq!(w.spent(Team::Platform), 12);
    assert_eq!(w.budget(Team::Platform), 12);
    let err = enable(&mut w, "reshare_friction").unwrap_err();
    assert_eq!(
        err,
        CommandError::OverBudget {
            id: "reshare_friction",
            team: "platform",
            needed: 2,
            deploy: 1,
            upkeep: 1,
            available: 0,
            budget: 12,
        }
    );
    assert_eq!(w.log.len(), 3, "a refused command is not logged");
    // Other teams have their own budgets.
    enable(&mut w, "disable_hashtags").unwrap();
    assert_eq!(w.spent(Team::CrisisLeadership), 3);
    // Deployment is paid once: next turn only upkeep is spent.
    w.step();
    assert_eq!(w.spent(Team::Platform), 3 + 3 + 3);
    enable(&mut w, "reshare_friction").unwrap();
    // The waiver is a logged facilitator command; with it a team may over-commit.
    waive(&mut w, true);
    for id in [
        "designate_violent_orgs",
        "deplatform_perpetrators",
        "warning_labels",
    ] {
        enable(&mut w, id).unwrap();
    }
    assert!(w.spent(Team::Platform) > w.budget(Team::Platform));
    assert!(matches!(
        w.log.last().unwrap().action,
        Action::Enable { .. }
    ));
    waive(&mut w, false);
    assert!(enable(&mut w, "rate_limits").is_err());
}

#[test]
fn capacity_levers_raise_budgets_once_they_act() {
    let s = common::small();
    let mut w = World::new(&s, 1).unwrap();
    enable(&mut w, "crisis_response_function").unwrap();
    let lead = CATALOG[index_of("crisis_response_function").unwrap()].lead_time;
    assert_eq!(lead, 4);
    for _ in 0..lead {
        assert_eq!(w.budget(Team::Platform), 12);
        w.step();
    }
    assert_eq!(w.budget(Team::Platform), 16);
    assert_eq!(w.budget(Team::CrisisLeadership), 6 + 2);
    assert_eq!(w.budget(Team::CivilSociety), 5);
}

#[test]
fn an_over_committed_team_is_spread_thin_and_its_measures_act_less() {
    let s = common::small();
    let friction = |w: &World| w.policy.districts[0].friction;
    let mut alone = World::new(&s, 1).unwrap();
    enable(&mut alone, "reshare_friction").unwrap();
    alone.step();
    let mut crowded = World::new(&s, 1).unwrap();
    waive(&mut crowded, true);
    enable(&mut crowded, "reshare_friction").unwrap();
    for e in CATALOG.iter().filter(|e| e.team == Team::Platform) {
        if !crowded.is_active(index_of(e.id).unwrap()) {
            enable(&mut crowded, e.id).unwrap();
        }
    }
    crowded.step();
    let s_platform = interventions::strength(&s.budgets, &crowded.active, Team::Platform, 1);
    assert!(s_platform < 0.5, "strength {s_platform}");
    assert!(
        (friction(&crowded) - friction(&alone) * s_platform).abs() < 1e-9,
        "friction {} alone, {} spread thin at {s_platform}",
        friction(&alone),
        friction(&crowded)
    );
    // Another team within its budget keeps full strength.
    assert_eq!(
        interventions::strength(&s.budgets, &crowded.active, Team::CivilSociety, 1),
        1.0
    );
}

#[test]
fn at_zero_strength_a_measure_changes_nothing_but_its_switches_and_its_mistakes() {
    for (i, e) in CATALOG.iter().enumerate() {
        for state_affiliated in [false, true] {
            let before = Policy::neutral(2);
            let mut after = before.clone();
            let active = [interventions::Active {
                entry: i,
                params: e.defaults(),
                scope: Scope::Region,
                enabled_turn: 0,
                effective_from: 0,
                team: e.team,
            }];
            interventions::apply_all(
                &mut after,
                &active,
                0,
                state_affiliated,
                &Budgets::default(),
            );
            let mut thin = after.clone();
            thin.blend_from(&before, 0.0);
            // What is expected to survive: switches and mistakes.
            let mut expected = before.clone();
            let (r, a) = (&mut expected.region, &after.region);
            r.evidence_preservation = a.evidence_preservation;
            r.e2ee = a.e2ee;
            r.verified_labels = a.verified_labels;
            r.state_exemption = a.state_exemption;
            r.state_designated = a.state_designated;
            r.false_positives = a.false_positives;
            r.registrations_paused = a.registrations_paused;
            r.trust_drain = a.trust_drain;
            for (x, y) in expected.districts.iter_mut().zip(&after.districts) {
                x.hashtags = y.hashtags;
                x.alert_threshold = y.alert_threshold;
            }
            assert_eq!(thin, expected, "{} keeps a number at zero strength", e.id);
            let mut full = after.clone();
            full.blend_from(&before, 1.0);
            assert_eq!(full, after, "{} at full strength", e.id);
        }
    }
}

#[test]
fn every_lever_has_a_cost_and_budgets_are_checked_in_scenarios() {
    for e in CATALOG.iter() {
        assert!(
            e.cost.deploy + e.cost.upkeep > 0,
            "{} costs nothing to run",
            e.id
        );
    }
    let text = common::SMALL.replace(
        "perpetrators: (",
        "budgets: (platform: 5000, civil_society: 3),\n    perpetrators: (",
    );
    let err = breakglass::scenario::from_str("big.ron", &text)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("budgets.platform: a budget must be 0 to 1000 points per turn, got 5000"),
        "{err}"
    );
}

fn breakglass(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_breakglass"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_command_line_speaks_command_line_about_budgets_and_can_waive_them() {
    let scratch = common::scratch("budgets");
    let dir = scratch.path();
    let path = dir.join("small.ron");
    std::fs::write(&path, common::SMALL).unwrap();
    let p = path.to_str().unwrap();
    let many = [
        "--enable",
        "incitement_enforcement",
        "--enable",
        "crisis_misinfo_policy",
        "--enable",
        "heightened_monitoring",
        "--enable",
        "designate_violent_orgs",
    ];
    let mut args = vec!["run", p, "--json"];
    args.extend(many);
    let out = breakglass(&args);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--enable: \"designate_violent_orgs\" needs 5 point(s)")
            && err.contains("add --waive-budgets"),
        "{err}"
    );
    args.push("--waive-budgets");
    let out = breakglass(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = breakglass(&["run", p, "--enable", "disable_hashtags"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("add --confirm-break-glass"), "{err}");
}

#[test]
fn explore_finds_a_portfolio_within_budget_and_a_frontier() {
    let scratch = common::scratch("explore");
    let dir = scratch.path();
    let path = dir.join("small.ron");
    std::fs::write(&path, common::SMALL).unwrap();
    let plan = dir.join("best.plan.ron");
    let args = [
        "explore",
        path.to_str().unwrap(),
        "--runs",
        "2",
        "--width",
        "4",
        "--budget",
        "platform=6",
        "--json",
        "--plan-out",
        plan.to_str().unwrap(),
    ];
    let first = breakglass(&args);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(doc["key_outcome"], "civilians_harmed");
    let best: Vec<&str> = doc["best"]["levers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let frontier = doc["frontier"].as_array().unwrap();
    assert!(!frontier.is_empty());
    // The frontier is sorted by key gain and no point on it is dominated by another.
    for w in frontier.windows(2) {
        assert!(w[0]["key_gain_percent"].as_f64() >= w[1]["key_gain_percent"].as_f64());
        assert!(w[0]["civilian_cost_percent"].as_f64() > w[1]["civilian_cost_percent"].as_f64());
    }
    // Within the (lowered) budget.
    let budgets = Budgets {
        platform: 6,
        ..Default::default()
    };
    let tools: Vec<usize> = best.iter().map(|id| index_of(id).unwrap()).collect();
    assert!(
        breakglass::experiments::fits_budget(&budgets, &tools),
        "{best:?}"
    );
    // The plan file it wrote is a valid plan that enables exactly those levers.
    let text = std::fs::read_to_string(&plan).unwrap();
    let commands = plan_from_str("best.plan.ron", &text, &common::small()).unwrap();
    assert_eq!(commands.len(), best.len());
    // Deterministic.
    let again = breakglass(&args);
    assert_eq!(first.stdout, again.stdout);
    // Bad arguments are refused with a clear message.
    let out = breakglass(&["explore", path.to_str().unwrap(), "--budget", "press=3"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown team \"press\""));
}
