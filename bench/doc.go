// Package bench compares the cost of reading a signed-in session with
// RequireRememberizer against the bare handler of each framework and
// against the session libraries Go apps commonly use, on the same payload
// and in the same run, with each store configuration; it counts the
// store reads each protected request makes (finds/op).
//
// It is its own module, so the libraries it compares with never become
// dependencies of rememberizer-go. The benchmarks run only with -bench;
// run.sh runs everything and writes results/ and chart.svg. See
// BENCHMARKS.md at the repository root for the results.
package bench
