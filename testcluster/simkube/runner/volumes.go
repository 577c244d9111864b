// Volumes: what the kubelet mounts into a driver pod, as directories of this host.

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	authv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

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
