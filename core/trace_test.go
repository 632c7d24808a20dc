package core

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core/event"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// spanKey holds the id of the span a context is in, as a tracer would.
type spanKey struct{}

// spanRecord is one span a traceLog followed.
type spanRecord struct {
	name   string // the span's String
	parent string // the name of the span its context was in, or ""
	ended  int    // how many times it ended
	errTyp string // the error type it ended with
}

// traceLog is a Config.Trace that records each span, and a transport
// that records which span each outgoing request's context is in.
type traceLog struct {
	mu       sync.Mutex
	spans    []*spanRecord
	requests []string // "path in span"
	next     http.RoundTripper
}

func (l *traceLog) trace(ctx context.Context, s event.Span) (context.Context, func(string)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := &spanRecord{name: s.String()}
	if p, ok := ctx.Value(spanKey{}).(*spanRecord); ok {
		r.parent = p.name
	}
	l.spans = append(l.spans, r)
	return context.WithValue(ctx, spanKey{}, r), func(errorType string) {
		l.mu.Lock()
		defer l.mu.Unlock()
		r.ended++
		r.errTyp = errorType
	}
}

func (l *traceLog) RoundTrip(req *http.Request) (*http.Response, error) {
	in := ""
	if r, ok := req.Context().Value(spanKey{}).(*spanRecord); ok {
		in = r.name
	}
	l.mu.Lock()
	l.requests = append(l.requests, req.URL.Path+" in "+in)
	l.mu.Unlock()
	return l.next.RoundTrip(req)
}

// take returns what was recorded since the last take, as lines: each
// span "name<parent=errTyp", and each request.
func (l *traceLog) take() (spans, requests []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.spans {
		s := fmt.Sprintf("%s<%s=%s", r.name, r.parent, r.errTyp)
		if r.ended != 1 {
			s += fmt.Sprintf(" (ended %d times)", r.ended)
		}
		spans = append(spans, s)
	}
	requests = l.requests
	l.spans, l.requests = nil, nil
	return spans, requests
}

func traceEnv(t *testing.T, change func(*Config)) (*testEnv, *traceLog) {
	t.Helper()
	l := &traceLog{next: http.DefaultTransport}
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
		c.Trace = l.trace
		c.HTTPClient = &http.Client{Transport: l}
		if change != nil {
			change(c)
		}
	})
	return e, l
}

