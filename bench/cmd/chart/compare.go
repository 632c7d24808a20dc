package main

import "fmt"

// Framework is one group of BenchmarkX/lib=… results with a common floor.
type Framework struct {
	Bench string // benchmark function without "Benchmark"
	Key   string // fw= value in BenchmarkRedisPaired
	Title string
	Peers []string // peer lib keys, compared with RequireRememberizer
	// Target for RequireRememberizer with the default store.
	MaxAddedNs     float64
	MaxAddedAllocs float64
	MinRatio       float64
	RatioPeer      string // the peer the ratio target names
}

// Frameworks are the groups compared, in order.
var Frameworks = []Framework{
	{Bench: "NetHTTP", Key: "nethttp", Title: "net/http", Peers: []string{"gorilla-sessions", "goth-gothic", "scs-memstore"},
		MaxAddedNs: 2000, MaxAddedAllocs: 10, MinRatio: 10, RatioPeer: "gorilla-sessions"},
	{Bench: "Gin", Key: "gin", Title: "Gin", Peers: []string{"gin-contrib-sessions"},
		MaxAddedNs: 2000, MaxAddedAllocs: 10, MinRatio: 10, RatioPeer: "gin-contrib-sessions"},
	{Bench: "Fiber", Key: "fiber", Title: "Fiber", Peers: []string{"fiber-session"},
		MaxAddedNs: 1500, MaxAddedAllocs: 5, MinRatio: 10, RatioPeer: "fiber-session"},
	{Bench: "Fiber3", Key: "fiber3", Title: "Fiber v3", Peers: []string{"fiber3-session"},
		MaxAddedNs: 2000, MaxAddedAllocs: 10, MinRatio: 10, RatioPeer: "fiber3-session"},
	{Bench: "Echo5", Key: "echo5", Title: "Echo v5", Peers: []string{"gorilla-sessions"},
		MaxAddedNs: 2000, MaxAddedAllocs: 10, MinRatio: 10, RatioPeer: "gorilla-sessions"},
	{Bench: "Echo4", Key: "echo4", Title: "Echo v4", Peers: []string{"echo-contrib-session"},
		MaxAddedNs: 2000, MaxAddedAllocs: 10, MinRatio: 10, RatioPeer: "echo-contrib-session"},
}

// Stores are RequireRememberizer's stores, in order.
var Stores = []string{"rememberizer-cookie", "rememberizer-memory", "rememberizer-redis", "rememberizer-grant", "rememberizer-redis-grant"}

// Payloads are the token= values, in order.
var Payloads = []string{"opaque40", "jwt900"}

// MaxRedisOverhead is the Redis target: added time beyond one GET.
const MaxRedisOverhead = 3000

// LibTitle is how a lib key reads in tables and the chart.
func LibTitle(lib string) string {
	switch lib {
	case "bare":
		return "bare handler (floor)"
	case "rememberizer-cookie":
		return "RequireRememberizer, cookie store (default)"
	case "rememberizer-memory":
		return "RequireRememberizer, memory store"
	case "rememberizer-redis":
		return "RequireRememberizer, Redis store"
	case "rememberizer-grant":
		return "RequireRememberizer, cookie store + memory grant store"
	case "rememberizer-redis-grant":
		return "RequireRememberizer, Redis store + Redis grant store"
	case "gorilla-sessions":
		return "gorilla/sessions CookieStore"
	case "goth-gothic":
		return "goth/gothic GetFromSession"
	case "scs-memstore":
		return "scs LoadAndSave, memstore"
	case "gin-contrib-sessions":
		return "gin-contrib/sessions cookie"
	case "fiber-session":
		return "Fiber session middleware"
	case "fiber3-session":
		return "Fiber v3 session middleware"
	case "echo-contrib-session":
		return "echo-contrib session (gorilla cookie)"
	}
	return lib
}

// PayloadTitle is how a token= value reads.
func PayloadTitle(p string) string {
	switch p {
	case "opaque40":
		return "40-char opaque token"
	case "jwt900":
		return "900-byte JWT-like token"
	}
	return p
}

// Results are the medians of one run, with lookups by parts.
type Results map[string]Stat

