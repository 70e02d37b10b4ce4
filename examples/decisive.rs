//! The decisive-tools matrix of the scenario library (numbers for the notes and MODEL.md).
//! `cargo run --release --no-default-features --example decisive [SEEDS]`
use breakglass::experiments::{LIBRARY, key_outcome, matrix};
fn main() {
    let seeds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let scenarios: Vec<_> = LIBRARY
        .iter()
        .map(|f| {
            breakglass::scenario::load(std::path::Path::new(f.file))
                .unwrap()
                .scenario
        })
        .collect();
    let m = matrix(&scenarios, seeds);
    print!("{:<28}", "scenario \\ tools of");
    for f in &LIBRARY {
        print!(
            " {:>9}",
            &f.file[10..f.file.len() - 4]
                .chars()
                .take(9)
                .collect::<String>()
        );
    }
    println!();
    for (i, f) in LIBRARY.iter().enumerate() {
        print!(
            "{:<28}",
            format!(
                "{} ({})",
                &f.file[10..f.file.len() - 4],
                &key_outcome(&scenarios[i]).name()[..8]
            )
        );
        for (j, v) in m[i].iter().enumerate() {
            let mark = if j == i { "*" } else { " " };
            print!(" {:>8.1}{mark}", v);
        }
        let best = m[i].iter().cloned().fold(f64::MIN, f64::max);
        println!(
            "  {}",
            if (m[i][i] - best).abs() < 1e-9 {
                "own set best"
            } else {
                "OTHER SET BETTER"
            }
        );
    }
}
