package demoenv

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

// clearEnv clears what Load reads, then sets REDIS_URL.
func clearEnv(t *testing.T, redisURL string) {
	for k, v := range map[string]string{"REMEMBERIZER_CLIENT_ID": "", "SESSION_KEYS": "", "PUBLIC_URL": "", "ADDR": "", "REDIS_URL": redisURL, "SQLITE_PATH": ""} {
		t.Setenv(k, v)
	}
}

func TestRedisURL(t *testing.T) {
	srv := redistest.Start(t)
	clearEnv(t, srv.URL())
	env, _, _, err := load(t)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := config(env).Store.(*redisstore.Store); !ok || env.RedisStore == nil {
		t.Fatalf("store: got %T, want *redisstore.Store", config(env).Store)
	}
	if status, body := env.Healthz(t.Context()); status != 200 || body != "ok" {
		t.Errorf("Healthz with Redis up: got %d %q, want 200 ok", status, body)
	}
	srv.Stop()
	want := "unavailable: session store (Redis at " + srv.Addr + ") unreachable: connection refused"
	if status, body := env.Healthz(t.Context()); status != 503 || body != want {
		t.Errorf("Healthz with Redis down: got %d %q, want 503 %q", status, body, want)
	}
}

func TestRedisURLRefused(t *testing.T) {
	clearEnv(t, "mysql://:hunter2@db/x")
	if _, err := Load(io.Discard); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("bad REDIS_URL: got %v, want an error without the password", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	clearEnv(t, "redis://:hunter2@"+addr+"/0")
	var stderr strings.Builder
	_, err = Load(&stderr)
	want := "REDIS_URL: Redis at " + addr + " does not answer (connection refused); start it, or unset REDIS_URL to keep sessions in sealed cookies"
	if err == nil || err.Error() != want {
		t.Errorf("Redis down at start-up: got %v, want %q", err, want)
	}
	if stderr.Len() != 0 {
		t.Errorf("got stderr %q, want nothing printed before the error", stderr.String())
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	if status, body := new(Env).Healthz(context.Background()); status != 200 || body != "ok" {
		t.Errorf("no Redis: got %d %q, want 200 ok", status, body)
	}
	failing := &Env{health: func(context.Context) error {
		return errors.New("session store (Redis at 127.0.0.1:1) unreachable: timeout")
	}}
	if status, body := failing.Healthz(context.Background()); status != 503 ||
		body != "unavailable: session store (Redis at 127.0.0.1:1) unreachable: timeout" {
		t.Errorf("failing check: got %d %q", status, body)
	}
	var env *Env
	if status, body := env.Healthz(context.Background()); status != 200 || body != "ok" {
		t.Errorf("nil Env: got %d %q, want 200 ok", status, body)
	}
}

func TestRedisCause(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err  error
		want string
	}{
		{context.DeadlineExceeded, "timeout"},
		{&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "redis"}}, "DNS lookup failed"},
		{errors.New("odd"), "network error"},
	} {
		if got := redisCause(tt.err); got != tt.want {
			t.Errorf("redisCause(%v): got %q, want %q", tt.err, got, tt.want)
		}
	}
}
