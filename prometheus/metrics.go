package prometheus

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rzauth/rememberizer-go/core/event"
)

// durationBuckets are the default upper bounds, in seconds, of the
// sign-in and refresh duration histograms: a round trip or two to
// Rememberizer, from 10 ms to 10 s.
var durationBuckets = []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// lockWaitBuckets are the default upper bounds, in seconds, of the
// refresh lock wait histogram: near zero when no other instance holds the
// lock, up to a refresh's length when one does.
var lockWaitBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Config configures [New]. Its zero value is the default.
type Config struct {
	// Namespace is the first part of every metric's name, as in
	// rememberizer_sign_ins_total.
	//
	// Optional. Default: "rememberizer".
	Namespace string

	// ConstLabels are labels with fixed values added to every series,
	// e.g. to tell two clients in one process apart.
	//
	// Optional. Default: none.
	ConstLabels prometheus.Labels

	// DurationBuckets are the histogram buckets, in seconds, of
	// rememberizer_sign_in_duration_seconds and
	// rememberizer_token_refresh_duration_seconds.
	//
	// Optional. Default: 10 ms to 10 s (.01, .025, .05, .1, .25, .5, 1,
	// 2.5, 5, 10), a round trip or two to Rememberizer.
	DurationBuckets []float64

	// LockWaitBuckets are the histogram buckets, in seconds, of
	// rememberizer_refresh_lock_wait_seconds.
	//
	// Optional. Default: 1 ms to 10 s (.001, .0025, .005, .01, .025, .05,
	// .1, .25, .5, 1, 2.5, 5, 10): near zero when no other instance holds
	// the lock, up to a refresh's length when one does.
	LockWaitBuckets []float64
}

// Metrics turns a [core.Client]'s events into Prometheus metrics. Make
// one with [New] and set [Metrics.Observe] as [core.Config.OnEvent]. It is
// a [prometheus.Collector] of every metric, and safe for concurrent use.
//
// [core.Client]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Client
// [core.Config.OnEvent]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Config
type Metrics struct {
	signInStarts    prometheus.Counter
	signIns         *prometheus.CounterVec
	signInDuration  *prometheus.HistogramVec
	refreshes       *prometheus.CounterVec
	refreshDuration *prometheus.HistogramVec
	lockWait        prometheus.Histogram
	sessionsEnded   *prometheus.CounterVec
	grants          *prometheus.CounterVec
	storeFailures   *prometheus.CounterVec
}

// New makes the metrics and registers them on reg, the registry the app
// serves (prometheus.DefaultRegisterer for the default one). It fails if
// reg is nil or refuses them: registering a second Metrics of the same
// Namespace and ConstLabels on one registry is an error.
//
// Every series of a counter whose labels come from the event enums is
// created at zero, so that a rate over it exists before the first event.
func New(reg prometheus.Registerer, cfg ...Config) (*Metrics, error) {
	if reg == nil {
		return nil, errors.New("rememberizer prometheus: nil Registerer")
	}
	var c Config
	if len(cfg) > 0 {
		c = cfg[0]
	}
	if c.Namespace == "" {
		c.Namespace = "rememberizer"
	}
	if c.DurationBuckets == nil {
		c.DurationBuckets = durationBuckets
	}
	if c.LockWaitBuckets == nil {
		c.LockWaitBuckets = lockWaitBuckets
	}
	counter := func(name, help string) prometheus.CounterOpts {
		return prometheus.CounterOpts{Namespace: c.Namespace, Name: name, Help: help, ConstLabels: c.ConstLabels}
	}
	histogram := func(name, help string, buckets []float64) prometheus.HistogramOpts {
		return prometheus.HistogramOpts{Namespace: c.Namespace, Name: name, Help: help, ConstLabels: c.ConstLabels, Buckets: slices.Clone(buckets)}
	}
	m := &Metrics{
		signInStarts: prometheus.NewCounter(counter("sign_in_starts_total",
			"Sign-ins started: browsers the login route sent to Rememberizer.")),
		signIns: prometheus.NewCounterVec(counter("sign_ins_total",
			"Sign-ins finished (callbacks), by result: ok, or why the sign-in failed."), []string{"result"}),
		signInDuration: prometheus.NewHistogramVec(histogram("sign_in_duration_seconds",
			"How long the sign-in callback took, by result.", c.DurationBuckets), []string{"result"}),
		refreshes: prometheus.NewCounterVec(counter("token_refreshes_total",
			"Token refreshes, by what started them and how they ended."), []string{"trigger", "result"}),
		refreshDuration: prometheus.NewHistogramVec(histogram("token_refresh_duration_seconds",
			"How long a refresh's token request took, by trigger and result.", c.DurationBuckets), []string{"trigger", "result"}),
		lockWait: prometheus.NewHistogram(histogram("refresh_lock_wait_seconds",
			"How long a refresh waited for the cross-instance refresh lock.", c.LockWaitBuckets)),
		sessionsEnded: prometheus.NewCounterVec(counter("sessions_ended_total",
			"Sessions ended, by reason (one for every session of a user when all of them end)."), []string{"reason"}),
		grants: prometheus.NewCounterVec(counter("grants_total",
			"Grants stored, revoked (Rememberizer refused a refresh) or deleted, in the grant store."), []string{"event"}),
		storeFailures: prometheus.NewCounterVec(counter("store_failures_total",
			"Failed store calls, by store and operation."), []string{"store", "op"}),
	}
	m.signIns.WithLabelValues(signInOK)
	for _, r := range signInReasons {
		m.signIns.WithLabelValues(r.String())
	}
	for _, t := range triggers {
		for _, r := range results {
			m.refreshes.WithLabelValues(t.String(), r.String())
		}
	}
	for _, r := range endReasons {
		m.sessionsEnded.WithLabelValues(r.String())
	}
	for _, g := range []string{grantStored, grantRevoked, grantDeleted} {
		m.grants.WithLabelValues(g)
	}
	for _, s := range roles {
		for _, o := range ops {
			m.storeFailures.WithLabelValues(s.String(), o.String())
		}
	}
	if err := reg.Register(m); err != nil {
		return nil, fmt.Errorf("rememberizer prometheus: registering the metrics: %w", err)
	}
	return m, nil
}

