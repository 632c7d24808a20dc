package adaptertest

import (
	"net/url"
	"testing"
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
	all = append(all, wiringScenarios()...)
	return all
}

// Run runs every scenario against the adapter that serve stands for,
// under each store configuration of [BuiltinSetups] and then of setups,
// as subtests named configuration/scenario, all in parallel.
func Run(t *testing.T, serve Serve, setups ...Setup) {
	runMatrix(t, serve, setups, false)
}

// RunHTTP2 is [Run] over HTTP/2, for adapters built on net/http
// (fasthttp speaks HTTP/1.1 only): every scenario under every store
// configuration, each environment checking first that its browsers do
// get HTTP/2.
func RunHTTP2(t *testing.T, serve Serve, setups ...Setup) {
	runMatrix(t, serve, setups, true)
}

func runMatrix(t *testing.T, serve Serve, extra []Setup, http2 bool) {
	setups := append(BuiltinSetups(), extra...)
	seen := map[string]bool{}
	for _, setup := range setups {
		if setup.Name == "" || seen[setup.Name] {
			t.Fatalf("adaptertest: store configuration name %q is empty or used twice; every Setup needs a name of its own", setup.Name)
		}
		seen[setup.Name] = true
	}
	for _, setup := range setups {
		t.Run(setup.Name, func(t *testing.T) {
			t.Parallel()
			for _, sc := range scenarios() {
				t.Run(sc.name, func(t *testing.T) {
					t.Parallel()
					opts := sc.opts
					opts.Setup = setup
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
