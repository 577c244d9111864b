// sk-harness: the pieces of a SimKube install that are not SimKube's own code and that
// the test cluster has no real implementation of. It runs as ONE local process with
// three loops, all talking to the real API server:
//
// One file per role: issuer.go, cainjector.go (with the webhook routing), kubelet.go (pod
// sync, status, start, exit, stop), images.go, volumes.go, env.go, logs.go; main.go wires them.
//
//   - issuer     — does cert-manager's job for cert-manager.io/v1 Certificates: writes the
//     TLS Secret the Certificate names (tls.crt, tls.key, ca.crt), signed by the
//     test cluster's CA, and marks the Certificate Ready.
//   - cainjector — does cert-manager-cainjector's job for MutatingWebhookConfigurations
//     annotated cert-manager.io/inject-ca-from: <ns>/<certificate>.
//   - runner     — plays the kubelet for SimKube driver pods ONLY (pods whose first
//     container's command is /sk-driver and that belong to a Job): mounts their volumes
//     into a per-pod directory (hostPath /data/... -> the node data dir), resolves their
//     environment, "pulls" the image (only installed sk-driver versions exist; any
//     other image is ErrImagePull/ImagePullBackOff, as on a real node), starts the real sk-driver binary, serves its output as the pod's log
//     (KWOK `Logs` object, CRI log format), reflects the exit code in the pod status and
//     routes the driver's admission webhook to the local process. Everything else on the
//     node stays KWOK's; a KWOK Stage (testcluster/simkube/manifests.yml) keeps KWOK's
//     pod stages off the driver pods.
//
// See testcluster/SIMKUBE-NOTES.md.
package main

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"flag"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/tools/record"
	"k8s.io/client-go/util/workqueue"
)

var (
	certGVR = schema.GroupVersionResource{Group: "cert-manager.io", Version: "v1", Resource: "certificates"}
	logsGVR = schema.GroupVersionResource{Group: "kwok.x-k8s.io", Version: "v1alpha1", Resource: "logs"}
)

