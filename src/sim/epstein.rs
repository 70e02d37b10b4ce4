//! Epstein's civil-violence Model I (Epstein 2002, PNAS 99 suppl. 3) on a torus grid: the
//! reference the district-level violence mechanism is checked against, and the workload raced
//! against Mesa's bundled example. Rules:
//! - citizens (density ρ) have hardship H ~ U(0,1), risk aversion R ~ U(0,1), grievance
//!   G = H (1 - L); a citizen looks at the cells within Manhattan distance `vision`, counts cops C
//!   and active citizens A (itself included), estimates P = 1 - exp(-k round(C / A)) and is active
//!   when G - R P > T (the same rule as `offline::activates`); then moves to a random empty cell
//!   in view;
//! - cops (density c) arrest one random active citizen in view, who is jailed for U{0..J_max}
//!   steps (staying on its cell), then move;
//! - every step, all agents act once in random order.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::offline::activates;
use super::rng::{Stream, stream, unit};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpsteinConfig {
    pub width: usize,
    pub height: usize,
    pub citizen_density: f64,
    pub cop_density: f64,
    pub vision: i32,
    pub legitimacy: f64,
    pub max_jail: u32,
    pub threshold: f64,
    pub arrest_k: f64,
}

/// Citizens per cell in Mesa's Epstein example. Epstein 2002; Mesa examples.
pub const MESA_CITIZEN_DENSITY: f64 = 0.7;
/// Cops per cell in Mesa's Epstein example. Epstein 2002; Mesa examples.
pub const MESA_COP_DENSITY: f64 = 0.074;
/// Legitimacy in Mesa's Epstein example. Epstein 2002; Mesa examples.
pub const MESA_LEGITIMACY: f64 = 0.8;
/// Activation threshold T in Mesa's Epstein example. Epstein 2002; Mesa examples.
pub const MESA_THRESHOLD: f64 = 0.1;
/// Arrest constant k in Mesa's Epstein example. Epstein 2002; Mesa examples.
pub const MESA_ARREST_K: f64 = 2.3;

impl Default for EpsteinConfig {
    /// Mesa's bundled example defaults.
    fn default() -> Self {
        EpsteinConfig {
            width: 40,
            height: 40,
            citizen_density: MESA_CITIZEN_DENSITY,
            cop_density: MESA_COP_DENSITY,
            vision: 7,
            legitimacy: MESA_LEGITIMACY,
            max_jail: 1000,
            threshold: MESA_THRESHOLD,
            arrest_k: MESA_ARREST_K,
        }
    }
}

const EMPTY: u8 = 0;
const QUIET: u8 = 1;
const ACTIVE: u8 = 2;
const COP: u8 = 3;
const JAILED: u8 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Quiet,
    Active,
    Jailed,
}

#[derive(Debug, Clone)]
struct Agent {
    cop: bool,
    cell: usize,
    hardship: f64,
    risk_aversion: f64,
    state: State,
    jail: u32,
}

/// A running grid model.
pub struct Grid {
    pub config: EpsteinConfig,
    agents: Vec<Agent>,
    /// Agent index per cell (u32::MAX = empty).
    cells: Vec<u32>,
    /// What is on each cell, one byte (scans read only this): see `EMPTY`..`JAILED`.
    occ: Vec<u8>,
    /// Offsets in view, shifted by +vision so they index the wrap tables directly.
    shifted: Vec<(u16, u16)>,
    /// wrap_x[x + dx + vision] = (x + dx) mod width; wrap_y likewise, times width.
    wrap_x: Vec<u32>,
    wrap_y: Vec<u32>,
    /// Small grids: every cell's view precomputed (fits in cache; faster than computing it).
    table: Option<Vec<u32>>,
    order: Vec<u32>,
    rng: ChaCha8Rng,
    /// Reused buffer (actives in a cop's view).
    scratch: Vec<usize>,
    /// Legitimacy in force (may change during a run).
    pub legitimacy: f64,
    /// Agent-steps executed so far.
    pub agent_steps: u64,
}

