//! A kube client built the way kubectl builds one: `--kubeconfig`, else `$KUBECONFIG`, else
//! `~/.kube/config`; `--context`, else the current context; `-n`, else the context's namespace.

use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};

pub struct Cluster {
    pub client: Client,
    pub context: String,
    pub namespace: String,
}

pub async fn connect(global: &GlobalArgs) -> Result<Cluster> {
    let kubeconfig = match &global.kubeconfig {
        Some(p) => Kubeconfig::read_from(p).map_err(|e| Error::Cluster {
            message: format!("cannot read kubeconfig {}: {e}", p.display()),
            hint: None,
        })?,
        None => Kubeconfig::read().map_err(|e| Error::Cluster {
            message: format!("cannot read a kubeconfig ($KUBECONFIG or ~/.kube/config): {e}"),
            hint: Some("pass --kubeconfig FILE".into()),
        })?,
    };
    let context =
        global.context.clone().or_else(|| kubeconfig.current_context.clone()).ok_or_else(|| Error::Cluster {
            message: "the kubeconfig has no current context".into(),
            hint: Some("pass --context NAME".into()),
        })?;
    if !kubeconfig.contexts.iter().any(|c| c.name == context) {
        let names: Vec<&str> = kubeconfig.contexts.iter().map(|c| c.name.as_str()).collect();
        return Err(Error::usage(
            format!("no context {context:?} in the kubeconfig (it has: {})", names.join(", ")),
            None,
        ));
    }
    let opts = KubeConfigOptions { context: Some(context.clone()), ..Default::default() };
    let config = Config::from_custom_kubeconfig(kubeconfig, &opts)
        .await
        .map_err(|e| Error::Cluster { message: format!("kubeconfig context {context}: {e}"), hint: None })?;
    let namespace = global.namespace.clone().unwrap_or_else(|| config.default_namespace.clone());
    let client = Client::try_from(config).map_err(|e| Error::Cluster {
        message: format!("cannot build a client for context {context}: {e}"),
        hint: None,
    })?;
    Ok(Cluster { client, context, namespace })
}
