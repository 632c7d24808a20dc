package rememberizer_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

func TestRetries(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	fault := func(status int, retryAfter string) rememberizertest.Fault {
		f := rememberizertest.Fault{Status: status, Body: `{"detail": "Request was throttled."}`}
		if retryAfter != "" {
			f.Header = http.Header{"Retry-After": {retryAfter}}
		}
		return f
	}
	tests := []struct {
		name      string
		faults    []rememberizertest.Fault
		cfg       rememberizer.Config
		wantWaits []time.Duration
		wantCalls int
		wantErr   error // nil for success
	}{
		{"429 with Retry-After seconds", []rememberizertest.Fault{fault(429, "2")}, rememberizer.Config{},
			[]time.Duration{2 * time.Second}, 2, nil},
		{"503 with Retry-After date", []rememberizertest.Fault{fault(503, now.Add(5*time.Second).Format(http.TimeFormat))}, rememberizer.Config{},
			[]time.Duration{5 * time.Second}, 2, nil},
		{"429 without Retry-After backs off", []rememberizertest.Fault{fault(429, ""), fault(429, "")}, rememberizer.Config{},
			[]time.Duration{time.Second, 2 * time.Second}, 3, nil},
		{"Retry-After capped", []rememberizertest.Fault{fault(429, "86400")}, rememberizer.Config{MaxRetryWait: 10 * time.Second},
			[]time.Duration{10 * time.Second}, 2, nil},
		{"date in the past waits nothing", []rememberizertest.Fault{fault(429, now.Add(-time.Hour).Format(http.TimeFormat))}, rememberizer.Config{},
			[]time.Duration{0}, 2, nil},
		{"retries spent", slices.Repeat([]rememberizertest.Fault{fault(429, "1")}, 4), rememberizer.Config{},
			[]time.Duration{time.Second, time.Second, time.Second}, 4, rememberizer.ErrRateLimited},
		{"MaxRetries 1", slices.Repeat([]rememberizertest.Fault{fault(429, "1")}, 2), rememberizer.Config{MaxRetries: 1},
			[]time.Duration{time.Second}, 2, rememberizer.ErrRateLimited},
		{"DisableRetries", []rememberizertest.Fault{fault(503, "1")}, rememberizer.Config{DisableRetries: true},
			nil, 1, &rememberizer.Error{}},
		{"500 is not retried", []rememberizertest.Fault{fault(500, "1")}, rememberizer.Config{},
			nil, 1, &rememberizer.Error{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := tt.cfg
			cfg.Now = func() time.Time { return now }
			f := setup(t, cfg)
			for _, fl := range tt.faults {
				f.failNext(t, rememberizertest.SearchPath, fl)
			}
			res, err := f.rc.Search(context.Background(), "roadmap", nil)
			switch want := tt.wantErr.(type) {
			case nil:
				if err != nil || len(res.Chunks) == 0 {
					t.Fatalf("got %v, %v, want the search's chunks", res, err)
				}
			case *rememberizer.Error:
				var apiErr *rememberizer.Error
				if !errors.As(err, &apiErr) {
					t.Fatalf("got %v, want an *Error", err)
				}
				_ = want
			default:
				if !errors.Is(err, want) {
					t.Fatalf("got %v, want %v", err, want)
				}
			}
			if got := f.sleeps.got(); !slices.Equal(got, tt.wantWaits) {
				t.Errorf("got waits %v, want %v", got, tt.wantWaits)
			}
			if got := f.srv.Calls(rememberizertest.SearchPath); got != tt.wantCalls {
				t.Errorf("got %d requests, want %d", got, tt.wantCalls)
			}
		})
	}
}

func TestPostsAreNotRetried(t *testing.T) {
	t.Parallel()
	throttled := rememberizertest.Fault{Status: 429, Body: `{"detail": "Request was throttled."}`, Header: http.Header{"Retry-After": {"1"}}}
	tests := []struct {
		name string
		path string
		call func(rc *rememberizer.Client) error
	}{
		{"Memorize", rememberizertest.MemorizePath, func(rc *rememberizer.Client) error {
			return rc.Memorize(context.Background(), "note", "text")
		}},
		{"AgenticSearch", rememberizertest.AgenticSearchPath, func(rc *rememberizer.Client) error {
			_, err := rc.AgenticSearch(context.Background(), "roadmap", nil)
			return err
		}},
		{"CreateMemento", rememberizertest.MementosPath, func(rc *rememberizer.Client) error {
			_, err := rc.CreateMemento(context.Background(), "m")
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := setup(t, rememberizer.Config{})
			f.failNext(t, tt.path, throttled)
			if err := tt.call(f.rc); !rememberizer.IsRateLimited(err) {
				t.Errorf("got %v, want ErrRateLimited", err)
			}
			if got := f.srv.Calls(tt.path); got != 1 {
				t.Errorf("got %d requests, want 1", got)
			}
			if got := f.sleeps.got(); len(got) != 0 {
				t.Errorf("got waits %v, want none", got)
			}
		})
	}
}

// TestCancelledContextStopsRetries uses the real waiting: a Retry-After of
// an hour must end the moment the context does.
func TestCancelledContextStopsRetries(t *testing.T) {
	t.Parallel()
	srv, key := apiKeyServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The transport cancels the context once the throttled answer is in,
	// so the client is about to wait.
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(r)
		cancel()
		return resp, err
	})}
	rc, err := rememberizer.New(hc, rememberizer.Config{BaseURL: srv.URL, APIKey: key, MaxRetryWait: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.FailNext(rememberizertest.SearchPath, rememberizertest.Fault{Status: 429, Header: http.Header{"Retry-After": {"3600"}}}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := rc.Search(ctx, "roadmap", nil)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute): // a watchdog, far beyond any honest run
		t.Fatal("the client kept waiting after its context ended")
	}
	if got := srv.Calls(rememberizertest.SearchPath); got != 1 {
		t.Errorf("got %d requests, want 1", got)
	}
}

func TestSleepErrorStopsRetries(t *testing.T) {
	t.Parallel()
	stop := errors.New("stop")
	calls := 0
	f := setup(t, rememberizer.Config{Sleep: func(context.Context, time.Duration) error { calls++; return stop }})
	f.failNext(t, rememberizertest.SearchPath, rememberizertest.Fault{Status: 503})
	if _, err := f.rc.Search(context.Background(), "roadmap", nil); !errors.Is(err, stop) {
		t.Errorf("got %v, want the Sleep error", err)
	}
	if calls != 1 || f.srv.Calls(rememberizertest.SearchPath) != 1 {
		t.Errorf("got %d waits and %d requests, want 1 and 1", calls, f.srv.Calls(rememberizertest.SearchPath))
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