impl Grid {
    pub fn new(config: EpsteinConfig, seed: u64) -> Grid {
        let mut rng = stream(seed, 0, Stream::Violence);
        let n = config.width * config.height;
        let mut cells = vec![u32::MAX; n];
        let mut agents = Vec::new();
        for (c, slot) in cells.iter_mut().enumerate() {
            let x = unit(&mut rng);
            let cop =
                x >= config.citizen_density && x < config.citizen_density + config.cop_density;
            if x < config.citizen_density || cop {
                *slot = agents.len() as u32;
                agents.push(Agent {
                    cop,
                    cell: c,
                    hardship: unit(&mut rng),
                    risk_aversion: unit(&mut rng),
                    state: State::Quiet,
                    jail: 0,
                });
            }
        }
        let r = config.vision;
        let mut offsets = Vec::new();
        for dy in -r..=r {
            for dx in -r..=r {
                if (dx, dy) != (0, 0) && dx.abs() + dy.abs() <= r {
                    offsets.push((dx, dy));
                }
            }
        }
        let order = (0..agents.len() as u32).collect();
        let (w, h) = (config.width as i32, config.height as i32);
        let wrap_x = (0..w + 2 * r)
            .map(|i| (i - r).rem_euclid(w) as u32)
            .collect();
        let wrap_y = (0..h + 2 * r)
            .map(|i| ((i - r).rem_euclid(h) * w) as u32)
            .collect();
        let shifted: Vec<(u16, u16)> = offsets
            .iter()
            .map(|&(dx, dy)| ((dx + r) as u16, (dy + r) as u16))
            .collect();
        let table = (n <= 4096).then(|| {
            let mut t = Vec::with_capacity(n * offsets.len());
            for c in 0..n as i32 {
                for &(dx, dy) in &offsets {
                    let x = (c % w + dx).rem_euclid(w);
                    let y = (c / w + dy).rem_euclid(h);
                    t.push((y * w + x) as u32);
                }
            }
            t
        });
        let occ = cells
            .iter()
            .map(|&a| match a {
                u32::MAX => EMPTY,
                a if agents[a as usize].cop => COP,
                _ => QUIET,
            })
            .collect();
        Grid {
            table,
            scratch: Vec::new(),
            occ,
            shifted,
            wrap_x,
            wrap_y,
            legitimacy: config.legitimacy,
            config,
            agents,
            cells,
            order,
            rng,
            agent_steps: 0,
        }
    }

    /// The cells in view of `cell`, computed from two small wrap tables (cache-friendly at any
    /// grid size, no per-cell table).
    /// Call `f` on every cell in view of `cell` (one loop per storage, no per-cell branch).
    #[inline]
    fn for_each_in_view(&self, cell: usize, mut f: impl FnMut(usize)) {
        let k = self.shifted.len();
        if let Some(t) = &self.table {
            for &c in &t[cell * k..(cell + 1) * k] {
                f(c as usize);
            }
            return;
        }
        let w = self.config.width;
        let (x, y) = (cell % w, cell / w);
        let (wx, wy) = (&self.wrap_x[x..], &self.wrap_y[y..]);
        for &(ox, oy) in &self.shifted {
            f((wy[oy as usize] + wx[ox as usize]) as usize);
        }
    }

    /// Move to a random empty cell in view; `empty` is how many there are (counted by the caller
    /// during its own scan of the view).
    fn move_agent(&mut self, a: usize, empty: usize) {
        if empty == 0 {
            return;
        }
        let cell = self.agents[a].cell;
        let w = self.config.width;
        let (x, y) = (cell % w, cell / w);
        // A uniform empty cell by rejection: expected (cells in view) / empty draws, no scan.
        let target = loop {
            let (ox, oy) = self.shifted[self.rng.random_range(0..self.shifted.len())];
            let c = (self.wrap_y[y + oy as usize] + self.wrap_x[x + ox as usize]) as usize;
            if self.occ[c] == EMPTY {
                break c;
            }
        };
        self.occ[target] = self.occ[cell];
        self.occ[cell] = EMPTY;
        self.cells[cell] = u32::MAX;
        self.cells[target] = a as u32;
        self.agents[a].cell = target;
    }

