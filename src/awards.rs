//! The awards catalogue: danh hiệu thi đua and hình thức khen thưởng of the
//! 2022 Law on Emulation and Commendation (Luật Thi đua, khen thưởng 2022).
//!
//! Every commendation names its award by slug. The catalogue says who may
//! receive it (an individual, a collective, or both), at which level it is
//! conferred, and its rank, so that rolls can be ordered by prestige and an
//! award given to a recipient it does not fit is caught. It ships built in
//! and a site may rename kinds or add its own under `[[awards]]` in
//! `site.toml`.

use crate::vi;
use serde::Serialize;
use std::collections::HashMap;

/// Whether an award is an emulation title or a form of commendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AwardClass {
    /// Danh hiệu thi đua: an emulation title (Lao động tiên tiến, Cờ thi đua…).
    DanhHieu,
    /// Hình thức khen thưởng: an order, medal, certificate of merit…
    HinhThuc,
}

/// Who may receive an award.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Eligible {
    /// Only individuals (cá nhân).
    CaNhan,
    /// Only collectives (tập thể), including units honoured as such.
    TapThe,
    /// Both.
    CaHai,
}

impl Eligible {
    /// Values accepted in `site.toml` (Vietnamese, and English aliases).
    pub const CHOICES: &'static [&'static str] = &[
        "ca-nhan",
        "tap-the",
        "ca-hai",
        "individual",
        "person",
        "collective",
        "both",
    ];

    /// Parses a `site.toml` value.
    pub fn from_slug(s: &str) -> Option<Self> {
        match s {
            "ca-nhan" | "individual" | "person" => Some(Eligible::CaNhan),
            "tap-the" | "collective" => Some(Eligible::TapThe),
            "ca-hai" | "both" => Some(Eligible::CaHai),
            _ => None,
        }
    }

    /// Whether an individual may receive it.
    pub fn individuals(self) -> bool {
        matches!(self, Eligible::CaNhan | Eligible::CaHai)
    }

    /// Whether a collective may receive it.
    pub fn collectives(self) -> bool {
        matches!(self, Eligible::TapThe | Eligible::CaHai)
    }
}

/// The level at which an award is conferred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AwardLevel {
    /// Nhà nước: the President, the Government, the Prime Minister.
    NhaNuoc,
    /// Bộ, ban, ngành, tỉnh: a ministry or a province.
    Tinh,
    /// Sở, ban, ngành: a department or agency of a province.
    So,
    /// Huyện: a district (and agencies of that level).
    Huyen,
    /// Xã, cơ sở: a commune or a basic unit.
    Xa,
}

impl AwardLevel {
    /// Values accepted in `site.toml` (Vietnamese, and English aliases).
    pub const CHOICES: &'static [&'static str] = &[
        "nha-nuoc",
        "tinh",
        "huyen",
        "so-nganh",
        "xa",
        "state",
        "national",
        "province",
        "ministry",
        "department",
        "district",
        "commune",
        "grassroots",
    ];

    /// All levels, highest first.
    pub const ALL: [AwardLevel; 5] = [
        AwardLevel::NhaNuoc,
        AwardLevel::Tinh,
        AwardLevel::So,
        AwardLevel::Huyen,
        AwardLevel::Xa,
    ];

    /// Parses a `site.toml` value.
    pub fn from_slug(s: &str) -> Option<Self> {
        match s {
            "nha-nuoc" | "state" | "national" => Some(AwardLevel::NhaNuoc),
            "tinh" | "province" | "ministry" => Some(AwardLevel::Tinh),
            "so-nganh" | "department" => Some(AwardLevel::So),
            "huyen" | "district" => Some(AwardLevel::Huyen),
            "xa" | "commune" | "grassroots" => Some(AwardLevel::Xa),
            _ => None,
        }
    }

    /// The slug, also the key of its label in the language catalogue.
    pub fn slug(self) -> &'static str {
        match self {
            AwardLevel::NhaNuoc => "nha-nuoc",
            AwardLevel::Tinh => "tinh",
            AwardLevel::So => "so-nganh",
            AwardLevel::Huyen => "huyen",
            AwardLevel::Xa => "xa",
        }
    }

    fn default_rank(self) -> u32 {
        match self {
            AwardLevel::NhaNuoc => 800,
            AwardLevel::Tinh => 500,
            AwardLevel::So => 300,
            AwardLevel::Huyen => 200,
            AwardLevel::Xa => 100,
        }
    }
}

