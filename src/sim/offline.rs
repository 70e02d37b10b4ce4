//! Civilians offline and offline violence.
//!
//! Civilians of the targeted group decide to shelter or flee when warned (trust, fear,
//! preparedness) or, rarely, out of panic; district population stocks follow their decisions,
//! carried to non-users by word of mouth. Attitudes relax between turns.
//!
//! Violence follows Epstein's (2002) civil-violence Model I at district level: each potential
//! perpetrator has grievance G = H (1 - L), with hardship H their hostility towards the target
//! group and L the legitimacy of public order; the arrest probability is P = 1 - exp(-k C/A)
//! with C the security forces and A the active perpetrators in view; a person turns active when
//! G - R P > T. Active people may be jailed for a random term. Attacks on the targeted group
//! arrive as a Poisson process whose rate grows with mobilised people, organisers and the
//! organisation's coordination, and each attack's toll grows with harvested targeting data
//! and falls with shelter and flight.

use super::actors::{Offline, Role, flag};
use super::params::ModelParams;
use super::rng::{Purpose, Stream, Subject, about, hash_unit, poisson, turn_key};
use super::{DistrictState, Happening, World};

/// Cells in an agent's field of view in Epstein's grid (vision 7, von Neumann): the density
/// of cops and actives in view is turned into counts with this. Epstein 2002.
pub const VISION_CELLS: f64 = 100.0;
/// Agent density on Epstein's grid (0.7 in his runs). Epstein 2002.
pub const AGENT_DENSITY: f64 = 0.7;

/// Acting on a warning: the fear factor is this + (1 - this) x fear (a warned person with no
/// fear still sometimes acts). Assumption.
pub const ACT_FEAR_FLOOR: f64 = 0.3;
/// Acting on a warning: the preparedness factor is this + (1 - this) x preparedness.
/// Assumption.
pub const ACT_PREPAREDNESS_FLOOR: f64 = 0.5;
/// Flight share scales with (this + preparedness): prepared people know where to go.
/// Assumption.
pub const FLEE_PREPAREDNESS_BASE: f64 = 0.5;
/// Risk (0..1) below which sheltering people may go home once nothing new has come. Assumption.
pub const SAFE_TO_RETURN_RISK: f64 = 0.3;
/// Fear above which deactivation advice is taken (`deactivation_guidance`). Assumption.
pub const DEACTIVATION_FEAR: f64 = 0.5;
/// Per-turn chance of deactivating, as a share of the advice's reach (`deactivation_guidance`).
/// Assumption.
pub const DEACTIVATION_UPTAKE: f64 = 0.2;
/// Width of the smooth step that counts near-threshold people partly in the risk index.
/// Assumption.
pub const READINESS_WIDTH: f64 = 0.01;
/// Share of Epstein's arrest probability that ends in jail here (the rest slip away).
/// Assumption.
pub const JAIL_SHARE: f64 = 0.5;
/// Coordination contacts per 1000 accounts at which coordination builds 63% of the way to full
/// in a turn. Assumption.
pub const COORDINATION_CONTACTS_SCALE: f64 = 50.0;
/// Fear an attack adds in its district's targeted group (share of the way to 1). Assumption.
pub const ATTACK_FEAR: f64 = 0.3;

/// Epstein's arrest probability from cop density `cops` and active density `actives`.
pub fn arrest_probability(k: f64, cops: f64, actives: f64) -> f64 {
    let c = cops * VISION_CELLS;
    let a = 1.0 + actives * AGENT_DENSITY * VISION_CELLS;
    1.0 - (-k * c / a).exp()
}

/// Epstein's activation rule: G - R P > T.
pub fn activates(grievance: f64, risk_aversion: f64, arrest: f64, threshold: f64) -> bool {
    grievance - risk_aversion * arrest > threshold
}

pub(super) fn civilians(w: &mut World, t: u32) {
    // Every decision is a uniform fixed by (turn, account, purpose): one person's choices never
    // shift another's draws.
    let key = turn_key(w.seed, t, Stream::Offline);
    let p = w.params.clone();
    let target = w.org.target;
    let mut tally = Tally::new(w.districts.len());
    let platform_trust = w.trust_ratio();
    let base_h: Vec<f64> = (0..w.region.groups.len())
        .map(|g| w.region.tension[g][target as usize] * p.initial_hostility)
        .collect();
    for u in 0..w.acc.len() {
        let weight = w.acc.weight[u] as f64;
        if weight > 0.0 && w.acc.group[u] == target && w.acc.role[u] != Role::StateMedia {
            protective_action(w, u, t, key, &p, platform_trust, &mut tally);
        }
        relax(w, u, &p, &base_h);
    }
    let (fleeing, knowing) = move_stocks(w, &p, &tally);
    super::movement::depart(w, t, &fleeing, &knowing);
}

