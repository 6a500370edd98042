//! A desk with a Monday peak and quiet weekends: eight weeks of history, and the lead wants
//! the next two weeks' hourly volume and to know whether to trust it.

mod support;

use ticketgram_foresight::{
    backtest, forecast_errors, forecast_volume, BacktestSettings, ForecastSettings,
    HolidayCalendar, FORECAST_HORIZON_HOURS, HOURS_PER_WEEK,
};

#[test]
fn last_week_is_forecast_within_a_quarter_and_no_worse_than_same_hour_last_week() {
    for seed in [7, 21, 1984] {
        let history = support::desk_history(8, seed, &[], 1.0);
        let report = backtest(
            &history,
            &HolidayCalendar::none(),
            &BacktestSettings {
                folds: 1,
                horizon_hours: HOURS_PER_WEEK,
            },
        )
        .unwrap();
        let (model, naive) = (report.model, report.seasonal_naive);
        let held_out = &history.counts()[7 * HOURS_PER_WEEK..];
        let oracle = forecast_errors(
            held_out,
            &support::true_means(history.hour_at(7 * HOURS_PER_WEEK), HOURS_PER_WEEK),
        );
        println!(
            "seed {seed}: model WAPE {:.3} MAE {:.2}; seasonal naive WAPE {:.3} MAE {:.2}; \
             true means WAPE {:.3} MAE {:.2}",
            model.wape.unwrap(),
            model.mae,
            naive.wape.unwrap(),
            naive.mae,
            oracle.wape.unwrap(),
            oracle.mae
        );
        assert_eq!(model.hours, HOURS_PER_WEEK);
        assert!(model.wape.unwrap() < 0.25, "seed {seed}: {model:?}");
        // Within a few points of knowing the true means: the rest is Poisson noise.
        assert!(
            model.wape.unwrap() < oracle.wape.unwrap() + 0.06,
            "seed {seed}"
        );
        // Same hour last week carries a whole week of Poisson noise; the model averages it out.
        assert!(
            model.wape.unwrap() <= naive.wape.unwrap() + 0.02,
            "seed {seed}: model {model:?} vs naive {naive:?}"
        );
    }
}

#[test]
fn two_rolling_weeks_report_each_origin() {
    let history = support::desk_history(8, 42, &[], 1.0);
    let report = backtest(
        &history,
        &HolidayCalendar::none(),
        &BacktestSettings::default(),
    )
    .unwrap();
    assert_eq!(report.folds.len(), 2);
    assert_eq!(report.folds[0].origin, history.hour_at(6 * HOURS_PER_WEEK));
    assert_eq!(report.folds[1].origin, history.hour_at(7 * HOURS_PER_WEEK));
    assert_eq!(report.model.hours, 2 * HOURS_PER_WEEK);
    println!(
        "two folds: model WAPE {:.3} MAE {:.2}; naive WAPE {:.3} MAE {:.2}; beats naive: {}",
        report.model.wape.unwrap(),
        report.model.mae,
        report.seasonal_naive.wape.unwrap(),
        report.seasonal_naive.mae,
        report.model_beats_seasonal_naive
    );
    assert!(report.model.wape.unwrap() < 0.25);
}

#[test]
fn the_next_two_weeks_keep_the_monday_peak_and_quiet_nights() {
    let history = support::desk_history(8, 7, &[], 1.0);
    let forecast = forecast_volume(
        &history,
        &HolidayCalendar::none(),
        &ForecastSettings::default(),
    )
    .unwrap();
    assert_eq!(forecast.hours.len(), FORECAST_HORIZON_HOURS);
    assert_eq!(forecast.seasons, vec![24, 168]);
    assert_eq!(forecast.hours[0].hour, history.end());

    // Hour 10 of each forecast day against the true mean.
    let monday_ten = &forecast.hours[10];
    let saturday_ten = &forecast.hours[5 * 24 + 10];
    let second_monday_ten = &forecast.hours[7 * 24 + 10];
    let truth = support::mean_at(monday_ten.hour);
    println!(
        "Monday 10:00 forecast {:.1} (truth {truth:.1}, band {:.1}–{:.1}); Saturday 10:00 {:.1}; Monday 03:00 {:.1}",
        monday_ten.expected,
        monday_ten.lower.unwrap(),
        monday_ten.upper.unwrap(),
        saturday_ten.expected,
        forecast.hours[3].expected
    );
    assert!((monday_ten.expected - truth).abs() < 0.2 * truth);
    assert!((second_monday_ten.expected - truth).abs() < 0.25 * truth);
    assert!(monday_ten.expected > 3.0 * saturday_ten.expected);
    // Monday 03:00: a handful of tickets, a tenth of the morning peak or less.
    assert!(forecast.hours[3].expected < 0.1 * monday_ten.expected);

    for hour in &forecast.hours {
        let (lower, upper) = (hour.lower.unwrap(), hour.upper.unwrap());
        assert!(hour.expected >= 0.0 && lower >= 0.0);
        assert!(lower <= hour.expected + 1e-9 && hour.expected <= upper + 1e-9);
    }
}

#[test]
fn the_eighty_percent_band_holds_most_of_the_held_out_weeks_hours() {
    let history = support::desk_history(8, 7, &[], 1.0);
    let training = history.head(7 * HOURS_PER_WEEK);
    let settings = ForecastSettings {
        horizon_hours: HOURS_PER_WEEK,
        interval_level: Some(0.8),
    };
    let forecast = forecast_volume(&training, &HolidayCalendar::none(), &settings).unwrap();
    let held_out = &history.counts()[7 * HOURS_PER_WEEK..];
    let inside = forecast
        .hours
        .iter()
        .zip(held_out)
        .filter(|(h, &actual)| actual >= h.lower.unwrap() && actual <= h.upper.unwrap())
        .count();
    let coverage = inside as f64 / HOURS_PER_WEEK as f64;
    println!("80 % band held {inside} of {HOURS_PER_WEEK} held-out hours ({coverage:.2})");
    // Measured 0.70: the band is as wide at the Monday peak as at night (see
    // docs/forecasting.md), so it runs a little narrow on a Poisson desk. Loose on purpose.
    assert!(coverage > 0.6, "{coverage}");
}
