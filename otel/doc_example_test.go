package otel_test

import (
	"context"
	"log"
	"net/http"
	"testing"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/event"
	"github.com/rzauth/rememberizer-go/internal/docusage"
	"github.com/rzauth/rememberizer-go/nethttp"
	rzotel "github.com/rzauth/rememberizer-go/otel"
)

// TestPackageDocUsage builds the package documentation's client, on the
// global providers (which record nothing here): it sends a visitor to
// sign in as usual.
func TestPackageDocUsage(t *testing.T) {
	t.Parallel()
	cfg := docusage.Config(t)

	tel, err := rzotel.New() // the global MeterProvider and TracerProvider
	if err != nil {
		log.Fatal(err)
	}
	cfg.OnEvent = tel.Observe // cfg: the app's core.Config
	cfg.Trace = tel.Trace
	cfg.HTTPClient = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
	c, err := core.New(cfg)
	if err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(http.NotFoundHandler()))
	docusage.ExpectSignInRedirect(t, c, "/dashboard", docusage.Handler(mux))
}

// TestPackageDocOtherHook runs the documentation's hook that calls
// Observe and another hook: both see every event.
func TestPackageDocOtherHook(t *testing.T) {
	t.Parallel()
	s := newSDK(t)
	tel := s.tel
	var audited []event.Kind
	audit := func(_ context.Context, e event.Event) { audited = append(audited, e.Kind) }
	cfg := docusage.Config(t)

	cfg.OnEvent = func(ctx context.Context, e event.Event) {
		tel.Observe(ctx, e)
		audit(ctx, e)
	}

	cfg.OnEvent(context.Background(), event.Event{Kind: event.GrantStored, UserID: "42"})
	if len(audited) != 1 || audited[0] != event.GrantStored {
		t.Errorf("audited %v, want [grant_stored]", audited)
	}
	if got, _ := collect(t, s.reader); len(got) != 1 || got[0] != "rememberizer.grant.changes{rememberizer.grant.change=stored} 1" {
		t.Errorf("got points %q, want the grant stored", got)
	}
}
