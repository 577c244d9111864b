//! Reaching sk-tracer's `/export` without a manual port-forward: either a URL, or Service
//! `sk-tracer-svc` in `simkube` through a port-forward to one of its pods made here (kube-rs),
//! speaking HTTP/1.1 over that stream. The request is sk-api's own `ExportRequest`.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use k8s_openapi::api::core::v1::{Pod, Service};
use kube::Api;
use kube::api::ListParams;
use sk_api::v1::ExportRequest;
use tokio::io::{AsyncRead, AsyncWrite};

use super::kube_error;
use crate::error::{Error, Result};

pub const TRACER_NS: &str = "simkube";
pub const TRACER_SVC: &str = "sk-tracer-svc";

/// The namespaces skctl excludes by default, except `default`: sim-arena's workloads live there.
pub const DEFAULT_EXCLUDED: [&str; 7] =
    ["cert-manager", "kube-public", "kube-node-lease", "kube-system", "local-path-storage", "monitoring", "simkube"];

fn unreachable(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Cluster {
        message: format!("sk-tracer unreachable ({what}): {e}"),
        hint: Some("check `kubectl -n simkube get pods,svc`, or pass --tracer http://HOST:PORT".into()),
    }
}

/// How long a call to sk-tracer may take: to open the connection (TCP or port-forward), and in
/// all. A tracer that accepts and never answers is an error after `total`, never a hang.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub connect: Duration,
    pub total: Duration,
}

impl Timeouts {
    /// `trace export`: an export of a long window can take a while to assemble.
    pub const EXPORT: Timeouts = Timeouts { connect: Duration::from_secs(10), total: Duration::from_secs(300) };
}

/// sk-tracer's answer: its HTTP status and body.
pub struct Answer {
    pub status: http::StatusCode,
    pub body: Vec<u8>,
}

/// POSTs the request to sk-tracer's `/export`; a non-2xx answer is an error carrying the
/// tracer's message.
pub async fn export(
    client: Option<&kube::Client>,
    tracer_url: Option<&str>,
    req: &ExportRequest,
    t: Timeouts,
) -> Result<Vec<u8>> {
    let a = export_answer(client, tracer_url, req, t).await?;
    if !a.status.is_success() {
        return Err(answer_error(&a));
    }
    Ok(a.body)
}

/// The error for a tracer that answered, but not with success.
pub fn answer_error(a: &Answer) -> Error {
    Error::Cluster {
        message: format!("sk-tracer answered {}: {}", a.status, String::from_utf8_lossy(&a.body).trim()),
        hint: (a.status.as_u16() == 422)
            .then(|| "the tracer refused the request's shape: is it sk-tracer 2.x?".to_string()),
    }
}

/// Like [`export`], but any answer is returned: an `Err` means the tracer was not reached (or
/// did not answer in time), an `Ok` with a 4xx/5xx means it answered and refused.
pub async fn export_answer(
    client: Option<&kube::Client>,
    tracer_url: Option<&str>,
    req: &ExportRequest,
    t: Timeouts,
) -> Result<Answer> {
    let what = tracer_url.unwrap_or("sk-tracer-svc via port-forward").to_string();
    match tokio::time::timeout(t.total, export_inner(client, tracer_url, req, t)).await {
        Ok(r) => r,
        Err(_) => Err(unreachable(&what, format!("no answer within {}", humantime::format_duration(t.total)))),
    }
}

async fn export_inner(
    client: Option<&kube::Client>,
    tracer_url: Option<&str>,
    req: &ExportRequest,
    t: Timeouts,
) -> Result<Answer> {
    let body = serde_json::to_vec(req).expect("ExportRequest serialises");
    match tracer_url {
        Some(url) => {
            let target = TracerUrl::parse(url)?;
            let stream =
                tokio::time::timeout(t.connect, tokio::net::TcpStream::connect((target.host.as_str(), target.port)))
                    .await
                    .map_err(|_| {
                        unreachable(url, format!("no connection within {}", humantime::format_duration(t.connect)))
                    })?
                    .map_err(|e| unreachable(url, e))?;
            post(stream, &target.authority, &target.export_path, body, url).await
        }
        None => {
            let client = client.ok_or_else(|| Error::usage("no cluster to reach sk-tracer through", None))?;
            let connect = async {
                let (pod, port) = tracer_pod(client).await?;
                let pods: Api<Pod> = Api::namespaced(client.clone(), TRACER_NS);
                let pf = pods
                    .portforward(&pod, &[port])
                    .await
                    .map_err(|e| kube_error("create", "pods/portforward in namespace simkube", e))?;
                Ok::<_, Error>((pod, port, pf))
            };
            let (pod, port, mut pf) = tokio::time::timeout(t.connect, connect).await.map_err(|_| {
                unreachable("port-forward", format!("not open within {}", humantime::format_duration(t.connect)))
            })??;
            let stream = pf.take_stream(port).ok_or_else(|| unreachable("port-forward", "no stream"))?;
            let what = format!("{TRACER_NS}/{pod}:{port} via port-forward");
            let res = post(stream, "localhost", "/export", body, &what).await;
            drop(pf);
            res
        }
    }
}

