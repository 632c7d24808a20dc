package core

import (
	"net/url"
	"strings"
)

// maxReturnToLen bounds a return-to value.
const maxReturnToLen = 2048

// returnTarget checks where a visitor may be sent after signing in or out
// (SECURITY.md S10) and returns the value to use: s itself when it is safe,
// "/" otherwise. It never fails: anything doubtful becomes "/".
//
// A safe value is a relative path on this app: at most 2048 printable
// ASCII bytes, starting with a single "/", with no backslash, no "//", no
// "." or ".." segment, nothing a URL parser would read as a scheme, host
// or user, whose percent-decoded path passes the same rules, and which is
// not one of the library's own routes below routePrefix. Absolute http(s)
// URLs are accepted only when their origin is exactly one of
// allowedOrigins.
func returnTarget(s, routePrefix string, allowedOrigins []string) string {
	if safeReturnTo(s, routePrefix, allowedOrigins) {
		return s
	}
	return "/"
}

func safeReturnTo(s, routePrefix string, allowedOrigins []string) bool {
	if s == "" || len(s) > maxReturnToLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e || s[i] == '\\' {
			return false
		}
	}
	if s[0] != '/' {
		return absoluteAllowed(s, routePrefix, allowedOrigins)
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return false
	}
	// No "//" or dot segment anywhere, query and fragment included.
	if !safePathShape(s) {
		return false
	}
	return safePath(rawPath(s), routePrefix)
}

// rawPath is s up to its query or fragment.
func rawPath(s string) string {
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		return s[:i]
	}
	return s
}

// safePath applies the path rules to p as sent and once percent-decoded.
func safePath(p, routePrefix string) bool {
	if !safePathShape(p) {
		return false
	}
	dec, err := url.PathUnescape(p)
	if err != nil || !safePathShape(dec) {
		return false
	}
	return !ownRoute(dec, routePrefix)
}

// safePathShape: starts with one "/", then no backslash, no "//", no
// control character, and no "." or ".." segment.
func safePathShape(p string) bool {
	if len(p) == 0 || p[0] != '/' {
		return false
	}
	if len(p) > 1 && (p[1] == '/' || p[1] == '\\') {
		return false
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return false
		}
	}
	if strings.Contains(p, "//") {
		return false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// ownRoute reports whether p is the route prefix or below it, ignoring
// case (a proxy in front may not).
func ownRoute(p, routePrefix string) bool {
	prefix := strings.TrimRight(routePrefix, "/")
	if prefix == "" {
		return false
	}
	if len(p) < len(prefix) || !strings.EqualFold(p[:len(prefix)], prefix) {
		return false
	}
	return len(p) == len(prefix) || p[len(prefix)] == '/'
}

// absoluteAllowed accepts an absolute http(s) URL whose origin is exactly
// one of allowed and whose path passes the relative rules.
func absoluteAllowed(s, routePrefix string, allowed []string) bool {
	if len(allowed) == 0 {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Opaque != "" || u.Host == "" {
		return false
	}
	origin := u.Scheme + "://" + u.Host
	ok := false
	for _, a := range allowed {
		if a == origin {
			ok = true
			break
		}
	}
	if !ok || !strings.HasPrefix(s, origin) {
		return false
	}
	rest := s[len(origin):]
	if rest == "" {
		return true
	}
	if rest[0] != '/' {
		// Only a query or fragment may follow the origin directly.
		return rest[0] == '?' || rest[0] == '#'
	}
	return safePath(rawPath(rest), routePrefix)
}
