package fiber3test

import (
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v3"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/fiber3mw"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// plainApp is an app with one route set, Mount's.
func plainApp(cfg core.Config) (*fiber.App, error) {
	cfg.Logger = slog.New(slog.DiscardHandler)
	c, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	app := fiber.New(fiber.Config{ReadBufferSize: fiber3mw.ReadBufferSize})
	fiber3mw.Mount(app, c)
	return app, nil
}

// TestQuiet: served quietly, the app prints no Fiber startup message;
// served the loud way (Start under go test -v), it does, which shows the
// check sees it. Not parallel: it swaps os.Stdout while no other test of
// the package runs.
func TestQuiet(t *testing.T) {
	for _, quiet := range []bool{true, false} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout := os.Stdout
		os.Stdout = w
		app, err := apptest.NewListener(listen(plainApp, quiet))
		if err == nil {
			_, err = app.Browser("42") // a sign-in: the app is serving
			app.Close()
		}
		os.Stdout = stdout
		w.Close()
		out, _ := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if banner := strings.Contains(string(out), "Server started on"); banner == quiet {
			t.Errorf("quiet %v: startup message printed %v (output %q)", quiet, banner, out)
		}
	}
}
