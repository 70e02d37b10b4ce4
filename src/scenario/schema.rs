//! The scenario file format (RON). Plain data; `validate` checks it, `sim::World::new` builds a
//! world from a validated scenario.
//!
//! Counts that must scale with the number of simulated accounts (perpetrator organisation,
//! credible sources, moderation capacity) are given as shares of accounts or per 1000 accounts,
//! so the same region can be simulated with 5 000 or 1 000 000 accounts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::sim::params::ModelParams;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// Short text read out to players before the exercise.
    #[serde(default)]
    pub briefing: String,
    /// Default seed; `--seed` overrides it.
    pub seed: u64,
    /// Simulated hours per turn.
    pub turn_hours: f64,
    /// Number of turns in the exercise.
    pub turns: i64,
    /// Number of simulated platform accounts (each stands for many people).
    pub accounts: i64,
    pub groups: Vec<GroupSpec>,
    #[serde(default)]
    pub tensions: Vec<TensionSpec>,
    pub districts: Vec<DistrictSpec>,
    #[serde(default)]
    pub graph: GraphSpec,
    #[serde(default)]
    pub platform: PlatformSpec,
    #[serde(default)]
    pub sources: SourcesSpec,
    pub perpetrators: PerpetratorSpec,
    #[serde(default)]
    pub events: Vec<EventSpec>,
    /// Interventions the platform already had in place before the crisis (in force from turn 0).
    #[serde(default)]
    pub prepared: Vec<PreparedSpec>,
    /// What the exercise tests (injects point at these).
    #[serde(default)]
    pub objectives: Vec<ObjectiveSpec>,
    /// The outcomes this scenario is about (outcome names, most important first): shown first
    /// in the app's scoreboard and charts, and used by the decisive-tools experiment.
    #[serde(default)]
    pub key_outcomes: Vec<String>,
    /// The Master Scenario Events List: injects delivered to the teams.
    #[serde(default)]
    pub injects: Vec<InjectSpec>,
    /// Each team's capacity per turn (what its measures cost comes from the catalog).
    #[serde(default)]
    pub budgets: crate::sim::interventions::Budgets,
    #[serde(default)]
    pub model: ModelParams,
    /// The language the texts above are written in (the fallback of every other language).
    #[serde(default = "english")]
    pub language: String,
    /// The scenario's texts in other languages, by language code: `{"fr": (briefing: "...",
    /// objectives: {"O1": "..."}, injects: {1: (description: "...", expected: "...")})}`. A
    /// text missing in a language falls back to the scenario's own.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, TextsSpec>,
    /// The edge list named by `graph.edge_list`, read and checked when the scenario was loaded.
    #[serde(skip)]
    pub edges: Option<std::sync::Arc<Vec<(u32, u32)>>>,
}

fn english() -> String {
    "en".into()
}

/// The scenario's texts in one other language.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct TextsSpec {
    /// The scenario's name in this language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub briefing: Option<String>,
    /// Objective id -> text.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub objectives: BTreeMap<String, String>,
    /// Inject sequence number -> its texts.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub injects: BTreeMap<u32, InjectTexts>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct InjectTexts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
}

impl Scenario {
    fn texts(&self, lang: &str) -> Option<&TextsSpec> {
        if lang == self.language {
            None
        } else {
            self.translations.get(lang)
        }
    }

    /// The name in `lang` (the scenario's own when it has none in that language).
    pub fn name_in(&self, lang: &str) -> &str {
        self.texts(lang)
            .and_then(|t| t.name.as_deref())
            .unwrap_or(&self.name)
    }

    /// The briefing in `lang` (the scenario's own when it has none in that language).
    pub fn briefing_in(&self, lang: &str) -> &str {
        self.texts(lang)
            .and_then(|t| t.briefing.as_deref())
            .unwrap_or(&self.briefing)
    }

    /// Objective `o`'s text in `lang`.
    pub fn objective_in<'a>(&'a self, lang: &str, o: &'a ObjectiveSpec) -> &'a str {
        self.texts(lang)
            .and_then(|t| t.objectives.get(&o.id))
            .map_or(&o.text, |s| s.as_str())
    }

    /// Inject `inj`'s description and expected action in `lang`.
    pub fn inject_in<'a>(&'a self, lang: &str, inj: &'a InjectSpec) -> (&'a str, &'a str) {
        let t = self.texts(lang).and_then(|t| t.injects.get(&inj.seq));
        (
            t.and_then(|t| t.description.as_deref())
                .unwrap_or(&inj.description),
            t.and_then(|t| t.expected.as_deref())
                .unwrap_or(&inj.expected),
        )
    }

    /// Whether the scenario has its own texts in `lang` (its language or a translation).
    pub fn speaks(&self, lang: &str) -> bool {
        lang == self.language || self.translations.contains_key(lang)
    }
}

