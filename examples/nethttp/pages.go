package main

// The app's other pages, which every example serves alike: package demo
// renders them, and each handler only passes the request's values along.

import (
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/internal/demo"
)

// home is the public start page; it greets whoever is signed in.
func home(c *core.Client) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var user *core.User
		if u, ok := core.UserFrom(r.Context()); ok {
			user = &u
		}
		demo.HTMLHeaders(w.Header().Set)
		if err := demo.Home(w, user); err != nil {
			serverError(w, c, err)
		}
	})
}

// search shows what matches ?q= in the user's knowledge.
func search(c *core.Client) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		q := r.URL.Query().Get("q")
		hits, apiErr := demo.Search(r.Context(), c, q) // before writing, like the dashboard
		demo.HTMLHeaders(w.Header().Set)
		if err := demo.SearchPage(w, user, q, hits, apiErr); err != nil {
			serverError(w, c, err)
		}
	})
}

// memorize stores a note from the "Remember this" form.
func memorize(c *core.Client) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		r.Body = http.MaxBytesReader(w, r.Body, demo.MaxFormBytes)
		rep := demo.Memorize(r.Context(), c, r.Header.Get, r.PostFormValue("name"), r.PostFormValue("content"))
		demo.HTMLHeaders(w.Header().Set)
		if rep.Location != "" {
			http.Redirect(w, r, rep.Location, rep.Status)
			return
		}
		w.WriteHeader(rep.Status)
		if err := demo.MessagePage(w, user, rep.Message); err != nil {
			c.Logger().Error("rendering failed", "error", err)
		}
	})
}

// me answers who is signed in, as JSON.
func me(c *core.Client) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		demo.JSONHeaders(w.Header().Set)
		if err := demo.Me(w, user); err != nil {
			serverError(w, c, err)
		}
	})
}

// serverError answers 500 for a page that could not be rendered.
func serverError(w http.ResponseWriter, c *core.Client, err error) {
	c.Logger().Error("rendering failed", "error", err)
	http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
}
