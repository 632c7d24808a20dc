package core

import (
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// selfSignedServer is an https server on loopback whose certificate no
// client trusts; it counts the requests that reach it.
func selfSignedServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	ts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	}))
	t.Cleanup(ts.Close)
	return ts, &hits
}

// wrapper is a RoundTripper around another, as tracing and retry
// middleware are.
type wrapper struct{ next http.RoundTripper }

func (w wrapper) RoundTrip(r *http.Request) (*http.Response, error) { return w.next.RoundTrip(r) }

// TestTLSCheckedOnAClone proves what Config.HTTPClient documents: an
// *http.Transport (or the default one) is cloned, checked and the clone
// used, so making the original insecure after New changes nothing.
func TestTLSCheckedOnAClone(t *testing.T) {
	t.Parallel()
	ts, hits := selfSignedServer(t)
	tests := []struct {
		name string
		// make returns the client for Config.HTTPClient and a function
		// that makes the original skip verification after New.
		make func() (*http.Client, func())
	}{
		{"transport replaced config", func() (*http.Client, func()) {
			tr := &http.Transport{}
			return &http.Client{Transport: tr}, func() { tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} }
		}},
		{"transport's own config changed", func() (*http.Client, func()) {
			tc := &tls.Config{}
			tr := &http.Transport{TLSClientConfig: tc}
			return &http.Client{Transport: tr}, func() { tc.InsecureSkipVerify = true }
		}},
		{"client's transport swapped", func() (*http.Client, func()) {
			hc := &http.Client{Transport: &http.Transport{}}
			return hc, func() { hc.Transport = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}} }
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hc, weaken := tt.make()
			cfg := validConfig()
			cfg.HTTPClient = hc
			c, err := newClient(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if c.http.Transport == hc.Transport {
				t.Fatal("New uses the caller's transport, want a clone")
			}
			weaken()
			// The weakened original now reaches the untrusted server...
			before := hits.Load()
			if resp, err := hc.Get(ts.URL); err != nil {
				t.Fatalf("the weakened original: got %v, want it to skip verification", err)
			} else {
				resp.Body.Close()
			}
			if hits.Load() != before+1 {
				t.Fatal("the weakened original did not reach the server")
			}
			// ...and the client's clone still refuses it.
			resp, err := c.http.Get(ts.URL)
			if err == nil {
				resp.Body.Close()
				t.Fatal("the client reached a server with an untrusted certificate")
			}
			var certErr *tls.CertificateVerificationError
			if !errors.As(err, &certErr) {
				t.Fatalf("got %v, want a certificate error", err)
			}
			if hits.Load() != before+1 {
				t.Fatal("a request of the client reached the untrusted server")
			}
		})
	}
}

func TestTLSDefaultTransportCloned(t *testing.T) {
	t.Parallel()
	for _, hc := range []*http.Client{nil, {}} {
		cfg := validConfig()
		cfg.HTTPClient = hc
		c, err := newClient(cfg)
		if err != nil {
			t.Fatal(err)
		}
		tr, ok := c.http.Transport.(*http.Transport)
		if !ok || tr == http.DefaultTransport {
			t.Fatalf("HTTPClient %v: got transport %T (the default: %v), want a clone of http.DefaultTransport", hc, c.http.Transport, tr == http.DefaultTransport)
		}
	}
}

// TestTLSWrappedTransportNotSeen proves the limit Config.HTTPClient
// states: a RoundTripper other than *http.Transport is used as it is, and
// New cannot see that the transport it wraps skips verification.
func TestTLSWrappedTransportNotSeen(t *testing.T) {
	t.Parallel()
	ts, hits := selfSignedServer(t)
	insecureTr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	cfg := validConfig()
	cfg.HTTPClient = &http.Client{Transport: insecureTr}
	if _, err := newClient(cfg); err == nil {
		t.Fatal("a bare insecure *http.Transport was accepted")
	}
	w := wrapper{next: insecureTr}
	cfg.HTTPClient = &http.Client{Transport: w}
	c, err := newClient(cfg)
	if err != nil {
		t.Fatalf("a wrapped transport: got %v, want it accepted as documented", err)
	}
	if c.http.Transport != http.RoundTripper(w) {
		t.Fatalf("got transport %T, want the caller's wrapper, used as it is", c.http.Transport)
	}
	resp, err := c.http.Get(ts.URL)
	if err != nil {
		t.Fatalf("got %v, want the wrapped insecure transport to reach the server", err)
	}
	resp.Body.Close()
	if hits.Load() != 1 {
		t.Fatalf("got %d requests at the server, want 1", hits.Load())
	}
}
