//! The scenario library: every scenario is complete (briefing, objectives, injects, seed) and,
//! where the design holds today, its focus tools move its key outcome decisively.

use breakglass::experiments::{LIBRARY, improvement};
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
        ("scenarios/rumour_before_vote.ron", 50.0),
        ("scenarios/besieged_city.ron", 90.0),
        ("scenarios/sirens.ron", 15.0),
    ] {
        let f = LIBRARY.iter().find(|f| f.file == file).unwrap();
        let s = scenario::load(std::path::Path::new(file)).unwrap().scenario;
        let got = improvement(&s, f.key, &f.tools, 2);
        assert!(
            got >= minimum,
            "{file}: {} improved {got:.1}% (want {minimum}%)",
            f.key.name()
        );
    }
}
