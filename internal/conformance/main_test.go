package conformance_test

import (
	"io"
	"os"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestMain quiets Gin as ginmw's own tests do.
func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	gin.DefaultWriter = io.Discard
	os.Exit(m.Run())
}
