//! How deliveries are retried: exponential backoff with jitter, a cap, a time to give up, and
//! the lease an attempt holds.

use std::time::Duration;

use super::SmtpSettings;

/// How deliveries are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Wait before the first retry.
    pub first_retry: Duration,
    /// Longest wait between two attempts.
    pub max_retry: Duration,
    /// A delivery not done this long after it was written is given up.
    pub give_up_after: Duration,
    /// Longest webhook request.
    pub timeout: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            first_retry: Duration::from_secs(5),
            max_retry: Duration::from_secs(3_600),
            give_up_after: Duration::from_secs(3 * 86_400),
            timeout: Duration::from_secs(10),
        }
    }
}

impl Policy {
    /// The wait after `attempts` failed attempts: doubling from `first_retry` up to
    /// `max_retry`, of which a random half (`jitter` in 0..1) is taken off, so receivers that
    /// come back are not hit by every sender at the same instant.
    pub fn retry_in(&self, attempts: u32, jitter: f64) -> Duration {
        let doubling = 2u32.saturating_pow(attempts.saturating_sub(1).min(30));
        let full = self.first_retry.saturating_mul(doubling).min(self.max_retry);
        full.mul_f64(1.0 - 0.5 * jitter.clamp(0.0, 1.0))
    }

    /// How long a claimed delivery is held before another attempt may take it: the longest an
    /// attempt can take, and a margin.
    pub fn lease(&self, smtp: Option<&SmtpSettings>) -> Duration {
        self.timeout.max(smtp.map_or(Duration::ZERO, |s| s.timeout)) + Duration::from_secs(5)
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let p = Policy { first_retry: Duration::from_secs(5), max_retry: Duration::from_secs(60), ..Policy::default() };
        assert_eq!(p.retry_in(1, 0.0), Duration::from_secs(5));
        assert_eq!(p.retry_in(2, 0.0), Duration::from_secs(10));
        assert_eq!(p.retry_in(3, 1.0), Duration::from_secs(10), "half taken off at most");
        assert_eq!(p.retry_in(10, 0.0), Duration::from_secs(60));
        assert_eq!(p.retry_in(u32::MAX, 0.0), Duration::from_secs(60), "no overflow");
    }
}
