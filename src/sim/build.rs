//! Building a world, phase by phase: accounts in their (district, group) pools with their
//! attributes, roles (credible sources, the organisation's members, state voices), the social
//! graph, the districts' starting state, and the measures prepared before the crisis. The phases
//! draw from the build stream in this order (and the graph from its own stream), so a world is
//! the same for the same scenario and seed.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::actors::{Accounts, Offline, Role, flag};
use super::network::{self, Csr, Layout, Stub};
use super::region::Region;
use super::rng::{Stream, stream, unit};
use super::spec::WorldSpec;
use super::{DistrictState, World, interventions};

// Model numbers of world building (MODEL.md §18 lists every one).

/// Starting belief in rumours: uniform on 0..this. Assumption.
pub const INITIAL_BELIEF_MAX: f64 = 0.1;
/// Starting hostility: the group's baseline times uniform on this..this+1. Assumption.
pub const INITIAL_HOSTILITY_SPREAD_LOW: f64 = 0.5;
/// Starting fear: uniform on 0..this. Assumption.
pub const INITIAL_FEAR_MAX: f64 = 0.1;
/// Starting trust in sources: the platform's user trust times uniform on this..this+width.
/// Assumption.
pub const INITIAL_TRUST_LOW: f64 = 0.6;
/// Width of the starting trust draw (see `INITIAL_TRUST_LOW`). Assumption.
pub const INITIAL_TRUST_WIDTH: f64 = 0.8;
/// Starting preparedness: uniform on 0..this. Assumption.
pub const INITIAL_PREPAREDNESS_MAX: f64 = 0.2;
/// Account security hygiene: uniform on this..this+width. Assumption.
pub const SECURITY_LOW: f64 = 0.3;
/// Width of the security draw. Assumption.
pub const SECURITY_WIDTH: f64 = 0.4;
/// Profile exposure (targeting data it gives away): uniform on this..this+width. Assumption.
pub const EXPOSURE_LOW: f64 = 0.4;
/// Width of the exposure draw. Assumption.
pub const EXPOSURE_WIDTH: f64 = 0.5;
/// Lowest hostility and belief of the organisation's members. Assumption.
pub const MEMBER_CONVICTION: f32 = 0.8;
/// Share of the organisation's group's media and officials that become state voices in a
/// state-affiliated campaign. Assumption.
pub const STATE_CAPTURE_SHARE: f64 = 0.5;
/// Lowest hostility and belief of state voices. Assumption.
pub const STATE_VOICE_CONVICTION: f32 = 0.7;
/// Local media and civil society per 1000 accounts scale with the district's 0..1 attribute;
/// at the average (0.5) the scenario's rate holds. Assumption.
pub const SOURCE_DENSITY_SCALE: f64 = 2.0;
/// Share of civil society accounts drawn from the targeted group. Assumption.
pub const CIVIL_SOCIETY_IN_TARGET: f64 = 0.6;
/// Followers' trust in credible sources. Assumption.
pub const SOURCE_TRUST: f32 = 0.9;
/// Media and state media start this many times an ordinary account's ties (large audiences).
/// Assumption.
pub const MEDIA_AUDIENCE: u32 = 8;
/// Officials, civil society and humanitarians start this many times an ordinary account's ties.
/// Assumption.
pub const SOURCE_AUDIENCE: u32 = 4;
/// Organisers start this many times an ordinary account's ties. Assumption.
pub const ORGANISER_AUDIENCE: u32 = 2;
/// Ties each member (and reserve slot) of the organisation makes inside it. Assumption.
pub const MEMBER_TIES: u32 = 4;
/// Each tie adds to two accounts' degrees: a mean out-degree of avg_degree / this gives the
/// scenario's average degree. Arithmetic.
pub const TIE_ENDS: f64 = 2.0;

/// Index of the bucket of a cumulative weight list that `x` (in 0..1) falls into.
fn pick_cum(cum: &[f64], x: f64) -> usize {
    let total = cum.last().copied().unwrap_or(0.0);
    if total <= 0.0 {
        return 0;
    }
    cum.partition_point(|&c| c <= x * total).min(cum.len() - 1)
}

/// Starting belief with mean `m` from a uniform draw `x`: the widest uniform spread with that
/// mean (0..2m up to a mean of one half, 2m-1..1 above it).
fn starting_belief(m: f64, x: f64) -> f64 {
    let m = m.clamp(0.0, 1.0);
    let lo = (m + m - 1.0).max(0.0);
    let hi = (m + m).min(1.0);
    lo + (hi - lo) * x
}

