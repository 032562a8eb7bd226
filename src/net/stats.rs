//! Statistics over repeated connection attempts: loss, min/avg/max and jitter.
//!
//! Jitter is the mean absolute difference between consecutive successful round-trip times,
//! `mean(|Rᵢ − Rᵢ₋₁|)`: the same quantity RFC 3550 §6.4.1 estimates for RTP (there smoothed with
//! a gain of 1/16; here an exact mean, because a check has only a few dozen samples).

use serde::{Deserialize, Serialize};

/// Summary of N attempts. Times are in milliseconds; with no successful attempt they are 0.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AttemptStats {
    /// Attempts made.
    pub attempts: u32,
    /// Attempts that succeeded.
    pub ok: u32,
    /// Share of failed attempts, 0–100.
    pub loss_pct: f64,
    /// Fastest successful attempt.
    pub min_ms: f64,
    /// Mean of the successful attempts.
    pub avg_ms: f64,
    /// Slowest successful attempt.
    pub max_ms: f64,
    /// Mean absolute difference of consecutive successful attempts (RFC 3550-style jitter).
    pub jitter_ms: f64,
}

impl AttemptStats {
    /// Statistics of a sequence of attempts in the order they were made: `Some(ms)` for a
    /// success, `None` for a loss.
    pub fn from_samples(samples: &[Option<f64>]) -> Self {
        let attempts = u32::try_from(samples.len()).unwrap_or(u32::MAX);
        let ok_times: Vec<f64> = samples.iter().flatten().copied().collect();
        let ok = u32::try_from(ok_times.len()).unwrap_or(u32::MAX);
        let loss_pct = if attempts == 0 {
            0.0
        } else {
            f64::from(attempts - ok) * 100.0 / f64::from(attempts)
        };
        if ok_times.is_empty() {
            return AttemptStats {
                attempts,
                ok,
                loss_pct,
                ..AttemptStats::default()
            };
        }
        let min_ms = ok_times.iter().copied().fold(f64::INFINITY, f64::min);
        let max_ms = ok_times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let avg_ms = ok_times.iter().sum::<f64>() / ok_times.len() as f64;
        AttemptStats {
            attempts,
            ok,
            loss_pct,
            min_ms,
            avg_ms,
            max_ms,
            jitter_ms: jitter(&ok_times),
        }
    }
}

/// Mean absolute difference of consecutive values; 0 with fewer than two values.
pub fn jitter(times: &[f64]) -> f64 {
    if times.len() < 2 {
        return 0.0;
    }
    let sum: f64 = times.windows(2).map(|w| (w[1] - w[0]).abs()).sum();
    sum / (times.len() - 1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_and_extremes() {
        let s = AttemptStats::from_samples(&[Some(10.0), None, Some(30.0), Some(20.0)]);
        assert_eq!(s.attempts, 4);
        assert_eq!(s.ok, 3);
        assert!((s.loss_pct - 25.0).abs() < 1e-9);
        assert_eq!(s.min_ms, 10.0);
        assert_eq!(s.max_ms, 30.0);
        assert!((s.avg_ms - 20.0).abs() < 1e-9);
        // |30-10| + |20-30| over 2 differences: losses are skipped, not counted as zero.
        assert!((s.jitter_ms - 15.0).abs() < 1e-9);
    }

    #[test]
    fn steady_times_have_no_jitter() {
        let s = AttemptStats::from_samples(&[Some(5.0); 8]);
        assert_eq!(s.jitter_ms, 0.0);
        assert_eq!(s.loss_pct, 0.0);
    }

    #[test]
    fn all_lost_and_empty() {
        let s = AttemptStats::from_samples(&[None, None]);
        assert_eq!((s.attempts, s.ok), (2, 0));
        assert_eq!(s.loss_pct, 100.0);
        assert_eq!(s.avg_ms, 0.0);
        let e = AttemptStats::from_samples(&[]);
        assert_eq!(e.loss_pct, 0.0);
        assert_eq!(e.attempts, 0);
    }

    #[test]
    fn alternating_times_jitter_is_the_step() {
        assert!((jitter(&[50.0, 400.0, 50.0, 400.0]) - 350.0).abs() < 1e-9);
        assert_eq!(jitter(&[7.0]), 0.0);
    }
}
