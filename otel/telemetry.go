package otel

import (
	"errors"
	"fmt"
	"slices"

	otelglobal "go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/rzauth/rememberizer-go/core/event"
)

// scope is the instrumentation scope of the meter and the tracer.
const scope = "github.com/rzauth/rememberizer-go/otel"

// durationBuckets are the default bucket boundaries, in seconds, of the
// sign-in and refresh duration histograms: OpenTelemetry's advice for
// HTTP durations, as a callback or a refresh is a round trip or two to
// Rememberizer.
var durationBuckets = []float64{.005, .01, .025, .05, .075, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10}

// lockWaitBuckets are the default bucket boundaries, in seconds, of the
// refresh lock wait histogram: near zero when no other instance holds the
// lock, up to a refresh's length when one does.
var lockWaitBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Config configures [New]. Its zero value is the default.
type Config struct {
	// MeterProvider makes the metrics.
	//
	// Optional. Default: the global MeterProvider (otel.GetMeterProvider),
	// which records nothing until the app sets one.
	MeterProvider metric.MeterProvider

	// TracerProvider makes the spans.
	//
	// Optional. Default: the global TracerProvider
	// (otel.GetTracerProvider), which records nothing until the app sets
	// one.
	TracerProvider trace.TracerProvider

	// DurationBuckets are the bucket boundaries, in seconds, advised for
	// rememberizer.sign_in.duration and rememberizer.refresh.duration (a
	// View of the MeterProvider may replace them).
	//
	// Optional. Default: 5 ms to 10 s (.005, .01, .025, .05, .075, .1,
	// .25, .5, .75, 1, 2.5, 5, 7.5, 10), OpenTelemetry's advice for HTTP
	// durations.
	DurationBuckets []float64

	// LockWaitBuckets are the bucket boundaries, in seconds, advised for
	// rememberizer.refresh.lock.wait_time.
	//
	// Optional. Default: 1 ms to 10 s (.001, .0025, .005, .01, .025, .05,
	// .1, .25, .5, 1, 2.5, 5, 10): near zero when no other instance holds
	// the lock, up to a refresh's length when one does.
	LockWaitBuckets []float64
}

// Telemetry turns a [core.Client]'s events into OpenTelemetry metrics
// and its operations into spans. Make one with [New], and set
// [Telemetry.Observe] as [core.Config.OnEvent] and [Telemetry.Trace] as
// [core.Config.Trace]. It is safe for concurrent use.
//
// [core.Client]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Client
// [core.Config.OnEvent]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Config
// [core.Config.Trace]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Config
type Telemetry struct {
	tracer trace.Tracer

	signInStarts    metric.Int64Counter
	signIns         metric.Int64Counter
	signInDuration  metric.Float64Histogram
	refreshes       metric.Int64Counter
	refreshDuration metric.Float64Histogram
	lockWait        metric.Float64Histogram
	sessionEnds     metric.Int64Counter
	grantChanges    metric.Int64Counter
	storeFailures   metric.Int64Counter

	// The attribute sets of every value an event can take, made once.
	signInOK     attrs
	signInFailed map[event.Reason]attrs
	refresh      map[refreshAttrs]attrs
	ends         map[event.Reason]attrs
	grants       map[event.Kind]attrs
	store        map[storeAttrs]attrs
}

// attrs is one attribute set, as the options of a counter's Add and a
// histogram's Record.
type attrs struct {
	add []metric.AddOption
	rec []metric.RecordOption
}

func newAttrs(kv ...attribute.KeyValue) attrs {
	o := metric.WithAttributeSet(attribute.NewSet(kv...))
	return attrs{add: []metric.AddOption{o}, rec: []metric.RecordOption{o}}
}

// refreshAttrs and storeAttrs are the event fields a refresh's and a
// store failure's attribute set is made of.
type (
	refreshAttrs struct {
		trigger event.Trigger
		result  event.Result
	}
	storeAttrs struct {
		role event.Role
		op   event.Op
	}
)

