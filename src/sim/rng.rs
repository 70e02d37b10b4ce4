//! Seeded random streams. Every subsystem draws from its own ChaCha8 streams derived from
//! (run seed, turn, stream id), and within a subsystem draws are keyed by what they are about
//! (an account, a post's author and sequence, a district and purpose: `Subject`), never by their
//! position among other draws: a measure that adds or removes draws about one subject leaves
//! every other subject's random numbers as they were (tests/suite/coupling.rs).

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
    ChaCha8Rng::seed_from_u64(turn_key(seed, turn, which))
}

/// A stream for one subject of a subsystem (see `Subject`): its draws never shift another
/// subject's, so a measure that changes what one account, district or post does leaves every
/// other subject's random numbers alone.
pub fn stream_for(seed: u64, turn: u32, which: Stream, index: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(turn_key(seed, turn, which) ^ mix(index.wrapping_add(0x51ED)))
}

/// Key of a subsystem's turn, for draws hashed by account (`hash_unit(turn_key(..), account,
/// purpose)`): cheap, and fixed by the account whatever else happens.
pub fn turn_key(seed: u64, turn: u32, which: Stream) -> u64 {
    mix(mix(seed) ^ mix(((turn as u64) << 8) | which as u64))
}

/// What a draw is about. Subjects of different kinds never share an id: the kind sits above
/// bit 48, the account, district or purpose below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// Account `u`'s own posts this turn.
    Posts(u32),
    /// Organiser `u`'s mobilisation offline.
    Mobilises(u32),
    /// A district's draws of one purpose (witnesses' posts, the platform's pushes, attacks).
    District(u16, Purpose),
    /// The organisation's or the whole region's draws of one purpose.
    Region(Purpose),
    /// Scheduled scenario event number `i` (its place in the scenario's list).
    Event(u32),
}

/// The purpose of a district's or the region's draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    WitnessDocumentation = 1,
    WitnessWarnings = 2,
    InfoPush = 3,
    PrebunkPush = 4,
    Alert = 5,
    AdCredits = 6,
    OrdinaryPosts = 7,
    /// Genuine newcomers registering (and the registration screen turning some away).
    Newcomers = 8,
    Attacks = 9,
    Registrations = 10,
    Takeovers = 11,
    Retaliation = 12,
    Reprisals = 13,
}

impl Subject {
    pub fn id(self) -> u64 {
        let (kind, low): (u64, u64) = match self {
            Subject::Posts(u) => (1, u as u64),
            Subject::Mobilises(u) => (2, u as u64),
            Subject::District(d, p) => (3, ((d as u64) << 8) | p as u64),
            Subject::Region(p) => (4, p as u64),
            Subject::Event(i) => (5, i as u64),
        };
        (kind << 48) | low
    }
}

/// A stream for one subject's draws this turn.
pub fn about(seed: u64, turn: u32, which: Stream, subject: Subject) -> ChaCha8Rng {
    stream_for(seed, turn, which, subject.id())
}

/// Key of a post's cascade: fixed by who wrote it (the subject) and which of their posts this
/// turn it is, not by its place among the turn's posts (see `hash_unit`).
pub fn post_key(seed: u64, turn: u32, author: Subject, seq: u32) -> u64 {
    mix(turn_key(seed, turn, Stream::Cascade) ^ mix(author.id()) ^ mix(seq as u64 + 0xCA5C))
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
        (mean + normal(rng) * mean.sqrt()).round().max(0.0) as u64
    }
}

/// Standard normal draw (Box-Muller, two uniforms).
pub fn normal<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    let u1 = unit(rng).max(1e-300);
    let u2 = unit(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
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
