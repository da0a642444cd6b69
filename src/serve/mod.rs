//! `warta serve`: build, serve on loopback, watch, rebuild, reload.
//!
//! A thin shell over pure, tested pieces: [`request`] resolves a request
//! to a file of the built site (and refuses escapes), [`watch`] says what
//! a changed path means, [`preview`] rebuilds only what a change touches,
//! [`inject`] adds the reload script and the error overlay, [`wire`]
//! reads and checks a request head (deadline, Host, Range), [`conns`]
//! caps the open connections, and [`http`] answers requests. The served site lives in memory: serving never writes
//! into the site's `public/`.

pub mod conns;
pub mod http;
pub mod inject;
pub mod preview;
pub mod request;
pub mod watch;
pub mod wire;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use clap::Args;
use notify::Watcher;

use crate::cli::{CommonArgs, Outcome};
use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::text;

use http::ServeState;
use preview::Preview;
use watch::{Change, summarize};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Port (yang berikutnya bila sudah dipakai; 0: bebas) / Port (the next free one if taken; 0: any)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Alamat yang didengarkan / Address to listen on
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Buka di peramban / Open in the browser
    #[arg(long)]
    pub open: bool,
    /// Sertakan draf / Include drafts and future posts
    #[arg(long)]
    pub drafts: bool,
    /// Periksa perubahan berkala (untuk folder jaringan) / Poll for changes (for network folders)
    #[arg(long)]
    pub poll: bool,
}

/// How long the folder must be quiet before a rebuild: one save in an
/// editor is often several events (write a temp file, rename, chmod).
const QUIET: Duration = Duration::from_millis(20);
const MAX_WAIT: Duration = Duration::from_millis(800);

impl ServeArgs {
    pub fn run(self) -> Outcome {
        let lang = self.common.message_lang(None);
        match self.serve() {
            Ok(()) => Outcome::ok(String::new()),
            Err(d) => Outcome::failed(&Diagnostics::from(d), lang),
        }
    }

    fn serve(&self) -> Result<(), Diagnostic> {
        let root = std::fs::canonicalize(&self.common.root).map_err(|e| {
            let r = self.common.root.display();
            Diagnostic::error(text!(
                "Folder situs `{r}` tidak ada: {e}",
                "Site folder `{r}` does not exist: {e}"
            ))
        })?;
        let (listener, addr) = bind(self.bind, self.port)?;
        let origin = format!("http://{addr}");
        // Watch before the first build and before saying where the preview
        // is, so no save made after that line is missed.
        let (tx, rx) = channel();
        let handler = move |res: notify::Result<notify::Event>| {
            // Reading a file is an event too (warta reads warta.toml on
            // every rebuild): only changes count.
            if let Ok(event) = res.and_then(|e| match e.kind {
                notify::EventKind::Access(_) => Err(notify::Error::generic("read")),
                _ => Ok(e),
            }) {
                let _ = tx.send(event.paths);
            }
        };
        let mut watcher: Box<dyn Watcher> = if self.poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
            Box::new(notify::PollWatcher::new(handler, config).map_err(watch_error)?)
        } else {
            Box::new(notify::recommended_watcher(handler).map_err(watch_error)?)
        };
        watcher
            .watch(&root, notify::RecursiveMode::Recursive)
            .map_err(watch_error)?;
        let mut preview = Preview::new(&root, self.drafts, &origin);
        let state = Arc::new(ServeState::new("/"));
        let lang = rebuild(
            &mut preview,
            &state,
            Change::Everything,
            &[],
            self.common.lang,
        );
        let root_path = state.root_path.read().expect("root lock").clone();
        let url = format!("{origin}{root_path}");
        say(
            lang,
            &format!("Pratinjau di {url} (Ctrl+C untuk berhenti)"),
            &format!("Preview at {url} (Ctrl+C to stop)"),
        );
        if addr.port() != self.port && self.port != 0 {
            let p = self.port;
            say(
                lang,
                &format!("Port {p} sedang dipakai, jadi memakai {}.", addr.port()),
                &format!("Port {p} is taken, so using {}.", addr.port()),
            );
        }
        {
            let state = Arc::clone(&state);
            std::thread::spawn(move || http::run(listener, state));
        }
        if !self.bind.is_loopback() {
            say(
                lang,
                "Perhatian: pratinjau ini bisa dibuka siapa pun di jaringan yang sama, termasuk draf.",
                "Note: anyone on the same network can open this preview, drafts included.",
            );
        }
        if self.open {
            open_browser(&url);
        }
        let output = root.join("public");
        while let Some(paths) = next_batch(&rx) {
            let (change, changed) = summarize(&root, &paths, Some(&output));
            if change == Change::Ignore {
                continue;
            }
            rebuild(&mut preview, &state, change, &changed, self.common.lang);
        }
        Ok(())
    }
}

