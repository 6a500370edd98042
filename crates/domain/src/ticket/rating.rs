use serde::{Deserialize, Serialize};

/// A client's satisfaction score. Parse, don't validate: a `Rating` always holds 1..=5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Rating(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a rating is a whole number from 1 to 5, got {0}")]
pub struct RatingError(pub i64);

impl Rating {
    pub fn new(score: i64) -> Result<Rating, RatingError> {
        match score {
            1..=5 => Ok(Rating(score as u8)),
            other => Err(RatingError(other)),
        }
    }

    pub fn score(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Rating {
    type Error = RatingError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Rating::new(value)
    }
}

impl From<Rating> for i64 {
    fn from(r: Rating) -> i64 {
        r.0 as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_to_five_stars_exist() {
        assert_eq!(Rating::new(5).unwrap().score(), 5);
        assert_eq!(Rating::new(0), Err(RatingError(0)));
        assert_eq!(Rating::new(6), Err(RatingError(6)));
        assert!(serde_json::from_str::<Rating>("9").is_err());
    }
}
