package prometheus_test

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/rzauth/rememberizer-go/core/event"
	rzprom "github.com/rzauth/rememberizer-go/prometheus"
)

// Every value of package event's enums, as TestEnumsAreComplete checks
// against its source.
var (
	kinds = []event.Kind{
		event.SignInStarted, event.SignInSucceeded, event.SignInFailed, event.Refreshed,
		event.LockWaited, event.SessionEnded, event.GrantStored, event.GrantRevoked,
		event.GrantDeleted, event.StoreFailed,
	}
	signInReasons = []event.Reason{
		event.Denied, event.StateMismatch, event.NoPendingLogin, event.Expired,
		event.IssuerMismatch, event.ProviderError, event.TokenEndpoint,
		event.AccountEndpoint, event.StoreError, event.BadRequest, event.Other,
	}
	endReasons = []event.Reason{
		event.SignOut, event.Idle, event.Absolute, event.Revoked, event.EndedEverywhere,
	}
	triggers = []event.Trigger{event.NearExpiry, event.API401, event.Background}
	results  = []event.Result{event.OK, event.Refused, event.Unavailable, event.NotKept}
	roles    = []event.Role{event.Session, event.Grant, event.Mark}
	ops      = []event.Op{event.Find, event.Commit, event.Delete, event.Claim, event.Lock, event.List}
)

// strs returns the String of each of vs.
func strs[T interface{ String() string }](vs []T) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.String())
	}
	return out
}

// observeCase is an event and the series it counts.
type observeCase struct {
	name   string
	e      event.Event
	metric string   // the counter (or histogram, for LockWaited)
	labels []string // its labels, name and value pairs
	hist   string   // the histogram that observes e.Duration too, if any
}

// observeCases returns an event of every kind, with every value each of
// its enum fields can take.
func observeCases() []observeCase {
	const user = "user-42"
	d := 1500 * time.Millisecond
	cases := []observeCase{
		{name: "sign-in started", e: event.Event{Kind: event.SignInStarted}, metric: "rememberizer_sign_in_starts_total"},
		{name: "sign-in ok", e: event.Event{Kind: event.SignInSucceeded, UserID: user, Duration: d},
			metric: "rememberizer_sign_ins_total", labels: []string{"result", "ok"}, hist: "rememberizer_sign_in_duration_seconds"},
		{name: "lock waited", e: event.Event{Kind: event.LockWaited, UserID: user, Duration: d}, metric: "rememberizer_refresh_lock_wait_seconds"},
		{name: "grant stored", e: event.Event{Kind: event.GrantStored, UserID: user},
			metric: "rememberizer_grants_total", labels: []string{"event", "stored"}},
		{name: "grant revoked", e: event.Event{Kind: event.GrantRevoked, UserID: user},
			metric: "rememberizer_grants_total", labels: []string{"event", "revoked"}},
		{name: "grant deleted", e: event.Event{Kind: event.GrantDeleted, UserID: user},
			metric: "rememberizer_grants_total", labels: []string{"event", "deleted"}},
	}
	for _, r := range signInReasons {
		cases = append(cases, observeCase{name: "sign-in " + r.String(), e: event.Event{Kind: event.SignInFailed, Reason: r, Duration: d},
			metric: "rememberizer_sign_ins_total", labels: []string{"result", r.String()}, hist: "rememberizer_sign_in_duration_seconds"})
	}
	for _, tr := range triggers {
		for _, r := range results {
			cases = append(cases, observeCase{name: "refresh " + tr.String() + " " + r.String(),
				e:      event.Event{Kind: event.Refreshed, Trigger: tr, Result: r, Duration: d, UserID: user},
				metric: "rememberizer_token_refreshes_total", labels: []string{"trigger", tr.String(), "result", r.String()},
				hist: "rememberizer_token_refresh_duration_seconds"})
		}
	}
	for _, r := range endReasons {
		cases = append(cases, observeCase{name: "session ended " + r.String(), e: event.Event{Kind: event.SessionEnded, Reason: r, UserID: user},
			metric: "rememberizer_sessions_ended_total", labels: []string{"reason", r.String()}})
	}
	for _, s := range roles {
		for _, o := range ops {
			cases = append(cases, observeCase{name: "store failed " + s.String() + " " + o.String(), e: event.Event{Kind: event.StoreFailed, Store: s, Op: o},
				metric: "rememberizer_store_failures_total", labels: []string{"store", s.String(), "op", o.String()}})
		}
	}
	return cases
}

