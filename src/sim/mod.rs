//! THE MODEL. Plain Rust: no Bevy, no egui, no wall clock, no hash-map iteration order.
//! The same scenario, seed and decision plan give bit-identical results.
//!
//! `World::new` builds a region, a social graph and its accounts from a scenario; `World::step`
//! advances one turn: events, the perpetrator organisation, posting, moderation, cascades,
//! civilians offline, violence, platform trust, metrics. MODEL.md documents every mechanism.

pub mod actors;
pub mod adversary;
mod build;
pub mod command;
pub mod content;
mod diffusion;
pub use diffusion::CASCADE_LIFETIME_MINUTES;
pub(crate) use diffusion::forward_recipients;
pub mod epstein;
pub mod exercise;
pub mod interventions;
pub mod kernels;
pub mod metrics;
mod moderation;
pub mod movement;
pub mod network;
mod offline;
mod organisation;
pub mod params;
pub mod policy;
mod posting;
pub mod red;
pub mod region;
pub mod rng;
pub mod spec;

use rand::RngExt;

use actors::{Accounts, Role, flag};
use content::Kind;
use metrics::{Outcome, Values};
use network::{Csr, Layout};
use params::ModelParams;
use policy::Policy;
use region::Region;
use rng::{Stream, chance, stream};
use spec::{Event, WorldSpec};

/// Per-district state that changes during a run.
#[derive(Debug, Clone, Default)]
pub struct DistrictState {
    /// Connectivity now (the scenario's, or 0 during a shutdown).
    pub connectivity: f64,
    pub shutdown_until: u32,
    /// Legitimacy of public order as the perpetrators' side sees it now (Epstein's L): the
    /// base, less what belief in misinformation has taken from it.
    pub legitimacy: f64,
    /// The scenario's legitimacy after events' shocks.
    pub legitimacy_base: f64,
    /// Legitimacy of public order as the targeted group sees it (shocks, and the state's own
    /// violence against it).
    pub legitimacy_targeted: f64,
    /// Mean belief in misinformation of the perpetrators' side here at the start (weighted).
    pub belief_start: f64,
    /// Peacekeepers' security-force density here until `peacekeepers_until`.
    pub peacekeepers: f64,
    pub peacekeepers_until: u32,
    /// Shelling (an `EventKind::Shelling`): people of the targeted group harmed per 100 000
    /// exposed per turn until `shelling_until`.
    pub shelling: f64,
    pub shelling_until: u32,
    /// Harm an exposed person of the targeted group here could expect last turn (attacks,
    /// raids, shelling), per turn: what a traveller crossing the district meets, more exposed.
    pub harm_rate: f64,
    /// Perpetrators' coordination capacity, 0..1 (weapons, recruits, target lists).
    pub coordination: f64,
    /// Share of the targeted group whose personal data perpetrators hold, 0..1.
    pub harvested: f64,
    /// Atrocity-risk index, 0..100.
    pub risk: f64,
    /// Risk of revenge: the same index for reprisals by the targeted group, 0..100.
    pub revenge_risk: f64,
    /// Share of the district's live accounts whose feed holds more than their attention: there,
    /// what else is posted (warnings included) is seen less (limited attention, MODEL.md §7).
    pub feeds_full: f64,
    /// Reprisal attacks by the targeted group this turn.
    pub reprisals: u32,
    /// Epstein arrest probability P this turn.
    pub arrest_probability: f64,
    /// Share of potential perpetrators active last turn (Epstein's A, as a density).
    pub active_share: f64,
    pub mobilised_people: f64,
    pub attacks: u32,
    /// Attacks in the previous turn (witnesses post about them this turn).
    pub attacks_last: u32,
    pub harmed_this_turn: f64,
    /// People per state for each group: [home, sheltering, displaced, harmed] (displaced: left
    /// this district, wherever they are now; harmed: harmed here before leaving).
    pub stocks: Vec<[f64; 4]>,
    /// People of the targeted group displaced into this district from others, living among its
    /// people and as exposed as those at home.
    pub hosted: f64,
    /// People of the targeted group who reached this district as a safe haven.
    pub in_haven: f64,
    /// Warnings that reached the district this turn (exposures).
    pub warnings: u32,
    /// Whether an emergency alert was pushed this turn.
    pub alert: bool,
    pub harmful_views: f64,
    /// Coordination contacts this turn.
    pub coordination_contacts: u32,
    pub accounts: u32,
    /// Communication capacity of civilians here, 0..1.
    pub comm_capacity: f64,
    /// Harmful posts from here the classifiers flagged this turn, and last turn (a signal the
    /// platform has).
    pub flagged_harm: u32,
    pub flagged_harm_last: u32,
}

impl DistrictState {
    /// Shelling here at turn `t`, per 100 000 exposed people (0 once it has stopped).
    pub fn shelling_at(&self, t: u32) -> f64 {
        if self.shelling_until > t {
            self.shelling
        } else {
            0.0
        }
    }

    /// Peacekeepers' security-force density here at turn `t` (0 once they have left).
    pub fn peacekeepers_at(&self, t: u32) -> f64 {
        if self.peacekeepers_until > t {
            self.peacekeepers
        } else {
            0.0
        }
    }
}

