package adaptertest

import (
	"net/url"
	"testing"

	"github.com/rzauth/rememberizer-go/internal/redistest"
)

// scenario is one behaviour every adapter must show, under every store
// configuration.
type scenario struct {
	name string
	opts Options
	run  func(t *testing.T, e *Env)
}

// scenarios lists every scenario of the suite, from the files of this
// package; add new ones there.
func scenarios() []scenario {
	var all []scenario
	all = append(all, signInScenarios()...)
	all = append(all, callbackScenarios()...)
	all = append(all, sessionScenarios()...)
	all = append(all, refreshScenarios()...)
	all = append(all, revocationScenarios()...)
	all = append(all, logoutScenarios()...)
	all = append(all, detachScenarios()...)
	all = append(all, cachingScenarios()...)
	all = append(all, cookieLineScenarios()...)
	all = append(all, hookScenarios()...)
	return all
}

// Run runs every scenario under every store configuration ([StoreSetups])
// against the adapter that serve stands for, as subtests named
// configuration/scenario, all in parallel. The configurations on Redis
// share one redis-server, started only if one of them runs; every
// environment keeps its keys under a prefix of its own.
func Run(t *testing.T, serve Serve) {
	runMatrix(t, serve, StoreSetups(), false)
}

// RunHTTP2 is [Run] over HTTP/2, for the adapters built on net/http
// (fasthttp speaks HTTP/1.1 only): every scenario under every store
// configuration, each environment checking first that its browsers do
// get HTTP/2.
func RunHTTP2(t *testing.T, serve Serve) {
	runMatrix(t, serve, StoreSetups(), true)
}

func runMatrix(t *testing.T, serve Serve, setups []StoreSetup, http2 bool) {
	redis := redistest.Shared(t)
	for _, setup := range setups {
		t.Run(setup.Name, func(t *testing.T) {
			t.Parallel()
			var srv *redistest.Server
			if setup.Redis {
				srv = redis(t)
			}
			for _, sc := range scenarios() {
				t.Run(sc.name, func(t *testing.T) {
					t.Parallel()
					opts := sc.opts
					opts.Setup, opts.redis = setup, srv
					opts.HTTP2 = opts.HTTP2 || http2
					e := NewEnv(t, serve, opts)
					if http2 {
						if r := e.NewBrowser().Nav("/public"); r.Proto != "HTTP/2.0" {
							t.Fatalf("got %s, want HTTP/2.0", r.Proto)
						}
					}
					sc.run(t, e)
				})
			}
		})
	}
}

func queryEscape(s string) string { return url.QueryEscape(s) }
