//! `warta serve`: build, serve on loopback, watch, rebuild, reload.
//!
//! A thin shell over pure, tested pieces: [`request`] resolves a request
//! to a file of the built site (and refuses escapes), [`watch`] says what
//! a changed path means, [`preview`] rebuilds only what a change touches,
//! [`inject`] adds the reload script and the error overlay, [`wire`]
//! reads and checks a request head (deadline, Host, Range), [`conns`]
//! caps the open connections, and [`http`] answers requests. The served site lives in memory: serving never writes
//! into the site's `public/`. At a network root the same shell serves a
//! [`network::NetworkPreview`]: one [`Preview`] per village and the portal.

pub mod conns;
pub mod http;
pub mod inject;
pub mod network;
pub mod preview;
pub mod request;
pub mod watch;
pub mod wire;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use notify::Watcher;

use crate::diag::{Diagnostic, Lang, Text};
use crate::{fsx, text};

use http::ServeState;
use network::NetworkPreview;
use preview::{Failed, Files, Preview, Rebuilt};
use watch::{Change, summarize};

/// What `serve` previews: one village site, or a network of them. The
/// shell around it (watch, serve, reload, the error overlay) is the same.
trait Previewed {
    /// Notes a burst of changed paths; says what they ask for
    /// (`Change::Ignore`: nothing to rebuild).
    fn note(&mut self, paths: &[PathBuf]) -> Change;
    /// Rebuilds what the noted changes ask for (everything the first
    /// time) into `files`, the files requests are answered from. What
    /// failed keeps its files as they were.
    fn rebuild(&mut self, files: &RwLock<Files>) -> Result<Rebuilt, Failed>;
}

/// One village site and the change noted for its next rebuild.
struct SitePreview {
    root: PathBuf,
    preview: Preview,
    pending: (Change, Vec<PathBuf>),
}

impl Previewed for SitePreview {
    fn note(&mut self, paths: &[PathBuf]) -> Change {
        self.pending = summarize(&self.root, paths, Some(&self.root.join("public")));
        self.pending.0
    }

    fn rebuild(&mut self, files: &RwLock<Files>) -> Result<Rebuilt, Failed> {
        let (change, changed) = std::mem::replace(&mut self.pending, (Change::Ignore, Vec::new()));
        self.preview.rebuild_locked(change, &changed, files)
    }
}

impl Previewed for NetworkPreview {
    fn note(&mut self, paths: &[PathBuf]) -> Change {
        NetworkPreview::note(self, paths)
    }

    /// A network's rebuild moves its villages' files around: it works
    /// on a copy, put in place also after a failure (the other villages
    /// may have changed; what failed left its files as they were).
    fn rebuild(&mut self, files: &RwLock<Files>) -> Result<Rebuilt, Failed> {
        let mut copy = files.read().expect("files lock").clone();
        let result = NetworkPreview::rebuild(self, &mut copy);
        *files.write().expect("files lock") = copy;
        result
    }
}

/// The preview of the site or network at `root`.
fn previewed(root: &Path, drafts: bool, origin: &str) -> Box<dyn Previewed> {
    if crate::network::Network::is_network(root) {
        Box::new(NetworkPreview::new(root, drafts, origin))
    } else {
        Box::new(SitePreview {
            root: root.to_path_buf(),
            preview: Preview::new(root, drafts, origin),
            pending: (Change::Everything, Vec::new()),
        })
    }
}

/// What to serve and how; `warta serve`'s arguments (`src/cli/serve.rs`)
/// fill it in.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder, as typed.
    pub root: PathBuf,
    /// The port to try first (the next free one of the twenty after it
    /// is taken instead); 0 lets the system choose.
    pub port: u16,
    pub bind: IpAddr,
    /// Open the preview in the browser.
    pub open: bool,
    pub drafts: bool,
    /// Poll for changes instead of asking the system (network folders).
    pub poll: bool,
    /// The message language asked for (`--lang`), over the site's.
    pub lang: Option<Lang>,
}

/// How long the folder must be quiet before a rebuild: one save in an
/// editor is often several events (write a temp file, rename, chmod).
const QUIET: Duration = Duration::from_millis(20);
const MAX_WAIT: Duration = Duration::from_millis(800);

/// Builds, serves and rebuilds on every change until the process is
/// stopped; an error is one that keeps the preview from starting.
pub fn run(options: &Options) -> Result<(), Diagnostic> {
    let root = fsx::canonicalize(&options.root).map_err(|d| {
        d.hint(Text::new(
            "Folder situs (--root) harus ada dan berisi warta.toml.",
            "The site folder (--root) must exist and hold warta.toml.",
        ))
    })?;
    let (listener, addr) = bind(options.bind, options.port)?;
    let origin = format!("http://{addr}");
    // Watch before the first build and before saying where the preview
    // is, so no save made after that line is missed.
    let watching = watch_folder(&root, options.poll)?;
    let mut preview = previewed(&root, options.drafts, &origin);
    let state = Arc::new(ServeState::new("/"));
    let lang = rebuild(preview.as_mut(), &state, Change::Everything, options.lang);
    let root_path = state.root_path.read().expect("root lock").clone();
    let url = format!("{origin}{root_path}");
    announce(options, lang, &url, addr);
    {
        let state = Arc::clone(&state);
        std::thread::spawn(move || http::run(listener, state));
    }
    if options.open {
        open_browser(&browser_url(addr, &root_path));
    }
    while let Some(paths) = next_batch(&watching.events) {
        let change = preview.note(&paths);
        if change == Change::Ignore {
            continue;
        }
        rebuild(preview.as_mut(), &state, change, options.lang);
    }
    Ok(())
}

