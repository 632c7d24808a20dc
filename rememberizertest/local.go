package rememberizertest

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Local is a fake Rememberizer started by [StartLocal] for developing an
// app on this machine: put ClientID, ClientSecret and BaseURL in the app's
// core.Config and sign in through the fake's consent page in a browser.
type Local struct {
	// ClientID, ClientSecret and BaseURL are what the app's core.Config
	// needs to sign in against the fake.
	ClientID     string
	ClientSecret string
	BaseURL      string

	// Server is the fake itself, for counters and faults.
	Server *Server
}

// Close stops the fake.
func (l *Local) Close() { l.Server.Close() }

// StartLocal starts a fake Rememberizer on a free 127.0.0.1 port, with its
// consent page (pick a user, choose mementos, Approve or Deny), that
// accepts exactly redirectURL, the app's callback URL, e.g.
// "http://localhost:8080/auth/rememberizer/callback". It is how to click
// through "Sign in with Rememberizer" in your own app without registering
// it at Rememberizer:
//
//	local, err := rememberizertest.StartLocal("http://localhost:8080/auth/rememberizer/callback")
//	if err != nil {
//		log.Fatal(err)
//	}
//	defer local.Close()
//	cfg.ClientID, cfg.ClientSecret, cfg.BaseURL = local.ClientID, local.ClientSecret, local.BaseURL
//
// cfg, optional, sets users, mementos and the app name shown; its
// ConsentPage and RedirectURIs are set by StartLocal, and its Addr, if
// given, must be a loopback address. StartLocal refuses a redirect URL
// whose host is not localhost or a loopback address: the fake is for one
// machine, never for a server others reach.
func StartLocal(redirectURL string, cfg ...Config) (*Local, error) {
	u, err := url.Parse(redirectURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("rememberizertest: StartLocal: redirect URL %q is not an absolute http URL", redirectURL)
	}
	if !loopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("rememberizertest: StartLocal: redirect URL %q is not on this machine (localhost, 127.0.0.1 or [::1]); the fake Rememberizer is for local development only", redirectURL)
	}
	var c Config
	if len(cfg) > 0 {
		c = cfg[0]
	}
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil || !loopbackHost(host) {
		return nil, fmt.Errorf("rememberizertest: StartLocal: Addr %q is not a loopback address", c.Addr)
	}
	c.ConsentPage = true
	c.RedirectURIs = []string{redirectURL}
	srv, err := listenAndServe(c)
	if err != nil {
		return nil, err
	}
	return &Local{ClientID: srv.ClientID(), ClientSecret: srv.ClientSecret(), BaseURL: srv.URL, Server: srv}, nil
}

// listenAndServe is NewServer returning an error instead of panicking.
func listenAndServe(c Config) (srv *Server, err error) {
	defer func() {
		if r := recover(); r != nil {
			srv, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return NewServer(c), nil
}

// loopbackHost reports whether host is localhost or a loopback IP.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
