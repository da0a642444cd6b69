//! The preview server under hostile clients, against the real binary on
//! 127.0.0.1, started as `sh -c 'ulimit -n 1024; exec warta serve …'` (the
//! file limit of many desktops): a foreign `Host` (DNS rebinding) is
//! refused, a client dripping its headers is cut at the deadline while
//! others are answered, 1,000 idle connections do not starve normal
//! requests, malformed requests get a 400, and media can be asked for in
//! byte ranges. Every loop is bounded and stops by itself.
#![cfg(unix)]

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Served, Site};

const POST: &str = "/berita/posyandu-krajan/";

struct Preview {
    served: Served,
}

/// What came back: the status, the head as text, the body as bytes.
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn parse_answer(bytes: &[u8]) -> Answer {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(bytes.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let status = head
        .strip_prefix("HTTP/1.1 ")
        .and_then(|s| s.get(..3))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        head,
        body: bytes[end..].to_vec(),
    }
}

impl Preview {
    fn start(site: &Site) -> Preview {
        Preview::start_with_files(site, 1024)
    }

    /// Starts the preview allowed `files` open files.
    fn start_with_files(site: &Site, files: u32) -> Preview {
        let child = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -n {files} && exec \"$0\" serve --port 0 --root \"$1\""
            ))
            .arg(env!("CARGO_BIN_EXE_warta"))
            .arg(site.root())
            .env("LANG", "C")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Preview {
            served: Served::new(child),
        }
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(("127.0.0.1", self.served.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        s
    }

    /// Sends `request` as it is and reads the answer to the end.
    fn raw(&self, request: &[u8]) -> Answer {
        let mut s = self.connect();
        // The server may answer and close before taking all of a huge
        // request: what it answered is what counts.
        let _ = s.write_all(request);
        let mut buf = Vec::new();
        match s.read_to_end(&mut buf) {
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset && !buf.is_empty() => {}
            Err(e) => panic!("{e} after {:?}", String::from_utf8_lossy(&buf)),
        }
        parse_answer(&buf)
    }

    fn request(&self, method: &str, target: &str, host: &str, extra: &str) -> Answer {
        let r = format!(
            "{method} {target} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n"
        );
        self.raw(r.as_bytes())
    }

    fn get(&self, target: &str) -> Answer {
        self.request(
            "GET",
            target,
            &format!("127.0.0.1:{}", self.served.port),
            "",
        )
    }

    fn get_range(&self, target: &str, range: &str) -> Answer {
        let host = format!("127.0.0.1:{}", self.served.port);
        self.request("GET", target, &host, &format!("Range: {range}\r\n"))
    }
}

#[test]
fn a_foreign_host_is_refused_and_loopback_names_are_answered() {
    let site = Site::fixture("minimal");
    let server = Preview::start(&site);
    let port = server.served.port;
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("192.168.1.5:{port}"),
        format!("[::2]:{port}"),
        format!("localhost:{port}:{port}"),
    ] {
        for (method, target) in [("GET", POST), ("GET", "/__warta/events"), ("POST", "/")] {
            let a = server.request(method, target, &host, "");
            assert_eq!(
                a.status, 403,
                "{method} {target} with Host {host}: {}",
                a.head
            );
            assert!(!a.text().contains("Posyandu"), "{host} got the page");
        }
    }
    let a = server.request("GET", POST, &format!("evil.example:{port}"), "");
    assert_eq!(
        a.text(),
        format!(
            "403: pratinjau warta tidak melayani alamat `evil.example:{port}`; buka http://127.0.0.1:{port}/\n\
             403: the warta preview does not answer to `evil.example:{port}`; open http://127.0.0.1:{port}/\n"
        )
    );
    // An absolute target names its own host, which wins over `Host`.
    let a = server.request("GET", "http://evil.example/berita/", "127.0.0.1", "");
    assert_eq!(a.status, 403);
    for host in [
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_string(),
        format!("localhost:{port}"),
        "LOCALHOST".to_string(),
        format!("[::1]:{port}"),
    ] {
        let a = server.request("GET", POST, &host, "");
        assert_eq!(a.status, 200, "Host {host}: {}", a.head);
        assert!(a.text().contains("Posyandu Balita Dusun Krajan"));
    }
    // HTTP/1.0 may leave `Host` out.
    let a = server.raw(format!("GET {POST} HTTP/1.0\r\n\r\n").as_bytes());
    assert_eq!(a.status, 200);
}

