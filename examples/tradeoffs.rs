//! The no-dominant-strategy table of the scenario library (numbers for the notes and MODEL.md):
//! per scenario, its key outcome and the cost to civilians under nothing, every lever at once
//! (budgets waived), its three focus tools, and (with `--explore`) the best portfolio found
//! within budget.
//! `cargo run --release --no-default-features --example tradeoffs [SEEDS] [--explore [--width N]] [--only NAME]`
//! (the search keeps the N best single levers, 12 by default, as `breakglass explore --width`;
//! `--only rumour` runs the library scenarios whose file name contains `rumour`)
use breakglass::experiments::{LIBRARY, tradeoff_row};
use breakglass::sim::interventions::CATALOG;
use breakglass::sim::metrics::Outcome::CiviliansHarmed as Harmed;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seeds: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(4);
    let width: usize = args
        .iter()
        .position(|a| a == "--width")
        .and_then(|i| args.get(i + 1))
        .and_then(|w| w.parse().ok())
        .unwrap_or(12);
    let explore = args.iter().any(|a| a == "--explore").then_some(width);
    println!(
        "| scenario | key outcome | nothing | everything (waived) | focus tools | best found | cost to civilians: everything / focus / best | civilians harmed: everything / best | everything fits the budget | best's levers |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    for f in LIBRARY
        .iter()
        .filter(|f| only.is_none_or(|o| f.file.contains(o.as_str())))
    {
        let s = breakglass::scenario::load(std::path::Path::new(f.file))
            .expect("library scenario loads")
            .scenario;
        let row = tradeoff_row(&s, &f.tools, seeds, explore);
        let best = row.best.as_ref();
        if args.iter().any(|a| a == "--detail") {
            for o in breakglass::sim::metrics::Outcome::ALL {
                eprintln!(
                    "  {:<30} nothing {:>12.3}  everything {:>12.3}  focus {:>12.3}",
                    o.name(),
                    row.nothing[o],
                    row.everything.values[o],
                    row.focus.values[o]
                );
            }
        }
        println!(
            "| {} | {} | {:.3} | {:.3} ({:+.1}%) | {:.3} ({:+.1}%) | {} | {:.1}% / {:.1}% / {} | {:+.0}% / {} | {} | {} |",
            &f.file[10..f.file.len() - 4],
            row.key.name(),
            row.nothing[row.key],
            row.everything.values[row.key],
            row.everything.key_gain,
            row.focus.values[row.key],
            row.focus.key_gain,
            best.map_or("-".to_string(), |b| format!(
                "{:.3} ({:+.1}%)",
                b.values[row.key], b.key_gain
            )),
            row.everything.civilian_cost,
            row.focus.civilian_cost,
            best.map_or("-".to_string(), |b| format!("{:.1}%", b.civilian_cost)),
            -breakglass::experiments::gain(Harmed, &row.everything.values, &row.nothing),
            best.map_or("-".to_string(), |b| format!(
                "{:+.0}%",
                -breakglass::experiments::gain(Harmed, &b.values, &row.nothing)
            )),
            if breakglass::experiments::fits_budget(
                &s.budgets,
                &(0..CATALOG.len()).collect::<Vec<_>>()
            ) {
                "yes"
            } else {
                "no"
            },
            best.map_or("-".to_string(), |b| b
                .tools
                .iter()
                .map(|&e| CATALOG[e].id)
                .collect::<Vec<_>>()
                .join(", ")),
        );
    }
}
