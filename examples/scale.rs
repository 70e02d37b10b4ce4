//! One-off measurement: a 1M-account world (default region): build time, turn times, peak memory.
//! `cargo run --release --no-default-features --example scale [ACCOUNTS]`
fn main() {
    let accounts: i64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let mut s =
        breakglass::scenario::from_str("default.ron", breakglass::DEFAULT_SCENARIO_TEXT).unwrap();
    s.accounts = accounts;
    let t = std::time::Instant::now();
    let mut w = breakglass::sim::World::new(&s, s.seed).unwrap();
    println!(
        "build {:.2}s, {} accounts, {} edges",
        t.elapsed().as_secs_f64(),
        w.n_accounts(),
        w.graph.edges()
    );
    let mut times = Vec::new();
    for _ in 0..12 {
        let t = std::time::Instant::now();
        w.step();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "turn ms: {:?}",
        times.iter().map(|x| x.round() as i64).collect::<Vec<_>>()
    );
}
