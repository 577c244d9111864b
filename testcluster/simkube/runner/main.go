// sk-harness: the pieces of a SimKube install that are not SimKube's own code and that
// the test cluster has no real implementation of. It runs as ONE local process with
// three loops, all talking to the real API server:
//
//   - issuer     — does cert-manager's job for cert-manager.io/v1 Certificates: writes the
//     TLS Secret the Certificate names (tls.crt, tls.key, ca.crt), signed by the
//     test cluster's CA, and marks the Certificate Ready.
//   - cainjector — does cert-manager-cainjector's job for MutatingWebhookConfigurations
//     annotated cert-manager.io/inject-ca-from: <ns>/<certificate>.
//   - runner     — plays the kubelet for SimKube driver pods ONLY (pods whose first
//     container's command is /sk-driver and that belong to a Job): mounts their volumes
//     into a per-pod directory (hostPath /data/... -> the node data dir), resolves their
//     environment, starts the real sk-driver binary, serves its output as the pod's log
//     (KWOK `Logs` object, CRI log format), reflects the exit code in the pod status and
//     routes the driver's admission webhook to the local process. Everything else on the
//     node stays KWOK's; a KWOK Stage (testcluster/simkube/manifests.yml) keeps KWOK's
//     pod stages off the driver pods.
//
// See testcluster/SIMKUBE-NOTES.md.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	admissionv1 "k8s.io/api/admissionregistration/v1"
	authv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/tools/record"
	"k8s.io/client-go/util/retry"
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
	defVer    string

	queue     workqueue.TypedRateLimitingInterface[string]

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
}

func main() {
	var (
		kubeconfig, state, nodeData, defVer string
		driverBins                          multiFlag
	)
	flag.StringVar(&kubeconfig, "kubeconfig", "", "admin kubeconfig")
	flag.StringVar(&state, "state-dir", "", "test cluster state dir")
	flag.StringVar(&nodeData, "node-data-dir", "", "host dir standing for the nodes' /data")
	flag.StringVar(&defVer, "default-driver-version", "2.7.0", "sk-driver version used when the image's version is not installed")
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
		defVer:    defVer,
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
	if _, ok := h.drivers[defVer]; !ok {
		log.Fatalf("no sk-driver binary given for the default version %s", defVer)
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

// ---------------------------------------------------------------- issuer

func (h *harness) syncCertificate(ctx context.Context, key string) error {
	ns, name, _ := cache.SplitMetaNamespaceKey(key)
	cert, err := h.dyn.Resource(certGVR).Namespace(ns).Get(ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	} else if err != nil {
		return err
	}
	secretName, _, _ := unstructured.NestedString(cert.Object, "spec", "secretName")
	if secretName == "" {
		return nil
	}
	dnsNames, _, _ := unstructured.NestedStringSlice(cert.Object, "spec", "dnsNames")
	commonName, _, _ := unstructured.NestedString(cert.Object, "spec", "commonName")
	tmplLabels, _, _ := unstructured.NestedStringMap(cert.Object, "spec", "secretTemplate", "labels")
	tmplAnn, _, _ := unstructured.NestedStringMap(cert.Object, "spec", "secretTemplate", "annotations")
	issuerName, _, _ := unstructured.NestedString(cert.Object, "spec", "issuerRef", "name")
	issuerKind, _, _ := unstructured.NestedString(cert.Object, "spec", "issuerRef", "kind")

	sec, err := h.cs.CoreV1().Secrets(ns).Get(ctx, secretName, metav1.GetOptions{})
	if err != nil && !apierrors.IsNotFound(err) {
		return err
	}
	upToDate := err == nil && sec.Annotations[certUIDAnnotation] == string(cert.GetUID()) && len(sec.Data["tls.crt"]) > 0
	for k, v := range tmplLabels {
		if upToDate && sec.Labels[k] != v {
			upToDate = false
		}
	}
	var notBefore, notAfter time.Time
	if !upToDate {
		crt, keyPEM, nb, na, err := h.issue(commonName, dnsNames)
		if err != nil {
			return err
		}
		notBefore, notAfter = nb, na
		lbl := map[string]string{"controller.cert-manager.io/fao": "true"}
		for k, v := range tmplLabels {
			lbl[k] = v
		}
		ann := map[string]string{
			"cert-manager.io/certificate-name": name,
			"cert-manager.io/issuer-name":      issuerName,
			"cert-manager.io/issuer-kind":      issuerKind,
			"cert-manager.io/issuer-group":     "cert-manager.io",
			"cert-manager.io/alt-names":        strings.Join(dnsNames, ","),
			"cert-manager.io/ip-sans":          "127.0.0.1",
			"cert-manager.io/common-name":      commonName,
			certUIDAnnotation:                  string(cert.GetUID()),
		}
		for k, v := range tmplAnn {
			ann[k] = v
		}
		data := map[string][]byte{"tls.crt": crt, "tls.key": keyPEM, "ca.crt": h.caCertPEM}
		if apierrors.IsNotFound(err) || sec == nil || sec.Name == "" {
			_, err = h.cs.CoreV1().Secrets(ns).Create(ctx, &corev1.Secret{
				ObjectMeta: metav1.ObjectMeta{Name: secretName, Namespace: ns, Labels: lbl, Annotations: ann},
				Type:       corev1.SecretTypeTLS, Data: data,
			}, metav1.CreateOptions{})
		} else {
			if sec.Labels == nil {
				sec.Labels = map[string]string{}
			}
			if sec.Annotations == nil {
				sec.Annotations = map[string]string{}
			}
			for k, v := range lbl {
				sec.Labels[k] = v
			}
			for k, v := range ann {
				sec.Annotations[k] = v
			}
			sec.Data = data
			_, err = h.cs.CoreV1().Secrets(ns).Update(ctx, sec, metav1.UpdateOptions{})
		}
		if err != nil {
			return fmt.Errorf("writing secret %s/%s: %w", ns, secretName, err)
		}
		log.Printf("issuer: issued %s/%s -> secret %s (dnsNames %v + IP 127.0.0.1)", ns, name, secretName, dnsNames)
	}
	// Certificate status as cert-manager reports it.
	conds, _, _ := unstructured.NestedSlice(cert.Object, "status", "conditions")
	ready := false
	for _, c := range conds {
		if m, ok := c.(map[string]any); ok && m["type"] == "Ready" && m["status"] == "True" {
			ready = true
		}
	}
	if ready && upToDate {
		return nil
	}
	now := time.Now().UTC().Format(time.RFC3339)
	if notAfter.IsZero() {
		notBefore, notAfter = time.Now(), time.Now().Add(90*24*time.Hour)
	}
	cert.Object["status"] = map[string]any{
		"conditions": []any{map[string]any{
			"type": "Ready", "status": "True", "reason": "Ready", "lastTransitionTime": now,
			"message": "Certificate is up to date and has not expired", "observedGeneration": cert.GetGeneration(),
		}},
		"notBefore": notBefore.UTC().Format(time.RFC3339), "notAfter": notAfter.UTC().Format(time.RFC3339),
		"renewalTime": notAfter.Add(-30 * 24 * time.Hour).UTC().Format(time.RFC3339), "revision": int64(1),
	}
	_, err = h.dyn.Resource(certGVR).Namespace(ns).UpdateStatus(ctx, cert, metav1.UpdateOptions{})
	return err
}

func (h *harness) issue(cn string, dnsNames []string) (crtPEM, keyPEM []byte, nb, na time.Time, err error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return
	}
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 126))
	if cn == "" && len(dnsNames) > 0 {
		cn = dnsNames[0]
	}
	nb, na = time.Now().Add(-time.Minute), time.Now().Add(90*24*time.Hour)
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    nb, NotAfter: na,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    dnsNames,
		// The API server reaches the driver's webhook at https://127.0.0.1:<port>/ (see
		// routeWebhooks), so the serving cert also carries that IP.
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, h.caCert, &key.PublicKey, h.caKey)
	if err != nil {
		return
	}
	crtPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	kder, _ := x509.MarshalPKCS8PrivateKey(key)
	keyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder})
	return
}

