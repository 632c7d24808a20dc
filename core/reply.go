package core

import (
	"log/slog"
	"net/url"
	"strconv"
	"strings"
)

// Reply is a response core decided on, for an adapter to write as it is:
// the status, a Location for redirects, and a body of the given type.
// Core has already set the headers it needs on the Request.
type Reply struct {
	Status      int
	Location    string
	ContentType string
	Body        string
}

// WantsRedirect reports whether a signed-out request is a browser
// navigation, to be redirected to sign in, rather than an API call, to be
// answered 401 (SECURITY.md S17). Navigations are GET or HEAD requests
// that accept HTML and are not marked as script requests
// (X-Requested-With, or a Sec-Fetch-Mode other than navigate).
func WantsRedirect(req Request) bool {
	if m := req.Method(); m != "GET" && m != "HEAD" {
		return false
	}
	if req.Header("X-Requested-With") != "" {
		return false
	}
	if mode := req.Header("Sec-Fetch-Mode"); mode != "" && mode != "navigate" {
		return false
	}
	return strings.Contains(req.Header("Accept"), "text/html")
}

// SignInReply is the default answer to a request RequireRememberizer
// refused because err says the browser is signed out: a 302 to the login
// route with return_to set to the requested URI for a navigation, or 401
// with a JSON body for an API call.
func (c *Client) SignInReply(req Request, err error) Reply {
	req.SetHeader("Cache-Control", "no-store")
	if WantsRedirect(req) {
		return Reply{Status: 302, Location: c.LoginPath() + "?return_to=" + url.QueryEscape(req.URI())}
	}
	req.SetHeader("WWW-Authenticate", `Bearer realm="rememberizer"`)
	return jsonReply(401, err)
}

// ErrorReply is the default answer to an error from a [Client] operation:
// the status [StatusFor] gives, and a fixed message from [MessageFor] as
// an HTML page ([Config.ErrorPage], by default [DefaultErrorPage]) or,
// for API calls, JSON. Nothing the request or the provider sent is
// echoed. The error is logged once: at Info for a sign-in the user
// cancelled, at Warn for the visitor's other errors and Error for ours.
func (c *Client) ErrorReply(req Request, err error) Reply {
	status := StatusFor(err)
	level, what := logLevelFor(err, status)
	c.log.LogAttrs(req.Context(), level, what,
		// Cloned: a framework may reuse the request's buffers after the
		// handler returns, and a log handler may keep the record longer.
		slog.String("method", strings.Clone(req.Method())),
		slog.String("path", strings.Clone(uriPath(req.URI()))),
		slog.Int("status", status),
		slog.String("error", err.Error()))
	req.SetHeader("Cache-Control", "no-store")
	if status == 405 {
		req.SetHeader("Allow", allowFor(req.URI(), c))
	}
	if !strings.Contains(req.Header("Accept"), "text/html") {
		return jsonReply(status, err)
	}
	return c.errorPageReply(req, err, status)
}

func allowFor(uri string, c *Client) string {
	if uriPath(uri) == c.LogoutPath() {
		return "POST"
	}
	return "GET"
}

func jsonReply(status int, err error) Reply {
	body := `{"error":` + strconv.Quote(ErrorSlug(err)) + `,"message":` + strconv.Quote(MessageFor(err)) + `}`
	return Reply{Status: status, ContentType: "application/json", Body: body}
}
