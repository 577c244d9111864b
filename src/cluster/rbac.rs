//! What the driver's ServiceAccount may do: by default exactly what SimKube's driver (sk-driver
//! 2.7.0) does, for the kinds the trace holds, as a ClusterRole `prep-ns` makes and binds; and
//! finding every grant of ours again, so `cleanup` and `prep-ns --undo` remove them.
//!
//! Every rule comes from a call in sk-driver 2.7.0 or sk-core 2.7.0 (each named below) and was
//! checked on the test cluster by a whole step with no forbidden error in the driver's log
//! (tests/least_privilege.rs). Workload kinds are granted cluster-wide because the driver creates
//! the virtual namespaces itself: a RoleBinding could not exist in them beforehand.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{DeleteParams, GroupVersionKind, PostParams};
use kube::{Api, ResourceExt};

use super::prep::{Change, FIELD_MANAGER, MANAGED_BY, apply};
use super::{is_not_found, kube_error};
use crate::error::Result;
use crate::trace::gvk::Gvk;

/// Which driver namespace a grant is for (every grant object of ours carries it).
pub const NS_LABEL: &str = "skstep.io/driver-namespace";
/// On the generated ClusterRole: the kinds it grants, and where they came from.
pub const KINDS_ANNOTATION: &str = "skstep.io/kinds";
pub const KINDS_FROM_ANNOTATION: &str = "skstep.io/kinds-from";
const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

/// The ClusterRole `prep-ns` makes for driver namespace `ns` (and the Role beside it in
/// SimKube's namespace, for the lease).
pub fn role_name(ns: &str) -> String {
    format!("skstep-driver-{ns}")
}

/// The ClusterRoleBinding (and the RoleBinding in SimKube's namespace) of `ns`'s ServiceAccount.
pub fn binding_name(ns: &str, sa: &str) -> String {
    format!("skstep-{ns}-{sa}")
}

/// What the ServiceAccount is bound to.
#[derive(Debug, Clone, PartialEq)]
pub enum RoleChoice {
    /// The least privilege for these kinds (`from` says where they came from).
    Generated { kinds: Vec<Gvk>, from: String },
    /// An existing ClusterRole named by `--cluster-role`, bound as it is.
    Named(String),
}

/// The kinds a trace's driver applies or deletes: the tracked kinds and every kind its events hold.
pub fn trace_kinds(summary: &crate::trace::validate::Summary) -> Vec<Gvk> {
    let set: BTreeSet<Gvk> = summary.tracked.keys().chain(summary.kinds.keys()).filter_map(|k| Gvk::parse(k)).collect();
    set.into_iter().collect()
}

/// Without a trace: the workload kinds SimKube knows by default (sk-core's `KNOWN_GVKS_METADATA`).
pub fn default_kinds() -> Vec<Gvk> {
    [
        ("apps", "v1", "Deployment"),
        ("apps", "v1", "StatefulSet"),
        ("apps", "v1", "DaemonSet"),
        ("apps", "v1", "ReplicaSet"),
        ("batch", "v1", "Job"),
        ("batch", "v1", "CronJob"),
        ("", "v1", "Pod"),
    ]
    .iter()
    .map(|(g, v, k)| Gvk::new(g, v, k))
    .collect()
}

/// A kind as the API serves it: its group and resource (plural).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Resource {
    pub group: String,
    pub plural: String,
}

impl Resource {
    fn new(group: &str, plural: &str) -> Resource {
        Resource { group: group.into(), plural: plural.into() }
    }

    fn display(&self) -> String {
        if self.group.is_empty() { self.plural.clone() } else { format!("{}.{}", self.plural, self.group) }
    }
}

/// Kinds whose pods SimKube's webhook finds the owner chain of through an object the workload's
/// controller makes (Deployment → ReplicaSet → Pod, CronJob → Job → Pod): those are only listed.
fn intermediate_owner(r: &Resource) -> Option<Resource> {
    match (r.group.as_str(), r.plural.as_str()) {
        ("apps", "deployments") => Some(Resource::new("apps", "replicasets")),
        ("batch", "cronjobs") => Some(Resource::new("batch", "jobs")),
        _ => None,
    }
}

