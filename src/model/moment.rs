//! Dates as the village sees them.
//!
//! Front matter dates are TOML datetimes with an offset, local datetimes,
//! or plain dates. A plain date means that day in the village's time zone
//! (never UTC midnight, which would move it a day for readers west of
//! UTC); every moment is kept in the village's offset so templates print
//! "09.30 WIB" without knowing time zones.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Serialize, Serializer};
use toml::value::Datetime;

/// A point in time in the village's zone; `has_time` is false for a plain
/// date, which templates show without a clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    pub at: DateTime<FixedOffset>,
    pub has_time: bool,
}

impl Moment {
    /// Converts a TOML datetime. `Err` carries what is missing or wrong.
    pub fn from_toml(dt: &Datetime, zone: FixedOffset) -> Result<Moment, &'static str> {
        let Some(d) = dt.date else {
            return Err("time-only");
        };
        let date = NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            .ok_or("invalid-date")?;
        let Some(t) = dt.time else {
            let at = zone
                .from_local_datetime(&date.and_time(NaiveTime::MIN))
                .single()
                .ok_or("invalid-date")?;
            return Ok(Moment {
                at,
                has_time: false,
            });
        };
        let time = NaiveTime::from_hms_nano_opt(
            u32::from(t.hour),
            u32::from(t.minute),
            u32::from(t.second.unwrap_or(0)),
            t.nanosecond.unwrap_or(0),
        )
        .ok_or("invalid-time")?;
        let naive = date.and_time(time);
        let at = match dt.offset {
            None => zone
                .from_local_datetime(&naive)
                .single()
                .ok_or("invalid-date")?,
            Some(toml::value::Offset::Z) => {
                chrono::Utc.from_utc_datetime(&naive).with_timezone(&zone)
            }
            Some(toml::value::Offset::Custom { minutes }) => {
                let off = FixedOffset::east_opt(i32::from(minutes) * 60).ok_or("invalid-offset")?;
                off.from_local_datetime(&naive)
                    .single()
                    .ok_or("invalid-date")?
                    .with_timezone(&zone)
            }
        };
        Ok(Moment { at, has_time: true })
    }

    pub fn date(&self) -> NaiveDate {
        self.at.date_naive()
    }

    /// The instant this moment lasts until: a plain date means the whole
    /// day, so the next midnight in the village's zone; a time is itself.
    pub fn until(&self) -> DateTime<FixedOffset> {
        if self.has_time {
            self.at
        } else {
            let day = chrono::TimeDelta::days(1);
            self.at.checked_add_signed(day).unwrap_or(self.at)
        }
    }

    /// `2025-08-26T09:30:00+07:00`, or `2025-08-26` for a plain date.
    pub fn machine(&self) -> String {
        if self.has_time {
            self.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        } else {
            self.at.format("%Y-%m-%d").to_string()
        }
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.machine())
    }
}

#[cfg(test)]
mod tests {
    use chrono::FixedOffset;

    use super::Moment;

    fn parse(s: &str) -> toml::value::Datetime {
        s.parse().unwrap()
    }

    #[test]
    fn converts_into_the_village_zone() {
        let wita = FixedOffset::east_opt(8 * 3600).unwrap();
        for (input, want, has_time) in [
            (
                "2025-08-26T09:30:00+07:00",
                "2025-08-26T10:30:00+08:00",
                true,
            ),
            ("2025-08-26T09:30:00", "2025-08-26T09:30:00+08:00", true),
            ("2025-08-26T01:00:00Z", "2025-08-26T09:00:00+08:00", true),
            ("2025-08-26", "2025-08-26", false),
        ] {
            let m = Moment::from_toml(&parse(input), wita).unwrap();
            assert_eq!(
                (m.machine().as_str(), m.has_time),
                (want, has_time),
                "{input}"
            );
        }
        assert!(Moment::from_toml(&parse("09:30:00"), wita).is_err());
    }
}