/// One turn's protective decisions of the targeted group, weighted, per district.
struct Tally {
    home: Vec<f64>,
    shelter: Vec<f64>,
    new_shelter: Vec<f64>,
    new_fled: Vec<f64>,
    /// Of the accounts fleeing, weighted by how prepared they are: those who know the way.
    fled_knowing: Vec<f64>,
    returned: Vec<f64>,
}

impl Tally {
    fn new(nd: usize) -> Tally {
        Tally {
            home: vec![0.0; nd],
            shelter: vec![0.0; nd],
            new_shelter: vec![0.0; nd],
            new_fled: vec![0.0; nd],
            fled_knowing: vec![0.0; nd],
            returned: vec![0.0; nd],
        }
    }
}

/// Account `u` of the targeted group: it may act on a warning (shelter or flee), return home,
/// deactivate on advice, and prepare.
fn protective_action(
    w: &mut World,
    u: usize,
    t: u32,
    key: u64,
    p: &ModelParams,
    platform_trust: f64,
    tally: &mut Tally,
) {
    let draw = |u: usize, purpose: u64| hash_unit(key, u as u64, purpose);
    let weight = w.acc.weight[u] as f64;
    let d = w.acc.district[u] as usize;
    let pol = &w.policy.districts[d];
    let fear = w.acc.fear[u] as f64;
    let prep = w.acc.preparedness[u] as f64;
    let risk = w.districts[d].risk / 100.0;
    let all_clear = w.acc.has(u, flag::ALL_CLEAR);
    w.acc.clear(u, flag::ALL_CLEAR);
    match w.acc.offline[u] {
        Offline::Home => {
            tally.home[d] += weight;
            let warned_now = w.acc.warned_turn[u] == t as u16;
            let act = if all_clear {
                0.0
            } else if warned_now {
                // Trust in the source, scaled by trust in the platform carrying it.
                let trust = (w.acc.trust[u] as f64 * pol.warning_trust * platform_trust).min(1.0);
                p.act_rate
                    * trust
                    * (ACT_FEAR_FLOOR + (1.0 - ACT_FEAR_FLOOR) * fear)
                    * (ACT_PREPAREDNESS_FLOOR + (1.0 - ACT_PREPAREDNESS_FLOOR) * prep)
            } else if fear > p.panic_fear {
                p.panic_rate
            } else {
                0.0
            };
            if draw(u, 1) < act {
                let flee = (p.flee_share_low + (p.flee_share_high - p.flee_share_low) * risk)
                    * (FLEE_PREPAREDNESS_BASE + prep);
                if draw(u, 2) < flee {
                    w.acc.offline[u] = Offline::Fled;
                    tally.new_fled[d] += weight;
                    tally.fled_knowing[d] += weight * prep;
                } else {
                    w.acc.offline[u] = Offline::Sheltering;
                    tally.new_shelter[d] += weight;
                }
                w.acc.flags[u] |= flag::ACTED;
            }
        }
        Offline::Sheltering => {
            tally.shelter[d] += weight;
            let since = t.saturating_sub(w.acc.warned_turn[u] as u32);
            let quiet = w.acc.warned_turn[u] == u16::MAX || since > p.shelter_turns;
            if all_clear || (quiet && risk < SAFE_TO_RETURN_RISK && draw(u, 3) < p.shelter_return) {
                w.acc.offline[u] = Offline::Home;
                tally.returned[d] += weight;
            }
        }
        Offline::Fled => {}
    }
    let pol = &w.policy.districts[d];
    if pol.deactivation > 0.0
        && w.acc.live(u)
        && fear > DEACTIVATION_FEAR
        && draw(u, 4) < pol.deactivation * DEACTIVATION_UPTAKE
    {
        w.acc.flags[u] = (w.acc.flags[u] & !flag::LIVE) | flag::DEACTIVATED;
    }
    if pol.preparedness_push > 0.0 {
        let x = w.acc.preparedness[u] as f64;
        w.acc.preparedness[u] = (x + pol.preparedness_push * (1.0 - x)).min(1.0) as f32;
    }
}

