package demoenv

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/rzauth/rememberizer-go/core/event"
	rzprom "github.com/rzauth/rememberizer-go/prometheus"
)

// useMetrics sets OnEvent and Metrics: core's events counted on a
// registry of the app's own (package prometheus of this repository), each
// also logged.
func (e *Env) useMetrics() error {
	reg := prometheus.NewRegistry()
	m, err := rzprom.New(reg)
	if err != nil {
		return err
	}
	log := e.Logger
	e.OnEvent = func(ctx context.Context, ev event.Event) {
		m.Observe(ctx, ev)
		log.LogAttrs(ctx, slog.LevelInfo, "event", slog.String("kind", ev.Kind.String()),
			slog.String("reason", string(ev.Reason)), slog.String("trigger", string(ev.Trigger)),
			slog.String("result", string(ev.Result)), slog.Duration("duration", ev.Duration))
	}
	e.Metrics = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	return nil
}

// WithMetrics returns h serving, with METRICS=1, GET /metrics as well;
// without it, h itself.
func (e *Env) WithMetrics(h http.Handler) http.Handler {
	if e.Metrics == nil {
		return h
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", e.Metrics)
	mux.Handle("/", h)
	return mux
}
