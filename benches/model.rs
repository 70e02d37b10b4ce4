//! Speed of the model's hot paths: one turn and graph generation at 10k / 100k / 1M accounts
//! (the default scenario's region, scaled). Run: `cargo bench --no-default-features --bench model`.

use breakglass::scenario::Scenario;
use breakglass::sim::World;

fn main() {
    divan::main();
}

fn scenario(accounts: i64) -> Scenario {
    let mut s = breakglass::scenario::from_str("default.ron", breakglass::DEFAULT_SCENARIO_TEXT)
        .expect("default scenario");
    s.accounts = accounts;
    s
}

/// A world warmed up to turn 8 (mid-crisis: cascades, violence and moderation all active).
fn warmed(accounts: i64) -> World {
    let s = scenario(accounts);
    let mut w = World::new(&s, s.seed).expect("builds");
    for _ in 0..8 {
        w.step();
    }
    w
}

#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 10, sample_size = 1)]
fn one_turn(bencher: divan::Bencher, accounts: i64) {
    let base = warmed(accounts);
    bencher
        .with_inputs(|| base.clone())
        .bench_local_values(|mut w| {
            w.step();
            w
        });
}

#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 5, sample_size = 1)]
fn build_world(bencher: divan::Bencher, accounts: i64) {
    let s = scenario(accounts);
    bencher.bench_local(|| World::new(&s, s.seed).expect("builds"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn whole_default_run(bencher: divan::Bencher) {
    let s = scenario(20_000);
    bencher.bench_local(|| {
        let mut w = World::new(&s, s.seed).expect("builds");
        w.run();
        w
    });
}
