package core

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Client signs users in with Rememberizer and keeps their sessions. It is
// made once with [New] and shared by all requests: it is safe for
// concurrent use. Adapters call its operations: [Client.Login],
// [Client.Callback], [Client.Authenticate] and [Client.Logout].
type Client struct {
	cfg        Config
	oauth      oauth2.Config
	keys       *keyRing
	store      Store // server-side session store, or nil
	grants     Store // grant store, or nil
	sessions   sessionBackend
	pending    sessionBackend // always sealed cookies
	lockTTL    time.Duration
	http       *http.Client
	now        func() time.Time
	rand       io.Reader
	log        *slog.Logger
	secure     bool
	appOrigin  string
	apiOrigin  string
	accountURL string

	sessionSlot Slot
	loginSlot   Slot
	sessionAD   []byte // sessionSlot.Name, the associated data of sessions

	consumed *expiringSet
	revoked  *expiringSet
	// superseded holds the (session, refresh token) pairs this process
	// rotated out, so a copy of a pre-rotation cookie never spends one.
	superseded     *expiringSet
	refreshes      *refresher
	grantRefreshes *refresher
}

// New checks cfg and returns a Client. It fails, with an error wrapping
// [ErrInvalidConfig] that says what to fix, on anything that cannot work
// safely: a missing client id or secret, a redirect URL that is not
// absolute, has a fragment, or is http off loopback, endpoints that are
// http off loopback, keys that are not 32 bytes or visibly not random
// (all zeros, a repeated byte or short pattern), a cookie name over
// [MaxCookieNameLen] characters, lifetimes out of range, or an HTTP client
// that skips TLS verification (see [Config.HTTPClient] for what is
// checked). When the redirect URL is http (loopback), New logs one
// warning that this is for local development only: over http, other
// servers on the same host can read and set the cookies.
func New(cfg Config) (*Client, error) {
	c := &Client{}
	if err := c.configure(cfg); err != nil {
		return nil, err
	}
	return c, nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidConfig}, args...)...)
}