// total returns the sum of every counter and every histogram's number of
// observations that reg holds.
func total(t testing.TB, reg prometheus.Gatherer) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatalf("Gather: %v", err)
	}
	var n float64
	for _, f := range families {
		for _, m := range f.GetMetric() {
			n += m.GetCounter().GetValue() + float64(m.GetHistogram().GetSampleCount())
		}
	}
	return n
}

func newMetrics(t testing.TB, cfg ...rzprom.Config) (*rzprom.Metrics, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	m, err := rzprom.New(reg, cfg...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return m, reg
}

func TestObserve(t *testing.T) {
	t.Parallel()
	kindsSeen := map[event.Kind]bool{}
	for _, tt := range observeCases() {
		kindsSeen[tt.e.Kind] = true
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, reg := newMetrics(t)
			m.Observe(context.Background(), tt.e)
			if got := value(t, reg, tt.metric, tt.labels...); got != 1 {
				t.Errorf("%s%v: got %v, want 1", tt.metric, tt.labels, got)
			}
			want := 1.0
			if tt.hist != "" {
				want = 2
				s := series(t, reg, tt.hist, tt.labels...)
				if got := s.GetHistogram().GetSampleCount(); got != 1 {
					t.Errorf("%s%v: got %d observations, want 1", tt.hist, tt.labels, got)
				}
				if got := s.GetHistogram().GetSampleSum(); got != tt.e.Duration.Seconds() {
					t.Errorf("%s%v: got a sum of %v, want %v", tt.hist, tt.labels, got, tt.e.Duration.Seconds())
				}
			}
			if got := total(t, reg); got != want {
				t.Errorf("got %v counts and observations in all, want %v", got, want)
			}
		})
	}
	for _, k := range kinds {
		if !kindsSeen[k] {
			t.Errorf("no case for kind %s", k)
		}
	}
}

// An event that is not one of core's (an unknown kind, an enum value that
// is not its kind's) counts nowhere.
func TestObserveIgnoresUnknownValues(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		e    event.Event
	}{
		{"zero event", event.Event{}},
		{"unknown kind", event.Event{Kind: event.Kind(200), Reason: event.Denied}},
		{"sign-in failed for a session end's reason", event.Event{Kind: event.SignInFailed, Reason: event.Idle}},
		{"sign-in failed without a reason", event.Event{Kind: event.SignInFailed}},
		{"sign-in failed for a made-up reason", event.Event{Kind: event.SignInFailed, Reason: "user-42"}},
		{"refresh with a made-up trigger", event.Event{Kind: event.Refreshed, Trigger: "cron", Result: event.OK}},
		{"refresh with a made-up result", event.Event{Kind: event.Refreshed, Trigger: event.API401, Result: "maybe"}},
		{"refresh without a result", event.Event{Kind: event.Refreshed, Trigger: event.API401}},
		{"session ended for a sign-in failure's reason", event.Event{Kind: event.SessionEnded, Reason: event.Denied}},
		{"store failed in a made-up store", event.Event{Kind: event.StoreFailed, Store: "disk", Op: event.Find}},
		{"store failed in a made-up op", event.Event{Kind: event.StoreFailed, Store: event.Grant, Op: "scan"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, reg := newMetrics(t)
			m.Observe(context.Background(), tt.e)
			if got := total(t, reg); got != 0 {
				t.Errorf("got %v counts and observations, want 0", got)
			}
		})
	}
}