/// Attitudes relax between turns (hostility towards its group's baseline `base_h`).
fn relax(w: &mut World, u: usize, p: &ModelParams, base_h: &[f64]) {
    w.acc.belief[u] *= (1.0 - p.belief_decay) as f32;
    w.acc.fear[u] *= (1.0 - p.fear_decay) as f32;
    w.acc.prebunk[u] *= (1.0 - p.prebunk_decay) as f32;
    if !w.acc.role[u].is_perpetrator() {
        let h = w.acc.hostility[u] as f64;
        let floor = base_h[w.acc.group[u] as usize];
        if h > floor {
            w.acc.hostility[u] = (floor + (h - floor) * (1.0 - p.hostility_decay)) as f32;
        }
    }
}

/// Population stocks follow the users' decisions; word of mouth carries them to non-users.
/// Returns the people leaving each district this turn and the share of them who know a safe
/// way.
fn move_stocks(w: &mut World, p: &ModelParams, tally: &Tally) -> (Vec<f64>, Vec<f64>) {
    let target = w.org.target;
    let nd = w.districts.len();
    let mut fleeing = vec![0.0f64; nd];
    let mut knowing = vec![0.0f64; nd];
    for d in 0..nd {
        let adoption = w.region.districts[d].adoption;
        let carry = adoption + (1.0 - adoption) * p.word_of_mouth;
        let stock = &mut w.districts[d].stocks[target as usize];
        if tally.home[d] > 0.0 {
            let fs = (tally.new_shelter[d] / tally.home[d] * carry).min(1.0);
            let ff = (tally.new_fled[d] / tally.home[d] * carry).min(1.0 - fs);
            let to_shelter = stock[0] * fs;
            let to_flight = stock[0] * ff;
            stock[0] -= to_shelter + to_flight;
            stock[1] += to_shelter;
            stock[2] += to_flight;
            w.totals.protected += to_shelter + to_flight;
            w.totals.displaced += to_flight;
            fleeing[d] = to_flight;
            // Who knows a safe way: the prepared, and those safe-route posts told.
            let prepared = if tally.new_fled[d] > 0.0 {
                tally.fled_knowing[d] / tally.new_fled[d]
            } else {
                0.0
            };
            let told = w.policy.districts[d].route_knowledge;
            knowing[d] = prepared + told * (1.0 - prepared);
        }
        if tally.shelter[d] > 0.0 {
            let back = stock[1] * (tally.returned[d] / tally.shelter[d]).min(1.0);
            stock[1] -= back;
            stock[0] += back;
        }
    }
    (fleeing, knowing)
}

/// Which side of the conflict a person would act for (Epstein's Model II has two groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Every group but the targeted one: the attacks the campaign mobilises.
    Perpetrators,
    /// The targeted group striking back at the perpetrators' group.
    Reprisal,
}

/// A person who could join violence, as Epstein's rule sees them.
struct Candidate {
    side: Side,
    district: usize,
    /// People this account stands for as capacity (organisers count `organiser_weight` x).
    weight: f64,
    grievance: f64,
    risk_aversion: f64,
    /// G - R P - T under the district's arrest probability.
    net: f64,
    organiser: bool,
}

/// Account `u` as a candidate at turn `t`, or None if it cannot join (sources, fakes, state
/// media, unregistered or jailed accounts, and members of the targeted group who sheltered or
/// fled). Members of the targeted group at home are candidates for reprisals: their hostility
/// is towards the side that attacks them, and starts at zero.
fn candidate(
    w: &World,
    u: usize,
    t: u32,
    arrest: &[f64],
    people_per_account: &[f64],
) -> Option<Candidate> {
    let role = w.acc.role[u];
    if role.is_credible()
        || role == Role::Inauthentic
        || role == Role::StateMedia
        || w.acc.has(u, flag::DORMANT)
    {
        return None;
    }
    let side = if w.acc.group[u] == w.org.target {
        if w.acc.offline[u] != Offline::Home {
            return None;
        }
        Side::Reprisal
    } else {
        Side::Perpetrators
    };
    let d = w.acc.district[u] as usize;
    if w.acc.jailed_until[u] as u32 > t {
        return None;
    }
    let organiser = role == Role::Organiser;
    let weight = if organiser {
        w.params.organiser_weight * people_per_account[d]
    } else {
        w.acc.weight[u] as f64
    };
    let legitimacy = match side {
        Side::Perpetrators => w.districts[d].legitimacy,
        Side::Reprisal => w.districts[d].legitimacy_targeted,
    };
    let grievance = w.acc.hostility[u] as f64 * (1.0 - legitimacy);
    let risk_aversion = w.acc.risk_aversion[u] as f64;
    let net = grievance - risk_aversion * arrest[d] - w.params.epstein_threshold;
    Some(Candidate {
        side,
        district: d,
        weight,
        grievance,
        risk_aversion,
        net,
        organiser,
    })
}

