package demoenv

import (
	"context"
	"net/http"
)

// Healthz is the answer to GET /healthz: 200 "ok", or 503 "unavailable: "
// and the session store that does not answer, when REDIS_URL's Redis is
// down. A nil Env, or one without Redis, is always healthy.
func (e *Env) Healthz(ctx context.Context) (status int, body string) {
	if e != nil && e.health != nil {
		if err := e.health(ctx); err != nil {
			return http.StatusServiceUnavailable, "unavailable: " + err.Error()
		}
	}
	return http.StatusOK, "ok"
}
