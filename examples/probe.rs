//! Development probe: per-turn dynamics of a scenario (not part of the product).
use breakglass::sim::World;
use breakglass::sim::content::Kind;
use breakglass::sim::metrics::Outcome;
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("scenarios/default.ron".into());
    let s = breakglass::scenario::load(std::path::Path::new(&path))
        .unwrap()
        .scenario;
    let mut w = World::new(&s, s.seed).unwrap();
    println!("accounts {} edges {}", w.n_accounts(), w.graph.edges());
    while !w.finished() {
        let t0 = std::time::Instant::now();
        w.step();
        let dt = t0.elapsed().as_millis();
        let v = w.series.last().unwrap();
        let mut views = [0u32; 10];
        let mut n = [0u32; 10];
        for p in &w.posts {
            views[p.kind as usize] += p.views;
            n[p.kind as usize] += 1;
        }
        let risks: Vec<String> = w
            .districts
            .iter()
            .map(|d| format!("{:.0}", d.risk))
            .collect();
        println!(
            "t{:2} {:4}ms posts {:5} harm {:7.0} mob {:7.0} risk [{}] warn {:.2} prot {:.0} disp {:.0} belief {:.2} trust {:.2} backlog {:.0} perps {}",
            w.turn,
            dt,
            w.posts.len(),
            v[Outcome::CiviliansHarmed],
            v[Outcome::MobilizedBystanders],
            risks.join(","),
            v[Outcome::WarningReach],
            v[Outcome::CiviliansProtected],
            v[Outcome::CiviliansDisplaced],
            v[Outcome::MisinformationBelief],
            v[Outcome::UserTrust],
            v[Outcome::ModerationBacklog],
            w.org.live
        );
        let s: Vec<String> = Kind::ALL
            .iter()
            .map(|k| format!("{}:{}/{}", &k.id()[..4], n[*k as usize], views[*k as usize]))
            .collect();
        println!("      {}", s.join(" "));
    }
}
