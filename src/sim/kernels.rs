//! The model's canonical sub-models as plain functions, so they can be checked against their
//! textbook definitions (the calibration suite) and raced against other implementations.

use rand::{Rng, RngExt};

use super::network::Csr;
use super::rng::skip;

/// Call `f` on each element of `items` independently with probability `p`, in order, drawing
/// only for the elements visited (geometric skipping): O(visited), not O(len).
#[inline]
pub fn each_with_probability<R: Rng + ?Sized>(
    items: &[u32],
    p: f64,
    rng: &mut R,
    mut f: impl FnMut(u32),
) {
    let mut i = skip(rng, p);
    while i < items.len() {
        f(items[i]);
        i = i.saturating_add(1 + skip(rng, p));
    }
}

/// Independent-cascade model (Kempe, Kleinberg & Tardos 2003): each newly active node gets one
/// chance to activate each inactive neighbour, with probability `p`. Returns the number of active
/// nodes at the end and the number of edge evaluations made (counting skipped edges as evaluated,
/// as a per-edge coin would). `seen` is scratch space of length n, all `false` on entry and exit.
pub fn independent_cascade<R: Rng + ?Sized>(
    graph: &Csr,
    seeds: &[u32],
    p: f64,
    rng: &mut R,
    seen: &mut [bool],
    frontier: &mut Vec<u32>,
    next: &mut Vec<u32>,
) -> (usize, u64) {
    frontier.clear();
    let mut reached = Vec::with_capacity(seeds.len() * 4);
    for &s in seeds {
        if !seen[s as usize] {
            seen[s as usize] = true;
            frontier.push(s);
            reached.push(s);
        }
    }
    let mut evaluations = 0u64;
    while !frontier.is_empty() {
        next.clear();
        for &u in frontier.iter() {
            let nbrs = graph.neighbours(u);
            evaluations += nbrs.len() as u64;
            each_with_probability(nbrs, p, rng, |v| {
                if !seen[v as usize] {
                    seen[v as usize] = true;
                    next.push(v);
                    reached.push(v);
                }
            });
        }
        std::mem::swap(frontier, next);
    }
    let n = reached.len();
    for v in reached {
        seen[v as usize] = false;
    }
    (n, evaluations)
}

/// The textbook reference: one coin per edge, breadth first (for checking the fast kernel).
pub fn independent_cascade_naive<R: Rng + ?Sized>(
    graph: &Csr,
    seeds: &[u32],
    p: f64,
    rng: &mut R,
) -> usize {
    let mut seen = vec![false; graph.n()];
    let mut frontier: Vec<u32> = Vec::new();
    for &s in seeds {
        if !seen[s as usize] {
            seen[s as usize] = true;
            frontier.push(s);
        }
    }
    let mut count = frontier.len();
    while let Some(u) = frontier.pop() {
        for &v in graph.neighbours(u) {
            if !seen[v as usize] && rng.random::<f64>() < p {
                seen[v as usize] = true;
                count += 1;
                frontier.push(v);
            }
        }
    }
    count
}

/// Exact expected spread of the independent cascade from `seed` on a small graph, by enumerating
/// every live-edge subgraph (2^edges of them; edges ≤ 24).
pub fn exact_spread(graph: &Csr, seed: u32, p: f64) -> f64 {
    let mut edges = Vec::new();
    for u in 0..graph.n() as u32 {
        for &v in graph.neighbours(u) {
            if u < v {
                edges.push((u, v));
            }
        }
    }
    assert!(edges.len() <= 24, "exact enumeration is for small graphs");
    let n = graph.n();
    let mut total = 0.0;
    for mask in 0u32..(1u32 << edges.len()) {
        let live = mask.count_ones() as i32;
        let weight = p.powi(live) * (1.0 - p).powi(edges.len() as i32 - live);
        // Reachability from the seed over live edges.
        let mut reach = vec![false; n];
        reach[seed as usize] = true;
        let mut changed = true;
        while changed {
            changed = false;
            for (k, &(a, b)) in edges.iter().enumerate() {
                if mask & (1 << k) != 0 && reach[a as usize] != reach[b as usize] {
                    reach[a as usize] = true;
                    reach[b as usize] = true;
                    changed = true;
                }
            }
        }
        total += weight * reach.iter().filter(|&&r| r).count() as f64;
    }
    total
}

/// A Barabási–Albert graph: n nodes, each new node attached to m existing ones by preferential
/// attachment (a repeated-nodes list), starting from a clique of m + 1 nodes.
pub fn barabasi_albert<R: Rng + ?Sized>(n: usize, m: usize, rng: &mut R) -> Csr {
    let m = m.max(1);
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(n * m);
    let mut targets: Vec<u32> = Vec::with_capacity(2 * n * m);
    let start = (m + 1).min(n);
    for a in 0..start {
        for b in a + 1..start {
            pairs.push((a as u32, b as u32));
            targets.push(a as u32);
            targets.push(b as u32);
        }
    }
    let mut chosen: Vec<u32> = Vec::with_capacity(m);
    for v in start..n {
        chosen.clear();
        while chosen.len() < m {
            let t = targets[rng.random_range(0..targets.len())];
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        for &t in &chosen {
            pairs.push((v as u32, t));
            targets.push(v as u32);
            targets.push(t);
        }
    }
    Csr::from_pairs(n, &pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::{Stream, stream};

    #[test]
    fn exact_spread_of_a_path_is_the_geometric_sum() {
        // 0 - 1 - 2 - 3: spread from 0 = 1 + p + p^2 + p^3.
        let g = Csr::from_pairs(4, &[(0, 1), (1, 2), (2, 3)]);
        let p: f64 = 0.4;
        assert!((exact_spread(&g, 0, p) - (1.0 + p + p * p + p * p * p)).abs() < 1e-12);
    }

    #[test]
    fn barabasi_albert_has_the_right_size() {
        let mut rng = stream(1, 0, Stream::Graph);
        let g = barabasi_albert(1000, 5, &mut rng);
        assert_eq!(g.n(), 1000);
        // m per node after the seed clique, minus nothing (no duplicates by construction).
        assert_eq!(g.edges(), 15 + (1000 - 6) * 5);
    }
}
