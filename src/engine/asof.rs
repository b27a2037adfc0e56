//! When a price was read (`as_of`), and whether it is older than a catalog allows.
//!
//! A date may be a year (`2026`), a month (`2026-04`) or a day (`2026-04-09`). A year or a month
//! is compared by its last day: "2026" covers every day of 2026, so a price dated only by its
//! year is called stale no earlier than a price read on 31 December would be. This errs towards
//! trusting a vague date, never towards flagging a price that may have been read last week.
//!
//! The engine has no clock: callers hand it today's date.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;

/// How many days a price stays fresh when a catalog does not say.
pub const DEFAULT_STALE_AFTER_DAYS: u32 = 90;

/// A price's date as written, at the precision written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    /// The text as written, e.g. `2026-04`.
    pub text: Arc<str>,
    /// The last day the text covers, used for comparisons.
    pub last_day: Date,
}

impl AsOf {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let parts: Vec<&str> = trimmed.split('-').collect();
        let widths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        let all_digits = parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !all_digits || !matches!(widths.as_slice(), [4] | [4, 2] | [4, 2, 2]) {
            return Err(format!(
                "`{trimmed}` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
            ));
        }
        let number = |i: usize| parts.get(i).and_then(|p| p.parse::<i16>().ok());
        let year = number(0).filter(|y| (1..=9998).contains(y));
        let Some(year) = year else {
            return Err(format!("`{trimmed}` has no valid year"));
        };
        let month = number(1);
        let day = number(2);
        let last_day = match (month, day) {
            (None, _) => Date::new(year, 12, 31),
            (Some(m), None) => Date::new(year, i8::try_from(m).unwrap_or(0), 1).map(|d| d.last_of_month()),
            (Some(m), Some(d)) => Date::new(year, i8::try_from(m).unwrap_or(0), i8::try_from(d).unwrap_or(0)),
        }
        .map_err(|_| match (month, day) {
            (Some(m), _) if !(1..=12).contains(&m) => format!("`{trimmed}` has no month {m}"),
            _ => format!("`{trimmed}` names a day its month does not have"),
        })?;
        Ok(Self {
            text: trimmed.into(),
            last_day,
        })
    }

    /// How many whole days have passed since the last day the date covers; negative when it
    /// lies in the future.
    pub fn age_days(&self, today: Date) -> i64 {
        // Between two civil dates jiff's largest unit is the day, so the span is whole days.
        today.since(self.last_day).map_or(0, |span| i64::from(span.get_days()))
    }

    /// True when the price is older than `limit_days` on `today`.
    pub fn is_stale(&self, today: Date, limit_days: u32) -> bool {
        self.age_days(today) > i64::from(limit_days)
    }
}

impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().expect("a date")
    }

    #[test]
    fn accepts_the_three_forms_and_compares_by_their_last_day() {
        assert_eq!(AsOf::parse("2026").expect("year").last_day, date("2026-12-31"));
        assert_eq!(AsOf::parse("2026-02").expect("month").last_day, date("2026-02-28"));
        assert_eq!(AsOf::parse("2024-02").expect("leap").last_day, date("2024-02-29"));
        assert_eq!(AsOf::parse("2026-04-09").expect("day").last_day, date("2026-04-09"));
    }

    #[test]
    fn rejects_anything_else_with_a_reason() {
        for bad in [
            "2026-13-45",
            "2026-13",
            "2026-02-30",
            "26",
            "2026/04",
            "2026-4",
            "April 2026",
            "",
            "2026-04-09T10:00",
        ] {
            assert!(AsOf::parse(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(AsOf::parse("2026-13").unwrap_err(), "`2026-13` has no month 13");
    }

    #[test]
    fn a_price_is_stale_only_after_the_limit_has_passed_since_its_period_ended() {
        let today = date("2026-11-22");
        let year = AsOf::parse("2026").expect("year");
        assert!(!year.is_stale(today, 90), "a year-only date covers today");
        let month = AsOf::parse("2026-08").expect("month");
        assert_eq!(month.age_days(today), 83);
        assert!(!month.is_stale(today, 90));
        assert!(month.is_stale(today, 80));
        let day = AsOf::parse("2026-08-23").expect("day");
        assert_eq!(day.age_days(today), 91);
        assert!(day.is_stale(today, 90));
        assert!(!AsOf::parse("2027-01-01").expect("future").is_stale(today, 0));
    }
}
