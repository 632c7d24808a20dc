package conformance_test

import (
	"io"
	"os"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestMain quiets Gin as ginmw's own tests do, and stops the PostgreSQL
// server the tests shared, if one was started.
func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	gin.DefaultWriter = io.Discard
	code := m.Run()
	durable.pg.Close()
	os.Exit(code)
}
