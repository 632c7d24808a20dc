package prometheus_test

import (
	"context"
	"log"
	"net/http"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/event"
	"github.com/rzauth/rememberizer-go/internal/docusage"
	"github.com/rzauth/rememberizer-go/nethttp"
	rzprom "github.com/rzauth/rememberizer-go/prometheus"
)

// TestPackageDocUsage builds the package documentation's client, on the
// default registry: the login route the visitor is sent to counts a
// sign-in started.
func TestPackageDocUsage(t *testing.T) {
	cfg := docusage.Config(t)

	m, err := rzprom.New(prometheus.DefaultRegisterer)
	if err != nil {
		log.Fatal(err)
	}
	cfg.OnEvent = m.Observe // cfg: the app's core.Config
	c, err := core.New(cfg)
	if err != nil {
		log.Fatal(err)
	}

	t.Cleanup(func() { prometheus.DefaultRegisterer.Unregister(m) })
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("/dashboard", nethttp.RequireRememberizer(c)(http.NotFoundHandler()))
	docusage.ExpectSignInRedirect(t, c, "/dashboard", docusage.Handler(mux))
	if got, err := testutil.GatherAndCount(prometheus.DefaultGatherer, "rememberizer_sign_in_starts_total"); err != nil || got != 1 {
		t.Errorf("rememberizer_sign_in_starts_total on the default registry: got %d series (%v), want 1", got, err)
	}
}

// TestPackageDocOtherHook runs the documentation's hook that calls
// Observe and another hook: both see every event.
func TestPackageDocOtherHook(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := rzprom.New(reg)
	if err != nil {
		t.Fatal(err)
	}
	var audited []event.Kind
	audit := func(_ context.Context, e event.Event) { audited = append(audited, e.Kind) }
	cfg := docusage.Config(t)

	cfg.OnEvent = func(ctx context.Context, e event.Event) {
		m.Observe(ctx, e)
		audit(ctx, e)
	}

	cfg.OnEvent(context.Background(), event.Event{Kind: event.GrantStored, UserID: "42"})
	if len(audited) != 1 || audited[0] != event.GrantStored {
		t.Errorf("audited %v, want [grant_stored]", audited)
	}
	if got := value(t, reg, "rememberizer_grants_total", "event", "stored"); got != 1 {
		t.Errorf("rememberizer_grants_total{event=stored}: got %v, want 1", got)
	}
}
