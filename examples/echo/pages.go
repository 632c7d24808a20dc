package main

// The app's other pages, which every example serves alike: package
// demopages renders them and handles the search and "Remember this" forms,
// and each handler only passes the request's values along.

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v5"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demopages"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// home is the public start page; it greets whoever is signed in.
func home(ctx *echo.Context) error {
	var user *core.User
	if u, ok := core.UserFrom(ctx.Request().Context()); ok {
		user = &u
	}
	demopages.HTMLHeaders(ctx.Response().Header().Set)
	return demopages.Home(ctx.Response(), user, demopages.Notice(ctx.QueryParam))
}

// help answers ?q= from the app's help center, the vector store vs.
func help(vs *rememberizer.Client, log *slog.Logger) echo.HandlerFunc {
	return func(ctx *echo.Context) error {
		user, _ := core.UserFrom(ctx.Request().Context())
		q := ctx.QueryParam("q")
		answers, apiErr := demopages.SearchHelp(ctx.Request().Context(), vs, log, q)
		demopages.HTMLHeaders(ctx.Response().Header().Set)
		return demopages.HelpPage(ctx.Response(), user, q, answers, apiErr)
	}
}

// search shows what matches ?q= in the user's knowledge.
func search(c *core.Client, log *slog.Logger) echo.HandlerFunc {
	return func(ctx *echo.Context) error {
		user, _ := core.UserFrom(ctx.Request().Context())
		q := ctx.QueryParam("q")
		hits, apiErr := demopages.Search(ctx.Request().Context(), c, log, q) // before writing, like the dashboard
		demopages.HTMLHeaders(ctx.Response().Header().Set)
		return demopages.SearchPage(ctx.Response(), user, q, hits, apiErr, demopages.Notice(ctx.QueryParam))
	}
}

// memorize stores a note from the "Remember this" form.
func memorize(c *core.Client, log *slog.Logger) echo.HandlerFunc {
	return func(ctx *echo.Context) error {
		user, _ := core.UserFrom(ctx.Request().Context())
		r := ctx.Request()
		r.Body = http.MaxBytesReader(ctx.Response(), r.Body, demopages.MaxFormBytes)
		rep := demopages.Memorize(r.Context(), c, log, ctx.FormValue("name"), ctx.FormValue("content"))
		demopages.HTMLHeaders(ctx.Response().Header().Set)
		if rep.Location != "" {
			return ctx.Redirect(rep.Status, rep.Location)
		}
		ctx.Response().WriteHeader(rep.Status)
		if err := demopages.MessagePage(ctx.Response(), user, rep.Message); err != nil {
			log.Error("rendering failed", "error", err)
		}
		return nil
	}
}

// me answers who is signed in, as JSON.
func me(ctx *echo.Context) error {
	user, _ := core.UserFrom(ctx.Request().Context())
	demopages.JSONHeaders(ctx.Response().Header().Set)
	return demopages.Me(ctx.Response(), user)
}

// errorPage answers an error a handler returned: Echo's 404 with the 404
// page in the app's look, its other own errors (405) with their status
// and short text, anything else, such as a page that
// could not be rendered, with a fixed 500 that shows nothing of it.
func errorPage(log *slog.Logger) echo.HTTPErrorHandler {
	return func(ctx *echo.Context, err error) {
		if r, _ := echo.UnwrapResponse(ctx.Response()); r != nil && r.Committed {
			log.Error("request failed after the response started", "path", ctx.Request().URL.Path, "error", err)
			return
		}
		status, text := http.StatusInternalServerError, "Something went wrong on our side."
		var sc echo.HTTPStatusCoder
		if errors.As(err, &sc) && sc.StatusCode() != 0 && sc.StatusCode() < 500 {
			status, text = sc.StatusCode(), http.StatusText(sc.StatusCode())
		} else {
			log.Error("request failed", "path", ctx.Request().URL.Path, "error", err)
		}
		if status == http.StatusNotFound {
			demopages.HTMLHeaders(ctx.Response().Header().Set)
			ctx.Response().WriteHeader(status)
			if err := demopages.NotFound(ctx.Response()); err != nil {
				log.Error("rendering the 404 page", "error", err)
			}
			return
		}
		ctx.Response().Header().Set("X-Content-Type-Options", "nosniff")
		_ = ctx.String(status, text)
	}
}
