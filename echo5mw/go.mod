module github.com/rzauth/rememberizer-go/echo5mw

go 1.26.0

require github.com/rzauth/rememberizer-go v0.0.0-00010101000000-000000000000

require (
	github.com/labstack/echo/v5 v5.4.4
	golang.org/x/oauth2 v0.38.0 // indirect
)

replace github.com/rzauth/rememberizer-go => ../
