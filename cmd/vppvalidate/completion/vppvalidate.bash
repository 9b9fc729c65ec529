# bash completion for vppvalidate. Enable it for this shell with
#
#     source <(vppvalidate --completion bash)
#
# or for every shell by adding that line to ~/.bashrc.
#
# The script holds no flag or value: on each TAB it asks the command,
# "vppvalidate __complete WORD...", with the words up to the cursor, and
# offers what comes back. The answer's first line says how to use it:
# ":words" (words to offer), ":nospace" (the same, but the word goes on,
# so no space after it) or ":files PREFIX" (file names as well, in the
# word after PREFIX). Each other line is a word, maybe followed by a tab
# and a description, which bash does not show.

_vppvalidate() {
    local line=${COMP_LINE:0:COMP_POINT}
    local breaks=${COMP_WORDBREAKS//[[:space:]]/}
    local -a words=()
    local i j n w rest trimmed pos=0

    # Bash cuts words at the characters of COMP_WORDBREAKS, so that
    # "-o sarif=out.sarif" reaches us as "-o" "sarif" "=" "out.sarif". Put
    # the pieces that touch in the line back together, so the command
    # sees the words it will be given; the word under the cursor ends at
    # the cursor.
    for ((i = 0; i <= COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        rest=${line:pos}
        trimmed=${rest#"${rest%%[![:space:]]*}"}
        if ((${#w} > ${#trimmed})); then
            w=$trimmed
        fi
        n=${#words[@]}
        if ((n > 0 && ${#rest} == ${#trimmed})); then
            words[n - 1]+=$w
        else
            words[n]=$w
        fi
        pos=$((pos + ${#rest} - ${#trimmed} + ${#w}))
    done
    local cur=${words[${#words[@]} - 1]}

    local cmd=${words[0]}
    if [[ $cmd == "~/"* ]]; then
        cmd=$HOME/${cmd#"~/"}
    fi
    local out
    out=$("$cmd" __complete "${words[@]:1}" 2>/dev/null) || return 0

    local header="" l
    COMPREPLY=()
    while IFS= read -r l; do
        if [[ -z $header ]]; then
            header=$l
        else
            COMPREPLY+=("${l%%$'\t'*}")
        fi
    done <<<"$out"

    case $header in
    :nospace)
        compopt -o nospace 2>/dev/null
        ;;
    ":files "*)
        local prefix=${header#":files "} file name
        file=${cur#"$prefix"}
        # Readline dequotes a file name itself; compgen needs it plain.
        case $file in
        \'* | \"*) file=${file:1} ;;
        esac
        file=${file//\\/}
        while IFS= read -r name; do
            COMPREPLY+=("$prefix$name")
        done < <(compgen -f -- "$file")
        compopt -o filenames 2>/dev/null
        ;;
    :words) ;;
    *)
        COMPREPLY=() # not an answer: a binary older than this script
        return 0
        ;;
    esac

    # Readline replaces only the text after the last break character of
    # the word ("error" in "enum=error"), so the words lose what comes
    # before it.
    local keep=""
    for ((j = ${#cur} - 1; j >= 0; j--)); do
        if [[ $breaks == *"${cur:j:1}"* ]]; then
            keep=${cur:0:j+1}
            break
        fi
    done
    if [[ -n $keep ]]; then
        for i in "${!COMPREPLY[@]}"; do
            COMPREPLY[i]=${COMPREPLY[i]#"$keep"}
        done
    fi
    return 0
}

complete -F _vppvalidate vppvalidate
