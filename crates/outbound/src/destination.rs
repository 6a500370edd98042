//! Where an outgoing call may go: public addresses, plus the networks the operator allowed
//! (for webhooks, `webhooks.allow_private_networks`) for receivers on the desk's own network.
//!
//! A destination is checked twice. When it is configured (a webhook endpoint registered), so
//! whoever set it gets a clear refusal instead of calls that never arrive. And at every call,
//! on the addresses its name resolves to *then*: a name may point at a public address when
//! configured and at 127.0.0.1 a minute later (DNS rebinding). At call time the check sits in
//! the HTTP client's resolver ([`CheckedResolver`]), so the addresses checked are the very ones
//! the client connects to; IP literals never reach a resolver and are checked just before
//! sending ([`DestinationPolicy::check_literal`], which [`crate::GuardedClient`] calls).

use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use url::{Host, Url};

use crate::address;

/// How long configuring a destination waits for its name to resolve.
const CREATE_LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// Public addresses always; these networks besides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DestinationPolicy {
    allowed: Vec<IpNet>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a network: write an address (10.0.0.7) or a CIDR block (10.0.0.0/8)")]
pub struct InvalidNetwork(pub String);

/// Why a destination is not acceptable. The text is meant for the admin who configured the
/// destination; what a caller shows of a failed call may be coarser (the webhook sender's
/// `last_error` is). The refusal does not name the setting that allows a network, since each
/// caller has its own: the caller adds it where it helps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DestinationError {
    #[error("{host} is a {why} address ({ip}): outgoing calls go only to public addresses")]
    Refused {
        host: String,
        ip: IpAddr,
        why: &'static str,
    },
    #[error("{host} does not resolve to any address")]
    Unresolvable { host: String },
    #[error("the url has no host")]
    NoHost,
}

impl DestinationPolicy {
    /// Public addresses only: the default.
    pub fn public_only() -> DestinationPolicy {
        DestinationPolicy::default()
    }

    pub fn allowing(networks: impl IntoIterator<Item = IpNet>) -> DestinationPolicy {
        DestinationPolicy {
            allowed: networks.into_iter().map(|net| net.trunc()).collect(),
        }
    }

    /// `10.0.0.0/8`, `fd00::/8`, or a single address (`10.0.0.7`, meaning `/32` or `/128`).
    pub fn parse_network(raw: &str) -> Result<IpNet, InvalidNetwork> {
        let raw = raw.trim();
        raw.parse::<IpNet>()
            .or_else(|_| raw.parse::<IpAddr>().map(IpNet::from))
            .map_err(|_| InvalidNetwork(raw.to_string()))
    }

    pub fn parse<S: AsRef<str>>(
        networks: impl IntoIterator<Item = S>,
    ) -> Result<DestinationPolicy, InvalidNetwork> {
        let nets = networks
            .into_iter()
            .map(|raw| DestinationPolicy::parse_network(raw.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DestinationPolicy::allowing(nets))
    }

    pub fn allowed_networks(&self) -> &[IpNet] {
        &self.allowed
    }

    /// Whether `host`, at `ip`, may be sent to.
    pub fn check_ip(&self, host: &str, ip: IpAddr) -> Result<(), DestinationError> {
        let ip = address::canonical(ip);
        if self.allowed.iter().any(|net| net.contains(&ip)) {
            return Ok(());
        }
        match address::non_public(ip) {
            None => Ok(()),
            Some(why) => Err(DestinationError::Refused {
                host: host.to_string(),
                ip,
                why,
            }),
        }
    }

    /// Every address must pass: a name that resolves to a public and a private address is
    /// refused, since a client may fall back from one to the other.
    pub fn check_all(&self, host: &str, ips: &[IpAddr]) -> Result<(), DestinationError> {
        if ips.is_empty() {
            return Err(DestinationError::Unresolvable {
                host: host.to_string(),
            });
        }
        ips.iter().try_for_each(|ip| self.check_ip(host, *ip))
    }

    /// Resolves `name` and checks every address it has; the addresses to connect to.
    pub async fn resolve(&self, name: &str) -> Result<Vec<SocketAddr>, DestinationError> {
        let addrs: Vec<SocketAddr> = match loopback_name(name) {
            Some(ips) => ips.into_iter().map(|ip| SocketAddr::new(ip, 0)).collect(),
            None => tokio::net::lookup_host((name, 0))
                .await
                .map_err(|_| DestinationError::Unresolvable {
                    host: name.to_string(),
                })?
                .collect(),
        };
        let ips: Vec<IpAddr> = addrs.iter().map(SocketAddr::ip).collect();
        self.check_all(name, &ips)?;
        Ok(addrs)
    }

    /// The check when a destination is configured or its url changed. A name that does not
    /// resolve (yet) is accepted: it may be set up afterwards, and every call checks again.
    pub async fn check_url(&self, url: &Url) -> Result<(), DestinationError> {
        if self.check_literal(url)? {
            return Ok(());
        }
        let name = url.host_str().ok_or(DestinationError::NoHost)?;
        match tokio::time::timeout(CREATE_LOOKUP_TIMEOUT, self.resolve(name)).await {
            Ok(Err(DestinationError::Unresolvable { .. })) | Err(_) => Ok(()),
            Ok(other) => other.map(drop),
        }
    }

    /// Checks a url whose host is an IP address (in any of the forms the URL standard
    /// accepts: `2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]` are all parsed to addresses).
    /// `Ok(false)`: the host is a name, which [`DestinationPolicy::resolve`] checks.
    pub fn check_literal(&self, url: &Url) -> Result<bool, DestinationError> {
        let host = url.host_str().unwrap_or_default();
        match url.host() {
            Some(Host::Ipv4(ip)) => self.check_ip(host, IpAddr::V4(ip)).map(|()| true),
            Some(Host::Ipv6(ip)) => self.check_ip(host, IpAddr::V6(ip)).map(|()| true),
            Some(Host::Domain(_)) => Ok(false),
            None => Err(DestinationError::NoHost),
        }
    }
}

/// `localhost` and its subdomains always mean this machine (RFC 6761), whatever a DNS
/// server says about them.
fn loopback_name(name: &str) -> Option<Vec<IpAddr>> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    (name == "localhost" || name.ends_with(".localhost")).then(|| {
        vec![
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ]
    })
}

