//! Sorting the few items of a short list (a word's tone variants, its
//! completions, the ways to split it) by insertion.
//!
//! Each call of the standard library's sorts with its own comparison links a
//! copy of the whole algorithm (quicksort, heapsort, pivot selection, small
//! sorts): about 3.5 KB of the search worker's wasm each. The lists sorted here
//! are short: a word's completions (at most [`crate::search::weights::MAX_EXPANSIONS`]),
//! the ways to split a word (fewer than its letters), the spellings of one
//! folded word the corpus holds (its tones, and a few misspellings: a dozen or
//! two). There insertion is as fast, and its code a few dozen bytes; should a
//! corpus hold hundreds of spellings of one word, it costs a fraction of a
//! millisecond. Lists that grow with the corpus (hits, facet values) keep the
//! standard sorts.

use std::cmp::Ordering;

/// Sorts `v` by `compare`, stably, by insertion: for short lists only (the
/// time grows with the square of the length).
pub(crate) fn sort_small_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && compare(&v[j], &v[j - 1]) == Ordering::Less {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            // Compared on the first field only: equal items keep their order.
            let mut ours = v.clone();
            sort_small_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }
}
