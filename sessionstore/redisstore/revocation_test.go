package redisstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/redistest"
)

// requestKind is a browser navigation or an API call, and how
// RequireRememberizer answers it when the browser is signed out.
type requestKind struct {
	name   string
	path   string // /private makes no API call; /api does
	accept string
	// signedOut checks the answer to a signed-out request of this kind;
	// the JSON answer of an API call must name one of slugs.
	signedOut func(t *testing.T, who string, resp *http.Response, body string, slugs ...string)
}

func requestKinds() []requestKind {
	return []requestKind{
		{name: "Navigation", path: "/private", accept: "text/html", signedOut: expectSentToSignIn},
		{name: "APICall", path: "/api", accept: "application/json", signedOut: expect401JSON},
	}
}

// send sends a GET for path to base with the given Accept header and
// session cookie, follows no redirect, and returns the response and body.
func send(t *testing.T, base, path, accept string, session *http.Cookie) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", accept)
	req.AddCookie(session)
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

// expectSignedIn fails the test unless a navigation with session to
// instance i of cl is served.
func (cl *cluster) expectSignedIn(t *testing.T, i int, session *http.Cookie, who string) {
	t.Helper()
	if resp, body := send(t, cl.apps[i].URL, "/private", "text/html", session); resp.StatusCode != http.StatusOK || body != "user=42" {
		t.Fatalf("%s on instance %d: got %d %q, want 200 user=42", who, i, resp.StatusCode, body)
	}
}

// expectSentToSignIn checks a signed-out navigation: 302 to the login
// route, coming back to /private, and the session cookie expired.
func expectSentToSignIn(t *testing.T, who string, resp *http.Response, body string, _ ...string) {
	t.Helper()
	want := "/auth/rememberizer/login?return_to=" + url.QueryEscape("/private")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
		t.Fatalf("%s: got %d Location %q (%q), want 302 to %s", who, resp.StatusCode, resp.Header.Get("Location"), body, want)
	}
	expectCookieExpired(t, who, resp)
}

// expect401JSON checks a signed-out API call: 401 with a JSON body naming
// one of the error slugs, no redirect, and the session cookie expired.
func expect401JSON(t *testing.T, who string, resp *http.Response, body string, slugs ...string) {
	t.Helper()
	var got struct {
		Error string `json:"error"`
	}
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("Location") != "" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || json.Unmarshal([]byte(body), &got) != nil {
		t.Fatalf("%s: got %d, Content-Type %q, Location %q, body %q; want 401 JSON and no redirect",
			who, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Location"), body)
	}
	if !slices.Contains(slugs, got.Error) {
		t.Fatalf("%s: got error %q, want one of %q", who, got.Error, slugs)
	}
	expectCookieExpired(t, who, resp)
}

func expectCookieExpired(t *testing.T, who string, resp *http.Response) {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == "rememberizer_session" && c.MaxAge < 0 {
			return
		}
	}
	t.Fatalf("%s: the session cookie was not expired (Set-Cookie %q)", who, resp.Header.Values("Set-Cookie"))
}

// redisConfig is a store configuration that keeps the marks ending a
// user's sessions in Redis.
type redisConfig struct {
	name string
	cc   clusterConfig
}

// eachConfigAndKind runs test in parallel under every configuration and
// request kind, each on a redis-server and two instances of its own.
func eachConfigAndKind(t *testing.T, test func(t *testing.T, cl *cluster, cfg redisConfig, kind requestKind)) {
	for _, cfg := range redisConfigs() {
		for _, kind := range requestKinds() {
			t.Run(cfg.name+"/"+kind.name, func(t *testing.T) {
				t.Parallel()
				test(t, newCluster(t, redistest.Start(t), cfg.cc), cfg, kind)
			})
		}
	}
}

func redisConfigs() []redisConfig {
	return []redisConfig{
		{"Store", clusterConfig{}},
		{"StoreAndGrantStore", clusterConfig{Grants: true}},
		{"CookieAndGrantStore", clusterConfig{Grants: true, CookieSessions: true}},
	}
}

