//! The intervention catalog (one table, `catalog::CATALOG`) and the machinery around it: what is
//! in force, lead times, capacity multipliers, and rebuilding the platform `Policy` each turn.
//!
//! Every entry is data (id, category, strategy, owning team, description, seed section, parameters,
//! lead time, scope, declared effects and side effects, break-glass flag) plus one `apply` function
//! that changes what the model reads. The panels, plan validation, `breakglass catalog`, reports and
//! MODEL.md all read this table.

mod catalog;

use serde::{Deserialize, Serialize};

pub(crate) use catalog::param;
pub use catalog::{CAPABILITIES, CATALOG};

use super::metrics::Outcome;
use super::policy::{DistrictPolicy, Policy};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    ProtectCivilians,
    DegradePerpetrators,
    Capacity,
    Policy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Privacy,
    AccountSecurity,
    CrisisInformation,
    EarlyWarning,
    CivilianCommunication,
    Foothold,
    Coordination,
    DangerousContent,
    Contextualize,
    Bystanders,
    BreakGlass,
    PlatformCapacity,
    PolicyLevers,
}

impl Category {
    pub const ALL: [Category; 13] = [
        Category::Privacy,
        Category::AccountSecurity,
        Category::CrisisInformation,
        Category::EarlyWarning,
        Category::CivilianCommunication,
        Category::Foothold,
        Category::Coordination,
        Category::DangerousContent,
        Category::Contextualize,
        Category::Bystanders,
        Category::BreakGlass,
        Category::PlatformCapacity,
        Category::PolicyLevers,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Category::Privacy => "privacy",
            Category::AccountSecurity => "account_security",
            Category::CrisisInformation => "crisis_information",
            Category::EarlyWarning => "early_warning",
            Category::CivilianCommunication => "civilian_communication",
            Category::Foothold => "foothold",
            Category::Coordination => "coordination",
            Category::DangerousContent => "dangerous_content",
            Category::Contextualize => "contextualize",
            Category::Bystanders => "bystanders",
            Category::BreakGlass => "break_glass",
            Category::PlatformCapacity => "platform_capacity",
            Category::PolicyLevers => "policy_levers",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Category::Privacy => "Protect online privacy",
            Category::AccountSecurity => "Secure social media accounts",
            Category::CrisisInformation => "Surface crisis resources and credible information",
            Category::EarlyWarning => "Disseminate early-warning information",
            Category::CivilianCommunication => {
                "Enhance communication and coordination capabilities"
            }
            Category::Foothold => "Prevent perpetrators gaining a foothold at scale",
            Category::Coordination => "Disrupt perpetrators from coordinating and organising",
            Category::DangerousContent => "Limit the presence or visibility of dangerous content",
            Category::Contextualize => "Contextualise perpetrator content",
            Category::Bystanders => "Prevent perpetrators from mobilising bystanders",
            Category::BreakGlass => "Last resort or \"break glass\" measures",
            Category::PlatformCapacity => "Platform capacity (general recommendations)",
            Category::PolicyLevers => "Policy makers' levers",
        }
    }
}

/// The teams of an exercise. The facilitator may issue any command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Team {
    /// Platform trust & safety.
    Platform,
    /// The platform's crisis leadership (owns break-glass measures and capacity investments).
    CrisisLeadership,
    PolicyMakers,
    CivilSociety,
    Facilitator,
    /// The red cell: the perpetrator organisation, played by a team or the automatic adversary.
    Perpetrators,
}

impl Team {
    pub const PLAYERS: [Team; 4] = [
        Team::Platform,
        Team::CrisisLeadership,
        Team::PolicyMakers,
        Team::CivilSociety,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Team::Platform => "platform",
            Team::CrisisLeadership => "crisis_leadership",
            Team::PolicyMakers => "policy_makers",
            Team::CivilSociety => "civil_society",
            Team::Facilitator => "facilitator",
            Team::Perpetrators => "perpetrators",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Team::Platform => "Platform trust & safety",
            Team::CrisisLeadership => "Crisis leadership",
            Team::PolicyMakers => "Policy makers",
            Team::CivilSociety => "Civil society",
            Team::Facilitator => "Facilitator",
            Team::Perpetrators => "Red cell (perpetrators)",
        }
    }
    pub fn from_id(s: &str) -> Option<Team> {
        [Team::Facilitator, Team::Perpetrators]
            .into_iter()
            .chain(Team::PLAYERS)
            .find(|t| t.id() == s)
    }
}

