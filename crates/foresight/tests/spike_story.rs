//! Login problems usually follow the desk's rhythm; this morning a broken release sent three
//! times the usual tickets. The lead should hear about that, and not about an ordinary day.

mod support;

use ticketgram_foresight::{
    category_spikes, check_latest, CategoryCounts, SpikeSettings, HOURS_PER_WEEK,
};

#[test]
fn a_broken_release_hour_is_flagged_and_an_ordinary_hour_is_not() {
    // Eight weeks of hourly counts ending Monday 10:00–11:00 (the busiest hour of the week).
    let history = support::desk_history(9, 5, &[], 1.0);
    let ordinary: Vec<f64> = history.counts()[..8 * HOURS_PER_WEEK + 11].to_vec();
    let check = check_latest(&ordinary, &SpikeSettings::hourly()).unwrap();
    println!("ordinary Monday 10:00: {check:?}");
    assert_eq!(check.spike, None);

    let mut broken = ordinary.clone();
    *broken.last_mut().unwrap() = 3.0 * support::mean_at(history.hour_at(broken.len() - 1));
    let check = check_latest(&broken, &SpikeSettings::hourly()).unwrap();
    let spike = check
        .spike
        .expect("three times the usual Monday 10:00 is a spike");
    println!("broken release Monday 10:00: {check:?}");
    assert!(spike.ratio.unwrap() > 2.0);
    assert!(spike.excess > 20.0);
}

#[test]
fn no_ordinary_day_of_eight_weeks_is_flagged_but_the_outage_day_is() {
    let history = support::desk_history(8, 9, &[], 1.0);
    let days = support::daily_totals(history.counts());
    // Every day with four weeks behind it is checked as if it were today.
    for today in 28..days.len() {
        let check = check_latest(&days[..=today], &SpikeSettings::daily()).unwrap();
        assert_eq!(check.spike, None, "day {today}: {check:?}");
    }

    let mut outage = days.clone();
    *outage.last_mut().unwrap() *= 1.6;
    let categories = [
        CategoryCounts {
            category: "Billing".into(),
            counts: days.clone(),
        },
        CategoryCounts {
            category: "Login problems".into(),
            counts: outage,
        },
    ];
    let spikes = category_spikes(&categories, &SpikeSettings::daily()).unwrap();
    assert_eq!(spikes.len(), 1);
    assert_eq!(spikes[0].category, "Login problems");
    println!("outage day: {:?}", spikes[0]);
}
