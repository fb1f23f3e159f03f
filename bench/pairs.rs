//! Start-up timing in alternating pairs: the baseline, then the command, then the baseline
//! again, and so on. Each pair gives one ratio (command / baseline), measured a few
//! milliseconds apart, so the machine's drift over seconds cancels inside the pair; the
//! figure is the median of the ratios.
//!
//! The two programs' files must stand alike in the page cache. A file just written by `cp`
//! starts faster than the same bytes read back from disk, by more than a tenth of a
//! millisecond on a virtual machine. Copy both with `cp` first, or drop the caches, so
//! that the ratio is about the programs and not about where their pages came from.
//!
//! Usage: pairs PAIRS WARMUP BASELINE -- COMMAND [ARGS...]
//! Prints: median_ratio p10_ratio p90_ratio baseline_median_s command_median_s

use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: pairs PAIRS WARMUP BASELINE -- COMMAND [ARGS...]";
    let (pairs, warmup) = match (args.first(), args.get(1)) {
        (Some(p), Some(w)) => (p.parse::<usize>().expect(usage), w.parse::<usize>().expect(usage)),
        _ => panic!("{usage}"),
    };
    let sep = args.iter().position(|a| a == "--").expect(usage);
    let baseline = &args[2..sep];
    let command = &args[sep + 1..];
    assert!(!baseline.is_empty() && !command.is_empty(), "{usage}");

    let time = |argv: &[String]| {
        let start = Instant::now();
        let status = Command::new(&argv[0])
            .args(&argv[1..])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("the command runs");
        let elapsed = start.elapsed().as_secs_f64();
        assert!(status.success(), "{argv:?} failed: {status}");
        elapsed
    };
    for _ in 0..warmup {
        time(baseline);
        time(command);
    }
    let mut ratios = Vec::with_capacity(pairs);
    let mut base = Vec::with_capacity(pairs);
    let mut cmd = Vec::with_capacity(pairs);
    for _ in 0..pairs {
        let b = time(baseline);
        let c = time(command);
        ratios.push(c / b);
        base.push(b);
        cmd.push(c);
    }
    let quantile = |v: &mut Vec<f64>, q: f64| {
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * q).round() as usize]
    };
    println!(
        "{:.3} {:.3} {:.3} {:.6} {:.6}",
        quantile(&mut ratios, 0.5),
        quantile(&mut ratios, 0.1),
        quantile(&mut ratios, 0.9),
        quantile(&mut base, 0.5),
        quantile(&mut cmd, 0.5)
    );
}
