//! The synthetic region: districts, identity groups, languages and tension.

use super::spec::WorldSpec;

#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub language: u8,
}

#[derive(Debug, Clone)]
pub struct District {
    pub name: String,
    pub hex: (i32, i32),
    pub population: f64,
    /// Population share per group index.
    pub shares: Vec<f64>,
    pub connectivity: f64,
    pub adoption: f64,
    pub local_media: f64,
    pub civil_society: f64,
    pub legitimacy: f64,
    pub deterrence: f64,
    pub haven: bool,
    /// People a haven can keep safe (infinite when the scenario sets no limit).
    pub capacity: f64,
    pub border: bool,
    /// Mean starting belief in the organisation's rumours outside the targeted group (None:
    /// the model's default spread).
    pub rumour_belief: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub groups: Vec<Group>,
    pub languages: Vec<String>,
    pub districts: Vec<District>,
    /// tension[a][b], symmetric, 0..1.
    pub tension: Vec<Vec<f64>>,
    /// Districts next to each district (hex distance 1), in index order.
    pub neighbours: Vec<Vec<u16>>,
    /// Districts to cross from each district to the nearest haven or border district (0 for
    /// those themselves; `u32::MAX` where none can be reached).
    pub hops_out: Vec<u32>,
}

impl Region {
    /// The region of a world spec, with each district's neighbours and its way out.
    pub fn from_spec(s: &WorldSpec) -> Region {
        let mut region = Region {
            groups: s.groups.clone(),
            languages: s.languages.clone(),
            districts: s.districts.clone(),
            tension: s.tension.clone(),
            neighbours: Vec::new(),
            hops_out: Vec::new(),
        };
        region.neighbours = (0..region.districts.len())
            .map(|a| {
                (0..region.districts.len())
                    .filter(|&b| b != a && region.distance(a, b) == 1.0)
                    .map(|b| b as u16)
                    .collect()
            })
            .collect();
        region.hops_out = region.hops_to_safety();
        region
    }

    /// Breadth-first distances from every district to the nearest haven or border district.
    fn hops_to_safety(&self) -> Vec<u32> {
        let mut far = vec![u32::MAX; self.districts.len()];
        let mut queue = std::collections::VecDeque::new();
        for (x, d) in self.districts.iter().enumerate() {
            if d.border || d.haven {
                far[x] = 0;
                queue.push_back(x);
            }
        }
        while let Some(x) = queue.pop_front() {
            for &n in &self.neighbours[x] {
                let n = n as usize;
                if far[n] == u32::MAX {
                    far[n] = far[x] + 1;
                    queue.push_back(n);
                }
            }
        }
        far
    }

    pub fn district_index(&self, name: &str) -> Option<usize> {
        self.districts.iter().position(|d| d.name == name)
    }

    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.name == name)
    }

    /// Hex distance between two districts.
    pub fn distance(&self, a: usize, b: usize) -> f64 {
        let (q1, r1) = self.districts[a].hex;
        let (q2, r2) = self.districts[b].hex;
        let (dq, dr) = (q1 - q2, r1 - r2);
        ((dq.abs() + dr.abs() + (dq + dr).abs()) / 2) as f64
    }

    /// Platform users per (district, group): population x share x adoption.
    pub fn users(&self, d: usize, g: usize) -> f64 {
        let dist = &self.districts[d];
        dist.population * dist.shares[g] * dist.adoption
    }

    /// Split `total` accounts over (district, group) pools in proportion to users
    /// (largest-remainder rounding, so the counts add up exactly).
    pub fn apportion(&self, total: usize) -> Vec<Vec<usize>> {
        let nd = self.districts.len();
        let ng = self.groups.len();
        let weights: Vec<f64> = (0..nd)
            .flat_map(|d| (0..ng).map(move |g| (d, g)))
            .map(|(d, g)| self.users(d, g))
            .collect();
        let sum: f64 = weights.iter().sum();
        let mut counts = vec![0usize; weights.len()];
        if sum <= 0.0 {
            return vec![vec![0; ng]; nd];
        }
        let mut rema: Vec<(f64, usize)> = Vec::with_capacity(weights.len());
        let mut assigned = 0;
        for (i, w) in weights.iter().enumerate() {
            let exact = total as f64 * w / sum;
            counts[i] = exact.floor() as usize;
            assigned += counts[i];
            rema.push((exact - exact.floor(), i));
        }
        // Largest remainders first; ties by index keep it deterministic.
        rema.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, i) in rema.iter().take(total - assigned) {
            counts[*i] += 1;
        }
        (0..nd)
            .map(|d| (0..ng).map(|g| counts[d * ng + g]).collect())
            .collect()
    }
}
