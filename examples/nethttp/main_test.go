package main

import (
	"context"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/internal/demowalk"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// TestDemo signs in on the fake consent page (approving, then denying)
// and checks the public routes, as for every example app.
func TestDemo(t *testing.T) {
	demowalk.Run(t, config, build)
}

// TestDemoRedis is the same with REDIS_URL set: sessions live in a real
// Redis.
func TestDemoRedis(t *testing.T) {
	demowalk.RunRedis(t, config, build, redistest.Start(t).URL())
}

func TestListMementosSignedOut(t *testing.T) {
	t.Parallel()
	demowalk.CallSignedOut(t, func(ctx context.Context, c *core.Client) error {
		_, err := listMementos(ctx, c, rememberizer.Config{})
		return err
	})
}