fn rule(group: &str, resources: &[&str], verbs: &[&str]) -> PolicyRule {
    PolicyRule {
        api_groups: Some(vec![group.into()]),
        resources: Some(resources.iter().map(|r| r.to_string()).collect()),
        verbs: verbs.iter().map(|v| v.to_string()).collect(),
        ..Default::default()
    }
}

/// The cluster-wide rules sk-driver 2.7.0 needs to replay a trace of `workloads`.
pub fn driver_rules(workloads: &[Resource]) -> Vec<PolicyRule> {
    let mut rules = vec![
        // main.rs `sim_api.get`; util.rs `wait_if_paused` (before every event); the webhook's
        // owner chain of a pod goes on past the root to its Simulation (sk-core owners.rs: list;
        // without it the log says `Could not list simkube.io/v1.Simulation … forbidden`).
        rule("simkube.io", &["simulations"], &["get", "list"]),
        // runner.rs `run_trace` (get_opt, create), `cleanup_trace` (delete, foreground); the
        // webhook's owner chain of every pod ends at the root (sk-core owners.rs: list).
        rule("simkube.io", &["simulationroots"], &["get", "create", "delete", "list"]),
        // Objects the driver makes carry blockOwnerDeletion owner references to the root: with
        // the OwnerReferencesPermissionEnforcement admission plugin that needs this.
        rule("simkube.io", &["simulationroots/finalizers"], &["update"]),
        // runner.rs `run_trace_internal`: the virtual namespaces (get_opt, create).
        rule("", &["namespaces"], &["get", "create"]),
    ];
    // runner.rs: server-side apply (patch; create when absent) and delete of each object; sk-core
    // owners.rs: list (by field selector) of each owner of a pod the webhook sees.
    let mut full: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut list_only: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for w in workloads {
        full.entry(&w.group).or_default().insert(&w.plural);
    }
    let owners: Vec<Resource> = workloads.iter().filter_map(intermediate_owner).collect();
    for o in &owners {
        if !full.get(o.group.as_str()).is_some_and(|s| s.contains(o.plural.as_str())) {
            list_only.entry(&o.group).or_default().insert(&o.plural);
        }
    }
    for (group, plurals) in &full {
        rules.push(rule(group, &plurals.iter().copied().collect::<Vec<_>>(), &["create", "patch", "delete", "list"]));
    }
    for (group, plurals) in &list_only {
        rules.push(rule(group, &plurals.iter().copied().collect::<Vec<_>>(), &["list"]));
    }
    rules
}

/// The rules in SimKube's namespace: sk-core lease.rs `try_update_lease` (get, merge patch) of
/// `sk-lease` only.
pub fn lease_rules() -> Vec<PolicyRule> {
    vec![PolicyRule {
        resource_names: Some(vec![super::simulation::SK_LEASE.into()]),
        ..rule("coordination.k8s.io", &["leases"], &["get", "patch"])
    }]
}

