//! Worker threads for batch tagging, kept per process and pool size.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex, OnceLock, TryLockError};

use super::{Tagged, Tagger};
use crate::core::error::{Error, Result};

/// A pool of worker threads for [`Tagger::tag_in`].
///
/// `Workers::new(None)` hands out one pool shared by the whole process, built on first use with
/// one thread per core; `Workers::new(Some(n))` likewise one pool of `n` threads per size (a few
/// sizes are kept; past them a call gets a pool of its own), so a loop of `tag_batch` calls
/// starts its threads once. The pools are keyed by process id: a child made by `fork()`
/// (Python's `multiprocessing` on Linux, spaCy's `n_process`) inherits the parent's memory but
/// none of its threads, so a pool built before the fork would wait forever for workers that do
/// not exist. The child builds pools of its own instead (rayon's global pool cannot be rebuilt,
/// which is why it is not used). `Workers::new(Some(1))` is no pool at all: the calling thread
/// tags.
#[derive(Clone)]
pub struct Workers(pub(super) Option<Arc<rayon::ThreadPool>>);

/// How many pool sizes [`Workers::new`] keeps.
const KEPT_POOLS: usize = 4;

impl Workers {
    /// The process's pool of `threads` threads (one thread per core when `None`); none for one
    /// thread. An input error for 0 threads or more than [`max_threads`].
    pub fn new(threads: Option<usize>) -> Result<Workers> {
        match threads {
            None => Workers::kept(cores()),
            Some(1) => Ok(Workers(None)),
            Some(n) if n == 0 || n > max_threads() => Err(threads_out_of_range(&n.to_string())),
            Some(n) => Workers::kept(n),
        }
    }

    /// Runs `work` on the process's pool of one thread per core, so that the `rayon::join`
    /// calls and parallel iterators in it run there. Loads and builds split their work this
    /// way rather than on rayon's global pool, whose threads a child made by `fork()` does
    /// not have: a child that loaded a tagger after its parent had loaded one waited forever.
    /// An error when the pool's threads cannot be started.
    pub fn on_cores<R: Send>(work: impl FnOnce() -> R + Send) -> Result<R> {
        match Workers::new(None)? {
            Workers(Some(pool)) => Ok(pool.install(work)),
            // One core: `Workers::new(None)` still makes a pool (of one thread), so this is
            // not reached; the work runs here if it ever is.
            Workers(None) => Ok(work()),
        }
    }

    /// Whether the work goes to a pool of threads (not the calling thread).
    pub fn is_pool(&self) -> bool {
        self.0.is_some()
    }

    fn build(n: usize) -> Result<Workers> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("gazetag-{i}"))
            .build()
            .map(|p| Workers(Some(Arc::new(p))))
            .map_err(|e| Error::input(format!("could not start {n} threads: {e}")))
    }

    /// The kept pool of `n` threads, built on first use in this process.
    fn kept(n: usize) -> Result<Workers> {
        // (process id, threads, pool)
        static KEPT: Mutex<Vec<(u32, usize, Workers)>> = Mutex::new(Vec::new());
        let pid = std::process::id();
        let mut kept = match KEPT.try_lock() {
            Ok(kept) => kept,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            // Held by another thread now, or by a thread of the parent that no longer exists
            // in this forked child: a pool of this call's own is always safe.
            Err(TryLockError::WouldBlock) => return Workers::build(n),
        };
        if kept.first().is_some_and(|&(owner, ..)| owner != pid) {
            // Pools inherited through fork() have no threads; dropping one could wait on
            // them, so they are leaked (once per fork).
            for (_, _, stale) in kept.drain(..) {
                std::mem::forget(stale);
            }
        }
        if let Some((_, _, pool)) = kept.iter().find(|&&(_, size, _)| size == n) {
            return Ok(pool.clone());
        }
        let pool = Workers::build(n)?;
        if kept.len() < KEPT_POOLS {
            kept.push((pid, n, pool.clone()));
        }
        Ok(pool)
    }
}

/// The thread count a `threads` argument asks for: `None` for one thread per core, else at
/// least 1.
pub fn threads_from(threads: Option<i64>) -> Result<Option<usize>> {
    match threads {
        None => Ok(None),
        Some(n) if n >= 1 && u64::try_from(n).is_ok_and(|n| n <= max_threads() as u64) => {
            Ok(Some(usize::try_from(n).unwrap_or(usize::MAX)))
        }
        Some(n) => Err(threads_out_of_range(&n.to_string())),
    }
}

/// The most threads a pool may have: [`MAX_THREADS`], or one per core on a machine with more.
pub fn max_threads() -> usize {
    MAX_THREADS.max(cores())
}

/// Threads a pool starts at most, unless the machine has more cores. Tagging is CPU-bound: more
/// threads than cores only take turns, and each started thread stays in the process's kept
/// pool. Without a limit, `threads=10**6` started threads until the process ran out of memory
/// instead of failing.
pub const MAX_THREADS: usize = 1024;