func (c *Client) configure(cfg Config) error {
	if cfg.ClientID == "" {
		return invalid("ClientID is required (the app's client ID from Rememberizer's Registered apps page)")
	}
	if cfg.ClientSecret == "" {
		return invalid("ClientSecret is required")
	}
	redirect, err := checkURL("RedirectURL", cfg.RedirectURL)
	if err != nil {
		return err
	}

	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	cfg.BaseURL = trimSlash(cfg.BaseURL)
	base, err := checkURL("BaseURL", cfg.BaseURL)
	if err != nil {
		return err
	}
	if base.Path != "" || base.RawQuery != "" {
		return invalid("BaseURL %q must have no path: drop %q and use %q (the /api/v1/ paths are added to it)",
			cfg.BaseURL, base.Path, base.Scheme+"://"+base.Host)
	}
	if cfg.AuthorizeURL == "" {
		cfg.AuthorizeURL = cfg.BaseURL + AuthorizePath
	}
	if cfg.TokenURL == "" {
		cfg.TokenURL = cfg.BaseURL + TokenPath
	}
	if cfg.AccountURL == "" {
		cfg.AccountURL = cfg.BaseURL + AccountPath
	}
	for _, e := range []struct{ name, url string }{
		{"AuthorizeURL", cfg.AuthorizeURL}, {"TokenURL", cfg.TokenURL}, {"AccountURL", cfg.AccountURL},
	} {
		if _, err := checkURL(e.name, e.url); err != nil {
			return err
		}
	}
	if cfg.Issuer == "" {
		cfg.Issuer = cfg.BaseURL
	}
	if cfg.Scopes == nil {
		cfg.Scopes = []string{"offline_access"}
	}

	if cfg.RoutePrefix == "" {
		cfg.RoutePrefix = DefaultRoutePrefix
	}
	if !strings.HasPrefix(cfg.RoutePrefix, "/") || strings.HasSuffix(cfg.RoutePrefix, "/") || strings.ContainsAny(cfg.RoutePrefix, "?#") {
		return invalid("RoutePrefix %q must start with / and not end with /", cfg.RoutePrefix)
	}
	if cfg.CookieName == "" {
		cfg.CookieName = DefaultCookieName
	}
	if len(cfg.CookieName) > MaxCookieNameLen {
		return invalid("CookieName is %d characters long; at most %d fit in a cookie beside the values it holds", len(cfg.CookieName), MaxCookieNameLen)
	}
	if !validCookieName(cfg.CookieName) {
		return invalid("CookieName %q may hold only letters, digits, '-' and '_'", cfg.CookieName)
	}
	for _, o := range cfg.AllowedReturnOrigins {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Scheme+"://"+u.Host != o {
			return invalid("AllowedReturnOrigins: %q is not an origin like https://example.com", o)
		}
	}

	if cfg.LoginTTL == 0 {
		cfg.LoginTTL = DefaultLoginTTL
	}
	if cfg.LoginTTL < 0 || cfg.LoginTTL > MaxLoginTTL {
		return invalid("LoginTTL %v must be between 0 and %v", cfg.LoginTTL, MaxLoginTTL)
	}
	if cfg.SessionLifetime == 0 {
		cfg.SessionLifetime = DefaultSessionLifetime
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.RefreshSkew == 0 {
		cfg.RefreshSkew = DefaultRefreshSkew
	}
	if cfg.SessionLifetime < time.Minute || cfg.IdleTimeout < time.Minute || cfg.RefreshSkew < 0 {
		return invalid("SessionLifetime and IdleTimeout must be at least a minute, RefreshSkew not negative")
	}

	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Store != nil && cfg.BrowserStore != nil {
		return invalid("set Store (server-side sessions) or BrowserStore (sessions in a cookie), not both")
	}
	if cfg.Store == nil && cfg.BrowserStore == nil {
		cfg.BrowserStore = CookieStore{}
	}
	if cfg.GrantLifetime == 0 {
		cfg.GrantLifetime = DefaultGrantLifetime
	}
	if cfg.GrantLifetime < time.Hour {
		return invalid("GrantLifetime %v must be at least an hour", cfg.GrantLifetime)
	}
	httpClient, err := outgoingClient(cfg.HTTPClient)
	if err != nil {
		return err
	}
	keys, err := newKeyRing(cfg.SessionKeys, cfg.Rand)
	if err != nil {
		return err
	}

	c.cfg = cfg
	c.keys = keys
	c.store = cfg.Store
	c.grants = cfg.GrantStore
	if cfg.Store != nil {
		c.sessions = serverBackend{store: cfg.Store, keys: keys, c: c}
	} else {
		// The cookie store decodes a fresh buffer for every Load, so the
		// session may be decrypted in place; other stores may keep theirs.
		_, own := cfg.BrowserStore.(CookieStore)
		c.sessions = browserBackend{store: cfg.BrowserStore, keys: keys, inPlace: own}
	}
	c.pending = browserBackend{store: CookieStore{}, keys: keys, inPlace: true}
	// A refresh may wait one HTTP timeout for the lock, then take one for
	// its token request.
	c.lockTTL = 2 * httpClient.Timeout
	c.http = httpClient
	c.now = cfg.Now
	c.rand = cfg.Rand
	c.log = cfg.Logger
	c.secure = redirect.Scheme == "https"
	c.appOrigin = redirect.Scheme + "://" + redirect.Host
	c.apiOrigin = base.Scheme + "://" + base.Host
	c.accountURL = cfg.AccountURL
	c.oauth = oauth2.Config{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		RedirectURL:  cfg.RedirectURL,
		Scopes:       cfg.Scopes,
		Endpoint: oauth2.Endpoint{
			AuthURL:   cfg.AuthorizeURL,
			TokenURL:  cfg.TokenURL,
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
	prefix := ""
	if c.secure {
		prefix = "__Host-"
	}
	c.sessionSlot = Slot{Name: prefix + cfg.CookieName + "_session", Secure: c.secure}
	c.loginSlot = Slot{Name: prefix + cfg.CookieName + "_login", MaxAge: cfg.LoginTTL, Secure: c.secure}
	c.sessionAD = []byte(c.sessionSlot.Name)
	c.consumed = newExpiringSet()
	c.revoked = newExpiringSet()
	c.superseded = newExpiringSet()
	c.refreshes = newRefresher(refreshMemory)
	c.grantRefreshes = newRefresher(0)
	if !c.secure {
		c.log.LogAttrs(context.Background(), slog.LevelWarn, httpWarning, slog.String("redirect_url", cfg.RedirectURL))
	}
	return nil
}

// httpWarning is logged once by New when the redirect URL is http (which
// it accepts on loopback only): over http, browsers keep cookies per host,
// not per port, so any other server on the same host can set the sign-in
// cookies (and sign the browser in as someone else) and read the session
// cookie. Nothing fixes that but https.
const httpWarning = "rememberizer: RedirectURL is http, for local development only: " +
	"any other server on this host, on any port, can read the session cookie and set the sign-in cookies; use https everywhere else"

// checkURL parses an absolute URL that must be https unless its host is
// loopback, with no fragment and no user info.
func checkURL(field, raw string) (*url.URL, error) {
	if raw == "" {
		return nil, invalid("%s is required", field)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, invalid("%s %q is not a URL", field, raw)
	}
	if !u.IsAbs() || u.Host == "" || u.Opaque != "" {
		return nil, invalid("%s %q must be an absolute URL", field, raw)
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return nil, invalid("%s %q must not have a fragment", field, raw)
	}
	if u.User != nil {
		return nil, invalid("%s %q must not carry user info", field, raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, invalid("%s %q must be https (http is allowed only for localhost and loopback addresses)", field, raw)
		}
	default:
		return nil, invalid("%s %q must be an https URL", field, raw)
	}
	return u, nil
}

// isLoopback reports whether host is localhost, 127.0.0.0/8 or ::1.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func validCookieName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

// outgoingClient copies hc (or a fresh client) so that it never follows
// redirects and has a timeout. When its transport is an *http.Transport
// (http.DefaultTransport if hc has none), that transport is cloned, the
// clone is checked for skipped TLS verification and used: nothing done to
// the caller's transport after New reaches it. Any other RoundTripper is
// used as it is; what it does inside cannot be seen from here.
func outgoingClient(hc *http.Client) (*http.Client, error) {
	var c http.Client
	if hc != nil {
		c = *hc
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultHTTPTimeout
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	if t, ok := rt.(*http.Transport); ok {
		t = t.Clone()
		if t.TLSClientConfig != nil && insecure(t.TLSClientConfig) {
			return nil, invalid("HTTPClient must not skip TLS certificate verification")
		}
		c.Transport = t
	}
	return &c, nil
}

func insecure(tc *tls.Config) bool { return tc.InsecureSkipVerify }

// LoginPath is the path of the login route, e.g. "/auth/rememberizer/login".
func (c *Client) LoginPath() string { return c.cfg.RoutePrefix + "/login" }

// CallbackPath is the path of the callback route.
func (c *Client) CallbackPath() string { return c.cfg.RoutePrefix + "/callback" }

// LogoutPath is the path of the logout route.
func (c *Client) LogoutPath() string { return c.cfg.RoutePrefix + "/logout" }

// APIURL returns the absolute URL of a Rememberizer API path, e.g.
// APIURL("mementos/") is BaseURL + "/api/v1/mementos/".
func (c *Client) APIURL(path string) string {
	return c.cfg.BaseURL + APIPath + strings.TrimLeft(path, "/")
}

// Logger is the client's logger, for adapters to log through.
func (c *Client) Logger() *slog.Logger { return c.log }

// randomString returns n random bytes from the configured source,
// base64url-encoded.
func (c *Client) randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(c.rand, b); err != nil {
		return "", fmt.Errorf("%w: %v", ErrRandom, err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// claimer returns the store that records finished sign-ins across
// instances, or nil.
func (c *Client) claimer() Claimer {
	if cl, ok := c.store.(Claimer); ok {
		return cl
	}
	if cl, ok := c.grants.(Claimer); ok {
		return cl
	}
	return nil
}
