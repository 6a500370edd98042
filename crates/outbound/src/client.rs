//! An HTTP client that only reaches where a [`DestinationPolicy`] allows.
//!
//! Three holes are closed at once, because each alone would undo the others: names are
//! checked by the resolver on every connection ([`CheckedResolver`]), IP literals (which never
//! reach a resolver) are checked before each request, and redirects are not followed, since a
//! `302 Location: http://169.254.169.254/` would lead the client where the policy never looked.
//! Proxies from the environment are ignored too: a proxy resolves names itself, past the check.

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, RequestBuilder, Url};

use crate::destination::{CheckedResolver, DestinationError, DestinationPolicy};

/// A `reqwest::Client` whose every request passes the policy. Cheap to clone (both halves are
/// shared). The only way to a request is [`GuardedClient::request`], which checks literals.
#[derive(Debug, Clone)]
pub struct GuardedClient {
    http: reqwest::Client,
    policy: Arc<DestinationPolicy>,
}

impl GuardedClient {
    /// A client for `policy`; a request that takes longer than `timeout` in all (connecting,
    /// waiting, reading the body) fails. A request may set a shorter one of its own.
    pub fn new(
        policy: DestinationPolicy,
        timeout: Duration,
    ) -> Result<GuardedClient, reqwest::Error> {
        let policy = Arc::new(policy);
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(CheckedResolver::new(policy.clone())))
            .build()?;
        Ok(GuardedClient { http, policy })
    }

    pub fn policy(&self) -> &DestinationPolicy {
        &self.policy
    }

    /// A request to `url`, once an IP-literal host has passed the policy (a name is checked by
    /// the resolver when the request connects; its refusal comes back from `send`, see
    /// [`refusal`]).
    pub fn request(&self, method: Method, url: Url) -> Result<RequestBuilder, DestinationError> {
        self.policy.check_literal(&url)?;
        Ok(self.http.request(method, url))
    }
}

/// The policy's refusal, if that is what stopped a request: the resolver's error comes back
/// wrapped in the client's own.
pub fn refusal(error: &reqwest::Error) -> Option<&DestinationError> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if let Some(found) = current.downcast_ref::<DestinationError>() {
            return Some(found);
        }
        source = current.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public_only() -> GuardedClient {
        GuardedClient::new(DestinationPolicy::public_only(), Duration::from_secs(5)).unwrap()
    }

    #[test]
    fn an_ip_literal_is_refused_before_any_request_is_built() {
        let refused =
            public_only().request(Method::GET, Url::parse("http://127.0.0.1:9/x").unwrap());
        assert!(matches!(
            refused,
            Err(DestinationError::Refused {
                why: "loopback",
                ..
            })
        ));
    }

    #[tokio::test]
    async fn a_name_is_refused_by_the_resolver_when_the_request_connects() {
        // `localhost` never goes to DNS (see `destination`), so this needs no network.
        let request = public_only()
            .request(Method::GET, Url::parse("http://localhost:9/x").unwrap())
            .unwrap();
        let error = request.send().await.unwrap_err();
        assert!(
            matches!(refusal(&error), Some(DestinationError::Refused { .. })),
            "{error:?}"
        );
    }

    #[tokio::test]
    async fn an_allowed_network_is_reached_by_name_and_by_address() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let mut request = [0u8; 1024];
                let _ = stream.read(&mut request).await;
                let _ = stream
                    .write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
                    .await;
            }
        });
        let allowed = DestinationPolicy::parse(["127.0.0.0/8", "::1"]).unwrap();
        let client = GuardedClient::new(allowed, Duration::from_secs(5)).unwrap();
        for host in ["127.0.0.1", "localhost"] {
            let url = Url::parse(&format!("http://{host}:{port}/x")).unwrap();
            let response = client.request(Method::GET, url).unwrap().send().await;
            assert_eq!(
                response.map(|r| r.status().as_u16()).ok(),
                Some(204),
                "{host}"
            );
        }
    }
}