// ---------------------------------------------------------------- cainjector + webhook routing

func (h *harness) syncWebhook(ctx context.Context, name string) error {
	mwc, err := h.cs.AdmissionregistrationV1().MutatingWebhookConfigurations().Get(ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	} else if err != nil {
		return err
	}
	changed := false
	if from := mwc.Annotations[injectAnnotation]; from != "" {
		ns, cname, _ := strings.Cut(from, "/")
		cert, err := h.dyn.Resource(certGVR).Namespace(ns).Get(ctx, cname, metav1.GetOptions{})
		if err == nil {
			secretName, _, _ := unstructured.NestedString(cert.Object, "spec", "secretName")
			sec, err := h.cs.CoreV1().Secrets(ns).Get(ctx, secretName, metav1.GetOptions{})
			if err == nil && len(sec.Data["ca.crt"]) > 0 {
				for i := range mwc.Webhooks {
					if string(mwc.Webhooks[i].ClientConfig.CABundle) != string(sec.Data["ca.crt"]) {
						mwc.Webhooks[i].ClientConfig.CABundle = sec.Data["ca.crt"]
						changed = true
					}
				}
			} else if err != nil && !apierrors.IsNotFound(err) {
				return err
			}
		} else if !apierrors.IsNotFound(err) {
			return err
		}
	}
	if h.routeWebhooks(ctx, mwc) {
		changed = true
	}
	if !changed {
		return nil
	}
	_, err = h.cs.AdmissionregistrationV1().MutatingWebhookConfigurations().Update(ctx, mwc, metav1.UpdateOptions{})
	if err == nil {
		log.Printf("cainjector/router: updated MutatingWebhookConfiguration %s", name)
	}
	return err
}

// routeWebhooks rewrites webhook clientConfigs that reference a Service whose selected pod is
// a driver process run here: the API server cannot reach a pod IP in this cluster, so the
// webhook is pointed at the port the local process listens on (url: https://127.0.0.1:<port>/…).
// The original service reference is kept in an annotation.
func (h *harness) routeWebhooks(ctx context.Context, mwc *admissionv1.MutatingWebhookConfiguration) bool {
	changed := false
	for i := range mwc.Webhooks {
		svcRef := mwc.Webhooks[i].ClientConfig.Service
		if svcRef == nil {
			continue
		}
		svc, err := h.cs.CoreV1().Services(svcRef.Namespace).Get(ctx, svcRef.Name, metav1.GetOptions{})
		if err != nil || len(svc.Spec.Selector) == 0 {
			continue
		}
		port := int32(443)
		if svcRef.Port != nil {
			port = *svcRef.Port
		}
		var target int32 = -1
		for _, p := range svc.Spec.Ports {
			if p.Port == port {
				target = p.Port
				if p.TargetPort.IntVal != 0 {
					target = p.TargetPort.IntVal
				}
			}
		}
		sel := labels.SelectorFromSet(svc.Spec.Selector)
		h.mu.Lock()
		var hostPort int32
		for _, r := range h.runs {
			if r.ns == svc.Namespace && r.started && !r.done && sel.Matches(labels.Set(r.labels)) {
				hostPort = r.ports[target]
			}
		}
		h.mu.Unlock()
		if hostPort == 0 {
			// No local process listens on the service's target port: leave the reference
			// alone (the API server then fails to call it, as it would in a real cluster).
			continue
		}
		path := "/"
		if svcRef.Path != nil {
			path = *svcRef.Path
		}
		url := fmt.Sprintf("https://127.0.0.1:%d%s", hostPort, path)
		mwc.Webhooks[i].ClientConfig.Service = nil
		mwc.Webhooks[i].ClientConfig.URL = &url
		if mwc.Annotations == nil {
			mwc.Annotations = map[string]string{}
		}
		mwc.Annotations[routedAnnotation] = fmt.Sprintf("service %s/%s:%d -> %s", svcRef.Namespace, svcRef.Name, port, url)
		log.Printf("router: webhook %s/%s: service %s/%s:%d (targetPort %d) -> %s",
			mwc.Name, mwc.Webhooks[i].Name, svcRef.Namespace, svcRef.Name, port, target, url)
		changed = true
	}
	return changed
}

