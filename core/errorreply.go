package core

import (
	"errors"
	"log/slog"
	"strings"
)

// logLevelFor is the level and message ErrorReply logs err at: Info for a
// sign-in the user cancelled on Rememberizer (nothing went wrong), Warn
// for the visitor's other errors, Error for ours.
func logLevelFor(err error, status int) (slog.Level, string) {
	var pe *ProviderError
	switch {
	case errors.As(err, &pe) && pe.Code == "access_denied" && pe.Stage == "callback":
		return slog.LevelInfo, "rememberizer: sign-in cancelled by the user"
	case status >= 500:
		return slog.LevelError, "rememberizer: request failed"
	}
	return slog.LevelWarn, "rememberizer: request failed"
}

// errorPageReply renders the HTML error page for err with
// [Config.ErrorPage], or [DefaultErrorPage] when that is unset or fails.
func (c *Client) errorPageReply(req Request, err error, status int) Reply {
	p := ErrorPage{
		Status:  status,
		Title:   "Sign-in problem",
		Message: MessageFor(err),
		Slug:    ErrorSlug(err),
		HomeURL: "/",
	}
	if uriPath(req.URI()) == c.LogoutPath() {
		p.Title = "Sign-out problem"
	}
	var b strings.Builder
	if c.cfg.ErrorPage != nil {
		perr := c.cfg.ErrorPage(&b, p)
		if perr == nil {
			return Reply{Status: status, ContentType: "text/html; charset=utf-8", Body: b.String()}
		}
		c.log.LogAttrs(req.Context(), slog.LevelError, "rememberizer: Config.ErrorPage failed; showing the default page",
			slog.String("error", perr.Error()))
		b.Reset()
	}
	if perr := DefaultErrorPage(&b, p); perr != nil {
		// The template is fixed and its data plain strings: this does
		// not happen, but a page is owed all the same.
		return Reply{Status: status, ContentType: "text/plain; charset=utf-8", Body: p.Message}
	}
	req.SetHeader("Content-Security-Policy", errorPageCSP)
	return Reply{Status: status, ContentType: "text/html; charset=utf-8", Body: b.String()}
}
