//! What `bangvang new` writes for each kind: every field of the kind, the
//! required ones first and filled in, the others commented out with what
//! they mean, in Vietnamese. References are real slugs of the site.

use super::SiteSlugs;
use crate::vi;
use chrono::NaiveDate;

/// The kinds `new` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Unit,
    Movement,
    Person,
    Collective,
    Conference,
    Decision,
    News,
    Page,
    Plan,
}

impl NewKind {
    pub fn folder(self) -> &'static str {
        match self {
            NewKind::Unit => "units",
            NewKind::Movement => "movements",
            NewKind::Person => "people",
            NewKind::Collective => "collectives",
            NewKind::Conference => "conferences",
            NewKind::Decision => "decisions",
            NewKind::News => "news",
            NewKind::Page => "pages",
            NewKind::Plan => "plans",
        }
    }

    pub fn extension(self) -> &'static str {
        if self == NewKind::Decision {
            "toml"
        } else {
            "md"
        }
    }

    /// Whether the kind can be a page bundle (a folder with its photos).
    pub fn bundles(self) -> bool {
        self != NewKind::Decision
    }
}

/// What the officer still has to write, for the message after `new`.
pub fn fill_in(kind: NewKind) -> Vec<&'static str> {
    match kind {
        NewKind::Unit => vec![
            "kind (loại đơn vị)",
            "parent (đơn vị cấp trên)",
            "the description below +++",
        ],
        NewKind::Movement => vec![
            "launched_by",
            "starts / ends (thời gian thi đua)",
            "goals (nội dung thi đua)",
            "the criteria below +++",
        ],
        NewKind::Person | NewKind::Collective => vec![
            "unit (đơn vị)",
            "position, summary",
            "commendations",
            "the story below +++",
        ],
        NewKind::Conference => vec![
            "date, organizer, location",
            "programme, delegates",
            "honoured (điển hình được biểu dương)",
        ],
        NewKind::Decision => vec![
            "date, authority, award",
            "the recipients ([[recipients]])",
            "then remove `draft = true` (until then it is not published; `bangvang serve --drafts` shows it)",
        ],
        NewKind::News => vec![
            "date, summary",
            "about (tin về ai, phong trào nào)",
            "the article below +++",
        ],
        NewKind::Page => vec!["the text below +++"],
        NewKind::Plan => vec![
            "number, date, signer (số, ngày ban hành, người ký)",
            "purposes, requirements (mục đích, yêu cầu)",
            "the timeline ([[milestones]]: due, owner, done)",
            "file (bản ký số, PDF) and the content below +++",
        ],
    }
}

/// A unit kind guessed from the name: `Xã Nhân Lý` is a commune.
/// The kind of a conference, from how its name begins.
fn conference_kind(name: &str) -> &'static str {
    let folded = vi::fold(name);
    if folded.starts_with("dai hoi") {
        "dai-hoi-thi-dua-yeu-nuoc"
    } else if folded.contains("tong ket") {
        "hoi-nghi-tong-ket"
    } else if folded.contains("bieu duong") || folded.contains("ton vinh") {
        "hoi-nghi-bieu-duong"
    } else if folded.contains("dien hinh") {
        "hoi-nghi-dien-hinh-tien-tien"
    } else {
        "khac"
    }
}

