package ginmw_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adaptertest"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/internal/failstore"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// newApp serves the Gin app that routes builds on loopback, with a client
// pointed at a fresh fake Rememberizer, and returns the app's URL.
func newApp(t *testing.T, routes func(c *core.Client) *gin.Engine) string {
	t.Helper()
	fake := rememberizertest.NewServer(rememberizertest.Config{})
	t.Cleanup(fake.Close)
	app := httptest.NewUnstartedServer(nil)
	appURL := "http://" + app.Listener.Addr().String()
	c, err := core.New(core.Config{
		ClientID:     fake.ClientID(),
		ClientSecret: fake.ClientSecret(),
		RedirectURL:  appURL + "/auth/rememberizer/callback",
		SessionKeys:  [][]byte{[]byte("\xd0\xe5\x3c\x1f\x86\xf3\x75\x89\xae\x78\xc6\x63\x24\xcb\xed\xa4\x32\x6a\xaf\x5d\x54\x3c\x69\x0f\xbd\xa1\x5f\xef\x95\xc8\x98\x5f")},
		BaseURL:      fake.URL,
		Logger:       slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	app.Config.Handler = routes(c)
	app.Start()
	t.Cleanup(app.Close)
	return appURL
}

// newBrowser returns a client with a cookie jar; it follows redirects
// unless noFollow is set.
func newBrowser(t *testing.T, noFollow bool) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	// A transport of its own: httptest.Server.Close closes the idle
	// connections of http.DefaultTransport, under other parallel tests.
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	hc := &http.Client{Jar: jar, Transport: tr}
	if noFollow {
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	return hc
}

// get sends a GET with the given Accept header and reads the answer.
func get(t *testing.T, hc *http.Client, url, accept string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", accept)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// signIn runs a whole sign-in in browser hc, which must follow redirects.
func signIn(t *testing.T, hc *http.Client, appURL string) {
	t.Helper()
	resp, body := get(t, hc, appURL+"/auth/rememberizer/login", "text/html")
	if resp.Request.URL.Path != "/" {
		t.Fatalf("sign-in ended at %s with %d %q, want /", resp.Request.URL, resp.StatusCode, body)
	}
}

// userName answers the signed-in user's name from the request context.
func userName(ctx *gin.Context) {
	u, ok := core.UserFrom(ctx.Request.Context())
	if !ok {
		ctx.String(http.StatusOK, "anonymous")
		return
	}
	ctx.String(http.StatusOK, u.Name)
}

func TestGroupAndUse(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name      string
		newEngine func(...gin.OptionFunc) *gin.Engine
	}{
		{"gin.New", gin.New},
		{"gin.Default", gin.Default},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			appURL := newApp(t, func(c *core.Client) *gin.Engine {
				r := tt.newEngine()
				r.Use(func(ctx *gin.Context) {
					ctx.Header("X-App-Middleware", "ran")
					ctx.Next()
				})
				ginmw.Mount(r, c)
				app := r.Group("/app", ginmw.RequireRememberizer(c))
				app.GET("/me", userName)
				return r
			})

			out := newBrowser(t, true)
			resp, body := get(t, out, appURL+"/app/me", "application/json")
			if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"error":"not_signed_in"`) {
				t.Errorf("signed-out API call: got %d %q, want 401 not_signed_in", resp.StatusCode, body)
			}
			if got := resp.Header.Get("X-App-Middleware"); got != "ran" {
				t.Errorf("r.Use middleware on a refused request: got %q, want ran", got)
			}
			resp, _ = get(t, out, appURL+"/app/me?tab=1", "text/html")
			if want := "/auth/rememberizer/login?return_to=%2Fapp%2Fme%3Ftab%3D1"; resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
				t.Errorf("signed-out navigation: got %d %q, want 302 %q", resp.StatusCode, resp.Header.Get("Location"), want)
			}
			resp, _ = get(t, out, appURL+"/auth/rememberizer/login", "text/html")
			if resp.StatusCode != http.StatusFound || resp.Header.Get("X-App-Middleware") != "ran" {
				t.Errorf("login route: got %d with middleware header %q, want 302 and ran", resp.StatusCode, resp.Header.Get("X-App-Middleware"))
			}

			in := newBrowser(t, false)
			resp, body = get(t, in, appURL+"/app/me", "text/html")
			if resp.Request.URL.Path != "/app/me" || resp.StatusCode != http.StatusOK || body != "Ada Lovelace" {
				t.Errorf("after signing in: got %d %q at %s, want 200 Ada Lovelace at /app/me", resp.StatusCode, body, resp.Request.URL.Path)
			}
		})
	}
}

func TestRefusalStopsTheChain(t *testing.T) {
	t.Parallel()
	// Hooks that try to carry on with ctx.Next must not get past the
	// middleware either.
	carryOn := func(ctx *gin.Context, err error) {
		ctx.Next()
		ctx.String(http.StatusTeapot, "hook")
	}
	tests := []struct {
		name       string
		store      core.Store
		cfg        ginmw.Config
		accept     string
		wantStatus int
	}{
		{name: "signed-out navigation", accept: "text/html", wantStatus: http.StatusFound},
		{name: "signed-out API call", accept: "application/json", wantStatus: http.StatusUnauthorized},
		{name: "store failure", store: failstore.Browser{}, accept: "text/html", wantStatus: http.StatusInternalServerError},
		{name: "unauthorized hook calls Next", cfg: ginmw.Config{UnauthorizedHandler: carryOn}, accept: "text/html", wantStatus: http.StatusTeapot},
		{name: "error hook calls Next", store: failstore.Browser{}, cfg: ginmw.Config{ErrorHandler: carryOn}, accept: "text/html", wantStatus: http.StatusTeapot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := adaptertest.OfflineClient(t, tt.store)
			var ran []string
			r := gin.New()
			ginmw.Mount(r, c)
			g := r.Group("/app", ginmw.RequireRememberizer(c, tt.cfg))
			g.Use(func(ctx *gin.Context) { ran = append(ran, "group middleware"); ctx.Next() })
			g.GET("/secret", func(ctx *gin.Context) {
				ran = append(ran, "handler")
				ctx.String(http.StatusOK, "secret")
			})
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, "/app/secret", nil)
			req.Header.Set("Accept", tt.accept)
			r.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Errorf("got status %d, want %d", rec.Code, tt.wantStatus)
			}
			if len(ran) != 0 || strings.Contains(rec.Body.String(), "secret") {
				t.Errorf("got %v run and body %q after a refusal, want nothing run", ran, rec.Body.String())
			}
		})
	}
}

// With the engine's ContextWithFallback, the gin.Context is itself a
// context carrying the session.
func TestContextWithFallback(t *testing.T) {
	t.Parallel()
	appURL := newApp(t, func(c *core.Client) *gin.Engine {
		r := gin.New()
		r.ContextWithFallback = true
		ginmw.Mount(r, c)
		r.GET("/me", ginmw.RequireRememberizer(c), func(ctx *gin.Context) {
			u, ok := core.UserFrom(ctx)
			if !ok {
				ctx.String(http.StatusInternalServerError, "no user")
				return
			}
			ctx.String(http.StatusOK, u.Email)
		})
		return r
	})
	b := newBrowser(t, false)
	signIn(t, b, appURL)
	if resp, body := get(t, b, appURL+"/me", "text/html"); resp.StatusCode != http.StatusOK || body != "ada@example.com" {
		t.Errorf("got %d %q, want 200 ada@example.com", resp.StatusCode, body)
	}
}
