package otel_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	rzotel "github.com/rzauth/rememberizer-go/otel"
)

// sdk is a Telemetry on SDK providers whose metrics and spans a test
// reads: a manual reader and an in-memory span exporter.
type sdk struct {
	tel    *rzotel.Telemetry
	reader *sdkmetric.ManualReader
	spans  *tracetest.InMemoryExporter
	tp     *sdktrace.TracerProvider
}

func newSDK(t testing.TB, cfg ...rzotel.Config) *sdk {
	t.Helper()
	s := &sdk{reader: sdkmetric.NewManualReader(), spans: tracetest.NewInMemoryExporter()}
	s.tp = sdktrace.NewTracerProvider(sdktrace.WithSyncer(s.spans))
	var c rzotel.Config
	if len(cfg) > 0 {
		c = cfg[0]
	}
	c.MeterProvider = sdkmetric.NewMeterProvider(sdkmetric.WithReader(s.reader))
	c.TracerProvider = s.tp
	tel, err := rzotel.New(c)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	s.tel = tel
	return s
}

// point is one data point of a metric, flattened for comparison.
type point struct {
	name, unit, kind string // kind: "counter" or "histogram"
	attrs            attribute.Set
	count            float64 // a counter's value, a histogram's count
	sum              float64 // a histogram's sum
	bounds           []float64
}

// String is the point as name{key=value,…} count, with the attributes
// sorted.
func (p point) String() string {
	var kv []string
	for _, a := range p.attrs.ToSlice() {
		kv = append(kv, string(a.Key)+"="+a.Value.String())
	}
	return fmt.Sprintf("%s{%s} %v", p.name, strings.Join(kv, ","), p.count)
}

// collect returns every data point the reader holds, as strings sorted,
// and the points themselves.
func collect(t testing.TB, r *sdkmetric.ManualReader) ([]string, []point) {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := r.Collect(context.Background(), &rm); err != nil {
		t.Fatalf("Collect: %v", err)
	}
	var points []point
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != "github.com/rzauth/rememberizer-go/otel" {
			t.Errorf("metric of scope %q, want the module's", sm.Scope.Name)
		}
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				if !d.IsMonotonic {
					t.Errorf("%s: not monotonic, want a counter", m.Name)
				}
				for _, dp := range d.DataPoints {
					points = append(points, point{name: m.Name, unit: m.Unit, kind: "counter", attrs: dp.Attributes, count: float64(dp.Value)})
				}
			case metricdata.Histogram[float64]:
				for _, dp := range d.DataPoints {
					points = append(points, point{name: m.Name, unit: m.Unit, kind: "histogram", attrs: dp.Attributes,
						count: float64(dp.Count), sum: dp.Sum, bounds: dp.Bounds})
				}
			default:
				t.Errorf("%s: unexpected data %T", m.Name, m.Data)
			}
		}
	}
	var lines []string
	for _, p := range points {
		lines = append(lines, p.String())
	}
	slices.Sort(lines)
	return lines, points
}
