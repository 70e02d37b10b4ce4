//! The perpetrator organisation: recruits join, new accounts register (and screening blocks some),
//! the platform bans what it detects (and banned members try to come back), takeovers of
//! activists' and sources' accounts, and harvesting of exposed personal data.

use rand::RngExt;

use super::actors::{Role, flag};
use super::rng::{Purpose, Stream, Subject, about, chance, hash_unit, poisson, turn_key};
use super::{Happening, World};

// Model numbers of the organisation's turn (MODEL.md §18 lists every one).

/// Hostility and belief of a newly registered fake account. Assumption.
pub const NEW_ACCOUNT_CONVICTION: f32 = 0.9;
/// Chance a banned member who comes back takes two turns rather than one. Assumption.
pub const RETURN_LATER_CHANCE: f64 = 0.5;
/// Share of a hijacked account's contacts that leak under end-to-end encryption
/// (`e2ee_messaging`). Assumption.
pub const E2EE_LEAK_SHARE: f64 = 0.3;
/// Per-turn chance an owner regains a hijacked account without help. Assumption.
pub const HIJACK_RECOVERY: f64 = 0.1;

pub(super) fn step(w: &mut World, t: u32) {
    let perp = w.spec.perpetrators.clone();
    let active = t >= perp.active_from;
    join_recruits(w);
    register(w, t, &perp, active);
    let rp = w.policy.region.clone();
    let nd = w.districts.len();
    ban(w, t, &perp, &rp);

    if active {
        offplatform_contacts(w, nd);
    }
    if active && w.params.offline_mobilisation > 0.0 {
        mobilise_offline(w, t);
    }
    if t < w.org.state_campaign_until && perp.broadcast > 0.0 {
        broadcast(w, t, perp.broadcast);
    }
    take_over(w, t, &perp, &rp, active);
    if active {
        harvest(w, &rp);
    }
    count_live(w);
}

/// Members organising off the platform keep coordinating, at reduced efficiency and out of
/// the platform's sight (no moderation, no evidence, no signals).
/// Effort the organisation moved off the platform (beyond its habit) works the same way:
/// each live organiser's extra share there brings its own off-platform contacts.
fn offplatform_contacts(w: &mut World, nd: usize) {
    let moved = (w
        .org
        .effort
        .multiplier(super::adversary::Channel::OffPlatform)
        - 1.0)
        .max(0.0);
    let mut organisers = vec![0u32; nd];
    if moved > 0.0 {
        for u in 0..w.acc.len() {
            if w.acc.role[u] == Role::Organiser && w.acc.live(u) {
                organisers[w.acc.district[u] as usize] += 1;
            }
        }
    }
    for (d, here) in organisers.iter().enumerate() {
        let members = w.org.offplatform[d] as f64 + *here as f64 * moved;
        let contacts = members * w.params.offplatform_contacts;
        w.districts[d].coordination_contacts += contacts.round() as u32;
    }
}

/// Organisers mobilise offline too, whatever the platform does to their accounts: each talks
/// to a few people of its group in its district (each organiser its own stream).
fn mobilise_offline(w: &mut World, t: u32) {
    let org_group = w.org.group as usize;
    let bump = w.params.hostility_rate;
    for u in 0..w.acc.len() {
        if w.acc.role[u] != Role::Organiser
            || w.acc.has(u, flag::DORMANT)
            || w.acc.jailed_until[u] as u32 > t
        {
            continue;
        }
        let d = w.acc.district[u] as usize;
        let pool = w.layout.pool(d, org_group);
        if pool.is_empty() {
            continue;
        }
        let orng = &mut about(
            w.seed,
            t,
            Stream::Organisation,
            Subject::Mobilises(u as u32),
        );
        for _ in 0..poisson(orng, w.params.offline_mobilisation) {
            let v = orng.random_range(pool.clone()) as usize;
            let h = w.acc.hostility[v] as f64;
            w.acc.hostility[v] = (h + bump * (1.0 - h)) as f32;
        }
    }
}

