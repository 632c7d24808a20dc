package fibermw_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fibermw"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// recordKeeper is a slog.Handler that keeps every record it is given, as
// a handler that batches or queues records would, beyond the request.
type recordKeeper struct {
	mu      sync.Mutex
	records []slog.Record
}

func (k *recordKeeper) Enabled(context.Context, slog.Level) bool { return true }

func (k *recordKeeper) Handle(_ context.Context, r slog.Record) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.records = append(k.records, r.Clone())
	return nil
}

func (k *recordKeeper) WithAttrs([]slog.Attr) slog.Handler { return k }
func (k *recordKeeper) WithGroup(string) slog.Handler      { return k }

// attrs returns the attributes of every kept record whose message is msg,
// read now.
func (k *recordKeeper) attrs(msg string) []map[string]string {
	k.mu.Lock()
	defer k.mu.Unlock()
	var out []map[string]string
	for _, r := range k.records {
		if r.Message != msg {
			continue
		}
		m := map[string]string{}
		r.Attrs(func(a slog.Attr) bool {
			m[a.Key] = a.Value.String()
			return true
		})
		out = append(out, m)
	}
	return out
}

// deniedCallback starts a sign-in through base and returns the callback
// target Rememberizer would send the browser to on "access denied", with
// the pending-login cookie.
func deniedCallback(t *testing.T, hc *http.Client, base string) (string, []*http.Cookie) {
	t.Helper()
	login := get(t, hc, base+"/auth/rememberizer/login", nil)
	authz, err := url.Parse(login.header.Get("Location"))
	if err != nil || login.status != http.StatusFound {
		t.Fatalf("login: got %d %q, want a 302 to Rememberizer", login.status, login.header.Get("Location"))
	}
	state := authz.Query().Get("state")
	return base + "/auth/rememberizer/callback?state=" + url.QueryEscape(state) + "&error=access_denied",
		(&http.Response{Header: login.header}).Cookies()
}

// TestProviderErrorOutlivesRequest keeps the *core.ProviderError of a
// denied callback, then serves another request with other bytes in the
// same places on the same keep-alive connection (so fasthttp reuses its
// request buffers): the kept error still reads the same (SECURITY.md S27).
func TestProviderErrorOutlivesRequest(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, rememberizertest.Config{}, nil)
	var (
		mu   sync.Mutex
		kept []error
	)
	app := newApp()
	fibermw.Mount(app, c, fibermw.Config{ErrorHandler: func(ctx *fiber.Ctx, err error) error {
		mu.Lock()
		kept = append(kept, err)
		mu.Unlock()
		return ctx.SendStatus(core.ErrorPageFor(err).Status)
	}})
	base, hc := serveKeeping(t, app)
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	target, cookies := deniedCallback(t, hc, base)
	if r := get(t, hc, target, nil, cookies...); r.status != http.StatusForbidden {
		t.Fatalf("denied callback: got %d, want 403", r.status)
	}
	mu.Lock()
	first := kept[0]
	mu.Unlock()
	var pe *core.ProviderError
	if !errors.As(first, &pe) || pe.Code != "access_denied" {
		t.Fatalf("got %v, want a provider error access_denied", first)
	}
	wantMsg := strings.Clone(first.Error())

	// The same request, every byte of the error code changed: an
	// unknown provider error (502). An error callback records nothing,
	// so the old cookie's state still leads there.
	other := strings.Replace(target, "error=access_denied", "error=zzzzzz_zzzzzz", 1)
	if r := get(t, hc, other, nil, cookies...); r.status != http.StatusBadGateway {
		t.Fatalf("second callback: got %d, want 502", r.status)
	}
	if pe.Code != "access_denied" || first.Error() != wantMsg {
		t.Fatalf("the kept error changed with the next request: got code %q, message %q; want access_denied, %q", pe.Code, first.Error(), wantMsg)
	}
}

// TestLogAttrsOutliveRequest keeps the log records of a failed callback,
// then serves another request with another method and path bytes on the
// same connection: the kept records still read the same (SECURITY.md S27).
func TestLogAttrsOutliveRequest(t *testing.T) {
	t.Parallel()
	logs := &recordKeeper{}
	c, _ := newClient(t, rememberizertest.Config{}, nil, func(cfg *core.Config) { cfg.Logger = slog.New(logs) })
	app := newApp()
	fibermw.Mount(app, c)
	base, hc := serveKeeping(t, app)
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	target, cookies := deniedCallback(t, hc, base)
	if r := get(t, hc, target, nil, cookies...); r.status != http.StatusForbidden {
		t.Fatalf("denied callback: got %d, want 403", r.status)
	}
	// Same length, other method, other bytes in the path.
	req, _ := http.NewRequest("PUT", strings.Replace(target, "/callback?", "/CALLBACK?", 1), nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()

	// The deny is logged at Info as a cancellation, the PUT as a failure.
	got := append(logs.attrs("rememberizer: sign-in cancelled by the user"), logs.attrs("rememberizer: request failed")...)
	if len(got) != 2 {
		t.Fatalf("got %d failure records, want 2: %v", len(got), got)
	}
	if got[0]["method"] != "GET" || got[0]["path"] != "/auth/rememberizer/callback" || !strings.Contains(got[0]["error"], "access_denied") {
		t.Fatalf("first record changed with the next request: got %v, want method GET, path /auth/rememberizer/callback, error access_denied", got[0])
	}
	if got[1]["method"] != "PUT" {
		t.Fatalf("second record: got method %q, want PUT", got[1]["method"])
	}
}
