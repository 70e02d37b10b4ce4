//! Seeded random streams. Every subsystem draws from its own ChaCha8 stream derived from
//! (run seed, turn, stream id), so adding draws in one mechanism never shifts another's.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Named streams; the discriminant is mixed into the seed.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    Build = 1,
    Graph = 2,
    Organisation = 3,
    Posting = 4,
    Moderation = 5,
    Cascade = 6,
    Offline = 7,
    Violence = 8,
    Events = 9,
    Interventions = 10,
}

/// SplitMix64 finaliser: spreads nearby integers over the whole u64 range.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub fn stream(seed: u64, turn: u32, which: Stream) -> ChaCha8Rng {
    let key = mix(mix(seed) ^ mix(((turn as u64) << 8) | which as u64));
    ChaCha8Rng::seed_from_u64(key)
}

/// A stream for item `index` of a subsystem (one per post, so one post's draws never shift
/// another's: interventions that change one cascade leave the others' randomness alone).
pub fn stream_for(seed: u64, turn: u32, which: Stream, index: u64) -> ChaCha8Rng {
    let key =
        mix(mix(seed) ^ mix(((turn as u64) << 8) | which as u64) ^ mix(index.wrapping_add(0x51ED)));
    ChaCha8Rng::seed_from_u64(key)
}

/// Key of one post's cascade (see `hash_unit`).
pub fn cascade_key(seed: u64, turn: u32, index: u64) -> u64 {
    mix(mix(seed)
        ^ mix(((turn as u64) << 8) | Stream::Cascade as u64)
        ^ mix(index.wrapping_add(0xCA5C)))
}

/// A ChaCha8 stream for what account `item` does within the cascade `key` (whom it shows a post).
pub fn stream_at(key: u64, item: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(mix(key ^ mix(item.wrapping_add(1))))
}

/// A uniform draw in [0, 1) fixed by (cascade key, account, purpose): the same account facing
/// the same post decides the same way whatever else happened in the cascade, so comparing a run
/// with and without an intervention compares like with like (a live-edge coupling of the
/// independent-cascade model).
#[inline]
pub fn hash_unit(key: u64, item: u64, salt: u64) -> f64 {
    (mix(key ^ mix(item ^ (salt << 48))) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Uniform in [0, 1) with 53 bits.
#[inline]
pub fn unit<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Bernoulli trial that tolerates p outside 0..1 (clamped).
#[inline]
pub fn chance<R: Rng + ?Sized>(rng: &mut R, p: f64) -> bool {
    unit(rng) < p
}

/// Poisson draw (Knuth for small means, normal approximation above 30).
pub fn poisson<R: Rng + ?Sized>(rng: &mut R, mean: f64) -> u64 {
    if mean <= 0.0 || !mean.is_finite() {
        return 0;
    }
    if mean < 30.0 {
        let limit = (-mean).exp();
        let mut k = 0u64;
        let mut p = unit(rng);
        while p > limit {
            k += 1;
            p *= unit(rng);
        }
        k
    } else {
        // Box-Muller
        let u1 = unit(rng).max(1e-300);
        let u2 = unit(rng);
        let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        (mean + z * mean.sqrt()).round().max(0.0) as u64
    }
}

/// Number of failures before the first success of probability p (geometric skip), for
/// visiting each element of a list independently with probability p in O(visited).
#[inline]
pub fn skip<R: Rng + ?Sized>(rng: &mut R, p: f64) -> usize {
    if p >= 1.0 {
        return 0;
    }
    if p <= 0.0 {
        return usize::MAX;
    }
    let u = unit(rng).max(1e-300);
    let s = (u.ln() / (1.0 - p).ln()).floor();
    if s >= usize::MAX as f64 {
        usize::MAX
    } else {
        s as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_by_turn_and_kind_but_repeat_for_the_same_key() {
        let a = stream(7, 3, Stream::Cascade).next_u64();
        assert_eq!(a, stream(7, 3, Stream::Cascade).next_u64());
        assert_ne!(a, stream(7, 4, Stream::Cascade).next_u64());
        assert_ne!(a, stream(7, 3, Stream::Offline).next_u64());
        assert_ne!(a, stream(8, 3, Stream::Cascade).next_u64());
    }

    #[test]
    fn geometric_skip_visits_each_item_with_probability_p() {
        let mut rng = stream(1, 0, Stream::Build);
        let (n, p) = (200_000usize, 0.07);
        let mut visited = 0;
        let mut i = skip(&mut rng, p);
        while i < n {
            visited += 1;
            i = i.saturating_add(1 + skip(&mut rng, p));
        }
        let expected = n as f64 * p;
        assert!((visited as f64 - expected).abs() < 4.0 * (expected * (1.0 - p)).sqrt());
    }

    #[test]
    fn poisson_mean_is_right_on_both_branches() {
        let mut rng = stream(2, 0, Stream::Build);
        for mean in [0.5, 4.0, 80.0] {
            let n = 20_000;
            let total: u64 = (0..n).map(|_| poisson(&mut rng, mean)).sum();
            let m = total as f64 / n as f64;
            assert!(
                (m - mean).abs() < 4.0 * (mean / n as f64).sqrt(),
                "{mean} -> {m}"
            );
        }
    }
}
