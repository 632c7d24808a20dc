package main

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Run is one benchmark result line.
type Run struct {
	// Name is the full name without the "Benchmark" prefix and without the
	// GOMAXPROCS suffix, e.g. "NetHTTP/lib=bare".
	Name     string
	Procs    int
	N        int64
	NsOp     float64
	BytesOp  float64
	AllocsOp float64
	// Extra holds metrics reported with b.ReportMetric, by unit.
	Extra map[string]float64
}

// ParseLine parses one line of `go test -bench -benchmem` output. ok is
// false for any other line.
func ParseLine(line string) (r Run, ok bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
		return Run{}, false
	}
	n, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return Run{}, false
	}
	r.Name, r.Procs = splitProcs(strings.TrimPrefix(f[0], "Benchmark"))
	r.N = n
	seen := false
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return Run{}, false
		}
		switch f[i+1] {
		case "ns/op":
			r.NsOp, seen = v, true
		case "B/op":
			r.BytesOp = v
		case "allocs/op":
			r.AllocsOp = v
		default:
			if r.Extra == nil {
				r.Extra = map[string]float64{}
			}
			r.Extra[f[i+1]] = v
		}
	}
	return r, seen
}

// splitProcs removes the "-N" GOMAXPROCS suffix the testing package adds.
func splitProcs(name string) (string, int) {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name, 1
	}
	p, err := strconv.Atoi(name[i+1:])
	if err != nil || p <= 0 {
		return name, 1
	}
	return name[:i], p
}

// Parse reads every result line of r.
func Parse(r io.Reader) ([]Run, error) {
	var runs []Run
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if run, ok := ParseLine(sc.Text()); ok {
			runs = append(runs, run)
		}
	}
	return runs, sc.Err()
}

// Stat is the median of every run of one benchmark.
type Stat struct {
	Name     string
	Count    int
	NsOp     float64
	BytesOp  float64
	AllocsOp float64
	Extra    map[string]float64
}

// Summarize groups runs by name and takes medians, as benchstat does.
func Summarize(runs []Run) map[string]Stat {
	by := map[string][]Run{}
	for _, r := range runs {
		by[r.Name] = append(by[r.Name], r)
	}
	out := make(map[string]Stat, len(by))
	for name, rs := range by {
		pick := func(get func(Run) float64) float64 {
			v := make([]float64, len(rs))
			for i, r := range rs {
				v[i] = get(r)
			}
			return median(v)
		}
		st := Stat{
			Name:     name,
			Count:    len(rs),
			NsOp:     pick(func(r Run) float64 { return r.NsOp }),
			BytesOp:  pick(func(r Run) float64 { return r.BytesOp }),
			AllocsOp: pick(func(r Run) float64 { return r.AllocsOp }),
		}
		for unit := range rs[0].Extra {
			if st.Extra == nil {
				st.Extra = map[string]float64{}
			}
			st.Extra[unit] = pick(func(r Run) float64 { return r.Extra[unit] })
		}
		out[name] = st
	}
	return out
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m]
	}
	return (v[m-1] + v[m]) / 2
}

// Key returns the value of key in a name's "key=value" parts, or "".
func Key(name, key string) string {
	for _, part := range strings.Split(name, "/") {
		if k, v, ok := strings.Cut(part, "="); ok && k == key {
			return v
		}
	}
	return ""
}