/// A state campaign also runs on radio and television: part of the organisation's group hears
/// it every turn of the campaign, whatever the platform does.
fn broadcast(w: &mut World, t: u32, reach: f64) {
    // One draw per listener, fixed by account.
    let key = turn_key(w.seed, t, Stream::Organisation);
    let org_group = w.org.group;
    let bump = w.params.hostility_rate * w.org.state_campaign_intensity;
    for u in 0..w.acc.len() {
        if w.acc.group[u] == org_group && hash_unit(key, u as u64, 3) < reach {
            let h = w.acc.hostility[u] as f64;
            w.acc.hostility[u] = (h + bump * (1.0 - h)).min(1.0) as f32;
        }
    }
}

/// Recruits persuaded last turn join as amplifiers.
fn join_recruits(w: &mut World) {
    let mut joined = 0u32;
    for u in 0..w.acc.len() {
        if w.acc.has(u, flag::RECRUIT) {
            w.acc.clear(u, flag::RECRUIT);
            if w.acc.live(u) && w.acc.role[u] == Role::Civilian {
                w.acc.role[u] = Role::Amplifier;
                joined += 1;
            }
        }
    }
    let _ = joined;
}

/// Registrations: growth plus banned members coming back, unless screening blocks them.
fn register(w: &mut World, t: u32, perp: &super::spec::Perpetrators, active: bool) {
    let rng = &mut about(
        w.seed,
        t,
        Stream::Organisation,
        Subject::Region(Purpose::Registrations),
    );
    let mut wanting = 0u32;
    if active {
        wanting += poisson(rng, perp.growth * w.org.initial_size as f64) as u32;
    }
    // A new wave the organisation paid for (`account_wave`) registers now.
    wanting += std::mem::take(&mut w.red.wave);
    let before = w.org.returning.len();
    w.org.returning.retain(|&due| due > t);
    wanting += (before - w.org.returning.len()) as u32;
    let screening = w.policy.region.screening;
    let (mut registered, mut blocked) = (0u32, 0u32);
    for _ in 0..wanting {
        if chance(rng, screening) {
            blocked += 1;
            continue;
        }
        if w.org.reserve_next >= w.org.reserve.len() {
            break;
        }
        let u = w.org.reserve[w.org.reserve_next] as usize;
        w.org.reserve_next += 1;
        w.acc.flags[u] = (w.acc.flags[u] & flag::IMPERSONATOR) | flag::LIVE;
        w.acc.role[u] = Role::Inauthentic;
        w.acc.hostility[u] = NEW_ACCOUNT_CONVICTION;
        w.acc.belief[u] = NEW_ACCOUNT_CONVICTION;
        registered += 1;
    }
    w.totals.registrations_blocked += blocked as u64;
    newcomers(w, t);
    if registered + blocked > 0 {
        w.happenings.push((
            t,
            Happening::AccountsRegistered {
                count: registered,
                blocked,
            },
        ));
    }
}

/// Genuine newcomers register through the same screen as the organisation's accounts: a screen
/// of strength s turns each away with probability s x `screen_fp` (a pause turns everyone away).
/// The ones turned away are legitimate accounts lost (counted in `legitimate_content_removed`);
/// the ones let in are not simulated (ordinary users, like the rest of the population).
fn newcomers(w: &mut World, t: u32) {
    let rp = &w.policy.region;
    let block = if rp.registrations_paused {
        1.0
    } else {
        rp.screening * w.params.screen_fp
    };
    if block <= 0.0 {
        return;
    }
    let rng = &mut about(
        w.seed,
        t,
        Stream::Organisation,
        Subject::Region(Purpose::Newcomers),
    );
    let per_1k = w.spec.accounts as f64 / 1000.0;
    let wanting = poisson(rng, w.params.newcomers_per_1k * per_1k);
    let turned_away = (0..wanting).filter(|_| chance(rng, block)).count() as u64;
    w.totals.newcomers_blocked += turned_away;
    w.totals.legit_removed += turned_away;
}

