package main

import (
	"context"
	"errors"
	"log/slog"
	"net"

	"github.com/gofiber/fiber/v2"

	"github.com/rzauth/rememberizer-go/examples/internal/demo"
)

// serve serves app on ln until ctx is done, then shuts it down gracefully,
// letting requests in flight finish for up to demo.ShutdownTimeout: the
// demo.Server of a Fiber app, which is not an http.Handler.
func serve(ctx context.Context, ln net.Listener, app *fiber.App, log *slog.Logger) error {
	log.Info("listening", "addr", ln.Addr().String())
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	err := app.ShutdownWithTimeout(demo.ShutdownTimeout)
	// Shutdown closes the listener once Fiber serves on it; closing it here
	// too ends Serve should the signal have come before that.
	ln.Close()
	if serr := <-served; serr != nil && !errors.Is(serr, net.ErrClosed) && err == nil {
		err = serr
	}
	return err
}
