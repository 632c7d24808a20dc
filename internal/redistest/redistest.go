// Package redistest starts a real redis-server on a free loopback port for
// tests and benchmarks, and can stop and restart it on the same port.
package redistest

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// ErrNotInstalled reports that no redis-server binary is on PATH.
var ErrNotInstalled = errors.New("redis-server not found; install it with: apt-get install -y redis-server")

// Server is a redis-server process on 127.0.0.1.
type Server struct {
	// Addr is host:port on 127.0.0.1.
	Addr string
	dir  string
	// durable: an append-only file, written at every command, that a
	// restart reads back.
	durable bool
	mu      sync.Mutex
	cmd     *exec.Cmd
}

// Start runs redis-server for the test and stops it when the test ends.
// Without the binary, the test is skipped with a message naming the
// package to install — except under CI (CI set), where it fails: CI must
// run every Redis test.
func Start(t testing.TB) *Server {
	t.Helper()
	s, err := Launch()
	check(t, err)
	t.Cleanup(s.Close)
	return s
}

// StartDurable is [Start] with persistence: every write goes to an
// append-only file (fsync always), so [Server.Stop] and [Server.Restart]
// keep the data, as a production Redis with AOF does.
func StartDurable(t testing.TB) *Server {
	t.Helper()
	s, err := launch(true)
	check(t, err)
	t.Cleanup(s.Close)
	return s
}

// Shared returns a function that starts one redis-server for t's subtests
// the first time one of them calls it, and gives every later caller the
// same server; it stops when t ends. A subtest that never calls it starts
// nothing. Without the binary, each caller is skipped (failed under CI),
// as with [Start]. The function is safe for concurrent use.
func Shared(t testing.TB) func(sub testing.TB) *Server {
	var (
		once sync.Once
		s    *Server
		err  error
	)
	return func(sub testing.TB) *Server {
		sub.Helper()
		once.Do(func() {
			if s, err = Launch(); err == nil {
				t.Cleanup(s.Close)
			}
		})
		check(sub, err)
		return s
	}
}

// check skips or fails t when the server could not start: skipped when
// the binary is missing, except under CI (CI set), where every Redis test
// must run.
func check(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, ErrNotInstalled) && os.Getenv("CI") == "" {
		t.Skip(err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
}

// Launch runs redis-server on a free loopback port, with no persistence,
// and waits until it answers PING. Close it when done.
func Launch() (*Server, error) { return launch(false) }

func launch(durable bool) (*Server, error) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		return nil, ErrNotInstalled
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	dir, err := os.MkdirTemp("", "redistest-")
	if err != nil {
		return nil, err
	}
	s := &Server{Addr: addr, dir: dir, durable: durable}
	if err := s.start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// URL is a redis:// URL for the server.
func (s *Server) URL() string { return "redis://" + s.Addr + "/0" }

// Stop ends the server process (data is lost, unless the server was
// started with [StartDurable]); Restart brings it back on the same port.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// Close stops the server for good and removes its directory.
func (s *Server) Close() {
	s.Stop()
	os.RemoveAll(s.dir)
}

// Restart starts the server again on the same port, and waits until it
// answers PING. It panics if it cannot, as the test cannot go on.
func (s *Server) Restart() {
	if err := s.start(); err != nil {
		panic(err)
	}
}

func (s *Server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return nil
	}
	host, port, _ := net.SplitHostPort(s.Addr)
	aof := []string{"--appendonly", "no"}
	if s.durable {
		aof = []string{"--appendonly", "yes", "--appendfsync", "always"}
	}
	args := append([]string{"--bind", host, "--port", port, "--save", "", "--dir", s.dir, "--protected-mode", "yes"}, aof...)
	cmd := exec.Command("redis-server", args...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server: %w", err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(10 * time.Second)
	for ping(s.Addr) != nil {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			s.cmd = nil
			return fmt.Errorf("redis-server on %s did not answer PING within 10 s", s.Addr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

func ping(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return fmt.Errorf("unexpected answer %q", line)
	}
	return nil
}