/// Something the event ticker and the report can show. Structured, so the UI can translate it.
#[derive(Debug, Clone, PartialEq)]
pub enum Happening {
    Attacks {
        district: u16,
        attacks: u32,
        harmed: f64,
    },
    /// People detained in raids working from harvested lists.
    Detentions {
        district: u16,
        people: f64,
    },
    /// Reprisal attacks by members of the targeted group on the perpetrators' group.
    Reprisals {
        district: u16,
        attacks: u32,
        harmed: f64,
    },
    /// A haven had no room left for everyone arriving: the rest stay at its edge, exposed.
    HavenFull {
        district: u16,
    },
    /// Old rumours posted again this turn: how many, the district most of them are about, and
    /// the turn the oldest was first seen (0-based).
    RumoursResurfaced {
        count: u32,
        district: u16,
        first_seen: u32,
    },
    PeacekeepersArrived {
        district: u16,
        turns: u32,
    },
    /// Shelling of a district began (it harms the people still there each turn).
    ShellingStarted {
        district: u16,
        turns: u32,
    },
    ShutdownStarted {
        district: u16,
        turns: u32,
    },
    ShutdownEnded {
        district: u16,
    },
    LegitimacyShock {
        district: Option<u16>,
        drop: f64,
    },
    StateMediaCampaign {
        turns: u32,
    },
    HashtagDrive {
        tag: String,
    },
    Doxxing {
        district: u16,
        share: f64,
    },
    HackingWave,
    /// The organisation's fake accounts started flooding feeds.
    Flooding {
        posts: f64,
        turns: u32,
    },
    AccountsBanned {
        count: u32,
    },
    AccountsRegistered {
        count: u32,
        blocked: u32,
    },
    AccountsCompromised {
        count: u32,
    },
    /// The organisation moved effort out of a channel that stopped delivering.
    EffortShifted {
        from: adversary::Channel,
        to: adversary::Channel,
        points: f64,
    },
    AlertIssued {
        district: u16,
    },
    Displacement {
        district: u16,
        people: f64,
    },
    Incident {
        district: u16,
        harmed: f64,
    },
    /// A team's decision (enable / disable / set an intervention).
    Decision {
        team: interventions::Team,
        entry: usize,
        verb: &'static str,
    },
    /// A planned command that could not be applied.
    CommandRejected {
        verb: &'static str,
        entry: Option<usize>,
        reason: String,
    },
    /// The government retaliated against the platform with a shutdown.
    Retaliation {
        district: u16,
    },
    /// A scenario inject reached the teams.
    InjectFired {
        seq: u32,
    },
    /// The facilitator wrote an inject on the spot.
    AdHocInject {
        description: String,
    },
}

/// A post as the feed view sees it (current turn only).
#[derive(Debug, Clone)]
pub struct PostSummary {
    pub kind: Kind,
    pub author_role: Role,
    pub district: u16,
    pub about_group: u8,
    pub hashtag: Option<u16>,
    /// Turn it went up in (a cascade runs on across turns: earlier posts still spreading are
    /// listed too); for a rumour posted again, the turn it first went up in.
    pub posted: u32,
    /// A rumour posted again after it had stopped spreading.
    pub resurfaced: bool,
    /// Accounts it reached this turn, and reshares this turn.
    pub views: u32,
    pub shares: u32,
    pub removed: bool,
    pub labelled: bool,
    /// The platform's classifiers flagged it (content levers acted on it); on a legitimate post
    /// this is a mistake.
    pub flagged: bool,
    /// A state voice's post under the public-interest exemption (never acted on).
    pub exempt: bool,
    pub trusted_look: bool,
    pub ad: bool,
}

#[derive(Debug, Clone)]
pub struct Hashtag {
    pub name: String,
    /// Belongs to the perpetrators' campaign (else civil society's warning tag).
    pub perpetrator: bool,
    pub active_until: u32,
}

/// Running totals behind the cumulative outcomes.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Rumours posted again after they had stopped spreading.
    pub resurfaced: u64,
    /// People harmed in offline violence, of every group (reprisals included).
    pub harmed: f64,
    /// Of which people of the perpetrators' group harmed in reprisals.
    pub reprisal_harmed: f64,
    /// Of which people harmed while fleeing, on the way.
    pub harmed_in_flight: f64,
    /// People who reached a safe haven, and who left the region.
    pub reached_haven: f64,
    pub left_region: f64,
    /// Of civilians harmed, displaced people harmed where they were staying.
    pub harmed_hosted: f64,
    pub harmed_by_data: f64,
    pub displaced: f64,
    pub protected: f64,
    pub compromised: u64,
    /// Accounts of detained people their captors took over (seized phones), fractional.
    pub seized_accounts: f64,
    pub harmful_views: f64,
    pub coordination_events: u64,
    pub legit_removed: u64,
    pub evidence_lost: u64,
    pub evidence_preserved: u64,
    pub harmful_removed: u64,
    /// Harmful posts the platform's classifiers flagged (removed or only labelled/demoted).
    pub harmful_flagged: u64,
    /// Harmful posts the platform could act on (state voices' exempt posts excluded).
    pub harmful_posts: u64,
    /// Harmful posts removed within 60 minutes of posting.
    pub removed_within_hour: u64,
    /// Legitimate posts mistaken for harmful ones, by kind: flagged for soft actions, and removed.
    pub legit_flagged: [u64; content::N_KINDS],
    pub legit_removed_kind: [u64; content::N_KINDS],
    pub perpetrators_peak: u32,
    pub bans: u64,
    /// Accounts of civilians, sources and activists suspended on a record of wrongful removals.
    pub wrongful_bans: u64,
    /// Reshares of misinformation by civilians (accounts outside the organisation).
    pub civilian_misinfo_shares: u64,
    pub registrations_blocked: u64,
    /// Genuine newcomers whose registration was turned away (screening's mistakes, a pause).
    pub newcomers_blocked: u64,
}

