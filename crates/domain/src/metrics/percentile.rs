//! Percentiles for report durations.

/// The `percent`-th percentile of `sorted` (ascending) by the **nearest-rank** method: the
/// value at 1-based rank `ceil(percent / 100 × n)`, and the smallest value for 0%.
///
/// Why nearest-rank: the answer is always a time some client really waited, it needs no
/// interpolation between tickets, and an agent can check it by counting rows in the Excel
/// export. The price: the median of an even count is the lower middle value (the median of
/// 10 and 20 minutes is 10, not 15). `None` for no values; `percent` above 100 counts as 100.
pub fn nearest_rank<T: Copy>(sorted: &[T], percent: u8) -> Option<T> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let percent = usize::from(percent.min(100));
    let rank = (percent * n).div_ceil(100).max(1);
    Some(sorted[rank - 1])
}

#[cfg(test)]
mod tests {
    use super::nearest_rank;

    #[test]
    fn the_textbook_nearest_rank_example() {
        // The classic worked example for the method: 15, 20, 35, 40, 50.
        let values = [15, 20, 35, 40, 50];
        assert_eq!(nearest_rank(&values, 5), Some(15)); // ceil(0.25) = rank 1
        assert_eq!(nearest_rank(&values, 30), Some(20)); // ceil(1.5) = rank 2
        assert_eq!(nearest_rank(&values, 40), Some(20)); // exactly rank 2
        assert_eq!(nearest_rank(&values, 50), Some(35)); // ceil(2.5) = rank 3
        assert_eq!(nearest_rank(&values, 100), Some(50));
    }

    #[test]
    fn edge_cases() {
        assert_eq!(nearest_rank::<u32>(&[], 50), None);
        assert_eq!(
            nearest_rank(&[10, 20], 50),
            Some(10),
            "lower middle, no averaging"
        );
        assert_eq!(nearest_rank(&[7], 90), Some(7));
        assert_eq!(nearest_rank(&[1, 2, 3], 0), Some(1));
        // p90 of ten values is the 9th; of eleven, the 10th (ceil(9.9)).
        let ten: Vec<u32> = (1..=10).collect();
        assert_eq!(nearest_rank(&ten, 90), Some(9));
        let eleven: Vec<u32> = (1..=11).collect();
        assert_eq!(nearest_rank(&eleven, 90), Some(10));
    }
}
