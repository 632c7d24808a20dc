package otel_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// secretTap records every secret that crosses it: the code, state and
// cookies of the app's requests, and the codes, verifiers, tokens and
// client secret of its requests to Rememberizer and their answers.
type secretTap struct {
	mu      sync.Mutex
	secrets map[string]bool
	next    http.RoundTripper
}

func (s *secretTap) add(vs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range vs {
		if len(v) >= 8 { // shorter values (GET, 42) are not secrets
			s.secrets[v] = true
		}
	}
}

// RoundTrip records the secrets of a request to Rememberizer and of its
// answer.
func (s *secretTap) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		body, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		for _, k := range []string{"code", "code_verifier", "refresh_token", "client_secret"} {
			s.add(form.Get(k))
		}
	}
	s.add(strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer "))
	resp, err := s.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var tok struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	if json.Unmarshal(body, &tok) == nil {
		s.add(tok.AccessToken, tok.RefreshToken)
	}
	return resp, nil
}

// handler records the secrets of the app's requests: the callback's code
// and state, and every cookie.
func (s *secretTap) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.add(r.URL.Query().Get("code"), r.URL.Query().Get("state"))
		for _, c := range r.Cookies() {
			s.add(c.Value)
		}
		h.ServeHTTP(w, r)
	})
}

// tracedApp serves a net/http app whose client reports to s's Telemetry,
// traced by otelhttp on the way in and on the way out to Rememberizer:
// the routes of nethttp.Mount, and /mementos, which calls Rememberizer's
// API as the signed-in user.
func tracedApp(s *sdk, tap *secretTap, clk *testclock.Clock) func(cfg core.Config) (http.Handler, error) {
	return func(cfg core.Config) (http.Handler, error) {
		cfg.OnEvent = s.tel.Observe
		cfg.Trace = s.tel.Trace
		cfg.HTTPClient = &http.Client{Transport: otelhttp.NewTransport(tap, otelhttp.WithTracerProvider(s.tp))}
		cfg.Logger = slog.New(slog.DiscardHandler)
		cfg.Now = clk.Now
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		mux := http.NewServeMux()
		nethttp.Mount(mux, c)
		mux.Handle("/mementos", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rc, err := c.API(r.Context())
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			if _, err := rc.Mementos(r.Context()); err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			w.Write([]byte("ok"))
		})))
		return otelhttp.NewHandler(tap.handler(mux), "app", otelhttp.WithTracerProvider(s.tp)), nil
	}
}

