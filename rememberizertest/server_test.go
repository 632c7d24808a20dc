package rememberizertest

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestUnstartedServerWithAddr(t *testing.T) {
	t.Parallel()
	s := NewUnstartedServer(Config{Addr: "127.0.0.1:0"})
	defer s.Close()
	if s.URL != "" {
		t.Errorf("URL before Start: got %q, want empty", s.URL)
	}
	s.Start()
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") || strings.HasSuffix(s.URL, "/") {
		t.Errorf("URL: got %q, want http://127.0.0.1:<port> without trailing slash", s.URL)
	}
	urls := []struct{ got, want string }{
		{s.AuthorizeURL(), s.URL + "/api/v1/auth/oauth2/authorize/"},
		{s.TokenURL(), s.URL + "/api/v1/auth/oauth2/token/"},
		{s.AccountURL(), s.URL + "/api/v1/account/"},
		{s.MementosURL(), s.URL + "/api/v1/mementos/"},
	}
	for _, u := range urls {
		if u.got != u.want {
			t.Errorf("got %q, want %q", u.got, u.want)
		}
	}
	signIn(t, s)
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	if got := s.ClientID(); got != "test-client-id" {
		t.Errorf("ClientID: got %q, want test-client-id", got)
	}
	if got := s.ClientSecret(); got != "test-client-secret" {
		t.Errorf("ClientSecret: got %q, want test-client-secret", got)
	}
	custom := startServer(t, Config{ClientID: "id", ClientSecret: "secret"})
	if custom.ClientID() != "id" || custom.ClientSecret() != "secret" {
		t.Errorf("custom credentials: got %q/%q, want id/secret", custom.ClientID(), custom.ClientSecret())
	}
}

func TestSetUser(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Users: []User{
		{ID: "1", Email: "ada@example.com", Name: "Ada"},
		{ID: "2", Email: "grace@example.com", Name: "Grace"},
	}})
	if err := s.SetUser("3"); err == nil {
		t.Errorf("SetUser(unknown): got nil error, want an error")
	}
	if err := s.SetUser("2"); err != nil {
		t.Fatalf("SetUser(2): %v", err)
	}
	r := apiGet(t, s.AccountURL(), signIn(t, s).str("access_token"))
	if got := r.str("name"); got != "Grace" {
		t.Errorf("account name: got %q, want Grace", got)
	}
}

func TestRouting(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	tests := []struct {
		method, path string
		wantStatus   int
		wantBody     string
	}{
		{http.MethodGet, "/", http.StatusNotFound, `{"detail":"Not found."}`},
		{http.MethodGet, "/api/v1/account", http.StatusMovedPermanently, ``},
		{http.MethodPost, "/api/v1/documents/memorize", http.StatusInternalServerError, "RuntimeError: You called this URL via POST, but the URL doesn't end in a slash and you have APPEND_SLASH set."},
		{http.MethodGet, "/api/v1/account/extra/", http.StatusNotFound, `{"detail":"Not found."}`},
		{http.MethodPost, AccountPath, http.StatusMethodNotAllowed, `{"detail":"Method \"POST\" not allowed."}`},
		{http.MethodPut, MementosPath, http.StatusMethodNotAllowed, `{"detail":"Method \"PUT\" not allowed."}`},
		{http.MethodPost, SearchPath, http.StatusMethodNotAllowed, `{"detail":"Method \"POST\" not allowed."}`},
		{http.MethodGet, MemorizePath, http.StatusMethodNotAllowed, `{"detail":"Method \"GET\" not allowed."}`},
		{http.MethodGet, "/api/v1/documents/1/2/contents/", http.StatusNotFound, `{"detail":"Not found."}`},
		{http.MethodGet, TokenPath, http.StatusMethodNotAllowed, `{"detail":"Method \"GET\" not allowed."}`},
		{http.MethodPut, AuthorizePath, http.StatusMethodNotAllowed, `{"detail":"Method \"PUT\" not allowed."}`},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, s.URL+tt.path, nil)
			resp, err := noFollow.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus || strings.TrimSpace(string(body)) != tt.wantBody {
				t.Errorf("got %d %s, want %d %s", resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
}
