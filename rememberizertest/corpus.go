package rememberizertest

import (
	"fmt"
	"strings"
	"time"
)

// Integration types of the documents in the fake's corpus.
const (
	IntegrationGoogleDrive = "google_drive"
	IntegrationSlack       = "slack"
	IntegrationGmail       = "gmail"
	// IntegrationMemory is the integration type of notes stored through
	// the memorize endpoint.
	IntegrationMemory = "memory"
	// IntegrationUpload is the integration type of files uploaded through
	// the upload endpoints.
	IntegrationUpload = "upload"
)

// Document is a document in a user's knowledge, served by the documents,
// search and contents endpoints.
type Document struct {
	// ID is the document's numeric id, unique within the server.
	ID int
	// Name is the document's title.
	Name string
	// IntegrationType is where it comes from: [IntegrationGoogleDrive],
	// [IntegrationSlack], [IntegrationGmail], [IntegrationMemory] or
	// [IntegrationUpload].
	IntegrationType string
	// Chunks are the document's text, in the pieces search matches and
	// the contents endpoint serves.
	Chunks []string
	// Created is the document's creation time, which search's from and to
	// filter on.
	Created time.Time
	// MementoIDs are the mementos that hold the document.
	MementoIDs []int
}

// DefaultDocuments returns the corpus every user starts with when
// [Config.Documents] is nil: a Drive roadmap, a Slack channel, a Gmail
// thread, a memorized note and a 45-chunk Drive handbook, spread over the
// default mementos.
func DefaultDocuments() []Document {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 9, 0, 0, 0, time.UTC) }
	handbook := make([]string, 45)
	for i := range handbook {
		handbook[i] = fmt.Sprintf("Handbook section %d of 45: how the team works, part %d.", i+1, i+1)
	}
	return []Document{
		{ID: 101, Name: "Product roadmap 2026", IntegrationType: IntegrationGoogleDrive, Created: day(5), MementoIDs: []int{1},
			Chunks: []string{
				"The 2026 roadmap starts with search in the mobile app and offline notes.",
				"In the second quarter the roadmap adds shared mementos for teams.",
				"Launch of the public API is planned for the third quarter of the roadmap.",
			}},
		{ID: 102, Name: "#design", IntegrationType: IntegrationSlack, Created: day(8), MementoIDs: []int{2},
			Chunks: []string{
				"Grace: the design review for the new dashboard is on Thursday.",
				"Ada: I pushed the colour palette and the typography to the design file.",
			}},
		{ID: 103, Name: "Re: Launch plan", IntegrationType: IntegrationGmail, Created: day(12), MementoIDs: []int{3},
			Chunks: []string{
				"The launch plan moves the press release to the week after the beta.",
				"Please confirm the launch budget before Friday.",
			}},
		{ID: 104, Name: "Meeting notes: retrieval research", IntegrationType: IntegrationMemory, Created: day(15), MementoIDs: []int{1},
			Chunks: []string{
				"Retrieval research: chunk size of 400 words gives the best recall in our tests.",
			}},
		{ID: 105, Name: "Team handbook", IntegrationType: IntegrationGoogleDrive, Created: day(2), Chunks: handbook},
	}
}

// integrationInfo is how each integration type shows in answers.
var integrationInfo = map[string]struct {
	id     int
	name   string
	source string
	kind   string
}{
	IntegrationGoogleDrive: {1, "Google Drive", "drive@example.com", "application/vnd.google-apps.document"},
	IntegrationSlack:       {2, "Slack", "example.slack.com", "slack_channel"},
	IntegrationGmail:       {3, "Gmail", "mail@example.com", "message/rfc822"},
	IntegrationMemory:      {4, "Memory", "rememberizer", "text/plain"},
	IntegrationUpload:      {5, "Uploads", "rememberizer", "application/octet-stream"},
}

// copyDocuments deep-copies docs.
func copyDocuments(docs []Document) []Document {
	out := make([]Document, len(docs))
	for i, d := range docs {
		d.Chunks = append([]string(nil), d.Chunks...)
		d.MementoIDs = append([]int(nil), d.MementoIDs...)
		out[i] = d
	}
	return out
}

// splitChunks cuts a memorized note into chunks of about 60 words.
func splitChunks(content string) []string {
	words := strings.Fields(content)
	var chunks []string
	for len(words) > 0 {
		n := min(len(words), 60)
		chunks = append(chunks, strings.Join(words[:n], " "))
		words = words[n:]
	}
	return chunks
}
