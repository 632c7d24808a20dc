package core

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// checkEndpoints checks the client's credentials and URLs and fills in
// the endpoints' defaults from BaseURL (step one of [New]).
func checkEndpoints(cfg *Config) (redirect, base *url.URL, err error) {
	if cfg.ClientID == "" {
		return nil, nil, invalid("ClientID is required (the app's client ID from Rememberizer's Registered apps page)")
	}
	if cfg.ClientSecret == "" {
		return nil, nil, invalid("ClientSecret is required")
	}
	redirect, err = checkURL("RedirectURL", cfg.RedirectURL)
	if err != nil {
		return nil, nil, err
	}

	if cfg.BaseURL == "" {
		cfg.BaseURL = defaultBaseURL
	}
	cfg.BaseURL = trimSlash(cfg.BaseURL)
	base, err = checkURL("BaseURL", cfg.BaseURL)
	if err != nil {
		return nil, nil, err
	}
	if base.Path != "" || base.RawQuery != "" {
		return nil, nil, invalid("BaseURL %q must have no path: drop %q and use %q (the /api/v1/ paths are added to it)",
			cfg.BaseURL, base.Path, base.Scheme+"://"+base.Host)
	}
	if cfg.AuthorizeURL == "" {
		cfg.AuthorizeURL = cfg.BaseURL + authorizePath
	}
	if cfg.TokenURL == "" {
		cfg.TokenURL = cfg.BaseURL + tokenPath
	}
	if cfg.AccountURL == "" {
		cfg.AccountURL = cfg.BaseURL + accountPath
	}
	for _, e := range []struct{ name, url string }{
		{"AuthorizeURL", cfg.AuthorizeURL}, {"TokenURL", cfg.TokenURL}, {"AccountURL", cfg.AccountURL},
	} {
		if _, err := checkURL(e.name, e.url); err != nil {
			return nil, nil, err
		}
	}
	if cfg.Issuer == "" {
		cfg.Issuer = cfg.BaseURL
	}
	if cfg.Scopes == nil {
		cfg.Scopes = []string{"offline_access"}
	}
	return redirect, base, nil
}

// checkRoutesAndCookies checks and fills in where the routes live, the
// cookie name, and the origins return-to may point at.
func checkRoutesAndCookies(cfg *Config) error {
	if cfg.RoutePrefix == "" {
		cfg.RoutePrefix = defaultRoutePrefix
	}
	if !strings.HasPrefix(cfg.RoutePrefix, "/") || strings.HasSuffix(cfg.RoutePrefix, "/") || strings.ContainsAny(cfg.RoutePrefix, "?#") {
		return invalid("RoutePrefix %q must start with / and not end with /", cfg.RoutePrefix)
	}
	if cfg.CookieName == "" {
		cfg.CookieName = defaultCookieName
	}
	if len(cfg.CookieName) > maxCookieNameLen {
		return invalid("CookieName is %d characters long; at most %d fit in a cookie beside the values it holds", len(cfg.CookieName), maxCookieNameLen)
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
	return nil
}

// checkRedirectPath checks that the redirect URL's path is the callback
// route the adapters mount (RoutePrefix + "/callback"): any other path
// brings the browser back from Rememberizer to a page nobody serves.
func checkRedirectPath(cfg *Config, redirect *url.URL) error {
	want := cfg.RoutePrefix + "/callback"
	got := redirect.EscapedPath()
	if got == want {
		return nil
	}
	fix := fmt.Sprintf("set RedirectURL to %q (and register that URL at Rememberizer)", redirect.Scheme+"://"+redirect.Host+want)
	if prefix, ok := strings.CutSuffix(strings.TrimSuffix(got, "/"), "/callback"); ok && prefix != "" && prefix != cfg.RoutePrefix {
		fix += fmt.Sprintf(", or set RoutePrefix to %q to mount the routes there", prefix)
	}
	return invalid("RedirectURL path %q is not the callback route Mount serves, %q: %s", got, want, fix)
}

// checkLifetimes checks and fills in how long pending logins and sessions
// live, and how early tokens are refreshed.
func checkLifetimes(cfg *Config) error {
	if cfg.LoginTTL == 0 {
		cfg.LoginTTL = defaultLoginTTL
	}
	if cfg.LoginTTL < 0 || cfg.LoginTTL > maxLoginTTL {
		return invalid("LoginTTL %v must be between 0 and %v", cfg.LoginTTL, maxLoginTTL)
	}
	if cfg.SessionLifetime == 0 {
		cfg.SessionLifetime = defaultSessionLifetime
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = defaultIdleTimeout
	}
	if cfg.RefreshSkew == 0 {
		cfg.RefreshSkew = defaultRefreshSkew
	}
	if cfg.SessionLifetime < time.Minute || cfg.IdleTimeout < time.Minute || cfg.RefreshSkew < 0 {
		return invalid("SessionLifetime and IdleTimeout must be at least a minute, RefreshSkew not negative")
	}
	return nil
}

// checkStores checks and fills in where sessions and grants are kept.
func checkStores(cfg *Config) error {
	if _, browser := cfg.GrantStore.(adapter.BrowserStore); browser {
		return invalid("GrantStore keeps its values with the browser's request (%T), but grants are read outside requests: use a MemoryStore or a redisstore.Store", cfg.GrantStore)
	}
	if cfg.GrantLifetime == 0 {
		cfg.GrantLifetime = defaultGrantLifetime
	}
	if cfg.GrantLifetime < time.Hour {
		return invalid("GrantLifetime %v must be at least an hour", cfg.GrantLifetime)
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidConfig}, args...)...)
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
		c.Timeout = defaultHTTPTimeout
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
