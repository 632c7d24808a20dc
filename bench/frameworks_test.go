package bench

import (
	"net/http"
	"testing"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
)

// peer is a session library a framework's benchmark compares against:
// its sub-benchmark name (lib=<name>/token=<payload>) and the benchmark
// of one payload.
type peer struct {
	name string
	run  func(b *testing.B, p provider.Payload)
}

// framework is one framework's harness: bare and protected return a
// function serving GET /private once, as [loop] wants, without and behind
// RequireRememberizer.
type framework struct {
	name      string
	bare      func(*testing.B) func()
	protected func(testing.TB, *core.Client, *http.Cookie) func()
}

// frameworks are the harnesses, for the benchmarks and tests that
// run on each.
var frameworks = []framework{
	{"nethttp", netHTTPBare, netHTTPProtected},
	{"gin", ginBare, ginProtected},
	{"fiber", fiberBare, fiberProtected},
	{"fiber3", fiber3Bare, fiber3Protected},
	{"echo5", echo5Bare, echo5Protected},
	{"echo4", echo4Bare, echo4Protected},
}

// benchFramework runs one framework's sub-benchmarks in a fixed order:
// lib=bare (the floor), lib=rememberizer-<store>/token=<payload> for every
// store and payload, then lib=<peer>/token=<payload> for each peer and
// payload. bare and protected are as in [framework]. Each
// RequireRememberizer benchmark also reports finds/op: the reads of its
// server-side stores per protected request (0 for the cookie store).
func benchFramework(b *testing.B, bare func(*testing.B) func(), protected func(testing.TB, *core.Client, *http.Cookie) func(), peers ...peer) {
	b.Run("lib=bare", func(b *testing.B) { loop(b, bare(b)) })
	for _, kind := range storeKinds {
		for _, p := range provider.Payloads {
			b.Run("lib=rememberizer-"+kind+"/token="+p.Name, func(b *testing.B) {
				c, reads := clientFor(b, p, kind)
				serve := protected(b, c, signIn(b, c))
				before := reads.total()
				loop(b, serve)
				b.ReportMetric(float64(reads.total().finds-before.finds)/float64(b.N), "finds/op")
			})
		}
	}
	for _, pr := range peers {
		for _, p := range provider.Payloads {
			b.Run("lib="+pr.name+"/token="+p.Name, func(b *testing.B) { pr.run(b, p) })
		}
	}
}