/// One kind of award.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Award {
    /// URL slug and the name commendations use.
    pub slug: String,
    /// Vietnamese name as written on decisions.
    pub name: String,
    /// Title or form of commendation.
    pub class: AwardClass,
    /// Who may receive it.
    pub eligible: Eligible,
    /// Conferring level.
    pub level: AwardLevel,
    /// Prestige: higher is more prestigious.
    pub rank: u32,
    /// Other names it is known by (matched when reading spreadsheets).
    pub aliases: Vec<String>,
}

impl Award {
    /// Whether its level is that of whoever gives it: a Giấy khen is given
    /// by the head of a commune, a district, a department or a province,
    /// and is of that level.
    pub fn level_follows_giver(&self) -> bool {
        self.class == HinhThuc && crate::vi::fold(&self.name).starts_with("giay khen")
    }
}

/// Index of an award in the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct AwardId(pub u32);

use AwardClass::{DanhHieu, HinhThuc};
use AwardLevel::{Huyen, NhaNuoc, Tinh, Xa};
use Eligible::{CaHai, CaNhan, TapThe};

/// (slug, name, class, eligible, level, rank, aliases)
type Row = (
    &'static str,
    &'static str,
    AwardClass,
    Eligible,
    AwardLevel,
    u32,
    &'static [&'static str],
);