/// `--tracer URL`, parsed with `http::Uri`: sk-tracer serves plain HTTP; a path is a prefix
/// (a tracer behind a reverse proxy at `http://gw/sk-tracer` is reached at `/sk-tracer/export`).
#[derive(Debug, PartialEq)]
pub struct TracerUrl {
    pub host: String,
    pub port: u16,
    /// For the Host header: as written in the URL.
    pub authority: String,
    pub export_path: String,
}

impl TracerUrl {
    pub fn parse(url: &str) -> Result<TracerUrl> {
        let bad = |why: &str| {
            Error::usage(format!("--tracer {url:?}: {why}"), Some("give it as http://HOST:PORT[/PATH]".to_string()))
        };
        let uri: http::Uri = url.parse().map_err(|e| bad(&format!("not a URL ({e})")))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some(other) => {
                return Err(bad(&format!("scheme {other}: only http:// is supported (sk-tracer serves plain HTTP)")));
            }
            None => return Err(bad("no scheme: only http:// URLs are supported (sk-tracer serves plain HTTP)")),
        }
        if uri.query().is_some() {
            return Err(bad("a query string has no meaning here"));
        }
        let authority = uri.authority().ok_or_else(|| bad("no host"))?;
        if authority.as_str().contains('@') {
            return Err(bad("credentials in the URL are not supported"));
        }
        let host = authority.host().trim_start_matches('[').trim_end_matches(']').to_string();
        if host.is_empty() {
            return Err(bad("no host"));
        }
        // http::Uri accepts any digits as the port and then reports none; a port beyond u16 is
        // an error here, not port 80.
        let port = match authority.as_str().rsplit_once(':').map(|(_, p)| p).filter(|p| !p.ends_with(']')) {
            None => 80,
            Some(p) => p.parse::<u16>().map_err(|_| bad("the port is not a number in 0..=65535"))?,
        };
        Ok(TracerUrl {
            host,
            port,
            authority: authority.as_str().to_string(),
            export_path: format!("{}/export", uri.path().trim_end_matches('/')),
        })
    }
}

async fn post<S>(stream: S, host: &str, path: &str, body: Vec<u8>, what: &str) -> Result<Answer>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|e| unreachable(what, e))?;
    let driver = tokio::spawn(conn);
    let req = http::Request::post(path)
        .header(http::header::HOST, host)
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body)))
        .expect("valid request");
    let res = sender.send_request(req).await.map_err(|e| unreachable(what, e))?;
    let status = res.status();
    let data = res.into_body().collect().await.map_err(|e| unreachable(what, e))?.to_bytes();
    driver.abort();
    Ok(Answer { status, body: data.to_vec() })
}

/// A running pod behind `sk-tracer-svc`, and the container port its port 7777 targets.
async fn tracer_pod(client: &kube::Client) -> Result<(String, u16)> {
    let svcs: Api<Service> = Api::namespaced(client.clone(), TRACER_NS);
    let svc =
        svcs.get(TRACER_SVC).await.map_err(|e| kube_error("get", "services sk-tracer-svc in namespace simkube", e))?;
    let spec = svc.spec.unwrap_or_default();
    let selector = spec.selector.unwrap_or_default();
    if selector.is_empty() {
        return Err(unreachable("service", "sk-tracer-svc has no selector"));
    }
    let port = spec
        .ports
        .unwrap_or_default()
        .into_iter()
        .next()
        .ok_or_else(|| unreachable("service", "sk-tracer-svc has no ports"))?;
    let labels = selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
    let pods: Api<Pod> = Api::namespaced(client.clone(), TRACER_NS);
    let list = pods
        .list(&ListParams::default().labels(&labels))
        .await
        .map_err(|e| kube_error("list", "pods in namespace simkube", e))?;
    let pod = list
        .items
        .into_iter()
        .find(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
        .ok_or_else(|| unreachable("service", format!("no running pod matches {labels}")))?;
    let target = match &port.target_port {
        Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(p)) => *p,
        Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String(name)) => pod
            .spec
            .iter()
            .flat_map(|s| s.containers.iter())
            .flat_map(|c| c.ports.iter().flatten())
            .find(|p| p.name.as_deref() == Some(name))
            .map(|p| p.container_port)
            .ok_or_else(|| unreachable("service", format!("no container port named {name}")))?,
        None => port.port,
    };
    Ok((pod.metadata.name.unwrap_or_default(), target as u16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracer_urls_keep_their_path_prefix() {
        let u = TracerUrl::parse("http://gw.example:8080/sk-tracer/").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.export_path.as_str()), ("gw.example", 8080, "/sk-tracer/export"));
        assert_eq!(u.authority, "gw.example:8080");
        let u = TracerUrl::parse("http://127.0.0.1:7777").unwrap();
        assert_eq!((u.port, u.export_path.as_str()), (7777, "/export"));
        let u = TracerUrl::parse("http://[::1]/a/b").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.export_path.as_str()), ("::1", 80, "/a/b/export"));
    }

    #[test]
    fn bad_tracer_urls_are_usage_errors() {
        for (url, why) in [
            ("https://t:7777", "only http://"),
            ("localhost:7777", "only http://"),
            ("http://t:99999", "port"),
            ("http://t/x?y=1", "query"),
            ("http://u:p@t/", "credentials"),
            ("not a url", "not a URL"),
        ] {
            let e = TracerUrl::parse(url).unwrap_err();
            assert_eq!(e.exit_code(), crate::error::exit::USAGE, "{url}");
            assert!(e.to_string().contains(why), "{url}: {e}");
        }
    }
}