/// The error for a `threads` argument written `n` (a number, perhaps too big for an `i64`) that
/// is below 1 or above [`max_threads`].
pub fn threads_out_of_range(n: &str) -> Error {
    if n.starts_with('-') || n == "0" {
        Error::input(format!("threads must be at least 1 or None, not {n}"))
    } else {
        Error::input(format!(
            "threads must be at most {} or None, not {n}: threads past the cores ({} here) \
             only take turns; None uses one per core",
            max_threads(),
            cores()
        ))
    }
}

/// The machine's cores, asked once: on Linux the answer reads the cgroup's files (tens of us).
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Chunks of texts tagged on a pool in the background while the calling thread goes on (reads
/// the next chunk, hands out the last one's results): made by [`Tagger::with_feed`]. The pool
/// always has the next chunk queued, so it does not wait for the caller between chunks, and
/// no thread is started per chunk (issue 13).
pub struct Feed<'r, 's> {
    tagger: &'s Tagger,
    workers: &'s Workers,
    /// The pool's scope, which waits for every chunk handed over before it ends; None without
    /// a pool.
    scope: Option<&'r rayon::ScopeFifo<'s>>,
}

/// The results of a chunk handed to a [`Feed`], to wait for: they come through the channel
/// once every piece of the chunk is tagged.
pub struct Pending(Receiver<Result<Vec<Tagged>>>);

/// The pieces' results of a chunk, as they come in: each in its place, and how many are still
/// to come. The thread that puts the last one in hands the chunk's results to its [`Pending`],
/// so the waiting thread is woken once a chunk, not once a piece (each wake took a core from a
/// worker for a moment).
struct Pieces {
    results: Vec<Option<Result<Vec<Tagged>>>>,
    left: usize,
}

impl Pieces {
    /// The chunk's results in the texts' order, or the first piece's error in that order (as
    /// one thread tagging them in order would meet it).
    fn joined(results: Vec<Option<Result<Vec<Tagged>>>>) -> Result<Vec<Tagged>> {
        let mut pieces = Vec::with_capacity(results.len());
        for piece in results {
            pieces.push(piece.unwrap_or_else(|| Err(Error::input("a tagging thread failed")))?);
        }
        if pieces.len() == 1 {
            return Ok(pieces.pop().unwrap_or_default());
        }
        let mut out = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
        for piece in pieces {
            out.extend(piece);
        }
        Ok(out)
    }
}

/// A chunk handed to a [`Feed`] with a pool is cut into pieces of about this many bytes (whole
/// texts), each tagged by one thread from start to end. A chunk tagged by every thread at once
/// (a parallel iterator over its texts) ended at a join: a thread done with its share waited
/// there for the other's, and took the next chunk's work while it waited, which then held up
/// the first chunk's results, and with them the calling thread and every chunk after it
/// (issue 13: `threads=2` ran at 1.5-1.7x one thread where two forked processes ran at 2x).
/// Pieces need no join; a piece takes a thread a fraction of a millisecond, so the last ones
/// end close together.
const PIECE_BYTES: usize = 1 << 15;

/// Pointers to the texts of a chunk, read by a pool thread; see [`Feed::start`] for why they
/// stay valid.
struct Texts(Vec<*const str>);

// SAFETY: the pointers are only read, as `&str` (which is Send), while the texts are valid.
unsafe impl Send for Texts {}

impl Texts {
    /// The texts.
    ///
    /// # Safety
    ///
    /// Every text must still be valid, and stay so while the strings returned are used.
    unsafe fn get<'a>(&self) -> Vec<&'a str> {
        // SAFETY: as the caller promises.
        self.0.iter().map(|&t| unsafe { &*t }).collect()
    }
}

impl Tagger {
    /// Runs `body` with a [`Feed`] on `workers`' pool and returns its result once every chunk
    /// handed to the feed is tagged (also when `body` fails or panics). Without a pool, each
    /// chunk is tagged on the calling thread as it is handed over.
    pub fn with_feed<R>(&self, workers: &Workers, body: impl FnOnce(&Feed<'_, '_>) -> R) -> R {
        match &workers.0 {
            Some(pool) => pool.in_place_scope_fifo(|scope| {
                body(&Feed { tagger: self, workers, scope: Some(scope) })
            }),
            None => body(&Feed { tagger: self, workers, scope: None }),
        }
    }
}

impl Feed<'_, '_> {
    /// Starts tagging `texts` on the pool, after the chunks handed over before them, in
    /// pieces of whole texts ([`PIECE_BYTES`]) that the pool's threads take in turn;
    /// [`Pending::wait`] gives the results, in the texts' order.
    ///
    /// # Safety
    ///
    /// Every text must stay valid (neither freed nor written) until the `wait` of the
    /// returned [`Pending`] has returned, or if it is never waited for, until the
    /// [`Tagger::with_feed`] call that made this feed has returned: a pool thread reads them
    /// while the caller goes on.
    pub unsafe fn start(&self, texts: &[&str]) -> Pending {
        let Some(scope) = self.scope else {
            let (sender, receiver) = sync_channel(1);
            let _ = sender.send(self.tagger.tag_in(texts, self.workers));
            return Pending(receiver);
        };
        let pieces = pieces(texts, PIECE_BYTES);
        let (sender, receiver) = sync_channel(1);
        let results = (0..pieces.len()).map(|_| None).collect();
        let state = Arc::new(Mutex::new((Pieces { results, left: pieces.len() }, Some(sender))));
        for (at, piece) in pieces.iter().enumerate() {
            let texts = Texts(piece.iter().map(|&t| t as *const str).collect());
            let (tagger, state) = (self.tagger, Arc::clone(&state));
            scope.spawn_fifo(move |_| {
                // SAFETY: the caller keeps the texts valid until the results are received
                // or the scope has ended, and the scope waits for this job.
                let texts = unsafe { texts.get() };
                let tagged = catch_unwind(AssertUnwindSafe(|| {
                    texts.iter().map(|t| tagger.tag(t)).collect::<Result<Vec<_>>>()
                }))
                .unwrap_or_else(|_| Err(Error::input("a tagging thread failed")));
                // A lock poisoned by a panic elsewhere still holds sound data: every write
                // to it is one assignment.
                let mut guard = state.lock().unwrap_or_else(|p| p.into_inner());
                let (pieces, sender) = &mut *guard;
                pieces.results[at] = Some(tagged);
                pieces.left -= 1;
                if pieces.left == 0 {
                    let results = std::mem::take(&mut pieces.results);
                    if let Some(sender) = sender.take() {
                        drop(guard);
                        let _ = sender.send(Pieces::joined(results));
                    }
                }
            });
        }
        Pending(receiver)
    }
}

/// `texts` cut into runs of whole texts of at least `bytes` bytes each (the last may hold
/// fewer), in order; one run, empty, for no texts.
fn pieces<'t, 'a>(texts: &'t [&'a str], bytes: usize) -> Vec<&'t [&'a str]> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, t) in texts.iter().enumerate() {
        size += t.len();
        if size >= bytes {
            out.push(&texts[start..=i]);
            (start, size) = (i + 1, 0);
        }
    }
    if start < texts.len() || out.is_empty() {
        out.push(&texts[start..]);
    }
    out
}