/// Every account in its (district, group) pool, then the organisation's reserve slots (dormant
/// perpetrator-group accounts where that group lives), with their starting attitudes.
pub(super) fn place_accounts(
    spec: &WorldSpec,
    region: &Region,
    layout: &Layout,
    n_base: usize,
    n_reserve: usize,
    rng: &mut ChaCha8Rng,
) -> Accounts {
    let perp = &spec.perpetrators;
    let (nd, ng) = (region.districts.len(), region.groups.len());
    let (org_group, target) = (perp.group, perp.target);
    let n_total = n_base + n_reserve;
    let mut acc = Accounts::default();
    // --- accounts in pools ---------------------------------------------------------------
    acc.district.reserve(n_total);
    for d in 0..nd {
        for g in 0..ng {
            let pool = layout.pool(d, g);
            let weight = if pool.is_empty() {
                0.0
            } else {
                region.users(d, g) / pool.len() as f64
            };
            for _ in pool {
                acc.district.push(d as u16);
                acc.group.push(g as u8);
                acc.weight.push(weight as f32);
            }
        }
    }
    // Reserve slots: perpetrator-group accounts in districts where that group lives.
    let org_cum: Vec<f64> = {
        let mut a = 0.0;
        (0..nd)
            .map(|d| {
                a += layout.pool(d, org_group).len() as f64;
                a
            })
            .collect()
    };
    for _ in 0..n_reserve {
        let d = pick_cum(&org_cum, unit(rng));
        acc.district.push(d as u16);
        acc.group.push(org_group as u8);
        // A fake account stands for nobody offline.
        acc.weight.push(0.0);
    }
    let n = acc.district.len();
    starting_attitudes(&mut acc, spec, region, target, rng);
    for u in n_base..n {
        acc.flags[u] = flag::DORMANT;
        acc.role[u] = Role::Inauthentic;
    }
    acc
}

/// Every account's starting state (live, at home, never warned) and attitudes (belief,
/// hostility by its group's tension with the target, fear, trust, preparedness, security,
/// exposure, risk aversion), in account order from `rng`.
fn starting_attitudes(
    acc: &mut Accounts,
    spec: &WorldSpec,
    region: &Region,
    target: usize,
    rng: &mut ChaCha8Rng,
) {
    let params = &spec.model;
    let n = acc.district.len();
    acc.role = vec![Role::Civilian; n];
    acc.flags = vec![flag::LIVE; n];
    acc.offline = vec![Offline::Home; n];
    acc.jailed_until = vec![0; n];
    acc.warned_turn = vec![u16::MAX; n];
    acc.shares = vec![0; n];
    acc.seen_kinds = vec![0; n];
    acc.stamp = vec![0; n];
    acc.active = vec![false; n];
    acc.belief = Vec::with_capacity(n);
    acc.hostility = Vec::with_capacity(n);
    acc.fear = Vec::with_capacity(n);
    acc.trust = Vec::with_capacity(n);
    acc.prebunk = vec![0.0; n];
    acc.preparedness = Vec::with_capacity(n);
    acc.security = Vec::with_capacity(n);
    acc.exposure = Vec::with_capacity(n);
    acc.risk_aversion = Vec::with_capacity(n);
    for u in 0..n {
        let g = acc.group[u] as usize;
        let base_h = region.tension[g][target] * params.initial_hostility;
        let x = unit(rng);
        let belief = match region.districts[acc.district[u] as usize].rumour_belief {
            Some(m) if g != target => starting_belief(m, x),
            _ => INITIAL_BELIEF_MAX * x,
        };
        acc.belief.push(belief as f32);
        acc.hostility
            .push((base_h * (INITIAL_HOSTILITY_SPREAD_LOW + unit(rng))).clamp(0.0, 1.0) as f32);
        acc.fear.push((INITIAL_FEAR_MAX * unit(rng)) as f32);
        acc.trust.push(
            (spec.platform.user_trust * (INITIAL_TRUST_LOW + INITIAL_TRUST_WIDTH * unit(rng)))
                .clamp(0.0, 1.0) as f32,
        );
        acc.preparedness
            .push((INITIAL_PREPAREDNESS_MAX * unit(rng)) as f32);
        acc.security
            .push((SECURITY_LOW + SECURITY_WIDTH * unit(rng)) as f32);
        acc.exposure
            .push((EXPOSURE_LOW + EXPOSURE_WIDTH * unit(rng)) as f32);
        acc.risk_aversion.push(unit(rng) as f32);
    }
}