/// Where an intervention may act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// Platform-wide only.
    Region,
    /// Platform-wide or in chosen districts.
    Districts,
}

/// Where an intervention in force acts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Region,
    Districts(Vec<u16>),
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct ParamSpec {
    pub name: &'static str,
    pub min: f64,
    pub max: f64,
    pub default: f64,
    pub unit: &'static str,
    pub help: &'static str,
}

/// What is wrong with a list of parameter values against their specs.
#[derive(Debug, Clone, Copy)]
pub enum ParamProblem<'a> {
    Count { expected: usize, got: usize },
    Range { spec: &'a ParamSpec, value: f64 },
}

/// Are `params` one value per spec, each within its range? (A lever's or a move's.)
pub fn check_values<'a>(specs: &'a [ParamSpec], params: &[f64]) -> Result<(), ParamProblem<'a>> {
    if params.len() != specs.len() {
        return Err(ParamProblem::Count {
            expected: specs.len(),
            got: params.len(),
        });
    }
    match specs
        .iter()
        .zip(params)
        .find(|(spec, v)| !(spec.min..=spec.max).contains(*v))
    {
        Some((spec, &value)) => Err(ParamProblem::Range { spec, value }),
        None => Ok(()),
    }
}

/// What is already in place this turn that multiplies other tools (each 0 or 1).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Capacity {
    pub partnerships: f64,
    pub crisis_function: f64,
    pub localization: f64,
    pub research: f64,
}

/// What an intervention's `apply` gets.
pub struct Ctx<'a> {
    pub params: &'a [f64],
    pub scope: &'a Scope,
    pub capacity: Capacity,
    /// The government is part of the perpetrators' campaign (acting against it has a price).
    pub state_affiliated: bool,
}

impl Ctx<'_> {
    pub fn p(&self, i: usize) -> f64 {
        self.params.get(i).copied().unwrap_or(0.0)
    }
    /// Apply `f` to every district policy in scope.
    pub fn each(&self, policy: &mut Policy, mut f: impl FnMut(&mut DistrictPolicy)) {
        match self.scope {
            Scope::Region => policy.districts.iter_mut().for_each(f),
            Scope::Districts(ds) => {
                for &d in ds {
                    if let Some(dp) = policy.districts.get_mut(d as usize) {
                        f(dp);
                    }
                }
            }
        }
    }
}

pub type Apply = fn(&mut Policy, &Ctx);

/// One intervention in the catalog.
pub struct Entry {
    pub id: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub strategy: Strategy,
    pub team: Team,
    pub description: &'static str,
    /// Where in the seed report it comes from.
    pub seed_section: &'static str,
    /// What it changes in the model (for MODEL.md), with its source or "assumption".
    pub mechanism: &'static str,
    pub params: &'static [ParamSpec],
    /// Turns after enabling before it acts.
    pub lead_time: u32,
    pub scope: ScopeKind,
    /// Outcomes it is meant to move: (outcome, signed strength 1..3; + raises, - lowers).
    pub effects: &'static [(Outcome, i8)],
    /// Costs and side effects it is known to have (same convention).
    pub side_effects: &'static [(Outcome, i8)],
    /// The levers it works through (capacity and policy levers that make others work better):
    /// its effects are judged with them in force, and its card says so. Empty for a lever that
    /// acts on its own.
    pub works_through: &'static [&'static str],
    /// Where the report itself names the harm the lever can do to civilians (its card says so
    /// in these words), a protective lever may raise civilians harmed in more than one world.
    pub named_harm: Option<&'static str>,
    pub break_glass: bool,
    /// What it costs its team's capacity (see `Budgets`).
    pub cost: Cost,
    pub apply: Apply,
}

