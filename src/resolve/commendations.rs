//! Commendations: one award to one recipient, from profiles and decisions.
//! Each is checked against its award (a collective title to a person is an
//! error), linked to its movement, conference and decision, and the whole
//! index is sorted once, newest first, so that every later list built by
//! appending ids in this order is newest first too.

use super::Resolver;
use crate::awards::{AwardId, AwardLevel};
use crate::diagnostics::Loc;
use crate::load::raw::RawCommendation;
use crate::model::*;
use crate::vi::{self, CollationKey};
use chrono::{Datelike, NaiveDate};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

/// A commendation before sorting.
pub(super) struct Pending {
    pub recipient: Recipient,
    pub unit: UnitId,
    pub raw: RawCommendation,
    pub id: String,
    pub decision_file: Option<DecisionId>,
}

/// The profiles and units a commendation's recipient may be, for messages
/// and roll-order keys.
pub(super) struct Recipients<'r> {
    pub people: &'r [Profile],
    pub collectives: &'r [Profile],
    pub units: &'r [Unit],
}

impl Recipients<'_> {
    /// Who the recipient is, for "… but `x` is a person".
    fn describe(&self, recipient: &Recipient) -> String {
        match recipient {
            Recipient::Person(id) => format!("`{}` is a person", self.people[id.ix()].meta.slug),
            Recipient::Collective(id) => {
                format!("`{}` is a collective", self.collectives[id.ix()].meta.slug)
            }
            Recipient::Unit(id) => format!(
                "`{}` is a unit, honoured as a collective",
                self.units[id.ix()].meta.slug
            ),
            Recipient::Named { name, collective } => format!(
                "\"{name}\" is {}",
                if *collective {
                    "a collective"
                } else {
                    "an individual"
                }
            ),
        }
    }

    /// The roll-order key of the recipient's name.
    fn name_key(&self, recipient: &Recipient) -> Cow<'_, CollationKey> {
        match recipient {
            Recipient::Person(id) => Cow::Borrowed(&self.people[id.ix()].roll_key),
            Recipient::Collective(id) => Cow::Borrowed(&self.collectives[id.ix()].roll_key),
            Recipient::Unit(id) => Cow::Borrowed(&self.units[id.ix()].sort_key),
            Recipient::Named { name, collective } => Cow::Owned(if *collective {
                CollationKey::new(name)
            } else {
                vi::roll_key(name)
            }),
        }
    }
}

/// Decision numbers written on commendations without a decision file get a
/// decision of their own, one per (number, date), with a unique slug.
struct DecisionNumbers {
    by_key: HashMap<(String, Option<NaiveDate>), DecisionId>,
    /// The same, by the number as written: most commendations of a decision
    /// write it alike, and this spares folding it again for each of them.
    by_number: HashMap<String, Vec<(Option<NaiveDate>, DecisionId)>>,
    taken: HashSet<String>,
}

impl DecisionNumbers {
    fn new(decisions: &[Decision]) -> Self {
        let mut by_key = HashMap::default();
        for (i, d) in decisions.iter().enumerate() {
            if let Some(n) = &d.number {
                by_key
                    .entry((vi::slugify(n), d.date))
                    .or_insert(DecisionId(i as u32));
            }
        }
        DecisionNumbers {
            by_key,
            by_number: HashMap::default(),
            taken: decisions.iter().map(|d| d.slug.clone()).collect(),
        }
    }

    /// The decision of `number` on `date`, made if it is new.
    fn decision(
        &mut self,
        number: &str,
        date: Option<NaiveDate>,
        authority: &Option<String>,
        conferred_by: Option<UnitId>,
        decisions: &mut Vec<Decision>,
    ) -> DecisionId {
        if let Some(written) = self.by_number.get(number)
            && let Some(&(_, id)) = written.iter().find(|(d, _)| *d == date)
        {
            return id;
        }
        let id = self.decision_by_slug(number, date, authority, conferred_by, decisions);
        self.by_number
            .entry(number.to_string())
            .or_default()
            .push((date, id));
        id
    }

    /// [`Self::decision`] for a number not yet seen as written.
    fn decision_by_slug(
        &mut self,
        number: &str,
        date: Option<NaiveDate>,
        authority: &Option<String>,
        conferred_by: Option<UnitId>,
        decisions: &mut Vec<Decision>,
    ) -> DecisionId {
        let key = (vi::slugify(number), date);
        if let Some(&id) = self.by_key.get(&key) {
            return id;
        }
        let base = match vi::shorten_slug(&vi::slugify(number), 100) {
            s if s.is_empty() => "quyet-dinh".to_string(),
            s => s,
        };
        let mut slug = base.clone();
        if self.taken.contains(&slug) {
            slug = match date {
                Some(d) => format!("{base}-{}", d.format("%Y-%m-%d")),
                None => format!("{base}-khong-ngay"),
            };
            let mut k = 2;
            while self.taken.contains(&slug) {
                slug = format!("{base}-{k}");
                k += 1;
            }
        }
        self.taken.insert(slug.clone());
        decisions.push(Decision {
            slug,
            file: None,
            number: Some(number.to_string()),
            date,
            authority: authority.clone(),
            conferred_by,
            extra: None,
            commendations: Vec::new(),
            page: true,
        });
        let id = DecisionId(decisions.len() as u32 - 1);
        self.by_key.insert(key, id);
        id
    }
}

