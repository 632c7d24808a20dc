package bench

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/bench/internal/fiberbench"
	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/bench/internal/redisserver"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.ReleaseMode)
	code := m.Run()
	redisOnce.stop()
	stopSharedPG()
	os.Exit(code)
}

// Keys shared by every library: 32 bytes for sealing (and for the peers'
// block cipher), 32 more for the peers' HMAC.
var (
	sealKey = []byte("\x10\x28\x72\x68\x74\x23\xa0\xe8\xfa\xa6\xfe\xaa\xf1\x14\x03\xfa\x16\x99\x5e\x1c\x3e\x10\xb2\x80\x69\xf7\xa6\x27\x6d\x15\x70\x01")
	hashKey = []byte("bench: the HMAC key for the peer")
)

// redirectURL is on loopback, so cookies carry no __Host- prefix.
const redirectURL = "http://127.0.0.1/auth/rememberizer/callback"

// newClient returns a Client that signs in against the in-process
// provider for p, with store (nil: the default sealed-cookie store).
func newClient(tb testing.TB, p provider.Payload, store core.Store, edit ...func(*core.Config)) *core.Client {
	tb.Helper()
	cfg := core.Config{
		ClientID:     "bench-client",
		ClientSecret: "bench-secret",
		RedirectURL:  redirectURL,
		SessionKeys:  [][]byte{sealKey},
		BaseURL:      provider.Base,
		HTTPClient:   provider.New(p).Client(),
		Store:        store,
		Logger:       slog.New(slog.DiscardHandler),
	}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := core.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// loginRequest starts a sign-in on mux and returns the callback request
// the browser would come back with (any code: the provider accepts it).
func loginRequest(tb testing.TB, mux http.Handler) *http.Request {
	tb.Helper()
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/auth/rememberizer/login", nil))
	if rec.Code != http.StatusFound {
		tb.Fatalf("login: got %d, want 302", rec.Code)
	}
	authz, err := url.Parse(rec.Header().Get("Location"))
	if err != nil {
		tb.Fatal(err)
	}
	q := url.Values{"code": {"bench-code"}, "state": {authz.Query().Get("state")}}
	cb := httptest.NewRequest("GET", "/auth/rememberizer/callback?"+q.Encode(), nil)
	for _, ck := range rec.Result().Cookies() {
		cb.AddCookie(ck)
	}
	return cb
}

// signIn walks login and callback for c and returns the session cookie.
// The session holds the payload the provider of c issues.
func signIn(tb testing.TB, c *core.Client) *http.Cookie {
	tb.Helper()
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, loginRequest(tb, mux))
	if rec.Code != http.StatusSeeOther {
		tb.Fatalf("callback: got %d %q, want 303", rec.Code, rec.Body.String())
	}
	return sessionCookie(tb, rec.Result().Cookies(), "rememberizer_session")
}

func sessionCookie(tb testing.TB, cookies []*http.Cookie, name string) *http.Cookie {
	tb.Helper()
	for _, ck := range cookies {
		if ck.Name == name && ck.MaxAge >= 0 {
			return ck
		}
	}
	tb.Fatalf("no %s cookie in %v", name, cookies)
	return nil
}

// Store kinds compared for RequireRememberizer: where sessions and
// grants live. "grant" keeps the session in its cookie and the tokens in
// a grant store (core.MemoryStore): the cookie then carries identity and
// a reference only, whatever the tokens' size. "redis-grant" keeps both
// in Redis (a Store and a GrantStore on one redis-server).
var storeKinds = []string{"cookie", "memory", "redis", "grant", "redis-grant"}

// clientFor returns a client for p that keeps sessions as kind says, and
// the counter of its round trips to its server-side stores.
func clientFor(tb testing.TB, p provider.Payload, kind string) (*core.Client, *storeReads) {
	n := new(storeReads)
	switch kind {
	case "grant":
		return newClient(tb, p, nil, withGrants(n.grants.count(core.NewMemoryStore()))), n
	case "redis-grant":
		return newClient(tb, p, n.store.count(newStore(tb, "redis")), withGrants(n.grants.count(newStore(tb, "redis")))), n
	}
	return newClient(tb, p, n.store.count(newStore(tb, kind))), n
}

// withGrants sets the client's grant store.
func withGrants(s core.Store) func(*core.Config) {
	return func(c *core.Config) { c.GrantStore = s }
}

// newStore returns a fresh store of the given kind, or skips tb when
// Redis is not installed.
func newStore(tb testing.TB, kind string) core.Store {
	switch kind {
	case "cookie":
		return nil
	case "memory":
		return core.NewMemoryStore()
	case "redis":
		s, err := redisstore.New(redisstore.Config{Client: redisClient(tb)})
		if err != nil {
			tb.Fatal(err)
		}
		return s
	}
	tb.Fatalf("unknown store %q", kind)
	return nil
}

