//! The preview's side of the HTTP/1.1 wire: reading a request head within
//! a deadline and a size limit, parsing it strictly, deciding whether its
//! `Host` is one the preview answers to, and understanding `Range`.
//!
//! Everything here but [`read_head`] is pure and unit-tested below; the
//! server in [`crate::serve::http`] only wires these answers to sockets.
//! Strict means: a head that is not UTF-8, a request line that is not
//! `METHOD SP target SP HTTP/1.x`, a header line without a name, or a
//! head over [`MAX_HEAD`] bytes is a 400, never a guess.

use std::io::{ErrorKind, Read};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::time::Instant;

/// The largest request head read (request line and headers together).
/// Browsers send about 1 KiB; 16 KiB leaves room for long cookies.
pub const MAX_HEAD: usize = 16 * 1024;

/// Why no request head could be read.
#[derive(Debug, PartialEq, Eq)]
pub enum Unread {
    /// The client went away (or sent nothing) before the head ended.
    Closed,
    /// The whole head did not arrive before the deadline.
    Timeout,
    /// The head grew past [`MAX_HEAD`].
    TooLarge,
}

/// Reads until the blank line that ends a request head, giving up at
/// `deadline` however the bytes trickle in (each read may wait only for
/// what is left of the total), or past [`MAX_HEAD`] bytes.
pub fn read_head(mut stream: &TcpStream, deadline: Instant) -> Result<Vec<u8>, Unread> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Unread::Timeout);
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| Unread::Closed)?;
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(Unread::Closed),
            Ok(n) => n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(Unread::Timeout);
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Err(Unread::Closed),
        };
        // Look for the end only where it can be: in the new bytes and the
        // three before them.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&chunk[..n]);
        if let Some(end) = head_end(&head[from..]) {
            head.truncate(from + end);
            return Ok(head);
        }
        if head.len() > MAX_HEAD {
            return Err(Unread::TooLarge);
        }
        if not_a_request(&head) {
            // Whatever follows cannot help (a TLS hello on the HTTP port):
            // hand it to `parse_head` for its 400 now, not at the deadline.
            return Ok(head);
        }
    }
}

/// True when the bytes so far cannot begin a request line: the method
/// has a byte that no method has.
fn not_a_request(head: &[u8]) -> bool {
    head.iter()
        .take_while(|b| **b != b' ')
        .any(|b| !is_token(*b))
}

/// The length of the head up to and including its blank line (`\r\n\r\n`,
/// or `\n\n` from clients that send bare line feeds).
fn head_end(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len()).find_map(|i| {
        let rest = &bytes[i..];
        if rest.starts_with(b"\r\n\r\n") {
            Some(i + 4)
        } else if rest.starts_with(b"\n\n") {
            Some(i + 2)
        } else if rest.starts_with(b"\n\r\n") {
            Some(i + 3)
        } else {
            None
        }
    })
}

/// A parsed request head: what the preview needs of it.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
    pub range: Option<String>,
}

/// Why a head is malformed: said in the 400's body.
pub type Malformed = &'static str;

/// Parses a head read by [`read_head`]. HTTP/1.1 requires exactly one
/// `Host`; HTTP/1.0 may leave it out.
pub fn parse_head(bytes: &[u8]) -> Result<Head, Malformed> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8")?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().unwrap_or("");
    let parts: Vec<&str> = line.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err("request line is not `METHOD /path HTTP/1.1`");
    };
    if method.is_empty() || !method.bytes().all(is_token) {
        return Err("bad method");
    }
    if target.is_empty() || target.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("bad request target");
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err("not HTTP/1.0 or HTTP/1.1");
    }
    let mut head = Head {
        method: method.to_string(),
        target: target.to_string(),
        host: None,
        range: None,
    };
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or("header line without a colon")?;
        if name.is_empty() || !name.bytes().all(is_token) {
            return Err("bad header name");
        }
        if value.chars().any(|c| c.is_control() && c != '\t') {
            return Err("control character in a header");
        }
        let value = value.trim_matches([' ', '\t']).to_string();
        if name.eq_ignore_ascii_case("host") {
            if head.host.replace(value).is_some() {
                return Err("more than one Host header");
            }
        } else if name.eq_ignore_ascii_case("range") {
            head.range = Some(value);
        }
    }
    if version == "HTTP/1.1" && head.host.is_none() {
        return Err("HTTP/1.1 request without a Host header");
    }
    Ok(head)
}

