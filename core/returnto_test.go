package core

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/internal/securityvectors"
)

const testRoutePrefix = "/auth/rememberizer"

var (
	returnToRejected = securityvectors.ReturnToRejected
	returnToKept     = securityvectors.ReturnToKept
)

// vectorName makes a subtest name from a vector: quoted, and cut short.
func vectorName(s string) string {
	q := fmt.Sprintf("%q", s)
	if len(q) > 60 {
		q = q[:40] + fmt.Sprintf("…(%d bytes)", len(s))
	}
	return q
}

func TestReturnToRejectsSecurityVectors(t *testing.T) {
	t.Parallel()
	for _, v := range returnToRejected {
		t.Run(vectorName(v), func(t *testing.T) {
			t.Parallel()
			if got := returnTarget(v, testRoutePrefix, nil); got != "/" {
				t.Errorf("raw: returnTarget(%q) = %q, want %q", v, got, "/")
			}
			u, err := url.QueryUnescape(v)
			if err != nil {
				return // the raw run alone is enough
			}
			if got := returnTarget(u, testRoutePrefix, nil); got != "/" {
				t.Errorf("unescaped: returnTarget(%q) = %q, want %q", u, got, "/")
			}
		})
	}
}

func TestReturnToKeepsSecurityVectors(t *testing.T) {
	t.Parallel()
	for _, v := range returnToKept {
		t.Run(vectorName(v), func(t *testing.T) {
			t.Parallel()
			if got := returnTarget(v, testRoutePrefix, nil); got != v {
				t.Errorf("returnTarget(%q) = %q, want it unchanged", v, got)
			}
		})
	}
}

func TestReturnToLengthLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"at limit", "/" + strings.Repeat("a", maxReturnToLen-1), "/" + strings.Repeat("a", maxReturnToLen-1)},
		{"one over limit", "/" + strings.Repeat("a", maxReturnToLen), "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := returnTarget(tt.in, testRoutePrefix, nil); got != tt.want {
				t.Errorf("returnTarget(%d bytes) = %s, want %s", len(tt.in), vectorName(got), vectorName(tt.want))
			}
		})
	}
}

// recheckReturnTo is an independent statement of SECURITY.md S10 for a
// relative return-to; it returns why s breaks it, or "".
func recheckReturnTo(s string) string {
	if why := recheckPathShape(s); why != "" {
		return why
	}
	u, err := url.Parse(s)
	if err != nil {
		return "does not parse: " + err.Error()
	}
	if u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return fmt.Sprintf("parses with scheme %q, host %q, user %v, opaque %q", u.Scheme, u.Host, u.User, u.Opaque)
	}
	p := s
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	dec, err := url.PathUnescape(p)
	if err != nil {
		return "path does not unescape: " + err.Error()
	}
	if why := recheckPathShape(dec); why != "" {
		return "decoded path " + fmt.Sprintf("%q", dec) + ": " + why
	}
	return ""
}

func recheckPathShape(s string) string {
	switch {
	case s == "":
		return "empty"
	case !strings.HasPrefix(s, "/"):
		return "does not start with /"
	case strings.HasPrefix(s, "//"):
		return "starts with //"
	case strings.Contains(s, "\\"):
		return "holds a backslash"
	case strings.Contains(s, "//"):
		return "holds //"
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return fmt.Sprintf("holds control byte %#x", s[i])
		}
	}
	for _, seg := range strings.Split(s, "/") {
		if seg == "." || seg == ".." {
			return "holds a dot segment"
		}
	}
	return ""
}

func TestReturnToGeneratedAcceptedValuesPassRecheck(t *testing.T) {
	t.Parallel()
	prefixes := []string{"/", "//", "/\\", "\\", "/%2f", "/%5c", "/%09", "/%0a", "/./", "/../", "%2f"}
	payloads := []string{"evil.com", "/evil.com", "\\evil.com", "%2fevil.com", "%5cevil.com", "@evil.com"}
	schemes := []string{"", "http:", "https:", "javascript:"}
	accepted := 0
	for _, scheme := range schemes {
		for _, prefix := range prefixes {
			for _, payload := range payloads {
				in := scheme + prefix + payload
				got := returnTarget(in, testRoutePrefix, nil)
				if got == "/" {
					continue
				}
				accepted++
				if got != in {
					t.Errorf("returnTarget(%q) = %q, want the input or %q", in, got, "/")
					continue
				}
				if why := recheckReturnTo(got); why != "" {
					t.Errorf("returnTarget(%q) accepted it, but it %s", in, why)
				}
			}
		}
	}
	// The plain values "/evil.com" and "/@evil.com" are harmless paths on
	// this app; if nothing at all was accepted the check above proved
	// nothing.
	if accepted == 0 {
		t.Errorf("got 0 accepted values, want at least the plain paths")
	}
	for _, plain := range []string{"/evil.com", "/@evil.com"} {
		if got := returnTarget(plain, testRoutePrefix, nil); got != plain {
			t.Errorf("returnTarget(%q) = %q, want it unchanged", plain, got)
		}
	}
}