/// A watch on the site folder: the paths of each change arrive on
/// `events` while the watcher is kept.
struct Watching {
    _watcher: Box<dyn Watcher>,
    events: Receiver<Vec<PathBuf>>,
}

fn watch_folder(root: &Path, poll: bool) -> Result<Watching, Diagnostic> {
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
    let mut watcher: Box<dyn Watcher> = if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
        Box::new(notify::PollWatcher::new(handler, config).map_err(watch_error)?)
    } else {
        Box::new(notify::recommended_watcher(handler).map_err(watch_error)?)
    };
    watcher
        .watch(root, notify::RecursiveMode::Recursive)
        .map_err(watch_error)?;
    Ok(Watching {
        _watcher: watcher,
        events: rx,
    })
}

/// Says where the preview is, and whether it is not where asked or can be
/// opened from the network.
fn announce(options: &Options, lang: Lang, url: &str, addr: SocketAddr) {
    say(
        lang,
        &format!("Pratinjau di {url} (Ctrl+C untuk berhenti)"),
        &format!("Preview at {url} (Ctrl+C to stop)"),
    );
    if addr.port() != options.port && options.port != 0 {
        let p = options.port;
        say(
            lang,
            &format!("Port {p} sedang dipakai, jadi memakai {}.", addr.port()),
            &format!("Port {p} is taken, so using {}.", addr.port()),
        );
    }
    if !options.bind.is_loopback() {
        say(
            lang,
            "Perhatian: pratinjau ini bisa dibuka siapa pun di jaringan yang sama, termasuk draf.",
            "Note: anyone on the same network can open this preview, drafts included.",
        );
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
    preview: &mut dyn Previewed,
    state: &ServeState,
    change: Change,
    forced: Option<Lang>,
) -> Lang {
    let started = Instant::now();
    let had_error = state.overlay.read().expect("overlay lock").is_some();
    let mut reload = true;
    let result = preview.rebuild(&state.files);
    let lang = match result {
        Ok(done) => {
            let lang = forced.unwrap_or(done.lang);
            // A second event of the same save finds nothing new: no reload.
            reload =
                done.rendered > 0 || done.removed > 0 || change != Change::Content || had_error;
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

/// Opens the preview in the default browser. Best effort: the address
/// was printed just before, for when no browser can be started.
fn open_browser(url: &str) {
    let _ = std::process::Command::new(browser_program(std::env::consts::OS))
        .arg(url)
        .spawn();
}

/// The program that hands a URL to the default browser on `os` (a value
/// of `std::env::consts::OS`). Windows: `explorer URL` gives it to the
/// shell as a double-click would; unlike `cmd /C start "" URL`, no command
/// interpreter reads the URL's `&`, `^` or `%`.
fn browser_program(os: &str) -> &'static str {
    match os {
        "windows" => "explorer",
        "macos" => "open",
        _ => "xdg-open",
    }
}

/// The address the browser is sent to: a preview listening on every
/// address (`--bind 0.0.0.0` or `::`) is opened on the loopback address,
/// as Windows cannot connect to `0.0.0.0`.
fn browser_url(addr: SocketAddr, root_path: &str) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}{root_path}", SocketAddr::new(ip, addr.port()))
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;

    use super::{browser_program, browser_url};

    #[test]
    fn the_browser_is_opened_by_each_systems_own_program() {
        for (os, program) in [
            ("windows", "explorer"),
            ("macos", "open"),
            ("linux", "xdg-open"),
            ("freebsd", "xdg-open"),
        ] {
            assert_eq!(browser_program(os), program, "{os}");
        }
        assert_eq!(
            browser_program(std::env::consts::OS),
            if cfg!(windows) {
                "explorer"
            } else if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            }
        );
    }

    #[test]
    fn a_preview_on_every_address_is_opened_on_loopback() {
        let at = |a: &str, root: &str| browser_url(a.parse::<SocketAddr>().unwrap(), root);
        assert_eq!(at("0.0.0.0:1111", "/"), "http://127.0.0.1:1111/");
        assert_eq!(at("[::]:1111", "/desa/"), "http://[::1]:1111/desa/");
        assert_eq!(at("127.0.0.1:1112", "/"), "http://127.0.0.1:1112/");
        assert_eq!(at("192.168.1.5:1111", "/"), "http://192.168.1.5:1111/");
    }
}
