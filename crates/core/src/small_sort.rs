//! Sorts that link little code into the search worker's wasm.
//!
//! Each call of the standard library's sorts with its own element type or
//! comparison links a copy of the whole algorithm (quicksort, heapsort, pivot
//! selection, small sorts): 2-3.5 KB of the worker's wasm each, and there
//! were eleven of them. Two sorts here cost a few hundred bytes per
//! use instead:
//!
//! - [`sort_small_by`], stable, by insertion, for short lists: a word's
//!   completions (at most [`crate::search::weights::MAX_EXPANSIONS`]), the ways
//!   to split a word (fewer than its letters), the spellings of one folded word
//!   the corpus holds (its tones and a few misspellings: a dozen or two). There
//!   insertion is as fast; should a corpus hold hundreds of spellings of one
//!   word, it costs a fraction of a millisecond.
//! - [`heap_sort_by`], not stable, in O(n log n) whatever the input, for lists
//!   off the hot path that may grow with the corpus: facet values, the
//!   documents related to one, a query's shards. Slower than the standard
//!   sort by a small factor, for lists sorted once per search.
//!
//! What a search sorts per document or per hit (hits, positions, document
//! lists) keeps the standard sort, one copy per element type.

use std::cmp::Ordering;

/// Sorts `v` by `compare`, stably, by insertion: for short lists only (the
/// time grows with the square of the length).
pub fn sort_small_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && compare(&v[j], &v[j - 1]) == Ordering::Less {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Sorts `v` by `compare` by heapsort: O(n log n) comparisons for any input,
/// not stable (give `compare` a tie-break where the order of equals matters).
pub fn heap_sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    // Moves the item at `node` down until no child of it is greater.
    let mut sift_down = |v: &mut [T], mut node: usize| loop {
        let mut child = 2 * node + 1;
        if child >= v.len() {
            break;
        }
        if child + 1 < v.len() && compare(&v[child], &v[child + 1]) == Ordering::Less {
            child += 1;
        }
        if compare(&v[node], &v[child]) != Ordering::Less {
            break;
        }
        v.swap(node, child);
        node = child;
    };
    for node in (0..v.len() / 2).rev() {
        sift_down(v, node);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0);
    }
}

/// Sorts `v` by [`heap_sort_by`] and drops repeated items.
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    heap_sort_by(v, T::cmp);
    v.dedup();
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

        #[test]
        fn heap_sort_sorts_as_the_standard_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            // A total order (both fields): one right answer, whatever the stability.
            let mut ours = v.clone();
            heap_sort_by(&mut ours, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut std = v.clone();
            std.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            prop_assert_eq!(ours, std);
            // On the first field only: sorted by it, and the same items.
            let mut ours = v.clone();
            heap_sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            prop_assert!(ours.windows(2).all(|w| w[0].0 <= w[1].0));
            let (mut a, mut b) = (ours, v);
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
        }

        #[test]
        fn sort_dedup_leaves_each_item_once_in_order(v in proptest::collection::vec(0u16..40, 0..120)) {
            let mut ours = v.clone();
            sort_dedup(&mut ours);
            let mut std = v;
            std.sort_unstable();
            std.dedup();
            prop_assert_eq!(ours, std);
        }
    }
}
