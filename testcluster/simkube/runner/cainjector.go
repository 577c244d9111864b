// The cainjector (cert-manager-cainjector's job) and the routing of driver webhooks to the
// local sk-driver process.

package main

import (
	"context"
	"fmt"
	"log"
	"strings"

	admissionv1 "k8s.io/api/admissionregistration/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
)

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
