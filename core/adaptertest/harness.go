package adaptertest

import (
	"crypto/tls"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/failstore"
	"github.com/rzauth/rememberizer-go/internal/syncbuf"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// Serve serves the standard test app for c on ln until the test ends
// (register shutdown with t.Cleanup). ln is a loopback listener, already
// wrapped in TLS when the environment is https: serve plain HTTP on it
// (an http.Server's Serve, a fiber.App's Listener, …). The app has:
//
//   - the three auth routes, mounted with the adapter's Mount;
//
//   - GET /public: 200 "public", not protected;
//
//   - GET /private and POST /private: protected by RequireRememberizer;
//     200, body "user=ID email=EMAIL" from core.UserFrom;
//
//   - GET /api/me: protected; 200 JSON {"id","email","name"};
//
//   - GET /mementos: protected; answers with the status and body
//     [Mementos] gives for its request context (a call to the API as the
//     signed-in user);
//
//   - GET /cached: protected; sets Cache-Control "public, max-age=300"
//     and answers "cached";
//
//   - GET /optional: behind OptionalRememberizer; sets the same
//     Cache-Control and answers "optional:" and the user's id, if any;
//
//   - GET /cached-after-status: protected; sets the status 200 first
//     (net/http and Echo: WriteHeader; Gin and Fiber: ctx.Status), then
//     the same Cache-Control, and answers "cached";
//
//   - GET /detach and GET /visitor: see [App.StartDetached] and
//     [App.ReleaseDetached].
//
//   - GET /unwrapped: not behind the middleware; answers with the status
//     and body [Mementos] gives for its request context (an API call
//     from a handler someone forgot to wrap).
//
// That is the app when app.Wiring is [Mounted]. The suite also checks
// that two wiring mistakes are caught, so a Serve builds the app as
// app.Wiring says: with [Global], RequireRememberizer is in front of the
// whole router, set up before Mount (net/http: around the mux; Gin,
// Fiber and Echo: Use before Mount), so every route is protected, the
// auth routes included; with [Unmounted], Mount is never called.
//
// HEAD /private must reach RequireRememberizer as GET does: register
// HEAD too where the framework's GET routes do not take it. Handlers read
// the user from the request's context.Context, as the adapter's users
// would.
//
// With app.Hooks non-nil, Mount and RequireRememberizer get the adapter's
// Config with an ErrorHandler, and an UnauthorizedHandler if
// app.Hooks.WithUnauthorized, each of which reports the call to app.Hooks
// and answers [HookStatus] (see [Hooks]).
type Serve func(t *testing.T, c *core.Client, ln net.Listener, app *App)

// App is what the suite shares with one test app: the hooks it sets and
// the goroutine its /detach route starts.
type App struct {
	// Hooks records the calls of the app's hooks; nil: the app sets none.
	Hooks *Hooks
	// Wiring is how the app is put together (see [Serve]).
	Wiring   Wiring
	detached *detached
}

// Options shape one test environment.
type Options struct {
	// TLS serves the app over https, so cookies are Secure and __Host-.
	TLS bool
	// HTTP2 serves the app over https with HTTP/2 offered, and browsers
	// use it (for servers that speak HTTP/2, such as net/http's; fasthttp,
	// under Fiber, speaks HTTP/1.1 only).
	HTTP2 bool
	// Fake configures the fake Rememberizer (its Now is set to the clock).
	Fake rememberizertest.Config
	// Config adjusts the core configuration before New.
	Config func(*core.Config)
	// Hooks says which of the adapter's hooks the app sets; they record
	// their calls in Env.Hooks.
	Hooks HookSet
	// Setup is the store configuration. Default: the sealed cookie.
	Setup Setup
	// Wiring is how the app is put together. Default: [Mounted].
	Wiring Wiring
	// FailingStores puts the configuration's stores behind a switch that
	// [Env.TakeStoresDown] turns off: its Store and GrantStore, or, with
	// neither, its BrowserStore (the sealed cookie included).
	FailingStores bool
}

// Env is one app, its client and the fake Rememberizer, sharing a clock.
type Env struct {
	// T is the test the environment belongs to.
	T *testing.T
	// Fake is the fake Rememberizer, for its counters and faults.
	Fake *rememberizertest.Server
	// Client is the app's client, made with the environment's Setup and
	// Options.
	Client *core.Client
	// Clock is the time of the app, its client and the fake alike: its
	// Advance, Set and Now move and read it for all three.
	Clock *testclock.Clock
	// URL is the app's origin, e.g. http://127.0.0.1:34567.
	URL string
	// Logs holds what the client logged, at Debug level and above (its
	// String method reads it).
	Logs *syncbuf.Buffer
	// Hooks records the calls of the app's hooks; nil when Options.Hooks
	// is NoHooks.
	Hooks *Hooks
	// Setup is the store configuration the environment runs under.
	Setup Setup
	// Events records what the client reported (core.Config.OnEvent),
	// unless Options.Config replaced the hook.
	Events *EventLog
	app    *App
	tls    *tls.Config
	http2  bool
	down   *failstore.Switch // nil without Options.FailingStores
}

// testKey is the session key of every environment: fixed, 32 bytes that
// look random (core.New refuses keys that are visibly not random).
var testKey = []byte("\x58\xc3\x72\x01\xca\x19\xfa\x0c\x70\x58\x92\xf3\x91\x1c\xdf\x02\x4d\x86\xa2\xc7\xa1\x2f\xb2\x42\xc3\x88\x26\x85\x9e\x2d\xbf\x40")

// NewEnv starts a fake Rememberizer and the adapter's app on loopback,
// with the stores of opts.Setup.
func NewEnv(t *testing.T, serve Serve, opts Options) *Env {
	t.Helper()
	clock := testclock.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	fcfg := opts.Fake
	fcfg.Now = clock.Now
	fake := rememberizertest.NewServer(fcfg)
	t.Cleanup(fake.Close)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	scheme := "http"
	var tlsCfg *tls.Config
	if opts.TLS || opts.HTTP2 {
		scheme = "https"
		// Borrow httptest's certificate for 127.0.0.1.
		ts := httptest.NewUnstartedServer(http.NotFoundHandler())
		ts.StartTLS()
		cert := ts.TLS.Certificates
		pool := ts.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
		ts.Close()
		var protos []string
		if opts.HTTP2 {
			protos = []string{"h2", "http/1.1"}
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: cert, NextProtos: protos})
		tlsCfg = &tls.Config{RootCAs: pool}
	}
	base := scheme + "://" + ln.Addr().String()

	logs := &syncbuf.Buffer{}
	cfg := core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  base + "/auth/rememberizer/callback",
		SessionKeys:  [][]byte{testKey},
		BaseURL:      fake.URL,
		Now:          clock.Now,
		Logger:       slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	events := &EventLog{}
	cfg.OnEvent = events.Record
	if opts.Setup.Apply != nil {
		opts.Setup.Apply(t, &cfg)
	}
	if opts.Config != nil {
		opts.Config(&cfg)
	}
	var down *failstore.Switch
	if opts.FailingStores {
		down = &failstore.Switch{}
		failing(&cfg, down)
	}
	c, err := core.New(cfg)
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	var hooks *Hooks
	if opts.Hooks != NoHooks {
		hooks = &Hooks{WithUnauthorized: opts.Hooks == BothHooks}
	}
	app := &App{Hooks: hooks, Wiring: opts.Wiring, detached: newDetached()}
	serve(t, c, ln, app)
	return &Env{T: t, Fake: fake, Client: c, Clock: clock, URL: base, Logs: logs, Hooks: hooks, Setup: opts.Setup,
		Events: events, app: app, tls: tlsCfg, http2: opts.HTTP2, down: down}
}

// TakeStoresDown makes the configuration's stores fail from now on (those
// [Options.FailingStores] names); the environment must have been made
// with it.
func (e *Env) TakeStoresDown() {
	e.T.Helper()
	if e.down == nil {
		e.T.Fatal("TakeStoresDown: the environment was made without Options.FailingStores")
	}
	e.down.Down()
}

// CookieName is the name of a cookie of this environment ("session" or
// "login"), with the __Host- prefix over TLS.
func (e *Env) CookieName(kind string) string {
	if strings.HasPrefix(e.URL, "https:") {
		return "__Host-rememberizer_" + kind
	}
	return "rememberizer_" + kind
}
