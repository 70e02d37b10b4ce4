//! Each library scenario's best three single tools on its key outcome (vs nothing).
//! `cargo run --release --no-default-features --example best_tools [SEEDS]`
use breakglass::experiments::{LIBRARY, improvement, key_outcome};
use breakglass::sim::interventions::CATALOG;
fn main() {
    let seeds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let only = std::env::args().nth(2);
    for f in LIBRARY
        .iter()
        .filter(|f| only.as_ref().is_none_or(|o| f.file.contains(o.as_str())))
    {
        let s = breakglass::scenario::load(std::path::Path::new(f.file))
            .unwrap()
            .scenario;
        let key = key_outcome(&s);
        let mut ranked: Vec<(f64, &str)> = CATALOG
            .iter()
            .map(|e| (improvement(&s, key, &[e.id], seeds), e.id))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let top: Vec<String> = ranked
            .iter()
            .take(5)
            .map(|(v, id)| format!("{id} {v:.1}%"))
            .collect();
        let three: Vec<&str> = ranked.iter().take(3).map(|x| x.1).collect();
        let combined = improvement(&s, key, &three, seeds);
        println!(
            "{} [{}]: {} | top-3 together {combined:.1}% | focus set {:.1}%",
            f.file,
            key.name(),
            top.join(", "),
            improvement(&s, key, &f.tools, seeds)
        );
    }
}
