package core

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// TestEngineOutcomes: the one place that decides what an adapter does
// with a request. A signed-in request gets a scope; a signed-out one the
// unauthorized hook when the adapter has one, else core's reply; any
// other failure the error hook when there is one, else core's reply.
func TestEngineOutcomes(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	eng := (&Client{c: hide(e.c)}).Adapter()
	eng.Mounted()
	signedIn := e.signIn(t)
	nav := func(uri string) *fakeRequest {
		r := newFakeRequest("GET", uri)
		r.reqHeaders.Set("Accept", "text/html")
		return r
	}
	both := adapter.Hooks{Unauthorized: true, Error: true}
	tests := []struct {
		name      string
		do        func() adapter.Outcome
		wantScope bool
		wantHook  adapter.Hook
		wantErr   error
		wantReply int // status of core's reply, when neither scope nor hook
	}{
		{"signed in", func() adapter.Outcome { return eng.Require(signedIn.followUp("GET", "/private"), both) }, true, adapter.NoHook, nil, 0},
		{"signed out, hook", func() adapter.Outcome { return eng.Require(nav("/private"), both) }, false, adapter.UnauthorizedHook, ErrNotSignedIn, 0},
		{"signed out, no hook", func() adapter.Outcome { return eng.Require(nav("/private"), adapter.Hooks{Error: true}) }, false, adapter.NoHook, ErrNotSignedIn, http.StatusFound},
		{"bad callback, hook", func() adapter.Outcome {
			return eng.ServeAuth(nav("/auth/rememberizer/callback?state=a&code=b"), both)
		}, false, adapter.ErrorHook, ErrSignIn, 0},
		{"bad callback, no hook", func() adapter.Outcome {
			return eng.ServeAuth(nav("/auth/rememberizer/callback?state=a&code=b"), adapter.Hooks{Unauthorized: true})
		}, false, adapter.NoHook, ErrSignIn, http.StatusBadRequest},
		{"login", func() adapter.Outcome { return eng.ServeAuth(nav("/auth/rememberizer/login"), both) }, false, adapter.NoHook, nil, http.StatusFound},
		{"unknown route", func() adapter.Outcome { return eng.ServeAuth(nav("/elsewhere"), adapter.Hooks{}) }, false, adapter.NoHook, errUnknownRoute, http.StatusNotFound},
		{"optional, signed out", func() adapter.Outcome { return eng.Optional(nav("/")) }, true, adapter.NoHook, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.do()
			if got := o.Scope != nil; got != tt.wantScope {
				t.Fatalf("scope: got %v, want %v (outcome %+v)", got, tt.wantScope, o)
			}
			if o.Scope != nil {
				o.Scope.End()
			}
			if o.Hook != tt.wantHook {
				t.Errorf("hook: got %v, want %v", o.Hook, tt.wantHook)
			}
			if (tt.wantErr == nil) != (o.Err == nil) || (tt.wantErr != nil && !errors.Is(o.Err, tt.wantErr)) {
				t.Errorf("err: got %v, want %v", o.Err, tt.wantErr)
			}
			if tt.wantReply != 0 && o.Reply.Status != tt.wantReply {
				t.Errorf("reply: got %d, want %d", o.Reply.Status, tt.wantReply)
			}
			if o.Hook != adapter.NoHook && o.Reply != (adapter.Reply{}) {
				t.Errorf("a hook's outcome carries a reply too: %+v", o.Reply)
			}
		})
	}
	login, callback, logout := eng.Paths()
	if login != "/auth/rememberizer/login" || callback != "/auth/rememberizer/callback" || logout != "/auth/rememberizer/logout" {
		t.Errorf("Paths: got %q %q %q", login, callback, logout)
	}
}

// TestCallbackFailuresWrapErrSignIn: whatever goes wrong in the callback,
// an app's error handler can tell it is a failed sign-in with one check.
func TestCallbackFailuresWrapErrSignIn(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	eng := (&Client{c: hide(e.c)}).Adapter()
	hooks := adapter.Hooks{Error: true}
	fresh := func(t *testing.T, query func(u url.Values)) *fakeRequest {
		cb := e.authorize(t)
		u, _ := url.Parse(cb.URI())
		q := u.Query()
		query(q)
		return cb.followUp("GET", u.Path+"?"+q.Encode())
	}
	tests := []struct {
		name string
		req  func(t *testing.T) *fakeRequest
		also error
	}{
		{"no pending login", func(*testing.T) *fakeRequest {
			return newFakeRequest("GET", "/auth/rememberizer/callback?state=a&code=b")
		}, errNoPendingLogin},
		{"state mismatch", func(t *testing.T) *fakeRequest { return fresh(t, func(q url.Values) { q.Set("state", "other") }) }, ErrStateMismatch},
		{"no code", func(t *testing.T) *fakeRequest { return fresh(t, func(q url.Values) { q.Del("code") }) }, errMissingCode},
		{"user refused", func(t *testing.T) *fakeRequest {
			return fresh(t, func(q url.Values) { q.Del("code"); q.Set("error", "access_denied") })
		}, nil},
		{"token endpoint down", func(t *testing.T) *fakeRequest {
			e.fake.FailNextToken(rememberizertest.Fault{Status: 503})
			return fresh(t, func(url.Values) {})
		}, nil},
		{"posted", func(*testing.T) *fakeRequest {
			return newFakeRequest("POST", "/auth/rememberizer/callback?state=a&code=b")
		}, ErrMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := eng.ServeAuth(tt.req(t), hooks)
			if !errors.Is(o.Err, ErrSignIn) {
				t.Fatalf("got %v, want an error wrapping ErrSignIn", o.Err)
			}
			if tt.also != nil && !errors.Is(o.Err, tt.also) {
				t.Errorf("got %v, want it to wrap %v too", o.Err, tt.also)
			}
		})
	}
	var pe *ProviderError
	o := eng.ServeAuth(fresh(t, func(q url.Values) { q.Del("code"); q.Set("error", "access_denied") }), hooks)
	if !errors.As(o.Err, &pe) || pe.Code != "access_denied" {
		t.Errorf("refusal: got %v, want a *ProviderError access_denied", o.Err)
	}
	if p := ErrorPageFor(o.Err); p.Slug != "access_denied" || p.Status != http.StatusForbidden {
		t.Errorf("ErrorPageFor(refusal): got %+v, want slug access_denied, 403", p)
	}
}

