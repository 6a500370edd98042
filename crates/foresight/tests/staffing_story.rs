//! The lead turns next fortnight's forecast into a roster: 6-minute tickets, 80 % answered
//! within a minute, agents at most 85 % busy, 30 % of paid time off the queue.

mod support;

use ticketgram_foresight::{
    agents_needed, forecast_volume, staffing_table, ForecastSettings, HolidayCalendar,
    StaffingTarget, FORECAST_HORIZON_HOURS,
};

#[test]
fn the_monday_rush_needs_more_agents_than_saturday_and_the_night_almost_none() {
    let history = support::desk_history(8, 3, &[], 1.0);
    let forecast = forecast_volume(
        &history,
        &HolidayCalendar::none(),
        &ForecastSettings::default(),
    )
    .unwrap();
    let target = StaffingTarget {
        average_handling_secs: 360.0,
        target_answer_secs: 60.0,
        service_level: 0.8,
        max_occupancy: Some(0.85),
        shrinkage: 0.3,
    };
    let table = staffing_table(&forecast, &target).unwrap();
    assert_eq!(table.len(), FORECAST_HORIZON_HOURS);

    let (monday_ten, monday_three, saturday_ten) = (&table[10], &table[3], &table[5 * 24 + 10]);
    println!(
        "Monday 10:00 {:.0} tickets → {} agents ({} rostered); Saturday 10:00 {:.0} → {} ({}); \
         Monday 03:00 {:.1} → {} ({})",
        monday_ten.need.arrivals_per_hour,
        monday_ten.need.agents,
        monday_ten.need.rostered_agents,
        saturday_ten.need.arrivals_per_hour,
        saturday_ten.need.agents,
        saturday_ten.need.rostered_agents,
        monday_three.need.arrivals_per_hour,
        monday_three.need.agents,
        monday_three.need.rostered_agents,
    );
    assert_eq!(monday_ten.hour, forecast.hours[10].hour);
    assert!(monday_ten.need.agents > 2 * saturday_ten.need.agents);
    assert!(monday_three.need.agents <= 2);
    for row in &table {
        // Every hour meets the promise without overworking anyone.
        assert!(row.need.service_level >= 0.8);
        assert!(row.need.occupancy <= 0.85 + 1e-12);
        assert!(row.need.rostered_agents >= row.need.agents);
        // And one agent fewer would break it (or the occupancy cap).
        if row.need.agents > 0 {
            let fewer = row.need.agents - 1;
            let traffic = row.need.traffic_erlangs;
            let breaks_cap = traffic / f64::from(fewer) > 0.85;
            let breaks_level =
                ticketgram_foresight::service_level(fewer, traffic, 360.0, 60.0) < 0.8;
            assert!(breaks_cap || breaks_level, "{row:?}");
        }
    }
    // The same numbers as asking hour by hour.
    assert_eq!(
        agents_needed(forecast.hours[10].expected, &target).unwrap(),
        monday_ten.need
    );
}
