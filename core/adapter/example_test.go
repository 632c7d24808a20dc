package adapter_test

import (
	"fmt"
	"io"
	"log"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// Config is the options of a minimal adapter for net/http: the app's
// hooks, each optional.
type Config struct {
	UnauthorizedHandler func(w http.ResponseWriter, r *http.Request, err error)
	ErrorHandler        func(w http.ResponseWriter, r *http.Request, err error)
}

// Mount registers the auth routes of client on mux.
func Mount(mux *http.ServeMux, client *core.Client) {
	eng := client.Adapter()
	login, callback, logout := eng.Paths()
	auth := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := eng.ServeAuth(&adapter.HTTPRequest{W: w, R: r}, adapter.Hooks{})
		adapter.WriteHTTP(w, o.Reply)
	})
	for _, path := range []string{login, callback, logout} {
		mux.Handle(path, auth)
	}
}

// RequireRememberizer is the minimal adapter's middleware: one Engine
// operation per request, and what its Outcome says.
func RequireRememberizer(client *core.Client, conf Config) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			req := &adapter.HTTPRequest{W: w, R: r}
			serve := func(sc adapter.Scope) {
				defer sc.End()
				next.ServeHTTP(&endingWriter{ResponseWriter: w, scope: sc}, r.WithContext(sc.Context(r.Context())))
			}
			eng := client.Adapter()
			o := eng.Require(req, adapter.Hooks{Unauthorized: conf.UnauthorizedHandler != nil, Error: conf.ErrorHandler != nil})
			switch {
			case o.Scope != nil:
				serve(o.Scope) // the handlers with o.Scope.Context, then o.Scope.End
			case o.Hook == adapter.UnauthorizedHook:
				conf.UnauthorizedHandler(w, r, o.Err)
			case o.Hook == adapter.ErrorHook:
				conf.ErrorHandler(w, r, o.Err)
			default:
				adapter.WriteHTTP(w, o.Reply)
			}
		})
	}
}

// endingWriter ends the request's scope just before the handler's
// response headers go out, so that cookies core decided on while the
// handler ran (a refresh's) go out with them.
type endingWriter struct {
	http.ResponseWriter
	scope adapter.Scope
}

func (w *endingWriter) WriteHeader(status int) {
	w.scope.End()
	w.ResponseWriter.WriteHeader(status)
}

func (w *endingWriter) Write(b []byte) (int, error) {
	w.scope.End()
	return w.ResponseWriter.Write(b)
}

// A minimal adapter for net/http, on the Engine of a core.Client: a
// visitor who has not signed in is refused (by core's reply, or by the
// app's own UnauthorizedHandler), a browser that signed in at the fake
// Rememberizer is served.
func Example() {
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		client, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		dashboard := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			user, _ := core.UserFrom(r.Context())
			fmt.Fprintf(w, "Hello, %s", user.Name)
		})
		mux := http.NewServeMux()
		Mount(mux, client)
		mux.Handle("/dashboard", RequireRememberizer(client, Config{})(dashboard))
		mux.Handle("/members", RequireRememberizer(client, Config{
			UnauthorizedHandler: func(w http.ResponseWriter, r *http.Request, err error) {
				w.WriteHeader(http.StatusForbidden)
				io.WriteString(w, "members only")
			},
		})(dashboard))
		return mux, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()

	browser, err := app.Browser("42") // login → Rememberizer → callback, through Mount
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range []*http.Client{http.DefaultClient, browser} {
		for _, path := range []string{"/dashboard", "/members"} {
			status, body, err := app.Get(c, path)
			if err != nil {
				log.Fatal(err)
			}
			fmt.Println(path, status, body)
		}
	}
	// Output:
	// /dashboard 401 {"error":"not_signed_in","message":"You are not signed in."}
	// /members 403 members only
	// /dashboard 200 Hello, Ada Lovelace
	// /members 200 Hello, Ada Lovelace
}
