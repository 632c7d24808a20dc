package otel_test

import (
	"context"
	"testing"
	"time"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/rzauth/rememberizer-go/core/event"
	rzotel "github.com/rzauth/rememberizer-go/otel"
)

// BenchmarkHooks measures the module's own share of what it adds: the
// calls core makes to Observe and Trace during one callback (three spans,
// the sign-in's event) and one refresh (one span, its event), on the
// SDK's providers (a manual reader never collected; spans handed by a
// batch processor to an exporter that drops them). bench's
// BenchmarkTelemetry measures the same through whole requests.
func BenchmarkHooks(b *testing.B) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(tracetest.NewNoopExporter()))
	b.Cleanup(func() { tp.Shutdown(context.Background()) })
	tel, err := rzotel.New(rzotel.Config{
		MeterProvider:  sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader())),
		TracerProvider: tp,
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.Run("op=callback", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sctx, end := tel.Trace(ctx, event.SignIn)
			_, endExchange := tel.Trace(sctx, event.TokenExchange)
			endExchange("")
			_, endAccount := tel.Trace(sctx, event.AccountFetch)
			endAccount("")
			tel.Observe(sctx, event.Event{Kind: event.SignInSucceeded, UserID: "42", Duration: 30 * time.Millisecond})
			end("")
		}
	})
	b.Run("op=refresh", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rctx, end := tel.Trace(ctx, event.Refresh)
			tel.Observe(rctx, event.Event{Kind: event.Refreshed, Trigger: event.NearExpiry, Result: event.OK, UserID: "42", Duration: 20 * time.Millisecond})
			end("")
		}
	})
	b.Run("op=sign-in-started", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			tel.Observe(ctx, event.Event{Kind: event.SignInStarted})
		}
	})
}