/// Smooth readiness for the risk index: near-threshold people count partly.
fn readiness(net: f64) -> f64 {
    1.0 / (1.0 + (-net / READINESS_WIDTH).exp())
}

fn people_per_account(w: &World) -> Vec<f64> {
    (0..w.districts.len())
        .map(|d| {
            let dist = &w.region.districts[d];
            dist.population * dist.adoption / w.districts[d].accounts.max(1) as f64
        })
        .collect()
}

/// Security-force density in district `d` at turn `t` (Epstein's cops per cell): the
/// district's own forces and any peacekeepers deployed there.
fn cops(w: &World, d: usize, t: u32) -> f64 {
    w.region.districts[d].deterrence + w.districts[d].peacekeepers_at(t)
}

/// Share of attacks in district `d` that still happen at turn `t`: peacekeepers of density s
/// stop 1 - exp(-s / `peacekeeping_scale`) of them (both sides'; not the state's own raids).
fn unstopped(w: &World, d: usize, t: u32) -> f64 {
    let strength = w.districts[d].peacekeepers_at(t);
    if strength > 0.0 {
        (-strength / w.params.peacekeeping_scale).exp()
    } else {
        1.0
    }
}

fn arrest_now(w: &World, t: u32) -> Vec<f64> {
    (0..w.districts.len())
        .map(|d| {
            arrest_probability(
                w.params.arrest_k,
                cops(w, d, t),
                w.districts[d].active_share,
            )
        })
        .collect()
}

/// Weighted mean belief in misinformation of the people on the perpetrators' side, per district.
pub(super) fn perpetrator_side_belief(w: &World) -> Vec<f64> {
    let nd = w.districts.len();
    let (mut sum, mut weight) = (vec![0.0f64; nd], vec![0.0f64; nd]);
    for u in 0..w.acc.len() {
        let x = w.acc.weight[u] as f64;
        if x > 0.0 && w.acc.group[u] != w.org.target {
            let d = w.acc.district[u] as usize;
            sum[d] += x * w.acc.belief[u] as f64;
            weight[d] += x;
        }
    }
    sum.iter()
        .zip(&weight)
        .map(|(s, x)| if *x > 0.0 { s / x } else { 0.0 })
        .collect()
}

/// Legitimacy of public order as the perpetrators' side sees it: the base (the scenario's, less
/// events' shocks) less `misinformation_legitimacy` x the rise in their mean belief in
/// misinformation since the start. Rumours that the other group threatens them and that the
/// authorities will not protect them wear down the order that holds violence back.
pub(super) fn legitimacy(w: &mut World) {
    let belief = perpetrator_side_belief(w);
    let rate = w.params.misinformation_legitimacy;
    for (state, b) in w.districts.iter_mut().zip(belief) {
        let rise = (b - state.belief_start).max(0.0);
        state.legitimacy = (state.legitimacy_base - rate * rise).clamp(0.0, 1.0);
    }
}

/// The atrocity-risk index (0-100) from an expected attack rate per turn.
pub(super) fn risk_index(horizon_turns: f64, rate: f64) -> f64 {
    100.0 * (1.0 - (-horizon_turns * rate).exp())
}

/// The risk index as the platform can estimate it in district `d` at the start of a turn: from
/// attacks reported last turn and the harmful posts its classifiers flagged there (an expected
/// attack rate of attacks + `alert_signal_per_flag` x flags per 1000 accounts), raised towards
/// the true index by the share of it those on the ground tell it (`ground_knowledge` x risk
/// awareness, at most 1).
pub(super) fn observed_risk(w: &super::World, d: usize) -> f64 {
    let p = &w.params;
    let st = &w.districts[d];
    let per_1k = (st.accounts as f64 / 1000.0).max(1e-9);
    let rate =
        st.attacks_last as f64 + p.alert_signal_per_flag * st.flagged_harm_last as f64 / per_1k;
    let signals = risk_index(p.risk_horizon_turns, rate);
    let knowledge = (p.ground_knowledge * w.policy.region.risk_awareness).clamp(0.0, 1.0);
    signals + knowledge * (st.risk - signals).max(0.0)
}

