package main

import (
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"
)

// Chart geometry, in SVG user units.
const (
	chartWidth = 980
	labelWidth = 330
	plotWidth  = 520
	barHeight  = 11
	barGap     = 2
	rowGap     = 9
	groupGap   = 30
	topMargin  = 78
)

// Bar colours: one per payload.
var payloadColor = map[string]string{"opaque40": "#1f6feb", "jwt900": "#9ecbff"}

// WriteSVG draws, per framework, the time each library adds over the bare
// handler to read the session, for both payloads. The Redis store is left
// out: its bar would be a network round trip (see the tables).
func WriteSVG(w io.Writer, r Results, caption string) {
	type row struct {
		fw, lib string
		floor   Stat
		added   map[string]Added
	}
	var rows []row
	var groups []string
	maxNs := 0.0
	for _, fw := range Frameworks {
		libs := append([]string{"rememberizer-cookie", "rememberizer-memory"}, fw.Peers...)
		n := 0
		for _, lib := range libs {
			floor, _ := r.Read(fw.Bench, "bare", "")
			rw := row{fw: fw.Title, lib: lib, floor: floor, added: map[string]Added{}}
			for _, p := range Payloads {
				if a, ok := r.Added(fw.Bench, lib, p); ok {
					rw.added[p] = a
					maxNs = math.Max(maxNs, a.Ns)
				}
			}
			if len(rw.added) > 0 {
				rows = append(rows, rw)
				n++
			}
		}
		if n > 0 {
			groups = append(groups, fw.Title)
		}
	}
	step := tickStep(maxNs)
	axisMax := math.Ceil(maxNs/step) * step
	if axisMax <= 0 {
		axisMax = 1
	}
	x := func(ns float64) float64 { return labelWidth + math.Max(ns, 0)/axisMax*plotWidth }

	rowH := float64(len(Payloads)*(barHeight+barGap) + rowGap)
	height := float64(topMargin) + float64(len(rows))*rowH + float64(len(groups))*groupGap + 50

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%.0f" viewBox="0 0 %d %.0f" font-family="-apple-system,Segoe UI,Helvetica,Arial,sans-serif" font-size="12">`+"\n",
		chartWidth, height, chartWidth, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#ffffff"/>`+"\n")
	fmt.Fprintf(&b, `<text x="16" y="24" font-size="16" font-weight="600">Time added to read a signed-in session, over each framework's bare handler (median, µs, lower is better)</text>`+"\n")
	fmt.Fprintf(&b, `<text x="16" y="44" fill="#57606a">%s</text>`+"\n", html.EscapeString(caption))
	lx := float64(labelWidth)
	for _, p := range Payloads {
		fmt.Fprintf(&b, `<rect x="%.0f" y="54" width="12" height="12" fill="%s"/><text x="%.0f" y="64">%s</text>`+"\n", lx, payloadColor[p], lx+16, PayloadTitle(p))
		lx += 200
	}

	y := float64(topMargin)
	plotTop := y
	cur := ""
	for _, rw := range rows {
		if rw.fw != cur {
			cur = rw.fw
			y += groupGap
			fmt.Fprintf(&b, `<text x="16" y="%.0f" font-size="13"><tspan font-weight="600">%s</tspan><tspan fill="#57606a"> · bare handler %s ns, %s allocs</tspan></text>`+"\n",
				y-8, html.EscapeString(cur), num(rw.floor.NsOp), num(rw.floor.AllocsOp))
		}
		label := LibTitle(rw.lib)
		weight := ""
		if strings.HasPrefix(rw.lib, "rememberizer-") {
			weight = ` font-weight="600"`
		}
		fmt.Fprintf(&b, `<text x="%d" y="%.0f" text-anchor="end"%s>%s</text>`+"\n", labelWidth-8, y+barHeight+2, weight, html.EscapeString(label))
		by := y
		for _, p := range Payloads {
			a, ok := rw.added[p]
			if ok {
				wd := math.Max(x(a.Ns)-labelWidth, 1)
				fmt.Fprintf(&b, `<rect x="%d" y="%.0f" width="%.1f" height="%d" fill="%s"/>`, labelWidth, by, wd, barHeight, payloadColor[p])
				fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" font-size="11" fill="#24292f">%s · %s allocs</text>`+"\n",
					labelWidth+wd+5, by+barHeight-1, micro(a.Ns), num(a.Allocs))
			}
			by += barHeight + barGap
		}
		y += rowH
	}
	plotBottom := y
	for t := 0.0; t <= axisMax+step/2; t += step {
		tx := x(t)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="#d0d7de" stroke-dasharray="2,3"/>`, tx, plotTop+8, tx, plotBottom)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle" fill="#57606a">%s</text>`+"\n", tx, plotBottom+16, strconv.FormatFloat(t/1000, 'f', -1, 64))
	}
	fmt.Fprintf(&b, `<text x="%d" y="%.0f" text-anchor="middle" fill="#57606a">µs added per request</text>`+"\n", labelWidth+plotWidth/2, plotBottom+34)
	b.WriteString("</svg>\n")
	io.WriteString(w, b.String())
}

// tickStep picks a round axis step giving about five ticks.
func tickStep(max float64) float64 {
	if max <= 0 {
		return 1000
	}
	raw := max / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}
