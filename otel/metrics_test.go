package otel_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"

	"github.com/rzauth/rememberizer-go/core/event"
	rzotel "github.com/rzauth/rememberizer-go/otel"
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

// units are the metrics' units.
var units = map[string]string{
	"rememberizer.sign_in.starts":         "{sign_in}",
	"rememberizer.sign_ins":               "{sign_in}",
	"rememberizer.sign_in.duration":       "s",
	"rememberizer.refreshes":              "{refresh}",
	"rememberizer.refresh.duration":       "s",
	"rememberizer.refresh.lock.wait_time": "s",
	"rememberizer.session.ends":           "{session}",
	"rememberizer.grant.changes":          "{grant}",
	"rememberizer.store.failures":         "{call}",
}

// allowed are the attribute values each metric may have, by key.
func allowed() map[string]map[string][]string {
	signIn := map[string][]string{
		"rememberizer.sign_in.result": {"success", "failure"},
		"error.type":                  strs(signInReasons),
	}
	refresh := map[string][]string{
		"rememberizer.refresh.trigger": strs(triggers),
		"rememberizer.refresh.result":  strs(results),
	}
	return map[string]map[string][]string{
		"rememberizer.sign_in.starts":         {},
		"rememberizer.sign_ins":               signIn,
		"rememberizer.sign_in.duration":       signIn,
		"rememberizer.refreshes":              refresh,
		"rememberizer.refresh.duration":       refresh,
		"rememberizer.refresh.lock.wait_time": {},
		"rememberizer.session.ends":           {"rememberizer.session.end_reason": strs(endReasons)},
		"rememberizer.grant.changes":          {"rememberizer.grant.change": {"stored", "revoked", "deleted"}},
		"rememberizer.store.failures":         {"rememberizer.store.role": strs(roles), "rememberizer.store.operation": strs(ops)},
	}
}

// observeCase is an event and the data points it makes.
type observeCase struct {
	name string
	e    event.Event
	want []string // the points, as collect prints them
}

// observeCases returns an event of every kind, with every value each of
// its enum fields can take.
func observeCases() []observeCase {
	const user = "user-42"
	d := 1500 * time.Millisecond
	cases := []observeCase{
		{"sign-in started", event.Event{Kind: event.SignInStarted}, []string{"rememberizer.sign_in.starts{} 1"}},
		{"sign-in ok", event.Event{Kind: event.SignInSucceeded, UserID: user, Duration: d}, []string{
			"rememberizer.sign_in.duration{rememberizer.sign_in.result=success} 1",
			"rememberizer.sign_ins{rememberizer.sign_in.result=success} 1",
		}},
		{"lock waited", event.Event{Kind: event.LockWaited, UserID: user, Duration: d}, []string{"rememberizer.refresh.lock.wait_time{} 1"}},
		{"grant stored", event.Event{Kind: event.GrantStored, UserID: user}, []string{"rememberizer.grant.changes{rememberizer.grant.change=stored} 1"}},
		{"grant revoked", event.Event{Kind: event.GrantRevoked, UserID: user}, []string{"rememberizer.grant.changes{rememberizer.grant.change=revoked} 1"}},
		{"grant deleted", event.Event{Kind: event.GrantDeleted, UserID: user}, []string{"rememberizer.grant.changes{rememberizer.grant.change=deleted} 1"}},
	}
	for _, r := range signInReasons {
		attrs := "{error.type=" + r.String() + ",rememberizer.sign_in.result=failure} 1"
		cases = append(cases, observeCase{"sign-in " + r.String(), event.Event{Kind: event.SignInFailed, Reason: r, Duration: d},
			[]string{"rememberizer.sign_in.duration" + attrs, "rememberizer.sign_ins" + attrs}})
	}
	for _, tr := range triggers {
		for _, r := range results {
			attrs := "{rememberizer.refresh.result=" + r.String() + ",rememberizer.refresh.trigger=" + tr.String() + "} 1"
			cases = append(cases, observeCase{"refresh " + tr.String() + " " + r.String(),
				event.Event{Kind: event.Refreshed, Trigger: tr, Result: r, Duration: d, UserID: user},
				[]string{"rememberizer.refresh.duration" + attrs, "rememberizer.refreshes" + attrs}})
		}
	}
	for _, r := range endReasons {
		cases = append(cases, observeCase{"session ended " + r.String(), event.Event{Kind: event.SessionEnded, Reason: r, UserID: user},
			[]string{"rememberizer.session.ends{rememberizer.session.end_reason=" + r.String() + "} 1"}})
	}
	for _, s := range roles {
		for _, o := range ops {
			cases = append(cases, observeCase{"store failed " + s.String() + " " + o.String(), event.Event{Kind: event.StoreFailed, Store: s, Op: o},
				[]string{"rememberizer.store.failures{rememberizer.store.operation=" + o.String() + ",rememberizer.store.role=" + s.String() + "} 1"}})
		}
	}
	return cases
}

