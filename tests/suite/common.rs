//! Shared fixtures: a small two-district scenario that runs in milliseconds.
#![allow(dead_code)]

use breakglass::scenario::{self, Scenario};
use breakglass::sim::World;
use breakglass::sim::command::{Action, Command};
use breakglass::sim::interventions::{CATALOG, Scope, index_of};
use breakglass::sim::metrics::{Outcome, Values};

pub const SMALL: &str = r#"Scenario(
    name: "small",
    seed: 7,
    turn_hours: 6.0,
    turns: 12,
    accounts: 3000,
    groups: [(name: "A", language: "a"), (name: "B", language: "b")],
    tensions: [(between: ("A", "B"), level: 0.8)],
    districts: [
        (name: "North", hex: (0, 0), population: 200000, groups: {"A": 0.6, "B": 0.4}, adoption: 0.6,
         legitimacy: 0.65, deterrence: 0.04),
        (name: "South", hex: (1, 0), population: 150000, groups: {"A": 0.5, "B": 0.5}, adoption: 0.5,
         legitimacy: 0.6, deterrence: 0.03),
    ],
    platform: (language_coverage: {"a": 0.7, "b": 0.3}, false_positive_rate: 0.003, review_capacity_per_1k: 16.0),
    perpetrators: (group: "A", target: "B", organiser_share: 0.002, amplifier_share: 0.005,
                   inauthentic_share: 0.006),
)"#;

pub fn small() -> Scenario {
    scenario::from_str("small.ron", SMALL).expect("the small fixture is valid")
}

pub fn run(s: &Scenario, seed: u64) -> World {
    let mut w = World::new(s, seed).expect("builds");
    w.run();
    w
}

/// Mean of an outcome's run summary over `seeds` seeds.
pub fn mean_outcome(s: &Scenario, o: Outcome, seeds: u64) -> f64 {
    (0..seeds)
        .map(|i| run(s, 100 + i).summary()[o])
        .sum::<f64>()
        / seeds as f64
}

pub fn summaries(s: &Scenario, seeds: u64) -> Vec<Values> {
    (0..seeds).map(|i| run(s, 100 + i).summary()).collect()
}

/// The command a team sends to enable catalog measure `id` with its defaults, region-wide.
pub fn enable_command(turn: u32, id: &str) -> Command {
    enable_in(turn, id, Scope::Region)
}

/// The command a team sends to enable catalog measure `id` with its defaults where `scope` says.
pub fn enable_in(turn: u32, id: &str, scope: Scope) -> Command {
    let entry = index_of(id).unwrap_or_else(|| panic!("{id} is in the catalog"));
    Command {
        turn,
        team: CATALOG[entry].team,
        action: Action::Enable {
            entry,
            params: CATALOG[entry].defaults(),
            scope,
            confirmed: true,
        },
        rationale: format!("because {id}"),
    }
}

/// A scratch directory of the test's own, removed when dropped: tests leave nothing behind in
/// the temp directory, and tests running side by side in the one test binary never share one.
pub fn scratch(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("breakglass-{prefix}-"))
        .tempdir()
        .expect("a scratch directory")
}

/// A file written into a scratch directory of its own (removed with it); derefs to its path.
pub struct ScratchFile {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

impl ScratchFile {
    pub fn new(name: &str, text: &str) -> ScratchFile {
        let dir = scratch("file");
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("the scratch file is written");
        ScratchFile { _dir: dir, path }
    }
}

impl std::ops::Deref for ScratchFile {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.path
    }
}

/// A screenshot (PNG bytes) of `page` rendered by headless Chromium at `size` ("1200,2400"),
/// its profile in `scratch`. A fresh machine with only Rust has no browser: then the check is
/// skipped (None), unless `.ci/run` installed one and set BREAKGLASS_REQUIRE_BROWSER.
pub fn chromium_screenshot(
    page: &std::path::Path,
    scratch: &std::path::Path,
    size: &str,
) -> Option<Vec<u8>> {
    let shot = scratch.join(format!(
        "{}.png",
        page.file_stem().unwrap_or_default().to_string_lossy()
    ));
    let profile = scratch.join("chromium-profile");
    let required = std::env::var_os("BREAKGLASS_REQUIRE_BROWSER").is_some();
    let status = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--window-size={size}"))
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    let status = match status {
        Ok(status) => status,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("no chromium on this machine: the browser rendering check is skipped");
            return None;
        }
        Err(e) => panic!("chromium is needed for this check (.ci/run installs it): {e}"),
    };
    assert!(status.success(), "chromium rendered {}", page.display());
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.len() > 20_000,
        "a rendered page, not a blank one ({} bytes)",
        png.len()
    );
    Some(png)
}
