//! A deterministic generator of Vietnamese-like news articles for benchmarks,
//! calibrated on the figures of a real 10,000-article news corpus
//! (`../shared/corpus-profile.json`; `gen_corpus --profile` prints both side by side).
//!
//! How an article is made:
//! - its length in syllables is log-normal (median 485, σ 0.6: the real percentiles);
//! - a *head* vocabulary of about 3,500 word units (the real top-30 function words
//!   with their real document frequencies, a few known words such as *đại hội* at
//!   about 1%, numbers, then syllables and two-syllable words of the seeds and of a
//!   synthetic inventory) each enters the article with its target document
//!   frequency, scaled by the article's length; frequent words repeat, and a few
//!   topical words repeat a lot within the article;
//! - the rest is filled from a Zipf-distributed *mid* vocabulary (more syllables,
//!   two-syllable words and foreign names) and a trickle of one-off tokens
//!   (misspellings such as `nguyn`, foreign words, long numbers);
//! - word units are ordered so that frequent words keep a few favourite
//!   neighbours (adjacent pairs repeat as in real text), cut into sentences and
//!   paragraphs, under a title of about 13 syllables and, in some articles, a
//!   dateline.
//!
//! Syllables are the seed articles' own (`corpus/demo`), then synthetic ones built
//! from Vietnamese onsets, rhymes and the six tones (with the spelling rules of
//! `ngh`/`gh`/`k`), composed in NFC (new-style tone
//! placement: *ủy*, *hóa*). A fixed-seed PRNG makes every run produce the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use unicode_normalization::UnicodeNormalization;

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

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// The 30 terms in most articles of the real corpus, with their document frequency
/// per 10,000 articles.
pub const TOP30: [(&str, u32); 30] = [
    ("và", 9464),
    ("của", 9187),
    ("có", 8982),
    ("trong", 8954),
    ("được", 8796),
    ("đã", 8749),
    ("với", 8715),
    ("cho", 8709),
    ("là", 8569),
    ("một", 8266),
    ("các", 8002),
    ("không", 7819),
    ("khi", 7776),
    ("này", 7630),
    ("ra", 7623),
    ("người", 7546),
    ("tại", 7435),
    ("theo", 7420),
    ("đó", 7403),
    ("để", 7401),
    ("công", 7225),
    ("vào", 7218),
    ("trên", 7197),
    ("về", 7079),
    ("đến", 7076),
    ("ở", 7055),
    ("từ", 7042),
    ("hiện", 6957),
    ("ngày", 6845),
    ("cũng", 6746),
];

/// Words the query benchmarks and tests look for, at realistic document
/// frequencies (per 10,000 articles). Multi-syllable words stay adjacent.
const KNOWN: [(&str, u32); 40] = [
    ("năm", 6500),
    ("nhiều", 5600),
    ("những", 6200),
    ("nhưng", 5200),
    ("thì", 5000),
    ("sẽ", 5300),
    ("việt nam", 3600),
    ("thành phố", 2600),
    ("hà nội", 1900),
    ("tỉnh", 2400),
    ("huyện", 1100),
    ("nguyễn", 2300),
    ("chính phủ", 900),
    ("kinh tế", 1500),
    ("phát triển", 2100),
    ("tháng", 5100),
    ("thực hiện", 2800),
    ("tổ chức", 3000),
    ("quan trọng", 1700),
    ("cán bộ", 700),
    ("đảng", 650),
    ("đại hội", 110),
    ("chi bộ", 40),
    ("nhiệm kỳ", 90),
    ("đảng bộ", 60),
    ("bí thư", 160),
    ("ủy ban", 900),
    ("nhân dân", 1600),
    ("hóa", 1300),
    ("trung tâm", 900),
    ("giáo dục", 700),
    ("bóng đá", 500),
    ("cảnh sát", 450),
    ("bệnh viện", 500),
    ("doanh nghiệp", 1400),
    ("trường", 1500),
    ("thủ tướng", 500),
    ("quốc hội", 450),
    ("kỷ niệm", 300),
    ("tuyên truyền", 250),
];

