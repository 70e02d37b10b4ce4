//! From text to turns: mutated scenario and plan texts go through parse → validate → build →
//! a few turns. Whatever the text, nothing panics, and whatever validation accepts runs with
//! finite outcomes. (Bounded cases here; a longer run is in the notes.)

use crate::common;

use breakglass::scenario::{self, plan::plan_from_str};
use breakglass::sim::World;
use breakglass::sim::metrics::Outcome;
use proptest::prelude::*;

const PLAN: &str = r#"Plan(commands: [
    (turn: 0, team: "platform", enable: "reshare_friction", params: {"strength": 0.4}),
    (turn: 1, team: "crisis_leadership", enable: "disable_hashtags", confirm_break_glass: true, districts: ["North"]),
    (turn: 2, team: "facilitator", adhoc: "clashes", effect: Incident(district: "South", harmed: 20.0)),
    (turn: 2, team: "facilitator", waive_budgets: true),
    (turn: 3, team: "platform", set: "reshare_friction", params: {"strength": 0.8}),
    (turn: 4, team: "policy_makers", enable: "shutdown_pressure"),
])"#;

/// Values a hostile or careless author might type where a number goes.
const NUMBERS: [&str; 12] = [
    "0",
    "-1",
    "1e300",
    "-1e308",
    "9223372036854775807",
    "1e-300",
    "2.5",
    "70000",
    "0.999",
    "65535",
    "4294967296",
    "NaN",
];

/// Mutate `text`: replace the `which`-th number with a hostile one, cut a span out, or double a
/// line.
fn mutate(text: &str, kind: u8, which: usize, value: usize) -> String {
    match kind % 3 {
        0 => {
            // Replace the which-th run of digits (with its sign and fraction).
            let bytes = text.as_bytes();
            let mut starts = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
                    let start = if i > 0 && bytes[i - 1] == b'-' {
                        i - 1
                    } else {
                        i
                    };
                    let mut end = i;
                    while end < bytes.len()
                        && (bytes[end].is_ascii_digit() || bytes[end] == b'.' || bytes[end] == b'e')
                    {
                        end += 1;
                    }
                    starts.push((start, end));
                    i = end;
                } else {
                    i += 1;
                }
            }
            if starts.is_empty() {
                return text.to_string();
            }
            let (a, b) = starts[which % starts.len()];
            format!(
                "{}{}{}",
                &text[..a],
                NUMBERS[value % NUMBERS.len()],
                &text[b..]
            )
        }
        1 => {
            // Cut out a short span (at char boundaries).
            let chars: Vec<char> = text.chars().collect();
            let a = which % chars.len().max(1);
            let b = (a + 1 + value % 12).min(chars.len());
            chars[..a].iter().chain(&chars[b..]).collect()
        }
        _ => {
            let lines: Vec<&str> = text.lines().collect();
            let k = which % lines.len().max(1);
            let mut out: Vec<&str> = lines.clone();
            out.insert(k, lines[k]);
            out.join("\n")
        }
    }
}

fn all_finite(w: &World) -> Result<(), String> {
    for v in &w.series {
        for o in Outcome::ALL {
            if !v[o].is_finite() {
                return Err(format!("{} is {} at turn {}", o.name(), v[o], w.turn));
            }
        }
    }
    Ok(())
}

proptest! {
    // TEXT_TO_TURNS_CASES=5000 for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("TEXT_TO_TURNS_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        .. ProptestConfig::default()
    })]

    #[test]
    fn a_mutated_scenario_is_refused_or_runs_with_finite_outcomes(
        kind in any::<u8>(), which in any::<usize>(), value in any::<usize>(), seed in any::<u64>(),
    ) {
        let text = mutate(common::SMALL, kind, which, value);
        if let Ok(s) = scenario::from_str("mutated.ron", &text) {
            // Validation accepted it: it must build (or refuse to, with an error) and run.
            if s.accounts <= 20_000 && let Ok(mut w) = World::new(&s, seed) {
                for _ in 0..4 {
                    w.step();
                }
                prop_assert!(all_finite(&w).is_ok(), "{:?}\n{text}", all_finite(&w));
            }
        }
    }

    #[test]
    fn a_mutated_plan_is_refused_or_replays_with_finite_outcomes(
        kind in any::<u8>(), which in any::<usize>(), value in any::<usize>(), seed in any::<u64>(),
    ) {
        let s = common::small();
        let text = mutate(PLAN, kind, which, value);
        if let Ok(commands) = plan_from_str("mutated.plan.ron", &text, &s) {
            let mut w = World::new(&s, seed).unwrap();
            w.schedule(commands);
            for _ in 0..6 {
                w.step();
            }
            prop_assert!(all_finite(&w).is_ok(), "{:?}\n{text}", all_finite(&w));
        }
    }
}

#[test]
fn the_unmutated_texts_are_valid() {
    let s = scenario::from_str("small.ron", common::SMALL).unwrap();
    assert_eq!(plan_from_str("plan.ron", PLAN, &s).unwrap().len(), 6);
}
