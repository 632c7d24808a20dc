package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demoenv"
	"github.com/rzauth/rememberizer-go/examples/internal/demowalk"
	"github.com/rzauth/rememberizer-go/internal/syncbuf"
)

// TestDemo signs in on the fake consent page (approving, then denying)
// and checks the public routes, as for every example app, with sessions
// in cookies and in Redis.
func TestDemo(t *testing.T) {
	demowalk.Run(t, config, run)
}

// TestStartup checks what the app prints when it starts, as for every
// example app.
func TestStartup(t *testing.T) {
	demowalk.Startup(t, run)
}

// clientAndListener returns a client (never used to sign in) and a
// loopback listener.
func clientAndListener(t *testing.T) (*core.Client, net.Listener) {
	t.Helper()
	c := demowalk.Client(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return c, ln
}

// serveInBackground runs serve with the app newApp makes for c (with no
// Redis to check), and returns the channel that gets serve's result.
func serveInBackground(ctx context.Context, c *core.Client, ln net.Listener, logger *slog.Logger) <-chan error {
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, newApp(c, nil, logger, new(demoenv.Env).Healthz), logger) }()
	return done
}

// wantServeReturns fails the test unless serve sends nil on done, when
// its context has ended; it gives up after five seconds rather than hang.
func wantServeReturns(t *testing.T, done <-chan error, when string) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: got %v, want nil %s", err, when)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("serve did not return %s", when)
	}
}

func TestServeShutsDownWhenDone(t *testing.T) {
	c, ln := clientAndListener(t)
	var logs syncbuf.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := serveInBackground(ctx, c, ln, slog.New(slog.NewTextHandler(&logs, nil)))

	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != "ok" {
		t.Fatalf("GET /healthz: got %d %q, want 200 ok", resp.StatusCode, body)
	}

	cancel()
	wantServeReturns(t, done, "after its context ended")
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("the listener still accepts connections after shutdown")
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("got logs %q, want a shutting down line", logs.String())
	}
}

// A signal that comes before Fiber serves still ends serve.
func TestServeShutsDownAtOnce(t *testing.T) {
	c, ln := clientAndListener(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	wantServeReturns(t, serveInBackground(ctx, c, ln, slog.New(slog.DiscardHandler)), "for a context ended before it started")
}

func TestListMementosSignedOut(t *testing.T) {
	t.Parallel()
	demowalk.MementosSignedOut(t, listMementos)
}
