package core

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// htmlRequest is a browser navigation to uri.
func htmlRequest(method, uri string) *fakeRequest {
	r := newFakeRequest(method, uri)
	r.reqHeaders.Set("Accept", "text/html,application/xhtml+xml")
	return r
}

func TestDefaultErrorPage(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	req := htmlRequest("GET", "/auth/rememberizer/callback?state=x")
	rep := e.c.errorReply(req, ErrStateMismatch)
	if rep.Status != 400 || rep.ContentType != "text/html; charset=utf-8" {
		t.Fatalf("got %d %q, want 400 text/html", rep.Status, rep.ContentType)
	}
	for _, want := range []string{
		"<title>Sign-in problem</title>", "<h1>Sign-in problem</h1>",
		`<p id="message">This sign-in link is not valid in this browser. Please start again.</p>`,
		"Error 400<", `<a href="/">Back to the start page</a>`,
		"<style>" + errorPageStyle + "</style>", "font:16px/1.5 system-ui",
	} {
		if !strings.Contains(rep.Body, want) {
			t.Errorf("page lacks %q:\n%s", want, rep.Body)
		}
	}
	// No external asset, no script, nothing inline but the one style.
	for _, bad := range []string{"<script", "<link", "src=", "http://", "https://", "style=", "@import", "url("} {
		if strings.Contains(rep.Body, bad) {
			t.Errorf("page has %q", bad)
		}
	}
	csp := req.respHeader.Get("Content-Security-Policy")
	m := regexp.MustCompile(`style-src 'sha256-([A-Za-z0-9+/=]+)'`).FindStringSubmatch(csp)
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(rep.Body)
	if m == nil || style == nil || m[1] != styleHash(style[1]) {
		t.Errorf("CSP %q does not allow the page's style by its hash", csp)
	}
	if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("got CSP %q, want default-src 'none' and no unsafe-inline", csp)
	}
}

func TestErrorPageHook(t *testing.T) {
	t.Parallel()
	var got ErrorPage
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
		c.ErrorPage = func(w io.Writer, p ErrorPage) error {
			got = p
			_, err := fmt.Fprintf(w, "<p class=mine>%d %s</p>", p.Status, p.Message)
			return err
		}
	})
	req := htmlRequest("GET", "/auth/rememberizer/callback")
	rep := e.c.errorReply(req, &ProviderError{Code: "access_denied", Stage: "callback"})
	if rep.Body != "<p class=mine>403 Sign-in was cancelled.</p>" || rep.Status != 403 {
		t.Errorf("got %d %q, want the hook's page", rep.Status, rep.Body)
	}
	want := ErrorPage{Status: 403, Title: "You chose not to sign in", Message: "Sign-in was cancelled.", Slug: "access_denied", HomeURL: "/", RetryURL: "/auth/rememberizer/login"}
	if got != want {
		t.Errorf("hook got %+v, want %+v", got, want)
	}
	if csp := req.respHeader.Get("Content-Security-Policy"); csp != "" {
		t.Errorf("got CSP %q on the app's own page, want none set by core", csp)
	}
}

func TestErrorPageHookFails(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
		c.ErrorPage = func(w io.Writer, p ErrorPage) error {
			_, _ = io.WriteString(w, "half a page")
			return errors.New("template broke")
		}
	})
	rep := e.c.errorReply(htmlRequest("GET", "/auth/rememberizer/callback"), ErrStateMismatch)
	if strings.Contains(rep.Body, "half a page") || !strings.Contains(rep.Body, "<h1>Sign-in problem</h1>") {
		t.Errorf("got %q, want the default page alone", rep.Body)
	}
	if logs := e.logs.String(); !strings.Contains(logs, `"msg":"rememberizer: Config.ErrorPage failed; showing the default page"`) ||
		!strings.Contains(logs, "template broke") {
		t.Errorf("logs lack the hook's failure:\n%s", logs)
	}
}

func TestDenyLoggedAtInfo(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	cb := e.authorize(t)
	deny := cb.followUp("GET", strings.Replace(cb.uri, "code=", "error=access_denied&x=", 1))
	_, err := e.c.callback(deny)
	var pe *ProviderError
	if !errors.As(err, &pe) || pe.Code != "access_denied" {
		t.Fatalf("got %v, want access_denied", err)
	}
	e.c.errorReply(deny, err)
	logs := e.logs.String()
	if !strings.Contains(logs, `"level":"INFO","msg":"rememberizer: sign-in cancelled by the user"`) {
		t.Errorf("logs lack the INFO line for a deny:\n%s", logs)
	}
	for _, line := range strings.Split(logs, "\n") {
		// New's warning about an http redirect URL is not the deny's.
		if strings.Contains(line, `"level":"WARN"`) && !strings.Contains(line, "for local development only") {
			t.Errorf("a deny logged a warning:\n%s", line)
		}
	}
}

func TestLogoutWithGET(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	for _, method := range []string{"GET", "HEAD", "PUT"} {
		req := htmlRequest(method, "/auth/rememberizer/logout")
		_, err := e.c.serveAuth(req)
		if !errors.Is(err, errSignOutNeedsPost) || !errors.Is(err, ErrMethodNotAllowed) {
			t.Fatalf("%s: got %v, want errSignOutNeedsPost", method, err)
		}
		rep := e.c.errorReply(req, err)
		if rep.Status != 405 || req.respHeader.Get("Allow") != "POST" {
			t.Errorf("%s: got %d Allow %q, want 405 Allow POST", method, rep.Status, req.respHeader.Get("Allow"))
		}
		for _, want := range []string{
			"<h1>Sign-out problem</h1>",
			"Signing out needs a POST form: use a button in a form with method=&#34;post&#34;, not a link.",
		} {
			if !strings.Contains(rep.Body, want) {
				t.Errorf("%s: page lacks %q:\n%s", method, want, rep.Body)
			}
		}
	}
	api := newFakeRequest("GET", "/auth/rememberizer/logout")
	_, err := e.c.serveAuth(api)
	rep := e.c.errorReply(api, err)
	want := `{"error":"method_not_allowed","message":"Signing out needs a POST form: use a button in a form with method=\"post\", not a link."}`
	if rep.Body != want {
		t.Errorf("JSON: got %s, want %s", rep.Body, want)
	}
}
