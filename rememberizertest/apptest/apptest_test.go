package apptest_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizertest"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

var twoUsers = rememberizertest.Config{Users: []rememberizertest.User{
	{ID: "1", Email: "ada@example.com", Name: "Ada Lovelace"},
	{ID: "2", Email: "grace@example.com", Name: "Grace Hopper"},
}}

// get fetches url with c and returns the status and body.
func get(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestSignIn(t *testing.T) {
	t.Parallel()
	// ginmw's TestApptestSignIn does the same with a Gin app.
	for name, build := range map[string]func(core.Config) (http.Handler, error){"net/http": newApp} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			app := apptest.Start(t, build, twoUsers)
			for _, tt := range []struct{ id, want string }{{"2", "Hello, Grace Hopper"}, {"1", "Hello, Ada Lovelace"}} {
				status, body := get(t, app.SignIn(t, tt.id), app.URL+"/dashboard")
				if status != http.StatusOK || body != tt.want {
					t.Errorf("user %s: got %d %q, want 200 %q", tt.id, status, body, tt.want)
				}
			}
			if status, _ := get(t, http.DefaultClient, app.URL+"/dashboard"); status != http.StatusUnauthorized {
				t.Errorf("a browser that did not sign in: got %d, want 401", status)
			}
			if n := app.Fake.TokenCalls(); n != 2 {
				t.Errorf("got %d token calls, want 2 (one per sign-in)", n)
			}
		})
	}
}

func TestBrowserErrors(t *testing.T) {
	t.Parallel()
	app, err := apptest.New(newApp)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if _, err := app.Browser("7"); err == nil || !strings.Contains(err.Error(), `unknown user "7"`) {
		t.Errorf("unknown user: got %v, want an error naming it", err)
	}

	// An app whose login route is not mounted.
	bare, err := apptest.New(func(core.Config) (http.Handler, error) { return http.NotFoundHandler(), nil })
	if err != nil {
		t.Fatal(err)
	}
	defer bare.Close()
	_, err = bare.Browser("42")
	if err == nil || !strings.Contains(err.Error(), "the app's login route answered 404, want a redirect") {
		t.Errorf("no login route: got %v", err)
	}

	// An app pointed at another Rememberizer.
	other, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		cfg.BaseURL = "https://api.rememberizer.ai"
		return newApp(cfg)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err = other.Browser("42")
	if err == nil || !strings.Contains(err.Error(), "is the app configured with this server's URL?") {
		t.Errorf("wrong base URL: got %v", err)
	}
	if err := other.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}

	// An app whose constructor fails.
	_, err = apptest.New(func(cfg core.Config) (http.Handler, error) {
		cfg.BaseURL = "https://api.rememberizer.ai/api/v1"
		return newApp(cfg)
	})
	if err == nil || !strings.Contains(err.Error(), "apptest: building the app: rememberizer: invalid config: BaseURL") {
		t.Errorf("failing constructor: got %v", err)
	}
	if err := other.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestDashboard is the package documentation's test.
func TestDashboard(t *testing.T) {
	app := apptest.Start(t, newApp) // newApp(cfg core.Config) (http.Handler, error)
	browser := app.SignIn(t, "42")
	resp, err := browser.Get(app.URL + "/dashboard")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != "Hello, Ada Lovelace" {
		t.Errorf("got %d %q, want 200 Hello, Ada Lovelace", resp.StatusCode, body)
	}
}

// loggingTB is a test whose log lines are recorded.
type loggingTB struct {
	testing.TB
	mu    sync.Mutex
	lines []string
}

func (l *loggingTB) Log(args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(args...))
}

func (l *loggingTB) logged() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// TestStartLogsToTheTest: the client's warning about the http redirect
// URL goes to the test's log (shown with -v or on failure), not to the
// process's standard error on every run.
func TestStartLogsToTheTest(t *testing.T) {
	t.Parallel()
	tb := &loggingTB{TB: t}
	var got *slog.Logger
	apptest.Start(tb, func(cfg core.Config) (*http.ServeMux, error) {
		got = cfg.Logger
		if _, err := core.New(cfg); err != nil {
			return nil, err
		}
		return http.NewServeMux(), nil
	})
	if got == nil {
		t.Fatal("got no Config.Logger, want one writing to the test's log")
	}
	if !strings.Contains(tb.logged(), "RedirectURL is http") {
		t.Errorf("got test log %q, want the http warning in it", tb.logged())
	}
}
