//! The Deployment's state in a trace, as the rewards and the observation vector read it: its
//! first container's CPU and memory requests and its replicas (the last applied occurrence).

use std::path::Path;

use super::reward::Workload;
use crate::error::{Error, Result};
use crate::trace::quantity::{self, Resource};
use crate::trace::validate::{Options, scan};

/// Reads Deployment `deploy` from `trace`. A trace without it, or with a request that is not a
/// quantity, is an error naming the file and the field; an absent request is 0, absent replicas 1.
pub fn read(trace: &Path, deploy: &str) -> Result<Workload> {
    let (_, summary) = scan(trace, &Options { max_gap: i64::MAX, now: 0 })?;
    let Some(d) = summary.deployments.values().find(|d| d.name == deploy) else {
        return Err(Error::bad_input(
            format!("{}: the trace has no Deployment {deploy:?}", trace.display()),
            Some(format!("kubectl skstep trace inspect {} to see what it holds", trace.display())),
        ));
    };
    let q = |v: &Option<String>, res: Resource, field: &str| -> Result<i128> {
        match v {
            None => Ok(0),
            Some(s) => quantity::parse(s, res).map_err(|e| Error::BadTrace {
                file: trace.into(),
                path: format!("Deployment {deploy}: spec.template.spec.containers[0].resources.requests.{field}"),
                message: e,
                hint: Some("write the request as a Kubernetes quantity (500m, 256Mi)".into()),
            }),
        }
    };
    Ok(Workload {
        cpu_m: q(&d.cpu_request, Resource::Cpu, "cpu")?,
        mem_bytes: q(&d.memory_request, Resource::Memory, "memory")?,
        replicas: d.replicas.unwrap_or(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces").join(name)
    }

    #[test]
    fn reads_the_web_deployment_and_names_a_missing_one() {
        let w = read(&fixture("simarena-demo-deprecated-path.msgpack"), "web").unwrap();
        assert!(w.cpu_m > 0 && w.mem_bytes > 0 && w.replicas >= 1, "{w:?}");
        let e = read(&fixture("simarena-demo-deprecated-path.msgpack"), "nope").unwrap_err();
        assert!(e.to_string().contains("no Deployment \"nope\""), "{e}");
    }
}
