//! Development probe: per-turn state of one district (not part of the product).
//! `cargo run --release --no-default-features --example probe_district SCENARIO DISTRICT [PLAN]`
use breakglass::sim::World;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let s = breakglass::scenario::load(std::path::Path::new(&a[1]))
        .unwrap()
        .scenario;
    let plan = a
        .get(3)
        .map(|p| breakglass::scenario::plan::load_plan(std::path::Path::new(p), &s).unwrap());
    let mut w = World::new(&s, s.seed).unwrap();
    if let Some(p) = plan {
        w.schedule(p);
    }
    let d = w.region.district_index(&a[2]).unwrap();
    let target = w.org.target as usize;
    let mut total = 0.0;
    while !w.finished() {
        w.step();
        total += w.districts[d].harmed_this_turn;
        let st = &w.districts[d];
        let k = st.stocks[target];
        println!(
            "t{:2} conn {:.2} coord {:.2} mob {:7.0} attacks {:2} harmed {:6.1} risk {:3.0} home {:7.0} shel {:7.0} disp {:7.0} hosted {:6.0} harv {:.2}",
            w.turn,
            st.connectivity,
            st.coordination,
            st.mobilised_people,
            st.attacks,
            st.harmed_this_turn,
            st.risk,
            k[0],
            k[1],
            k[2],
            st.hosted,
            st.harvested
        );
    }
    println!("harmed here over the run: {total:.1}");
}