/// Small numbers and years, which real news uses a lot (\w+ splits `1.000` into `1`, `000`).
const NUMBERS: [(&str, u32); 24] = [
    ("2016", 5200),
    ("1", 4500),
    ("2", 4000),
    ("3", 3600),
    ("10", 3400),
    ("000", 3300),
    ("2017", 2600),
    ("5", 3000),
    ("4", 2800),
    ("20", 2600),
    ("30", 2300),
    ("15", 2200),
    ("6", 2100),
    ("100", 2000),
    ("7", 1900),
    ("12", 1900),
    ("8", 1800),
    ("2015", 1800),
    ("50", 1700),
    ("9", 1500),
    ("11", 1500),
    ("25", 1400),
    ("500", 1300),
    ("200", 1200),
];

const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x",
];

/// Toneless rhymes of Vietnamese (with their vowel marks), for the synthetic inventory.
const RHYMES: &str = "a ai ao au ay am an ang anh ac ach at ap ăn ăng ăm ăc ăt ăp ân âng âm âu ây âc ât âp \
    e eo em en ec et ep ê êu êm ên ênh êch êt i ia iu im in inh ich it iêu iêm iên iêng iêc iêt iêp \
    o oi om on ong oc ot op oa oai oan oang oanh oac oat oe ô ôi ôm ôn ông ôc ôt ơ ơi ơm ơn ơt \
    u ui um un ung uc ut ua uân uât uy uyên uyêt ư ưa ưi ưu ưng ưc ươi ương ươc ươt ươn ươm uôi uôn uông uôc uôt";

/// Tone marks (combining): none, grave, acute, hook, tilde, dot below.
const TONES: [Option<char>; 6] =
    [None, Some('\u{300}'), Some('\u{301}'), Some('\u{309}'), Some('\u{303}'), Some('\u{323}')];

fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// Places `tone` on the main vowel of `onset + rhyme` (new style), in NFC.
fn with_tone(onset: &str, rhyme: &str, tone: Option<char>) -> String {
    let plain: Vec<char> = rhyme.nfd().filter(|c| !is_tone(*c)).collect();
    let Some(t) = tone else { return format!("{onset}{}", plain.iter().collect::<String>()).nfc().collect() };
    // Vowel positions (base letters) in the decomposed rhyme.
    let vowels: Vec<usize> = plain.iter().enumerate().filter(|(_, c)| "aeiouy".contains(**c)).map(|(i, _)| i).collect();
    let marked: Vec<usize> = vowels
        .iter()
        .copied()
        .filter(|&i| plain.get(i + 1).is_some_and(|m| matches!(m, '\u{302}' | '\u{306}' | '\u{31B}')))
        .collect();
    let ends_in_consonant = plain.last().is_some_and(|c| c.is_ascii_alphabetic() && !"aeiouy".contains(*c));
    let at = if let Some(&last) = marked.last() {
        last + 1 // after the vowel's own mark (ơ of ươ, ê of iê)
    } else if vowels.len() == 3 {
        vowels[1]
    } else if ends_in_consonant
        || vowels.len() == 1
        || rhyme.starts_with("o")
        || rhyme.starts_with("u") && vowels.len() == 2
    {
        *vowels.last().unwrap_or(&0)
    } else {
        vowels[vowels.len() - 2]
    };
    let mut out: Vec<char> = plain.clone();
    out.insert(at + 1, t);
    format!("{onset}{}", out.iter().collect::<String>()).nfc().collect()
}

/// Splits a lowercase syllable into (onset, rhyme); `None` when it is not one.
fn split_syllable(word: &str) -> Option<(&str, &str)> {
    if !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let onset = ONSETS.iter().find(|o| word.starts_with(**o)).copied().unwrap_or("");
    let rhyme = &word[onset.len()..];
    (!rhyme.is_empty() && rhyme.chars().count() <= 5).then_some((onset, rhyme))
}

/// A word unit of the head vocabulary: its text and document-frequency target.
struct Head {
    text: String,
    syllables: usize,
    /// ln(1 − target fraction of articles).
    ln_absent: f64,
    /// Target fraction of articles.
    f: f64,
    /// Weight of a repeat, when present.
    weight: f64,
    /// A few favourite following head words (indices), so that pairs repeat.
    next: [u32; 3],
}

