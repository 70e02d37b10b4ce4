//! Scenario files: RON schema, loading and validation with file:line:col for every problem.

pub mod lower;
pub mod msel;
pub mod plan;
mod schema;
pub mod spans;

use std::fmt;
use std::path::{Path, PathBuf};

pub use schema::*;
use spans::{Pos, SpanIndex};

use crate::sim::{DEFAULT_MEMORY_LIMIT_MIB, memory_estimate};

/// Scenario and plan files larger than this are refused before reading.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One thing wrong with a file, located.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    /// Where in the structure, e.g. `districts[2].population`.
    pub path: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// (The I/O error is part of the message, not a separate source: printed once.)
    #[error("{file}: cannot read: {cause}")]
    Io { file: String, cause: std::io::Error },
    #[error("{file}: the file is {bytes} bytes; files over {limit} bytes are refused")]
    FileTooLarge {
        file: String,
        bytes: u64,
        limit: u64,
    },
    #[error("{file}:{line}:{col}: {message}")]
    Syntax {
        file: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{}", render_problems(file, problems))]
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
}

fn render_problems(file: &str, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{file}:{}:{}: {}: {}", p.line, p.col, p.path, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

impl LoadError {
    /// Every problem, one per line (a syntax error is one problem).
    pub fn problems(&self) -> Vec<String> {
        self.to_string().lines().map(str::to_string).collect()
    }
}

/// Write a file atomically: a temporary file beside it, flushed to disk, then renamed over it,
/// so a process killed while saving leaves the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!("{name}.tmp"));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// A scenario as the RON text `check` reads: formatted, fields in schema order, and only the
/// behaviour parameters it overrides under `model` (none, usually). The editor saves with it.
pub fn to_text(s: &Scenario) -> Result<String, String> {
    use crate::sim::params::ModelParams;
    let mut copy = s.clone();
    copy.model = ModelParams::default();
    // Three levels deep, then one line: a district, a group or an inject reads on one line.
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .depth_limit(2);
    let text = ron::ser::to_string_pretty(&copy, config).map_err(|e| e.to_string())?;
    let ours = serde_json::to_value(&s.model).map_err(|e| e.to_string())?;
    let defaults = serde_json::to_value(ModelParams::default()).map_err(|e| e.to_string())?;
    let mut overrides = Vec::new();
    if let (Some(ours), Some(defaults)) = (ours.as_object(), defaults.as_object()) {
        for (k, v) in ours {
            if defaults.get(k) != Some(v) {
                let value = ron::to_string(v).map_err(|e| e.to_string())?;
                overrides.push(format!("{k}: {value}"));
            }
        }
    }
    let Some((start, end)) = msel::top_level_value(&text, "model", b'(') else {
        return Ok(format!("Scenario{text}\n"));
    };
    let model = format!("({})", overrides.join(", "));
    Ok(format!(
        "Scenario{}{model}{}\n",
        &text[..start],
        &text[end..]
    ))
}

/// Whether `path` is one of the scenarios shipped in the library folder (never overwritten by
/// an import or the editor: they save a copy).
pub fn is_library(path: &Path) -> bool {
    let library = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    // The folder, not the file: a file not written yet is in the library too.
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (folder.canonicalize(), library.canonicalize()) {
        (Ok(dir), Ok(lib)) => dir == lib,
        _ => false,
    }
}

/// Read a text file with the size limit applied first (a 10 GB file is refused, not read).
pub fn read_limited(path: &Path) -> Result<String, LoadError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|cause| LoadError::Io {
        file: file.clone(),
        cause,
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::FileTooLarge {
            file,
            bytes: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read_to_string(path).map_err(|cause| LoadError::Io { file, cause })
}

/// Parse RON text into `T`, turning a parse error into file:line:col.
pub fn parse_ron<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, LoadError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<T>(text)
        .map_err(|e| LoadError::Syntax {
            file: file.to_string(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })
}

/// A scenario read from disk, with where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub scenario: Scenario,
}

pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_with_limit(path, DEFAULT_MEMORY_LIMIT_MIB)
}

pub fn load_with_limit(path: &Path, memory_limit_mib: u64) -> Result<Loaded, LoadError> {
    let text = read_limited(path)?;
    let file = path.display().to_string();
    let mut scenario = from_str_with_limit(&file, &text, memory_limit_mib)?;
    if let Some(list) = scenario.graph.edge_list.clone() {
        let dir = path.parent().unwrap_or(Path::new("."));
        let resolved = edge_list_path(dir, &list)
            .map_err(|m| located(&file, &text, vec![("graph.edge_list".into(), m)]))?;
        attach_edges(&mut scenario, &resolved)?;
    }
    Ok(Loaded {
        path: path.to_path_buf(),
        scenario,
    })
}

/// Where the edge list `name` of a scenario in folder `dir` is: only under that folder (a
/// relative path without ".."), so neither a scenario nor a session can make the program read
/// (and quote, in its error messages) a file elsewhere.
pub fn edge_list_path(dir: &Path, name: &str) -> Result<PathBuf, String> {
    use std::path::Component;
    let p = Path::new(name);
    let inside = !name.is_empty()
        && p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if inside {
        Ok(dir.join(p))
    } else {
        Err(format!(
            "must name a file in the scenario's folder or below it (a relative path without \"..\"), got \"{name}\""
        ))
    }
}

