//! Which IP addresses are not on the public internet, and why.
//!
//! An outgoing call (a webhook, a platform's order lookup) goes to a URL someone other than
//! the operator chose, so it must not reach the machine itself, the office network or the
//! cloud's metadata service. The ranges are those of IANA's special-purpose address registries
//! (RFC 6890 and successors) that are not globally reachable. std's `Ipv4Addr::is_global`
//! would say the same, but it is still unstable; the table below also names the reason, which
//! the refusal's message shows.

use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::LazyLock;

/// Ranges no outgoing call may reach unless the operator allowed them, with the reason shown.
const NON_PUBLIC: &[(&str, &str)] = &[
    ("0.0.0.0/8", "unspecified (\"this network\")"),
    ("10.0.0.0/8", "private"),
    // Carrier-grade NAT; also Alibaba Cloud's metadata service (100.100.100.200).
    ("100.64.0.0/10", "shared (carrier-grade NAT)"),
    ("127.0.0.0/8", "loopback"),
    // Also the metadata service of AWS, GCP, Azure and others (169.254.169.254).
    ("169.254.0.0/16", "link-local (cloud metadata)"),
    ("172.16.0.0/12", "private"),
    // Also Oracle Cloud's metadata service (192.0.0.192).
    ("192.0.0.0/24", "reserved for protocols (cloud metadata)"),
    ("192.0.2.0/24", "documentation"),
    ("192.88.99.0/24", "reserved (6to4 relay)"),
    ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved (including broadcast)"),
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    // Deprecated IPv4-compatible addresses; mapped ones (::ffff:0:0/96) are judged by the
    // IPv4 address they carry, see `non_public`.
    ("::/96", "reserved (IPv4-compatible)"),
    ("64:ff9b:1::/48", "reserved (local NAT64)"),
    ("100::/64", "discard-only"),
    // IETF protocol assignments, Teredo (2001::/32) among them.
    ("2001::/23", "reserved for protocols"),
    ("2001:db8::/32", "documentation"),
    ("3fff::/20", "documentation"),
    // Also AWS's IPv6 metadata service (fd00:ec2::254).
    ("fc00::/7", "private (unique local)"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local (deprecated)"),
    ("ff00::/8", "multicast"),
];

static TABLE: LazyLock<Vec<(IpNet, &'static str)>> = LazyLock::new(|| {
    NON_PUBLIC
        .iter()
        .map(|(net, why)| {
            let net = net
                .parse()
                .unwrap_or_else(|_| unreachable!("the table holds valid networks"));
            (net, *why)
        })
        .collect()
});

/// The address as connections treat it: an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is
/// the IPv4 address it carries.
pub fn canonical(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

/// Why `ip` is not a public address, or `None` when it is.
pub fn non_public(ip: IpAddr) -> Option<&'static str> {
    let ip = canonical(ip);
    if let Some(why) = embedded_v4(ip).and_then(|v4| non_public(IpAddr::V4(v4))) {
        return Some(why);
    }
    TABLE
        .iter()
        .find(|(net, _)| net.contains(&ip))
        .map(|(_, why)| *why)
}

/// The IPv4 address a translating IPv6 address leads to: NAT64 (64:ff9b::/96) and 6to4
/// (2002::/16) reach the IPv4 address inside them, so they are as public as that address.
fn embedded_v4(ip: IpAddr) -> Option<Ipv4Addr> {
    let IpAddr::V6(v6) = ip else { return None };
    let s = v6.segments();
    let from = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(from(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return Some(from(s[1], s[2]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn why(ip: &str) -> Option<&'static str> {
        non_public(ip.parse().unwrap())
    }

    #[test]
    fn the_addresses_an_attacker_aims_at_are_not_public() {
        for ip in [
            "127.0.0.1",
            "127.255.255.254",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "192.0.0.192",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "::127.0.0.1",
            "fe80::1",
            "fd00:ec2::254",
            "fc00::1",
            "ff02::1",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2001::1",
        ] {
            assert!(why(ip).is_some(), "{ip} passed as public");
        }
    }

    #[test]
    fn ordinary_internet_addresses_are_public() {
        for ip in [
            "93.184.215.14",
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700::1111",
            "2a00:1450:4001:82a::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert_eq!(why(ip), None, "{ip} refused");
        }
    }

    #[test]
    fn the_reason_names_the_kind_of_network() {
        assert_eq!(why("127.0.0.1"), Some("loopback"));
        assert_eq!(why("::ffff:127.0.0.1"), Some("loopback"));
        assert_eq!(why("10.0.0.1"), Some("private"));
        assert_eq!(why("169.254.169.254"), Some("link-local (cloud metadata)"));
    }
}
