# shellcheck shell=bash
# The peer versions the bench pins, sourced by run.sh and cores.sh so that
# both time the same peers. Each can be overridden from the environment.
#
# jv v5: v5.1.1 is the last v5 release with cmd/jv in the module (v5.2.0
# dropped it). jv v6: the jv command is its own module,
# github.com/santhosh-tekuri/jsonschema/cmd/jv; its newest release, v0.7.0,
# is built against the newest v6 library. The Go proxy has no version list
# for that module, so "@latest" cannot be resolved and go install refuses
# it (it looks up deprecations in that list); it is built inside a
# throw-away module instead.
JV5_VERSION=${JV5_VERSION:-v5.1.1}
JV6_CMD_VERSION=${JV6_CMD_VERSION:-v0.7.0}
JV6_LIB_VERSION=${JV6_LIB_VERSION:-v6.0.3}
AJV_CLI_VERSION=${AJV_CLI_VERSION:-5.0.0}
AJV_FORMATS_VERSION=${AJV_FORMATS_VERSION:-3.0.1}