impl Resolver<'_> {
    /// Every commendation, checked against its award and sorted into
    /// index order (newest first); decision pages are made for numbers
    /// written on commendations without a decision file.
    pub(super) fn commendations(
        &mut self,
        pending: Vec<Pending>,
        recipients: &Recipients<'_>,
        decisions: &mut Vec<Decision>,
    ) -> Vec<Commendation> {
        let mut out: Vec<Commendation> = Vec::with_capacity(pending.len());
        // Sort keys apart from the commendations, so that sorting moves small
        // keys, and collation keys are borrowed from the profiles, not copied.
        let mut keys: Vec<CommendationSortKey<'_>> = Vec::with_capacity(pending.len());
        let mut numbers = DecisionNumbers::new(decisions);
        for p in pending {
            let c = p.raw;
            let Some(award_ref) = &c.award else { continue };
            let Some(award) = self.award(award_ref, "award") else {
                continue;
            };
            let Some(recipient) =
                self.fitting_recipient(p.recipient, award, award_ref.loc, recipients)
            else {
                continue;
            };
            let conferred_by = c
                .conferred_by
                .as_ref()
                .and_then(|u| self.unit(u, "conferred_by"));
            let movement = c
                .movement
                .as_ref()
                .and_then(|m| self.movement(m, "movement"));
            let conference = c
                .conference
                .as_ref()
                .and_then(|x| self.conference(x, "conference"));
            let date = c.date.as_ref().map(|d| d.value);
            let year = c.year.as_ref().map(|y| y.value).or(date.map(|d| d.year()));
            let earned = c.unit.as_ref().and_then(|u| self.unit(u, "unit"));
            let unit = earned.unwrap_or(p.unit);
            self.check_lifetimes(&c, unit, conferred_by, recipients.units);
            let level =
                self.conferring_level(award, conferred_by, tree_date(date, year), recipients.units);
            let at_the_time = matches!(recipient, Recipient::Person(_) | Recipient::Collective(_))
                && (c.unit.is_some() || c.position.is_some());
            // Link to a decision page: the decision file, or one made from the number.
            let decision = match (p.decision_file, &c.decision) {
                (Some(d), _) => Some(d),
                (None, Some(number)) => {
                    Some(numbers.decision(number, date, &c.authority, conferred_by, decisions))
                }
                (None, None) => None,
            };
            let sort_date = tree_date(date, year);
            keys.push(CommendationSortKey {
                undated: sort_date.is_none(),
                date: std::cmp::Reverse(sort_date),
                rank: std::cmp::Reverse(self.awards.get(award).rank),
                name: recipients.name_key(&recipient),
                index: out.len() as u32,
            });
            out.push(Commendation {
                id: p.id,
                recipient,
                unit,
                at_the_time,
                level,
                award,
                authority: c.authority,
                conferred_by,
                decision,
                decision_number: c.decision,
                date,
                year,
                movement,
                conference,
                citation: c.citation,
                posthumous: c.posthumous.unwrap_or(false),
                revoked: c.revoked,
                position: c.position,
            });
        }
        // Newest first; undated last. Ties: most prestigious, roll order, then file order.
        keys.sort_unstable();
        let mut slots: Vec<Option<Commendation>> = out.into_iter().map(Some).collect();
        keys.iter()
            .filter_map(|k| slots[k.index as usize].take())
            .collect()
    }

    /// The recipient, if the award may go to it: a collective title to a
    /// person is an error. A name receiving a collective-only award, or
    /// reading like a collective's ("Tổ hợp tác…"), is a collective.
    fn fitting_recipient(
        &mut self,
        mut recipient: Recipient,
        award: AwardId,
        at: Loc,
        recipients: &Recipients<'_>,
    ) -> Option<Recipient> {
        let a = self.awards.get(award);
        if let Recipient::Named { name, collective } = &mut recipient
            && !*collective
            && (!a.eligible.individuals() || vi::looks_like_collective_name(name))
        {
            *collective = true;
        }
        let fits = match &recipient {
            Recipient::Person(_) => a.eligible.individuals(),
            Recipient::Collective(_) | Recipient::Unit(_) => a.eligible.collectives(),
            Recipient::Named { collective, .. } => {
                if *collective {
                    a.eligible.collectives()
                } else {
                    a.eligible.individuals()
                }
            }
        };
        if fits {
            return Some(recipient);
        }
        let for_whom = if a.eligible.individuals() {
            "individuals"
        } else {
            "collectives"
        };
        let who = recipients.describe(&recipient);
        let d = self
            .error_at(at, format!("{} (`{}`) is awarded to {for_whom} only, but {who}", a.name, a.slug))
            .field("award")
            .label("does not fit this recipient")
            .help(if for_whom == "collectives" {
                "a collective title (Tập thể lao động…, Cờ thi đua…) goes to a collective or a unit; for a person use e.g. lao-dong-tien-tien or chien-si-thi-dua-co-so"
            } else {
                "an individual title (Lao động tiên tiến, Chiến sĩ thi đua…) goes to a person; for a collective use e.g. tap-the-lao-dong-tien-tien"
            });
        self.push(d);
        None
    }
}

