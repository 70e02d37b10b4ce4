//! `breakglass preview`: the designer's dry run on every library scenario, and each warning
//! shown when (and only when) its cause is in the scenario.

use std::process::Command;

use breakglass::preview::{self, Verdict};
use breakglass::scenario::{InjectSpec, InjectType, Trigger};
use breakglass::sim::interventions::Budgets;

use crate::common;

#[test]
fn preview_runs_on_every_library_scenario_as_json() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_breakglass"))
            .args(["preview", path.to_str().unwrap(), "--seeds", "1", "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let turns = v["turns"].as_u64().unwrap() as usize;
        assert_eq!(
            v["risk"].as_array().unwrap().len(),
            turns,
            "{}",
            path.display()
        );
        assert_eq!(v["harmed"].as_array().unwrap().len(), turns);
        // The key outcomes come first, harm is always ranked, and each lists its best levers
        // best first.
        let best = v["best"].as_array().unwrap();
        assert!(best.iter().any(|b| b["outcome"] == "civilians_harmed"));
        for b in best {
            let gains: Vec<f64> = b["levers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["gain"].as_f64().unwrap())
                .collect();
            assert_eq!(gains.len(), preview::TOP);
            assert!(gains.windows(2).all(|w| w[0] >= w[1]), "{gains:?}");
        }
        assert!(!v["lessons"].as_array().unwrap().is_empty());
    }
}

fn inject(seq: u32, trigger: Trigger, to: &str, expected: &[&str]) -> InjectSpec {
    InjectSpec {
        seq,
        trigger,
        kind: InjectType::Information,
        from: "facilitator".into(),
        to: to.into(),
        description: format!("inject {seq}"),
        expected: "act".into(),
        expected_ids: expected.iter().map(|s| s.to_string()).collect(),
        objective: String::new(),
        effect: None,
        delivery: String::new(),
        controller: String::new(),
        notes: String::new(),
    }
}

#[test]
fn warnings_name_what_a_designer_must_fix_and_only_that() {
    let mut s = common::small();
    s.key_outcomes = vec!["warning_reach".into()];
    s.injects = vec![
        // Fine: the platform owns forwarding limits.
        inject(1, Trigger::Turn(1), "platform", &["forwarding_limits"]),
        // The policy makers do not own the platform's proxies.
        inject(2, Trigger::Turn(2), "policy_makers", &["proxy_access"]),
        // Harm in the small world never reaches a million.
        inject(3, Trigger::HarmedAbove(340_000.0), "platform", &[]),
    ];
    let p = preview::preview("small", &s, 1).unwrap();
    assert!(
        p.warnings.iter().any(|w| w
            == "inject 2 goes to policy_makers but expects \"proxy_access\", a lever of platform: that team cannot take the expected action"),
        "{:#?}",
        p.warnings
    );
    assert!(!p.warnings.iter().any(|w| w.starts_with("inject 1 ")));
    assert!(
        p.warnings
            .iter()
            .any(|w| w == "inject 3 (harmed > 340000) never fired with nobody acting in 1 runs"),
        "{:#?}",
        p.warnings
    );
    assert_eq!(p.injects[0].first_turn, Some(1));
    assert!(
        !p.warnings
            .iter()
            .any(|w| w.starts_with("every lever at once"))
    );

    // Budgets that hold every lever force no choice.
    s.budgets = Budgets::UNLIMITED;
    let p = preview::preview("small", &s, 1).unwrap();
    assert!(
        p.warnings
            .iter()
            .any(|w| w.starts_with("every lever at once fits the budgets")),
        "{:#?}",
        p.warnings
    );
}

#[test]
fn a_world_without_violence_says_so() {
    let mut s = common::small();
    // Two turns of a calm region: legitimate order, police everywhere, nobody harmed.
    s.turns = 2;
    for d in &mut s.districts {
        d.legitimacy = 1.0;
        d.deterrence = 1.0;
    }
    let p = preview::preview("calm", &s, 2).unwrap();
    assert_eq!(p.first_harm_turn, None, "{:?}", p.harmed);
    assert!(p.harmed.iter().all(|&h| h == 0.0));
    assert!(
        p.warnings
            .iter()
            .any(|w| w.starts_with("violence starts after the last turn")),
        "{:#?}",
        p.warnings
    );
    // With nobody harmed no lever can show on harm, and the lessons about harm do not hold here.
    let harm = p
        .best
        .iter()
        .find(|b| b.outcome == "civilians_harmed")
        .unwrap();
    assert!(harm.levers.iter().all(|l| l.gain == 0.0));
    let cuts = p
        .lessons
        .iter()
        .find(|l| l.id == "break_glass_cuts_harm")
        .unwrap();
    assert_eq!(cuts.verdict, Verdict::NotHere);
}