/// A guarded client's resolver: resolves with the system, then refuses the name unless
/// every address passes the policy. The client connects only to what this returns.
#[derive(Debug, Clone)]
pub struct CheckedResolver {
    policy: Arc<DestinationPolicy>,
}

impl CheckedResolver {
    pub fn new(policy: Arc<DestinationPolicy>) -> CheckedResolver {
        CheckedResolver { policy }
    }
}

impl reqwest::dns::Resolve for CheckedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy.clone();
        Box::pin(async move {
            let addrs = policy.resolve(name.as_str()).await?;
            let addrs: reqwest::dns::Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> Url {
        Url::parse(raw).unwrap()
    }

    #[tokio::test]
    async fn every_spelling_of_loopback_is_refused() {
        let policy = DestinationPolicy::public_only();
        for raw in [
            "http://127.0.0.1/hook",
            "http://2130706433/hook",
            "http://0x7f.1/hook",
            "http://0177.0.0.1/hook",
            "http://127.1/hook",
            "http://[::1]/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://[::ffff:7f00:1]/hook",
            "http://localhost:8080/hook",
            "http://LOCALHOST./hook",
            "http://admin.localhost/hook",
            "http://0.0.0.0/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/hook",
            "http://[fe80::1]/hook",
        ] {
            let refused = policy.check_url(&url(raw)).await;
            assert!(
                matches!(refused, Err(DestinationError::Refused { .. })),
                "{raw}: {refused:?}"
            );
        }
    }

    #[tokio::test]
    async fn public_addresses_and_unknown_names_are_accepted_at_registration() {
        let policy = DestinationPolicy::public_only();
        assert_eq!(
            policy.check_url(&url("https://93.184.215.14/hook")).await,
            Ok(())
        );
        assert_eq!(
            policy.check_url(&url("https://[2606:4700::1111]/")).await,
            Ok(())
        );
        // `.invalid` never resolves (RFC 6761); each delivery will check the name again.
        assert_eq!(
            policy.check_url(&url("https://hooks.invalid/x")).await,
            Ok(())
        );
    }

    #[test]
    fn an_allowed_network_lets_its_receivers_through_and_nothing_else() {
        let policy = DestinationPolicy::parse(["127.0.0.1", "10.1.0.0/16"]).unwrap();
        assert_eq!(policy.check_ip("h", "127.0.0.1".parse().unwrap()), Ok(()));
        assert_eq!(
            policy.check_ip("h", "::ffff:127.0.0.1".parse().unwrap()),
            Ok(())
        );
        assert_eq!(policy.check_ip("h", "10.1.200.3".parse().unwrap()), Ok(()));
        assert!(policy.check_ip("h", "127.0.0.2".parse().unwrap()).is_err());
        assert!(policy.check_ip("h", "10.2.0.1".parse().unwrap()).is_err());
        assert!(policy.check_ip("h", "::1".parse().unwrap()).is_err());
        assert_eq!(
            DestinationPolicy::parse(["10.0.0.0/33"]),
            Err(InvalidNetwork("10.0.0.0/33".into()))
        );
    }

    #[test]
    fn a_name_with_one_private_address_among_public_ones_is_refused() {
        let policy = DestinationPolicy::public_only();
        let ips: Vec<IpAddr> = vec!["8.8.8.8".parse().unwrap(), "10.0.0.1".parse().unwrap()];
        assert!(matches!(
            policy.check_all("mixed.example", &ips),
            Err(DestinationError::Refused { why: "private", .. })
        ));
        assert!(matches!(
            policy.check_all("empty.example", &[]),
            Err(DestinationError::Unresolvable { .. })
        ));
    }
}
