//! A synthetic desk with a known rhythm, for the story tests.
//!
//! Tickets arrive as Poisson counts around an hourly mean that is a daily shape (quiet nights,
//! a morning peak, a dip at lunch) times a weekday factor (Monday is the busiest day, the
//! weekend is quiet). A seeded RNG makes every run see the same tickets.

#![allow(dead_code)] // each story uses part of it

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ticketgram_foresight::{HourlySeries, HOURS_PER_DAY, HOURS_PER_WEEK};

/// A mid-sized desk: about 570 tickets on a Wednesday, 800 on a Monday.
const VOLUME: f64 = 3.0;

/// Mean tickets per hour of a Wednesday, hour by hour (UTC), before [`VOLUME`].
const DAILY_SHAPE: [f64; HOURS_PER_DAY] = [
    1.0, 0.6, 0.4, 0.4, 0.6, 1.0, 2.0, 4.0, 10.0, 18.0, 20.0, 18.0, 14.0, 16.0, 17.0, 16.0, 14.0,
    10.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0,
];

/// Monday first: the Monday peak, a quiet weekend.
const WEEKDAY_FACTOR: [f64; 7] = [1.4, 1.1, 1.0, 1.0, 0.9, 0.35, 0.3];

/// The first hour of every synthetic history: a Monday at midnight UTC.
pub fn first_monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 0, 0, 0).unwrap()
}

/// The mean tickets for the hour starting at `hour`.
pub fn mean_at(hour: DateTime<Utc>) -> f64 {
    let weekday = hour.weekday().num_days_from_monday() as usize;
    VOLUME * DAILY_SHAPE[chrono::Timelike::hour(&hour) as usize] * WEEKDAY_FACTOR[weekday]
}

/// A Poisson draw (Knuth's method: fine for the means below ~100 of one hour at a desk).
pub fn poisson(rng: &mut StdRng, mean: f64) -> f64 {
    let limit = (-mean).exp();
    let mut product: f64 = rng.gen();
    let mut count = 0.0;
    while product > limit {
        product *= rng.gen::<f64>();
        count += 1.0;
    }
    count
}

/// `weeks` weeks of hourly tickets from [`first_monday`]; hours on `holidays` get
/// `holiday_factor` times their usual mean.
pub fn desk_history(
    weeks: usize,
    seed: u64,
    holidays: &[NaiveDate],
    holiday_factor: f64,
) -> HourlySeries {
    let mut rng = StdRng::seed_from_u64(seed);
    let counts = (0..weeks * HOURS_PER_WEEK)
        .map(|h| {
            let hour = first_monday() + Duration::hours(h as i64);
            let factor = if holidays.contains(&hour.date_naive()) {
                holiday_factor
            } else {
                1.0
            };
            poisson(&mut rng, mean_at(hour) * factor)
        })
        .collect();
    HourlySeries::new(first_monday(), counts).unwrap()
}

/// The UTC date `days` after [`first_monday`].
pub fn day(days: i64) -> NaiveDate {
    (first_monday() + Duration::days(days)).date_naive()
}

/// Tickets per day of an hourly series (whole days only).
pub fn daily_totals(hourly: &[f64]) -> Vec<f64> {
    hourly
        .chunks_exact(HOURS_PER_DAY)
        .map(|d| d.iter().sum())
        .collect()
}

/// The true mean of each hour from `start` on: the best forecast anyone could make, whose
/// error is the noise no model can remove.
pub fn true_means(start: DateTime<Utc>, hours: usize) -> Vec<f64> {
    (0..hours)
        .map(|h| mean_at(start + Duration::hours(h as i64)))
        .collect()
}
