//! Page titles of profiles and units that no two pages share.
//!
//! At 10,000 people thousands are namesakes (Nguyễn Văn Hùng is everywhere),
//! and a browser tab, a bookmark or a search engine showing "Nguyễn Văn
//! Hùng" seven hundred times helps no one. A name that is unique is its own
//! title; a namesake's title carries the unit ("Nguyễn Văn Hùng – Xã Tân
//! Thanh"), then the position as well, and namesakes still alike in all
//! three are numbered in roll order. Units share names too (a Phường An
//! Hưng in two districts): a namesake unit's title carries its parent.

use crate::model::Site;
use std::collections::HashMap;

/// The title of every profile: people first, then collectives, in the
/// order of `site.people` and `site.collectives`.
pub fn profile_titles(site: &Site) -> Vec<String> {
    let exemplars: Vec<_> = site.people.iter().chain(site.collectives.iter()).collect();
    let titles: Vec<String> = exemplars.iter().map(|e| e.name.clone()).collect();
    let with_unit = |i: usize| {
        let e = exemplars[i];
        format!("{} – {}", e.name, site.units[e.unit.ix()].name)
    };
    let with_position = |i: usize| match &exemplars[i].position {
        Some(pos) => format!(
            "{} – {}, {}",
            exemplars[i].name,
            pos,
            site.units[exemplars[i].unit.ix()].name
        ),
        None => with_unit(i),
    };
    disambiguate(titles, &[&with_unit, &with_position])
}

/// The title of every unit, in the order of `site.units`: its name, with
/// its parent's ("Phường An Hưng – Huyện Quảng An") when another unit has
/// the same name.
pub fn unit_titles(site: &Site) -> Vec<String> {
    let titles = site.units.iter().map(|u| u.name.clone()).collect();
    let with_parent = |i: usize| {
        let u = &site.units[i];
        match u.parent {
            Some(p) => format!("{} – {}", u.name, site.units[p.ix()].name),
            None => u.name.clone(),
        }
    };
    disambiguate(titles, &[&with_parent])
}

/// Makes titles unique: each step rewrites the titles still shared, and
/// those shared after every step are numbered in order.
fn disambiguate(mut titles: Vec<String>, steps: &[&dyn Fn(usize) -> String]) -> Vec<String> {
    for step in steps {
        for group in shared(&titles) {
            for i in group {
                titles[i] = step(i);
            }
        }
    }
    for group in shared(&titles) {
        for (n, i) in group.into_iter().enumerate() {
            titles[i] = format!("{} ({})", titles[i], n + 1);
        }
    }
    titles
}

/// The indices of titles that more than one profile has, by title, each
/// group in index order.
fn shared(titles: &[String]) -> Vec<Vec<usize>> {
    let mut by_title: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in titles.iter().enumerate() {
        by_title.entry(t.as_str()).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = by_title.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_only_of_shared_titles() {
        let titles: Vec<String> = ["An", "Bình", "An", "Chi", "An", "Bình"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(shared(&titles), vec![vec![0, 2, 4], vec![1, 5]]);
    }
}
