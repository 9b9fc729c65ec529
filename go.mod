module github.com/vppvalidate/vppvalidate

go 1.25

require github.com/santhosh-tekuri/jsonschema/v5 v5.3.1

require github.com/spf13/pflag v1.0.10

require go.yaml.in/yaml/v3 v3.0.4

require golang.org/x/term v0.40.0

require (
	go.yaml.in/yaml/v4 v4.0.0 // indirect
	gopkg.in/dnaeon/go-vcr.v4 v4.0.8
)

require (
	github.com/rogpeppe/go-internal v1.16.0
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/tools v0.26.0 // indirect
)