/// Each case is a request no client should send; each gets a 400 with a
/// reason, and the server answers the next request as usual.
#[test]
fn malformed_requests_get_400_and_the_server_goes_on() {
    let site = Site::fixture("minimal");
    let server = Preview::start(&site);
    let big_head = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{}\r\n",
        "X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(400)
    );
    let huge_line = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "invalid UTF-8 in the target",
            b"GET /\xff\xfe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "overlong UTF-8 dots",
            b"GET /\xc0\xae\xc0\xae/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "invalid UTF-8 in a header",
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Name: caf\xe9\r\n\r\n".to_vec(),
        ),
        (
            "invalid UTF-8 in Host",
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\xff\r\n\r\n".to_vec(),
        ),
        ("no version", b"GET /\r\nHost: 127.0.0.1\r\n\r\n".to_vec()),
        ("method only", b"GET\r\n\r\n".to_vec()),
        ("empty request line", b"\r\n\r\n".to_vec()),
        (
            "double spaces",
            b"GET  /  HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "four words",
            b"GET / HTTP/1.1 x\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "HTTP/2.0",
            b"GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "lowercase version",
            b"GET / http/1.1\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "HTTP/2 preface",
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(),
        ),
        (
            "bad method byte",
            b"GE(T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "control byte in the target",
            b"GET /a\x01b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "header without colon",
            b"GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "space before colon",
            b"GET / HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "empty header name",
            b"GET / HTTP/1.1\r\n: x\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        ),
        (
            "folded header",
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n folded\r\n\r\n".to_vec(),
        ),
        (
            "NUL in a header",
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: a\x00b\r\n\r\n".to_vec(),
        ),
        ("HTTP/1.1 without Host", b"GET / HTTP/1.1\r\n\r\n".to_vec()),
        (
            "two Host headers",
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: localhost\r\n\r\n".to_vec(),
        ),
        (
            "TLS hello on the HTTP port",
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03".to_vec(),
        ),
        ("24 KiB of headers", big_head.into_bytes()),
        ("a 64 KiB request line", huge_line.into_bytes()),
    ];
    for (what, request) in &cases {
        let started = Instant::now();
        let a = server.raw(request);
        assert_eq!(a.status, 400, "{what}: {}", a.head);
        assert!(a.text().starts_with("400: "), "{what}: {}", a.text());
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{what}: slow 400"
        );
        assert_eq!(server.get(POST).status, 200, "after {what}");
    }
    println!("{} malformed requests answered 400", cases.len());
}

#[test]
fn media_can_be_asked_for_in_byte_ranges() {
    let site = Site::fixture("minimal");
    let video: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
    site.write("media/musdes.mp4", &video);
    site.write("media/rekaman.mp3", &video[..300]);
    let server = Preview::start(&site);
    let whole = server.get("/media/musdes.mp4");
    assert_eq!(whole.status, 200);
    assert_eq!(whole.body, video);
    assert_eq!(whole.header("Accept-Ranges"), Some("bytes"));
    assert_eq!(whole.header("Content-Type"), Some("video/mp4"));
    let parts: [(&str, usize, usize); 5] = [
        ("bytes=0-99", 0, 99),
        ("bytes=0-0", 0, 0),
        ("bytes=9990-", 9990, 9999),
        ("bytes=-5", 9995, 9999),
        ("bytes=5000-20000", 5000, 9999),
    ];
    for (range, start, end) in parts {
        let a = server.get_range("/media/musdes.mp4", range);
        assert_eq!(a.status, 206, "{range}: {}", a.head);
        let want = format!("bytes {start}-{end}/10000");
        assert_eq!(a.header("Content-Range"), Some(want.as_str()), "{range}");
        assert_eq!(a.body, video[start..=end], "{range}");
        assert_eq!(
            a.header("Content-Length"),
            Some((end - start + 1).to_string().as_str())
        );
    }
    for range in ["bytes=10000-", "bytes=20000-30000", "bytes=-0"] {
        let a = server.get_range("/media/musdes.mp4", range);
        assert_eq!(a.status, 416, "{range}");
        assert_eq!(a.header("Content-Range"), Some("bytes */10000"));
        assert!(a.body.is_empty());
    }
    // Ranges the preview does not serve in parts: the whole file.
    for range in ["bytes=100-50", "bytes=0-1,5-9", "items=0-9", "bytes=x-"] {
        let a = server.get_range("/media/musdes.mp4", range);
        assert_eq!((a.status, a.body.len()), (200, 10_000), "{range}");
    }
    let audio = server.get_range("/media/rekaman.mp3", "bytes=-100");
    assert_eq!(audio.status, 206);
    assert_eq!(audio.header("Content-Type"), Some("audio/mpeg"));
    assert_eq!(audio.body, video[200..300]);
    // A file held in memory, too; HTML pages change as they are served
    // (the reload script), so they are always sent whole.
    let css = server.get("/style.css");
    let part = server.get_range("/style.css", "bytes=0-9");
    assert_eq!((part.status, &part.body[..]), (206, &css.body[..10]));
    let page = server.get_range(POST, "bytes=0-9");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("Accept-Ranges"), None);
    let head = server.request(
        "HEAD",
        "/media/musdes.mp4",
        "localhost",
        "Range: bytes=0-9\r\n",
    );
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Length"), Some("10000"));
    assert!(head.body.is_empty());
}