func TestObserve(t *testing.T) {
	t.Parallel()
	kindsSeen := map[event.Kind]bool{}
	for _, tt := range observeCases() {
		kindsSeen[tt.e.Kind] = true
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newSDK(t)
			s.tel.Observe(context.Background(), tt.e)
			got, points := collect(t, s.reader)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got points %q, want %q", got, tt.want)
			}
			for _, p := range points {
				if p.unit != units[p.name] {
					t.Errorf("%s: unit %q, want %q", p.name, p.unit, units[p.name])
				}
				if wantKind := map[bool]string{true: "histogram", false: "counter"}[units[p.name] == "s"]; p.kind != wantKind {
					t.Errorf("%s: a %s, want a %s", p.name, p.kind, wantKind)
				}
				if p.kind == "histogram" && p.sum != tt.e.Duration.Seconds() {
					t.Errorf("%s: sum %v, want %v", p.name, p.sum, tt.e.Duration.Seconds())
				}
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
// is not its kind's) is recorded nowhere.
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
			s := newSDK(t)
			s.tel.Observe(context.Background(), tt.e)
			if got, _ := collect(t, s.reader); len(got) != 0 {
				t.Errorf("got points %q, want none", got)
			}
		})
	}
}

// TestAttributeValuesAreBounded feeds every event, and events with
// made-up values and a user id, then checks every attribute of every data
// point against the set its metric allows.
func TestAttributeValuesAreBounded(t *testing.T) {
	t.Parallel()
	s := newSDK(t)
	ctx := context.Background()
	for _, tt := range observeCases() {
		s.tel.Observe(ctx, tt.e)
	}
	for _, e := range []event.Event{
		{Kind: event.SignInFailed, Reason: "user-42", UserID: "user-42"},
		{Kind: event.SessionEnded, Reason: "user-42", UserID: "user-42"},
		{Kind: event.Refreshed, Trigger: "user-42", Result: "user-42", UserID: "user-42"},
		{Kind: event.StoreFailed, Store: "user-42", Op: "user-42"},
	} {
		s.tel.Observe(ctx, e)
	}
	_, points := collect(t, s.reader)
	checkBounded(t, points)
	names := map[string]bool{}
	for _, p := range points {
		names[p.name] = true
	}
	if len(names) != len(units) {
		t.Errorf("got metrics %v, want the %d of the table", names, len(units))
	}
}

