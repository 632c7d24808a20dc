package conformance_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/fibermw"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/rememberizertest"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

// keptStores is one store configuration for a client kept past its
// request.
type keptStores struct {
	name string
	// apply sets the stores; rdb is a Redis store of the test's own.
	apply func(cfg *core.Config, rdb func() core.Store)
	// serverSide: the tokens live server-side, so a kept client can
	// refresh and keep them. With the cookie store it cannot: the new
	// tokens could only travel in a response that is gone.
	serverSide bool
}

func keptStoreConfigs() []keptStores {
	return []keptStores{
		{name: "MemoryStore", serverSide: true, apply: func(cfg *core.Config, _ func() core.Store) {
			cfg.Store = core.NewMemoryStore(core.MemoryStoreConfig{Now: cfg.Now})
		}},
		{name: "RedisStore", serverSide: true, apply: func(cfg *core.Config, rdb func() core.Store) {
			cfg.Store = rdb()
		}},
		{name: "RedisGrantStore", serverSide: true, apply: func(cfg *core.Config, rdb func() core.Store) {
			cfg.GrantStore = rdb()
		}},
		{name: "RedisStoreAndGrantStore", serverSide: true, apply: func(cfg *core.Config, rdb func() core.Store) {
			store := rdb()
			cfg.Store, cfg.GrantStore = store, store
		}},
		{name: "CookieStore", apply: func(*core.Config, func() core.Store) {}},
	}
}

// keptServer serves a keptApp's routes with client on ln, on one
// framework.
type keptServer func(t *testing.T, a *keptApp, client *core.Client, ln net.Listener)

// keptApp is a Fiber (v2 or v3) app, served on a loopback listener, whose
// /detach handler keeps the request's API client in a goroutine and
// returns.
type keptApp struct {
	client *core.Client
	fake   *rememberizertest.Server
	clock  *testclock.Clock
	addr   string
	opts   keptOptions
	// gate, opened by release, lets the goroutine go on; result receives
	// what it got.
	gate    chan struct{}
	release func()
	result  chan error
}

// keptOptions shape what /detach's handler does.
type keptOptions struct {
	// disconnected: the user disconnects the app at Rememberizer while
	// the handler runs (after the middleware, once the client was taken).
	// The token expires then in any case.
	disconnected bool
	// release has the handler release the goroutine just before it
	// returns, so that the two race; with yield the handler then yields,
	// and the goroutine mostly starts first.
	release, yield bool
}

// newKeptApp serves with serve, behind RequireRememberizer:
//   - GET /detach: takes the request's API client (client.API), starts a
//     goroutine that waits for the gate and then calls the mementos API
//     with it, and answers "started";
//   - GET /private: answers "user=ID";
//
// and, public: GET /visitor, which opens the gate and waits for the
// goroutine's result, and GET /public.
func newKeptApp(t *testing.T, serve keptServer, stores keptStores, rdb func() core.Store, opts keptOptions) *keptApp {
	t.Helper()
	a := &keptApp{
		clock:  testclock.New(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)),
		opts:   opts,
		gate:   make(chan struct{}),
		result: make(chan error, 1),
	}
	a.release = sync.OnceFunc(func() { close(a.gate) })
	a.fake = rememberizertest.NewServer(rememberizertest.Config{Now: a.clock.Now, DetectReuse: true})
	t.Cleanup(a.fake.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a.addr = ln.Addr().String()
	cfg := core.Config{
		ClientID:     a.fake.ClientID(),
		ClientSecret: a.fake.ClientSecret(),
		RedirectURL:  "http://" + a.addr + "/auth/rememberizer/callback",
		SessionKeys:  [][]byte{[]byte("\xc6\xee\x93\x33\x06\x3d\x29\x92\x39\x16\x6a\xee\xc0\x04\x42\x66\xe6\x78\xdc\x36\xca\xa5\x72\xda\xe6\x2c\x59\xcf\x1e\xe4\xe9\xad")},
		BaseURL:      a.fake.URL,
		Now:          a.clock.Now,
		Logger:       slog.New(slog.DiscardHandler),
	}
	stores.apply(&cfg, rdb)
	c, err := core.New(cfg)
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	a.client = c
	serve(t, a, c, ln)
	return a
}

