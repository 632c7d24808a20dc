package demo

import (
	"context"
	"net/http"
)

// Healthz is the answer to GET /healthz: 200 "ok", or 503
// "unavailable: " and what check reports (the session store that does not
// answer). A nil check always passes.
func Healthz(ctx context.Context, check func(context.Context) error) (status int, body string) {
	if check != nil {
		if err := check(ctx); err != nil {
			return http.StatusServiceUnavailable, "unavailable: " + err.Error()
		}
	}
	return http.StatusOK, "ok"
}
