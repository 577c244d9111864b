//! A kube client built the way kubectl builds one: `--kubeconfig`, else `$KUBECONFIG`, else
//! `~/.kube/config`, else (no kubeconfig at all, running in a pod) the in-cluster ServiceAccount;
//! `--context`, else the current context; the namespace given, else the context's; and proxies
//! chosen as Go's `http.ProxyFromEnvironment` chooses them for kubectl.

use std::net::IpAddr;
use std::path::PathBuf;

use hyper_util::client::proxy::matcher::Matcher;
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

use crate::error::{Error, Result};

/// Where and as whom to connect. The CLI builds it from its global flags; nothing here knows
/// about the command line.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// A kubeconfig file; no fallback to the in-cluster config when given.
    pub kubeconfig: Option<PathBuf>,
    /// A context of the kubeconfig (default: its current context).
    pub context: Option<String>,
    /// Overrides the context's namespace in [`Cluster::namespace`].
    pub namespace: Option<String>,
}

pub struct Cluster {
    pub client: Client,
    /// The kubeconfig context, or `in-cluster`.
    pub context: String,
    pub namespace: String,
}

/// The context name reported when the ServiceAccount of the pod we run in is used.
pub const IN_CLUSTER: &str = "in-cluster";

pub async fn connect(opts: impl Into<ClientOptions>) -> Result<Cluster> {
    let opts = opts.into();
    let (mut config, context, kubeconfig_proxy) = load(&opts).await?;
    // kube's loader falls back to $HTTPS_PROXY for every server, loopback included, and ignores
    // $NO_PROXY; kubectl (Go) never proxies loopback and honours NO_PROXY. A kubeconfig's own
    // `proxy-url` is used as is, as client-go does.
    config.proxy_url = match kubeconfig_proxy {
        Some(p) => Some(p.parse().map_err(|e| Error::Cluster {
            message: format!("context {context}: proxy-url {:?} is not a URL: {e}", crate::redact::url(&p)),
            hint: Some("fix the cluster's proxy-url in the kubeconfig".into()),
        })?),
        None => proxy_for(&config.cluster_url, &EnvProxy::from_env())?,
    };
    tracing::debug!(
        "context {context}: server {}, proxy {}",
        crate::redact::url(&config.cluster_url.to_string()),
        config.proxy_url.as_ref().map_or("none".to_string(), |u| crate::redact::url(&u.to_string()))
    );
    let namespace = opts.namespace.clone().unwrap_or_else(|| config.default_namespace.clone());
    // kube's default stack, plus the layer that reads Retry-After off 429/503 answers.
    let client = kube::client::ClientBuilder::try_from(config)
        .map_err(|e| Error::Cluster {
            message: format!("cannot build a client for context {context}: {e}"),
            hint: None,
        })?
        .with_layer(&super::throttle::RetryAfterLayer)
        .build();
    Ok(Cluster { client, context, namespace })
}

/// The kube config, the context's name and the kubeconfig cluster's `proxy-url` if it has one.
async fn load(opts: &ClientOptions) -> Result<(Config, String, Option<String>)> {
    let kubeconfig = match &opts.kubeconfig {
        Some(p) => Kubeconfig::read_from(p).map_err(|e| Error::Cluster {
            message: format!("cannot read kubeconfig {}: {e}", p.display()),
            hint: None,
        })?,
        None => match Kubeconfig::read() {
            Ok(k) => k,
            // As `Config::infer`: no kubeconfig, so the pod's ServiceAccount, if we are in one.
            Err(kubeconfig_err) => {
                if let Some(c) = &opts.context {
                    return Err(Error::Cluster {
                        message: format!(
                            "--context {c}: cannot read a kubeconfig ($KUBECONFIG or ~/.kube/config): {kubeconfig_err}"
                        ),
                        hint: Some("pass --kubeconfig FILE".into()),
                    });
                }
                return match Config::incluster() {
                    Ok(config) => Ok((config, IN_CLUSTER.to_string(), None)),
                    Err(incluster_err) => Err(Error::Cluster {
                        message: format!(
                            "no cluster configuration: no kubeconfig ($KUBECONFIG or ~/.kube/config: {kubeconfig_err}) \
                             and no in-cluster config ({incluster_err})"
                        ),
                        hint: Some(
                            "pass --kubeconfig FILE or set $KUBECONFIG; in a pod, mount a ServiceAccount token \
                             (KUBERNETES_SERVICE_HOST/PORT are set by the kubelet)"
                                .into(),
                        ),
                    }),
                };
            }
        },
    };
    let context =
        opts.context.clone().or_else(|| kubeconfig.current_context.clone()).ok_or_else(|| Error::Cluster {
            message: "the kubeconfig has no current context".into(),
            hint: Some("pass --context NAME".into()),
        })?;
    let Some(ctx) = kubeconfig.contexts.iter().find(|c| c.name == context) else {
        let names: Vec<&str> = kubeconfig.contexts.iter().map(|c| c.name.as_str()).collect();
        return Err(Error::usage(
            format!("no context {context:?} in the kubeconfig (it has: {})", names.join(", ")),
            None,
        ));
    };
    let cluster_name = ctx.context.as_ref().map(|c| c.cluster.clone());
    let proxy = kubeconfig
        .clusters
        .iter()
        .find(|c| Some(&c.name) == cluster_name.as_ref())
        .and_then(|c| c.cluster.as_ref())
        .and_then(|c| c.proxy_url.clone())
        .filter(|p| !p.is_empty());
    let kopts = KubeConfigOptions { context: Some(context.clone()), ..Default::default() };
    let config = Config::from_custom_kubeconfig(kubeconfig, &kopts)
        .await
        .map_err(|e| Error::Cluster { message: format!("kubeconfig context {context}: {e}"), hint: None })?;
    Ok((config, context, proxy))
}

