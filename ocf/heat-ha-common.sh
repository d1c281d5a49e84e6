# heat-ha-common.sh: what the heat-ha OCF agents share. make copies it into
# each agent in place of the line "# @include heat-ha-common.sh@", so an
# installed agent is one file that needs only ocf-shellfuncs.
#
# The caller defines, before the copy: HH_NAME (the program's name, for
# messages) and the OCF_RESKEY_binary, _user, _pid parameters.

# hh_timeout_s: the current action's timeout in seconds (Pacemaker's
# OCF_RESKEY_CRM_meta_timeout, in ms; 20 s without one).
hh_timeout_s() {
    t=${OCF_RESKEY_CRM_meta_timeout:-20000}
    case $t in
    '' | *[!0-9]*) t=20000 ;;
    esac
    t=$((t / 1000))
    [ "$t" -lt 2 ] && t=2
    echo "$t"
}

# hh_now_ds: a clock in tenths of a second (monotonic enough for waits).
hh_now_ds() {
    read -r up _ </proc/uptime
    up=${up%.*}${up#*.}
    echo "${up%?}"
}

# hh_alive PID: the process exists and is not a zombie.
hh_alive() {
    kill -0 "$1" 2>/dev/null || return 1
    case $(ps -p "$1" -o stat= 2>/dev/null) in
    Z*) return 1 ;;
    esac
    return 0
}

# hh_pid: print the pid of the running program from the pid file and
# succeed, or fail (no file, no process, a zombie, or a process that is not
# running our binary: a recycled pid).
hh_pid() {
    [ -s "$OCF_RESKEY_pid" ] || return 1
    read -r p <"$OCF_RESKEY_pid" 2>/dev/null || return 1
    case $p in
    '' | *[!0-9]*) return 1 ;;
    esac
    info=$(ps -p "$p" -o stat= -o args= 2>/dev/null) || return 1
    case $info in
    Z*) return 1 ;;
    *"${OCF_RESKEY_binary##*/}"*) ;;
    *) return 1 ;;
    esac
    echo "$p"
}

# hh_run_as CMD ARG...: run a command as OCF_RESKEY_user (directly when
# that is the current user).
hh_run_as() {
    if [ "$(id -un)" = "$OCF_RESKEY_user" ]; then
        "$@"
    else
        # shellcheck disable=SC2016 # expanded by the user's shell
        su -s /bin/sh -c 'exec "$0" "$@"' -- "$OCF_RESKEY_user" "$@"
    fi
}

# hh_state_dir DIR: create DIR for the program's pid file and sockets,
# owned by OCF_RESKEY_user.
hh_state_dir() {
    [ -d "$1" ] && return 0
    mkdir -p "$1" || return 1
    chown "$OCF_RESKEY_user" "$1"
}

# hh_validate_common: the binary, the user and the configuration file.
# Returns an OCF code after ocf_exit_reason.
hh_validate_common() {
    if ! command -v "$OCF_RESKEY_binary" >/dev/null 2>&1; then
        if ocf_is_probe; then
            return "$OCF_NOT_RUNNING"
        fi
        ocf_exit_reason "$HH_NAME binary $OCF_RESKEY_binary not found"
        return "$OCF_ERR_INSTALLED"
    fi
    if ! getent passwd "$OCF_RESKEY_user" >/dev/null 2>&1; then
        ocf_exit_reason "user $OCF_RESKEY_user does not exist"
        return "$OCF_ERR_INSTALLED"
    fi
    if [ ! -r "$OCF_RESKEY_config" ]; then
        # a configuration on shared storage may be missing during a probe
        if ocf_is_probe; then
            return "$OCF_NOT_RUNNING"
        fi
        ocf_exit_reason "configuration file $OCF_RESKEY_config is not readable"
        return "$OCF_ERR_CONFIGURED"
    fi
    return "$OCF_SUCCESS"
}

# hh_stop_pid: stop the program of the pid file: SIGTERM, then SIGKILL
# when it outlives the stop timeout less a margin (a quarter of it, at most
# 5 s), then wait for its end. Idempotent; removes the pid file. Returns an
# OCF code.
hh_stop_pid() {
    if ! p=$(hh_pid); then
        rm -f "$OCF_RESKEY_pid"
        ocf_log info "$HH_NAME is already stopped"
        return "$OCF_SUCCESS"
    fi
    total=$(($(hh_timeout_s) * 10))
    margin=$((total / 4))
    [ "$margin" -gt 50 ] && margin=50
    start=$(hh_now_ds)
    kill -TERM "$p" 2>/dev/null
    while hh_alive "$p"; do
        if [ $(($(hh_now_ds) - start)) -ge $((total - margin)) ]; then
            ocf_log warn "$HH_NAME (pid $p) outlived SIGTERM for $(((total - margin) / 10)) s: SIGKILL"
            kill -KILL "$p" 2>/dev/null
            break
        fi
        sleep 0.1
    done
    while hh_alive "$p"; do
        if [ $(($(hh_now_ds) - start)) -ge "$total" ]; then
            ocf_exit_reason "$HH_NAME (pid $p) survived SIGKILL"
            return "$OCF_ERR_GENERIC"
        fi
        sleep 0.1
    done
    rm -f "$OCF_RESKEY_pid"
    ocf_log info "$HH_NAME (pid $p) stopped"
    return "$OCF_SUCCESS"
}
