package storetest

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// testSessions runs core with the store as its session store.
func testSessions(t *testing.T, cfg Config) {
	rec := &recorder{Store: cfg.New(t)}
	fake := rememberizertest.NewServer(rememberizertest.Config{
		Users: []rememberizertest.User{{ID: "7", Email: "a@example.com", Name: "A"}, {ID: "8", Email: "b@example.com", Name: "B"}},
	})
	t.Cleanup(fake.Close)
	a := newApp(t, fake, newKey(t), func(c *core.Config) { c.Store = rec })

	t.Run("AnonymousLoginsWriteNothing", func(t *testing.T) {
		for range 200 {
			resp, err := http.Get(a.srv.URL + "/auth/rememberizer/login")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		if keys := rec.committed(""); len(keys) != 0 {
			t.Fatalf("200 cookieless logins committed %d records, want 0", len(keys))
		}
	})

	alice, bob := a.browser(t), a.browser(t)
	a.signIn(t, alice)
	if err := fake.SetUser("8"); err != nil {
		t.Fatal(err)
	}
	a.signIn(t, bob)
	if code, body := a.get(t, alice, "/me"); code != 200 || body != "7" {
		t.Fatalf("alice: got %d %q, want 200 7", code, body)
	}
	if code, _ := a.get(t, bob, "/mementos"); code != 200 {
		t.Fatalf("bob calls the API: got %d, want 200", code)
	}

	t.Run("ValuesBoundToTheirKey", func(t *testing.T) {
		keys := rec.committed("session:")
		if len(keys) != 2 {
			t.Fatalf("got %d session records, want 2", len(keys))
		}
		va, _, err := rec.Find(context.Background(), keys[0])
		if err != nil {
			t.Fatal(err)
		}
		vb, _, err := rec.Find(context.Background(), keys[1])
		if err != nil {
			t.Fatal(err)
		}
		// Swap the two users' values, as someone with write access to the
		// backend might: neither opens under the other's key (S26).
		if err := rec.Store.Commit(context.Background(), keys[0], vb, time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := rec.Store.Commit(context.Background(), keys[1], va, time.Hour); err != nil {
			t.Fatal(err)
		}
		for name, b := range map[string]*http.Client{"alice": alice, "bob": bob} {
			if code, body := a.get(t, b, "/me"); code != http.StatusUnauthorized {
				t.Fatalf("%s after the swap: got %d %q, want 401", name, code, body)
			}
		}
	})
}

// testGrants runs core with the store as its grant store, on two
// instances sharing it.
func testGrants(t *testing.T, cfg Config) {
	store := &recorder{Store: cfg.New(t)}
	fake := rememberizertest.NewServer(rememberizertest.Config{DetectReuse: true})
	t.Cleanup(fake.Close)
	key := newKey(t)
	one := newApp(t, fake, key, func(c *core.Config) { c.GrantStore = store })
	two := newApp(t, fake, key, func(c *core.Config) { c.GrantStore = store })
	ctx := context.Background()

	if _, err := one.client.HTTPClientFor(ctx, "42"); !errors.Is(err, core.ErrNoGrant) {
		t.Fatalf("before sign-in: got %v, want ErrNoGrant", err)
	}
	b := one.browser(t)
	one.signIn(t, b)
	call := func(a *app) int {
		t.Helper()
		rc, err := a.client.APIFor(ctx, "42")
		if err != nil {
			t.Fatalf("APIFor: %v", err)
		}
		_, err = rc.Mementos(ctx)
		if re := (*rememberizer.Error)(nil); errors.As(err, &re) {
			return re.StatusCode
		}
		if err != nil {
			t.Fatalf("background call: %v", err)
		}
		return http.StatusOK
	}
	if got := call(two); got != 200 {
		t.Fatalf("background call on the other instance: got %d, want 200", got)
	}

	t.Run("RefreshStoredForEveryInstance", func(t *testing.T) {
		fake.ExpireAccessTokens()
		before := fake.Refreshes()
		if got := call(one); got != 200 {
			t.Fatalf("after expiry: got %d, want 200", got)
		}
		if got := fake.Refreshes() - before; got != 1 {
			t.Fatalf("got %d refreshes, want 1", got)
		}
		// The other instance uses the stored, rotated tokens: no second
		// refresh, no reuse of the rotated-out token.
		if got := call(two); got != 200 {
			t.Fatalf("other instance after the refresh: got %d, want 200", got)
		}
		if code, _ := one.get(t, b, "/mementos"); code != 200 {
			t.Fatalf("the browser's session after a background refresh: got %d, want 200", code)
		}
		if got := fake.Refreshes() - before; got != 1 || fake.ReuseDetections() != 0 {
			t.Fatalf("got %d refreshes and %d reuse detections, want 1 and 0", got, fake.ReuseDetections())
		}
	})

	t.Run("EndSessionsOnEveryInstance", func(t *testing.T) {
		other := two.browser(t)
		two.signIn(t, other)
		if err := one.client.EndSessions(ctx, "42"); err != nil {
			t.Fatal(err)
		}
		for name, br := range map[string]*app{"this instance": one, "the other instance": two} {
			client := b
			if br == two {
				client = other
			}
			if code, _ := br.get(t, client, "/me"); code != http.StatusUnauthorized {
				t.Fatalf("a session on %s after EndSessions: got %d, want 401", name, code)
			}
		}
		// The grant is kept: background work goes on.
		if got := call(two); got != 200 {
			t.Fatalf("background call after EndSessions: got %d, want 200", got)
		}
		one.signIn(t, b)
		if code, _ := one.get(t, b, "/mementos"); code != 200 {
			t.Fatalf("a sign-in after EndSessions: got %d, want 200", code)
		}
	})

	t.Run("DeleteGrantHolds", func(t *testing.T) {
		keys := store.committed("grant:")
		if len(keys) != 1 {
			t.Fatalf("got %d grant records, want 1", len(keys))
		}
		key := keys[0]
		old, found, err := store.Find(ctx, key)
		if err != nil || !found {
			t.Fatalf("the grant record: found %v, %v", found, err)
		}
		old = append([]byte(nil), old...)
		if err := two.client.DeleteGrant(ctx, "42"); err != nil {
			t.Fatal(err)
		}
		// An old copy of the record written back does not open.
		if err := store.Commit(ctx, key, old, time.Hour); err != nil {
			t.Fatal(err)
		}
		for _, a := range []*app{one, two} {
			if _, err := a.client.HTTPClientFor(ctx, "42"); !errors.Is(err, core.ErrNoGrant) {
				t.Fatalf("background access after DeleteGrant and a write-back: got %v, want ErrNoGrant", err)
			}
		}
		if code, _ := one.get(t, b, "/me"); code != http.StatusUnauthorized {
			t.Fatalf("the session after DeleteGrant: got %d, want 401", code)
		}
		one.signIn(t, b)
		if got := call(two); got != 200 {
			t.Fatalf("background call after a new sign-in: got %d, want 200", got)
		}
	})

	t.Run("DisconnectedUser", func(t *testing.T) {
		fake.Disconnect("42")
		fake.ExpireAccessTokens()
		rc, err := one.client.APIFor(ctx, "42")
		if err != nil {
			t.Fatal(err)
		}
		_, err = rc.Mementos(ctx)
		if !errors.Is(err, core.ErrGrantRevoked) {
			t.Fatalf("after the user disconnected: got %v, want ErrGrantRevoked", err)
		}
		if _, err := two.client.HTTPClientFor(ctx, "42"); !errors.Is(err, core.ErrNoGrant) {
			t.Fatalf("the grant after invalid_grant: got %v, want ErrNoGrant (deleted)", err)
		}
		if code, _ := one.get(t, b, "/me"); code != http.StatusUnauthorized {
			t.Fatalf("the browser after the grant was revoked: got %d, want 401 (every session of the user ends)", code)
		}
	})
}