/// Perpetrator organisation bookkeeping.
#[derive(Debug, Clone, Default)]
pub struct Organisation {
    pub group: u8,
    pub target: u8,
    /// Dormant slots not yet registered, in registration order.
    pub reserve: Vec<u32>,
    pub reserve_next: usize,
    pub initial_size: u32,
    /// Turns at which banned members try to come back.
    pub returning: Vec<u32>,
    pub state_campaign_until: u32,
    pub state_campaign_intensity: f64,
    pub hacking_wave: f64,
    /// A flooding drive (`EventKind::Flooding`): extra posts per fake account a turn, until.
    pub flood_posts: f64,
    pub flood_until: u32,
    /// Turns hashtags have been unavailable to the organisation (coded language grows with it).
    pub hashtag_denied_turns: u32,
    pub live: u32,
    /// Banned members organising off the platform (other platforms, encrypted apps) per district.
    pub offplatform: Vec<u32>,
    /// Its effort over channels, moved each turn towards what worked.
    pub effort: adversary::Effort,
}

/// The whole simulated world.
#[derive(Debug, Clone)]
pub struct World {
    /// What the world was built from (the scenario, lowered).
    pub spec: std::sync::Arc<WorldSpec>,
    pub seed: u64,
    /// Turns completed so far.
    pub turn: u32,
    pub params: ModelParams,
    pub region: Region,
    pub layout: Layout,
    pub graph: Csr,
    pub acc: Accounts,
    pub strikes: Vec<u8>,
    pub policy: Policy,
    pub districts: Vec<DistrictState>,
    pub org: Organisation,
    pub hashtags: Vec<Hashtag>,
    pub totals: Totals,
    pub user_trust: f64,
    /// Review queue length (items waiting for a human).
    pub backlog: f64,
    /// Outcomes after each completed turn.
    pub series: Vec<Values>,
    /// Risk per district after each completed turn.
    pub risk_series: Vec<Vec<f64>>,
    /// The risk index per district from the starting attitudes (display before the first turn).
    pub outlook: Vec<f64>,
    pub happenings: Vec<(u32, Happening)>,
    /// Where the people who fled this turn went.
    pub flows: Vec<movement::Flow>,
    /// Cascades still running at the end of the last turn: they go on in the next.
    pub(crate) running: Vec<diffusion::Running>,
    /// Rumours that caught on and stopped spreading, oldest first: they may resurface.
    pub(crate) dormant: Vec<diffusion::Dormant>,
    pub posts: Vec<PostSummary>,
    /// Language coverage of moderation per language index.
    pub coverage: Vec<f64>,
    /// Interventions in force, in the order they were enabled.
    pub active: Vec<interventions::Active>,
    /// Every command applied, in order: the decision log.
    pub log: Vec<command::Command>,
    /// Commands queued for later turns (from a plan).
    pub pending: Vec<command::Command>,
    /// What happened to each scenario inject (same order as `scenario.injects`).
    pub inject_states: Vec<exercise::InjectState>,
    /// Injects the facilitator wrote during the exercise.
    pub adhoc: Vec<exercise::AdHocInject>,
    /// The facilitator lifted the teams' capacity budgets.
    pub budgets_waived: bool,
    /// Who plays the organisation, and the moves it played.
    pub red: red::RedCell,
    /// Shares made this turn per account (rate limits, attention).
    turn_shares: Vec<u16>,
    /// Per account: the feed items its shares offered each neighbour this turn (sum over its
    /// shares of the chance a neighbour sees one: the platform's ranking of each).
    feed_offer: Vec<f32>,
    /// Per account: how many feed items its neighbours' shares offer it in a turn (a moving
    /// average over turns); limited attention (`ModelParams::feed_attention`) reads it.
    feed_load: Vec<f32>,
    cascade_stamp: u32,
}

/// Why a world could not be built (scenarios are validated before this; these are the
/// remaining run-time limits).
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum BuildError {
    #[error("the scenario has no accounts to simulate")]
    NoAccounts,
    #[error("{accounts} accounts need about {needed_mib} MiB, more than the {limit_mib} MiB limit")]
    TooLarge {
        accounts: u64,
        needed_mib: u64,
        limit_mib: u64,
    },
}

