package core

import (
	"log/slog"
	"strconv"
	"strings"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// logLevelFor is the level and message ErrorReply logs err at: Info for a
// sign-in the user cancelled on Rememberizer (nothing went wrong), Warn
// for the visitor's other errors, Error for ours.
func logLevelFor(err error, status int) (slog.Level, string) {
	switch {
	case cancelled(err):
		return slog.LevelInfo, "rememberizer: sign-in cancelled by the user"
	case status >= 500:
		return slog.LevelError, "rememberizer: request failed"
	}
	return slog.LevelWarn, "rememberizer: request failed"
}

// errorPageReply renders the HTML error page for err with
// [Config.ErrorPage], or [DefaultErrorPage] when that is unset or fails.
func (c *client) errorPageReply(req adapter.Request, err error, status int) adapter.Reply {
	p := ErrorPageFor(err)
	p.Status = status
	if uriPath(req.URI()) == c.LogoutPath() {
		p.Title = "Sign-out problem"
	}
	if cancelled(err) {
		p.RetryURL = c.LoginPath()
	}
	var b strings.Builder
	if c.cfg.ErrorPage != nil {
		perr := c.cfg.ErrorPage(&b, p)
		if perr == nil {
			return adapter.Reply{Status: status, ContentType: "text/html; charset=utf-8", Body: b.String()}
		}
		c.log.LogAttrs(req.Context(), slog.LevelError, "rememberizer: Config.ErrorPage failed; showing the default page",
			slog.String("error", perr.Error()))
		b.Reset()
	}
	if perr := DefaultErrorPage(&b, p); perr != nil {
		// The template is fixed and its data plain strings: this does
		// not happen, but a page is owed all the same.
		return adapter.Reply{Status: status, ContentType: "text/plain; charset=utf-8", Body: p.Message}
	}
	req.SetHeader("Content-Security-Policy", errorPageCSP)
	return adapter.Reply{Status: status, ContentType: "text/html; charset=utf-8", Body: b.String()}
}

// errorReply is the default answer to an error from a [Client] operation:
// the status [statusFor] gives, and a fixed message from [messageFor] as
// an HTML page ([Config.ErrorPage], by default [DefaultErrorPage]) or,
// for API calls, JSON. Nothing the request or the provider sent is
// echoed. The error is logged once: at Info for a sign-in the user
// cancelled, at Warn for the visitor's other errors and Error for ours.
func (c *client) errorReply(req adapter.Request, err error) adapter.Reply {
	status := statusFor(err)
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

func allowFor(uri string, c *client) string {
	if uriPath(uri) == c.LogoutPath() {
		return "POST"
	}
	return "GET"
}

func jsonReply(status int, err error) adapter.Reply {
	body := `{"error":` + strconv.Quote(errorSlug(err)) + `,"message":` + strconv.Quote(messageFor(err)) + `}`
	return adapter.Reply{Status: status, ContentType: "application/json", Body: body}
}
