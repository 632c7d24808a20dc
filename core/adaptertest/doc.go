// Package adaptertest is the behaviour suite every adapter of package
// core runs: the same scenarios (sign-in, the callback's refusals,
// sessions, refresh, revocation, logout, caching, cookie lines, the error
// hooks, an API client kept past its request), through a real listener
// and a cookie-keeping browser, against the fake Rememberizer of package
// rememberizertest, so that every adapter behaves the same down to status
// codes and cookie attributes. It is to adapters what core/storetest is to
// stores: nethttp, ginmw and fibermw run it, and an adapter for another
// framework, in a module or repository of its own, runs it the same way.
//
// # Running it
//
// The adapter's test supplies a [Serve] function that serves, on the
// listener it is given, the small standard app described at [Serve],
// built with the adapter's Mount, RequireRememberizer and
// OptionalRememberizer; [Run] does the rest. The driver for package
// nethttp, which an adapter of another net/http-based framework follows
// with its own router:
//
//	func serve(t *testing.T, c *core.Client, ln net.Listener, app *adaptertest.App) {
//		mux := http.NewServeMux()
//		cfg := hookConfig(app.Hooks) // the adapter's Config with recording hooks, or none
//		nethttp.Mount(mux, c, cfg...)
//		protect := nethttp.RequireRememberizer(c, cfg...)
//		mux.HandleFunc("GET /public", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "public") })
//		mux.Handle("/private", protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
//			u, _ := core.UserFrom(r.Context())
//			io.WriteString(w, "user="+u.ID+" email="+u.Email)
//		})))
//		otherRoutes(mux, c, app, protect) // GET /api/me, /mementos, /cached, /optional, /detach, /visitor
//		srv := &http.Server{Handler: mux}
//		go srv.Serve(ln)
//		t.Cleanup(func() { srv.Close() })
//	}
//
// The adapter's test calls [Run] with it, and [RunHTTP2] too for a server
// that speaks HTTP/2 (net/http does; fasthttp, under Fiber, does not).
// internal/conformance/nethttp_test.go, gin_test.go and fiber_test.go in
// this repository are complete drivers to start from, every route and the
// hooks' Config included.
//
// Each scenario runs in an environment of its own ([Env]: the app, its
// [core.Client] and a fake Rememberizer sharing a test clock), as a
// parallel subtest named configuration/scenario. A scenario with hooks
// gives [Serve] an [App] whose [Hooks] the adapter's ErrorHandler and
// UnauthorizedHandler must report to, answering [HookStatus].
//
// # Store configurations
//
// What the middleware promises holds wherever sessions and tokens are
// kept, so every scenario runs under each store configuration, a [Setup]:
// those of [BuiltinSetups] (the sealed cookie, a memory session store, a
// memory grant store), which need nothing, and any the caller adds. A
// store in another module (on Redis, on a database) joins by passing a
// Setup that sets it in the configuration (the built-in ones run too):
//
//	func TestBehaviourOnMyStore(t *testing.T) {
//		adaptertest.Run(t, serve, adaptertest.Setup{
//			Name:         "my-store",
//			SessionStore: true, // Apply sets Config.Store
//			Apply: func(t testing.TB, c *core.Config) {
//				c.Store = newMyStore(t, c.Now) // empty, or keys under a prefix of t.Name()
//			},
//		})
//	}
//
// Where a promise shows differently in one configuration, such as
// whether a refresh sends the session cookie again, the scenario reads
// the Setup's flags ([Env.Setup]), so they must say what Apply does; a
// scenario that cannot apply to a configuration skips it, saying why.
//
// # Helpers
//
// [SignedIn], [BenchHTTP], [OfflineClient] and [GetMementos] serve an
// adapter's or a store's own tests and benchmarks; [NewEnv] and [Browser]
// build one environment for a test of one's own.
package adaptertest
