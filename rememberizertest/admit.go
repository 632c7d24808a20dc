package rememberizertest

import (
	"net/http"
	"slices"
)

// admit is how an endpoint starts, once it has counted the call and
// popped its queued fault f (faulted says there was one): f is served
// first, then a method not in allowed gets 405. It reports whether the
// endpoint should go on with the request.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, f Fault, faulted bool, allowed ...string) bool {
	if faulted && s.serveFault(w, r, f) {
		return false
	}
	if !slices.Contains(allowed, r.Method) {
		methodNotAllowed(w, r, allowed...)
		return false
	}
	return true
}
