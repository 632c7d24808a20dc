package main

// The app's other pages, which every example serves alike: package demo
// renders them, and each handler only passes the request's values along.

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/internal/demo"
)

// home is the public start page; it greets whoever is signed in.
func home(c *core.Client) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		var user *core.User
		if u, ok := core.UserFrom(ctx.Request.Context()); ok {
			user = &u
		}
		demo.HTMLHeaders(ctx.Header)
		if err := demo.Home(ctx.Writer, user); err != nil {
			serverError(ctx, c, err)
		}
	}
}

// search shows what matches ?q= in the user's knowledge.
func search(c *core.Client) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		q := ctx.Query("q")
		hits, apiErr := demo.Search(ctx.Request.Context(), c, q) // before writing, like the dashboard
		demo.HTMLHeaders(ctx.Header)
		if err := demo.SearchPage(ctx.Writer, user, q, hits, apiErr); err != nil {
			serverError(ctx, c, err)
		}
	}
}

// memorize stores a note from the "Remember this" form.
func memorize(c *core.Client) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		ctx.Request.Body = http.MaxBytesReader(ctx.Writer, ctx.Request.Body, demo.MaxFormBytes)
		rep := demo.Memorize(ctx.Request.Context(), c, ctx.GetHeader, ctx.PostForm("name"), ctx.PostForm("content"))
		demo.HTMLHeaders(ctx.Header)
		if rep.Location != "" {
			ctx.Redirect(rep.Status, rep.Location)
			return
		}
		ctx.Status(rep.Status)
		if err := demo.MessagePage(ctx.Writer, user, rep.Message); err != nil {
			c.Logger().Error("rendering failed", "error", err)
		}
	}
}

// me answers who is signed in, as JSON.
func me(c *core.Client) gin.HandlerFunc {
	return func(ctx *gin.Context) {
		user, _ := core.UserFrom(ctx.Request.Context())
		demo.JSONHeaders(ctx.Header)
		if err := demo.Me(ctx.Writer, user); err != nil {
			serverError(ctx, c, err)
		}
	}
}

// serverError answers 500 for a page that could not be rendered.
func serverError(ctx *gin.Context, c *core.Client, err error) {
	c.Logger().Error("rendering failed", "error", err)
	ctx.Header("Content-Type", "text/plain; charset=utf-8")
	ctx.String(http.StatusInternalServerError, "Something went wrong on our side.")
}