/// The risk index from the starting attitudes (coordination 0, nobody displaced), without draws
/// or changes: what the map shows before the first turn is played.
pub(super) fn risk_outlook(w: &World) -> Vec<f64> {
    let nd = w.districts.len();
    let arrest = arrest_now(w, w.turn);
    let ppa = people_per_account(w);
    let mut smooth = vec![0.0f64; nd];
    for u in 0..w.acc.len() {
        if let Some(c) = candidate(w, u, w.turn, &arrest, &ppa)
            && !c.organiser
            && c.side == Side::Perpetrators
        {
            smooth[c.district] += readiness(c.net) * c.weight;
        }
    }
    // Organisers add capacity only with coordination, which starts at zero.
    smooth
        .iter()
        .map(|s| {
            risk_index(
                w.params.risk_horizon_turns,
                w.params.attack_rate * s / 1000.0,
            )
        })
        .collect()
}

/// Who turned active this turn, per district: people (organisers as capacity), and the smooth
/// counts behind the risk indices.
struct Mobilisation {
    /// People on the perpetrators' side who could join (Epstein's population in view).
    potential: Vec<f64>,
    /// Active people on that side (Epstein's actives in view).
    active: Vec<f64>,
    mobilised: Vec<f64>,
    smooth: Vec<f64>,
    organisers: Vec<f64>,
    organisers_smooth: Vec<f64>,
    /// Active members of the targeted group (reprisals), and their smooth count.
    revenge: Vec<f64>,
    revenge_smooth: Vec<f64>,
}

/// Epstein's rule for every candidate; security forces jail some of the active.
fn mobilise(w: &mut World, t: u32, arrest: &[f64]) -> Mobilisation {
    let key = turn_key(w.seed, t, Stream::Violence);
    let nd = w.districts.len();
    let zero = vec![0.0f64; nd];
    let mut m = Mobilisation {
        potential: zero.clone(),
        active: zero.clone(),
        mobilised: zero.clone(),
        smooth: zero.clone(),
        organisers: zero.clone(),
        organisers_smooth: zero.clone(),
        revenge: zero.clone(),
        revenge_smooth: zero,
    };
    let people_per_account = people_per_account(w);
    let cops: Vec<f64> = (0..nd).map(|d| cops(w, d, t)).collect();
    let (threshold, jail_max) = (w.params.epstein_threshold, w.params.jail_max_turns);
    for u in 0..w.acc.len() {
        let Some(c) = candidate(w, u, t, arrest, &people_per_account) else {
            w.acc.active[u] = false;
            continue;
        };
        let (d, weight) = (c.district, c.weight);
        let ready = readiness(c.net);
        let is_active = activates(c.grievance, c.risk_aversion, arrest[d], threshold);
        w.acc.active[u] = is_active;
        let (count, smooth) = match (c.side, c.organiser) {
            (Side::Reprisal, _) => (&mut m.revenge, &mut m.revenge_smooth),
            (Side::Perpetrators, true) => (&mut m.organisers, &mut m.organisers_smooth),
            (Side::Perpetrators, false) => (&mut m.mobilised, &mut m.smooth),
        };
        smooth[d] += ready * weight;
        if is_active {
            count[d] += weight;
        }
        // Epstein's A counts the perpetrators' side: the targeted group's neighbourhoods are
        // apart, and its few active members do not thin the forces watching the rest.
        if c.side == Side::Perpetrators {
            m.potential[d] += w.acc.weight[u] as f64;
            if is_active {
                m.active[d] += w.acc.weight[u] as f64;
            }
        }
        if is_active {
            // Security forces arrest some of the active (Epstein: jail for a random term).
            let active_density = w.districts[d].active_share * AGENT_DENSITY;
            let p_arrest = (cops[d] / (active_density + 1.0 / VISION_CELLS)).min(1.0) * JAIL_SHARE;
            if hash_unit(key, u as u64, 1) < p_arrest {
                let terms = (jail_max + 1) as f64;
                let term = ((hash_unit(key, u as u64, 2) * terms) as u32).min(jail_max);
                w.acc.jailed_until[u] = (t + 1 + term).min(u16::MAX as u32) as u16;
            }
        }
    }
    m
}

