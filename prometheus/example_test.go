package prometheus_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	rzprom "github.com/rzauth/rememberizer-go/prometheus"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// Count an app's sign-ins, and serve them to Prometheus on /metrics.
func Example() {
	reg := prometheus.NewRegistry() // or prometheus.DefaultRegisterer
	m, err := rzprom.New(reg)
	if err != nil {
		log.Fatal(err)
	}
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		// cfg: the app's core.Config, pointed at a fake Rememberizer here.
		cfg.OnEvent = m.Observe
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		mux := http.NewServeMux()
		nethttp.Mount(mux, c)
		mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
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

	// What Prometheus scrapes from /metrics, in part.
	resp, err := http.Get(app.URL + "/metrics")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	for line := range strings.Lines(string(body)) {
		if strings.HasPrefix(line, "rememberizer_sign_in_starts_total") || strings.HasPrefix(line, `rememberizer_sign_ins_total{result="ok"}`) {
			fmt.Print(line)
		}
	}
	// Output:
	// rememberizer_sign_in_starts_total 2
	// rememberizer_sign_ins_total{result="ok"} 2
}

// Set Observe as the client's OnEvent, and give New the registry the app
// serves.
func ExampleNew() {
	reg := prometheus.NewRegistry()
	m, err := rzprom.New(reg, rzprom.Config{Namespace: "myapp"})
	if err != nil {
		log.Fatal(err)
	}
	key, err := core.NewSessionKey()
	if err != nil {
		log.Fatal(err)
	}
	c, err := core.New(core.Config{
		ClientID:     "my-client-id",
		ClientSecret: "my-client-secret",
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key},
		OnEvent:      m.Observe,
	})
	if err != nil {
		log.Fatal(err)
	}
	_ = c // nethttp.Mount(mux, c), …

	_, err = rzprom.New(reg, rzprom.Config{Namespace: "myapp"})
	fmt.Println(err != nil) // the registry has them already
	// Output: true
}