// TestSameOrigin: a handler checks its form's origin through the request
// context the middleware set, and gets false wherever it cannot tell.
func TestSameOrigin(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	pub := &Client{c: hide(e.c)}
	signedIn := e.signIn(t)
	post := func(h map[string]string) (context.Context, *scope) {
		r := signedIn.followUp("POST", "/memorize")
		for k, v := range h {
			r.reqHeaders.Set(k, v)
		}
		sc, err := e.c.protect(r)
		if err != nil {
			t.Fatal(err)
		}
		return sc.Context(context.Background()), sc
	}
	for _, tt := range []struct {
		name   string
		header map[string]string
		want   bool
	}{
		{"same origin", map[string]string{"Origin": "http://127.0.0.1:9", "Sec-Fetch-Site": "same-origin"}, true},
		{"typed by the user", map[string]string{"Sec-Fetch-Site": "none"}, true},
		{"no browser headers", nil, true},
		{"other site", map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, false},
		{"other origin only", map[string]string{"Origin": "https://evil.example"}, false},
		{"same site, other origin", map[string]string{"Sec-Fetch-Site": "same-site"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, sc := post(tt.header)
			if got := pub.SameOrigin(ctx); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			sc.End()
			if pub.SameOrigin(ctx) {
				t.Error("after the request ended: got true, want false")
			}
		})
	}
	if pub.SameOrigin(context.Background()) {
		t.Error("a context without a session: got true, want false")
	}
	other := newTestEnv(t, rememberizertest.Config{}, nil)
	ctx, sc := post(nil)
	defer sc.End()
	if (&Client{c: hide(other.c)}).SameOrigin(ctx) {
		t.Error("another client's request: got true, want false")
	}
}

// TestAPIUsesTheConfiguredBaseURL: the typed client from API and APIFor
// calls the configured Rememberizer (here the fake on loopback), not
// api.rememberizer.ai, and carries the user's token.
func TestAPIUsesTheConfiguredBaseURL(t *testing.T) {
	t.Parallel()
	grants := NewMemoryStore()
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.GrantStore = grants })
	pub := &Client{c: hide(e.c)}
	r := e.signIn(t).followUp("GET", "/private")
	sc, err := e.c.protect(r)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.End()
	ctx := sc.Context(context.Background())
	rc, err := pub.API(ctx)
	if err != nil {
		t.Fatal(err)
	}
	acct, err := rc.Account(ctx)
	if err != nil {
		t.Fatalf("Account through API: %v", err)
	}
	if acct.ID.String() != "42" {
		t.Errorf("Account: got id %q, want 42", acct.ID.String())
	}
	bg, err := pub.APIFor(context.Background(), "42")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bg.Mementos(context.Background()); err != nil {
		t.Errorf("Mementos through APIFor: %v", err)
	}
	if _, err := pub.API(context.Background()); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("API without a session: got %v, want ErrNotSignedIn", err)
	}
	if _, err := pub.APIFor(context.Background(), "7"); !errors.Is(err, ErrNoGrant) {
		t.Errorf("APIFor a user with no grant: got %v, want ErrNoGrant", err)
	}
	if calls := e.fake.Calls("/api/v1/account/"); calls == 0 {
		t.Error("the fake saw no account call: the client went elsewhere")
	}
}

// TestBrowserStoreIsNoGrantStore: a store that keeps its values with the
// request serves sessions, but cannot keep grants, which background jobs
// read with no request.
func TestBrowserStoreIsNoGrantStore(t *testing.T) {
	t.Parallel()
	cfg := validConfig()
	cfg.GrantStore = &flakyBrowserStore{BrowserStore: cookieStore{}}
	if _, err := New(cfg); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("GrantStore a browser store: got %v, want ErrInvalidConfig", err)
	}
	cfg.GrantStore, cfg.Store = nil, &flakyBrowserStore{BrowserStore: cookieStore{}}
	if _, err := New(cfg); err != nil {
		t.Fatalf("Store a browser store: got %v, want nil", err)
	}
}