#[rustfmt::skip]
const BUILT_IN: &[Row] = &[
    // Huân chương (orders)
    ("huan-chuong-sao-vang", "Huân chương Sao vàng", HinhThuc, CaHai, NhaNuoc, 1000, &[]),
    ("huan-chuong-ho-chi-minh", "Huân chương Hồ Chí Minh", HinhThuc, CaHai, NhaNuoc, 990, &[]),
    ("huan-chuong-doc-lap-hang-nhat", "Huân chương Độc lập hạng Nhất", HinhThuc, CaHai, NhaNuoc, 970, &[]),
    ("huan-chuong-doc-lap-hang-nhi", "Huân chương Độc lập hạng Nhì", HinhThuc, CaHai, NhaNuoc, 960, &[]),
    ("huan-chuong-doc-lap-hang-ba", "Huân chương Độc lập hạng Ba", HinhThuc, CaHai, NhaNuoc, 950, &[]),
    ("huan-chuong-quan-cong-hang-nhat", "Huân chương Quân công hạng Nhất", HinhThuc, CaHai, NhaNuoc, 945, &[]),
    ("huan-chuong-quan-cong-hang-nhi", "Huân chương Quân công hạng Nhì", HinhThuc, CaHai, NhaNuoc, 935, &[]),
    ("huan-chuong-quan-cong-hang-ba", "Huân chương Quân công hạng Ba", HinhThuc, CaHai, NhaNuoc, 925, &[]),
    ("huan-chuong-lao-dong-hang-nhat", "Huân chương Lao động hạng Nhất", HinhThuc, CaHai, NhaNuoc, 920, &[]),
    ("huan-chuong-lao-dong-hang-nhi", "Huân chương Lao động hạng Nhì", HinhThuc, CaHai, NhaNuoc, 910, &[]),
    ("huan-chuong-lao-dong-hang-ba", "Huân chương Lao động hạng Ba", HinhThuc, CaHai, NhaNuoc, 900, &[]),
    ("huan-chuong-chien-cong-hang-nhat", "Huân chương Chiến công hạng Nhất", HinhThuc, CaHai, NhaNuoc, 895, &[]),
    ("huan-chuong-chien-cong-hang-nhi", "Huân chương Chiến công hạng Nhì", HinhThuc, CaHai, NhaNuoc, 885, &[]),
    ("huan-chuong-chien-cong-hang-ba", "Huân chương Chiến công hạng Ba", HinhThuc, CaHai, NhaNuoc, 875, &[]),
    ("huan-chuong-bao-ve-to-quoc-hang-nhat", "Huân chương Bảo vệ Tổ quốc hạng Nhất", HinhThuc, CaHai, NhaNuoc, 870, &[]),
    ("huan-chuong-bao-ve-to-quoc-hang-nhi", "Huân chương Bảo vệ Tổ quốc hạng Nhì", HinhThuc, CaHai, NhaNuoc, 860, &[]),
    ("huan-chuong-bao-ve-to-quoc-hang-ba", "Huân chương Bảo vệ Tổ quốc hạng Ba", HinhThuc, CaHai, NhaNuoc, 850, &[]),
    ("huan-chuong-dai-doan-ket-dan-toc", "Huân chương Đại đoàn kết dân tộc", HinhThuc, CaHai, NhaNuoc, 845, &[]),
    ("huan-chuong-dung-cam", "Huân chương Dũng cảm", HinhThuc, CaNhan, NhaNuoc, 840, &[]),
    ("huan-chuong-huu-nghi", "Huân chương Hữu nghị", HinhThuc, CaHai, NhaNuoc, 835, &[]),
    // Danh hiệu vinh dự nhà nước (state honorary titles)
    ("anh-hung-luc-luong-vu-trang-nhan-dan", "Anh hùng Lực lượng vũ trang nhân dân", HinhThuc, CaHai, NhaNuoc, 985, &[]),
    ("anh-hung-lao-dong", "Anh hùng Lao động", HinhThuc, CaHai, NhaNuoc, 985, &[]),
    ("ba-me-viet-nam-anh-hung", "Bà mẹ Việt Nam anh hùng", HinhThuc, CaNhan, NhaNuoc, 985, &[]),
    ("nha-giao-nhan-dan", "Nhà giáo Nhân dân", HinhThuc, CaNhan, NhaNuoc, 815, &[]),
    ("thay-thuoc-nhan-dan", "Thầy thuốc Nhân dân", HinhThuc, CaNhan, NhaNuoc, 815, &[]),
    ("nghe-si-nhan-dan", "Nghệ sĩ Nhân dân", HinhThuc, CaNhan, NhaNuoc, 815, &[]),
    ("nghe-nhan-nhan-dan", "Nghệ nhân Nhân dân", HinhThuc, CaNhan, NhaNuoc, 815, &[]),
    ("nha-giao-uu-tu", "Nhà giáo Ưu tú", HinhThuc, CaNhan, NhaNuoc, 805, &[]),
    ("thay-thuoc-uu-tu", "Thầy thuốc Ưu tú", HinhThuc, CaNhan, NhaNuoc, 805, &[]),
    ("nghe-si-uu-tu", "Nghệ sĩ Ưu tú", HinhThuc, CaNhan, NhaNuoc, 805, &[]),
    ("nghe-nhan-uu-tu", "Nghệ nhân Ưu tú", HinhThuc, CaNhan, NhaNuoc, 805, &[]),
    // Giải thưởng (prizes)
    ("giai-thuong-ho-chi-minh", "Giải thưởng Hồ Chí Minh", HinhThuc, CaHai, NhaNuoc, 830, &[]),
    ("giai-thuong-nha-nuoc", "Giải thưởng Nhà nước", HinhThuc, CaHai, NhaNuoc, 820, &[]),
    // Huy chương (medals)
    ("huy-chuong-quan-ky-quyet-thang", "Huy chương Quân kỳ quyết thắng", HinhThuc, CaNhan, NhaNuoc, 780, &[]),
    ("huy-chuong-vi-an-ninh-to-quoc", "Huy chương Vì an ninh Tổ quốc", HinhThuc, CaNhan, NhaNuoc, 780, &[]),
    ("huy-chuong-chien-si-ve-vang-hang-nhat", "Huy chương Chiến sĩ vẻ vang hạng Nhất", HinhThuc, CaNhan, NhaNuoc, 775, &[]),
    ("huy-chuong-chien-si-ve-vang-hang-nhi", "Huy chương Chiến sĩ vẻ vang hạng Nhì", HinhThuc, CaNhan, NhaNuoc, 770, &[]),
    ("huy-chuong-chien-si-ve-vang-hang-ba", "Huy chương Chiến sĩ vẻ vang hạng Ba", HinhThuc, CaNhan, NhaNuoc, 765, &[]),
    ("huy-chuong-huu-nghi", "Huy chương Hữu nghị", HinhThuc, CaNhan, NhaNuoc, 760, &[]),
    // State-level emulation titles and certificates
    ("chien-si-thi-dua-toan-quoc", "Chiến sĩ thi đua toàn quốc", DanhHieu, CaNhan, NhaNuoc, 800, &[]),
    ("co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", DanhHieu, TapThe, NhaNuoc, 790, &["Cờ thi đua Chính phủ"]),
    ("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ", HinhThuc, CaHai, NhaNuoc, 700, &["Bằng khen Thủ tướng Chính phủ", "Bằng khen của Thủ tướng"]),
    // Ministry and province level
    ("chien-si-thi-dua-cap-tinh", "Chiến sĩ thi đua cấp tỉnh", DanhHieu, CaNhan, Tinh, 600, &["Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", "Chiến sĩ thi đua bộ, ban, ngành, tỉnh",]),
    ("co-thi-dua-cap-tinh", "Cờ thi đua của UBND tỉnh", DanhHieu, TapThe, Tinh, 590, &["Cờ thi đua cấp tỉnh", "Cờ thi đua của Ủy ban nhân dân tỉnh"]),
    ("co-thi-dua-cap-bo", "Cờ thi đua cấp bộ, ban, ngành", DanhHieu, TapThe, Tinh, 590, &[]),
    ("bang-khen-cap-bo", "Bằng khen cấp bộ, ban, ngành", HinhThuc, CaHai, Tinh, 500, &["Bằng khen của Bộ trưởng"]),
    ("bang-khen-cap-tinh", "Bằng khen của Chủ tịch UBND tỉnh", HinhThuc, CaHai, Tinh, 500, &["Bằng khen cấp tỉnh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",]),
    ("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", DanhHieu, TapThe, Tinh, 450, &[]),
    ("don-vi-quyet-thang", "Đơn vị quyết thắng", DanhHieu, TapThe, Tinh, 450, &[]),
    ("ky-niem-chuong", "Kỷ niệm chương", HinhThuc, CaNhan, Tinh, 400, &[]),
    // District level
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", DanhHieu, CaNhan, Huyen, 300, &[]),
    ("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", DanhHieu, TapThe, Huyen, 250, &[]),
    ("don-vi-tien-tien", "Đơn vị tiên tiến", DanhHieu, TapThe, Huyen, 250, &[]),
    ("giay-khen", "Giấy khen", HinhThuc, CaHai, Huyen, 200, &["Giấy khen của Chủ tịch UBND huyện", "Giấy khen cấp huyện"]),
    // Commune and basic level
    ("giay-khen-cap-xa", "Giấy khen của Chủ tịch UBND xã", HinhThuc, CaHai, Xa, 180, &["Giấy khen cấp xã"]),
    ("lao-dong-tien-tien", "Lao động tiên tiến", DanhHieu, CaNhan, Xa, 150, &[]),
    ("chien-si-tien-tien", "Chiến sĩ tiên tiến", DanhHieu, CaNhan, Xa, 150, &[]),
    ("thon-van-hoa", "Thôn, tổ dân phố văn hóa", DanhHieu, TapThe, Xa, 120, &["Thôn văn hóa", "Tổ dân phố văn hóa"]),
    ("gia-dinh-van-hoa", "Gia đình văn hóa", DanhHieu, CaHai, Xa, 100, &[]),
];

