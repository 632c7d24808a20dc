package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"time"

	"github.com/gofiber/fiber/v3"
)

// shutdownTimeout is how long serve lets requests in flight finish.
const shutdownTimeout = 10 * time.Second

// serve serves app on ln until ctx is done, then shuts it down gracefully,
// letting requests in flight finish for up to shutdownTimeout. It logs to
// log when it listens and when it shuts down.
func serve(ctx context.Context, ln net.Listener, app *fiber.App, log *slog.Logger) error {
	log.Info("listening", "addr", ln.Addr().String())
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	err := app.ShutdownWithTimeout(shutdownTimeout)
	// Shutdown closes the listener once Fiber serves on it; closing it here
	// too ends Serve should the signal have come before that.
	ln.Close()
	if serr := <-served; serr != nil && !errors.Is(serr, net.ErrClosed) && err == nil {
		err = serr
	}
	return err
}
