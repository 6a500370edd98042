//! One value of a report table, rounded once so every format shows the same number.

use chrono::Duration;
use ticketgram_domain::metrics::Share;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Count(usize),
    /// Working-time minutes, rounded to one decimal.
    Minutes(f64),
    /// A percentage (0–100), rounded to one decimal.
    Percent(f64),
    /// An average 1–5 score, rounded to two decimals.
    Rating(f64),
    /// No samples: shown as an empty cell, because 0 would read as a real measurement.
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn minutes(d: Option<Duration>) -> Cell {
        d.map_or(Cell::Empty, |d| {
            Cell::Minutes(round(d.num_milliseconds() as f64 / 60_000.0, 1))
        })
    }

    pub fn share(share: &Share) -> Cell {
        share
            .ratio
            .map_or(Cell::Empty, |r| Cell::Percent(round(r * 100.0, 1)))
    }

    /// `part` of `whole` as a percentage; empty when `whole` is 0.
    pub fn fraction(part: usize, whole: usize) -> Cell {
        if whole == 0 {
            return Cell::Empty;
        }
        Cell::Percent(round(part as f64 * 100.0 / whole as f64, 1))
    }

    /// A ratio (0–1) as a percentage; empty without one.
    pub fn ratio(ratio: Option<f64>) -> Cell {
        ratio.map_or(Cell::Empty, |r| Cell::Percent(round(r * 100.0, 1)))
    }

    /// A stored count (the store counts in `i64`; a negative one cannot occur).
    pub fn tally(n: i64) -> Cell {
        Cell::Count(usize::try_from(n).unwrap_or(0))
    }

    pub fn rating(average: Option<f64>) -> Cell {
        average.map_or(Cell::Empty, |a| Cell::Rating(round(a, 2)))
    }

    /// The value as a spreadsheet number, if it is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Minutes(x) | Cell::Percent(x) | Cell::Rating(x) => Some(*x),
            Cell::Text(_) | Cell::Empty => None,
        }
    }

    /// The value as CSV text: numbers with their fixed decimals and a `.` separator, so the
    /// file reads the same in every locale.
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Minutes(x) | Cell::Percent(x) => format!("{x:.1}"),
            Cell::Rating(x) => format!("{x:.2}"),
            Cell::Empty => String::new(),
        }
    }
}

fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_and_empty_values() {
        assert_eq!(Cell::minutes(Some(Duration::seconds(2730))).csv(), "45.5");
        assert_eq!(Cell::minutes(Some(Duration::seconds(2))).csv(), "0.0");
        assert_eq!(Cell::minutes(None).csv(), "");
        assert_eq!(Cell::fraction(2, 3).csv(), "66.7");
        assert_eq!(Cell::fraction(0, 0), Cell::Empty);
        assert_eq!(Cell::rating(Some(10.0 / 3.0)).csv(), "3.33");
        assert_eq!(Cell::rating(Some(5.0)).csv(), "5.00");
    }
}
