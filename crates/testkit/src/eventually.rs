//! Waiting for something the desk does on its own time (a message relayed, a card redrawn, the
//! outbox drained): look again and again until it holds. The bound is generous and only there
//! so a broken test ends with a message naming what it waited for; a test never asserts how
//! long something took (except where the speed is the story, with [`eventually_within`]).

use std::fmt::Debug;
use std::future::Future;
use std::time::Duration;

/// How long a test waits for anything before it gives up. Generous: a wait ends as soon as
/// what it awaits holds, and a loaded 2-core CI machine is slow.
pub const WAIT: Duration = Duration::from_secs(60);

/// How often a condition is looked at again.
const LOOK_AGAIN: Duration = Duration::from_millis(50);

/// What one look found: done (with what the caller wanted), or not yet (with what it saw
/// instead, if that helps whoever reads the failure).
pub trait Look {
    type Done;
    fn done(self) -> Result<Self::Done, Option<String>>;
}

impl Look for bool {
    type Done = ();
    fn done(self) -> Result<(), Option<String>> {
        if self {
            Ok(())
        } else {
            Err(None)
        }
    }
}

impl<T> Look for Option<T> {
    type Done = T;
    fn done(self) -> Result<T, Option<String>> {
        self.ok_or(None)
    }
}

/// `Err` carries what was seen instead; the failure message shows the last one.
impl<T, E: Debug> Look for Result<T, E> {
    type Done = T;
    fn done(self) -> Result<T, Option<String>> {
        self.map_err(|seen| Some(format!("{seen:#?}")))
    }
}

/// Looks at `check` until it is done (`true`, `Some`, `Ok`) and returns what it gave. Panics
/// after [`WAIT`], naming `what` was awaited and the last thing seen instead.
pub async fn eventually<L, F>(what: &str, check: impl FnMut() -> F) -> L::Done
where
    F: Future<Output = L>,
    L: Look,
{
    eventually_within(WAIT, what, check).await
}

/// [`eventually`] with a bound of the test's own, for the few stories about speed ("a dead
/// instance's work is taken over within seconds").
pub async fn eventually_within<L, F>(
    within: Duration,
    what: &str,
    mut check: impl FnMut() -> F,
) -> L::Done
where
    F: Future<Output = L>,
    L: Look,
{
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let seen = match check().await.done() {
            Ok(done) => return done,
            Err(seen) => seen,
        };
        if tokio::time::Instant::now() >= deadline {
            match seen {
                Some(seen) => {
                    panic!("gave up after {within:?} waiting for {what}; last seen: {seen}")
                }
                None => panic!("gave up after {within:?} waiting for {what}"),
            }
        }
        tokio::time::sleep(LOOK_AGAIN).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn returns_what_the_check_gave_once_it_holds() {
        let mut looks = 0;
        let got = eventually("the third look", || {
            looks += 1;
            let now = looks;
            async move { (now >= 3).then_some(now) }
        })
        .await;
        assert_eq!(got, 3);
    }

    #[tokio::test]
    #[should_panic(expected = "waiting for the parcel; last seen: \"still in transit\"")]
    async fn names_what_was_awaited_and_the_last_thing_seen() {
        let briefly = Duration::from_millis(120);
        eventually_within(briefly, "the parcel", || async {
            Err::<(), _>("still in transit")
        })
        .await;
    }
}
