//! A small HTTP/1.1 server for the preview, on std's `TcpListener`.
//!
//! The preview needs very little of HTTP: GET and HEAD of files held in
//! memory, one long-lived Server-Sent Events stream per open tab, on
//! loopback by default. That is a few dozen lines over std, so warta does
//! not pull in an async runtime and a web framework for it. Each
//! connection gets a thread and is closed after one response (the event
//! stream stays open until the tab goes away).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use crate::serve::inject::{inject, reload_script};
use crate::serve::preview::{Files, Served};
use crate::serve::request::{Target, content_type, resolve};

/// What the HTTP threads share with the rebuild loop.
pub struct ServeState {
    pub files: RwLock<Files>,
    /// The error overlay while the last rebuild failed.
    pub overlay: RwLock<Option<String>>,
    pub root_path: RwLock<String>,
    subscribers: Mutex<Vec<Sender<()>>>,
}

impl ServeState {
    pub fn new(root_path: &str) -> ServeState {
        ServeState {
            files: RwLock::new(Files::new()),
            overlay: RwLock::new(None),
            root_path: RwLock::new(root_path.to_string()),
            subscribers: Mutex::new(Vec::new()),
        }
    }

    /// Tells every open tab to reload.
    pub fn announce_reload(&self) {
        let mut subs = self.subscribers.lock().expect("subscribers lock");
        subs.retain(|s| s.send(()).is_ok());
    }

    fn subscribe(&self) -> Receiver<()> {
        let (tx, rx) = channel();
        self.subscribers.lock().expect("subscribers lock").push(tx);
        rx
    }
}

/// Accepts connections until the listener fails.
pub fn run(listener: TcpListener, state: Arc<ServeState>) {
    for stream in listener.incoming().flatten() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            let _ = handle(stream, &state);
        });
    }
}

struct Response {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: &'static str, body: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".to_string())],
            body: body.as_bytes().to_vec(),
        }
    }
}

fn handle(stream: TcpStream, state: &ServeState) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.by_ref().take(8192).read_line(&mut line)?;
    // Read and drop the headers; the preview needs none of them.
    let mut header = String::new();
    loop {
        header.clear();
        if reader.by_ref().take(8192).read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        let mut r = Response::text("405 Method Not Allowed", "405\n");
        r.headers.push(("Allow", "GET, HEAD".to_string()));
        return send(&mut stream, r, method == "HEAD");
    }
    let root_path = state.root_path.read().expect("root lock").clone();
    let response = match resolve(target, &root_path) {
        Target::Events => return events(stream, state),
        Target::Bad => Response::text("400 Bad Request", "400\n"),
        Target::Redirect(to) => Response {
            status: "302 Found",
            headers: vec![("Location", to)],
            body: Vec::new(),
        },
        Target::NotFound => not_found(state, &root_path),
        Target::File(key) => file(state, &key, &root_path),
    };
    send(&mut stream, response, method == "HEAD")
}

fn lookup(state: &ServeState, key: &str) -> Option<Vec<u8>> {
    let served = state.files.read().expect("files lock").get(key).cloned()?;
    match served {
        Served::Memory(bytes) => Some(bytes.to_vec()),
        Served::Disk(path) => std::fs::read(path).ok(),
        Served::Deferred(made) => Some(made.get().to_vec()),
    }
}

fn file(state: &ServeState, key: &str, root_path: &str) -> Response {
    if let Some(body) = lookup(state, key) {
        return page("200 OK", key, body, state, root_path);
    }
    // `/berita/x` for the folder `/berita/x/`: send the browser there.
    let folder = format!("{key}/index.html");
    if !key.ends_with(".html")
        && state
            .files
            .read()
            .expect("files lock")
            .contains_key(&folder)
    {
        return Response {
            status: "301 Moved Permanently",
            headers: vec![("Location", format!("{root_path}{key}/"))],
            body: Vec::new(),
        };
    }
    not_found(state, root_path)
}

fn not_found(state: &ServeState, root_path: &str) -> Response {
    match lookup(state, "404.html") {
        Some(body) => page("404 Not Found", "404.html", body, state, root_path),
        // No site built yet (the first build failed): a bare page that
        // still carries the overlay and the reload script.
        None => {
            let bare = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>warta</title></head><body></body></html>";
            page("404 Not Found", "404.html", bare.to_vec(), state, root_path)
        }
    }
}

/// A file response; HTML gets the reload script and, after a failed
/// rebuild, the error overlay.
fn page(
    status: &'static str,
    key: &str,
    body: Vec<u8>,
    state: &ServeState,
    root_path: &str,
) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        let mut extra = reload_script(root_path);
        if let Some(o) = state.overlay.read().expect("overlay lock").as_ref() {
            extra.push_str(o);
        }
        inject(&body, &extra)
    } else {
        body
    };
    Response {
        status,
        headers: vec![
            ("Content-Type", kind.to_string()),
            ("Cache-Control", "no-store".to_string()),
        ],
        body,
    }
}

fn send(stream: &mut TcpStream, r: Response, head_only: bool) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        r.status,
        r.body.len()
    );
    for (k, v) in &r.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("X-Content-Type-Options: nosniff\r\n\r\n");
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}

/// A Server-Sent Events stream: one `reload` event per rebuild, and a
/// comment every 15 s to notice closed tabs.
fn events(mut stream: TcpStream, state: &ServeState) -> std::io::Result<()> {
    let rx = state.subscribe();
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: warta\n\n",
    )?;
    stream.flush()?;
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(()) => stream.write_all(b"event: message\ndata: reload\n\n")?,
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": ping\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
    }
}
