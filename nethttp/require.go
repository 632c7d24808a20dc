package nethttp

import (
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// RequireRememberizer returns middleware that lets only signed-in browsers
// through. The next handler finds the session in the request context:
// core.SessionFrom(r.Context()), core.UserFrom(r.Context()), and calls the
// Rememberizer API with c.API(r.Context()). It may wrap the whole mux:
// requests for the auth routes that [Mount] registers are let through.
//
// A signed-out browser navigation is redirected to sign in and comes back
// to the page it asked for; a signed-out API call gets 401 JSON. A store
// failure or a refresh that cannot be done now goes to the error handler.
// In no failing case is next called.
//
// The request's view ends when next returns or starts writing the
// response, whichever comes first: a goroutine that keeps the request's
// API client never writes to this response, nor to another.
func RequireRememberizer(c *core.Client, cfg ...Config) func(http.Handler) http.Handler {
	conf := configFrom(cfg)
	eng, hooks := c.Adapter(), conf.hooks()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			g := &guarded{req: adapter.HTTPRequest{W: w, R: r}}
			if o := eng.Require(&g.req, hooks); o.Scope != nil {
				g.serve(next, o.Scope)
			} else {
				conf.refuse(w, r, o)
			}
		})
	}
}

// OptionalRememberizer returns middleware for public pages that show who
// is signed in: the next handler is always called, with the session in
// the request context when there is one (core.UserFrom reports ok), and
// without it otherwise. Nothing is refused and nothing redirected. The
// response carries Vary: Cookie. cfg is accepted so that every middleware
// takes the same options; none of its hooks is called.
func OptionalRememberizer(c *core.Client, cfg ...Config) func(http.Handler) http.Handler {
	eng := c.Adapter()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			g := &guarded{req: adapter.HTTPRequest{W: w, R: r}}
			g.serve(next, eng.Optional(&g.req).Scope)
		})
	}
}

// guarded is one request behind the middleware: core's view of it and the
// writer the next handler gets, in one allocation.
type guarded struct {
	req adapter.HTTPRequest
	w   endingWriter
}

// serve runs next with the session in its context and a writer that ends
// the request's view before the headers go out, and ends it when next
// returns (or panics).
func (g *guarded) serve(next http.Handler, sc adapter.Scope) {
	defer sc.End()
	g.w = endingWriter{ResponseWriter: g.req.W, scope: sc}
	r := g.req.R
	if ctx := sc.Context(r.Context()); ctx != r.Context() {
		r = r.WithContext(ctx)
	}
	next.ServeHTTP(&g.w, r)
}