// serveKeptFiber serves a's routes on Fiber v2.
func serveKeptFiber(t *testing.T, a *keptApp, c *core.Client, ln net.Listener) {
	app := fiber.New(fiber.Config{DisableStartupMessage: true, ReadBufferSize: fibermw.ReadBufferSize})
	fibermw.Mount(app, c)
	protect := fibermw.RequireRememberizer(c)
	app.Get("/detach", protect, func(ctx *fiber.Ctx) error {
		a.detach(ctx.UserContext())
		return ctx.SendString("started")
	})
	app.Get("/private", protect, func(ctx *fiber.Ctx) error {
		u, _ := core.UserFrom(ctx.UserContext())
		return ctx.SendString("user=" + u.ID)
	})
	app.Get("/visitor", func(ctx *fiber.Ctx) error {
		a.visitor()
		return ctx.SendString("visitor")
	})
	app.Get("/public", func(ctx *fiber.Ctx) error { return ctx.SendString("public") })
	go app.Listener(ln)
	t.Cleanup(func() { app.Shutdown() })
}

// detach is /detach's handler: it takes the API client of the request
// whose context is ctx, and starts the goroutine that keeps it.
func (a *keptApp) detach(ctx context.Context) {
	rc, err := a.client.API(ctx)
	if a.opts.disconnected {
		a.fake.Disconnect("42")
	}
	a.clock.Advance(time.Hour + time.Minute) // the token has expired
	go func() {
		defer func() {
			if p := recover(); p != nil {
				a.result <- fmt.Errorf("the goroutine panicked: %v", p)
			}
		}()
		<-a.gate
		if err == nil {
			err = adaptertest.GetMementos(context.Background(), rc)
		}
		a.result <- err
	}()
	if a.opts.release {
		a.release()
		if a.opts.yield {
			runtime.Gosched()
		}
	}
}

// visitor is /visitor's handler: it opens the gate and waits for the
// goroutine's result.
func (a *keptApp) visitor() {
	a.release()
	select {
	case err := <-a.result:
		a.result <- err // for the test to read
	case <-time.After(10 * time.Second):
	}
}

// signIn signs a browser in to the app as user 42 and returns its
// session cookie.
func (a *keptApp) signIn(t *testing.T) *http.Cookie {
	t.Helper()
	base := "http://" + a.addr
	hc, err := a.fake.SignIn(base+"/auth/rememberizer/login", "42")
	if err != nil {
		t.Fatalf("sign-in: %v", err)
	}
	u, _ := url.Parse(base)
	for _, c := range hc.Jar.Cookies(u) {
		if strings.HasSuffix(c.Name, "_session") {
			return c
		}
	}
	t.Fatal("the sign-in left no session cookie")
	return nil
}

// goroutineResult returns what the goroutine got.
func (a *keptApp) goroutineResult(t *testing.T) error {
	t.Helper()
	select {
	case err := <-a.result:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("the goroutine never reported")
		return nil
	}
}

// conn is a raw keep-alive connection to the app: the test decides when
// requests are written and when responses are read.
type conn struct {
	t  *testing.T
	nc net.Conn
	br *bufio.Reader
}

