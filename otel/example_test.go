package otel_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	rzotel "github.com/rzauth/rememberizer-go/otel"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// Count an app's sign-ins and trace them, with the app's own providers
// (an exporter's, in production; a manual reader and an in-memory span
// exporter here).
func Example() {
	reader := sdkmetric.NewManualReader()
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	tel, err := rzotel.New(rzotel.Config{
		MeterProvider:  sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)),
		TracerProvider: tp,
	})
	if err != nil {
		log.Fatal(err)
	}
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		// cfg: the app's core.Config, pointed at a fake Rememberizer here.
		cfg.Logger = slog.New(slog.DiscardHandler)
		cfg.OnEvent = tel.Observe
		cfg.Trace = tel.Trace
		// The requests to Rememberizer are spans too.
		cfg.HTTPClient = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport, otelhttp.WithTracerProvider(tp))}
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		mux := http.NewServeMux()
		nethttp.Mount(mux, c)
		return mux, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()
	for range 2 {
		if _, err := app.Browser("42"); err != nil {
			log.Fatal(err)
		}
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		log.Fatal(err)
	}
	for _, m := range rm.ScopeMetrics[0].Metrics {
		if sum, ok := m.Data.(metricdata.Sum[int64]); ok && m.Name == "rememberizer.sign_ins" {
			result, _ := sum.DataPoints[0].Attributes.Value("rememberizer.sign_in.result")
			fmt.Println(m.Name, result.String(), sum.DataPoints[0].Value)
		}
	}
	// The first sign-in's spans, in the order they ended: the callback,
	// its token exchange and account fetch, and their requests.
	for _, s := range spans.GetSpans()[:5] {
		fmt.Println(s.Name)
	}
	// Output:
	// rememberizer.sign_ins success 2
	// HTTP POST
	// rememberizer.token_exchange
	// HTTP GET
	// rememberizer.account_fetch
	// rememberizer.sign_in
}
