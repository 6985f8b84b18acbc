//! Work on every core, with results in input order (so that what the build
//! writes does not depend on the number of threads).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, in order, on `threads` threads. Each thread takes the
/// next item not yet taken, so a thread that drew short items is never idle
/// while another still has long ones (articles vary tenfold in length).
pub fn par_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let (f, next) = (&f, &next);
    let mut out: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            for (i, r) in worker.join().expect("a build thread panicked") {
                out[i] = Some(r);
            }
        }
    });
    out.into_iter().map(|r| r.expect("every item was taken by a thread")).collect()
}

#[cfg(test)]
mod tests {
    use super::par_map;

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let slow_square = |&x: &u64| {
            if x % 7 == 0 {
                std::thread::yield_now();
            }
            x * x
        };
        let expected: Vec<u64> = items.iter().map(slow_square).collect();
        for threads in [0, 1, 2, 3, 8, 2000] {
            assert_eq!(par_map(&items, threads, slow_square), expected, "{threads} threads");
        }
        assert!(par_map(&[] as &[u64], 4, slow_square).is_empty());
    }
}