/// Vocabulary model learned from the seed texts; see the module documentation.
pub struct Model {
    head: Vec<Head>,
    mid: Vec<String>,
    mid_cumulative: Vec<f64>,
    /// Vietnamese syllables (for misspellings).
    syllables: Vec<String>,
    /// Normaliser of the length factor: E[(L/485)^LENGTH_EXPONENT].
    length_norm: f64,
    mid_per_token: f64,
}

const MEDIAN_TOKENS: f64 = 485.0;
const SIGMA_TOKENS: f64 = 0.6;
const LENGTH_EXPONENT: f64 = 0.7;
/// A present word's share of the repeats grows as its document frequency to this power.
const REPEAT_EXPONENT: f64 = 1.5;
/// How often a word is followed by one of its three favourite neighbours.
const FAVOURITE_PERCENT: usize = 84;
/// Document-frequency curve of the head below the named words: (rank, df per 10k).
const CURVE: [(f64, f64); 9] = [
    (30.0, 6746.0),
    (71.0, 5000.0),
    (332.0, 2080.0),
    (662.0, 1000.0),
    (1500.0, 230.0),
    (3316.0, 39.0),
    (5200.0, 14.0),
    (8290.0, 3.9),
    (17_000.0, 1.5),
];
/// Ranks (terms) of the head, whose words enter each article by document frequency.
const HEAD_RANKS: usize = 3_316;
/// Ranks of the mid vocabulary, drawn token by token with weights that follow the curve.
const MID_RANKS: usize = 17_000;
/// One-off tokens per 1,000 syllables.
const ONE_OFF_PER_MILLE: f64 = 3.5;

fn curve_df(rank: f64) -> f64 {
    for w in CURVE.windows(2) {
        let ((r0, d0), (r1, d1)) = (w[0], w[1]);
        if rank <= r1 {
            let t = (rank.ln() - r0.ln()) / (r1.ln() - r0.ln());
            return (d0.ln() + t * (d1.ln() - d0.ln())).exp();
        }
    }
    CURVE[CURVE.len() - 1].1
}

