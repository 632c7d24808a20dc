package ginmw

import (
	"bufio"
	"net"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// endingWriter is the gin.ResponseWriter the handlers after the middleware
// get: it ends the request's [core.Scope] just before the response's
// headers are written (WriteHeaderNow, Write, WriteString, Flush,
// Hijack), so a refresh running in a goroutine either finishes into
// these headers or never starts. WriteHeader (ctx.Status) does not end
// it: Gin only records the status then, and headers the handler sets
// afterwards still go out, so the scope's last word on them
// (Cache-Control: no-store with a session cookie) must come later.
type endingWriter struct {
	gin.ResponseWriter
	scope adapter.Scope
}

func (w *endingWriter) WriteHeaderNow() {
	w.scope.End()
	w.ResponseWriter.WriteHeaderNow()
}

func (w *endingWriter) Write(b []byte) (int, error) {
	w.scope.End()
	return w.ResponseWriter.Write(b)
}

func (w *endingWriter) WriteString(s string) (int, error) {
	w.scope.End()
	return w.ResponseWriter.WriteString(s)
}

func (w *endingWriter) Flush() {
	w.scope.End()
	w.ResponseWriter.Flush()
}

func (w *endingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.scope.End()
	return w.ResponseWriter.Hijack()
}