/// Slugs that cannot be awards because the commendation index uses them as
/// sub-paths (`/khen-thuong/nam/2024/`, `/khen-thuong/trang/2/`, …).
pub const RESERVED_SLUGS: &[&str] = &["nam", "trang", "quyet-dinh", "du-lieu", "index"];

/// The catalogue a site uses: the built-in awards plus its own.
#[derive(Clone, Debug)]
pub struct Catalogue {
    awards: Vec<Award>,
    by_slug: HashMap<String, AwardId>,
    by_name: HashMap<String, AwardId>,
}

impl Default for Catalogue {
    fn default() -> Self {
        Self::built_in()
    }
}

impl Catalogue {
    /// The awards of the 2022 Law.
    pub fn built_in() -> Self {
        let awards = BUILT_IN
            .iter()
            .map(
                |&(slug, name, class, eligible, level, rank, aliases)| Award {
                    slug: slug.into(),
                    name: name.into(),
                    class,
                    eligible,
                    level,
                    rank,
                    aliases: aliases.iter().map(|a| a.to_string()).collect(),
                },
            )
            .collect();
        let mut c = Catalogue {
            awards,
            by_slug: HashMap::new(),
            by_name: HashMap::new(),
        };
        c.reindex();
        c
    }

    fn reindex(&mut self) {
        self.by_slug.clear();
        self.by_name.clear();
        for (i, a) in self.awards.iter().enumerate() {
            let id = AwardId(i as u32);
            self.by_slug.insert(a.slug.clone(), id);
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                self.by_name.entry(name_key(name)).or_insert(id);
            }
        }
    }

    /// Adds an award, or replaces the one with the same slug. Returns its id.
    pub fn upsert(&mut self, award: Award) -> AwardId {
        let id = match self.by_slug.get(&award.slug) {
            Some(&id) => {
                self.awards[id.0 as usize] = award;
                id
            }
            None => {
                self.awards.push(award);
                AwardId(self.awards.len() as u32 - 1)
            }
        };
        self.reindex();
        id
    }

    /// The award with this slug.
    pub fn by_slug(&self, slug: &str) -> Option<AwardId> {
        self.by_slug.get(slug).copied()
    }

    /// The award with this Vietnamese name (or alias), compared without case
    /// or diacritics, or with this slug.
    pub fn by_name_or_slug(&self, text: &str) -> Option<AwardId> {
        self.by_slug(text.trim())
            .or_else(|| self.by_name.get(&name_key(text)).copied())
    }

    /// The award with this id.
    pub fn get(&self, id: AwardId) -> &Award {
        &self.awards[id.0 as usize]
    }

    /// All slugs, for "did you mean".
    pub fn slugs(&self) -> impl Iterator<Item = &str> {
        self.awards.iter().map(|a| a.slug.as_str())
    }

    /// All names and aliases, for "did you mean".
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.awards.iter().flat_map(|a| {
            std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str))
        })
    }

    /// The default rank of a new award at a level.
    pub fn default_rank(level: AwardLevel) -> u32 {
        level.default_rank()
    }
}

