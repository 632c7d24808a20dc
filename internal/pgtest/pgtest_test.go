package pgtest_test

import (
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/internal/pgtest"
)

// The server listens while it runs, not after Stop, and again after
// Restart, on the same port.
func TestStartStopRestart(t *testing.T) {
	s := pgtest.Start(t)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port))
	dial := func() error {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err
	}
	if err := dial(); err != nil {
		t.Fatalf("running: %v", err)
	}
	s.Stop()
	if dial() == nil {
		t.Fatal("stopped: the port still accepts connections")
	}
	s.Restart()
	if err := dial(); err != nil {
		t.Fatalf("restarted: %v", err)
	}
}