pub(super) fn violence(w: &mut World, t: u32) {
    let nd = w.districts.len();
    let arrest = arrest_now(w, t);
    let m = mobilise(w, t, &arrest);
    let mut state_violence = vec![false; nd];
    for d in 0..nd {
        state_violence[d] = attacks_and_raids(w, t, d, arrest[d], &m);
        reprisals(w, t, d, &m);
    }
    aftermath(w, &state_violence);
}

/// District `d`'s coordination, risk index, attacks on the targeted group and detention raids.
/// Returns whether the state's own violence hit the district (raids, or attacks of a campaign
/// the state leads).
fn attacks_and_raids(w: &mut World, t: u32, d: usize, arrest: f64, m: &Mobilisation) -> bool {
    let p = &w.params;
    let target = w.org.target;
    let rp_coordination = w.policy.region.coordination;
    let state_led = w.spec.perpetrators.state_affiliated;
    let stopped = unstopped(w, d, t);
    let state = &mut w.districts[d];
    state.arrest_probability = arrest;
    state.active_share = if m.potential[d] > 0.0 {
        m.active[d] / m.potential[d]
    } else {
        0.0
    };
    state.mobilised_people = m.mobilised[d];
    update_coordination(state, p.coordination_decay, rp_coordination);

    let stock = state.stocks[target as usize];
    let initial: f64 = stock.iter().sum::<f64>().max(1e-9);
    let present = stock[0] + stock[1] + state.hosted;
    let exposed = stock[0] + (1.0 - p.shelter_protection) * stock[1] + state.hosted;
    let presence = present / initial;
    let coord = 1.0 + p.coordination_boost * state.coordination * rp_coordination;
    // Organisers add capacity only in proportion to how coordinated the district is.
    let c = state.coordination * rp_coordination;
    let rate = |mob: f64, org: f64| p.attack_rate * (mob + org * c) / 1000.0 * coord * presence;
    let lambda = rate(m.mobilised[d], m.organisers[d]) * stopped;
    // Detention raids by security forces working from lists: offline capacity is not the
    // limit, knowing whom to take is (harvested data), and only people at home or in an
    // exposed shelter can be found.
    let raids = p.raid_rate * state.harvested * exposed / 100_000.0;
    // Shelling falls on whoever is still exposed: its expected toll, no draw (a mass harm).
    let mut shelled = state.shelling_at(t) / 100_000.0 * exposed;
    // A state behind the campaign uses a blackout as cover where the scenario says so (Gohdes
    // 2015, 2020): its forces strike the district's targeted people, untargeted, as far as the
    // district has gone dark (where proxies keep people posting, part of it would be seen).
    let base_connectivity = w.region.districts[d].connectivity;
    if state_led && state.shutdown_until > t && base_connectivity > 0.0 {
        let dark = (1.0 - state.connectivity / base_connectivity).clamp(0.0, 1.0);
        shelled += w.spec.perpetrators.shutdown_cover * dark / 100_000.0 * exposed;
    }
    let lambda_smooth =
        rate(m.smooth[d], m.organisers_smooth[d]) * stopped + (raids + shelled) / p.harm_per_attack;
    state.risk = risk_index(p.risk_horizon_turns, lambda_smooth);
    let lethality = 1.0 + p.data_lethality * state.harvested;
    let per_attack = p.harm_per_attack * lethality * exposed / present.max(1e-9);
    // What an exposed person here can expect this turn: a traveller meets it next turn.
    state.harm_rate = if exposed > 0.0 {
        (lambda * per_attack + raids + shelled) / exposed
    } else {
        0.0
    };
    let rng = &mut about(
        w.seed,
        t,
        Stream::Violence,
        Subject::District(d as u16, Purpose::Attacks),
    );
    let detained = if raids > 0.0 {
        poisson(rng, raids) as f64
    } else {
        0.0
    };
    let attacks = poisson(rng, lambda) as u32;
    inflict(
        w,
        t,
        d,
        rng,
        attacks,
        [present, lethality, per_attack, shelled, detained],
    );
    detained > 0.0 || (state_led && (attacks > 0 || shelled > 0.0))
}

/// Coordination capacity: contacts per 1000 accounts build it, it decays without them.
fn update_coordination(state: &mut DistrictState, decay: f64, rp_coordination: f64) {
    let per_1k = state.coordination_contacts as f64 / (state.accounts.max(1) as f64 / 1000.0);
    state.coordination = state.coordination * (1.0 - decay)
        + (1.0 - state.coordination)
            * (1.0 - (-per_1k / COORDINATION_CONTACTS_SCALE).exp())
            * rp_coordination;
    state.coordination = state.coordination.clamp(0.0, 1.0);
}

