//! Development probe: whole-run effect of one intervention on every outcome (not part of the product).
use breakglass::sim::World;
use breakglass::sim::command::{Action, Command};
use breakglass::sim::interventions::{CATALOG, Scope, Team, index_of};
use breakglass::sim::metrics::Outcome;
fn main() {
    let path = std::env::args()
        .nth(2)
        .unwrap_or("scenarios/default.ron".into());
    let s = breakglass::scenario::load(std::path::Path::new(&path))
        .unwrap()
        .scenario;
    let id = std::env::args().nth(1).unwrap();
    let runs = 12;
    let run = |with: bool| -> Vec<f64> {
        let mut acc = vec![0.0; Outcome::ALL.len()];
        for r in 0..runs {
            let mut w = World::new(&s, 1000 + r).unwrap();
            if with {
                let e = index_of(&id).unwrap();
                w.apply(Command {
                    turn: 0,
                    team: Team::Facilitator,
                    action: Action::Enable {
                        entry: e,
                        params: CATALOG[e].defaults(),
                        scope: Scope::Region,
                        confirmed: true,
                    },
                    rationale: String::new(),
                })
                .unwrap();
            }
            w.run();
            for (i, o) in Outcome::ALL.iter().enumerate() {
                acc[i] += w.summary()[*o] / runs as f64;
            }
        }
        acc
    };
    let (a, b) = (run(false), run(true));
    for (i, o) in Outcome::ALL.iter().enumerate() {
        println!(
            "{:<30} {:>14.3} {:>14.3} {:>+7.1}%",
            o.name(),
            a[i],
            b[i],
            (b[i] / a[i].max(1e-9) - 1.0) * 100.0
        );
    }
}