/// What a lever costs the team that owns it, in that team's capacity points (reviewer and
/// engineering hours for the platform, leadership attention for crisis leadership, political
/// capital for policy makers, staff and volunteers for civil society). Assumption: relative sizes
/// follow the seed report's notes on which measures need sustained human review (enforcement,
/// labels, partners) and which are one-off product changes.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Cost {
    /// Spent once, in the turn it is enabled.
    pub deploy: u16,
    /// Spent every turn it is in force, from the turn it is enabled.
    pub upkeep: u16,
    /// Points per turn it adds to teams' budgets once it acts (after its lead time).
    pub raises: &'static [(Team, u16)],
}

/// Each team's capacity per turn before any capacity lever (the scenario sets it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Budgets {
    pub platform: u32,
    pub crisis_leadership: u32,
    pub policy_makers: u32,
    pub civil_society: u32,
}

impl Default for Budgets {
    fn default() -> Self {
        Budgets {
            platform: 12,
            crisis_leadership: 6,
            policy_makers: 4,
            civil_society: 5,
        }
    }
}

impl Budgets {
    /// The largest budget a scenario may give a team.
    pub const MAX: u32 = 1000;
    /// Every team at the largest budget (sessions recorded before budgets existed,
    /// `run --waive-budgets` plan checks).
    pub const UNLIMITED: Budgets = Budgets {
        platform: Budgets::MAX,
        crisis_leadership: Budgets::MAX,
        policy_makers: Budgets::MAX,
        civil_society: Budgets::MAX,
    };
    pub fn base(&self, team: Team) -> u32 {
        let mut b = *self;
        b.get_mut(team).map_or(0, |x| *x)
    }
    /// A player team's budget (the facilitator has none).
    pub fn get_mut(&mut self, team: Team) -> Option<&mut u32> {
        match team {
            Team::Platform => Some(&mut self.platform),
            Team::CrisisLeadership => Some(&mut self.crisis_leadership),
            Team::PolicyMakers => Some(&mut self.policy_makers),
            Team::CivilSociety => Some(&mut self.civil_society),
            Team::Facilitator | Team::Perpetrators => None,
        }
    }
}

/// A team's capacity at turn `t`: its base budget plus what capacity levers in force add.
pub fn budget(base: &Budgets, active: &[Active], team: Team, t: u32) -> u32 {
    let raised: u32 = active
        .iter()
        .filter(|a| a.effective_from <= t)
        .flat_map(|a| CATALOG[a.entry].cost.raises.iter())
        .filter(|(tm, _)| *tm == team)
        .map(|(_, pts)| *pts as u32)
        .sum();
    base.base(team) + raised
}

/// What a team spends at turn `t`: the upkeep of its levers in force and the deployment of those
/// enabled this turn. Costs fall on the team that owns a lever, whoever issued it.
pub fn spent(active: &[Active], team: Team, t: u32) -> u32 {
    let deploy: u32 = active
        .iter()
        .filter(|a| CATALOG[a.entry].team == team && a.enabled_turn == t)
        .map(|a| CATALOG[a.entry].cost.deploy as u32)
        .sum();
    upkeep(active, team) + deploy
}

/// What a team's measures in force cost it every turn.
fn upkeep(active: &[Active], team: Team) -> u32 {
    active
        .iter()
        .filter(|a| CATALOG[a.entry].team == team)
        .map(|a| CATALOG[a.entry].cost.upkeep as u32)
        .sum()
}

/// Why enabling `entry` at turn `t` does not fit its team's budget: (needed, available, budget).
pub fn over_budget(
    base: &Budgets,
    active: &[Active],
    entry: usize,
    t: u32,
) -> Option<(u32, u32, u32)> {
    let e = &CATALOG[entry];
    let needed = e.cost.deploy as u32 + e.cost.upkeep as u32;
    let total = budget(base, active, e.team, t);
    let available = total.saturating_sub(spent(active, e.team, t));
    (needed > available).then_some((needed, available, total))
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry").field("id", &self.id).finish()
    }
}

impl Entry {
    pub fn defaults(&self) -> Vec<f64> {
        self.params.iter().map(|p| p.default).collect()
    }
    pub fn param_index(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name == name)
    }
}

pub fn index_of(id: &str) -> Option<usize> {
    CATALOG.iter().position(|e| e.id == id)
}

pub fn entry(id: &str) -> Option<&'static Entry> {
    CATALOG.iter().find(|e| e.id == id)
}

