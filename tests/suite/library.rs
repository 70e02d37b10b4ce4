//! The scenario library: every scenario is complete (briefing, objectives, injects, seed) and,
//! where the design holds today, its focus tools move its key outcome decisively.

use breakglass::experiments::{LIBRARY, improvement, key_outcome};
use breakglass::scenario;

#[test]
fn every_library_scenario_is_complete() {
    for f in LIBRARY {
        let s = scenario::load(std::path::Path::new(f.file))
            .unwrap_or_else(|e| panic!("{e}"))
            .scenario;
        assert!(s.briefing.len() > 100, "{}: briefing", f.file);
        assert!(!s.objectives.is_empty(), "{}: objectives", f.file);
        assert!(s.injects.len() >= 4, "{}: injects", f.file);
        assert!(
            s.injects.iter().all(|i| !i.expected.is_empty()),
            "{}: every inject says what is expected",
            f.file
        );
    }
}

#[test]
fn focus_tools_are_decisive_where_the_library_says_so() {
    // (scenario, minimum improvement of its key outcome with its three focus tools, percent)
    for (file, minimum) in [
        ("scenarios/tutorial.ron", 150.0),
        ("scenarios/rumour_before_vote.ron", 65.0),
        ("scenarios/default.ron", 55.0),
        ("scenarios/hashtag_mobilisation.ron", 45.0),
        ("scenarios/state_media.ron", 65.0),
        ("scenarios/besieged_city.ron", 90.0),
        ("scenarios/sirens.ron", 15.0),
        ("scenarios/detention_sweep.ron", 30.0),
    ] {
        let f = LIBRARY.iter().find(|f| f.file == file).unwrap();
        let s = scenario::load(std::path::Path::new(file)).unwrap().scenario;
        let got = improvement(&s, key_outcome(&s), &f.tools, 2);
        assert!(
            got >= minimum,
            "{file}: {} improved {got:.1}% (want {minimum}%)",
            key_outcome(&s).name()
        );
    }
}

#[test]
fn where_the_scenario_is_built_for_them_its_tools_beat_the_generic_reach_cutters() {
    // The default scenario's set (reshare friction, forwarding limits, crisis misinformation
    // policy) cuts spread everywhere; these scenarios are built so their own set does clearly
    // better on their key outcome (percentage points).
    let generic = LIBRARY
        .iter()
        .find(|f| f.file == "scenarios/default.ron")
        .unwrap()
        .tools;
    for (file, margin) in [
        ("scenarios/hashtag_mobilisation.ron", 20.0),
        ("scenarios/state_media.ron", 20.0),
        ("scenarios/detention_sweep.ron", 20.0),
        ("scenarios/besieged_city.ron", 50.0),
        // A rumour most people already believe: reach cutters only stop new exposures.
        ("scenarios/rumour_before_vote.ron", 15.0),
    ] {
        let f = LIBRARY.iter().find(|f| f.file == file).unwrap();
        let s = scenario::load(std::path::Path::new(file)).unwrap().scenario;
        let own = improvement(&s, key_outcome(&s), &f.tools, 2);
        let other = improvement(&s, key_outcome(&s), &generic, 2);
        assert!(
            own >= other + margin,
            "{file}: own set {own:.1}% vs generic set {other:.1}% on {}",
            key_outcome(&s).name()
        );
    }
}

/// Improvement of `file`'s key outcome with its own focus tools and with `other`'s, over
/// `seeds` seeds.
fn own_and_other(file: &str, other: &str, seeds: u64) -> (f64, f64) {
    let set = |f: &str| LIBRARY.iter().find(|x| x.file == f).unwrap().tools;
    let s = scenario::load(std::path::Path::new(file)).unwrap().scenario;
    let key = key_outcome(&s);
    (
        improvement(&s, key, &set(file), seeds),
        improvement(&s, key, &set(other), seeds),
    )
}

#[test]
fn in_kessara_the_reach_cutters_beat_takedowns_designation_and_the_hashtag_tools() {
    // Kessara's movement is not the state's and its rumour is already half-believed: cutting
    // every reshare does more than going after the movement's accounts (MODEL.md §14). Four
    // seeds: over the first two the lead is 1.7 points, over four 7.5, over eight 6.3 (a few
    // large runs weigh most in a ratio of sums).
    for other in [
        "scenarios/state_media.ron",
        "scenarios/hashtag_mobilisation.ron",
    ] {
        let (own, theirs) = own_and_other("scenarios/default.ron", other, 4);
        assert!(
            own >= theirs + 4.0,
            "Kessara: own set {own:.1}% vs {other}'s {theirs:.1}%"
        );
    }
}

#[test]
fn in_the_tutorial_warnings_verified_by_local_monitors_beat_the_sirens_tools() {
    // Both sets send emergency alerts; the tutorial's many local monitors make trusted warning
    // partners the difference (MODEL.md §14: 392% against 338% over 4 seeds).
    let (own, sirens) = own_and_other("scenarios/tutorial.ron", "scenarios/sirens.ron", 4);
    assert!(
        own >= sirens + 20.0,
        "tutorial: own set {own:.1}% vs the sirens set's {sirens:.1}%"
    );
}
