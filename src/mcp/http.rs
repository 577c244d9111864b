//! Streamable HTTP: rmcp's `StreamableHttpService` (one MCP session per client, each its own
//! [`Skstep`]) served by hyper, behind a bearer-token check on every request when a token is set.
//! The token is compared, never logged; a refusal says only that it is missing or wrong.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};

use super::server::Shared;
use super::tools::Skstep;
use crate::error::{Error, Result};

/// The token in `file`: its first line, trimmed; an empty one is refused.
pub fn read_token(file: &Path) -> Result<String> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    let token = text.lines().next().unwrap_or("").trim().to_string();
    if token.is_empty() {
        return Err(Error::usage(
            format!("--token-file {}: the file is empty", file.display()),
            Some("write the token on its first line (e.g. `openssl rand -hex 32 > FILE`)".into()),
        ));
    }
    Ok(token)
}

/// Whether `header` is `Bearer <token>` (the scheme in any case, RFC 7235), the token compared in
/// constant time.
pub fn authorized(header: Option<&[u8]>, token: &str) -> bool {
    let Some(h) = header.filter(|h| h.len() > 7 && h[..7].eq_ignore_ascii_case(b"bearer ")).map(|h| &h[7..]) else {
        return false;
    };
    let t = token.as_bytes();
    h.len() == t.len() && h.iter().zip(t).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

fn refused() -> Response<BoxBody<Bytes, Infallible>> {
    Response::builder()
        .status(StatusCode::UNAUTHORIZED)
        .header("www-authenticate", "Bearer")
        .body(Full::new(Bytes::from("missing or wrong bearer token (send Authorization: Bearer <token>)\n")).boxed())
        .expect("a valid response")
}

pub async fn serve(shared: Arc<Shared>, addr: SocketAddr, token: Option<String>) -> Result<()> {
    let mut hosts = vec!["localhost".to_string(), "127.0.0.1".to_string(), "::1".to_string()];
    if !addr.ip().is_loopback() {
        // Beyond loopback the token guards the server; clients name it by the address they reach.
        hosts.clear();
    }
    let mut config = StreamableHttpServerConfig::default();
    config = if hosts.is_empty() { config.disable_allowed_hosts() } else { config.with_allowed_hosts(hosts) };
    let factory = shared.clone();
    let service = StreamableHttpService::new(
        move || Ok(Skstep::new(factory.clone())),
        LocalSessionManager::default().into(),
        config,
    );
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        Error::usage(format!("--http {addr}: cannot listen: {e}"), Some("choose a free port, or 127.0.0.1:0".into()))
    })?;
    let local = listener.local_addr().map_err(|e| Error::usage(format!("--http {addr}: {e}"), None))?;
    eprintln!(
        "mcp: streamable HTTP on http://{local}/mcp ({})",
        if token.is_some() { "bearer token required" } else { "loopback, no token" }
    );
    let token: Option<Arc<str>> = token.map(Into::into);
    let mut interrupts = shared.interrupts();
    loop {
        let (stream, _) = tokio::select! {
            a = listener.accept() => match a {
                Ok(a) => a,
                Err(e) => { eprintln!("mcp: accept: {e}"); continue; }
            },
            _ = interrupts.next() => return Ok(()),
        };
        let (service, token) = (service.clone(), token.clone());
        tokio::spawn(async move {
            let svc = service_fn(move |req: Request<Incoming>| {
                let (service, token) = (service.clone(), token.clone());
                async move {
                    if let Some(t) = &token
                        && !authorized(req.headers().get("authorization").map(|v| v.as_bytes()), t)
                    {
                        return Ok::<_, Infallible>(refused());
                    }
                    Ok(service.handle(req).await)
                }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), svc).await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_bearer_token_passes() {
        assert!(authorized(Some(b"Bearer s3cret"), "s3cret"));
        assert!(authorized(Some(b"bearer s3cret"), "s3cret"), "the scheme is case-insensitive");
        for bad in [&b"Bearer s3cre"[..], b"Bearer s3cret2", b"Basic s3cret", b"Bearer S3CRET", b"s3cret", b""] {
            assert!(!authorized(Some(bad), "s3cret"), "{:?}", String::from_utf8_lossy(bad));
        }
        assert!(!authorized(None, "s3cret"));
    }

    #[test]
    fn an_empty_token_file_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("token");
        std::fs::write(&f, "\n").unwrap();
        assert!(read_token(&f).unwrap_err().to_string().contains("token"));
        std::fs::write(&f, "abc \nrest").unwrap();
        assert_eq!(read_token(&f).unwrap(), "abc");
    }
}
