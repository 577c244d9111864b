//! URLs as they may be logged or printed: a password in the userinfo (`http://user:pw@proxy`,
//! as a kubeconfig's `proxy-url` or `$HTTPS_PROXY` may carry) becomes `xxxxx`, as Go's
//! `url.Redacted` writes it; a user name alone (often a token) is hidden too.

/// `url` with its userinfo's password (or a lone user name) replaced by `xxxxx`.
pub fn url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_string();
    };
    let userinfo = &rest[..at];
    let user = match userinfo.split_once(':') {
        Some((user, _)) => format!("{user}:xxxxx"),
        None => "xxxxx".to_string(),
    };
    format!("{}{user}{}", &url[..scheme_end], &rest[at..])
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_in_urls_are_hidden_and_the_rest_kept() {
        assert_eq!(super::url("http://bob:s3cr%40t@proxy:3128/x?a=b@c"), "http://bob:xxxxx@proxy:3128/x?a=b@c");
        assert_eq!(super::url("http://bob:a:b@c@proxy:3128"), "http://bob:xxxxx@proxy:3128");
        assert_eq!(super::url("socks5://tok@proxy"), "socks5://xxxxx@proxy");
        assert_eq!(super::url("https://127.0.0.1:6443"), "https://127.0.0.1:6443");
        assert_eq!(super::url("proxy:3128"), "proxy:3128");
        assert_eq!(super::url("http://proxy/p@th"), "http://proxy/p@th");
    }
}
