// The container environment, resolved as the kubelet resolves it.

package main

import (
	"context"
	"fmt"
	"regexp"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

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
