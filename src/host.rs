//! Which host a request went to, and whether it is the one `--host` names.
//!
//! A request shows its host in an absolute URL (a HAR entry, a proxy request line) or in its
//! `Host` (HTTP/2: `:authority`) header (`curl -v`, HTTPie `-v`). Host names compare
//! case-insensitively; a port in the filter must match the request's port, given or implied
//! by the URL's scheme; a filter without a port matches any port. A `Host` header names no
//! port exactly when the request went to its scheme's default port (curl writes
//! `Host: api.hikeup.com` for `https://api.hikeup.com:443/`), so such a header matches a
//! filter of port 443 or 80: the header does not say which scheme it was.

use crate::transcript::Request;

/// Where a request went: the host name (lower case, IPv6 without brackets) and the port
/// when it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    /// The host name or address.
    pub name: String,
    /// The port, written or implied by the scheme.
    pub port: Option<u16>,
    /// Whether the request went to its scheme's default port, 80 or 443, without saying
    /// which (a `Host` header with no port).
    pub default_port: bool,
}

impl std::fmt::Display for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = if self.name.contains(':') {
            format!("[{}]", self.name)
        } else {
            self.name.clone()
        };
        match self.port {
            Some(p) => write!(f, "{name}:{p}"),
            None => f.write_str(&name),
        }
    }
}

impl std::fmt::Display for HostFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.want.fmt(f)
    }
}

/// What `--host HOST` keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostFilter {
    want: Host,
}

impl HostFilter {
    /// Parses `HOST` or `HOST:PORT` (`[::1]:8080` for IPv6); a URL is accepted too.
    pub fn parse(arg: &str) -> Result<HostFilter, String> {
        let arg = arg.trim();
        let authority = match arg.split_once("://") {
            Some((_, rest)) => rest.split(['/', '?', '#']).next().unwrap_or(rest),
            None => arg.trim_end_matches('/'),
        };
        match parse_authority(authority, None) {
            Some(want) if !want.name.is_empty() => Ok(HostFilter { want }),
            _ => Err(format!(
                "--host {arg}: expected a host name, such as api.hikeup.com or api.hikeup.com:443"
            )),
        }
    }

    /// Whether a request went to this host.
    pub fn matches(&self, host: &Host) -> bool {
        let port = |p: u16| match host.port {
            Some(q) => p == q,
            None => host.default_port && (p == 443 || p == 80),
        };
        host.name == self.want.name && self.want.port.is_none_or(port)
    }
}

/// The host a request shows, if any.
pub fn request_host(req: &Request) -> Option<Host> {
    let target = req.target.trim();
    if let Some((scheme, rest)) = target.split_once("://") {
        let scheme = scheme.to_ascii_lowercase();
        if scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+')
        {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            let default = match scheme.as_str() {
                "http" | "ws" => Some(80),
                "https" | "wss" => Some(443),
                _ => None,
            };
            if let Some(h) = parse_authority(authority, default).filter(|h| !h.name.is_empty()) {
                return Some(h);
            }
        }
    }
    ["host", ":authority"]
        .iter()
        .find_map(|n| req.header(n))
        .and_then(|v| parse_authority(v.trim(), None))
        .filter(|h| !h.name.is_empty())
        .map(|h| Host {
            default_port: h.port.is_none(),
            ..h
        })
}

/// `[userinfo@]host[:port]`, with the port implied by the scheme when none is written.
fn parse_authority(authority: &str, default_port: Option<u16>) -> Option<Host> {
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (name, port) = if let Some(rest) = hostport.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        (name, after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((name, port)) if !name.contains(':') => (name, Some(port)),
            Some(_) => (hostport, None), // a bare IPv6 address
            None => (hostport, None),
        }
    };
    let port = match port {
        Some("") | None => default_port,
        Some(p) => Some(p.parse().ok()?),
    };
    if name.contains(|c: char| c.is_whitespace() || c.is_control() || c == '/') {
        return None;
    }
    Some(Host {
        name: name.trim_end_matches('.').to_ascii_lowercase(),
        port,
        default_port: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(target: &str, host: Option<&str>) -> Request {
        Request {
            target: target.to_string(),
            headers: host
                .map(|h| vec![("Host".to_string(), h.to_string())])
                .unwrap_or_default(),
            ..Request::default()
        }
    }

    fn keeps(filter: &str, target: &str, host: Option<&str>) -> Option<bool> {
        let f = HostFilter::parse(filter).unwrap();
        request_host(&req(target, host)).map(|h| f.matches(&h))
    }

    #[test]
    fn names_compare_without_case_and_ports_only_when_given() {
        let url = "https://API.HikeUp.com/api/v1/products?page=1";
        assert_eq!(keeps("api.hikeup.com", url, None), Some(true));
        assert_eq!(keeps("api.hikeup.com:443", url, None), Some(true));
        assert_eq!(keeps("api.hikeup.com:8443", url, None), Some(false));
        assert_eq!(keeps("hikeup.com", url, None), Some(false));
        let port = "http://api.hikeup.com:8443/api/v1/registers";
        assert_eq!(keeps("api.hikeup.com", port, None), Some(true));
        assert_eq!(keeps("Api.Hikeup.Com:8443", port, None), Some(true));
        assert_eq!(keeps("api.hikeup.com:80", port, None), Some(false));
    }

    #[test]
    fn the_host_header_stands_in_for_a_path_target() {
        assert_eq!(
            keeps("api.hikeup.com", "/api/v1", Some("api.hikeup.com")),
            Some(true)
        );
        // No port in the header: the scheme's default, 443 or 80.
        for port in ["443", "80"] {
            assert_eq!(
                keeps(
                    &format!("api.hikeup.com:{port}"),
                    "/api/v1",
                    Some("api.hikeup.com")
                ),
                Some(true)
            );
        }
        assert_eq!(
            keeps("api.hikeup.com:8443", "/api/v1", Some("api.hikeup.com")),
            Some(false)
        );
        assert_eq!(
            keeps("api.hikeup.com:443", "/api/v1", Some("api.hikeup.com:8443")),
            Some(false)
        );
        assert_eq!(
            keeps("127.0.0.1:18080", "/x", Some("127.0.0.1:18080")),
            Some(true)
        );
        assert_eq!(keeps("api.hikeup.com", "/api/v1", None), None);
    }

    #[test]
    fn userinfo_ipv6_and_urls_as_filters() {
        assert_eq!(keeps("::1", "http://[::1]:8080/x", None), Some(true));
        assert_eq!(keeps("[::1]:8080", "http://[::1]:8080/x", None), Some(true));
        assert_eq!(
            keeps("api.hikeup.com", "https://u:p@api.hikeup.com/", None),
            Some(true)
        );
        assert_eq!(
            keeps(
                "https://api.hikeup.com/api",
                "https://api.hikeup.com/x",
                None
            ),
            Some(true)
        );
        assert!(HostFilter::parse("").is_err());
        assert!(HostFilter::parse("api.hikeup.com:port").is_err());
    }
}