/// Memory the model needs for `accounts` accounts of mean degree `avg_degree` (bytes).
pub fn memory_estimate(accounts: u64, avg_degree: f64, reserve_accounts: u64) -> u64 {
    // Saturating: a hostile account count gives u64::MAX ("too large"), never an overflow.
    let n = accounts.saturating_add(reserve_accounts);
    let edge_ends = (n as f64 * avg_degree.max(0.0)) as u64;
    // Accounts, CSR (offsets + targets) and the pair list used while building.
    n.saturating_mul(Accounts::BYTES_PER_ACCOUNT as u64 + 16)
        .saturating_add(edge_ends.saturating_mul(4))
        .saturating_add((edge_ends / 2).saturating_mul(8))
}

/// Default memory limit for a world (overridable by the CLI).
pub const DEFAULT_MEMORY_LIMIT_MIB: u64 = 8 * 1024;

// Model numbers of the turn's frame (MODEL.md §18 lists every one).

/// Classifier coverage of a language the scenario does not list. Assumption.
pub const UNLISTED_LANGUAGE_COVERAGE: f64 = 0.2;
/// Share of the targeted group above which a district can be a retaliatory shutdown's target.
/// Assumption.
pub const RETALIATION_MIN_TARGET_SHARE: f64 = 0.2;
/// Chance, per unit of shutdown resistance, that pressure averts a shutdown
/// (`shutdown_pressure`). Assumption.
pub const SHUTDOWN_AVERTED: f64 = 0.5;
/// Share of a shutdown's length pressure takes off, per unit of resistance
/// (`shutdown_pressure`). Assumption.
pub const SHUTDOWN_SHORTENED: f64 = 0.5;
/// Trust in the platform lost per alert followed by no attack in its district
/// (`emergency_alerts`). Assumption.
pub const FALSE_ALARM_TRUST_COST: f64 = 0.002;
/// Highest trust in the platform relative to its start (trust that grows has a ceiling).
/// Assumption.
pub const MAX_TRUST_RATIO: f64 = 1.5;

impl World {
    /// Build the world `spec` describes (a `&Scenario` lowers to one) for `seed`.
    pub fn new(spec: impl Into<std::sync::Arc<WorldSpec>>, seed: u64) -> Result<World, BuildError> {
        Self::with_limit(spec, seed, DEFAULT_MEMORY_LIMIT_MIB)
    }

    pub fn with_limit(
        spec: impl Into<std::sync::Arc<WorldSpec>>,
        seed: u64,
        limit_mib: u64,
    ) -> Result<World, BuildError> {
        let spec: std::sync::Arc<WorldSpec> = spec.into();
        let scenario = &*spec;
        let (n_base, n_reserve) = Self::sizes(scenario, limit_mib)?;
        let perp = &scenario.perpetrators;

        let params = scenario.model.clone();
        let region = Region::from_spec(scenario);
        let nd = region.districts.len();
        let counts = region.apportion(n_base);
        let layout = Layout::new(&counts);
        let mut rng = stream(seed, 0, Stream::Build);

        let mut acc =
            build::place_accounts(scenario, &region, &layout, n_base, n_reserve, &mut rng);
        let members = build::assign_roles(scenario, &region, &layout, &mut acc, n_base, &mut rng);
        let n = acc.district.len();
        let graph = build::wire(scenario, &region, &layout, &acc, &members, n_base, seed);
        let mut districts = build::district_states(&region, &layout);
        let coverage = scenario.platform.coverage.clone();

        let org = Self::organisation(&params, perp, members.len(), n_base..n, &mut rng);
        let hashtags = Self::starting_hashtags(perp.hashtags);

        let mut world = World {
            spec: spec.clone(),
            seed,
            turn: 0,
            params,
            strikes: vec![0; n],
            turn_shares: vec![0; n],
            feed_offer: vec![0.0; n],
            feed_load: vec![0.0; n],
            policy: Policy::neutral(nd),
            districts: std::mem::take(&mut districts),
            org,
            hashtags,
            totals: Totals::default(),
            user_trust: scenario.platform.user_trust,
            backlog: 0.0,
            series: Vec::new(),
            risk_series: Vec::new(),
            outlook: Vec::new(),
            happenings: Vec::new(),
            flows: Vec::new(),
            running: Vec::new(),
            dormant: Vec::new(),
            posts: Vec::new(),
            coverage,
            region,
            layout,
            graph,
            acc,
            cascade_stamp: 0,
            active: Vec::new(),
            log: Vec::new(),
            pending: Vec::new(),
            inject_states: vec![exercise::InjectState::default(); scenario.injects.len()],
            adhoc: Vec::new(),
            budgets_waived: false,
            red: red::RedCell::default(),
        };
        world.before_the_first_turn();
        Ok(world)
    }

    /// The organisation at the start: its `members`, its reserve slots (`reserve`, in a
    /// registration order the seed fixes), its effort at habit.
    fn organisation(
        params: &ModelParams,
        perp: &spec::Perpetrators,
        members: usize,
        reserve: std::ops::Range<usize>,
        rng: &mut rand_chacha::ChaCha8Rng,
    ) -> Organisation {
        let mut reserve: Vec<u32> = (reserve.start as u32..reserve.end as u32).collect();
        for i in (1..reserve.len()).rev() {
            let j = rng.random_range(0..=i);
            reserve.swap(i, j);
        }
        Organisation {
            group: perp.group as u8,
            target: perp.target as u8,
            reserve,
            reserve_next: 0,
            initial_size: members as u32,
            live: members as u32,
            effort: adversary::Effort::new(params, perp.hashtags, perp.ads),
            ..Default::default()
        }
    }