func (h *harness) requeueWebhooks() {
	list, err := h.cs.AdmissionregistrationV1().MutatingWebhookConfigurations().List(context.Background(), metav1.ListOptions{})
	if err != nil {
		return
	}
	for _, m := range list.Items {
		h.queue.Add("mwc|" + m.Name)
	}
}

// ---------------------------------------------------------------- driver runner ("kubelet")

func isDriverPod(p *corev1.Pod) bool {
	if len(p.Spec.Containers) == 0 || len(p.Spec.Containers[0].Command) == 0 {
		return false
	}
	_, isJob := p.Labels["batch.kubernetes.io/job-name"]
	return isJob && p.Spec.Containers[0].Command[0] == driverCommand
}

// kubelet-style refusals: the message is what the real kubelet puts in the event.
type mountError struct{ msg string }
type configError struct{ msg string }

func (e *mountError) Error() string  { return e.msg }
func (e *configError) Error() string { return e.msg }

func (h *harness) recorder(node string) record.EventRecorder {
	h.mu.Lock()
	defer h.mu.Unlock()
	if r, ok := h.recorders[node]; ok {
		return r
	}
	r := h.bcast.NewRecorder(scheme.Scheme, corev1.EventSource{Component: "kubelet", Host: node})
	h.recorders[node] = r
	return r
}

func (h *harness) syncPod(ctx context.Context, key string) error {
	ns, name, _ := cache.SplitMetaNamespaceKey(key)
	pod, err := h.cs.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		h.stopByKey(ns, name)
		return nil
	} else if err != nil {
		return err
	}
	if !isDriverPod(pod) || pod.Spec.NodeName == "" {
		return nil
	}
	if pod.DeletionTimestamp != nil {
		h.stop(pod.UID, "pod is being deleted")
		return nil
	}
	h.mu.Lock()
	r := h.runs[pod.UID]
	if r == nil {
		if pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed {
			h.mu.Unlock()
			return nil // finished before this harness started
		}
		r = &podRun{ns: ns, name: name, uid: pod.UID, labels: pod.Labels, ports: map[int32]int32{}}
		h.runs[pod.UID] = r
	}
	if r.started {
		h.mu.Unlock()
		return nil
	}
	r.attempts++
	attempt := r.attempts
	h.mu.Unlock()

	err = h.startPod(ctx, pod, r)
	var me *mountError
	var ce *configError
	switch {
	case errors.As(err, &me):
		h.recorder(pod.Spec.NodeName).Event(pod, corev1.EventTypeWarning, "FailedMount", me.msg)
		_ = h.setWaiting(ctx, pod, "ContainerCreating", "", false)
	case errors.As(err, &ce):
		h.recorder(pod.Spec.NodeName).Eventf(pod, corev1.EventTypeWarning, "Failed", "Error: %s", ce.msg)
		_ = h.setWaiting(ctx, pod, "CreateContainerConfigError", ce.msg, true)
	case err != nil:
		return err
	default:
		return nil
	}
	// the kubelet keeps retrying (volume manager / pod workers) with backoff
	delay := time.Duration(min(attempt, 8)) * time.Second
	h.queue.AddAfter("pod|"+key, delay)
	return nil
}

// podIP: driver processes share the host's network namespace, but the API (EndpointSlices)
// rejects loopback pod IPs, so driver pods get addresses from 10.246.0.0/16 (KWOK's pods use
// 10.244.0.0/16); nothing routes to them, as nothing routes to KWOK's pod IPs either.
func (h *harness) podIP(uid types.UID) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ip, ok := h.podIPs[uid]; ok {
		return ip
	}
	h.nextIP++
	ip := fmt.Sprintf("10.246.%d.%d", h.nextIP/250, h.nextIP%250+1)
	h.podIPs[uid] = ip
	return ip
}

