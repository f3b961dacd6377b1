# The first process of a sandbox's network, PID and mount namespaces, run as root inside them.
#   $1  the ring's directory, the one place a submission may write ('' leaves the view as it is)
#   $2  the PID namespace's pid_max
# Each step may fail on a machine that forbids it: the sandbox is then only looser. At the end it
# says which pid_max holds, then waits on its stdin: should conform itself die, the pipe closes,
# this process exits and the kernel ends every process in the namespace.
ring=$1
ip link set lo up || exit 1

# A pid_max of its own (Linux 6.14 and later): a wall for process bombs where no cgroup is.
echo "$2" > /proc/sys/kernel/pid_max 2>/dev/null

if [ -n "$ring" ]; then
  mount --make-rprivate / 2>/dev/null

  # A /dev of its own, built on the ring's directory and moved into place: the harmless devices,
  # the terminals, a private /dev/shm, and no disks.
  if mount -t tmpfs -o mode=755,size=1m conform-dev "$ring" 2>/dev/null; then
    for device in null zero full random urandom tty; do
      : > "$ring/$device" && mount --bind "/dev/$device" "$ring/$device"
    done
    mkdir "$ring/pts" "$ring/shm"
    mount --bind /dev/pts "$ring/pts"
    mount -t tmpfs -o mode=1777,size=64m conform-shm "$ring/shm"
    ln -s /proc/self/fd "$ring/fd"
    ln -s /proc/self/fd/0 "$ring/stdin"
    ln -s /proc/self/fd/1 "$ring/stdout"
    ln -s /proc/self/fd/2 "$ring/stderr"
    ln -s pts/ptmx "$ring/ptmx"
    mount --move "$ring" /dev 2>/dev/null || umount -l "$ring"
  fi

  # The kernel's settings in /proc, then every mount, read-only; then the ring's directory and
  # /dev/shm writable again.
  for setting in /proc/sys /proc/sysrq-trigger /proc/irq /proc/bus /proc/fs; do
    [ -e "$setting" ] && mount --bind "$setting" "$setting" 2>/dev/null
  done
  mount --bind "$ring" "$ring" 2>/dev/null
  while read -r _ _ _ _ point _; do
    [ "$point" = /proc ] || mount -o remount,bind,ro "$point" 2>/dev/null
  done < /proc/self/mountinfo
  mount -o remount,bind,rw "$ring" 2>/dev/null
  mount -o remount,bind,rw /dev/shm 2>/dev/null
fi

echo "ready $(cat /proc/sys/kernel/pid_max)"
read -r _
