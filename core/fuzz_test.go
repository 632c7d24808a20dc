package core

import (
	"bytes"
	"errors"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// FuzzReturnTo: returnTarget never panics, returns its input or "/", and
// whatever it accepts passes the S10 rules again (checked independently).
func FuzzReturnTo(f *testing.F) {
	for _, v := range append(append([]string{}, returnToRejected...), returnToKept...) {
		f.Add(v)
		if u, err := url.QueryUnescape(v); err == nil {
			f.Add(u)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := returnTarget(s, testRoutePrefix, nil)
		if got != "/" && got != s {
			t.Fatalf("returnTarget(%q) = %q: neither the input nor /", s, got)
		}
		if got != "/" {
			if why := recheckReturnTo(got); why != "" {
				t.Fatalf("returnTarget accepted %q, which breaks S10: %s", got, why)
			}
			if ownRoute(strings.ToLower(rawPathOf(got)), testRoutePrefix) {
				t.Fatalf("returnTarget accepted our own route %q", got)
			}
		}
	})
}

func rawPathOf(s string) string {
	p := rawPath(s)
	if d, err := url.PathUnescape(p); err == nil {
		return d
	}
	return p
}

// FuzzOpenSealed: opening and decoding any bytes as a sealed cookie never
// panics, and only what was sealed opens.
func FuzzOpenSealed(f *testing.F) {
	// Every fuzz worker process must seal the same value: a fixed nonce
	// source (for this test only).
	ring, err := newKeyRing([][]byte{ringKey(5)}, zeroReader{})
	if err != nil {
		f.Fatal(err)
	}
	s := &Session{
		User:      User{ID: "42"},
		CreatedAt: time.Unix(1e9, 0),
		LastSeen:  time.Unix(1e9, 0),
		secrets:   hide(&sessionSecrets{id: "id", tok: tokenPair{AccessToken: strings.Repeat("a", 40), RefreshToken: strings.Repeat("r", 40)}}),
	}
	sealed, err := ring.seal(nil, encodeSession(nil, s), "rememberizer_session")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed)
	f.Add(encodeSession(nil, s))
	f.Add(encodePending(nil, []pendingLogin{{State: "s", Verifier: "v", ReturnTo: "/", CreatedAt: time.Unix(1e9, 0)}}))
	f.Add([]byte{})
	f.Add([]byte{sealVersion})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = decodeSession(b)
		_, _ = decodePending(b)
		pt, err := ring.open(b, "rememberizer_session")
		if err == nil && !bytes.Equal(b, sealed) {
			// Only a value sealed with the key opens; the fuzzer
			// cannot forge a GCM tag.
			t.Fatalf("a value that was never sealed opened: %x", b)
		}
		if err == nil {
			if _, err := decodeSession(pt); err != nil {
				t.Fatalf("the sealed session does not decode: %v", err)
			}
		}
		// The same through a store and a client: always signed out or
		// the genuine session, never another error.
		c := fuzzClient(t, nil)
		req := newFakeRequest("GET", "/private").addCookie(c.sessionSlot.Name, string(b))
		if _, err := c.authenticate(req); err != nil && !errors.Is(err, ErrNotSignedIn) {
			t.Fatalf("Authenticate with cookie %q: got %v, want ErrNotSignedIn", b, err)
		}
	})
}

// zeroReader yields zero bytes: deterministic "randomness" so that every
// fuzz worker process builds the same genuine values.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// seededReader yields a fixed pseudo-random stream, for the same reason.
func seededReader() *mrand.ChaCha8 { return mrand.NewChaCha8([32]byte{1, 2, 3}) }

// FuzzCallback: for any query and cookie, the callback never panics, never
// succeeds (the token endpoint refuses every code), and reaches the token
// endpoint only with the genuine (state, cookie) pair.
func FuzzCallback(f *testing.F) {
	var calls atomic.Int32
	token := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		w.Write([]byte(`{"error":"invalid_grant"}`))
	}))
	f.Cleanup(token.Close)
	// Deterministic state, verifier, nonce and time, so every fuzz worker
	// process agrees on the genuine (state, cookie) pair.
	c := fuzzClient(f, func(cfg *Config) {
		cfg.TokenURL = token.URL + "/token/"
		cfg.AccountURL = token.URL + "/account/"
		cfg.Rand = seededReader()
		fixed := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
		cfg.Now = func() time.Time { return fixed }
	})
	login := newFakeRequest("GET", "/auth/rememberizer/login")
	authz, err := c.login(login)
	if err != nil {
		f.Fatal(err)
	}
	au, _ := url.Parse(authz)
	state := au.Query().Get("state")
	cookie, ok := login.sentCookie(c.loginSlot.Name)
	if !ok {
		f.Fatal("no pending-login cookie")
	}
	f.Add("code=abc&state="+url.QueryEscape(state), cookie.Value)
	f.Add("code=abc&state="+url.QueryEscape(state)+"&state=x", cookie.Value)
	f.Add("error=access_denied&state="+url.QueryEscape(state), cookie.Value)
	f.Add("code=abc&state="+url.QueryEscape(state), "")
	f.Add("code=abc&state="+url.QueryEscape(state)+"%20", cookie.Value)
	f.Add("code=%00&state=x&iss=y", "garbage")
	f.Add(strings.Repeat("a=b&", 3000), cookie.Value)
	f.Fuzz(func(t *testing.T, rawQuery, cookieValue string) {
		before := calls.Load()
		req := newFakeRequest("GET", "/auth/rememberizer/callback?"+rawQuery)
		if cookieValue != "" {
			req.addCookie(c.loginSlot.Name, cookieValue)
		}
		loc, err := c.callback(req)
		if err == nil {
			t.Fatalf("callback succeeded (Location %q) though the token endpoint refuses every code", loc)
		}
		if st := statusFor(err); st < 400 {
			t.Fatalf("status %d for %v", st, err)
		}
		if calls.Load() != before {
			q, _ := url.ParseQuery(rawQuery)
			if q.Get("state") != state || cookieValue != cookie.Value {
				t.Fatalf("token endpoint called without the genuine pair: query %q cookie %q", rawQuery, cookieValue)
			}
		}
	})
}

// fuzzClient is a client whose endpoints are unreachable unless change
// points them somewhere.
func fuzzClient(tb testing.TB, change func(*Config)) *client {
	cfg := Config{
		ClientID:     "id",
		ClientSecret: "secret",
		RedirectURL:  "http://127.0.0.1:9/auth/rememberizer/callback",
		SessionKeys:  [][]byte{ringKey(5)},
		BaseURL:      "http://127.0.0.1:9",
		Logger:       slog.New(slog.DiscardHandler),
	}
	if change != nil {
		change(&cfg)
	}
	c, err := newClient(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
