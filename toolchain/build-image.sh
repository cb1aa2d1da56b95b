#!/bin/bash
# build-image.sh: a bootable Debian bookworm arm64 image for the Raspberry Pi
# 3/4 (and for qemu's "virt" board), with briefboard installed and enabled.
#
#   sudo toolchain/build-image.sh [--deb FILE] [--out FILE.img] [--base-only]
#
# (--base-only: just fill the cache below, no package needed.)
#
# Everything comes from Debian packages: debootstrap, Debian's arm64 kernel
# (linux-image-arm64) and initramfs, Debian's raspi-firmware boot partition
# layout (a FAT partition labelled RASPIFIRM with the firmware, kernel,
# initrd, device trees, config.txt and cmdline.txt; an ext4 root labelled
# RASPIROOT), Mesa, SDL, fonts.  The arm64 package of briefboard (default:
# build/debs/briefboard_*_arm64.deb from ci/package.sh) is installed with
# apt and its service enabled.
#
# The config lives on the FAT partition, which any computer can open:
# briefboard/briefboard.cfg there (a copy of the sample) is what the service
# reads (a drop-in sets BRIEFBOARD_CONFIG).  Edit it before the first boot,
# or later; the display reloads it when it changes.
#
# Caching (build/image-cache/): the debootstrap tarball, and the whole root
# file system before briefboard is installed -- base system, kernel, the
# initramfs (built once: about 10 minutes under emulation) and the firmware.
# The cache key is a hash of the base stage's definition below; a rebuild
# with a new .deb takes a few minutes.
#
# Outputs (build/pi-image/): briefboard-arm64.img (the disk: dd or
# rpi-imager), vmlinuz and initrd.img (the same kernel and initramfs, for
# toolchain/boot-test.sh).  Needs root (chroot, mounts, binfmt_misc) and
# debootstrap, qemu-user-static, binfmt-support, dosfstools, mtools, fdisk,
# e2fsprogs.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
work=${BB_IMAGE_WORK:-$src/build/pi-image}
cache=${BB_IMAGE_CACHE:-$src/build/image-cache}
mirror=${BB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
secmirror=${BB_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
suite=bookworm
deb=""
base_only=0
out=$work/briefboard-arm64.img

BOOT_MIN_MIB=64               # the FAT partition: at least this, and half
                              # again what it holds (a later kernel and
                              # initramfs are copied over the old ones)
ALIGN_MIB=4                   # first partition's start, and rounding
ROOT_SLACK_MIB=96             # free space in the root file system as built
                              # (it grows to the card's size at first boot)

# The base stage: what is installed before briefboard.  Changing any of
# this (or BASE_FORMAT) makes a new cache entry.
BASE_FORMAT=2
base_packages="systemd-sysv udev kmod dbus initramfs-tools linux-image-arm64 raspi-firmware
systemd-timesyncd systemd-resolved iproute2 cloud-guest-utils fdisk e2fsprogs
libegl1 libgles2 libegl-mesa0 libgl1-mesa-dri libgbm1 fonts-noto-core fonts-dejavu-core
libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libconfig9 libfribidi0 libfontconfig1
adduser"
# Kernel command line on the Pi (cmdline.txt, written by raspi-firmware):
# no console blanking, no blinking cursor, quiet boot on the screen.
extra_cmdline="consoleblank=0 vt.global_cursor_default=0 quiet loglevel=3 logo.nologo"

usage() {
    echo "usage: $0 [--deb briefboard_VERSION_arm64.deb] [--out FILE.img] [--base-only]" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
        --deb) deb=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --base-only) base_only=1; shift ;;
        *) usage ;;
    esac
done

t0=$(date +%s)
step() { echo "== image [$(( $(date +%s) - t0 )) s] $*"; }

[ "$(id -u)" = 0 ] || { echo "$0: needs root (chroot, mounts)" >&2; exit 1; }
for tool in debootstrap qemu-aarch64-static mkfs.vfat mcopy sfdisk mkfs.ext4 update-binfmts; do
    command -v $tool >/dev/null || {
        echo "$0: $tool missing: apt-get install debootstrap qemu-user-static binfmt-support" \
             "dosfstools mtools fdisk e2fsprogs" >&2
        exit 1
    }
done

