//! HTTP/1.1 on the wire for `serve`: one thread per connection, request
//! heads parsed by `httparse`, answers written with their length, and
//! connections kept open between requests until the browser closes them or
//! stays silent for [`IDLE`].
//!
//! A thread per connection, not a pool: a browser opens six connections at
//! once for a page and keeps them open; a pool smaller than that (as
//! tiny_http's was, which could also leave a new connection queued behind
//! idle ones) leaves some of a page's images waiting forever.

use super::State;
use super::http::{self, Answer, Reply};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// How long a connection may stay silent before it is closed.
const IDLE: Duration = Duration::from_secs(30);
/// The largest request head read (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 64;

/// A request's head, as much of it as `serve` needs.
#[derive(Debug, PartialEq)]
pub struct Head {
    pub method: String,
    pub target: String,
    /// Whether the connection closes after the answer.
    pub close: bool,
}

/// Accepts connections until the listener fails.
pub fn accept(listener: TcpListener, state: std::sync::Arc<State>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let state = state.clone();
        std::thread::spawn(move || connection(stream, &state));
    }
}

fn connection(stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let head = match read_head(&mut reader) {
            Ok(Some(head)) => head,
            Ok(None) => return,
            Err(answer) => {
                let _ = write_answer(&mut writer, &answer, false, false);
                return;
            }
        };
        match http::respond(&head.method, &head.target, state) {
            Reply::Events => {
                http::events(&mut writer, state);
                return;
            }
            Reply::Answer(answer) => {
                let keep = !head.close;
                let head_only = head.method == "HEAD";
                if write_answer(&mut writer, &answer, head_only, keep).is_err() || !keep {
                    return;
                }
            }
        }
    }
}

/// Reads the next request head: `None` when the connection is closed or
/// silent, an answer to send before closing when the request is malformed.
pub fn read_head(reader: &mut impl BufRead) -> Result<Option<Head>, Answer> {
    let mut raw = Vec::new();
    loop {
        let mut limited = reader.take((MAX_HEAD - raw.len()) as u64 + 1);
        let read = match limited.read_until(b'\n', &mut raw) {
            Ok(n) => n,
            Err(_) => return Ok(None),
        };
        if read == 0 {
            return Ok(None);
        }
        if raw.len() > MAX_HEAD {
            return Err(http::text(431, "Request Header Fields Too Large"));
        }
        // Empty lines before a request are allowed (RFC 9112, 2.2).
        if raw == b"\r\n" || raw == b"\n" {
            raw.clear();
            continue;
        }
        if raw.ends_with(b"\n\r\n") || raw.ends_with(b"\n\n") {
            break;
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(&raw) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Err(http::text(400, "Bad Request")),
    }
    let (Some(method), Some(target), Some(version)) =
        (request.method, request.path, request.version)
    else {
        return Err(http::text(400, "Bad Request"));
    };
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    // A body is not read: a request with one ends the connection after its answer.
    let has_body = header("transfer-encoding").is_some()
        || header("content-length").is_some_and(|l| l.trim() != "0");
    let close = match header("connection") {
        Some(c) if c.contains("close") => true,
        Some(c) if c.contains("keep-alive") => false,
        _ => version == 0,
    };
    Ok(Some(Head {
        method: method.to_string(),
        target: target.to_string(),
        close: close || has_body,
    }))
}

/// Writes an answer: its status, headers, length and (unless to a `HEAD`) body.
pub fn write_answer(
    out: &mut impl Write,
    answer: &Answer,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", answer.status, reason(answer.status));
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: {}\r\n\r\n",
        answer.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    ));
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(&answer.body)?;
    }
    out.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(raw: &str) -> Vec<Result<Option<Head>, u16>> {
        let mut reader = BufReader::new(raw.as_bytes());
        let mut out = Vec::new();
        loop {
            let head = read_head(&mut reader).map_err(|a| a.status);
            let end = !matches!(head, Ok(Some(_)));
            out.push(head);
            if end {
                return out;
            }
        }
    }

    fn head(method: &str, target: &str, close: bool) -> Result<Option<Head>, u16> {
        Ok(Some(Head {
            method: method.into(),
            target: target.into(),
            close,
        }))
    }

    #[test]
    fn requests_on_one_connection_are_read_in_turn() {
        let raw = "GET /vinh-danh/ HTTP/1.1\r\nHost: x\r\n\r\n\
                   HEAD /vinh-danh/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        assert_eq!(
            heads(raw),
            vec![
                head("GET", "/vinh-danh/", false),
                head("HEAD", "/vinh-danh/style.css", true),
                Ok(None)
            ]
        );
    }

    #[test]
    fn http_1_0_closes_unless_kept_alive_and_a_body_closes() {
        assert_eq!(heads("GET / HTTP/1.0\r\n\r\n")[0], head("GET", "/", true));
        assert_eq!(
            heads("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")[0],
            head("GET", "/", false)
        );
        assert_eq!(
            heads("GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")[0],
            head("GET", "/", true)
        );
    }

    #[test]
    fn malformed_or_huge_heads_are_refused() {
        assert_eq!(heads("NOT A REQUEST\r\n\r\n")[0], Err(400));
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(heads(&huge)[0], Err(431));
        // A connection closed midway through a head is just closed.
        assert_eq!(heads("GET / HTTP/1.1\r\nHost"), vec![Ok(None)]);
    }

    #[test]
    fn answers_carry_their_length_and_no_body_for_head() {
        let answer = http::text(404, "Not Found");
        let mut out = Vec::new();
        write_answer(&mut out, &answer, false, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        assert!(text.contains("Content-Length: 9\r\nConnection: keep-alive\r\n\r\nNot Found"));
        let mut out = Vec::new();
        write_answer(&mut out, &answer, true, false).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .ends_with("Connection: close\r\n\r\n")
        );
    }
}
