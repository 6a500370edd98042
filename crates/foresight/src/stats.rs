//! Small robust statistics shared by the holiday calendar and the spike check.

/// Median of the values (the mean of the two middle ones for an even count); `None` when empty.
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
    })
}

/// Median absolute deviation around `center`; `None` when empty.
pub(crate) fn median_absolute_deviation(values: &[f64], center: f64) -> Option<f64> {
    let deviations: Vec<f64> = values.iter().map(|v| (v - center).abs()).collect();
    median(&deviations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn one_wild_week_barely_moves_the_mad() {
        let weeks = [10.0, 12.0, 11.0, 90.0];
        let center = median(&weeks).unwrap();
        assert_eq!(center, 11.5);
        assert_eq!(median_absolute_deviation(&weeks, center), Some(1.0));
    }
}
