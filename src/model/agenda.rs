//! The agenda: every post with an `[event]` table, whatever its section,
//! split at "now" (the build's clock, [`Model::now`]) into the events
//! still to come and those already over.
//!
//! An event is over once its end has passed. A plain date lasts the
//! whole day in the village's zone (`end = 2025-10-26` runs until
//! midnight after the 26th); an event with a start time and no end is
//! taken to last until the end of its day, so a 09.00 meeting is still
//! listed as coming up at 10.00 on that day.

use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta, TimeZone};

use crate::model::Model;
use crate::model::post::EventInfo;

impl EventInfo {
    /// When the event is over (see the module documentation).
    pub fn ends(&self) -> DateTime<FixedOffset> {
        match &self.end {
            Some(end) => end.until(),
            None => {
                let day = self.start.at.date_naive().and_time(NaiveTime::MIN);
                let midnight = self.start.at.offset().from_local_datetime(&day).single();
                midnight
                    .and_then(|m| m.checked_add_signed(TimeDelta::days(1)))
                    .unwrap_or(self.start.at)
            }
        }
    }
}

/// Indices into [`Model::posts`] of the posts with an event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    /// Events not yet over, soonest first.
    pub upcoming: Vec<usize>,
    /// Events over, the most recent first.
    pub past: Vec<usize>,
}

impl Agenda {
    pub fn is_empty(&self) -> bool {
        self.upcoming.is_empty() && self.past.is_empty()
    }

    pub fn len(&self) -> usize {
        self.upcoming.len() + self.past.len()
    }

    /// Upcoming, then past: the order of the agenda pages.
    pub fn all(&self) -> Vec<usize> {
        self.upcoming.iter().chain(&self.past).copied().collect()
    }
}

impl Model {
    /// Every event, split at [`Model::now`].
    pub fn agenda(&self) -> Agenda {
        let mut agenda = Agenda::default();
        for (i, p) in self.posts.iter().enumerate() {
            if let Some(e) = &p.event {
                if e.ends() > self.now {
                    agenda.upcoming.push(i);
                } else {
                    agenda.past.push(i);
                }
            }
        }
        let start = |i: &usize| self.posts[*i].event.as_ref().map(|e| e.start.at);
        // Ties (two events at the same hour) keep the posts' order: newest
        // post first, then by title, as the model sorted them.
        agenda.upcoming.sort_by_key(start);
        agenda.past.sort_by_key(|i| std::cmp::Reverse(start(i)));
        agenda
    }

    /// Whether the site has any event, so `/agenda/` and the calendar
    /// files are made.
    pub fn has_events(&self) -> bool {
        self.posts.iter().any(|p| p.event.is_some())
    }
}

#[cfg(test)]
mod tests {
    use chrono::FixedOffset;

    use crate::model::Moment;
    use crate::model::post::EventInfo;

    fn moment(s: &str) -> Moment {
        let wita = FixedOffset::east_opt(8 * 3600).unwrap();
        Moment::from_toml(&s.parse().unwrap(), wita).unwrap()
    }

    fn event(start: &str, end: Option<&str>) -> EventInfo {
        EventInfo {
            start: moment(start),
            end: end.map(moment),
            venue: None,
            organizer: None,
        }
    }

    #[test]
    fn an_event_ends_at_its_end_or_with_its_day() {
        let ends = |e: EventInfo| e.ends().to_rfc3339();
        assert_eq!(
            ends(event("2027-01-17T09:00:00", Some("2027-01-17T11:00:00"))),
            "2027-01-17T11:00:00+08:00"
        );
        // A plain date lasts the whole day.
        assert_eq!(
            ends(event("2027-01-17", Some("2027-01-18"))),
            "2027-01-19T00:00:00+08:00"
        );
        assert_eq!(ends(event("2027-01-17", None)), "2027-01-18T00:00:00+08:00");
        // A start time without an end: the rest of that day.
        assert_eq!(
            ends(event("2027-01-17T09:00:00", None)),
            "2027-01-18T00:00:00+08:00"
        );
    }
}