func podConditions(pod *corev1.Pod, sandboxReady, ready bool, reason string) []corev1.PodCondition {
	now := metav1.Now()
	b := func(v bool) corev1.ConditionStatus {
		if v {
			return corev1.ConditionTrue
		}
		return corev1.ConditionFalse
	}
	old := map[corev1.PodConditionType]corev1.PodCondition{}
	for _, c := range pod.Status.Conditions {
		old[c.Type] = c
	}
	mk := func(t corev1.PodConditionType, v bool, rsn, msg string) corev1.PodCondition {
		c := corev1.PodCondition{Type: t, Status: b(v), LastTransitionTime: now, Reason: rsn, Message: msg}
		if o, ok := old[t]; ok && o.Status == c.Status {
			c.LastTransitionTime = o.LastTransitionTime
		}
		return c
	}
	notReadyMsg := ""
	if !ready && reason == "ContainersNotReady" {
		notReadyMsg = "containers with unready status: [" + pod.Spec.Containers[0].Name + "]"
	}
	if ready {
		reason = ""
	}
	return []corev1.PodCondition{
		mk("PodReadyToStartContainers", sandboxReady, "", ""),
		mk(corev1.PodInitialized, true, "", ""),
		mk(corev1.PodReady, ready, reason, notReadyMsg),
		mk(corev1.ContainersReady, ready, reason, notReadyMsg),
		mk(corev1.PodScheduled, true, "", ""),
	}
}

func (h *harness) updateStatus(ctx context.Context, pod *corev1.Pod, mutate func(p *corev1.Pod)) error {
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		cur, err := h.cs.CoreV1().Pods(pod.Namespace).Get(ctx, pod.Name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		if cur.UID != pod.UID {
			return nil
		}
		mutate(cur)
		_, err = h.cs.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, cur, metav1.UpdateOptions{})
		return err
	})
}

func (h *harness) setWaiting(ctx context.Context, pod *corev1.Pod, reason, msg string, sandbox bool) error {
	return h.updateStatus(ctx, pod, func(p *corev1.Pod) {
		now := metav1.Now()
		p.Status.Phase = corev1.PodPending
		p.Status.Conditions = podConditions(p, sandbox, false, "ContainersNotReady")
		p.Status.HostIP = "127.0.0.1"
		p.Status.HostIPs = []corev1.HostIP{{IP: "127.0.0.1"}}
		if sandbox {
			ip := h.podIP(p.UID)
			p.Status.PodIP, p.Status.PodIPs = ip, []corev1.PodIP{{IP: ip}}
		}
		if p.Status.StartTime == nil {
			p.Status.StartTime = &now
		}
		var cs []corev1.ContainerStatus
		for _, c := range p.Spec.Containers {
			cs = append(cs, corev1.ContainerStatus{Name: c.Name, Image: c.Image, Ready: false, Started: new(false),
				State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason, Message: msg}}})
		}
		p.Status.ContainerStatuses = cs
	})
}