// Read returns the median of fw's lib on payload ("" for the floor).
func (r Results) Read(fw, lib, payload string) (Stat, bool) {
	name := fw + "/lib=" + lib
	if payload != "" {
		name += "/token=" + payload
	}
	s, ok := r[name]
	return s, ok
}

// Added is what lib costs on top of fw's floor, for payload.
type Added struct {
	Ns, Allocs, Bytes float64
}

// Added returns lib's cost over fw's bare handler.
func (r Results) Added(fw, lib, payload string) (Added, bool) {
	floor, ok1 := r.Read(fw, "bare", "")
	s, ok2 := r.Read(fw, lib, payload)
	if !ok1 || !ok2 {
		return Added{}, false
	}
	return Added{Ns: s.NsOp - floor.NsOp, Allocs: s.AllocsOp - floor.AllocsOp, Bytes: s.BytesOp - floor.BytesOp}, true
}

// Ratio is peer's added time divided by lib's.
func (r Results) Ratio(fw, lib, peer, payload string) (float64, bool) {
	a, ok1 := r.Added(fw, lib, payload)
	p, ok2 := r.Added(fw, peer, payload)
	if !ok1 || !ok2 || a.Ns <= 0 {
		return 0, false
	}
	return p.Ns / a.Ns, true
}

// Verdict is one target checked against the results.
type Verdict struct {
	Target string
	Got    string
	Met    bool
}

// Verdicts checks every target of the issue that the micro-benchmarks
// decide (the load test is checked by run.sh).
func (r Results) Verdicts() []Verdict {
	var out []Verdict
	for _, fw := range Frameworks {
		for _, p := range Payloads {
			a, ok := r.Added(fw.Bench, "rememberizer-cookie", p)
			if !ok {
				continue
			}
			out = append(out, Verdict{
				Target: fmt.Sprintf("%s, %s: cookie store adds ≤ %s and ≤ %.0f allocs", fw.Title, PayloadTitle(p), micro(fw.MaxAddedNs), fw.MaxAddedAllocs),
				Got:    fmt.Sprintf("+%s, +%s allocs", micro(a.Ns), num(a.Allocs)),
				Met:    a.Ns <= fw.MaxAddedNs && a.Allocs <= fw.MaxAddedAllocs,
			})
			if ratio, ok := r.Ratio(fw.Bench, "rememberizer-cookie", fw.RatioPeer, p); ok {
				out = append(out, Verdict{
					Target: fmt.Sprintf("%s, %s: ≥ %.0f× less added time than %s", fw.Title, PayloadTitle(p), fw.MinRatio, LibTitle(fw.RatioPeer)),
					Got:    fmt.Sprintf("%.1f×", ratio),
					Met:    ratio >= fw.MinRatio,
				})
			}
		}
	}
	for _, fw := range Frameworks {
		for _, p := range Payloads {
			pr, ok := r.Paired(fw.Key, p)
			if !ok {
				continue
			}
			out = append(out, Verdict{
				Target: fmt.Sprintf("%s, %s: Redis store adds ≤ one GET round trip + 3 µs", fw.Title, PayloadTitle(p)),
				Got:    fmt.Sprintf("GET %s %s %s (paired)", micro(pr.Get), sign(pr.Beyond), micro(abs(pr.Beyond))),
				Met:    pr.Beyond <= MaxRedisOverhead,
			})
		}
	}
	return out
}

func sign(v float64) string {
	if v < 0 {
		return "−"
	}
	return "+"
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// Paired is one BenchmarkRedisPaired result: per round, a raw GET, the
// protected request with the Redis store, and the bare handler.
type Paired struct {
	Get, Store, Floor, Beyond float64
}

// Paired returns the medians of BenchmarkRedisPaired for fw and payload.
func (r Results) Paired(fw, payload string) (Paired, bool) {
	s, ok := r["RedisPaired/fw="+fw+"/token="+payload]
	if !ok || s.Extra == nil {
		return Paired{}, false
	}
	return Paired{Get: s.Extra["get-ns/op"], Store: s.Extra["store-ns/op"], Floor: s.Extra["floor-ns/op"], Beyond: s.Extra["beyond-get-ns/op"]}, true
}
