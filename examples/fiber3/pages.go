package main

// The app's other pages, which every example serves alike: package
// demopages renders them and handles the search and "Remember this" forms,
// and each handler only passes the request's values along.

import (
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demopages"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// home is the public start page; it greets whoever is signed in.
func home(ctx fiber.Ctx) error {
	var user *core.User
	if u, ok := core.UserFrom(ctx); ok {
		user = &u
	}
	demopages.HTMLHeaders(ctx.Set)
	return demopages.Home(ctx, user, demopages.Notice(query(ctx)))
}

// help answers ?q= from the app's help center, the vector store vs.
func help(vs *rememberizer.Client, log *slog.Logger) fiber.Handler {
	return func(ctx fiber.Ctx) error {
		user, _ := core.UserFrom(ctx)
		q := ctx.Query("q")
		answers, apiErr := demopages.SearchHelp(ctx, vs, log, q)
		demopages.HTMLHeaders(ctx.Set)
		return demopages.HelpPage(ctx, user, q, answers, apiErr)
	}
}

// search shows what matches ?q= in the user's knowledge.
func search(c *core.Client, log *slog.Logger) fiber.Handler {
	return func(ctx fiber.Ctx) error {
		user, _ := core.UserFrom(ctx)
		q := ctx.Query("q")
		hits, apiErr := demopages.Search(ctx, c, log, q) // before writing, like the dashboard
		demopages.HTMLHeaders(ctx.Set)
		return demopages.SearchPage(ctx, user, q, hits, apiErr, demopages.Notice(query(ctx)))
	}
}

// memorize stores a note from the "Remember this" form.
func memorize(c *core.Client, log *slog.Logger) fiber.Handler {
	return func(ctx fiber.Ctx) error {
		user, _ := core.UserFrom(ctx)
		rep := demopages.Memorize(ctx, c, log, ctx.FormValue("name"), ctx.FormValue("content"))
		demopages.HTMLHeaders(ctx.Set)
		if rep.Location != "" {
			return ctx.Redirect().Status(rep.Status).To(rep.Location)
		}
		ctx.Status(rep.Status)
		return demopages.MessagePage(ctx, user, rep.Message)
	}
}

// me answers who is signed in, as JSON.
func me(ctx fiber.Ctx) error {
	user, _ := core.UserFrom(ctx)
	demopages.JSONHeaders(ctx.Set)
	return demopages.Me(ctx, user)
}

// errorPage answers an error a handler returned: Fiber's own (404, 405)
// with their status and short text, anything else, such as a page that
// could not be rendered, with a fixed 500 that shows nothing of it.
func errorPage(log *slog.Logger) fiber.ErrorHandler {
	return func(ctx fiber.Ctx, err error) error {
		var fe *fiber.Error
		if !errors.As(err, &fe) {
			log.Error("request failed", "path", ctx.Path(), "error", err)
			fe = fiber.NewError(fiber.StatusInternalServerError, "Something went wrong on our side.")
		}
		if fe.Code == fiber.StatusNotFound {
			demopages.HTMLHeaders(ctx.Set)
			ctx.Status(fe.Code)
			return demopages.NotFound(ctx)
		}
		ctx.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		ctx.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		return ctx.Status(fe.Code).SendString(fe.Message)
	}
}

// query reads the request's query values, for demopages.Notice.
func query(ctx fiber.Ctx) func(string) string {
	return func(key string) string { return ctx.Query(key) }
}
