package rememberizer_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// bearer adds a bearer token to every request, whatever its host, so
// tests show that the client itself keeps requests on the base URL's
// origin.
type bearer struct {
	token string
	base  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	out := r.Clone(r.Context())
	out.Header.Set("Authorization", "Bearer "+b.token)
	return b.base.RoundTrip(out)
}

// sleeps records the waits a client asked for, without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// fixture is a fake Rememberizer and a client signed in to it as the
// default user, whose retries wait through sleeps.
type fixture struct {
	srv    *rememberizertest.Server
	rc     *rememberizer.Client
	sleeps *sleeps
}

// setup starts a fake and a client for user "42"; cfg's BaseURL and Sleep
// are filled in.
func setup(t *testing.T, cfg rememberizer.Config) fixture {
	t.Helper()
	srv, tok := startFake(t, (*rememberizertest.Server).IssueAccessToken)
	sl := &sleeps{}
	cfg.BaseURL = srv.URL
	if cfg.Sleep == nil {
		cfg.Sleep = sl.sleep
	}
	hc := &http.Client{Transport: bearer{tok, http.DefaultTransport}, Timeout: 30 * time.Second}
	rc, err := rememberizer.New(hc, cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return fixture{srv: srv, rc: rc, sleeps: sl}
}

// failNext queues a fault on the fake's endpoint.
func (f fixture) failNext(t *testing.T, path string, fault rememberizertest.Fault) {
	t.Helper()
	if err := f.srv.FailNext(path, fault); err != nil {
		t.Fatal(err)
	}
}