/// Roles: credible sources per district, the organisation's initial members (returned), state
/// voices under a state-affiliated campaign, impersonators among the reserve.
pub(super) fn assign_roles(
    spec: &WorldSpec,
    region: &Region,
    layout: &Layout,
    acc: &mut Accounts,
    n_base: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<u32> {
    let perp = &spec.perpetrators;
    let nd = region.districts.len();
    let (org_group, target) = (perp.group, perp.target);
    let n = acc.district.len();
    // --- roles ---------------------------------------------------------------------------
    let credible = credible_sources(spec, region, layout, acc, target, rng);
    // The organisation's initial members come from its group's pools.
    let org_pools: Vec<std::ops::Range<u32>> = (0..nd).map(|d| layout.pool(d, org_group)).collect();
    let org_total: u32 = org_pools.iter().map(|p| p.len() as u32).sum();
    let mut members: Vec<u32> = Vec::new();
    if org_total > 0 {
        let cum: Vec<f64> = {
            let mut a = 0.0;
            org_pools
                .iter()
                .map(|p| {
                    a += p.len() as f64;
                    a
                })
                .collect()
        };
        let quota = [
            (Role::Organiser, perp.organiser_share),
            (Role::Amplifier, perp.amplifier_share),
            (Role::Inauthentic, perp.inauthentic_share),
        ];
        for (role, share) in quota {
            let count = (share * n_base as f64).round() as usize;
            let mut placed = 0;
            let mut tries = 0;
            while placed < count && tries < count * 20 + 100 {
                tries += 1;
                let d = pick_cum(&cum, unit(rng));
                if org_pools[d].is_empty() {
                    continue;
                }
                let u = rng.random_range(org_pools[d].clone()) as usize;
                if acc.role[u] != Role::Civilian {
                    continue;
                }
                acc.role[u] = role;
                acc.hostility[u] = acc.hostility[u].max(MEMBER_CONVICTION);
                acc.belief[u] = acc.belief[u].max(MEMBER_CONVICTION);
                if role == Role::Inauthentic {
                    // Fake accounts stand for nobody offline.
                    acc.weight[u] = 0.0;
                    if unit(rng) < perp.impersonation {
                        acc.flags[u] |= flag::IMPERSONATOR;
                    }
                }
                members.push(u as u32);
                placed += 1;
            }
        }
    }
    if perp.state_affiliated {
        capture_state_voices(acc, &credible, org_group, rng);
    }
    for u in n_base..n {
        if unit(rng) < perp.impersonation {
            acc.flags[u] |= flag::IMPERSONATOR;
        }
    }
    members
}

/// Under a state-affiliated campaign some officials and media of the organisation's group
/// become state voices.
fn capture_state_voices(
    acc: &mut Accounts,
    credible: &[u32],
    org_group: usize,
    rng: &mut ChaCha8Rng,
) {
    for &u in credible {
        let u = u as usize;
        let r = acc.role[u];
        if (r == Role::Media || r == Role::Official)
            && acc.group[u] as usize == org_group
            && unit(rng) < STATE_CAPTURE_SHARE
        {
            acc.role[u] = if r == Role::Media {
                Role::StateMedia
            } else {
                Role::Official
            };
            acc.hostility[u] = acc.hostility[u].max(STATE_VOICE_CONVICTION);
            acc.belief[u] = acc.belief[u].max(STATE_VOICE_CONVICTION);
            // Officials of a state-led campaign are captured: treat as state voices.
            if r == Role::Official {
                acc.role[u] = Role::StateMedia;
            }
        }
    }
}

/// Credible sources per district, in proportion to local media and civil society presence.
fn credible_sources(
    spec: &WorldSpec,
    region: &Region,
    layout: &Layout,
    acc: &mut Accounts,
    target: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<u32> {
    let nd = region.districts.len();
    let src = &spec.sources;
    let mut credible: Vec<u32> = Vec::new();
    for d in 0..nd {
        let range = layout.district_range(d);
        let len = range.len() as f64;
        if len == 0.0 {
            continue;
        }
        let dist = &region.districts[d];
        let wanted = [
            (
                Role::Media,
                src.media_per_1k * SOURCE_DENSITY_SCALE * dist.local_media,
            ),
            (
                Role::CivilSociety,
                src.civil_society_per_1k * SOURCE_DENSITY_SCALE * dist.civil_society,
            ),
            (Role::Humanitarian, src.humanitarian_per_1k),
            (Role::Official, src.officials_per_1k),
        ];
        for (role, per_1k) in wanted {
            let mean = per_1k * len / 1000.0;
            let count = mean.floor() as usize + usize::from(unit(rng) < mean.fract());
            for _ in 0..count {
                // Civil society belongs to the targeted group more often than not.
                let u = if role == Role::CivilSociety && unit(rng) < CIVIL_SOCIETY_IN_TARGET {
                    let pool = layout.pool(d, target);
                    if pool.is_empty() {
                        rng.random_range(range.clone())
                    } else {
                        rng.random_range(pool)
                    }
                } else {
                    rng.random_range(range.clone())
                };
                if acc.role[u as usize] == Role::Civilian {
                    acc.role[u as usize] = role;
                    acc.trust[u as usize] = SOURCE_TRUST;
                    credible.push(u);
                }
            }
        }
    }
    credible
}

/// The social graph (its own random stream): out-degrees by role, the organisation's internal
/// ties, a scenario's own edge list if it brings one.
pub(super) fn wire(
    spec: &WorldSpec,
    region: &Region,
    layout: &Layout,
    acc: &Accounts,
    members: &[u32],
    n_base: usize,
    seed: u64,
) -> Csr {
    let n = acc.district.len();
    let cap_degree = (n as u32 / 4).clamp(5, 20_000);
    // --- graph ---------------------------------------------------------------------------
    let mut grng = stream(seed, 0, Stream::Graph);
    let half = spec.graph.avg_degree / TIE_ENDS;
    let out_degrees: Vec<u32> = (0..n)
        .map(|u| {
            let k = network::draw_out_degree(&mut grng, half, spec.graph.degree_tail, cap_degree);
            match acc.role[u] {
                // Sources have large audiences.
                Role::Media | Role::StateMedia => (k * MEDIA_AUDIENCE).min(cap_degree),
                Role::Official | Role::CivilSociety | Role::Humanitarian => {
                    (k * SOURCE_AUDIENCE).min(cap_degree)
                }
                Role::Organiser => (k * ORGANISER_AUDIENCE).min(cap_degree),
                _ => k,
            }
        })
        .collect();
    // The organisation's internal network: every member and reserve slot tied to a few others.
    let mut org_all: Vec<u32> = members.to_vec();
    org_all.extend(n_base as u32..n as u32);
    let mut extra = Vec::new();
    if org_all.len() > 1 {
        for &u in &org_all {
            for _ in 0..MEMBER_TIES {
                let v = org_all[grng.random_range(0..org_all.len())];
                extra.push((u, v));
            }
        }
    }
    // A scenario may bring its own network for the accounts; reserve slots are still wired.
    let given = spec.edges.clone();
    if let Some(edges) = &given {
        extra.extend(edges.iter().copied());
    }
    let stubs = (0..n).map(|u| Stub {
        id: u as u32,
        district: acc.district[u] as usize,
        group: acc.group[u] as usize,
        out_degree: if given.is_some() && u < n_base {
            0
        } else {
            out_degrees[u]
        },
    });
    let graph = network::generate(region, layout, &spec.graph, stubs, &extra, n, &mut grng);
    drop(out_degrees);
    graph
}

/// Each district's starting state: its people at home, its accounts, full communication.
pub(super) fn district_states(region: &Region, layout: &Layout) -> Vec<DistrictState> {
    let ng = region.groups.len();
    // --- district state --------------------------------------------------------------------
    let mut districts: Vec<DistrictState> = region
        .districts
        .iter()
        .enumerate()
        .map(|(d, dist)| DistrictState {
            connectivity: dist.connectivity,
            legitimacy: dist.legitimacy,
            legitimacy_base: dist.legitimacy,
            legitimacy_targeted: dist.legitimacy,
            stocks: (0..ng)
                .map(|g| [dist.population * dist.shares[g], 0.0, 0.0, 0.0])
                .collect(),
            accounts: layout.district_range(d).len() as u32,
            comm_capacity: 1.0,
            ..Default::default()
        })
        .collect();
    for d in districts.iter_mut() {
        d.arrest_probability = 1.0;
    }
    districts
}

/// Measures the platform had in place before the crisis: in force from turn 0.
pub(super) fn prepare_measures(world: &mut World, spec: &WorldSpec) {
    for prepared in &spec.prepared {
        world.active.push(interventions::Active {
            entry: prepared.entry,
            params: prepared.params.clone(),
            scope: prepared.scope.clone(),
            enabled_turn: 0,
            effective_from: 0,
            team: interventions::CATALOG[prepared.entry].team,
        });
    }
}