    fn set_state(&mut self, a: usize, state: State) {
        self.agents[a].state = state;
        self.occ[self.agents[a].cell] = match state {
            State::Quiet => QUIET,
            State::Active => ACTIVE,
            State::Jailed => JAILED,
        };
    }

    /// One step: every agent acts once, in random order. Returns the number of active citizens.
    pub fn step(&mut self) -> usize {
        let n = self.order.len();
        for i in (1..n).rev() {
            let j = self.rng.random_range(0..=i);
            self.order.swap(i, j);
        }
        for k in 0..n {
            let a = self.order[k] as usize;
            self.agent_steps += 1;
            if self.agents[a].cop {
                let cell = self.agents[a].cell;
                let mut target = usize::MAX;
                let mut empty = 0;
                let mut actives = std::mem::take(&mut self.scratch);
                actives.clear();
                self.for_each_in_view(cell, |c| match self.occ[c] {
                    ACTIVE => actives.push(c),
                    EMPTY => empty += 1,
                    _ => {}
                });
                if !actives.is_empty() {
                    let c = actives[self.rng.random_range(0..actives.len())];
                    target = self.cells[c] as usize;
                }
                self.scratch = actives;
                if target != usize::MAX {
                    let term = self.rng.random_range(0..=self.config.max_jail);
                    self.set_state(target, State::Jailed);
                    self.agents[target].jail = term;
                }
                self.move_agent(a, empty);
                continue;
            }
            if self.agents[a].jail > 0 {
                self.agents[a].jail -= 1;
                continue;
            }
            let cell = self.agents[a].cell;
            // Branch-free census of the view: counts per occupant kind.
            let mut census = [0u32; 5];
            self.for_each_in_view(cell, |c| census[self.occ[c] as usize] += 1);
            let (cops, actives, empty) = (
                census[COP as usize],
                1 + census[ACTIVE as usize],
                census[EMPTY as usize] as usize,
            );
            let ratio = (cops as f64 / actives as f64).round();
            let arrest = 1.0 - (-self.config.arrest_k * ratio).exp();
            let agent = &self.agents[a];
            let grievance = agent.hardship * (1.0 - self.legitimacy);
            let active = activates(
                grievance,
                agent.risk_aversion,
                arrest,
                self.config.threshold,
            );
            self.set_state(a, if active { State::Active } else { State::Quiet });
            self.move_agent(a, empty);
        }
        self.active()
    }

    pub fn active(&self) -> usize {
        self.agents
            .iter()
            .filter(|a| !a.cop && a.state == State::Active)
            .count()
    }

    pub fn citizens(&self) -> usize {
        self.agents.iter().filter(|a| !a.cop).count()
    }
}

/// Outbursts in a series of active counts: rises above `high` after having been below `low`.
pub fn outbursts(series: &[usize], low: usize, high: usize) -> usize {
    let mut quiet = true;
    let mut count = 0;
    for &a in series {
        if quiet && a > high {
            count += 1;
            quiet = false;
        } else if !quiet && a < low {
            quiet = true;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_has_the_configured_densities() {
        let g = Grid::new(EpsteinConfig::default(), 3);
        let citizens = g.citizens() as f64 / 1600.0;
        let cops = (g.agents.len() - g.citizens()) as f64 / 1600.0;
        assert!((citizens - 0.7).abs() < 0.04, "{citizens}");
        assert!((cops - 0.074).abs() < 0.02, "{cops}");
        assert_eq!(g.shifted.len(), 2 * 7 * 8, "von Neumann radius 7");
    }

    #[test]
    fn outbursts_count_rises_from_quiet() {
        assert_eq!(outbursts(&[0, 50, 200, 50, 5, 300, 2, 1], 10, 100), 2);
    }
}
