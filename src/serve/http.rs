//! The preview's HTTP/1.1 server, on std's `TcpListener`.
//!
//! The preview needs little of HTTP: GET and HEAD of the built site (held
//! in memory, or read from `media/` as it is sent), one Server-Sent Events
//! stream per open tab, and to stay up whatever else reaches its port.
//! Each connection gets a thread and one response (`Connection: close`);
//! an event stream stays open until its tab goes away.
//! [`wire`](crate::serve::wire) reads a request head within
//! [`HEAD_DEADLINE`] and 16 KiB and parses it strictly (400 otherwise; 408
//! at the deadline), answers only to loopback names and the bind address
//! (403 for any other `Host`: DNS rebinding), and serves single byte
//! ranges (206/416) of everything but HTML; [`conns`](crate::serve::conns)
//! caps the open connections at 128, closing the oldest idle one to make
//! room.
//!
//! Why still no server crate, measured on 2026-12-02 on this 2-core
//! machine (shared with other builds, so times are rough) with
//! `bench/serve_load.py`: each server under `ulimit -n 1024`; a
//! hello-world server of each crate built from clean with `-j 2`, against
//! the same over std (1.2 s, 388 KB stripped):
//!
//! | server | crates | clean build added (release / dev) | stripped binary added | a client dripping a header line each 0.5 s | 200 requests while 1,000 connections idle |
//! |---|---:|---:|---:|---|---|
//! | warta before | 0 | – | – | never cut (30 s) | 0 answered |
//! | tiny_http 0.12 | 6 | +17 s / +7 s | +281 KB | never cut (30 s) | 0 answered, and 0 of 5,000 after: its accept loop had stopped |
//! | hyper 1 + hyper-util + tokio | 22 | +104 s / +70 s | +576 KB | cut at 10.5 s (`header_read_timeout`) | 200, max 12 ms (1,000 sockets still fit under 1,024; a few more would not: no cap) |
//! | warta now | 0 | – | – | cut at 10.5 s with a 408 | 200, p50 0.4 ms, max 11 ms; 873 idle ones closed, 136 files open |
//!
//! (hyper's release build is without tokio's `macros`, its dev build with
//! them.) tiny_http fails both hostile loads. hyper passes them but costs two
//! minutes of compiling, an async runtime, and would still need the Host
//! check, Range, the cap and the lingering 400s written here. So the
//! server stays over std: ~450 lines with its pieces (no new crate).
//! Throughput, same Python client (5,000 GETs of a post's page from 20
//! threads, debug builds, 3 runs each): before 3,298–4,399 req/s (median
//! 3,772), now 3,088–3,860 (median 3,666), within the machine's noise.

use std::io::{BufWriter, ErrorKind, Read, Seek, SeekFrom, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::fsx;
use crate::serve::conns::{Conns, MAX_CONNECTIONS, Phase, Slot};
use crate::serve::inject::{inject, reload_script};
use crate::serve::preview::{Files, Served};
use crate::serve::request::{Target, content_type, resolve};
use crate::serve::wire::{
    Head, Ranged, Unread, host_allowed, parse_head, parse_range, read_head, target_authority,
};

/// The longest a client may take to send its whole request head, however
/// slowly it trickles in.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// The longest one write of a response may wait for the client to read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

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

/// Accepts connections for as long as the preview runs: a failed
/// `accept` (no descriptor left, a connection reset while queued) makes
/// room and goes on, it never ends the loop.
pub fn run(listener: TcpListener, state: Arc<ServeState>) {
    let Ok(local) = listener.local_addr() else {
        return;
    };
    let conns = Conns::new(MAX_CONNECTIONS);
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => Arc::new(stream),
            Err(_) => {
                // Out of descriptors: the evicted connection's thread frees
                // one within moments; with none to evict, wait longer.
                let pause = if conns.evict_one() { 1 } else { 20 };
                std::thread::sleep(Duration::from_millis(pause));
                continue;
            }
        };
        let Some(slot) = conns.admit(&stream) else {
            busy(&stream);
            continue;
        };
        let state = Arc::clone(&state);
        // When no thread can be made, the closure is dropped and with it
        // the connection: it is closed, and the loop goes on.
        let _ = std::thread::Builder::new()
            .name("warta-http".into())
            .spawn(move || serve_one(&stream, &slot, &state, local));
    }
}

