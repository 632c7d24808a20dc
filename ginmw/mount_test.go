package ginmw

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core/adaptertest"
)

func TestMountRegistersExactMethods(t *testing.T) {
	t.Parallel()
	r := gin.New()
	Mount(r, adaptertest.OfflineClient(t, nil))
	var got []string
	for _, ri := range r.Routes() {
		got = append(got, ri.Method+" "+ri.Path)
	}
	slices.Sort(got)
	want := []string{
		"GET /auth/rememberizer/callback", "GET /auth/rememberizer/login", "GET /auth/rememberizer/logout",
		"POST /auth/rememberizer/callback", "POST /auth/rememberizer/login", "POST /auth/rememberizer/logout",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got routes %q, want %q", got, want)
	}
}

func TestMountMethods(t *testing.T) {
	t.Parallel()
	c := adaptertest.OfflineClient(t, nil)
	tests := []struct {
		method, path  string
		methodNotAll  bool // the engine's HandleMethodNotAllowed
		want          int
		wantAllow     string
		wantBodyMatch string
	}{
		{"GET", "/auth/rememberizer/login", false, 302, "", ""},
		{"POST", "/auth/rememberizer/login", false, 405, "GET", "does not accept that kind of request"},
		{"POST", "/auth/rememberizer/callback", false, 405, "GET", ""},
		{"GET", "/auth/rememberizer/logout", false, 405, "POST", "Signing out needs a POST form"},
		{"PUT", "/auth/rememberizer/logout", false, 404, "", ""},
		{"TRACE", "/auth/rememberizer/login", false, 404, "", ""},
		{"PUT", "/auth/rememberizer/logout", true, 405, "", ""},
	}
	for _, tt := range tests {
		r := gin.New()
		r.HandleMethodNotAllowed = tt.methodNotAll
		Mount(r, c)
		w := httptest.NewRecorder()
		req := httptest.NewRequest(tt.method, tt.path, nil)
		req.Header.Set("Accept", "text/html")
		r.ServeHTTP(w, req)
		if w.Code != tt.want {
			t.Errorf("%s %s: got %d, want %d", tt.method, tt.path, w.Code, tt.want)
		}
		if tt.wantAllow != "" && w.Header().Get("Allow") != tt.wantAllow {
			t.Errorf("%s %s: got Allow %q, want %q", tt.method, tt.path, w.Header().Get("Allow"), tt.wantAllow)
		}
		if !strings.Contains(w.Body.String(), tt.wantBodyMatch) {
			t.Errorf("%s %s: body lacks %q:\n%s", tt.method, tt.path, tt.wantBodyMatch, w.Body.String())
		}
	}
}
