//! A line on stderr while photos are processed, when that takes more
//! than a second: kept up to date on a terminal, printed every few
//! seconds elsewhere (CI logs), so no progress-bar crate is needed.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::diag::Lang;

/// Progress on stderr for long runs: one line kept up to date on a
/// terminal, a plain line every few seconds elsewhere (CI logs).
pub struct Progress {
    total: usize,
    done: AtomicUsize,
    start: Instant,
    last: Mutex<Option<Instant>>,
    tty: bool,
    lang: Lang,
}

impl Progress {
    pub fn new(total: usize, lang: Lang) -> Progress {
        use std::io::IsTerminal;
        Progress {
            total,
            done: AtomicUsize::new(0),
            start: Instant::now(),
            last: Mutex::new(None),
            tty: std::io::stderr().is_terminal(),
            lang,
        }
    }

    fn line(&self, done: usize) -> String {
        let (total, secs) = (self.total, self.start.elapsed().as_secs_f64());
        match self.lang {
            Lang::Id => format!("Mengolah foto: {done}/{total} ({secs:.0} detik)"),
            Lang::En => format!("Processing photos: {done}/{total} ({secs:.0} s)"),
        }
    }

    pub fn step(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let every = if self.tty {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(5)
        };
        if self.start.elapsed() < Duration::from_secs(1) {
            return;
        }
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        if last.is_some_and(|t| t.elapsed() < every) {
            return;
        }
        *last = Some(Instant::now());
        if self.tty {
            eprint!("\r{}", self.line(done));
        } else {
            eprintln!("{}", self.line(done));
        }
    }

    pub fn finish(&self) {
        let printed = self.last.lock().map(|l| l.is_some()).unwrap_or(false);
        if printed {
            let line = self.line(self.done.load(Ordering::Relaxed));
            if self.tty {
                eprintln!("\r{line}");
            } else {
                eprintln!("{line}");
            }
        }
    }
}