if [ -z "$deb" ] && [ $base_only = 0 ]; then
    deb=$(ls "$src"/build/debs/briefboard_*_arm64.deb 2>/dev/null | tail -n 1 || true)
    [ -n "$deb" ] || { echo "$0: no arm64 package: run ci/package.sh or pass --deb" >&2; exit 1; }
fi
[ -z "$deb" ] || deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

# The chroot runs arm64 programs through binfmt_misc (F flag: the
# interpreter is opened now, so nothing needs copying into the chroot).
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || { echo "$0: qemu-aarch64 binfmt unavailable" >&2; exit 1; }

mkdir -p "$work" "$cache"
root=$work/root
mounted=()
mount_chroot() {
    # apt in the chroot needs DNS; systemd-resolved's /etc/resolv.conf is a
    # link into /run, empty here: the host's for the while, then back.
    if [ -e "$root/etc/resolv.conf" ] || [ -L "$root/etc/resolv.conf" ]; then
        mv "$root/etc/resolv.conf" "$root/etc/resolv.conf.bb-build"
    fi
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    mount -t proc proc "$root/proc" && mounted+=("$root/proc")
    mount --bind /sys "$root/sys" && mounted+=("$root/sys")
    mount --bind /dev "$root/dev" && mounted+=("$root/dev")
    mount --bind /dev/pts "$root/dev/pts" && mounted+=("$root/dev/pts")
}
# mounts_under DIR: the mount points at or below DIR, deepest first.
mounts_under() {
    awk -v d="$1" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r
}
# remove_tree DIR: unmount whatever is still mounted below DIR (the
# chroot's /proc, /sys, /dev, or what an interrupted debootstrap second
# stage left), then remove it.  Never rm -rf through a mount: under a
# bind-mounted /dev that deletes the host's device nodes.
remove_tree() {
    local dir m
    [ -e "$1" ] || return 0
    dir=$(realpath "$1")
    for m in $(mounts_under "$dir"); do
        umount -l "$m" 2>/dev/null || true
    done
    if [ -n "$(mounts_under "$dir")" ]; then
        echo "build-image: still mounted below $dir, not removing it: $(mounts_under "$dir" | tr '\n' ' ')" >&2
        exit 1
    fi
    rm -rf --one-file-system "$dir"
}
umount_chroot() {
    local i m
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount -l "${mounted[$i]}" 2>/dev/null || true
    done
    mounted=()
    # Also what debootstrap's second stage mounts itself, if it was cut short.
    if [ -d "$root" ]; then
        for m in $(mounts_under "$(realpath "$root")"); do
            umount -l "$m" 2>/dev/null || true
        done
    fi
    if [ -e "$root/etc/resolv.conf.bb-build" ] || [ -L "$root/etc/resolv.conf.bb-build" ]; then
        rm -f "$root/etc/resolv.conf"
        mv "$root/etc/resolv.conf.bb-build" "$root/etc/resolv.conf"
    fi
}
trap umount_chroot EXIT
# Never wait for input (the apt configuration written below also keeps our
# /etc/default/raspi-firmware over the package's without asking).
in_root() {
    chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@" </dev/null
}