/// Every slot is answering a request: say so and close, without a thread.
fn busy(stream: &TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = (&*stream).write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

/// Reads one request and answers it.
fn serve_one(stream: &TcpStream, slot: &Slot, state: &ServeState, local: SocketAddr) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let head = match read_head(stream, Instant::now() + HEAD_DEADLINE) {
        Ok(head) => head,
        Err(Unread::Closed) => return,
        Err(Unread::Timeout) => return refuse(stream, "408 Request Timeout", TIMEOUT_TEXT),
        Err(Unread::TooLarge) => return refuse(stream, "400 Bad Request", TOO_LARGE_TEXT),
    };
    slot.set(Phase::Answering);
    let head = match parse_head(&head) {
        Ok(head) => head,
        Err(why) => return refuse(stream, "400 Bad Request", &bad_request_text(why)),
    };
    let named = head.host.as_deref().into_iter();
    if let Some(host) = named
        .chain(target_authority(&head.target))
        .find(|h| !host_allowed(h, local))
    {
        return refuse(stream, "403 Forbidden", &foreign_host_text(host, local));
    }
    let _ = answer(stream, slot, state, &head);
}

const TIMEOUT_TEXT: &str = "408: permintaan tidak selesai dikirim dalam 10 detik.\n\
    408: the request was not sent in full within 10 seconds.\n";
const TOO_LARGE_TEXT: &str = "400: kepala permintaan terlalu besar (lebih dari 16 KiB).\n\
    400: the request head is too large (over 16 KiB).\n";

fn bad_request_text(why: &str) -> String {
    format!("400: permintaan rusak ({why}).\n400: bad request ({why}).\n")
}

/// Why the preview does not answer a name, and where it does answer.
fn foreign_host_text(host: &str, local: SocketAddr) -> String {
    let host: String = host.chars().take(80).collect();
    let url = if local.ip().is_unspecified() {
        format!("http://localhost:{}/", local.port())
    } else {
        format!("http://{local}/")
    };
    format!(
        "403: pratinjau warta tidak melayani alamat `{host}`; buka {url}\n\
         403: the warta preview does not answer to `{host}`; open {url}\n"
    )
}