func TestRecheckReturnToRejectsKnownBad(t *testing.T) {
	t.Parallel()
	// The re-check above must itself catch what S10 forbids, or it would
	// pass anything.
	for _, v := range []string{"//evil.com", "/\\evil.com", "/%2fevil.com", "/%5cevil.com", "/%09evil.com", "/./evil.com", "https://evil.com", "evil.com", "/a\nb"} {
		t.Run(vectorName(v), func(t *testing.T) {
			t.Parallel()
			if why := recheckReturnTo(v); why == "" {
				t.Errorf("recheckReturnTo(%q) = \"\", want a reason", v)
			}
		})
	}
	if why := recheckReturnTo("/a/b?c=d"); why != "" {
		t.Errorf("recheckReturnTo(%q) = %q, want \"\"", "/a/b?c=d", why)
	}
}

func TestReturnToAllowedOrigins(t *testing.T) {
	t.Parallel()
	allowed := []string{"https://app.example.com"}
	tests := []struct {
		in   string
		want string
	}{
		{"https://app.example.com/x", "https://app.example.com/x"},
		{"https://app.example.com/x?y=z#f", "https://app.example.com/x?y=z#f"},
		{"https://app.example.com.evil.com/x", "/"},
		{"https://evil.com/x", "/"},
		{"https://app.example.com@evil.com/", "/"},
		{"http://app.example.com/x", "/"},
		{"https://app.example.com:8443/x", "/"},
		{"https://app.example.com//evil.com", "/"},
		{"https://app.example.com/%2f%2fevil.com", "/"},
		{"https://app.example.com/\\evil.com", "/"},
		{"https://app.example.com\\@evil.com/", "/"},
		{"//app.example.com/x", "/"},
		// A relative path is still fine with an allow-list.
		{"/x", "/x"},
	}
	for _, tt := range tests {
		t.Run(vectorName(tt.in), func(t *testing.T) {
			t.Parallel()
			if got := returnTarget(tt.in, testRoutePrefix, allowed); got != tt.want {
				t.Errorf("returnTarget(%q, allowed %q) = %q, want %q", tt.in, allowed, got, tt.want)
			}
		})
	}
	// Without the allow-list the allowed URL itself is refused.
	if got := returnTarget("https://app.example.com/x", testRoutePrefix, nil); got != "/" {
		t.Errorf("returnTarget(absolute, no allow-list) = %q, want %q", got, "/")
	}
}

func TestReturnToOwnRoutes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string
	}{
		{"/auth/rememberizer/login", "/"},
		{"/AUTH/Rememberizer/callback?x", "/"},
		{"/auth/rememberizer", "/"},
		{"/auth/rememberizer/", "/"},
		{"/auth/rememberizer?return_to=/x", "/"},
		{"/auth/rememberizer%2Flogout", "/"},
		{"/auth/%72ememberizer/login", "/"},
		{"/auth/rememberizerish", "/auth/rememberizerish"},
		{"/auth/other", "/auth/other"},
	}
	for _, tt := range tests {
		t.Run(vectorName(tt.in), func(t *testing.T) {
			t.Parallel()
			if got := returnTarget(tt.in, testRoutePrefix, nil); got != tt.want {
				t.Errorf("returnTarget(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestReturnTargetKeepsPathsOnly(t *testing.T) {
	t.Parallel()
	// A path on this app is kept as it is.
	if got := returnTarget("/dashboard?tab=settings", "/auth/rememberizer", nil); got != "/dashboard?tab=settings" {
		t.Errorf("path on this app: got %q, want it kept", got)
	}
	// Anything that could leave the app becomes "/".
	if got := returnTarget("//evil.example/phish", "/auth/rememberizer", nil); got != "/" {
		t.Errorf("protocol-relative URL: got %q, want /", got)
	}
}

func TestReturnToAllowedOriginNeverOwnRoutes(t *testing.T) {
	t.Parallel()
	allowed := []string{"https://app.example.com"}
	for _, s := range []string{
		"https://app.example.com/auth/rememberizer/logout",
		"https://app.example.com/AUTH/rememberizer/callback?code=x",
		"https://app.example.com/%61uth/rememberizer/login",
	} {
		if got := returnTarget(s, "/auth/rememberizer", allowed); got != "/" {
			t.Errorf("returnTarget(%q): got %q, want /", s, got)
		}
	}
	if got := returnTarget("https://app.example.com/home", "/auth/rememberizer", allowed); got != "https://app.example.com/home" {
		t.Errorf("allowed absolute URL: got %q, want it kept", got)
	}
}
