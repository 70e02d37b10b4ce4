//! Sweeps beyond one machine: the shard contract. A sweep's design (every run's parameters and
//! seed) is generated whole and identically on every shard from the command line; shard K of N
//! runs the K-th contiguous block of the design's runs and writes its part, stamped with a hash
//! of the design, into `--out DIR`. `breakglass merge DIR...` checks the hashes, lists the runs
//! still missing by index (and the shards that hold them, so a rerun of just those completes
//! it), and prints exactly what the unsharded command prints. Schedulers hand out the index:
//! `--shard auto` reads Slurm's array index or a Kubernetes Indexed Job's.
//!
//! A run's result is a list of numbers; JSON keeps an `f64` exactly (shortest round-trip
//! form), so a merged sweep is bit-identical to the unsharded one.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One shard of N (K counts from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

impl Shard {
    /// `K/N`, or `auto` (or `auto/N`): the index from the scheduler's environment (Slurm's
    /// `SLURM_ARRAY_TASK_ID` less `SLURM_ARRAY_TASK_MIN`, or Kubernetes' `JOB_COMPLETION_INDEX`,
    /// both from 0), the count from `N`, or Slurm's `SLURM_ARRAY_TASK_COUNT`.
    pub fn parse(text: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<Shard, String> {
        let usage = || {
            format!(
                "--shard {text}: give K/N with 1 <= K <= N (e.g. 2/8), or auto (Slurm's or \
                 Kubernetes' index) or auto/N"
            )
        };
        let (k, n) = text.split_once('/').unwrap_or((text, ""));
        if k.trim() == "auto" {
            return auto(n, env).map_err(|why| format!("{}: {why}", usage()));
        }
        let (k, n): (usize, usize) = match (k.trim().parse(), n.trim().parse()) {
            (Ok(k), Ok(n)) => (k, n),
            _ => return Err(usage()),
        };
        if n == 0 || k == 0 || k > n {
            return Err(usage());
        }
        Ok(Shard { k, n })
    }

    /// The runs (indices into the design) this shard does: a contiguous block, the first
    /// shards one run longer when they do not divide evenly.
    pub fn runs(&self, total: usize) -> std::ops::Range<usize> {
        let (base, extra) = (total / self.n, total % self.n);
        let i = self.k - 1;
        let start = i * base + i.min(extra);
        start..start + base + usize::from(i < extra)
    }
}

fn auto(n: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<Shard, String> {
    let number = |name: &str| env(name).and_then(|v| v.trim().parse::<usize>().ok());
    let index = match (
        number("SLURM_ARRAY_TASK_ID"),
        number("JOB_COMPLETION_INDEX"),
    ) {
        (Some(id), _) => id - number("SLURM_ARRAY_TASK_MIN").unwrap_or(0).min(id),
        (None, Some(i)) => i,
        (None, None) => {
            return Err("neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set".into());
        }
    };
    let count = match n.trim() {
        "" => number("SLURM_ARRAY_TASK_COUNT")
            .ok_or("no shard count: write auto/N (Kubernetes gives none)")?,
        n => n
            .parse()
            .map_err(|_| format!("\"{n}\" is not a shard count"))?,
    };
    if count == 0 || index >= count {
        return Err(format!(
            "index {index} is not below the shard count {count}"
        ));
    }
    Ok(Shard {
        k: index + 1,
        n: count,
    })
}

/// A shard's part of a sweep, as written to disk.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Part {
    /// The command and everything that fixes its design (what `merge` needs to finish it).
    pub design: serde_json::Value,
    /// `design_hash(design)`: parts merge only with parts of the same hash.
    pub hash: String,
    pub k: usize,
    pub n: usize,
    /// Runs in the whole design.
    pub total: usize,
    /// (run index, its numbers), for this shard's runs.
    pub results: Vec<(usize, Vec<f64>)>,
}

/// A stable hash of a design (FNV-1a, 64 bits, over its JSON and this program's version).
pub fn design_hash(design: &serde_json::Value) -> String {
    let text = format!("{}|{}", env!("CARGO_PKG_VERSION"), design);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Where shard K of N of a design writes its part.
pub fn part_path(dir: &Path, hash: &str, shard: Shard) -> PathBuf {
    dir.join(format!("part-{hash}-{}-of-{}.json", shard.k, shard.n))
}

/// A part already there and complete for this design and shard (a rerun skips it).
pub fn done(dir: &Path, hash: &str, shard: Shard, total: usize) -> bool {
    let Ok(text) = std::fs::read_to_string(part_path(dir, hash, shard)) else {
        return false;
    };
    serde_json::from_str::<Part>(&text).is_ok_and(|p| {
        let want: Vec<usize> = shard.runs(total).collect();
        p.hash == hash && p.results.iter().map(|(i, _)| *i).eq(want)
    })
}

/// Write a part (atomically: a half-written part is never mistaken for a whole one).
pub fn write(dir: &Path, part: &Part) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let shard = Shard {
        k: part.k,
        n: part.n,
    };
    let path = part_path(dir, &part.hash, shard);
    let text = serde_json::to_string(part).map_err(|e| e.to_string())?;
    crate::scenario::write_atomic(&path, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// What the parts in some folders make together.
#[derive(Debug)]
pub struct Merged {
    pub design: serde_json::Value,
    /// Every run's numbers, in the design's order.
    pub results: Vec<Vec<f64>>,
}

/// Read every part in `dirs` and put the design back together: refused when the parts are of
/// different designs (saying what differs), when a part cannot be read (named, its runs
/// missing) or when runs are missing (listed by index, with the shards that hold them).
pub fn merge(dirs: &[PathBuf]) -> Result<Merged, String> {
    let (parts, broken) = read_parts(dirs)?;
    let Some(first) = parts.first() else {
        return Err(format!(
            "no part files (part-*.json) in {}{}",
            dirs.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            broken_text(&broken)
        ));
    };
    if let Some(other) = parts.iter().find(|p| p.hash != first.hash) {
        return Err(format!(
            "these parts are of different sweeps: {}{}",
            differences(&first.design, &other.design),
            broken_text(&broken)
        ));
    }
    let mut results: Vec<Option<Vec<f64>>> = vec![None; first.total];
    for p in &parts {
        for (i, r) in &p.results {
            if let Some(slot) = results.get_mut(*i) {
                *slot = Some(r.clone());
            }
        }
    }
    let missing: Vec<usize> = (0..first.total).filter(|&i| results[i].is_none()).collect();
    if !missing.is_empty() {
        return Err(format!(
            "{} of {} runs are in; missing runs {} (rerun {}){}",
            first.total - missing.len(),
            first.total,
            ranges(&missing),
            shards_holding(&missing, first.n, first.total),
            broken_text(&broken)
        ));
    }
    Ok(Merged {
        design: first.design.clone(),
        results: results.into_iter().flatten().collect(),
    })
}

/// Part files that could not be read, with why.
type Broken = Vec<(PathBuf, String)>;

fn read_parts(dirs: &[PathBuf]) -> Result<(Vec<Part>, Broken), String> {
    let mut parts = Vec::new();
    let mut broken = Vec::new();
    for dir in dirs {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                name.is_some_and(|n| n.starts_with("part-") && n.ends_with(".json"))
            })
            .collect();
        files.sort();
        for f in files {
            let read = std::fs::read_to_string(&f).map_err(|e| e.to_string());
            match read.and_then(|t| serde_json::from_str::<Part>(&t).map_err(|e| e.to_string())) {
                Ok(p) if p.hash == design_hash(&p.design) => parts.push(p),
                Ok(_) => broken.push((f, "its design does not match its hash".into())),
                Err(e) => broken.push((f, e)),
            }
        }
    }
    Ok((parts, broken))
}

fn broken_text(broken: &[(PathBuf, String)]) -> String {
    broken
        .iter()
        .map(|(f, why)| {
            format!(
                "\n{}: not read ({why}); its runs count as missing",
                f.display()
            )
        })
        .collect()
}

/// The top-level fields two designs give differently.
fn differences(a: &serde_json::Value, b: &serde_json::Value) -> String {
    if !(a.is_object() && b.is_object()) {
        return format!("{a} and {b}");
    }
    differing_keys(a, b)
        .into_iter()
        .map(|k| {
            let show = |v: Option<&serde_json::Value>| v.map_or("(none)".into(), |v| v.to_string());
            format!("{k} {} and {}", show(a.get(&k)), show(b.get(&k)))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The top-level fields two JSON objects give differently, in order (none when either is not an
/// object). Designs of sweeps and scenarios of groups are compared with it.
pub fn differing_keys(a: &serde_json::Value, b: &serde_json::Value) -> Vec<String> {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return Vec::new();
    };
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// 0,1,2,5,7,8 -> "0-2, 5, 7-8".
fn ranges(xs: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < xs.len() {
        let mut j = i;
        while j + 1 < xs.len() && xs[j + 1] == xs[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            xs[i].to_string()
        } else {
            format!("{}-{}", xs[i], xs[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

fn shards_holding(missing: &[usize], n: usize, total: usize) -> String {
    let shards: Vec<String> = (1..=n)
        .filter(|&k| {
            let r = Shard { k, n }.runs(total);
            missing.iter().any(|i| r.contains(i))
        })
        .map(|k| format!("--shard {k}/{n}"))
        .collect();
    shards.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn shards_cover_every_run_once_in_order() {
        for total in [0, 1, 7, 13, 100] {
            for n in 1..=9 {
                let all: Vec<usize> = (1..=n).flat_map(|k| Shard { k, n }.runs(total)).collect();
                assert_eq!(all, (0..total).collect::<Vec<_>>(), "{total} runs in {n}");
            }
        }
    }

    #[test]
    fn bad_shards_are_usage_errors_and_auto_reads_the_scheduler() {
        for bad in ["0/4", "5/4", "3/0", "x", "2/", "/3"] {
            let err = Shard::parse(bad, &none).unwrap_err();
            assert!(
                err.starts_with(&format!("--shard {bad}: give K/N")),
                "{err}"
            );
        }
        assert_eq!(Shard::parse("2/8", &none), Ok(Shard { k: 2, n: 8 }));
        let slurm = |v: &str| match v {
            "SLURM_ARRAY_TASK_ID" => Some("3".to_string()),
            "SLURM_ARRAY_TASK_COUNT" => Some("8".to_string()),
            _ => None,
        };
        assert_eq!(Shard::parse("auto", &slurm), Ok(Shard { k: 4, n: 8 }));
        let k8s = |v: &str| (v == "JOB_COMPLETION_INDEX").then(|| "0".to_string());
        assert_eq!(Shard::parse("auto/3", &k8s), Ok(Shard { k: 1, n: 3 }));
        assert!(
            Shard::parse("auto", &k8s)
                .unwrap_err()
                .contains("write auto/N")
        );
        assert!(
            Shard::parse("auto", &none)
                .unwrap_err()
                .contains("neither SLURM_ARRAY_TASK_ID")
        );
    }

    #[test]
    fn missing_runs_read_as_ranges_with_their_shards() {
        assert_eq!(ranges(&[0, 1, 2, 5, 7, 8]), "0-2, 5, 7-8");
        assert_eq!(shards_holding(&[5, 6], 3, 9), "--shard 2/3, --shard 3/3");
    }
}
