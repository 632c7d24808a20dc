package redact_test

import (
	"fmt"
	"log/slog"
	"testing"

	"github.com/rzauth/rememberizer-go/internal/redact"
)

type secretive struct{ secret string }

func (s secretive) Format(f fmt.State, verb rune) {
	redact.Format(f, verb, "secretive{secret:[redacted]}")
}

func TestFormatEveryVerb(t *testing.T) {
	s := secretive{secret: "hunter2"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%d"} {
		if got := fmt.Sprintf(verb, s); got != "secretive{secret:[redacted]}" {
			t.Errorf("%s: got %q", verb, got)
		}
	}
	if got := fmt.Sprintf("%q", s); got != `"secretive{secret:[redacted]}"` {
		t.Errorf("%%q: got %s", got)
	}
}

func TestMarshalLogValue(t *testing.T) {
	v := slog.GroupValue(
		slog.String("name", `a "quoted" name`),
		slog.Int("n", 3),
		slog.Group("inner", slog.Bool("ok", true)),
	)
	b, err := redact.MarshalLogValue(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"name":"a \"quoted\" name","n":3,"inner":{"ok":true}}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	if b, err := redact.MarshalLogValue(slog.StringValue("x")); err != nil || string(b) != `"x"` {
		t.Errorf("a plain value: got %s, %v", b, err)
	}
}
