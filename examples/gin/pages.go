package main

// The app's other pages, which every example serves alike: package
// demopages renders them and handles the search and "Remember this" forms,
// and each handler only passes the request's values along.

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demopages"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// home is the public start page; it greets whoever is signed in.
func home(log *slog.Logger) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		var user *core.User
		if u, ok := core.UserFrom(ctx.Request.Context()); ok {
			user = &u
		}
		demopages.HTMLHeaders(ctx.Header)
		if err := demopages.Home(ctx.Writer, user, demopages.Notice(ctx.Query)); err != nil {
			serverError(ctx, log, err)
		}
	}
}

// help answers ?q= from the app's help center, the vector store vs.
func help(vs *rememberizer.Client, log *slog.Logger) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		q := ctx.Query("q")
		answers, apiErr := demopages.SearchHelp(ctx.Request.Context(), vs, log, q)
		demopages.HTMLHeaders(ctx.Header)
		if err := demopages.HelpPage(ctx.Writer, user, q, answers, apiErr); err != nil {
			serverError(ctx, log, err)
		}
	}
}

// notFound answers an address the app does not serve.
func notFound(log *slog.Logger) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		demopages.HTMLHeaders(ctx.Header)
		ctx.Status(http.StatusNotFound)
		if err := demopages.NotFound(ctx.Writer); err != nil {
			log.Error("rendering the 404 page", "error", err)
		}
	}
}

// search shows what matches ?q= in the user's knowledge.
func search(c *core.Client, log *slog.Logger) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		q := ctx.Query("q")
		hits, apiErr := demopages.Search(ctx.Request.Context(), c, log, q) // before writing, like the dashboard
		demopages.HTMLHeaders(ctx.Header)
		if err := demopages.SearchPage(ctx.Writer, user, q, hits, apiErr, demopages.Notice(ctx.Query)); err != nil {
			serverError(ctx, log, err)
		}
	}
}

// memorize stores a note from the "Remember this" form.
func memorize(c *core.Client, log *slog.Logger) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		ctx.Request.Body = http.MaxBytesReader(ctx.Writer, ctx.Request.Body, demopages.MaxFormBytes)
		rep := demopages.Memorize(ctx.Request.Context(), c, log, ctx.PostForm("name"), ctx.PostForm("content"))
		demopages.HTMLHeaders(ctx.Header)
		if rep.Location != "" {
			ctx.Redirect(rep.Status, rep.Location)
			return
		}
		ctx.Status(rep.Status)
		if err := demopages.MessagePage(ctx.Writer, user, rep.Message); err != nil {
			log.Error("rendering failed", "error", err)
		}
	}
}

// me answers who is signed in, as JSON.
func me(log *slog.Logger) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		demopages.JSONHeaders(ctx.Header)
		if err := demopages.Me(ctx.Writer, user); err != nil {
			serverError(ctx, log, err)
		}
	}
}

// serverError answers 500 for a page that could not be rendered.
func serverError(ctx *gin.Context, log *slog.Logger, err error) {
	log.Error("rendering failed", "error", err)
	ctx.Header("Content-Type", "text/plain; charset=utf-8")
	ctx.String(http.StatusInternalServerError, "Something went wrong on our side.")
}