// startPod does what the kubelet does before and while starting the container.
func (h *harness) startPod(ctx context.Context, pod *corev1.Pod, r *podRun) error {
	podDir := filepath.Join(h.work, "pods", string(pod.UID))
	mounts, err := h.mountVolumes(ctx, pod, podDir)
	if err != nil {
		return err
	}
	c := pod.Spec.Containers[0]
	env, err := h.containerEnv(ctx, pod, &c)
	if err != nil {
		return err
	}

	// Image: not pulled; only its version tag decides which installed sk-driver runs.
	var notes []string
	ver := ""
	if m := regexp.MustCompile(`:v(\d+\.\d+\.\d+)$`).FindStringSubmatch(c.Image); m != nil {
		ver = m[1]
	}
	bin, ok := h.drivers[ver]
	if !ok {
		bin = h.drivers[h.defVer]
		if ver == "" {
			notes = append(notes, fmt.Sprintf("image %q has no :vX.Y.Z tag; running the installed sk-driver %s (%s)", c.Image, h.defVer, bin))
		} else {
			notes = append(notes, fmt.Sprintf("sk-driver %s (image %q) is not installed; running the installed sk-driver %s (%s) instead", ver, c.Image, h.defVer, bin))
		}
	} else {
		notes = append(notes, fmt.Sprintf("image %q not pulled; running the installed sk-driver %s (%s)", c.Image, ver, bin))
	}

	// $(VAR) expansion as the kubelet does, then mount-path rewriting.
	envMap := map[string]string{}
	for _, e := range env {
		envMap[e.Name] = e.Value
	}
	args := append(append([]string{}, c.Command[1:]...), c.Args...)
	for i, a := range args {
		args[i] = mountRewrite(expand(a, envMap), mounts)
	}
	// Port: the process would bind its --admission-webhook-port (default 8888) in its own
	// network namespace; here it gets a free local port, recorded as container port -> local.
	cport := int32(driverDefaultWebhookPort)
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "--admission-webhook-port" {
			if v, err := strconv.Atoi(args[i+1]); err == nil {
				cport = int32(v)
			}
			args = append(args[:i], args[i+2:]...)
			break
		}
	}
	hostPort, err := freePort()
	if err != nil {
		return err
	}
	args = append(args, "--admission-webhook-port", strconv.Itoa(int(hostPort)))
	notes = append(notes, fmt.Sprintf("container port %d is local port %d; volumes under %s", cport, hostPort, podDir))

	// Environment of the process: the pod's env plus what the runtime/kubelet adds.
	procEnv := []string{"PATH=" + defaultPath, "HOSTNAME=" + pod.Name, "HOME=" + filepath.Join(podDir, "home"),
		"SKSTEP_TESTCLUSTER_STATE=" + h.state}
	_ = os.MkdirAll(filepath.Join(podDir, "home"), 0o755)
	if kc, ok := h.writeKubeconfig(podDir, mounts); ok {
		// in-cluster config would use 10.96.0.1:443 and the token at
		// /var/run/secrets/kubernetes.io/serviceaccount; same credentials, local address.
		procEnv = append(procEnv, "KUBECONFIG="+kc)
	}
	for _, e := range env {
		procEnv = append(procEnv, e.Name+"="+e.Value)
	}

	logPath := filepath.Join(podDir, "logs", c.Name+".log")
	_ = os.MkdirAll(filepath.Dir(logPath), 0o755)
	lf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	lw := &criWriter{f: lf}
	for _, n := range notes {
		lw.line("stderr", "skstep-testcluster driver runner: "+n)
	}
	if err := h.ensureLogs(ctx, pod, c.Name, logPath); err != nil {
		lf.Close()
		return err
	}

	rec := h.recorder(pod.Spec.NodeName)
	rec.Eventf(pod, corev1.EventTypeNormal, "Pulled", "Container image %q already present on machine", c.Image)
	cmd := exec.Command(bin, args...)
	cmd.Env = procEnv
	cmd.Dir = filepath.Join(podDir, "home")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		lf.Close()
		rec.Eventf(pod, corev1.EventTypeWarning, "Failed", "Error: failed to start container %q: %v", c.Name, err)
		return fmt.Errorf("starting %s: %w", bin, err)
	}
	log.Printf("runner: started %s for pod %s/%s (pid %d, webhook port %d->%d): %s %q",
		bin, pod.Namespace, pod.Name, cmd.Process.Pid, cport, hostPort, bin, args)
	_ = os.WriteFile(filepath.Join(h.work, "pids", "driver-"+string(pod.UID)+".pid"), []byte(strconv.Itoa(cmd.Process.Pid)+"\n"), 0o644)
	rec.Eventf(pod, corev1.EventTypeNormal, "Created", "Created container: %s", c.Name)
	rec.Eventf(pod, corev1.EventTypeNormal, "Started", "Started container %s", c.Name)

	h.mu.Lock()
	r.cmd, r.started = cmd, true
	r.ports[cport] = hostPort
	r.labels = pod.Labels
	h.mu.Unlock()
	h.requeueWebhooks()

	startedAt := metav1.Now()
	_ = h.updateStatus(ctx, pod, func(p *corev1.Pod) {
		p.Status.Phase = corev1.PodRunning
		p.Status.Conditions = podConditions(p, true, true, "")
		ip := h.podIP(p.UID)
		p.Status.HostIP, p.Status.PodIP = "127.0.0.1", ip
		p.Status.HostIPs, p.Status.PodIPs = []corev1.HostIP{{IP: "127.0.0.1"}}, []corev1.PodIP{{IP: ip}}
		if p.Status.StartTime == nil {
			p.Status.StartTime = &startedAt
		}
		p.Status.ContainerStatuses = []corev1.ContainerStatus{{
			Name: c.Name, Image: c.Image, ImageID: "local://" + bin, Ready: true, Started: new(true),
			ContainerID: fmt.Sprintf("skstep-runner://%d", cmd.Process.Pid),
			State:       corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: startedAt}},
		}}
	})

	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); lw.copy("stdout", stdout) }()
	go func() { defer wg.Done(); lw.copy("stderr", stderr) }()
	go func() {
		wg.Wait()
		werr := cmd.Wait()
		lf.Close()
		code := 0
		if werr != nil {
			var ee *exec.ExitError
			if errors.As(werr, &ee) {
				if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
					code = 128 + int(ws.Signal())
				} else {
					code = ee.ExitCode()
				}
			} else {
				code = 128
			}
		}
		_ = os.Remove(filepath.Join(h.work, "pids", "driver-"+string(pod.UID)+".pid"))
		h.mu.Lock()
		r.done = true
		h.mu.Unlock()
		log.Printf("runner: pod %s/%s: sk-driver exited with code %d", pod.Namespace, pod.Name, code)
		h.finish(pod, c, startedAt, code)
	}()
	return nil
}

func (h *harness) finish(pod *corev1.Pod, c corev1.Container, startedAt metav1.Time, code int) {
	ctx := context.Background()
	reason, phase := "Completed", corev1.PodSucceeded
	if code != 0 {
		reason, phase = "Error", corev1.PodFailed
	}
	err := h.updateStatus(ctx, pod, func(p *corev1.Pod) {
		if p.DeletionTimestamp != nil {
			return
		}
		p.Status.Phase = phase
		p.Status.Conditions = podConditions(p, false, false, "PodCompleted")
		p.Status.ContainerStatuses = []corev1.ContainerStatus{{
			Name: c.Name, Image: c.Image, ImageID: p.Status.ContainerStatuses[0].ImageID, Ready: false, Started: new(false),
			ContainerID: p.Status.ContainerStatuses[0].ContainerID,
			State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
				ExitCode: int32(code), Reason: reason, StartedAt: startedAt, FinishedAt: metav1.Now(),
				ContainerID: p.Status.ContainerStatuses[0].ContainerID,
			}},
		}}
	})
	if err != nil && !apierrors.IsNotFound(err) {
		log.Printf("runner: pod %s/%s: final status: %v", pod.Namespace, pod.Name, err)
	}
}

func (h *harness) ensureLogs(ctx context.Context, pod *corev1.Pod, container, file string) error {
	obj := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "kwok.x-k8s.io/v1alpha1", "kind": "Logs",
		"metadata": map[string]any{
			"name": pod.Name, "namespace": pod.Namespace,
			"ownerReferences": []any{map[string]any{"apiVersion": "v1", "kind": "Pod", "name": pod.Name, "uid": string(pod.UID)}},
		},
		"spec": map[string]any{"logs": []any{map[string]any{"containers": []any{container}, "logsFile": file, "follow": true}}},
	}}
	_, err := h.dyn.Resource(logsGVR).Namespace(pod.Namespace).Create(ctx, obj, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	return err
}

// criWriter writes the container's output in the CRI log format the kubelet (and KWOK's
// log server) read: "<RFC3339Nano> <stream> F <line>".
type criWriter struct {
	mu sync.Mutex
	f  *os.File
}

