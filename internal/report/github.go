package report

import (
	"bufio"
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

// ghFileProperty writes a path as the file property of a command, for
// the runner to give back whole: GitHub places an annotation by its
// path, so a CR or LF in it is written as the runner's own escape (%0D,
// %0A), never as the \r or \n that Printable writes, which would name
// another file. Other characters Printable escapes have no escape the
// runner undoes; they stay Printable's, so that no control character
// reaches a terminal.
func ghFileProperty(path string) string {
	var b strings.Builder
	for {
		i := strings.IndexAny(path, "\r\n")
		if i < 0 {
			b.WriteString(ghPropertyEscaper.Replace(Printable(path)))
			return b.String()
		}
		b.WriteString(ghPropertyEscaper.Replace(Printable(path[:i])))
		b.WriteString(ghPropertyEscaper.Replace(path[i : i+1]))
		path = path[i+1:]
	}
}

// GitHub writes one GitHub Actions workflow command per finding,
//
//	::error file=PATH,line=L,col=C,title=vppvalidate RULE::PATH:L:C: MESSAGE (POINTER)
//
// with ::warning for warnings and ::notice for infos, so that the findings
// show as annotations on the workflow run and the pull request, then one
// ::error per input that could not be read, then the summary as a plain
// line. The runner prints each command's message in the step's log, so
// the message repeats the location: the log alone reads like the text
// report, and one step gives both annotations and a readable log.
//
// Values are escaped as the runner expects: "%", CR and LF in the message,
// and also ":" and "," in properties. Before that, text from the input goes
// through Printable, so that no finding spans two lines and no control
// character reaches the log; the file property keeps a CR or LF of the
// path, escaped for the runner, so that it names the file (ghFileProperty). Paths are written as given, with forward
// slashes: GitHub places an annotation by its path in the repository, which
// is what the finding's path is when vppvalidate runs at the top of a
// checkout, as CI jobs do.
//
// A finding from standard input has no file to annotate: it gets no file,
// line or col, and its message starts with "stdin:L:C: ".
//
// GitHub shows at most 10 annotations of each kind per step; when there
// are more, a plain line after the summary says that the log lists them
// all.
func GitHub(w io.Writer, r *Report) error {
	return writeAll(newGitHub(w, r), r)
}

// githubWriter is the github format as a Writer: each finding is a
// command as it comes, written piece by piece (the escapes are of single
// characters, so escaping the pieces escapes the whole).
type githubWriter struct {
	w       *bufio.Writer
	r       *Report
	title   string
	perKind map[string]int
	num     [20]byte
	// The last file's path as the message and the file property show it,
	// and each rule's title property: a run writes the same ones over and
	// over.
	file, fileText, fileProp string
	titles                   map[string]string
}

func newGitHub(w io.Writer, r *Report) *githubWriter {
	return &githubWriter{w: bufio.NewWriterSize(w, 64<<10), r: r, title: toolName(r) + " ",
		perKind: make(map[string]int), titles: make(map[string]string)}
}

func (g *githubWriter) Finding(f finding.Finding) error {
	w := g.w
	cmd := githubCommand(f.Severity)
	g.perKind[cmd]++
	w.WriteString("::")
	w.WriteString(cmd)
	w.WriteByte(' ')
	file := "stdin"
	if f.File != "-" {
		if f.File != g.file || g.fileText == "" {
			g.file, g.fileText = f.File, Printable(filepath.ToSlash(f.File))
			g.fileProp = ghFileProperty(filepath.ToSlash(f.File))
		}
		file = g.fileText
		w.WriteString("file=")
		w.WriteString(g.fileProp)
		w.WriteByte(',')
		if f.Line >= 1 {
			w.WriteString("line=")
			w.Write(strconv.AppendInt(g.num[:0], int64(f.Line), 10))
			w.WriteByte(',')
			if f.Column >= 1 {
				w.WriteString("col=")
				w.Write(strconv.AppendInt(g.num[:0], int64(f.Column), 10))
				w.WriteByte(',')
			}
		}
	}
	title, ok := g.titles[f.Rule]
	if !ok {
		title = ghPropertyEscaper.Replace(g.title + Printable(f.Rule))
		g.titles[f.Rule] = title
	}
	w.WriteString("title=")
	w.WriteString(title)
	w.WriteString("::")
	ghDataEscaper.WriteString(w, file)
	if f.Line >= 1 {
		w.WriteByte(':')
		w.Write(strconv.AppendInt(g.num[:0], int64(f.Line), 10))
		if f.Column >= 1 {
			w.WriteByte(':')
			w.Write(strconv.AppendInt(g.num[:0], int64(f.Column), 10))
		}
	}
	w.WriteString(": ")
	ghDataEscaper.WriteString(w, Printable(f.Message))
	w.WriteString(" (")
	ghDataEscaper.WriteString(w, pointerText(f.Pointer))
	_, err := w.WriteString(")\n")
	return err
}

func (g *githubWriter) End() error {
	for _, u := range g.r.Unreadable {
		file := Printable(filepath.ToSlash(displayFile(u.File)))
		props := "title=" + ghPropertyEscaper.Replace(g.title+"cannot read")
		if u.File != "-" {
			props = "file=" + ghFileProperty(filepath.ToSlash(displayFile(u.File))) + "," + props
		}
		g.perKind["error"]++
		fmt.Fprintf(g.w, "::error %s::%s\n", props, ghDataEscaper.Replace("cannot read "+file+": "+Printable(u.Reason)))
	}
	g.w.WriteString(ghDataEscaper.Replace(summaryLine(g.r.Summary)))
	g.w.WriteByte('\n')
	if g.perKind["error"] > githubAnnotationsShown || g.perKind["warning"] > githubAnnotationsShown || g.perKind["notice"] > githubAnnotationsShown {
		fmt.Fprintf(g.w, "GitHub shows %d annotations of each kind per step; every finding is listed in this log.\n", githubAnnotationsShown)
	}
	return g.w.Flush()
}

// githubAnnotationsShown is how many error, warning and notice annotations
// GitHub Actions shows per step (actions/toolkit, docs/problem-matchers.md).
const githubAnnotationsShown = 10

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