# --- Packages come from the host's apt, not from apt in the chroot ---
# apt under emulation is slow, and inside the chroot it lacks the host's
# name resolution (/etc/hosts, nsswitch) and apt configuration (proxies,
# snapshot settings): "Temporary failure resolving".  So the host's apt,
# with its own state for arm64 (toolchain/target-apt.sh, as for the sysroot),
# downloads exactly what the chroot lacks, and the chroot's apt installs it
# from a local repository in /var/tmp/bb-debs: no network inside at all.
apt_dir=$cache/apt-arm64
repo=$root/var/tmp/bb-debs
apt_status=/dev/null
# shellcheck source=toolchain/target-apt.sh
. "$src/toolchain/target-apt.sh"
host_apt() { target_apt arm64 "$apt_dir" "$apt_status" "$@"; }
# host_apt_download STATUS PACKAGE...: download what a system whose dpkg
# status is STATUS needs to install PACKAGE... (names or .deb paths), and
# make a local repository of exactly those in $repo.
host_apt_download() {
    apt_status=$1
    shift
    mkdir -p "$apt_dir/archives/partial" "$apt_dir/lists/partial" "$apt_dir/sources.list.d" \
             "$apt_dir/preferences.d"
    local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    printf 'deb [arch=arm64 signed-by=%s] %s %s main non-free-firmware\n' \
        "$keyring" "$mirror" "$suite" "$keyring" "$mirror" "$suite-updates" \
        "$keyring" "$secmirror" "$suite-security" >"$apt_dir/sources.list"
    host_apt update || return 1
    host_apt install -y --download-only "$@" || return 1
    # Only the versions apt picks now: the archive may hold older ones.
    rm -rf "$repo"
    mkdir -p "$repo"
    local name version v f
    host_apt install -y -s "$@" | sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1 \2/p' >"$apt_dir/inst.txt"
    while read -r name version; do
        v=${version//:/%3a}
        f=$(ls "$apt_dir/archives/${name%%:*}_${v}_"*.deb 2>/dev/null | head -n 1)
        if [ -z "$f" ]; then
            # A .deb named on the command line is not downloaded.
            for f in "$@" ""; do
                case $f in *.deb) [ "$(dpkg-deb -f "$f" Package)" = "${name%%:*}" ] && break ;; esac
            done
        fi
        [ -n "$f" ] || { echo "build-image: $name $version was not downloaded" >&2; return 1; }
        cp "$f" "$repo/"
    done <"$apt_dir/inst.txt"
    (cd "$repo" && dpkg-scanpackages . /dev/null >Packages 2>/dev/null)
    echo "build-image: $(ls "$repo" | grep -c '\.deb$') packages in the local repository"
}
# The chroot's apt sees only the local repository while installing.
local_repo_on() {
    mv "$root/etc/apt/sources.list" "$root/etc/apt/sources.list.bb-build"
    echo "deb [trusted=yes] file:/var/tmp/bb-debs ./" >"$root/etc/apt/sources.list"
    in_root apt-get update -q
}
local_repo_off() {
    mv "$root/etc/apt/sources.list.bb-build" "$root/etc/apt/sources.list"
    rm -rf "$repo" "$root/var/lib/apt/lists/"*
}
# An appliance, not a workstation: no manuals, documentation (the
# copyright files stay) or translations.  dpkg leaves them out from the
# second stage on; slim_root removes what the first stage unpacked.
write_dpkg_excludes() {
    mkdir -p "$root/etc/dpkg/dpkg.cfg.d"
    printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
        'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/info/*' \
        'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias' \
        'path-exclude=/usr/share/lintian/*' >"$root/etc/dpkg/dpkg.cfg.d/90briefboard-image"
}
slim_root() {
    find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
    find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
    find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
    rm -rf "$root/usr/share/man/"* "$root/usr/share/info/"* "$root/usr/share/lintian/"*
    in_root apt-get clean
    rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/"*.bin "$root/var/cache/debconf/"*-old \
           "$root/var/log/"*.log "$root/var/log/apt/"*
}

