//! Resident memory of this process, from `/proc/self/status` (Linux only; elsewhere the
//! figures are absent, not zero). The sandbox runs in the same process, so these figures
//! are an upper bound for the relay alone.

use crate::report::MemoryReport;

pub struct Meter {
    start_kib: Option<u64>,
    peak_reset: bool,
}

impl Meter {
    /// Notes the current RSS and resets the high-water mark to it, so the peak belongs to
    /// this run and not to whatever the process did before (proc(5): writing `5` to
    /// `clear_refs` resets VmHWM, Linux 4.0+).
    pub fn start() -> Meter {
        let peak_reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
        Meter {
            start_kib: read_kib("VmRSS"),
            peak_reset,
        }
    }

    pub fn finish(&self) -> MemoryReport {
        MemoryReport {
            start_rss_kib: self.start_kib,
            end_rss_kib: read_kib("VmRSS"),
            peak_rss_kib: read_kib("VmHWM"),
            peak_reset: self.peak_reset,
        }
    }
}

/// Voluntary and involuntary context switches of this process's threads so far (Linux only).
/// The sandbox runs in the same process, so this is an upper bound for the relay alone.
pub fn context_switches() -> Option<u64> {
    let tasks = std::fs::read_dir("/proc/self/task").ok()?;
    let mut total = 0;
    for task in tasks.flatten() {
        // A thread that ended since the listing (a pool's connection thread closing) has no
        // status any more: it is left out rather than the whole count.
        let Ok(status) = std::fs::read_to_string(task.path().join("status")) else {
            continue;
        };
        for line in status.lines() {
            if let Some(rest) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                total += rest.trim().parse::<u64>().ok()?;
            }
        }
    }
    Some(total)
}

/// One `Name:   1234 kB` line of `/proc/self/status`.
fn read_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().strip_suffix("kB")?.trim().parse().ok()
    })
}
