package core

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// TestWiringMistakes: the ways an app can be wired wrong are answered
// with what to fix, not a redirect loop, a 404 or the signed-out text.
func TestWiringMistakes(t *testing.T) {
	t.Parallel()
	nav := func(uri string) *fakeRequest {
		r := newFakeRequest("GET", uri)
		r.reqHeaders.Set("Accept", "text/html")
		return r
	}
	t.Run("unmounted navigation", func(t *testing.T) {
		t.Parallel()
		e := newTestEnv(t, rememberizertest.Config{}, nil)
		eng := (&Client{c: hide(e.c)}).Adapter()
		o := eng.Require(nav("/private"), adapter.Hooks{})
		if o.Reply.Status != http.StatusInternalServerError || o.Reply.Location != "" {
			t.Fatalf("got %d to %q, want 500 and no redirect", o.Reply.Status, o.Reply.Location)
		}
		if !errors.Is(o.Err, errNotMounted) || !strings.Contains(o.Err.Error(), "call Mount") {
			t.Errorf("got error %v, want one saying to call Mount", o.Err)
		}
		if !strings.Contains(e.logs.String(), "call Mount") {
			t.Errorf("log says nothing about Mount: %s", e.logs)
		}
		o = eng.Require(nav("/private"), adapter.Hooks{Error: true})
		if o.Hook != adapter.ErrorHook || !errors.Is(o.Err, errNotMounted) {
			t.Errorf("with an error hook: got hook %v, err %v, want the error hook with errNotMounted", o.Hook, o.Err)
		}
		api := newFakeRequest("GET", "/api/me")
		if o = eng.Require(api, adapter.Hooks{}); o.Reply.Status != http.StatusUnauthorized {
			t.Errorf("API call: got %d, want 401", o.Reply.Status)
		}
		eng.Mounted()
		if o = eng.Require(nav("/private"), adapter.Hooks{}); o.Reply.Status != http.StatusFound {
			t.Errorf("once mounted: got %d, want 302", o.Reply.Status)
		}
	})
	t.Run("middleware in front of the auth routes", func(t *testing.T) {
		t.Parallel()
		e := newTestEnv(t, rememberizertest.Config{}, nil)
		eng := (&Client{c: hide(e.c)}).Adapter()
		eng.Mounted()
		for _, uri := range []string{"/auth/rememberizer/login?return_to=%2Fprivate", "/auth/rememberizer/callback?state=a&code=b", "/auth/rememberizer/logout"} {
			o := eng.Require(nav(uri), adapter.Hooks{})
			if o.Scope == nil {
				t.Fatalf("%s: got %d to %q, want it let through", uri, o.Reply.Status, o.Reply.Location)
			}
			ctx := o.Scope.Context(context.Background())
			if _, ok := SessionFrom(ctx); ok {
				t.Errorf("%s: a session in the context", uri)
			}
			o.Scope.End()
		}
		if o := eng.Require(nav("/auth/rememberizer/other"), adapter.Hooks{}); o.Reply.Status != http.StatusFound {
			t.Errorf("another path below the prefix: got %d, want 302", o.Reply.Status)
		}
	})
	t.Run("API client outside the middleware", func(t *testing.T) {
		t.Parallel()
		e := newTestEnv(t, rememberizertest.Config{}, nil)
		c := &Client{c: hide(e.c)}
		_, err := c.HTTPClient(context.Background())
		if !errors.Is(err, ErrNotSignedIn) || !strings.Contains(err.Error(), "wrap the handler in RequireRememberizer") {
			t.Errorf("HTTPClient: got %v, want an error naming RequireRememberizer", err)
		}
		if _, err := c.TokenSource(context.Background()); !errors.Is(err, errNotWrapped) {
			t.Errorf("TokenSource: got %v, want errNotWrapped", err)
		}
		if _, err := c.API(context.Background()); !errors.Is(err, errNotWrapped) {
			t.Errorf("API: got %v, want errNotWrapped", err)
		}
		o := c.Adapter().Optional(nav("/"))
		ctx := o.Scope.Context(context.Background())
		_, err = c.HTTPClient(ctx)
		if !errors.Is(err, ErrNotSignedIn) || errors.Is(err, errNotWrapped) {
			t.Errorf("signed out behind OptionalRememberizer: got %v, want ErrNotSignedIn alone", err)
		}
		o.Scope.End()
	})
}
