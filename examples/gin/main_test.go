package main

import (
	"io"
	"os"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/rzauth/rememberizer-go/examples/internal/demo"
	"github.com/rzauth/rememberizer-go/examples/internal/demowalk"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}

// buildForTest builds the app as main does, with no access log.
func buildForTest(env *demo.Env) (demo.Server, error) { return build(env, io.Discard) }

// TestDemo signs in on the fake consent page (approving, then denying)
// and checks the public routes, as for every example app, with sessions
// in cookies and in Redis.
func TestDemo(t *testing.T) {
	demowalk.Run(t, config, buildForTest)
}

func TestListMementosSignedOut(t *testing.T) {
	t.Parallel()
	demowalk.MementosSignedOut(t, listMementos)
}
