//! Writes docs/cafe-rotation.md: the café rotation's quality and speed for typical sizes.
//! `make bench-cafe` builds it as `make run` builds the server (the workspace at opt-level 3)
//! and writes the page.

use std::time::Instant;

use app::domain::cafe::{
    quality::{measure, on_paper},
    rotation::{Setup, plan},
};

/// People, tables, rounds: the sizes of the issue (a hall of 20 to 200 parents, tables of
/// 5 to 8), uneven ones, and crowded ones where meeting again cannot be avoided.
const SIZES: [(u32, u16, u16); 13] = [
    (24, 6, 3),
    (48, 8, 3),
    (120, 15, 4),
    (200, 25, 4),
    (23, 5, 3),
    (47, 8, 3),
    (131, 15, 4),
    (199, 25, 5),
    (12, 3, 4),
    (15, 3, 3),
    (20, 4, 4),
    (30, 5, 5),
    (40, 5, 5),
];
const RUNS: u32 = 5;

fn main() {
    println!("{}", include_str!("cafe_rotation_intro.md").trim_end());
    println!();
    println!(
        "| people | tables | rounds | repeated pairs | lower bound | repeated on paper | fewest met | fewest met on paper | returns | time |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (n, tables, rounds) in SIZES {
        let setup = Setup {
            tables,
            rounds,
            people: (0..n).collect(),
            hosts: (0..tables).map(|t| (u32::from(t), t + 1)).collect(),
            together: Vec::new(),
            apart: Vec::new(),
            seated: Vec::new(),
            seed: 1,
        };
        let start = Instant::now();
        let mut planned = None;
        for _ in 0..RUNS {
            planned = Some(plan(&setup).expect("a café without constraints can be planned"));
        }
        let took = start.elapsed() / RUNS;
        let ours = measure(&planned.expect("planned at least once"), &setup.hosts);
        let paper = measure(&on_paper(&setup), &setup.hosts);
        println!(
            "| {n} | {tables} | {rounds} | {} | {} | {} | {} | {} | {} | {:.1} ms |",
            ours.repeated_pairs,
            ours.lower_bound,
            paper.repeated_pairs,
            ours.fewest_met,
            paper.fewest_met,
            ours.returns,
            took.as_secs_f64() * 1000.0
        );
    }
}
