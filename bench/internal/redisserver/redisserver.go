// Package redisserver runs one redis-server on a free loopback port for
// the benchmarks of this module, with no persistence.
package redisserver

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"time"

	"github.com/redis/go-redis/v9"
)

// Server is a redis-server process on 127.0.0.1 and a client of it.
type Server struct {
	// Client talks to the server.
	Client *redis.Client
	cmd    *exec.Cmd
	dir    string
}

// Start runs redis-server on a free loopback port and returns once it
// answers PING (within 10 s). Without the binary it returns an error
// naming the package to install. Close the server when done.
func Start() (*Server, error) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		return nil, fmt.Errorf("redis-server not found; install it with: apt-get install -y redis-server")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	host, port, _ := net.SplitHostPort(addr)
	dir, err := os.MkdirTemp("", "bench-redis-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("redis-server", "--bind", host, "--port", port, "--save", "", "--appendonly", "no",
		"--dir", dir, "--protected-mode", "yes")
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	s := &Server{Client: redis.NewClient(&redis.Options{Addr: addr}), cmd: cmd, dir: dir}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for s.Client.Ping(ctx).Err() != nil {
		select {
		case <-ctx.Done():
			s.Close()
			return nil, fmt.Errorf("redis-server on %s did not answer PING within 10 s", addr)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return s, nil
}

// Close closes the client, ends the server and removes its directory.
func (s *Server) Close() {
	s.Client.Close()
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	os.RemoveAll(s.dir)
}