/// RFC 9110 `tchar`: what a method or a header name is made of.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Whether the preview answers to a `Host` header. A web page on another
/// site can make its own name resolve to 127.0.0.1 (DNS rebinding) and
/// read the preview, drafts included, unless the preview checks the name
/// the browser thinks it is talking to. Answered: `localhost`, loopback
/// addresses and the address the preview listens on, with or without a
/// port. When it listens on every address (`--bind 0.0.0.0`, to open it
/// from a phone), any IP address is answered: the phone uses the
/// computer's address, and a rebinding attack needs a name, not an
/// address.
pub fn host_allowed(host: &str, local: SocketAddr) -> bool {
    let Some(name) = host_name(host) else {
        return false;
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == local.ip() || local.ip().is_unspecified(),
        Err(_) => false,
    }
}

/// The name part of `name`, `name:port`, `[v6]` or `[v6]:port`; `None`
/// when the port is not a number or brackets are unbalanced.
fn host_name(host: &str) -> Option<&str> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            let port = match after {
                "" => None,
                p => Some(p.strip_prefix(':')?),
            };
            inside.parse::<std::net::Ipv6Addr>().ok()?;
            (inside, port)
        }
        None => match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    if port.is_some_and(|p| p.parse::<u16>().is_err() || p.starts_with('+')) || name.is_empty() {
        return None;
    }
    Some(name)
}

/// The host of an absolute-form target (`GET http://host/path`), which
/// stands for the `Host` header and so is checked like it.
pub fn target_authority(target: &str) -> Option<&str> {
    let (_, rest) = target.split_once("://")?;
    rest.split(['/', '?', '#']).next()
}

/// What a `Range` header asks of a body of a given length.
#[derive(Debug, PartialEq, Eq)]
pub enum Ranged {
    /// The whole body (no Range, or one the preview ignores: another
    /// unit, several ranges, or a syntax error, as RFC 9110 allows).
    Whole,
    /// Bytes `start..=end` (206).
    Part { start: u64, end: u64 },
    /// Nothing of the body is in the range (416).
    Unsatisfiable,
}