// collectors are m's metrics.
func (m *Metrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{
		m.signInStarts, m.signIns, m.signInDuration, m.refreshes, m.refreshDuration,
		m.lockWait, m.sessionsEnded, m.grants, m.storeFailures,
	}
}

// Describe implements [prometheus.Collector].
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	if m == nil || m.signIns == nil {
		return
	}
	for _, c := range m.collectors() {
		c.Describe(ch)
	}
}

// Collect implements [prometheus.Collector].
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	if m == nil || m.signIns == nil {
		return
	}
	for _, c := range m.collectors() {
		c.Collect(ch)
	}
}

// Observe records e. Set it as [core.Config.OnEvent]; to call another
// hook as well, call both from one function (see the package
// documentation). It is quick and safe for concurrent use.
//
// An event of an unknown kind, or whose enum fields hold a value that is
// not one of package event's constants for its kind, is not recorded.
// The user id is never recorded. On a nil or zero Metrics (one not made
// by [New]) Observe does nothing.
//
// [core.Config.OnEvent]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Config
func (m *Metrics) Observe(_ context.Context, e event.Event) {
	if m == nil || m.signIns == nil {
		return
	}
	switch e.Kind {
	case event.SignInStarted:
		m.signInStarts.Inc()
	case event.SignInSucceeded:
		m.signIns.WithLabelValues(signInOK).Inc()
		m.signInDuration.WithLabelValues(signInOK).Observe(e.Duration.Seconds())
	case event.SignInFailed:
		if !slices.Contains(signInReasons, e.Reason) {
			return
		}
		m.signIns.WithLabelValues(e.Reason.String()).Inc()
		m.signInDuration.WithLabelValues(e.Reason.String()).Observe(e.Duration.Seconds())
	case event.Refreshed:
		if !slices.Contains(triggers, e.Trigger) || !slices.Contains(results, e.Result) {
			return
		}
		m.refreshes.WithLabelValues(e.Trigger.String(), e.Result.String()).Inc()
		m.refreshDuration.WithLabelValues(e.Trigger.String(), e.Result.String()).Observe(e.Duration.Seconds())
	case event.LockWaited:
		m.lockWait.Observe(e.Duration.Seconds())
	case event.SessionEnded:
		if !slices.Contains(endReasons, e.Reason) {
			return
		}
		m.sessionsEnded.WithLabelValues(e.Reason.String()).Inc()
	case event.GrantStored:
		m.grants.WithLabelValues(grantStored).Inc()
	case event.GrantRevoked:
		m.grants.WithLabelValues(grantRevoked).Inc()
	case event.GrantDeleted:
		m.grants.WithLabelValues(grantDeleted).Inc()
	case event.StoreFailed:
		if !slices.Contains(roles, e.Store) || !slices.Contains(ops, e.Op) {
			return
		}
		m.storeFailures.WithLabelValues(e.Store.String(), e.Op.String()).Inc()
	}
}
