# fish completion for vppvalidate. Enable it for this shell with
#
#     vppvalidate --completion fish | source
#
# or for every shell by saving it where fish looks for completions:
#
#     vppvalidate --completion fish > ~/.config/fish/completions/vppvalidate.fish
#
# The script holds no flag or value: on each TAB it asks the command,
# "vppvalidate __complete WORD...", with the words up to the cursor, and
# offers what comes back. The answer's first line says how to use it:
# ":words" (words to offer), ":nospace" (the same, but the word goes on;
# fish adds no space after the "=" such words end in) or ":files PREFIX"
# (file names as well, in the word after PREFIX). Each other line is a
# word, maybe followed by a tab and a description, as fish takes them.

function __vppvalidate_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l out ($words[1] __complete $words[2..-1] $cur 2>/dev/null)
    or return
    set -l header $out[1]
    string match -q -- ':*' $header
    or return # not an answer: a binary older than this script
    printf '%s\n' $out[2..-1]
    if string match -q -- ':files*' $header
        set -l prefix (string replace -r '^:files ?' '' -- $header)
        set -l file (string sub -s (math (string length -- "$prefix") + 1) -- $cur)
        for p in (__fish_complete_path $file)
            printf '%s%s\n' $prefix $p
        end
    end
end

complete -c vppvalidate -f -a '(__vppvalidate_complete)'
