#compdef vppvalidate
# zsh completion for vppvalidate. Enable it for this shell, after
# compinit, with
#
#     source <(vppvalidate --completion zsh)
#
# or for every shell by saving it as _vppvalidate in a directory of
# $fpath (before compinit runs in ~/.zshrc):
#
#     vppvalidate --completion zsh > "${fpath[1]}/_vppvalidate"
#
# The script holds no flag or value: on each TAB it asks the command,
# "vppvalidate __complete WORD...", with the words up to the cursor, and
# offers what comes back. The answer's first line says how to use it:
# ":words" (words to offer), ":nospace" (the same, but the word goes on,
# so no space after it) or ":files PREFIX" (file names as well, in the
# word after PREFIX). Each other line is a word, maybe followed by a tab
# and a description.

_vppvalidate() {
    local cmd=${(Q)words[1]}
    [[ $cmd == "~/"* ]] && cmd=$HOME/${cmd#"~/"}
    local -a lines cands
    local out header prefix line word
    out=$("$cmd" __complete "${(@Q)words[2,CURRENT-1]}" "${(Q)PREFIX}" 2>/dev/null) || return 1
    lines=("${(@f)out}")
    header=${lines[1]}
    for line in "${(@)lines[2,-1]}"; do
        word=${line%%$'\t'*}
        word=${word//:/\\:}
        if [[ $line == *$'\t'* ]]; then
            cands+=("$word:${line#*$'\t'}")
        else
            cands+=("$word")
        fi
    done
    case $header in
    (:nospace)
        _describe -t values vppvalidate cands -S ''
        ;;
    (:files*)
        prefix=${${header#:files}# }
        (( $#cands )) && _describe -t values vppvalidate cands
        compset -P "${(b)prefix}"
        _files
        ;;
    (:words)
        _describe -t values vppvalidate cands
        ;;
    (*)
        return 1 # not an answer: a binary older than this script
        ;;
    esac
}

if [[ $funcstack[1] == _vppvalidate ]]; then
    # Loaded from $fpath: this file is the function's body.
    _vppvalidate "$@"
else
    compdef _vppvalidate vppvalidate
fi
