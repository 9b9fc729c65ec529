# shellcheck shell=bash
# The kinds of finding the bench puts in every resource of a collection,
# sourced by run.sh (which times each) and pgo.sh (which profiles each).
#
# One row per kind: its key (the collection is collection-KEY.json), the
# sed script that makes it from collection.json, and what the finding is.
FINDING_KINDS='findings	s/"actionName":/"ActionName":/g	a property name'"'"'s case in every resource (an unknown and a missing property)
enum	s/"actionState":"\([a-z]\)/"actionState":"\U\1/g	an enum member'"'"'s case in every resource
odata-type	s/ActionResult","/ActionResultX","/g	a misspelt @odata.type in every resource
odata-type-prefix	s/"@odata.type":"#/"@odata.type":"/g	an @odata.type without its # in every resource
fraction	s/"totalLicensesCount":\([0-9]*\)/"totalLicensesCount":\1.5/g	a fraction for an Int32 in every resource
date-time	s/"startDateTime":"\([^"]*\)"/"startDateTime":"\1x"/g	a date-time that is not RFC 3339 in every resource
duplicate-key	s/"actionState":\("[^"]*"\)/"actionState":\1,"actionState":\1/g	a repeated member in every resource
time-order	s/"startDateTime":"20/"startDateTime":"29/g	a lint finding (time-order) in every resource
failed-exceeds-total	s/"failedLicensesCount":[0-9]*/"failedLicensesCount":2147483647/g	a lint finding (failed-exceeds-total) in nearly every resource
array-for-string	s/"actionState":\("[^"]*"\)/"actionState":[\1]/g	an array where a string belongs in every resource
nested-unknown	s/"actionName":/"details":{"reason":[1,"x"]},"actionName":/g	an unknown member holding an object in every resource
deep-unknown	s/"actionName":/"details":{"a":{"b":{"c":[{"d":{"e":null}}]}}},"actionName":/g	an unknown member holding values nested five deep in every resource
wide-unknown	s/"actionName":/"details":{"m0":0,"m1":1,"m2":2,"m3":3,"m4":4,"m5":5,"m6":6,"m7":7,"m8":8,"m9":9,"m10":10,"m11":11,"m12":12,"m13":13,"m14":14,"m15":15,"m16":16,"m17":17,"m18":18,"m19":19},"actionName":/g	an unknown member holding an object of 20 members in every resource
non-string-type	s/"@odata.type":"[^"]*"/"@odata.type":42/g	a number for @odata.type in every resource
pascal-case	1s/^.*"value":\[/[/;$s/\]}$/]/;s/"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult",//;s/"\([a-z]\)\([A-Za-z]*\)":/"\U\1\E\2":/g	every member name in PascalCase and no @odata.type, in a bare array: the type is told by near misses'
# The same for tokens.json: vppTokens whose mistake is in the token or in
# the results it holds, which are checked as resources of their own.
TOKEN_KINDS='state	s/"state":"\([a-z]\)/"state":"\U\1/g	an enum member'"'"'s case in every vppToken
result-enum	s/"actionState":"\([a-z]\)/"actionState":"\U\1/g	an enum member'"'"'s case in every result a vppToken holds
result-untyped	s/"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult",//g	revoke results without their @odata.type (an odata-type error each) in nearly every vppToken
result-exceeds	s/"failedLicensesCount":[0-9]*/"failedLicensesCount":2147483647/g	a lint finding (failed-exceeds-total) in nearly every vppToken'"'"'s revoke results'
# The kinds ajv-cli is timed on too (it stops at the first error, so one
# kind of finding times it as well as many).
AJV_KINDS="findings enum"
