//! Speed of the model's hot paths: one turn and graph generation at 10k / 100k / 1M accounts
//! (the default scenario's region, scaled), a whole run, a facilitator's rewind.
//! Run: `cargo bench --no-default-features --bench model`.

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

/// A facilitator's rewind: the default scenario's session under the `slow_rumours` plan (every
/// decision applied at its turn), replayed from its decision log to turn 10.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn rewind_default_to_turn_10(bencher: divan::Bencher) {
    use breakglass::session::SessionFile;
    let s = scenario(20_000);
    let plan = std::path::Path::new("scenarios/plans/slow_rumours.ron");
    let commands = breakglass::scenario::plan::load_plan(plan, &s).expect("the plan loads");
    let mut w = World::new(&s, s.seed).expect("builds");
    w.schedule(commands);
    w.run();
    let mut file = SessionFile::new("default.ron", &s, s.seed, "bench".into());
    file.record(&w);
    let branch = file.branch(0, 10);
    bencher.bench_local(|| file.replay(branch, Some(10)).expect("replays"));
}

/// The diffusion kernel alone: independent cascades on a Barabási–Albert graph (n = 100k, m = 5,
/// p = 0.05, 10 seed nodes), as in the race against NDlib (benches/peers).
#[divan::bench(sample_count = 20, sample_size = 10)]
fn ic_kernel_ba100k(bencher: divan::Bencher) {
    use breakglass::sim::kernels::{barabasi_albert, independent_cascade};
    use breakglass::sim::rng::{Stream, stream};
    let mut rng = stream(1, 0, Stream::Graph);
    let g = barabasi_albert(100_000, 5, &mut rng);
    let (mut seen, mut f, mut n) = (vec![false; g.n()], Vec::new(), Vec::new());
    let seeds: Vec<u32> = (0..10).map(|i| i * 9_973).collect();
    bencher
        .bench_local(|| independent_cascade(&g, &seeds, 0.05, &mut rng, &mut seen, &mut f, &mut n));
}

/// Epstein's Model I, one step of Mesa's default 40x40 grid.
#[divan::bench(sample_count = 20, sample_size = 10)]
fn epstein_step_40(bencher: divan::Bencher) {
    use breakglass::sim::epstein::{EpsteinConfig, Grid};
    let mut g = Grid::new(EpsteinConfig::default(), 1);
    bencher.bench_local(|| g.step());
}