    /// Accounts and the organisation's reserve slots a spec asks for, within `limit_mib`.
    fn sizes(spec: &WorldSpec, limit_mib: u64) -> Result<(usize, usize), BuildError> {
        let n_base = spec.accounts;
        if n_base == 0 {
            return Err(BuildError::NoAccounts);
        }
        let perp = &spec.perpetrators;
        let initial_org = ((perp.organiser_share + perp.amplifier_share + perp.inauthentic_share)
            * n_base as f64)
            .round()
            .max(0.0) as usize;
        let n_reserve = (initial_org as f64 * perp.reserve_factor.max(0.0)).round() as usize;
        let needed = memory_estimate(n_base as u64, spec.graph.avg_degree, n_reserve as u64);
        if needed / (1024 * 1024) > limit_mib {
            return Err(BuildError::TooLarge {
                accounts: n_base as u64,
                needed_mib: needed / (1024 * 1024),
                limit_mib,
            });
        }
        Ok((n_base, n_reserve))
    }

    /// The hashtags at the start: civilians' #StaySafe, and the organisation's own if it runs
    /// hashtag campaigns.
    fn starting_hashtags(perpetrator_tags: bool) -> Vec<Hashtag> {
        let mut hashtags = vec![Hashtag {
            name: "#StaySafe".into(),
            perpetrator: false,
            active_until: u32::MAX,
        }];
        if perpetrator_tags {
            hashtags.push(Hashtag {
                name: "#DefendOurLand".into(),
                perpetrator: true,
                active_until: u32::MAX,
            });
        }
        hashtags
    }

    /// A built world made ready to play: the measures prepared before the crisis, the policy,
    /// the starting beliefs and risk outlook, turn 0's injects.
    fn before_the_first_turn(&mut self) {
        let spec = self.spec.clone();
        build::prepare_measures(self, &spec);
        self.refresh_policy(0);
        for (d, b) in offline::perpetrator_side_belief(self)
            .into_iter()
            .enumerate()
        {
            self.districts[d].belief_start = b;
        }
        self.outlook = offline::risk_outlook(self);
        // Injects of turn 0 reach the teams before their first decisions.
        self.evaluate_injects(0);
        self.totals.perpetrators_peak = self.org.live;
    }

    pub fn turns(&self) -> u32 {
        self.spec.turns
    }

    pub fn finished(&self) -> bool {
        self.turn >= self.turns()
    }

    pub fn n_accounts(&self) -> usize {
        self.acc.len()
    }

    /// The platform as the scenario describes it, before any intervention.
    pub fn base_policy(&self) -> Policy {
        let nd = self.region.districts.len();
        let mut p = Policy::neutral(nd);
        let f = &self.spec.platform;
        for d in p.districts.iter_mut() {
            d.hashtags = f.hashtags;
            d.groups = if f.groups { 1.0 } else { 0.0 };
            d.forward_limit = f.forward_limit;
        }
        p.region.untrusted_ads = if f.ads { 1.0 } else { 0.0 };
        p.region.network_detection = self.spec.platform.network_detection;
        p.region.evidence_preservation = self.spec.platform.evidence_preservation;
        p.region.state_exemption = self.spec.platform.state_exemption;
        p
    }

    /// Rebuild the platform policy: the scenario's platform, then every intervention in force.
    pub fn refresh_policy(&mut self, t: u32) {
        let mut policy = self.base_policy();
        interventions::apply_all(
            &mut policy,
            &self.active,
            t,
            self.spec.perpetrators.state_affiliated,
            &self.spec.budgets,
        );
        self.policy = policy;
    }

    /// A government behind the campaign may answer platform action with a shutdown.
    fn retaliation(&mut self, t: u32) {
        let p = self.policy.region.retaliation;
        if p <= 0.0 || !self.spec.perpetrators.state_affiliated {
            return;
        }
        let mut rng = rng::about(
            self.seed,
            t,
            Stream::Interventions,
            rng::Subject::Region(rng::Purpose::Retaliation),
        );
        if !chance(&mut rng, p) {
            return;
        }
        let target = self.org.target as usize;
        let candidates: Vec<usize> = (0..self.districts.len())
            .filter(|&d| {
                self.region.districts[d].shares[target] > RETALIATION_MIN_TARGET_SHARE
                    && self.districts[d].shutdown_until <= t
            })
            .collect();
        if candidates.is_empty() {
            return;
        }
        let d = candidates[rng.random_range(0..candidates.len())];
        self.districts[d].shutdown_until = t + 2;
        self.happenings
            .push((t, Happening::Retaliation { district: d as u16 }));
    }

    /// Per account: how many feed items its neighbours' shares offer it in a turn (moving
    /// average; limited attention reads it).
    pub fn feed_load(&self) -> &[f32] {
        &self.feed_load
    }

