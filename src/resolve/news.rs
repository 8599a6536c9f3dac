//! News items and what they are about (`person:…`, `unit:…`…).

use super::Resolver;
use crate::diagnostics::did_you_mean;
use crate::load::fields::At;
use crate::load::raw::RawNews;
use crate::model::*;

impl Resolver<'_> {
    /// News items, with what they are `about`.
    pub(super) fn news(&mut self, raws: Vec<RawNews>) -> Vec<News> {
        let mut out = Vec::with_capacity(raws.len());
        for n in raws {
            let mut about = Vec::new();
            for a in &n.about {
                let text = a.value.trim();
                let Some((kind, slug)) = text.split_once(':') else {
                    let d = self
                        .error_at(a.loc, format!("`about` entry \"{text}\" does not say what it refers to"))
                        .field("about")
                        .help(format!("write \"person:{text}\", \"unit:{text}\", \"movement:…\", \"conference:…\", \"plan:…\" or \"collective:…\""));
                    self.push(d);
                    continue;
                };
                let slug_at = At {
                    value: slug.trim().to_string(),
                    loc: a.loc,
                };
                let r = match kind.trim() {
                    "person" | "ca-nhan" => self.person(&slug_at, "about").map(EntityRef::Person),
                    "collective" | "tap-the" => self
                        .collective(&slug_at, "about")
                        .map(EntityRef::Collective),
                    "unit" | "don-vi" => self.unit(&slug_at, "about").map(EntityRef::Unit),
                    "movement" | "phong-trao" => {
                        self.movement(&slug_at, "about").map(EntityRef::Movement)
                    }
                    "conference" | "hoi-nghi" => self
                        .conference(&slug_at, "about")
                        .map(EntityRef::Conference),
                    "plan" | "van-ban" => self.plan(&slug_at, "about").map(EntityRef::Plan),
                    other => {
                        let kinds = [
                            "person",
                            "collective",
                            "unit",
                            "movement",
                            "conference",
                            "plan",
                        ];
                        let d = self
                            .error_at(
                                a.loc,
                                format!(
                                    "`about` entry \"{text}\": `{other}` is not a kind of page"
                                ),
                            )
                            .field("about")
                            .label(format!("expected one of: {}", kinds.join(", ")))
                            .suggest(did_you_mean(other, kinds));
                        self.push(d);
                        None
                    }
                };
                if let Some(r) = r {
                    about.push(r);
                }
            }
            let photo = n
                .photo
                .as_ref()
                .and_then(|p| self.file_ref(&n.common.dir, p, "photo", false));
            out.push(News {
                meta: self.entity_meta(&n.common),
                title: n.title,
                date: n.date.unwrap_or_default(),
                summary: n.summary,
                about,
                photo,
                category: n.category.and_then(|c| {
                    if crate::vi::slugify(&c.value).is_empty() {
                        let d = self
                            .error_at(c.loc, format!("`category` \"{}\" has no letters or digits", c.value))
                            .field("category")
                            .help("name the category in words: category = \"Gương người tốt, việc tốt\"");
                        self.push(d);
                        return None;
                    }
                    Some(c.value)
                }),
            });
        }
        out
    }
}
