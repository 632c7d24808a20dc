package demowalk

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demoenv"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

// Config is an example's config function: the core.Config its main
// writes from the demo's settings.
type Config func(env *demoenv.Env) core.Config

// RunFunc is an example's run function: it reads the settings, builds the
// app and serves it on the listener listen gives for the settings'
// address, until ctx is done, printing to stdout and stderr. Its main
// passes net.Listen; the walks pass a listener of their own.
type RunFunc func(ctx context.Context, stdout, stderr io.Writer, listen func(network, address string) (net.Listener, error)) error

// Run runs every walk against the app run serves, run being what the
// example's main runs (config the core.Config it writes), each with a
// fresh app in demo mode: first with sessions in sealed cookies, then, in
// the subtest Redis, with REDIS_URL set to a real Redis (skipped where
// redis-server is not installed, except under CI). It sets environment
// variables, so neither the test calling it nor its parents may be
// parallel.
func Run(t *testing.T, config Config, run RunFunc) {
	walkAll(t, config, run, "")
	t.Run("Redis", func(t *testing.T) {
		walkAll(t, config, run, redistest.Start(t).URL())
	})
	t.Run("Metrics", func(t *testing.T) {
		t.Setenv("METRICS", "1")
		appURL := start(t, config, run, "")
		metricsAfterSignIn(t, appURL, newBrowser(t))
	})
}

// metricsAfterSignIn: with METRICS=1, /metrics serves core's events as
// Prometheus metrics: one sign-in started and succeeded after a sign-in;
// without it (every other walk), /metrics is not there.
func metricsAfterSignIn(t *testing.T, appURL string, b *browser) {
	first := b.open(appURL + "/dashboard")
	wantRedirectToLogin(t, first)
	consent := b.follow(first)
	wantStatus(t, consent, http.StatusOK)
	dash := b.follow(b.answerConsent(consent, "approve"))
	wantStatus(t, dash, http.StatusOK)
	m := b.open(appURL + "/metrics")
	wantStatus(t, m, http.StatusOK)
	// The lines README's "Observability" shows.
	for _, line := range []string{
		`rememberizer_sign_in_duration_seconds_count{result="ok"} 1`,
		`rememberizer_sign_in_starts_total 1`,
		`rememberizer_sign_ins_total{result="denied"} 0`,
		`rememberizer_sign_ins_total{result="ok"} 1`,
		`rememberizer_sessions_ended_total{reason="sign_out"} 0`,
		`rememberizer_token_refreshes_total{result="ok",trigger="near_expiry"} 0`,
	} {
		if !strings.Contains(m.body, line+"\n") {
			t.Errorf("/metrics after one sign-in: no line %q in:\n%s", line, m.body)
		}
	}
}

func walkAll(t *testing.T, config Config, run RunFunc, redisURL string) {
	for _, w := range []struct {
		name string
		walk func(t *testing.T, appURL string, b *browser)
	}{
		{"SignInApproveAndSignOut", signInApproveAndSignOut},
		{"SignInDenied", signInDenied},
		{"PublicRoutes", publicRoutes},
		{"NoMetrics", noMetrics},
		{"HelpCenter", helpCenter},
	} {
		t.Run(w.name, func(t *testing.T) {
			appURL := start(t, config, run, redisURL)
			w.walk(t, appURL, newBrowser(t))
		})
	}
}

// start runs the app in demo mode, as `go run` would without
// credentials, on a loopback port until the test ends, and returns its
// URL.
func start(t *testing.T, config Config, run RunFunc, redisURL string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	appURL := "http://" + ln.Addr().String()
	setEnv(t, map[string]string{"PUBLIC_URL": appURL, "REDIS_URL": redisURL, "METRICS": os.Getenv("METRICS")})

	// The core.Config the app's main writes for these settings.
	env, err := demoenv.Load(io.Discard)
	if err != nil {
		t.Fatalf("demoenv.Load: %v", err)
	}
	cfg := config(env)
	env.Close()
	if _, ok := cfg.Store.(*redisstore.Store); ok != (redisURL != "") {
		t.Fatalf("REDIS_URL %q: got store %T", redisURL, cfg.Store)
	}
	if _, ok := cfg.GrantStore.(*redisstore.Store); ok != (redisURL != "") {
		t.Fatalf("REDIS_URL %q: got grant store %T", redisURL, cfg.GrantStore)
	}

	ctx, cancel := context.WithCancel(context.Background())
	listening := make(chan struct{})
	served := make(chan error, 1)
	go func() {
		served <- run(ctx, io.Discard, io.Discard, func(string, string) (net.Listener, error) {
			close(listening)
			return ln, nil
		})
	}()
	select {
	case <-listening:
	case err := <-served:
		cancel()
		t.Fatalf("run: got %v before it listened", err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("serving: %v", err)
		}
	})
	return appURL
}