/// Edge lists larger than this are refused before reading.
pub const MAX_EDGE_LIST_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Read and check the edge list at `path` (resolved with `edge_list_path`) and attach it to the
/// scenario. Refused unread over `MAX_EDGE_LIST_BYTES`; every problem is reported, located.
pub fn attach_edges(scenario: &mut Scenario, path: &Path) -> Result<(), LoadError> {
    let list = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|cause| LoadError::Io {
        file: list.clone(),
        cause,
    })?;
    if meta.len() > MAX_EDGE_LIST_BYTES {
        return Err(LoadError::FileTooLarge {
            file: list,
            bytes: meta.len(),
            limit: MAX_EDGE_LIST_BYTES,
        });
    }
    let text = std::fs::read_to_string(path).map_err(|cause| LoadError::Io {
        file: list.clone(),
        cause,
    })?;
    let n = scenario.accounts.max(0) as u64;
    let mut edges = Vec::new();
    let mut problems = Vec::new();
    let mut report = |line: usize, col: usize, message: String| {
        if problems.len() < 50 {
            problems.push(Problem {
                line,
                col,
                path: "edge".into(),
                message,
            });
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') || (i == 0 && l.eq_ignore_ascii_case("source,target"))
        {
            continue;
        }
        let Some((a, b)) = l.split_once(',') else {
            report(line, 1, format!("expected \"source,target\", got \"{l}\""));
            continue;
        };
        let parse = |t: &str| t.trim().parse::<u64>();
        match (parse(a), parse(b)) {
            (Ok(x), Ok(y)) => {
                if x >= n || y >= n {
                    let (bad, col) = if x >= n { (x, 1) } else { (y, a.len() + 2) };
                    report(
                        line,
                        col,
                        format!(
                            "unknown node {bad}: the scenario has accounts 0..{}",
                            n.saturating_sub(1)
                        ),
                    );
                } else if x == y {
                    report(line, 1, format!("self-loop on node {x}"));
                } else {
                    edges.push((x as u32, y as u32));
                }
            }
            _ => report(
                line,
                1,
                format!("node ids must be whole numbers, got \"{l}\""),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid {
            file: list,
            problems,
        });
    }
    scenario.edges = Some(std::sync::Arc::new(edges));
    Ok(())
}

/// The scenario at `path`, or the default scenario (its file when there is one here, else the
/// copy compiled into the binary).
pub fn load_or_default(path: Option<&Path>, memory_limit_mib: u64) -> Result<Scenario, LoadError> {
    match path {
        Some(p) => Ok(load_with_limit(p, memory_limit_mib)?.scenario),
        None => {
            let on_disk = Path::new(crate::DEFAULT_SCENARIO_PATH);
            if on_disk.exists() {
                Ok(load_with_limit(on_disk, memory_limit_mib)?.scenario)
            } else {
                from_str_with_limit(
                    crate::DEFAULT_SCENARIO_PATH,
                    crate::DEFAULT_SCENARIO_TEXT,
                    memory_limit_mib,
                )
            }
        }
    }
}

/// Parse and validate scenario text; `file` is used in messages.
pub fn from_str(file: &str, text: &str) -> Result<Scenario, LoadError> {
    from_str_with_limit(file, text, DEFAULT_MEMORY_LIMIT_MIB)
}

pub fn from_str_with_limit(
    file: &str,
    text: &str,
    memory_limit_mib: u64,
) -> Result<Scenario, LoadError> {
    let scenario: Scenario = parse_ron(file, text)?;
    let problems = validate(&scenario, memory_limit_mib);
    if problems.is_empty() {
        return Ok(scenario);
    }
    Err(located(file, text, problems))
}

/// Warnings about a scenario that loads: overrides of behaviour parameters (how people read,
/// believe, share and flee are shared by every scenario), as `file:line:col: path: message`.
pub fn warnings(file: &str, text: &str, scenario: &Scenario) -> Vec<String> {
    let index = SpanIndex::build(text);
    let mut out: Vec<(Pos, String)> = scenario
        .model
        .behaviour_overrides()
        .into_iter()
        .map(|name| {
            let path = format!("model.{name}");
            let pos = index.locate(&path);
            (
                pos,
                format!(
                    "{file}:{}:{}: {path}: warning: overrides a behaviour parameter shared by every \
                     scenario (people behave the same everywhere); change the world instead \
                     (platform, organisation, place), or say why in the briefing",
                    pos.line, pos.col
                ),
            )
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, w)| w).collect()
}

/// Turn (path, message) problems into an error naming file:line:col for each, in reading order.
pub fn located(file: &str, text: &str, problems: Vec<(String, String)>) -> LoadError {
    let index = SpanIndex::build(text);
    let mut problems: Vec<Problem> = problems
        .into_iter()
        .map(|(path, message)| {
            let pos = index.locate(&path);
            Problem {
                line: pos.line,
                col: pos.col,
                path,
                message,
            }
        })
        .collect();
    problems.sort_by_key(|p| (p.line, p.col));
    LoadError::Invalid {
        file: file.to_string(),
        problems,
    }
}

/// Collects (path, message) pairs.
#[derive(Default)]
pub(crate) struct Checker {
    pub problems: Vec<(String, String)>,
}

/// A number as a person reads it in an error: plain, or in scientific notation when huge or tiny.
pub fn shown(v: f64) -> String {
    if v == 0.0 || !v.is_finite() || (1e-6..1e12).contains(&v.abs()) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

impl Checker {
    pub fn push(&mut self, path: impl Into<String>, message: impl fmt::Display) {
        self.problems.push((path.into(), message.to_string()));
    }
    pub fn unit(&mut self, path: impl Into<String>, v: f64) {
        if !(0.0..=1.0).contains(&v) {
            self.push(path, format!("must be between 0 and 1, got {}", shown(v)));
        }
    }
    pub fn range(&mut self, path: impl Into<String>, v: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&v) || v.is_nan() {
            self.push(
                path,
                format!("must be between {lo} and {hi}, got {}", shown(v)),
            );
        }
    }
    pub fn non_negative(&mut self, path: impl Into<String>, v: f64) {
        if v < 0.0 || v.is_nan() {
            self.push(path, format!("must not be negative, got {}", shown(v)));
        }
    }
}

/// The teams an inject may be addressed to (`all`: every team).
pub const INJECT_TEAMS: [&str; 6] = [
    "platform",
    "crisis_leadership",
    "policy_makers",
    "civil_society",
    "facilitator",
    "all",
];

/// Every semantic problem of a parsed scenario, as (path, message).
pub fn validate(s: &Scenario, memory_limit_mib: u64) -> Vec<(String, String)> {
    let mut c = Checker::default();
    validate_size(s, memory_limit_mib, &mut c);
    validate_groups(s, &mut c);
    validate_districts(s, &mut c);
    validate_graph(s, &mut c);
    validate_platform(s, &mut c);
    validate_sources(s, &mut c);
    validate_perpetrators(s, &mut c);
    validate_events(s, &mut c);
    validate_injects(s, &mut c);
    validate_prepared(s, &mut c);
    validate_budgets(s, &mut c);
    validate_key_outcomes(s, &mut c);
    validate_translations(s, &mut c);
    validate_params(&s.model, &mut c);
    c.problems
}

/// The scenario's name, clock and size (with the memory the world would need).
fn validate_size(s: &Scenario, memory_limit_mib: u64, c: &mut Checker) {
    if s.name.trim().is_empty() {
        c.push("name", "must not be empty");
    }
    c.range("turn_hours", s.turn_hours, 0.5, 168.0);
    if !(1..=10_000).contains(&s.turns) {
        c.push(
            "turns",
            format!("must be between 1 and 10000, got {}", s.turns),
        );
    }
    if s.accounts < 100 {
        c.push(
            "accounts",
            format!("must be at least 100, got {}", s.accounts),
        );
    } else {
        let perp = &s.perpetrators;
        let org = (perp.organiser_share + perp.amplifier_share + perp.inauthentic_share).max(0.0)
            * s.accounts as f64;
        let reserve = (org * perp.reserve_factor.max(0.0)) as u64;
        let needed =
            memory_estimate(s.accounts as u64, s.graph.avg_degree, reserve) / (1024 * 1024);
        if needed > memory_limit_mib {
            c.push(
                "accounts",
                format!(
                    "{} accounts with avg_degree {} need about {} MiB, more than the {} MiB limit \
                     (lower accounts or avg_degree, or raise the limit with --max-memory-mib)",
                    s.accounts, s.graph.avg_degree, needed, memory_limit_mib
                ),
            );
        }
    }
}

/// Groups, their languages, and tensions between them.
fn validate_groups(s: &Scenario, c: &mut Checker) {
    if s.groups.len() < 2 {
        c.push(
            "groups",
            "needs at least two groups (perpetrators' and targeted)",
        );
    }
    if s.groups.len() > 16 {
        c.push(
            "groups",
            format!("at most 16 groups, got {}", s.groups.len()),
        );
    }
    let group_names: Vec<&str> = s.groups.iter().map(|g| g.name.as_str()).collect();
    for (i, g) in s.groups.iter().enumerate() {
        if g.name.trim().is_empty() {
            c.push(format!("groups[{i}].name"), "must not be empty");
        }
        if group_names[..i].contains(&g.name.as_str()) {
            c.push(
                format!("groups[{i}].name"),
                format!("duplicate group \"{}\"", g.name),
            );
        }
        if g.language.trim().is_empty() {
            c.push(format!("groups[{i}].language"), "must not be empty");
        }
    }
    let known_group = group_check(&group_names);
    for (i, t) in s.tensions.iter().enumerate() {
        known_group(c, format!("tensions[{i}].between.0"), &t.between.0);
        known_group(c, format!("tensions[{i}].between.1"), &t.between.1);
        c.unit(format!("tensions[{i}].level"), t.level);
    }
}

/// Districts: names, places on the map, population, group shares, local conditions.
fn validate_districts(s: &Scenario, c: &mut Checker) {
    let group_names: Vec<&str> = s.groups.iter().map(|g| g.name.as_str()).collect();
    let known_group = group_check(&group_names);
    if s.districts.is_empty() {
        c.push("districts", "needs at least one district");
    }
    if s.districts.len() > 200 {
        c.push(
            "districts",
            format!("at most 200 districts, got {}", s.districts.len()),
        );
    }
    let district_names: Vec<&str> = s.districts.iter().map(|d| d.name.as_str()).collect();
    for (i, d) in s.districts.iter().enumerate() {
        let at = |f: &str| format!("districts[{i}].{f}");
        if d.name.trim().is_empty() {
            c.push(at("name"), "must not be empty");
        }
        if district_names[..i].contains(&d.name.as_str()) {
            c.push(at("name"), format!("duplicate district \"{}\"", d.name));
        }
        if s.districts[..i].iter().any(|e| e.hex == d.hex) {
            c.push(
                at("hex"),
                format!("another district already sits at {:?}", d.hex),
            );
        }
        if d.population.is_nan() || d.population <= 0.0 {
            c.push(
                at("population"),
                format!("must be positive, got {}", d.population),
            );
        } else if d.population > 1e10 {
            c.push(
                at("population"),
                format!("{} is more people than live on Earth", d.population),
            );
        }
        if let Some(room) = d.capacity {
            if !d.haven {
                c.push(
                    at("capacity"),
                    "only a haven has a capacity (add haven: true)",
                );
            } else if room.is_nan() || !(0.0..=1e10).contains(&room) {
                c.push(
                    at("capacity"),
                    format!("must be 0 to 1e10 people, got {room}"),
                );
            }
        }
        if let Some(b) = d.rumour_belief {
            c.unit(at("rumour_belief"), b);
        }
        let mut sum = 0.0;
        for (name, share) in &d.groups {
            known_group(c, format!("districts[{i}].groups.{name}"), name);
            c.unit(format!("districts[{i}].groups.{name}"), *share);
            sum += share;
        }
        if (sum - 1.0).abs() > 0.01 {
            c.push(
                at("groups"),
                format!("shares must add up to 1, they add up to {sum:.3}"),
            );
        }
        c.unit(at("connectivity"), d.connectivity);
        c.unit(at("adoption"), d.adoption);
        c.unit(at("local_media"), d.local_media);
        c.unit(at("civil_society"), d.civil_society);
        c.unit(at("legitimacy"), d.legitimacy);
        c.unit(at("deterrence"), d.deterrence);
    }
}

/// The social graph's shape.
fn validate_graph(s: &Scenario, c: &mut Checker) {
    let g = &s.graph;
    c.range("graph.avg_degree", g.avg_degree, 1.0, 500.0);
    c.unit("graph.homophily", g.homophily);
    c.unit("graph.locality", g.locality);
    c.unit("graph.clustering", g.clustering);
    c.range("graph.degree_tail", g.degree_tail, 1.1, 10.0);
    if g.community_size < 2 {
        c.push("graph.community_size", "must be at least 2");
    }
    c.range("graph.distance_scale", g.distance_scale, 0.01, 1000.0);
}

/// The platform: language coverage, moderation, review capacity.
fn validate_platform(s: &Scenario, c: &mut Checker) {
    let p = &s.platform;
    let languages: Vec<&str> = s.groups.iter().map(|g| g.language.as_str()).collect();
    for (lang, cov) in &p.language_coverage {
        if !languages.contains(&lang.as_str()) {
            c.push(
                format!("platform.language_coverage.{lang}"),
                format!(
                    "no group speaks \"{lang}\" (languages: {})",
                    languages.join(", ")
                ),
            );
        }
        c.unit(format!("platform.language_coverage.{lang}"), *cov);
    }
    c.unit("platform.classifier_recall", p.classifier_recall);
    c.unit("platform.false_positive_rate", p.false_positive_rate);
    c.non_negative("platform.review_capacity_per_1k", p.review_capacity_per_1k);
    c.unit("platform.user_trust", p.user_trust);
    c.unit("platform.network_detection", p.network_detection);
    if p.features.forward_limit == 0 {
        c.push("platform.features.forward_limit", "must be at least 1");
    }
}

/// Credible sources.
fn validate_sources(s: &Scenario, c: &mut Checker) {
    let src = &s.sources;
    c.range("sources.media_per_1k", src.media_per_1k, 0.0, 100.0);
    c.range(
        "sources.civil_society_per_1k",
        src.civil_society_per_1k,
        0.0,
        100.0,
    );
    c.range(
        "sources.humanitarian_per_1k",
        src.humanitarian_per_1k,
        0.0,
        100.0,
    );
    c.range("sources.officials_per_1k", src.officials_per_1k, 0.0, 100.0);
    c.range("sources.posts_per_turn", src.posts_per_turn, 0.0, 100.0);
    c.range(
        "sources.warning_threshold",
        src.warning_threshold,
        0.0,
        100.0,
    );
}

/// The perpetrator organisation: its groups, size and content mix.
fn validate_perpetrators(s: &Scenario, c: &mut Checker) {
    let group_names: Vec<&str> = s.groups.iter().map(|g| g.name.as_str()).collect();
    let known_group = group_check(&group_names);
    let perp = &s.perpetrators;
    known_group(c, "perpetrators.group".into(), &perp.group);
    known_group(c, "perpetrators.target".into(), &perp.target);
    if perp.group == perp.target {
        c.push("perpetrators.target", "must differ from perpetrators.group");
    }
    c.unit("perpetrators.organiser_share", perp.organiser_share);
    c.unit("perpetrators.amplifier_share", perp.amplifier_share);
    c.unit("perpetrators.inauthentic_share", perp.inauthentic_share);
    let org_share = perp.organiser_share + perp.amplifier_share + perp.inauthentic_share;
    if org_share > 0.5 {
        c.push(
            "perpetrators",
            format!("organisation shares add up to {org_share}; at most 0.5 of all accounts"),
        );
    }
    c.range(
        "perpetrators.reserve_factor",
        perp.reserve_factor,
        0.0,
        20.0,
    );
    c.range(
        "perpetrators.posts_per_turn",
        perp.posts_per_turn,
        0.0,
        100.0,
    );
    c.range("perpetrators.flood", perp.flood, 0.0, 100.0);
    let mix = &perp.mix;
    for (f, v) in [
        ("incitement", mix.incitement),
        ("misinformation", mix.misinformation),
        ("weapons", mix.weapons),
        ("recruitment", mix.recruitment),
        ("target_lists", mix.target_lists),
    ] {
        c.non_negative(format!("perpetrators.mix.{f}"), v);
    }
    if mix.incitement + mix.misinformation + mix.weapons + mix.recruitment + mix.target_lists <= 0.0
    {
        c.push("perpetrators.mix", "at least one weight must be positive");
    }
    c.unit("perpetrators.recruitment", perp.recruitment);
    c.unit("perpetrators.ban_evasion", perp.ban_evasion);
    c.range("perpetrators.growth", perp.growth, 0.0, 10.0);
    c.range(
        "perpetrators.hacking_per_1k",
        perp.hacking_per_1k,
        0.0,
        1000.0,
    );
    c.unit("perpetrators.impersonation", perp.impersonation);
    c.unit("perpetrators.broadcast", perp.broadcast);
    c.range(
        "perpetrators.shutdown_cover",
        perp.shutdown_cover,
        0.0,
        MAX_SHELLING_PER_100K,
    );
    if perp.shutdown_cover > 0.0 && !perp.state_affiliated {
        c.push(
            "perpetrators.shutdown_cover",
            "only a state-affiliated campaign (state_affiliated: true) can use a shutdown as cover",
        );
    }
    if perp.active_from < 0 {
        c.push("perpetrators.active_from", "must not be negative");
    }
}

/// Scripted events.
fn validate_events(s: &Scenario, c: &mut Checker) {
    let district_names: Vec<&str> = s.districts.iter().map(|d| d.name.as_str()).collect();
    let known_district = district_check(&district_names);
    for (i, e) in s.events.iter().enumerate() {
        let at = |f: &str| format!("events[{i}].{f}");
        if e.turn < 0 || e.turn >= s.turns.max(1) {
            c.push(
                at("turn"),
                format!("turn {} is outside the exercise (0..{})", e.turn, s.turns),
            );
        }
        check_event(c, &format!("events[{i}].event"), &e.event, &known_district);
    }
}

/// Objectives and injects (the MSEL).
fn validate_injects(s: &Scenario, c: &mut Checker) {
    let district_names: Vec<&str> = s.districts.iter().map(|d| d.name.as_str()).collect();
    let known_district = district_check(&district_names);
    let objective_ids: Vec<&str> = s.objectives.iter().map(|o| o.id.as_str()).collect();
    for (i, o) in s.objectives.iter().enumerate() {
        if objective_ids[..i].contains(&o.id.as_str()) {
            c.push(
                format!("objectives[{i}].id"),
                format!("duplicate objective \"{}\"", o.id),
            );
        }
    }
    let seqs: Vec<u32> = s.injects.iter().map(|x| x.seq).collect();
    let teams = INJECT_TEAMS;
    for (i, inj) in s.injects.iter().enumerate() {
        let at = |f: &str| format!("injects[{i}].{f}");
        if seqs[..i].contains(&inj.seq) {
            c.push(
                at("seq"),
                format!("duplicate inject sequence number {}", inj.seq),
            );
        }
        validate_trigger(s, c, i, inj, &seqs, &known_district);
        if inj.description.trim().is_empty() {
            c.push(
                at("description"),
                "empty description: say what the team receives",
            );
        }
        if !teams.contains(&inj.to.as_str()) {
            c.push(
                at("to"),
                format!("unknown team \"{}\" (teams: {})", inj.to, teams.join(", ")),
            );
        }
        for (k, id) in inj.expected_ids.iter().enumerate() {
            if crate::sim::interventions::entry(id).is_none() {
                c.push(
                    format!("injects[{i}].expected_ids[{k}]"),
                    format!(
                        "unknown intervention \"{id}\"{}",
                        plan::suggest(id)
                            .map_or(String::new(), |s| format!(" (did you mean \"{s}\"?)"))
                    ),
                );
            }
        }
        if !inj.objective.is_empty() && !objective_ids.contains(&inj.objective.as_str()) {
            c.push(
                at("objective"),
                format!(
                    "unknown objective \"{}\" (objectives: {})",
                    inj.objective,
                    objective_ids.join(", ")
                ),
            );
        }
        if let Some(effect) = &inj.effect {
            check_event(c, &format!("injects[{i}].effect"), effect, &known_district);
        }
    }
}

/// When inject `i` fires: a turn inside the exercise, a risk level or harm it can reach, an
/// earlier inject for a contingency.
fn validate_trigger(
    s: &Scenario,
    c: &mut Checker,
    i: usize,
    inj: &InjectSpec,
    seqs: &[u32],
    known_district: &dyn Fn(&mut Checker, String, &str, bool),
) {
    let at = |f: &str| format!("injects[{i}].{f}");
    match &inj.trigger {
        Trigger::Turn(t) => {
            if *t < 0 || *t >= s.turns.max(1) {
                c.push(
                    at("trigger"),
                    format!("turn {t} is outside the exercise (0..{})", s.turns),
                );
            }
        }
        Trigger::RiskAbove { district, level } => {
            known_district(c, at("trigger.district"), district, true);
            c.range(at("trigger.level"), *level, 0.0, 100.0);
            if *level >= 100.0 {
                c.push(
                    at("trigger.level"),
                    "the risk index never exceeds 100: this inject cannot fire",
                );
            }
        }
        Trigger::HarmedAbove(x) => {
            c.non_negative(at("trigger"), *x);
            let people: f64 = s.districts.iter().map(|d| d.population).sum();
            if *x >= people && people > 0.0 {
                c.push(
                    at("trigger"),
                    format!(
                        "the region has {} people: more than that cannot be harmed, so this inject cannot fire",
                        shown(people)
                    ),
                );
            }
        }
        Trigger::Contingency { seq, within } => {
            if !seqs.contains(seq) || *seq == inj.seq {
                c.push(
                    at("trigger.seq"),
                    format!("no other inject has sequence number {seq}"),
                );
            }
            if *within < 0 {
                c.push(at("trigger.within"), "must not be negative");
            }
        }
    }
}

/// Measures in place before the crisis.
fn validate_prepared(s: &Scenario, c: &mut Checker) {
    let district_names: Vec<&str> = s.districts.iter().map(|d| d.name.as_str()).collect();
    let known_district = district_check(&district_names);
    for (i, p) in s.prepared.iter().enumerate() {
        let at = |f: &str| format!("prepared[{i}].{f}");
        match crate::sim::interventions::entry(&p.id) {
            None => c.push(
                at("id"),
                format!(
                    "unknown intervention \"{}\"{}",
                    p.id,
                    plan::suggest(&p.id)
                        .map_or(String::new(), |s| format!(" (did you mean \"{s}\"?)"))
                ),
            ),
            Some(e) => {
                for (name, v) in &p.params {
                    match e.params.iter().find(|x| x.name == name) {
                        None => c.push(
                            format!("prepared[{i}].params.{name}"),
                            format!("\"{}\" has no parameter {name}", e.id),
                        ),
                        Some(spec) => c.range(
                            format!("prepared[{i}].params.{name}"),
                            *v,
                            spec.min,
                            spec.max,
                        ),
                    }
                }
                if e.break_glass {
                    c.push(
                        at("id"),
                        "break-glass measures cannot be in place before the crisis",
                    );
                }
                if !p.districts.is_empty()
                    && e.scope == crate::sim::interventions::ScopeKind::Region
                {
                    c.push(at("districts"), format!("\"{}\" acts platform-wide", e.id));
                }
            }
        }
        for (k, d) in p.districts.iter().enumerate() {
            known_district(c, format!("prepared[{i}].districts[{k}]"), d, false);
        }
    }
}

/// The teams' capacity budgets.
fn validate_budgets(s: &Scenario, c: &mut Checker) {
    let b = &s.budgets;
    for (team, v) in [
        ("platform", b.platform),
        ("crisis_leadership", b.crisis_leadership),
        ("policy_makers", b.policy_makers),
        ("civil_society", b.civil_society),
    ] {
        let max = crate::sim::interventions::Budgets::MAX;
        if v > max {
            c.push(
                format!("budgets.{team}"),
                format!("a budget must be 0 to {max} points per turn, got {v}"),
            );
        }
    }
}

/// The outcomes the scenario is about.
/// Texts in other languages name objectives and injects the scenario has.
fn validate_translations(s: &Scenario, c: &mut Checker) {
    if s.language.trim().is_empty() {
        c.push(
            "language",
            "must name the language the texts are written in (e.g. \"en\")",
        );
    }
    for (lang, t) in &s.translations {
        if lang == &s.language {
            c.push(
                format!("translations.{lang}"),
                format!("\"{lang}\" is the scenario's own language: its texts are the ones above"),
            );
        }
        for id in t.objectives.keys() {
            if !s.objectives.iter().any(|o| &o.id == id) {
                c.push(
                    format!("translations.{lang}.objectives.{id}"),
                    format!("no objective \"{id}\""),
                );
            }
        }
        for seq in t.injects.keys() {
            if !s.injects.iter().any(|i| i.seq == *seq) {
                c.push(
                    format!("translations.{lang}.injects.{seq}"),
                    format!("no inject with sequence number {seq}"),
                );
            }
        }
    }
}

fn validate_key_outcomes(s: &Scenario, c: &mut Checker) {
    for (i, name) in s.key_outcomes.iter().enumerate() {
        if crate::sim::metrics::by_name(name).is_none() {
            c.push(
                format!("key_outcomes[{i}]"),
                format!(
                    "unknown outcome \"{name}\" (known: {})",
                    crate::sim::metrics::Outcome::ALL
                        .iter()
                        .map(|o| o.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
}

/// A check that a group name is one of `names`.
fn group_check<'a>(names: &'a [&'a str]) -> impl Fn(&mut Checker, String, &str) + 'a {
    move |c: &mut Checker, path: String, name: &str| {
        if !names.contains(&name) {
            c.push(
                path,
                format!("unknown group \"{name}\" (known: {})", names.join(", ")),
            );
        }
    }
}

/// A check that a district name is one of `names` (or `*`, everywhere, where `star` allows it).
pub(crate) fn district_check<'a>(
    names: &'a [&'a str],
) -> impl Fn(&mut Checker, String, &str, bool) + 'a {
    move |c: &mut Checker, path: String, name: &str, star: bool| {
        if !(names.contains(&name) || star && name == "*") {
            c.push(
                path,
                format!("unknown district \"{name}\" (known: {})", names.join(", ")),
            );
        }
    }
}

/// The most turns an event may last (an exercise has at most 10 000 turns).
pub const MAX_EVENT_TURNS: i64 = 10_000;
/// The most people one incident may harm.
pub const MAX_INCIDENT_HARMED: f64 = 10_000_000.0;
/// The most security-force density peacekeepers may add (a district's `deterrence` is 0..1).
pub const MAX_PEACEKEEPERS: f64 = 1.0;
/// The most intense shelling: people harmed per 100 000 exposed per turn (1 000 is 1% a turn).
pub const MAX_SHELLING_PER_100K: f64 = 1_000.0;

/// Checks of a world event (scenario events, inject effects, ad-hoc effects in plans and
/// sessions).
pub(crate) fn check_event(
    c: &mut Checker,
    path: &str,
    event: &EventKind,
    known_district: &dyn Fn(&mut Checker, String, &str, bool),
) {
    let at = |f: &str| format!("{path}{f}");
    let known_district =
        |c: &mut Checker, p: String, name: &str, star: bool| known_district(c, p, name, star);
    let turns_ok = |c: &mut Checker, turns: i64| {
        if !(1..=MAX_EVENT_TURNS).contains(&turns) {
            c.push(
                at(".turns"),
                format!("must be between 1 and {MAX_EVENT_TURNS}, got {turns}"),
            );
        }
    };
    match event {
        EventKind::InternetShutdown { district, turns } => {
            known_district(c, at(".district"), district, false);
            turns_ok(c, *turns);
        }
        EventKind::LegitimacyShock { district, drop } => {
            known_district(c, at(".district"), district, true);
            c.unit(at(".drop"), *drop);
        }
        EventKind::StateMediaCampaign { turns, intensity } => {
            turns_ok(c, *turns);
            c.range(at(".intensity"), *intensity, 0.0, 100.0);
        }
        EventKind::HashtagDrive { tag, turns } => {
            if tag.trim().is_empty() {
                c.push(at(".tag"), "must not be empty");
            }
            turns_ok(c, *turns);
        }
        EventKind::Doxxing { district, share } => {
            known_district(c, at(".district"), district, false);
            c.unit(at(".share"), *share);
        }
        EventKind::HackingWave { intensity } => {
            c.range(at(".intensity"), *intensity, 0.0, 1000.0);
        }
        EventKind::Flooding { posts, turns } => {
            c.range(at(".posts"), *posts, 0.0, 100.0);
            turns_ok(c, *turns);
        }
        EventKind::Incident { district, harmed } => {
            known_district(c, at(".district"), district, false);
            c.range(at(".harmed"), *harmed, 0.0, MAX_INCIDENT_HARMED);
        }
        EventKind::Peacekeepers {
            district,
            strength,
            turns,
        } => {
            known_district(c, at(".district"), district, false);
            c.range(at(".strength"), *strength, 0.0, MAX_PEACEKEEPERS);
            turns_ok(c, *turns);
        }
        EventKind::Shelling {
            district,
            per_100k,
            turns,
        } => {
            known_district(c, at(".district"), district, false);
            c.range(at(".per_100k"), *per_100k, 0.0, MAX_SHELLING_PER_100K);
            turns_ok(c, *turns);
        }
    }
}

fn validate_params(m: &crate::sim::params::ModelParams, c: &mut Checker) {
    validate_param_shares(m, c);
    validate_param_ranges(m, c);
    validate_param_signs(m, c);
}

/// Behaviour parameters that are shares or probabilities, 0..1.
fn validate_param_shares(m: &crate::sim::params::ModelParams, c: &mut Checker) {
    let unit = [
        ("feed_view", m.feed_view),
        ("organiser_share", m.organiser_share),
        ("amplifier_share", m.amplifier_share),
        ("inauthentic_share", m.inauthentic_share),
        ("forward_use", m.forward_use),
        ("group_post", m.group_post),
        ("ad_share", m.ad_share),
        ("belief_rate", m.belief_rate),
        ("hostility_rate", m.hostility_rate),
        ("fear_rate", m.fear_rate),
        ("correction_rate", m.correction_rate),
        ("prebunk_rate", m.prebunk_rate),
        ("prebunk_protection", m.prebunk_protection),
        ("preparedness_rate", m.preparedness_rate),
        ("belief_decay", m.belief_decay),
        ("hostility_decay", m.hostility_decay),
        ("fear_decay", m.fear_decay),
        ("prebunk_decay", m.prebunk_decay),
        ("other_language_factor", m.other_language_factor),
        ("initial_hostility", m.initial_hostility),
        ("act_rate", m.act_rate),
        ("flee_share_low", m.flee_share_low),
        ("flee_share_high", m.flee_share_high),
        ("shelter_return", m.shelter_return),
        ("word_of_mouth", m.word_of_mouth),
        ("shelter_protection", m.shelter_protection),
        ("panic_fear", m.panic_fear),
        ("panic_rate", m.panic_rate),
        ("epstein_threshold", m.epstein_threshold),
        ("coordination_decay", m.coordination_decay),
        ("harvest_rate", m.harvest_rate),
        ("review_restore", m.review_restore),
        ("trust_removal_cost", m.trust_removal_cost),
        ("trust_capacity_cost", m.trust_capacity_cost),
        ("trust_recovery", m.trust_recovery),
        ("report_share", m.report_share),
        ("platform_exit", m.platform_exit),
        ("ban_displacement", m.ban_displacement),
        ("low_trust_degree_share", m.low_trust_degree_share),
        ("habit_pull", m.habit_pull),
        ("network_fp", m.network_fp),
        ("impersonation_fp", m.impersonation_fp),
        ("fake_signal_recall", m.fake_signal_recall),
        ("effort_returns", m.effort_returns),
        ("revenge_rate", m.revenge_rate),
        ("spillover_share", m.spillover_share),
        ("misinformation_legitimacy", m.misinformation_legitimacy),
        ("state_violence_legitimacy", m.state_violence_legitimacy),
    ];
    for (name, v) in unit {
        c.unit(format!("model.{name}"), v);
    }
}

/// Parameters with their own ranges: counts, gains, per-kind tables, the effort habit.
fn validate_param_ranges(m: &crate::sim::params::ModelParams, c: &mut Checker) {
    c.range(
        "model.offplatform_contacts",
        m.offplatform_contacts,
        0.0,
        50.0,
    );
    c.range(
        "model.offline_mobilisation",
        m.offline_mobilisation,
        0.0,
        1000.0,
    );
    for (name, v, hi) in [
        ("soft_recall_gain", m.soft_recall_gain, 100.0),
        ("soft_fp_gain", m.soft_fp_gain, 1000.0),
        ("adaptation_rate", m.adaptation_rate, 10.0),
        ("alert_signal_per_flag", m.alert_signal_per_flag, 100.0),
        ("ground_knowledge", m.ground_knowledge, 10.0),
    ] {
        c.range(format!("model.{name}"), v, 0.0, hi);
    }
    for (i, v) in m.effort_habit.iter().enumerate() {
        c.unit(format!("model.effort_habit.{i}"), *v);
    }
    if !m.effort_habit.iter().any(|h| *h > 0.0) {
        c.push(
            "model.effort_habit",
            "at least one channel needs a habitual share above 0",
        );
    }
    c.unit("model.resurface_rate", m.resurface_rate);
    // A post fades within its two-day life (longer half-lives keep every cascade running to
    // the lifetime, and its reached set in memory).
    c.range(
        "model.freshness_half_life",
        m.freshness_half_life,
        1.0,
        crate::sim::CASCADE_LIFETIME_MINUTES,
    );
    for (i, v) in m.share_base.iter().enumerate() {
        c.unit(format!("model.share_base.{i}"), *v);
    }
    for (i, v) in m.feed_rank.iter().enumerate() {
        c.range(format!("model.feed_rank.{i}"), *v, 0.0, 3.0);
    }
}

/// Parameters that must be positive or not negative.
fn validate_param_signs(m: &crate::sim::params::ModelParams, c: &mut Checker) {
    let positive = [
        ("hop_minutes", m.hop_minutes),
        ("arrest_k", m.arrest_k),
        ("detect_minutes", m.detect_minutes),
        ("risk_horizon_turns", m.risk_horizon_turns),
        ("peacekeeping_scale", m.peacekeeping_scale),
        ("feed_attention", m.feed_attention),
    ];
    for (name, v) in positive {
        if v.is_nan() || v <= 0.0 {
            c.push(
                format!("model.{name}"),
                format!("must be positive, got {v}"),
            );
        }
    }
    let non_negative = [
        ("credible_source_boost", m.credible_source_boost),
        ("attack_rate", m.attack_rate),
        ("organiser_weight", m.organiser_weight),
        ("harm_per_attack", m.harm_per_attack),
        ("reprisal_means", m.reprisal_means),
        ("route_capacity", m.route_capacity),
        ("route_exposure", m.route_exposure),
        ("coordination_boost", m.coordination_boost),
        ("newcomers_per_1k", m.newcomers_per_1k),
        ("data_lethality", m.data_lethality),
        ("fp_documentation", m.fp_documentation),
        ("fp_warning", m.fp_warning),
        ("fp_language", m.fp_language),
        ("chatter_per_account", m.chatter_per_account),
    ];
    for (name, v) in non_negative {
        c.non_negative(format!("model.{name}"), v);
    }
    if m.forward_chats > 1000 {
        c.push("model.forward_chats", "at most 1000");
    }
}
