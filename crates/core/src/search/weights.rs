//! Every ranking weight, in one place, with why it has its value. Matching
//! (`matching.rs`), expansion (`plan.rs`) and ranking (`rank.rs`) read them here.

/// BM25 term-frequency saturation.
pub const BM25_K1: f32 = 1.2;
/// BM25 length normalisation.
pub const BM25_B: f32 = 0.75;
/// A word in the title counts as this many occurrences in the body.
pub const TITLE_BOOST: f32 = 3.0;
/// Weight of an expansion whose surface form is what was typed (both tone
/// placements count as the same form; see [`crate::text::surface`]).
pub const WEIGHT_EXACT: f32 = 1.0;
/// A tone variant when the user typed no diacritics (`dai` → `đại`): the user did
/// not choose, so nearly as good as exact, and in the same class. It is scaled by
/// how common the variant is among the word's variants (from ½ for the rarest to 1
/// for the most frequent), so `dai hoi` prefers *đại hội* to *dài hơi*.
pub const WEIGHT_FOLDED_TONELESS: f32 = 0.9;
/// Another tone variant when the user typed diacritics that no indexed word has
/// (a mistyped tone): a weak match in a lower class. When the typed form exists,
/// other variants do not match at all.
pub const WEIGHT_FOLDED_OTHER_TONE: f32 = 0.3;
/// The Telex/VNI reading of a word typed with the IME off (`ddaij` → `đại`).
pub const WEIGHT_TELEX: f32 = 0.9;
/// A longer word completing the word being typed (`hộ` → `hội`).
pub const WEIGHT_PREFIX: f32 = 0.5;
/// Extra factor on a completion whose diacritics disagree with what was typed.
pub const WEIGHT_PREFIX_OTHER_TONE: f32 = 0.5;
/// A word one edit away (on the folded form).
pub const WEIGHT_TYPO: f32 = 0.3;
/// Another tone of a word typed with a tone, taken because the word before it
/// makes it far likelier (`kinh tê` → `kinh tế`): below the literal word (class 1).
pub const WEIGHT_CONTEXT_TONE: f32 = 0.6;
/// Another tone is considered for a word typed with a tone that exists only when
/// it is in at least this many times as many articles as the typed word: a slip
/// of tone that makes another real word usually makes a far rarer one (`tê` for
/// `tế`), and the pair counts below are not paid for common words typed right.
pub const CONTEXT_MIN_WORD_RATIO: u32 = 4;
/// A typed pair of words is a real-word slip when another tone of its second word
/// follows the first in at least this many articles…
pub const CONTEXT_MIN_PAIR_DOCS: usize = 3;
/// …and in at least [`SHADOWING_RATIO`] times as many as the typed pair. A typed
/// pair found in this many articles is taken as meant, without looking further.
pub const CONTEXT_KNOWN_PAIR_DOCS: usize = 20;
/// When every pair of consecutive query clauses is adjacent in the document, the
/// score is multiplied by `1 + ADJACENCY_BOOST`; partially adjacent, pro rata.
pub const ADJACENCY_BOOST: f32 = 1.0;
/// A word expands to at most this many completions or typo variants (the most
/// frequent), so a one-letter prefix stays fast; the next keystroke narrows it.
pub const MAX_EXPANSIONS: usize = 32;
/// Typos are tried for a word the dictionary does not know (in no tone variant,
/// completion or Telex reading) from this many letters (folded)…
pub const TYPO_MIN_LETTERS: usize = 3;
/// …and for known words only from this many letters. Vietnamese syllables are
/// short (none folds to more than 7 letters) and densely packed: one edit away from
/// almost any syllable is another real word (`nhiem` → `nhiet`), so typos of known
/// syllables would only add noise. Longer words (`website` → `websile`) are loanwords,
/// names or English, where a typo is the likelier story.
pub const TYPO_MIN_LETTERS_KNOWN: usize = 8;
/// A word found in at most this many articles is "rare": it may be a misspelling
/// that happens to be in the corpus…
pub const RARE_WORD_DF: u32 = 2;
/// …and a one-edit neighbour found in at least this many times as many articles is
/// what was meant, likely enough to search it too (below the literal matches) and
/// to suggest it. A noisy-channel speller's prior, in one number.
pub const SHADOWING_RATIO: u32 = 20;