/// Binds `port`, or the next free one of the twenty after it.
fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, SocketAddr), Diagnostic> {
    let tries: Vec<u16> = if port == 0 {
        vec![0]
    } else {
        (port..=port.saturating_add(20)).collect()
    };
    let mut last = None;
    for p in tries {
        match TcpListener::bind((ip, p)) {
            Ok(l) => {
                let addr = l
                    .local_addr()
                    .map_err(|e| Diagnostic::error(text!("{e}", "{e}")))?;
                return Ok((l, addr));
            }
            Err(e) => last = Some(e),
        }
    }
    let e = last.map(|e| e.to_string()).unwrap_or_default();
    Err(Diagnostic::error(text!(
        "Tidak bisa membuka port {port} di {ip}: {e}",
        "Cannot open port {port} on {ip}: {e}"
    ))
    .hint(Text::new(
        "Coba port lain: warta serve --port 8080",
        "Try another port: warta serve --port 8080",
    )))
}

fn watch_error(e: notify::Error) -> Diagnostic {
    Diagnostic::error(text!(
        "Tidak bisa memantau perubahan berkas: {e}",
        "Cannot watch the files for changes: {e}"
    ))
    .hint(Text::new(
        "Coba warta serve --poll (misalnya untuk folder jaringan atau WSL).",
        "Try warta serve --poll (e.g. for network folders or WSL).",
    ))
}

/// Waits for events, then gathers the rest of the burst.
fn next_batch(rx: &Receiver<Vec<PathBuf>>) -> Option<Vec<PathBuf>> {
    let mut paths = rx.recv().ok()?;
    let started = Instant::now();
    while started.elapsed() < MAX_WAIT {
        match rx.recv_timeout(QUIET) {
            Ok(more) => paths.extend(more),
            Err(_) => break,
        }
    }
    Some(paths)
}

/// Runs one rebuild and publishes its result; returns the message language.
fn rebuild(
    preview: &mut Preview,
    state: &ServeState,
    change: Change,
    changed: &[PathBuf],
    forced: Option<Lang>,
) -> Lang {
    let started = Instant::now();
    let mut files = state.files.read().expect("files lock").clone();
    let had_error = state.overlay.read().expect("overlay lock").is_some();
    let mut reload = true;
    let lang = match preview.rebuild(change, changed, &mut files) {
        Ok(done) => {
            let lang = forced.unwrap_or(done.lang);
            // A second event of the same save finds nothing new: no reload.
            reload =
                done.rendered > 0 || done.removed > 0 || change != Change::Content || had_error;
            *state.files.write().expect("files lock") = files;
            *state.root_path.write().expect("root lock") = done.root_path.clone();
            *state.overlay.write().expect("overlay lock") = None;
            let ms = started.elapsed().as_millis();
            say(
                lang,
                &format!("Dibangun ulang: {} halaman dalam {ms} ms.", done.rendered),
                &format!("Rebuilt: {} pages in {ms} ms.", done.rendered),
            );
            if !done.warnings.is_empty() {
                eprint!("{}", done.warnings.render(lang));
            }
            lang
        }
        Err(failed) => {
            let lang = forced.unwrap_or(failed.lang);
            eprint!("{}", failed.problems.render(lang));
            *state.overlay.write().expect("overlay lock") =
                Some(inject::overlay(&failed.problems, lang));
            lang
        }
    };
    if reload {
        state.announce_reload();
    }
    lang
}

fn say(lang: Lang, id: &str, en: &str) {
    println!("{}", if lang == Lang::Id { id } else { en });
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(cmd).arg(url).spawn();
}
