//! `breakglass debrief`: three groups that played one scenario with different plans, recorded
//! headless (`run --plan --session`), compared: the ranking, decisions told from chance, and the
//! leave-one-out attribution of a decision whose effect is known; bad inputs refused or set
//! aside with their reason.

use std::path::{Path, PathBuf};
use std::process::Command;

use breakglass::debrief::{self, Chance};
use breakglass::sim::metrics::Outcome;

use crate::common;

/// The small fixture about perpetrators' reach first (its effects are large and steady).
fn scenario(dir: &Path) -> PathBuf {
    let text = common::SMALL.replacen(
        "    turns: 12,",
        "    turns: 12,\n    key_outcomes: [\"harmful_impressions\", \"civilians_harmed\"],",
        1,
    );
    let path = dir.join("small.ron");
    std::fs::write(&path, text).unwrap();
    path
}

/// `breakglass debrief` with `args`, which must succeed; its standard error.
fn debrief_ok(args: &[&str]) -> String {
    let run = bin(&[&["debrief"], args].concat());
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stderr).into_owned()
}

fn bin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_breakglass"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A group: `plan`'s commands played headless on `scenario` and recorded as a session.
fn group(dir: &Path, scenario: &Path, name: &str, commands: &str, seed: u64) -> PathBuf {
    let plan = dir.join(format!("{name}.plan.ron"));
    std::fs::write(
        &plan,
        format!("Plan(name: \"{name}\", commands: [{commands}])"),
    )
    .unwrap();
    let session = dir.join(format!("{name}.session.ron"));
    let p = |p: &Path| p.to_str().unwrap().to_string();
    let out = bin(&[
        "run",
        &p(scenario),
        "--plan",
        &p(&plan),
        "--seed",
        &seed.to_string(),
        "--session",
        &p(&session),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    session
}

const BANS_AND_THROTTLE: &str = r#"
    (turn: 0, team: "platform", enable: "deplatform_perpetrators", rationale: "ban them"),
    (turn: 0, team: "crisis_leadership", enable: "throttle_virality", confirm_break_glass: true,
     rationale: "slow everything")"#;
const MISINFO_POLICY: &str =
    r#"(turn: 0, team: "platform", enable: "crisis_misinfo_policy", rationale: "rumours off")"#;

#[test]
fn groups_are_ranked_their_decisions_told_from_chance_and_a_known_decision_attributed() {
    let dir = common::scratch("debrief");
    let s = scenario(dir.path());
    let nothing = group(dir.path(), &s, "nothing", "", 7);
    let strong = group(dir.path(), &s, "strong", BANS_AND_THROTTLE, 7);
    let policy = group(dir.path(), &s, "policy", MISINFO_POLICY, 9);
    let (groups, skipped) = debrief::load(&[nothing, strong, policy]);
    assert!(skipped.is_empty(), "{skipped:?}");
    let c = debrief::compare(groups, skipped, 6, None, &|_, _| {}).unwrap();
    assert_eq!(c.outcomes[0], Outcome::HarmfulImpressions);
    let name = |g: usize| c.groups[g].name.as_str();

    // Bans and a throttle cut perpetrators' reach most, the policy less, nothing not at all.
    let ranked: Vec<&str> = c.ranking.iter().map(|&g| name(g)).collect();
    assert_eq!(ranked, ["strong", "policy", "nothing"]);
    let effect = |g: &str| {
        let i = (0..c.groups.len()).find(|&i| name(i) == g).unwrap();
        c.measured[i].effects[0]
    };
    // Nobody acting's log is nobody acting on every seed: exactly no effect, within chance.
    assert_eq!(effect("nothing").mean, 0.0);
    assert_eq!(effect("nothing").chance(), Chance::WithinChance);
    assert_eq!(effect("strong").chance(), Chance::Decisions);
    assert!(effect("strong").high < 0.0);
    // Each pair names the better first; the strong plan beats nothing by its decisions.
    let pair = c
        .pairs
        .iter()
        .find(|p| name(p.a) == "strong" && name(p.b) == "nothing")
        .unwrap();
    assert_eq!(pair.difference.chance(), Chance::Decisions);
    assert_eq!(pair.difference.mean, effect("strong").mean);

    // The policy group's one decision: leaving it out is nobody acting, so what it did is
    // exactly its group's effect, the other way.
    let p = (0..c.groups.len()).find(|&i| name(i) == "policy").unwrap();
    let only = &c.measured[p].attributions;
    assert_eq!(only.len(), 1);
    assert!((only[0].without.mean + effect("policy").mean).abs() < 1e-6);
    // The strong group's two decisions are both weighed, the larger first.
    let s = (0..c.groups.len()).find(|&i| name(i) == "strong").unwrap();
    let two = &c.measured[s].attributions;
    assert_eq!(two.len(), 2);
    assert!(two[0].without.mean.abs() >= two[1].without.mean.abs());
    assert!(two.iter().all(|a| a.without.mean > 0.0), "both cut reach");
    // Different seeds are allowed and said.
    assert_eq!(c.played_seeds(), vec![7, 9]);

    let out = dir.path().join("out");
    let tr = breakglass::view::I18n::load();
    debrief::write(&c, &tr, &out).unwrap();
    let md = std::fs::read_to_string(out.join("debrief.md")).unwrap();
    for line in [
        "# Debrief: small, 3 group(s) compared",
        "| 3 | nothing | +0 [+0, +0] | +0 [+0, +0] |",
        "| within chance | +0 | +0 |",
        "The groups played different seeds",
        "Had Trust & safety not enabled Crisis misinformation policy at turn 0:",
        "| strong against nothing |",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    for file in ["debrief.html", "groups.csv", "decisions.csv", "pairs.csv"] {
        assert!(out.join(file).exists(), "{file}");
    }
    assert!(out.join("chart-harmful_impressions.png").exists());
}

#[test]
fn groups_of_different_scenarios_are_refused_and_a_broken_session_set_aside() {
    let dir = common::scratch("debrief-bad");
    let s = scenario(dir.path());
    let a = group(dir.path(), &s, "a", "", 7);
    let b = group(dir.path(), &s, "b", MISINFO_POLICY, 7);
    // Another version of the scenario: more turns.
    let longer = dir.path().join("longer.ron");
    let text = std::fs::read_to_string(&s).unwrap();
    std::fs::write(&longer, text.replacen("turns: 12,", "turns: 14,", 1)).unwrap();
    let c = group(dir.path(), &longer, "c", "", 7);
    let (groups, skipped) = debrief::load(&[a.clone(), b.clone(), c.clone()]);
    let err = debrief::compare(groups, skipped, 4, None, &|_, _| {})
        .err()
        .expect("refused")
        .to_string();
    assert!(
        err.contains("a.session.ron and ")
            && err.contains("c.session.ron played different scenarios")
            && err.ends_with(
                "they differ in turns; a debrief compares groups that played the same scenario"
            ),
        "{err}"
    );

    // A corrupted session is named with its reason; the others are still compared.
    let broken = dir.path().join("broken.session.ron");
    std::fs::write(&broken, "Session(format: 2, oops").unwrap();
    let out = dir.path().join("out");
    let stderr = debrief_ok(&[
        a.to_str().unwrap(),
        broken.to_str().unwrap(),
        b.to_str().unwrap(),
        "--seeds",
        "3",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        stderr.contains(&format!("not compared: {}:", broken.display())),
        "{stderr}"
    );
    let md = std::fs::read_to_string(out.join("debrief.md")).unwrap();
    assert!(md.contains("| Not compared |"), "{md}");
    assert!(md.contains("# Debrief: small, 2 group(s) compared"));

    // Bad arguments change nothing.
    let refused = bin(&["debrief", a.to_str().unwrap(), "--language", "de"]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr)
            .contains("--language de: the debrief can be written in en, fr")
    );
    let refused = bin(&["debrief", a.to_str().unwrap(), "--seeds", "1"]);
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("--seeds must be between 2 and 1000")
    );
}

/// The same debrief in French: its words from the catalog, no fallback to English.
#[test]
fn the_debrief_reads_in_french() {
    let dir = common::scratch("debrief-fr");
    let s = scenario(dir.path());
    let a = group(dir.path(), &s, "a", "", 7);
    let b = group(dir.path(), &s, "b", MISINFO_POLICY, 7);
    let out = dir.path().join("fr");
    debrief_ok(&[
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--seeds",
        "3",
        "--language",
        "fr",
        "--out",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(out.join("debrief.md")).unwrap();
    assert!(!md.contains("[en]"), "{md}");
    for french in [
        "# Débriefing : small, 2 groupe(s) comparé(s)",
        "## 3. Les décisions, pas la chance",
        "dans les limites du hasard",
        "Si Confiance et sécurité n'avait pas activé Politique de désinformation de crise au tour 0",
    ] {
        assert!(md.contains(french), "missing {french:?} in\n{md}");
    }
    let html = std::fs::read_to_string(out.join("debrief.html")).unwrap();
    assert!(html.starts_with("<!doctype html><html lang=\"fr\">"));
}

/// With the frontier: each group's plan placed among `explore`'s portfolios within budget.
#[test]
fn each_groups_plan_is_placed_against_the_frontier() {
    let dir = common::scratch("debrief-frontier");
    let s = scenario(dir.path());
    let a = group(dir.path(), &s, "a", "", 7);
    let b = group(dir.path(), &s, "b", MISINFO_POLICY, 7);
    let (groups, skipped) = debrief::load(&[a, b]);
    let c = debrief::compare(groups, skipped, 2, Some(2), &|_, _| {}).unwrap();
    assert_eq!(c.frontier.len(), 2, "one placement per group");
    // Nobody acting gains nothing: some portfolio does at least as well.
    assert!(c.frontier[0].plan.0.abs() < 1e-9);
    assert!(c.frontier[0].dominated_by() > 0);
    let out = dir.path().join("out");
    debrief::write(&c, &breakglass::view::I18n::load(), &out).unwrap();
    let md = std::fs::read_to_string(out.join("debrief.md")).unwrap();
    assert!(
        md.contains("## 8. Each group's plan against the frontier"),
        "{md}"
    );
    assert!(
        md.contains("portfolio(s) found do at least as well"),
        "{md}"
    );
}
