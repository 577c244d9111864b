// Container logs: the CRI log file and the KWOK Logs object that serves it.

package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

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
