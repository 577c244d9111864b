//! Reaching sk-tracer's `/export` without a manual port-forward: either a URL, or Service
//! `sk-tracer-svc` in `simkube` through a port-forward to one of its pods made here (kube-rs),
//! speaking HTTP/1.1 over that stream. The request is sk-api's own `ExportRequest`.

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

pub async fn export(client: Option<&kube::Client>, tracer_url: Option<&str>, req: &ExportRequest) -> Result<Vec<u8>> {
    let body = serde_json::to_vec(req).expect("ExportRequest serialises");
    match tracer_url {
        Some(url) => {
            let (host, port) = parse_http_url(url)?;
            let stream =
                tokio::net::TcpStream::connect((host.as_str(), port)).await.map_err(|e| unreachable(url, e))?;
            post(stream, &format!("{host}:{port}"), body, url).await
        }
        None => {
            let client = client.ok_or_else(|| Error::usage("no cluster to reach sk-tracer through", None))?;
            let (pod, port) = tracer_pod(client).await?;
            let pods: Api<Pod> = Api::namespaced(client.clone(), TRACER_NS);
            let mut pf = pods
                .portforward(&pod, &[port])
                .await
                .map_err(|e| kube_error("create", "pods/portforward in namespace simkube", e))?;
            let stream = pf.take_stream(port).ok_or_else(|| unreachable("port-forward", "no stream"))?;
            let what = format!("{TRACER_NS}/{pod}:{port} via port-forward");
            let res = post(stream, "localhost", body, &what).await;
            drop(pf);
            res
        }
    }
}

fn parse_http_url(url: &str) -> Result<(String, u16)> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        Error::usage(format!("--tracer {url:?}: only http:// URLs are supported (sk-tracer serves plain HTTP)"), None)
    })?;
    let hostport = rest.split('/').next().unwrap_or(rest);
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h, p.parse::<u16>().map_err(|_| Error::usage(format!("--tracer {url:?}: bad port"), None))?),
        None => (hostport, 80),
    };
    Ok((host.trim_start_matches('[').trim_end_matches(']').to_string(), port))
}

async fn post<S>(stream: S, host: &str, body: Vec<u8>, what: &str) -> Result<Vec<u8>>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|e| unreachable(what, e))?;
    let driver = tokio::spawn(conn);
    let req = http::Request::post("/export")
        .header(http::header::HOST, host)
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body)))
        .expect("valid request");
    let res = sender.send_request(req).await.map_err(|e| unreachable(what, e))?;
    let status = res.status();
    let data = res.into_body().collect().await.map_err(|e| unreachable(what, e))?.to_bytes();
    driver.abort();
    if !status.is_success() {
        return Err(Error::Cluster {
            message: format!("sk-tracer answered {status}: {}", String::from_utf8_lossy(&data).trim()),
            hint: (status.as_u16() == 422)
                .then(|| "the tracer refused the request's shape: is it sk-tracer 2.x?".to_string()),
        });
    }
    Ok(data.to_vec())
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