/// An intervention in place before the exercise starts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreparedSpec {
    pub id: String,
    #[serde(default)]
    pub params: BTreeMap<String, f64>,
    /// Empty: the whole region.
    #[serde(default)]
    pub districts: Vec<String>,
}

/// An identity group.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    /// The language its members post and read in.
    pub language: String,
}

/// Mutual tension between two groups, 0..1.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TensionSpec {
    pub between: (String, String),
    pub level: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictSpec {
    pub name: String,
    /// Axial hex coordinates (q, r) on the map.
    pub hex: (i32, i32),
    /// People living in the district.
    pub population: f64,
    /// Share of the population per group name; must sum to 1.
    pub groups: BTreeMap<String, f64>,
    /// Internet connectivity 0..1 (an internet shutdown sets it to 0 for a while).
    #[serde(default = "one")]
    pub connectivity: f64,
    /// Share of the population with an account on the platform, 0..1.
    pub adoption: f64,
    /// Presence of local media and of civil society, 0..1 (how many credible accounts it hosts).
    #[serde(default = "half")]
    pub local_media: f64,
    #[serde(default = "half")]
    pub civil_society: f64,
    /// Legitimacy of public order, 0..1 (Epstein's L).
    #[serde(default = "half")]
    pub legitimacy: f64,
    /// Deterrence: density of security forces willing to stop violence, 0..1 (Epstein's cops).
    #[serde(default = "default_deterrence")]
    pub deterrence: f64,
    /// A safe place people of the targeted group can reach (a protected camp, a guarded
    /// compound): people who arrive here are out of harm's way.
    #[serde(default)]
    pub haven: bool,
    /// How many people a haven can keep safe (a camp's room). When it is full, it is no longer
    /// anyone's destination and people who still arrive stay at its edge, exposed like anyone
    /// its district hosts. None (the default): no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<f64>,
    /// A rumour already about when the scenario starts: the mean starting belief in the
    /// organisation's rumours of the district's people outside the targeted group, 0..1.
    /// None (the default): a little doubt, uniform on 0..0.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rumour_belief: Option<f64>,
    /// People can leave the region from here (a border crossing, an open road out). A besieged
    /// or encircled district says `border: false`: its people must cross others to get out.
    #[serde(default = "yes")]
    pub border: bool,
}

