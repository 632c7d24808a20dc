package bench

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"golang.org/x/oauth2"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// TestSessionHoldsPayload checks the benchmarks' setup without running
// them: a sign-in against the in-process provider yields a session that
// holds the payload compared, with each in-process store.
func TestSessionHoldsPayload(t *testing.T) {
	for _, store := range []struct {
		name string
		new  func() core.Store
	}{
		{"cookie", func() core.Store { return nil }},
		{"memory", func() core.Store { return core.NewMemoryStore() }},
	} {
		for _, p := range provider.Payloads {
			t.Run(store.name+"/"+p.Name, func(t *testing.T) {
				c := newClient(t, p, store.new())
				var (
					got *core.Session
					tok *oauth2.Token
				)
				h := nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					got, _ = core.SessionFrom(r.Context())
					if ts, err := c.TokenSource(r.Context()); err == nil {
						tok, _ = ts.Token()
					}
					io.WriteString(w, userName(r.Context()))
				}))
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, privateRequest(signIn(t, c)))
				if rec.Code != http.StatusOK || rec.Body.String() != provider.User.Name {
					t.Fatalf("got %d %q, want 200 %q", rec.Code, rec.Body.String(), provider.User.Name)
				}
				if got == nil || tok == nil || tok.AccessToken != p.AccessToken || tok.RefreshToken != p.RefreshToken ||
					tok.Expiry.IsZero() || got.User.ID != provider.User.ID || got.User.Email != provider.User.Email {
					t.Fatalf("got session %v, want the %s payload", got, p.Name)
				}
			})
		}
	}
}