func wantStatus(t *testing.T, p page, want int) {
	t.Helper()
	if p.status != want {
		t.Fatalf("got status %d from %s, want %d; body:\n%s", p.status, p.url, want, p.body)
	}
}

func wantRedirectToLogin(t *testing.T, p page) {
	t.Helper()
	wantStatus(t, p, http.StatusFound)
	if loc, want := p.header.Get("Location"), "/auth/rememberizer/login?return_to=%2Fdashboard"; loc != want {
		t.Fatalf("got Location %q, want %q", loc, want)
	}
}

func signInApproveAndSignOut(t *testing.T, appURL string, b *browser) {
	ada := demoenv.DemoUsers()[0]

	home := b.open(appURL + "/")
	wantStatus(t, home, http.StatusOK)
	if !strings.Contains(home.body, `id="signin"`) || strings.Contains(home.body, `id="signout"`) {
		t.Fatalf("signed-out home page: want the sign-in link and no sign-out button:\n%s", home.body)
	}

	first := b.open(appURL + "/dashboard")
	wantRedirectToLogin(t, first)

	consent := b.follow(first)
	wantStatus(t, consent, http.StatusOK)
	if consent.url.Path != "/api/v1/auth/oauth2/authorize/" {
		t.Fatalf("got page %s, want the fake's consent page", consent.url)
	}

	dash := b.follow(b.answerConsent(consent, "approve"))
	wantStatus(t, dash, http.StatusOK)
	if dash.url.String() != appURL+"/dashboard" {
		t.Fatalf("signed in at %s, want %s/dashboard", dash.url, appURL)
	}
	got := fields(dash.body)
	if got["user-name"] != ada.Name || got["user-email"] != ada.Email {
		t.Errorf("got dashboard for %v, want %s <%s>", got, ada.Name, ada.Email)
	}
	var mementos []string
	for _, m := range mementoInList.FindAllStringSubmatch(dash.body, -1) {
		mementos = append(mementos, html.UnescapeString(m[1]))
	}
	if want := []string{"Research notes", "Slack #design", "Inbox"}; strings.Join(mementos, "|") != strings.Join(want, "|") {
		t.Errorf("got mementos %q, want %q", mementos, want)
	}
	if strings.Contains(dash.body, `id="mementos-error"`) {
		t.Error("dashboard says the mementos could not be loaded")
	}
	searchAndMemorize(t, appURL, b, dash)

	home = b.open(appURL + "/")
	wantStatus(t, home, http.StatusOK)
	if !strings.Contains(home.body, "Signed in as") || fields(home.body)["user-name"] != ada.Name ||
		!strings.Contains(home.body, `id="signout"`) || strings.Contains(home.body, `id="signin"`) {
		t.Errorf("signed-in home page: want Signed in as %s and a sign-out button:\n%s", ada.Name, home.body)
	}

	me := b.send(http.MethodGet, appURL+"/api/me", nil, "", "application/json")
	wantStatus(t, me, http.StatusOK)
	var user map[string]string
	if err := json.Unmarshal([]byte(me.body), &user); err != nil {
		t.Fatalf("got /api/me %q, want JSON: %v", me.body, err)
	}
	if user["id"] != ada.ID || user["email"] != ada.Email || user["name"] != ada.Name {
		t.Errorf("got /api/me %v, want %+v", user, ada)
	}

	out := b.send(http.MethodPost, appURL+"/auth/rememberizer/logout", url.Values{}, appURL, acceptHTML)
	wantStatus(t, out, http.StatusSeeOther)
	if loc := out.header.Get("Location"); loc != "/" {
		t.Errorf("got Location %q after sign-out, want /", loc)
	}
	// The page's own sign-out button comes back to a notice.
	if !strings.Contains(home.body, `action="/auth/rememberizer/logout?return_to=%2F%3Fsigned_out%3D1"`) {
		t.Errorf("the sign-out button does not return to the notice:\n%s", home.body)
	}
	if bye := b.open(appURL + "/?signed_out=1"); !strings.Contains(bye.body, `id="notice">You are signed out.`) {
		t.Errorf("home after sign-out: no notice:\n%s", bye.body)
	}
	wantRedirectToLogin(t, b.open(appURL+"/dashboard"))
	wantStatus(t, b.send(http.MethodGet, appURL+"/api/me", nil, "", "application/json"), http.StatusUnauthorized)
}

