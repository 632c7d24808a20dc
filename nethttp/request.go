package nethttp

import (
	"context"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
)

// request is core's view of a net/http request and its response writer.
type request struct {
	w http.ResponseWriter
	r *http.Request
}

var _ core.Request = (*request)(nil)

func (q *request) Context() context.Context     { return q.r.Context() }
func (q *request) Method() string               { return q.r.Method }
func (q *request) URI() string                  { return q.r.URL.RequestURI() }
func (q *request) Header(name string) string    { return q.r.Header.Get(name) }
func (q *request) Cookie(name string) string    { return core.CookieValue(q.r.Header["Cookie"], name) }
func (q *request) SetCookie(c *core.Cookie)     { q.w.Header().Add("Set-Cookie", c.String()) }
func (q *request) SetHeader(name, value string) { q.w.Header().Set(name, value) }

// NewRequest returns core's view of a net/http request and its response
// writer. Adapters for frameworks built on net/http (ginmw) use it too.
func NewRequest(w http.ResponseWriter, r *http.Request) core.Request { return &request{w: w, r: r} }

// WriteReply writes a reply core decided on.
func WriteReply(w http.ResponseWriter, rep core.Reply) { write(w, rep) }

// write sends a reply core decided on.
func write(w http.ResponseWriter, rep core.Reply) {
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

// fail hands err to the configured error handler, or writes core's reply.
func fail(w http.ResponseWriter, r *http.Request, req *request, c *core.Client, conf Config, err error) {
	if conf.ErrorHandler != nil {
		conf.ErrorHandler(w, r, err)
		return
	}
	write(w, c.ErrorReply(req, err))
}
