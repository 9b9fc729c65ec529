#!/usr/bin/env python3
"""Helpers for bench/run.sh (standard library only).

  bench.py run --tool T --out V.tsv --files-from LIST --timeout S [--chunk N] -- CMD...
      Runs a peer validator over every file in LIST (paths relative to the
      current directory) and writes one verdict per file to V.tsv:
      "file<TAB>valid|invalid|trouble<TAB>note". CMD is the tool's command
      without the instance files; how the files are appended and how the
      verdicts are read depends on T (see ADAPTERS). Prints the seconds spent
      in the tool's processes (the sum of their wall times) and the number of
      invocations as "seconds invocations restarts".

  bench.py vpp --json FILE --files-from LIST --out V.tsv
      Turns `vppvalidate -o json DIR` output into verdicts: a file is invalid
      when it has an error-level finding.

  bench.py report --truth truth.tsv --raw DIR
      Prints the Markdown report from the measurements run.sh left in DIR.
"""

import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
import time


# --- running peers -------------------------------------------------------


def run_chunk(cmd, timeout):
    """Runs cmd; returns (rc, stdout, stderr, seconds). rc is None on timeout."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        rc = None
    return rc, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.monotonic() - t0


class Adapter:
    """How one tool is given many files and how its verdicts are read."""
    chunk = 2000       # files per invocation
    per_file = False   # one invocation per file; the exit code is the verdict

    def command(self, base, files):
        return base + files

    def parse(self, files, rc, out, err):
        """Returns {file: (verdict, note)} for the files the run got to."""
        raise NotImplementedError


class PerFile(Adapter):
    # jv from jsonschema v5 stops at the first invalid file and names no file
    # in a schema error, so it is run once per file.
    per_file = True
    chunk = 1

    def parse(self, files, rc, out, err):
        if rc == 0:
            return {files[0]: ("valid", "")}
        if rc == 1:
            first = (err.strip().splitlines() or [""])[0]
            note = "parse error" if "invalid json" in first else ""
            return {files[0]: ("invalid", note)}
        return {files[0]: ("trouble", "exit %s" % rc)}


class JV6(Adapter):
    # jv from jsonschema v6: "instance F: ok" / "instance F: failed" per file.
    line = re.compile(r"^instance (.*): (ok|failed)$")

    def parse(self, files, rc, out, err):
        got = {}
        for ln in out.splitlines():
            m = self.line.match(ln)
            if m:
                got[m.group(1)] = ("valid" if m.group(2) == "ok" else "invalid", "")
        return got


class Ajv(Adapter):
    # ajv-cli: "F valid" on stdout, "F invalid" on stderr; a file that is not
    # JSON ends the whole run (exit 2) at that file.
    def command(self, base, files):
        cmd = list(base)
        for f in files:
            cmd += ["-d", f]
        return cmd

    def parse(self, files, rc, out, err):
        got = {}
        names = set(files)
        for ln in (out + "\n" + err).splitlines():
            for word, verdict in ((" valid", "valid"), (" invalid", "invalid")):
                if ln.endswith(word) and ln[: -len(word)] in names:
                    got[ln[: -len(word)]] = (verdict, "")
        return got


class PyJsonschema(Adapter):
    # python3 -m jsonschema -o pretty: "===[SUCCESS]===(F)===" on stdout,
    # "===[ErrorType]===(F)===" on stderr. A file that is not UTF-8 raises
    # UnicodeDecodeError, which ends the whole run at that file.
    line = re.compile(r"^===\[(\w+)\]===\((.*)\)===$")

    def command(self, base, files):
        cmd = list(base)
        for f in files:
            cmd += ["-i", f]
        return cmd

    def parse(self, files, rc, out, err):
        got = {}
        for ln in (out + "\n" + err).splitlines():
            m = self.line.match(ln)
            if m:
                kind, f = m.groups()
                if kind == "SUCCESS":
                    got.setdefault(f, ("valid", ""))
                else:
                    note = "parse error" if kind == "JSONDecodeError" else ""
                    got[f] = ("invalid", note)
        return got


ADAPTERS = {"jv5": PerFile, "jv6": JV6, "ajv": Ajv, "pyjsonschema": PyJsonschema}


def cmd_run(a):
    adapter = ADAPTERS[a.tool]()
    chunk = 1 if adapter.per_file else (a.chunk or adapter.chunk)
    with open(a.files_from) as f:
        files = [ln.rstrip("\n") for ln in f if ln.strip()]
    verdicts = {}
    seconds = 0.0
    invocations = restarts = 0
    barren = 0  # invocations in a row that gave no verdict at all
    deadline = time.monotonic() + a.timeout
    i = 0
    while i < len(files):
        left = deadline - time.monotonic()
        if left <= 0:
            for f in files[i:]:
                verdicts[f] = ("trouble", "not run: time limit")
            break
        batch = files[i:i + chunk]
        rc, out, err, secs = run_chunk(adapter.command(a.cmd, batch), left)
        seconds += secs
        invocations += 1
        got = adapter.parse(batch, rc, out, err)
        barren = 0 if got or adapter.per_file else barren + 1
        if barren >= 20:
            # Not a file it rejects but a tool that fails on anything
            # (a schema it cannot compile, a missing module): stop.
            msg = (err.strip().splitlines() or ["?"])[-1][:120]
            for f in files[i:]:
                verdicts[f] = ("trouble", "the tool gives no verdicts: " + msg)
            break
        if rc is None:
            for f in batch:
                verdicts[f] = got.get(f, ("trouble", "time limit"))
            i += len(batch)
            continue
        # The tool works through the files in order; where it stopped without
        # a verdict, that file ended the run: it was rejected (a crash or a
        # parse error that ends the run is still a "no" for that file), and
        # the files after it are run again.
        done = 0
        for f in batch:
            if f not in got:
                break
            verdicts[f] = got[f]
            done += 1
        if done < len(batch):
            if rc == 0:
                for f in batch[done:]:
                    verdicts[f] = ("trouble", "no verdict, exit 0")
                i += len(batch)
                continue
            last = (err.strip().splitlines() or ["?"])[-1][:120]
            verdicts[batch[done]] = ("invalid", "ended the run: " + last)
            done += 1
            if done < len(batch):
                restarts += 1
        i += done
    with open(a.out, "w") as f:
        for name in files:
            v, note = verdicts.get(name, ("trouble", "no verdict"))
            f.write("%s\t%s\t%s\n" % (name, v, note.replace("\t", " ").replace("\n", " ")))
    print("%.3f %d %d" % (seconds, invocations, restarts))


def cmd_vpp(a):
    with open(a.json, encoding="utf-8") as f:
        d = json.load(f)
    errors = collections.defaultdict(list)
    for fi in d["findings"]:
        if fi["severity"] == "error":
            errors[fi["file"]].append(fi["rule"])
    prefix = a.strip_prefix
    with open(a.files_from) as f:
        files = [ln.rstrip("\n") for ln in f if ln.strip()]
    with open(a.out, "w") as out:
        for name in files:
            rules = errors.get(name) or errors.get(prefix + name) or errors.get(name.replace(prefix, "", 1))
            if rules:
                out.write("%s\tinvalid\t%s\n" % (name, ",".join(sorted(set(rules)))))
            else:
                out.write("%s\tvalid\t\n" % name)


# --- report --------------------------------------------------------------


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for ln in f:
            rows.append(ln.rstrip("\n").split("\t"))
    return rows


def fmt_secs(s):
    if s is None:
        return "n/a"
    if s < 0.1:
        return "%.1f ms" % (s * 1000)
    if s < 1:
        return "%.0f ms" % (s * 1000)
    if s < 100:
        return "%.2f s" % s
    return "%.0f s" % s


def fmt_mib(kb):
    return "%.0f MiB" % (kb / 1024.0) if kb >= 10 * 1024 else "%.1f MiB" % (kb / 1024.0)


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return None if n == 0 else xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def floor_report(w, path, corpus):
    """Findings at full speed and the read floor: medians of floor.tsv,
    and the ratios issue 11 sets targets for."""
    if not os.path.exists(path):
        return
    rows = [r for r in read_tsv(path) if len(r) >= 4 and r[2]]
    if not rows:
        return
    med = {}
    for key, tool in {(r[0], r[1]) for r in rows}:
        med[(key, tool)] = median([float(r[2]) for r in rows if r[0] == key and r[1] == tool])
    runs = max(sum(1 for r in rows if (r[0], r[1]) == k) for k in med)
    w("\n### Findings at full speed, and the read floor\n\n")
    w("Medians of %d run(s), the tools taking turns.\n\n" % runs)
    w("| measure | seconds | ratio | target |\n|---|---:|---:|---|\n")
    # The kinds of finding, in the order bench/run.sh lists them.
    kinds_path = os.path.join(os.path.dirname(path), "kinds.tsv")
    # Each kind is made from a base file (collection.json, tokens.json)
    # and compared with that file's clean run.
    kinds = [r for r in read_tsv(kinds_path) if len(r) >= 5] if os.path.exists(kinds_path) else []
    size = {}
    for name in ["collection.json", "tokens.json"] + [k[1] for k in kinds]:
        p = os.path.join(corpus, name)
        if os.path.exists(p):
            size[name] = os.path.getsize(p) / 1e6
    shown = set()
    for key, name, what, base, clean_key in kinds:
        clean = med.get((clean_key, "vppvalidate"))
        if clean and base not in shown:
            shown.add(base)
            w("| vppvalidate -j 1, %s (clean), %.0f MB | %s | | |\n" % (base, size.get(base, 0), fmt_secs(clean)))
        found, ajv = med.get((key, "vppvalidate")), med.get((key, "ajv"))
        if clean and found:
            w("| vppvalidate -j 1, %s (%s) | %s | %.2f of the clean MB/s | at least 0.5 |\n"
              % (name, what, fmt_secs(found), (size.get(name, 1) / found) / (size.get(base, 1) / clean)))
        if ajv and found:
            w("| ajv-cli, %s | %s | vppvalidate %.2f times as fast | at least 2 |\n" % (name, fmt_secs(ajv), ajv / found))
        default = med.get((key, "vppvalidate-default"))
        if ajv and default:
            w("| vppvalidate at the default -j (%d cores), %s | %s | %.2f times ajv-cli's speed | |\n"
              % (os.cpu_count() or 1, name, fmt_secs(default), ajv / default))
    cat, many = med.get(("many", "cat")), med.get(("many", "vppvalidate"))
    if cat and many:
        w("| cat of every small file | %s | | |\n" % fmt_secs(cat))
        w("| vppvalidate on every small file (default -j) | %s | %.2f times cat | at most 1.3 |\n" % (fmt_secs(many), many / cat))


def cores_report(w, path):
    """One file on every core: the medians of each -j, their ratios to
    -j 1 (how many times faster), peak RSS, and whether every -j printed the
    same bytes."""
    if not os.path.exists(path):
        return
    rows = [r for r in read_tsv(path) if len(r) >= 8]
    if not rows:
        return
    labels = {"collection": "collection.json", "oneline": "collection.json on one line, as Graph sends it",
              "lines": "collection.jsonl (JSON Lines)", "rss": "collection for the RSS check"}
    keys = []
    for r in rows:
        if r[0] not in keys:
            keys.append(r[0])
    jobs = sorted({int(r[2]) for r in rows})
    w("\n### One file on every core\n\n")
    w("vppvalidate -o json -j N on one file; the median of %s run(s) of each -j, the -j values taking turns. "
      "Speed-up is the -j 1 time over the -j N time; peak RSS is the largest of the runs.\n\n"
      % max(int(r[3]) for r in rows))
    w("| input | %s | %s | peak RSS at -j %s | same output at every -j |\n"
      % (" | ".join("-j %d" % j for j in jobs), " | ".join("speed-up -j %d" % j for j in jobs if j != 1),
         ", ".join(str(j) for j in jobs)))
    w("|---|%s---|---|\n" % ("---:|" * (2 * len(jobs) - 1)))
    for k in keys:
        mine = [r for r in rows if r[0] == k]
        size = int(mine[0][1])
        secs, rss, ok = {}, {}, True
        for j in jobs:
            runs = [r for r in mine if int(r[2]) == j]
            good = [float(r[4]) for r in runs if r[6] in ("0", "1") and r[4]]
            secs[j] = median(good)
            kbs = [int(r[5]) for r in runs if r[5]]
            rss[j] = max(kbs) if kbs else None
            ok = ok and len(good) == len(runs)
        same = len({r[7] for r in mine}) == 1 and ok
        cells = [fmt_secs(secs[j]) if secs[j] else "failed" for j in jobs]
        ratios = []
        for j in jobs:
            if j == 1:
                continue
            ratios.append("%.2fx" % (secs[1] / secs[j]) if secs.get(1) and secs[j] else "n/a")
        w("| %s, %.0f MB | %s | %s | %s | %s |\n" % (
            labels.get(k, k), size / 1e6, " | ".join(cells), " | ".join(ratios),
            " / ".join(fmt_mib(rss[j]) if rss[j] else "n/a" for j in jobs), "yes" if same else "**NO**"))
    blocks = os.path.join(os.path.dirname(path), "blocks.tsv")
    if os.path.exists(blocks):
        checked = [r for r in read_tsv(blocks) if len(r) >= 3]
        if checked:
            w("\nFrom 4 workers on, the walker cuts arrays in blocks scanned at once; -j 16 on 16 threads "
              "(GOMAXPROCS=16, untimed) printed the same bytes as -j 1: %s.\n"
              % ", ".join("%s %s" % (labels.get(r[0], r[0]), "yes" if r[1] == r[2] else "**NO**") for r in checked))


def cmd_report(a):
    raw = a.raw
    truth = {r[0]: r[1:] for r in read_tsv(a.truth)[1:]}
    small = [f for f in truth if f.startswith("files/")]
    n_files = len(small)
    kinds = collections.Counter(truth[f][1] for f in small if truth[f][0] == "invalid")
    tools = [r for r in read_tsv(os.path.join(raw, "tools.tsv")) if r and r[0]]
    metrics = collections.defaultdict(dict)
    if os.path.exists(os.path.join(raw, "metrics.tsv")):
        for r in read_tsv(os.path.join(raw, "metrics.tsv")):
            if len(r) >= 3:
                metrics[r[0]][r[1]] = r[2]
    big = [f for f in truth if not f.startswith("files/")]
    coll_mb = None
    if "collection.json" in truth and os.path.exists(os.path.join(a.corpus, "collection.json")):
        coll_mb = os.path.getsize(os.path.join(a.corpus, "collection.json")) / 1e6

    def m(tool, key):
        v = metrics[tool].get(key)
        return None if v in (None, "", "n/a") else v

    verdicts = {}
    for t in tools:
        p = os.path.join(raw, "verdicts-%s.tsv" % t[0])
        if os.path.exists(p):
            verdicts[t[0]] = {r[0]: (r[1], r[2] if len(r) > 2 else "") for r in read_tsv(p)}

    w = sys.stdout.write
    coll_label = "%s MB collection" % ("%g" % round(coll_mb)) if coll_mb else "collection"
    w("| tool | start-up + 1 file | %s files | %s | MB/s | peak RSS on %s | wrong verdicts |\n"
      % ("{:,}".format(n_files), coll_label, coll_label.replace(" collection", "")))
    w("|---|---:|---:|---:|---:|---:|---|\n")
    for t in tools:
        name, label = t[0], t[1]
        if len(t) > 3 and t[3] == "skipped":
            w("| %s | skipped | | | | | %s |\n" % (label, t[4] if len(t) > 4 else ""))
            continue
        startup = m(name, "startup_median")
        many = m(name, "many_seconds")
        many_note = m(name, "many_note")
        cs = m(name, "collection_seconds")
        crc = m(name, "collection_rc")
        rss = m(name, "collection_rss_kb")
        cell_many = fmt_secs(float(many)) if many else "n/a"
        inv, restarts = m(name, "many_invocations"), m(name, "many_restarts")
        if many and inv and name != "vppvalidate":
            inv, restarts = int(inv), int(restarts or 0)
            cell_many += " ({:,} invocation{}".format(inv, "" if inv == 1 else "s")
            if restarts:
                cell_many += ", {:,} of them restarts after a file that ended the run".format(restarts)
            cell_many += ")"
        if many_note:
            cell_many += " " + many_note
        if cs and crc == "124":
            cell_c, mbps = "timed out (%s)" % fmt_secs(float(cs)), "n/a"
        elif cs:
            cell_c = fmt_secs(float(cs))
            mbps = "%.1f" % (coll_mb / float(cs)) if coll_mb and float(cs) > 0 else "n/a"
            if crc not in ("0", None):
                cell_c += " (exit %s)" % crc
        else:
            cell_c, mbps = "n/a", "n/a"
        cell_rss = fmt_mib(float(rss)) if rss else "n/a"
        v = verdicts.get(name)
        if v is None:
            cell_v = "n/a"
        else:
            miss = sum(1 for f in small if truth[f][0] == "invalid" and v.get(f, ("trouble",))[0] == "valid")
            fa = sum(1 for f in small if truth[f][0] == "valid" and v.get(f, ("trouble",))[0] == "invalid")
            tr = sum(1 for f in small if v.get(f, ("trouble",))[0] == "trouble")
            n_inv = sum(kinds.values())
            cell_v = "{:,} of {:,}: {:,} missed (of {:,} invalid), {:,} false alarms".format(miss + fa, n_files, miss, n_inv, fa)
            if tr:
                cell_v += ", %d no verdict" % tr
        w("| %s | %s | %s | %s | %s | %s | %s |\n" % (
            label, fmt_secs(float(startup)) if startup else "n/a", cell_many, cell_c, mbps, cell_rss, cell_v))

    live = [t for t in tools if t[0] in verdicts]
    if live:
        w("\n### Invalid files called valid, by defect kind\n\n")
        w("Each cell: how many files of that kind the tool called valid (0: it caught them all). "
          "\"n ended the run\" counts files caught only because the tool stopped on them "
          "(a parse error or crash that ended a multi-file run).\n\n")
        w("| defect kind | files | " + " | ".join(t[1] for t in live) + " |\n")
        w("|---|---:|" + "---:|" * len(live) + "\n")
        for k in sorted(kinds):
            fs = [f for f in small if truth[f][1] == k]
            cells = []
            for t in live:
                v = verdicts[t[0]]
                missed = sum(1 for f in fs if v.get(f, ("trouble",))[0] == "valid")
                trouble = sum(1 for f in fs if v.get(f, ("trouble",))[0] == "trouble")
                c = "**%d**" % missed if missed else "0"
                ended = sum(1 for f in fs if v.get(f, ("", ""))[1].startswith("ended the run"))
                if ended:
                    c += " (%d ended the run)" % ended
                if trouble:
                    c += " (+%d no verdict)" % trouble
                cells.append(c)
            w("| %s | %d | %s |\n" % (k, len(fs), " | ".join(cells)))

        # False alarms, by the variations the valid files exercise.
        valid = [f for f in small if truth[f][0] == "valid"]
        tags = collections.Counter()
        for f in valid:
            for tg in truth[f][2].split(","):
                tags[tg] += 1
        fa_by = {t[0]: collections.Counter() for t in live}
        fa_total = collections.Counter()
        for t in live:
            v = verdicts[t[0]]
            for f in valid:
                if v.get(f, ("trouble",))[0] == "invalid":
                    fa_total[t[0]] += 1
                    for tg in truth[f][2].split(","):
                        fa_by[t[0]][tg] += 1
        w("\n### Valid files called invalid, by what the file contains\n\n")
        if not any(fa_total.values()):
            w("None: no tool rejected a valid file.\n")
        else:
            w("A valid file usually combines several variations, so a row counts every rejected file that has it; "
              "the variation that all of a tool's rejected files share is the likely cause.\n\n")
            w("| variation in the valid file | files | " + " | ".join(t[1] for t in live) + " |\n")
            w("|---|---:|" + "---:|" * len(live) + "\n")
            for tg in sorted(tags):
                if not any(fa_by[t[0]][tg] for t in live):
                    continue
                w("| %s | %d | %s |\n" % (tg, tags[tg], " | ".join(
                    ("**%d**" % fa_by[t[0]][tg]) if fa_by[t[0]][tg] else "0" for t in live)))
            w("| (all rejected valid files) | %d | %s |\n" % (len(valid), " | ".join(str(fa_total[t[0]]) for t in live)))

    cores_report(w, os.path.join(raw, "cores.tsv"))
    floor_report(w, os.path.join(raw, "floor.tsv"), a.corpus)

    if big:
        w("\n### The big collections\n\n")
        w("| tool | %s |\n|---|%s\n" % (" | ".join("%s (%s)" % (b, truth[b][0]) for b in big), "---|" * len(big)))
        for t in tools:
            if len(t) > 3 and t[3] == "skipped":
                continue
            cells = []
            for b in big:
                key = "collection" if b == "collection.json" else "collection_invalid"
                rc = m(t[0], key + "_rc")
                secs = m(t[0], key + "_seconds")
                if rc is None:
                    cells.append("not run")
                    continue
                if rc == "124":
                    verdict = "timed out"
                elif rc == "0":
                    verdict = "valid"
                elif rc == "1":
                    verdict = "invalid"
                else:
                    verdict = "exit %s" % rc
                right = {"valid": "valid", "invalid": "invalid"}.get(truth[b][0])
                mark = "right" if verdict == right else "WRONG" if verdict in ("valid", "invalid") else "no verdict"
                cells.append("%s, %s (%s)" % (verdict, mark, fmt_secs(float(secs)) if secs else "?"))
            w("| %s | %s |\n" % (t[1], " | ".join(cells)))
        for b in big:
            if truth[b][0] == "invalid":
                w("\n%s: %s\n" % (b, truth[b][2]))

    w("\n### Tools and invocations\n\n")
    for t in tools:
        skipped = len(t) > 3 and t[3] == "skipped"
        w("- **%s**%s: %s\n" % (t[1], " (skipped)" if skipped else "", t[2] or "not installed"))
        if len(t) > 4 and t[4]:
            w("  %s\n" % t[4])
        many_how = m(t[0], "many_how")
        if many_how:
            w("  %s files: %s\n" % ("{:,}".format(n_files), many_how))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="sub", required=True)
    r = sub.add_parser("run")
    r.add_argument("--tool", required=True, choices=sorted(ADAPTERS))
    r.add_argument("--out", required=True)
    r.add_argument("--files-from", required=True)
    r.add_argument("--timeout", type=float, default=3600)
    r.add_argument("--chunk", type=int, default=0)
    r.add_argument("cmd", nargs=argparse.REMAINDER)
    v = sub.add_parser("vpp")
    v.add_argument("--json", required=True)
    v.add_argument("--files-from", required=True)
    v.add_argument("--out", required=True)
    v.add_argument("--strip-prefix", default="")
    rp = sub.add_parser("report")
    rp.add_argument("--truth", required=True)
    rp.add_argument("--raw", required=True)
    rp.add_argument("--corpus", required=True)
    a = p.parse_args()
    if a.sub == "run":
        if a.cmd and a.cmd[0] == "--":
            a.cmd = a.cmd[1:]
        if not a.cmd:
            p.error("run: give the tool's command after --")
        cmd_run(a)
    elif a.sub == "vpp":
        cmd_vpp(a)
    else:
        cmd_report(a)


if __name__ == "__main__":
    main()
