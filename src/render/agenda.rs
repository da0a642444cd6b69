//! The agenda: `/agenda/` and its further pages (upcoming events, then
//! past ones, from every post with an `[event]`), which take the place of
//! the `agenda` section's list when the site has events; and the
//! calendar files `/agenda.ics` and `<post>/acara.ics` ([`super::ical`]).

use serde_json::Value;

use super::ical;
use super::inputs::Inputs;
use super::kind::{Body, Key, Kind, Listed};
use super::sitemap::Dates;
use super::structured::{crumbs, words};
use super::views::{page_count, page_path};
use crate::model::{Model, Moment};
use crate::render::Input;

/// Where the agenda pages are: `/agenda/`.
pub const AGENDA_PATH: &str = "agenda/";

/// `/agenda/`, `/agenda/halaman/2/`, …
pub struct AgendaPages;

impl Kind for AgendaPages {
    fn pages(&self, m: &Model) -> Vec<Key> {
        if !m.has_events() {
            return Vec::new();
        }
        let pages = page_count(m.agenda().len(), m.config.posts_per_page);
        (1..=pages).map(|page| Key::paged(0, page)).collect()
    }

    fn path(&self, _: &Model, key: Key) -> String {
        page_path(AGENDA_PATH, key.page)
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let per = m.config.posts_per_page;
        let agenda = to.agenda();
        let all = agenda.all();
        let start = ((key.page - 1) * per).min(all.len());
        let end = (start + per).min(all.len());
        let split = agenda.upcoming.len().clamp(start, end);
        to.summaries("upcoming", &all[start..split]);
        to.summaries("past", &all[split..end]);
        to.value("upcoming_total", &agenda.upcoming.len());
        to.value("past_total", &agenda.past.len());
        let section = m.sections.iter().position(|s| s.path == AGENDA_PATH);
        to.section("section", section);
        to.pager("paginator", AGENDA_PATH, &all, key.page);
        Body::Template("agenda.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::List)
    }

    fn lastmod(&self, m: &Model, _: Key, dates: &Dates) -> Option<Moment> {
        dates.events(m)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        let name = m
            .sections
            .iter()
            .find(|s| s.path == AGENDA_PATH)
            .map_or_else(|| words(m, "Agenda", "Events"), |s| s.title.clone());
        Some(vec![crumbs(m, vec![(name, AGENDA_PATH.to_string())])])
    }
}

/// `/agenda.ics`: every event.
pub struct AgendaCalendar;

impl Kind for AgendaCalendar {
    fn pages(&self, m: &Model) -> Vec<Key> {
        if m.has_events() {
            vec![Key::default()]
        } else {
            Vec::new()
        }
    }

    fn path(&self, _: &Model, _: Key) -> String {
        ical::AGENDA_FILE.into()
    }

    fn inputs<'m>(&self, _: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        // A calendar prints the fields of the summary (with `[event]`).
        let all = to.agenda().all();
        to.uses_summaries(&all);
        Body::Made(|m, _| ical::agenda(m))
    }
}

/// `<post>/acara.ics`: one post's event (key: the post's index).
pub struct EventCalendars;

impl Kind for EventCalendars {
    fn pages(&self, m: &Model) -> Vec<Key> {
        let events = (0..m.posts.len()).filter(|&i| m.posts[i].event.is_some());
        events.map(Key::item).collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        format!("{}{}", m.posts[key.item].path, ical::EVENT_FILE)
    }

    fn inputs<'m>(&self, _: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        to.uses_summaries(&[key.item]);
        Body::Made(|m, key| ical::single(m, &m.posts[key.item]))
    }
}
