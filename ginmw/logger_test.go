package ginmw_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/ginmw"
	"github.com/rzauth/rememberizer-go/internal/syncbuf"
)

// signInRecording signs in through appURL in a browser that follows
// redirects, and returns the code and state of the callback it followed.
func signInRecording(t *testing.T, appURL string) (code, state string) {
	t.Helper()
	hc := newBrowser(t, false)
	hc.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
		if strings.HasSuffix(req.URL.Path, "/callback") {
			code, state = req.URL.Query().Get("code"), req.URL.Query().Get("state")
		}
		return nil
	}
	signIn(t, hc, appURL)
	if code == "" || state == "" {
		t.Fatal("the sign-in followed no callback with a code and a state")
	}
	return code, state
}

func TestLoggerDropsCallbackQuery(t *testing.T) {
	t.Parallel()
	var logs syncbuf.Buffer
	appURL := newApp(t, func(c *core.Client) *gin.Engine {
		r := gin.New()
		r.Use(ginmw.LoggerWithConfig(c, gin.LoggerConfig{Output: &logs}), gin.Recovery())
		ginmw.Mount(r, c)
		r.GET("/", userName)
		r.GET("/page", userName)
		return r
	})
	code, state := signInRecording(t, appURL)
	hc := newBrowser(t, true)
	for _, target := range []string{
		"/auth/rememberizer/callback?code=CODE-typed-by-hand&state=STATE-typed-by-hand",
		"//auth/rememberizer/callback?code=CODE-typed-by-hand&state=STATE-typed-by-hand",
		"/auth/rememberizer/callback/?code=CODE-typed-by-hand&state=STATE-typed-by-hand",
		"/page?tab=kept",
	} {
		get(t, hc, appURL+target, "text/html")
	}

	out := logs.String()
	for _, secret := range []string{code, state, url.QueryEscape(state), "CODE-typed-by-hand", "STATE-typed-by-hand"} {
		if strings.Contains(out, secret) {
			t.Fatalf("the access log shows a callback's code or state:\n%s", out)
		}
	}
	callbacks := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "/auth/rememberizer/callback") {
			callbacks++
			if strings.Contains(line, "?") {
				t.Errorf("a callback line keeps a query: %s", line)
			}
		}
	}
	// Gin redirects callback/ before any middleware runs: it is not logged.
	if callbacks != 3 {
		t.Errorf("got %d callback lines, want 3 (sign-in, then two by hand):\n%s", callbacks, out)
	}
	if !strings.Contains(out, `"/page?tab=kept"`) {
		t.Errorf("other routes should keep their query:\n%s", out)
	}
}

func TestLoggerFormatterGetsNoCallbackQuery(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		paths []string
	)
	appURL := newApp(t, func(c *core.Client) *gin.Engine {
		r := gin.New()
		r.Use(ginmw.LoggerWithConfig(c, gin.LoggerConfig{Output: &syncbuf.Buffer{}, Formatter: func(p gin.LogFormatterParams) string {
			mu.Lock()
			defer mu.Unlock()
			paths = append(paths, p.Path)
			return ""
		}}))
		ginmw.Mount(r, c)
		return r
	})
	get(t, newBrowser(t, true), appURL+"/auth/rememberizer/callback?code=c&state=s", "text/html")
	get(t, newBrowser(t, true), appURL+"/auth/rememberizer/login?return_to=%2Fx", "text/html")
	mu.Lock()
	defer mu.Unlock()
	if len(paths) != 2 || paths[0] != "/auth/rememberizer/callback" || paths[1] != "/auth/rememberizer/login?return_to=%2Fx" {
		t.Fatalf("got paths %q, want the callback's without its query and the login's with it", paths)
	}
}

// TestGinLoggerShowsCallbackQuery is the reason for Logger: Gin's own
// logger, which gin.Default installs, writes the code and the state.
func TestGinLoggerShowsCallbackQuery(t *testing.T) {
	t.Parallel()
	var logs syncbuf.Buffer
	appURL := newApp(t, func(c *core.Client) *gin.Engine {
		r := gin.New()
		r.Use(gin.LoggerWithConfig(gin.LoggerConfig{Output: &logs}))
		ginmw.Mount(r, c)
		r.GET("/", userName)
		return r
	})
	code, _ := signInRecording(t, appURL)
	if !strings.Contains(logs.String(), code) {
		t.Fatalf("gin.Logger no longer logs the callback's query; Logger's documentation is out of date:\n%s", logs.String())
	}
}
