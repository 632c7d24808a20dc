module github.com/rzauth/rememberizer-go/sessionstore

go 1.26.0

require (
	github.com/gorilla/securecookie v1.1.2
	github.com/gorilla/sessions v1.4.0
	github.com/rzauth/rememberizer-go v0.0.0-00010101000000-000000000000
)

require golang.org/x/oauth2 v0.38.0 // indirect

replace github.com/rzauth/rememberizer-go => ../
