// Package parallel sends one request many times at once, for the tests
// that hold a flow to happening once however many requests race for it
// (one refresh, one code exchange).
package parallel

import (
	"sync"
	"testing"
)

// Statuses calls do(i) for every i in [0, n), each on its own goroutine,
// all at once, and returns the status each call got once all have
// returned. A call that fails with an error fails the test; its status
// stays 0.
func Statuses(tb testing.TB, n int, do func(i int) (int, error)) []int {
	tb.Helper()
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Go(func() {
			status, err := do(i)
			if err != nil {
				tb.Error(err)
				return
			}
			statuses[i] = status
		})
	}
	wg.Wait()
	return statuses
}
