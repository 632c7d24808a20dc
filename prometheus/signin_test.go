package prometheus_test

import (
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	rzprom "github.com/rzauth/rememberizer-go/prometheus"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// newApp serves a net/http app whose client reports to m: the routes of
// nethttp.Mount, and /mementos, which calls Rememberizer's API as the
// signed-in user.
func newApp(m *rzprom.Metrics) func(cfg core.Config) (http.Handler, error) {
	return func(cfg core.Config) (http.Handler, error) {
		cfg.OnEvent = m.Observe
		cfg.Logger = slog.New(slog.DiscardHandler)
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		mux := http.NewServeMux()
		nethttp.Mount(mux, c)
		mux.Handle("/mementos", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rc, err := c.API(r.Context())
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			if _, err := rc.Mementos(r.Context()); err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			w.Write([]byte("ok"))
		})))
		return mux, nil
	}
}

// TestSignInRefreshSignOut walks a real sign-in, a refresh and a sign-out
// through a net/http app and checks the series each one counts.
func TestSignInRefreshSignOut(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := rzprom.New(reg)
	if err != nil {
		t.Fatal(err)
	}
	app := apptest.Start(t, newApp(m))

	browser := app.SignIn(t, "42")
	const signIn = `
# HELP rememberizer_sign_in_starts_total Sign-ins started: browsers the login route sent to Rememberizer.
# TYPE rememberizer_sign_in_starts_total counter
rememberizer_sign_in_starts_total 1
`
	if err := testutil.CollectAndCompare(m, strings.NewReader(signIn), "rememberizer_sign_in_starts_total"); err != nil {
		t.Errorf("after the sign-in: %v", err)
	}
	for _, result := range append([]string{"ok"}, strs(signInReasons)...) {
		want := 0.0
		if result == "ok" {
			want = 1
		}
		if got := value(t, reg, "rememberizer_sign_ins_total", "result", result); got != want {
			t.Errorf("after the sign-in: rememberizer_sign_ins_total{result=%q} = %v, want %v", result, got, want)
		}
	}
	if got := value(t, reg, "rememberizer_sign_in_duration_seconds", "result", "ok"); got != 1 {
		t.Errorf("after the sign-in: rememberizer_sign_in_duration_seconds{result=ok} has %v observations, want 1", got)
	}

	// Rememberizer answers the API call 401; the API client refreshes and
	// retries.
	app.Fake.ExpireAccessTokens()
	if status, body, err := app.Get(browser, "/mementos"); err != nil || status != http.StatusOK {
		t.Fatalf("GET /mementos after the tokens expired: got %d %q %v, want 200", status, body, err)
	}
	if got := value(t, reg, "rememberizer_token_refreshes_total", "trigger", "api_401", "result", "ok"); got != 1 {
		t.Errorf("after the refresh: rememberizer_token_refreshes_total{trigger=api_401,result=ok} = %v, want 1", got)
	}
	if got := value(t, reg, "rememberizer_token_refresh_duration_seconds", "trigger", "api_401", "result", "ok"); got != 1 {
		t.Errorf("after the refresh: rememberizer_token_refresh_duration_seconds{trigger=api_401,result=ok} has %v observations, want 1", got)
	}

	req, err := http.NewRequest(http.MethodPost, app.URL+"/auth/rememberizer/logout", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", app.URL)
	resp, err := browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	const ended = `
# HELP rememberizer_sessions_ended_total Sessions ended, by reason (one for every session of a user when all of them end).
# TYPE rememberizer_sessions_ended_total counter
rememberizer_sessions_ended_total{reason="absolute"} 0
rememberizer_sessions_ended_total{reason="ended_everywhere"} 0
rememberizer_sessions_ended_total{reason="idle"} 0
rememberizer_sessions_ended_total{reason="revoked"} 0
rememberizer_sessions_ended_total{reason="sign_out"} 1
`
	if err := testutil.CollectAndCompare(m, strings.NewReader(ended), "rememberizer_sessions_ended_total"); err != nil {
		t.Errorf("after the sign-out: %v", err)
	}

	// A sign-in, a refresh and a sign-out, each counted once: nothing
	// else (no grant store, no store failure).
	if got := total(t, reg); got != 6 {
		t.Errorf("got %v counts and observations in all, want 6 (sign-in start, sign-in and its duration, refresh and its duration, sign-out)", got)
	}
}