func (w *criWriter) line(stream, s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	fmt.Fprintf(w.f, "%s %s F %s\n", time.Now().UTC().Format(time.RFC3339Nano), stream, s)
}

func (w *criWriter) copy(stream string, r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		w.line(stream, sc.Text())
	}
}

func freePort() (int32, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return int32(l.Addr().(*net.TCPAddr).Port), nil
}

type mount struct{ containerPath, localPath string }

func mountRewrite(arg string, mounts []mount) string {
	best := -1
	for i, m := range mounts {
		if arg == m.containerPath || strings.HasPrefix(arg, strings.TrimSuffix(m.containerPath, "/")+"/") {
			if best < 0 || len(m.containerPath) > len(mounts[best].containerPath) {
				best = i
			}
		}
	}
	if best < 0 {
		return arg
	}
	return mounts[best].localPath + strings.TrimPrefix(arg, mounts[best].containerPath)
}

var varRef = regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)`)

func expand(s string, env map[string]string) string {
	return varRef.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := env[m[2:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// nodePath maps a path on the (kind-like) node to this host: the node's /data is
// $SKSTEP_NODE_DATA_DIR; everything else of the node's filesystem is an empty directory.
func (h *harness) nodePath(p string) string {
	clean := filepath.Clean(p)
	if clean == "/data" || strings.HasPrefix(clean, "/data/") {
		return filepath.Join(h.nodeData, strings.TrimPrefix(clean, "/data"))
	}
	return filepath.Join(h.work, "node-root", clean)
}

func (h *harness) mountVolumes(ctx context.Context, pod *corev1.Pod, podDir string) ([]mount, error) {
	vols := map[string]string{} // volume name -> local path
	for _, v := range pod.Spec.Volumes {
		dir := filepath.Join(podDir, "volumes", v.Name)
		fail := func(format string, a ...any) error {
			return &mountError{fmt.Sprintf("MountVolume.SetUp failed for volume %q : ", v.Name) + fmt.Sprintf(format, a...)}
		}
		switch {
		case v.HostPath != nil:
			local := h.nodePath(v.HostPath.Path)
			st, err := os.Stat(local)
			t := corev1.HostPathUnset
			if v.HostPath.Type != nil {
				t = *v.HostPath.Type
			}
			switch t {
			case corev1.HostPathFile:
				if err != nil || !st.Mode().IsRegular() {
					return nil, fail("hostPath type check failed: %s is not a file", v.HostPath.Path)
				}
			case corev1.HostPathDirectory:
				if err != nil || !st.IsDir() {
					return nil, fail("hostPath type check failed: %s is not a directory", v.HostPath.Path)
				}
			case corev1.HostPathFileOrCreate:
				if err != nil {
					_ = os.MkdirAll(filepath.Dir(local), 0o755)
					f, ferr := os.OpenFile(local, os.O_CREATE, 0o644)
					if ferr != nil {
						return nil, fail("%v", ferr)
					}
					f.Close()
				}
			case corev1.HostPathDirectoryOrCreate, corev1.HostPathUnset:
				if err != nil {
					_ = os.MkdirAll(local, 0o755)
				}
			default:
				return nil, fail("hostPath type %s is not supported by the test cluster's driver runner", t)
			}
			vols[v.Name] = local
		case v.Secret != nil:
			sec, err := h.cs.CoreV1().Secrets(pod.Namespace).Get(ctx, v.Secret.SecretName, metav1.GetOptions{})
			optional := v.Secret.Optional != nil && *v.Secret.Optional
			if apierrors.IsNotFound(err) && !optional {
				return nil, fail("secret %q not found", v.Secret.SecretName)
			} else if err != nil && !apierrors.IsNotFound(err) {
				return nil, err
			}
			data := map[string][]byte{}
			if sec != nil {
				data = sec.Data
			}
			if err := writeVolume(dir, data, v.Secret.Items, v.Secret.DefaultMode, 0o644); err != nil {
				return nil, fail("%v", err)
			}
			vols[v.Name] = dir
		case v.ConfigMap != nil:
			cm, err := h.cs.CoreV1().ConfigMaps(pod.Namespace).Get(ctx, v.ConfigMap.Name, metav1.GetOptions{})
			optional := v.ConfigMap.Optional != nil && *v.ConfigMap.Optional
			if apierrors.IsNotFound(err) && !optional {
				return nil, fail("configmap %q not found", v.ConfigMap.Name)
			} else if err != nil && !apierrors.IsNotFound(err) {
				return nil, err
			}
			data := map[string][]byte{}
			if cm != nil {
				for k, s := range cm.Data {
					data[k] = []byte(s)
				}
			}
			if err := writeVolume(dir, data, v.ConfigMap.Items, v.ConfigMap.DefaultMode, 0o644); err != nil {
				return nil, fail("%v", err)
			}
			vols[v.Name] = dir
		case v.EmptyDir != nil:
			_ = os.MkdirAll(dir, 0o777)
			vols[v.Name] = dir
		case v.Projected != nil:
			data := map[string][]byte{}
			for _, src := range v.Projected.Sources {
				switch {
				case src.ServiceAccountToken != nil:
					exp := int64(3607)
					if src.ServiceAccountToken.ExpirationSeconds != nil {
						exp = *src.ServiceAccountToken.ExpirationSeconds
					}
					tr := &authv1.TokenRequest{Spec: authv1.TokenRequestSpec{
						ExpirationSeconds: &exp,
						BoundObjectRef:    &authv1.BoundObjectReference{Kind: "Pod", APIVersion: "v1", Name: pod.Name, UID: pod.UID},
					}}
					if src.ServiceAccountToken.Audience != "" {
						tr.Spec.Audiences = []string{src.ServiceAccountToken.Audience}
					}
					tok, err := h.cs.CoreV1().ServiceAccounts(pod.Namespace).CreateToken(ctx, pod.Spec.ServiceAccountName, tr, metav1.CreateOptions{})
					if err != nil {
						return nil, fail("failed to fetch token: %v", err)
					}
					data[src.ServiceAccountToken.Path] = []byte(tok.Status.Token)
				case src.ConfigMap != nil:
					cm, err := h.cs.CoreV1().ConfigMaps(pod.Namespace).Get(ctx, src.ConfigMap.Name, metav1.GetOptions{})
					if err != nil {
						if apierrors.IsNotFound(err) && !(src.ConfigMap.Optional != nil && *src.ConfigMap.Optional) {
							return nil, fail("configmap %q not found", src.ConfigMap.Name)
						}
						continue
					}
					for _, it := range src.ConfigMap.Items {
						data[it.Path] = []byte(cm.Data[it.Key])
					}
				case src.Secret != nil:
					sec, err := h.cs.CoreV1().Secrets(pod.Namespace).Get(ctx, src.Secret.Name, metav1.GetOptions{})
					if err != nil {
						if apierrors.IsNotFound(err) && !(src.Secret.Optional != nil && *src.Secret.Optional) {
							return nil, fail("secret %q not found", src.Secret.Name)
						}
						continue
					}
					for _, it := range src.Secret.Items {
						data[it.Path] = sec.Data[it.Key]
					}
				case src.DownwardAPI != nil:
					for _, it := range src.DownwardAPI.Items {
						if it.FieldRef != nil {
							val, _ := fieldRef(pod, it.FieldRef.FieldPath)
							data[it.Path] = []byte(val)
						}
					}
				}
			}
			if err := writeVolume(dir, data, nil, v.Projected.DefaultMode, 0o644); err != nil {
				return nil, fail("%v", err)
			}
			vols[v.Name] = dir
		default:
			return nil, fail("volume type not supported by the test cluster's driver runner")
		}
	}
	var mounts []mount
	for _, c := range pod.Spec.Containers[:1] {
		for _, vm := range c.VolumeMounts {
			local, ok := vols[vm.Name]
			if !ok {
				return nil, &configError{fmt.Sprintf("cannot find volume %q to mount into container %q", vm.Name, c.Name)}
			}
			if vm.SubPath != "" {
				local = filepath.Join(local, vm.SubPath)
			}
			mounts = append(mounts, mount{containerPath: vm.MountPath, localPath: local})
		}
	}
	sort.Slice(mounts, func(i, j int) bool { return len(mounts[i].containerPath) > len(mounts[j].containerPath) })
	return mounts, nil
}

func writeVolume(dir string, data map[string][]byte, items []corev1.KeyToPath, mode *int32, def os.FileMode) error {
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	m := def
	if mode != nil {
		m = os.FileMode(*mode)
	}
	files := map[string][]byte{}
	if len(items) > 0 {
		for _, it := range items {
			files[it.Path] = data[it.Key]
		}
	} else {
		files = data
	}
	for p, b := range files {
		f := filepath.Join(dir, p)
		_ = os.MkdirAll(filepath.Dir(f), 0o755)
		if err := os.WriteFile(f, b, m); err != nil {
			return err
		}
		_ = os.Chmod(f, m)
	}
	return nil
}

func fieldRef(pod *corev1.Pod, path string) (string, error) {
	switch path {
	case "metadata.name":
		return pod.Name, nil
	case "metadata.namespace":
		return pod.Namespace, nil
	case "metadata.uid":
		return string(pod.UID), nil
	case "spec.nodeName":
		return pod.Spec.NodeName, nil
	case "spec.serviceAccountName":
		return pod.Spec.ServiceAccountName, nil
	case "status.hostIP":
		return "127.0.0.1", nil
	case "status.podIP":
		return pod.Status.PodIP, nil
	}
	if m := regexp.MustCompile(`^metadata\.(labels|annotations)\['(.+)'\]$`).FindStringSubmatch(path); m != nil {
		if m[1] == "labels" {
			return pod.Labels[m[2]], nil
		}
		return pod.Annotations[m[2]], nil
	}
	return "", fmt.Errorf("unsupported fieldPath %q", path)
}

func (h *harness) containerEnv(ctx context.Context, pod *corev1.Pod, c *corev1.Container) ([]corev1.EnvVar, error) {
	var out []corev1.EnvVar
	vals := map[string]string{}
	set := func(k, v string) {
		if _, ok := vals[k]; !ok {
			out = append(out, corev1.EnvVar{Name: k})
		}
		vals[k] = v
	}
	for _, ef := range c.EnvFrom {
		switch {
		case ef.SecretRef != nil:
			sec, err := h.cs.CoreV1().Secrets(pod.Namespace).Get(ctx, ef.SecretRef.Name, metav1.GetOptions{})
			if apierrors.IsNotFound(err) {
				if ef.SecretRef.Optional != nil && *ef.SecretRef.Optional {
					continue
				}
				return nil, &configError{fmt.Sprintf("secret %q not found", ef.SecretRef.Name)}
			} else if err != nil {
				return nil, err
			}
			for k, v := range sec.Data {
				set(ef.Prefix+k, string(v))
			}
		case ef.ConfigMapRef != nil:
			cm, err := h.cs.CoreV1().ConfigMaps(pod.Namespace).Get(ctx, ef.ConfigMapRef.Name, metav1.GetOptions{})
			if apierrors.IsNotFound(err) {
				if ef.ConfigMapRef.Optional != nil && *ef.ConfigMapRef.Optional {
					continue
				}
				return nil, &configError{fmt.Sprintf("configmap %q not found", ef.ConfigMapRef.Name)}
			} else if err != nil {
				return nil, err
			}
			for k, v := range cm.Data {
				set(ef.Prefix+k, v)
			}
		}
	}
	for _, e := range c.Env {
		switch {
		case e.ValueFrom == nil:
			set(e.Name, expand(e.Value, vals))
		case e.ValueFrom.FieldRef != nil:
			v, err := fieldRef(pod, e.ValueFrom.FieldRef.FieldPath)
			if err != nil {
				return nil, &configError{err.Error()}
			}
			set(e.Name, v)
		case e.ValueFrom.SecretKeyRef != nil:
			ref := e.ValueFrom.SecretKeyRef
			optional := ref.Optional != nil && *ref.Optional
			sec, err := h.cs.CoreV1().Secrets(pod.Namespace).Get(ctx, ref.Name, metav1.GetOptions{})
			if apierrors.IsNotFound(err) {
				if optional {
					continue
				}
				return nil, &configError{fmt.Sprintf("secret %q not found", ref.Name)}
			} else if err != nil {
				return nil, err
			}
			v, ok := sec.Data[ref.Key]
			if !ok {
				if optional {
					continue
				}
				return nil, &configError{fmt.Sprintf("couldn't find key %s in Secret %s/%s", ref.Key, pod.Namespace, ref.Name)}
			}
			set(e.Name, string(v))
		case e.ValueFrom.ConfigMapKeyRef != nil:
			ref := e.ValueFrom.ConfigMapKeyRef
			optional := ref.Optional != nil && *ref.Optional
			cm, err := h.cs.CoreV1().ConfigMaps(pod.Namespace).Get(ctx, ref.Name, metav1.GetOptions{})
			if apierrors.IsNotFound(err) {
				if optional {
					continue
				}
				return nil, &configError{fmt.Sprintf("configmap %q not found", ref.Name)}
			} else if err != nil {
				return nil, err
			}
			v, ok := cm.Data[ref.Key]
			if !ok {
				if optional {
					continue
				}
				return nil, &configError{fmt.Sprintf("couldn't find key %s in ConfigMap %s/%s", ref.Key, pod.Namespace, ref.Name)}
			}
			set(e.Name, v)
		default:
			return nil, &configError{fmt.Sprintf("env %s: unsupported valueFrom", e.Name)}
		}
	}
	for i := range out {
		out[i].Value = vals[out[i].Name]
	}
	return out, nil
}

// writeKubeconfig turns the pod's mounted service-account credentials into the kubeconfig
// the process uses (in-cluster config would need 10.96.0.1:443, unreachable here).
func (h *harness) writeKubeconfig(podDir string, mounts []mount) (string, bool) {
	const saDir = "/var/run/secrets/kubernetes.io/serviceaccount"
	tok, ca := mountRewrite(saDir+"/token", mounts), mountRewrite(saDir+"/ca.crt", mounts)
	if tok == saDir+"/token" {
		return "", false
	}
	kc := map[string]any{
		"apiVersion": "v1", "kind": "Config", "current-context": "in-cluster",
		"clusters": []any{map[string]any{"name": "in-cluster", "cluster": map[string]any{"server": h.apiServer, "certificate-authority": ca}}},
		"users":    []any{map[string]any{"name": "sa", "user": map[string]any{"tokenFile": tok}}},
		"contexts": []any{map[string]any{"name": "in-cluster", "context": map[string]any{"cluster": "in-cluster", "user": "sa"}}},
	}
	b, _ := json.MarshalIndent(kc, "", "  ")
	p := filepath.Join(podDir, "kubeconfig")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		return "", false
	}
	return p, true
}

// ---------------------------------------------------------------- stopping

func (h *harness) stopByKey(ns, name string) {
	h.mu.Lock()
	var uids []types.UID
	for uid, r := range h.runs {
		if r.ns == ns && r.name == name {
			uids = append(uids, uid)
		}
	}
	h.mu.Unlock()
	for _, u := range uids {
		h.stop(u, "pod deleted")
	}
}

func (h *harness) stop(uid types.UID, why string) {
	h.mu.Lock()
	r := h.runs[uid]
	delete(h.runs, uid)
	h.mu.Unlock()
	if r == nil || r.cmd == nil || r.done {
		return
	}
	log.Printf("runner: %s/%s: %s; stopping sk-driver pid %d", r.ns, r.name, why, r.cmd.Process.Pid)
	killGroup(r.cmd.Process.Pid)
}

func killGroup(pid int) {
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	go func() {
		_ = wait.PollUntilContextTimeout(context.Background(), 100*time.Millisecond, 10*time.Second, true,
			func(context.Context) (bool, error) { return syscall.Kill(pid, 0) != nil, nil })
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}()
}

func (h *harness) stopAll() {
	h.mu.Lock()
	var pids []int
	for _, r := range h.runs {
		if r.cmd != nil && !r.done {
			pids = append(pids, r.cmd.Process.Pid)
		}
	}
	h.mu.Unlock()
	for _, p := range pids {
		_ = syscall.Kill(-p, syscall.SIGTERM)
	}
	deadline := time.Now().Add(5 * time.Second)
	for _, p := range pids {
		for syscall.Kill(p, 0) == nil && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		_ = syscall.Kill(-p, syscall.SIGKILL)
	}
}
