//! Which column is which: header spellings in Vietnamese and English, with
//! or without diacritics, in any order and case, and the header row found
//! among the first rows of a sheet (even below a title).

use super::grid::Grid;
use crate::vi;
use std::collections::HashMap;

/// The columns bangvang reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Column {
    Number,
    Date,
    Authority,
    Award,
    Name,
    CollectiveName,
    Unit,
    Position,
    Person,
    Collective,
    Movement,
    Citation,
    ConferredBy,
    Year,
    Conference,
    Posthumous,
}

/// Header spellings, folded (no diacritics, lower case, single spaces).
pub(super) const HEADERS: &[(&str, Column)] = &[
    ("so quyet dinh", Column::Number),
    ("so qd", Column::Number),
    ("quyet dinh so", Column::Number),
    ("quyet dinh", Column::Number),
    ("so hieu quyet dinh", Column::Number),
    ("number", Column::Number),
    ("decision", Column::Number),
    ("decision number", Column::Number),
    ("ngay", Column::Date),
    ("ngay quyet dinh", Column::Date),
    ("ngay ky", Column::Date),
    ("ngay ban hanh", Column::Date),
    ("date", Column::Date),
    ("cap khen", Column::Authority),
    ("nguoi ky", Column::Authority),
    ("co quan khen thuong", Column::Authority),
    ("authority", Column::Authority),
    ("hinh thuc", Column::Award),
    ("hinh thuc khen thuong", Column::Award),
    ("danh hieu", Column::Award),
    ("danh hieu thi dua", Column::Award),
    ("danh hieu hinh thuc", Column::Award),
    ("award", Column::Award),
    ("ho va ten", Column::Name),
    ("ho ten", Column::Name),
    ("ten ca nhan", Column::Name),
    ("ten", Column::Name),
    ("name", Column::Name),
    ("ten tap the", Column::CollectiveName),
    ("don vi", Column::Unit),
    ("don vi cong tac", Column::Unit),
    ("co quan don vi", Column::Unit),
    ("unit", Column::Unit),
    ("chuc vu", Column::Position),
    ("chuc danh", Column::Position),
    ("position", Column::Position),
    ("person", Column::Person),
    ("ma ca nhan", Column::Person),
    ("collective", Column::Collective),
    ("ma tap the", Column::Collective),
    ("phong trao", Column::Movement),
    ("phong trao thi dua", Column::Movement),
    ("movement", Column::Movement),
    ("thanh tich", Column::Citation),
    ("ly do", Column::Citation),
    ("citation", Column::Citation),
    ("don vi khen thuong", Column::ConferredBy),
    ("conferred by", Column::ConferredBy),
    ("conferred_by", Column::ConferredBy),
    ("nam", Column::Year),
    ("year", Column::Year),
    ("hoi nghi", Column::Conference),
    ("conference", Column::Conference),
    ("truy tang", Column::Posthumous),
    ("posthumous", Column::Posthumous),
];

/// Headers that are known not to be read (row numbers, notes); anything else
/// unknown is reported once per sheet so that a typo is noticed.
pub(super) const IGNORED: &[&str] = &[
    "stt",
    "tt",
    "so tt",
    "so thu tu",
    "ghi chu",
    "note",
    "notes",
];

/// Words of headers that hold personal data: such a column is said to be
/// left out, and never offered a "did you mean" that would have it read
/// (Ngày sinh is a near miss of Ngày).
pub(super) const PERSONAL: &[&str] = &[
    "sinh",
    "birth",
    "cccd",
    "cmnd",
    "can cuoc",
    "chung minh",
    "dinh danh",
    "dien thoai",
    "phone",
    "sdt",
    "dia chi",
    "address",
    "que quan",
    "noi o",
    "thuong tru",
    "tam tru",
    "email",
    "tai khoan",
    "bhxh",
    "ma so thue",
    "dan toc",
    "ton giao",
    "gioi tinh",
];

pub(super) fn is_personal(header: &str) -> bool {
    let key = header_key(header);
    let words: Vec<&str> = key.split(' ').collect();
    PERSONAL.iter().any(|p| {
        let n = p.split(' ').count();
        words.windows(n).any(|w| w.join(" ") == *p)
    })
}

pub(super) fn header_key(text: &str) -> String {
    vi::fold(text)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn column_of(header: &str) -> Option<Column> {
    let key = header_key(header);
    HEADERS.iter().find(|(h, _)| *h == key).map(|(_, c)| *c)
}

pub(super) struct Header {
    pub row: u32,
    pub columns: HashMap<Column, usize>,
    /// Column index → header text as written.
    pub names: Vec<String>,
}

/// The header row: among the first ten, the first naming at least two known
/// columns, one of them the award or a recipient.
pub(super) fn find_header(grid: &Grid) -> Option<Header> {
    for (row, cells) in grid.rows.iter().take(10) {
        let mut columns = HashMap::new();
        let names: Vec<String> = cells.iter().map(|c| c.text().unwrap_or_default()).collect();
        for (i, name) in names.iter().enumerate() {
            if let Some(col) = column_of(name) {
                columns.entry(col).or_insert(i);
            }
        }
        let recipient = [
            Column::Name,
            Column::CollectiveName,
            Column::Person,
            Column::Collective,
            Column::Unit,
        ]
        .iter()
        .any(|c| columns.contains_key(c));
        if columns.len() >= 2 && (columns.contains_key(&Column::Award) || recipient) {
            return Some(Header {
                row: *row,
                columns,
                names,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_any_case_with_or_without_diacritics() {
        assert_eq!(column_of("Số quyết định"), Some(Column::Number));
        assert_eq!(column_of("SO QUYET DINH"), Some(Column::Number));
        assert_eq!(column_of(" Hình thức khen thưởng "), Some(Column::Award));
        assert_eq!(column_of("ĐƠN VỊ"), Some(Column::Unit));
        assert_eq!(column_of("Họ và tên"), Some(Column::Name));
        assert_eq!(column_of("Tên tập thể"), Some(Column::CollectiveName));
        assert_eq!(column_of("number"), Some(Column::Number));
        assert_eq!(column_of("Ngày sinh"), None);
        assert!(
            is_personal("Ngày sinh")
                && is_personal("Số CCCD")
                && is_personal("Điện thoại")
                && is_personal("Địa chỉ thường trú")
        );
        assert!(!is_personal("Hình thức") && !is_personal("Đơn vị") && !is_personal("Ngày"));
    }
}
