package conformance_test

import (
	"testing"

	"github.com/rzauth/rememberizer-go/core/adaptertest"
)

// TestNetHTTP runs every scenario under every store configuration on
// net/http.
func TestNetHTTP(t *testing.T) {
	adaptertest.Run(t, adaptertest.ServeNetHTTP, setups(t)...)
}

// TestNetHTTPHTTP2 is TestNetHTTP over HTTP/2.
func TestNetHTTPHTTP2(t *testing.T) {
	adaptertest.RunHTTP2(t, adaptertest.ServeNetHTTP, setups(t)...)
}