// Config.Trace follows each callback, its token exchange and account
// fetch, and each refresh, once, ending each with the bounded error type
// of its failure; the outgoing requests carry the context of the span
// they belong to.
func TestTrace(t *testing.T) {
	t.Parallel()
	const (
		token   = "/api/v1/auth/oauth2/token/"
		account = "/api/v1/account/"
	)
	tests := []struct {
		name   string
		grants bool
		// setup runs before what is recorded; act makes it.
		setup        func(t *testing.T, e *testEnv) *fakeRequest
		act          func(t *testing.T, e *testEnv, req *fakeRequest)
		wantSpans    []string
		wantRequests []string
	}{
		{
			name:         "sign-in",
			setup:        func(t *testing.T, e *testEnv) *fakeRequest { return e.authorize(t) },
			act:          func(t *testing.T, e *testEnv, cb *fakeRequest) { mustCallback(t, e, cb) },
			wantSpans:    []string{"sign_in<=", "token_exchange<sign_in=", "account_fetch<sign_in="},
			wantRequests: []string{token + " in token_exchange", account + " in account_fetch"},
		},
		{
			name:  "user denies",
			setup: func(t *testing.T, e *testEnv) *fakeRequest { return e.authorize(t) },
			act: func(t *testing.T, e *testEnv, cb *fakeRequest) {
				_, _ = e.c.callback(callbackWith(t, cb, "", "&error=access_denied"))
			},
			wantSpans: []string{"sign_in<=denied"},
		},
		{
			name:  "forged state",
			setup: func(t *testing.T, e *testEnv) *fakeRequest { return e.authorize(t) },
			act: func(t *testing.T, e *testEnv, cb *fakeRequest) {
				_, _ = e.c.callback(callbackWith(t, cb, "forged", "&code=x"))
			},
			wantSpans: []string{"sign_in<=state_mismatch"},
		},
		{
			name: "token endpoint fails",
			setup: func(t *testing.T, e *testEnv) *fakeRequest {
				cb := e.authorize(t)
				e.fake.FailNextToken(rememberizer400Echo())
				return cb
			},
			act:          func(t *testing.T, e *testEnv, cb *fakeRequest) { _, _ = e.c.callback(cb) },
			wantSpans:    []string{"sign_in<=token_endpoint", "token_exchange<sign_in=token_endpoint"},
			wantRequests: []string{token + " in token_exchange"},
		},
		{
			name: "account endpoint fails",
			setup: func(t *testing.T, e *testEnv) *fakeRequest {
				cb := e.authorize(t)
				e.fake.FailNextAccount(rememberizertest.Fault{Status: 502})
				return cb
			},
			act:          func(t *testing.T, e *testEnv, cb *fakeRequest) { _, _ = e.c.callback(cb) },
			wantSpans:    []string{"sign_in<=account_endpoint", "token_exchange<sign_in=", "account_fetch<sign_in=account_endpoint"},
			wantRequests: []string{token + " in token_exchange", account + " in account_fetch"},
		},
		{
			name: "refresh near expiry",
			setup: func(t *testing.T, e *testEnv) *fakeRequest {
				req := e.signIn(t)
				e.advance(2 * time.Hour)
				return req
			},
			act:          mustAuthenticate,
			wantSpans:    []string{"refresh<="},
			wantRequests: []string{token + " in refresh"},
		},
		{
			name:   "refresh of a grant",
			grants: true,
			setup: func(t *testing.T, e *testEnv) *fakeRequest {
				req := e.signIn(t)
				e.advance(2 * time.Hour)
				return req
			},
			act:          mustAuthenticate,
			wantSpans:    []string{"refresh<="},
			wantRequests: []string{token + " in refresh"},
		},
		{
			name: "refresh refused",
			setup: func(t *testing.T, e *testEnv) *fakeRequest {
				req := e.signIn(t)
				e.fake.Disconnect("42")
				e.advance(2 * time.Hour)
				return req
			},
			act:          func(t *testing.T, e *testEnv, req *fakeRequest) { _, _ = e.c.authenticate(req) },
			wantSpans:    []string{"refresh<=refused"},
			wantRequests: []string{token + " in refresh"},
		},
		{
			name: "refresh unavailable",
			setup: func(t *testing.T, e *testEnv) *fakeRequest {
				req := e.signIn(t)
				e.fake.FailNextToken(rememberizertest.Fault{Status: 503})
				e.advance(2 * time.Hour)
				return req
			},
			act:          func(t *testing.T, e *testEnv, req *fakeRequest) { _, _ = e.c.authenticate(req) },
			wantSpans:    []string{"refresh<=unavailable"},
			wantRequests: []string{token + " in refresh"},
		},
		{
			name:  "a protected request that needs no refresh",
			setup: func(t *testing.T, e *testEnv) *fakeRequest { return e.signIn(t) },
			act:   mustAuthenticate,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, l := traceEnv(t, func(c *Config) {
				if tt.grants {
					c.GrantStore = NewMemoryStore(MemoryStoreConfig{Now: c.Now})
				}
			})
			req := tt.setup(t, e)
			l.take()
			tt.act(t, e, req)
			spans, requests := l.take()
			if !slices.Equal(spans, tt.wantSpans) {
				t.Errorf("spans (name<parent=error type): got %q, want %q", spans, tt.wantSpans)
			}
			if !slices.Equal(requests, tt.wantRequests) {
				t.Errorf("requests: got %q, want %q", requests, tt.wantRequests)
			}
		})
	}
}

func mustCallback(t *testing.T, e *testEnv, cb *fakeRequest) {
	t.Helper()
	if _, err := e.c.callback(cb); err != nil {
		t.Fatal(err)
	}
}