impl Resolver<'_> {
    /// Warns when the unit a commendation was earned in, or the unit that
    /// gave it, did not exist on its date.
    fn check_lifetimes(
        &mut self,
        c: &RawCommendation,
        earned: UnitId,
        conferred_by: Option<UnitId>,
        units: &[Unit],
    ) {
        let (date, year) = (c.date.as_ref(), c.year.as_ref());
        let Some(anchor) = date.map(|d| d.loc).or(year.map(|y| y.loc)) else {
            return;
        };
        let on = |u: &Unit| match (date, year) {
            (Some(d), _) => Some(d.value),
            // A year only: outside when the whole year is.
            (None, Some(y)) => {
                let first = NaiveDate::from_ymd_opt(y.value, 1, 1)?;
                let last = NaiveDate::from_ymd_opt(y.value, 12, 31)?;
                if u.dissolved.is_some_and(|d| first >= d) {
                    Some(first)
                } else if u.established.is_some_and(|e| last < e) {
                    Some(last)
                } else {
                    None
                }
            }
            (None, None) => None,
        };
        let unit = &units[earned.ix()];
        if let Some(d) = on(unit)
            && let Some(mut w) = self.outside_lifetime(
                unit,
                d,
                &format!("a commendation earned in `{}`", unit.meta.slug),
            )
        {
            let at = c.unit.as_ref().map_or(anchor, |u| u.loc);
            w = w
                .at(self.sources.locate(at))
                .field(if c.unit.is_some() { "unit" } else { "date" });
            if c.unit.is_none() {
                let before: Vec<&str> = unit
                    .predecessors
                    .iter()
                    .map(|p| units[p.unit.ix()].meta.slug.as_str())
                    .collect();
                w = w.help(if before.is_empty() {
                    "say where the recipient was at the time: unit = \"<unit slug>\" (and position = \"…\") on this commendation".to_string()
                } else {
                    format!(
                        "say where the recipient was at the time: unit = \"…\" on this commendation, one of the units `{}` took over: {}",
                        unit.meta.slug,
                        before.join(", ")
                    )
                });
            }
            self.push(w);
        }
        if let Some(g) = conferred_by
            && g != earned
        {
            let giver = &units[g.ix()];
            if let Some(d) = on(giver)
                && let Some(w) = self.outside_lifetime(
                    giver,
                    d,
                    &format!("a commendation conferred by `{}`", giver.meta.slug),
                )
            {
                let at = c.conferred_by.as_ref().map_or(anchor, |u| u.loc);
                let w = w.at(self.sources.locate(at)).field("conferred_by");
                self.push(w);
            }
        }
    }

    /// The level an award was conferred at: for a Giấy khen, the level of
    /// the unit that gave it, on the date it gave it.
    fn conferring_level(
        &self,
        award: AwardId,
        giver: Option<UnitId>,
        date: Option<NaiveDate>,
        units: &[Unit],
    ) -> AwardLevel {
        let a = self.awards.get(award);
        match giver {
            Some(g) if a.level_follows_giver() => {
                let date = date.unwrap_or(units[g.ix()].as_of);
                level_of_giver(units, g, date).unwrap_or(a.level)
            }
            _ => a.level,
        }
    }
}

/// The level of a unit as a giver of awards: a commune (or a body under
/// it) gives at commune level, a district at district level, a province
/// at province level and its departments at department level; a city
/// under a province is of district level.
fn level_of_giver(units: &[Unit], giver: UnitId, date: NaiveDate) -> Option<AwardLevel> {
    for u in lineage_on(units, giver, date) {
        let unit = &units[u.ix()];
        let itself = u == giver;
        let under_province = || {
            unit.parent_on(date)
                .is_some_and(|p| units[p.ix()].kind == "tinh")
        };
        let level = match unit.kind {
            "quoc-gia" if itself => AwardLevel::NhaNuoc,
            "quoc-gia" => AwardLevel::Tinh,
            "thanh-pho" if under_province() => AwardLevel::Huyen,
            "tinh" | "thanh-pho" if itself => AwardLevel::Tinh,
            "tinh" | "thanh-pho" => AwardLevel::So,
            "huyen" | "quan" | "thi-xa" => AwardLevel::Huyen,
            "xa" | "phuong" | "dac-khu" | "thi-tran" | "thon" => AwardLevel::Xa,
            _ => continue,
        };
        return Some(level);
    }
    None
}

/// The order of the commendation index; fields compare in this order.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct CommendationSortKey<'a> {
    /// Undated commendations go last.
    undated: bool,
    date: std::cmp::Reverse<Option<NaiveDate>>,
    rank: std::cmp::Reverse<u32>,
    name: Cow<'a, CollationKey>,
    /// Position in reading order: the final, unique tie-break.
    index: u32,
}
