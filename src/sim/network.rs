//! The social graph: generated in O(edges) from the scenario, stored as CSR adjacency.
//!
//! Accounts are laid out in pools, one contiguous id range per (district, group), so "a random
//! account of group g in district d" and "an account in my community" are index arithmetic.
//! Each account draws a heavy-tailed (Pareto) number of ties; each tie goes to the same pool with
//! probability `homophily` (and then, with probability `clustering`, to a nearby id: the account's
//! community), else to another group of the same district with probability `locality`, else to
//! another district, chosen by size and distance.

use std::ops::Range;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::spec::Graph;

use super::region::Region;
use super::rng::unit;

/// Compressed sparse rows: neighbours of `u` are `targets[offsets[u]..offsets[u+1]]`.
#[derive(Debug, Clone, Default)]
pub struct Csr {
    pub offsets: Vec<u32>,
    pub targets: Vec<u32>,
}

impl Csr {
    pub fn neighbours(&self, u: u32) -> &[u32] {
        let u = u as usize;
        &self.targets[self.offsets[u] as usize..self.offsets[u + 1] as usize]
    }
    pub fn degree(&self, u: u32) -> u32 {
        let u = u as usize;
        self.offsets[u + 1] - self.offsets[u]
    }
    pub fn n(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    /// Undirected edges (each stored twice).
    pub fn edges(&self) -> usize {
        self.targets.len() / 2
    }

    /// Build from undirected pairs; drops self-loops and duplicate edges.
    pub fn from_pairs(n: usize, pairs: &[(u32, u32)]) -> Csr {
        let mut degree = vec![0u32; n + 1];
        for &(a, b) in pairs {
            if a != b {
                degree[a as usize] += 1;
                degree[b as usize] += 1;
            }
        }
        let mut offsets = vec![0u32; n + 1];
        let mut acc = 0u32;
        for u in 0..n {
            offsets[u] = acc;
            acc += degree[u];
        }
        offsets[n] = acc;
        let mut fill = offsets.clone();
        let mut targets = vec![0u32; acc as usize];
        for &(a, b) in pairs {
            if a != b {
                targets[fill[a as usize] as usize] = b;
                fill[a as usize] += 1;
                targets[fill[b as usize] as usize] = a;
                fill[b as usize] += 1;
            }
        }
        drop(fill);
        // Sort and deduplicate each row, compacting in place.
        let mut write = 0usize;
        let mut new_offsets = vec![0u32; n + 1];
        for u in 0..n {
            let (s, e) = (offsets[u] as usize, offsets[u + 1] as usize);
            targets[s..e].sort_unstable();
            new_offsets[u] = write as u32;
            let mut last = u32::MAX;
            for i in s..e {
                let t = targets[i];
                if t != last {
                    targets[write] = t;
                    write += 1;
                    last = t;
                }
            }
        }
        new_offsets[n] = write as u32;
        targets.truncate(write);
        targets.shrink_to_fit();
        Csr {
            offsets: new_offsets,
            targets,
        }
    }
}

/// Where each (district, group) pool of accounts lives in the id space.
#[derive(Debug, Clone)]
pub struct Layout {
    pub n_groups: usize,
    /// pools[d * n_groups + g]
    pub pools: Vec<Range<u32>>,
}

impl Layout {
    pub fn new(counts: &[Vec<usize>]) -> Layout {
        let n_groups = counts.first().map_or(0, |c| c.len());
        let mut pools = Vec::new();
        let mut next = 0u32;
        for row in counts {
            for &c in row {
                pools.push(next..next + c as u32);
                next += c as u32;
            }
        }
        Layout { n_groups, pools }
    }
    pub fn pool(&self, d: usize, g: usize) -> Range<u32> {
        self.pools[d * self.n_groups + g].clone()
    }
    pub fn total(&self) -> usize {
        self.pools.last().map_or(0, |r| r.end as usize)
    }
    /// Accounts in district `d` (all groups are contiguous).
    pub fn district_range(&self, d: usize) -> Range<u32> {
        let first = self.pools[d * self.n_groups].start;
        let last = self.pools[d * self.n_groups + self.n_groups - 1].end;
        first..last
    }
}

/// The community block of `u` inside its pool (the `groups` feature's audience).
pub fn community(pool: &Range<u32>, u: u32, size: u32) -> Range<u32> {
    let size = size.max(1);
    let block = (u - pool.start) / size;
    let start = pool.start + block * size;
    start..(start + size).min(pool.end)
}

/// Lowest Pareto tail exponent of the degree draw (a tail at 1 has no mean). Arithmetic.
pub const MIN_DEGREE_TAIL: f64 = 1.05;
/// Lowest distance scale of ties between districts (hex units; guards a division). Arithmetic.
pub const MIN_DISTANCE_SCALE: f64 = 0.01;
/// Chance a lattice tie goes forward rather than back in the community block (either side
/// alike). Arithmetic.
pub const FORWARD_SIDE: f64 = 0.5;

/// Number of ties an account starts, drawn from a Pareto with the given mean and tail exponent.
pub fn draw_out_degree(rng: &mut ChaCha8Rng, mean: f64, tail: f64, cap: u32) -> u32 {
    let tail = tail.max(MIN_DEGREE_TAIL);
    let xm = mean * (tail - 1.0) / tail;
    let u = unit(rng).max(1e-12);
    let x = xm * u.powf(-1.0 / tail);
    (x.round() as u32).clamp(1, cap.max(1))
}

/// One account to wire: its id, home district and group, and how many ties it starts.
pub struct Stub {
    pub id: u32,
    pub district: usize,
    pub group: usize,
    pub out_degree: u32,
}

/// Generate the ties of every stub. Extra pairs (e.g. the perpetrator organisation's internal
/// network) are appended as given. O(total out-degree).
pub fn generate(
    region: &Region,
    layout: &Layout,
    spec: &Graph,
    stubs: impl Iterator<Item = Stub>,
    extra: &[(u32, u32)],
    n_total: usize,
    rng: &mut ChaCha8Rng,
) -> Csr {
    let (far, group_cum) = choice_tables(region, layout, spec);
    let pick = |cum: &[f64], x: f64| -> Option<usize> {
        let total = *cum.last()?;
        if total <= 0.0 {
            return None;
        }
        let target = x * total;
        Some(cum.partition_point(|&c| c <= target).min(cum.len() - 1))
    };

    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let half_window = (spec.community_size / 2).max(1);
    for stub in stubs {
        for _ in 0..stub.out_degree {
            let (d, g) = if unit(rng) < spec.homophily {
                (stub.district, stub.group)
            } else if unit(rng) < spec.locality {
                match pick(&group_cum[stub.district], unit(rng)) {
                    Some(g) => (stub.district, g),
                    None => (stub.district, stub.group),
                }
            } else {
                let e = pick(&far[stub.district], unit(rng)).unwrap_or(stub.district);
                let g = if unit(rng) < spec.homophily {
                    stub.group
                } else {
                    pick(&group_cum[e], unit(rng)).unwrap_or(stub.group)
                };
                (e, g)
            };
            let pool = layout.pool(d, g);
            if pool.is_empty() {
                continue;
            }
            let v = if (d, g) == (stub.district, stub.group)
                && pool.contains(&stub.id)
                && unit(rng) < spec.clustering
            {
                // A nearby id: same community block, ring-lattice style.
                let len = pool.len() as u32;
                let offset = rng.random_range(1..=half_window.min(len.max(2) - 1).max(1));
                let pos = stub.id - pool.start;
                let pos = if unit(rng) < FORWARD_SIDE {
                    (pos + offset) % len
                } else {
                    (pos + len - offset % len) % len
                };
                pool.start + pos
            } else {
                rng.random_range(pool.clone())
            };
            if v != stub.id {
                pairs.push((stub.id, v));
            }
        }
    }
    pairs.extend_from_slice(extra);
    Csr::from_pairs(n_total, &pairs)
}

/// Cumulative choice tables: for each district, the other districts by accounts x
/// exp(-distance/scale), and its groups by accounts.
fn choice_tables(region: &Region, layout: &Layout, spec: &Graph) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let nd = region.districts.len();
    let ng = region.groups.len();
    let pool_len = |d: usize, g: usize| layout.pool(d, g).len() as f64;
    let district_size: Vec<f64> = (0..nd)
        .map(|d| (0..ng).map(|g| pool_len(d, g)).sum())
        .collect();
    let far: Vec<Vec<f64>> = (0..nd)
        .map(|d| {
            let mut acc = 0.0;
            (0..nd)
                .map(|e| {
                    if e != d {
                        let dist = region.distance(d, e);
                        acc += district_size[e]
                            * (-dist / spec.distance_scale.max(MIN_DISTANCE_SCALE)).exp();
                    }
                    acc
                })
                .collect()
        })
        .collect();
    let group_cum: Vec<Vec<f64>> = (0..nd)
        .map(|d| {
            let mut acc = 0.0;
            (0..ng)
                .map(|g| {
                    acc += pool_len(d, g);
                    acc
                })
                .collect()
        })
        .collect();
    (far, group_cum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csr_drops_self_loops_and_duplicates_and_is_symmetric() {
        let csr = Csr::from_pairs(4, &[(0, 1), (1, 0), (2, 2), (1, 2), (3, 0)]);
        assert_eq!(csr.neighbours(0), &[1, 3]);
        assert_eq!(csr.neighbours(1), &[0, 2]);
        assert_eq!(csr.neighbours(2), &[1]);
        assert_eq!(csr.neighbours(3), &[0]);
        assert_eq!(csr.edges(), 3);
    }

    #[test]
    fn community_blocks_stay_inside_the_pool() {
        let pool = 100..350;
        assert_eq!(community(&pool, 100, 100), 100..200);
        assert_eq!(community(&pool, 299, 100), 200..300);
        assert_eq!(community(&pool, 349, 100), 300..350);
    }
}
