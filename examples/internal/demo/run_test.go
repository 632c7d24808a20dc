package demo

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestRunServesUntilDone(t *testing.T) {
	setEnv(t, map[string]string{
		"REMEMBERIZER_CLIENT_ID":     "my-client",
		"REMEMBERIZER_CLIENT_SECRET": "my-secret",
		"PUBLIC_URL":                 "https://app.example.com",
		"ADDR":                       "127.0.0.1:0",
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	if err := run(ctx, &stdout, &stderr, build); err != nil {
		t.Fatalf("run: got %v, want nil once its context is done", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("got stdout %q, want nothing outside demo mode", stdout.String())
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "SESSION_KEYS") ||
		!strings.Contains(lines[1], "msg=listening addr=127.0.0.1:") || !strings.Contains(lines[2], `msg="shutting down"`) {
		t.Errorf("got stderr %q, want the SESSION_KEYS warning, then listening and shutting down", stderr.String())
	}
}

func TestRunBuildFails(t *testing.T) {
	setEnv(t, nil)
	wantErr := errors.New("no app today")
	var env *Env
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), &stdout, &stderr, func(e *Env) (Server, error) {
		env = e
		return nil, wantErr
	})
	if !errors.Is(err, wantErr) {
		t.Fatalf("run: got %v, want the build's error", err)
	}
	if stdout.Len() != 0 || stderr.Len() != 0 {
		t.Errorf("got stdout %q and stderr %q, want nothing printed", stdout.String(), stderr.String())
	}
	if env == nil || env.Fake == nil {
		t.Fatal("build did not get the settings of demo mode")
	}
	if resp, err := http.Get(env.Fake.MementosURL()); err == nil {
		resp.Body.Close()
		t.Errorf("the fake Rememberizer still answers (%d) after a failed start, want it stopped", resp.StatusCode)
	}
}
