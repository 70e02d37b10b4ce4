use breakglass::sim::epstein::{EpsteinConfig, Grid, outbursts};
fn main() {
    let args: Vec<f64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap())
        .collect();
    let (leg, cops, jail, steps) = (args[0], args[1], args[2] as u32, args[3] as usize);
    let cfg = EpsteinConfig {
        legitimacy: leg,
        cop_density: cops,
        max_jail: jail,
        ..Default::default()
    };
    let mut g = Grid::new(cfg, 7);
    let s: Vec<usize> = (0..steps).map(|_| g.step()).collect();
    let line: Vec<String> = s.iter().step_by(5).map(|x| x.to_string()).collect();
    println!("{}", line.join(" "));
    println!(
        "outbursts(10,50) {} outbursts(20,100) {} mean {:.1} max {}",
        outbursts(&s, 10, 50),
        outbursts(&s, 20, 100),
        s.iter().sum::<usize>() as f64 / s.len() as f64,
        s.iter().max().unwrap()
    );
}