// TestSignInRefreshSignOut walks real sign-ins, refreshes (near expiry,
// after the API's 401, and one Rememberizer refuses) and a sign-out
// through a traced net/http app, and checks every data point, the spans'
// tree, and that no metric or span shows a secret.
func TestSignInRefreshSignOut(t *testing.T) {
	t.Parallel()
	s := newSDK(t)
	clk := testclock.New(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	tap := &secretTap{secrets: map[string]bool{}, next: http.DefaultTransport}
	app := apptest.Start(t, tracedApp(s, tap, clk), rememberizertest.Config{Now: clk.Now})
	tap.add(app.Fake.ClientSecret())
	get := func(browser *http.Client, want int) {
		t.Helper()
		if status, body, err := app.Get(browser, "/mementos"); err != nil || status != want {
			t.Fatalf("GET /mementos: got %d %q %v, want %d", status, body, err, want)
		}
	}

	browser := app.SignIn(t, "42")
	clk.Advance(2 * time.Hour) // the access token is near expiry: the middleware refreshes
	get(browser, http.StatusOK)
	app.Fake.ExpireAccessTokens() // the API answers 401: the API client refreshes and retries
	get(browser, http.StatusOK)
	req, err := http.NewRequest(http.MethodPost, app.URL+"/auth/rememberizer/logout", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", app.URL)
	resp, err := browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	other := app.SignIn(t, "42")
	app.Fake.Disconnect("42")
	clk.Advance(2 * time.Hour) // Rememberizer refuses the refresh: the session ends
	get(other, http.StatusUnauthorized)

	got, points := collect(t, s.reader)
	want := []string{
		"rememberizer.refresh.duration{rememberizer.refresh.result=ok,rememberizer.refresh.trigger=api_401} 1",
		"rememberizer.refresh.duration{rememberizer.refresh.result=ok,rememberizer.refresh.trigger=near_expiry} 1",
		"rememberizer.refresh.duration{rememberizer.refresh.result=refused,rememberizer.refresh.trigger=near_expiry} 1",
		"rememberizer.refreshes{rememberizer.refresh.result=ok,rememberizer.refresh.trigger=api_401} 1",
		"rememberizer.refreshes{rememberizer.refresh.result=ok,rememberizer.refresh.trigger=near_expiry} 1",
		"rememberizer.refreshes{rememberizer.refresh.result=refused,rememberizer.refresh.trigger=near_expiry} 1",
		"rememberizer.session.ends{rememberizer.session.end_reason=revoked} 1",
		"rememberizer.session.ends{rememberizer.session.end_reason=sign_out} 1",
		"rememberizer.sign_in.duration{rememberizer.sign_in.result=success} 2",
		"rememberizer.sign_in.starts{} 2",
		"rememberizer.sign_ins{rememberizer.sign_in.result=success} 2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("data points:\ngot  %q\nwant %q", got, want)
	}
	for _, p := range points {
		if p.unit != units[p.name] {
			t.Errorf("%s: unit %q, want %q", p.name, p.unit, units[p.name])
		}
	}
	checkBounded(t, points)

	spans := s.spans.GetSpans()
	signIn := []string{
		"rememberizer.sign_in < server GET /auth/rememberizer/callback [rememberizer.token_exchange rememberizer.account_fetch]",
		"rememberizer.token_exchange < rememberizer.sign_in [client POST]",
		"rememberizer.account_fetch < rememberizer.sign_in [client GET]",
	}
	wantTree := slices.Concat(signIn, []string{
		"rememberizer.refresh < server GET /mementos [client POST]",
		"rememberizer.refresh < server GET /mementos [client POST]",
	}, signIn, []string{
		"rememberizer.refresh < server GET /mementos [client POST] error.type=refused",
	})
	if gotTree := tree(spans); !slices.Equal(gotTree, wantTree) {
		t.Errorf("spans (name < parent [children]):\ngot  %q\nwant %q", gotTree, wantTree)
	}

	// No secret in a metric's attributes, nor in any span.
	var recorded strings.Builder
	for _, p := range points {
		fmt.Fprintln(&recorded, p)
	}
	for _, sp := range spans {
		fmt.Fprintln(&recorded, sp.Name, sp.Status.Description)
		for _, a := range sp.Attributes {
			fmt.Fprintln(&recorded, a.Key, a.Value.String())
		}
		for _, e := range sp.Events {
			fmt.Fprintln(&recorded, e.Name, e.Attributes)
		}
	}
	tap.mu.Lock()
	defer tap.mu.Unlock()
	if len(tap.secrets) < 10 {
		t.Fatalf("recorded %d secrets, want the codes, states, tokens, cookies and the client secret", len(tap.secrets))
	}
	for secret := range tap.secrets {
		for _, form := range []string{secret, url.QueryEscape(secret)} {
			if strings.Contains(recorded.String(), form) {
				t.Errorf("a secret (%d characters) appears in the recorded metrics or spans", len(secret))
			}
		}
	}
}

// tree describes each of the module's spans, in the order they started,
// as "name < parent [children]": a parent or child that is not one of the
// module's by its kind and its HTTP method or name. A failed span ends
// with its error.type.
func tree(spans tracetest.SpanStubs) []string {
	slices.SortStableFunc(spans, func(a, b tracetest.SpanStub) int { return a.StartTime.Compare(b.StartTime) })
	byID := map[trace.SpanID]tracetest.SpanStub{}
	children := map[trace.SpanID][]tracetest.SpanStub{}
	for _, sp := range spans {
		byID[sp.SpanContext.SpanID()] = sp
		children[sp.Parent.SpanID()] = append(children[sp.Parent.SpanID()], sp)
	}
	describe := func(sp tracetest.SpanStub) string {
		if strings.HasPrefix(sp.Name, "rememberizer.") {
			return sp.Name
		}
		for _, a := range sp.Attributes {
			if a.Key == "http.request.method" && sp.SpanKind == trace.SpanKindClient {
				return "client " + a.Value.String()
			}
		}
		return sp.SpanKind.String() + " " + sp.Name
	}
	var out []string
	for _, sp := range spans {
		if !strings.HasPrefix(sp.Name, "rememberizer.") {
			continue
		}
		parent := "none"
		if p, ok := byID[sp.Parent.SpanID()]; ok {
			parent = describe(p)
		}
		var kids []string
		for _, c := range children[sp.SpanContext.SpanID()] {
			kids = append(kids, describe(c))
		}
		line := fmt.Sprintf("%s < %s [%s]", sp.Name, parent, strings.Join(kids, " "))
		for _, a := range sp.Attributes {
			if a.Key == "error.type" {
				line += " error.type=" + a.Value.String()
			}
		}
		out = append(out, line)
	}
	return out
}
