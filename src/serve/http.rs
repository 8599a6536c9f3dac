//! The HTTP side of `serve`: answers requests from the current snapshot.
//!
//! Pages are served under the base path (`/vinh-danh/…`; `/` redirects
//! there), with their MIME type, for `GET` and `HEAD`, and the site's own
//! 404 page. A request names a file of the snapshot, never a path on disk:
//! a path is decoded once, and one with `..`, an encoded slash or
//! backslash, a NUL or a control character is refused before it is looked
//! up; files of the theme and of `content/` are read only if they are still
//! inside their folder once every link is followed. HTML pages get a small
//! script (served from `/__bangvang/`, allowed by the pages' own policy)
//! that reloads them after a rebuild and shows a failed build's errors over
//! the page.

use super::State;
use super::snapshot::{Found, Snapshot};
use std::io::Write;
use std::path::Path;

/// Where the server's own files live, outside any site's paths.
pub const PREFIX: &str = "/__bangvang/";
/// What is put before `</body>` of every page served.
pub const RELOAD_TAG: &str = "<script src=\"/__bangvang/reload.js\" defer></script>";
const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_CSS: &str = include_str!("reload.css");
/// What is shown while the site has errors and was never built.
const NOT_BUILT: &str = "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Trang chưa dựng được</title></head><body><h1>Trang chưa dựng được</h1><p>Nội dung có lỗi nên chưa có trang nào để xem. Lỗi được ghi ở cửa sổ dòng lệnh và hiện ngay trên trang này; sửa tệp rồi lưu lại, trang sẽ tự tải lại.</p></body></html>\n";

/// An answer to a request: its status, headers (besides the length) and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// What a request gets: an answer, or the stream of build events.
pub enum Reply {
    Answer(Answer),
    Events,
}

fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Answer {
    Answer {
        status,
        headers: vec![
            ("Content-Type", content_type.to_string()),
            ("Cache-Control", "no-store".to_string()),
        ],
        body,
    }
}

/// A plain-text answer.
pub fn text(status: u16, message: &str) -> Answer {
    bytes(
        status,
        "text/plain; charset=utf-8",
        message.as_bytes().to_vec(),
    )
}

fn redirect(status: u16, to: &str) -> Answer {
    let mut answer = text(status, "");
    answer.headers.push(("Location", to.to_string()));
    answer
}

/// What a request for `target` with `method` gets.
pub fn respond(method: &str, target: &str, state: &State) -> Reply {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if !matches!(method, "GET" | "HEAD") {
        let mut answer = text(405, "Method Not Allowed");
        answer.headers.push(("Allow", "GET, HEAD".to_string()));
        return Reply::Answer(answer);
    }
    if path == format!("{PREFIX}events") {
        return Reply::Events;
    }
    Reply::Answer(answer(path, state))
}

fn answer(path: &str, state: &State) -> Answer {
    match path.strip_prefix(PREFIX) {
        Some("reload.js") => return bytes(200, "text/javascript; charset=utf-8", RELOAD_JS.into()),
        Some("reload.css") => return bytes(200, "text/css; charset=utf-8", RELOAD_CSS.into()),
        Some("status") => return bytes(200, "application/json", state.status_json().into_bytes()),
        Some(_) => return text(404, "Not Found"),
        None => {}
    }
    let Some(snapshot) = state.snapshot() else {
        // The page shows the errors (the reload script draws them) and
        // reloads itself once the site builds.
        return html(503, NOT_BUILT.as_bytes());
    };
    let base = snapshot.base_path();
    if path == "/" && base != "/" {
        return redirect(302, base);
    }
    let Some(rel) = path
        .strip_prefix(base)
        .or_else(|| (path.to_string() + "/").eq(base).then_some(""))
    else {
        return not_found(&snapshot);
    };
    let Some(rel) = decode(rel) else {
        return text(400, "Bad Request: the path is not a path of the site");
    };
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    match snapshot.find(&file) {
        Ok(Some(found)) => serve_found(found, &file, state),
        Ok(None) if snapshot.has_page(&format!("{rel}/index.html")) => {
            redirect(301, &format!("{base}{}/", encode(&rel)))
        }
        Ok(None) => not_found(&snapshot),
        Err(d) => text(500, &d.render(false)),
    }
}

fn not_found(snapshot: &Snapshot) -> Answer {
    match snapshot.find("404.html") {
        Ok(Some(Found::Made(b))) => html(404, &b),
        _ => text(404, "Not Found"),
    }
}

