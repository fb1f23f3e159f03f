//! Benchmark baseline: the cheapest possible Rust CLI, which only prints one line.
//! Its run time is the process start-up floor that `hike-status` is compared against.

fn main() {
    println!("429 Too Many Requests");
}
