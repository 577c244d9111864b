// The issuer: cert-manager's job for cert-manager.io/v1 Certificates.

package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"log"
	"math/big"
	"net"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/tools/cache"
)

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
