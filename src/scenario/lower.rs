//! Lowering: a validated scenario file becomes the model's own input (`sim::spec::WorldSpec`):
//! names resolved to indices, counts and turns typed, the platform's language coverage laid out
//! by language. Validation (`validate`) has already said what is wrong with a file, with its
//! position; lowering a scenario that did not pass it is a programming error and panics naming
//! the unresolved name.
//!
//! `event` and `event_spec` convert an event both ways, for the facilitator's ad-hoc injects
//! (typed with names, persisted with names, applied with indices).

use std::sync::Arc;

use super::schema::*;
use crate::sim::UNLISTED_LANGUAGE_COVERAGE;
use crate::sim::interventions::{self, Scope};
use crate::sim::region::{District, Group};
use crate::sim::spec::{self, WorldSpec};

impl From<&Scenario> for WorldSpec {
    fn from(s: &Scenario) -> WorldSpec {
        lower(s)
    }
}

impl From<&Scenario> for Arc<WorldSpec> {
    fn from(s: &Scenario) -> Arc<WorldSpec> {
        Arc::new(lower(s))
    }
}

/// The model's input for a validated scenario.
pub fn lower(s: &Scenario) -> WorldSpec {
    let (groups, languages) = groups(s);
    let group = |name: &str| -> usize {
        s.groups
            .iter()
            .position(|g| g.name == name)
            .unwrap_or_else(|| panic!("lowering an unvalidated scenario: no group \"{name}\""))
    };
    let districts = s
        .districts
        .iter()
        .map(|d| district(d, &groups, &group))
        .collect();
    let n = groups.len();
    let mut tension = vec![vec![0.0; n]; n];
    for t in &s.tensions {
        let (a, b) = (group(&t.between.0), group(&t.between.1));
        tension[a][b] = t.level;
        tension[b][a] = t.level;
    }
    let platform = platform(&s.platform, &languages);
    WorldSpec {
        turn_hours: s.turn_hours,
        turns: s.turns.max(0) as u32,
        accounts: s.accounts.max(0) as usize,
        groups,
        languages,
        districts,
        tension,
        graph: graph(&s.graph),
        edges: s.edges.clone(),
        platform,
        sources: sources(&s.sources),
        perpetrators: perpetrators(&s.perpetrators, &group),
        events: s
            .events
            .iter()
            .map(|e| spec::Scheduled {
                turn: e.turn.max(0) as u32,
                event: event(&e.event, s),
            })
            .collect(),
        prepared: s.prepared.iter().map(|p| prepared(p, s)).collect(),
        injects: s.injects.iter().map(|i| inject(i, s)).collect(),
        budgets: s.budgets,
        model: s.model.clone(),
    }
}

/// Groups with their language index, and the languages in order of first appearance.
fn groups(s: &Scenario) -> (Vec<Group>, Vec<String>) {
    let mut languages: Vec<String> = Vec::new();
    let groups = s
        .groups
        .iter()
        .map(|g| {
            let language = match languages.iter().position(|l| *l == g.language) {
                Some(i) => i,
                None => {
                    languages.push(g.language.clone());
                    languages.len() - 1
                }
            };
            Group {
                name: g.name.clone(),
                language: language as u8,
            }
        })
        .collect();
    (groups, languages)
}

fn district(d: &DistrictSpec, groups: &[Group], group: &dyn Fn(&str) -> usize) -> District {
    let mut shares = vec![0.0; groups.len()];
    for (name, share) in &d.groups {
        shares[group(name)] = *share;
    }
    District {
        name: d.name.clone(),
        hex: d.hex,
        population: d.population,
        shares,
        connectivity: d.connectivity,
        adoption: d.adoption,
        local_media: d.local_media,
        civil_society: d.civil_society,
        legitimacy: d.legitimacy,
        deterrence: d.deterrence,
        haven: d.haven,
        capacity: d.capacity.unwrap_or(f64::INFINITY),
        border: d.border,
        rumour_belief: d.rumour_belief,
    }
}

