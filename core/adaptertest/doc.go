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
// OptionalRememberizer; [Run] does the rest, and [RunHTTP2] too for a
// server that speaks HTTP/2 (net/http does; fasthttp, under Fiber, does
// not). [ServeNetHTTP], the driver for package nethttp, is one to start
// from: an adapter of another framework serves the same routes with its
// own router, and its hooks' Config reports to the [App]'s [Hooks];
// internal/conformance/gin_test.go and fiber_test.go in this repository
// are the drivers for Gin and Fiber.
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
// Setup that sets it in the configuration (the built-in ones run too),
// here on net/http:
//
//	func TestBehaviourOnMyStore(t *testing.T) {
//		adaptertest.Run(t, adaptertest.ServeNetHTTP, adaptertest.Setup{
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
