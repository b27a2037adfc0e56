//! Seeded draws of whole numbers, and percentiles of exact samples.
//!
//! Draws come from ChaCha8 seeded with the caller's seed: the same seed gives the same samples
//! on every machine and every run. A draw is a whole number, turned into a value in a range as an
//! exact decimal (`low + (high - low) * k / N`): no binary float touches a figure.

use std::num::NonZeroU64;

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use rust_decimal::Decimal;

/// How values are spread over a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Distribution {
    /// Every value in the range equally likely.
    #[default]
    Uniform,
    /// Most likely at the middle of the range, falling off linearly to its ends (the sum of two
    /// uniform draws over half the range each).
    Triangular,
}

impl Distribution {
    /// Its name, as `--distribution` and JSON write it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Uniform => "uniform",
            Self::Triangular => "triangular",
        }
    }
}

/// A reproducible source of whole numbers.
pub struct Draws(ChaCha8Rng);

impl Draws {
    /// Draws seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A whole number in `0..=n` spread as `distribution` says.
    pub fn pick(&mut self, n: u64, distribution: Distribution) -> u64 {
        match distribution {
            Distribution::Uniform => self.upto(n),
            Distribution::Triangular => {
                let half = n / 2;
                // Two parts of at most `half` and `n - half`: the sum is at most `n`.
                self.upto(half).saturating_add(self.upto(n.saturating_sub(half)))
            }
        }
    }

    /// A whole number in `0..=n`, each equally likely (rejection sampling, so none is favoured).
    pub fn upto(&mut self, n: u64) -> u64 {
        let Some(span) = n.checked_add(1).and_then(NonZeroU64::new) else {
            return self.0.next_u64();
        };
        // The largest multiple of `span` that fits: draws at or above it would favour low values.
        // `span` is at least one, so `u64::MAX - span + 1` neither wraps nor overflows.
        let zone = u64::MAX.saturating_sub(u64::MAX.saturating_sub(span.get()).saturating_add(1) % span);
        loop {
            let draw = self.0.next_u64();
            if draw < zone {
                return draw % span;
            }
        }
    }
}

/// The nearest-rank percentile (`p` in 1..=100) of samples, reordering them: a value some sample
/// took, so it stays exact.
pub fn percentile(samples: &mut [Decimal], p: usize) -> Option<Decimal> {
    if samples.is_empty() {
        return None;
    }
    // `--samples` keeps the count to a million, far from where p x count would saturate.
    let rank = p.saturating_mul(samples.len()).div_ceil(100).clamp(1, samples.len());
    // The clamp keeps the rank at least one.
    let (_, value, _) = samples.select_nth_unstable(rank.saturating_sub(1));
    Some(*value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_reproducible_and_cover_the_range() {
        let mut a = Draws::new(7);
        let mut b = Draws::new(7);
        let first: Vec<u64> = (0..1000).map(|_| a.upto(4)).collect();
        let second: Vec<u64> = (0..1000).map(|_| b.upto(4)).collect();
        assert_eq!(first, second);
        for k in 0..=4 {
            let n = first.iter().filter(|&&v| v == k).count();
            assert!((150..250).contains(&n), "{k} drawn {n} times in 1000");
        }
        let mut c = Draws::new(8);
        assert_ne!(first, (0..1000).map(|_| c.upto(4)).collect::<Vec<_>>());
    }

    #[test]
    fn triangular_draws_gather_in_the_middle() {
        let mut draws = Draws::new(3);
        let picks: Vec<u64> = (0..4000).map(|_| draws.pick(100, Distribution::Triangular)).collect();
        assert!(picks.iter().all(|&k| k <= 100));
        // P(25 <= k <= 75) is 3/4 for a triangle over 0..100, 1/2 for a uniform draw.
        let middle = picks.iter().filter(|&&k| (25..=75).contains(&k)).count();
        assert!((2800..3200).contains(&middle), "{middle} of 4000 in the middle half");
    }

    #[test]
    fn nearest_rank_percentiles() {
        let mut values: Vec<Decimal> = (1..=10).rev().map(Decimal::from).collect();
        assert_eq!(percentile(&mut values, 10), Some(Decimal::from(1)));
        assert_eq!(percentile(&mut values, 50), Some(Decimal::from(5)));
        assert_eq!(percentile(&mut values, 90), Some(Decimal::from(9)));
        assert_eq!(percentile(&mut [], 50), None);
    }
}
