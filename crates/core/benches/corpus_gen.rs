//! A deterministic generator of Vietnamese-like articles for benchmarks.
//!
//! From the demo corpus (the five seed articles) it learns word bigrams and the
//! parts of its syllables (onsets such as `ngh`, `tr`, `đ`, and rhymes with their
//! tones such as `ội`, `ương`). An article mixes a walk over the seeds' bigrams
//! (function words and real pairs like *đại hội*) with syllables built from those
//! parts and drawn with Zipf frequencies (a vocabulary of thousands, like real
//! text, instead of the seeds' few hundred words), plus a few topic words repeated
//! within the article. A fixed-seed PRNG makes every run produce the same bytes.

use std::collections::BTreeMap;

/// SplitMix64: small, fast, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Word bigram model of a text collection, plus a synthetic syllable vocabulary.
pub struct Model {
    words: Vec<String>,
    /// word index → following word indices (with repeats, so frequent pairs are likely).
    next: Vec<Vec<usize>>,
    /// Synthetic syllables, most frequent first, and their cumulative Zipf weights.
    vocab: Vec<String>,
    cumulative: Vec<f64>,
}

const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x",
];

/// Splits a lowercase syllable into (onset, rhyme); `None` when it is not one.
fn split_syllable(word: &str) -> Option<(&str, &str)> {
    if !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let onset = ONSETS.iter().find(|o| word.starts_with(**o)).copied().unwrap_or("");
    let rhyme = &word[onset.len()..];
    (!rhyme.is_empty() && rhyme.chars().count() <= 5).then_some((onset, rhyme))
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
        // Syllable parts seen in the seeds, and a vocabulary built from them.
        let mut onsets: Vec<&'static str> = Vec::new();
        let mut rhymes: Vec<String> = Vec::new();
        for w in &words {
            let lower = w.to_lowercase();
            if let Some((o, r)) = split_syllable(&lower) {
                if let Some(o) = ONSETS.iter().copied().find(|x| *x == o) {
                    if !onsets.contains(&o) {
                        onsets.push(o);
                    }
                }
                if !rhymes.iter().any(|x| x == r) {
                    rhymes.push(r.to_owned());
                }
            }
        }
        let mut rng = Rng::new(0x7E57);
        let mut vocab: Vec<String> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..60_000 {
            let syl = format!("{}{}", onsets[rng.below(onsets.len())], rhymes[rng.below(rhymes.len())]);
            if seen.insert(syl.clone()) {
                vocab.push(syl);
            }
            if vocab.len() == 8_000 {
                break;
            }
        }
        let mut cumulative = Vec::with_capacity(vocab.len());
        let mut total = 0.0;
        for rank in 1..=vocab.len() {
            total += 1.0 / rank as f64;
            cumulative.push(total);
        }
        Model { words, next, vocab, cumulative }
    }

    /// A synthetic syllable, Zipf-distributed.
    fn zipf(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().expect("vocabulary");
        let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x).min(self.vocab.len() - 1);
        &self.vocab[i]
    }

    fn walk(&self, rng: &mut Rng, n: usize, topic: &[String]) -> String {
        let mut out = String::new();
        let mut at = rng.below(self.words.len());
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            match rng.below(20) {
                0..=1 if !topic.is_empty() => out.push_str(&topic[rng.below(topic.len())]),
                2..=8 => out.push_str(self.zipf(rng)),
                _ => out.push_str(&self.words[at]),
            }
            let follow = &self.next[at];
            at = if follow.is_empty() || rng.below(10) == 0 {
                rng.below(self.words.len())
            } else {
                follow[rng.below(follow.len())]
            };
        }
        out
    }

    /// An article: a title of 8–15 words and a body of 150–600 words in paragraphs.
    pub fn article(&self, rng: &mut Rng) -> (String, String) {
        // A few two-syllable topic words (a place, a person) repeated in the article.
        let topic: Vec<String> = (0..4)
            .map(|_| {
                let a = self.zipf(rng).to_owned();
                let b = self.zipf(rng);
                format!("{a} {b}")
            })
            .collect();
        let words = 8 + rng.below(8);
        let title = self.walk(rng, words, &topic);
        let mut body = String::new();
        let mut left = 150 + rng.below(450);
        while left > 0 {
            let n = left.min(40 + rng.below(60));
            let n = n.max(1);
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            body.push_str(&self.walk(rng, n, &topic));
            left -= n;
        }
        (title, body)
    }
}
