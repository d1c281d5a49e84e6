# free_port.sh: free_port [USED]: print a TCP port in 20000..59999 that no
# socket listens on and that is not in the space-separated list USED; 1
# when none was found in 50 tries. Sourced by mariadb_lib.sh (for mariadb.sh
# and galera.sh).
# shellcheck shell=sh
free_port() {
    fp_i=0
    while [ $fp_i -lt 50 ]; do
        fp_p=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
        case " ${1:-} " in
        *" $fp_p "*) ;;
        *)
            if ! ss -Hltn "sport = :$fp_p" 2>/dev/null | grep -q .; then
                echo "$fp_p"
                return 0
            fi
            ;;
        esac
        fp_i=$((fp_i + 1))
    done
    return 1
}
