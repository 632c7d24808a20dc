package demopages_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demopages"
	"github.com/rzauth/rememberizer-go/examples/internal/demowalk"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// memorizeApp serves demopages.Memorize at POST /memorize behind the real
// RequireRememberizer, answering with the Reply: its status, its Location
// header and its message as the body.
func memorizeApp(cfg core.Config) (http.Handler, error) {
	cfg.Logger = slog.New(slog.DiscardHandler)
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("POST /memorize", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rep := demopages.Memorize(r.Context(), c, cfg.Logger, r.PostFormValue("name"), r.PostFormValue("content"))
		if rep.Location != "" {
			w.Header().Set("Location", rep.Location)
		}
		w.WriteHeader(rep.Status)
		_, _ = io.WriteString(w, rep.Message)
	})))
	return mux, nil
}

// TestMemorizeRefusals posts the form as a signed-in browser through the
// middleware: a request another site sent is refused before anything
// reaches Rememberizer, a bad note is refused, a good one is stored, and
// a failure at Rememberizer is a fixed 502.
func TestMemorizeRefusals(t *testing.T) {
	t.Parallel()
	app := apptest.Start(t, memorizeApp)
	browser := *app.SignIn(t, "42")
	browser.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	long := strings.Repeat("x", demopages.MaxNoteBytes+1)
	tests := []struct {
		name          string
		headers       map[string]string
		noteName      string
		content       string
		fault         bool // Rememberizer fails the memorize call
		wantStatus    int
		wantLocation  string
		wantInMessage string
		wantAPICalls  int
	}{
		{"other origin", map[string]string{"Origin": "https://evil.example"}, "n", "c", false, http.StatusForbidden, "", "own pages", 0},
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, "n", "c", false, http.StatusForbidden, "", "own pages", 0},
		{"no name", map[string]string{"Origin": app.URL}, " ", "c", false, http.StatusBadRequest, "", "needs a name", 0},
		{"no content", nil, "n", "", false, http.StatusBadRequest, "", "needs a name", 0},
		{"content too long", nil, "n", long, false, http.StatusBadRequest, "", "needs a name", 0},
		{"not UTF-8", nil, "n\xff", "c", false, http.StatusBadRequest, "", "needs a name", 0},
		{"stored", map[string]string{"Origin": app.URL, "Sec-Fetch-Site": "same-origin"}, "Zebra notes", "c", false, http.StatusSeeOther, "/search?q=Zebra+notes&saved=1", "", 1},
		{"Rememberizer fails", map[string]string{"Origin": app.URL}, "n", "c", true, http.StatusBadGateway, "", "could not store", 1},
	}
	// Not parallel: each row counts the fake's memorize calls.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.fault {
				if err := app.Fake.FailNext(rememberizertest.MemorizePath, rememberizertest.Fault{Status: http.StatusInternalServerError}); err != nil {
					t.Fatal(err)
				}
			}
			calls := app.Fake.Calls(rememberizertest.MemorizePath)
			form := url.Values{"name": {tt.noteName}, "content": {tt.content}}
			req, err := http.NewRequest(http.MethodPost, app.URL+"/memorize", strings.NewReader(form.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			resp, err := browser.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus || resp.Header.Get("Location") != tt.wantLocation || !strings.Contains(string(body), tt.wantInMessage) {
				t.Errorf("got %d, Location %q, %q; want %d, Location %q, a message about %q",
					resp.StatusCode, resp.Header.Get("Location"), body, tt.wantStatus, tt.wantLocation, tt.wantInMessage)
			}
			if got := app.Fake.Calls(rememberizertest.MemorizePath) - calls; got != tt.wantAPICalls {
				t.Errorf("got %d calls to Rememberizer's memorize, want %d", got, tt.wantAPICalls)
			}
		})
	}
}

// A context no middleware let through has no request to check: Memorize
// refuses it.
func TestMemorizeWithoutRequest(t *testing.T) {
	t.Parallel()
	c := demowalk.Client(t)
	for name, ctx := range map[string]context.Context{
		"bare context":        context.Background(),
		"session from a test": c.NewContext(context.Background(), &core.Session{User: core.User{ID: "42"}}),
	} {
		if rep := demopages.Memorize(ctx, c, slog.New(slog.DiscardHandler), "n", "c"); rep.Status != http.StatusForbidden {
			t.Errorf("%s: got %+v, want 403", name, rep)
		}
	}
}
