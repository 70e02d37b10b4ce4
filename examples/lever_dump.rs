//! Development probe: the lever table as JSON for analysis (not part of the product).
//! `cargo run --release --no-default-features --example lever_dump [SEEDS] > table.json`
use breakglass::sim::interventions::CATALOG;
use breakglass::sim::metrics::Outcome;
fn main() {
    let seeds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    let lib = breakglass::verdicts::library().unwrap();
    let t = breakglass::verdicts::table(&lib, seeds, &|n| eprintln!("{n}"));
    let vals = |v: &breakglass::sim::metrics::Values| -> serde_json::Value {
        Outcome::ALL
            .iter()
            .map(|o| (o.name().to_string(), serde_json::json!(v[*o])))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let doc = serde_json::json!({
        "scenarios": t.scenarios,
        "keys": t.keys.iter().map(|k| k.iter().map(|o| o.name()).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "nothing": t.nothing.iter().map(vals).collect::<Vec<_>>(),
        "levers": CATALOG.iter().map(|e| e.id).collect::<Vec<_>>(),
        "cells": t.cells.iter().map(|row| row.iter().map(|c| serde_json::json!({"base": vals(&c.base), "with": vals(&c.with)})).collect::<Vec<_>>()).collect::<Vec<_>>(),
    });
    println!("{doc}");
}
