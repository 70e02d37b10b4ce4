//! People who move: where the targeted group's people go when they flee (MODEL.md §10).
//!
//! People fleeing a district head for a destination: a safe haven the scenario names, or out of
//! the region from a border district. Those who know the way (prepared by crisis information, or
//! told by safe-route posts) take the safest path to the safest destination; the others leave
//! the region if their district is on the border and otherwise go one district along the
//! nearest way out and stay there, exposed, among its people. On the way, each district crossed
//! harms a share of them that grows with the violence there (the harm its exposed residents
//! can expect this turn, times how much more exposed a traveller is; people who know a safe way
//! half of it); each route between neighbouring districts
//! carries at most `route_capacity` people a turn, and the rest wait at home. With every
//! district on the border and no haven (the scenario's default), everyone leaves the region
//! from home, as they always did.

use std::collections::BTreeMap;

use super::{Happening, World};

/// Where a party of people fleeing a district ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// A safe haven (district index): out of harm's way.
    Haven(u16),
    /// Among the people of another district, as exposed as they are.
    Hosted(u16),
    /// Out of the region.
    Abroad,
}

/// People who set out this turn from one district along one path.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub from: u16,
    /// Districts crossed after `from`, the last one where they arrived (empty when they left the
    /// region from `from` itself).
    pub path: Vec<u16>,
    pub to: Destination,
    /// They know a safe way (prepared, or told by safe-route posts): the safest path, and
    /// `KNOWN_WAY_SAFETY` of the danger on it avoided.
    pub informed: bool,
    /// People who set out.
    pub people: f64,
    /// Of them, people harmed on the way.
    pub harmed: f64,
}

/// Whether district `d` is a haven with room left (a full one is nobody's destination).
fn open_haven(w: &World, d: usize) -> bool {
    w.haven_room(d) > 0.0
}

/// Share of the danger on the way that people who know a safe way avoid (the roads, hours and
/// checkpoints to keep clear of). Assumption.
pub const KNOWN_WAY_SAFETY: f64 = 0.5;

/// Share of the people crossing district `d` who are harmed there: `route_exposure` x the harm
/// its exposed residents could expect last turn (attacks, raids, shelling), less
/// `KNOWN_WAY_SAFETY` of it for people who know a safe way. A traveller meets the same violence
/// as the district's people, only more exposed to it.
fn danger(w: &World, d: usize, informed: bool) -> f64 {
    if w.region.districts[d].haven {
        return 0.0;
    }
    let known = if informed {
        1.0 - KNOWN_WAY_SAFETY
    } else {
        1.0
    };
    (w.params.route_exposure * w.districts[d].harm_rate * known).clamp(0.0, 1.0)
}

/// The safest way out of `from`: the destination whose path harms the fewest (Dijkstra over
/// neighbouring districts, cost -ln(1 - danger) of each district entered), fewer districts
/// crossed and then the lower index breaking ties.
fn safest(w: &World, from: usize) -> (Vec<u16>, Destination) {
    if w.region.districts[from].haven {
        return (Vec::new(), Destination::Haven(from as u16));
    }
    let nd = w.districts.len();
    let mut cost = vec![f64::INFINITY; nd];
    let mut hops = vec![u32::MAX; nd];
    let mut prev = vec![usize::MAX; nd];
    let mut done = vec![false; nd];
    cost[from] = 0.0;
    hops[from] = 0;
    let mut best: Option<(f64, u32, usize, bool)> = None;
    let closest = |done: &[bool], cost: &[f64], hops: &[u32]| {
        (0..nd)
            .filter(|&x| !done[x] && cost[x].is_finite())
            .min_by(|&a, &b| cost[a].total_cmp(&cost[b]).then(hops[a].cmp(&hops[b])))
    };
    while let Some(x) = closest(&done, &cost, &hops) {
        done[x] = true;
        let dist = &w.region.districts[x];
        // Leaving the region from a border district, or staying in a haven with room.
        let haven = open_haven(w, x);
        if dist.border || haven {
            let candidate = (cost[x], hops[x], x, haven);
            if best.is_none_or(|b| (candidate.0, candidate.1, candidate.2) < (b.0, b.1, b.2)) {
                best = Some(candidate);
            }
        }
        for &n in &w.region.neighbours[x] {
            let n = n as usize;
            let c = cost[x] - (1.0 - danger(w, n, true)).ln();
            if !done[n] && (c, hops[x] + 1) < (cost[n], hops[n]) {
                cost[n] = c;
                hops[n] = hops[x] + 1;
                prev[n] = x;
            }
        }
    }
    let Some((_, _, end, haven)) = best else {
        // No way out and no haven with room: they go as those who do not know the way.
        return nearest(w, from);
    };
    let mut path = Vec::new();
    let mut x = end;
    while x != from {
        path.push(x as u16);
        x = prev[x];
    }
    path.reverse();
    // Not a haven: the path ends at a border district, out of the region from there.
    let to = if haven {
        Destination::Haven(end as u16)
    } else {
        Destination::Abroad
    };
    (path, to)
}

/// The nearest way out for people who do not know the way: out of the region from a border
/// district; otherwise one district towards the nearest destination (fewest districts crossed,
/// lower index first), where they stay.
fn nearest(w: &World, from: usize) -> (Vec<u16>, Destination) {
    let dist = &w.region.districts[from];
    if dist.haven {
        return (Vec::new(), Destination::Haven(from as u16));
    }
    if dist.border {
        return (Vec::new(), Destination::Abroad);
    }
    let Some(next) = w.region.neighbours[from]
        .iter()
        .map(|&n| n as usize)
        .min_by_key(|&n| (w.region.hops_out[n], n))
    else {
        // Nowhere to go: they leave as best they can.
        return (Vec::new(), Destination::Abroad);
    };
    let to = if open_haven(w, next) {
        Destination::Haven(next as u16)
    } else {
        Destination::Hosted(next as u16)
    };
    (vec![next as u16], to)
}