/// An intervention in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Active {
    /// Index into `CATALOG`.
    pub entry: usize,
    pub params: Vec<f64>,
    pub scope: Scope,
    pub enabled_turn: u32,
    /// First turn it acts (enabled turn + lead time).
    pub effective_from: u32,
    pub team: Team,
}

impl Active {
    /// An entry as a plan check or a portfolio search sees it: what it costs and when it acts,
    /// with its owner paying (parameters and scope do not matter there).
    pub fn planned(entry: usize, enabled_turn: u32, effective_from: u32) -> Active {
        Active {
            entry,
            params: Vec::new(),
            scope: Scope::Region,
            enabled_turn,
            effective_from,
            team: CATALOG[entry].team,
        }
    }
}

/// What a lever in force gives the platform beyond its own effect (the catalog's
/// `CAPABILITIES` says which levers give what).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    /// Trusted local partners (`Capacity::partnerships`).
    Partnerships,
    /// A crisis-response function (`Capacity::crisis_function`).
    CrisisFunction,
    /// Local languages and context (`Capacity::localization`).
    Localization,
    /// Research on the region's use of the product (`Capacity::research`).
    Research,
    /// Rehearsed playbooks: other levers take half their lead time.
    Rehearsal,
}

/// Whether a lever giving `capability` acts at turn `t`.
fn has(active: &[Active], t: u32, capability: Capability) -> bool {
    active.iter().any(|a| {
        a.effective_from <= t
            && CAPABILITIES
                .iter()
                .any(|(id, c)| *c == capability && CATALOG[a.entry].id == *id)
    })
}

/// The capacity multipliers from what is in force at turn `t`.
pub fn capacity(active: &[Active], t: u32) -> Capacity {
    let on = |c: Capability| -> f64 { if has(active, t, c) { 1.0 } else { 0.0 } };
    Capacity {
        partnerships: on(Capability::Partnerships),
        crisis_function: on(Capability::CrisisFunction),
        localization: on(Capability::Localization),
        research: on(Capability::Research),
    }
}

/// Lead time of `entry` if enabled at turn `t` with `active` in force (rehearsed playbooks halve
/// it, except the rehearsal's own).
pub fn lead_time(entry: &Entry, active: &[Active], t: u32) -> u32 {
    let rehearsal = CAPABILITIES
        .iter()
        .any(|(id, c)| *c == Capability::Rehearsal && entry.id == *id);
    if has(active, t, Capability::Rehearsal) && !rehearsal {
        entry.lead_time / 2
    } else {
        entry.lead_time
    }
}

/// How fully a team's measures run at turn `t`: 1 within its budget; budget / upkeep when the
/// upkeep of its measures in force is more than its capacity (the facilitator waived budgets,
/// or a capacity lever was lifted): every one of them is spread thin.
pub fn strength(base: &Budgets, active: &[Active], team: Team, t: u32) -> f64 {
    let upkeep = upkeep(active, team);
    let budget = budget(base, active, team, t);
    if upkeep <= budget {
        1.0
    } else {
        budget as f64 / upkeep as f64
    }
}

/// Apply everything in force at turn `t` to `policy`, in the order it was enabled; the measures
/// of an over-committed team act at its `strength`.
pub fn apply_all(
    policy: &mut Policy,
    active: &[Active],
    t: u32,
    state_affiliated: bool,
    budgets: &Budgets,
) {
    let capacity = capacity(active, t);
    let strengths: Vec<(Team, f64)> = Team::PLAYERS
        .iter()
        .map(|&team| (team, strength(budgets, active, team, t)))
        .collect();
    for a in active.iter().filter(|a| a.effective_from <= t) {
        let ctx = Ctx {
            params: &a.params,
            scope: &a.scope,
            capacity,
            state_affiliated,
        };
        let entry = &CATALOG[a.entry];
        let s = strengths
            .iter()
            .find(|(team, _)| *team == entry.team)
            .map_or(1.0, |x| x.1);
        if s < 1.0 {
            let before = policy.clone();
            (entry.apply)(policy, &ctx);
            policy.blend_from(&before, s);
        } else {
            (entry.apply)(policy, &ctx);
        }
    }
}