fn latin_word(rng: &mut Rng, min: usize, max: usize) -> String {
    const C: &[u8] = b"bcdfghjklmnprstvwzbkrst";
    const V: &[u8] = b"aeiouaeo";
    let n = min + rng.below(max - min + 1);
    let mut s = String::new();
    for _ in 0..n {
        s.push(C[rng.below(C.len())] as char);
        s.push(V[rng.below(V.len())] as char);
        if rng.below(4) == 0 {
            s.push(b"nrslw"[rng.below(5)] as char);
        }
    }
    s
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl Model {
    pub fn learn(texts: &[String]) -> Model {
        let mut rng = Rng::new(0x7E57);
        // Real syllables of the seeds, in order of first appearance.
        let mut seed_syllables: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut onsets: Vec<&'static str> = Vec::new();
        let rhymes: BTreeSet<String> = RHYMES.split_whitespace().map(str::to_owned).collect();
        for text in texts {
            for token in text.split(|c: char| !c.is_alphanumeric()) {
                let lower: String = token.to_lowercase().nfc().collect::<String>().replace('ð', "đ");
                if let Some((o, _)) = split_syllable(&lower) {
                    if let Some(o) = ONSETS.iter().copied().find(|x| *x == o) {
                        if !onsets.contains(&o) {
                            onsets.push(o);
                        }
                    }
                    if seen.insert(lower.clone()) {
                        seed_syllables.push(lower);
                    }
                }
            }
        }
        for o in ONSETS {
            if !onsets.contains(&o) {
                onsets.push(o);
            }
        }
        let rhymes: Vec<String> = rhymes.into_iter().collect();
        // Synthetic syllables: a random onset, rhyme and tone; a base (toneless)
        // syllable tends to come with several tones, as in real text.
        let mut synthetic: Vec<String> = Vec::new();
        while synthetic.len() < 9_000 {
            let o = onsets[rng.below(onsets.len())];
            let r = &rhymes[rng.below(rhymes.len())];
            // Spelling rules: ngh/gh/k before i, e, ê (and y); c/ng/g never there.
            let front = r.starts_with(['i', 'e', 'ê', 'y']);
            if matches!(o, "ngh" | "gh" | "k") != front && matches!(o, "ngh" | "gh" | "k" | "c" | "ng" | "g") {
                continue;
            }
            for _ in 0..1 + rng.below(2) {
                let s = with_tone(o, r, TONES[rng.below(6)]);
                if seen.insert(s.clone()) {
                    synthetic.push(s);
                }
            }
        }
        let mut pool: Vec<String> = seed_syllables.clone();
        pool.extend(synthetic);
        // Syllables already placed by the named lists are not reused.
        let mut used: BTreeSet<String> = BTreeSet::new();
        let mut head: Vec<Head> = Vec::new();
        let push = |head: &mut Vec<Head>, used: &mut BTreeSet<String>, text: String, df: f64| {
            for s in text.split(' ') {
                used.insert(s.to_owned());
            }
            let f = (df / 10_000.0).min(0.999);
            head.push(Head {
                syllables: text.split(' ').count(),
                text,
                ln_absent: (1.0 - f).ln() * (1.0 + 0.27 * f * f),
                f,
                weight: f.powf(REPEAT_EXPONENT),
                next: [0; 3],
            });
        };
        for (w, df) in TOP30 {
            push(&mut head, &mut used, w.to_owned(), df as f64);
        }
        let mut named: Vec<(String, f64)> =
            KNOWN.iter().chain(NUMBERS.iter()).map(|(w, d)| (w.to_string(), *d as f64)).collect();
        named.sort_by(|a, b| b.1.total_cmp(&a.1));
        // Their syllables are theirs alone: `chi` of *chi bộ* is no separate head word.
        for (w, _) in &named {
            for syl in w.split(' ') {
                used.insert(syl.to_owned());
            }
        }
        // Ranks along the curve are counted in syllables (terms); named words take
        // the place of the curve's entry nearest their frequency.
        let mut rank = 30.0;
        let mut pool_at = 0;
        let mut named_at = 0;
        while rank < HEAD_RANKS as f64 {
            let df = curve_df(rank + 1.0);
            if named_at < named.len() && named[named_at].1 >= df {
                let (w, d) = named[named_at].clone();
                rank += w.split(' ').count() as f64;
                push(&mut head, &mut used, w, d);
                named_at += 1;
                continue;
            }
            let mut next_free = || loop {
                let s = pool[pool_at % pool.len()].clone();
                pool_at += 1;
                if !used.contains(&s) {
                    break s;
                }
            };
            let text = if rng.below(100) < 35 { format!("{} {}", next_free(), next_free()) } else { next_free() };
            rank += text.split(' ').count() as f64;
            push(&mut head, &mut used, text, df);
        }
        // Favourite neighbours: mostly frequent words, so that common pairs recur.
        let n = head.len();
        for word in head.iter_mut() {
            for k in 0..3 {
                let j = (rng.unit().powi(3) * n as f64) as usize;
                word.next[k] = j.min(n - 1) as u32;
            }
        }
        // Mid vocabulary: further syllables, two-syllable words and foreign names,
        // with weights that continue the document-frequency curve.
        let mut mid: Vec<String> = Vec::new();
        let mut mid_cumulative = Vec::new();
        let mut total = 0.0;
        while rank < MID_RANKS as f64 {
            let mut next_free = || loop {
                let s = pool[pool_at % pool.len()].clone();
                pool_at += 1;
                if !used.contains(&s) || pool_at > 2 * pool.len() {
                    break s;
                }
            };
            let text = match rng.below(10) {
                0..=6 => capitalize(&latin_word(&mut rng, 2, 4)),
                7 => format!("{} {}", next_free(), next_free()),
                _ => next_free(),
            };
            let syllables = text.split(' ').count() as f64;
            rank += syllables;
            total += curve_df(rank);
            mid.push(text);
            mid_cumulative.push(total);
        }
        // Draws per syllable of text such that the mid words reach their document
        // frequencies on 10,000 articles (mean length 485·e^(σ²/2)).
        let mean_len = MEDIAN_TOKENS * (SIGMA_TOKENS * SIGMA_TOKENS / 2.0).exp();
        let mid_per_token = total * 1.08 / 10_000.0 / mean_len;
        // E[(L/median)^e] for a log-normal L: exp(e²σ²/2).
        let length_norm = (LENGTH_EXPONENT * LENGTH_EXPONENT * SIGMA_TOKENS * SIGMA_TOKENS / 2.0).exp();
        let syllables = pool.iter().take(4_000).cloned().collect();
        Model { head, mid, mid_cumulative, syllables, length_norm, mid_per_token }
    }

    fn mid_word(&self, rng: &mut Rng) -> &str {
        let total = *self.mid_cumulative.last().expect("vocabulary");
        let x = rng.unit() * total;
        let i = self.mid_cumulative.partition_point(|&c| c < x).min(self.mid.len() - 1);
        &self.mid[i]
    }

    /// A token used once: a misspelt syllable, a foreign word or a long number.
    fn one_off(&self, rng: &mut Rng) -> String {
        match rng.below(10) {
            0..=3 => {
                let s: Vec<char> = self.syllables[rng.below(self.syllables.len())].chars().collect();
                let mut s = s.clone();
                if s.len() >= 3 {
                    let i = 1 + rng.below(s.len() - 1);
                    if rng.below(2) == 0 {
                        s.remove(i);
                    } else {
                        s.insert(i, ['h', 'n', 'g', 'i', 'u'][rng.below(5)]);
                    }
                }
                s.into_iter().collect()
            }
            4..=7 => capitalize(&latin_word(rng, 2, 5)),
            _ => format!("{}", 1000 + rng.below(9_000_000)),
        }
    }

    /// An article: a title of about 13 syllables, sometimes a dateline, and a body
    /// of log-normal length (median 485 syllables) in sentences and paragraphs.
    pub fn article(&self, rng: &mut Rng) -> (String, String) {
        let len = (MEDIAN_TOKENS * (SIGMA_TOKENS * rng.normal()).exp()).clamp(60.0, 7_000.0);
        let scale = len / MEDIAN_TOKENS;
        let s = scale.powf(LENGTH_EXPONENT) / self.length_norm;
        // Head words present: each with its document frequency, scaled by length.
        let mut counts: Vec<(u32, u32)> = Vec::new();
        let mut used = 0usize;
        for (i, h) in self.head.iter().enumerate() {
            let p = 1.0 - (s * h.ln_absent).exp();
            if rng.unit() < p {
                used += h.syllables;
                counts.push((i as u32, 1));
            }
        }
        // Mid words and one-off tokens, in proportion to length.
        let mids = (len * self.mid_per_token + rng.unit()) as usize;
        let one_offs = (len * ONE_OFF_PER_MILLE / 1000.0 + rng.unit()) as usize;
        let mut extra: Vec<String> = Vec::with_capacity(mids + one_offs);
        for _ in 0..mids {
            extra.push(self.mid_word(rng).to_owned());
        }
        for _ in 0..one_offs {
            extra.push(self.one_off(rng));
        }
        let extra_syllables: usize = extra.iter().map(|w| w.split(' ').count()).sum();
        // Topical words: a few of the rarer present words repeat through the article.
        let rare: Vec<usize> = (0..counts.len()).filter(|&k| self.head[counts[k].0 as usize].f < 0.15).collect();
        let mut topics: Vec<String> = Vec::new();
        if !rare.is_empty() {
            for _ in 0..3 {
                let k = rare[rng.below(rare.len())];
                let more = (1.0 + scale * (1.0 + rng.below(4) as f64)) as u32;
                counts[k].1 += more;
                used += more as usize * self.head[counts[k].0 as usize].syllables;
                topics.push(self.head[counts[k].0 as usize].text.clone());
            }
        }
        // Repeats of present words up to the article's length; frequent words repeat most.
        let target = (len as usize).saturating_sub(extra_syllables);
        if used < target && !counts.is_empty() {
            let mut cumulative = Vec::with_capacity(counts.len());
            let mut total = 0.0;
            for &(i, _) in &counts {
                total += self.head[i as usize].weight;
                cumulative.push(total);
            }
            while used < target {
                let x = rng.unit() * total;
                let k = cumulative.partition_point(|&c| c < x).min(counts.len() - 1);
                counts[k].1 += 1;
                used += self.head[counts[k].0 as usize].syllables;
            }
        }
        // The bag of head words, ordered with favourite neighbours.
        let mut bag: Vec<u32> = Vec::with_capacity(used);
        for &(i, c) in &counts {
            for _ in 0..c {
                bag.push(i);
            }
        }
        for k in (1..bag.len()).rev() {
            let j = rng.below(k + 1);
            bag.swap(k, j);
        }
        let mut position: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (k, &i) in bag.iter().enumerate() {
            position.entry(i).or_default().push(k);
        }
        // Walk: after a word, take one of its favourite neighbours if the bag has it.
        let mut order: Vec<u32> = Vec::with_capacity(bag.len());
        let mut taken = vec![false; bag.len()];
        let mut cursor = 0;
        let mut prev: Option<u32> = None;
        while order.len() < bag.len() {
            let mut pick = None;
            if let Some(p) = prev {
                if rng.below(100) < FAVOURITE_PERCENT {
                    let fav = self.head[p as usize].next[rng.below(3)];
                    if let Some(list) = position.get_mut(&fav) {
                        while let Some(k) = list.pop() {
                            if !taken[k] {
                                pick = Some(k);
                                break;
                            }
                        }
                    }
                }
            }
            let k = match pick {
                Some(k) => k,
                None => {
                    while taken[cursor] {
                        cursor += 1;
                    }
                    cursor
                }
            };
            taken[k] = true;
            order.push(bag[k]);
            prev = Some(bag[k]);
        }
        // Mid words and one-offs go in at random places.
        let mut units: Vec<String> = order.iter().map(|&i| self.head[i as usize].text.clone()).collect();
        for w in extra {
            let at = rng.below(units.len() + 1);
            units.insert(at, w);
        }
        // Title: topic words and others from the article.
        let mut title_words: Vec<String> = topics.iter().take(1 + rng.below(2)).cloned().collect();
        let title_len = (13.0 + 3.0 * rng.normal()).clamp(6.0, 24.0) as usize;
        let mut n = title_words.iter().map(|w| w.split(' ').count()).sum::<usize>();
        while n < title_len && !units.is_empty() {
            let w = units[rng.below(units.len())].clone();
            n += w.split(' ').count();
            title_words.push(w);
        }
        for k in (1..title_words.len()).rev() {
            let j = rng.below(k + 1);
            title_words.swap(k, j);
        }
        let title = capitalize(&title_words.join(" "));
        // Body: an optional dateline, then sentences in paragraphs.
        let mut body = String::new();
        if rng.below(10) < 4 {
            const DAYS: [&str; 7] = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"];
            body.push_str(&format!(
                "{}, {}/{}/{} {:02}:{:02} (GMT+7)\n\n",
                DAYS[rng.below(7)],
                1 + rng.below(28),
                1 + rng.below(12),
                2016 + rng.below(2),
                rng.below(24),
                rng.below(60)
            ));
        }
        let mut k = 0;
        while k < units.len() {
            let sentences = 2 + rng.below(4);
            for si in 0..sentences {
                if k >= units.len() {
                    break;
                }
                let words = 6 + rng.below(20);
                let end = (k + words).min(units.len());
                if si > 0 {
                    body.push(' ');
                }
                for (j, w) in units[k..end].iter().enumerate() {
                    if j == 0 {
                        body.push_str(&capitalize(w));
                    } else {
                        body.push_str(if rng.below(12) == 0 { ", " } else { " " });
                        body.push_str(w);
                    }
                }
                body.push('.');
                k = end;
            }
            if k < units.len() {
                body.push_str("\n\n");
            }
        }
        (title, body)
    }
}