/// Rules as one readable line: `get simulations.simkube.io; create,patch deployments.apps`.
pub fn describe(rules: &[PolicyRule]) -> String {
    rules
        .iter()
        .map(|r| {
            let group = r.api_groups.as_ref().and_then(|g| g.first()).cloned().unwrap_or_default();
            let res: Vec<String> = r
                .resources
                .iter()
                .flatten()
                .map(|p| Resource::new(&group, p).display())
                .map(|d| match &r.resource_names {
                    Some(n) => format!("{d} {}", n.join(",")),
                    None => d,
                })
                .collect();
            format!("{} {}", r.verbs.join(","), res.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Resolves kinds to their resources through the cluster's discovery; kinds the cluster does not
/// serve are returned apart (the driver would fail on them whatever it may do).
pub async fn resolve(client: &kube::Client, kinds: &[Gvk]) -> Result<(Vec<Resource>, Vec<String>)> {
    let mut found = vec![];
    let mut unserved = vec![];
    for k in kinds {
        let gvk = GroupVersionKind::gvk(&k.group, &k.version, &k.kind);
        match kube::discovery::pinned_kind(client, &gvk).await {
            Ok((ar, _)) => found.push(Resource { group: ar.group, plural: ar.plural }),
            Err(kube::Error::Discovery(_)) => unserved.push(k.to_string()),
            Err(e) if is_not_found(&e) => unserved.push(k.to_string()),
            Err(e) => return Err(kube_error("discover", &format!("the API resource of {k}"), e)),
        }
    }
    found.sort();
    found.dedup();
    Ok((found, unserved))
}

fn meta(name: &str, ns: Option<&str>, driver_ns: &str) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.into()),
        namespace: ns.map(String::from),
        labels: Some(BTreeMap::from([
            (MANAGED_BY.0.to_string(), MANAGED_BY.1.to_string()),
            (NS_LABEL.to_string(), driver_ns.to_string()),
        ])),
        ..Default::default()
    }
}

/// What `grant` did, and the sentence that says what the ServiceAccount may now do.
#[derive(Debug, Default)]
pub struct Granted {
    pub changes: Vec<Change>,
    pub note: String,
}

/// Binds `ns/sa` to `choice`: for `Generated`, a ClusterRole of the driver's rules and a Role
/// in `simkube_ns` for the lease, each with its binding. A dry run only looks.
pub async fn grant(
    client: &kube::Client,
    ns: &str,
    sa: &str,
    simkube_ns: &str,
    choice: &RoleChoice,
    dry_run: bool,
) -> Result<Granted> {
    let subject =
        Subject { kind: "ServiceAccount".into(), name: sa.into(), namespace: Some(ns.into()), ..Default::default() };
    let binding = binding_name(ns, sa);
    let mut out = Granted::default();
    let role = match choice {
        RoleChoice::Named(name) => name.clone(),
        RoleChoice::Generated { kinds, from } => {
            let (resources, unserved) = resolve(client, kinds).await?;
            let rules = driver_rules(&resources);
            let name = role_name(ns);
            let mut m = meta(&name, None, ns);
            let kinds_list: Vec<String> = kinds.iter().map(Gvk::to_string).collect();
            m.annotations = Some(BTreeMap::from([
                (KINDS_ANNOTATION.to_string(), kinds_list.join(",")),
                (KINDS_FROM_ANNOTATION.to_string(), from.clone()),
            ]));
            let cr = ClusterRole { metadata: m, rules: Some(rules.clone()), ..Default::default() };
            out.changes
                .push(apply(&Api::<ClusterRole>::all(client.clone()), &name, &cr, dry_run, "clusterrole").await?);
            let lease = lease_rules();
            let r = Role { metadata: meta(&name, Some(simkube_ns), ns), rules: Some(lease.clone()) };
            let roles: Api<Role> = Api::namespaced(client.clone(), simkube_ns);
            out.changes.push(apply(&roles, &name, &r, dry_run, "role").await?);
            let rb = RoleBinding {
                metadata: meta(&binding, Some(simkube_ns), ns),
                role_ref: RoleRef { api_group: RBAC_GROUP.into(), kind: "Role".into(), name: name.clone() },
                subjects: Some(vec![subject.clone()]),
            };
            let rbs: Api<RoleBinding> = Api::namespaced(client.clone(), simkube_ns);
            out.changes.push(bind(&rbs, &binding, &rb, |b| &b.role_ref, dry_run, "rolebinding").await?);
            out.note = format!(
                "ServiceAccount {ns}/{sa} is bound to ClusterRole {name}, made for the kinds of {from} ({}): {}; \
                 and to Role {simkube_ns}/{name}: {}. That is what sk-driver 2.7.0 does; --cluster-role NAME binds another \
                 ClusterRole instead; kubectl skstep prep-ns {ns} --undo removes them",
                kinds_list.join(", "),
                describe(&rules),
                describe(&lease)
            );
            if !unserved.is_empty() {
                out.note.push_str(&format!(
                    ". The cluster serves no {}: the driver will fail on those objects",
                    unserved.join(", ")
                ));
            }
            name
        }
    };
    let crb = ClusterRoleBinding {
        metadata: meta(&binding, None, ns),
        role_ref: RoleRef { api_group: RBAC_GROUP.into(), kind: "ClusterRole".into(), name: role.clone() },
        subjects: Some(vec![subject]),
    };
    let crbs: Api<ClusterRoleBinding> = Api::all(client.clone());
    out.changes.push(bind(&crbs, &binding, &crb, |b| &b.role_ref, dry_run, "clusterrolebinding").await?);
    if let RoleChoice::Named(_) = choice {
        out.note = format!(
            "ServiceAccount {ns}/{sa} is bound to ClusterRole {role} (--cluster-role); without it prep-ns makes a \
             ClusterRole of only what sk-driver 2.7.0 does; kubectl skstep prep-ns {ns} --undo removes the binding"
        );
    }
    Ok(out)
}

/// Applies a binding; a binding's roleRef cannot change, so one bound elsewhere (an older
/// prep-ns bound cluster-admin) is deleted and created anew.
async fn bind<K>(
    api: &Api<K>,
    name: &str,
    obj: &K,
    role_ref: impl Fn(&K) -> &RoleRef,
    dry_run: bool,
    kind: &str,
) -> Result<Change>
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let what = format!("{kind} {name}");
    let existing = api.get_opt(name).await.map_err(|e| kube_error("get", &what, e))?;
    let Some(old) = existing.filter(|o| role_ref(o) != role_ref(obj)) else {
        return apply(api, name, obj, dry_run, kind).await;
    };
    let was = format!("{} {}", role_ref(&old).kind, role_ref(&old).name);
    if !dry_run {
        match api.delete(name, &DeleteParams::foreground()).await {
            Ok(_) => {}
            Err(e) if is_not_found(&e) => {}
            Err(e) => return Err(kube_error("delete", &what, e)),
        }
        api.create(&PostParams { field_manager: Some(FIELD_MANAGER.into()), ..Default::default() }, obj)
            .await
            .map_err(|e| kube_error("create", &what, e))?;
    }
    let action =
        if dry_run { format!("would replace (bound to {was})") } else { format!("replaced (was bound to {was})") };
    Ok(Change { kind: kind.into(), name: name.into(), action })
}