fn name_key(name: &str) -> String {
    vi::slugify(name)
}

/// The small mark drawn beside an award so that its rank shows at a
/// glance: one per family of award, from the Huân chương down to the
/// Giấy khen. Chosen from the award's name, so that awards a site adds
/// under `[[awards]]` get the mark of their family too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Insignia {
    /// Huân chương: an order.
    HuanChuong,
    /// Danh hiệu vinh dự Nhà nước: Anh hùng, Bà mẹ Việt Nam anh hùng,
    /// Nhà giáo Nhân dân, Thầy thuốc Ưu tú…
    VinhDu,
    /// Huy chương: a medal.
    HuyChuong,
    /// Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước.
    GiaiThuong,
    /// Chiến sĩ thi đua, at any level.
    ChienSiThiDua,
    /// Cờ thi đua.
    CoThiDua,
    /// Bằng khen.
    BangKhen,
    /// Giấy khen.
    GiayKhen,
    /// Kỷ niệm chương.
    KyNiemChuong,
    /// Gia đình văn hóa, Thôn, tổ dân phố văn hóa.
    VanHoa,
    /// Any other emulation title: Lao động tiên tiến, Tập thể lao động
    /// xuất sắc, Đơn vị quyết thắng…
    DanhHieu,
}

impl Insignia {
    /// The mark of an award, by the first words of its name.
    pub fn of_name(name: &str) -> Insignia {
        let folded = vi::fold(name);
        let starts = |p: &str| folded.starts_with(p);
        let honorary = ["nha giao", "thay thuoc", "nghe si", "nghe nhan"]
            .iter()
            .any(|p| starts(p))
            && (folded.contains("nhan dan") || folded.contains("uu tu"));
        if starts("huan chuong") {
            Insignia::HuanChuong
        } else if starts("anh hung") || starts("ba me viet nam anh hung") || honorary {
            Insignia::VinhDu
        } else if starts("huy chuong") {
            Insignia::HuyChuong
        } else if starts("giai thuong") {
            Insignia::GiaiThuong
        } else if starts("chien si thi dua") {
            Insignia::ChienSiThiDua
        } else if starts("co thi dua") {
            Insignia::CoThiDua
        } else if starts("bang khen") {
            Insignia::BangKhen
        } else if starts("giay khen") {
            Insignia::GiayKhen
        } else if starts("ky niem chuong") {
            Insignia::KyNiemChuong
        } else if folded.contains("van hoa") {
            Insignia::VanHoa
        } else {
            Insignia::DanhHieu
        }
    }