func signInDenied(t *testing.T, appURL string, b *browser) {
	home := b.open(appURL + "/")
	m := signInLink.FindStringSubmatch(home.body)
	if m == nil {
		t.Fatalf("no sign-in link on the home page:\n%s", home.body)
	}
	consent := b.follow(b.open(appURL + html.UnescapeString(m[1])))
	wantStatus(t, consent, http.StatusOK)

	end := b.follow(b.answerConsent(consent, "deny"))
	wantStatus(t, end, http.StatusForbidden)
	if end.url.Path != "/auth/rememberizer/callback" {
		t.Errorf("ended on %s, want the callback's error page", end.url)
	}
	if ct := end.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("got Content-Type %q, want an HTML page", ct)
	}
	if !strings.Contains(end.body, "Sign-in was cancelled.") || strings.Contains(end.body, "denied the request") {
		t.Errorf("got error page %q, want the fixed message and none of the provider's text", end.body)
	}
	if !strings.Contains(end.body, "You chose not to sign in") || !strings.Contains(end.body, `id="retry" href="/auth/rememberizer/login">Try again</a>`) || strings.Contains(end.body, "Error 403") {
		t.Errorf("got cancel page %q, want a neutral heading, a Try again link and no error status", end.body)
	}

	u, _ := url.Parse(appURL)
	for _, c := range b.jar.Cookies(u) {
		if strings.Contains(c.Name, "_session") {
			t.Errorf("got cookie %s after a denied sign-in, want no session", c.Name)
		}
	}
	wantStatus(t, b.send(http.MethodGet, appURL+"/api/me", nil, "", "application/json"), http.StatusUnauthorized)
	wantRedirectToLogin(t, b.open(appURL+"/dashboard"))
}

func publicRoutes(t *testing.T, appURL string, b *browser) {
	tests := []struct {
		name       string
		method     string
		path       string
		accept     string
		wantStatus int
		wantBody   string
	}{
		{"health check", http.MethodGet, "/healthz", "*/*", http.StatusOK, "ok"},
		{"health check HEAD", http.MethodHead, "/healthz", "*/*", http.StatusOK, ""},
		{"API signed out", http.MethodGet, "/api/me", "application/json", http.StatusUnauthorized, `"error":"not_signed_in"`},
		{"search signed out", http.MethodGet, "/search?q=roadmap", acceptHTML, http.StatusFound, ""},
		{"memorize signed out", http.MethodPost, "/memorize", "application/json", http.StatusUnauthorized, `"error":"not_signed_in"`},
		{"unknown page", http.MethodGet, "/nowhere", acceptHTML, http.StatusNotFound, `<h1 id="error-title">Page not found</h1>`},
		{"home takes no POST", http.MethodPost, "/", acceptHTML, http.StatusMethodNotAllowed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &browser{t: t, jar: b.jar, client: b.client}
			p := b.send(tt.method, appURL+tt.path, nil, "", tt.accept)
			wantStatus(t, p, tt.wantStatus)
			if !strings.Contains(p.body, tt.wantBody) {
				t.Errorf("got body %q, want it to contain %q", p.body, tt.wantBody)
			}
		})
	}
}

// noMetrics: without METRICS=1 the app serves no /metrics.
func noMetrics(t *testing.T, appURL string, b *browser) {
	if p := b.open(appURL + "/metrics"); p.status == http.StatusOK && strings.Contains(p.body, "rememberizer_") {
		t.Fatalf("/metrics without METRICS=1: got %d with metrics", p.status)
	}
}