/// A grant of ours: `(kind, namespace, name, why)`.
pub type Found = (&'static str, Option<String>, String, String);

/// Every grant kubectl-skstep made for driver namespace `ns` (all driver namespaces: `None`):
/// bindings whose subject is in it (an older prep-ns's cluster-admin binding too), the roles
/// made for it, and the Secrets copied into it.
pub async fn find(client: &kube::Client, ns: Option<&str>, simkube_ns: &str) -> Result<Vec<Found>> {
    let ours = kube::api::ListParams::default().labels(&format!("{}={}", MANAGED_BY.0, MANAGED_BY.1));
    let for_ns = |o: &ObjectMeta| {
        ns.is_none_or(|n| o.labels.as_ref().and_then(|l| l.get(NS_LABEL)).map(String::as_str) == Some(n))
    };
    let list_err = |what: &str| {
        let what = what.to_string();
        move |e| kube_error("list", &what, e)
    };
    let mut out: Vec<Found> = vec![];
    for b in
        Api::<ClusterRoleBinding>::all(client.clone()).list(&ours).await.map_err(list_err("clusterrolebindings"))?.items
    {
        let subjects: Vec<String> = b
            .subjects
            .iter()
            .flatten()
            .filter(|s| s.kind == "ServiceAccount")
            .filter_map(|s| s.namespace.clone())
            .collect();
        if ns.is_none_or(|n| subjects.iter().any(|s| s == n)) {
            let why = format!("binds ServiceAccount(s) of {} to ClusterRole {}", subjects.join(", "), b.role_ref.name);
            out.push(("clusterrolebinding", None, b.name_any(), why));
        }
    }
    for r in Api::<ClusterRole>::all(client.clone()).list(&ours).await.map_err(list_err("clusterroles"))?.items {
        if r.labels().contains_key(NS_LABEL) && for_ns(&r.metadata) {
            let of = r.labels().get(NS_LABEL).cloned().unwrap_or_default();
            out.push((
                "clusterrole",
                None,
                r.name_any(),
                format!("the driver's role for namespace {of}, made by prep-ns"),
            ));
        }
    }
    let in_simkube = format!("in namespace {simkube_ns}");
    for b in Api::<RoleBinding>::namespaced(client.clone(), simkube_ns)
        .list(&ours)
        .await
        .map_err(list_err(&format!("rolebindings {in_simkube}")))?
        .items
    {
        if for_ns(&b.metadata) {
            out.push((
                "rolebinding",
                b.namespace(),
                b.name_any(),
                format!("binds the driver to Role {}", b.role_ref.name),
            ));
        }
    }
    for r in Api::<Role>::namespaced(client.clone(), simkube_ns)
        .list(&ours)
        .await
        .map_err(list_err(&format!("roles {in_simkube}")))?
        .items
    {
        if for_ns(&r.metadata) {
            out.push(("role", r.namespace(), r.name_any(), "the driver's lease role, made by prep-ns".into()));
        }
    }
    let secrets: Api<k8s_openapi::api::core::v1::Secret> = match ns {
        Some(n) => Api::namespaced(client.clone(), n),
        None => Api::all(client.clone()),
    };
    for s in secrets.list(&ours).await.map_err(list_err("secrets"))?.items {
        // Never the copies' values: only their names.
        if s.namespace().as_deref() != Some(simkube_ns) {
            out.push(("secret", s.namespace(), s.name_any(), format!("copied from namespace {simkube_ns} by prep-ns")));
        }
    }
    Ok(out)
}

/// Deletes one grant found by `find`; `false` when it was already gone.
pub async fn remove(client: &kube::Client, kind: &str, ns: Option<&str>, name: &str) -> Result<bool> {
    let ns_ = ns.unwrap_or_default();
    let dp = DeleteParams::default();
    let r = match kind {
        "clusterrolebinding" => Api::<ClusterRoleBinding>::all(client.clone()).delete(name, &dp).await.map(|_| ()),
        "clusterrole" => Api::<ClusterRole>::all(client.clone()).delete(name, &dp).await.map(|_| ()),
        "rolebinding" => Api::<RoleBinding>::namespaced(client.clone(), ns_).delete(name, &dp).await.map(|_| ()),
        "role" => Api::<Role>::namespaced(client.clone(), ns_).delete(name, &dp).await.map(|_| ()),
        "secret" => Api::<k8s_openapi::api::core::v1::Secret>::namespaced(client.clone(), ns_)
            .delete(name, &dp)
            .await
            .map(|_| ()),
        other => {
            return Err(crate::error::Error::Cluster { message: format!("no grant kind {other}"), hint: None });
        }
    };
    match r {
        Ok(()) => Ok(true),
        Err(e) if is_not_found(&e) => Ok(false),
        Err(e) => Err(kube_error("delete", &format!("{kind} {name}"), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_cover_what_the_driver_does_for_the_trace_kinds_only() {
        let rules = driver_rules(&[Resource::new("apps", "deployments")]);
        let text = describe(&rules);
        assert_eq!(
            text,
            "get,list simulations.simkube.io; get,create,delete,list simulationroots.simkube.io; \
             update simulationroots/finalizers.simkube.io; get,create namespaces; \
             create,patch,delete,list deployments.apps; list replicasets.apps"
        );
        assert!(!text.contains('*'), "no wildcard");
        // A trace that tracks ReplicaSets itself gets them in full, not twice.
        let both =
            describe(&driver_rules(&[Resource::new("apps", "deployments"), Resource::new("apps", "replicasets")]));
        assert!(both.ends_with("create,patch,delete,list deployments.apps, replicasets.apps"), "{both}");
        let cron = describe(&driver_rules(&[Resource::new("batch", "cronjobs"), Resource::new("", "pods")]));
        assert!(
            cron.contains("create,patch,delete,list pods; create,patch,delete,list cronjobs.batch; list jobs.batch"),
            "{cron}"
        );
        assert_eq!(describe(&lease_rules()), "get,patch leases.coordination.k8s.io sk-lease");
    }

    #[test]
    fn trace_kinds_are_tracked_and_event_kinds() {
        let mut s = crate::trace::validate::Summary::default();
        s.tracked.insert("apps/v1.Deployment".into(), Default::default());
        s.kinds.insert("v1.Pod".into(), 3);
        s.kinds.insert("apps/v1.Deployment".into(), 1);
        s.kinds.insert("not a gvk".into(), 1);
        let k: Vec<String> = trace_kinds(&s).iter().map(Gvk::to_string).collect();
        assert_eq!(k, vec!["v1.Pod", "apps/v1.Deployment"], "sorted by group, core first");
        assert_eq!(default_kinds().len(), 7);
        assert_eq!((role_name("ns"), binding_name("ns", "sa")), ("skstep-driver-ns".into(), "skstep-ns-sa".into()));
    }
}
