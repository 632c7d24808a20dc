package adaptertest

import (
	"net/url"
	"testing"
)

// scenario is one behaviour every adapter must show.
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
	all = append(all, logoutScenarios()...)
	all = append(all, detachScenarios()...)
	all = append(all, cachingScenarios()...)
	all = append(all, cookieLineScenarios()...)
	all = append(all, hookScenarios()...)
	return all
}

// Run runs every scenario against the adapter that serve stands for.
func Run(t *testing.T, serve Serve) {
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			e := NewEnv(t, serve, sc.opts)
			sc.run(t, e)
		})
	}
}

func queryEscape(s string) string { return url.QueryEscape(s) }