// checkBounded fails t if a point's metric is not one of the table's, or
// has an attribute its metric does not allow.
func checkBounded(t *testing.T, points []point) {
	t.Helper()
	allow := allowed()
	for _, p := range points {
		keys, ok := allow[p.name]
		if !ok {
			t.Errorf("unexpected metric %s", p.name)
			continue
		}
		for _, a := range p.attrs.ToSlice() {
			if !slices.Contains(keys[string(a.Key)], a.Value.String()) {
				t.Errorf("%s: attribute %s=%q, want one of %q", p.name, a.Key, a.Value.String(), keys[string(a.Key)])
			}
		}
		// error.type only on failures, and always on them.
		result, _ := p.attrs.Value("rememberizer.sign_in.result")
		_, hasType := p.attrs.Value("error.type")
		if p.name == "rememberizer.sign_ins" && (result.AsString() == "failure") != hasType {
			t.Errorf("%s: result %s with error.type %v", p, result.AsString(), hasType)
		}
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	s := newSDK(t, rzotel.Config{LockWaitBuckets: []float64{0.5}, DurationBuckets: []float64{1, 2}})
	s.tel.Observe(context.Background(), event.Event{Kind: event.LockWaited, Duration: 100 * time.Millisecond})
	s.tel.Observe(context.Background(), event.Event{Kind: event.SignInSucceeded, Duration: time.Second})
	_, points := collect(t, s.reader)
	want := map[string][]float64{
		"rememberizer.refresh.lock.wait_time": {0.5},
		"rememberizer.sign_in.duration":       {1, 2},
	}
	for _, p := range points {
		if b, ok := want[p.name]; ok && !slices.Equal(p.bounds, b) {
			t.Errorf("%s: bounds %v, want %v", p.name, p.bounds, b)
		}
	}
	// The defaults.
	s = newSDK(t)
	s.tel.Observe(context.Background(), event.Event{Kind: event.SignInSucceeded, Duration: time.Second})
	_, points = collect(t, s.reader)
	for _, p := range points {
		if p.name == "rememberizer.sign_in.duration" && (len(p.bounds) != 14 || p.bounds[0] != .005 || p.bounds[13] != 10) {
			t.Errorf("%s: default bounds %v, want .005 to 10 s", p.name, p.bounds)
		}
	}
}

// Observe and Trace on a nil or zero Telemetry do nothing.
func TestNilAndZeroTelemetry(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tel := range []*rzotel.Telemetry{nil, {}} {
		for _, tt := range observeCases() {
			tel.Observe(ctx, tt.e)
		}
		got, end := tel.Trace(ctx, event.SignIn)
		if got != ctx {
			t.Errorf("%#v: Trace changed the context", tel)
		}
		end("denied")
	}
}

// TestEnumsAreComplete reads package event's source and checks that the
// lists above hold every constant of each enum, so that a value added to
// it gets a case here (or the test fails).
func TestEnumsAreComplete(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "../core/event/event.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][][]string{}
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
				if i < len(vs.Values) {
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						vals = append(vals, v)
						continue
					}
				}
				vals = append(vals, n.Name)
			}
		}
		got[typ] = append(got[typ], vals)
	}
	want := map[string][][]string{
		"Reason":  {strs(signInReasons), strs(endReasons)},
		"Trigger": {strs(triggers)},
		"Result":  {strs(results)},
		"Role":    {strs(roles)},
		"Op":      {strs(ops)},
	}
	if k := got["Kind"]; len(k) != 1 || len(k[0]) != len(kinds) {
		t.Errorf("event.Kind: got constants %v, want %d", k, len(kinds))
	}
	for typ, w := range want {
		if g := got[typ]; strings.Join(flat(g), ",") != strings.Join(flat(w), ",") || len(g) != len(w) {
			t.Errorf("event.%s: got %q, want %q", typ, g, w)
		}
	}
}

func flat(vs [][]string) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v...)
	}
	return out
}

// New fails when the MeterProvider refuses an instrument.
func TestNewRefusedInstrument(t *testing.T) {
	t.Parallel()
	_, err := rzotel.New(rzotel.Config{MeterProvider: sdkmetric.NewMeterProvider(), DurationBuckets: []float64{2, 1}})
	if err == nil || !strings.Contains(err.Error(), "rememberizer otel") {
		t.Errorf("New with decreasing buckets: got %v, want an error", err)
	}
}
