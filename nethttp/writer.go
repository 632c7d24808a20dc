package nethttp

import (
	"bufio"
	"net"
	"net/http"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// endingWriter is the http.ResponseWriter handlers behind the middleware
// get: it ends the request's [core.Scope] just before the response's
// headers are written (a first WriteHeader, Write, Flush or Hijack), so a
// refresh running in a goroutine either finishes into these headers or
// never starts. http.ResponseController reaches the writer beneath
// through Unwrap.
type endingWriter struct {
	http.ResponseWriter
	scope adapter.Scope
}

func (w *endingWriter) WriteHeader(code int) {
	w.scope.End()
	w.ResponseWriter.WriteHeader(code)
}

func (w *endingWriter) Write(b []byte) (int, error) {
	w.scope.End()
	return w.ResponseWriter.Write(b)
}

// Flush sends what was written, when the writer beneath can.
func (w *endingWriter) Flush() {
	w.scope.End()
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Hijack takes over the connection, when the writer beneath allows it.
func (w *endingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.scope.End()
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

// Unwrap returns the writer beneath, for http.ResponseController.
func (w *endingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
