//! `bangvang serve`, started as an officer starts it (the real binary, a
//! free port), checked over HTTP: after every change of a series (an edit,
//! a new file, a deleted one, a rename, `site.toml`, a template, a
//! spreadsheet, a broken file and its fix) every file a full build writes
//! is served byte for byte the same (pages with the reload script, which
//! only `serve` adds), files the build no longer writes are gone, and the
//! server refuses paths that leave the site, answers `HEAD`, gives the
//! site's 404 page and stops at once on Ctrl-C. The reload of an open page
//! in Chromium is `tests/browser/reload.test.js`.

use crate::helpers::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-21";

/// A running `bangvang serve`.
struct Served {
    child: Child,
    address: String,
    base: String,
}

/// An HTTP answer.
struct Answer {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

impl Served {
    fn start(site: &Path) -> Served {
        let mut child = bin()
            .args(["serve", "--port", "0", "--now", NOW, "--root"])
            .arg(site)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("serve ended before it said where it serves")
                .unwrap();
            if let Some(at) = line.find("http://") {
                break line[at..].split_whitespace().next().unwrap().to_string();
            }
        };
        // Keep reading what it prints, so that it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let rest = url.strip_prefix("http://").unwrap();
        let (address, base) = rest.split_at(rest.find('/').unwrap());
        Served {
            child,
            address: address.to_string(),
            base: base.to_string(),
        }
    }

    /// Sends `request_line` as is (so that tests can send what a browser
    /// would not) and reads the whole answer.
    fn raw(&self, method: &str, target: &str) -> Answer {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut all = Vec::new();
        stream.read_to_end(&mut all).unwrap();
        let split = all
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("an HTTP answer");
        let head = String::from_utf8_lossy(&all[..split]).into_owned();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        Answer {
            status,
            headers: head,
            body: all[split + 4..].to_vec(),
        }
    }

    fn get(&self, target: &str) -> Answer {
        self.raw("GET", target)
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_slice(&self.get("/__bangvang/status").body).unwrap()
    }

    fn builds(&self) -> u64 {
        self.status()["builds"].as_u64().unwrap()
    }

