# bash completion for schemake and its tools.
_schemake_files_or() {
	COMPREPLY=($(compgen -W "$1" -- "$2"))
}

_schemake_migrate() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local verbs="new upgrade downgrade current history heads show status stamp verify hash server diff check revision"
	local opts="--database-url --migrations-dir --project-dir --password-file --dry-run --single-transaction
		--allow-out-of-order --resume --lock-timeout --json --exit-code --offline --message --from --to
		--database --rename --allow-destructive --autogenerate --quiet --help --version"
	case $prev in
	-d | --migrations-dir | -C | --project-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--password-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	server) _schemake_files_or "status start stop" "$cur"; return ;;
	upgrade | downgrade | stamp | show) _schemake_files_or "head base +1 -1" "$cur"; return ;;
	esac
	if [[ $cur == -* ]]; then
		_schemake_files_or "$opts" "$cur"
	else
		_schemake_files_or "$verbs" "$cur"
	fi
}

_schemake_tool_options() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	case $prev in
	-o | --output | --from-snapshot | --json-output | --from-dump | --check) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--from-migrations | -C | --project-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		local help
		help=$("${COMP_WORDS[0]}" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
		_schemake_files_or "$help" "$cur"
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

_schemake() {
	local cur=${COMP_WORDS[COMP_CWORD]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		_schemake_files_or "migrate dump prepare-init codegen reset --help --version" "$cur"
		return
	fi
	case ${COMP_WORDS[1]} in
	migrate) COMP_WORDS=("schemake-migrate" "${COMP_WORDS[@]:2}"); COMP_CWORD=$((COMP_CWORD - 1)); _schemake_migrate ;;
	*) COMP_WORDS=("schemake-${COMP_WORDS[1]}" "${COMP_WORDS[@]:2}"); COMP_CWORD=$((COMP_CWORD - 1)); _schemake_tool_options ;;
	esac
}

complete -F _schemake schemake
complete -F _schemake_migrate schemake-migrate
complete -F _schemake_tool_options schemake-dump schemake-prepare-init schemake-codegen schemake-reset
