package syncbuf_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rzauth/rememberizer-go/internal/syncbuf"
)

func TestConcurrentWrites(t *testing.T) {
	var b syncbuf.Buffer
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 100 {
				fmt.Fprintf(&b, "%d\n", i)
			}
		})
	}
	wg.Wait()
	if got := strings.Count(b.String(), "\n"); got != 800 {
		t.Fatalf("got %d lines, want 800", got)
	}
}