    /// Posts each fake account puts out at turn `t`: the scenario's habit plus a flooding drive
    /// while it lasts (`EventKind::Flooding`).
    pub fn flood_posts_at(&self, t: u32) -> f64 {
        let drive = if t < self.org.flood_until {
            self.org.flood_posts
        } else {
            0.0
        };
        self.spec.perpetrators.flood + drive
    }

    /// People haven `d` still has room for (infinite without a capacity; 0 for a district that
    /// is not a haven).
    pub fn haven_room(&self, d: usize) -> f64 {
        let dist = &self.region.districts[d];
        if dist.haven {
            (dist.capacity - self.districts[d].in_haven).max(0.0)
        } else {
            0.0
        }
    }

    /// Advance one turn.
    pub fn step(&mut self) {
        if self.finished() {
            return;
        }
        let t = self.turn;
        self.posts.clear();
        self.flows.clear();
        for d in self.districts.iter_mut() {
            d.attacks_last = d.attacks;
            d.attacks = 0;
            d.reprisals = 0;
            d.flagged_harm_last = d.flagged_harm;
            d.flagged_harm = 0;
            d.harmed_this_turn = 0.0;
            d.warnings = 0;
            d.alert = false;
            d.harmful_views = 0.0;
            d.coordination_contacts = 0;
        }
        self.turn_shares.iter_mut().for_each(|s| *s = 0);
        for (cmd, error) in self.apply_pending(t) {
            self.happenings.push((
                t,
                Happening::CommandRejected {
                    verb: cmd.action.verb(),
                    entry: cmd.action.intervention(),
                    reason: error.to_string(),
                },
            ));
        }
        self.moves_due(t);
        red::decide(self, t);
        self.refresh_policy(t);
        self.scheduled_events(t);
        self.retaliation(t);
        self.update_connectivity(t);
        organisation::step(self, t);
        let mut posts = posting::create_posts(self, t);
        posts.extend(diffusion::resurface(self, t));
        let posts = moderation::moderate(self, t, posts);
        diffusion::spread(self, t, &posts);
        organisation::after_spread(self, t);
        red::after_turn(self, t);
        offline::civilians(self, t);
        offline::legitimacy(self);
        offline::violence(self, t);
        self.platform_trust();
        self.record();
        self.turn += 1;
        // Injects for the next turn reach the teams now, before its decision phase.
        if !self.finished() {
            self.evaluate_injects(self.turn);
        }
    }

    /// Run to the end.
    pub fn run(&mut self) {
        while !self.finished() {
            self.step();
        }
    }

    fn scheduled_events(&mut self, t: u32) {
        let spec = self.spec.clone();
        for (i, ev) in spec.events.iter().enumerate() {
            if ev.turn == t {
                let mut erng =
                    rng::about(self.seed, t, Stream::Events, rng::Subject::Event(i as u32));
                self.apply_event(&ev.event, t, &mut erng);
            }
        }
    }

    /// Apply one world event (scheduled in the scenario, or fired by a facilitator).
    pub fn apply_event(&mut self, event: &Event, t: u32, erng: &mut rand_chacha::ChaCha8Rng) {
        let happening = match self.district_event(event, t, erng) {
            Some(Some(h)) => h,
            // Averted (pressure on the government): nothing happens.
            Some(None) => return,
            None => match self.region_event(event, t) {
                Some(h) => h,
                None => return,
            },
        };
        self.happenings.push((t, happening));
    }

    /// An event in one district: what happened (`Some(None)`: it was averted), or `None` for
    /// an event of the whole region.
    fn district_event(
        &mut self,
        event: &Event,
        t: u32,
        erng: &mut rand_chacha::ChaCha8Rng,
    ) -> Option<Option<Happening>> {
        Some(Some(match *event {
            Event::InternetShutdown { district, turns } => {
                // Pressure on the government can avert or shorten a shutdown.
                let resist = self.policy.region.shutdown_resistance;
                if chance(erng, resist * SHUTDOWN_AVERTED) {
                    return Some(None);
                }
                let turns = (turns as f64 * (1.0 - SHUTDOWN_SHORTENED * resist)).round() as u32;
                self.districts[district].shutdown_until = t + turns;
                Happening::ShutdownStarted {
                    district: district as u16,
                    turns,
                }
            }
            Event::Doxxing { district, share } => {
                let h = &mut self.districts[district].harvested;
                let exposure = self.policy.districts[district].exposure;
                *h = (*h + share * exposure.min(1.0) * (1.0 - *h)).clamp(0.0, 1.0);
                Happening::Doxxing {
                    district: district as u16,
                    share,
                }
            }
            Event::Peacekeepers {
                district,
                strength,
                turns,
            } => {
                let state = &mut self.districts[district];
                state.peacekeepers = strength;
                state.peacekeepers_until = t + turns;
                Happening::PeacekeepersArrived {
                    district: district as u16,
                    turns,
                }
            }
            Event::Shelling {
                district,
                per_100k,
                turns,
            } => {
                let state = &mut self.districts[district];
                state.shelling = per_100k;
                state.shelling_until = t + turns;
                Happening::ShellingStarted {
                    district: district as u16,
                    turns,
                }
            }
            Event::Incident { district, harmed } => {
                offline::harm(self, district, harmed, 0.0);
                self.districts[district].attacks += 1;
                Happening::Incident {
                    district: district as u16,
                    harmed,
                }
            }

            _ => return None,
        }))
    }