impl Pending {
    /// The chunk's results, once tagged (this thread waits for them).
    pub fn wait(self) -> Result<Vec<Tagged>> {
        self.0.recv().unwrap_or_else(|_| Err(Error::input("a tagging thread failed")))
    }
}

#[cfg(test)]
mod tests {
    use super::{pieces, Pieces, Tagged};
    use crate::core::error::Error;

    #[test]
    fn pieces_join_in_order_and_fail_at_the_first_error() {
        let tagged = |e: u32| Tagged { matches: Vec::new(), entities: vec![e] };
        let ok = |es: &[u32]| Some(Ok(es.iter().map(|&e| tagged(e)).collect::<Vec<_>>()));
        let failed = |m: &str| Some(Err(Error::input(m)));
        let joined = Pieces::joined(vec![ok(&[1, 2]), ok(&[]), ok(&[3])]).unwrap();
        assert_eq!(joined, [tagged(1), tagged(2), tagged(3)]);
        assert_eq!(Pieces::joined(vec![ok(&[4])]).unwrap(), [tagged(4)]);
        assert_eq!(Pieces::joined(vec![]).unwrap(), []);
        let e = Pieces::joined(vec![ok(&[1]), failed("second"), failed("third")]).unwrap_err();
        assert_eq!(e.message(), "second");
        let e = Pieces::joined(vec![ok(&[1]), None, failed("third")]).unwrap_err();
        assert_eq!(e.message(), "a tagging thread failed");
    }

    #[test]
    fn pieces_are_runs_of_whole_texts_in_order() {
        // (text lengths, bytes a piece, the pieces' lengths in texts)
        let cases: &[(&[usize], usize, &[usize])] = &[
            (&[], 10, &[0]),
            (&[3], 10, &[1]),
            (&[10], 10, &[1]),
            (&[30], 10, &[1]),
            (&[4, 4, 4, 4], 8, &[2, 2]),
            (&[4, 4, 4, 4, 1], 8, &[2, 2, 1]),
            (&[9, 0, 0, 1, 7, 2], 8, &[1, 4, 1]),
            (&[0, 0, 0], 8, &[3]),
            (&[1, 2, 3, 40, 1], 5, &[3, 1, 1]),
        ];
        for &(lengths, bytes, expected) in cases {
            let owned: Vec<String> = lengths.iter().map(|&n| "x".repeat(n)).collect();
            let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
            let got = pieces(&texts, bytes);
            let counts: Vec<usize> = got.iter().map(|p| p.len()).collect();
            assert_eq!(counts, expected, "{lengths:?} {bytes}");
            // Back to back, in order, covering every text.
            assert_eq!(got.concat(), texts, "{lengths:?}");
        }
    }
}