    /// Waits until a build after the `before`-th has run and no other
    /// follows for a while (an editor's save may come as several events).
    fn settled_after(&self, before: u64) -> serde_json::Value {
        let started = Instant::now();
        let mut last = before;
        let mut quiet_since = Instant::now();
        loop {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no rebuild after the change"
            );
            let now = self.builds();
            if now != last {
                last = now;
                quiet_since = Instant::now();
            }
            if last > before && quiet_since.elapsed() > Duration::from_millis(400) {
                return self.status();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Makes a change and waits for the server to have rebuilt after it.
    fn change(&self, what: impl FnOnce()) -> serde_json::Value {
        let before = self.builds();
        what();
        self.settled_after(before)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The complete fixture, copied where it may be changed.
fn site_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("complete"), &site);
    (dir, site)
}

/// Every file a full build of `site` writes is served the same, and the
/// `gone` paths (relative to the base) are not served.
fn served_equals_build(served: &Served, site: &Path, gone: &[&str]) {
    let out = tempfile::tempdir().unwrap();
    cli_build_ok(site, &out.path().join("public"), NOW);
    let built = snapshot(&out.path().join("public"));
    assert!(built.len() > 50, "the build wrote {} files", built.len());
    let mut differ = Vec::new();
    for (rel, bytes) in &built {
        let rel = rel.replace('\\', "/");
        if rel == ".bangvang" {
            continue; // the build's own mark on its output folder
        }
        let target = format!("{}{}", served.base, encode_path(&rel));
        let answer = served.get(&target);
        let mut body = answer.body;
        if rel.ends_with(".html") {
            let text = String::from_utf8(body).unwrap();
            assert!(
                text.contains(bangvang::RELOAD_TAG),
                "{rel}: no reload script"
            );
            body = text.replacen(bangvang::RELOAD_TAG, "", 1).into_bytes();
        }
        if answer.status != 200 || &body != bytes {
            differ.push(format!("{rel} ({})", answer.status));
        }
    }
    assert!(
        differ.is_empty(),
        "served differently from the build: {differ:?}"
    );
    for rel in gone {
        let answer = served.get(&format!("{}{rel}", served.base));
        assert_eq!(answer.status, 404, "{rel} is still served");
    }
}

fn encode_path(rel: &str) -> String {
    rel.split('/')
        .map(|s| {
            s.bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_served_site_equals_a_full_build_after_every_change() {
    let (_dir, site) = site_copy();
    let served = Served::start(&site);
    assert_eq!(served.base, "/vinh-danh/");
    served_equals_build(&served, &site, &[]);
    let people = site.join("content/people");

    // The text of one profile: the quick way through.
    let status = served.change(|| {
        edit(
            &people.join("dinh-thi-anh.md"),
            "Câu chuyện của chị Ánh.",
            "Câu chuyện mới của chị Ánh, **đã sửa**.",
        )
    });
    assert_eq!(status["patched"], true, "{status}");
    served_equals_build(&served, &site, &[]);
    let page = served.get("/vinh-danh/ca-nhan/dinh-thi-anh/");
    assert!(String::from_utf8_lossy(&page.body).contains("Câu chuyện mới"));
    // Its position and summary, shown in lists too.
    let status = served.change(|| {
        edit(
            &people.join("dinh-thi-anh.md"),
            "position = \"Trưởng thôn\"",
            "position = \"Bí thư chi bộ thôn\"\nsummary = \"Người gương mẫu của bản\"",
        )
    });
    assert_eq!(status["patched"], true, "{status}");
    served_equals_build(&served, &site, &[]);

    // A name (the roll order changes) and a new commendation: the full way.
    let status = served.change(|| {
        edit(
            &people.join("pham-van-dung.md"),
            "name = \"Phạm Văn Dũng\"",
            "name = \"Phạm Văn An\"",
        );
    });
    assert_eq!(status["patched"], false, "{status}");
    served_equals_build(&served, &site, &[]);
    served.change(|| {
        let path = people.join("pham-van-dung.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let more = "\n[[commendations]]\naward = \"giay-khen\"\nyear = 2025\ndecision = \"77/QĐ-UBND\"\ndate = \"9/9/2025\"\n+++";
        let at = text.rfind("+++").unwrap();
        std::fs::write(&path, format!("{}{more}{}", &text[..at], &text[at + 3..])).unwrap();
    });
    served_equals_build(&served, &site, &[]);

    // A new file, then a deleted one, then a rename.
    served.change(|| {
        std::fs::write(
            people.join("vi-thi-lan.md"),
            "+++\nname = \"Vi Thị Lan\"\nunit = \"xa-nhan-ly\"\n\n[[commendations]]\naward = \"giay-khen\"\ndecision = \"88/QĐ-UBND\"\ndate = \"1/10/2025\"\n+++\nNgười mới.\n",
        )
        .unwrap();
    });
    served_equals_build(&served, &site, &[]);
    assert_eq!(served.get("/vinh-danh/ca-nhan/vi-thi-lan/").status, 200);
    served.change(|| std::fs::remove_file(people.join("tran-van-duc.md")).unwrap());
    served_equals_build(&served, &site, &["ca-nhan/tran-van-duc/"]);
    served.change(|| {
        std::fs::rename(people.join("vi-thi-lan.md"), people.join("vi-thi-lan-2.md")).unwrap()
    });
    served_equals_build(&served, &site, &["ca-nhan/vi-thi-lan/"]);

    // site.toml, a template of the site's own, a spreadsheet of decisions.
    served.change(|| {
        edit(
            &site.join("site.toml"),
            "title = \"Bảng vàng thử nghiệm\"",
            "title = \"Bảng vàng xã Nhân Lý\"",
        )
    });
    served_equals_build(&served, &site, &[]);
    served.change(|| {
        let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html");
        let text = std::fs::read_to_string(theme).unwrap();
        std::fs::create_dir_all(site.join("templates")).unwrap();
        let marked = text.replacen(
            "{% block main %}",
            "{% block main %}<p>Trang riêng của xã</p>",
            1,
        );
        assert_ne!(marked, text, "the 404 template has a main block");
        std::fs::write(site.join("templates/404.html"), marked).unwrap();
    });
    served_equals_build(&served, &site, &[]);
    let missing = served.get("/vinh-danh/khong-co-trang-nay/");
    assert_eq!(missing.status, 404);
    assert!(String::from_utf8_lossy(&missing.body).contains("Trang riêng của xã"));
    served.change(|| {
        std::fs::write(
            site.join("content/decisions/ds-moi.csv"),
            "Số quyết định,Ngày,Hình thức,Họ và tên,Đơn vị\n301/QĐ-UBND,3/3/2025,Giấy khen,Hà Văn Tú,Xã Nhân Lý\n",
        )
        .unwrap();
    });
    served_equals_build(&served, &site, &[]);

    // A broken file: the last good site is still served, and the fix clears it.
    let good = served.get("/vinh-danh/ca-nhan/dinh-thi-anh/").body;
    let status = served.change(|| {
        edit(
            &people.join("dinh-thi-anh.md"),
            "unit = \"thon-ban-xam\"",
            "unit = \"thon-ban-xam",
        )
    });
    assert_eq!(status["ok"], false);
    assert_eq!(served.get("/vinh-danh/ca-nhan/dinh-thi-anh/").body, good);
    let status = served.change(|| {
        edit(
            &people.join("dinh-thi-anh.md"),
            "unit = \"thon-ban-xam",
            "unit = \"thon-ban-xam\"",
        )
    });
    assert_eq!(status["ok"], true);
    served_equals_build(&served, &site, &[]);
    assert!(!site.join("public").exists(), "serve wrote public/");
}

#[test]
fn paths_that_leave_the_site_are_refused() {
    let (dir, site) = site_copy();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "MẬT-KHẨU-BÍ-MẬT").unwrap();
    std::os::unix::fs::symlink(&secret, site.join("content/tai-lieu/lien-ket.txt")).unwrap();
    let served = Served::start(&site);
    for target in [
        "/vinh-danh/../secret.txt",
        "/vinh-danh/../../secret.txt",
        "/vinh-danh/%2e%2e/secret.txt",
        "/vinh-danh/%2E%2E/%2E%2E/secret.txt",
        "/vinh-danh/..%2fsecret.txt",
        "/vinh-danh/tai-lieu%2f..%2f..%2fsite.toml",
        "/vinh-danh/..%5csecret.txt",
        "/vinh-danh/tai-lieu/lien-ket.txt",
        "/vinh-danh/%00",
        "/../site.toml",
        "/vinh-danh//etc/passwd",
        "/vinh-danh/site.toml",
    ] {
        let answer = served.get(target);
        assert!(
            matches!(answer.status, 400 | 403 | 404),
            "{target}: {}",
            answer.status
        );
        let body = String::from_utf8_lossy(&answer.body);
        assert!(!body.contains("MẬT-KHẨU"), "{target} leaked the file");
        assert!(!body.contains("base_url"), "{target} leaked site.toml");
    }
}

#[test]
fn pages_have_their_types_head_answers_and_the_root_redirects() {
    let (_dir, site) = site_copy();
    let served = Served::start(&site);
    let root = served.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("Location").as_deref(), Some("/vinh-danh/"));
    let home = served.get("/vinh-danh/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let head = served.raw("HEAD", "/vinh-danh/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(
        head.header("Content-Length"),
        Some(home.body.len().to_string())
    );
    for (target, mime) in [
        ("/vinh-danh/style.css", "text/css; charset=utf-8"),
        ("/vinh-danh/tai-lieu/ke-hoach.pdf", "application/pdf"),
        (
            "/vinh-danh/khen-thuong/index.csv",
            "text/csv; charset=utf-8",
        ),
        ("/vinh-danh/atom.xml", "application/atom+xml; charset=utf-8"),
    ] {
        let answer = served.get(target);
        assert_eq!(answer.status, 200, "{target}");
        assert_eq!(
            answer.header("Content-Type").as_deref(),
            Some(mime),
            "{target}"
        );
    }
    // A folder without its slash goes to the folder.
    let folder = served.get("/vinh-danh/ca-nhan");
    assert_eq!(folder.status, 301);
    assert_eq!(
        folder.header("Location").as_deref(),
        Some("/vinh-danh/ca-nhan/")
    );
    assert_eq!(served.raw("POST", "/vinh-danh/").status, 405);
}

/// Reads one answer of a kept-alive connection: its status and body.
fn read_kept_alive(reader: &mut BufReader<TcpStream>) -> (u16, Vec<u8>) {
    let mut status = 0;
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("an answer in time");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(code) = line.strip_prefix("HTTP/1.1 ") {
            status = code[..3].parse().unwrap();
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    (status, body)
}

#[test]
fn a_browsers_kept_alive_connections_are_all_answered() {
    let (_dir, site) = site_copy();
    let served = Served::start(&site);
    // A page's files come on six or more connections at once, each kept
    // open; every one is answered, and again on the same connection.
    let mut connections: Vec<BufReader<TcpStream>> = (0..10)
        .map(|_| {
            let stream = TcpStream::connect(&served.address).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            BufReader::new(stream)
        })
        .collect();
    for round in ["style.css", "search.js"] {
        for c in &mut connections {
            let request = format!("GET /vinh-danh/{round} HTTP/1.1\r\nHost: x\r\n\r\n");
            c.get_mut().write_all(request.as_bytes()).unwrap();
        }
        for c in &mut connections {
            let (status, body) = read_kept_alive(c);
            assert_eq!(status, 200, "{round}");
            assert!(!body.is_empty(), "{round}");
        }
    }
}

#[test]
fn ctrl_c_stops_it_at_once() {
    let (_dir, site) = site_copy();
    let mut served = Served::start(&site);
    // An open event stream must not keep it alive.
    let mut events = TcpStream::connect(&served.address).unwrap();
    write!(events, "GET /__bangvang/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let pid = served.child.id() as i32;
    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(pid, libc::SIGINT) };
    let started = Instant::now();
    loop {
        if served.child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "serve still runs 2 s after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_site_broken_from_the_start_is_shown_once_fixed() {
    let (_dir, site) = site_copy();
    let file = site.join("content/people/dinh-thi-anh.md");
    edit(&file, "unit = \"thon-ban-xam\"", "unit = \"thon-ban-xam");
    let served = Served::start(&site);
    assert_eq!(
        served.base, "/vinh-danh/",
        "the base path is known from site.toml"
    );
    let waiting = served.get("/vinh-danh/");
    assert_eq!(waiting.status, 503);
    let body = String::from_utf8_lossy(&waiting.body).into_owned();
    assert!(body.contains("Trang chưa dựng được"), "{body}");
    assert!(
        body.contains(bangvang::RELOAD_TAG),
        "it reloads itself once fixed"
    );
    assert_eq!(served.status()["ok"], false);
    let status = served.change(|| edit(&file, "unit = \"thon-ban-xam", "unit = \"thon-ban-xam\""));
    assert_eq!(status["ok"], true);
    served_equals_build(&served, &site, &[]);
}
