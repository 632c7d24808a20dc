// Command chart turns the benchmark output of this module into the
// tables of BENCHMARKS.md and the bar chart beside them.
//
//	go run ./cmd/chart -in results/bench.txt -svg chart.svg -md results/tables.md
//
// It takes the median of every benchmark's runs, subtracts each
// framework's bare handler (the floor) and divides the peers' added time
// by RequireRememberizer's.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	in := flag.String("in", "results/bench.txt", "benchmark output (go test -bench -benchmem)")
	svg := flag.String("svg", "chart.svg", "where to write the SVG chart")
	md := flag.String("md", "results/tables.md", "where to write the Markdown tables (- for stdout)")
	caption := flag.String("caption", "", "second line of the chart, e.g. the machine")
	flag.Parse()
	if err := run(*in, *svg, *md, *caption); err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(1)
	}
}

func run(in, svgPath, mdPath, caption string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	runs, err := Parse(f)
	f.Close()
	if err != nil {
		return err
	}
	if len(runs) == 0 {
		return fmt.Errorf("%s: no benchmark results", in)
	}
	res := Results(Summarize(runs))

	out, err := os.Create(svgPath)
	if err != nil {
		return err
	}
	WriteSVG(out, res, caption)
	if err := out.Close(); err != nil {
		return err
	}
	if mdPath == "-" {
		WriteTables(os.Stdout, res)
		return nil
	}
	md, err := os.Create(mdPath)
	if err != nil {
		return err
	}
	WriteTables(md, res)
	return md.Close()
}
