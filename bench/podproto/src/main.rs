//! Benchmark (not a test), run by scripts/bench-cluster against the test cluster: the pod list
//! `observe` reads (protobuf), decoded by kubectl-skstep's hand-written decoder
//! (src/cluster/podproto.rs) and by k8s-pb's generated prost types, side by side in one run:
//! decode time, bytes allocated, and the whole list call (request + decode).
//!
//! Usage: skstep-bench-podproto NAMESPACE SELECTOR [ROUNDS]  (KUBECONFIG as usual)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use prost::Message;
use skstep::cluster::client::{ClientOptions, connect};
use skstep::cluster::observe::list_pods_protobuf;
use skstep::cluster::podproto::{PodView, decode_pod_list};

/// Counts the bytes allocated, to compare what each decoder allocates.
struct Counting;
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(l.size(), Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// k8s-pb: the envelope (`k8s\0` + runtime.Unknown), then the whole PodList, then the view.
fn decode_k8s_pb(body: &[u8]) -> Option<Vec<PodView>> {
    use k8s_pb::api::core::v1::PodList;
    use k8s_pb::apimachinery::pkg::runtime::Unknown;
    let unknown = Unknown::decode(body.strip_prefix(b"k8s\0")?).ok()?;
    if unknown.type_meta.as_ref()?.kind.as_deref() != Some("PodList") {
        return None;
    }
    let list = PodList::decode(unknown.raw.as_deref()?).ok()?;
    let nonempty = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
    Some(
        list.items
            .iter()
            .map(|p| {
                let status = p.status.as_ref();
                PodView {
                    deleting: p.metadata.as_ref().is_some_and(|m| m.deletion_timestamp.is_some()),
                    phase: status.and_then(|s| nonempty(&s.phase)),
                    ready: status.is_some_and(|s| {
                        s.conditions
                            .iter()
                            .any(|c| c.r#type.as_deref() == Some("Ready") && c.status.as_deref() == Some("True"))
                    }),
                    node: p.spec.as_ref().and_then(|s| nonempty(&s.node_name)),
                    unschedulable: status.is_some_and(|s| {
                        s.conditions.iter().any(|c| {
                            c.r#type.as_deref() == Some("PodScheduled") && c.status.as_deref() == Some("False")
                        })
                    }),
                }
            })
            .collect(),
    )
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (ns, selector) = (&args[1], &args[2]);
    let rounds: usize = args.get(3).map_or(200, |r| r.parse().expect("ROUNDS"));
    let cluster = connect(ClientOptions::default()).await.unwrap_or_else(|e| panic!("{e}"));
    let body = list_pods_protobuf(&cluster.client, ns, selector).await.unwrap().expect("a protobuf answer");
    let ours = decode_pod_list(&body).expect("hand-written decoder");
    let theirs = decode_k8s_pb(&body).expect("k8s-pb decoder");
    assert_eq!(ours, theirs, "the two decoders disagree");
    println!("pod list: {} pods, {} bytes of protobuf", ours.len(), body.len());

    // Decode only, interleaved so both see the same machine load.
    let (mut t_ours, mut t_pb) = (vec![], vec![]);
    let (mut a_ours, mut a_pb) = (0, 0);
    for _ in 0..rounds {
        let a0 = ALLOCATED.load(Ordering::Relaxed);
        let s = Instant::now();
        std::hint::black_box(decode_pod_list(std::hint::black_box(&body)));
        t_ours.push(s.elapsed());
        let a1 = ALLOCATED.load(Ordering::Relaxed);
        let s = Instant::now();
        std::hint::black_box(decode_k8s_pb(std::hint::black_box(&body)));
        t_pb.push(s.elapsed());
        let a2 = ALLOCATED.load(Ordering::Relaxed);
        (a_ours, a_pb) = (a1 - a0, a2 - a1);
    }
    let (m_ours, m_pb) = (median(t_ours), median(t_pb));
    println!(
        "decode ({rounds} rounds, median): hand-written {:.3} ms, k8s-pb {:.3} ms, ratio k8s-pb/hand-written {:.1}x",
        m_ours.as_secs_f64() * 1e3,
        m_pb.as_secs_f64() * 1e3,
        m_pb.as_secs_f64() / m_ours.as_secs_f64()
    );
    println!(
        "allocated per decode: hand-written {:.2} MB, k8s-pb {:.2} MB, ratio {:.1}x",
        a_ours as f64 / 1e6,
        a_pb as f64 / 1e6,
        a_pb as f64 / a_ours as f64
    );

    // The whole call observe makes: request, API server encoding, transfer, decode.
    let calls = 30;
    let (mut w_ours, mut w_pb) = (vec![], vec![]);
    for _ in 0..calls {
        let s = Instant::now();
        let b = list_pods_protobuf(&cluster.client, ns, selector).await.unwrap().unwrap();
        std::hint::black_box(decode_pod_list(&b).unwrap());
        w_ours.push(s.elapsed());
        let s = Instant::now();
        let b = list_pods_protobuf(&cluster.client, ns, selector).await.unwrap().unwrap();
        std::hint::black_box(decode_k8s_pb(&b).unwrap());
        w_pb.push(s.elapsed());
    }
    let (m_ours, m_pb) = (median(w_ours), median(w_pb));
    println!(
        "list call + decode ({calls} calls, median): hand-written {:.1} ms, k8s-pb {:.1} ms, ratio {:.2}x",
        m_ours.as_secs_f64() * 1e3,
        m_pb.as_secs_f64() * 1e3,
        m_pb.as_secs_f64() / m_ours.as_secs_f64()
    );
}
