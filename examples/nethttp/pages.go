package main

// The app's other pages, which every example serves alike: package
// demopages renders them and handles the search and "Remember this" forms,
// and each handler only passes the request's values along.

import (
	"log/slog"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demopages"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// home is the public start page; it greets whoever is signed in.
func home(log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var user *core.User
		if u, ok := core.UserFrom(r.Context()); ok {
			user = &u
		}
		demopages.HTMLHeaders(w.Header().Set)
		if err := demopages.Home(w, user, demopages.Notice(r.URL.Query().Get)); err != nil {
			serverError(w, log, err)
		}
	})
}

// notFound answers an address the app does not serve: the 404 page for
// GET and HEAD, 405 for other methods (as the mux answers a POST to a GET
// page, which this catch-all would otherwise take).
func notFound(log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
			return
		}
		demopages.HTMLHeaders(w.Header().Set)
		w.WriteHeader(http.StatusNotFound)
		if err := demopages.NotFound(w); err != nil {
			log.Error("rendering the 404 page", "error", err)
		}
	}
}

// search shows what matches ?q= in the user's knowledge.
func search(c *core.Client, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		q := r.URL.Query().Get("q")
		hits, apiErr := demopages.Search(r.Context(), c, log, q) // before writing, like the dashboard
		demopages.HTMLHeaders(w.Header().Set)
		if err := demopages.SearchPage(w, user, q, hits, apiErr, demopages.Notice(r.URL.Query().Get)); err != nil {
			serverError(w, log, err)
		}
	})
}

// memorize stores a note from the "Remember this" form.
func memorize(c *core.Client, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		r.Body = http.MaxBytesReader(w, r.Body, demopages.MaxFormBytes)
		rep := demopages.Memorize(r.Context(), c, log, r.PostFormValue("name"), r.PostFormValue("content"))
		demopages.HTMLHeaders(w.Header().Set)
		if rep.Location != "" {
			http.Redirect(w, r, rep.Location, rep.Status)
			return
		}
		w.WriteHeader(rep.Status)
		if err := demopages.MessagePage(w, user, rep.Message); err != nil {
			log.Error("rendering failed", "error", err)
		}
	})
}

// help answers ?q= from the app's help center, the vector store vs.
func help(vs *rememberizer.Client, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		q := r.URL.Query().Get("q")
		answers, apiErr := demopages.SearchHelp(r.Context(), vs, log, q)
		demopages.HTMLHeaders(w.Header().Set)
		if err := demopages.HelpPage(w, user, q, answers, apiErr); err != nil {
			serverError(w, log, err)
		}
	})
}

// me answers who is signed in, as JSON.
func me(log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		demopages.JSONHeaders(w.Header().Set)
		if err := demopages.Me(w, user); err != nil {
			serverError(w, log, err)
		}
	})
}

// serverError answers 500 for a page that could not be rendered.
func serverError(w http.ResponseWriter, log *slog.Logger, err error) {
	log.Error("rendering failed", "error", err)
	http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
}
