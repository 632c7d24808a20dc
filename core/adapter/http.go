package adapter

import (
	"context"
	"net/http"
)

// HTTPRequest is the [Request] of a net/http request and its response,
// for adapters of frameworks built on net/http (nethttp, ginmw, Echo). An
// adapter may keep one by value inside a struct of its own, so that a
// request costs no extra allocation; use it through a pointer.
type HTTPRequest struct {
	W http.ResponseWriter
	R *http.Request
}

var _ Request = (*HTTPRequest)(nil)

// Context implements [Request].
func (q *HTTPRequest) Context() context.Context { return q.R.Context() }

// Method implements [Request].
func (q *HTTPRequest) Method() string { return q.R.Method }

// URI implements [Request]: the path and raw query as received.
func (q *HTTPRequest) URI() string { return q.R.URL.RequestURI() }

// Header implements [Request].
func (q *HTTPRequest) Header(name string) string { return q.R.Header.Get(name) }

// Cookie implements [Request], reading every Cookie header line with
// [CookieValue].
func (q *HTTPRequest) Cookie(name string) string { return CookieValue(q.R.Header["Cookie"], name) }

// SetCookie implements [Request].
func (q *HTTPRequest) SetCookie(line string) { q.W.Header().Add("Set-Cookie", line) }

// SetHeader implements [Request].
func (q *HTTPRequest) SetHeader(name, value string) { q.W.Header().Set(name, value) }

// WriteHTTP writes rep to w: its Location, its body with its
// Content-Type (and X-Content-Type-Options: nosniff), and its status.
func WriteHTTP(w http.ResponseWriter, rep Reply) {
	if rep.Location != "" {
		w.Header().Set("Location", rep.Location)
	}
	if rep.ContentType != "" {
		w.Header().Set("Content-Type", rep.ContentType)
		w.Header().Set("X-Content-Type-Options", "nosniff")
	}
	w.WriteHeader(rep.Status)
	if rep.Body != "" {
		_, _ = w.Write([]byte(rep.Body))
	}
}