/// This turn's harm in district `d`: `attacks` attacks (each harming a Poisson number of the
/// `present`, more where data was harvested), shelling's toll, the people detained in raids.
fn inflict(
    w: &mut World,
    t: u32,
    d: usize,
    rng: &mut rand_chacha::ChaCha8Rng,
    attacks: u32,
    [present, lethality, per_attack, shelled, detained]: [f64; 5],
) {
    if attacks > 0 && present > 0.0 {
        let data_share = (lethality - 1.0) / lethality;
        let harmed: f64 = (0..attacks).map(|_| poisson(rng, per_attack) as f64).sum();
        let done = harm(w, d, harmed, data_share);
        w.districts[d].attacks += attacks;
        w.happenings.push((
            t,
            Happening::Attacks {
                district: d as u16,
                attacks,
                harmed: done,
            },
        ));
    }
    if shelled > 0.0 {
        harm(w, d, shelled, 0.0);
    }
    if detained > 0.0 {
        let done = harm(w, d, detained, 1.0);
        seize_phones(w, d, done);
        w.happenings.push((
            t,
            Happening::Detentions {
                district: d as u16,
                people: done,
            },
        ));
    }
}

/// The phones of people detained in district `d` fall into their captors' hands: each account
/// among them (detained people / people per account) is taken over, and its contacts leak as a
/// hacked account's do (a share of the district's accounts equal to the mean degree over them),
/// unless a detention lockdown secured it first (and less under end-to-end encryption). The
/// report's case for "channels for accounts to be secured ... in case of detention or arrest".
fn seize_phones(w: &mut World, d: usize, detained: f64) {
    let people_per_account = people_per_account(w)[d];
    if people_per_account <= 0.0 {
        return;
    }
    let rp = &w.policy.region;
    let locked = rp.lockdown.min(1.0);
    // Only the phones not secured are read (`seized`); each leaks as a hijacked account does.
    let leak = if rp.e2ee {
        super::organisation::E2EE_LEAK_SHARE
    } else {
        1.0
    };
    let seized = detained / people_per_account * (1.0 - locked);
    let contacts = w.spec.graph.avg_degree;
    let state = &mut w.districts[d];
    let share = (seized * leak * contacts / state.accounts.max(1) as f64).min(1.0);
    state.harvested = (state.harvested + share * (1.0 - state.harvested)).min(1.0);
    w.totals.seized_accounts += seized;
}

/// Reprisals by the targeted group's active members on the perpetrators' group in district
/// `d` (after Epstein's Model II): attacks ~ Poisson(attack_rate x reprisal_means x active per
/// 1000 x the share of the perpetrators' group still there), each harming
/// Poisson(harm_per_attack) people; no coordination and no data behind them. Also the risk of
/// revenge, the same index over the smooth count.
fn reprisals(w: &mut World, t: u32, d: usize, m: &Mobilisation) {
    let p = &w.params;
    let group = w.org.group as usize;
    let stock = w.districts[d].stocks[group];
    let initial: f64 = stock.iter().sum::<f64>();
    let presence = if initial > 0.0 {
        stock[0] / initial
    } else {
        0.0
    };
    let stopped = unstopped(w, d, t);
    let rate =
        |active: f64| p.attack_rate * p.reprisal_means * active / 1000.0 * presence * stopped;
    w.districts[d].revenge_risk = risk_index(p.risk_horizon_turns, rate(m.revenge_smooth[d]));
    let lambda = rate(m.revenge[d]);
    if lambda <= 0.0 {
        return;
    }
    let per_attack = p.harm_per_attack;
    let rng = &mut about(
        w.seed,
        t,
        Stream::Violence,
        Subject::District(d as u16, Purpose::Reprisals),
    );
    let attacks = poisson(rng, lambda) as u32;
    if attacks == 0 {
        return;
    }
    let harmed: f64 = (0..attacks).map(|_| poisson(rng, per_attack) as f64).sum();
    let stock = &mut w.districts[d].stocks[group];
    let taken = harmed.min(stock[0]);
    stock[0] -= taken;
    stock[3] += taken;
    w.totals.harmed += taken;
    w.totals.reprisal_harmed += taken;
    w.districts[d].harmed_this_turn += taken;
    w.districts[d].reprisals += attacks;
    w.happenings.push((
        t,
        Happening::Reprisals {
            district: d as u16,
            attacks,
            harmed: taken,
        },
    ));
}

