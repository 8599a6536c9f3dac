//! The Vietnamese collation of `vi` agrees with ICU's CLDR `vi` collation
//! (icu_collator, a dev-dependency) on generated names, so that the
//! precomputed sort keys bangvang uses for speed are the standard order.

use bangvang::vi::{CollationKey, roll_key};
use icu_collator::Collator;
use icu_collator::options::CollatorOptions;

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Đinh", "Lương", "Vi", "Ma", "Mã", "Mạc",
    "Âu", "Ưng", "Ông", "Ơn", "Bùi", "Đỗ", "Hồ",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Đức", "Ngọc", "Thanh", "Hữu", "Xuân", "Ánh", "Ân",
];
const GIVEN: &[&str] = &[
    "Hoa", "Hòa", "Hóa", "Hỏa", "Họa", "An", "Ân", "Ấn", "Ăn", "Anh", "Ánh", "Bình", "Dũng",
    "Dung", "Đức", "Đạt", "Duc", "Dat", "Mai", "Mái", "Mại", "Ma", "Mà", "Mả", "Mã", "Má", "Mạ",
    "Tuấn", "Tuân", "Uyên", "Ưng", "Ơn", "Ôn", "On", "Yến", "Yên", "Gia", "Giang", "Quý", "Quỳ",
    "Nga", "Ngà", "Ngạ",
];

fn names() -> Vec<String> {
    // A deterministic spread of combinations (no randomness needed).
    let mut out = Vec::new();
    for (i, s) in SURNAMES.iter().enumerate() {
        for (j, m) in MIDDLE.iter().enumerate() {
            for (k, g) in GIVEN.iter().enumerate() {
                if (i + 2 * j + 3 * k) % 4 == 0 {
                    out.push(format!("{s} {m} {g}"));
                }
            }
        }
    }
    out.extend(GIVEN.iter().map(|g| g.to_string()));
    out.extend(GIVEN.iter().map(|g| g.to_lowercase()));
    out
}

/// ICU4X's collator for CLDR's `vi` collation.
fn icu_vi() -> icu_collator::CollatorBorrowed<'static> {
    Collator::try_new(
        icu_locale_core::locale!("vi").into(),
        CollatorOptions::default(),
    )
    .unwrap()
}

#[test]
fn our_keys_sort_like_icu_vi() {
    let collator = icu_vi();
    let mut ours = names();
    let mut icu = ours.clone();
    ours.sort_by_key(|n| CollationKey::new(n));
    icu.sort_by(|a, b| collator.compare(a, b));
    assert!(ours.len() > 1000);
    let first_difference = ours.iter().zip(&icu).position(|(a, b)| a != b);
    assert_eq!(
        first_difference,
        None,
        "first difference at {:?}: ours {:?} / icu {:?}",
        first_difference,
        first_difference.map(|i| &ours[i.saturating_sub(2)..i + 3]),
        first_difference.map(|i| &icu[i.saturating_sub(2)..i + 3])
    );
}

#[test]
fn roll_order_is_icu_order_of_given_name_then_full_name() {
    let collator = icu_vi();
    let mut ours = names();
    let mut icu = ours.clone();
    ours.sort_by_key(|n| roll_key(n));
    icu.sort_by(|a, b| {
        let given = |s: &str| s.split_whitespace().last().unwrap_or("").to_string();
        collator
            .compare(&given(a), &given(b))
            .then_with(|| collator.compare(a, b))
    });
    assert_eq!(ours, icu);
}
