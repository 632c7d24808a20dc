package sessionstore_test

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
	"github.com/rzauth/rememberizer-go/sessionstore"
)

// Sign-ins kept in a gorilla FilesystemStore: a browser signs in at the
// fake Rememberizer, and its session lives in one file; the cookie holds
// gorilla's signed id.
func ExampleNewGorillaStore() {
	dir, err := os.MkdirTemp("", "sessions")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	// In production, load fixed keys so sessions survive restarts.
	fs := sessions.NewFilesystemStore(dir, securecookie.GenerateRandomKey(32), securecookie.GenerateRandomKey(32))

	// apptest hands the app a core.Config pointed at a fake Rememberizer;
	// the app adds its store.
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		cfg.Store = sessionstore.NewGorillaStore(fs)
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		return nethttp.Handler(c), nil // the login, callback and logout routes
	})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()

	if _, err := app.Browser("42"); err != nil {
		log.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "session_*"))
	fmt.Println("session files:", len(files))
	// Output: session files: 1
}
