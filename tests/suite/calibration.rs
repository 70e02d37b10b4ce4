//! The calibration suite (quick variant) passes: the model lands in published ranges.

use breakglass::calibration::{Effort, all};

#[test]
fn quick_calibration_passes() {
    let s =
        breakglass::scenario::from_str("default.ron", breakglass::DEFAULT_SCENARIO_TEXT).unwrap();
    let rows = all(&s, Effort::QUICK);
    let failed: Vec<String> = rows
        .iter()
        .filter(|r| !r.pass())
        .map(|r| {
            format!(
                "{} / {}: ours {:.1} not in {:.1}..{:.1} (ref {:.1})",
                r.experiment, r.condition, r.ours, r.low, r.high, r.reference
            )
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    assert!(rows.len() >= 18);
}

#[test]
fn nudge_response_grows_with_the_nudge() {
    let s =
        breakglass::scenario::from_str("default.ron", breakglass::DEFAULT_SCENARIO_TEXT).unwrap();
    let rows = breakglass::calibration::nudges(&s, Effort::QUICK);
    assert!(rows.windows(2).all(|w| w[0].ours < w[1].ours), "{rows:?}");
}
