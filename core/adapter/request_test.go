package adapter

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCookieStringAttributes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		c          Cookie
		wantMaxAge int // as net/http reports it: -1 for a delete cookie
	}{
		{"set, secure", Cookie{Name: "__Host-rememberizer_session", Value: "abc-_123", MaxAge: 3600, Secure: true}, 3600},
		{"set, not secure", Cookie{Name: "rememberizer_session", Value: "v", MaxAge: 600}, 600},
		{"set, one second", Cookie{Name: "n", Value: "v", MaxAge: 1, Secure: true}, 1},
		{"delete with MaxAge 0", Cookie{Name: "__Host-rememberizer_login", MaxAge: 0, Secure: true}, -1},
		{"delete with MaxAge -1", Cookie{Name: "rememberizer_login", Value: "old", MaxAge: -1}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			raw := tt.c.String()
			got, err := http.ParseSetCookie(raw)
			if err != nil {
				t.Fatalf("ParseSetCookie(%q): got error %v, want nil", raw, err)
			}
			if got.Name != tt.c.Name {
				t.Errorf("Name: got %q, want %q", got.Name, tt.c.Name)
			}
			if got.Value != tt.c.Value {
				t.Errorf("Value: got %q, want %q", got.Value, tt.c.Value)
			}
			if !got.HttpOnly {
				t.Errorf("HttpOnly: got false, want true (%q)", raw)
			}
			if got.Path != "/" {
				t.Errorf("Path: got %q, want %q", got.Path, "/")
			}
			if got.Domain != "" || strings.Contains(strings.ToLower(raw), "domain") {
				t.Errorf("Domain: got %q in %q, want none", got.Domain, raw)
			}
			if got.SameSite != http.SameSiteLaxMode {
				t.Errorf("SameSite: got %v, want Lax (%q)", got.SameSite, raw)
			}
			if got.Secure != tt.c.Secure {
				t.Errorf("Secure: got %v, want %v", got.Secure, tt.c.Secure)
			}
			if got.MaxAge != tt.wantMaxAge {
				t.Errorf("MaxAge: got %d, want %d (%q)", got.MaxAge, tt.wantMaxAge, raw)
			}
			if tt.wantMaxAge < 0 {
				if got.Expires.IsZero() || !got.Expires.Before(time.Unix(1, 0)) {
					t.Errorf("Expires of a delete cookie: got %v, want the epoch", got.Expires)
				}
			} else if !got.Expires.IsZero() {
				t.Errorf("Expires of a set cookie: got %v, want none", got.Expires)
			}
			if strings.Count(raw, "Max-Age=") != 1 {
				t.Errorf("got %q, want exactly one Max-Age", raw)
			}
		})
	}
}

func TestCookieStringParsesAsResponseHeader(t *testing.T) {
	t.Parallel()
	set := &Cookie{Name: "a", Value: "1", MaxAge: 60, Secure: true}
	del := &Cookie{Name: "b", MaxAge: -1}
	resp := &http.Response{Header: http.Header{"Set-Cookie": {set.String(), del.String()}}}
	cookies := resp.Cookies()
	if len(cookies) != 2 {
		t.Fatalf("got %d cookies, want 2", len(cookies))
	}
	if cookies[0].Name != "a" || cookies[0].MaxAge != 60 || !cookies[0].Secure {
		t.Errorf("set cookie: got %+v, want a=1, MaxAge 60, Secure", cookies[0])
	}
	if cookies[1].Name != "b" || cookies[1].MaxAge >= 0 || cookies[1].Secure {
		t.Errorf("delete cookie: got %+v, want b, MaxAge < 0, not Secure", cookies[1])
	}
}

func TestSlotCookies(t *testing.T) {
	t.Parallel()
	parse := func(line string) *http.Cookie {
		t.Helper()
		c, err := http.ParseSetCookie(line)
		if err != nil {
			t.Fatalf("ParseSetCookie(%q): %v", line, err)
		}
		return c
	}
	slot := Slot{Name: "__Host-x_session", MaxAge: 90 * time.Minute, Secure: true}
	set := parse(slot.Cookie("v"))
	if set.Name != slot.Name || set.Value != "v" || set.MaxAge != 5400 || !set.Secure || !set.HttpOnly {
		t.Errorf("Slot.Cookie: got %+v, want name %q, value v, MaxAge 5400, Secure, HttpOnly", set, slot.Name)
	}
	short := parse(Slot{Name: "n", MaxAge: 200 * time.Millisecond}.Cookie("v"))
	if short.MaxAge != 1 {
		t.Errorf("Slot.Cookie with MaxAge under a second: got MaxAge %d, want 1 (never a delete cookie)", short.MaxAge)
	}
	del := parse(slot.ExpiredCookie())
	if del.Name != slot.Name || del.Value != "" || del.MaxAge > 0 || del.Secure != slot.Secure {
		t.Errorf("Slot.ExpiredCookie: got %+v, want name %q, empty value, MaxAge <= 0, Secure %v", del, slot.Name, slot.Secure)
	}
}

func TestCookieValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		headers []string
		cookie  string
		want    string
	}{
		{"single", []string{"a=1"}, "a", "1"},
		{"first match wins", []string{"a=1; a=2"}, "a", "1"},
		{"first match wins across lines", []string{"x=0", "a=2", "a=3"}, "a", "2"},
		{"later line when first lacks it", []string{"x=0; y=1", "z=2; a=3"}, "a", "3"},
		{"prefix name does not match", []string{"ab=1; a=2"}, "a", "2"},
		{"suffix name does not match", []string{"ba=1; a=2"}, "a", "2"},
		{"shorter name does not match longer", []string{"a=1"}, "ab", ""},
		{"only longer names", []string{"ab=1; ba=2; aa=3"}, "a", ""},
		{"spaces around", []string{"x=1;   a = 2 ; y=3"}, "a", "2"},
		{"no space after semicolon", []string{"x=1;a=2"}, "a", "2"},
		{"tab after semicolon", []string{"x=1;\ta=2"}, "a", "2"},
		{"quoted value", []string{`a="quoted"`}, "a", "quoted"},
		{"quoted value among others", []string{`x=1; a="q v"; y=2`}, "a", "q v"},
		{"value with =", []string{"a=b=c"}, "a", "b=c"},
		{"part without =", []string{"a; a=1"}, "a", "1"},
		{"missing", []string{"x=1; y=2"}, "a", ""},
		{"no headers", nil, "a", ""},
		{"empty header line", []string{""}, "a", ""},
		{"value is a name", []string{"x=a; a=2"}, "a", "2"},
		{"case-sensitive name", []string{"A=1; a=2"}, "a", "2"},
		{"host-prefixed name", []string{"rememberizer_session=1; __Host-rememberizer_session=2"}, "__Host-rememberizer_session", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := CookieValue(tt.headers, tt.cookie); got != tt.want {
				t.Errorf("CookieValue(%q, %q) = %q, want %q", tt.headers, tt.cookie, got, tt.want)
			}
		})
	}
}

// Cookie is a cookie as the tests above describe one, rendered by the
// same function as every Set-Cookie line.
type Cookie struct {
	Name   string
	Value  string
	MaxAge int
	Secure bool
}

func (c *Cookie) String() string { return cookieLine(c.Name, c.Value, c.MaxAge, c.Secure) }