// A user who disconnected the app at Rememberizer is signed in on two
// browsers through two instances sharing Redis: browser A's first request
// after the token expired is refused by Rememberizer and signs A out (a
// navigation is sent to sign in, an API call gets 401 JSON); browser B,
// signed in on the other instance, is signed out at its next request
// without another refresh call (with sessions holding their own tokens, B
// would otherwise spend its own); a grant is gone on both instances; a new
// sign-in works (SECURITY.md S18, S28, S29).
func TestDisconnectedUserSignedOutEverywhere(t *testing.T) {
	t.Parallel()
	eachConfigAndKind(t, func(t *testing.T, cl *cluster, cfg redisConfig, kind requestKind) {
		a := cl.signIn(t, 0, 0)
		cl.clock.Advance(10 * time.Minute)
		b := cl.signIn(t, 1, 1) // with a grant store, B's tokens replace A's
		cl.expectSignedIn(t, 0, a, "A before")
		cl.expectSignedIn(t, 1, b, "B before")

		cl.fake.Disconnect("42")
		cl.clock.Advance(2 * time.Hour) // every token has expired
		resp, body := send(t, cl.apps[0].URL, kind.path, kind.accept, a)
		kind.signedOut(t, "A after the refusal", resp, body, "reauth_required")
		if calls, ok := cl.fake.RefreshCalls(), cl.fake.Refreshes(); calls != 1 || ok != 0 {
			t.Fatalf("after A's request: got %d refresh calls (%d successful), want 1 (refused)", calls, ok)
		}

		// B's session was ended by the mark (and, with a grant
		// store, with the grant): either reason will do. So was
		// A's, should its old cookie come back.
		resp, body = send(t, cl.apps[1].URL, kind.path, kind.accept, b)
		kind.signedOut(t, "B, on the other instance", resp, body, "not_signed_in", "reauth_required")
		resp, body = send(t, cl.apps[1].URL, kind.path, kind.accept, a)
		kind.signedOut(t, "A's old cookie on the other instance", resp, body, "not_signed_in", "reauth_required")
		if calls := cl.fake.RefreshCalls(); calls != 1 {
			t.Fatalf("after B's request: got %d refresh calls, want still 1", calls)
		}
		if cfg.cc.Grants {
			for i, c := range cl.clients {
				if _, err := c.HTTPClientFor(context.Background(), "42"); !errors.Is(err, core.ErrNoGrant) {
					t.Fatalf("instance %d, the user's grant: got %v, want ErrNoGrant (deleted)", i, err)
				}
			}
		}

		// The user signs in again: a new session (and grant), on
		// both instances; the old sessions stay signed out.
		again := cl.signIn(t, 1, 0)
		cl.expectSignedIn(t, 1, again, "a new sign-in")
		cl.expectSignedIn(t, 0, again, "a new sign-in")
		if resp, _ := send(t, cl.apps[0].URL, "/private", "text/html", b); resp.StatusCode != http.StatusFound {
			t.Fatalf("B after the new sign-in: got %d, want 302", resp.StatusCode)
		}
		if cfg.cc.Grants {
			for i, c := range cl.clients {
				rc, err := c.APIFor(context.Background(), "42")
				if err = callMementos(rc, err); err != nil {
					t.Fatalf("instance %d, background access after the new sign-in: %v", i, err)
				}
			}
		}
	})
}

// EndSessions on one instance signs the user out on every browser at its
// next request, on the other instance too, while their tokens are fresh
// (the mark in Redis is all that ends them), in every configuration that
// keeps the mark in Redis. No refresh is spent; a grant is kept for
// background access; a later sign-in works (SECURITY.md S29).
func TestEndSessionsAcrossInstances(t *testing.T) {
	t.Parallel()
	eachConfigAndKind(t, func(t *testing.T, cl *cluster, cfg redisConfig, kind requestKind) {
		a := cl.signIn(t, 1, 1)
		b := cl.signIn(t, 0, 0)
		cl.expectSignedIn(t, 1, a, "A before")
		cl.expectSignedIn(t, 0, b, "B before")

		cl.clock.Advance(time.Minute)
		if err := cl.clients[0].EndSessions(context.Background(), "42"); err != nil {
			t.Fatalf("EndSessions: %v", err)
		}
		resp, body := send(t, cl.apps[1].URL, kind.path, kind.accept, a)
		kind.signedOut(t, "A, on the other instance", resp, body, "not_signed_in")
		resp, body = send(t, cl.apps[0].URL, kind.path, kind.accept, b)
		kind.signedOut(t, "B, on the same instance", resp, body, "not_signed_in")
		if calls := cl.fake.RefreshCalls(); calls != 0 {
			t.Fatalf("refresh calls: got %d, want 0", calls)
		}
		if cfg.cc.Grants {
			rc, err := cl.clients[1].APIFor(context.Background(), "42")
			if err = callMementos(rc, err); err != nil {
				t.Fatalf("background access after EndSessions: got %v, want the grant kept", err)
			}
		}
		again := cl.signIn(t, 0, 1)
		cl.expectSignedIn(t, 0, again, "a sign-in after EndSessions")
		cl.expectSignedIn(t, 1, again, "a sign-in after EndSessions")
	})
}
