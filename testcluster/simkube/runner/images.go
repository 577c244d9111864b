// Images: the node "has" sk-driver images only for the versions installed on this host
// (--sk-driver VERSION=PATH): quay.io/appliedcomputing/sk-driver:vVERSION. Any other image is
// pulled and fails as on a real node whose registry has no such tag: ErrImagePull, then
// ImagePullBackOff with the kubelet's backoff (10 s doubling to 5 min), with the kubelet's own
// event and status words (pkg/kubelet/images/image_manager.go, kubernetes 1.36).

package main

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// driverRepo is the repository SimKube publishes sk-driver under.
const driverRepo = "quay.io/appliedcomputing/sk-driver"

var driverTag = regexp.MustCompile(`^` + regexp.QuoteMeta(driverRepo) + `:v(\d+\.\d+\.\d+)$`)

// pullError: the image cannot be had. reason is the container's waiting reason.
type pullError struct {
	reason string // ErrImagePull or ImagePullBackOff
	msg    string // the waiting message
	event  string // the Warning "Failed" event of the pull itself ("" during backoff)
	retry  time.Duration
}

func (e *pullError) Error() string { return e.reason + ": " + e.msg }

// imagePull is one pod's pull state, as the kubelet's image backoff keeps it per pod and image.
type imagePull struct {
	failures     int
	backoffUntil time.Time
	lastErr      string
}

// resolveImage returns the sk-driver binary an image stands for, or the pull failure a node
// would report for it.
func (h *harness) resolveImage(r *podRun, image string) (string, error) {
	if m := driverTag.FindStringSubmatch(image); m != nil {
		if bin, ok := h.drivers[m[1]]; ok {
			return bin, nil
		}
	}
	now := time.Now()
	h.mu.Lock()
	defer h.mu.Unlock()
	if r.pull == nil {
		r.pull = &imagePull{}
	}
	p := r.pull
	if now.Before(p.backoffUntil) {
		return "", &pullError{
			reason: "ImagePullBackOff",
			msg:    fmt.Sprintf("Back-off pulling image %q: ErrImagePull: %s", image, p.lastErr),
			retry:  p.backoffUntil.Sub(now),
		}
	}
	ref := normalizeRef(image)
	crierr := fmt.Sprintf("rpc error: code = NotFound desc = failed to pull and unpack image %q: "+
		"failed to resolve reference %q: %s: not found", ref, ref, ref)
	p.failures++
	backoff := min(10*time.Second<<min(p.failures-1, 5), 300*time.Second)
	p.backoffUntil = now.Add(backoff)
	p.lastErr = crierr
	return "", &pullError{
		reason: "ErrImagePull",
		msg:    crierr,
		event:  fmt.Sprintf("Failed to pull image %q: %s", image, crierr),
		// the pod worker syncs again soon and finds the pull backing off
		retry: time.Second,
	}
}

// normalizeRef: the fully qualified reference containerd reports (docker.io/library/ for short
// names, :latest when there is no tag or digest).
func normalizeRef(image string) string {
	name := image
	first, _, found := strings.Cut(image, "/")
	if !found {
		name = "docker.io/library/" + image
	} else if !strings.ContainsAny(first, ".:") && first != "localhost" {
		name = "docker.io/" + image
	}
	last := name[strings.LastIndex(name, "/")+1:]
	if !strings.Contains(last, ":") && !strings.Contains(name, "@") {
		name += ":latest"
	}
	return name
}