func mustAuthenticate(t *testing.T, e *testEnv, req *fakeRequest) {
	t.Helper()
	if _, err := e.c.authenticate(req); err != nil {
		t.Fatal(err)
	}
}

// A refresh a job's API client runs is traced in the job's context (its
// values and its span), even though it outlives the job's cancellation.
func TestTraceGetsTheJobsContext(t *testing.T) {
	t.Parallel()
	var jobs []any
	e, l := traceEnv(t, func(c *Config) {
		c.GrantStore = NewMemoryStore(MemoryStoreConfig{Now: c.Now})
		next := c.Trace
		c.Trace = func(ctx context.Context, s event.Span) (context.Context, func(string)) {
			if s == event.Refresh {
				jobs = append(jobs, ctx.Value(jobKey{}))
			}
			return next(ctx, s)
		}
	})
	e.signIn(t)
	e.advance(2 * time.Hour)
	l.take()
	job := &spanRecord{name: "nightly"}
	ctx := context.WithValue(context.WithValue(context.Background(), jobKey{}, "nightly"), spanKey{}, job)
	rc, err := (&Client{c: hide(e.c)}).APIFor(ctx, "42")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Account(ctx); err != nil {
		t.Fatal(err)
	}
	spans, requests := l.take()
	if want := []string{"refresh<nightly="}; !slices.Equal(spans, want) {
		t.Errorf("spans: got %q, want %q", spans, want)
	}
	if want := []string{"/api/v1/auth/oauth2/token/ in refresh", "/api/v1/account/ in nightly"}; !slices.Equal(requests, want) {
		t.Errorf("requests: got %q, want %q", requests, want)
	}
	if len(jobs) != 1 || jobs[0] != "nightly" {
		t.Errorf("job values seen by Trace: got %v, want [nightly]", jobs)
	}
}

// A panic in Config.Trace, or in the function it returns, is recovered
// and logged once; the sign-in and the refresh go on.
func TestTracePanics(t *testing.T) {
	t.Parallel()
	for _, where := range []string{"start", "end"} {
		t.Run(where, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
				c.Trace = func(ctx context.Context, s event.Span) (context.Context, func(string)) {
					if where == "start" {
						panic("tracer bug")
					}
					return ctx, func(string) { panic("tracer bug") }
				}
			})
			req := e.signIn(t)
			e.advance(2 * time.Hour)
			if _, err := e.c.authenticate(req); err != nil {
				t.Fatalf("after a panicking tracer: got %v, want signed in and refreshed", err)
			}
			if got := e.fake.Refreshes(); got != 1 {
				t.Errorf("refreshes: got %d, want 1", got)
			}
			if got := strings.Count(e.logs.String(), "Config.Trace panicked"); got != 1 {
				t.Errorf("panic log lines: got %d, want 1", got)
			}
		})
	}
}

// Without a Trace, tracing an operation allocates nothing; with one, the
// operation's context is the one Trace returned.
func TestTraceAllocs(t *testing.T) {
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	ctx := context.Background()
	if n := testing.AllocsPerRun(100, func() {
		tctx, sp := e.c.trace(ctx, event.Refresh)
		sp.end(refreshErrorType(event.OK, nil))
		if tctx != ctx {
			t.Fatal("the context changed without a Trace")
		}
	}); n != 0 {
		t.Errorf("without a Trace: got %v allocs, want 0", n)
	}
}

func TestRefreshErrorType(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		result event.Result
		err    error
		want   string
	}{
		{"", nil, ""},
		{event.OK, nil, ""},
		{event.Refused, ErrReauthRequired, "refused"},
		{event.Unavailable, errTokenEndpoint, "unavailable"},
		{event.NotKept, ErrStore, "not_kept"},
		{"", fmt.Errorf("%w: x", ErrStore), "store"},
		{"", fmt.Errorf("%w: lock", ErrStoreUnavailable), "store"},
		{"", ErrRequestEnded, "other"},
	} {
		if got := refreshErrorType(tt.result, tt.err); got != tt.want {
			t.Errorf("refreshErrorType(%q, %v): got %q, want %q", tt.result, tt.err, got, tt.want)
		}
	}
}