/// Violence answers violence. Where a group was attacked this turn it grows afraid and hostile
/// towards the side that attacked it (fear by `ATTACK_FEAR`, hostility by `revenge_rate`, each
/// a share of the way to 1); the districts next door feel `spillover_share` of the shock. The
/// targeted group's view of public order loses `state_violence_legitimacy` of itself where the
/// state's own violence hit it.
fn aftermath(w: &mut World, state_violence: &[bool]) {
    let nd = w.districts.len();
    let (spill, revenge) = (w.params.spillover_share, w.params.revenge_rate);
    let (target, group) = (w.org.target, w.org.group);
    // Shock strength per district for the targeted group and for the perpetrators' group.
    let mut on_target = vec![0.0f64; nd];
    let mut on_group = vec![0.0f64; nd];
    for d in 0..nd {
        for (hit, shock) in [
            (w.districts[d].attacks > 0, &mut on_target),
            (w.districts[d].reprisals > 0, &mut on_group),
        ] {
            if hit {
                shock[d] = 1.0;
                for &n in &w.region.neighbours[d] {
                    shock[n as usize] = shock[n as usize].max(spill);
                }
            }
        }
    }
    let toward_one = |x: &mut f32, rate: f64| {
        let v = *x as f64;
        *x = (v + rate * (1.0 - v)).min(1.0) as f32;
    };
    for d in 0..nd {
        if on_target[d] == 0.0 && on_group[d] == 0.0 {
            continue;
        }
        for u in w.layout.district_range(d) {
            let u = u as usize;
            let g = w.acc.group[u];
            if g == target && on_target[d] > 0.0 {
                toward_one(&mut w.acc.fear[u], ATTACK_FEAR * on_target[d]);
                toward_one(&mut w.acc.hostility[u], revenge * on_target[d]);
            } else if g == group && on_group[d] > 0.0 {
                toward_one(&mut w.acc.hostility[u], revenge * on_group[d]);
            }
        }
    }
    let loss = w.params.state_violence_legitimacy;
    for (state, hit) in w.districts.iter_mut().zip(state_violence) {
        if *hit {
            state.legitimacy_targeted *= 1.0 - loss;
        }
    }
}

/// Harm `people` of the targeted group in district `d` (from home, shelter and the displaced it
/// hosts, by exposure). Returns how many were harmed (capped by who is there).
pub(super) fn harm(w: &mut World, d: usize, people: f64, data_share: f64) -> f64 {
    let target = w.org.target as usize;
    let protection = w.params.shelter_protection;
    let state = &mut w.districts[d];
    let stock = &mut state.stocks[target];
    let home = stock[0];
    let shelter = stock[1] * (1.0 - protection);
    let hosted = state.hosted;
    let exposed = home + shelter + hosted;
    if exposed <= 0.0 || people <= 0.0 {
        return 0.0;
    }
    let taken = people.min(exposed);
    stock[0] -= taken * home / exposed;
    stock[1] -= taken * shelter / exposed;
    // Residents harmed here are counted in this district's stocks; the displaced it hosts were
    // counted as displaced where they came from.
    stock[3] += taken * (home + shelter) / exposed;
    state.hosted -= taken * hosted / exposed;
    w.totals.harmed_hosted += taken * hosted / exposed;
    w.totals.harmed += taken;
    w.totals.harmed_by_data += taken * data_share;
    w.districts[d].harmed_this_turn += taken;
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrest_probability_falls_as_actives_rise_and_rises_with_cops() {
        let quiet = arrest_probability(2.3, 0.04, 0.0);
        let busy = arrest_probability(2.3, 0.04, 0.2);
        let policed = arrest_probability(2.3, 0.08, 0.2);
        assert!(quiet > 0.99);
        assert!(busy < quiet);
        assert!(policed > busy);
    }

    #[test]
    fn activation_rule_is_epsteins() {
        // G=0.5, R=0.3, P=0.9 -> 0.5 - 0.27 = 0.23 > 0.1
        assert!(activates(0.5, 0.3, 0.9, 0.1));
        // G=0.2, R=0.3, P=0.9 -> -0.07 < 0.1
        assert!(!activates(0.2, 0.3, 0.9, 0.1));
    }
}
