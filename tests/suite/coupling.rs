//! Coupled randomness: every draw is keyed by what it is about (an account, a post's author and
//! its sequence, a district), never by its position among other draws. So a measure changes
//! the rest of the world only through the model's own channels (ties between accounts, the
//! organisation, trust, the review queue), never by shifting someone else's random numbers.
//! These tests close those channels (each district its own network, a quiet organisation) and
//! check that a measure in one district leaves the other district bit-identical, turn by turn.

use crate::common;

use breakglass::scenario::{self, Scenario};
use breakglass::sim::World;
use breakglass::sim::command::Command;
use breakglass::sim::interventions::{CATALOG, Scope, index_of};

/// The small fixture with no tie between its two districts, no hashtag pages (they reach the
/// whole region) and an organisation that never starts, shaken by incidents in both districts every other turn (so witnesses post, warnings
/// travel and frightened people act): nothing but randomness could carry a measure's effect
/// from North to South.
fn isolated() -> Scenario {
    let base = common::small();
    let w = World::new(&base, 1).expect("builds");
    let events: Vec<String> = (1..12)
        .step_by(2)
        .flat_map(|turn| {
            ["North", "South"].map(|d| {
                format!("(turn: {turn}, event: Incident(district: \"{d}\", harmed: 40.0))")
            })
        })
        .collect();
    let events = events.join(", ");
    let mut csv = String::from("source,target\n");
    for d in 0..2 {
        let r = w.layout.district_range(d);
        let n = r.end - r.start;
        for i in 0..n {
            for step in [1, 5, 17] {
                csv.push_str(&format!("{},{}\n", r.start + i, r.start + (i + step) % n));
            }
        }
    }
    let scratch = common::scratch("coupling");
    let dir = scratch.path();
    std::fs::write(dir.join("net.csv"), csv).unwrap();
    let text = common::SMALL
        .replace(
            "accounts: 3000,",
            "accounts: 3000,\n    graph: (edge_list: \"net.csv\"),",
        )
        .replace(
            "review_capacity_per_1k: 16.0)",
            "review_capacity_per_1k: 16.0, features: (hashtags: false))",
        )
        .replace(
            "inauthentic_share: 0.006),",
            "inauthentic_share: 0.006, active_from: 1000),\n    events: [EVENTS],",
        )
        .replace("EVENTS", &events);
    let path = dir.join("isolated.ron");
    std::fs::write(&path, text).unwrap();
    let s = scenario::load(&path).expect("valid").scenario;
    let check = World::new(&s, 1).unwrap();
    for d in 0..2 {
        assert_eq!(check.layout.district_range(d), w.layout.district_range(d));
    }
    s
}

fn in_district(turn: u32, id: &str, district: u16) -> Command {
    common::enable_in(turn, id, Scope::Districts(vec![district]))
}

/// Everything the model keeps about district `d` and its accounts, exactly (Debug prints
/// floats in round-trip form).
fn snapshot(w: &World, d: usize) -> String {
    let r = w.layout.district_range(d);
    let a = &w.acc;
    let accounts: Vec<String> = (r.start as usize..r.end as usize)
        .map(|u| {
            format!(
                "{:?}",
                (
                    (
                        a.role[u],
                        a.flags[u],
                        a.belief[u],
                        a.hostility[u],
                        a.fear[u]
                    ),
                    (a.trust[u], a.prebunk[u], a.preparedness[u], a.security[u]),
                    (
                        a.exposure[u],
                        a.jailed_until[u],
                        a.warned_turn[u],
                        a.offline[u]
                    ),
                    (a.shares[u], a.seen_kinds[u], a.active[u]),
                )
            )
        })
        .collect();
    let risk: Vec<f64> = w.risk_series.iter().map(|turn| turn[d]).collect();
    format!("{:?}\n{risk:?}\n{}", w.districts[d], accounts.join("\n"))
}

/// A world of `isolated()` whose trust in the platform does not move: trust is region-wide (one
/// platform), so a measure's cost to it in North would reach South through the model.
fn world(s: &Scenario, seed: u64) -> World {
    let mut w = World::new(s, seed).unwrap();
    w.params.trust_capacity_cost = 0.0;
    w.params.trust_removal_cost = 0.0;
    w
}

fn compare_with_measure(s: &Scenario, seed: u64, id: &str) {
    let mut without = world(s, seed);
    let mut with = world(s, seed);
    // South has platform pushes of its own in both runs (their draws and cascades come after
    // North's in the turn), from a team the measure leaves budget to.
    let team = CATALOG[index_of(id).unwrap()].team;
    let south = ["prebunking", "crisis_info_hub"]
        .into_iter()
        .find(|other| *other != id && CATALOG[index_of(other).unwrap()].team != team)
        .unwrap();
    for w in [&mut without, &mut with] {
        w.apply(in_district(0, south, 1)).unwrap();
    }
    with.apply(in_district(0, id, 0)).unwrap();
    let mut north_differs = false;
    while !without.finished() {
        without.step();
        with.step();
        let (a, b) = (snapshot(&without, 1), snapshot(&with, 1));
        if let Some((line, (x, y))) = a
            .lines()
            .zip(b.lines())
            .enumerate()
            .find(|(_, (x, y))| x != y)
        {
            panic!(
                "{id} in North changed South at turn {} (seed {seed}), line {line}:\n{x}\n{y}",
                without.turn
            );
        }
        north_differs |= snapshot(&without, 0) != snapshot(&with, 0);
    }
    assert!(north_differs, "{id} did nothing in North (seed {seed})");
}

#[test]
fn a_measure_in_one_district_leaves_an_unconnected_district_bit_identical() {
    let s = isolated();
    // Measures that add draws where they act: platform pushes (posting), deactivation advice
    // (a draw per frightened account offline), safe-location posts (civilians' warnings).
    for id in [
        "crisis_info_hub",
        "deactivation_guidance",
        "safe_location_posts",
    ] {
        for seed in [1, 2] {
            compare_with_measure(&s, seed, id);
        }
    }
}
