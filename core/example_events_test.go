package core_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"sync"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/event"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// signIns counts sign-ins by result, as a metrics library would.
type signIns struct {
	mu     sync.Mutex
	counts map[string]int
}

// observe is the Config.OnEvent hook: quick, safe for concurrent use.
func (s *signIns) observe(_ context.Context, e event.Event) {
	var result string
	switch e.Kind {
	case event.SignInSucceeded:
		result = "ok"
	case event.SignInFailed:
		result = e.Reason.String() // denied, state_mismatch, expired, …
	default:
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[result]++
}

// Count sign-ins by result with Config.OnEvent.
func ExampleConfig_onEvent() {
	counts := &signIns{counts: map[string]int{}}
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		cfg.OnEvent = counts.observe
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		return nethttp.Handler(c), nil
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
	fmt.Println(counts.counts)
	// Output: map[ok:2]
}