fn graph(g: &GraphSpec) -> spec::Graph {
    spec::Graph {
        avg_degree: g.avg_degree,
        homophily: g.homophily,
        locality: g.locality,
        clustering: g.clustering,
        degree_tail: g.degree_tail,
        community_size: g.community_size,
        distance_scale: g.distance_scale,
    }
}

fn platform(p: &PlatformSpec, languages: &[String]) -> spec::Platform {
    spec::Platform {
        coverage: languages
            .iter()
            .map(|l| {
                p.language_coverage
                    .get(l)
                    .copied()
                    .unwrap_or(UNLISTED_LANGUAGE_COVERAGE)
            })
            .collect(),
        classifier_recall: p.classifier_recall,
        false_positive_rate: p.false_positive_rate,
        review_capacity_per_1k: p.review_capacity_per_1k,
        user_trust: p.user_trust,
        hashtags: p.features.hashtags,
        groups: p.features.groups,
        ads: p.features.ads,
        forward_limit: p.features.forward_limit,
        network_detection: p.network_detection,
        evidence_preservation: p.evidence_preservation,
        state_exemption: p.state_exemption,
    }
}

fn sources(s: &SourcesSpec) -> spec::Sources {
    spec::Sources {
        media_per_1k: s.media_per_1k,
        civil_society_per_1k: s.civil_society_per_1k,
        humanitarian_per_1k: s.humanitarian_per_1k,
        officials_per_1k: s.officials_per_1k,
        posts_per_turn: s.posts_per_turn,
        warning_threshold: s.warning_threshold,
    }
}

fn perpetrators(p: &PerpetratorSpec, group: &dyn Fn(&str) -> usize) -> spec::Perpetrators {
    let m = &p.mix;
    spec::Perpetrators {
        group: group(&p.group),
        target: group(&p.target),
        organiser_share: p.organiser_share,
        amplifier_share: p.amplifier_share,
        inauthentic_share: p.inauthentic_share,
        reserve_factor: p.reserve_factor,
        posts_per_turn: p.posts_per_turn,
        flood: p.flood,
        mix: spec::ContentMix {
            incitement: m.incitement,
            misinformation: m.misinformation,
            weapons: m.weapons,
            recruitment: m.recruitment,
            target_lists: m.target_lists,
        },
        recruitment: p.recruitment,
        ban_evasion: p.ban_evasion,
        growth: p.growth,
        hashtags: p.hashtags,
        ads: p.ads,
        hacking_per_1k: p.hacking_per_1k,
        impersonation: p.impersonation,
        state_affiliated: p.state_affiliated,
        active_from: p.active_from.max(0) as u32,
        broadcast: p.broadcast,
        shutdown_cover: p.shutdown_cover,
    }
}

fn district_index(s: &Scenario, name: &str) -> usize {
    s.districts
        .iter()
        .position(|d| d.name == name)
        .unwrap_or_else(|| panic!("lowering an unvalidated scenario: no district \"{name}\""))
}

/// "*" or a district's name, as the model's "any district" or its index.
fn any_district(s: &Scenario, name: &str) -> Option<usize> {
    (name != "*").then(|| district_index(s, name))
}

fn turns(n: i64) -> u32 {
    n.clamp(0, u32::MAX as i64) as u32
}

/// An event with its districts resolved (the scenario's validation checked the names).
pub fn event(e: &EventKind, s: &Scenario) -> spec::Event {
    use spec::Event as E;
    let d = |name: &str| district_index(s, name);
    match e {
        EventKind::InternetShutdown { district, turns: n } => E::InternetShutdown {
            district: d(district),
            turns: turns(*n),
        },
        EventKind::LegitimacyShock { district, drop } => E::LegitimacyShock {
            district: any_district(s, district),
            drop: *drop,
        },
        EventKind::StateMediaCampaign {
            turns: n,
            intensity,
        } => E::StateMediaCampaign {
            turns: turns(*n),
            intensity: *intensity,
        },
        EventKind::HashtagDrive { tag, turns: n } => E::HashtagDrive {
            tag: tag.clone(),
            turns: turns(*n),
        },
        EventKind::Doxxing { district, share } => E::Doxxing {
            district: d(district),
            share: *share,
        },
        EventKind::HackingWave { intensity } => E::HackingWave {
            intensity: *intensity,
        },
        EventKind::Incident { district, harmed } => E::Incident {
            district: d(district),
            harmed: *harmed,
        },
        EventKind::Flooding { posts, turns: n } => E::Flooding {
            posts: *posts,
            turns: turns(*n),
        },
        EventKind::Peacekeepers {
            district,
            strength,
            turns: n,
        } => E::Peacekeepers {
            district: d(district),
            strength: *strength,
            turns: turns(*n),
        },
        EventKind::Shelling {
            district,
            per_100k,
            turns: n,
        } => E::Shelling {
            district: d(district),
            per_100k: *per_100k,
            turns: turns(*n),
        },
    }
}