/// Bans: network detection of fakes, designation/deplatforming of members, impersonators, and
/// the standing strike policy (five removals); banned members may come back or move off-platform.
fn ban(w: &mut World, t: u32, perp: &super::spec::Perpetrators, rp: &super::policy::RegionPolicy) {
    let evasion = perp.ban_evasion;
    let mut banned = 0u32;
    let nd = w.districts.len();
    w.org.offplatform.resize(nd, 0);
    // Draws about one account never shift another's (hashed by account).
    let key = turn_key(w.seed, t, Stream::Organisation);
    let draw = |u: usize, purpose: u64| hash_unit(key, u as u64, purpose);
    let mut wrongful = 0u32;
    let low_trust_degree = w.low_trust_degree();
    for u in 0..w.acc.len() {
        let role = w.acc.role[u];
        if !w.acc.live(u) {
            continue;
        }
        let member = role.is_perpetrator() || role == Role::StateMedia;
        // Genuine accounts whose signals look like what detection hunts: small, young-looking
        // accounts look like fakes to network detection; sources and officials look like what
        // impersonators copy.
        let looks_fake = !member
            && rp.network_detection > 0.0
            && (w.graph.degree(u as u32) as f64) < low_trust_degree;
        let looks_copied = !member && rp.impersonation_removal > 0.0 && role.is_credible();
        if !member && w.strikes[u] == 0 && !looks_fake && !looks_copied {
            continue;
        }
        let p_ban = ban_chance(w, u, rp, looks_fake, looks_copied);
        if draw(u, 4) < p_ban {
            w.acc.clear(u, flag::LIVE);
            w.acc.set(u, flag::BANNED);
            banned += 1;
            // The account's posts go with it: evidence of intent, unless preserved.
            if rp.evidence_preservation {
                w.totals.evidence_preserved += 1;
            } else {
                w.totals.evidence_lost += 1;
            }
            if !member {
                // A civilian, source or activist suspended by mistake: on a record of wrongful
                // removals, or for looking like a fake or a copied account.
                wrongful += 1;
                continue;
            }
            if draw(u, 5) < evasion {
                w.org
                    .returning
                    .push(t + 1 + u32::from(draw(u, 6) < RETURN_LATER_CHANCE));
            } else if matches!(role, Role::Organiser | Role::Amplifier)
                && draw(u, 7) < w.params.ban_displacement
            {
                // Displaced, not gone: they keep organising where the platform cannot see.
                w.org.offplatform[w.acc.district[u] as usize] += 1;
            }
        }
    }
    // What the organisation sees of it: its own accounts gone.
    w.red.banned_last = banned - wrongful;
    w.totals.wrongful_bans += wrongful as u64;
    w.totals.legit_removed += wrongful as u64;
    if banned > 0 {
        w.totals.bans += banned as u64;
        w.happenings
            .push((t, Happening::AccountsBanned { count: banned }));
    }
}

/// What the platform can see of an account: state voices are public; an inauthentic
/// account's behaviour gives it away to network detection (and so do a few genuine ones
/// that behave alike); an impersonator is reported (and so, now and then, is the account
/// it copies); anyone else is known only by their record of removed posts, whoever they
/// really are.
fn ban_chance(
    w: &World,
    u: usize,
    rp: &super::policy::RegionPolicy,
    looks_fake: bool,
    looks_copied: bool,
) -> f64 {
    let role = w.acc.role[u];
    let state_voice = role == Role::StateMedia && rp.state_designated;
    let strikes = w.strikes[u];
    let mut p_ban = 0.0;
    if looks_fake {
        p_ban += rp.network_detection * w.params.network_fp;
    }
    if looks_copied {
        p_ban += rp.impersonation_removal * w.params.impersonation_fp;
    }
    if state_voice {
        p_ban += rp.leader_ban_rate;
    }
    if role == Role::Inauthentic {
        p_ban += rp.network_detection;
    }
    if strikes >= 1 {
        p_ban += rp.ban_rate;
    }
    // Designation goes after the organisation's most active voices: repeat offenders.
    if strikes >= 2 {
        p_ban += rp.leader_ban_rate;
    }
    if w.acc.has(u, flag::IMPERSONATOR) {
        p_ban += rp.impersonation_removal;
    }
    if strikes >= 5 {
        p_ban = 1.0;
    }
    p_ban
}

