// Package storefault holds the fault test every durable store runs with
// its real server: the server restarted in the middle of a burst of
// requests, with the fake Rememberizer detecting refresh-token reuse.
package storefault

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// Burst runs an app whose sessions and grants live in store (which must
// survive its server's restart: a database, or Redis with persistence),
// signs a user in, and sends 30 protected requests, each calling the API
// as the user: 10 with the server up, 10 after stop (each must answer
// 503: the handler never runs), 10 after restart, once the store
// answers again (each must succeed).
// Access tokens expire before each group, so each group starts with a
// refresh. Then the grant must still be there (background access works,
// and GrantHolders lists the user when the store can list) and the fake,
// which revokes everything when a rotated-out refresh token is
// presented, must have seen none.
func Burst(t *testing.T, store core.Store, stop, restart func()) {
	t.Helper()
	fake := rememberizertest.NewServer(rememberizertest.Config{DetectReuse: true})
	t.Cleanup(fake.Close)
	mux := http.NewServeMux()
	app := httptest.NewServer(mux)
	t.Cleanup(app.Close)
	c, err := core.New(core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  app.URL + "/auth/rememberizer/callback",
		SessionKeys:  [][]byte{[]byte("\x5c\x39\xd6\x3f\x90\xb3\x12\x89\x8e\x74\x72\xe0\x16\xba\x0b\x6e\xed\x64\x4c\x1c\xb8\x22\xf4\x1d\xc6\x33\xd2\xff\x74\x14\x02\x4b")},
		BaseURL:      fake.URL,
		Store:        store,
		GrantStore:   store,
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	nethttp.Mount(mux, c)
	mux.Handle("/api", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc, err := c.API(r.Context())
		if err == nil {
			_, err = rc.Mementos(r.Context())
		}
		if err != nil {
			http.Error(w, "API call failed", core.ErrorPageFor(err).Status)
			return
		}
		io.WriteString(w, "ok")
	})))

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	resp, err := browser.Get(app.URL + "/auth/rememberizer/login?return_to=/api")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != "ok" {
		t.Fatalf("sign-in: got %d %q, want 200 ok", resp.StatusCode, body)
	}
	request := func() int {
		req, _ := http.NewRequest("GET", app.URL+"/api", nil)
		req.Header.Set("Accept", "application/json")
		resp, err := browser.Do(req)
		if err != nil {
			t.Fatalf("GET /api: %v", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	group := func(name string, want int) {
		t.Helper()
		fake.ExpireAccessTokens()
		for i := range 10 {
			if got := request(); got != want {
				t.Fatalf("%s, request %d of 10: got %d, want %d", name, i+1, got, want)
			}
		}
	}
	group("server up", http.StatusOK)
	stop()
	group("server down", http.StatusServiceUnavailable)
	restart()
	// The store's client reconnects by itself (go-redis, after failed
	// dials, tries again once a second): wait until the store answers.
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, _, err := store.Find(context.Background(), "session:probe")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the store does not answer 10 s after its server restarted: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	group("server back", http.StatusOK)

	if n := fake.ReuseDetections(); n != 0 {
		t.Fatalf("the fake saw %d rotated-out refresh tokens presented, want 0", n)
	}
	if got := fake.Refreshes(); got != 2 {
		t.Fatalf("got %d refreshes, want 2 (one per group the server was up)", got)
	}
	ctx := context.Background()
	rc, err := c.APIFor(ctx, "42")
	if err == nil {
		_, err = rc.Mementos(ctx)
	}
	if err != nil {
		t.Fatalf("background access after the restart: %v (the grant was lost?)", err)
	}
	if _, lists := store.(adapter.GrantLister); !lists {
		return
	}
	var holders []string
	for id, err := range c.GrantHolders(ctx) {
		if err != nil {
			t.Fatalf("GrantHolders: %v", err)
		}
		holders = append(holders, id)
	}
	if len(holders) != 1 || holders[0] != "42" {
		t.Fatalf("GrantHolders after the restart: got %v, want [42]", holders)
	}
}