    /// The file name of its drawing under the theme's `static/insignia/`.
    pub fn slug(self) -> &'static str {
        match self {
            Insignia::HuanChuong => "huan-chuong",
            Insignia::VinhDu => "vinh-du",
            Insignia::HuyChuong => "huy-chuong",
            Insignia::GiaiThuong => "giai-thuong",
            Insignia::ChienSiThiDua => "chien-si-thi-dua",
            Insignia::CoThiDua => "co-thi-dua",
            Insignia::BangKhen => "bang-khen",
            Insignia::GiayKhen => "giay-khen",
            Insignia::KyNiemChuong => "ky-niem-chuong",
            Insignia::VanHoa => "van-hoa",
            Insignia::DanhHieu => "danh-hieu",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_has_the_awards_of_the_spec() {
        let c = Catalogue::built_in();
        for slug in [
            "giay-khen",
            "bang-khen-cap-tinh",
            "bang-khen-thu-tuong",
            "chien-si-thi-dua-co-so",
            "chien-si-thi-dua-cap-tinh",
            "chien-si-thi-dua-toan-quoc",
            "lao-dong-tien-tien",
            "tap-the-lao-dong-tien-tien",
            "tap-the-lao-dong-xuat-sac",
            "co-thi-dua-cap-tinh",
            "co-thi-dua-chinh-phu",
            "huan-chuong-lao-dong-hang-ba",
            "huan-chuong-lao-dong-hang-nhi",
            "huan-chuong-lao-dong-hang-nhat",
            "anh-hung-lao-dong",
            "ky-niem-chuong",
        ] {
            assert!(c.by_slug(slug).is_some(), "{slug}");
        }
        let mut slugs: Vec<_> = c.slugs().collect();
        let n = slugs.len();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), n, "duplicate slug");
        for slug in c.slugs() {
            assert!(vi::is_valid_slug(slug), "{slug}");
            assert!(!RESERVED_SLUGS.contains(&slug));
        }
    }

    #[test]
    fn names_match_without_case_or_diacritics() {
        let c = Catalogue::built_in();
        let id = c.by_slug("bang-khen-cap-tinh").unwrap();
        assert_eq!(
            c.by_name_or_slug("Bằng khen của Chủ tịch UBND tỉnh"),
            Some(id)
        );
        assert_eq!(
            c.by_name_or_slug("bang khen cua chu tich ubnd tinh"),
            Some(id)
        );
        assert_eq!(c.by_name_or_slug("Bằng khen cấp tỉnh"), Some(id));
        assert_eq!(c.by_name_or_slug("bang-khen-cap-tinh"), Some(id));
        assert_eq!(c.by_name_or_slug("Bằng khen của ai đó"), None);
    }

    #[test]
    fn ranks_order_by_prestige() {
        let c = Catalogue::built_in();
        let rank = |s| c.get(c.by_slug(s).unwrap()).rank;
        assert!(rank("huan-chuong-lao-dong-hang-nhat") > rank("huan-chuong-lao-dong-hang-nhi"));
        assert!(rank("huan-chuong-lao-dong-hang-ba") > rank("bang-khen-thu-tuong"));
        assert!(rank("bang-khen-thu-tuong") > rank("bang-khen-cap-tinh"));
        assert!(rank("bang-khen-cap-tinh") > rank("giay-khen"));
        assert!(rank("chien-si-thi-dua-toan-quoc") > rank("chien-si-thi-dua-cap-tinh"));
        assert!(rank("chien-si-thi-dua-cap-tinh") > rank("chien-si-thi-dua-co-so"));
    }

    #[test]
    fn sites_rename_and_add_awards() {
        let mut c = Catalogue::built_in();
        let n = c.slugs().count();
        let id = c.by_slug("giay-khen").unwrap();
        let mut renamed = c.get(id).clone();
        renamed.name = "Giấy khen của Chủ tịch UBND huyện Chi Lăng".into();
        assert_eq!(c.upsert(renamed), id);
        assert_eq!(c.slugs().count(), n);
        let new = c.upsert(Award {
            slug: "giay-khen-cong-doan".into(),
            name: "Giấy khen của Liên đoàn Lao động huyện".into(),
            class: AwardClass::HinhThuc,
            eligible: Eligible::CaHai,
            level: AwardLevel::Huyen,
            rank: 190,
            aliases: vec![],
        });
        assert_eq!(c.slugs().count(), n + 1);
        assert_eq!(
            c.by_name_or_slug("Giấy khen của Liên đoàn Lao động huyện"),
            Some(new)
        );
    }

    #[test]
    fn every_built_in_award_has_the_mark_of_its_family() {
        use Insignia::*;
        let cases = [
            ("Huân chương Lao động hạng Ba", HuanChuong),
            ("Anh hùng Lao động", VinhDu),
            ("Bà mẹ Việt Nam anh hùng", VinhDu),
            ("Nhà giáo Ưu tú", VinhDu),
            ("Huy chương Hữu nghị", HuyChuong),
            ("Giải thưởng Nhà nước", GiaiThuong),
            ("Chiến sĩ thi đua cơ sở", ChienSiThiDua),
            ("Cờ thi đua của UBND tỉnh", CoThiDua),
            ("Bằng khen của Thủ tướng Chính phủ", BangKhen),
            ("Giấy khen của Chủ tịch UBND xã", GiayKhen),
            ("Kỷ niệm chương", KyNiemChuong),
            ("Gia đình văn hóa", VanHoa),
            ("Thôn, tổ dân phố văn hóa", VanHoa),
            ("Lao động tiên tiến", DanhHieu),
            ("Tập thể lao động xuất sắc", DanhHieu),
        ];
        for (name, mark) in cases {
            assert_eq!(Insignia::of_name(name), mark, "{name}");
        }
        // Every mark is drawn, and every built-in award has one drawn.
        let marks: std::collections::HashSet<_> = Catalogue::built_in()
            .names()
            .map(Insignia::of_name)
            .collect();
        assert_eq!(marks.len(), 11);
    }
}
