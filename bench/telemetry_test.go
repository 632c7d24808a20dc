package bench

import (
	"context"
	"testing"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	rzotel "github.com/rzauth/rememberizer-go/otel"
)

// BenchmarkTelemetry measures what module otel adds, on net/http with
// the default cookie store and the 40-character token, in one run:
//
//   - telemetry=none: Config.OnEvent and Config.Trace unset, the path
//     every app without telemetry takes;
//   - telemetry=otel: the module installed (Telemetry.Observe as OnEvent,
//     Telemetry.Trace as Trace) on the SDK's providers, whose metrics a
//     manual reader holds (never collected) and whose spans a batch
//     processor hands to an exporter that drops them;
//   - telemetry=otel+otelhttp: the same, and the HTTPClient's transport
//     wrapped in otelhttp's, so each request to Rememberizer is a span
//     too (callback and refresh only: a protected request makes none).
//
// step=protected is a protected request whose token is not near expiry
// (no event, no span), step=callback a sign-in's callback, step=refresh a
// protected request that refreshes, as in BenchmarkSignIn.
func BenchmarkTelemetry(b *testing.B) {
	p := provider.Payloads[0]
	for _, tel := range []string{"none", "otel", "otel+otelhttp"} {
		if tel != "otel+otelhttp" {
			b.Run("step=protected/telemetry="+tel, func(b *testing.B) {
				c := newClient(b, p, nil, withTelemetry(b, tel))
				loop(b, netHTTPProtected(b, c, signIn(b, c)))
			})
		}
		b.Run("step=callback/telemetry="+tel, func(b *testing.B) { benchCallback(b, p, withTelemetry(b, tel)) })
		b.Run("step=refresh/telemetry="+tel, func(b *testing.B) { benchRefresh(b, p, withTelemetry(b, tel)) })
	}
}

// withTelemetry installs the telemetry tel names (see BenchmarkTelemetry)
// on a client's config.
func withTelemetry(tb testing.TB, tel string) func(*core.Config) {
	if tel == "none" {
		return func(*core.Config) {}
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(tracetest.NewNoopExporter()))
	tb.Cleanup(func() { tp.Shutdown(context.Background()) })
	t, err := rzotel.New(rzotel.Config{
		MeterProvider:  sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader())),
		TracerProvider: tp,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return func(cfg *core.Config) {
		cfg.OnEvent = t.Observe
		cfg.Trace = t.Trace
		if tel == "otel+otelhttp" {
			cfg.HTTPClient.Transport = otelhttp.NewTransport(cfg.HTTPClient.Transport, otelhttp.WithTracerProvider(tp))
		}
	}
}
