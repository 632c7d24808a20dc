package main

// The app's other pages, which every example serves alike: package demo
// renders them, and each handler only passes the request's values along.

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/internal/demo"
)

// home is the public start page; it greets whoever is signed in.
func home(ctx *fiber.Ctx) error {
	var user *core.User
	if u, ok := core.UserFrom(ctx.UserContext()); ok {
		user = &u
	}
	demo.HTMLHeaders(ctx.Set)
	return demo.Home(ctx, user)
}

// search shows what matches ?q= in the user's knowledge.
func search(c *core.Client) fiber.Handler {
	return func(ctx *fiber.Ctx) error {
		user, _ := core.UserFrom(ctx.UserContext())
		q := ctx.Query("q")
		hits, apiErr := demo.Search(ctx.UserContext(), c, q) // before writing, like the dashboard
		demo.HTMLHeaders(ctx.Set)
		return demo.SearchPage(ctx, user, q, hits, apiErr)
	}
}

// memorize stores a note from the "Remember this" form.
func memorize(c *core.Client) fiber.Handler {
	return func(ctx *fiber.Ctx) error {
		user, _ := core.UserFrom(ctx.UserContext())
		header := func(name string) string { return ctx.Get(name) }
		rep := demo.Memorize(ctx.UserContext(), c, header, ctx.FormValue("name"), ctx.FormValue("content"))
		demo.HTMLHeaders(ctx.Set)
		if rep.Location != "" {
			return ctx.Redirect(rep.Location, rep.Status)
		}
		ctx.Status(rep.Status)
		return demo.MessagePage(ctx, user, rep.Message)
	}
}

// me answers who is signed in, as JSON.
func me(ctx *fiber.Ctx) error {
	user, _ := core.UserFrom(ctx.UserContext())
	demo.JSONHeaders(ctx.Set)
	return demo.Me(ctx, user)
}

// errorPage answers an error a handler returned: Fiber's own (404, 405)
// with their status and short text, anything else, such as a page that
// could not be rendered, with a fixed 500 that shows nothing of it.
func errorPage(c *core.Client) fiber.ErrorHandler {
	return func(ctx *fiber.Ctx, err error) error {
		var fe *fiber.Error
		if !errors.As(err, &fe) {
			c.Logger().Error("request failed", "path", ctx.Path(), "error", err)
			fe = fiber.NewError(fiber.StatusInternalServerError, "Something went wrong on our side.")
		}
		ctx.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		ctx.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		return ctx.Status(fe.Code).SendString(fe.Message)
	}
}
