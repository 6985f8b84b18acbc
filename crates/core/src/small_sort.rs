//! Sorts that link little code into the search worker's wasm.
//!
//! Each call of the standard library's sorts with its own element type or
//! comparison links a copy of the whole algorithm (quicksort, heapsort, pivot
//! selection, small sorts): 2-3.5 KB of the worker's wasm each, and there
//! were eleven of them. The sorts here cost a few hundred bytes per use
//! instead:
//!
//! - [`sort_small_by`], stable, by insertion, for short lists: a word's
//!   completions (at most [`crate::search::weights::MAX_EXPANSIONS`]), the ways
//!   to split a word (fewer than its letters), the spellings of one folded word
//!   the corpus holds (its tones and a few misspellings: a dozen or two). There
//!   insertion is as fast; should a corpus hold hundreds of spellings of one
//!   word, it costs a fraction of a millisecond.
//! - [`heap_sort_by`], not stable, in O(n log n) whatever the input, for lists
//!   off the hot path: a query's shards, the facet values of an index as it
//!   opens, the keys of a caller's filters. Slower than the standard sort by a
//!   small factor.
//! - [`smallest_by`], the same heap bounded to the first `k`: O(n log k), for
//!   the first page of a list that grows with the corpus (a facet's most
//!   frequent values, the articles related to one, a word's most frequent
//!   completions). Faster than sorting it all, with either sort.
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

/// Moves the item at `node` of heap `v` down until no child of it is greater
/// by `compare` (the greatest item at the root).
fn sift_down<T>(v: &mut [T], mut node: usize, compare: &mut impl FnMut(&T, &T) -> Ordering) {
    loop {
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
    }
}

/// Moves the `k` smallest items of `v` by `compare` to its front, in order (the
/// rest after them, in no order): a bounded heap of `k`, O(n log k)
/// comparisons, for the first page of a long list (facet values, related
/// documents). Not stable (give `compare` a tie-break where the order of equals
/// matters: then the front is what a full sort would put there).
pub fn smallest_by<T>(v: &mut [T], k: usize, mut compare: impl FnMut(&T, &T) -> Ordering) {
    let k = k.min(v.len());
    // A heap of the k best so far, the worst of them at the root.
    for node in (0..k / 2).rev() {
        sift_down(&mut v[..k], node, &mut compare);
    }
    for i in k..v.len() {
        if k > 0 && compare(&v[i], &v[0]) == Ordering::Less {
            v.swap(0, i);
            sift_down(&mut v[..k], 0, &mut compare);
        }
    }
    for end in (1..k).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0, &mut compare);
    }
}

/// Sorts `v` by `compare` by heapsort: O(n log n) comparisons for any input,
/// not stable (give `compare` a tie-break where the order of equals matters).
pub fn heap_sort_by<T>(v: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    smallest_by(v, v.len(), compare);
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

    #[test]
    fn empty_and_single_lists_are_left_as_they_are() {
        let mut none: Vec<u8> = vec![];
        heap_sort_by(&mut none, u8::cmp);
        smallest_by(&mut none, 3, u8::cmp);
        assert!(none.is_empty());
        let mut one = vec![7u8];
        heap_sort_by(&mut one, u8::cmp);
        smallest_by(&mut one, 0, u8::cmp);
        smallest_by(&mut one, 5, u8::cmp);
        assert_eq!(one, [7]);
        let mut two = vec![9u8, 2];
        smallest_by(&mut two, 0, u8::cmp);
        assert_eq!(two, [9, 2], "k = 0 moves nothing");
    }

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
        fn the_smallest_come_first_as_a_full_sort_puts_them(
            v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200),
            k in 0usize..220,
        ) {
            let total = |a: &(u8, u16), b: &(u8, u16)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
            let mut ours = v.clone();
            smallest_by(&mut ours, k, total);
            let mut std = v.clone();
            std.sort_by(total);
            let front = k.min(v.len());
            prop_assert_eq!(&ours[..front], &std[..front]);
            // The others are all still there, behind.
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
