package demopages

import "testing"

func TestSourceName(t *testing.T) {
	t.Parallel()
	for kind, want := range map[string]string{"google_drive": "Google Drive", "slack": "Slack", "gmail": "Gmail", "memory": "Memory", "": "Rememberizer", "notion": "notion"} {
		if got := sourceName(kind); got != want {
			t.Errorf("sourceName(%q): got %q, want %q", kind, got, want)
		}
	}
}