# Kernel modules for hardware no Pi 3/4 and no qemu "virt" board has, and
# for what a kiosk does not do: other vendors' GPUs, InfiniBand, SCSI, SATA
# and RAID, most of V4L/DVB, Ethernet and Wi-Fi chips of other makers,
# industrial sensors, sound cards, USB gadget and serial adapters, network
# and cluster file systems, the kernel's self-tests.  A module that a kept
# one depends on stays (modules.dep), whatever its folder: vc4 needs the
# CEC core and rc-core under drivers/media, and the sound core for HDMI
# audio, for instance.  The initramfs (built before) keeps its own copies.
# The device trees of other boards go too (the Pi's are in broadcom/).
prune_dirs="drivers/gpu/drm/amd drivers/gpu/drm/radeon drivers/gpu/drm/nouveau drivers/gpu/drm/msm
drivers/gpu/drm/tegra drivers/gpu/drm/vmwgfx drivers/gpu/drm/sun4i drivers/gpu/drm/rockchip
drivers/gpu/drm/meson drivers/gpu/drm/arm drivers/gpu/drm/etnaviv drivers/gpu/drm/hisilicon
drivers/gpu/drm/qxl drivers/gpu/drm/panfrost drivers/gpu/drm/lima drivers/gpu/drm/ast
drivers/gpu/drm/imx drivers/gpu/drm/udl drivers/gpu/drm/mxsfb drivers/gpu/drm/hyperv
drivers/infiniband drivers/iio drivers/target drivers/media drivers/scsi drivers/ata drivers/atm
drivers/firewire drivers/md drivers/nfc drivers/nvdimm drivers/cxl drivers/dax drivers/hv
drivers/xen drivers/vfio drivers/vhost drivers/edac drivers/hwtracing drivers/remoteproc
drivers/rpmsg drivers/soundwire drivers/slimbus drivers/ufs drivers/gnss drivers/memstick
drivers/parport drivers/android drivers/crypto drivers/staging drivers/tee drivers/platform
drivers/net/wireless drivers/net/ethernet drivers/net/can drivers/net/ipa drivers/net/dsa
drivers/net/hamradio drivers/net/ieee802154 drivers/net/wan drivers/net/wwan drivers/net/fddi
drivers/net/plip drivers/net/thunderbolt drivers/usb/gadget drivers/usb/serial
sound/pci sound/usb sound/isa sound/firewire sound/drivers sound/soc sound/hda sound/xen
fs/xfs fs/btrfs fs/smb fs/cifs fs/ocfs2 fs/nfs fs/nfsd fs/nfs_common fs/lockd fs/f2fs fs/ceph
fs/gfs2 fs/ubifs fs/afs fs/jfs fs/nilfs2 fs/reiserfs fs/dlm fs/ntfs3 fs/orangefs fs/coda fs/9p
fs/hfs fs/hfsplus fs/ufs fs/erofs fs/cachefiles fs/ksmbd fs/netfs fs/jffs2 fs/romfs fs/qnx4
fs/qnx6 fs/minix fs/sysv fs/befs fs/efs fs/omfs fs/adfs fs/affs fs/hpfs fs/freevxfs fs/cramfs
fs/zonefs net/ceph net/sunrpc net/rds net/tipc net/sctp net/dccp net/rxrpc net/9p
net/openvswitch net/mpls net/l2tp net/batman-adv net/atm net/can net/nfc net/ieee802154
net/6lowpan net/mac802154 net/ax25 net/rose net/netrom net/x25 net/appletalk net/phonet net/smc"
prune_modules() {
    local kdir ver d
    for kdir in "$root"/usr/lib/modules/*/; do
        ver=$(basename "$kdir")
        [ -f "$kdir/modules.dep" ] || continue
        (
            cd "$kdir" || exit 1
            {
                for d in $prune_dirs; do
                    if [ -d "kernel/$d" ]; then find "kernel/$d" -name '*.ko*'; fi
                done
                find kernel/lib -name 'test_*.ko*'
            } 2>/dev/null \
                | grep -v -e '^kernel/drivers/net/wireless/broadcom/' \
                          -e '^kernel/drivers/net/ethernet/broadcom/' \
                          -e '^kernel/drivers/net/ethernet/microchip/' \
                          -e '^kernel/drivers/net/ethernet/smsc/' \
                          -e '^kernel/drivers/media/cec/' -e '^kernel/drivers/media/rc/' \
                          -e '^kernel/drivers/media/mc/' -e '^kernel/drivers/media/v4l2-core/' \
                          -e '^kernel/drivers/media/platform/broadcom/' \
                          -e '^kernel/drivers/staging/vc04_services/' \
                          -e '^kernel/drivers/platform/raspberrypi' \
                          -e '^kernel/sound/soc/bcm/' \
                          -e '^kernel/drivers/scsi/sd_mod' -e '^kernel/drivers/scsi/sg\.' \
                          -e '^kernel/drivers/scsi/sr_mod' -e '^kernel/drivers/scsi/scsi_' \
                | sort >"$work/prune-candidates.txt"
            # Everything a kept module needs, transitively.
            sed 's/:.*//' modules.dep | sort >"$work/all-modules.txt"
            comm -23 "$work/all-modules.txt" "$work/prune-candidates.txt" >"$work/keep.txt"
            : >"$work/needed.txt"
            cp "$work/keep.txt" "$work/frontier.txt"
            while [ -s "$work/frontier.txt" ]; do
                awk -F': *' 'NR == FNR { want[$1] = 1; next }
                             ($1 in want) { n = split($2, d, " "); for (i = 1; i <= n; i++) print d[i] }' \
                    "$work/frontier.txt" modules.dep | sort -u >"$work/deps.txt"
                comm -23 "$work/deps.txt" "$work/needed.txt" >"$work/frontier.txt"
                sort -u "$work/needed.txt" "$work/frontier.txt" -o "$work/needed.txt"
            done
            comm -23 "$work/prune-candidates.txt" "$work/needed.txt" | xargs -r rm -f
        )
        in_root depmod "$ver"
        find "$root/usr/lib/linux-image-$ver" -mindepth 1 -maxdepth 1 ! -name broadcom \
            -exec rm -rf {} + 2>/dev/null || true
    done
}

