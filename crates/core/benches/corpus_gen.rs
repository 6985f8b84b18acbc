//! A deterministic generator of Vietnamese-like articles for benchmarks.
//!
//! It learns word bigrams from the demo corpus (the five seed articles) and walks
//! them with a fixed-seed PRNG, so 10,000 generated articles have the seeds'
//! syllable statistics (frequent syllables, real adjacent pairs like *đại hội*)
//! and the same bytes on every run.

use std::collections::BTreeMap;

/// SplitMix64: small, fast, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Word bigram model of a text collection.
pub struct Model {
    words: Vec<String>,
    /// word index → following word indices (with repeats, so frequent pairs are likely).
    next: Vec<Vec<usize>>,
}

impl Model {
    pub fn learn(texts: &[String]) -> Model {
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut words = Vec::new();
        let mut next: Vec<Vec<usize>> = Vec::new();
        for text in texts {
            let mut prev: Option<usize> = None;
            for token in text.split_whitespace() {
                let id = *ids.entry(token.to_owned()).or_insert_with(|| {
                    words.push(token.to_owned());
                    next.push(Vec::new());
                    words.len() - 1
                });
                if let Some(p) = prev {
                    next[p].push(id);
                }
                prev = Some(id);
            }
        }
        Model { words, next }
    }

    fn walk(&self, rng: &mut Rng, n: usize) -> String {
        let mut out = String::new();
        let mut at = rng.below(self.words.len());
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&self.words[at]);
            let follow = &self.next[at];
            at = if follow.is_empty() || rng.below(10) == 0 { rng.below(self.words.len()) } else { follow[rng.below(follow.len())] };
        }
        out
    }

    /// An article: a title of 8–15 words and a body of 150–600 words in paragraphs.
    pub fn article(&self, rng: &mut Rng) -> (String, String) {
        let words = 8 + rng.below(8);
        let title = self.walk(rng, words);
        let mut body = String::new();
        let mut left = 150 + rng.below(450);
        while left > 0 {
            let n = left.min(40 + rng.below(60));
            let n = n.max(1);
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&self.walk(rng, n));
            left -= n;
        }
        (title, body)
    }
}
