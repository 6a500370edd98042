//! Feature hashing: every word, word pair and character n-gram becomes a bucket number.
//!
//! Why hash instead of keeping a vocabulary: the trained model then holds no words of clients'
//! messages (a desk may store or share it), training needs no string-to-index map, and memory
//! is bounded by the hash space whatever the desk's traffic. With 2^20 buckets and about 10^5
//! distinct features in BANKING77, collisions touch well under a tenth of the features, and the
//! linear model shrugs them off. The model stores weights only for buckets seen in training,
//! so a large hash space costs nothing in model size.
//!
//! The hash is FNV-1a with a SplitMix64 finaliser, written out here rather than
//! `std::hash::DefaultHasher`, whose output may change between Rust releases: a stored model
//! must map the same text to the same buckets forever.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Which kind of feature a bucket came from, mixed into the hash so that the word "in" and the
/// character bigram "in" do not share a bucket.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Word = 1,
    WordPair = 2,
    CharGram = 3,
}

/// Character n-grams are taken within each word padded with one space on each side (so
/// prefixes and suffixes are features of their own), from this length...
const MIN_CHAR_GRAM: usize = 2;
/// ...to this one: long enough to see stems ("refun", "trans"), short enough to stay shared
/// between inflections and typos.
const MAX_CHAR_GRAM: usize = 5;

/// Every feature occurrence of `words`, as buckets below `2^bits` (repeated when a feature
/// occurs twice: the count is the term frequency).
pub(crate) fn buckets(words: &[String], bits: u8) -> Vec<u32> {
    let mut out = Vec::with_capacity(words.len() * 24);
    let mut push = |hash: u64| out.push(finish(hash, bits));
    for (i, word) in words.iter().enumerate() {
        push(write(start(Kind::Word), word.as_bytes()));
        if let Some(next) = words.get(i + 1) {
            let hash = write(start(Kind::WordPair), word.as_bytes());
            push(write(write(hash, b" "), next.as_bytes()));
        }
        let padded: Vec<char> = std::iter::once(' ')
            .chain(word.chars())
            .chain(std::iter::once(' '))
            .collect();
        for n in MIN_CHAR_GRAM..=MAX_CHAR_GRAM.min(padded.len()) {
            for gram in padded.windows(n) {
                let mut hash = start(Kind::CharGram);
                let mut utf8 = [0u8; 4];
                for c in gram {
                    hash = write(hash, c.encode_utf8(&mut utf8).as_bytes());
                }
                push(hash);
            }
        }
    }
    out
}

fn start(kind: Kind) -> u64 {
    write(FNV_OFFSET, &[kind as u8])
}

fn write(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// SplitMix64's finaliser spreads FNV's weak low bits over the whole word before the top
/// `bits` are kept.
fn finish(mut hash: u64, bits: u8) -> u32 {
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^= hash >> 31;
    (hash >> (64 - u32::from(bits))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn counts_words_pairs_and_char_grams() {
        // "card": 1 word; padded " card " has 5 bigrams, 4 trigrams, 3 4-grams, 2 5-grams.
        assert_eq!(buckets(&words("card"), 20).len(), 1 + 5 + 4 + 3 + 2);
        // "my card": 2 words, 1 pair, " my " gives 3 + 2 + 1 grams.
        assert_eq!(buckets(&words("my card"), 20).len(), 2 + 1 + 6 + 14);
    }

    #[test]
    fn stable_across_runs_and_releases() {
        // Pinned values: a change here breaks every stored model (bump `stored::FORMAT`).
        assert_eq!(
            buckets(&words("refund"), 20)[..3],
            [336_262, 163_043, 949_436]
        );
        let first = buckets(&words("refund"), 20);
        assert_eq!(first, buckets(&words("refund"), 20));
        assert!(first.iter().all(|&b| b < 1 << 20));
        assert_ne!(
            buckets(&words("in"), 20)[0],
            buckets(&words("in"), 20)[1],
            "the word and its character bigram differ"
        );
    }
}