/// Parses a single byte range: `bytes=a-b`, `bytes=a-` or `bytes=-n`.
pub fn parse_range(value: &str, len: u64) -> Ranged {
    let Some(spec) = value
        .get(..6)
        .filter(|unit| unit.eq_ignore_ascii_case("bytes="))
        .map(|_| value[6..].trim())
    else {
        return Ranged::Whole;
    };
    let Some((first, last)) = spec.split_once('-') else {
        return Ranged::Whole;
    };
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        // `-n`: the last n bytes.
        return match number(last) {
            None => Ranged::Whole,
            Some(n) if n == 0 || len == 0 => Ranged::Unsatisfiable,
            Some(n) => Ranged::Part {
                start: len - n.min(len),
                end: len - 1,
            },
        };
    }
    let Some(start) = number(first) else {
        return Ranged::Whole;
    };
    let end = match (last.is_empty(), number(last)) {
        (true, _) => None,
        (false, Some(end)) if end >= start => Some(end),
        (false, _) => return Ranged::Whole,
    };
    if start >= len {
        return Ranged::Unsatisfiable;
    }
    Ranged::Part {
        start,
        end: end.map_or(len - 1, |end| end.min(len - 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::{
        Head, Ranged, head_end, host_allowed, not_a_request, parse_head, parse_range,
        target_authority,
    };
    use std::net::SocketAddr;

    fn local(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn answers_loopback_names_and_the_bind_address_only() {
        let lo = local("127.0.0.1:1111");
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "localhost.:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.0.0.1:8080",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(host_allowed(ok, lo), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "192.168.1.5:1111",
            "",
            ":1111",
            "localhost:",
            "localhost:99999",
            "localhost:+80",
            "localhost:1111:1111",
            "[::1",
            "[::1]x",
            "[evil.example]:1111",
            "::1",
        ] {
            assert!(!host_allowed(bad, lo), "{bad}");
        }
        let lan = local("192.168.1.5:1111");
        assert!(host_allowed("192.168.1.5:1111", lan));
        assert!(host_allowed("localhost:1111", lan));
        assert!(!host_allowed("10.0.0.2:1111", lan));
        let any = local("0.0.0.0:1111");
        assert!(host_allowed("10.0.0.2:1111", any));
        assert!(host_allowed("[fe80::1]:1111", local("[::]:1111")));
        assert!(!host_allowed("evil.example:1111", any));
    }

    #[test]
    fn an_absolute_target_names_its_host() {
        assert_eq!(
            target_authority("http://evil.example:1111/x"),
            Some("evil.example:1111")
        );
        assert_eq!(target_authority("http://[::1]?q"), Some("[::1]"));
        assert_eq!(target_authority("/berita/"), None);
    }

    #[test]
    fn parses_ranges_of_one_span() {
        let part = |start, end| Ranged::Part { start, end };
        for (value, len, want) in [
            ("bytes=0-99", 1000, part(0, 99)),
            ("bytes=0-0", 1000, part(0, 0)),
            ("bytes=990-", 1000, part(990, 999)),
            ("bytes=990-5000", 1000, part(990, 999)),
            ("bytes=-10", 1000, part(990, 999)),
            ("bytes=-5000", 1000, part(0, 999)),
            ("BYTES= 5-9", 1000, part(5, 9)),
            ("bytes=1000-", 1000, Ranged::Unsatisfiable),
            ("bytes=5000-6000", 1000, Ranged::Unsatisfiable),
            ("bytes=-0", 1000, Ranged::Unsatisfiable),
            ("bytes=0-", 0, Ranged::Unsatisfiable),
            ("bytes=-1", 0, Ranged::Unsatisfiable),
            ("bytes=9-5", 1000, Ranged::Whole),
            ("bytes=0-1,5-9", 1000, Ranged::Whole),
            ("bytes=x-9", 1000, Ranged::Whole),
            ("bytes=+1-9", 1000, Ranged::Whole),
            ("bytes=-", 1000, Ranged::Whole),
            ("bytes=", 1000, Ranged::Whole),
            ("bytes=99999999999999999999-", 1000, Ranged::Whole),
            ("items=0-9", 1000, Ranged::Whole),
            ("", 1000, Ranged::Whole),
        ] {
            assert_eq!(parse_range(value, len), want, "{value} of {len}");
        }
    }

    #[test]
    fn parses_a_well_formed_head() {
        let head = parse_head(
            b"GET /berita/?a=1 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nRange: bytes=0-9\r\nUser-Agent: Mozilla/5.0 (Linux; Android 10)\r\n\r\n",
        );
        assert_eq!(
            head,
            Ok(Head {
                method: "GET".into(),
                target: "/berita/?a=1".into(),
                host: Some("127.0.0.1:1111".into()),
                range: Some("bytes=0-9".into()),
            })
        );
        let old = parse_head(b"HEAD / HTTP/1.0\n\n").unwrap();
        assert_eq!((old.method.as_str(), old.host), ("HEAD", None));
    }

    #[test]
    fn refuses_malformed_heads() {
        for bad in [
            &b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\nHost: \xc3\x28\r\n\r\n",
            b"GET / HTTP/1.1\r\nX-Name: caf\xe9\r\n\r\n",
            b"\r\n\r\n",
            b"GET /\r\n\r\n",
            b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET / HTTP/1.1 x\r\nHost: x\r\n\r\n",
            b"GET / HTTP/2.0\r\nHost: x\r\n\r\n",
            b"GET / http/1.1\r\nHost: x\r\n\r\n",
            b"G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET /a\x01b HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost : x\r\n\r\n",
            b"GET / HTTP/1.1\r\n: x\r\nHost: x\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\nX: a\x00b\r\n\r\n",
            b"GET / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        ] {
            assert!(
                parse_head(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad).escape_debug()
            );
        }
    }

    #[test]
    fn sees_early_when_bytes_are_no_request() {
        assert!(not_a_request(b"\x16\x03\x01\x02\x00\x01"));
        assert!(not_a_request(b"GET\r\n"));
        assert!(!not_a_request(b"GE"));
        assert!(!not_a_request(b"GET /\xff"));
        assert!(parse_head(b"\x16\x03\x01\x02\x00\x01").is_err());
    }

    #[test]
    fn finds_the_end_of_a_head() {
        assert_eq!(head_end(b"GET / HTTP/1.0\r\n\r\nbody"), Some(18));
        assert_eq!(head_end(b"GET / HTTP/1.0\n\nbody"), Some(16));
        assert_eq!(head_end(b"GET / HTTP/1.0\r\nHost: x\r\n"), None);
    }
}
