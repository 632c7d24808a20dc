package bench

import (
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// BenchmarkSignIn measures the two requests that talk to Rememberizer, on
// net/http with the default cookie store. The token and account endpoints
// answer in-process (package provider, an http.RoundTripper): the figures
// are the library's CPU and allocations, including x/oauth2 and
// net/http's client, without any network. Against the real service each
// adds its round trips (two for a callback, one for a refresh).
func BenchmarkSignIn(b *testing.B) {
	for _, p := range provider.Payloads {
		b.Run("step=callback/token="+p.Name, func(b *testing.B) { benchCallback(b, p) })
	}
	for _, p := range provider.Payloads {
		b.Run("step=refresh/token="+p.Name, func(b *testing.B) { benchRefresh(b, p) })
	}
}

// benchCallback times GET /auth/rememberizer/callback alone: check the
// state against the pending-login cookie, exchange the code, fetch the
// account, seal and set the session cookie. The logins each callback
// needs are made in batches with the timer stopped.
func benchCallback(b *testing.B, p provider.Payload, edit ...func(*core.Config)) {
	c := newClient(b, p, nil, edit...)
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	w := &discard{h: http.Header{}}
	const batch = 512
	var queue []*http.Request
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if len(queue) == 0 {
			b.StopTimer()
			for range min(batch, b.N-i) {
				queue = append(queue, loginRequest(b, mux))
			}
			b.StartTimer()
		}
		r := queue[0]
		queue = queue[1:]
		clear(w.h)
		w.code = 0
		mux.ServeHTTP(w, r)
		if w.code != http.StatusSeeOther {
			b.Fatalf("callback: got %d, want 303", w.code)
		}
	}
}

// benchRefresh times a protected request whose access token has expired:
// RequireRememberizer refreshes it (one token request), seals the new
// tokens into the cookie and serves the page. The clock moves past the
// token's lifetime before each round, so every round refreshes.
func benchRefresh(b *testing.B, p provider.Payload, edit ...func(*core.Config)) {
	var now atomic.Int64
	now.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	century := 100 * 365 * 24 * time.Hour
	c := newClient(b, p, nil, append(edit, func(cfg *core.Config) {
		cfg.Now = func() time.Time { return time.Unix(0, now.Load()) }
		cfg.SessionLifetime = century // the clock moves fast
		cfg.IdleTimeout = century
	})...)
	mux := http.NewServeMux()
	mux.Handle("/private", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, userName(r.Context()))
	})))
	r := privateRequest(signIn(b, c))
	step := int64(provider.TokenLifetime + time.Minute)
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		now.Add(step)
		clear(w.h)
		w.code = 0
		rc := *r
		mux.ServeHTTP(w, &rc)
		if len(w.h["Set-Cookie"]) == 0 {
			b.Fatal("no refresh: the response set no cookie")
		}
	}
}