fn html(status: u16, page: &[u8]) -> Answer {
    let mut body = page.to_vec();
    if let Some(at) = find(&body, b"</body>") {
        body.splice(at..at, RELOAD_TAG.bytes());
    }
    bytes(status, "text/html; charset=utf-8", body)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn serve_found(found: Found, rel: &str, state: &State) -> Answer {
    let mime = mime(rel);
    match found {
        Found::Made(b) if mime.starts_with("text/html") => html(200, &b),
        Found::Made(b) => bytes(200, &mime, b.to_vec()),
        Found::File(path) => match read_inside(&path, state) {
            Some(b) => bytes(200, &mime, b),
            None => text(404, "Not Found"),
        },
    }
}

/// Reads a file of the site only if, with every link followed, it is still
/// in the site's folder: a file replaced by a link since the build is not
/// followed out of it.
fn read_inside(path: &Path, state: &State) -> Option<Vec<u8>> {
    let real = std::fs::canonicalize(path).ok()?;
    if !state.roots.iter().any(|r| real.starts_with(r)) {
        return None;
    }
    std::fs::read(real).ok()
}

fn mime(rel: &str) -> String {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8".into(),
        Some("xml") if rel.ends_with("atom.xml") => "application/atom+xml; charset=utf-8".into(),
        Some("xml") => "application/xml; charset=utf-8".into(),
        Some("css") => "text/css; charset=utf-8".into(),
        Some("js") => "text/javascript; charset=utf-8".into(),
        Some("json") => "application/json".into(),
        Some("csv") => "text/csv; charset=utf-8".into(),
        Some("txt") => "text/plain; charset=utf-8".into(),
        Some("svg") => "image/svg+xml".into(),
        Some("vtt") => "text/vtt; charset=utf-8".into(),
        _ => mime_guess::from_path(rel)
            .first_or_octet_stream()
            .essence_str()
            .to_string(),
    }
}

/// The path of a request relative to the base path, decoded; `None` for
/// anything that is not a plain path inside the site.
pub fn decode(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    // An encoded slash, backslash or NUL can only be an attempt to leave the path.
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    if decoded.contains('\\') || decoded.chars().any(char::is_control) || decoded.starts_with('/') {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    for (i, s) in segments.iter().enumerate() {
        let last = i == segments.len() - 1;
        if matches!(*s, "." | "..") || (s.is_empty() && !last) {
            return None;
        }
    }
    Some(decoded)
}

/// What is encoded in a path segment: all but the unreserved characters.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn encode(rel: &str) -> String {
    rel.split('/')
        .map(|s| percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Server-sent events: `reload` after each good rebuild, `failed` with the
/// errors after a bad one, `ok` when the errors are fixed. The connection
/// stays open until the page goes away.
pub fn events(writer: &mut impl Write, state: &State) {
    let receiver = state.listen();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let first = match state.errors_json() {
        Some(json) => format!("event: failed\ndata: {json}\n\n"),
        None => format!("event: hello\ndata: {}\n\n", state.generation()),
    };
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.write_all(first.as_bytes()))
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match receiver.recv_timeout(std::time::Duration::from_secs(15)) {
            Ok(m) => m,
            // A comment keeps proxies from closing an idle stream, and finds a closed one.
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(_) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_are_decoded() {
        assert_eq!(
            decode("ca-nhan/nguyen-thi-hoa/").as_deref(),
            Some("ca-nhan/nguyen-thi-hoa/")
        );
        assert_eq!(
            decode("tai-lieu/k%E1%BA%BF%20ho%E1%BA%A1ch.pdf").as_deref(),
            Some("tai-lieu/kế hoạch.pdf")
        );
        assert_eq!(decode("").as_deref(), Some(""));
        for bad in [
            "../site.toml",
            "a/../../site.toml",
            "%2e%2e/site.toml",
            "%2E%2E%2Fsite.toml",
            "a%2fb",
            "a%5cb",
            "a\\\\b",
            "a%00b",
            "a//b",
            "/etc/passwd",
            "%ff",
            "a%0ab",
            "./a",
        ] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn paths_are_encoded_as_browsers_write_them() {
        assert_eq!(encode("ca-nhan/nguyễn_a.b~"), "ca-nhan/nguy%E1%BB%85n_a.b~");
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let a = html(200, b"<html><body><p>x</p></body></html>");
        assert_eq!(a.status, 200);
        let body = String::from_utf8(a.body).unwrap();
        assert_eq!(
            body,
            format!("<html><body><p>x</p>{RELOAD_TAG}</body></html>")
        );
    }
}
