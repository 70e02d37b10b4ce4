//! Development probe: harm within the run and harm expected in the week after it.
use breakglass::sim::World;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let s = breakglass::scenario::load(std::path::Path::new(&a[1]))
        .unwrap()
        .scenario;
    let plan = a
        .get(2)
        .map(|p| breakglass::scenario::plan::load_plan(std::path::Path::new(p), &s).unwrap());
    let (mut h, mut e, mut n) = (0.0, 0.0, 0.0);
    for i in 0..16 {
        let mut w = World::new(&s, s.seed + i).unwrap();
        if let Some(p) = &plan {
            w.schedule(p.clone());
        }
        w.run();
        let t = w.org.target as usize;
        let week = 168.0 / s.turn_hours;
        let after: f64 = w
            .districts
            .iter()
            .enumerate()
            .filter(|(d, _)| !w.region.districts[*d].haven)
            .map(|(_, st)| {
                let k = st.stocks[t];
                (k[0] + 0.2 * k[1] + st.hosted) * st.harm_rate * week
            })
            .sum();
        h += w.totals.harmed;
        e += after;
        n += 1.0;
    }
    println!(
        "harmed {:.0} expected after {:.0} total {:.0}",
        h / n,
        e / n,
        (h + e) / n
    );
}