const (
	injectAnnotation  = "cert-manager.io/inject-ca-from"
	routedAnnotation  = "testcluster.skstep.io/webhook-routed-from"
	certUIDAnnotation = "testcluster.skstep.io/issued-for-certificate-uid"
	driverCommand     = "/sk-driver"
	// sk-driver's built-in default for --admission-webhook-port (DRIVER_ADMISSION_WEBHOOK_PORT
	// in sk-core 2.7.0): the port the process would bind inside its pod network namespace.
	driverDefaultWebhookPort = 8888
	defaultPath              = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

type harness struct {
	cs        kubernetes.Interface
	dyn       dynamic.Interface
	state     string
	work      string
	nodeData  string
	apiServer string
	caCert    *x509.Certificate
	caCertPEM []byte
	caKey     any
	drivers   map[string]string // version -> binary

	queue workqueue.TypedRateLimitingInterface[string]

	mu        sync.Mutex
	podIPs    map[types.UID]string
	nextIP    int
	runs      map[types.UID]*podRun
	recorders map[string]record.EventRecorder
	bcast     record.EventBroadcaster
}

type podRun struct {
	ns, name string
	uid      types.UID
	labels   map[string]string
	// container port -> local port the process really listens on
	ports    map[int32]int32
	cmd      *exec.Cmd
	started  bool
	done     bool
	attempts int
	pull     *imagePull // image pull failures and backoff (images.go)
	// no new attempt to start the pod before this (its retry is queued for then)
	notBefore time.Time
}

func main() {
	var (
		kubeconfig, state, nodeData string
		driverBins                  multiFlag
	)
	flag.StringVar(&kubeconfig, "kubeconfig", "", "admin kubeconfig")
	flag.StringVar(&state, "state-dir", "", "test cluster state dir")
	flag.StringVar(&nodeData, "node-data-dir", "", "host dir standing for the nodes' /data")
	flag.Var(&driverBins, "sk-driver", "VERSION=PATH of an installed sk-driver binary (repeatable)")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	if state == "" || kubeconfig == "" || nodeData == "" {
		log.Fatal("--state-dir, --kubeconfig and --node-data-dir are required")
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	must(err)
	cfg.QPS, cfg.Burst = 50, 100
	cfg.UserAgent = "skstep-testcluster-sk-harness"
	h := &harness{
		cs:        kubernetes.NewForConfigOrDie(cfg),
		dyn:       dynamic.NewForConfigOrDie(cfg),
		state:     state,
		work:      filepath.Join(state, "simkube"),
		nodeData:  nodeData,
		apiServer: cfg.Host,
		drivers:   map[string]string{},
		runs:      map[types.UID]*podRun{},
		podIPs:    map[types.UID]string{},
		recorders: map[string]record.EventRecorder{},
	}
	for _, d := range driverBins {
		v, p, ok := strings.Cut(d, "=")
		if !ok {
			log.Fatalf("--sk-driver %q: want VERSION=PATH", d)
		}
		h.drivers[v] = p
	}
	if len(h.drivers) == 0 {
		log.Fatal("no sk-driver binary given (--sk-driver VERSION=PATH)")
	}
	h.caCertPEM, err = os.ReadFile(filepath.Join(state, "pki", "ca.crt"))
	must(err)
	blk, _ := pem.Decode(h.caCertPEM)
	h.caCert, err = x509.ParseCertificate(blk.Bytes)
	must(err)
	keyPEM, err := os.ReadFile(filepath.Join(state, "pki", "ca.key"))
	must(err)
	kb, _ := pem.Decode(keyPEM)
	if h.caKey, err = x509.ParsePKCS8PrivateKey(kb.Bytes); err != nil {
		h.caKey, err = x509.ParsePKCS1PrivateKey(kb.Bytes)
		must(err)
	}
	must(os.MkdirAll(filepath.Join(h.work, "pods"), 0o755))
	must(os.MkdirAll(filepath.Join(h.work, "pids"), 0o755))

	h.bcast = record.NewBroadcaster()
	h.bcast.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: h.cs.CoreV1().Events("")})

	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()

	h.queue = workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]())
	enq := func(prefix string) cache.ResourceEventHandler {
		f := func(obj any) {
			if d, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = d.Obj
			}
			if k, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
				h.queue.Add(prefix + "|" + k)
			}
		}
		return cache.ResourceEventHandlerFuncs{AddFunc: f, UpdateFunc: func(_, n any) { f(n) }, DeleteFunc: f}
	}
	inf := informers.NewSharedInformerFactory(h.cs, 0)
	podInf := inf.Core().V1().Pods()
	_, _ = podInf.Informer().AddEventHandler(enq("pod"))
	mwcInf := inf.Admissionregistration().V1().MutatingWebhookConfigurations()
	_, _ = mwcInf.Informer().AddEventHandler(enq("mwc"))
	dinf := dynamicinformer.NewDynamicSharedInformerFactory(h.dyn, 0)
	certInf := dinf.ForResource(certGVR)
	_, _ = certInf.Informer().AddEventHandler(enq("cert"))
	inf.Start(ctx.Done())
	dinf.Start(ctx.Done())
	inf.WaitForCacheSync(ctx.Done())
	dinf.WaitForCacheSync(ctx.Done())
	log.Printf("sk-harness ready (apiserver %s, node data dir %s, sk-driver binaries %v)", h.apiServer, nodeData, h.drivers)
	_ = os.WriteFile(filepath.Join(h.work, "harness.ready"), []byte("ok\n"), 0o644)

	for i := 0; i < 4; i++ {
		go func() {
			for {
				key, quit := h.queue.Get()
				if quit {
					return
				}
				kind, k, _ := strings.Cut(key, "|")
				var err error
				switch kind {
				case "pod":
					err = h.syncPod(ctx, k)
				case "cert":
					err = h.syncCertificate(ctx, k)
				case "mwc":
					err = h.syncWebhook(ctx, k)
				}
				if err != nil {
					log.Printf("%s: %v (retrying)", key, err)
					h.queue.AddRateLimited(key)
				} else {
					h.queue.Forget(key)
				}
				h.queue.Done(key)
			}
		}()
	}
	<-ctx.Done()
	log.Printf("shutting down: stopping driver processes")
	h.queue.ShutDown()
	h.stopAll()
	h.bcast.Shutdown()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
