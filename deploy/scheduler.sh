#!/bin/sh
# The scheduled jobs of README.md ("Scheduled jobs") for a container platform without cron or systemd timers:
# hourly jobs at minute 5, daily jobs at 03:xx, the monthly job on the 2nd. Each job is safe to repeat; a failing
# job is logged and the loop goes on (the next run retries). Times are the container's (TZ).
set -u

run() {
    echo "scheduler: klankbord $*"
    klankbord "$@" || echo "scheduler: klankbord $* FAILED (exit $?)" >&2
}

while :; do
    # Sleep until five minutes past the next hour (hour boundaries of the epoch; whole-hour time zones).
    now=$(date +%s)
    next=$(( now / 3600 * 3600 + 300 ))
    [ "$next" -le "$now" ] && next=$(( next + 3600 ))
    sleep $(( next - now ))
    run support send-reminders
    if [ "$(date +%H)" = "03" ]; then
        run audit verify
        run clearsessions
        run prune_db_task_results
        run mail prune
        run recruitment purge
        run recruitment vog-reminders
        run network send-reminders
        run purge_pending_uploads
        run signals sweep-cases
        if [ "$(date +%d)" = "02" ]; then
            run signals check-warnings
        fi
    fi
done
