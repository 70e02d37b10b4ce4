//! The scenario library's design check: each scenario is built so that a different set of tools
//! is decisive. For every scenario, its three focus tools (enabled from turn 0) are compared with
//! every other scenario's three, on the scenario's key outcome, over several seeds.

use crate::scenario::Scenario;
use crate::sim::World;
use crate::sim::command::{Action, Command};
use crate::sim::interventions::{CATALOG, Scope, Team, index_of};
use crate::sim::metrics::{Better, Outcome};

/// A scenario and the three tools it is built to make decisive (the outcome it is about is the
/// scenario's own first `key_outcomes` entry).
#[derive(Debug, Clone, Copy)]
pub struct Focus {
    pub file: &'static str,
    pub tools: [&'static str; 3],
}

/// The outcome a scenario is about: its first key outcome (civilians harmed if it names none).
pub fn key_outcome(s: &Scenario) -> Outcome {
    s.key_outcomes
        .first()
        .and_then(|n| crate::sim::metrics::by_name(n))
        .unwrap_or(Outcome::CiviliansHarmed)
}

pub const LIBRARY: [Focus; 8] = [
    Focus {
        file: "scenarios/tutorial.ron",
        tools: [
            "emergency_alerts",
            "trusted_warning_partners",
            "crisis_misinfo_policy",
        ],
    },
    Focus {
        file: "scenarios/default.ron",
        tools: [
            "reshare_friction",
            "forwarding_limits",
            "crisis_misinfo_policy",
        ],
    },
    Focus {
        file: "scenarios/rumour_before_vote.ron",
        tools: [
            "crisis_misinfo_policy",
            "prebunking",
            "amplify_credible_sources",
        ],
    },
    Focus {
        file: "scenarios/hashtag_mobilisation.ron",
        tools: [
            "disable_hashtags",
            "trust_threshold_for_reach",
            "deamplify_dehumanizing",
        ],
    },
    Focus {
        file: "scenarios/state_media.ron",
        tools: [
            "verified_official_labels",
            "provenance_labels",
            "designate_violent_orgs",
        ],
    },
    Focus {
        file: "scenarios/sirens.ron",
        tools: [
            "emergency_alerts",
            "security_prompts",
            "impersonation_enforcement",
        ],
    },
    Focus {
        file: "scenarios/besieged_city.ron",
        tools: [
            "evidence_preservation",
            "graphic_content_exception",
            "proxy_access",
        ],
    },
    Focus {
        file: "scenarios/detention_sweep.ron",
        tools: [
            "locked_profiles",
            "anti_surveillance",
            "deactivation_guidance",
        ],
    },
];

fn enable_all(w: &mut World, tools: &[&str]) {
    for id in tools {
        let entry = index_of(id).expect("focus tools are catalog ids");
        w.apply(Command {
            turn: w.turn,
            team: Team::Facilitator,
            action: Action::Enable {
                entry,
                params: CATALOG[entry].defaults(),
                scope: Scope::Region,
                confirmed: true,
            },
            rationale: "decisive-tools experiment".into(),
        })
        .expect("valid experiment command");
    }
}

/// Improvement (percent, positive = better for civilians) of `key` with `tools` against nothing.
pub fn improvement(scenario: &Scenario, key: Outcome, tools: &[&str], seeds: u64) -> f64 {
    let (mut base, mut with) = (0.0, 0.0);
    for i in 0..seeds {
        let seed = scenario.seed.wrapping_add(i);
        let mut a = World::new(scenario, seed).expect("library scenario builds");
        a.run();
        let mut b = World::new(scenario, seed).expect("library scenario builds");
        enable_all(&mut b, tools);
        b.run();
        base += a.summary()[key];
        with += b.summary()[key];
    }
    if base.abs() < 1e-12 {
        return 0.0;
    }
    let change = (with - base) / base * 100.0;
    if key.better() == Better::Lower {
        -change
    } else {
        change
    }
}

/// Row i: scenario i's key outcome under every scenario's tool set.
pub fn matrix(scenarios: &[Scenario], seeds: u64) -> Vec<Vec<f64>> {
    LIBRARY
        .iter()
        .zip(scenarios)
        .map(|(_, s)| {
            LIBRARY
                .iter()
                .map(|g| improvement(s, key_outcome(s), &g.tools, seeds))
                .collect()
        })
        .collect()
}
