package fibermw

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// testRequest serves one request on a Fiber app, calling fn with core's
// view of it, and returns the response with its body closed.
func testRequest(t *testing.T, method, target string, header map[string]string, fn func(c *fiber.Ctx, q *request)) *http.Response {
	t.Helper()
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.All("/*", func(c *fiber.Ctx) error {
		fn(c, newRequest(c))
		return nil
	})
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	resp.Body.Close()
	return resp
}

func TestSetCookieSendsCoreLineExactly(t *testing.T) {
	t.Parallel()
	session := adapter.Slot{Name: "__Host-rememberizer_session", MaxAge: 7 * 24 * time.Hour, Secure: true}.Cookie("c2Vzc2lvbg")
	expired := adapter.Slot{Name: "__Host-rememberizer_login", Secure: true}.ExpiredCookie()
	other := adapter.Slot{Name: "rememberizer_session", MaxAge: time.Minute}.Cookie("a.b-c_d")
	r := testRequest(t, "GET", "/cb", nil, func(c *fiber.Ctx, q *request) {
		q.SetCookie(session)
		q.SetCookie(expired)
		q.SetCookie(other)
	})
	want := []string{session, expired, other}
	if got := r.Header.Values("Set-Cookie"); !slices.Equal(got, want) {
		t.Fatalf("got Set-Cookie %q, want %q", got, want)
	}
}

func TestRequestView(t *testing.T) {
	t.Parallel()
	type key struct{}
	var got struct {
		method, uri, accept, missing, cookie, second, absent string
		ctxValue                                             any
	}
	r := testRequest(t, "POST", "/a/b%2Fc?x=1&y=%20&x=2", map[string]string{
		"Accept": "text/html",
		"Cookie": `one=1; rememberizer_session="quoted"; two=2; rememberizer_session=later`,
	}, func(c *fiber.Ctx, q *request) {
		c.SetUserContext(context.WithValue(context.Background(), key{}, "here"))
		got.method, got.uri = q.Method(), q.URI()
		got.accept, got.missing = q.Header("accept"), q.Header("X-Missing")
		got.cookie, got.second, got.absent = q.Cookie("rememberizer_session"), q.Cookie("two"), q.Cookie("three")
		got.ctxValue = q.Context().Value(key{})
		q.SetHeader("Cache-Control", "no-store")
		q.SetHeader("Cache-Control", "private")
	})
	for _, tt := range []struct{ name, got, want string }{
		{"Method", got.method, "POST"},
		{"URI", got.uri, "/a/b%2Fc?x=1&y=%20&x=2"},
		{"Header", got.accept, "text/html"},
		{"missing Header", got.missing, ""},
		{"Cookie", got.cookie, "quoted"},
		{"second Cookie", got.second, "2"},
		{"absent Cookie", got.absent, ""},
		{"SetHeader", strings.Join(r.Header.Values("Cache-Control"), ","), "private"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if got.ctxValue != "here" {
		t.Errorf("Context: got value %v, want the user context's", got.ctxValue)
	}
}

func TestOriginForm(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"/", "/"},
		{"/a/b?c=d", "/a/b?c=d"},
		{"//evil.com/x", "//evil.com/x"},
		{"http://example.com/a/b?c=d", "/a/b?c=d"},
		{"https://example.com", "/"},
		{"http://example.com?q=1", "/?q=1"},
		{"*", "*"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := originForm(tt.in); got != tt.want {
			t.Errorf("originForm(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A request kept past its handler (as the request context keeps it) is
// cut from the *fiber.Ctx once fasthttp is done: Fiber hands that Ctx to
// later requests.
func TestRequestInertAfterRequest(t *testing.T) {
	t.Parallel()
	var kept *request
	testRequest(t, "GET", "/page?x=1", map[string]string{"Accept": "text/html", "Cookie": "a=b"}, func(c *fiber.Ctx, q *request) {
		q.closeWithRequest(c)
		kept = q
		if q.URI() != "/page?x=1" {
			t.Errorf("inside the handler: got URI %q, want /page?x=1", q.URI())
		}
	})
	for name, got := range map[string]string{
		"Method": kept.Method(), "URI": kept.URI(), "Header": kept.Header("Accept"), "Cookie": kept.Cookie("a"),
	} {
		if got != "" {
			t.Errorf("%s after the request: got %q, want \"\"", name, got)
		}
	}
	if kept.Context() != context.Background() {
		t.Errorf("Context after the request: got %v, want context.Background()", kept.Context())
	}
	kept.SetCookie("x=y; Max-Age=1") // dropped, no panic
	kept.SetHeader("X-Late", "1")
}
