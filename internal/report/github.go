package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// The escapes the GitHub Actions runner undoes, the same that @actions/core
// writes (escapeData and escapeProperty in packages/core/src/command.ts).
// A property also escapes ":" and ",", which would otherwise end it. A
// Replacer makes a single pass, so the "%" of an escape it has just written
// is never escaped again. Neither is ever modified.
var (
	ghDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// GitHub writes one GitHub Actions workflow command per finding,
//
//	::error file=PATH,line=L,col=C,title=vppvalidate RULE::MESSAGE
//
// with ::warning for warnings and ::notice for infos, so that the findings
// show as annotations on the workflow run and the pull request. Values are
// escaped as the runner expects: "%", CR and LF in the message, and also
// ":" and "," in properties. Paths are written as given, with forward
// slashes: GitHub places an annotation by its path in the repository, which
// is what the finding's path is when vppvalidate runs at the top of a
// checkout, as CI jobs do.
//
// A finding from standard input has no file to annotate: it gets no file,
// line or col, and its message starts with "stdin:L:C: " instead. There is
// no summary line; the workflow log already shows the text report if one
// is wanted.
func GitHub(w io.Writer, r *Report) error {
	var b strings.Builder
	title := toolName(r) + " "
	for _, f := range r.Findings {
		var props []string
		msg := f.Message
		if f.File == "-" {
			msg = fmt.Sprintf("stdin:%d:%d: %s", f.Line, f.Column, msg)
		} else {
			props = append(props, "file="+ghPropertyEscaper.Replace(filepath.ToSlash(f.File)))
			if f.Line >= 1 {
				props = append(props, "line="+strconv.Itoa(f.Line))
				if f.Column >= 1 {
					props = append(props, "col="+strconv.Itoa(f.Column))
				}
			}
		}
		props = append(props, "title="+ghPropertyEscaper.Replace(title+f.Rule))
		fmt.Fprintf(&b, "::%s %s::%s\n", githubCommand(f.Severity), strings.Join(props, ","), ghDataEscaper.Replace(msg))
	}
	for _, u := range r.Unreadable {
		props := "title=" + ghPropertyEscaper.Replace(title+"cannot read")
		if u.File != "-" {
			props = "file=" + ghPropertyEscaper.Replace(filepath.ToSlash(u.File)) + "," + props
		}
		fmt.Fprintf(&b, "::error %s::%s\n", props, ghDataEscaper.Replace("cannot read "+displayFile(u.File)+": "+u.Reason))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubCommand is the annotation command for a severity. Off carries no
// finding; it is a notice if one ever arrives, rather than lost.
func githubCommand(s finding.Severity) string {
	switch {
	case s >= finding.Error:
		return "error"
	case s == finding.Warning:
		return "warning"
	}
	return "notice"
}