/// Sends a refusal, then reads for a moment what the client still sends,
/// so the refusal is not lost to a reset of the connection.
fn refuse(stream: &TcpStream, status: &'static str, text: &str) {
    if send(stream, Response::text(status, text), false).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_millis(500);
    let (mut sink, mut drained) = ([0u8; 4096], 0);
    while drained < 64 * 1024 {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match (&*stream).read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

/// Answers a request whose head and host are fine.
fn answer(stream: &TcpStream, slot: &Slot, state: &ServeState, head: &Head) -> std::io::Result<()> {
    let get = head.method == "GET";
    if !get && head.method != "HEAD" {
        let mut r = Response::text("405 Method Not Allowed", "405\n");
        r.headers.push(("Allow", "GET, HEAD".to_string()));
        return send(stream, r, false);
    }
    let root_path = state.root_path.read().expect("root lock").clone();
    let range = head.range.as_deref().filter(|_| get);
    let response = match resolve(&head.target, &root_path) {
        Target::Events => {
            slot.set(Phase::Streaming);
            return events(stream, state);
        }
        Target::Bad => Response::text("400 Bad Request", "400\n"),
        Target::Redirect(to) => Response::redirect("302 Found", to),
        Target::NotFound => not_found(state, "", &root_path),
        Target::File(key) => file(state, &key, &root_path, range),
    };
    send(stream, response, !get)
}

/// A response body: bytes in memory, or a file read as it is sent.
enum Body {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
    File(std::fs::File, u64),
}

impl Body {
    fn len(&self) -> u64 {
        match self {
            Body::Owned(b) => b.len() as u64,
            Body::Shared(b) => b.len() as u64,
            Body::File(_, len) => *len,
        }
    }

    fn into_vec(self) -> Vec<u8> {
        match self {
            Body::Owned(b) => b,
            Body::Shared(b) => b.to_vec(),
            Body::File(mut f, len) => {
                let mut b = Vec::with_capacity(len as usize);
                let _ = f.read_to_end(&mut b);
                b
            }
        }
    }

    /// Writes `len` bytes from `start`.
    fn write(self, out: &mut impl Write, start: u64, len: u64) -> std::io::Result<()> {
        match self {
            Body::Owned(b) => out.write_all(part(&b, start, len)?),
            Body::Shared(b) => out.write_all(part(&b, start, len)?),
            Body::File(mut f, _) => {
                f.seek(SeekFrom::Start(start))?;
                // The file may have shrunk since it was opened (a writer
                // saving it): the client must not take a short body as whole.
                match std::io::copy(&mut f.take(len), out)? {
                    n if n == len => Ok(()),
                    _ => Err(ErrorKind::UnexpectedEof.into()),
                }
            }
        }
    }
}

/// Bytes `start..start + len` of `b`.
fn part(b: &[u8], start: u64, len: u64) -> std::io::Result<&[u8]> {
    let from = usize::try_from(start).ok();
    let to = usize::try_from(start + len).ok();
    from.zip(to)
        .and_then(|(from, to)| b.get(from..to))
        .ok_or_else(|| ErrorKind::UnexpectedEof.into())
}

struct Response {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Body,
    /// The part of the body sent: (first byte, length).
    span: (u64, u64),
}

impl Response {
    fn new(status: &'static str, headers: Vec<(&'static str, String)>, body: Body) -> Response {
        let span = (0, body.len());
        Response {
            status,
            headers,
            body,
            span,
        }
    }

    fn text(status: &'static str, body: &str) -> Response {
        let kind = "text/plain; charset=utf-8".to_string();
        let body = Body::Owned(body.as_bytes().to_vec());
        Response::new(status, vec![("Content-Type", kind)], body)
    }

    fn redirect(status: &'static str, to: String) -> Response {
        Response::new(status, vec![("Location", to)], Body::Owned(Vec::new()))
    }
}

fn lookup(state: &ServeState, key: &str) -> Option<Body> {
    let served = state.files.read().expect("files lock").get(key).cloned()?;
    match served {
        Served::Memory(bytes) => Some(Body::Shared(bytes)),
        Served::Disk(path) => {
            // Gone since the build (a file removed while serving): 404.
            let f = fsx::open(&path).ok()?;
            let len = f.metadata().ok()?.len();
            Some(Body::File(f, len))
        }
        Served::Deferred(made) => Some(Body::Shared(made.get())),
    }
}

fn file(state: &ServeState, key: &str, root_path: &str, range: Option<&str>) -> Response {
    if let Some(body) = lookup(state, key) {
        return ranged(page("200 OK", key, body, state, root_path), range);
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
        return Response::redirect("301 Moved Permanently", format!("{root_path}{key}/"));
    }
    not_found(state, key, root_path)
}

/// The 404 page for `key`: in a network's preview a village's own
/// (`sukamaju/404.html` for `sukamaju/x/`), else the site's.
fn not_found(state: &ServeState, key: &str, root_path: &str) -> Response {
    let own = key
        .split_once('/')
        .map(|(first, _)| format!("{first}/404.html"))
        .and_then(|k| Some((lookup(state, &k)?, k)));
    let found = own.or_else(|| Some((lookup(state, "404.html")?, "404.html".to_string())));
    match found {
        Some((body, k)) => page("404 Not Found", &k, body, state, root_path),
        // No site built yet (the first build failed): a bare page that
        // still carries the overlay and the reload script.
        None => {
            let bare = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>warta</title></head><body></body></html>";
            let body = Body::Owned(bare.to_vec());
            page("404 Not Found", "404.html", body, state, root_path)
        }
    }
}

/// A file response; HTML gets the reload script and, after a failed
/// rebuild, the error overlay. Anything else can be asked for in parts
/// (a video or a recording in `media/` that the reader skips through).
fn page(
    status: &'static str,
    key: &str,
    body: Body,
    state: &ServeState,
    root_path: &str,
) -> Response {
    let kind = content_type(key);
    let mut headers = vec![
        ("Content-Type", kind.to_string()),
        ("Cache-Control", "no-store".to_string()),
    ];
    if !kind.starts_with("text/html") {
        headers.push(("Accept-Ranges", "bytes".to_string()));
        return Response::new(status, headers, body);
    }
    let mut extra = reload_script(root_path);
    if let Some(o) = state.overlay.read().expect("overlay lock").as_ref() {
        extra.push_str(o);
    }
    Response::new(
        status,
        headers,
        Body::Owned(inject(&body.into_vec(), &extra)),
    )
}

/// Narrows a whole-file response to the single byte range asked for.
fn ranged(mut r: Response, range: Option<&str>) -> Response {
    let len = r.body.len();
    let accepts = r.headers.iter().any(|(k, _)| *k == "Accept-Ranges");
    match range.filter(|_| accepts).map(|v| parse_range(v, len)) {
        None | Some(Ranged::Whole) => {}
        Some(Ranged::Part { start, end }) => {
            r.status = "206 Partial Content";
            r.span = (start, end - start + 1);
            r.headers
                .push(("Content-Range", format!("bytes {start}-{end}/{len}")));
        }
        Some(Ranged::Unsatisfiable) => {
            r.status = "416 Range Not Satisfiable";
            r.span = (0, 0);
            r.headers.push(("Content-Range", format!("bytes */{len}")));
        }
    }
    r
}

fn send(stream: &TcpStream, r: Response, head_only: bool) -> std::io::Result<()> {
    let (start, len) = r.span;
    let mut out = BufWriter::with_capacity(64 * 1024, stream);
    write!(
        out,
        "HTTP/1.1 {}\r\nContent-Length: {len}\r\nConnection: close\r\n",
        r.status
    )?;
    for (k, v) in &r.headers {
        write!(out, "{k}: {v}\r\n")?;
    }
    out.write_all(b"X-Content-Type-Options: nosniff\r\n\r\n")?;
    if !head_only && len > 0 {
        r.body.write(&mut out, start, len)?;
    }
    out.flush()
}

/// A Server-Sent Events stream: one `reload` event per rebuild, and a
/// comment every 15 s to notice closed tabs.
fn events(mut stream: &TcpStream, state: &ServeState) -> std::io::Result<()> {
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