/// The proxy variables as Go reads them: upper case first, then lower case.
#[derive(Debug, Clone, Default)]
pub struct EnvProxy {
    pub https: String,
    pub http: String,
    pub no: String,
}

impl EnvProxy {
    pub fn from_env() -> Self {
        let var = |names: [&str; 2]| names.iter().find_map(|n| std::env::var(n).ok()).unwrap_or_default();
        EnvProxy {
            https: var(["HTTPS_PROXY", "https_proxy"]),
            http: var(["HTTP_PROXY", "http_proxy"]),
            no: var(["NO_PROXY", "no_proxy"]),
        }
    }
}

/// The proxy kubectl would use for `server`: none for a loopback host (`localhost`,
/// 127.0.0.0/8, ::1) whatever the variables say, none when `NO_PROXY` covers the host
/// (hyper-util's matcher: IPs, CIDRs, domains and their subdomains, `*`), else `HTTPS_PROXY`
/// for an https server and `HTTP_PROXY` for an http one (a proxy without a scheme is http://).
pub fn proxy_for(server: &http::Uri, env: &EnvProxy) -> Result<Option<http::Uri>> {
    let Some(host) = server.host() else { return Ok(None) };
    // hyper-util's `*` matches host names only; in Go it matches every host, IPs too.
    if is_loopback(host) || env.no.split(',').any(|e| e.trim() == "*") {
        return Ok(None);
    }
    let matcher = Matcher::builder().https(env.https.clone()).http(env.http.clone()).no(env.no.clone()).build();
    let Some(intercept) = matcher.intercept(server) else { return Ok(None) };
    if intercept.basic_auth().is_some() || intercept.raw_auth().is_some() {
        // kube 2.0's proxy connector sends no Proxy-Authorization; say so rather than fail with 407.
        return Err(Error::usage(
            "the proxy in $HTTPS_PROXY/$HTTP_PROXY carries credentials, which kubectl-skstep cannot send",
            Some("use a proxy that needs no credentials, or add the API server to $NO_PROXY".to_string()),
        ));
    }
    Ok(Some(intercept.uri().clone()))
}

/// Go's rule (`golang.org/x/net/http/httpproxy`): `localhost` and loopback IPs are never proxied.
fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(https: &str, no: &str) -> EnvProxy {
        EnvProxy { https: https.into(), http: String::new(), no: no.into() }
    }

    fn proxy(server: &str, e: &EnvProxy) -> Option<String> {
        proxy_for(&server.parse().unwrap(), e).unwrap().map(|u| u.to_string())
    }

    #[test]
    fn loopback_servers_are_never_proxied() {
        let e = env("http://10.9.9.9:3128", "");
        for s in [
            "https://127.0.0.1:6443",
            "https://127.3.4.5",
            "https://localhost:6443",
            "https://LOCALHOST",
            "https://[::1]:6443",
        ] {
            assert_eq!(proxy(s, &e), None, "{s}");
        }
        assert_eq!(proxy("https://10.0.0.1:6443", &e).as_deref(), Some("http://10.9.9.9:3128/"));
    }

    #[test]
    fn no_proxy_covers_ips_cidrs_and_domains() {
        let e = env("proxy.corp:3128", "10.0.0.0/8, .svc.example, api.example.com,192.168.1.5");
        assert_eq!(proxy("https://10.2.3.4:6443", &e), None);
        assert_eq!(proxy("https://192.168.1.5", &e), None);
        assert_eq!(proxy("https://k8s.svc.example", &e), None);
        assert_eq!(proxy("https://api.example.com", &e), None);
        assert_eq!(proxy("https://x.api.example.com", &e), None);
        // No scheme means http://, as in Go.
        assert_eq!(proxy("https://192.168.1.6", &e).as_deref(), Some("http://proxy.corp:3128/"));
        assert_eq!(proxy("https://notapi.example.com", &e).as_deref(), Some("http://proxy.corp:3128/"));
        assert_eq!(proxy("https://10.2.3.4", &env("http://p:1", "*")), None);
    }

    #[test]
    fn the_scheme_picks_the_variable() {
        let e = EnvProxy { https: "http://s:1".into(), http: "http://h:2".into(), no: String::new() };
        assert_eq!(proxy("https://10.0.0.1", &e).as_deref(), Some("http://s:1/"));
        assert_eq!(proxy("http://10.0.0.1", &e).as_deref(), Some("http://h:2/"));
        assert_eq!(proxy("https://10.0.0.1", &EnvProxy::default()), None);
    }

    #[test]
    fn proxy_credentials_are_refused_not_dropped() {
        let e = env("http://user:secret@p:3128", "");
        let err = proxy_for(&"https://10.0.0.1".parse().unwrap(), &e).unwrap_err();
        assert!(err.to_string().contains("credentials"), "{err}");
        assert!(!err.to_string().contains("secret"), "the password must not be printed: {err}");
    }
}
