package ginmw_test

import (
	"io"
	"os"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	gin.DefaultWriter = io.Discard // gin.Default's request log
	os.Exit(m.Run())
}
