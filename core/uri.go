package core

import (
	"net/url"
	"strings"
)

// rawQuery is the query part of a request URI.
func rawQuery(uri string) string {
	_, q, _ := strings.Cut(uri, "?")
	if i := strings.IndexByte(q, '#'); i >= 0 {
		q = q[:i]
	}
	return q
}

// uriPath is the path part of a request URI.
func uriPath(uri string) string {
	p, _, _ := strings.Cut(uri, "?")
	return p
}

// singleParam returns the one value of key in the query of uri, or "" if
// the query does not parse or key is absent or repeated.
func singleParam(uri, key string) string {
	vals, err := url.ParseQuery(rawQuery(uri))
	if err != nil {
		return ""
	}
	if v := vals[key]; len(v) == 1 {
		return v[0]
	}
	return ""
}

// hasControl reports whether s holds a control character or NUL.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}
