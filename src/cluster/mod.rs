//! Talking to the cluster: a client from the kubeconfig (as kubectl), and the SimKube-aware
//! operations the commands are made of.

pub mod annotation;
pub mod client;
pub mod controller;
pub mod defaults;
pub mod diagnose;
pub mod leftovers;
pub mod nodes;
pub mod observe;
pub mod podproto;
pub mod prep;
pub mod rbac;
pub mod simulation;
pub mod stage;
pub mod stage_pods;
pub mod staged;
pub mod throttle;
pub mod tracer;
pub mod wait;

use crate::error::Error;

const BUSY: &str = "the API server is overloaded or restarting; try again, or check its health";

/// Maps a kube error for `verb resource` into our error: unreachable and forbidden are exit 3
/// and say which permission is missing; anything else keeps the API server's message.
pub fn kube_error(verb: &str, resource: &str, e: kube::Error) -> Error {
    match e {
        kube::Error::Api(s) if s.code == 403 => Error::Cluster {
            message: format!("forbidden: cannot {verb} {resource}: {}", s.message),
            hint: Some(format!("ask for RBAC permission to {verb} {resource}, or use another --context")),
        },
        kube::Error::Api(s) if s.code == 401 => Error::Cluster {
            message: format!("unauthorized: the API server rejected our credentials ({verb} {resource})"),
            hint: Some("check the kubeconfig user and its certificate or token".into()),
        },
        kube::Error::Api(s) if s.code == 429 || s.code >= 500 => Error::Unavailable {
            message: format!("{verb} {resource}: the API server answered {} {}: {}", s.code, s.reason, s.message),
            hint: Some(BUSY.into()),
            retry_after: None,
        },
        // A 429/503 with Retry-After (throttle.rs): transient, and the wait goes with it.
        kube::Error::Service(e) if e.is::<throttle::Throttled>() => {
            let t = e.downcast::<throttle::Throttled>().expect("checked by is");
            Error::Unavailable {
                message: format!("{verb} {resource}: {t}"),
                hint: Some(BUSY.into()),
                retry_after: Some(t.retry_after),
            }
        }
        kube::Error::Api(s) => Error::Cluster {
            message: format!("{verb} {resource}: {} ({} {})", s.message, s.code, s.reason),
            hint: None,
        },
        // Connection refused or reset, TLS handshakes cut short, bodies that stopped mid-way.
        other @ (kube::Error::HyperError(_) | kube::Error::Service(_) | kube::Error::ReadEvents(_)) => {
            Error::Unavailable {
                message: format!("cluster unreachable ({verb} {resource}): {other}"),
                hint: Some("check that the API server is up and the kubeconfig/--context points at it".into()),
                retry_after: None,
            }
        }
        other => Error::Cluster {
            message: format!("cluster unreachable ({verb} {resource}): {other}"),
            hint: Some("check that the API server is up and the kubeconfig/--context points at it".into()),
        },
    }
}

pub fn is_not_found(e: &kube::Error) -> bool {
    matches!(e, kube::Error::Api(s) if s.code == 404)
}