/// Account takeovers aimed at sources, activists and the targeted group; owners regain control
/// over time (a detention lockdown channel speeds it up).
fn take_over(
    w: &mut World,
    t: u32,
    perp: &super::spec::Perpetrators,
    rp: &super::policy::RegionPolicy,
    active: bool,
) {
    let rng = &mut about(
        w.seed,
        t,
        Stream::Organisation,
        Subject::Region(Purpose::Takeovers),
    );
    let n_base = w.spec.accounts;
    let wave = if w.org.hacking_wave > 0.0 {
        w.org.hacking_wave
    } else {
        1.0
    };
    w.org.hacking_wave = 0.0;
    let attempts = if active {
        poisson(rng, perp.hacking_per_1k * n_base as f64 / 1000.0 * wave)
    } else {
        0
    };
    let target = w.org.target;
    let mut compromised = 0u32;
    for _ in 0..attempts {
        let u = rng.random_range(0..n_base.max(1));
        let role = w.acc.role[u];
        let aimed = role.is_credible() || w.acc.group[u] == target;
        if !aimed || !w.acc.live(u) || w.acc.has(u, flag::COMPROMISED) {
            continue;
        }
        let d = w.acc.district[u] as usize;
        let security = (w.acc.security[u] as f64 + w.policy.districts[d].security).min(1.0);
        if !chance(rng, security) {
            w.acc.set(u, flag::COMPROMISED);
            compromised += 1;
            // The victim's contacts and affiliations leak.
            let leak = if rp.e2ee { E2EE_LEAK_SHARE } else { 1.0 } * (1.0 - rp.lockdown.min(1.0));
            let contacts = w.graph.degree(u as u32) as f64;
            let district_accounts = w.districts[d].accounts.max(1) as f64;
            let h = &mut w.districts[d].harvested;
            *h = (*h + leak * contacts / district_accounts * (1.0 - *h)).min(1.0);
        }
    }
    // Owners regain control over time; a detention lockdown channel speeds it up.
    let recovery = HIJACK_RECOVERY + rp.lockdown;
    let key = turn_key(w.seed, t, Stream::Organisation);
    for u in 0..n_base {
        if w.acc.has(u, flag::COMPROMISED) && hash_unit(key, u as u64, 8) < recovery {
            w.acc.clear(u, flag::COMPROMISED);
        }
    }
    w.totals.compromised += compromised as u64;
    if compromised > 0 {
        w.happenings
            .push((t, Happening::AccountsCompromised { count: compromised }));
    }
}

/// Harvesting of exposed personal data (scraping profiles, friends lists, location history).
fn harvest(w: &mut World, rp: &super::policy::RegionPolicy) {
    let n_base = w.spec.accounts;
    let nd = w.districts.len();
    let target = w.org.target;
    let mut perp_here = vec![0u32; nd];
    let mut exposure_sum = vec![0.0f64; nd];
    let mut target_here = vec![0u32; nd];
    for u in 0..w.acc.len() {
        let d = w.acc.district[u] as usize;
        let live = w.acc.live(u);
        if w.acc.role[u].is_perpetrator() {
            perp_here[d] += u32::from(live);
        } else if w.acc.group[u] == target && u < n_base {
            // Deactivated or banned accounts go dark: they count, but expose nothing.
            target_here[d] += 1;
            if live {
                exposure_sum[d] += w.acc.exposure[u] as f64;
            }
        }
    }
    let rate = w.params.harvest_rate * rp.harvesting;
    for d in 0..nd {
        if target_here[d] == 0 {
            continue;
        }
        let presence =
            (perp_here[d] as f64 / w.districts[d].accounts.max(1) as f64 * 100.0).min(1.0);
        let exposure =
            (exposure_sum[d] / target_here[d] as f64 * w.policy.districts[d].exposure).min(1.0);
        // Public posts marking safe and unsafe places are read by perpetrators too: the leak
        // grows with the warnings civilians post after attacks (per 1000 accounts).
        let pol = &w.policy.districts[d];
        let leak = pol.location_leak
            * w.districts[d].attacks_last as f64
            * super::posting::WITNESS_POSTS_PER_ATTACK
            * pol.civilian_warnings;
        let h = &mut w.districts[d].harvested;
        *h = (*h + (rate * presence * exposure + leak).min(1.0) * (1.0 - *h)).min(1.0);
    }
}

/// After cascades: remember the peak of live perpetrator accounts.
pub(super) fn after_spread(w: &mut World, _t: u32) {
    count_live(w);
}

fn count_live(w: &mut World) {
    let live = (0..w.acc.len())
        .filter(|&u| w.acc.live(u) && w.acc.role[u].is_perpetrator())
        .count() as u32;
    w.org.live = live;
    w.totals.perpetrators_peak = w.totals.perpetrators_peak.max(live);
}