#[test]
fn a_dripping_client_is_cut_at_the_deadline_while_others_are_answered() {
    let site = Site::fixture("minimal");
    let server = Preview::start(&site);
    let mut drip = server.connect();
    drip.set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let started = Instant::now();
    drip.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let (mut answer, mut cut, mut lines) = (Vec::new(), None, 0);
    let mut slowest = Duration::ZERO;
    while started.elapsed() < Duration::from_secs(20) {
        if drip
            .write_all(format!("X-Drip-{lines}: a\r\n").as_bytes())
            .is_err()
        {
            cut = Some(started.elapsed());
            break;
        }
        lines += 1;
        let mut buf = [0u8; 1024];
        match drip.read(&mut buf) {
            Ok(0) => {
                cut = Some(started.elapsed());
                break;
            }
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => {
                cut = Some(started.elapsed());
                break;
            }
        }
        let t = Instant::now();
        assert_eq!(server.get(POST).status, 200, "a normal request meanwhile");
        slowest = slowest.max(t.elapsed());
        std::thread::sleep(Duration::from_millis(450));
    }
    let cut = cut.expect("the dripping client was never cut");
    println!(
        "dripping client: {lines} header lines, cut after {:.1} s; {lines} normal requests meanwhile, slowest {} ms",
        cut.as_secs_f64(),
        slowest.as_millis()
    );
    assert!(
        cut >= Duration::from_millis(9500) && cut < Duration::from_secs(13),
        "cut after {cut:?}"
    );
    assert!(
        answer.starts_with(b"HTTP/1.1 408 Request Timeout\r\n"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    assert!(slowest < Duration::from_secs(2), "slowest {slowest:?}");
}

/// The test process opens 1,000 sockets of its own: its soft limit (not
/// the server's) must allow that.
fn soft_file_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

#[test]
fn a_thousand_idle_connections_do_not_starve_requests() {
    if let Some(limit) = soft_file_limit() {
        assert!(
            limit >= 1100,
            "this test opens 1,000 sockets; raise `ulimit -n` (now {limit}) to run it"
        );
    }
    let site = Site::fixture("minimal");
    let server = Preview::start(&site);
    let idle: Vec<TcpStream> = (0..1000)
        .map(|_| {
            let mut s = server.connect();
            s.write_all(b"GET / HT").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let a = server.get(POST);
        times.push(t.elapsed());
        assert_eq!(a.status, 200, "{}", a.head);
        assert!(a.text().contains("Posyandu Balita Dusun Krajan"));
    }
    times.sort();
    let fds = std::fs::read_dir(format!("/proc/{}/fd", server.served.id()))
        .map(|d| d.count())
        .ok();
    // Closed: the end of the stream (or a reset); open and idle: no byte
    // within a millisecond.
    let closed = idle
        .iter()
        .filter(|s| {
            let mut s: &TcpStream = s;
            s.set_read_timeout(Some(Duration::from_millis(1))).unwrap();
            match s.read(&mut [0u8; 1]) {
                Ok(_answered_or_closed) => true,
                Err(e) => !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
            }
        })
        .count();
    println!(
        "1000 idle connections: {closed} closed by the server, its open files {fds:?}; \
         50/50 requests answered, p50 {:?}, max {:?}",
        times[25], times[49]
    );
    assert!(
        times[49] < Duration::from_secs(2),
        "slowest {:?}",
        times[49]
    );
    assert!(
        closed >= 1000 - 128,
        "only {closed} idle connections closed"
    );
    if let Some(fds) = fds {
        assert!(fds < 200, "the server holds {fds} files");
    }
}

/// Far fewer files than the cap of connections (64): `accept` itself
/// fails, and the preview makes room instead of giving up.
#[test]
fn out_of_files_the_listener_goes_on_accepting() {
    let site = Site::fixture("minimal");
    let server = Preview::start_with_files(&site, 64);
    let _idle: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut s = server.connect();
            s.write_all(b"GET / HT").unwrap();
            s
        })
        .collect();
    let started = Instant::now();
    for i in 0..20 {
        let a = server.get(POST);
        assert_eq!(a.status, 200, "request {i}: {}", a.head);
    }
    let took = started.elapsed();
    println!("64 files, 300 idle connections: 20 requests in {took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}
