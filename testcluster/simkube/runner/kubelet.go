// The kubelet for SimKube driver pods: pod sync, status, start, exit, stop.

package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"
	"k8s.io/client-go/util/retry"
)

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
	// Our own status updates wake this loop too; like the kubelet's pod worker, retry only
	// when the backoff says so (the AddAfter below), not on every pod event.
	if time.Now().Before(r.notBefore) {
		h.mu.Unlock()
		return nil
	}
	r.attempts++
	attempt := r.attempts
	h.mu.Unlock()

	err = h.startPod(ctx, pod, r)
	var me *mountError
	var ce *configError
	var pe *pullError
	switch {
	case errors.As(err, &pe):
		rec := h.recorder(pod.Spec.NodeName)
		if pe.event != "" {
			rec.Eventf(pod, corev1.EventTypeNormal, "Pulling", "Pulling image %q", pod.Spec.Containers[0].Image)
			rec.Event(pod, corev1.EventTypeWarning, "Failed", pe.event)
		} else {
			rec.Eventf(pod, corev1.EventTypeNormal, "BackOff", "Back-off pulling image %q", pod.Spec.Containers[0].Image)
		}
		rec.Eventf(pod, corev1.EventTypeWarning, "Failed", "Error: %s", pe.reason)
		_ = h.setWaiting(ctx, pod, pe.reason, pe.msg, true)
		h.retryAfter(r, key, pe.retry)
		return nil
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
	h.retryAfter(r, key, delay)
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

	// Image: present only for an installed sk-driver version (images.go); anything else
	// fails to pull, as on a node whose registry has no such image.
	var notes []string
	bin, err := h.resolveImage(r, c.Image)
	if err != nil {
		return err
	}
	notes = append(notes, fmt.Sprintf("image %q is the installed sk-driver %s", c.Image, bin))
	env, err := h.containerEnv(ctx, pod, &c)
	if err != nil {
		return err
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

func freePort() (int32, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return int32(l.Addr().(*net.TCPAddr).Port), nil
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

// retryAfter syncs the pod again after d, and not before.
func (h *harness) retryAfter(r *podRun, key string, d time.Duration) {
	h.mu.Lock()
	r.notBefore = time.Now().Add(d)
	h.mu.Unlock()
	h.queue.AddAfter("pod|"+key, d)
}