    /// An event of the whole region (or of every district); `None` for a district's event.
    fn region_event(&mut self, event: &Event, t: u32) -> Option<Happening> {
        Some(match event {
            &Event::LegitimacyShock { district, drop } => {
                for (d, state) in self.districts.iter_mut().enumerate() {
                    if district.is_none_or(|x| x == d) {
                        state.legitimacy = (state.legitimacy - drop).clamp(0.0, 1.0);
                        state.legitimacy_base = (state.legitimacy_base - drop).clamp(0.0, 1.0);
                        state.legitimacy_targeted =
                            (state.legitimacy_targeted - drop).clamp(0.0, 1.0);
                    }
                }
                Happening::LegitimacyShock {
                    district: district.map(|d| d as u16),
                    drop,
                }
            }
            &Event::StateMediaCampaign { turns, intensity } => {
                self.org.state_campaign_until = t + turns;
                self.org.state_campaign_intensity = intensity;
                Happening::StateMediaCampaign { turns }
            }
            Event::HashtagDrive { tag, turns } => {
                self.hashtags.push(Hashtag {
                    name: tag.clone(),
                    perpetrator: true,
                    active_until: t + turns,
                });
                Happening::HashtagDrive { tag: tag.clone() }
            }
            &Event::HackingWave { intensity } => {
                self.org.hacking_wave = intensity;
                Happening::HackingWave
            }
            &Event::Flooding { posts, turns } => {
                self.org.flood_posts = posts;
                self.org.flood_until = t + turns;
                Happening::Flooding { posts, turns }
            }
            Event::InternetShutdown { .. }
            | Event::Doxxing { .. }
            | Event::Peacekeepers { .. }
            | Event::Shelling { .. }
            | Event::Incident { .. } => return None,
        })
    }

    fn update_connectivity(&mut self, t: u32) {
        for (d, state) in self.districts.iter_mut().enumerate() {
            let base = self.region.districts[d].connectivity;
            if state.shutdown_until > t {
                state.connectivity = self.policy.districts[d].shutdown_floor.min(base);
            } else {
                if state.connectivity < base && state.shutdown_until == t && t > 0 {
                    self.happenings
                        .push((t, Happening::ShutdownEnded { district: d as u16 }));
                }
                state.connectivity = base;
            }
        }
    }

    fn platform_trust(&mut self) {
        let p = &self.params;
        let per_100k = self.acc.len() as f64 / 100_000.0;
        let removed_now = self
            .series
            .last()
            .map_or(0.0, |v| v[Outcome::LegitimateContentRemoved]);
        let removed_turn = self.totals.legit_removed as f64 - removed_now;
        let capacity = self.comm_capacity();
        let base = self.spec.platform.user_trust;
        let mut trust = self.user_trust;
        trust -= p.trust_removal_cost * removed_turn / per_100k.max(1e-9) / 1000.0;
        trust -= p.trust_capacity_cost * (1.0 - capacity);
        trust -= self.policy.region.trust_drain;
        // Alerts followed by nothing cost credibility.
        let false_alarms = self
            .districts
            .iter()
            .filter(|d| d.alert && d.attacks == 0)
            .count();
        trust -= FALSE_ALARM_TRUST_COST * false_alarms as f64;
        trust += p.trust_recovery * (base - trust).max(0.0);
        self.user_trust = trust.clamp(0.0, 1.0);
    }

    /// Connections below which an account looks small (young, or not embedded) to the platform:
    /// the trust threshold ranks it down, network detection may take it for a fake.
    pub fn low_trust_degree(&self) -> f64 {
        self.params.low_trust_degree_share * self.spec.graph.avg_degree
    }

    /// Trust in the platform relative to where the scenario starts it (1 = unchanged), clamped
    /// to 0..1.5: what people's behaviour reads (warnings acted on, reports, staying reachable).
    pub fn trust_ratio(&self) -> f64 {
        let base = self.spec.platform.user_trust;
        if base <= 0.0 {
            return 1.0;
        }
        (self.user_trust / base).clamp(0.0, MAX_TRUST_RATIO)
    }

    /// Population-weighted communication capacity of civilians, 0..1.
    pub fn comm_capacity(&self) -> f64 {
        let mut num = 0.0;
        let mut den = 0.0;
        for (d, dist) in self.region.districts.iter().enumerate() {
            num += dist.population * self.districts[d].comm_capacity;
            den += dist.population;
        }
        if den > 0.0 { num / den } else { 1.0 }
    }

    fn record(&mut self) {
        let v = self.observe();
        self.risk_series
            .push(self.districts.iter().map(|d| d.risk).collect());
        self.series.push(v);
    }

    /// District `d`'s risk index as the map shows it: the model's own once a turn has been
    /// played; before that, the outlook from the starting attitudes (the model's starts at 0).
    pub fn risk_shown(&self, d: usize) -> f64 {
        if self.turn == 0 {
            self.outlook.get(d).copied().unwrap_or(0.0)
        } else {
            self.districts[d].risk
        }
    }