# --- The base stage, from the cache when it can ---
key=$(printf '%s\n' "$BASE_FORMAT" "$suite" "$mirror" $base_packages "$extra_cmdline" \
      "$(sed -n -e '/^write_base_config()/,/^}/p' -e '/^write_dpkg_excludes()/,/^}/p' \
               -e '/^slim_root()/,/^}/p' "$0")" | sha256sum | cut -c1-16)
base_tar=$cache/base-arm64-$key.tar

write_base_config() {
    cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main non-free-firmware
deb $mirror $suite-updates main non-free-firmware
deb $secmirror $suite-security main non-free-firmware
EOF
    # An image, not a workstation: no recommended extras.
    printf 'APT::Install-Recommends "false";\nDpkg::Options { "--force-confdef"; "--force-confold"; };\n' \
        >"$root/etc/apt/apt.conf.d/90briefboard-image"
    # raspi-firmware writes config.txt and cmdline.txt from these when the
    # kernel is installed.  The last console gets the boot messages: the
    # serial port, so the screen stays quiet.
    cat >"$root/etc/default/raspi-firmware" <<EOF
ROOTPART="LABEL=RASPIROOT"
CONSOLES="tty1 ttyS1,115200"
EOF
    echo "$extra_cmdline" >"$root/etc/default/raspi-extra-cmdline"
    echo briefboard >"$root/etc/hostname"
    printf '127.0.0.1\tlocalhost\n127.0.1.1\tbriefboard\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' \
        >"$root/etc/hosts"
    cat >"$root/etc/fstab" <<EOF
LABEL=RASPIROOT  /              ext4  defaults,noatime                  0 1
LABEL=RASPIFIRM  /boot/firmware vfat  defaults,noatime,fmask=0133,dmask=0022  0 2
EOF
    mkdir -p "$root/boot/firmware"
    # Wired network by DHCP, for NTP: the clock of a Pi is wrong until then.
    mkdir -p "$root/etc/systemd/network"
    printf '[Match]\nName=e*\n\n[Network]\nDHCP=yes\n' >"$root/etc/systemd/network/20-wired.network"
    # Grow the root partition and file system to the card at boot (a no-op
    # once done).  MBR, as the Pi 3 firmware wants: growpart, not repart.
    cat >"$root/usr/local/sbin/briefboard-growroot" <<'EOF'
#!/bin/sh
# Grow the root partition and its ext4 file system to the end of the disk.
set -e
dev=$(findmnt -n -o SOURCE /)
disk=/dev/$(lsblk -n -o PKNAME "$dev")
part=$(cat "/sys/class/block/$(basename "$dev")/partition")
if growpart "$disk" "$part"; then
    resize2fs "$dev"
fi
EOF
    chmod 755 "$root/usr/local/sbin/briefboard-growroot"
    cat >"$root/etc/systemd/system/briefboard-growroot.service" <<'EOF'
[Unit]
Description=Grow the root file system to the whole card
DefaultDependencies=no
After=local-fs.target
Before=sysinit.target

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/briefboard-growroot
SuccessExitStatus=1

[Install]
WantedBy=sysinit.target
EOF
}

if [ -s "$base_tar" ]; then
    step "base system from the cache ($(basename "$base_tar"))"
    remove_tree "$root"
    mkdir -p "$root"
    tar -C "$root" --numeric-owner -xpf "$base_tar"