// TestLabelValuesAreBounded feeds every event, and events with made-up
// values and a user id, then checks every label value of every series
// against the set its metric allows.
func TestLabelValuesAreBounded(t *testing.T) {
	t.Parallel()
	m, reg := newMetrics(t)
	ctx := context.Background()
	for _, tt := range observeCases() {
		m.Observe(ctx, tt.e)
	}
	for _, e := range []event.Event{
		{Kind: event.SignInFailed, Reason: "user-42", UserID: "user-42"},
		{Kind: event.SessionEnded, Reason: "user-42", UserID: "user-42"},
		{Kind: event.Refreshed, Trigger: "user-42", Result: "user-42", UserID: "user-42"},
		{Kind: event.StoreFailed, Store: "user-42", Op: "user-42"},
	} {
		m.Observe(ctx, e)
	}
	signIn := append([]string{"ok"}, strs(signInReasons)...)
	allowed := map[string]map[string][]string{
		"rememberizer_sign_in_starts_total":           {},
		"rememberizer_sign_ins_total":                 {"result": signIn},
		"rememberizer_sign_in_duration_seconds":       {"result": signIn},
		"rememberizer_token_refreshes_total":          {"trigger": strs(triggers), "result": strs(results)},
		"rememberizer_token_refresh_duration_seconds": {"trigger": strs(triggers), "result": strs(results)},
		"rememberizer_refresh_lock_wait_seconds":      {},
		"rememberizer_sessions_ended_total":           {"reason": strs(endReasons)},
		"rememberizer_grants_total":                   {"event": {"stored", "revoked", "deleted"}},
		"rememberizer_store_failures_total":           {"store": strs(roles), "op": strs(ops)},
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	if len(families) != len(allowed) {
		t.Errorf("got %d metrics, want %d", len(families), len(allowed))
	}
	for _, f := range families {
		labels, ok := allowed[f.GetName()]
		if !ok {
			t.Errorf("unexpected metric %s", f.GetName())
			continue
		}
		for _, s := range f.GetMetric() {
			if len(s.GetLabel()) != len(labels) {
				t.Errorf("%s: got labels %v, want %d", f.GetName(), s.GetLabel(), len(labels))
			}
			for _, l := range s.GetLabel() {
				if !slices.Contains(labels[l.GetName()], l.GetValue()) {
					t.Errorf("%s: label %s=%q, want one of %q", f.GetName(), l.GetName(), l.GetValue(), labels[l.GetName()])
				}
			}
		}
	}
}

// Every counter's series exists, at zero, before any event.
func TestCountersStartAtZero(t *testing.T) {
	t.Parallel()
	m, _ := newMetrics(t)
	// Sign-in starts, sign-ins (ok and each reason), refreshes, ended
	// sessions, grants, store failures, and the lock wait histogram.
	want := 1 + 1 + len(signInReasons) + len(triggers)*len(results) + len(endReasons) + 3 + len(roles)*len(ops) + 1
	if got := testutil.CollectAndCount(m); got != want {
		t.Errorf("got %d series before any event, want %d", got, want)
	}
	const grants = `
# HELP rememberizer_grants_total Grants stored, revoked (Rememberizer refused a refresh) or deleted, in the grant store.
# TYPE rememberizer_grants_total counter
rememberizer_grants_total{event="deleted"} 0
rememberizer_grants_total{event="revoked"} 0
rememberizer_grants_total{event="stored"} 0
`
	if err := testutil.CollectAndCompare(m, strings.NewReader(grants), "rememberizer_grants_total"); err != nil {
		t.Error(err)
	}
}

func TestNewRegistersOnce(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	if _, err := rzprom.New(reg); err != nil {
		t.Fatalf("first New: %v", err)
	}
	_, err := rzprom.New(reg)
	var are prometheus.AlreadyRegisteredError
	if !errors.As(err, &are) {
		t.Errorf("second New on the registry: got %v, want a prometheus.AlreadyRegisteredError", err)
	}
	// Another namespace is other metrics.
	if _, err := rzprom.New(reg, rzprom.Config{Namespace: "other"}); err != nil {
		t.Errorf("New with another Namespace: %v", err)
	}
	if _, err := rzprom.New(nil); err == nil {
		t.Error("New(nil): got no error")
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	m, _ := newMetrics(t, rzprom.Config{
		Namespace:       "myapp",
		ConstLabels:     prometheus.Labels{"client": "web"},
		LockWaitBuckets: []float64{0.5},
	})
	m.Observe(context.Background(), event.Event{Kind: event.LockWaited, Duration: 100 * time.Millisecond})
	m.Observe(context.Background(), event.Event{Kind: event.SignInStarted})
	const want = `
# HELP myapp_refresh_lock_wait_seconds How long a refresh waited for the cross-instance refresh lock.
# TYPE myapp_refresh_lock_wait_seconds histogram
myapp_refresh_lock_wait_seconds_bucket{client="web",le="0.5"} 1
myapp_refresh_lock_wait_seconds_bucket{client="web",le="+Inf"} 1
myapp_refresh_lock_wait_seconds_sum{client="web"} 0.1
myapp_refresh_lock_wait_seconds_count{client="web"} 1
# HELP myapp_sign_in_starts_total Sign-ins started: browsers the login route sent to Rememberizer.
# TYPE myapp_sign_in_starts_total counter
myapp_sign_in_starts_total{client="web"} 1
`
	if err := testutil.CollectAndCompare(m, strings.NewReader(want), "myapp_refresh_lock_wait_seconds", "myapp_sign_in_starts_total"); err != nil {
		t.Error(err)
	}
}

// Observe on a nil or zero Metrics does nothing, and such a Metrics
// collects nothing.
func TestNilAndZeroMetrics(t *testing.T) {
	t.Parallel()
	for _, m := range []*rzprom.Metrics{nil, {}} {
		for _, tt := range observeCases() {
			m.Observe(context.Background(), tt.e)
		}
		if got := testutil.CollectAndCount(m); got != 0 {
			t.Errorf("%#v: got %d series, want 0", m, got)
		}
	}
}

// TestEnumsAreComplete reads package event's source and checks that the
// lists above hold every constant of each enum, so that a value added to
// it gets a series here (or the test fails).
func TestEnumsAreComplete(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "../core/event/event.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []struct {
		typ  string
		vals []string
	}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		var typ string
		var vals []string
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); ok {
				typ = id.Name
			}
			for i, n := range vs.Names {
				if lit, ok := valueAt(vs, i).(*ast.BasicLit); ok && lit.Kind == token.STRING {
					v, _ := strconv.Unquote(lit.Value)
					vals = append(vals, v)
				} else {
					vals = append(vals, n.Name)
				}
			}
		}
		blocks = append(blocks, struct {
			typ  string
			vals []string
		}{typ, vals})
	}
	want := map[string][][]string{
		"Kind":    {strs(kinds)},
		"Reason":  {strs(signInReasons), strs(endReasons)},
		"Trigger": {strs(triggers)},
		"Result":  {strs(results)},
		"Role":    {strs(roles)},
		"Op":      {strs(ops)},
	}
	got := map[string][][]string{}
	for _, b := range blocks {
		got[b.typ] = append(got[b.typ], b.vals)
	}
	for typ, w := range want {
		g := got[typ]
		if typ == "Kind" {
			// iota: compare the number of constants.
			if len(g) != 1 || len(g[0]) != len(w[0]) {
				t.Errorf("event.Kind: got constants %v, want %d", g, len(w[0]))
			}
			continue
		}
		if len(g) != len(w) {
			t.Errorf("event.%s: got %d const blocks, want %d", typ, len(g), len(w))
			continue
		}
		for i := range w {
			if !slices.Equal(g[i], w[i]) {
				t.Errorf("event.%s: got %q, want %q", typ, g[i], w[i])
			}
		}
	}
}

// valueAt returns the value expression of the i-th name of vs, or nil.
func valueAt(vs *ast.ValueSpec, i int) ast.Expr {
	if i < len(vs.Values) {
		return vs.Values[i]
	}
	return nil
}