    /// The outcomes as they stand now (what `record` stores after each turn; before the first
    /// turn, the starting state: trust, communication capacity and belief are not zero).
    pub fn observe(&self) -> Values {
        let mut v = Values::default();
        let t = &self.totals;
        v.set(Outcome::CiviliansHarmed, t.harmed);
        v.set(Outcome::CiviliansDisplaced, t.displaced);
        v.set(Outcome::CiviliansProtected, t.protected);
        v.set(Outcome::HarmEnabledByExposedData, t.harmed_by_data);
        v.set(Outcome::HarmedInReprisals, t.reprisal_harmed);
        v.set(Outcome::HarmedInFlight, t.harmed_in_flight);
        v.set(Outcome::ReachedHaven, t.reached_haven);
        v.set(
            Outcome::AccountsCompromised,
            t.compromised as f64 + t.seized_accounts,
        );
        v.set(Outcome::HarmfulImpressions, t.harmful_views);
        v.set(Outcome::CoordinationEvents, t.coordination_events as f64);
        v.set(Outcome::LegitimateContentRemoved, t.legit_removed as f64);
        v.set(
            Outcome::HarmfulPostsMissed,
            t.harmful_posts.saturating_sub(t.harmful_flagged) as f64,
        );
        v.set(
            Outcome::HarmRemovedWithinHour,
            if t.harmful_posts > 0 {
                t.removed_within_hour as f64 / t.harmful_posts as f64
            } else {
                0.0
            },
        );
        v.set(
            Outcome::LegitimatePostsFlagged,
            t.legit_flagged.iter().sum::<u64>() as f64,
        );
        v.set(Outcome::EvidenceLost, t.evidence_lost as f64);
        v.set(Outcome::ModerationBacklog, self.backlog);
        v.set(Outcome::UserTrust, self.user_trust);
        v.set(Outcome::CivilianCommCapacity, self.comm_capacity());
        v.set(
            Outcome::PerpetratorAccountsPeak,
            self.totals.perpetrators_peak as f64,
        );

        self.observe_reach(&mut v);
        let mobilised: f64 = self.districts.iter().map(|d| d.mobilised_people).sum();
        v.set(Outcome::MobilizedBystanders, mobilised);
        let risk_now = self.districts.iter().map(|d| d.risk).fold(0.0, f64::max);
        v.set(Outcome::LeftAtRisk, self.left_at_risk());
        v.set(Outcome::AtrocityRiskPeak, risk_now);
        v
    }

    /// Reach and belief from account state: warnings among the targeted group, credible
    /// information among everyone, belief in rumours among civilians (weighted).
    fn observe_reach(&self, v: &mut Values) {
        let target = self.org.target;
        let (mut warned, mut at_risk, mut informed, mut people) = (0.0, 0.0, 0.0, 0.0);
        let (mut belief, mut civ) = (0.0, 0.0);
        for u in 0..self.acc.len() {
            let w = self.acc.weight[u] as f64;
            if w == 0.0 {
                continue;
            }
            people += w;
            if self.acc.has(u, flag::INFORMED) {
                informed += w;
            }
            if self.acc.group[u] == target {
                at_risk += w;
                if self.acc.has(u, flag::WARNED) {
                    warned += w;
                }
            }
            if self.acc.role[u] == Role::Civilian {
                belief += w * self.acc.belief[u] as f64;
                civ += w;
            }
        }
        v.set(
            Outcome::WarningReach,
            if at_risk > 0.0 { warned / at_risk } else { 0.0 },
        );
        v.set(
            Outcome::CredibleInfoReach,
            if people > 0.0 { informed / people } else { 0.0 },
        );
        v.set(
            Outcome::MisinformationBelief,
            if civ > 0.0 { belief / civ } else { 0.0 },
        );
    }

    /// People of the targeted group still in harm's way now: exposed as attacks find them (at
    /// home, hosted, the unprotected share of those sheltering), each weighted by their
    /// district's risk index (0..1). Havens' people are out of harm's way.
    pub fn left_at_risk(&self) -> f64 {
        let target = self.org.target as usize;
        let protection = self.params.shelter_protection;
        self.districts
            .iter()
            .enumerate()
            .filter(|(d, _)| !self.region.districts[*d].haven)
            .map(|(_, st)| {
                let stock = st.stocks[target];
                let exposed = stock[0] + (1.0 - protection) * stock[1] + st.hosted;
                exposed * st.risk / 100.0
            })
            .sum()
    }

    /// The run's summary (see `metrics::summarise`).
    pub fn summary(&self) -> Values {
        metrics::summarise(&self.series)
    }

    /// Total people per district and group over all states (conserved).
    pub fn population_by_stock(&self) -> Vec<Vec<f64>> {
        self.districts
            .iter()
            .map(|d| d.stocks.iter().map(|s| s.iter().sum()).collect())
            .collect()
    }

    pub(crate) fn next_stamp(&mut self) -> u32 {
        self.cascade_stamp = self.cascade_stamp.wrapping_add(1);
        if self.cascade_stamp == 0 {
            self.acc.stamp.iter_mut().for_each(|s| *s = 0);
            self.cascade_stamp = 1;
        }
        self.cascade_stamp
    }
}
