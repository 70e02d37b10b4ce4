//! The command line end to end: `run --json` schema and determinism, CSV output, `check`.

use crate::common;

use std::process::{Command, Output};

use breakglass::sim::metrics::Outcome;

fn breakglass(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_breakglass"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn fixture(name: &str, text: &str) -> common::ScratchFile {
    common::ScratchFile::new(name, text)
}

#[test]
fn run_json_is_one_object_with_every_outcome() {
    let path = fixture("small.ron", common::SMALL);
    let out = breakglass(&[
        "run",
        path.to_str().unwrap(),
        "--runs",
        "3",
        "--seed",
        "11",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "exactly one line of JSON");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["scenario"], "small");
    assert_eq!(doc["seeds"], serde_json::json!([11, 12, 13]));
    assert_eq!(doc["turns"], 12);
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["outcomes", "scenario", "seeds", "series", "turns"]);
    for o in Outcome::ALL {
        let q = &doc["outcomes"][o.name()];
        for k in ["mean", "p05", "p50", "p95"] {
            assert!(q[k].is_number(), "{} lacks {k}", o.name());
        }
        assert!(q["p05"].as_f64() <= q["p50"].as_f64() && q["p50"].as_f64() <= q["p95"].as_f64());
        assert_eq!(
            doc["series"][o.name()].as_array().unwrap().len(),
            12,
            "{}",
            o.name()
        );
    }
    // Progress (a bar on a terminal) never goes to stdout.
    assert!(!String::from_utf8_lossy(&out.stderr).contains('{'));
}

