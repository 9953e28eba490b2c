//! A flood of 100,000 clients at the rate limiter keeps its memory and its per-call latency
//! flat. A file of its own, so that it runs in a process of its own: the resident set it
//! measures is the whole process's, and other tests running beside it in the library's test
//! process made it fail (193 MiB of growth that were not the limiter's).

use std::net::IpAddr;

use onramp_server::limit::{Kind, Limiter, Limits};

/// The resident set of this process, in KiB (Linux).
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[test]
fn a_flood_of_100000_clients_keeps_memory_and_latency_flat() {
    let l = Limiter::new(Limits { max_clients: 20_000, ..Limits::default() });
    let timed = |l: &Limiter, from: u32, n: u32| {
        let start = std::time::Instant::now();
        for i in from..from + n {
            let _ = l.take(Kind::Availability, Some(IpAddr::from((0x0a00_0000 + i).to_be_bytes())));
        }
        start.elapsed() / n
    };
    let before = rss_kib();
    let first = timed(&l, 0, 10_000);
    let mut peak = 0;
    for round in 0..10u32 {
        timed(&l, round * 10_000, 10_000);
        peak = peak.max(l.clients());
        l.prune();
    }
    let last = timed(&l, 200_000, 10_000);
    assert!(peak <= 20_000 + 10_000, "the pruner bounds the keys between its runs: {peak}");
    assert!(l.clients() <= 20_000 + 10_000, "{}", l.clients());
    // Per call, the last ten thousand cost about what the first did (generous: CI is noisy).
    assert!(last <= first * 5 + std::time::Duration::from_micros(5), "first {first:?}, last {last:?}");
    if let (Some(b), Some(a)) = (before, rss_kib()) {
        assert!(a.saturating_sub(b) < 64 * 1024, "memory grew by {} KiB", a.saturating_sub(b));
    }
}
