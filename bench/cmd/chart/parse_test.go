package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		name string
		line string
		want Run
		ok   bool
	}{
		{
			name: "benchmem",
			line: "BenchmarkNetHTTP/lib=rememberizer-cookie/token=opaque40-2  \t  861524\t      1389 ns/op\t    1512 B/op\t       9 allocs/op",
			want: Run{Name: "NetHTTP/lib=rememberizer-cookie/token=opaque40", Procs: 2, N: 861524, NsOp: 1389, BytesOp: 1512, AllocsOp: 9},
			ok:   true,
		},
		{
			name: "fractional ns and no procs suffix",
			line: "BenchmarkFiber/lib=bare 5000000 288.1 ns/op 0 B/op 0 allocs/op",
			want: Run{Name: "Fiber/lib=bare", Procs: 1, N: 5000000, NsOp: 288.1},
			ok:   true,
		},
		{
			name: "without benchmem",
			line: "BenchmarkRedisGET/token=jwt900-8 20000 61234 ns/op",
			want: Run{Name: "RedisGET/token=jwt900", Procs: 8, N: 20000, NsOp: 61234},
			ok:   true,
		},
		{
			name: "custom metrics",
			line: "BenchmarkRedisPaired/fw=gin/token=jwt900-2  8905  115574 ns/op  5906 beyond-get-ns/op  604.5 floor-ns/op  6681 B/op  28 allocs/op",
			want: Run{Name: "RedisPaired/fw=gin/token=jwt900", Procs: 2, N: 8905, NsOp: 115574, BytesOp: 6681, AllocsOp: 28,
				Extra: map[string]float64{"beyond-get-ns/op": 5906, "floor-ns/op": 604.5}},
			ok: true,
		},
		{name: "header", line: "goos: linux"},
		{name: "pass", line: "PASS"},
		{name: "ok line", line: "ok  \tgithub.com/rzauth/rememberizer-go/bench\t312.4s"},
		{name: "skip message", line: "BenchmarkGin/lib=rememberizer-redis/token=opaque40-2 --- SKIP"},
		{name: "name only", line: "BenchmarkNetHTTP/lib=bare-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseLine(tt.line)
			if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSummarizeTakesMedians(t *testing.T) {
	in := strings.Join([]string{
		"BenchmarkGin/lib=bare-2 100 300 ns/op 48 B/op 1 allocs/op",
		"BenchmarkGin/lib=bare-2 100 100 ns/op 48 B/op 1 allocs/op",
		"BenchmarkGin/lib=bare-2 100 200 ns/op 48 B/op 1 allocs/op",
		"BenchmarkGin/lib=bare-2 100 900 ns/op 48 B/op 1 allocs/op",
		"BenchmarkGin/lib=x/token=opaque40-2 100 5 ns/op 0 B/op 0 allocs/op",
		"BenchmarkRedisPaired/fw=gin/token=opaque40-2 100 9 ns/op 1 get-ns/op",
		"BenchmarkRedisPaired/fw=gin/token=opaque40-2 100 9 ns/op 3 get-ns/op",
	}, "\n")
	runs, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(runs)
	if got := s["Gin/lib=bare"]; got.Count != 4 || got.NsOp != 250 || got.AllocsOp != 1 {
		t.Fatalf("got %+v, want 4 runs, median 250 ns/op, 1 alloc", got)
	}
	if got := s["RedisPaired/fw=gin/token=opaque40"].Extra["get-ns/op"]; got != 2 {
		t.Fatalf("got median get-ns/op %v, want 2", got)
	}
	if got := Key("Gin/lib=x/token=opaque40", "token"); got != "opaque40" {
		t.Fatalf("got token %q, want opaque40", got)
	}
	if got := Key("Gin/lib=bare", "token"); got != "" {
		t.Fatalf("got token %q, want none", got)
	}
}