else
    tarball=$cache/debootstrap-$suite-arm64.tgz
    if [ ! -s "$tarball" ]; then
        step "debootstrap: downloading"
        remove_tree "$work/dl"
        debootstrap --arch=arm64 --variant=minbase --components=main,non-free-firmware \
            --make-tarball="$tarball.tmp" "$suite" "$work/dl" "$mirror" >"$work/debootstrap.log" 2>&1
        mv "$tarball.tmp" "$tarball"
        remove_tree "$work/dl"
    fi
    step "debootstrap: first stage"
    remove_tree "$root"
    debootstrap --arch=arm64 --variant=minbase --components=main,non-free-firmware --foreign \
        --unpack-tarball="$tarball" "$suite" "$root" "$mirror" >>"$work/debootstrap.log" 2>&1
    write_dpkg_excludes
    step "debootstrap: second stage (emulated)"
    chroot "$root" /debootstrap/debootstrap --second-stage >>"$work/debootstrap.log" 2>&1
    write_base_config
    step "base packages: downloading with the host's apt"
    # Only what the minimal system lacks: the chroot's dpkg status is the
    # starting point of the host's resolver.
    host_apt_download "$root/var/lib/dpkg/status" $base_packages >"$work/base.log" 2>&1 \
        || { tail -30 "$work/base.log"; exit 1; }
    mount_chroot
    # Nothing may start in the chroot.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    step "base packages, kernel, initramfs (emulated; about 15 minutes)"
    local_repo_on >>"$work/base.log" 2>&1
    # The kernel last, on its own: then the initramfs is built once, by the
    # kernel's hook, instead of again for every later package that triggers
    # initramfs-tools (udev, kmod, ...): each build is ~12 minutes emulated
    # (30-40 on a loaded machine).  raspi-firmware too goes first: it
    # activates the update-initramfs trigger (it ships an initramfs hook), so
    # installed beside the kernel it built the initramfs a second time.  On
    # its own it only copies the firmware to /boot/firmware (no kernel yet);
    # the kernel's z50-raspi-firmware hook adds the kernel and initramfs.
    kernel_packages="linux-image-arm64"
    other_packages=$(printf '%s\n' $base_packages | grep -v -x -F "$(printf '%s\n' $kernel_packages)")
    # shellcheck disable=SC2086
    if ! in_root apt-get install -y -q $other_packages >>"$work/base.log" 2>&1 \
       || ! in_root apt-get install -y -q $kernel_packages >>"$work/base.log" 2>&1; then
        tail -40 "$work/base.log"
        exit 1
    fi
    local_repo_off
    in_root systemctl enable systemd-networkd systemd-resolved systemd-timesyncd \
        briefboard-growroot.service >>"$work/base.log" 2>&1
    slim_root
    rm -f "$root/usr/sbin/policy-rc.d"
    umount_chroot
    step "saving the base stage to the cache"
    tar -C "$root" --numeric-owner -cpf "$base_tar.tmp" .
    mv "$base_tar.tmp" "$base_tar"
fi

if [ $base_only = 1 ]; then
    step "base stage ready: $base_tar"
    exit 0
fi

# --- briefboard ---
step "installing $(basename "$deb")"
mount_chroot
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
step "downloading its dependencies with the host's apt"
host_apt_download "$root/var/lib/dpkg/status" "$deb" >"$work/install.log" 2>&1 \
    || { tail -30 "$work/install.log"; exit 1; }
local_repo_on >>"$work/install.log" 2>&1
in_root apt-get install -y -q briefboard >>"$work/install.log" 2>&1 \
    || { tail -30 "$work/install.log"; exit 1; }
local_repo_off
rm -f "$root/usr/sbin/policy-rc.d"
in_root systemctl is-enabled briefboard.service
in_root apt-get clean
step "dropping kernel modules for hardware neither a Pi nor qemu has"
prune_modules
# Refresh config.txt/cmdline.txt from /etc/default/raspi-* (needs /proc to
# see that it runs in a chroot).
in_root env DEB_MAINT_PARAMS=configure /etc/kernel/postinst.d/z50-raspi-firmware
umount_chroot

# The config on the FAT partition.  Relative picture paths in it resolve
# next to it first, then under /usr/share/briefboard (the sample's
# "../assets/..." do).
mkdir -p "$root/boot/firmware/briefboard"
cp "$root/etc/briefboard/briefboard.cfg" "$root/boot/firmware/briefboard/briefboard.cfg"
cat >"$root/boot/firmware/briefboard/README.txt" <<'EOF'
briefboard reads briefboard.cfg in this folder (the sample; its reference is
"man briefboard.cfg" or docs/config.md).  Edit it on any computer before the
first boot, or later: the display reloads it when it changes.  Put your own
PNG/JPEG pictures in this folder and name them without a path
(file = "picture.png";).  Check a file with
    briefboard --check --config /boot/firmware/briefboard/briefboard.cfg
