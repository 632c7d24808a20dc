package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteTables writes the results as Markdown tables: per framework,
// every library with its added cost over the floor and, for
// RequireRememberizer, how many times more the peers add; then the
// sign-in and refresh costs, the Redis round trip, and the targets.
func WriteTables(w io.Writer, r Results) {
	for _, fw := range Frameworks {
		floor, ok := r.Read(fw.Bench, "bare", "")
		if !ok {
			continue
		}
		fmt.Fprintf(w, "### %s (floor: bare handler, %s ns/op, %s allocs/op)\n\n", fw.Title, num(floor.NsOp), num(floor.AllocsOp))
		head := []string{"library", "payload", "ns/op", "B/op", "allocs/op", "added time", "added allocs"}
		align := []string{"---", "---", "---:", "---:", "---:", "---:", "---:"}
		for _, p := range fw.Peers {
			head = append(head, LibTitle(p)+" adds")
			align = append(align, "---:")
		}
		fmt.Fprintf(w, "| %s |\n|%s|\n", strings.Join(head, " | "), strings.Join(align, "|"))
		fmt.Fprintf(w, "| %s | – | %s | %s | %s | – | – |%s\n", LibTitle("bare"), num(floor.NsOp), num(floor.BytesOp), num(floor.AllocsOp),
			strings.Repeat(" |", len(fw.Peers)))
		libs := append(append([]string{}, Stores...), fw.Peers...)
		for _, lib := range libs {
			for _, p := range Payloads {
				s, ok := r.Read(fw.Bench, lib, p)
				if !ok {
					continue
				}
				a, _ := r.Added(fw.Bench, lib, p)
				name := LibTitle(lib)
				if strings.HasPrefix(lib, "rememberizer-") {
					name = "**" + name + "**"
				}
				row := []string{name, PayloadTitle(p), num(s.NsOp), num(s.BytesOp), num(s.AllocsOp), "+" + micro(a.Ns), "+" + num(a.Allocs)}
				for _, peer := range fw.Peers {
					cell := "–"
					if strings.HasPrefix(lib, "rememberizer-") && !strings.HasPrefix(lib, "rememberizer-redis") {
						if ratio, ok := r.Ratio(fw.Bench, lib, peer, p); ok {
							cell = fmt.Sprintf("%.1f×", ratio)
						}
					}
					row = append(row, cell)
				}
				fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
			}
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "### Sign-in callback and refresh (net/http, cookie store, provider in-process)\n\n")
	fmt.Fprintf(w, "| request | payload | ns/op | B/op | allocs/op |\n|---|---|---:|---:|---:|\n")
	for _, step := range []struct{ key, title string }{
		{"callback", "callback: state check, code exchange, account fetch, new session"},
		{"refresh", "protected request that refreshes the access token"},
	} {
		for _, p := range Payloads {
			if s, ok := r["SignIn/step="+step.key+"/token="+p]; ok {
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", step.title, PayloadTitle(p), num(s.NsOp), num(s.BytesOp), num(s.AllocsOp))
			}
		}
	}
	fmt.Fprintln(w)

	fmt.Fprintf(w, "### Redis store vs one Redis GET, paired (same rounds, back to back)\n\n")
	fmt.Fprintf(w, "| framework | payload | raw GET (go-redis, loopback) | protected request, Redis store | bare handler | beyond the GET |\n|---|---|---:|---:|---:|---:|\n")
	for _, fw := range Frameworks {
		for _, p := range Payloads {
			if pr, ok := r.Paired(fw.Key, p); ok {
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s%s |\n", fw.Title, PayloadTitle(p), micro(pr.Get), micro(pr.Store), micro(pr.Floor), sign(pr.Beyond), micro(abs(pr.Beyond)))
			}
		}
	}
	fmt.Fprintf(w, "\nBeyond the GET = protected request − bare handler − raw GET, per round.\n\n")
	for _, p := range Payloads {
		if s, ok := r["RedisGET/token="+p]; ok {
			fmt.Fprintf(w, "- unpaired, for reference: one GET alone (%s) takes %s, %s allocs/op\n", PayloadTitle(p), micro(s.NsOp), num(s.AllocsOp))
		}
	}
	fmt.Fprintln(w)

	fmt.Fprintf(w, "### Targets (medians of this run)\n\n| target | result | |\n|---|---|---|\n")
	for _, v := range r.Verdicts() {
		mark := "met"
		if !v.Met {
			mark = "**missed**"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", v.Target, v.Got, mark)
	}
}

// num formats a count or ns value: thousands separated, no decimals
// above 100, one decimal below.
func num(v float64) string {
	if math.Abs(v) < 100 && v != math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// micro formats nanoseconds as microseconds.
func micro(ns float64) string {
	us := ns / 1000
	switch {
	case math.Abs(us) >= 100:
		return strconv.FormatFloat(us, 'f', 0, 64) + " µs"
	case math.Abs(us) >= 10:
		return strconv.FormatFloat(us, 'f', 1, 64) + " µs"
	}
	return strconv.FormatFloat(us, 'f', 2, 64) + " µs"
}