// New makes the metrics and the tracer, from the providers cfg names or
// the global ones. It fails if the MeterProvider refuses an instrument
// (bucket boundaries that are not increasing, for one).
func New(cfg ...Config) (*Telemetry, error) {
	var c Config
	if len(cfg) > 0 {
		c = cfg[0]
	}
	if c.MeterProvider == nil {
		c.MeterProvider = otelglobal.GetMeterProvider()
	}
	if c.TracerProvider == nil {
		c.TracerProvider = otelglobal.GetTracerProvider()
	}
	if c.DurationBuckets == nil {
		c.DurationBuckets = durationBuckets
	}
	if c.LockWaitBuckets == nil {
		c.LockWaitBuckets = lockWaitBuckets
	}
	m := c.MeterProvider.Meter(scope)
	var errs []error
	counter := func(name, unit, desc string) metric.Int64Counter {
		i, err := m.Int64Counter(name, metric.WithUnit(unit), metric.WithDescription(desc))
		errs = append(errs, err)
		return i
	}
	histogram := func(name, desc string, buckets []float64) metric.Float64Histogram {
		i, err := m.Float64Histogram(name, metric.WithUnit("s"), metric.WithDescription(desc),
			metric.WithExplicitBucketBoundaries(slices.Clone(buckets)...))
		errs = append(errs, err)
		return i
	}
	t := &Telemetry{
		tracer: c.TracerProvider.Tracer(scope),
		signInStarts: counter("rememberizer.sign_in.starts", "{sign_in}",
			"Sign-ins started: browsers the login route sent to Rememberizer."),
		signIns: counter("rememberizer.sign_ins", "{sign_in}",
			"Sign-ins finished (callbacks), by result and, on failure, error type."),
		signInDuration: histogram("rememberizer.sign_in.duration",
			"How long the sign-in callback took.", c.DurationBuckets),
		refreshes: counter("rememberizer.refreshes", "{refresh}",
			"Token refreshes, by what started them and how they ended."),
		refreshDuration: histogram("rememberizer.refresh.duration",
			"How long a refresh's token request took.", c.DurationBuckets),
		lockWait: histogram("rememberizer.refresh.lock.wait_time",
			"How long a refresh waited for the cross-instance refresh lock.", c.LockWaitBuckets),
		sessionEnds: counter("rememberizer.session.ends", "{session}",
			"Sessions ended, by reason (one for every session of a user when all of them end)."),
		grantChanges: counter("rememberizer.grant.changes", "{grant}",
			"Grants stored, revoked (Rememberizer refused a refresh) or deleted, in the grant store."),
		storeFailures: counter("rememberizer.store.failures", "{call}",
			"Failed store calls, by store and operation."),

		signInOK:     newAttrs(signInResultKey.String(signInSuccess)),
		signInFailed: map[event.Reason]attrs{},
		refresh:      map[refreshAttrs]attrs{},
		ends:         map[event.Reason]attrs{},
		grants:       map[event.Kind]attrs{},
		store:        map[storeAttrs]attrs{},
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("rememberizer otel: making the instruments: %w", err)
	}
	for _, r := range signInReasons {
		t.signInFailed[r] = newAttrs(signInResultKey.String(signInFailure), errorTypeKey.String(r.String()))
	}
	for _, tr := range triggers {
		for _, r := range results {
			t.refresh[refreshAttrs{tr, r}] = newAttrs(triggerKey.String(tr.String()), refreshKey.String(r.String()))
		}
	}
	for _, r := range endReasons {
		t.ends[r] = newAttrs(endReasonKey.String(r.String()))
	}
	for k, v := range grantChanges {
		t.grants[k] = newAttrs(grantChangeKey.String(v))
	}
	for _, r := range roles {
		for _, o := range ops {
			t.store[storeAttrs{r, o}] = newAttrs(storeRoleKey.String(r.String()), storeOpKey.String(o.String()))
		}
	}
	return t, nil
}
