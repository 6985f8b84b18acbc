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
/// Another tone of a word typed with a tone, taken because the word next to it
/// makes it far likelier (`kinh tê` → `kinh tế`, `tuyên sinh` → `tuyển sinh`;
/// `context.rs`). Below the literal word (class 1) when the typed pair stands in
/// some article; level with it (class 0: this weight and adjacency decide) when
/// the typed pair stands in none, as its scattered words are then a coincidence.
pub const WEIGHT_CONTEXT_TONE: f32 = 0.6;
/// Another tone is considered for a word typed with a tone that exists when it
/// is in at least this many times as many articles as the typed word: a slip of
/// tone that makes another real word usually makes a far rarer one (`tê` for
/// `tế`), and the pair counts below are not paid for common words typed right…
pub const CONTEXT_MIN_WORD_RATIO: u32 = 4;
/// …or when it is at least as frequent as the typed word and in at least this
/// share of all articles: a common word (`tuyên` of Tuyên Quang, `cư` of dân cư)
/// may still be a slip for another common one (`tuyển sinh`, `cử tri`), which only
/// the pair counts tell. A word in fewer than [`CONTEXT_MIN_PAIR_DOCS`] articles is
/// never considered (it cannot make a pair that frequent).
pub const CONTEXT_FREQUENT_WORD_SHARE: f32 = 0.05;
/// At most this many other tones of a word are considered (the most frequent):
/// their postings shards are fetched with the query's, on every keystroke.
pub const CONTEXT_MAX_ALTERNATIVES: usize = 3;
/// The word being typed: its completions that follow the word before in far more
/// articles than its readings (other tones, toneless readings) do rank in the
/// readings' class (`Nam Đị` → *Nam Định* level with *Nam … đi*; adjacency
/// decides), one class below them when the readings' pair stands in some article.
/// At most this many completions are counted (agreeing with the typed tones
/// first, then the most frequent).
pub const CONTEXT_MAX_COMPLETIONS: usize = 8;
/// A typed pair of words is a real-word slip when another tone of one of its words
/// stands next to the other in at least this many articles…
pub const CONTEXT_MIN_PAIR_DOCS: usize = 3;
/// …and in at least [`SHADOWING_RATIO`] times as many as the typed pair. A typed
/// pair found in this many articles is taken as meant, without looking further.
pub const CONTEXT_KNOWN_PAIR_DOCS: usize = 20;
/// Two syllables typed without the space (`kinhte`, a word in at most
/// [`RARE_WORD_DF`] articles), read apart because the two stand side by side in at
/// least [`CONTEXT_MIN_PAIR_DOCS`] articles (and [`SHADOWING_RATIO`] times as many
/// as have the joined word; `joined.rs`): searched as that phrase, in class 1 like
/// a Telex reading, so below any literal match.
pub const WEIGHT_JOINED: f32 = 0.9;
/// A joined word is tried split at most at this many places (those whose halves'
/// most frequent spellings are the most frequent)…
pub const JOINED_MAX_SPLITS: usize = 3;
/// …each half in at most this many spellings (the most frequent): the pairs are
/// counted on their postings, whose shards are fetched with the query's.
pub const JOINED_MAX_TONES: usize = 4;
/// When every pair of consecutive query clauses is adjacent in the document, the
/// score is multiplied by `1 + ADJACENCY_BOOST`; partially adjacent, pro rata.
pub const ADJACENCY_BOOST: f32 = 1.0;
/// A word expands to at most this many completions or typo variants (the most
/// frequent), so a one-letter prefix stays fast; the next keystroke narrows it.
pub const MAX_EXPANSIONS: usize = 32;
/// A word typed alone and still being typed (`t`, `th`, the first keystrokes of
/// any search) keeps its completions, most frequent first, only until together
/// they are in this many times as many articles as the corpus holds. Alone, no
/// neighbour can single out a rarer completion, and the most frequent already
/// match nearly every article: the next ones only add postings to fetch and
/// score (at 100,000 articles the 32 completions of `t` were 1.4 MB of lists).
/// A prefix whose completions are rarer (`nguy`, `covi`) keeps all of them, and
/// so does the same prefix after another word (`thành p`), where adjacency ranks.
pub const LONE_PREFIX_DOC_SHARE: u32 = 1;
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