func (a *keptApp) dial(t *testing.T) *conn {
	t.Helper()
	nc, err := net.Dial("tcp", a.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	nc.SetDeadline(time.Now().Add(20 * time.Second))
	return &conn{t: t, nc: nc, br: bufio.NewReader(nc)}
}

// write sends GET requests for paths in one write, so that the server
// reads them together (pipelined), each with session's cookie if any.
func (c *conn) write(session *http.Cookie, paths ...string) {
	c.t.Helper()
	var raw []byte
	for _, p := range paths {
		raw = fmt.Appendf(raw, "GET %s HTTP/1.1\r\nHost: app.test\r\nAccept: text/html\r\n", p)
		if session != nil {
			raw = fmt.Appendf(raw, "Cookie: %s=%s\r\n", session.Name, session.Value)
		}
		raw = append(raw, "\r\n"...)
	}
	if _, err := c.nc.Write(raw); err != nil {
		c.t.Fatal(err)
	}
}

// arrived waits until the first byte of the next response is there, and
// reads nothing: the server has written the response (so the handler
// chain has returned), and the client has not read it.
func (c *conn) arrived() {
	c.t.Helper()
	if _, err := c.br.Peek(1); err != nil {
		c.t.Fatalf("waiting for a response: %v", err)
	}
}

// read reads the next response whole.
func (c *conn) read() response {
	c.t.Helper()
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		c.t.Fatalf("reading a response: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

// keptOrder is when the goroutine calls the API, as the test client
// reads the responses slowly.
type keptOrder struct {
	name string
	// release and yield are keptOptions'; with release, the goroutine
	// may run before the scope ends, or after.
	release, yield bool
	// run makes the requests, on c and on other connections, and returns
	// /detach's response and the other visitor's.
	run func(t *testing.T, a *keptApp, c *conn, session *http.Cookie) (detach, visitor response)
}

func keptOrders() []keptOrder {
	return []keptOrder{
		// The goroutine runs once /detach's response was written and
		// while it sits unread, released by a visitor on another
		// connection, who may be handed the same pooled *fiber.Ctx.
		{name: "ResponseUnread", run: func(t *testing.T, a *keptApp, c *conn, session *http.Cookie) (response, response) {
			c.write(session, "/detach")
			c.arrived()
			other := a.dial(t)
			other.write(nil, "/visitor")
			visitor := other.read()
			return c.read(), visitor
		}},
		// A second request, pipelined on the same connection, is served
		// on the same fasthttp request context while the goroutine runs,
		// before the first response is flushed (fasthttp flushes once no
		// pipelined request is waiting).
		{name: "SecondRequestOnTheConnection", run: func(t *testing.T, a *keptApp, c *conn, session *http.Cookie) (response, response) {
			c.write(session, "/detach", "/visitor")
			c.arrived()
			detach := c.read()
			return detach, c.read()
		}},
		// The handler releases the goroutine as it returns: the
		// goroutine's refresh races with the end of the scope, which it
		// mostly loses...
		{name: "WhileTheHandlerReturns", release: true, run: racedRequests},
		// ... and mostly wins when the handler yields first: then the
		// response waits for the refresh and carries its outcome.
		{name: "BeforeTheHandlerReturns", release: true, yield: true, run: racedRequests},
	}
}

// racedRequests sends /detach on c, whose handler releases the goroutine,
// and then a visitor's request on another connection.
func racedRequests(t *testing.T, a *keptApp, c *conn, session *http.Cookie) (response, response) {
	c.write(session, "/detach")
	detach := c.read()
	other := a.dial(t)
	other.write(nil, "/visitor")
	return detach, other.read()
}

// A protected handler hands the request's API client to a goroutine and
// returns; the user's token then expires and, in some cases, the user
// disconnects the app at Rememberizer. The test client reads the
// responses slowly, and the goroutine calls the API meanwhile (see
// keptOrders). In every store configuration: nothing panics, later
// requests are served, no Set-Cookie reaches the other visitor's response,
// and the goroutine gets the refusal (wrapping ErrReauthRequired or
// ErrGrantRevoked) or succeeds; a refresh token is spent only where its
// successor is kept, so with tokens in the cookie none is spent once the
// response has gone (ErrRequestEnded) (SECURITY.md S22, S28).
func TestClientKeptPastTheResponse(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	var prefixes atomic.Int32
	rdb := func(t *testing.T) func() core.Store {
		return func() core.Store {
			c := redis.NewClient(&redis.Options{Addr: srv.Addr})
			t.Cleanup(func() { c.Close() })
			s, err := redisstore.New(redisstore.Config{Client: c, Prefix: "kept" + strconv.Itoa(int(prefixes.Add(1))) + ":"})
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	for _, fw := range []struct {
		name  string
		serve keptServer
	}{{"Fiber", serveKeptFiber}, {"Fiber3", serveKeptFiber3}} {
		for _, stores := range keptStoreConfigs() {
			for _, order := range keptOrders() {
				for _, disconnected := range []bool{false, true} {
					name := fw.name + "/" + stores.name + "/" + order.name + "/StillConnected"
					if disconnected {
						name = fw.name + "/" + stores.name + "/" + order.name + "/Disconnected"
					}
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						a := newKeptApp(t, fw.serve, stores, rdb(t), keptOptions{disconnected: disconnected, release: order.release, yield: order.yield})
						session := a.signIn(t)
						c := a.dial(t)
						detach, visitor := order.run(t, a, c, session)
						if detach.status != http.StatusOK || detach.body != "started" {
							t.Fatalf("GET /detach: got %d %q, want 200 started", detach.status, detach.body)
						}
						if visitor.status != http.StatusOK || visitor.body != "visitor" {
							t.Fatalf("GET /visitor: got %d %q, want 200 visitor", visitor.status, visitor.body)
						}
						if sc := visitor.header.Values("Set-Cookie"); len(sc) != 0 {
							t.Fatalf("the other visitor's response carries Set-Cookie %q, want none", sc)
						}
						err := a.goroutineResult(t)
						expectKeptClientResult(t, a, stores, order, disconnected, err, detach)
						session = updated(session, detach) // as a browser would

						// The process serves on: the same connection, and a
						// new one.
						c.write(session, "/private")
						expectBrowserAfter(t, a, c, session, disconnected, c.read())
						fresh := a.dial(t)
						fresh.write(nil, "/public")
						if r := fresh.read(); r.status != http.StatusOK || r.body != "public" {
							t.Fatalf("a later request: got %d %q, want 200 public", r.status, r.body)
						}
					})
				}
			}
		}
	}
}

// updated returns the session cookie a browser holds after r: the one r
// set, nil if r expired it, else session.
func updated(session *http.Cookie, r response) *http.Cookie {
	for _, ck := range (&http.Response{Header: r.header}).Cookies() {
		if ck.Name == "rememberizer_session" {
			if ck.MaxAge < 0 {
				return nil
			}
			return ck
		}
	}
	return session
}

// expectKeptClientResult checks what the goroutine got, and what it cost
// at Rememberizer; detach is /detach's response.
func expectKeptClientResult(t *testing.T, a *keptApp, stores keptStores, order keptOrder, disconnected bool, err error, detach response) {
	t.Helper()
	calls, refreshes, reuse := a.fake.RefreshCalls(), a.fake.Refreshes(), a.fake.ReuseDetections()
	if reuse != 0 {
		t.Fatalf("reuse detections: got %d, want 0", reuse)
	}
	switch {
	case !stores.serverSide && calls == 0:
		// The new tokens could only travel in the gone response: nothing
		// is spent, whether the user disconnected or not.
		if !errors.Is(err, core.ErrRequestEnded) {
			t.Fatalf("goroutine: got %v after no refresh call, want ErrRequestEnded", err)
		}
		return
	case !stores.serverSide && !order.release:
		t.Fatalf("goroutine: got %v after %d refresh calls, want ErrRequestEnded after 0 (the response had gone)", err, calls)
	case !stores.serverSide:
		// The goroutine won the race: its refresh ran before the scope
		// ended, so the response waited for it and carries its outcome.
		ck := updated(&http.Cookie{Name: "rememberizer_session"}, detach)
		if ck == nil && !disconnected || ck != nil && (disconnected || ck.Value == "") {
			t.Fatalf("goroutine refreshed during the request: /detach's response set %q, want the new session (or, refused, the cookie expired)", detach.header.Values("Set-Cookie"))
		}
	}
	if disconnected {
		if !errors.Is(err, core.ErrReauthRequired) && !errors.Is(err, core.ErrGrantRevoked) {
			t.Fatalf("goroutine: got %v, want the refusal (ErrReauthRequired or ErrGrantRevoked)", err)
		}
		if calls != 1 || refreshes != 0 {
			t.Fatalf("goroutine: got %d refresh calls (%d successful), want 1 (refused)", calls, refreshes)
		}
		return
	}
	if err != nil {
		t.Fatalf("goroutine: got %v, want success (the new tokens are kept)", err)
	}
	if calls != 1 || refreshes != 1 {
		t.Fatalf("goroutine: got %d refresh calls (%d successful), want 1", calls, refreshes)
	}
}

// expectBrowserAfter checks the browser's own next request r, after the
// goroutine, on connection c: signed out if the user disconnected (with
// no further refresh call where the goroutine learned it), else served,
// on the goroutine's new tokens where it kept them and on one refresh of
// its own where it could not. Then, once the token expired again, the
// refresh with the refresh token the browser's session leads to succeeds:
// it is the newest (the strict fake revokes everything when a rotated-out
// one is sent).
func expectBrowserAfter(t *testing.T, a *keptApp, c *conn, session *http.Cookie, disconnected bool, r response) {
	t.Helper()
	if disconnected {
		if r.status != http.StatusFound {
			t.Fatalf("the browser's next request: got %d %q, want 302 to sign in", r.status, r.body)
		}
		if n := a.fake.RefreshCalls(); n != 1 {
			t.Fatalf("refresh calls after the browser's next request: got %d, want 1", n)
		}
		return
	}
	if r.status != http.StatusOK || r.body != "user=42" {
		t.Fatalf("the browser's next request: got %d %q, want 200 user=42", r.status, r.body)
	}
	if n := a.fake.RefreshCalls(); n != 1 {
		t.Fatalf("refresh calls after the browser's next request: got %d, want 1", n)
	}
	if session = updated(session, r); session == nil {
		t.Fatalf("the browser's next request was served but expired the session cookie")
	}
	a.clock.Advance(time.Hour + time.Minute)
	c.write(session, "/private")
	if r := c.read(); r.status != http.StatusOK || r.body != "user=42" {
		t.Fatalf("the browser after the next expiry: got %d %q, want 200 user=42", r.status, r.body)
	}
	if calls, refreshes, reuse := a.fake.RefreshCalls(), a.fake.Refreshes(), a.fake.ReuseDetections(); calls != 2 || refreshes != 2 || reuse != 0 {
		t.Fatalf("after the next expiry: got %d refresh calls, %d successful, %d reuse detections; want 2, 2, 0", calls, refreshes, reuse)
	}
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   string
}
