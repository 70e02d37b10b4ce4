//! The model's own input: a world resolved and typed. The scenario layer lowers a validated
//! scenario file to a `WorldSpec` (`scenario::lower`); `World::new` takes one and a seed.
//!
//! Everything here is what the model computes with: counts as `usize`, turns as `u32`, groups,
//! districts and languages as indices, catalog entries as catalog indices, events with their
//! districts resolved. What only people read (the scenario's name, briefing, objectives, key
//! outcomes, inject texts) stays in the scenario, held beside the world by the app, the
//! sessions and the report. District and group names are kept as labels: the model never looks
//! anything up by them.

use std::sync::Arc;

use super::interventions::{Budgets, Scope};
use super::params::ModelParams;
use super::region::{District, Group};

/// A world ready to build.
#[derive(Debug, Clone)]
pub struct WorldSpec {
    /// Simulated hours per turn.
    pub turn_hours: f64,
    /// Turns in the exercise.
    pub turns: u32,
    /// Simulated platform accounts (each stands for many people), at least 1.
    pub accounts: usize,
    /// Identity groups; `Group::language` indexes `languages`.
    pub groups: Vec<Group>,
    /// The languages the groups speak, in order of first appearance.
    pub languages: Vec<String>,
    /// Districts, group shares by group index.
    pub districts: Vec<District>,
    /// Mutual tension between groups, `tension[a][b]`, symmetric, 0..1.
    pub tension: Vec<Vec<f64>>,
    pub graph: Graph,
    /// Ties between accounts read from an edge list (then only reserve slots are generated).
    pub edges: Option<Arc<Vec<(u32, u32)>>>,
    pub platform: Platform,
    pub sources: Sources,
    pub perpetrators: Perpetrators,
    /// Scheduled events in the scenario's order (their index keys their randomness).
    pub events: Vec<Scheduled>,
    /// Measures in force from turn 0, in the scenario's order.
    pub prepared: Vec<Prepared>,
    /// The injects' triggers and effects, in the scenario's order.
    pub injects: Vec<Inject>,
    pub budgets: Budgets,
    pub model: ModelParams,
}

/// How the social network is generated.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// Mean number of connections per account.
    pub avg_degree: f64,
    /// Probability a connection stays inside the account's own district and group.
    pub homophily: f64,
    /// Probability a connection leaving the group still stays inside the district.
    pub locality: f64,
    /// Probability a connection goes to a nearby account in the same community.
    pub clustering: f64,
    /// Tail exponent of the degree distribution (Pareto).
    pub degree_tail: f64,
    /// Size of a community group (the `groups` feature).
    pub community_size: u32,
    /// Distance (in hexes) over which cross-district ties fall off by 1/e.
    pub distance_scale: f64,
}

/// The platform before any intervention.
#[derive(Debug, Clone, PartialEq)]
pub struct Platform {
    /// Moderation's understanding of each language (by language index), 0..1.
    pub coverage: Vec<f64>,
    pub classifier_recall: f64,
    pub false_positive_rate: f64,
    /// Human reviews per turn per 1000 accounts.
    pub review_capacity_per_1k: f64,
    /// Initial user trust in the platform, 0..1.
    pub user_trust: f64,
    pub hashtags: bool,
    pub groups: bool,
    pub ads: bool,
    /// Chats one message can be forwarded to at once.
    pub forward_limit: u32,
    /// Probability per turn of catching an inauthentic account without special effort.
    pub network_detection: f64,
    pub evidence_preservation: bool,
    /// Officials' and state media's posts exempt from labels, demotion and removal.
    pub state_exemption: bool,
}

/// Credible sources, per 1000 accounts.
#[derive(Debug, Clone, PartialEq)]
pub struct Sources {
    pub media_per_1k: f64,
    pub civil_society_per_1k: f64,
    pub humanitarian_per_1k: f64,
    pub officials_per_1k: f64,
    /// Posts per credible account per turn.
    pub posts_per_turn: f64,
    /// District risk (0..100) above which civil society starts posting warnings.
    pub warning_threshold: f64,
}

/// The perpetrator organisation (MODEL.md §6).
#[derive(Debug, Clone, PartialEq)]
pub struct Perpetrators {
    /// Group index it claims to speak for and recruits from.
    pub group: usize,
    /// Group index it targets.
    pub target: usize,
    pub organiser_share: f64,
    pub amplifier_share: f64,
    pub inauthentic_share: f64,
    pub reserve_factor: f64,
    pub posts_per_turn: f64,
    pub flood: f64,
    pub mix: ContentMix,
    pub recruitment: f64,
    pub ban_evasion: f64,
    pub growth: f64,
    pub hashtags: bool,
    pub ads: bool,
    pub hacking_per_1k: f64,
    pub impersonation: f64,
    pub state_affiliated: bool,
    /// First turn it is active.
    pub active_from: u32,
    pub broadcast: f64,
    pub shutdown_cover: f64,
}

/// Relative weights of what the organisation posts.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentMix {
    pub incitement: f64,
    pub misinformation: f64,
    pub weapons: f64,
    pub recruitment: f64,
    pub target_lists: f64,
}

/// An event at a given turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduled {
    pub turn: u32,
    pub event: Event,
}

/// Something that happens in the world (a scheduled event, an inject's effect, an ad-hoc
/// inject's): districts as indices.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The government cuts the internet in a district for some turns.
    InternetShutdown { district: usize, turns: u32 },
    /// Legitimacy of public order drops in a district (`None`: everywhere).
    LegitimacyShock { district: Option<usize>, drop: f64 },
    /// State media and officials push dehumanising content for some turns.
    StateMediaCampaign { turns: u32, intensity: f64 },
    /// The organisation coins a hashtag and pushes it for some turns.
    HashtagDrive { tag: String, turns: u32 },
    /// Personal data of the targeted group in a district is dumped.
    Doxxing { district: usize, share: f64 },
    /// A wave of account-takeover attempts (x normal rate) for one turn.
    HackingWave { intensity: f64 },
    /// A violent incident in a district.
    Incident { district: usize, harmed: f64 },
    /// The organisation's fake accounts flood feeds for some turns.
    Flooding { posts: f64, turns: u32 },
    /// A neutral force deploys to a district for some turns.
    Peacekeepers {
        district: usize,
        strength: f64,
        turns: u32,
    },
    /// Armed forces shell a district for some turns.
    Shelling {
        district: usize,
        per_100k: f64,
        turns: u32,
    },
}

/// A measure in force before the crisis.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// Catalog index.
    pub entry: usize,
    /// Complete, in catalog order.
    pub params: Vec<f64>,
    pub scope: Scope,
}

/// When an inject fires.
#[derive(Debug, Clone, PartialEq)]
pub enum Trigger {
    /// At the start of this turn.
    Turn(u32),
    /// As soon as a district's risk index exceeds a level (`None`: any district).
    RiskAbove { district: Option<usize>, level: f64 },
    /// As soon as total civilians harmed exceed a number.
    HarmedAbove(f64),
    /// `within` turns after inject `seq` fired, if its expected action was not taken.
    Contingency { seq: u32, within: u32 },
}

/// What the model needs of an inject: when it fires, what it does, what counts as its
/// expected action.
#[derive(Debug, Clone, PartialEq)]
pub struct Inject {
    pub seq: u32,
    pub trigger: Trigger,
    /// Catalog indices whose enabling counts as the expected action.
    pub expected: Vec<usize>,
    pub effect: Option<Event>,
}
