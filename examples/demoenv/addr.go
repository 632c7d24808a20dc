package demoenv

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// listenAndPublic works out the listen address and the public URL from
// ADDR and PUBLIC_URL (either may be empty), so that a browser sent to
// PUBLIC_URL reaches the app: when only one is set, the other follows its
// port; when both are and PUBLIC_URL is on this machine, their ports must
// agree, else sign-in would come back to a port nothing serves.
func listenAndPublic(addr, public string) (string, string, error) {
	if public != "" {
		p, err := publicURL(public)
		if err != nil {
			return "", "", err
		}
		public = p
	}
	var addrPort string
	if addr != "" {
		_, port, err := net.SplitHostPort(addr)
		if err != nil || port == "" {
			return "", "", fmt.Errorf("ADDR %q must be host:port or :port, e.g. :8080", addr)
		}
		addrPort = port
	}
	switch {
	case addr == "" && public == "":
		return DefaultAddr, DefaultPublicURL, nil
	case public == "":
		if addrPort == "0" {
			return "", "", fmt.Errorf("ADDR %q picks any free port, so the app cannot know its URL; set PUBLIC_URL too, or give ADDR a port", addr)
		}
		return addr, "http://localhost:" + addrPort, nil
	}
	u, _ := url.Parse(public)
	if !onThisMachine(u.Hostname()) {
		// Behind a proxy or on another name: ports may differ.
		if addr == "" {
			addr = DefaultAddr
		}
		return addr, public, nil
	}
	publicPort := u.Port()
	if publicPort == "" {
		publicPort = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	if addr == "" {
		return ":" + publicPort, public, nil
	}
	if addrPort != publicPort {
		return "", "", fmt.Errorf("PUBLIC_URL %s is on port %s but ADDR %q listens on port %s, so sign-in would come back to a port nothing serves; set PUBLIC_URL=%s://%s or ADDR=:%s",
			public, publicPort, addr, addrPort, u.Scheme, net.JoinHostPort(u.Hostname(), addrPort), publicPort)
	}
	return addr, public, nil
}

// publicURL checks PUBLIC_URL's value, which must be an origin such as
// https://app.example.com, and returns it without a trailing slash.
func publicURL(raw string) (string, error) {
	s := strings.TrimRight(raw, "/")
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("PUBLIC_URL %q must be an origin such as https://app.example.com (scheme and host, no path)", raw)
	}
	return s, nil
}

// onThisMachine reports whether host is localhost or a loopback address.
func onThisMachine(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
