package rememberizertest

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
)

// consentTemplate renders the consent page. html/template escapes every
// value, so app names, states and URLs cannot inject markup.
var consentTemplate = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rememberizer (test server)</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f7fb;color:#1f2328;margin:0;padding:2rem 1rem;line-height:1.45}
main{max-width:34rem;margin:0 auto;background:#fff;border:1px solid #d8dee4;border-radius:14px;padding:1.5rem 2rem;box-shadow:0 2px 10px rgba(31,35,40,.06)}
.banner{background:#fff8db;border:1px solid #e9d38b;border-radius:8px;padding:.6rem .8rem;font-size:.9rem;margin-top:0}
h1{font-size:1.35rem;margin:1rem 0 .5rem}
fieldset{border:1px solid #d8dee4;border-radius:8px;margin:1rem 0;padding:.5rem 1rem .75rem}
legend{font-weight:600;padding:0 .3rem}
label{display:block;margin:.3rem 0}
select{font:inherit;padding:.25rem}
code{background:#f0f2f4;padding:0 .3rem;border-radius:4px;white-space:nowrap}
.url{display:block;overflow-x:auto;padding:.3rem .5rem;margin:.3rem 0}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}
button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border-radius:9px;border:1px solid #d8dee4;background:#fff;color:#1f2328;cursor:pointer}
#approve{background:#5b3df5;border-color:#5b3df5;color:#fff}
</style>
</head>
<body>
<main>
<p class="banner" role="note"><strong>Local test server.</strong> This is a fake of Rememberizer running on this machine for development and tests. No real account or data is involved.</p>
<h1>Authorize {{.AppName}}</h1>
<p><strong>{{.AppName}}</strong> (client id <code>{{.ClientID}}</code>) wants to read the mementos you choose below.</p>
{{- if .Scopes}}
<p>Requested scope:{{range .Scopes}} <code>{{.}}</code>{{end}}</p>
{{- end}}
<form method="post">
{{- range .Hidden}}
<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{- end}}
<fieldset>
<legend>Account</legend>
{{- if .PickUser}}
<label for="user">Sign in as</label>
<select id="user" name="user">
{{- range .Users}}
<option value="{{.ID}}"{{if .Selected}} selected{{end}}>{{.Name}} &lt;{{.Email}}&gt;</option>
{{- end}}
</select>
{{- else}}
{{- range .Users}}
<p>Signed in as <strong>{{.Name}}</strong> ({{.Email}})</p>
<input type="hidden" name="user" value="{{.ID}}">
{{- end}}
{{- end}}
</fieldset>
<fieldset>
<legend>Mementos to share</legend>
{{- range .Mementos}}
<label><input type="checkbox" name="memento" value="{{.ID}}" checked> {{.Name}}</label>
{{- else}}
<p>You have no mementos.</p>
{{- end}}
</fieldset>
<p>You will then be sent back to</p>
<code class="url" id="redirect-uri">{{.RedirectURI}}</code>
<div class="actions">
<button type="submit" id="approve" name="action" value="approve">Approve</button>
<button type="submit" id="deny" name="action" value="deny">Deny</button>
</div>
</form>
</main>
</body>
</html>
`))

// consentData is what the consent page shows.
type consentData struct {
	AppName     string
	ClientID    string
	RedirectURI string
	Scopes      []string
	Hidden      []consentField
	PickUser    bool
	Users       []consentUser
	Mementos    []Memento
}

// consentField is a hidden form field carrying an original parameter.
type consentField struct{ Name, Value string }

// consentUser is an entry of the user picker.
type consentUser struct {
	User
	Selected bool
}

// renderConsent serves the consent page for a validated request, with
// userID preselected.
func (s *Server) renderConsent(w http.ResponseWriter, req authRequest, userID string) {
	data := consentData{
		AppName:     s.cfg.AppName,
		ClientID:    s.cfg.ClientID,
		RedirectURI: req.redirectURI,
		Scopes:      strings.Fields(req.scope),
		PickUser:    len(s.cfg.Users) > 1,
		Mementos:    s.cfg.Mementos,
	}
	for _, f := range []consentField{
		{"client_id", req.clientID},
		{"response_type", req.responseType},
		{"redirect_uri", req.redirectURI},
		{"state", req.state},
		{"scope", req.scope},
		{"code_challenge", req.challenge},
		{"code_challenge_method", req.challengeMethod},
	} {
		if f.Value != "" {
			data.Hidden = append(data.Hidden, f)
		}
	}
	for _, u := range s.cfg.Users {
		if data.PickUser || u.ID == userID {
			data.Users = append(data.Users, consentUser{User: u, Selected: u.ID == userID})
		}
	}
	var buf bytes.Buffer
	if err := consentTemplate.Execute(&buf, data); err != nil {
		http.Error(w, "rememberizertest: rendering the consent page failed", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	// No form-action directive: browsers apply it to the redirect that
	// follows the form's submission, which leaves this origin.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'")
	_, _ = w.Write(buf.Bytes())
}
