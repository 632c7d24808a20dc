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

// A Lazy server is started once, by the first caller, shared by the
// next, and gone after Close; a Lazy never asked starts nothing.
func TestLazy(t *testing.T) {
	var unused pgtest.Lazy
	unused.Close()

	var l pgtest.Lazy
	a := l.Server(t)
	if b := l.Server(t); b != a {
		t.Fatal("the second caller got another server")
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(a.Port))
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		t.Fatalf("running: %v", err)
	}
	c.Close()
	l.Close()
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Fatal("after Close the port still accepts connections")
	}
}