fn unit_kind(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let starts = |p: &str| lower.starts_with(p);
    if starts("xã") {
        "xa"
    } else if starts("phường") {
        "phuong"
    } else if starts("đặc khu") {
        "dac-khu"
    } else if starts("tỉnh") {
        "tinh"
    } else if starts("thành phố") {
        "thanh-pho"
    } else if starts("thôn")
        || starts("bản")
        || starts("ấp")
        || starts("tổ dân phố")
        || starts("khu phố")
    {
        "thon"
    } else if starts("trường") {
        "truong-hoc"
    } else if starts("cụm thi đua") {
        "cum-thi-dua"
    } else if starts("khối thi đua") {
        "khoi-thi-dua"
    } else if starts("công ty") || starts("hợp tác xã") || starts("doanh nghiệp") {
        "doanh-nghiep"
    } else if starts("ubnd")
        || starts("ủy ban")
        || starts("sở")
        || starts("phòng")
        || starts("ban")
        || starts("hội")
    {
        "co-quan"
    } else {
        "khac"
    }
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn some_of(list: &[String]) -> String {
    if list.is_empty() {
        return "(chưa có)".into();
    }
    let mut shown: Vec<&str> = list.iter().take(4).map(String::as_str).collect();
    if list.len() > 4 {
        shown.push("…");
    }
    shown.join(", ")
}

/// The text of a new file.
pub fn text(kind: NewKind, name: &str, site: &SiteSlugs, today: NaiveDate) -> String {
    let date = today.format("%d/%m/%Y").to_string();
    let unit = site.unit().unwrap_or("xa-…");
    let top = site.top_unit().unwrap_or(unit);
    let units: Vec<String> = site.units.iter().map(|(s, _)| s.clone()).collect();
    let n = quoted(name);
    match kind {
        NewKind::Unit => {
            let kind = unit_kind(name);
            let parent = if matches!(kind, "tinh" | "thanh-pho") || site.units.is_empty() {
                "# parent = \"tinh-…\"       # đơn vị cấp trên (tên tệp trong content/units/)"
                    .to_string()
            } else {
                format!(
                    "parent = {}                # đơn vị cấp trên; các đơn vị: {}",
                    quoted(top),
                    some_of(&units)
                )
            };
            format!(
                r#"+++
# Đơn vị: tỉnh, xã, thôn, cơ quan, trường học, cụm thi đua… (BẮT BUỘC: name)
name = {n}
# Loại: tinh, thanh-pho, xa, phuong, dac-khu, thon, co-quan, doanh-nghiep, truong-hoc,
# cum-thi-dua, khoi-thi-dua, khac (huyen, quan, thi-xa, thi-tran: đơn vị trước 1/7/2025)
kind = "{kind}"
{parent}
# address = "…"                 # địa chỉ trụ sở (công khai)
# website = "https://…"
# logo = "logo.png"             # ảnh biểu trưng, đặt cạnh tệp này
# order = 1                     # thứ tự hiển thị giữa các đơn vị cùng cấp
# established = "1/7/2025"      # ngày thành lập
# dissolved = "30/6/2025"       # ngày giải thể, sáp nhập
# successor = "xa-…"            # đơn vị tiếp nhận sau sáp nhập
# Chỉ cho cụm, khối thi đua:
# members = ["xa-…", "xa-…"]
# [[scores]]
# year = 2025
# unit = "xa-…"
# score = 95.5
+++
Giới thiệu về đơn vị (viết bằng Markdown).
"#
            )
        }
        NewKind::Movement => format!(
            r#"+++
# Phong trào thi đua (BẮT BUỘC: title, launched_by)
title = {n}
launched_by = {top}            # đơn vị phát động; các đơn vị: {units}
# slogan = "…"                   # chủ đề, khẩu hiệu
# launched = "{date}"            # ngày phát động
# starts = "{date}"              # thời gian thi đua: từ ngày
# ends = "31/12/{year}"           # đến ngày
# parent = "…"                   # phong trào cấp trên mà phong trào này cụ thể hóa; có: {movements}
# plan = "…"                     # kế hoạch phát động phong trào (tên tệp trong plans/)
# based_on = ["Kế hoạch số …/KH-UBND ngày … của …"]   # căn cứ
# goals = ["…", "…"]             # nội dung thi đua
# awards = ["giay-khen-cap-xa", "bang-khen-cap-tinh"]         # hình thức khen thưởng
# documents = [{{ title = "Kế hoạch phát động", file = "ke-hoach.pdf" }}]
+++
Nội dung, tiêu chí thi đua.
"#,
            top = quoted(top),
            units = some_of(&units),
            year = today.format("%Y"),
            movements = some_of(&site.movements),
        ),
        NewKind::Person | NewKind::Collective => {
            let person = kind == NewKind::Person;
            let who = if person { "Cá nhân" } else { "Tập thể" };
            let personal = if person {
                "# gender = \"nu\"                # nam hoặc nu: chỉ dùng cho thống kê, không hiện trên trang\n# ethnicity = \"Tày\"             # dân tộc: chỉ dùng cho thống kê\n"
            } else {
                ""
            };
            format!(
                r#"+++
# {who} điển hình (BẮT BUỘC: name, unit)
name = {n}
unit = {unit}                  # đơn vị; các đơn vị: {units}
# position = "…"                 # chức vụ
{personal}# fields = ["nông nghiệp"]       # lĩnh vực
# movements = [{movement}]        # phong trào tiêu biểu
# photo = "anh.jpg"              # ảnh chân dung, đặt cạnh tệp này
# summary = "…"                  # một dòng: thành tích nổi bật

# Khen thưởng đã nhận (chép khối này cho mỗi khen thưởng):
# [[commendations]]
# award = "giay-khen-cap-xa"          # mã hình thức khen thưởng
# authority = "Chủ tịch UBND xã …"
# conferred_by = {unit}          # đơn vị khen thưởng
# decision = "…/QĐ-UBND"         # số quyết định
# date = "{date}"                # ngày quyết định
# citation = "Đã có thành tích xuất sắc trong …"

# Thông tin riêng (số điện thoại, địa chỉ, ngày sinh, số CCCD): không bao giờ đăng lên trang.
# [private]
# dien_thoai = "…"
+++
Câu chuyện về tấm gương điển hình (viết bằng Markdown).
"#,
                unit = quoted(unit),
                units = some_of(&units),
                movement = site.movements.first().map_or("\"…\"".into(), |m| quoted(m)),
            )
        }
        NewKind::Conference => format!(
            r#"+++
# Hội nghị, đại hội (BẮT BUỘC: title, organizer, date)
title = {n}
organizer = {top}              # đơn vị tổ chức; các đơn vị: {units}
date = "{date}"
# kind: hoi-nghi-dien-hinh-tien-tien, dai-hoi-thi-dua-yeu-nuoc, hoi-nghi-tong-ket, hoi-nghi-bieu-duong, khac
kind = "{kind}"
# location = "Hội trường …"
# edition = 1                    # lần thứ (hiện bằng số La Mã)
# period = "2025-2030"
# next = "…"                     # đại hội cấp trên mà hội nghị này tiến tới; có: {conferences}
# tentative = true               # ngày dự kiến; có thể ghi tháng: date = "cuối tháng 02/2025"
# plan = "…"                     # kế hoạch tổ chức hội nghị (tên tệp trong plans/)
# programme = ["Khai mạc", "Báo cáo tổng kết", "Biểu dương, khen thưởng"]
# honoured = [{person}]          # điển hình được biểu dương
# speakers = []                  # người báo cáo tham luận
# launched = []                  # phong trào được phát động tại hội nghị
# elected = []                   # đại biểu dự đại hội cấp trên
# documents = [{{ title = "Báo cáo", file = "bao-cao.pdf" }}]
# Thành phần đại biểu: điển hình ít nhất 70%, khách mời nhiều nhất 30%.
# [delegates]
# total = 100
# exemplars = 75
# guests = 25
# women = 40
# ethnic_minority = 20
# cap = 100
+++
Kết quả hội nghị.
"#,
            top = quoted(top),
            kind = conference_kind(name),
            units = some_of(&units),
            conferences = some_of(&site.conferences),
            person = site.people.first().map_or("\"…\"".into(), |p| quoted(p)),
        ),
        NewKind::Decision => {
            let recipient = match site.people.first() {
                Some(p) => format!(
                    "person = {}              # người có trang riêng (tên tệp trong content/people/)",
                    quoted(p)
                ),
                None => format!(
                    "name = \"Họ và tên\"          # người chưa có trang riêng: tên và đơn vị\nunit = {}",
                    quoted(unit)
                ),
            };
            format!(
                r#"# Quyết định khen thưởng (không có dòng +++). BẮT BUỘC: ít nhất một [[recipients]].
# Tệp mới là bản nháp, chưa được đăng: điền đúng người được khen theo quyết
# định, xem bằng `bangvang serve --drafts`, rồi xóa dòng draft dưới đây.
draft = true
number = {n}
date = "{date}"
# authority = "Chủ tịch UBND xã …"
# conferred_by = {unit}          # đơn vị khen thưởng
award = "giay-khen-cap-xa"       # hình thức khen thưởng chung (mỗi người có thể ghi riêng)
# movement = {movement}
# citation = "Đã có thành tích xuất sắc trong …"

# Mỗi người, tập thể được khen là một khối [[recipients]]:
[[recipients]]
{recipient}
# position = "…"                  # chức vụ khi được khen

# [[recipients]]
# collective = "…"                # tập thể có trang riêng
# [[recipients]]
# unit = "xa-…"                   # một đơn vị được khen
"#,
                unit = quoted(unit),
                movement = site.movements.first().map_or("\"…\"".into(), |m| quoted(m)),
            )
        }
        NewKind::News => format!(
            r#"+++
# Tin bài (BẮT BUỘC: title, date)
title = {n}
date = "{date}"
# summary = "…"                  # một đoạn ngắn giới thiệu
# about = [{about}]              # tin về ai, đơn vị, phong trào, hội nghị nào
# photo = "anh.jpg"
+++
Nội dung tin bài (viết bằng Markdown).
"#,
            about = site
                .people
                .first()
                .map_or("\"unit:…\"".into(), |p| quoted(&format!("person:{p}"))),
        ),
        NewKind::Plan => format!(
            r#"+++
# Văn bản: kế hoạch, chỉ thị, hướng dẫn… (BẮT BUỘC: title, issuer)
title = {n}                      # trích yếu
issuer = {top}                   # cơ quan ban hành; các đơn vị: {units}
# type: ke-hoach, chi-thi, huong-dan, quy-che, quyet-dinh, thong-bao, bao-cao, khac
type = "ke-hoach"
# number = "…/KH-UBND"           # số văn bản
# date = "{date}"                # ngày ban hành; chưa có ngày thì ghi tháng: "06/2025"
# signer = {{ title = "Chủ tịch", name = "…" }}
# implements = "…"               # kế hoạch cấp trên mà văn bản này thực hiện (tên tệp trong plans/)
# based_on = ["Kế hoạch số …/KH-UBND ngày … của …", "plan:…"]   # căn cứ
# purposes = ["…"]               # mục đích
# requirements = ["…"]           # yêu cầu
# file = "ke-hoach.pdf"          # bản ký số, đặt cạnh tệp này
# attachments = [{{ title = "Phụ lục", file = "phu-luc.pdf" }}]
# Phong trào, hội nghị thực hiện văn bản này ghi plan = "<tên tệp này>" ở tệp của chúng.

# Tiến độ thực hiện: mỗi bước một khối [[milestones]].
# due: ngày ("10/01/2025"), tháng ("02/2025", "trong tháng 4 năm 2025"), quý ("quý I/2025"),
#      năm ("2025"), đầu/giữa/cuối tháng ("cuối tháng 02/2025"), hạn ("trước ngày 10/01/2025").
# owner: các đơn vị thực hiện. Khi xong, ghi done = ngày hoàn thành; bước quá hạn
# chưa có done hiện "quá hạn" trên trang.
# [[milestones]]
# title = "Các đơn vị gửi báo cáo, danh sách điển hình"
# due = "trước ngày 10/01/2025"
# owner = [{top}]
# done = "08/01/2025"
# note = "…"
#
# [[milestones]]
# title = "Tổ chức Hội nghị điển hình tiên tiến"
# due = "cuối tháng 02/2025"
# tentative = true               # thời gian dự kiến
+++
Nội dung văn bản (viết bằng Markdown).
"#,
            top = quoted(top),
            units = some_of(&units),
        ),
        NewKind::Page => format!(
            r#"+++
# Trang tự do: giới thiệu, liên hệ… (BẮT BUỘC: title)
title = {n}
# order = 1                      # thứ tự ở chân trang
+++
Nội dung trang (viết bằng Markdown).
"#
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conference_kinds_follow_the_name() {
        assert_eq!(
            conference_kind("Đại hội Thi đua yêu nước tỉnh lần thứ VI"),
            "dai-hoi-thi-dua-yeu-nuoc"
        );
        assert_eq!(
            conference_kind("Hội nghị điển hình tiên tiến xã"),
            "hoi-nghi-dien-hinh-tien-tien"
        );
        assert_eq!(
            conference_kind("Hội nghị tổng kết phong trào"),
            "hoi-nghi-tong-ket"
        );
        assert_eq!(conference_kind("Lễ biểu dương"), "hoi-nghi-bieu-duong");
        assert_eq!(conference_kind("Gặp mặt"), "khac");
    }

    #[test]
    fn unit_kinds_follow_the_name() {
        assert_eq!(unit_kind("Xã Nhân Lý"), "xa");
        assert_eq!(unit_kind("Phường Đông Kinh"), "phuong");
        assert_eq!(unit_kind("Tỉnh Lạng Sơn"), "tinh");
        assert_eq!(unit_kind("Thôn Bản Xâm"), "thon");
        assert_eq!(unit_kind("Trường THCS Nhân Lý"), "truong-hoc");
        assert_eq!(unit_kind("Cụm thi đua số 1"), "cum-thi-dua");
        assert_eq!(unit_kind("Đặc khu Phú Quốc"), "dac-khu");
    }
}