EOF
mkdir -p "$root/etc/systemd/system/briefboard.service.d"
cat >"$root/etc/systemd/system/briefboard.service.d/image.conf" <<'EOF'
# This image keeps the config on the FAT partition (RASPIFIRM), editable
# from any computer.
[Unit]
RequiresMountsFor=/boot/firmware

[Service]
Environment=BRIEFBOARD_CONFIG=/boot/firmware/briefboard/briefboard.cfg
EOF
# A new machine-id on first boot; no host keys or logs from the build.
: >"$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"
rm -rf "$root/var/lib/apt/lists/"* "$root/var/log/"*.log "$root/tmp/"*

# The boot test's checks inside the image (toolchain/boot-test.sh): inert
# unless the kernel command line has briefboard.boottest=1.
install -D -m 755 "$src/toolchain/boot-test-agent.sh" "$root/usr/local/lib/briefboard/boot-test-agent"
cat >"$root/etc/systemd/system/briefboard-boot-test.service" <<'EOF'
[Unit]
Description=briefboard boot test checks (only with briefboard.boottest=1)
ConditionKernelCommandLine=briefboard.boottest=1
Wants=briefboard.service
After=briefboard.service

[Service]
Type=simple
ExecStart=/usr/local/lib/briefboard/boot-test-agent
StandardOutput=journal+console

[Install]
WantedBy=multi-user.target
EOF
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -sf /etc/systemd/system/briefboard-boot-test.service \
    "$root/etc/systemd/system/multi-user.target.wants/briefboard-boot-test.service"

# --- The disk ---
step "file systems"
kernel=$(ls "$root"/boot/vmlinuz-* | sort -V | tail -n 1)
initrd=$(ls "$root"/boot/initrd.img-* | sort -V | tail -n 1)
cp "$kernel" "$work/vmlinuz"
cp "$initrd" "$work/initrd.img"
stage=$work/bootfs
rm -rf "$stage"
mv "$root/boot/firmware" "$stage"
mkdir -p "$root/boot/firmware"

boot_img=$work/boot.vfat
root_img=$work/root.ext4
rm -f "$boot_img" "$root_img"
boot_used_mib=$(du -s --block-size=1M "$stage" | cut -f1)
BOOT_MIB=$(( (boot_used_mib * 3 / 2 + ALIGN_MIB - 1) / ALIGN_MIB * ALIGN_MIB ))
[ "$BOOT_MIB" -ge "$BOOT_MIN_MIB" ] || BOOT_MIB=$BOOT_MIN_MIB
mkfs.vfat -F 32 -n RASPIFIRM -C "$boot_img" $((BOOT_MIB * 1024)) >/dev/null
mcopy -s -i "$boot_img" "$stage"/* ::/
used_mib=$(du -s --block-size=1M "$root" | cut -f1)
root_mib=$(( (used_mib * 11 / 10 + ROOT_SLACK_MIB + ALIGN_MIB - 1) / ALIGN_MIB * ALIGN_MIB ))
mkfs.ext4 -q -L RASPIROOT -d "$root" "$root_img" ${root_mib}M
# Put the FAT content back so a rerun of the last steps finds it.
rm -rf "$root/boot/firmware"
mv "$stage" "$root/boot/firmware"

step "disk image: ${BOOT_MIB} MiB boot + ${root_mib} MiB root"
total_mib=$((ALIGN_MIB + BOOT_MIB + root_mib))
rm -f "$out.tmp"
truncate -s ${total_mib}M "$out.tmp"
sfdisk -q "$out.tmp" <<EOF
label: dos
start=${ALIGN_MIB}MiB, size=${BOOT_MIB}MiB, type=c, bootable
start=$((ALIGN_MIB + BOOT_MIB))MiB, size=${root_mib}MiB, type=83
EOF
dd if="$boot_img" of="$out.tmp" bs=1M seek=$ALIGN_MIB conv=notrunc status=none
dd if="$root_img" of="$out.tmp" bs=1M seek=$((ALIGN_MIB + BOOT_MIB)) conv=notrunc status=none
rm -f "$boot_img" "$root_img"
mv "$out.tmp" "$out"
step "done: $out ($(du -h --apparent-size "$out" | cut -f1)), $work/vmlinuz, $work/initrd.img"
