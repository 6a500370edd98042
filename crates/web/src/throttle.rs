//! Password sign-in throttling: per account and per client address, with exponential backoff,
//! counted in the database (`Store::sign_in_attempt`) so every instance shares the count.
//!
//! An account is throttled so one admin's password cannot be guessed from many addresses; an
//! address is throttled (more loosely: an office may share one) so one machine cannot try a
//! few passwords on every account. A locked-out admin can still sign in with a link from the
//! manager bot, which is not throttled: it needs their Telegram account.

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use ticketgram_domain::{Timestamp, WorkspaceId};
use ticketgram_store::{SignInBackoff, SignInGate, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInLimits {
    pub per_account: SignInBackoff,
    pub per_address: SignInBackoff,
}

impl Default for SignInLimits {
    /// Five quick tries per account and twenty per address, then 1 s, 2 s, 4 s ... up to a
    /// quarter of an hour between tries; an hour without tries forgets them.
    fn default() -> SignInLimits {
        let backoff = |free_attempts| SignInBackoff {
            free_attempts,
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(15 * 60),
            forget_after: Duration::from_secs(3600),
        };
        SignInLimits {
            per_account: backoff(5),
            per_address: backoff(20),
        }
    }
}

/// Where a request comes from. The TCP peer, except that a peer on the same host (a reverse
/// proxy in front of the console) is believed about the client: the last `X-Forwarded-For`
/// entry, the one that proxy added itself. Entries before it are whatever the client claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .next_back()
                .and_then(|last| last.trim().parse::<IpAddr>().ok())
        };
        Ok(ClientAddress(match peer {
            Some(ip) if ip.is_loopback() => forwarded().or(Some(ip)),
            other => other,
        }))
    }
}

/// The subjects one password attempt is counted against.
pub struct Attempt {
    account: Option<String>,
    address: String,
}

impl Attempt {
    /// `telegram_id`: the account as typed, when it is a number at all.
    pub fn new(telegram_id: Option<i64>, address: &ClientAddress) -> Attempt {
        Attempt {
            account: telegram_id.map(|id| format!("account:{id}")),
            address: match address.0 {
                Some(ip) => format!("address:{ip}"),
                None => "address:unknown".to_string(),
            },
        }
    }

    /// Counts the attempt, address first: a closed address does not count against the
    /// account it was aiming at. `Some(wait)`: refused without checking the password.
    pub async fn begin(
        &self,
        store: &Store,
        ws: WorkspaceId,
        limits: &SignInLimits,
        now: Timestamp,
    ) -> Result<Option<Duration>, StoreError> {
        let mut subjects = vec![(self.address.as_str(), &limits.per_address)];
        if let Some(account) = &self.account {
            subjects.push((account.as_str(), &limits.per_account));
        }
        for (subject, backoff) in subjects {
            if let SignInGate::Closed { until } = store
                .write(async |tx| tx.sign_in_attempt(ws, subject, backoff, now).await)
                .await?
            {
                let wait = (until - now).to_std().unwrap_or_default();
                return Ok(Some(wait.max(Duration::from_secs(1))));
            }
        }
        Ok(None)
    }

    /// The password was right: the account starts afresh, the address gets this try back.
    pub async fn succeeded(&self, store: &Store, ws: WorkspaceId) -> Result<(), StoreError> {
        if let Some(account) = &self.account {
            store
                .write(async |tx| tx.forget_sign_in_attempts(ws, account).await)
                .await?;
        }
        store
            .write(async |tx| tx.refund_sign_in_attempt(ws, &self.address).await)
            .await
    }
}
