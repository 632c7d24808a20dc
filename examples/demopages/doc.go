// Package demopages is the look of the example apps in examples/: their
// HTML pages, and the search and "Remember this" forms, which call the
// Rememberizer API as the signed-in user. An app of your own has pages of
// its own; what it copies from an example is in the example's main.go.
//
// It imports no web framework, so the net/http, Gin and Fiber examples
// serve the same pages and differ only in their wiring. Pages are written
// to an io.Writer once they are complete, and headers are set through a
// func(name, value string), which http.Header.Set, gin.Context.Header and
// fiber.Ctx.Set all are. A handler behind RequireRememberizer calls the
// API first (a refreshed token is saved in a cookie), then writes:
//
//	user, _ := core.UserFrom(r.Context())
//	q := r.URL.Query().Get("q")
//	hits, apiErr := demopages.Search(r.Context(), c, log, q)
//	demopages.HTMLHeaders(w.Header().Set)
//	if err := demopages.SearchPage(w, user, q, hits, apiErr); err != nil {
//		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
//	}
//
// [ErrorPage] is the apps' core.Config.ErrorPage, so a failed sign-in looks
// like their other pages.
package demopages
