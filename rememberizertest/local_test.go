package rememberizertest

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestStartLocal(t *testing.T) {
	t.Parallel()
	redirect := "http://localhost:8080/auth/rememberizer/callback"
	local, err := StartLocal(redirect, Config{AppName: "My app"})
	if err != nil {
		t.Fatalf("StartLocal: %v", err)
	}
	defer local.Close()
	if !strings.HasPrefix(local.BaseURL, "http://127.0.0.1:") || local.BaseURL != local.Server.URL {
		t.Errorf("got BaseURL %q, want the fake's loopback URL", local.BaseURL)
	}
	if local.ClientID != DefaultClientID || local.ClientSecret != DefaultClientSecret {
		t.Errorf("got credentials %q, %q, want the fake's", local.ClientID, local.ClientSecret)
	}
	// The consent page is on, for the registered redirect URL only.
	for _, tt := range []struct {
		redirect string
		want     string
	}{
		{redirect, `id="approve"`},
		{"http://localhost:9999/elsewhere", "redirect_uri"},
	} {
		resp, err := http.Get(local.Server.AuthorizeURL() + "?client_id=" + local.ClientID + "&response_type=code&state=s&redirect_uri=" + tt.redirect)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), tt.want) {
			t.Errorf("authorize for %s: got %d, want a page with %q", tt.redirect, resp.StatusCode, tt.want)
		}
	}
}

func TestStartLocalRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, redirect, addr, want string
	}{
		{"public host", "https://app.example.com/auth/rememberizer/callback", "",
			`rememberizertest: StartLocal: redirect URL "https://app.example.com/auth/rememberizer/callback" is not on this machine (localhost, 127.0.0.1 or [::1]); the fake Rememberizer is for local development only`},
		{"lookalike host", "http://localhost.example.com/cb", "", "is not on this machine"},
		{"private address", "http://192.168.1.5:8080/cb", "", "is not on this machine"},
		{"relative", "/auth/rememberizer/callback", "", "is not an absolute http URL"},
		{"listening on every interface", "http://localhost:8080/cb", ":0",
			`rememberizertest: StartLocal: Addr ":0" is not a loopback address`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			local, err := StartLocal(tt.redirect, Config{Addr: tt.addr})
			if err == nil {
				local.Close()
				t.Fatal("got no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want %q", err, tt.want)
			}
		})
	}
}
