package core

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// timeoutError is a net.Error that timed out.
type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// transportError wraps err as http.Client.Do does, with a URL whose query
// must never reach a message.
func transportError(err error) error {
	return &url.Error{Op: "Post", URL: "https://api.example/token/?code=SECRETCODE", Err: err}
}

func TestFailureCause(t *testing.T) {
	t.Parallel()
	dial := func(err error) error { return &net.OpError{Op: "dial", Net: "tcp", Err: err} }
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"connection refused", dial(os.NewSyscallError("connect", syscall.ECONNREFUSED)), "connection refused"},
		{"DNS", dial(&net.DNSError{Err: "no such host", Name: "api.example", IsNotFound: true}), "DNS lookup failed"},
		{"DNS timeout", dial(&net.DNSError{Err: "timeout", Name: "api.example", IsTimeout: true}), "DNS lookup failed"},
		{"timeout", timeoutError{}, "timeout"},
		{"deadline", context.DeadlineExceeded, "timeout"},
		{"cancelled", context.Canceled, "cancelled"},
		{"unknown authority", x509.UnknownAuthorityError{}, "TLS certificate not trusted"},
		{"wrong host", x509.HostnameError{Host: "api.example", Certificate: &x509.Certificate{}}, "TLS certificate not trusted"},
		{"connection reset", &net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, "connection reset"},
		{"closed early", io.ErrUnexpectedEOF, "connection closed early"},
		{"anything else", errors.New("weird"), "network error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := failureCause(transportError(tt.err)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			msg := tokenError(transportError(tt.err), "exchange").Error()
			want := "rememberizer: token endpoint failed: exchange: " + tt.want
			if tt.want == "cancelled" {
				want = "rememberizer: token endpoint failed: exchange: context canceled" // wraps context.Canceled
			}
			if msg != want {
				t.Errorf("token error: got %q, want %q", msg, want)
			}
			if strings.Contains(msg, "SECRETCODE") {
				t.Errorf("token error %q shows the request URL", msg)
			}
		})
	}
}

// errTransport fails every request with err.
type errTransport struct{ err error }

func (e errTransport) RoundTrip(*http.Request) (*http.Response, error) { return nil, e.err }

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestCallbackFailureCauses drives real callbacks against failing
// endpoints and checks the error each one gives and the line it logs.
func TestCallbackFailureCauses(t *testing.T) {
	t.Parallel()
	untrusted := httptest.NewUnstartedServer(http.NotFoundHandler())
	untrusted.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	untrusted.StartTLS()
	t.Cleanup(untrusted.Close)
	dead := "http://" + closedPort(t)
	tests := []struct {
		name    string
		change  func(*Config)
		fault   *rememberizertest.Fault
		account bool
		want    string
	}{
		{"token connection refused", func(c *Config) { c.TokenURL = dead + "/token/" }, nil, false,
			"rememberizer: token endpoint failed: exchange: connection refused"},
		{"token TLS", func(c *Config) { c.TokenURL = untrusted.URL + "/token/" }, nil, false,
			"rememberizer: token endpoint failed: exchange: TLS certificate not trusted"},
		{"token DNS", func(c *Config) {
			c.HTTPClient = &http.Client{Transport: errTransport{&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "api.example"}}}}
		}, nil, false, "rememberizer: token endpoint failed: exchange: DNS lookup failed"},
		{"token HTTP status", nil, &rememberizertest.Fault{Status: 502, Body: "bad gateway"}, false,
			"rememberizer: token endpoint failed: exchange: HTTP 502"},
		{"token answer not JSON", nil, &rememberizertest.Fault{Status: 200, Body: "<html>", ContentType: "text/html"}, false,
			"rememberizer: token endpoint failed: exchange: answer is not a token"},
		{"account connection refused", func(c *Config) { c.AccountURL = dead + "/account/" }, nil, true,
			"rememberizer: account endpoint failed: connection refused"},
		{"account HTTP status", nil, nil, true, "rememberizer: account endpoint failed: HTTP 500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, rememberizertest.Config{}, tt.change)
			cb := e.authorize(t)
			if tt.fault != nil {
				e.fake.FailNextToken(*tt.fault)
			}
			if tt.account && tt.change == nil {
				e.fake.FailNextAccount(rememberizertest.Fault{Status: 500})
			}
			_, err := e.c.callback(cb)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got error %v, want %q", err, tt.want)
			}
			e.c.errorReply(cb, err)
			logs := e.logs.String()
			if !strings.Contains(logs, fmt.Sprintf("%q", tt.want)) {
				t.Errorf("logs lack %q:\n%s", tt.want, logs)
			}
			if strings.Contains(logs, e.fake.ClientSecret()) {
				t.Errorf("logs show the client secret:\n%s", logs)
			}
		})
	}
}

func TestNewRejectsBaseURLWithPath(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{"https://api.rememberizer.ai/api/v1/", "https://api.rememberizer.ai/api/v1", "https://api.rememberizer.ai?x=1"} {
		cfg := validConfig()
		cfg.BaseURL = raw
		_, err := newClient(cfg)
		if !errors.Is(err, ErrInvalidConfig) {
			t.Fatalf("BaseURL %q: got %v, want ErrInvalidConfig", raw, err)
		}
		if !strings.Contains(err.Error(), `must have no path: drop`) || !strings.Contains(err.Error(), `use "https://api.rememberizer.ai"`) {
			t.Errorf("BaseURL %q: got %q, want it to say to drop the path", raw, err)
		}
	}
	want := `rememberizer: invalid config: BaseURL "https://api.rememberizer.ai/api/v1" must have no path: drop "/api/v1" and use "https://api.rememberizer.ai" (the /api/v1/ paths are added to it)`
	cfg := validConfig()
	cfg.BaseURL = "https://api.rememberizer.ai/api/v1/"
	if _, err := newClient(cfg); err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
	cfg.BaseURL = "https://api.rememberizer.ai/"
	if _, err := newClient(cfg); err != nil {
		t.Errorf("a trailing slash alone: got %v, want none", err)
	}
}