/// People of the targeted group set out from each district (`fleeing[d]` people, already moved
/// from home to displaced, of whom a share `informed[d]` know the way). Routes' capacity holds
/// some back at home; danger on the way harms some; the rest arrive.
pub(super) fn depart(w: &mut World, t: u32, fleeing: &[f64], informed: &[f64]) {
    let mut flows = parties(w, fleeing, informed);
    hold_back(w, &mut flows);
    let turned_away = travel(w, t, &mut flows);
    flows.extend(turned_away);
    for d in 0..fleeing.len() {
        let people: f64 = flows
            .iter()
            .filter(|f| f.from as usize == d)
            .map(|f| f.people)
            .sum();
        if people >= 1.0 {
            w.happenings.push((
                t,
                Happening::Displacement {
                    district: d as u16,
                    people,
                },
            ));
        }
    }
    flows.retain(|f| f.people > 0.0);
    w.flows = flows;
}

/// The parties leaving each district: those who know a safe way take the safest path, the
/// others the nearest; parties on the same path and destination who know as much travel
/// together.
fn parties(w: &World, fleeing: &[f64], informed: &[f64]) -> Vec<Flow> {
    let mut flows: Vec<Flow> = Vec::new();
    for (d, &people) in fleeing.iter().enumerate() {
        if people <= 0.0 {
            continue;
        }
        let share = informed[d].clamp(0.0, 1.0);
        for (knows, part) in [(true, share), (false, 1.0 - share)] {
            if part <= 0.0 {
                continue;
            }
            let (path, to) = if knows { safest(w, d) } else { nearest(w, d) };
            // Parties on the same path and destination who know as much travel together.
            if let Some(f) = flows
                .iter_mut()
                .find(|f| f.from == d as u16 && f.path == path && f.to == to && f.informed == knows)
            {
                f.people += people * part;
            } else {
                flows.push(Flow {
                    from: d as u16,
                    path,
                    to,
                    informed: knows,
                    people: people * part,
                    harmed: 0.0,
                });
            }
        }
    }
    flows
}

/// Route capacity: each route between neighbours carries at most `route_capacity` people a
/// turn; every party on an overloaded route is held back in proportion (they stay home).
fn hold_back(w: &mut World, flows: &mut [Flow]) {
    let target = w.org.target as usize;
    let mut load: BTreeMap<(u16, u16), f64> = BTreeMap::new();
    let edges = |f: &Flow| -> Vec<(u16, u16)> {
        std::iter::once(f.from)
            .chain(f.path.iter().copied())
            .collect::<Vec<_>>()
            .windows(2)
            .map(|e| (e[0].min(e[1]), e[0].max(e[1])))
            .collect()
    };
    for f in flows.iter() {
        for e in edges(f) {
            *load.entry(e).or_default() += f.people;
        }
    }
    let capacity = w.params.route_capacity;
    for f in flows.iter_mut() {
        let scale = edges(f)
            .iter()
            .map(|e| (capacity / load[e]).min(1.0))
            .fold(1.0f64, f64::min);
        if scale < 1.0 {
            let held = f.people * (1.0 - scale);
            f.people -= held;
            let stock = &mut w.districts[f.from as usize].stocks[target];
            stock[0] += held;
            stock[2] -= held;
            w.totals.protected -= held;
            w.totals.displaced -= held;
        }
    }
}

/// The way: danger in every district crossed, then arrival (a haven with room, the edge of a
/// full one, a district that hosts them, abroad). Returns the parties a full haven turned away.
fn travel(w: &mut World, t: u32, flows: &mut [Flow]) -> Vec<Flow> {
    let mut turned_away: Vec<Flow> = Vec::new();
    let mut full: Vec<u16> = Vec::new();
    for f in flows.iter_mut() {
        let people = f.people;
        // Danger on the way: each district entered harms a share of those still travelling.
        let mut travelling = people;
        for &x in &f.path {
            let x = x as usize;
            let hurt = travelling * danger(w, x, f.informed);
            travelling -= hurt;
            f.harmed += hurt;
            w.districts[x].harmed_this_turn += hurt;
        }
        w.totals.harmed += f.harmed;
        w.totals.harmed_in_flight += f.harmed;
        match f.to {
            Destination::Haven(h) => {
                // A haven keeps safe as many as it has room for; the rest stay at its edge.
                let hi = h as usize;
                let inside = travelling.min(w.haven_room(hi));
                let turned = travelling - inside;
                w.districts[hi].in_haven += inside;
                w.totals.reached_haven += inside;
                if turned > 0.0 {
                    w.districts[hi].hosted += turned;
                    if !full.contains(&h) {
                        full.push(h);
                        w.happenings.push((t, Happening::HavenFull { district: h }));
                    }
                    let part = turned / travelling;
                    turned_away.push(Flow {
                        from: f.from,
                        path: f.path.clone(),
                        to: Destination::Hosted(h),
                        informed: f.informed,
                        people: f.people * part,
                        harmed: f.harmed * part,
                    });
                    f.people *= 1.0 - part;
                    f.harmed *= 1.0 - part;
                }
            }
            Destination::Hosted(n) => w.districts[n as usize].hosted += travelling,
            Destination::Abroad => w.totals.left_region += travelling,
        }
    }
    turned_away
}