#[test]
fn same_seed_same_bytes_whatever_the_threads_and_other_seeds_differ() {
    let path = fixture("small-det.ron", common::SMALL);
    let p = path.to_str().unwrap();
    let a = breakglass(&["run", p, "--runs", "2", "--json", "--threads", "1"]);
    let b = breakglass(&["run", p, "--runs", "2", "--json", "--threads", "2"]);
    let c = breakglass(&["run", p, "--runs", "2", "--json", "--seed", "99"]);
    assert!(a.status.success() && b.status.success() && c.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
}

#[test]
fn out_dir_gets_outcomes_and_series_csv() {
    let path = fixture("small-csv.ron", common::SMALL);
    let scratch = common::scratch("csv");
    let dir = scratch.path().join("out");
    let out = breakglass(&[
        "run",
        path.to_str().unwrap(),
        "--runs",
        "2",
        "--turns",
        "5",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outcomes = std::fs::read_to_string(dir.join("outcomes.csv")).unwrap();
    let series = std::fs::read_to_string(dir.join("series.csv")).unwrap();
    assert_eq!(outcomes.lines().count(), 3);
    assert_eq!(series.lines().count(), 1 + 2 * 5);
    assert!(outcomes.starts_with("run,seed,civilians_harmed,"));
    assert!(series.starts_with("run,seed,turn,civilians_harmed,"));
}

#[test]
fn check_exits_zero_for_valid_files_and_one_with_located_errors() {
    let good = fixture("good.ron", common::SMALL);
    let bad = fixture(
        "bad.ron",
        &common::SMALL.replace("adoption: 0.6", "adoption: 1.6"),
    );
    let ok = breakglass(&["check", good.to_str().unwrap(), "scenarios/default.ron"]);
    assert_eq!(ok.status.code(), Some(0));
    let fail = breakglass(&["check", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(fail.status.code(), Some(1));
    let err = String::from_utf8_lossy(&fail.stderr);
    assert!(
        err.contains(&format!(
            "{}:10:88: districts[0].adoption: must be between 0 and 1, got 1.6",
            bad.display()
        )),
        "{err}"
    );
}

#[test]
fn run_refuses_a_bad_scenario_without_a_panic() {
    let bad = fixture("bad-run.ron", "Scenario(name: \"x\",");
    let out = breakglass(&["run", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn catalog_json_lists_every_intervention_with_its_fields() {
    let out = breakglass(&["catalog", "--json"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = doc.as_array().unwrap();
    assert_eq!(items.len(), breakglass::sim::interventions::CATALOG.len());
    for item in items {
        for key in [
            "id",
            "category",
            "strategy",
            "team",
            "break_glass",
            "lead_time",
            "params",
        ] {
            assert!(item.get(key).is_some(), "{item} lacks {key}");
        }
    }
    let fwd = items
        .iter()
        .find(|i| i["id"] == "forwarding_limits")
        .unwrap();
    assert_eq!(fwd["params"][0]["name"], "max_chats");
    assert_eq!(fwd["params"][0]["default"], 5.0);
    assert_eq!(fwd["category"], "dangerous_content");
    let glass: Vec<&str> = items
        .iter()
        .filter(|i| i["break_glass"] == true)
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(glass.contains(&"disable_hashtags") && glass.contains(&"throttle_virality"));
}

#[test]
fn check_reports_every_problem_of_a_plan() {
    let plan = fixture(
        "bad.plan.ron",
        r#"Plan(
    commands: [
        (turn: 1, team: "platform", enable: "forwarding_limitz"),
        (turn: 2, team: "platform", enable: "forwarding_limits", params: {"max_chats": 50}),
        (turn: 3, team: "crisis_leadership", enable: "disable_hashtags"),
        (turn: 99, team: "platform", disable: "rate_limits"),
        (turn: 4, team: "policy_makers", enable: "reshare_friction"),
    ],
)"#,
    );
    let out = breakglass(&["check", plan.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let f = plan.display();
    for expected in [
        format!(
            "{f}:3:37: commands[0].enable: unknown intervention \"forwarding_limitz\" (did you mean \"forwarding_limits\"?)"
        ),
        format!(
            "{f}:4:75: commands[1].params.max_chats: max_chats of \"forwarding_limits\" must be between 1 and 20, got 50"
        ),
        format!(
            "{f}:5:46: commands[2].enable: \"disable_hashtags\" is a break-glass measure: add confirm_break_glass: true (and a rationale) to deploy it"
        ),
        format!(
            "{f}:6:10: commands[3].turn: turn 99 is past the end of the exercise (turns 0..27)"
        ),
        format!(
            "{f}:7:19: commands[4].team: \"reshare_friction\" belongs to the platform team, not policy_makers"
        ),
    ] {
        assert!(err.contains(&expected), "missing:\n{expected}\nin:\n{err}");
    }
}

#[test]
fn a_plan_changes_the_outcomes_and_enable_is_the_same_as_a_one_line_plan() {
    let s = fixture("plan-run.ron", common::SMALL);
    let plan = fixture(
        "ok.plan.ron",
        r#"Plan(name: "friction", commands: [
            (turn: 0, team: "platform", enable: "reshare_friction", rationale: "slow rumours"),
        ])"#,
    );
    let sp = s.to_str().unwrap();
    let base = breakglass(&["run", sp, "--json"]);
    let planned = breakglass(&["run", sp, "--json", "--plan", plan.to_str().unwrap()]);
    let enabled = breakglass(&["run", sp, "--json", "--enable", "reshare_friction@0"]);
    assert!(
        planned.status.success(),
        "{}",
        String::from_utf8_lossy(&planned.stderr)
    );
    assert_ne!(base.stdout, planned.stdout);
    assert_eq!(planned.stdout, enabled.stdout);
    let refused = breakglass(&["run", sp, "--enable", "disable_hashtags"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("break-glass"));
}

#[test]
fn hostile_ad_hoc_effects_and_turn_counts_are_refused_with_located_errors() {
    let scenario = fixture("small.ron", common::SMALL);
    let plan = fixture(
        "hostile.plan.ron",
        r#"Plan(commands: [
    (turn: 1, team: "facilitator", adhoc: "boom", effect: Incident(district: "North", harmed: 1e300)),
    (turn: 2, team: "facilitator", adhoc: "dark", effect: InternetShutdown(district: "North", turns: 9223372036854775807)),
    (turn: 3, team: "facilitator", adhoc: "shock", effect: LegitimacyShock(district: "*", drop: -1e308)),
])"#,
    );
    let out = breakglass(&[
        "check",
        plan.to_str().unwrap(),
        "--scenario",
        scenario.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let p = plan.display().to_string();
    for line in [
        format!("{p}:2:87: commands[0].effect.harmed: must be between 0 and 10000000, got 1e300"),
        format!(
            "{p}:3:95: commands[1].effect.turns: must be between 1 and 10000, got 9223372036854775807"
        ),
        format!("{p}:4:91: commands[2].effect.drop: must be between 0 and 1, got -1e308"),
    ] {
        assert!(err.contains(&line), "missing {line}\n{err}");
    }
    let out = breakglass(&["run", scenario.to_str().unwrap(), "--turns", "70000"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--turns must be between 1 and 10000, got 70000")
    );
}

#[test]
fn a_missing_file_is_reported_once_in_one_line() {
    for args in [
        vec![
            "report",
            "/nonexistent/x.session.ron",
            "--out",
            "/tmp/never",
        ],
        vec!["run", "/nonexistent/x.ron"],
    ] {
        let out = breakglass(&args);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.matches("No such file").count(), 1, "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

#[test]
fn check_warns_where_a_scenario_changes_how_people_behave_and_the_library_never_does() {
    // A behaviour override is located and warned about; a world override is not; both load.
    let text = common::SMALL.trim_end().trim_end_matches(')').to_string()
        + "    model: (belief_rate: 0.2, hashtag_reach: 12),\n)";
    let path = fixture("behaviour.ron", &text);
    let out = breakglass(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "a warning is not an error");
    let err = String::from_utf8_lossy(&out.stderr);
    let line = text.lines().count() - 1;
    assert!(
        err.contains(&format!(
            "{}:{line}:13: model.belief_rate: warning: overrides a behaviour parameter",
            path.display()
        )),
        "{err}"
    );
    assert!(!err.contains("hashtag_reach"), "{err}");
    assert!(err.contains(": ok"), "{err}");
    // The library changes the world only.
    let files: Vec<&str> = breakglass::experiments::LIBRARY
        .iter()
        .map(|f| f.file)
        .collect();
    let mut args = vec!["check"];
    args.extend(files);
    let out = breakglass(&args);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn sensitivity_checks_its_estimators_and_ranks_the_assumptions_of_a_plans_effect() {
    // The Sobol estimators on Ishigami's function, against its analytic indices.
    let out = breakglass(&["sensitivity", "--check", "--samples", "4096"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let analytic = [(0.3139, 0.5576), (0.4424, 0.4424), (0.0, 0.2437)];
    for (i, (s1, st)) in analytic.iter().enumerate() {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("x{} ", i + 1)))
            .unwrap_or_else(|| panic!("no row for x{}: {text}", i + 1));
        let v: Vec<f64> = line
            .split_whitespace()
            .skip(1)
            .map(|x| x.parse().unwrap())
            .collect();
        assert!(
            (v[0] - s1).abs() < 0.05 && (v[2] - st).abs() < 0.05,
            "{line}"
        );
        assert!(
            (v[1] - s1).abs() < 1e-3 && (v[3] - st).abs() < 1e-3,
            "{line}"
        );
    }
    // Morris on the tutorial with a plan: every assumed parameter ranked for each outcome, the
    // same numbers twice.
    let plan = fixture(
        "sensitivity-plan.ron",
        r#"Plan(name: "alerts", commands: [(turn: 0, team: "crisis_leadership", enable: "emergency_alerts", rationale: "warn early")])"#,
    );
    let args = [
        "sensitivity",
        "scenarios/tutorial.ron",
        "--samples",
        "2",
        "--seeds",
        "1",
        "--json",
        "--plan",
        plan.to_str().unwrap(),
    ];
    let first = breakglass(&args);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(first.stdout, breakglass(&args).stdout, "deterministic");
    let v: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let k = breakglass::sensitivity::ASSUMED.len();
    assert_eq!(v["runs"], 2 * (k + 1) * 2);
    let outcomes = v["outcomes"].as_array().unwrap();
    assert!(outcomes.iter().any(|o| o["outcome"] == "civilians_harmed"));
    for o in outcomes {
        let params = o["parameters"].as_array().unwrap();
        assert_eq!(params.len(), breakglass::sensitivity::ASSUMED.len());
        let mu: Vec<f64> = params.iter().map(|p| p["mu*"].as_f64().unwrap()).collect();
        assert!(mu.windows(2).all(|w| w[0] >= w[1]), "ranked: {mu:?}");
        assert!(mu.iter().all(|m| m.is_finite() && *m >= 0.0));
    }
    // Bad input is named, not a panic.
    let bad = breakglass(&["sensitivity", "--method", "sobel"]);
    assert_eq!(bad.status.code(), Some(2), "a usage error");
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(
        said.contains("invalid value 'sobel' for '--method <METHOD>'")
            && said.contains("[possible values: morris, sobol]"),
        "{said}"
    );
}

#[test]
fn catalog_red_lists_the_moves_and_compare_plays_against_a_red_plan() {
    let out = breakglass(&["catalog", "--red", "--json"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let moves = doc.as_array().unwrap();
    assert_eq!(moves.len(), breakglass::sim::red::MOVES.len());
    let flood = moves.iter().find(|m| m["id"] == "bot_flood").unwrap();
    assert_eq!(flood["team"], "perpetrators");
    assert_eq!(flood["cost"], 3);
    assert!(
        flood["answered_by"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("coordinated_network_detection"))
    );
    // compare against a red plan: its header says so; a team's plan as --red is refused.
    let out = breakglass(&[
        "compare",
        "scenarios/tutorial.ron",
        "--plan",
        "scenarios/plans/red_route_around.ron",
        "--runs",
        "1",
    ]);
    assert!(
        !out.status.success(),
        "the default scenario's red plan names its districts"
    );
    let dir = tempfile::tempdir().unwrap();
    let red = dir.path().join("red.ron");
    std::fs::write(
        &red,
        r#"Plan(commands: [(turn: 1, team: "perpetrators", red: "bot_flood", rationale: "flood")])"#,
    )
    .unwrap();
    let blue = dir.path().join("blue.ron");
    std::fs::write(
        &blue,
        r#"Plan(commands: [(turn: 0, team: "platform", enable: "rate_limits", rationale: "slow bots")])"#,
    )
    .unwrap();
    let (red, blue) = (red.to_str().unwrap(), blue.to_str().unwrap());
    let out = breakglass(&[
        "compare",
        "scenarios/tutorial.ron",
        "--plan",
        blue,
        "--red",
        red,
        "--runs",
        "2",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with("against the red plan"),
        "{text}"
    );
    let out = breakglass(&[
        "compare",
        "scenarios/tutorial.ron",
        "--plan",
        blue,
        "--red",
        blue,
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--red takes a red plan (moves of team perpetrators), but it has a platform decision at turn 0"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `run --turns T --session` records a session paused at turn T of the whole scenario: it opens
/// (its later injects are still inside the scenario), and the start screen lists it.
#[test]
fn a_session_recorded_for_fewer_turns_opens_as_a_paused_exercise() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("short.session.ron");
    let tutorial = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/tutorial.ron");
    let out = breakglass(&[
        "run",
        tutorial,
        "--turns",
        "3",
        "--session",
        session.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = breakglass::session::SessionFile::load(&session).expect("the session opens");
    assert_eq!(file.branches[0].turn, 3);
    assert_eq!(file.scenario.turns, 8, "the whole scenario is kept");
    let report = dir.path().join("report");
    let out = breakglass(&[
        "report",
        session.to_str().unwrap(),
        "--out",
        report.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    assert!(md.contains("| 3 of 8 (6 h each) |"), "{md}");
}
