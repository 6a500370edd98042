//! A desk that had a public holiday five weeks ago (a Wednesday at 30 % of the usual volume)
//! and has another one in the coming fortnight.

mod support;

use ticketgram_foresight::{forecast_volume, ForecastSettings, Holiday, HolidayCalendar};

/// Tickets forecast for the whole UTC day `date`.
fn day_total(forecast: &ticketgram_foresight::VolumeForecast, date: chrono::NaiveDate) -> f64 {
    forecast
        .hours
        .iter()
        .filter(|h| h.hour.date_naive() == date)
        .map(|h| h.expected)
        .sum()
}

#[test]
fn a_holiday_is_forecast_at_the_learned_share_of_a_normal_day() {
    let past_holiday = support::day(4 * 7 + 2); // Wednesday of week 5
    let coming_holiday = support::day(9 * 7 + 2); // Wednesday of week 10 (second forecast week)
    let normal_wednesday = support::day(8 * 7 + 2); // Wednesday of week 9
    let history = support::desk_history(8, 11, &[past_holiday], 0.3);
    let calendar = HolidayCalendar::new(vec![
        Holiday {
            date: past_holiday,
            name: "Founders' Day".into(),
            multiplier: None,
        },
        Holiday {
            date: coming_holiday,
            name: "Independence Day".into(),
            multiplier: None,
        },
    ])
    .unwrap();

    let forecast = forecast_volume(&history, &calendar, &ForecastSettings::default()).unwrap();
    let learned = forecast.holiday_effects.typical_multiplier.unwrap();
    println!("learned holiday multiplier {learned:.3} (true 0.3)");
    assert!((learned - 0.3).abs() < 0.1);

    let holiday = day_total(&forecast, coming_holiday);
    let wednesday = day_total(&forecast, normal_wednesday);
    let true_wednesday: f64 = (0..24)
        .map(|h| support::mean_at(support::first_monday() + chrono::Duration::hours(2 * 24 + h)))
        .sum();
    println!(
        "forecast: holiday {holiday:.0}, normal Wednesday {wednesday:.0} (truth {true_wednesday:.0})"
    );
    // The holiday day is scaled as documented: multiplier × a normal day.
    assert!((holiday / wednesday - learned).abs() < 0.05);
    // The past holiday was taken out of the history: Wednesdays are not forecast quieter.
    assert!((wednesday - true_wednesday).abs() < 0.15 * true_wednesday);
    assert!(forecast
        .hours
        .iter()
        .filter(|h| h.hour.date_naive() == coming_holiday)
        .all(|h| h.holiday_multiplier == Some(learned)));
}

#[test]
fn a_given_multiplier_is_applied_as_is() {
    let launch_day = support::day(8 * 7 + 3); // Thursday of the first forecast week
    let history = support::desk_history(8, 12, &[], 1.0);
    let with_launch = HolidayCalendar::new(vec![Holiday {
        date: launch_day,
        name: "Product launch".into(),
        multiplier: Some(2.0),
    }])
    .unwrap();
    let settings = ForecastSettings::default();
    let plain = forecast_volume(&history, &HolidayCalendar::none(), &settings).unwrap();
    let launch = forecast_volume(&history, &with_launch, &settings).unwrap();
    // No past holiday to take out: the model is the same, only the launch day doubles.
    assert!((day_total(&launch, launch_day) - 2.0 * day_total(&plain, launch_day)).abs() < 1e-6);
    let other_day = support::day(8 * 7 + 4);
    assert!((day_total(&launch, other_day) - day_total(&plain, other_day)).abs() < 1e-6);
}
