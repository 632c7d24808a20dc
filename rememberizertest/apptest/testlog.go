package apptest

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// testLogger returns a logger writing to t's log, for the app under test:
// its lines show with go test -v or when the test fails. Lines written
// after the test ended (by a goroutine the app left running) are dropped,
// since t.Log then panics.
func testLogger(t testing.TB) *slog.Logger {
	w := &testWriter{t: t}
	t.Cleanup(w.end) // registered first, so it runs after the app is closed
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

type testWriter struct {
	mu    sync.Mutex
	t     testing.TB
	ended bool
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.ended {
		w.t.Log(strings.TrimSuffix(string(p), "\n"))
	}
	return len(p), nil
}

func (w *testWriter) end() {
	w.mu.Lock()
	w.ended = true
	w.mu.Unlock()
}
