//! Development probe: response of harmful impressions to reshare nudges (not part of the product).
use breakglass::sim::World;
use breakglass::sim::command::{Action, Command};
use breakglass::sim::interventions::{Scope, Team, index_of};
use breakglass::sim::metrics::Outcome;
fn main() {
    let s = breakglass::scenario::load(std::path::Path::new("scenarios/default.ron"))
        .unwrap()
        .scenario;
    let id = std::env::args().nth(1).unwrap_or("reshare_nudges".into());
    let values: Vec<f64> = std::env::args()
        .skip(2)
        .map(|x| x.parse().unwrap())
        .collect();
    let runs = 12;
    let measure = |v: Option<f64>| -> (f64, f64, f64) {
        let mut acc = (0.0, 0.0, 0.0);
        for r in 0..runs {
            let mut w = World::new(&s, 1000 + r).unwrap();
            if let Some(v) = v {
                let e = index_of(&id).unwrap();
                let mut params = breakglass::sim::interventions::CATALOG[e].defaults();
                if !params.is_empty() {
                    params[0] = v;
                }
                w.apply(Command {
                    turn: 0,
                    team: Team::Facilitator,
                    action: Action::Enable {
                        entry: e,
                        params,
                        scope: Scope::Region,
                        confirmed: true,
                    },
                    rationale: String::new(),
                })
                .unwrap();
            }
            w.run();
            let m = w.summary();
            acc.0 += m[Outcome::HarmfulImpressions];
            acc.1 += m[Outcome::CiviliansHarmed];
            acc.2 += m[Outcome::WarningReach];
        }
        acc
    };
    let base = measure(None);
    for v in values {
        let x = measure(Some(v));
        println!(
            "{id} {v}: harmful impressions {:+.1}%  harmed {:+.1}%  warning reach {:+.1}%",
            (x.0 / base.0 - 1.0) * 100.0,
            (x.1 / base.1 - 1.0) * 100.0,
            (x.2 / base.2 - 1.0) * 100.0
        );
    }
}