// sharedRedis is one redis-server for the whole run, started on first
// use and stopped by TestMain.
type sharedRedis struct {
	sync.Mutex
	srv *redisserver.Server
	err error
}

var redisOnce sharedRedis

func redisClient(tb testing.TB) *redis.Client {
	tb.Helper()
	r := &redisOnce
	r.Lock()
	defer r.Unlock()
	if r.srv == nil && r.err == nil {
		r.srv, r.err = redisserver.Start()
	}
	if r.err != nil {
		tb.Skipf("skipping the Redis configurations: %v", r.err)
	}
	return r.srv.Client
}

func (r *sharedRedis) stop() {
	r.Lock()
	defer r.Unlock()
	if r.srv != nil {
		r.srv.Close()
	}
}

// Peer session fields: the same payload as a Rememberizer session, in the
// individual values most users of those libraries keep.
type fields struct {
	AccessToken  string
	RefreshToken string
	ExpiresAt    time.Time
	UserID       string
	Email        string
	Name         string
}

func peerFields(p provider.Payload) fields {
	return fields{
		AccessToken:  p.AccessToken,
		RefreshToken: p.RefreshToken,
		ExpiresAt:    time.Now().Add(provider.TokenLifetime).Truncate(time.Second),
		UserID:       provider.User.ID,
		Email:        provider.User.Email,
		Name:         provider.User.Name,
	}
}

// put stores f as six values through set.
func (f fields) put(set func(key string, v any)) {
	set("access_token", f.AccessToken)
	set("refresh_token", f.RefreshToken)
	set("expires_at", f.ExpiresAt.Unix())
	set("user_id", f.UserID)
	set("email", f.Email)
	set("name", f.Name)
}

// userName is what every protected handler writes: the signed-in user's
// name from core's context.
func userName(ctx context.Context) string {
	if u, ok := core.UserFrom(ctx); ok {
		return u.Name
	}
	return "public"
}

// discard is a ResponseWriter that keeps headers and the status and drops
// the body, so the benchmarks measure the handler, not a recorder.
type discard struct {
	h    http.Header
	code int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(code int)        { d.code = code }

// serveHTTP benchmarks h (net/http or Gin) on r.
func serveHTTP(b *testing.B, h http.Handler, r *http.Request, want string) {
	b.Helper()
	loop(b, httpServer(b, h, r, want))
}

// httpServer checks that h answers r with want, and returns a function
// serving r once more. Each call serves a shallow copy of r, as each
// request arrives as its own *http.Request: gorilla/sessions caches
// decoded sessions in the request it is given, so reusing one request
// would skip the very decoding being measured. The copy costs the same
// in every benchmark, floor included.
func httpServer(tb testing.TB, h http.Handler, r *http.Request, want string) func() {
	tb.Helper()
	rec := httptest.NewRecorder()
	first := *r
	h.ServeHTTP(rec, &first)
	if rec.Code != http.StatusOK || rec.Body.String() != want {
		tb.Fatalf("got %d %q, want 200 %q", rec.Code, rec.Body.String(), want)
	}
	w := &discard{h: http.Header{}}
	return func() {
		clear(w.h)
		rc := *r
		h.ServeHTTP(w, &rc)
	}
}

// loop runs serve b.N times, reporting allocations.
func loop(b *testing.B, serve func()) {
	b.ReportAllocs()
	for b.Loop() {
		serve()
	}
}

// privateRequest is GET /private from a browser, with cookie if non-nil.
func privateRequest(cookie *http.Cookie) *http.Request {
	r := httptest.NewRequest("GET", "/private", nil)
	r.Header.Set("Accept", "text/html")
	if cookie != nil {
		r.AddCookie(cookie)
	}
	return r
}

// serveFiber benchmarks app on GET /private.
func serveFiber(b *testing.B, app *fiber.App, cookie *http.Cookie, want string) {
	b.Helper()
	loop(b, fiberServer(b, app, cookie, want))
}

// fiberServer checks that app answers GET /private with want, and returns
// a function serving it once more, as Fiber's server does on a keep-alive
// connection, minus the network (see [fiberbench.Server]).
func fiberServer(tb testing.TB, app *fiber.App, cookie *http.Cookie, want string) func() {
	tb.Helper()
	return fiberbench.Server(tb, app.Handler(), cookie, want)
}

// fiberCookie runs one request through app and returns the named cookie
// it set.
func fiberCookie(b *testing.B, app *fiber.App, path, name string) *http.Cookie {
	b.Helper()
	resp, err := app.Test(httptest.NewRequest("GET", path, nil), -1)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return sessionCookie(b, resp.Cookies(), name)
}

// newFiberApp is the Fiber app every Fiber benchmark uses.
func newFiberApp() *fiber.App {
	return fiber.New(fiber.Config{DisableStartupMessage: true, ReadBufferSize: 16 << 10})
}
