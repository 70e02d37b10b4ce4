fn main() {
    let s = breakglass::scenario::load(std::path::Path::new("scenarios/default.ron"))
        .unwrap()
        .scenario;
    let full = std::env::args().any(|a| a == "full");
    let e = if full {
        breakglass::calibration::Effort::FULL
    } else {
        breakglass::calibration::Effort::QUICK
    };
    for r in breakglass::calibration::all(&s, e) {
        println!(
            "{:<50} {:<40} ref {:>6.1} ours {:>6.1} ± {:>4.1} [{:.1}, {:.1}] {}",
            r.experiment,
            r.condition,
            r.reference,
            r.ours,
            r.stderr,
            r.low,
            r.high,
            if r.pass() { "PASS" } else { "FAIL" }
        );
    }
}