/// An event as the file format writes it (district indices back to names).
pub fn event_spec(e: &spec::Event, s: &Scenario) -> EventKind {
    use spec::Event as E;
    let name = |d: usize| s.districts[d].name.clone();
    match e {
        E::InternetShutdown { district, turns } => EventKind::InternetShutdown {
            district: name(*district),
            turns: *turns as i64,
        },
        E::LegitimacyShock { district, drop } => EventKind::LegitimacyShock {
            district: district.map_or("*".into(), name),
            drop: *drop,
        },
        E::StateMediaCampaign { turns, intensity } => EventKind::StateMediaCampaign {
            turns: *turns as i64,
            intensity: *intensity,
        },
        E::HashtagDrive { tag, turns } => EventKind::HashtagDrive {
            tag: tag.clone(),
            turns: *turns as i64,
        },
        E::Doxxing { district, share } => EventKind::Doxxing {
            district: name(*district),
            share: *share,
        },
        E::HackingWave { intensity } => EventKind::HackingWave {
            intensity: *intensity,
        },
        E::Incident { district, harmed } => EventKind::Incident {
            district: name(*district),
            harmed: *harmed,
        },
        E::Flooding { posts, turns } => EventKind::Flooding {
            posts: *posts,
            turns: *turns as i64,
        },
        E::Peacekeepers {
            district,
            strength,
            turns,
        } => EventKind::Peacekeepers {
            district: name(*district),
            strength: *strength,
            turns: *turns as i64,
        },
        E::Shelling {
            district,
            per_100k,
            turns,
        } => EventKind::Shelling {
            district: name(*district),
            per_100k: *per_100k,
            turns: *turns as i64,
        },
    }
}

fn prepared(p: &PreparedSpec, s: &Scenario) -> spec::Prepared {
    let entry = interventions::index_of(&p.id)
        .unwrap_or_else(|| panic!("lowering an unvalidated scenario: no lever \"{}\"", p.id));
    let lever = &interventions::CATALOG[entry];
    let mut params = lever.defaults();
    for (name, value) in &p.params {
        if let Some(i) = lever.param_index(name) {
            params[i] = *value;
        }
    }
    let scope = if p.districts.is_empty() {
        Scope::Region
    } else {
        Scope::Districts(
            p.districts
                .iter()
                .map(|n| district_index(s, n) as u16)
                .collect(),
        )
    };
    spec::Prepared {
        entry,
        params,
        scope,
    }
}

fn inject(i: &InjectSpec, s: &Scenario) -> spec::Inject {
    let trigger = match &i.trigger {
        Trigger::Turn(n) => spec::Trigger::Turn(turns(*n)),
        Trigger::RiskAbove { district, level } => spec::Trigger::RiskAbove {
            district: any_district(s, district),
            level: *level,
        },
        Trigger::HarmedAbove(x) => spec::Trigger::HarmedAbove(*x),
        Trigger::Contingency { seq, within } => spec::Trigger::Contingency {
            seq: *seq,
            within: turns(*within),
        },
    };
    spec::Inject {
        seq: i.seq,
        trigger,
        expected: i
            .expected_ids
            .iter()
            .filter_map(|id| interventions::index_of(id))
            .collect(),
        effect: i.effect.as_ref().map(|e| event(e, s)),
    }
}