fn one() -> f64 {
    1.0
}
fn half() -> f64 {
    0.5
}
fn default_deterrence() -> f64 {
    0.04
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GraphSpec {
    /// Mean number of connections per account.
    pub avg_degree: f64,
    /// Probability a connection stays inside the account's own district and group.
    pub homophily: f64,
    /// Probability a connection leaving the group still stays inside the district.
    pub locality: f64,
    /// Probability a connection goes to a nearby account in the same community (clustering).
    pub clustering: f64,
    /// Tail exponent of the degree distribution (Pareto); smaller = heavier tail.
    pub degree_tail: f64,
    /// Size of a community group (the `groups` feature).
    pub community_size: u32,
    /// Distance (in hexes) over which cross-district ties fall off by 1/e.
    pub distance_scale: f64,
    /// Load the ties between accounts from a CSV edge list (source,target; account ids 0..accounts,
    /// ordered by district then group as the scenario lists them) instead of generating them.
    /// A relative path is relative to the scenario file.
    pub edge_list: Option<String>,
}

impl Default for GraphSpec {
    fn default() -> Self {
        Self {
            avg_degree: 20.0,
            homophily: 0.7,
            locality: 0.6,
            clustering: 0.4,
            degree_tail: 2.5,
            community_size: 150,
            distance_scale: 1.5,
            edge_list: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlatformSpec {
    /// How well moderation understands each language, 0..1 (missing languages: 0.2).
    pub language_coverage: BTreeMap<String, f64>,
    /// Probability that automated detection catches a harmful post in a fully covered language.
    pub classifier_recall: f64,
    /// Probability that a legitimate post is flagged.
    pub false_positive_rate: f64,
    /// Human reviews per turn per 1000 accounts.
    pub review_capacity_per_1k: f64,
    /// Initial user trust in the platform, 0..1.
    pub user_trust: f64,
    /// Features the platform has at the start.
    pub features: FeaturesSpec,
    /// Probability per turn of catching an inauthentic account without any special effort.
    pub network_detection: f64,
    /// Whether removed content is kept for investigators from the start.
    pub evidence_preservation: bool,
    /// Whether officials' and state media's posts are exempt from labels, demotion and removal
    /// (the public-interest / newsworthiness exemption many platforms apply) until designated.
    pub state_exemption: bool,
}

impl Default for PlatformSpec {
    fn default() -> Self {
        Self {
            language_coverage: BTreeMap::new(),
            classifier_recall: 0.5,
            false_positive_rate: 0.01,
            review_capacity_per_1k: 2.0,
            user_trust: 0.6,
            features: FeaturesSpec::default(),
            network_detection: 0.01,
            evidence_preservation: false,
            state_exemption: true,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeaturesSpec {
    pub hashtags: bool,
    pub groups: bool,
    pub ads: bool,
    /// Chats one message can be forwarded to at once.
    pub forward_limit: u32,
}

impl Default for FeaturesSpec {
    fn default() -> Self {
        Self {
            hashtags: true,
            groups: true,
            ads: true,
            forward_limit: 20,
        }
    }
}

/// Credible sources, per 1000 accounts, placed in districts by local media / civil-society presence.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SourcesSpec {
    pub media_per_1k: f64,
    pub civil_society_per_1k: f64,
    pub humanitarian_per_1k: f64,
    pub officials_per_1k: f64,
    /// Posts per credible account per turn.
    pub posts_per_turn: f64,
    /// District risk (0..100) above which civil society starts posting warnings.
    pub warning_threshold: f64,
}

impl Default for SourcesSpec {
    fn default() -> Self {
        Self {
            media_per_1k: 2.0,
            civil_society_per_1k: 2.0,
            humanitarian_per_1k: 0.5,
            officials_per_1k: 0.5,
            posts_per_turn: 0.6,
            warning_threshold: 30.0,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerpetratorSpec {
    /// The group the organisation claims to speak for and recruits from.
    pub group: String,
    /// The group it targets.
    pub target: String,
    /// Shares of all accounts at the start.
    pub organiser_share: f64,
    pub amplifier_share: f64,
    pub inauthentic_share: f64,
    /// Dormant account slots the organisation can register later, per initial account.
    #[serde(default = "default_reserve")]
    pub reserve_factor: f64,
    /// Posts per organiser per turn.
    #[serde(default = "default_posts")]
    pub posts_per_turn: f64,
    /// Flooding: posts per inauthentic account per turn (the campaign's content, drawn from
    /// `mix`), on top of resharing. 0 (the default): fake accounts only amplify.
    #[serde(default)]
    pub flood: f64,
    /// Mix of what organisers post.
    #[serde(default)]
    pub mix: ContentMix,
    /// Probability that a hostile civilian reached by recruitment content joins as an amplifier.
    #[serde(default = "default_recruitment")]
    pub recruitment: f64,
    /// Probability per turn that a banned account comes back under a new registration.
    #[serde(default = "default_evasion")]
    pub ban_evasion: f64,
    /// New inauthentic accounts registered per turn, as a share of the initial organisation.
    #[serde(default = "default_growth")]
    pub growth: f64,
    /// Whether the organisation runs hashtag campaigns.
    #[serde(default = "yes")]
    pub hashtags: bool,
    /// Whether it buys ads.
    #[serde(default = "yes")]
    pub ads: bool,
    /// Account takeover attempts per turn per 1000 accounts, aimed at activists and sources.
    #[serde(default = "default_hacking")]
    pub hacking_per_1k: f64,
    /// Share of inauthentic accounts that impersonate officials or credible sources.
    #[serde(default = "default_impersonation")]
    pub impersonation: f64,
    /// Whether state media and officials belong to the organisation (state-led campaign).
    #[serde(default)]
    pub state_affiliated: bool,
    /// Turn from which the organisation is active.
    #[serde(default)]
    pub active_from: i64,
    /// Offline broadcast reach of a state media campaign (radio, television), 0..1: the share of
    /// the organisation's group that hears it each turn of a campaign. No platform measure
    /// reaches it.
    #[serde(default)]
    pub broadcast: f64,
    /// How hard a government behind the campaign (`state_affiliated`) strikes a district while
    /// the internet is cut there, using the shutdown as cover: its forces harm this many of every
    /// 100 000 exposed people of the targeted group a turn, as far as the district has gone dark
    /// (proxies keep part of it in view), whatever the online campaign does. 0 (the default):
    /// shutdowns change nothing offline. Gohdes (2015, 2020) finds shutdowns coincide with more,
    /// and less targeted, state violence in Syria.
    #[serde(default)]
    pub shutdown_cover: f64,
}

fn yes() -> bool {
    true
}
fn default_reserve() -> f64 {
    2.0
}
fn default_posts() -> f64 {
    2.0
}
fn default_recruitment() -> f64 {
    0.03
}
fn default_evasion() -> f64 {
    0.5
}
fn default_growth() -> f64 {
    0.02
}
fn default_hacking() -> f64 {
    0.2
}
fn default_impersonation() -> f64 {
    0.1
}

/// Relative weights of what the organisation posts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContentMix {
    pub incitement: f64,
    pub misinformation: f64,
    pub weapons: f64,
    pub recruitment: f64,
    pub target_lists: f64,
}

impl Default for ContentMix {
    fn default() -> Self {
        Self {
            incitement: 0.35,
            misinformation: 0.35,
            weapons: 0.1,
            recruitment: 0.1,
            target_lists: 0.1,
        }
    }
}

/// Something that happens in the world at a given turn (adversary moves, shocks).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    pub turn: i64,
    pub event: EventKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EventKind {
    /// The government cuts the internet in a district for some turns.
    InternetShutdown { district: String, turns: i64 },
    /// Legitimacy of public order drops (e.g. a contested vote, an assassination); "*" = everywhere.
    LegitimacyShock { district: String, drop: f64 },
    /// State media and officials push dehumanising content for some turns (x intensity posts).
    StateMediaCampaign { turns: i64, intensity: f64 },
    /// The organisation coins a hashtag and pushes it for some turns.
    HashtagDrive { tag: String, turns: i64 },
    /// Personal data of the target group in a district is dumped (share 0..1 harvested at once).
    Doxxing { district: String, share: f64 },
    /// A wave of account-takeover attempts (x normal rate) for one turn.
    HackingWave { intensity: f64 },
    /// A violent incident that raises fear and hostility in a district.
    Incident { district: String, harmed: f64 },
    /// The organisation's fake accounts flood feeds for some turns: each posts `posts` a turn on
    /// top of the scenario's `perpetrators.flood`.
    Flooding { posts: f64, turns: i64 },
    /// Peacekeepers (or any force neutral between the groups) deploy to a district for some
    /// turns: `strength` is added to its security-force density (Epstein's cops per cell,
    /// like a district's `deterrence`), deterring the active of every group.
    Peacekeepers {
        district: String,
        strength: f64,
        turns: i64,
    },
    /// Armed forces shell or bomb a district for some turns (a siege, an offensive): each turn
    /// `per_100k` of every 100 000 people of the targeted group still exposed there (at home,
    /// hosted, and the unprotected share of those sheltering) are harmed, whatever the platform
    /// does. Staying has a cost; leaving ends it.
    Shelling {
        district: String,
        per_100k: f64,
        turns: i64,
    },
}

/// An exercise objective, e.g. "O1: Warnings reach the Tesh community before attacks".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveSpec {
    pub id: String,
    pub text: String,
}

/// When an inject fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// At the start of this turn.
    Turn(i64),
    /// As soon as a district's atrocity-risk index exceeds a level ("*" = any district).
    RiskAbove { district: String, level: f64 },
    /// As soon as total civilians harmed exceed a number.
    HarmedAbove(f64),
    /// Contingency: `within` turns after inject `seq` fired, if its expected action was not taken.
    Contingency { seq: u32, within: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InjectType {
    Information,
    Event,
    Media,
    SocialPost,
}

/// One inject of the MSEL.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InjectSpec {
    /// Sequence number (unique).
    pub seq: u32,
    pub trigger: Trigger,
    #[serde(rename = "type")]
    pub kind: InjectType,
    /// Who delivers it (usually "facilitator", or a simulated actor) and which team receives it.
    #[serde(default = "facilitator")]
    pub from: String,
    pub to: String,
    pub description: String,
    /// What the players are expected to do, in words.
    pub expected: String,
    /// Interventions whose enabling counts as the expected action (any of them).
    #[serde(default)]
    pub expected_ids: Vec<String>,
    /// Objective id it tests.
    #[serde(default)]
    pub objective: String,
    /// What it does to the world when it fires, if anything.
    #[serde(default)]
    pub effect: Option<EventKind>,
    /// How it reaches the team (HSEEP's delivery method: "phone call", "email", "feed").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub delivery: String,
    /// The controller who delivers it in the room.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub controller: String,
    /// Controllers' notes (not shown to players).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

fn facilitator() -> String {
    "facilitator".into()
}
