package fiber3mw

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v3"
)

// TestRequestInertAfterChain keeps the request's view past the handler, as
// a context kept by a goroutine would: while the handler runs it reads the
// request, and once Fiber is done with the request it reads nothing and
// writes nowhere.
func TestRequestInertAfterChain(t *testing.T) {
	t.Parallel()
	var kept *request
	var during [3]string
	app := fiber.New()
	app.Get("/", func(c fiber.Ctx) error {
		kept = newRequest(c)
		kept.closeWithRequest(c)
		during = [3]string{kept.Method(), kept.URI(), kept.Cookie("b")}
		return c.SendString("ok")
	})
	req := httptest.NewRequest(http.MethodGet, "/?q=1", nil)
	req.Header.Add("Cookie", "a=1")
	req.Header.Add("Cookie", "b=2")
	resp, err := app.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if want := [3]string{"GET", "/?q=1", "2"}; during != want {
		t.Errorf("during the handler: got %q, want %q", during, want)
	}
	after := [4]string{kept.Method(), kept.URI(), kept.Cookie("b"), kept.Header("Cookie")}
	if after != [4]string{} {
		t.Errorf("after the request: got %q, want nothing", after)
	}
	kept.SetHeader("X-Late", "1") // must not panic nor reach anything
	kept.SetCookie("late=1")
}

func TestOriginForm(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                     "",
		"/a?b":                 "/a?b",
		"http://h":             "/",
		"http://h?q":           "/?q",
		"https://h/p/q?r=1":    "/p/q?r=1",
		"*":                    "*",
		"h:443":                "h:443",
		"http://h/p?x=http://": "/p?x=http://",
	} {
		if got := originForm(in); got != want {
			t.Errorf("originForm(%q) = %q, want %q", in, got, want)
		}
	}
}
