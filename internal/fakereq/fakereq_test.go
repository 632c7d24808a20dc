package fakereq_test

import (
	"testing"

	"github.com/rzauth/rememberizer-go/internal/fakereq"
)

func TestRequest(t *testing.T) {
	var seen []string
	r := &fakereq.Request{
		Cookies:     map[string]string{"a": "1"},
		Any:         "other",
		OnSetCookie: func(c *fakereq.Cookie) { seen = append(seen, c.Name) },
	}
	for _, tt := range []struct{ name, want string }{{"a", "1"}, {"b", "other"}} {
		if got := r.Cookie(tt.name); got != tt.want {
			t.Errorf("Cookie(%q): got %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := (&fakereq.Request{}).Cookie("a"); got != "" {
		t.Errorf("Cookie of an empty request: got %q, want none", got)
	}
	r.SetCookie("x=v1; Path=/")
	r.SetCookie("y=v2; Path=/")
	set := r.Set()
	if len(set) != 2 || set[0].Value != "v1" || set[1].Value != "v2" {
		t.Errorf("Set: got %v, want x=v1 then y=v2", set)
	}
	if len(seen) != 2 || seen[0] != "x" || seen[1] != "y" {
		t.Errorf("OnSetCookie: got %v, want [x y]", seen)
	}
	r.Reset()
	if set := r.Set(); len(set) != 0 {
		t.Errorf("Set after Reset: got %v, want none", set)
	}
	if r.Method() != "GET" || r.URI() != "/" || r.Header("Accept") != "" || r.Context() == nil {
		t.Errorf("got %s %s, Accept %q, want GET / with no headers", r.Method(), r.URI(), r.Header("Accept"))
	}
}
